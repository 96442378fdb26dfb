// SPDX-License-Identifier: MIT
#include "consoleapp.h"

#include "consolecontext.h"
#include "mainwindow.h"
#include "store/appinfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

namespace td {

int runConsole(QApplication &app)
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QApplication::setApplicationDisplayName(QObject::tr("TokenDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("TokenDesk console: API tokens and mobile sessions."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        QObject::tr("SQLite file or postgresql://user@host:port/dbname."),
        QStringLiteral("FILE|URL"));
    parser.addOption(database);
    parser.process(app);

    DatabaseLocation location = DatabaseLocation::defaultLocation();
    if (parser.isSet(database)) {
        auto parsed = DatabaseLocation::parse(parser.value(database));
        if (!parsed) {
            QMessageBox::critical(nullptr, QObject::tr("TokenDesk"), parsed.error().message);
            return 2;
        }
        location = parsed.value();
    }
    auto store = Store::open(location, Store::OpenMode::CreateIfMissing);
    if (!store) {
        QMessageBox::critical(nullptr, QObject::tr("Cannot open the TokenDesk store"),
                              store.error().message);
        return 7;
    }
    if (!store.value()->isInitialized()) {
        QMessageBox::information(
            nullptr, QObject::tr("TokenDesk"),
            QObject::tr("The store %1 is new. First-run set-up is not built yet.")
                .arg(location.display()));
        return 0;
    }
    ConsoleContext context(std::move(store.value()), Actor::system(QStringLiteral("console")));
    MainWindow window(context);
    window.show();
    return app.exec();
}

} // namespace td
