// SPDX-License-Identifier: MIT
// Webhooks on SQLite and PostgreSQL: a revocation queues its event in the same transaction, a
// receiver inside the test gets the POST and checks its signature with the secret shown once
// (HMAC-SHA256 computed here with QMessageAuthenticationCode, independently of the server's),
// a 500 is retried on the (shortened) schedule until a 2xx, a receiver that keeps failing ends
// failed, nothing is queued for an event nobody subscribed to, and the key file is created 0600.
#include "webhookdelivery.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "testsupport.h"
#include "webhookreceiver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace td;
using namespace td::test;

class TestWebhooks : public QObject
{
    Q_OBJECT

private:
    Fixture f;
    WebhookReceiver *receiver = nullptr;
    Actor admin;

    QString createHook(const QStringList &events, QByteArray *secret = nullptr,
                       qint64 *id = nullptr)
    {
        NewWebhook w;
        w.url = receiver->url();
        w.events = events;
        auto r = f.domain->webhooks.create(admin, w);
        if (!r)
            return r.error().message;
        noteSecret(r->secret);
        if (secret)
            *secret = r->secret.bytes();
        if (id)
            *id = r->webhookId;
        return {};
    }
    CreatedToken makeToken(const QString &name)
    {
        NewApiToken r;
        r.name = name;
        r.username = QStringLiteral("admin");
        r.scopes = {Scope::Collection};
        r.expiresAt = Clock::now().addDays(30);
        auto t = f.domain->tokens.create(f.cli, r);
        if (!t)
            return {};
        noteSecret(t->secret);
        return std::move(t.value());
    }
    QList<WebhookDelivery> deliveries(qint64 hook)
    {
        auto page = f.domain->webhooks.deliveries(admin, hook, 0, 100);
        return page ? page->rows : QList<WebhookDelivery>();
    }
    static QByteArray hmac(const QByteArray &secret, const QByteArray &body)
    {
        return webhookSignature(secret, body);
    }
    WebhookSender::Options fast(QList<qint64> schedule = {1000})
    {
        WebhookSender::Options o;
        o.retryScheduleMs = std::move(schedule);
        return o;
    }

private Q_SLOTS:
    void initTestCase() { PasswordHasher::setCostForTesting(1, 8 * 1024); }
    void init()
    {
        QByteArray key(32, Qt::Uninitialized);
        for (char &c : key)
            c = char(QRandomGenerator::global()->bounded(256));
        WebhookService::setKey(key);
        f = makeFixture();
        QVERIFY2(f.ok(), qPrintable(f.error));
        auto a = f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword),
                                           QStringLiteral("10.0.0.1"));
        QVERIFY(a.ok());
        admin = a.value();
        delete receiver;
        receiver = new WebhookReceiver;
        QVERIFY(receiver->listen());
    }
    void cleanupTestCase() { delete receiver; }

    void revokeIsDeliveredSigned()
    {
        QByteArray secret;
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("token.revoked")}, &secret, &hook), QString());
        QVERIFY(secret.startsWith("whsec_"));
        // Shown once: the list has its hint, the store only ciphertext.
        auto list = f.domain->webhooks.list(admin);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().secretHint, QString::fromLatin1(secret.right(4)));
        auto stored = f.store->read([&] {
            QSqlQuery q = f.store->run(QStringLiteral("SELECT secret_ciphertext FROM webhooks"));
            q.next();
            return q.value(0).toByteArray();
        });
        QVERIFY(stored.ok());
        QVERIFY(!stored->contains(secret));

        const CreatedToken t = makeToken(QStringLiteral("deploy bot"));
        QVERIFY(t.id);
        QVERIFY(f.domain->tokens.revoke(f.cli, {t.id}).ok());
        QCOMPARE(deliveries(hook).size(), 1);

        WebhookSender sender(f.store->location(), fast());
        const WebhookSender::Tick tick = sender.tick(*f.store, Clock::nowMs());
        QCOMPARE(tick.sent, 1);
        QCOMPARE(receiver->received.size(), 1);
        const ReceivedPost &r = receiver->received.first();
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.headers.value("tokendesk-event"), QByteArray("token.revoked"));
        QCOMPARE(r.headers.value("tokendesk-signature-256"), hmac(secret, r.body));
        QVERIFY(r.headers.value("tokendesk-signature-256") != hmac("whsec_other", r.body));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("token.revoked"));
        QCOMPARE(body.value(QStringLiteral("id")).toString(),
                 QString::fromLatin1(r.headers.value("tokendesk-delivery")));
        QVERIFY(body.value(QStringLiteral("occurredAt")).toString().endsWith(QLatin1Char('Z')));
        const QJsonObject data = body.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("id")).toInteger(), t.id);
        QCOMPARE(data.value(QStringLiteral("name")).toString(), QStringLiteral("deploy bot"));
        QCOMPARE(data.value(QStringLiteral("hint")).toString(), t.hint);
        QCOMPARE(data.value(QStringLiteral("username")).toString(), QStringLiteral("admin"));
        QVERIFY(!r.body.contains(t.secret.bytes()));

        const QList<WebhookDelivery> after = deliveries(hook);
        QCOMPARE(after.first().attempts, 1);
        QCOMPARE(after.first().lastStatus, 200);
        QVERIFY(after.first().deliveredAt.isValid());
        // Delivered once: nothing more to send.
        QCOMPARE(sender.tick(*f.store, Clock::nowMs() + 3600 * 1000).sent, 0);
        QCOMPARE(receiver->received.size(), 1);
    }

    void retriedAfterAnErrorUntilSuccess()
    {
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("token.revoked")}, nullptr, &hook), QString());
        receiver->statuses = {500, 200};
        QVERIFY(f.domain->tokens.revoke(f.cli, {makeToken(QStringLiteral("a")).id}).ok());
        WebhookSender sender(f.store->location(), fast({60 * 1000}));
        const qint64 now = Clock::nowMs();
        QCOMPARE(sender.tick(*f.store, now).failed, 1);
        WebhookDelivery d = deliveries(hook).first();
        QCOMPARE(d.attempts, 1);
        QCOMPARE(d.lastStatus, 500);
        QCOMPARE(d.lastError, QStringLiteral("HTTP 500: receiver is broken"));
        QVERIFY(!d.deliveredAt.isValid() && !d.failedAt.isValid());
        // Not due before the schedule's wait.
        QCOMPARE(sender.tick(*f.store, now + 1000).sent + sender.tick(*f.store, now + 1000).failed,
                 0);
        QCOMPARE(receiver->received.size(), 1);
        QCOMPARE(sender.tick(*f.store, Clock::nowMs() + 61 * 1000).sent, 1);
        d = deliveries(hook).first();
        QCOMPARE(d.attempts, 2);
        QCOMPARE(d.lastStatus, 200);
        QCOMPARE(d.lastError, QString());
        QVERIFY(d.deliveredAt.isValid());
        QCOMPARE(receiver->received.size(), 2);
        QCOMPARE(receiver->received[0].body, receiver->received[1].body);
    }

    void failedAfterTheLastAttempt()
    {
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("token.revoked")}, nullptr, &hook), QString());
        receiver->statuses = {503};
        QVERIFY(f.domain->tokens.revoke(f.cli, {makeToken(QStringLiteral("b")).id}).ok());
        WebhookSender sender(f.store->location(), fast({1000, 1000}));
        qint64 at = Clock::nowMs();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(sender.tick(*f.store, at).failed, 1);
            at += 10 * 1000;
        }
        const WebhookDelivery d = deliveries(hook).first();
        QCOMPARE(d.attempts, 3);
        QCOMPARE(d.lastStatus, 503);
        QVERIFY(d.failedAt.isValid());
        QCOMPARE(sender.tick(*f.store, at + 3600 * 1000).failed, 0);
        QCOMPARE(receiver->received.size(), 3);

        // Redeliver starts it over.
        receiver->statuses = {204};
        auto again = f.domain->webhooks.redeliver(admin, hook, d.id);
        QVERIFY(again.ok());
        QCOMPARE(again->attempts, 0);
        QCOMPARE(sender.tick(*f.store, Clock::nowMs()).sent, 1);
        QCOMPARE(deliveries(hook).first().lastStatus, 204);
    }

    void noAnswerIsAFailedAttempt()
    {
        NewWebhook w;
        w.url = QStringLiteral("http://127.0.0.1:1/closed"); // nothing listens on port 1
        w.events = {QStringLiteral("token.revoked")};
        auto created = f.domain->webhooks.create(admin, w);
        QVERIFY(created.ok());
        noteSecret(created->secret);
        QVERIFY(f.domain->tokens.revoke(f.cli, {makeToken(QStringLiteral("c")).id}).ok());
        WebhookSender sender(f.store->location(), fast());
        QCOMPARE(sender.tick(*f.store, Clock::nowMs()).failed, 1);
        const WebhookDelivery d = deliveries(created->webhookId).first();
        QCOMPARE(d.lastStatus, 0);
        QVERIFY(!d.lastError.isEmpty());
    }

    void claimedDeliveriesAreNotClaimedTwice()
    {
        QCOMPARE(createHook({QStringLiteral("token.revoked")}), QString());
        QVERIFY(f.domain->tokens.revoke(f.cli, {makeToken(QStringLiteral("d")).id}).ok());
        auto other = f.store->openAnother();
        QVERIFY(other.ok());
        Domain second(*other.value());
        const qint64 now = Clock::nowMs();
        auto first = f.domain->webhooks.claimDue(now, 10);
        QVERIFY(first.ok());
        QCOMPARE(first->size(), size_t(1));
        auto again = second.webhooks.claimDue(now, 10);
        QVERIFY(again.ok());
        QCOMPARE(again->size(), size_t(0));
        // A claim runs out (a server that died while sending): then it is sent again.
        auto later = second.webhooks.claimDue(now + WebhookService::ClaimMs, 10);
        QVERIFY(later.ok());
        QCOMPARE(later->size(), size_t(1));
    }

    void eventsOnlyForSubscribers()
    {
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("session.revoked")}, nullptr, &hook), QString());
        QVERIFY(f.domain->tokens.revoke(f.cli, {makeToken(QStringLiteral("e")).id}).ok());
        QCOMPARE(deliveries(hook).size(), 0);

        // A mobile session ended by an administrator, and one ended by its app.
        QVERIFY(f.domain->accounts.setAccessCode(f.cli, admin.userId, secret("Admin-code-77"), 90)
                    .ok());
        auto s1 = f.domain->sessions.create(QStringLiteral("admin"), secret("Admin-code-77"),
                                            QStringLiteral("Pixel 8"), QStringLiteral("Android"),
                                            QStringLiteral("3.4.1"), QStringLiteral("10.0.0.5"));
        QVERIFY(s1.ok());
        noteSecret(s1->secret);
        QVERIFY(f.domain->sessions.revoke(f.cli, {s1->id}).ok());
        QList<WebhookDelivery> list = deliveries(hook);
        QCOMPARE(list.size(), 1);
        const QJsonObject data =
            QJsonDocument::fromJson(list.first().body.toUtf8()).object().value("data").toObject();
        QCOMPARE(data.value(QStringLiteral("id")).toInteger(), s1->id);
        QCOMPARE(data.value(QStringLiteral("username")).toString(), QStringLiteral("admin"));
        QCOMPARE(data.value(QStringLiteral("device")).toString(), QStringLiteral("Pixel 8"));
        QCOMPARE(data.value(QStringLiteral("platform")).toString(), QStringLiteral("Android"));
        QVERIFY(!list.first().body.contains(QString::fromLatin1(s1->secret.bytes())));

        // A disabled webhook is told nothing.
        QVERIFY(f.domain->webhooks.update(admin, hook, {QStringLiteral("session.revoked")}, false)
                    .ok());
        auto s2 = f.domain->sessions.create(QStringLiteral("admin"), secret("Admin-code-77"),
                                            QStringLiteral("iPad"), QStringLiteral("iOS"),
                                            QStringLiteral("3.4.1"), QStringLiteral("10.0.0.6"));
        QVERIFY(s2.ok());
        noteSecret(s2->secret);
        QVERIFY(f.domain->sessions.revoke(f.cli, {s2->id}).ok());
        QCOMPARE(deliveries(hook).size(), 1);
    }

    void disablingAUserTellsEachRevocation()
    {
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("token.revoked")}, nullptr, &hook), QString());
        NewUser u;
        u.username = QStringLiteral("carol");
        u.email = QStringLiteral("carol@example.org");
        u.department = f.domain->accounts.departments(f.cli)->first().name;
        u.userType = BuiltinUserType::Standard;
        u.password = secret("Carol-pass-1");
        QVERIFY(f.domain->accounts.createUser(f.cli, u).ok());
        const qint64 carol = f.domain->accounts.userByName(f.cli, QStringLiteral("carol"))->id;
        for (const char *name : {"one", "two"}) {
            NewApiToken r;
            r.name = QString::fromLatin1(name);
            r.username = QStringLiteral("carol");
            r.scopes = {Scope::Collection};
            r.expiresAt = Clock::now().addDays(30);
            auto t = f.domain->tokens.create(f.cli, r);
            QVERIFY(t.ok());
            noteSecret(t->secret);
        }
        QVERIFY(f.domain->accounts.disableUser(f.cli, carol).ok());
        QCOMPARE(deliveries(hook).size(), 2);
    }

    void refusedUrlsAndEvents_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        const QStringList revoked = {QStringLiteral("token.revoked")};
        QTest::newRow("ftp") << "ftp://example.org/x" << revoked << "url"
                             << "The URL must start with http:// or https://.";
        QTest::newRow("user info") << "https://bob:pw@example.org/x" << revoked << "url"
                                   << "The URL must not contain a user name or password; the "
                                      "signature authenticates the events.";
        QTest::newRow("empty") << "  " << revoked << "url"
                               << "Enter the URL the events are sent to.";
        QTest::newRow("too long") << "https://example.org/" + QString(2000, QLatin1Char('a'))
                                  << revoked << "url"
                                  << "The URL is too long (at most 2000 characters).";
        QTest::newRow("no events") << "https://example.org/x" << QStringList() << "events"
                                   << "Choose at least one event.";
        QTest::newRow("unknown event")
            << "https://example.org/x" << QStringList{QStringLiteral("token.created")} << "events"
            << "\"token.created\" is not an event. Events: token.expiring, token.expired, "
               "token.revoked, session.revoked.";
    }
    void refusedUrlsAndEvents()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, events);
        QFETCH(QString, field);
        QFETCH(QString, message);
        NewWebhook w;
        w.url = url;
        w.events = events;
        auto r = f.domain->webhooks.create(admin, w);
        QVERIFY(!r.ok());
        QCOMPARE(r.code(), Errc::InvalidArgument);
        QCOMPARE(r.error().field, field);
        QCOMPARE(r.error().message, message);
    }

    void withoutTheKeyNothingIsRegistered()
    {
        WebhookService::setKey({});
        NewWebhook w;
        w.url = receiver->url();
        w.events = {QStringLiteral("token.revoked")};
        auto r = f.domain->webhooks.create(admin, w);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("Webhooks are sent by tokendesk-server and are "
                                                   "managed when signed in to one."));
    }

    void regeneratedSecretSignsFromNowOn()
    {
        QByteArray old;
        qint64 hook = 0;
        QCOMPARE(createHook({QStringLiteral("token.revoked")}, &old, &hook), QString());
        auto fresh = f.domain->webhooks.regenerateSecret(admin, hook);
        QVERIFY(fresh.ok());
        noteSecret(fresh->secret);
        QVERIFY(fresh->secret.bytes() != old);
        QVERIFY(f.domain->webhooks.sendTest(admin, hook).ok());
        WebhookSender sender(f.store->location(), fast());
        QCOMPARE(sender.tick(*f.store, Clock::nowMs()).sent, 1);
        const ReceivedPost &r = receiver->received.first();
        QCOMPARE(r.headers.value("tokendesk-event"), QByteArray("webhook.test"));
        QCOMPARE(r.headers.value("tokendesk-signature-256"), hmac(fresh->secret.bytes(), r.body));
        // Audited without the secret.
        auto audit = f.store->read([&] {
            return f.store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN"
                                        " ('webhook.create', 'webhook.regenerate_secret')"))
                .toInt();
        });
        QCOMPARE(audit.value(), 2);
    }

    void theKeyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("webhook.key"));
        QString error;
        const QByteArray key = loadOrCreateWebhookKey(path, &error);
        QCOMPARE(error, QString());
        QCOMPARE(key.size(), 32);
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(loadOrCreateWebhookKey(path, &error), key);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        QVERIFY(loadOrCreateWebhookKey(path, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("mode 600")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
