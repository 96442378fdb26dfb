// SPDX-License-Identifier: MIT
// server.changes: the change stream of tokendesk-server (GET /api/v1/changes), a real server
// process. Without a cursor or with an old or unknown one it answers at once; with the current
// one it holds the poll until another process changes the store (tokendesk-admin, another
// connection) or its timeout; a revoked credential's held poll ends 401. Under many held polls
// from several client addresses the server keeps to its limits (503 in all, 429 per address and
// per credential, each with Retry-After) and still answers /healthz and /api/v1/me.
#include "adminrun.h"
#include "serverharness.h"
#include "testsupport.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/passwordhasher.h"
#include "store/changewatcher.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <unistd.h>

using namespace td;
using namespace td::test;

namespace {

/// How long a test waits for an answer the server owes (QTRY_*_WITH_TIMEOUT).
constexpr int AnswerMs = 30000;
/// After a request that is answered at once: how long to look for its answer on its socket.
constexpr int RefusalReadMs = 300;

/// The limits server A runs with (the attack's arithmetic below follows from them).
constexpr int MaxPolls = 12;
constexpr int MaxPerAddress = 3;
constexpr int MaxPerCredential = 2;

QByteArray pollRequest(const QByteArray &credential, quint64 after)
{
    return "GET /api/v1/changes?after=" + QByteArray::number(after) +
           " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + credential + "\r\n\r\n";
}

/// The status of a raw answer ("HTTP/1.1 429 …"), 0 when none (yet).
int statusOf(const QByteArray &answer)
{
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

/// The JSON body of a whole raw answer (Content-Length framed), else an empty object.
QJsonObject bodyOf(const QByteArray &answer)
{
    const qsizetype end = answer.indexOf("\r\n\r\n");
    return end < 0 ? QJsonObject() : QJsonDocument::fromJson(answer.mid(end + 4)).object();
}

/// One change poll on a raw connection from a client address of its own.
struct RawPoll
{
    int fd = -1;
    QByteArray answer;
    ~RawPoll()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    ServerProcess m_server; ///< A: the default timeout, small limits
    ServerProcess m_quick;  ///< B: a 1 s timeout
    QNetworkAccessManager m_nam;
    QByteArray m_admin; ///< a console credential on A
    QByteArray m_apiToken;

    QByteArray signIn(ServerProcess &server)
    {
        const QJsonObject o{{QStringLiteral("username"), QStringLiteral("admin")},
                            {QStringLiteral("password"), QString::fromLatin1(AdminPassword)}};
        const HttpResult r =
            http(m_nam, "POST", server.url(QStringLiteral("/api/v1/console/sign-in")),
                 {{"Content-Type", "application/json"}},
                 QJsonDocument(o).toJson(QJsonDocument::Compact));
        const QByteArray c = r.json().value(QStringLiteral("credential")).toString().toLatin1();
        noteSecret(c);
        if (r.status != 201)
            qWarning("sign-in: %d", r.status);
        return c;
    }
    /// GET /api/v1/changes (after: none when negative), blocking.
    HttpResult poll(ServerProcess &server, const QByteArray &credential, qint64 after = -1)
    {
        return http(m_nam, "GET",
                    server.url(after < 0 ? QStringLiteral("/api/v1/changes")
                                         : QStringLiteral("/api/v1/changes?after=%1").arg(after)),
                    bearer(credential));
    }
    quint64 cursorOf(ServerProcess &server, const QByteArray &credential)
    {
        return quint64(poll(server, credential).json().value(QStringLiteral("cursor")).toInteger());
    }
    /// A change made by another connection to the store (the fixture's).
    void changeTheStore(const QString &department)
    {
        QVERIFY(m_f.domain->accounts.createDepartment(m_f.cli, department).ok());
    }
    /// Sends a poll from `address`; when the server answers it at once (a refusal), the answer
    /// is read. The server has one I/O thread and serves in arrival order, so once a /healthz
    /// sent after the poll is answered, the poll has been decided.
    void sendPoll(RawPoll &p, const char *address, const QByteArray &credential, quint64 after)
    {
        p.fd = connectFrom(address, m_server.port());
        QVERIFY(p.fd >= 0);
        QVERIFY(sendAll(p.fd, pollRequest(credential, after)));
        QElapsedTimer t;
        t.start();
        const HttpResult h = http(m_nam, "GET", m_server.url(QStringLiteral("/healthz")));
        QCOMPARE(h.status, 200);
        QVERIFY2(t.elapsed() < AnswerMs, "the server did not answer /healthz");
        readSome(p.fd, &p.answer, RefusalReadMs);
    }
    /// Reads each poll's whole answer; true when all arrived within AnswerMs.
    static bool readAll(std::vector<RawPoll> &polls)
    {
        QElapsedTimer t;
        t.start();
        for (RawPoll &p : polls)
            while (bodyOf(p.answer).isEmpty() && t.elapsed() < AnswerMs)
                readSome(p.fd, &p.answer, 100);
        return t.elapsed() < AnswerMs;
    }
    /// One poll without a cursor from `address` (answered at once): the credential's first use
    /// from there is recorded in the store (its sliding expiry) now, not during the attack, where
    /// on SQLite it would be a change like any other.
    void useFrom(const char *address, const QByteArray &credential)
    {
        std::vector<RawPoll> one(1);
        one[0].fd = connectFrom(address, m_server.port());
        QVERIFY(one[0].fd >= 0);
        QVERIFY(sendAll(one[0].fd, "GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                   "Bearer " +
                                       credential + "\r\n\r\n"));
        QVERIFY(readAll(one));
        QCOMPARE(statusOf(one[0].answer), 200);
    }
    /// Waits until the server heard the changes just made (SQLite: its next poll), so the
    /// cursor read next stays.
    static void quiet() { QTest::qWait(2 * ChangeWatcher::PollIntervalMs); }

private Q_SLOTS:
    void initTestCase()
    {
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        QString why;
        QVERIFY2(m_server.start(m_f.db->spec(),
                                {QStringLiteral("--max-auth-failures"), QStringLiteral("0"),
                                 QStringLiteral("--max-change-polls"), QString::number(MaxPolls),
                                 QStringLiteral("--max-change-polls-per-address"),
                                 QString::number(MaxPerAddress),
                                 QStringLiteral("--max-change-polls-per-credential"),
                                 QString::number(MaxPerCredential)},
                                &why),
                 qPrintable(why));
        QVERIFY2(m_quick.start(m_f.db->spec(),
                               {QStringLiteral("--max-auth-failures"), QStringLiteral("0"),
                                QStringLiteral("--change-poll-timeout"), QStringLiteral("1")},
                               &why),
                 qPrintable(why));
        m_admin = signIn(m_server);
        QVERIFY(m_admin.startsWith("tdc_"));
        auto api = m_f.domain->tokens.create(m_f.cli, {QStringLiteral("probe"),
                                                       {},
                                                       {Scope::Collection},
                                                       QStringLiteral("admin"),
                                                       {},
                                                       {},
                                                       Clock::now().addDays(3),
                                                       false});
        QVERIFY(api.ok());
        m_apiToken = api->secret.bytes();
        noteSecret(m_apiToken);
    }
    void cleanupTestCase()
    {
        m_server.stop();
        m_quick.stop();
        keepForLeakScan(QStringLiteral("server.log"), m_server.log() + m_quick.log());
    }

    void answersAtOnceWithoutOrWithAnOldCursor()
    {
        quiet();
        const HttpResult first = poll(m_server, m_admin);
        QCOMPARE(first.status, 200);
        const qint64 cursor = first.json().value(QStringLiteral("cursor")).toInteger();
        QVERIFY(cursor > 0);
        // An older cursor (the store changed since) and one the server never gave (another
        // server's, an earlier run's): the current one at once.
        for (qint64 other : {cursor - 1, cursor + 1000}) {
            const HttpResult r = poll(m_server, m_admin, other);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(QStringLiteral("cursor")).toInteger(), cursor);
        }
        QTRY_COMPARE(m_server.log().count("/api/v1/changes"), 3);
        QCOMPARE(m_server.log().count("poll=at_once"), 3);
        QCOMPARE(poll(m_server, m_admin, -1).status, 200);

        // Without a console credential, or with a bad cursor: refused at once.
        QCOMPARE(http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/changes"))).status, 401);
        QCOMPARE(
            http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/changes")), bearer(m_apiToken))
                .status,
            401);
        QCOMPARE(http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/changes?after=soon")),
                      bearer(m_admin))
                     .status,
                 400);
    }

    void aChangeByAnotherProcessWakesAHeldPoll()
    {
        quiet();
        const quint64 cursor = cursorOf(m_server, m_admin);
        QNetworkRequest request(
            m_server.url(QStringLiteral("/api/v1/changes?after=%1").arg(cursor)));
        request.setRawHeader("Authorization", "Bearer " + m_admin);
        QNetworkReply *held = m_nam.get(request);
        // Held: no answer while nothing changes (the timeout is 25 s).
        QTest::qWait(500);
        QVERIFY(!held->isFinished());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TOKENDESK_DATABASE"));
        const AdminRun cli =
            runAdmin({QStringLiteral("--database"), m_f.db->spec(), QStringLiteral("department"),
                      QStringLiteral("add"), QStringLiteral("Woken Department")},
                     {}, env);
        QCOMPARE(cli.exit, 0);
        QElapsedTimer since;
        since.start();
        QTRY_VERIFY_WITH_TIMEOUT(held->isFinished(), AnswerMs);
        qInfo("the held poll was answered %lld ms after tokendesk-admin exited", since.elapsed());
        QCOMPARE(held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject answer = QJsonDocument::fromJson(held->readAll()).object();
        QVERIFY(quint64(answer.value(QStringLiteral("cursor")).toInteger()) > cursor);
        held->deleteLater();
        QTRY_VERIFY(m_server.log().contains("poll=woken"));
    }

    void aQuietPollEndsWithTheSameCursor()
    {
        const QByteArray credential = signIn(m_quick);
        quiet();
        const quint64 cursor = cursorOf(m_quick, credential);
        const HttpResult r = poll(m_quick, credential, qint64(cursor));
        QCOMPARE(r.status, 200);
        QCOMPARE(quint64(r.json().value(QStringLiteral("cursor")).toInteger()), cursor);
        QTRY_VERIFY(m_quick.log().contains("poll=timeout")); // the log is written by a thread
    }

    void aRevokedCredentialsPollEnds401()
    {
        const QByteArray credential = signIn(m_quick);
        quiet();
        const quint64 cursor = cursorOf(m_quick, credential);
        QNetworkRequest request(
            m_quick.url(QStringLiteral("/api/v1/changes?after=%1").arg(cursor)));
        request.setRawHeader("Authorization", "Bearer " + credential);
        QNetworkReply *held = m_nam.get(request);
        QCOMPARE(http(m_nam, "POST", m_quick.url(QStringLiteral("/api/v1/console/sign-out")),
                      bearer(credential))
                     .status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(held->isFinished(), AnswerMs);
        QCOMPARE(held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        held->deleteLater();
    }

    void manyHeldPollsKeepToTheLimits()
    {
        const char *addresses[] = {"127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4"};
        QByteArrayList credentials;
        for (int i = 0; i < 9; ++i)
            credentials << signIn(m_server);
        for (const QByteArray &c : credentials)
            QVERIFY(c.startsWith("tdc_"));
        for (int a = 0; a < 4; ++a)
            for (int i = 0; i < 2; ++i)
                useFrom(addresses[a], credentials[2 * a + i]);
        useFrom("127.0.2.1", credentials.last());
        quiet();
        quint64 cursor = cursorOf(m_server, m_admin);
        const qint64 logged = m_server.log().count("/api/v1/changes?…\" ");

        // One credential, two places: its third poll is refused 429 at once.
        {
            std::vector<RawPoll> polls(MaxPerCredential + 1);
            for (RawPoll &p : polls)
                sendPoll(p, "127.0.2.1", credentials.last(), cursor);
            for (int i = 0; i < MaxPerCredential; ++i)
                QCOMPARE(statusOf(polls[size_t(i)].answer), 0); // held
            const QByteArray &refused = polls.back().answer;
            QCOMPARE(statusOf(refused), 429);
            QVERIFY(refused.contains("\r\nRetry-After: "));
            QTRY_VERIFY(m_server.log().contains("poll=busy_credential"));
            // A change answers the held ones, and frees their places.
            changeTheStore(QStringLiteral("Per credential"));
            QVERIFY(readAll(polls));
            for (int i = 0; i < MaxPerCredential; ++i)
                QCOMPARE(statusOf(polls[size_t(i)].answer), 200);
        }
        quiet();
        cursor = cursorOf(m_server, m_admin);

        // Four addresses, four polls each, each address with two credentials of its own (at most
        // two places each): three are held per address (the fourth 429), until the twelve places
        // in all are taken; the last address's fourth poll finds none (503).
        std::vector<RawPoll> polls(16);
        for (int a = 0; a < 4; ++a)
            for (int i = 0; i < 4; ++i)
                sendPoll(polls[size_t(4 * a + i)], addresses[a], credentials[2 * a + i % 2],
                         cursor);
        int held = 0;
        for (int a = 0; a < 4; ++a) {
            for (int i = 0; i < 3; ++i)
                held += statusOf(polls[size_t(4 * a + i)].answer) == 0 ? 1 : 0;
            const QByteArray &fourth = polls[size_t(4 * a + 3)].answer;
            QCOMPARE(statusOf(fourth), a < 3 ? 429 : 503);
            QVERIFY(fourth.contains("\r\nRetry-After: "));
        }
        QCOMPARE(held, MaxPolls);
        QTRY_VERIFY(m_server.log().contains("poll=busy_address"));
        QTRY_VERIFY(m_server.log().contains("poll=busy\n"));

        // The server still answers everyone else while the polls are held.
        QElapsedTimer t;
        t.start();
        QCOMPARE(http(m_nam, "GET", m_server.url(QStringLiteral("/healthz"))).status, 200);
        const qint64 healthzMs = t.restart();
        QCOMPARE(http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/me")), bearer(m_apiToken))
                     .status,
                 200);
        qInfo("with %d polls held: /healthz answered in %lld ms, /api/v1/me in %lld ms", held,
              healthzMs, t.elapsed());

        // A change answers every held poll with the new cursor; one access-log line per poll.
        changeTheStore(QStringLiteral("After the attack"));
        QVERIFY(readAll(polls));
        for (int a = 0; a < 4; ++a)
            for (int i = 0; i < 3; ++i) {
                const RawPoll &p = polls[size_t(4 * a + i)];
                QCOMPARE(statusOf(p.answer), 200);
                QVERIFY(quint64(bodyOf(p.answer).value(QStringLiteral("cursor")).toInteger()) >
                        cursor);
            }
        QTRY_COMPARE(m_server.log().count("/api/v1/changes?…\" ") - logged,
                     qint64(MaxPerCredential + 1 + 16));
    }
};

QTEST_MAIN(TestChanges)
#include "tst_changes.moc"
