// SPDX-License-Identifier: MIT
#include "servermain.h"
#include "store/appinfo.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    td::setApplicationIdentity(QStringLiteral("tokendesk-server"));
    return td::runServer(app);
}
