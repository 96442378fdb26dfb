// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace td {

/// The key under which a network client is counted by every per-client limit (failed bearer
/// tokens, failed sign-ins, connections per address): an IPv4 address as it is, an IPv4-mapped
/// IPv6 address as its IPv4 address, and an IPv6 address by its /64 — one subscriber usually
/// holds a whole /64, so counting single IPv6 addresses would let one client rotate through
/// 2^64 of them. Anything that is not an IP address (e.g. "local") is its own key.
QString clientKey(const QString &address);

} // namespace td
