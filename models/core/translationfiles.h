// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace td::TranslationFiles {

/// Folders searched for tokendesk_<lang>.qm, first match wins: next to the executable
/// (<bindir>/../share/tokendesk/translations), the install folder, and, for programs started
/// from the build tree, <build>/translations. The console's translations and the server's
/// e-mail notices read the same files.
QStringList searchPaths();

} // namespace td::TranslationFiles
