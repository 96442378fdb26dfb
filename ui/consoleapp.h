// SPDX-License-Identifier: MIT
#pragma once

class QApplication;

namespace td {

/// The console's start: options, opening the store (a dialog names the file and the cause when
/// it cannot be opened), first run or sign-in, then the main window.
int runConsole(QApplication &app);

} // namespace td
