// SPDX-License-Identifier: MIT
#include "admincli.h"
#include "store/appinfo.h"

#include <QCoreApplication>
#include <QFile>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    td::setApplicationIdentity(QStringLiteral("tokendesk-admin"));
    QFile in, out, err;
    in.open(stdin, QIODevice::ReadOnly);
    out.open(stdout, QIODevice::WriteOnly);
    err.open(stderr, QIODevice::WriteOnly);
    return td::runAdminCli(QCoreApplication::arguments(), in, out, err);
}
