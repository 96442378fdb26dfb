// SPDX-License-Identifier: MIT
// POST /api/v1/leaks, the real server: a secret scanner's reports revoke the valid tokens they
// name (audited with where they were found), answer every item without its token, and refuse a
// malformed or oversized request whole, with nothing revoked.
#include "serverharness.h"
#include "testsupport.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "core/requestlimits.h"
#include "security/tokencodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace td;
using namespace td::test;

class TestLeaks : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    ServerProcess *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    Domain &svc() { return *m_f.domain; }
    QByteArray apiToken(const QString &user, const QStringList &scopes)
    {
        static int n = 0;
        NewApiToken t;
        t.name = QStringLiteral("t-%1").arg(++n);
        t.scopes = scopes;
        t.username = user;
        t.expiresAt = Clock::now().addDays(30);
        auto c = svc().tokens.create(m_f.cli, t);
        if (!c)
            qWarning() << c.error().message;
        if (c)
            noteSecret(c->secret);
        return c ? c->secret.bytes() : QByteArray();
    }
    QVariant scalar(const QString &statement, const QVariantList &binds = {})
    {
        return m_f.store->read([&] { return m_f.store->scalar(statement, binds); }).value();
    }
    void sql(const QString &statement, const QVariantList &binds = {})
    {
        auto r = m_f.store->write([&] { m_f.store->run(statement, binds); });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    }
    qint64 tokenId(const QByteArray &token)
    {
        return scalar(QStringLiteral("SELECT id FROM api_tokens WHERE token_hash = ?"),
                      {TokenCodec::lookupHash(token)})
            .toLongLong();
    }
    TokenStatus status(qint64 id) { return svc().tokens.token(m_f.cli, id)->status; }
    qint64 revocations()
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                     "'token.revoke'"))
            .toLongLong();
    }
    HttpResult report(const QByteArray &caller, const QByteArray &body,
                      const QByteArray &type = "application/json")
    {
        RawHeaders h = caller.isEmpty() ? RawHeaders() : bearer(caller);
        h.emplaceBack("Content-Type", type);
        return http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/leaks")), h, body);
    }
    static QJsonObject item(const QByteArray &token,
                            const QString &url = QStringLiteral("https://example.org/a/commit/1"),
                            const QString &source = QStringLiteral("commit"))
    {
        return {{QStringLiteral("token"), QString::fromLatin1(token)},
                {QStringLiteral("url"), url},
                {QStringLiteral("source"), source}};
    }
    static QByteArray body(const QJsonArray &items)
    {
        return QJsonDocument(items).toJson(QJsonDocument::Compact);
    }
    bool startServer(const QStringList &extra = {})
    {
        delete m_server;
        m_server = new ServerProcess;
        QString why;
        if (!m_server->start(m_f.db->spec(), extra, &why)) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { setLoggingEnvironment(); }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        m_nam = new QNetworkAccessManager;
        QVERIFY(startServer());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        delete m_nam;
        m_nam = nullptr;
        m_f = Fixture();
    }

    void everyItemAnsweredValidOnesRevoked()
    {
        const QByteArray scanner = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        const QByteArray valid = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray revoked = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray expired = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray unknown = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray bystander = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QVERIFY(svc().tokens.revoke(m_f.cli, {tokenId(revoked)}).ok());
        sql(QStringLiteral("UPDATE api_tokens SET expires_at = ? WHERE id = ?"),
            {Clock::nowMs() - 1000, tokenId(expired)});
        // A well-formed value no token has: its row's hash replaced.
        const qint64 unknownId = tokenId(unknown);
        sql(QStringLiteral("UPDATE api_tokens SET token_hash = ? WHERE id = ?"),
            {TokenCodec::lookupHash(bystander + "x"), unknownId});
        QByteArray wrongChecksum = bystander;
        wrongChecksum[wrongChecksum.size() - 1] = wrongChecksum.endsWith('A') ? 'B' : 'A';
        const qint64 before = revocations();
        sql(QStringLiteral("UPDATE users SET email = 'admin@example.org' WHERE username = "
                           "'admin'"));

        const QByteArray request = body(
            {item(valid, QStringLiteral("https://example.org/repo/blob/main/.env"),
                  QStringLiteral("content")),
             item(revoked), item(expired), item(unknown), item(wrongChecksum), item("tdk_nope")});
        const HttpResult r = report(scanner, request);
        QCOMPARE(r.status, 200);
        const QJsonArray answer = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(answer.size(), 6);
        const QStringList expected = {QStringLiteral("revoked"), QStringLiteral("already_revoked"),
                                      QStringLiteral("expired"), QStringLiteral("unknown"),
                                      QStringLiteral("invalid"), QStringLiteral("invalid")};
        for (int i = 0; i < answer.size(); ++i) {
            const QJsonObject o = answer.at(i).toObject();
            QCOMPARE(o.value(QStringLiteral("index")).toInt(), i);
            QCOMPARE(o.value(QStringLiteral("result")).toString(), expected.at(i));
        }
        QCOMPARE(answer.at(0).toObject().value(QStringLiteral("hint")).toString(),
                 TokenCodec::hint(valid));
        QCOMPARE(answer.at(3).toObject().value(QStringLiteral("hint")).toString(),
                 TokenCodec::hint(unknown));
        QVERIFY(!answer.at(4).toObject().contains(QStringLiteral("hint")));

        // Only the valid one is revoked, with one audit row naming where it was found, as the
        // scanner's user from the scanner's address.
        QCOMPARE(status(tokenId(valid)), TokenStatus::Revoked);
        QCOMPARE(status(tokenId(bystander)), TokenStatus::Active);
        QCOMPARE(status(tokenId(scanner)), TokenStatus::Active);
        QCOMPARE(revocations(), before + 1);
        QCOMPARE(scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = "
                                       "'token.revoke' ORDER BY id DESC"))
                     .toString(),
                 QStringLiteral("reported as leaked: found at "
                                "https://example.org/repo/blob/main/.env (source: content)"));
        QCOMPARE(scalar(QStringLiteral("SELECT actor || ' ' || address FROM audit_log WHERE "
                                       "action = 'token.revoke' ORDER BY id DESC"))
                     .toString(),
                 QStringLiteral("admin 127.0.0.1"));
        QCOMPARE(scalar(QStringLiteral("SELECT revoked_by FROM api_tokens WHERE id = ?"),
                        {tokenId(valid)})
                     .toString(),
                 QStringLiteral("admin"));
        // The owner is told by e-mail (tokendesk-server's outbox), by name and hint.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'leak'"))
                     .toLongLong(),
                 1);
        const QString mail =
            scalar(QStringLiteral("SELECT recipient || ' ' || subject || ' ' || body FROM "
                                  "mail_outbox WHERE kind = 'leak'"))
                .toString();
        QVERIFY2(mail.startsWith(QStringLiteral("admin@example.org TokenDesk: your API token")) &&
                     mail.contains(TokenCodec::hint(valid)) &&
                     mail.contains(
                         QStringLiteral("Found at: https://example.org/repo/blob/main/.env")) &&
                     mail.contains(QStringLiteral("Seen in: content")),
                 qPrintable(mail));
        keepForLeakScan(QStringLiteral("leak-mail.txt"), mail.toUtf8());
        QVERIFY(!mail.toUtf8().contains(valid));
        // No token in the answer, the audit log or the server's log.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("leaks=6 revoked=1"), 5000);
        for (const QByteArray &t : {valid, revoked, expired, unknown, wrongChecksum, scanner}) {
            QVERIFY(!r.body.contains(t));
            QVERIFY(!m_server->log().contains(t));
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE details LIKE ? "
                                           "OR target LIKE ?"),
                            {QStringLiteral("%%1%").arg(QLatin1String(t)),
                             QStringLiteral("%%1%").arg(QLatin1String(t))})
                         .toLongLong(),
                     0);
        }
        // Reported again: already revoked, nothing more audited.
        const HttpResult again = report(scanner, body({item(valid)}));
        QCOMPARE(again.status, 200);
        QCOMPARE(QJsonDocument::fromJson(again.body)
                     .array()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("result")),
                 QJsonValue(QStringLiteral("already_revoked")));
        QCOMPARE(revocations(), before + 1);
    }

    void aRotatedAwaySecretInItsOverlapRevokesTheToken()
    {
        const QByteArray scanner = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        const QByteArray old = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const qint64 id = tokenId(old);
        auto rotated = svc().tokens.rotate(m_f.cli, id, 3600);
        QVERIFY(rotated.ok());
        noteSecret(rotated->secret);
        const HttpResult r = report(scanner, body({item(old)}));
        QCOMPARE(r.status, 200);
        QCOMPARE(QJsonDocument::fromJson(r.body).array().at(0).toObject().value(
                     QStringLiteral("result")),
                 QJsonValue(QStringLiteral("revoked")));
        QCOMPARE(status(id), TokenStatus::Revoked);
        QCOMPARE(http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/me")),
                      bearer(rotated->secret.bytes()))
                     .status,
                 401);
    }

    void malformedRequestsRevokeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QByteArray v = "@VALID@";
        const QJsonObject ok = item(v);
        auto with = [&](const char *key, const QJsonValue &value) {
            QJsonObject o = ok;
            o.insert(QLatin1String(key), value);
            return o;
        };
        auto without = [&](const char *key) {
            QJsonObject o = ok;
            o.remove(QLatin1String(key));
            return o;
        };
        QTest::newRow("not json") << QByteArray("[{\"token\": ") << "not valid JSON";
        QTest::newRow("object") << QJsonDocument(ok).toJson() << "must be a JSON array";
        QTest::newRow("empty") << QByteArray("[]") << "lists no report";
        QJsonArray many;
        for (int i = 0; i <= RequestLimits::MaxLeakReports; ++i)
            many.append(i == 0 ? ok : item("tdk_" + QByteArray::number(i)));
        QTest::newRow("too many") << body(many) << "at most 100 tokens";
        QTest::newRow("not an object") << body({ok, QStringLiteral("tdk_x")})
                                       << "Report 1 is "
                                          "not a JSON object";
        QTest::newRow("token not a string") << body({with("token", 5)}) << "\"token\" as a";
        QTest::newRow("no url") << body({without("url")}) << "\"url\" as a non-empty";
        QTest::newRow("empty source") << body({with("source", QString())}) << "\"source\" as a";
        QTest::newRow("long url") << body({with("url", QString(RequestLimits::MaxLeakUrl + 1,
                                                               QLatin1Char('u')))})
                                  << "longer than 2048";
        QTest::newRow("long token")
            << body({with("token", QString(RequestLimits::MaxLeakToken + 1, QLatin1Char('t')))})
            << "longer than 256";
        QTest::newRow("control character")
            << body({with("source", QStringLiteral("commit\nforged line"))}) << "control character";
        QTest::newRow("unknown field") << body({with("secret", 1)}) << "unknown field";
        QTest::newRow("repeated field")
            << QByteArray("[{\"token\":\"@VALID@\",\"url\":\"https://x\",\"source\":\"a\","
                          "\"source\":\"b\"}]")
            << "\"source\" twice";
        QTest::newRow("duplicate token")
            << body({ok, item("tdk_other"), ok}) << "Report 2 repeats the token of report 0";
        QTest::newRow("deep nesting")
            << QByteArray(100000, '[') + QByteArray(100000, ']') << "not valid JSON";
    }
    void malformedRequestsRevokeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const QByteArray scanner = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        const QByteArray valid = apiToken(QStringLiteral("admin"), {Scope::Collection});
        body.replace("@VALID@", valid);
        const qint64 before = revocations();
        const HttpResult r = report(scanner, body);
        QVERIFY2(r.status == 400 || (r.status == 413 && body.size() > 64 * 1024),
                 r.body.constData());
        if (r.status == 400) {
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("invalid_request"));
            QVERIFY2(
                r.json().value(QStringLiteral("error_description")).toString().contains(message),
                r.body.constData());
        }
        QVERIFY(!r.body.contains(valid));
        QCOMPARE(status(tokenId(valid)), TokenStatus::Active);
        QCOMPARE(revocations(), before);
    }

    void bodyOverTheServersLimitIsRefused()
    {
        QVERIFY(startServer({QStringLiteral("--max-body-bytes"), QStringLiteral("4096")}));
        const QByteArray scanner = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        const QByteArray valid = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const HttpResult r =
            report(scanner, body({item(valid, QStringLiteral("https://example.org/") +
                                                  QString(5000, QLatin1Char('p')))}));
        QCOMPARE(r.status, 413);
        QCOMPARE(status(tokenId(valid)), TokenStatus::Active);
    }

    void onlyTheLeakReportScopeMayReport()
    {
        const QByteArray valid = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray request = body({item(valid)});
        // No credential: 401 with the challenge.
        HttpResult r = report({}, request);
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer realm=\"tokendesk\""));
        // Every other scope, the introspecting one too: 403 insufficient_scope.
        QStringList others = Scope::all();
        others.removeAll(Scope::LeakReport);
        const QByteArray everythingElse = apiToken(QStringLiteral("admin"), others);
        r = report(everythingElse, request);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("insufficient_scope"));
        QVERIFY(r.header("WWW-Authenticate").contains("scope=\"leak_report\""));
        // A revoked scanner token: 401.
        const QByteArray scanner = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        QVERIFY(svc().tokens.revoke(m_f.cli, {tokenId(scanner)}).ok());
        QCOMPARE(report(scanner, request).status, 401);
        QCOMPARE(status(tokenId(valid)), TokenStatus::Active);
        // JSON only; the path takes only POST.
        const QByteArray live = apiToken(QStringLiteral("admin"), {Scope::LeakReport});
        QCOMPARE(report(live, request, "application/x-www-form-urlencoded").status, 415);
        QCOMPARE(http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/leaks")), bearer(live))
                     .status,
                 405);
        QCOMPARE(status(tokenId(valid)), TokenStatus::Active);
        // The scanner's token reads nothing: /api/v1/me answers, introspection does not.
        RawHeaders h = bearer(live);
        h.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
        QCOMPARE(http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/introspect")), h,
                      "token=" + valid)
                     .status,
                 403);
    }

    void theScopeIsChosenOnlyByName()
    {
        // The built-in Administrator type grants it (migration 12), Standard does not; an
        // administrator's personal token, which holds every scope its type grants, never does.
        QVERIFY(BuiltinUserType::permissionsOf(BuiltinUserType::Administrator)
                    .contains(Scope::LeakReport));
        QVERIFY(
            !BuiltinUserType::permissionsOf(BuiltinUserType::Standard).contains(Scope::LeakReport));
        QVERIFY(!Scope::app().contains(Scope::LeakReport));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM user_type_permissions p JOIN "
                                       "user_types t ON t.id = p.user_type_id WHERE "
                                       "p.permission = 'leak_report'"))
                     .toLongLong(),
                 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM scopes WHERE name = 'leak_report'"))
                     .toLongLong(),
                 1);
        const qint64 adminId =
            scalar(QStringLiteral("SELECT id FROM users WHERE username = 'admin'")).toLongLong();
        const SecretBytes code = secret("first-Code-1");
        auto personal = svc().tokens.resetPersonalToken(m_f.cli, adminId, SecretBytes(), &code, 90);
        QVERIFY2(personal.ok(), qPrintable(personal.ok() ? QString() : personal.error().message));
        noteSecret(personal->secret);
        const QStringList scopes = svc().tokens.token(m_f.cli, personal->id)->scopes;
        QVERIFY(scopes.contains(Scope::Collection));
        QVERIFY(!scopes.contains(Scope::LeakReport));
    }
};

QTEST_GUILESS_MAIN(TestLeaks)
#include "tst_leaks.moc"
