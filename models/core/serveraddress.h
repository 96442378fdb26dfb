// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

/// The address of a tokendesk-server as people write it: the console's "Server URL in
/// examples", the server's --public-url. One rule for both.
namespace td::ServerAddress {

/// Why `url` is not a server address (empty when it is): http:// or https://, a host, no user
/// name or password, no query or fragment.
QString whyNot(const QString &url);
/// Trimmed, without trailing slashes (the examples append /api/v1/…).
QString normalized(const QString &url);

} // namespace td::ServerAddress
