// SPDX-License-Identifier: MIT
#include "appinfo.h"

#include <QCoreApplication>

#ifndef TOKENDESK_VERSION
#define TOKENDESK_VERSION "0.0.0"
#endif

namespace td {

void setApplicationIdentity(const QString &programName)
{
    Q_UNUSED(programName);
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setOrganizationDomain(QStringLiteral("tokendesk.example.org"));
    QCoreApplication::setApplicationName(QStringLiteral("tokendesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENDESK_VERSION));
}

QString versionString()
{
    return QStringLiteral(TOKENDESK_VERSION);
}

} // namespace td
