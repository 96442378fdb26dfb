// SPDX-License-Identifier: MIT
// concurrency. At the same time, on one store:
//  - the domain layer in this process (a thread with its own Store, as the console's),
//    creating, re-scoping and revoking API tokens as a signed-in administrator;
//  - tokendesk-admin processes doing the same to other tokens;
//  - two tokendesk-server processes taking mobile session sign-ins, /me calls and sign-outs.
// Afterwards every writer's count of what it did matches the store (rows and audit rows, the
// final scope of each token: no lost update), nothing failed, and no "locked" reached a user
// (CLI output, HTTP bodies, the servers' logs, domain errors). On PostgreSQL the same, with
// SERIALIZABLE transactions whose serialization failures the store retries.
#include "../server/serverharness.h"
#include "reliability.h"
#include "security/passwordhasher.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace td;
using namespace td::test;

namespace {

const char *AccessCode = "Mobile-Code-42!";
constexpr int MobileUsers = 8;
const QStringList ScopeChoices = {QStringLiteral("collection"), QStringLiteral("collection,device"),
                                  QStringLiteral("device,policy"),
                                  QStringLiteral("collection,device,policy"),
                                  QStringLiteral("policy")};

int envInt(const char *name, int fallback)
{
    const int v = qEnvironmentVariableIntValue(name);
    return v > 0 ? v : fallback;
}

/// What one writer did, by its own account.
struct Tally
{
    int creates = 0, edits = 0, revokes = 0;
    QHash<qint64, QString> finalScopes; ///< token → scopes it set last (sorted, comma-joined)
    QSet<qint64> revoked;
    QStringList failures; ///< one line each; never holds a secret
};

QString sortedScopes(const QString &list)
{
    QStringList s = list.split(QLatin1Char(','));
    s.sort();
    return s.join(QLatin1Char(','));
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyoneAtOnce();

private:
    void domainWriter(Tally *t, int operations);
    void cliWriter(Tally *t, int operations);

    Fixture m_fx;
};

void TestConcurrency::initTestCase()
{
    logChildProcesses();
    QVERIFY2(QFileInfo(adminBinary()).isExecutable(), "TD_ADMIN_BIN is not set");
    QVERIFY2(QFileInfo(serverBinary()).isExecutable(), "TD_SERVER_BIN is not set");
    // Cheap hashes for the people made here (the servers verify with the stored parameters).
    PasswordHasher::setCostForTesting(1, 8 * 1024);
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    auto addUser = [&](const QString &name) -> qint64 {
        NewUser n;
        n.username = name;
        n.displayName = name;
        n.email = name + QStringLiteral("@example.org");
        n.department = QStringLiteral("Administration");
        n.userType = QStringLiteral("Standard");
        n.password = secret("Standard-Pass#3");
        auto u = m_fx.domain->accounts.createUser(m_fx.cli, n);
        if (!u)
            qWarning("%s", qPrintable(u.error().message));
        return u ? u->id : 0;
    };
    QVERIFY(addUser(QStringLiteral("alice")));
    QVERIFY(addUser(QStringLiteral("bob")));
    for (int i = 1; i <= MobileUsers; ++i) {
        const qint64 id = addUser(QStringLiteral("mobile%1").arg(i));
        QVERIFY(id);
        QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, id, secret(AccessCode), 365));
    }
}

void TestConcurrency::domainWriter(Tally *t, int operations)
{
    auto opened = Store::open(m_fx.db->location());
    if (!opened) {
        t->failures << opened.error().message;
        return;
    }
    Store &store = *opened.value();
    Domain service(store);
    auto signedIn = service.accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    if (!signedIn) {
        t->failures << signedIn.error().message;
        return;
    }
    const Actor admin = signedIn.value();
    QRandomGenerator rng(1);
    QList<qint64> live;
    for (int i = 0; i < operations; ++i) {
        const int what = live.size() < 5 ? 0 : int(rng.bounded(3));
        if (what == 0) {
            NewApiToken n;
            n.name = QStringLiteral("dom-%1").arg(i);
            n.username = QStringLiteral("alice");
            n.scopes =
                ScopeChoices[int(rng.bounded(qint64(ScopeChoices.size())))].split(QLatin1Char(','));
            n.expiresAt = QDateTime::currentDateTimeUtc().addDays(30);
            auto r = service.tokens.create(admin, n);
            if (!r) {
                t->failures << QStringLiteral("domain create: ") + r.error().message;
                continue;
            }
            ++t->creates;
            live << r->id;
            t->finalScopes.insert(r->id, sortedScopes(n.scopes.join(QLatin1Char(','))));
        } else if (what == 1) {
            const qint64 id = live[int(rng.bounded(qint64(live.size())))];
            QString scopes; // a real change (an edit to the same scopes is not audited)
            do
                scopes = ScopeChoices[int(rng.bounded(qint64(ScopeChoices.size())))];
            while (sortedScopes(scopes) == t->finalScopes.value(id));
            auto r = service.tokens.editScopes(admin, id, scopes.split(QLatin1Char(',')));
            if (!r) {
                t->failures << QStringLiteral("domain edit: ") + r.error().message;
                continue;
            }
            ++t->edits;
            t->finalScopes.insert(id, sortedScopes(scopes));
        } else {
            const qint64 id = live.takeAt(int(rng.bounded(qint64(live.size()))));
            auto r = service.tokens.revoke(admin, {id});
            if (!r) {
                t->failures << QStringLiteral("domain revoke: ") + r.error().message;
                continue;
            }
            ++t->revokes;
            t->revoked.insert(id);
        }
    }
}

void TestConcurrency::cliWriter(Tally *t, int operations)
{
    const QString spec = m_fx.db->spec();
    const QRegularExpression createdId(QStringLiteral("#(\\d+)"));
    QRandomGenerator rng(2);
    QList<qint64> live;
    for (int i = 0; i < operations; ++i) {
        const int what = live.size() < 3 ? 0 : int(rng.bounded(3));
        QString scopes = ScopeChoices[int(rng.bounded(qint64(ScopeChoices.size())))];
        QStringList args{QStringLiteral("--database"), spec, QStringLiteral("token")};
        qint64 id = 0;
        if (what == 0) {
            args << QStringLiteral("create") << QStringLiteral("--name")
                 << QStringLiteral("cli-%1").arg(i) << QStringLiteral("--user")
                 << QStringLiteral("bob") << QStringLiteral("--scope") << scopes
                 << QStringLiteral("--expires") << QStringLiteral("+30d");
        } else if (what == 1) {
            id = live[int(rng.bounded(qint64(live.size())))];
            while (sortedScopes(scopes) == t->finalScopes.value(id))
                scopes = ScopeChoices[int(rng.bounded(qint64(ScopeChoices.size())))];
            args << QStringLiteral("edit-scope") << QString::number(id) << QStringLiteral("--scope")
                 << scopes;
        } else {
            id = live.takeAt(int(rng.bounded(qint64(live.size()))));
            args << QStringLiteral("revoke") << QString::number(id);
        }
        const ProcessRun run = runCli(args);
        if (run.crashed || run.timedOut || run.exitCode != 0) {
            // Standard error only: standard output would hold a new token.
            t->failures << QStringLiteral("cli %1 (exit %2): %3")
                               .arg(args[3])
                               .arg(run.exitCode)
                               .arg(QString::fromUtf8(run.err.trimmed()));
            continue;
        }
        if (what == 0) {
            const auto m = createdId.match(QString::fromUtf8(run.err));
            if (!m.hasMatch() || run.out.trimmed().isEmpty()) {
                t->failures << QStringLiteral("cli create printed no id: ") +
                                   QString::fromUtf8(run.err.trimmed());
                continue;
            }
            id = m.captured(1).toLongLong();
            ++t->creates;
            live << id;
            t->finalScopes.insert(id, sortedScopes(scopes));
        } else if (what == 1) {
            ++t->edits;
            t->finalScopes.insert(id, sortedScopes(scopes));
        } else {
            ++t->revokes;
            t->revoked.insert(id);
        }
    }
}

void TestConcurrency::everyoneAtOnce()
{
    const int domainOps = envInt("TD_CONCURRENCY_DOMAIN_OPS", 1500);
    const int cliOps = envInt("TD_CONCURRENCY_CLI_OPS", 150);
    const int signInsPerSlot = envInt("TD_CONCURRENCY_SIGNINS", 6);
    constexpr int Slots = 2; // requests in flight per server

    ServerProcess servers[2];
    for (ServerProcess &s : servers) {
        QString why;
        QVERIFY2(s.start(m_fx.db->spec(), {}, &why), qPrintable(why));
    }

    Tally domain, cli;
    QThread *domainThread = QThread::create([&] { domainWriter(&domain, domainOps); });
    QThread *cliThread = QThread::create([&] { cliWriter(&cli, cliOps); });
    domainThread->start();
    cliThread->start();

    // The HTTP clients run here, asynchronously, so the servers' logs keep being read.
    struct HttpTally
    {
        int signIns = 0, meCalls = 0, signOuts = 0;
        QStringList failures;
        QByteArrayList bodies;
    } web;
    QNetworkAccessManager nam;
    int running = 0;
    QEventLoop loop;
    std::function<void(int, int, int)> startRound; // server, slot, round
    auto expect = [&](QNetworkReply *reply, int status, const char *what) {
        const QByteArray body = reply->readAll();
        web.bodies << body;
        const int got = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (got != status)
            web.failures << QStringLiteral("%1: HTTP %2 %3")
                                .arg(QLatin1String(what))
                                .arg(got)
                                .arg(QString::fromUtf8(body.left(300)));
        return got == status ? body : QByteArray();
    };
    startRound = [&](int server, int slot, int round) {
        if (round >= signInsPerSlot) {
            if (--running == 0)
                loop.quit();
            return;
        }
        const int user = 1 + (server * Slots + slot + round) % MobileUsers;
        QNetworkRequest req(servers[server].url(QStringLiteral("/api/v1/mobile/sessions")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setTransferTimeout(60000);
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("username"), QStringLiteral("mobile%1").arg(user)},
                            {QStringLiteral("access_code"), QLatin1String(AccessCode)},
                            {QStringLiteral("device_name"),
                             QStringLiteral("Phone %1-%2").arg(server).arg(slot)},
                            {QStringLiteral("platform"), QStringLiteral("Android")},
                            {QStringLiteral("app_version"), QStringLiteral("3.1.0")}})
                .toJson(QJsonDocument::Compact);
        QNetworkReply *reply = nam.post(req, body);
        connect(reply, &QNetworkReply::finished, this, [&, reply, server, slot, round] {
            reply->deleteLater();
            const QByteArray created = expect(reply, 201, "sign-in");
            const QByteArray token = QJsonDocument::fromJson(created)
                                         .object()
                                         .value(QStringLiteral("session_token"))
                                         .toString()
                                         .toLatin1();
            web.bodies.last().clear(); // holds the session token: not kept
            if (token.isEmpty()) {
                startRound(server, slot, round + 1);
                return;
            }
            ++web.signIns;
            QNetworkRequest me(servers[server].url(QStringLiteral("/api/v1/me")));
            me.setRawHeader("Authorization", "Bearer " + token);
            QNetworkReply *r2 = nam.get(me);
            connect(r2, &QNetworkReply::finished, this, [&, r2, token, server, slot, round] {
                r2->deleteLater();
                if (!expect(r2, 200, "me").isEmpty())
                    ++web.meCalls;
                if (round % 2 == 1) {
                    startRound(server, slot, round + 1);
                    return;
                }
                // Sign out at the other server: both write to the same sessions.
                QNetworkRequest out(
                    servers[1 - server].url(QStringLiteral("/api/v1/mobile/sessions/current")));
                out.setRawHeader("Authorization", "Bearer " + token);
                QNetworkReply *r3 = nam.sendCustomRequest(out, "DELETE");
                connect(r3, &QNetworkReply::finished, this, [&, r3, server, slot, round] {
                    r3->deleteLater();
                    const int got = r3->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    web.bodies << r3->readAll();
                    if (got == 204)
                        ++web.signOuts;
                    else
                        web.failures << QStringLiteral("sign-out: HTTP %1").arg(got);
                    startRound(server, slot, round + 1);
                });
            });
        });
    };
    for (int server = 0; server < 2; ++server)
        for (int slot = 0; slot < Slots; ++slot) {
            ++running;
            startRound(server, slot, 0);
        }
    loop.exec();
    // Keep reading the servers' logs while the other writers finish.
    while (!domainThread->isFinished() || !cliThread->isFinished())
        QTest::qWait(50);
    domainThread->wait();
    cliThread->wait();
    delete domainThread;
    delete cliThread;

    QByteArray logs;
    for (ServerProcess &s : servers) {
        QCOMPARE(s.stop(), 0);
        logs += s.log();
    }

    qInfo("domain: %d creates, %d scope edits, %d revokes; CLI: %d creates, %d scope edits, %d "
          "revokes; HTTP: %d sign-ins, %d /me, %d sign-outs",
          domain.creates, domain.edits, domain.revokes, cli.creates, cli.edits, cli.revokes,
          web.signIns, web.meCalls, web.signOuts);
    const QStringList failures = domain.failures + cli.failures + web.failures;
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 10).join(QLatin1Char('\n'))));

    // No "locked" reached anyone.
    for (const QByteArray &b : std::as_const(web.bodies))
        QVERIFY2(!b.contains("locked"), b.constData());
    QVERIFY2(!logs.contains("locked") && !logs.contains("store error"),
             logs.right(2000).constData());

    // Everything each writer reports is there, once.
    Store &store = *m_fx.store;
    auto count = [&](const QString &sql, const QVariantList &values = {}) -> qint64 {
        auto r = store.read([&] { return store.scalar(sql, values).toLongLong(); });
        return r ? r.value() : -1;
    };
    auto audits = [&](const char *action) {
        return count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ? AND outcome "
                                    "= 'success'"),
                     {QString::fromLatin1(action)});
    };
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE name LIKE 'dom-%'")),
             qint64(domain.creates));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE name LIKE 'cli-%'")),
             qint64(cli.creates));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE name LIKE 'dom-%' AND "
                                  "revoked_at IS NOT NULL")),
             qint64(domain.revokes));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE name LIKE 'cli-%' AND "
                                  "revoked_at IS NOT NULL")),
             qint64(cli.revokes));
    QCOMPARE(audits("token.create"), qint64(domain.creates + cli.creates));
    QCOMPARE(audits("token.edit_scope"), qint64(domain.edits + cli.edits));
    QCOMPARE(audits("token.revoke"), qint64(domain.revokes + cli.revokes));
    QCOMPARE(audits("session.create"), qint64(web.signIns));
    QCOMPARE(audits("session.end"), qint64(web.signOuts));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions")), qint64(web.signIns));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions WHERE revoked_at IS NOT "
                                  "NULL")),
             qint64(web.signOuts));
    QCOMPARE(web.signIns, 2 * Slots * signInsPerSlot);

    // The last scope each writer set is the one stored; revoked tokens are the ones revoked.
    for (const Tally *t : {&domain, &cli}) {
        for (auto it = t->finalScopes.cbegin(); it != t->finalScopes.cend(); ++it) {
            auto r = store.read([&] {
                QSqlQuery q = store.run(
                    QStringLiteral("SELECT scope_list || '|' || (SELECT COUNT(*) FROM "
                                   "api_token_scopes s WHERE s.token_id = t.id), revoked_at IS "
                                   "NOT NULL FROM api_tokens t WHERE id = ?"),
                    {it.key()});
                return q.next() ? std::make_pair(q.value(0).toString(), q.value(1).toBool())
                                : std::make_pair(QStringLiteral("(missing)"), false);
            });
            QVERIFY(r);
            // scope_list and the api_token_scopes rows agree, and hold the last scopes set.
            const QStringList stored = r->first.split(QLatin1Char('|'));
            QCOMPARE(sortedScopes(stored.first()), it.value());
            QCOMPARE(stored.last().toInt(), int(it.value().count(QLatin1Char(',')) + 1));
            QCOMPARE(r->second, t->revoked.contains(it.key()));
        }
    }
}

QTEST_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
