// SPDX-License-Identifier: MIT
// Shared by the reliability tests: running the real CLI and server
// binaries, reading files byte for byte, a raw SQLite connection that is not a Store.
#pragma once

#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace td::test {

struct ProcessRun
{
    int exitCode = -1;
    bool crashed = false; ///< killed by a signal (ours) instead of exiting
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

inline QString adminBinary()
{
    return qEnvironmentVariable("TD_ADMIN_BIN");
}

inline QString serverBinary()
{
    return qEnvironmentVariable("TD_SERVER_BIN");
}

/// The programs these tests start log everything for the leak scan (loggingEnvironment());
/// runProgram() hands the tests their standard error without Qt's messages. Call from
/// initTestCase().
inline void logChildProcesses()
{
    setLoggingEnvironment();
}

/// Runs a program to its end with input on standard input.
inline ProcessRun runProgram(const QString &program, const QStringList &args,
                             const QByteArray &input = {}, int timeoutMs = 60000)
{
    ProcessRun r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = "cannot start " + program.toUtf8();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    const QString name = QFileInfo(program).fileName();
    r.out = program == adminBinary() ? takeCliOutput(p, args, name + QStringLiteral("-stdout.txt"))
                                     : takeStandardOutput(p, name + QStringLiteral("-stdout.txt"));
    r.err = takeStandardError(p, name + QStringLiteral("-stderr.txt"));
    return r;
}

inline ProcessRun runCli(const QStringList &args, const QByteArray &input = {},
                         int timeoutMs = 60000)
{
    return runProgram(adminBinary(), args, input, timeoutMs);
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// A plain QSQLITE connection (no Store: no pragmas, no migrations), closed by the destructor.
class RawSqlite
{
public:
    explicit RawSqlite(const QString &path, const QString &options = {})
        : m_name(QStringLiteral("raw-%1").arg(++counter()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (!options.isEmpty())
            db.setConnectOptions(options);
        m_ok = db.open();
        if (!m_ok)
            m_error = db.lastError().text();
    }
    ~RawSqlite()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawSqlite(const RawSqlite &) = delete;
    RawSqlite &operator=(const RawSqlite &) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    /// First column of the first row; an invalid QVariant (and error()) when it fails.
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(db());
        if (!q.prepare(sql)) {
            m_error = q.lastError().text();
            return {};
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            m_error = q.lastError().text();
            return {};
        }
        return q.value(0);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(db());
        if (!q.exec(sql)) {
            m_error = q.lastError().text();
            return false;
        }
        return true;
    }

private:
    static int &counter()
    {
        static int n = 0;
        return n;
    }
    QString m_name;
    bool m_ok = false;
    QString m_error;
};

} // namespace td::test
