// SPDX-License-Identifier: MIT
// Shared by the tests: a fresh store on the back end the test runs against (TD_TEST_BACKEND),
// actors, and a byte dump of everything the store holds (for the secret scans).
#pragma once

#include "domain/domain.h"
#include "store/databaselocation.h"
#include "store/store.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>

#include <csignal>
#include <sys/prctl.h>

namespace td::test {

/// The process (a tokendesk-server a test or benchmark starts) gets SIGTERM when the thread that
/// started it ends, so a test that crashes or exits early leaves no server running. Call before
/// start().
inline void endWithThisProcess(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

enum class StoreKind { SQLite, PostgreSQL };
StoreKind storeKind();
QString backendName();

/// The throwaway PostgreSQL server of the ctest fixture; empty (and a QFAIL-able message in
/// *why) when it is not running.
QString postgresServerUrl(QString *why = nullptr);

/// A fresh, empty database for one test: a file in a temporary folder (SQLite) or a new
/// database on the fixture's server (PostgreSQL), dropped again by the destructor.
class ScratchDatabase
{
public:
    ScratchDatabase();
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    const DatabaseLocation &location() const { return m_location; }
    /// What the CLI's --database takes.
    QString spec() const { return m_location.display(); }
    QString directory() const { return m_dir.path(); }

    /// Everything stored, as bytes: the SQLite file with its -wal and -shm, or a pg_dump.
    QByteArray dump() const;

private:
    QTemporaryDir m_dir;
    DatabaseLocation m_location;
    QString m_pgName;
    bool m_valid = false;
    QString m_error;
};

/// An initialised store with tenant, department "Administration" and administrator "admin"
/// (password AdminPass#1).
struct Fixture
{
    std::unique_ptr<ScratchDatabase> db;
    std::unique_ptr<Store> store;
    std::unique_ptr<Domain> domain;
    Actor cli = Actor::cli(QStringLiteral("tester"));
    QString error;
    bool ok() const { return error.isEmpty(); }
};
Fixture makeFixture();

inline const char *AdminPassword = "AdminPass#1";

/// A SecretBytes of text, noted for the leak scan (noteSecret). For a value that is not secret
/// and may rightly appear in logs (e.g. a username offered as an access code to test the
/// refusal), build SecretBytes(QByteArray(...)) directly instead.
SecretBytes secret(const char *text);
SecretBytes secret(const QString &text);

// ---- the secret leak scan (tests/security, security.leakscan) ----
// When TD_LEAK_DIR is set (ctest sets it for every test), tests/run-isolated.sh keeps each test's
// output and HOME in ${TD_LEAK_DIR}/<test>/, and the helpers below add what else a test saw.

/// Notes a secret the test created or used (a token, password or access code) in
/// ${TD_LEAK_DIR}/secrets.list, so the final scan checks that it is nowhere. Values shorter than
/// 6 bytes are ignored (too likely to occur by chance).
void noteSecret(QByteArrayView secret);
void noteSecret(const SecretBytes &secret);
/// Notes every well-formed token found in text (e.g. a CLI's standard output): any prefix
/// TokenCodec::check() accepts (LeakScanner::tokensIn).
void noteTokensIn(QByteArrayView text);
/// Keeps bytes the test produced (an export, a server's access log, a store dump) as
/// ${TD_LEAK_DIR}/<test>/<name> for the scan; the name gets a number when it is taken.
void keepForLeakScan(const QString &name, const QByteArray &bytes);
/// Same for a file that is about to be deleted.
void keepFileForLeakScan(const QString &path);

/// The environment of a program a test starts: every Qt logging category on, so the leak scan
/// reads all a program can print, and each Qt log message marked (QT_MESSAGE_PATTERN) so that
/// withoutQtLog() sets it apart from the program's own output.
QProcessEnvironment
loggingEnvironment(QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
/// The same for this process's environment, which every QProcess it starts inherits.
void setLoggingEnvironment();
/// text without the Qt log messages that loggingEnvironment() marks: what a program itself
/// wrote, for tests that hold it to a message or an access log.
QByteArray withoutQtLog(const QByteArray &text);

/// What a program wrote to standard error (readAllStandardError()): kept whole for the leak scan
/// as <name>, returned withoutQtLog(). Standard output likewise.
QByteArray takeStandardError(QProcess &process, const QString &name);
QByteArray takeStandardOutput(QProcess &process, const QString &name);

/// What the CLI (tokendesk-admin with args) wrote to standard output, for the leak scan: its
/// tokens are noted as secrets, and the output is kept as <name> unless printing a new token is
/// the command's job (token create, token reset).
QByteArray takeCliOutput(QProcess &process, const QStringList &args, const QString &name);
void keepCliOutput(const QStringList &args, const QByteArray &out, const QString &name);

/// SHA-256 over every row of every table of a store (read through SQL, the SQLite file opened
/// read-only), for "nothing changed" on both back ends. Empty, and a QFAIL-able message in *why,
/// when any of it cannot be read.
QByteArray contentDigest(const DatabaseLocation &location, QString *why);

/// Counts rows: "SELECT COUNT(*) FROM <table>".
qint64 countRows(Store &store, const QString &table);
/// The newest audit entry (by id), or an entry with id 0.
AuditEntry lastAudit(Store &store);

} // namespace td::test
