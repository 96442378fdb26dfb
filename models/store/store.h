// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "databaselocation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <map>
#include <memory>
#include <type_traits>

namespace td {

/// One connection to a TokenDesk store (SQLite file or PostgreSQL database) and the rules of
/// PRODUCT.md's "Store": versioned migrations, refusal of a newer schema, WAL + foreign keys +
/// busy timeout + synchronous=FULL on SQLite, BEGIN IMMEDIATE (SQLite) or SERIALIZABLE
/// (PostgreSQL) for every write transaction, retried on serialization failures.
///
/// A Store is bound to the thread that opened it (as QSqlDatabase is). For another thread, call
/// openAnother().
class Store
{
    Q_DECLARE_TR_FUNCTIONS(Store)

public:
    using Backend = DatabaseLocation::Backend;
    enum class OpenMode {
        ExistingOnly,    ///< the store must exist and hold a TokenDesk schema
        CreateIfMissing, ///< create the file (0600) / the schema when absent
    };

    static Result<std::unique_ptr<Store>> open(const DatabaseLocation &location,
                                               OpenMode mode = OpenMode::ExistingOnly);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// A second connection to the same store (for another thread or a parallel job).
    Result<std::unique_ptr<Store>> openAnother() const;

    const DatabaseLocation &location() const { return m_location; }
    bool isSqlite() const { return m_location.isSqlite(); }
    QSqlDatabase database() const;
    QString connectionName() const { return m_connection; }

    static int latestSchemaVersion();
    int schemaVersion() const { return m_schemaVersion; }
    /// True once `init` has created the tenant.
    bool isInitialized();
    /// The error every front end shows for a store that has no tenant yet.
    Error notInitializedError() const;

    // ---- statements (throw Failure on error; use inside read()/write()) ----
    QSqlQuery prepare(const QString &sql);
    void exec(QSqlQuery &query, const char *what = nullptr);
    /// prepare + bind positional values + exec.
    QSqlQuery run(const QString &sql, const QVariantList &values = {}, const char *what = nullptr);
    /// First column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString &sql, const QVariantList &values = {});
    /// INSERT … RETURNING id.
    qint64 insert(const QString &sql, const QVariantList &values);
    /// Like run(), for hot paths (token verification): the statement is prepared once per
    /// connection and reused, which saves the parse (SQLite) or the PREPARE/DEALLOCATE round
    /// trips (PostgreSQL). The query stays the store's: read it, then call finish() on it.
    QSqlQuery &runCached(const QString &sql, const QVariantList &values,
                         const char *what = nullptr);
    [[noreturn]] void failSql(const QSqlError &error, const char *what = nullptr) const;
    Error translate(const QSqlError &error, const char *what = nullptr) const;

    /// Qt SQL binds a null QString as NULL; the store's text columns mean '' by it. A QVariant
    /// that is itself null (QVariant(QMetaType::fromType<QString>())) still binds NULL.
    static QVariant bindable(const QVariant &value);

    /// "ILIKE" on PostgreSQL, "LIKE" on SQLite (which is already case-insensitive for ASCII).
    QString ilike() const;
    /// Escapes %, _ and \ for a LIKE pattern used with ESCAPE '\'.
    static QString likeEscape(const QString &text);

    // ---- transactions ----
    bool inTransaction() const { return m_depth > 0; }

    /// Runs f inside a write transaction and commits; on a thrown Failure (or any exception)
    /// rolls back and returns the error; retries serialization failures. Nested calls join the
    /// outer transaction.
    template<typename F> auto write(F &&f) -> Result<std::invoke_result_t<F>>;
    /// Runs f without opening a write transaction; converts a thrown Failure into the result.
    template<typename F> auto read(F &&f) -> Result<std::invoke_result_t<F>>;

    /// How many write transactions this connection has committed (caches of the domain layer
    /// notice their own changes by it; SQLite's data_version notices the other connections').
    quint64 commitCount() const { return m_commits; }

    /// For tests of atomicity: the next write transaction fails just before COMMIT.
    void failNextCommitForTesting() { m_failNextCommit = true; }

private:
    explicit Store(DatabaseLocation location);
    Result<void> connect(OpenMode mode);
    Result<void> prepareSqliteFile(OpenMode mode);
    /// An existing file: read-only (file system, rights or mode), folder read-only, disk full.
    Result<void> checkSqliteFile(const QString &path);
    Result<void> checkNotTruncated(QSqlQuery &q);
    static bool diskIsFull(const QString &dir);
    Result<void> checkAndMigrate(OpenMode mode);
    void migrateLocked(int from);
    void enableWal();
    void begin();
    void commit();
    void rollbackQuietly();
    static void backoff(int attempt);

    DatabaseLocation m_location;
    QString m_connection;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements; ///< runCached()'s statements
    int m_schemaVersion = 0;
    int m_depth = 0;
    quint64 m_commits = 0;
    bool m_failNextCommit = false;
};

// ---------------------------------------------------------------------------------------------

template<typename F> auto Store::write(F &&f) -> Result<std::invoke_result_t<F>>
{
    using R = std::invoke_result_t<F>;
    if (m_depth > 0) { // join the outer transaction; it commits or rolls back for us
        if constexpr (std::is_void_v<R>) {
            f();
            return {};
        } else {
            return f();
        }
    }
    // Serialization failures (PostgreSQL SERIALIZABLE, SQLite's busy snapshot) are retried with
    // a growing, jittered back-off: at least MinAttempts times and for up to RetryWindowMs, so
    // that many writers at once (two servers, the console and scripts) wait rather than fail.
    constexpr int MinAttempts = 6;
    constexpr qint64 RetryWindowMs = 10000;
    QElapsedTimer retrying;
    retrying.start();
    for (int attempt = 1;; ++attempt) {
        try {
            begin();
            if constexpr (std::is_void_v<R>) {
                f();
                commit();
                return {};
            } else {
                R value = f();
                commit();
                return value;
            }
        } catch (const Failure &failure) {
            rollbackQuietly();
            if (failure.retryable &&
                (attempt < MinAttempts || retrying.elapsed() < RetryWindowMs)) {
                backoff(attempt);
                continue;
            }
            return failure.error;
        } catch (const std::exception &ex) {
            rollbackQuietly();
            return Error(Errc::Internal, QString::fromLocal8Bit(ex.what()));
        }
    }
}

template<typename F> auto Store::read(F &&f) -> Result<std::invoke_result_t<F>>
{
    using R = std::invoke_result_t<F>;
    try {
        if constexpr (std::is_void_v<R>) {
            f();
            return {};
        } else {
            return f();
        }
    } catch (const Failure &failure) {
        return failure.error;
    } catch (const std::exception &ex) {
        return Error(Errc::Internal, QString::fromLocal8Bit(ex.what()));
    }
}

} // namespace td
