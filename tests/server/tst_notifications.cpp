// SPDX-License-Identifier: MIT
// tokendesk-server on PostgreSQL keeps verified credentials in memory, invalidated by the
// store's own notifications (LISTEN/NOTIFY from the triggers of migration 3). A revocation from
// any process reaches the server; while the notification connection is down the server verifies
// every request against the database, never from a stale cache, and says so once in its log.
// On SQLite (no notifications) the server sees every change on the next request.
#include "serverharness.h"
#include "testsupport.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/tokencodec.h"

#include <QTest>

using namespace td;
using namespace td::test;

class TestNotifications : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    std::unique_ptr<ServerProcess> m_server;
    QNetworkAccessManager *m_nam = nullptr;

    QByteArray apiToken()
    {
        static int n = 0;
        NewApiToken t;
        t.name = QStringLiteral("n-%1").arg(++n);
        t.scopes = {Scope::Collection};
        t.username = QStringLiteral("admin");
        t.expiresAt = Clock::now().addDays(30);
        auto c = m_f.domain->tokens.create(m_f.cli, t);
        if (!c)
            return {};
        noteSecret(c->secret);
        return c->secret.bytes();
    }
    qint64 tokenId(const QByteArray &token)
    {
        return m_f.store
            ->read([&] {
                return m_f.store
                    ->scalar(QStringLiteral("SELECT id FROM api_tokens WHERE token_hash = ?"),
                             {TokenCodec::lookupHash(token)})
                    .toLongLong();
            })
            .value();
    }
    int me(const QByteArray &token)
    {
        return http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/me")), bearer(token))
            .status;
    }
    /// Revokes behind the notifications' back: the trigger is off for this one statement.
    void revokeSilently(const QByteArray &token)
    {
        const qint64 id = tokenId(token);
        auto w = m_f.store->write([&] {
            m_f.store->run(
                QStringLiteral("ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_changed"));
            m_f.store->run(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"),
                           {Clock::nowMs(), id});
            m_f.store->run(
                QStringLiteral("ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_changed"));
        });
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().message));
    }

private Q_SLOTS:
    void initTestCase() { setLoggingEnvironment(); }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        m_nam = new QNetworkAccessManager;
        m_server = std::make_unique<ServerProcess>();
        QString why;
        QVERIFY2(m_server->start(m_f.db->spec(),
                                 {QStringLiteral("--credential-cache"), QStringLiteral("on")},
                                 &why),
                 qPrintable(why));
    }
    void cleanup()
    {
        m_server.reset();
        delete m_nam;
        m_nam = nullptr;
        m_f = Fixture();
    }

    void revocationReachesTheServer()
    {
        const QByteArray token = apiToken();
        QCOMPARE(me(token), 200);
        QCOMPARE(me(token), 200);
        QVERIFY(m_f.domain->tokens.revoke(m_f.cli, {tokenId(token)}).ok());
        // Committed in this process; the server learns of it from the store.
        QTRY_COMPARE_WITH_TIMEOUT(me(token), 401, 5000);
        // So does a change of the user type's permissions (one notification for all).
        const QByteArray other = apiToken();
        QCOMPARE(me(other), 200);
        auto w = m_f.store->write([&] {
            m_f.store->run(QStringLiteral("UPDATE users SET disabled_at = ? WHERE username = "
                                          "'admin'"),
                           {Clock::nowMs()});
        });
        QVERIFY(w.ok());
        QTRY_COMPARE_WITH_TIMEOUT(me(other), 401, 5000);
        QVERIFY(!m_server->log().contains("credential notifications"));
    }

    void neverStaleWhileNotificationsAreDown()
    {
        if (m_f.store->isSqlite()) {
            // No notifications and no shared cache: a change behind the server's back shows on
            // the very next request.
            const QByteArray token = apiToken();
            QCOMPARE(me(token), 200);
            auto w = m_f.store->write([&] {
                m_f.store->run(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"),
                               {Clock::nowMs(), tokenId(token)});
            });
            QVERIFY(w.ok());
            QCOMPARE(me(token), 401);
            QVERIFY(!m_server->log().contains("credential notifications"));
            return;
        }
        const QByteArray a = apiToken();
        const QByteArray b = apiToken();
        QCOMPARE(me(a), 200);
        QCOMPARE(me(b), 200);
        // The cache is in use: a change that sends no notification is not seen.
        revokeSilently(a);
        QCOMPARE(me(a), 200);

        // End the server's notification connection from the database side (this test's
        // database only: servers of other tests share the cluster).
        auto killed = m_f.store->read([&] {
            return m_f.store
                ->scalar(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM "
                                        "pg_stat_activity WHERE application_name = "
                                        "'tokendesk-server notifications' AND datname = "
                                        "current_database()"))
                .toInt();
        });
        QVERIFY(killed.ok());
        QCOMPARE(killed.value(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("credential notifications lost"), 5000);
        // From now on (down, or listening again with an empty cache) nothing stale is served.
        revokeSilently(b);
        QCOMPARE(me(b), 401);
        QCOMPARE(me(a), 401);

        // It listens again, and says so; the loss was said once.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("credential notifications are back"),
                                 10000);
        QCOMPARE(m_server->log().count("credential notifications lost"), 1);
        const QByteArray c = apiToken();
        QCOMPARE(me(c), 200);
        QCOMPARE(me(c), 200);
        revokeSilently(c);
        QCOMPARE(me(c), 200); // cached again
        const QByteArray d = apiToken();
        QCOMPARE(me(d), 200);
        QVERIFY(m_f.domain->tokens.revoke(m_f.cli, {tokenId(d)}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(me(d), 401, 5000);
    }
};

QTEST_GUILESS_MAIN(TestNotifications)
#include "tst_notifications.moc"
