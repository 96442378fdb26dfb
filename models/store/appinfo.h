// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace td {

/// Application name and version shared by the three programs, so that QStandardPaths gives
/// all of them the same data folder (~/.local/share/tokendesk).
void setApplicationIdentity(const QString &programName);
QString versionString();

} // namespace td
