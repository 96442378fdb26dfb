// SPDX-License-Identifier: MIT
// damaged and hostile stores. Each store below is refused by all three front
// ends with PRODUCT.md's clear message (it names the file and the cause): the console's start-up
// flow shows a dialog (screenshots in <build>/screenshots/damaged-*.png) and ends with exit code
// 7, tokendesk-server exits 7 with one line on standard error, tokendesk-admin exits 7 with one
// line; and the store's bytes are the same afterwards.
//
// SQLite: missing, read-only by mode, on a read-only file system, locked by another writer
// longer than the busy timeout, newer schema, truncated, bytes flipped, a directory, disk full
// (a small tmpfs). PostgreSQL: unreachable server, a lock held longer than lock_timeout, newer
// schema.
#include "../console/guitest.h"
#include "consoleapp.h"
#include "demogenerator.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "reliability.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTimer>

#include <cerrno>
#include <sys/stat.h>

using namespace td;
using namespace td::test;

namespace {

bool sh(const QString &command)
{
    return QProcess::execute(QStringLiteral("sh"), {QStringLiteral("-c"), command}) == 0;
}

/// Everything of a SQLite store on disk, for "nothing was overwritten".
QByteArray sqliteSnapshot(const QString &path)
{
    QByteArray out;
    const QFileInfo info(path);
    out +=
        info.exists()
            ? (info.isDir()
                   ? "dir:" + QDir(path)
                                  .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                                  .join(QLatin1Char(','))
                                  .toUtf8()
                   : "file:" + fileBytes(path))
            : QByteArray("absent");
    out += "|wal:" + fileBytes(path + QStringLiteral("-wal"));
    return out;
}

} // namespace

class TestDamaged : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void refusedEverywhere_data();
    void refusedEverywhere();

private:
    /// Builds the damaged store of that case; returns the --database spec ("" on failure).
    QString prepare(const QString &which);
    /// The console's start-up flow: the dialog it shows (screenshot, then answered), its exit.
    void checkConsole(const DatabaseLocation &where, const QString &name,
                      const QStringList &mustSay);

    std::unique_ptr<Fixture> m_fx;
    QTemporaryDir m_dir;
    QStringList m_mounts;
    std::unique_ptr<RawSqlite> m_sqliteHolder;
    QSqlDatabase m_pgHolder;
    QString m_path; ///< SQLite: the file
    QByteArray m_lockedBefore;
};

void TestDamaged::initTestCase()
{
    logChildProcesses();
    QVERIFY2(QFileInfo(adminBinary()).isExecutable(), "TD_ADMIN_BIN is not set");
    QVERIFY2(QFileInfo(serverBinary()).isExecutable(), "TD_SERVER_BIN is not set");
    QVERIFY(m_dir.isValid());
}

void TestDamaged::cleanup()
{
    m_sqliteHolder.reset();
    if (m_pgHolder.isValid()) {
        const QString name = m_pgHolder.connectionName();
        m_pgHolder.close();
        m_pgHolder = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    m_fx.reset();
    for (const QString &m : m_mounts)
        sh(QStringLiteral("umount '%1'").arg(m));
    m_mounts.clear();
}

void TestDamaged::refusedEverywhere_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QStringList>("mustSay"); // besides the store's name
    auto row = [](const char *name, QStringList say) {
        QTest::newRow(name) << QString::fromLatin1(name) << say;
    };
    if (backend() == test::Backend::SQLite) {
        row("missing", {QStringLiteral("no TokenDesk")});
        row("read-only-mode", {QStringLiteral("read-only"), QStringLiteral("0444")});
        row("read-only-filesystem",
            {QStringLiteral("read-only"), QStringLiteral("Read-only file system")});
        row("locked", {QStringLiteral("locked by another program")});
        row("newer-schema", {QStringLiteral("newer")});
        row("truncated", {QStringLiteral("damaged")}); // SQLite: "database disk image is malformed"
        row("bytes-flipped", {QStringLiteral("damaged")});
        row("directory", {QStringLiteral("is a directory")});
        row("disk-full", {QStringLiteral("full")});
    } else {
        row("unreachable", {QStringLiteral("Connection refused")});
        row("locked", {QStringLiteral("locked by another program")});
        row("newer-schema", {QStringLiteral("newer")});
    }
}

QString TestDamaged::prepare(const QString &which)
{
    const bool sqlite = backend() == test::Backend::SQLite;
    auto closeFixture = [&] {
        // The fixture's own connection goes away, so only the damage is left.
        m_fx->domain.reset();
        m_fx->store.reset();
    };
    if (which == QLatin1String("unreachable")) {
        QTcpServer probe; // a port nothing listens on once the probe is gone
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return {};
        const quint16 port = probe.serverPort();
        probe.close();
        return QStringLiteral("postgresql://postgres@127.0.0.1:%1/tokendesk").arg(port);
    }
    if (which == QLatin1String("missing")) {
        m_path = m_dir.filePath(QStringLiteral("missing/none.sqlite"));
        return m_path;
    }
    if (which == QLatin1String("directory")) {
        m_path = m_dir.filePath(QStringLiteral("adirectory.sqlite"));
        QDir().mkpath(m_path);
        return m_path;
    }
    m_fx = std::make_unique<Fixture>(makeFixture());
    if (!m_fx->ok()) {
        qWarning("%s", qPrintable(m_fx->error));
        return {};
    }
    const QString spec = m_fx->db->spec();
    m_path = sqlite ? m_fx->db->location().path() : QString();
    if (which == QLatin1String("newer-schema")) {
        if (!m_fx->store->write([&] {
                m_fx->store->run(QStringLiteral("INSERT INTO schema_migrations (version, name, "
                                                "applied_at) VALUES (999, 'from the future', 0)"));
            }))
            return {};
        closeFixture();
        return spec;
    }
    if (which == QLatin1String("locked")) {
        if (sqlite) {
            closeFixture();
            // Taken now: reading the file later would drop the holder's POSIX locks.
            m_lockedBefore = sqliteSnapshot(m_path);
            // Another writer in exclusive locking mode: no other connection may even read until
            // it ends (longer than the 5 s busy timeout).
            m_sqliteHolder = std::make_unique<RawSqlite>(m_path);
            if (!m_sqliteHolder->exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")) ||
                !m_sqliteHolder->exec(QStringLiteral("BEGIN EXCLUSIVE")) ||
                !m_sqliteHolder->exec(QStringLiteral("UPDATE settings SET value = value")) ||
                !m_sqliteHolder->scalar(QStringLiteral("SELECT COUNT(*) FROM users")).isValid()) {
                qWarning("holder: %s", qPrintable(m_sqliteHolder->error()));
                return {};
            }
            return spec;
        }
        const DatabaseLocation &l = m_fx->db->location();
        QString why;
        m_lockedBefore = contentDigest(l, &why); // taken now: the lock keeps readers out
        if (m_lockedBefore.isEmpty()) {
            qWarning("%s", qPrintable(why));
            return {};
        }
        m_pgHolder = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("holder"));
        m_pgHolder.setHostName(l.host());
        m_pgHolder.setPort(l.port());
        m_pgHolder.setUserName(l.user());
        m_pgHolder.setDatabaseName(l.databaseName());
        if (!m_pgHolder.open())
            return {};
        QSqlQuery q(m_pgHolder);
        if (!q.exec(QStringLiteral("BEGIN")) ||
            !q.exec(QStringLiteral("LOCK TABLE schema_migrations, tenant, users, api_tokens, "
                                   "audit_log IN ACCESS EXCLUSIVE MODE"))) {
            qWarning("holder: %s", qPrintable(q.lastError().text()));
            return {};
        }
        return spec;
    }
    // The rest are SQLite files.
    if (which == QLatin1String("truncated") || which == QLatin1String("bytes-flipped")) {
        DemoRequest demo;
        demo.users = 20;
        demo.tokens = 2000;
        demo.sessions = 100;
        demo.seed = 3;
        if (!DemoGenerator(*m_fx->store).generate(m_fx->cli, demo))
            return {};
    }
    closeFixture();
    if (QFileInfo::exists(m_path + QStringLiteral("-wal")))
        return {};
    if (which == QLatin1String("read-only-mode")) {
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        return spec;
    }
    if (which == QLatin1String("truncated")) {
        QFile f(m_path);
        // The end goes (a copy cut short); SQLite compares the header's page count with the
        // file's size when it opens it.
        if (!f.resize(f.size() - 3 * 4096))
            return {};
        return spec;
    }
    if (which == QLatin1String("bytes-flipped")) {
        // One random byte in every 256 after the file header is inverted, so the schema's
        // pages are damaged too: SQLite's "malformed database schema" on the first statement.
        QFile f(m_path);
        if (!f.open(QIODevice::ReadWrite))
            return {};
        QByteArray bytes = f.readAll();
        QRandomGenerator rng(4711);
        for (qsizetype block = 100; block + 256 <= bytes.size(); block += 256) {
            const qsizetype at = block + qsizetype(rng.bounded(256));
            bytes[at] = char(~bytes[at]);
        }
        f.seek(0);
        f.write(bytes);
        return spec;
    }
    if (which == QLatin1String("read-only-filesystem") || which == QLatin1String("disk-full")) {
        const QString mnt = m_dir.filePath(which);
        QDir().mkpath(mnt);
        const bool full = which == QLatin1String("disk-full");
        if (!sh(QStringLiteral("mount -t tmpfs -o size=%1 tmpfs '%2'")
                    .arg(full ? QStringLiteral("4m") : QStringLiteral("16m"), mnt)))
            return {};
        m_mounts << mnt;
        const QString moved = mnt + QStringLiteral("/store.sqlite");
        if (!QFile::copy(m_path, moved))
            return {};
        m_path = moved;
        if (full) {
            // Fill the rest: the store is there, not one more block fits.
            sh(QStringLiteral("dd if=/dev/zero of='%1/filler' bs=4096 2>/dev/null").arg(mnt));
        } else if (!sh(QStringLiteral("mount -o remount,ro '%1'").arg(mnt))) {
            return {};
        }
        return m_path;
    }
    return {};
}

void TestDamaged::checkConsole(const DatabaseLocation &where, const QString &name,
                               const QStringList &mustSay)
{
    ConsoleApp app(where, true);
    QSignalSpy finished(&app, &ConsoleApp::finished);
    // The real dialog is shown; this picks it up, takes its picture and answers it.
    QString shown;
    QTimer answerer;
    answerer.setInterval(20);
    connect(&answerer, &QTimer::timeout, this, [&] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(w);
            if (!box || !box->isVisible())
                continue;
            (void)QTest::qWaitForWindowExposed(box);
            shown = box->text() + QLatin1Char('\n') + box->informativeText();
            screenshot(box, QStringLiteral("damaged-") + name);
            QAbstractButton *b = box->button(QMessageBox::Cancel); // "Quit" of the question
            if (!b)
                b = box->button(QMessageBox::Ok);
            if (b)
                b->click();
            return;
        }
    });
    answerer.start();
    app.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    answerer.stop();
    QCOMPARE(finished.first().first().toInt(), 7);
    QVERIFY2(!shown.isEmpty(), "no dialog was shown");
    QVERIFY(!app.signInDialog() && !app.firstRunWizard() && !app.mainWindow());
    QVERIFY2(shown.contains(where.isSqlite() ? where.path() : where.display()), qPrintable(shown));
    for (const QString &s : mustSay)
        QVERIFY2(shown.contains(s, Qt::CaseInsensitive), qPrintable(shown));
}

void TestDamaged::refusedEverywhere()
{
    QFETCH(QString, which);
    QFETCH(QStringList, mustSay);
    const QString spec = prepare(which);
    QVERIFY2(!spec.isEmpty(), "could not prepare the damaged store");
    auto parsed = DatabaseLocation::parse(spec);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    const DatabaseLocation where = parsed.value();
    const bool sqlite = where.isSqlite();
    const QString name = sqlite ? where.path() : where.display();
    const bool locked = which == QLatin1String("locked");
    // SQLite: the files byte for byte; PostgreSQL: every row (read before the lock was taken).
    QString why;
    const QByteArray before =
        locked ? m_lockedBefore
               : (sqlite ? sqliteSnapshot(where.path())
                         : (which == QLatin1String("unreachable") ? QByteArray()
                                                                  : contentDigest(where, &why)));
    QVERIFY2(!before.isEmpty() || which == QLatin1String("unreachable"), qPrintable(why));

    checkConsole(where, backendName() + QLatin1Char('-') + which, mustSay);

    // The server and the CLI: exit 7, one line on standard error naming the store and the cause,
    // nothing on standard output.
    auto checkLine = [&](const char *who, const ProcessRun &run) {
        const QString err = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(!run.crashed && !run.timedOut, who);
        QVERIFY2(run.exitCode == 7, qPrintable(QStringLiteral("%1 exit %2: %3")
                                                   .arg(QLatin1String(who))
                                                   .arg(run.exitCode)
                                                   .arg(err)));
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        QVERIFY2(err.contains(name), qPrintable(err));
        for (const QString &s : mustSay)
            QVERIFY2(err.contains(s, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY2(run.out.isEmpty(), who);
    };
    checkLine("server", runProgram(serverBinary(),
                                   {QStringLiteral("--database"), spec, QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0")},
                                   {}, 30000));
    checkLine("cli token list", runCli({QStringLiteral("--database"), spec, QStringLiteral("token"),
                                        QStringLiteral("list")}));
    checkLine("cli token revoke",
              runCli({QStringLiteral("--database"), spec, QStringLiteral("token"),
                      QStringLiteral("revoke"), QStringLiteral("1")}));

    if (locked) {
        m_sqliteHolder.reset();
        if (m_pgHolder.isValid())
            QSqlQuery(m_pgHolder).exec(QStringLiteral("ROLLBACK"));
    }
    // Nothing was overwritten or created.
    if (sqlite) {
        QCOMPARE(sqliteSnapshot(where.path()), before);
        if (which == QLatin1String("missing"))
            QVERIFY(!QFileInfo::exists(QFileInfo(where.path()).absolutePath()));
    } else if (which != QLatin1String("unreachable")) {
        QCOMPARE(contentDigest(where, &why), before);
    }
    if (locked) {
        // Once the other writer is gone the store works again, unchanged.
        const ProcessRun run = runCli(
            {QStringLiteral("--database"), spec, QStringLiteral("audit"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.out.contains("token.revoke"), run.out.constData());
    }
}

QTEST_MAIN(TestDamaged)
#include "tst_damaged.moc"
