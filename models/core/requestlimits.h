// SPDX-License-Identifier: MIT
#pragma once

namespace td::RequestLimits {

/// The most row ids one request names (tokens or sessions to revoke or delete, the rows left
/// out of a whole filter): what tokendesk-server accepts in one body (within the default
/// --max-body-bytes) and so what the console acts on at once, on either transport, so that an
/// action on a selection is one request and one transaction.
constexpr int MaxIds = 1000;

/// A leak report (POST /api/v1/leaks): the most tokens one request reports, and the longest
/// token value, url and source (in characters) an item may have. Longer is refused, not clipped.
constexpr int MaxLeakReports = 100;
constexpr int MaxLeakToken = 256;
constexpr int MaxLeakUrl = 2048;
constexpr int MaxLeakSource = 100;

} // namespace td::RequestLimits
