// SPDX-License-Identifier: MIT
// Expiry notices (NoticeService, NoticeJobs, Mailer) on SQLite and PostgreSQL: each credential,
// expiry and threshold is noticed once, in the user's language, naming tokens by name and hint;
// e-mails go to a real SMTP server (python3-aiosmtpd, tests/server/smtpserver.py) that requires
// STARTTLS and authentication; a temporary refusal is retried, a refused recipient is not; the
// administrators get one digest a day; tokendesk-server refuses unusable mail settings and,
// restarted, never sends a notice twice.
#include "noticejobs.h"
#include "serverharness.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "domain/webhooks/webhookservice.h"
#include "security/passwordhasher.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
constexpr qint64 HourMs = 3600LL * 1000;

struct Mail
{
    QByteArray raw;
    QMap<QByteArray, QByteArray> headers; ///< lower-case names
    QString subject;                      ///< RFC 2047 decoded
    QString body;
};

QString decodeHeader(const QByteArray &value)
{
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([^?]*)\\?="));
    const QString text = QString::fromLatin1(value);
    const auto m = word.match(text);
    if (!m.hasMatch())
        return text;
    return QString::fromUtf8(QByteArray::fromBase64(m.captured(1).toLatin1()));
}

Mail parseMail(const QByteArray &raw)
{
    Mail m;
    m.raw = raw;
    const qsizetype split = raw.indexOf("\r\n\r\n");
    const QByteArray head = raw.left(split);
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            m.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    m.subject = decodeHeader(m.headers.value("subject"));
    m.body =
        QString::fromUtf8(raw.mid(split + 4)).replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return m;
}
} // namespace

class TestNotices : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_maildir;
    QProcess m_smtp;
    quint16 m_smtpPort = 0;
    QByteArray m_smtpPassword;
    Fixture f;
    QDateTime m_now;
    QList<QByteArray> m_secrets; ///< every token secret of the test

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// A mail settings file (mode 600) for the test SMTP server; `password` replaces the right
    /// one; `extra` lines are appended to [notices].
    QString writeSettings(const QByteArray &password = {}, const QStringList &extra = {})
    {
        const QString file =
            path(QStringLiteral("mail-%1.ini").arg(QRandomGenerator::global()->generate()));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        QByteArray ini = "[smtp]\nurl = smtp://127.0.0.1:" + QByteArray::number(m_smtpPort) +
                         "\nusername = tokendesk\npassword = " +
                         (password.isEmpty() ? m_smtpPassword : password) +
                         "\nfrom = TokenDesk <tokendesk@example.org>\nca_file = " +
                         QFile::encodeName(path(QStringLiteral("smtp.pem"))) +
                         "\n[notices]\nlanguage = en\ndigest_hour_utc = 0\n"
                         "scan_interval_seconds = 1\nsend_interval_seconds = 1\n"
                         "retry_seconds = 1\n";
        for (const QString &line : extra)
            ini += line.toUtf8() + '\n';
        out.write(ini);
        return file;
    }
    std::unique_ptr<MailSettings> settings(const QByteArray &password = {},
                                           const QStringList &extra = {})
    {
        QString error;
        auto s = MailSettings::load(writeSettings(password, extra), &error);
        if (!s)
            qWarning("mail settings: %s", qPrintable(error));
        return s;
    }

    QList<Mail> mails() const
    {
        QList<Mail> out;
        QDir dir(m_maildir);
        QStringList names = dir.entryList({QStringLiteral("*.eml")}, QDir::Files);
        std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
            return a.section(QLatin1Char('.'), 0, 0).toInt() <
                   b.section(QLatin1Char('.'), 0, 0).toInt();
        });
        for (const QString &name : names) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                out << parseMail(file.readAll());
        }
        return out;
    }
    Mail mailTo(const QString &address) const
    {
        for (const Mail &m : mails())
            if (m.headers.value("x-envelope-to") == address.toUtf8())
                return m;
        return {};
    }

    qint64 addUser(const QString &name, const QString &email, const QString &language)
    {
        NewUser n;
        n.username = name;
        n.displayName = name.left(1).toUpper() + name.mid(1) + QStringLiteral(" Example");
        n.email = email;
        n.department = QStringLiteral("Administration");
        n.userType = BuiltinUserType::Standard;
        n.language = language;
        n.password = SecretBytes(QByteArray("Password#") + name.toUtf8() + "1");
        auto u = f.domain->accounts.createUser(f.cli, n);
        return u ? u->id : 0;
    }
    /// A token of `user` expiring at now + `inMs` (negative: expired), with its hint.
    qint64 addToken(const QString &user, const QString &name, qint64 inMs, QString *hint = nullptr)
    {
        NewApiToken r;
        r.name = name;
        r.username = user;
        r.scopes = {Scope::Collection};
        r.expiresAt = Clock::now().addDays(200);
        auto t = f.domain->tokens.create(f.cli, r);
        if (!t)
            return 0;
        m_secrets << t->secret.bytes();
        noteSecret(t->secret);
        if (hint)
            *hint = t->hint;
        const auto set = f.store->write([&] {
            f.store->run(QStringLiteral("UPDATE api_tokens SET expires_at = ? WHERE id = ?"),
                         {m_now.toMSecsSinceEpoch() + inMs, t->id});
        });
        return set ? t->id : 0;
    }
    qint64 count(const QString &sql, const QVariantList &values = {})
    {
        auto n = f.store->read([&] { return f.store->scalar(sql, values).toLongLong(); });
        return n ? n.value() : -1;
    }
    void verifyNoSecretIn(const QList<Mail> &list)
    {
        for (const Mail &m : list) {
            keepForLeakScan(QStringLiteral("mail.eml"), m.raw);
            for (const QByteArray &s : std::as_const(m_secrets))
                QVERIFY2(!m.raw.contains(s), "a token's secret is in an e-mail");
            QVERIFY(!m.raw.contains(m_smtpPassword));
        }
    }

    qint64 alice = 0, bob = 0;
    QString hintA1, hintB2;

    /// alice (German): tokens in 5 days and in 12 hours; bob (server default): a token in 20
    /// days, one expired 2 days ago, one 30 days ago (too old), a revoked one, and his access
    /// code in 2 days; carol (disabled) and dave (no address): a token in 3 days each.
    void seed()
    {
        alice = addUser(QStringLiteral("alice"), QStringLiteral("alice@example.org"),
                        QStringLiteral("de"));
        bob = addUser(QStringLiteral("bob"), QStringLiteral("bob@example.org"), QString());
        const qint64 carol =
            addUser(QStringLiteral("carol"), QStringLiteral("carol@example.org"), QString());
        QVERIFY(addUser(QStringLiteral("dave"), QString(), QString()));
        QVERIFY(alice && bob && carol);
        QVERIFY(addToken(QStringLiteral("alice"), QStringLiteral("deploy-a"), 5 * DayMs, &hintA1));
        QVERIFY(addToken(QStringLiteral("alice"), QStringLiteral("nightly-a"), 12 * HourMs));
        QVERIFY(addToken(QStringLiteral("bob"), QStringLiteral("ci-b"), 20 * DayMs));
        QVERIFY(addToken(QStringLiteral("bob"), QStringLiteral("old-b"), -2 * DayMs, &hintB2));
        QVERIFY(addToken(QStringLiteral("bob"), QStringLiteral("ancient-b"), -30 * DayMs));
        const qint64 revoked = addToken(QStringLiteral("bob"), QStringLiteral("gone-b"), 3 * DayMs);
        QVERIFY(f.domain->tokens.revoke(f.cli, {revoked}).ok());
        QVERIFY(addToken(QStringLiteral("carol"), QStringLiteral("c"), 3 * DayMs));
        QVERIFY(f.domain->accounts.disableUser(f.cli, carol).ok());
        QVERIFY(addToken(QStringLiteral("dave"), QStringLiteral("d"), 3 * DayMs));
        QVERIFY(f.store
                    ->write([&] {
                        f.store->run(QStringLiteral("UPDATE users SET access_code_hash = 'x',"
                                                    " access_code_expires_at = ? WHERE id = ?"),
                                     {m_now.toMSecsSinceEpoch() + 2 * DayMs, bob});
                    })
                    .ok());
    }

private Q_SLOTS:
    void initTestCase()
    {
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        QVERIFY(m_dir.isValid());
        m_maildir = path(QStringLiteral("maildir"));
        QVERIFY(QDir().mkpath(m_maildir));
        QVERIFY(!makeTestCertificate(m_dir.path(), QStringLiteral("smtp")).isEmpty());
        m_smtpPassword = QByteArray::number(QRandomGenerator::global()->generate64(), 36) + "Smtp";
        noteSecret(m_smtpPassword);
        QFile pw(path(QStringLiteral("smtp-password")));
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write(m_smtpPassword);
        pw.close();
        m_smtp.setProgram(QStringLiteral("/usr/bin/python3"));
        m_smtp.setArguments(
            {qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/tests/server/smtpserver.py"),
             QStringLiteral("--cert"), path(QStringLiteral("smtp.pem")), QStringLiteral("--key"),
             path(QStringLiteral("smtp-key.pem")), QStringLiteral("--user"),
             QStringLiteral("tokendesk"), QStringLiteral("--password-file"), pw.fileName(),
             QStringLiteral("--maildir"), m_maildir});
        endWithThisProcess(m_smtp);
        m_smtp.start();
        QVERIFY2(m_smtp.waitForStarted(10000), qPrintable(m_smtp.errorString()));
        QElapsedTimer timer;
        timer.start();
        while (!m_smtp.canReadLine() && timer.elapsed() < 20000 &&
               m_smtp.state() == QProcess::Running)
            m_smtp.waitForReadyRead(200);
        const QByteArray ready = m_smtp.readLine().trimmed();
        QVERIFY2(ready.startsWith("ready "),
                 qPrintable(QStringLiteral("the SMTP server did not start (python3-aiosmtpd): ") +
                            QString::fromUtf8(m_smtp.readAllStandardError())));
        m_smtpPort = quint16(ready.mid(6).toUInt());
        QVERIFY(m_smtpPort > 0);
    }
    void cleanupTestCase()
    {
        m_smtp.closeWriteChannel();
        m_smtp.waitForFinished(5000);
    }
    void init()
    {
        for (const QString &name : QDir(m_maildir).entryList(QDir::Files))
            QFile::remove(QDir(m_maildir).filePath(name));
        f = makeFixture();
        QVERIFY2(f.ok(), qPrintable(f.error));
        m_now = QDateTime::currentDateTimeUtc();
        seed();
    }
    void cleanup() { f = Fixture(); }

    void eachThresholdOnceInTheUsersLanguage()
    {
        auto run = f.domain->notices.queueExpiryNotices(m_now, QStringLiteral("en"));
        QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().message));
        // alice's two tokens, bob's token in 20 days, his token expired 2 days ago and his
        // access code, dave's token (recorded, no address): not carol's (disabled), not the
        // revoked or long-expired ones.
        QCOMPARE(run->credentials, 6);
        QCOMPARE(run->mails, 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM expiry_notices WHERE threshold = 1")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM expiry_notices WHERE threshold = 0")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM expiry_notices WHERE threshold = 7")),
                 3);

        auto read = [&](qint64 user, QString *subject, QString *body) {
            (void)f.store->read([&] {
                QSqlQuery q = f.store->run(
                    QStringLiteral("SELECT subject, body FROM mail_outbox WHERE user_id = ?"),
                    {user});
                if (q.next()) {
                    *subject = q.value(0).toString();
                    *body = q.value(1).toString();
                }
            });
        };
        QString subject, body;
        read(bob, &subject, &body);
        QCOMPARE(subject, QStringLiteral("TokenDesk: 2 of your credentials expire soon"));
        QVERIFY2(body.startsWith(QStringLiteral("Hello Bob Example,")), qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("API token \"ci-b\"")), qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("in 19 days")) ||
                     body.contains(QStringLiteral("in 20 days")),
                 qPrintable(body));
        QVERIFY2(
            body.contains(QStringLiteral("API token \"old-b\" (hint %1) expired on").arg(hintB2)),
            qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("Your access code expires on")), qPrintable(body));
        QVERIFY(!body.contains(QStringLiteral("ancient-b")));
        QVERIFY(!body.contains(QStringLiteral("gone-b")));
        read(alice, &subject, &body);
        QVERIFY2(body.startsWith(QStringLiteral("Hallo Alice Example,")), qPrintable(body));
        QVERIFY2(subject.contains(QStringLiteral("2")) &&
                     !subject.contains(QStringLiteral("of your")),
                 qPrintable(subject));
        QVERIFY2(body.contains(QStringLiteral("„deploy-a“")) && body.contains(hintA1),
                 qPrintable(body));
        for (const QByteArray &s : std::as_const(m_secrets))
            QVERIFY(!body.toUtf8().contains(s));

        // The same moment again, or a restart: nothing new.
        run = f.domain->notices.queueExpiryNotices(m_now, QStringLiteral("en"));
        QVERIFY(run);
        QCOMPARE(run->credentials, 0);
        QCOMPARE(run->mails, 0);

        // 4.6 days on: alice's token of 5 days is within a day, her token of 12 hours and
        // bob's access code and dave's token have expired; bob's token of 20 days is still
        // within 30.
        run = f.domain->notices.queueExpiryNotices(m_now.addMSecs(4 * DayMs + 14 * HourMs),
                                                   QStringLiteral("en"));
        QVERIFY(run);
        QCOMPARE(run->credentials, 4);
        QCOMPARE(run->mails, 2);

        // Renewed, a token is noticed again for its new expiry.
        QVERIFY(f.store
                    ->write([&] {
                        f.store->run(QStringLiteral("UPDATE api_tokens SET expires_at ="
                                                    " expires_at + ? WHERE name = 'ci-b'"),
                                     {5 * DayMs});
                    })
                    .ok());
        run = f.domain->notices.queueExpiryNotices(m_now.addMSecs(4 * DayMs + 14 * HourMs),
                                                   QStringLiteral("en"));
        QVERIFY(run);
        QCOMPARE(run->credentials, 1);
    }

    void tokensNoticedAreWebhookEvents()
    {
        QByteArray key(32, Qt::Uninitialized);
        for (char &c : key)
            c = char(QRandomGenerator::global()->bounded(256));
        WebhookService::setKey(key);
        auto admin = f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
        QVERIFY(admin.ok());
        NewWebhook w;
        w.url = QStringLiteral("https://hooks.example.org/tokendesk");
        w.events = {QStringLiteral("token.expiring"), QStringLiteral("token.expired")};
        auto hook = f.domain->webhooks.create(admin.value(), w);
        QVERIFY2(hook.ok(), hook.ok() ? "" : qPrintable(hook.error().message));
        noteSecret(hook->secret);
        auto run = f.domain->notices.queueExpiryNotices(m_now, QStringLiteral("en"));
        QVERIFY(run.ok());
        // Of the six credentials noticed, five are tokens (bob's access code is not): four
        // expiring, bob's old-b expired; none carries a secret.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries WHERE event ="
                                      " 'token.expiring'")),
                 4);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries WHERE event ="
                                      " 'token.expired'")),
                 1);
        auto body = f.store->read([&] {
            return f.store
                ->scalar(QStringLiteral("SELECT body FROM webhook_deliveries WHERE event ="
                                        " 'token.expired'"))
                .toString();
        });
        QVERIFY(body.ok());
        QVERIFY2(body->contains(QStringLiteral("\"old-b\"")) && body->contains(hintB2) &&
                     body->contains(QStringLiteral("\"thresholdDays\":0")),
                 qPrintable(body.value()));
        keepForLeakScan(QStringLiteral("webhook-body.json"), body->toUtf8());
        for (const QByteArray &t : std::as_const(m_secrets))
            QVERIFY(!body->toUtf8().contains(t));
        WebhookService::setKey({});
    }

    void smallBatchesStillOneMailPerUser()
    {
        // Batches of 3: alice's 2 and bob's first would be cut after bob's first; bob's 3
        // (2 tokens, the access code) go whole into the next batch, dave's into the last.
        auto run = f.domain->notices.queueExpiryNotices(m_now, QStringLiteral("en"), 3);
        QVERIFY(run.ok());
        QCOMPARE(run->credentials, 6);
        QCOMPARE(run->mails, 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ?"), {bob}),
                 1);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ?"), {alice}),
            1);
    }

    void sentOverSmtpWithStartTlsAndAuthentication()
    {
        auto s = settings();
        QVERIFY(s);
        NoticeJobs jobs(f.db->location(), std::move(s));
        const NoticeJobs::Tick t = jobs.tick(*f.store, m_now);
        QVERIFY(t.locked);
        QCOMPARE(t.noticed, 6);
        QCOMPARE(t.sent, 2);
        QCOMPARE(t.failed, 0);
        const QList<Mail> all = mails();
        QCOMPARE(all.size(), 2);
        verifyNoSecretIn(all);
        for (const Mail &m : all) {
            QCOMPARE(m.headers.value("x-tls"), QByteArray("yes"));
            QCOMPARE(m.headers.value("x-authenticated"), QByteArray("yes"));
            QCOMPARE(m.headers.value("x-envelope-from"), QByteArray("tokendesk@example.org"));
            QCOMPARE(m.headers.value("content-type"), QByteArray("text/plain; charset=UTF-8"));
            QCOMPARE(m.headers.value("auto-submitted"), QByteArray("auto-generated"));
        }
        const Mail a = mailTo(QStringLiteral("alice@example.org"));
        QCOMPARE(a.headers.value("to"), QByteArray("<alice@example.org>"));
        QVERIFY2(a.body.startsWith(QStringLiteral("Hallo Alice Example,")), qPrintable(a.body));
        QVERIFY2(a.subject.startsWith(QStringLiteral("TokenDesk: 2 ")), qPrintable(a.subject));
        QVERIFY2(a.body.contains(QStringLiteral("„nightly-a“")), qPrintable(a.body));
        const Mail b = mailTo(QStringLiteral("bob@example.org"));
        QCOMPARE(b.subject, QStringLiteral("TokenDesk: 2 of your credentials expire soon"));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"
                                      " AND kind = 'expiry'")),
                 2);
        // The digest (digest_hour_utc = 0) went to the administrator only when they have an
        // address: admin has none.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest'")),
                 0);

        // The next look sends nothing again.
        const NoticeJobs::Tick again = jobs.tick(*f.store, m_now.addSecs(5));
        QCOMPARE(again.noticed, 0);
        QCOMPARE(again.sent, 0);
        QCOMPARE(mails().size(), 2);
    }

    void aTemporaryRefusalIsRetried()
    {
        QFile refuse(QDir(m_maildir).filePath(QStringLiteral("refuse-next")));
        QVERIFY(refuse.open(QIODevice::WriteOnly));
        refuse.write("1");
        refuse.close();
        NoticeJobs jobs(f.db->location(), settings());
        NoticeJobs::Tick t = jobs.tick(*f.store, m_now);
        QCOMPARE(t.sent, 1);
        QCOMPARE(t.failed, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1 AND"
                                      " sent_at IS NULL AND failed_at IS NULL AND last_error LIKE"
                                      " '%451%'")),
                 1);
        // Not before its retry time (1 s), then sent.
        t = jobs.tick(*f.store, m_now.addMSecs(500));
        QCOMPARE(t.sent + t.failed, 0);
        t = jobs.tick(*f.store, m_now.addSecs(2));
        QCOMPARE(t.sent, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 2 AND"
                                      " sent_at IS NOT NULL")),
                 1);
        QCOMPARE(mails().size(), 2);
        verifyNoSecretIn(mails());
    }

    void aRefusedRecipientFailsForGood()
    {
        QVERIFY(f.domain->accounts
                    .updateUser(f.cli, bob,
                                UserChanges{std::nullopt, QStringLiteral("bob@refused.example"),
                                            std::nullopt, std::nullopt, std::nullopt})
                    .ok());
        NoticeJobs jobs(f.db->location(), settings());
        NoticeJobs::Tick t = jobs.tick(*f.store, m_now);
        QCOMPARE(t.sent, 1);
        QCOMPARE(t.failed, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1 AND"
                                      " failed_at IS NOT NULL AND last_error LIKE '%550%'")),
                 1);
        t = jobs.tick(*f.store, m_now.addSecs(3600));
        QCOMPARE(t.sent + t.failed, 0);
    }

    void aWrongPasswordIsRetriedAndNeverLogged()
    {
        const QByteArray wrong =
            "Wrong" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
        noteSecret(wrong);
        NoticeJobs jobs(f.db->location(), settings(wrong));
        const NoticeJobs::Tick t = jobs.tick(*f.store, m_now);
        QCOMPARE(t.sent, 0);
        QCOMPARE(t.failed, 2);
        QCOMPARE(mails().size(), 0);
        // Not given up: the settings are wrong, not the message.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1 AND"
                                      " failed_at IS NULL AND sent_at IS NULL")),
                 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE last_error LIKE ?"),
                       {QStringLiteral("%") + QString::fromUtf8(wrong) + QStringLiteral("%")}),
                 0);
        // With the right one, the next attempt goes out.
        NoticeJobs fixed(f.db->location(), settings());
        QCOMPARE(fixed.tick(*f.store, m_now.addSecs(2)).sent, 2);
    }

    void oneDigestADayForAdministrators()
    {
        QVERIFY(f.domain->accounts
                    .updateUser(f.cli,
                                f.domain->accounts.userByName(f.cli, QStringLiteral("admin"))->id,
                                UserChanges{std::nullopt, QStringLiteral("admin@example.org"),
                                            std::nullopt, std::nullopt, std::nullopt})
                    .ok());
        NoticeJobs jobs(f.db->location(), settings());
        const QDateTime morning(m_now.date(), QTime(8, 0), Qt::UTC);
        // Noticed now: the digest of the next morning covers them.
        QCOMPARE(jobs.tick(*f.store, m_now).noticed, 6);
        const QDateTime next = morning.addDays(1);
        const NoticeJobs::Tick t =
            jobs.tick(*f.store, m_now.addSecs(1) > next ? m_now.addSecs(1) : next);
        Q_UNUSED(t);
        const Mail digest = mailTo(QStringLiteral("admin@example.org"));
        QVERIFY2(digest.subject.startsWith(QStringLiteral("TokenDesk daily digest: 6 credentials")),
                 qPrintable(digest.subject));
        QVERIFY2(digest.body.contains(
                     QStringLiteral("- alice (Administration): API token \"deploy-a\"")),
                 qPrintable(digest.body));
        QVERIFY2(digest.body.contains(QStringLiteral("- bob (Administration): Your access code")),
                 qPrintable(digest.body));
        verifyNoSecretIn(mails());
        const int before = int(mails().size());
        // The same day again: no second digest.
        jobs.tick(*f.store, next.addSecs(3600));
        QCOMPARE(int(mails().size()), before);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest'")),
                 1);
    }

    void anotherServerHoldingTheLockIsLeftAlone()
    {
        NoticeJobs jobs(f.db->location(), settings());
        if (f.store->isSqlite()) {
            // One server per SQLite file: there is no lock to wait for.
            QVERIFY(jobs.tick(*f.store, m_now).locked);
            return;
        }
        auto other = f.store->openAnother();
        QVERIFY(other);
        Store &o = *other.value();
        QVERIFY(o.read([&] {
                     return o
                         .scalar(QStringLiteral("SELECT pg_try_advisory_lock(?)"),
                                 {NoticeJobs::AdvisoryLockKey})
                         .toBool();
                 }).value());
        const NoticeJobs::Tick t = jobs.tick(*f.store, m_now);
        QVERIFY(!t.locked);
        QCOMPARE(t.noticed, 0);
        QCOMPARE(mails().size(), 0);
        (void)o.read([&] {
            return o.scalar(QStringLiteral("SELECT pg_advisory_unlock(?)"),
                            {NoticeJobs::AdvisoryLockKey});
        });
        QCOMPARE(jobs.tick(*f.store, m_now).sent, 2);
    }

    void theServerRefusesUnusableSettings_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<bool>("private_");
        QTest::addColumn<QString>("expected");
        QTest::newRow("readable by others")
            << QByteArray("[smtp]\nurl = smtp://127.0.0.1:25\nfrom = a@example.org\n") << false
            << QStringLiteral("chmod 600");
        QTest::newRow("not smtp") << QByteArray("[smtp]\nurl = http://mail.example.org\nfrom = "
                                                "a@example.org\n")
                                  << true << QStringLiteral("[smtp] url must be");
        QTest::newRow("password in the url")
            << QByteArray("[smtp]\nurl = smtp://u:p@mail.example.org\nfrom = a@example.org\n")
            << true << QStringLiteral("[smtp] url must be");
        QTest::newRow("clear text to a remote server")
            << QByteArray("[smtp]\nurl = smtp://mail.example.org\nsecurity = none\nfrom = "
                          "a@example.org\n")
            << true << QStringLiteral("loopback");
        QTest::newRow("no from") << QByteArray("[smtp]\nurl = smtp://mail.example.org\n") << true
                                 << QStringLiteral("[smtp] from");
        QTest::newRow("user without password")
            << QByteArray("[smtp]\nurl = smtp://mail.example.org\nusername = u\nfrom = "
                          "a@example.org\n")
            << true << QStringLiteral("password is not");
        QTest::newRow("language") << QByteArray("[smtp]\nurl = smtp://mail.example.org\nfrom = "
                                                "a@example.org\n[notices]\nlanguage = fr\n")
                                  << true << QStringLiteral("[notices] language");
        QTest::newRow("interval") << QByteArray("[smtp]\nurl = smtp://mail.example.org\nfrom = "
                                                "a@example.org\n[notices]\nretry_seconds = 0\n")
                                  << true << QStringLiteral("retry_seconds");
    }
    void theServerRefusesUnusableSettings()
    {
        QFETCH(QByteArray, ini);
        QFETCH(bool, private_);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("bad.ini"));
        QFile::remove(file);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(ini);
        out.close();
        QVERIFY(QFile::setPermissions(
            file, private_ ? (QFile::ReadOwner | QFile::WriteOwner)
                           : (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther)));
        QProcess p;
        p.start(qEnvironmentVariable("TD_SERVER_BIN"),
                {QStringLiteral("--database"), f.db->spec(), QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0"), QStringLiteral("--mail-config"), file});
        QVERIFY(p.waitForFinished(20000));
        const QByteArray err = takeStandardError(p, QStringLiteral("server"));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains("--mail-config") && err.contains(expected.toUtf8()), err.constData());
    }

    void theServerSendsEachNoticeOnceAcrossRestarts()
    {
        const QString file = writeSettings();
        {
            ServerProcess server;
            QString why;
            QVERIFY2(server.start(f.db->spec(), {QStringLiteral("--mail-config"), file}, &why),
                     qPrintable(why));
            QTRY_COMPARE_WITH_TIMEOUT(mails().size(), 2, 30000);
            QCOMPARE(server.stop(), 0);
            keepForLeakScan(QStringLiteral("server.log"), server.log());
        }
        {
            ServerProcess server;
            QString why;
            QVERIFY2(server.start(f.db->spec(), {QStringLiteral("--mail-config"), file}, &why),
                     qPrintable(why));
            // Looks every second: three looks, and still the same two e-mails.
            QTest::qWait(3500);
            QCOMPARE(mails().size(), 2);
            QCOMPARE(server.stop(), 0);
            keepForLeakScan(QStringLiteral("server.log"), server.log());
        }
        verifyNoSecretIn(mails());
    }
};

QTEST_GUILESS_MAIN(TestNotices)
#include "tst_notices.moc"
