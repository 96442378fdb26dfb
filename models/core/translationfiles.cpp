// SPDX-License-Identifier: MIT
#include "translationfiles.h"

#include <QCoreApplication>
#include <QDir>

namespace td::TranslationFiles {

namespace {
bool insideBuildTree(const QString &dir)
{
    const QString build = QDir::cleanPath(QStringLiteral(TOKENDESK_BUILD_DIR));
    const QString here = QDir::cleanPath(dir);
    return here == build || here.startsWith(build + QLatin1Char('/'));
}
} // namespace

QStringList searchPaths()
{
    QStringList paths;
    const QString appDir = QCoreApplication::applicationDirPath();
    if (!appDir.isEmpty())
        paths << QDir::cleanPath(appDir + QStringLiteral("/../share/tokendesk/translations"));
    const QString installDir = QStringLiteral(TOKENDESK_INSTALL_TRANSLATIONS_DIR);
    if (!paths.contains(installDir))
        paths << installDir;
    // A program of the build tree (the console, a test) reads the .qm files lrelease just made.
    if (appDir.isEmpty() || insideBuildTree(appDir))
        paths.prepend(QStringLiteral(TOKENDESK_BUILD_DIR "/translations"));
    return paths;
}

} // namespace td::TranslationFiles
