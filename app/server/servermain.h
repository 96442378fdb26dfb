// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

class QCoreApplication;

namespace td {

/// tokendesk-server: parses the options, opens the store, serves until SIGTERM/SIGINT.
/// Returns the process exit code (0 after a clean shutdown).
int runServer(QCoreApplication &app);

} // namespace td
