// SPDX-License-Identifier: MIT
#include "consoleapp.h"
#include "store/appinfo.h"

#include <QApplication>

int main(int argc, char **argv)
{
    td::ConsoleOptions options;
    {
        // --help, --version and usage errors are answered before a display is needed.
        QCoreApplication early(argc, argv);
        td::setApplicationIdentity(QStringLiteral("tokendesk"));
        if (const std::optional<int> done =
                td::parseConsoleOptions(QCoreApplication::arguments(), &options))
            return *done;
    }
    QApplication app(argc, argv);
    return td::runConsole(app, options);
}
