// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace td {

/// The console's translations: tokendesk_<lang>.qm and Qt's own qtbase_<lang>.qm.
namespace Translations {

/// Folders searched for tokendesk_<lang>.qm, first match wins: next to the executable
/// (<bindir>/../share/tokendesk/translations), the install folder, and, for programs started
/// from the build tree, <build>/translations.
QStringList searchPaths();

/// The value of "--lang LANG" or "--lang=LANG" in args (empty when absent). Read before the
/// command-line parser runs so that --help is translated too.
QString languageArgument(const QStringList &args);

/// QLocale(language), or the system locale when language is empty.
QLocale localeFor(const QString &language);

/// Installs translators for locale on app (replacing ones installed before by this function)
/// and makes locale the default QLocale, so dates and numbers follow it. Returns false when no
/// TokenDesk translation matches the locale; then the English plural forms are loaded.
bool install(QCoreApplication &app, const QLocale &locale = QLocale::system());

/// The files install() loaded last, for diagnostics and tests.
QStringList loadedFiles();

} // namespace Translations
} // namespace td
