// SPDX-License-Identifier: MIT
// crash safety. The real tokendesk-admin is SIGKILLed at random moments of a
// bulk revoke, a token reset (Save and Generate) and demo generation, hundreds of times, each on
// a fresh copy of a small template store. After every kill the store must pass
// PRAGMA integrity_check and foreign_key_check, each operation must be all there (with its audit
// rows) or not at all, and an operation the process reported as done before it died must be
// there.
#include "demogenerator.h"
#include "reliability.h"
#include "security/passwordhasher.h"
#include "security/tokencodec.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>

using namespace td;
using namespace td::test;

namespace {

const char *AccessCode = "Crash-Code-7!x";
constexpr int Users = 6;
constexpr int RevokeBatch = 150;

enum Kind { Revoke, Reset, Demo, KindCount };
const char *kindName(int k)
{
    return k == Revoke ? "bulk revoke" : (k == Reset ? "token reset" : "demo");
}

struct Counts
{
    qint64 users = 0, tokens = 0, liveTokens = 0, sessions = 0, audit = 0;
    qint64 revokeAudit = 0, resetAudit = 0, demoAudit = 0;
};

Counts countsOf(RawSqlite &db)
{
    auto n = [&](const QString &sql) {
        return db.scalar(sql).toLongLong();
    };
    Counts c;
    c.users = n(QStringLiteral("SELECT COUNT(*) FROM users"));
    c.tokens = n(QStringLiteral("SELECT COUNT(*) FROM api_tokens"));
    c.liveTokens = n(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL"));
    c.sessions = n(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions"));
    c.audit = n(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
    c.revokeAudit =
        n(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke'"));
    c.resetAudit = n(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'token.reset'"));
    c.demoAudit =
        n(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'demo.generate'"));
    return c;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedAtRandomPointsLeavesWholeOperations();

private:
    struct Job
    {
        int kind = Revoke;
        QStringList args;
        QByteArray input;
        QList<qint64> ids; ///< revoke: the tokens
        QString user;      ///< reset: whose personal token
    };
    Job makeJob(int kind, const QString &path, int serial);
    /// Empty when the store at path is consistent for job; else what is wrong. *committed says
    /// whether the operation is in the store.
    QString check(const Job &job, const QString &path, const ProcessRun &run, bool *committed);

    QTemporaryDir m_dir;
    QByteArray m_template;
    Counts m_base;
    QList<qint64> m_liveIds;
    QHash<QString, qint64> m_personal; ///< user → live personal token id in the template
    QRandomGenerator m_rng{20261123};
};

void TestCrash::initTestCase()
{
    logChildProcesses();
    QVERIFY2(QFileInfo(adminBinary()).isExecutable(), "TD_ADMIN_BIN is not set");
    QVERIFY(m_dir.isValid());
    // Cheap hashes for the template's users; the CLI verifies with the stored parameters.
    PasswordHasher::setCostForTesting(1, 8 * 1024);
    QString path;
    {
        Fixture fx = makeFixture();
        QVERIFY2(fx.ok(), qPrintable(fx.error));
        path = fx.db->location().path();
        for (int i = 1; i <= Users; ++i) {
            NewUser n;
            n.username = QStringLiteral("user%1").arg(i);
            n.displayName = n.username;
            n.email = n.username + QStringLiteral("@example.org");
            n.department = QStringLiteral("Administration");
            n.userType = QStringLiteral("Standard");
            n.password = secret("Standard-Pass#3");
            auto u = fx.domain->accounts.createUser(fx.cli, n);
            QVERIFY2(u, qPrintable(u ? QString() : u.error().message));
            QVERIFY(fx.domain->accounts.setAccessCode(fx.cli, u->id, secret(AccessCode), 365));
            auto t = fx.domain->tokens.resetPersonalToken(fx.cli, u->id, secret(AccessCode));
            QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
            m_personal.insert(n.username, t->id);
        }
        DemoRequest demo;
        demo.users = 10;
        demo.tokens = 400;
        demo.sessions = 20;
        demo.seed = 7;
        QVERIFY(DemoGenerator(*fx.store).generate(fx.cli, demo));
        fx.domain.reset();
        fx.store.reset(); // the last connection checkpoints and removes the -wal
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        m_template = fileBytes(path);
    }
    QVERIFY(m_template.size() > 4096);
    const QString copy = m_dir.filePath(QStringLiteral("template.sqlite"));
    {
        QFile f(copy);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_template);
    }
    RawSqlite db(copy);
    QVERIFY2(db.ok(), qPrintable(db.error()));
    m_base = countsOf(db);
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT id FROM api_tokens WHERE revoked_at IS NULL AND personal = 0 ORDER BY id")));
    while (q.next())
        m_liveIds << q.value(0).toLongLong();
    QVERIFY2(m_liveIds.size() >= RevokeBatch, qPrintable(QString::number(m_liveIds.size())));
    qInfo("template: %lld bytes, %lld tokens (%lld live), %lld users", qint64(m_template.size()),
          m_base.tokens, m_base.liveTokens, m_base.users);
}

TestCrash::Job TestCrash::makeJob(int kind, const QString &path, int serial)
{
    Job job;
    job.kind = kind;
    job.args = {QStringLiteral("--database"), path};
    if (kind == Revoke) {
        QList<qint64> pool = m_liveIds;
        for (int i = 0; i < RevokeBatch; ++i)
            job.ids << pool.takeAt(int(m_rng.bounded(qint64(pool.size()))));
        job.args << QStringLiteral("token") << QStringLiteral("revoke");
        for (qint64 id : job.ids)
            job.args << QString::number(id);
    } else if (kind == Reset) {
        job.user = QStringLiteral("user%1").arg(1 + m_rng.bounded(Users));
        job.args << QStringLiteral("token") << QStringLiteral("reset") << job.user
                 << QStringLiteral("--access-code-stdin");
        job.input = QByteArray(AccessCode) + '\n';
    } else {
        job.args << QStringLiteral("demo") << QStringLiteral("--users") << QStringLiteral("5")
                 << QStringLiteral("--tokens") << QStringLiteral("800")
                 << QStringLiteral("--sessions") << QStringLiteral("100")
                 << QStringLiteral("--seed") << QString::number(serial + 1);
    }
    return job;
}

QString TestCrash::check(const Job &job, const QString &path, const ProcessRun &run,
                         bool *committed)
{
    RawSqlite db(path);
    if (!db.ok())
        return QStringLiteral("cannot open: ") + db.error();
    const QString integrity = db.scalar(QStringLiteral("PRAGMA integrity_check")).toString();
    if (integrity != QLatin1String("ok"))
        return QStringLiteral("integrity_check: ") + integrity;
    {
        QSqlQuery fk(db.db());
        if (!fk.exec(QStringLiteral("PRAGMA foreign_key_check")) || fk.next())
            return QStringLiteral("foreign_key_check reports a dangling reference");
    }
    const Counts c = countsOf(db);
    // Success lines are written after the commit; standard output carries only the new token.
    const bool reported =
        run.exitCode == 0 && !run.crashed
            ? true
            : (job.kind == Revoke
                   ? run.err.contains("Revoked ")
                   : (job.kind == Reset ? !run.out.isEmpty() : run.err.contains("Demo data:")));
    if (!run.crashed && run.exitCode != 0)
        return QStringLiteral("the command failed without being killed: ") +
               QString::fromUtf8(run.err.trimmed());

    if (job.kind == Revoke) {
        QStringList idList;
        for (qint64 id : job.ids)
            idList << QString::number(id);
        const qint64 revoked =
            db.scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT "
                                     "NULL AND id IN (%1)")
                          .arg(idList.join(QLatin1Char(','))))
                .toLongLong();
        const qint64 audits = c.revokeAudit - m_base.revokeAudit;
        *committed = revoked == job.ids.size();
        if (!(revoked == 0 || *committed))
            return QStringLiteral("%1 of %2 tokens revoked").arg(revoked).arg(job.ids.size());
        if (audits != (*committed ? job.ids.size() : 0))
            return QStringLiteral("%1 tokens revoked but %2 revoke audit rows")
                .arg(revoked)
                .arg(audits);
        if (c.tokens != m_base.tokens || c.liveTokens != m_base.liveTokens - revoked ||
            c.audit != m_base.audit + audits)
            return QStringLiteral("other rows changed");
    } else if (job.kind == Reset) {
        const qint64 oldId = m_personal.value(job.user);
        const bool oldRevoked =
            db.scalar(QStringLiteral("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ?"),
                      {oldId})
                .toBool();
        const qint64 added = c.tokens - m_base.tokens;
        const qint64 audits = c.resetAudit - m_base.resetAudit;
        *committed = oldRevoked;
        if (oldRevoked ? (added != 1 || audits != 1) : (added != 0 || audits != 0))
            return QStringLiteral("old token %1, %2 new tokens, %3 reset audit rows")
                .arg(oldRevoked ? QStringLiteral("revoked") : QStringLiteral("live"))
                .arg(added)
                .arg(audits);
        if (c.liveTokens != m_base.liveTokens)
            return QStringLiteral("the number of live tokens changed");
        const qint64 live = db.scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE "
                                                     "personal = 1 AND revoked_at IS NULL AND "
                                                     "user_id = (SELECT id FROM users WHERE "
                                                     "username = ?)"),
                                      {job.user})
                                .toLongLong();
        if (live != 1)
            return QStringLiteral("%1 live personal tokens").arg(live);
        if (!run.out.isEmpty()) {
            // The token printed must be the one stored (compared by its hash; never shown).
            const QByteArray token = run.out.trimmed();
            const qint64 match =
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? "
                                         "AND revoked_at IS NULL AND personal = 1"),
                          {TokenCodec::lookupHash(token)})
                    .toLongLong();
            if (match != 1)
                return QStringLiteral("the printed token is not the stored live personal token");
        }
    } else {
        const qint64 users = c.users - m_base.users, tokens = c.tokens - m_base.tokens,
                     sessions = c.sessions - m_base.sessions,
                     audits = c.demoAudit - m_base.demoAudit;
        *committed = users == 5;
        if (*committed
                ? (tokens != 800 || sessions != 100 || audits != 1 || c.audit != m_base.audit + 1)
                : (users != 0 || tokens != 0 || sessions != 0 || c.audit != m_base.audit))
            return QStringLiteral("partial demo: %1 users, %2 tokens, %3 sessions, %4 audit rows")
                .arg(users)
                .arg(tokens)
                .arg(sessions)
                .arg(audits);
    }
    if (reported && !*committed)
        return QStringLiteral("reported as done but not in the store");
    return {};
}

void TestCrash::killedAtRandomPointsLeavesWholeOperations()
{
    const int perKind = qEnvironmentVariableIntValue("TD_CRASH_RUNS") > 0
                            ? qEnvironmentVariableIntValue("TD_CRASH_RUNS") / KindCount
                            : 80;
    int serial = 0;
    auto freshCopy = [&] {
        const QString path = m_dir.filePath(QStringLiteral("run%1.sqlite").arg(++serial));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_template) != m_template.size())
            return QString();
        return path;
    };
    auto removeStore = [](const QString &path) {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(path + QLatin1String(suffix));
    };

    // Calibration: each operation run to its end (these must succeed and be whole too); the
    // kill delays are then spread over [0, 1.2 × the slowest of three runs].
    qint64 span[KindCount] = {};
    for (int kind = 0; kind < KindCount; ++kind) {
        for (int i = 0; i < 3; ++i) {
            const QString path = freshCopy();
            QVERIFY(!path.isEmpty());
            const Job job = makeJob(kind, path, serial);
            QElapsedTimer t;
            t.start();
            const ProcessRun run = runCli(job.args, job.input);
            span[kind] = std::max(span[kind], t.nsecsElapsed() / 1000);
            QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());
            bool committed = false;
            const QString why = check(job, path, run, &committed);
            QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("%1 uninterrupted: %2")
                                                   .arg(QLatin1String(kindName(kind)), why)));
            QVERIFY(committed);
            removeStore(path);
        }
        span[kind] = span[kind] * 6 / 5;
    }

    int kills[KindCount] = {}, committedAfterKill[KindCount] = {}, rolledBack[KindCount] = {},
        finished[KindCount] = {};
    for (int i = 0; i < perKind * KindCount; ++i) {
        const int kind = i % KindCount;
        const QString path = freshCopy();
        QVERIFY(!path.isEmpty());
        const Job job = makeJob(kind, path, serial);
        QProcess p;
        p.start(adminBinary(), job.args);
        QVERIFY(p.waitForStarted(10000));
        if (!job.input.isEmpty())
            p.write(job.input);
        p.closeWriteChannel();
        QThread::usleep(ulong(m_rng.bounded(span[kind])));
        // Until QProcess reaps it, a finished child stays a zombie, so the pid is still ours.
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(30000));
        ProcessRun run;
        run.crashed = p.exitStatus() == QProcess::CrashExit;
        run.exitCode = p.exitCode();
        run.out = takeCliOutput(p, job.args, QStringLiteral("cli-stdout.txt"));
        run.err = takeStandardError(p, QStringLiteral("cli-stderr.txt"));
        bool committed = false;
        const QString why = check(job, path, run, &committed);
        QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("%1, run %2 (%3): %4")
                                               .arg(QLatin1String(kindName(kind)))
                                               .arg(i)
                                               .arg(run.crashed ? QStringLiteral("killed")
                                                                : QStringLiteral("finished"))
                                               .arg(why)));
        if (run.crashed) {
            ++kills[kind];
            ++(committed ? committedAfterKill[kind] : rolledBack[kind]);
        } else {
            ++finished[kind];
        }
        removeStore(path);
    }
    int totalKills = 0;
    for (int kind = 0; kind < KindCount; ++kind) {
        qInfo("%s: delays up to %lld us; %d killed (%d already committed, %d rolled back), %d "
              "finished first",
              kindName(kind), span[kind], kills[kind], committedAfterKill[kind], rolledBack[kind],
              finished[kind]);
        totalKills += kills[kind];
        // How many die depends on the machine's speed; a delay near zero always kills.
        QVERIFY2(kills[kind] > 0, kindName(kind));
    }
    qInfo("%d processes killed in all", totalKills);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
