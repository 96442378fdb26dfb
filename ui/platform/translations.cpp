// SPDX-License-Identifier: MIT
#include "translations.h"

#include "core/translationfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>
#include <vector>

namespace td::Translations {

namespace {
std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

QStringList &loaded()
{
    static QStringList files;
    return files;
}

} // namespace

QStringList searchPaths()
{
    return TranslationFiles::searchPaths();
}

QString languageArgument(const QStringList &args)
{
    const QString option = QStringLiteral("--lang");
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == option && i + 1 < args.size())
            return args.at(i + 1);
        if (a.startsWith(option + QLatin1Char('=')))
            return a.mid(option.size() + 1);
    }
    return {};
}

QLocale localeFor(const QString &language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

bool install(QCoreApplication &app, const QLocale &locale)
{
    for (const auto &t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();
    loaded().clear();
    QLocale::setDefault(locale);

    bool found = false;
    for (const QString &dir : searchPaths()) {
        auto t = std::make_unique<QTranslator>();
        if (t->load(locale, QStringLiteral("tokendesk"), QStringLiteral("_"), dir)) {
            loaded() << t->filePath();
            app.installTranslator(t.get());
            installed().push_back(std::move(t));
            found = true;
            break;
        }
    }
    // English is the source language, but its plural forms ("%n token(s)") come from
    // tokendesk_en.qm: the fallback for every locale without a translation of its own.
    for (const QString &dir : found ? QStringList() : searchPaths()) {
        auto t = std::make_unique<QTranslator>();
        if (t->load(QStringLiteral("tokendesk_en"), dir)) {
            loaded() << t->filePath();
            app.installTranslator(t.get());
            installed().push_back(std::move(t));
            break;
        }
    }
    // Qt's own strings (standard buttons, context menus, the file dialog), when installed
    // (Debian package qt6-translations-l10n).
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        loaded() << qt->filePath();
        app.installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    return found;
}

QStringList loadedFiles()
{
    return loaded();
}

} // namespace td::Translations
