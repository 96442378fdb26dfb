// SPDX-License-Identifier: MIT
#include "serveraddress.h"

#include <QUrl>

namespace td::ServerAddress {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("td::ServerAddress", text);
}
} // namespace

QString whyNot(const QString &url)
{
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (url.trimmed().isEmpty())
        return tr("Enter the server's address, such as https://tokens.example.org.");
    if (!u.isValid() ||
        (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")))
        return tr("The address must start with https:// (or http://), such as "
                  "https://tokens.example.org.");
    if (u.host().isEmpty())
        return tr("The address names no server: write it as https://tokens.example.org.");
    if (!u.userInfo().isEmpty())
        return tr("The address must not contain a user name or password.");
    if (u.hasQuery() || u.hasFragment())
        return tr("The address must not contain a query (?…) or a fragment (#…).");
    return {};
}

QString normalized(const QString &url)
{
    QString u = url.trimmed();
    while (u.endsWith(QLatin1Char('/')))
        u.chop(1);
    return u;
}

} // namespace td::ServerAddress
