// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"

#include <QString>

namespace td {

/// Where a store lives: an SQLite file (embedded default) or a PostgreSQL database
/// (`postgresql://user@host:port/dbname`). A password is never part of a location given on a
/// command line; it comes from the OS keychain (console) or libpq's environment
/// (PGPASSWORD, ~/.pgpass).
class DatabaseLocation
{
public:
    enum class Backend { SQLite, PostgreSQL };

    DatabaseLocation() = default;
    static DatabaseLocation sqlite(const QString &path);
    /// `QStandardPaths::AppDataLocation/tokendesk.sqlite`.
    static DatabaseLocation defaultLocation();
    /// A file path or a postgresql:// (or postgres://) URL. Refuses a URL that carries a
    /// password, an empty path, and anything it cannot read, with the reason.
    static Result<DatabaseLocation> parse(const QString &spec);

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::SQLite; }
    const QString &path() const { return m_path; } ///< SQLite: absolute file path
    const QString &host() const { return m_host; }
    int port() const { return m_port; }
    const QString &user() const { return m_user; }
    const QString &databaseName() const { return m_dbName; }

    /// The PostgreSQL password from the keychain; never printed, never persisted by this class.
    void setPassword(const QString &password) { m_password = password; }
    const QString &password() const { return m_password; }

    /// Without a password: a file path or postgresql://user@host:port/dbname.
    QString display() const;
    /// A stable key for settings and keychain entries.
    QString key() const { return display(); }

private:
    Backend m_backend = Backend::SQLite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_dbName;
    QString m_password;
};

} // namespace td
