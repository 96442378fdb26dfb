// SPDX-License-Identifier: MIT
// Sign-ins on tokendesk-server: Argon2id runs on the bounded sign-in pool, and over its limit a
// client is answered 429 + Retry-After at once; per-client limits count an IPv6 client by its
// /64; the store's sign-in throttle rows are pruned.
#include "serverharness.h"
#include "testsupport.h"

#include "auththrottle.h"
#include "core/clock.h"
#include "security/clientaddress.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QTcpSocket>
#include <QTest>

using namespace td;
using namespace td::test;

class TestSignIn : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    Domain &svc() { return *m_f.domain; }

private Q_SLOTS:
    void initTestCase() { setLoggingEnvironment(); }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    }
    void cleanup() { m_f = Fixture(); }

    void clientKeys()
    {
        QCOMPARE(clientKey(QStringLiteral("192.0.2.7")), QStringLiteral("192.0.2.7"));
        QCOMPARE(clientKey(QStringLiteral("::ffff:192.0.2.7")), QStringLiteral("192.0.2.7"));
        QCOMPARE(clientKey(QStringLiteral("2001:db8:1:2:aaaa::1")),
                 QStringLiteral("2001:db8:1:2::/64"));
        QCOMPARE(clientKey(QStringLiteral("2001:db8:1:2:ffff:ffff:ffff:ffff")),
                 QStringLiteral("2001:db8:1:2::/64"));
        QVERIFY(clientKey(QStringLiteral("2001:db8:1:3::1")) !=
                clientKey(QStringLiteral("2001:db8:1:2::1")));
        QCOMPARE(clientKey(QStringLiteral("local")), QStringLiteral("local"));
        QCOMPARE(clientKey(QStringLiteral("not:an:address")), QStringLiteral("not:an:address"));
    }

    void bearerThrottleCountsAnIpv6ClientByItsSlash64()
    {
        AuthThrottle::Policy policy;
        policy.maxFailures = 3;
        AuthThrottle throttle(policy);
        const qint64 now = 1000000;
        QVERIFY(!throttle.recordFailure(QStringLiteral("2001:db8:0:1::a"), now));
        QVERIFY(!throttle.recordFailure(QStringLiteral("2001:db8:0:1::b"), now));
        QVERIFY(throttle.recordFailure(QStringLiteral("2001:db8:0:1:ffff::c"), now));
        QVERIFY(throttle.retryAfterSeconds(QStringLiteral("2001:db8:0:1::1234"), now) > 0);
        QCOMPARE(throttle.retryAfterSeconds(QStringLiteral("2001:db8:0:2::a"), now), 0);
        QCOMPARE(throttle.retryAfterSeconds(QStringLiteral("192.0.2.1"), now), 0);
    }

    void signInThrottleCountsAnIpv6ClientByItsSlash64()
    {
        // Three failed sign-ins for three unknown users from three addresses of one /64: the
        // fourth attempt from a fourth address of that /64 is throttled; another /64 is not.
        const SecretBytes code(QByteArray("no-such-code-1"));
        for (int i = 0; i < 3; ++i) {
            auto r = svc().sessions.create(QStringLiteral("ghost%1").arg(i), code,
                                           QStringLiteral("phone"), QStringLiteral("Android"),
                                           QStringLiteral("1.0"),
                                           QStringLiteral("2001:db8:5:6::%1").arg(i + 1));
            QCOMPARE(r.code(), Errc::AuthenticationFailed);
        }
        auto r = svc().sessions.create(QStringLiteral("ghost9"), code, QStringLiteral("phone"),
                                       QStringLiteral("Android"), QStringLiteral("1.0"),
                                       QStringLiteral("2001:db8:5:6:ffff::9"));
        QCOMPARE(r.code(), Errc::Throttled);
        r = svc().sessions.create(QStringLiteral("ghost8"), code, QStringLiteral("phone"),
                                  QStringLiteral("Android"), QStringLiteral("1.0"),
                                  QStringLiteral("2001:db8:5:7::1"));
        QCOMPARE(r.code(), Errc::AuthenticationFailed);
    }

    void throttleRowsArePruned()
    {
        const qint64 now = Clock::nowMs();
        const qint64 hour = 3600 * 1000;
        auto w = m_f.store->write([&] {
            m_f.store->run(QStringLiteral("INSERT INTO auth_throttle (key, failures, "
                                          "last_failure_at, blocked_until) VALUES (?, ?, ?, ?)"),
                           {QStringLiteral("addr:198.51.100.1"), 2, now - hour, now - hour});
            m_f.store->run(QStringLiteral("INSERT INTO auth_throttle (key, failures, "
                                          "last_failure_at, blocked_until) VALUES (?, ?, ?, ?)"),
                           {QStringLiteral("addr:198.51.100.2"), 10, now - hour, now + hour});
            m_f.store->run(QStringLiteral("INSERT INTO auth_throttle (key, failures, "
                                          "last_failure_at, blocked_until) VALUES (?, ?, ?, ?)"),
                           {QStringLiteral("addr:198.51.100.3"), 1, now - 1000, now - 1000});
        });
        QVERIFY(w.ok());
        auto r = svc().sessions.create(QStringLiteral("ghost"), SecretBytes(QByteArray("x-code-1")),
                                       QStringLiteral("phone"), QStringLiteral("Android"),
                                       QStringLiteral("1.0"), QStringLiteral("198.51.100.9"));
        QCOMPARE(r.code(), Errc::AuthenticationFailed);
        auto keys = m_f.store->read([&] {
            QStringList out;
            QSqlQuery q = m_f.store->run(QStringLiteral("SELECT key FROM auth_throttle"));
            while (q.next())
                out << q.value(0).toString();
            return out;
        });
        QVERIFY(keys.ok());
        // The stale row is gone; a blocked one and a recent one stay, with the new ones.
        QVERIFY(!keys->contains(QStringLiteral("addr:198.51.100.1")));
        QVERIFY(keys->contains(QStringLiteral("addr:198.51.100.2")));
        QVERIFY(keys->contains(QStringLiteral("addr:198.51.100.3")));
        QVERIFY(keys->contains(QStringLiteral("access_code:addr:198.51.100.9")));
        QVERIFY(keys->contains(QStringLiteral("access_code:user:ghost")));
    }

    void signInThreadsRunAtTheirNiceness()
    {
        // The threads that hash sign-ins run below the I/O threads, at the nice value asked
        // for (default 5: at 19 other work on the machine starved them); the rest at 0.
        for (const int asked : {-1, 12}) {
            ServerProcess server;
            QString why;
            const QStringList args = asked < 0 ? QStringList{}
                                               : QStringList{QStringLiteral("--sign-in-niceness"),
                                                             QString::number(asked)};
            QVERIFY2(server.start(m_f.db->spec(), args, &why), qPrintable(why));
            // Read once every thread has set its own (they do as they start).
            const int expected = asked < 0 ? 5 : asked;
            QMap<int, int> threadsAt; // nice value → threads
            const auto readThreads = [&] {
                threadsAt.clear();
                QDir tasks(QStringLiteral("/proc/%1/task").arg(server.pid()));
                for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                    QFile stat(tasks.filePath(tid) + QStringLiteral("/stat"));
                    if (!stat.open(QIODevice::ReadOnly))
                        continue;
                    const QByteArray line = stat.readAll();
                    // After the command's closing parenthesis: state is field 3, nice 19.
                    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
                    if (f.size() > 16)
                        ++threadsAt[f.at(16).toInt()];
                }
                return threadsAt.value(expected) >= 1;
            };
            if (!QTest::qWaitFor(readThreads, 5000)) {
                QStringList seen;
                for (auto it = threadsAt.cbegin(); it != threadsAt.cend(); ++it)
                    seen << QStringLiteral("%1 at nice %2").arg(it.value()).arg(it.key());
                QFAIL(qPrintable(QStringLiteral("no thread at nice %1 (pid %2): %3")
                                     .arg(expected)
                                     .arg(server.pid())
                                     .arg(seen.join(QStringLiteral(", ")))));
            }
            QVERIFY(threadsAt.value(0) >= 1); // the I/O threads and the rest
            QVERIFY(!threadsAt.contains(19));
        }
    }

    void signInsOverTheLimitGet429()
    {
        // One sign-in held at a time: of six sent at once, the ones that find the pool busy are
        // answered 429 with Retry-After right away; the others are hashed and answered.
        ServerProcess server;
        QString why;
        QVERIFY2(server.start(m_f.db->spec(),
                              {QStringLiteral("--max-sign-ins"), QStringLiteral("1"),
                               QStringLiteral("--max-auth-failures"), QStringLiteral("1000")},
                              &why),
                 qPrintable(why));
        NewUser u;
        u.username = QStringLiteral("pat");
        u.email = QStringLiteral("pat@example.org");
        u.department = QStringLiteral("Administration");
        u.userType = QStringLiteral("Standard");
        u.password = secret("Passw0rd!long");
        auto user = svc().accounts.createUser(m_f.cli, u);
        QVERIFY(user.ok());
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, user->id, secret("pocket-code-77"), 90).ok());
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("username"), QStringLiteral("pat")},
                            {QStringLiteral("access_code"), QStringLiteral("pocket-code-77")},
                            {QStringLiteral("device_name"), QStringLiteral("Pixel")},
                            {QStringLiteral("platform"), QStringLiteral("Android")},
                            {QStringLiteral("app_version"), QStringLiteral("1.0")}})
                .toJson(QJsonDocument::Compact);
        const QByteArray request = "POST /api/v1/mobile/sessions HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/json\r\nConnection: close\r\n"
                                   "Content-Length: " +
                                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QList<QTcpSocket *> sockets;
        QList<QByteArray> answers(6);
        for (int i = 0; i < 6; ++i) {
            auto *s = new QTcpSocket(this);
            connect(s, &QTcpSocket::readyRead, this,
                    [s, i, &answers] { answers[i] += s->readAll(); });
            s->connectToHost(QHostAddress::LocalHost, server.port());
            sockets << s;
        }
        for (QTcpSocket *s : std::as_const(sockets))
            QVERIFY(s->waitForConnected(5000));
        for (QTcpSocket *s : std::as_const(sockets))
            s->write(request);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(answers.cbegin(), answers.cend(),
                        [](const QByteArray &a) { return a.contains("\r\n\r\n"); }),
            20000);
        int busy = 0;
        int created = 0;
        for (const QByteArray &a : std::as_const(answers)) {
            if (a.startsWith("HTTP/1.1 429 ")) {
                ++busy;
                QVERIFY(a.contains("Retry-After: 1"));
            } else if (a.startsWith("HTTP/1.1 201 ")) {
                ++created;
                noteTokensIn(a);
            }
        }
        QVERIFY2(busy >= 1 && created >= 1 && busy + created == 6,
                 qPrintable(QStringLiteral("%1 busy, %2 created").arg(busy).arg(created)));
        qDeleteAll(sockets);
        QVERIFY(server.log().contains("sign_in=busy"));
        QVERIFY(!server.log().contains("pocket-code-77"));
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
