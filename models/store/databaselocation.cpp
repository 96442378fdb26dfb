// SPDX-License-Identifier: MIT
#include "databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace td {

DatabaseLocation DatabaseLocation::sqlite(const QString &path)
{
    DatabaseLocation l;
    l.m_backend = Backend::SQLite;
    l.m_path = QFileInfo(path).absoluteFilePath();
    return l;
}

DatabaseLocation DatabaseLocation::defaultLocation()
{
    // AppDataLocation of an application named "tokendesk" without an organisation, spelled out
    // so that every program (console, server, CLI) finds the same file whatever it is called.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                        QStringLiteral("/tokendesk");
    return sqlite(QDir(dir).filePath(QStringLiteral("tokendesk.sqlite")));
}

namespace {

/// The URL as it may be shown: a password in its user part becomes "***".
QString withoutPassword(const QString &url, QString *password)
{
    static const QRegularExpression userInfo(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*://[^/@:]*:)([^/@]*)@"));
    const QRegularExpressionMatch m = userInfo.match(url);
    if (!m.hasMatch() || m.capturedLength(2) == 0)
        return url;
    *password = m.captured(2);
    return m.captured(1) + QStringLiteral("***@") + url.mid(m.capturedEnd(0));
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &spec)
{
    const QString s = spec.trimmed();
    QString password;
    const QString shown = withoutPassword(s, &password);
    if (s.isEmpty())
        return Error(Errc::InvalidArgument,
                     QCoreApplication::translate("DatabaseLocation", "No database was given."),
                     QStringLiteral("database"));
    if (!s.startsWith(QLatin1String("postgresql://")) &&
        !s.startsWith(QLatin1String("postgres://"))) {
        if (s.contains(QLatin1String("://")))
            return Error(
                Errc::InvalidArgument,
                QCoreApplication::translate("DatabaseLocation",
                                            "Unsupported database URL \"%1\": use a file path or "
                                            "postgresql://user@host:port/dbname.")
                    .arg(shown),
                QStringLiteral("database"));
        return sqlite(s);
    }
    const QUrl url(s, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message quotes the whole URL ("source was …").
        QString why = url.errorString();
        if (!password.isEmpty()) // as typed, and decoded (QUrl shows parts decoded)
            for (const QString &p : {password, QUrl::fromPercentEncoding(password.toUtf8())})
                why.replace(p, QStringLiteral("***"));
        return Error(
            Errc::InvalidArgument,
            QCoreApplication::translate("DatabaseLocation", "The PostgreSQL URL is not valid: %1")
                .arg(why),
            QStringLiteral("database"));
    }
    if (!url.password().isEmpty())
        return Error(Errc::InvalidArgument,
                     QCoreApplication::translate(
                         "DatabaseLocation",
                         "Do not put the PostgreSQL password in the URL (it would show in process "
                         "lists and shell history); store it in the keychain, PGPASSWORD or "
                         "~/.pgpass."),
                     QStringLiteral("database"));
    if (url.hasQuery() || url.hasFragment())
        return Error(Errc::InvalidArgument,
                     QCoreApplication::translate("DatabaseLocation",
                                                 "The PostgreSQL URL takes no query or fragment: "
                                                 "postgresql://user@host:port/dbname."),
                     QStringLiteral("database"));
    DatabaseLocation l;
    l.m_backend = Backend::PostgreSQL;
    l.m_host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    l.m_port = url.port(5432);
    l.m_user = url.userName();
    QString db = url.path();
    if (db.startsWith(QLatin1Char('/')))
        db.remove(0, 1);
    if (db.isEmpty() || db.contains(QLatin1Char('/')))
        return Error(Errc::InvalidArgument,
                     QCoreApplication::translate("DatabaseLocation",
                                                 "The PostgreSQL URL must name one database: "
                                                 "postgresql://user@host:port/dbname."),
                     QStringLiteral("database"));
    l.m_dbName = db;
    if (l.m_port <= 0 || l.m_port > 65535)
        return Error(Errc::InvalidArgument,
                     QCoreApplication::translate("DatabaseLocation",
                                                 "The PostgreSQL port must be 1 to 65535."),
                     QStringLiteral("database"));
    return l;
}

QString DatabaseLocation::display() const
{
    if (m_backend == Backend::SQLite)
        return m_path;
    QString userPart = m_user.isEmpty() ? QString() : m_user + QLatin1Char('@');
    return QStringLiteral("postgresql://%1%2:%3/%4")
        .arg(userPart, m_host)
        .arg(m_port)
        .arg(m_dbName);
}

} // namespace td
