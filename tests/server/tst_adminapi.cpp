// SPDX-License-Identifier: MIT
// server.adminapi: the admin API of tokendesk-server over HTTP (a real server process): console
// sign-in and out, the credential's idle and absolute expiry and its revocation, every route
// with a successful call, bad input answered 400 (or 404, 405, 413, 415) with nothing changed,
// and the route table against openapi/tokendesk.yaml. Every answer is recorded for
// openapi.check. Who may do what over this API is the matrix of security.authz.
#include "admindigest.h"
#include "serverharness.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "webhookreceiver.h"

#include "adminapi.h"
#include "routes.h"

#include "client/csvexport.h"
#include "client/recordjson.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/passwordhasher.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace td;
using namespace td::test;

class TestAdminApi : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    int m_unreadable = 0; ///< storeDigest(): each unreadable store reads differently
    ServerProcess m_server;
    QTemporaryDir m_keyDir; ///< the server's --webhook-key-file
    WebhookReceiver m_receiver;
    QNetworkAccessManager m_nam;
    QByteArray m_admin; ///< the administrator's console credential
    qint64 m_stanId = 0;

    Domain &svc() { return *m_f.domain; }
    HttpResult call(const QByteArray &credential, const QByteArray &verb, const QString &path,
                    const QJsonObject &body = {}, bool withBody = false)
    {
        RawHeaders h = credential.isEmpty() ? RawHeaders{} : bearer(credential);
        QByteArray bytes;
        if (withBody || !body.isEmpty()) {
            h << std::pair<QByteArray, QByteArray>("Content-Type", "application/json");
            bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        return http(m_nam, verb, m_server.url(path), h, bytes);
    }
    HttpResult raw(const QByteArray &verb, const QString &path, const QByteArray &contentType,
                   const QByteArray &body)
    {
        return http(m_nam, verb, m_server.url(path),
                    bearer(m_admin) + RawHeaders{{"Content-Type", contentType}}, body);
    }
    QByteArray signIn(const QString &user, const QString &password)
    {
        const HttpResult r =
            call({}, "POST", QStringLiteral("/api/v1/console/sign-in"),
                 {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
        if (r.status != 201)
            qWarning("sign-in of %s: %d %s", qPrintable(user), r.status, r.body.constData());
        const QByteArray c = r.json().value(QStringLiteral("credential")).toString().toLatin1();
        noteSecret(c);
        return c;
    }
    /// The admin API's tables (admindigest.h); a store that cannot be read fails the caller's
    /// comparison, never passes it.
    QByteArray storeDigest()
    {
        const QByteArray digest = adminTablesDigest(*m_f.store);
        if (digest.isEmpty())
            qWarning("the store could not be read for its digest");
        return digest.isEmpty() ? QByteArray("unreadable ") + QByteArray::number(++m_unreadable)
                                : digest;
    }
    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        auto r = m_f.store->read([&] { return m_f.store->scalar(sql, binds).toLongLong(); });
        return r ? r.value() : -1;
    }
    /// The CSV the console's local export writes for the query (CsvExport over the domain):
    /// what the server must stream, byte for byte.
    QByteArray localCsv(const ExportQuery &query)
    {
        QByteArray out = CsvExport::line(CsvExport::header(query));
        auto r = CsvExport::visit(svc(), m_f.cli, query, [&out](const QStringList &fields) {
            out += CsvExport::line(fields);
            return true;
        });
        return r ? out : QByteArray("the local export failed: ") + r.error().message.toUtf8();
    }
    /// A raw connection to `port` that sent `request` (plain sockets: nothing reads for us).
    /// A small receive buffer makes a client that stops reading hold the server up sooner.
    static int openRequest(quint16 port, const QByteArray &request, bool smallBuffer = false)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (smallBuffer) {
            const int size = 4096;
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        }
        const timeval timeout{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::send(fd, request.constData(), size_t(request.size()), 0) != request.size()) {
            ::close(fd);
            return -1;
        }
        return fd;
    }
    /// At least `bytes` of the answer (fewer when it ends or 10 s pass).
    static QByteArray receive(int fd, qsizetype bytes)
    {
        QByteArray in;
        char buffer[4096];
        while (in.size() < bytes) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            in.append(buffer, qsizetype(n));
        }
        return in;
    }

private Q_SLOTS:
    void initTestCase()
    {
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        NewUser n;
        n.username = QStringLiteral("stan");
        n.email = QStringLiteral("stan@example.org");
        n.department = QStringLiteral("Administration");
        n.userType = BuiltinUserType::Standard;
        n.password = secret("Stan-Standard#3003");
        auto u = svc().accounts.createUser(m_f.cli, n);
        QVERIFY(u.ok());
        m_stanId = u->id;
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, m_stanId, secret("Stan-Code#3003"), 90).ok());
        QString why;
        QVERIFY(m_receiver.listen());
        QVERIFY2(m_server.start(m_f.db->spec(),
                                {QStringLiteral("--max-auth-failures"), QStringLiteral("0"),
                                 QStringLiteral("--webhook-key-file"),
                                 m_keyDir.filePath(QStringLiteral("webhook.key")),
                                 QStringLiteral("--webhook-interval"), QStringLiteral("1"),
                                 QStringLiteral("--webhook-retry-schedule"), QStringLiteral("1")},
                                &why),
                 qPrintable(why));
        recordAnswers(true);
        m_admin = signIn(QStringLiteral("admin"), QString::fromLatin1(AdminPassword));
        QVERIFY(m_admin.startsWith("tdc_"));
    }
    void cleanupTestCase()
    {
        m_server.stop();
        keepForLeakScan(QStringLiteral("server.log"), m_server.log());
        keepForLeakScan(QStringLiteral("store.dump"), m_f.db->dump());
    }

    void signInAndOut()
    {
        // A wrong password: 400 invalid_grant, audited as a failure, no credential stored.
        const qint64 before = scalar(QStringLiteral("SELECT COUNT(*) FROM console_credentials"));
        HttpResult r = call({}, "POST", QStringLiteral("/api/v1/console/sign-in"),
                            {{QStringLiteral("username"), QStringLiteral("stan")},
                             {QStringLiteral("password"), QStringLiteral("Wrong-Pass#0000")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_grant"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM console_credentials")), before);

        r = call({}, "POST", QStringLiteral("/api/v1/console/sign-in"),
                 {{QStringLiteral("username"), QStringLiteral("stan")},
                  {QStringLiteral("password"), QStringLiteral("Stan-Standard#3003")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
        const QByteArray stan = r.json().value(QStringLiteral("credential")).toString().toLatin1();
        noteSecret(stan);
        QVERIFY(stan.startsWith("tdc_"));
        QCOMPARE(r.json().value(QStringLiteral("idleTimeoutSeconds")).toInt(), 8 * 3600);
        // Stored as its hash only.
        QVERIFY(!m_f.db->dump().contains(stan.mid(4)));
        const AuditEntry signedIn = lastAudit(*m_f.store);
        QCOMPARE(signedIn.action, QStringLiteral("auth.sign_in"));
        QCOMPARE(signedIn.actor, QStringLiteral("stan"));
        QCOMPARE(signedIn.address, QStringLiteral("127.0.0.1"));

        r = call(stan, "GET", QStringLiteral("/api/v1/account"));
        QCOMPARE(r.status, 200);
        QCOMPARE(
            r.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("username")),
            QJsonValue(QStringLiteral("stan")));
        // A console credential is no bearer token of the other endpoints …
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/me")).status, 401);
        // … and an API token opens no admin endpoint.
        auto api = svc().tokens.create(m_f.cli, {QStringLiteral("stan's"),
                                                 {},
                                                 {Scope::Collection},
                                                 QStringLiteral("stan"),
                                                 {},
                                                 {},
                                                 Clock::now().addDays(3),
                                                 false});
        QVERIFY(api.ok());
        noteSecret(api->secret);
        QCOMPARE(call(api->secret.bytes(), "GET", QStringLiteral("/api/v1/account")).status, 401);

        r = call(stan, "POST", QStringLiteral("/api/v1/console/sign-out"));
        QCOMPARE(r.status, 204);
        QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("auth.sign_out"));
        r = call(stan, "GET", QStringLiteral("/api/v1/account"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("revoked")));
        QCOMPARE(call({}, "GET", QStringLiteral("/api/v1/account")).status, 401);
    }

    void expiry()
    {
        const QByteArray c = signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        const qint64 now = Clock::nowMs();
        const QByteArray hash = QCryptographicHash::hash(c, QCryptographicHash::Sha256);
        auto set = [&](const QString &assignments, const QVariantList &binds) {
            QVERIFY(m_f.store
                        ->write([&] {
                            m_f.store->run(QStringLiteral("UPDATE console_credentials SET %1 "
                                                          "WHERE token_hash = ?")
                                               .arg(assignments),
                                           binds + QVariantList{hash});
                        })
                        .ok());
        };
        // Used a while ago: the idle expiry moves to 8 hours from now.
        set(QStringLiteral("last_used_at = ?, expires_at = ?"), {now - 120000, now + 60000});
        QCOMPARE(call(c, "GET", QStringLiteral("/api/v1/account")).status, 200);
        const qint64 moved = scalar(
            QStringLiteral("SELECT expires_at FROM console_credentials WHERE token_hash = ?"),
            {hash});
        QVERIFY(moved >= now + 8 * 3600 * 1000 - 5000);
        // … but never past the absolute lifetime.
        set(QStringLiteral("last_used_at = ?, max_expires_at = ?"), {now - 120000, now + 30000});
        QCOMPARE(call(c, "GET", QStringLiteral("/api/v1/account")).status, 200);
        QVERIFY(scalar(QStringLiteral("SELECT expires_at FROM console_credentials WHERE "
                                      "token_hash = ?"),
                       {hash}) <= now + 30000);
        // Idle too long: 401.
        set(QStringLiteral("expires_at = ?, max_expires_at = ?"), {now - 1, now + 60000});
        HttpResult r = call(c, "GET", QStringLiteral("/api/v1/account"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("expired")));
        QVERIFY(r.header("WWW-Authenticate").contains("invalid_token"));
        // Past the absolute lifetime although recently used: 401.
        set(QStringLiteral("expires_at = ?, max_expires_at = ?"), {now + 60000, now - 1});
        QCOMPARE(call(c, "GET", QStringLiteral("/api/v1/account")).status, 401);
    }

    void administratorEndsASignIn()
    {
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        HttpResult r =
            call(m_admin, "GET", QStringLiteral("/api/v1/users/%1/console-sign-ins").arg(m_stanId));
        QCOMPARE(r.status, 200);
        const QJsonArray rows = r.json().value(QStringLiteral("rows")).toArray();
        QVERIFY(!rows.isEmpty());
        const QJsonObject newest = rows.first().toObject();
        QVERIFY(newest.value(QStringLiteral("active")).toBool());
        QVERIFY(!QJsonDocument(r.json()).toJson().contains(stan.mid(4)));
        // Stan may not end the administrator's sign-ins (403), nor see them (403).
        const qint64 adminSignIn = scalar(QStringLiteral(
            "SELECT MIN(id) FROM console_credentials WHERE user_id = (SELECT id FROM users WHERE "
            "username = 'admin')"));
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/users/1/console-sign-ins")).status, 403);
        QCOMPARE(
            call(stan, "DELETE", QStringLiteral("/api/v1/console/sign-ins/%1").arg(adminSignIn))
                .status,
            404);
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/account")).status, 200);
        r = call(m_admin, "DELETE",
                 QStringLiteral("/api/v1/console/sign-ins/%1")
                     .arg(newest.value(QStringLiteral("id")).toInteger()));
        QCOMPARE(r.status, 204);
        QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("console_sign_in.end"));
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/account")).status, 401);
        // Again: it has ended (409).
        QCOMPARE(call(m_admin, "DELETE",
                      QStringLiteral("/api/v1/console/sign-ins/%1")
                          .arg(newest.value(QStringLiteral("id")).toInteger()))
                     .status,
                 409);
    }

    void tokensEndToEnd()
    {
        const QString expires = Clock::iso(Clock::now().addDays(30));
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i) {
            HttpResult r = call(m_admin, "POST", QStringLiteral("/api/v1/tokens"),
                                {{QStringLiteral("name"), QStringLiteral("api-%1").arg(i)},
                                 {QStringLiteral("description"), QStringLiteral("made over HTTP")},
                                 {QStringLiteral("scopes"), QJsonArray{Scope::Collection}},
                                 {QStringLiteral("username"), QStringLiteral("stan")},
                                 {QStringLiteral("expiresAt"), expires}});
            QCOMPARE(r.status, 201);
            const QByteArray secretText =
                r.json().value(QStringLiteral("secret")).toString().toLatin1();
            QVERIFY(secretText.startsWith("tdk_"));
            ids << r.json()
                       .value(QStringLiteral("token"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toInteger();
            // Inspecting shows the hint, never the secret again.
            HttpResult inspect =
                call(m_admin, "GET", QStringLiteral("/api/v1/tokens/%1").arg(ids.last()));
            QCOMPARE(inspect.status, 200);
            QVERIFY(!inspect.body.contains(secretText.mid(4)));
            QCOMPARE(inspect.json().value(QStringLiteral("hint")).toString().right(4),
                     QString::fromLatin1(secretText.right(4)));
        }
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/tokens/validate"),
                      {{QStringLiteral("name"), QStringLiteral("check")},
                       {QStringLiteral("scopes"), QJsonArray{Scope::Collection}},
                       {QStringLiteral("expiresAt"), expires}})
                     .status,
                 200);
        // The list: filtered by text, sorted by name, paged with keyset cursors.
        HttpResult page = call(
            m_admin, "GET", QStringLiteral("/api/v1/tokens?text=api-&sort=name&order=asc&limit=2"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value(QStringLiteral("total")).toInteger(), 5);
        QCOMPARE(page.json().value(QStringLiteral("rows")).toArray().size(), 2);
        QCOMPARE(page.json()
                     .value(QStringLiteral("rows"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("api-0"));
        const qint64 last = page.json().value(QStringLiteral("lastId")).toInteger();
        HttpResult next =
            call(m_admin, "GET",
                 QStringLiteral(
                     "/api/v1/tokens?text=api-&sort=name&order=asc&limit=2&offset=2&afterId=%1")
                     .arg(last));
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json()
                     .value(QStringLiteral("rows"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("api-2"));
        HttpResult back =
            call(m_admin, "GET",
                 QStringLiteral(
                     "/api/v1/tokens?text=api-&sort=name&order=asc&limit=2&offset=0&beforeId=%1")
                     .arg(next.json().value(QStringLiteral("firstId")).toInteger()));
        QCOMPARE(back.json().value(QStringLiteral("rows")),
                 page.json().value(QStringLiteral("rows")));
        QCOMPARE(
            call(m_admin, "GET", QStringLiteral("/api/v1/tokens/count?text=api-&status=active"))
                .json()
                .value(QStringLiteral("count"))
                .toInteger(),
            5);
        QCOMPARE(
            call(m_admin, "GET", QStringLiteral("/api/v1/tokens/count?text=api-&status=revoked"))
                .json()
                .value(QStringLiteral("count"))
                .toInteger(),
            0);
        QCOMPARE(call(m_admin, "GET",
                      QStringLiteral("/api/v1/tokens/count?departmentId=1&userId=%1").arg(m_stanId))
                     .status,
                 200);
        QCOMPARE(call(m_admin, "GET",
                      QStringLiteral("/api/v1/tokens/%1/position?text=api-&sort=name&order=asc")
                          .arg(ids[3]))
                     .json()
                     .value(QStringLiteral("position"))
                     .toInteger(),
                 3);
        // Edit scope, revoke one, revoke many, delete.
        HttpResult edited =
            call(m_admin, "PUT", QStringLiteral("/api/v1/tokens/%1/scopes").arg(ids[0]),
                 {{QStringLiteral("scopes"), QJsonArray{Scope::Collection, Scope::Policy}}});
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json().value(QStringLiteral("scopes")).toArray().size(), 2);
        HttpResult revoked =
            call(m_admin, "POST", QStringLiteral("/api/v1/tokens/%1/revoke").arg(ids[0]));
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(
            call(m_admin, "POST", QStringLiteral("/api/v1/tokens/%1/revoke").arg(ids[0])).status,
            409);
        HttpResult many = call(m_admin, "POST", QStringLiteral("/api/v1/tokens/revoke"),
                               {{QStringLiteral("ids"), QJsonArray{ids[1], ids[2]}}});
        QCOMPARE(many.json().value(QStringLiteral("revoked")).toInt(), 2);
        QCOMPARE(call(m_admin, "DELETE", QStringLiteral("/api/v1/tokens/%1").arg(ids[0])).status,
                 204);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/tokens/%1").arg(ids[0])).status, 404);
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/tokens/delete"),
                      {{QStringLiteral("ids"), QJsonArray{ids[1], ids[2]}}})
                     .json()
                     .value(QStringLiteral("deleted"))
                     .toInt(),
                 2);
        // A live token cannot be deleted (409), nothing changed.
        const QByteArray before = storeDigest();
        QCOMPARE(call(m_admin, "DELETE", QStringLiteral("/api/v1/tokens/%1").arg(ids[3])).status,
                 409);
        QCOMPARE(storeDigest(), before);
        // Every token of a filter but one: api-3 and api-4 are listed, api-4 is unchecked.
        const QJsonObject filter{{QStringLiteral("text"), QStringLiteral("api-")},
                                 {QStringLiteral("statuses"),
                                  QJsonArray{QStringLiteral("active"), QStringLiteral("expiring")}},
                                 {QStringLiteral("except"), QJsonArray{ids[4]}}};
        auto confirmed = [&](int n) {
            QJsonObject o = filter;
            o.insert(QStringLiteral("confirmed"), n);
            return o;
        };
        const QString matching = QStringLiteral("/api/v1/tokens/revoke-matching");
        HttpResult stale = call(m_admin, "POST", matching, confirmed(2));
        QCOMPARE(stale.status, 409); // the person saw another list
        QVERIFY(stale.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .startsWith(QStringLiteral("The list changed: 1 tokens match now")));
        QCOMPARE(storeDigest(), before);
        QCOMPARE(call(m_admin, "POST", matching, filter).status, 400); // no confirmed number
        QCOMPARE(storeDigest(), before);
        HttpResult all = call(m_admin, "POST", matching, confirmed(1));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json().value(QStringLiteral("revoked")).toInt(), 1);
        QCOMPARE(all.json().value(QStringLiteral("alreadyRevoked")).toInt(), 0);
        QCOMPARE(lastAudit(*m_f.store).actor, QStringLiteral("admin"));
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/tokens/%1").arg(ids[3]))
                     .json()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/tokens/%1").arg(ids[4]))
                     .json()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("active"));
        // Deleting every token of "api-": api-3 (revoked) goes, api-4 (live) is skipped.
        const QJsonObject both{{QStringLiteral("text"), QStringLiteral("api-")},
                               {QStringLiteral("confirmed"), 2}};
        HttpResult deleted =
            call(m_admin, "POST", QStringLiteral("/api/v1/tokens/delete-matching"), both);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json().value(QStringLiteral("deleted")).toInt(), 1);
        QCOMPARE(deleted.json().value(QStringLiteral("stillValid")).toInt(), 1);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/tokens/%1").arg(ids[3])).status, 404);
    }

    void rotateOverTheApi()
    {
        HttpResult created =
            call(m_admin, "POST", QStringLiteral("/api/v1/tokens"),
                 {{QStringLiteral("name"), QStringLiteral("rotated-ci")},
                  {QStringLiteral("scopes"), QJsonArray{Scope::Collection}},
                  {QStringLiteral("username"), QStringLiteral("stan")},
                  {QStringLiteral("expiresAt"), Clock::iso(Clock::now().addDays(30))}});
        QCOMPARE(created.status, 201);
        const QByteArray old = created.json().value(QStringLiteral("secret")).toString().toLatin1();
        const QJsonObject before = created.json().value(QStringLiteral("token")).toObject();
        const qint64 id = before.value(QStringLiteral("id")).toInteger();
        QVERIFY(before.value(QStringLiteral("rotatedAt")).isNull());
        QVERIFY(call(old, "GET", QStringLiteral("/api/v1/me"))
                    .header("TokenDesk-Token-Rotated")
                    .isEmpty());

        const QString path = QStringLiteral("/api/v1/tokens/%1/rotate").arg(id);
        HttpResult rotated =
            call(m_admin, "POST", path, {{QStringLiteral("overlapSeconds"), 3600}});
        QCOMPARE(rotated.status, 200);
        QCOMPARE(rotated.header("Cache-Control"), QByteArray("no-store"));
        const QByteArray fresh =
            rotated.json().value(QStringLiteral("secret")).toString().toLatin1();
        QVERIFY(fresh.startsWith("tdk_") && fresh != old);
        const QJsonObject after = rotated.json().value(QStringLiteral("token")).toObject();
        QCOMPARE(after.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(after.value(QStringLiteral("name")), before.value(QStringLiteral("name")));
        QCOMPARE(after.value(QStringLiteral("expiresAt")),
                 before.value(QStringLiteral("expiresAt")));
        QCOMPARE(after.value(QStringLiteral("previousHint")), before.value(QStringLiteral("hint")));
        QCOMPARE(after.value(QStringLiteral("rotatedBy")).toString(), QStringLiteral("admin"));
        const QString until = after.value(QStringLiteral("previousUntil")).toString();
        QVERIFY(!until.isEmpty());

        // The old secret works for the overlap and says so in a header; the new one does not.
        HttpResult meOld = call(old, "GET", QStringLiteral("/api/v1/me"));
        QCOMPARE(meOld.status, 200);
        QCOMPARE(meOld.json().value(QStringLiteral("token_id")).toInteger(), id);
        QCOMPARE(QString::fromLatin1(meOld.header("TokenDesk-Token-Rotated")), until);
        HttpResult meNew = call(fresh, "GET", QStringLiteral("/api/v1/me"));
        QCOMPARE(meNew.status, 200);
        QVERIFY(meNew.header("TokenDesk-Token-Rotated").isEmpty());

        // Someone who may not change it: refused, nothing changes; none: the old one stops.
        const QByteArray digest = storeDigest();
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/tokens/999999/rotate"),
                      {{QStringLiteral("overlapSeconds"), 0}})
                     .status,
                 404);
        QCOMPARE(storeDigest(), digest);
        HttpResult again = call(m_admin, "POST", path, {{QStringLiteral("overlapSeconds"), 0}});
        QCOMPARE(again.status, 200);
        QCOMPARE(call(old, "GET", QStringLiteral("/api/v1/me")).status, 401);
        QCOMPARE(call(fresh, "GET", QStringLiteral("/api/v1/me")).status, 401);
        const QByteArray third = again.json().value(QStringLiteral("secret")).toString().toLatin1();
        QCOMPARE(call(third, "GET", QStringLiteral("/api/v1/me")).status, 200);
        QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("token.rotate"));
    }

    void unusedTokens()
    {
        // stale-old: created 100 days ago, never used; stale-new: created now.
        qint64 ids[2] = {0, 0};
        for (int i = 0; i < 2; ++i) {
            NewApiToken t;
            t.name = i == 0 ? QStringLiteral("stale-old") : QStringLiteral("stale-new");
            t.username = QStringLiteral("stan");
            t.scopes = {Scope::Collection};
            t.expiresAt = Clock::now().addDays(200);
            auto made = svc().tokens.create(m_f.cli, t);
            QVERIFY(made.ok());
            ids[i] = made->id;
        }
        QVERIFY(m_f.store
                    ->write([&] {
                        m_f.store->run(
                            QStringLiteral("UPDATE api_tokens SET created_at = ? WHERE id = ?"),
                            {Clock::nowMs() - 100 * 24LL * 3600 * 1000, ids[0]});
                    })
                    .ok());
        auto count = [&](const QString &query) {
            const HttpResult r =
                call(m_admin, "GET", QStringLiteral("/api/v1/tokens/count?text=stale-&") + query);
            return r.status == 200 ? r.json().value(QStringLiteral("count")).toInteger()
                                   : -r.status;
        };
        QCOMPARE(count(QStringLiteral("unusedDays=90")), 1);
        QCOMPARE(count(QStringLiteral("unusedDays=180")), 0);
        QCOMPARE(count(QStringLiteral("neverUsed=true")), 2);
        QCOMPARE(count(QStringLiteral("unusedDays=0")), -400);
        QCOMPARE(count(QStringLiteral("unusedDays=3651")), -400);
        QCOMPARE(count(QStringLiteral("neverUsed=maybe")), -400);
        QCOMPARE(count(QStringLiteral("neverUsed=true&unusedDays=90")), -400); // which one?
        // The week of an expiry (the Overview's bars): both tokens expire in 200 days.
        const QDateTime now = Clock::now();
        auto window = [&](qint64 fromDays, qint64 beforeDays) {
            return QStringLiteral("expiresFrom=%1&expiresBefore=%2")
                .arg(Clock::iso(now.addDays(fromDays)), Clock::iso(now.addDays(beforeDays)));
        };
        QCOMPARE(count(window(199, 201)), 2);
        QCOMPARE(count(window(100, 199)), 0);
        QCOMPARE(count(window(199, 201) + QStringLiteral("&unusedDays=90")), 1);
        QCOMPARE(count(QStringLiteral("expiresFrom=tomorrow")), -400);
        QCOMPARE(count(QStringLiteral("expiresBefore=2026-01-31T12:00:00")), -400); // no zone
        HttpResult list =
            call(m_admin, "GET", QStringLiteral("/api/v1/tokens?text=stale-&unusedDays=90"));
        QCOMPARE(list.status, 200);
        const QJsonArray rows = list.json().value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("id")).toInteger(), ids[0]);

        // The preview: per department and per user; administrators only.
        const QString counts =
            QStringLiteral("/api/v1/tokens/owner-counts?text=stale-&neverUsed=true");
        HttpResult owners = call(m_admin, "GET", counts);
        QCOMPARE(owners.status, 200);
        const QJsonObject o = owners.json();
        QCOMPARE(o.value(QStringLiteral("total")).toInteger(), 2);
        QCOMPARE(o.value(QStringLiteral("userCount")).toInteger(), 1);
        const QJsonObject user = o.value(QStringLiteral("users")).toArray().at(0).toObject();
        QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("stan"));
        QCOMPARE(user.value(QStringLiteral("id")).toInteger(), m_stanId);
        QCOMPARE(user.value(QStringLiteral("count")).toInteger(), 2);
        const QJsonObject dept = o.value(QStringLiteral("departments")).toArray().at(0).toObject();
        QCOMPARE(dept.value(QStringLiteral("name")).toString(), QStringLiteral("Administration"));
        QCOMPARE(dept.value(QStringLiteral("count")).toInteger(), 2);
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        QCOMPARE(call(stan, "GET", counts).status, 403);

        // Revoking what was previewed: the filter in the body, the count confirmed.
        const QJsonObject body{{QStringLiteral("text"), QStringLiteral("stale-")},
                               {QStringLiteral("unusedDays"), 90},
                               {QStringLiteral("statuses"),
                                QJsonArray{QStringLiteral("active"), QStringLiteral("expiring")}},
                               {QStringLiteral("confirmed"), 1}};
        HttpResult revoked =
            call(m_admin, "POST", QStringLiteral("/api/v1/tokens/revoke-matching"), body);
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.json().value(QStringLiteral("revoked")).toInt(), 1);
        // A time in the body is checked like one in the query.
        QJsonObject badWindow = body;
        badWindow.insert(QStringLiteral("expiresBefore"), QStringLiteral("next week"));
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/tokens/revoke-matching"), badWindow)
                     .status,
                 400);
        QCOMPARE(svc().tokens.token(m_f.cli, ids[0])->status, TokenStatus::Revoked);
        QCOMPARE(svc().tokens.token(m_f.cli, ids[1])->status, TokenStatus::Active);
    }

    void sessionsEndToEnd()
    {
        auto s = svc().sessions.create(QStringLiteral("stan"), secret("Stan-Code#3003"),
                                       QStringLiteral("Pixel"), QStringLiteral("android"),
                                       QStringLiteral("1.0"), QStringLiteral("10.0.0.9"));
        QVERIFY(s.ok());
        noteSecret(s->secret);
        HttpResult list =
            call(m_admin, "GET", QStringLiteral("/api/v1/sessions?text=Pixel&limit=10"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("rows")).toArray().size(), 1);
        QCOMPARE(
            call(m_admin, "GET",
                 QStringLiteral("/api/v1/sessions/count?includeEnded=true&userId=%1").arg(m_stanId))
                .status,
            200);
        HttpResult one = call(m_admin, "GET", QStringLiteral("/api/v1/sessions/%1").arg(s->id));
        QCOMPARE(one.json().value(QStringLiteral("deviceName")).toString(),
                 QStringLiteral("Pixel"));
        HttpResult revoked =
            call(m_admin, "POST", QStringLiteral("/api/v1/sessions/%1/revoke").arg(s->id));
        QCOMPARE(revoked.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(lastAudit(*m_f.store).actor, QStringLiteral("admin"));
        QCOMPARE(lastAudit(*m_f.store).address, QStringLiteral("127.0.0.1"));
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/sessions/revoke"),
                      {{QStringLiteral("ids"), QJsonArray{s->id}}})
                     .status,
                 409);
        // Every session of a filter, ended ones listed too (and skipped).
        auto s2 = svc().sessions.create(QStringLiteral("stan"), secret("Stan-Code#3003"),
                                        QStringLiteral("Pixel 2"), QStringLiteral("android"),
                                        QStringLiteral("1.0"), QStringLiteral("10.0.0.9"));
        QVERIFY(s2.ok());
        noteSecret(s2->secret);
        const QString matching = QStringLiteral("/api/v1/sessions/revoke-matching");
        QJsonObject filter{{QStringLiteral("text"), QStringLiteral("Pixel")},
                           {QStringLiteral("includeEnded"), true},
                           {QStringLiteral("confirmed"), 1}};
        QCOMPARE(call(m_admin, "POST", matching, filter).status, 409);
        filter.insert(QStringLiteral("confirmed"), 2);
        HttpResult all = call(m_admin, "POST", matching, filter);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json().value(QStringLiteral("revoked")).toInt(), 1);
        QCOMPARE(all.json().value(QStringLiteral("alreadyRevoked")).toInt(), 1);
        QCOMPARE(lastAudit(*m_f.store).actor, QStringLiteral("admin"));
    }

    void usersEndToEnd()
    {
        HttpResult d = call(m_admin, "POST", QStringLiteral("/api/v1/departments"),
                            {{QStringLiteral("name"), QStringLiteral("Field")}});
        QCOMPARE(d.status, 201);
        const qint64 dept = d.json().value(QStringLiteral("id")).toInteger();
        QCOMPARE(call(m_admin, "PATCH", QStringLiteral("/api/v1/departments/%1").arg(dept),
                      {{QStringLiteral("name"), QStringLiteral("Field Ops")}})
                     .status,
                 204);
        QVERIFY(
            call(m_admin, "GET", QStringLiteral("/api/v1/departments")).body.contains("Field Ops"));
        HttpResult t = call(m_admin, "POST", QStringLiteral("/api/v1/user-types"),
                            {{QStringLiteral("name"), QStringLiteral("Auditor")},
                             {QStringLiteral("permissions"), QJsonArray{Permission::AuditView}}});
        QCOMPARE(t.status, 201);
        const qint64 type = t.json().value(QStringLiteral("id")).toInteger();
        QCOMPARE(call(m_admin, "PUT", QStringLiteral("/api/v1/user-types/%1/permissions").arg(type),
                      {{QStringLiteral("permissions"),
                        QJsonArray{Permission::AuditView, Permission::UsersView}}})
                     .status,
                 204);
        QVERIFY(
            call(m_admin, "GET", QStringLiteral("/api/v1/user-types")).body.contains("Auditor"));
        HttpResult u = call(m_admin, "POST", QStringLiteral("/api/v1/users"),
                            {{QStringLiteral("username"), QStringLiteral("fay")},
                             {QStringLiteral("displayName"), QStringLiteral("Fay")},
                             {QStringLiteral("email"), QStringLiteral("fay@example.org")},
                             {QStringLiteral("department"), QStringLiteral("Field Ops")},
                             {QStringLiteral("userType"), QStringLiteral("Auditor")},
                             {QStringLiteral("password"), QStringLiteral("Fay-Auditor#1212")}});
        QCOMPARE(u.status, 201);
        const qint64 fay = u.json().value(QStringLiteral("id")).toInteger();
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/users?text=fay"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInteger(),
                 1);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/users/count?includeDisabled=false"))
                     .status,
                 200);
        QCOMPARE(call(m_admin, "PATCH", QStringLiteral("/api/v1/users/%1").arg(fay),
                      {{QStringLiteral("email"), QStringLiteral("fay@example.com")}})
                     .json()
                     .value(QStringLiteral("email"))
                     .toString(),
                 QStringLiteral("fay@example.com"));
        QCOMPARE(call(m_admin, "PUT", QStringLiteral("/api/v1/users/%1/password").arg(fay),
                      {{QStringLiteral("password"), QStringLiteral("Fay-Auditor#3434")}})
                     .status,
                 204);
        QCOMPARE(call(m_admin, "PUT", QStringLiteral("/api/v1/users/%1/access-code").arg(fay),
                      {{QStringLiteral("accessCode"), QStringLiteral("Fay-Code#5656")},
                       {QStringLiteral("ageDays"), 30}})
                     .status,
                 204);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/users/%1/live-credentials").arg(fay))
                     .status,
                 200);
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/users/%1/disable").arg(fay)).status,
                 200);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/users/%1").arg(fay))
                     .json()
                     .value(QStringLiteral("enabled"))
                     .toBool(),
                 false);
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/users/%1/enable").arg(fay))
                     .json()
                     .value(QStringLiteral("enabled"))
                     .toBool(),
                 true);
        // Unlock: nothing to lift (409), then a locked account.
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/users/%1/unlock").arg(fay)).status,
                 409);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_f.store
                    ->write([&] {
                        m_f.store->run(
                            QStringLiteral("INSERT INTO auth_throttle (key, failures, "
                                           "last_failure_at, blocked_until) VALUES (?, ?, ?, ?)"),
                            {Credentials::userThrottleKey(Credentials::Kind::Password,
                                                          QStringLiteral("fay")),
                             10, now, now + 900000});
                    })
                    .ok());
        QVERIFY(call(m_admin, "GET", QStringLiteral("/api/v1/users/%1").arg(fay))
                    .json()
                    .value(QStringLiteral("locked"))
                    .toBool());
        HttpResult unlocked =
            call(m_admin, "POST", QStringLiteral("/api/v1/users/%1/unlock").arg(fay));
        QCOMPARE(unlocked.status, 200);
        QCOMPARE(unlocked.json().value(QStringLiteral("locked")).toBool(), false);
        // A department or user type in use cannot be deleted; an empty one can.
        QCOMPARE(call(m_admin, "DELETE", QStringLiteral("/api/v1/departments/%1").arg(dept)).status,
                 409);
        HttpResult spare = call(m_admin, "POST", QStringLiteral("/api/v1/departments"),
                                {{QStringLiteral("name"), QStringLiteral("Spare")}});
        QCOMPARE(call(m_admin, "DELETE",
                      QStringLiteral("/api/v1/departments/%1")
                          .arg(spare.json().value(QStringLiteral("id")).toInteger()))
                     .status,
                 204);
        HttpResult spareType = call(m_admin, "POST", QStringLiteral("/api/v1/user-types"),
                                    {{QStringLiteral("name"), QStringLiteral("Spare")},
                                     {QStringLiteral("permissions"), QJsonArray{}}});
        QCOMPARE(call(m_admin, "DELETE",
                      QStringLiteral("/api/v1/user-types/%1")
                          .arg(spareType.json().value(QStringLiteral("id")).toInteger()))
                     .status,
                 204);
    }

    void accountAndManageTokens()
    {
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        HttpResult me = call(stan, "GET", QStringLiteral("/api/v1/account"));
        QVERIFY(me.json()
                    .value(QStringLiteral("permissions"))
                    .toArray()
                    .contains(Permission::TokensManageOwn));
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/account/personal-token")).status, 200);
        HttpResult reset =
            call(stan, "POST", QStringLiteral("/api/v1/account/personal-token"),
                 {{QStringLiteral("currentAccessCode"), QStringLiteral("Stan-Code#3003")}});
        QCOMPARE(reset.status, 201);
        QVERIFY(reset.json()
                    .value(QStringLiteral("token"))
                    .toObject()
                    .value(QStringLiteral("personal"))
                    .toBool());
        // A wrong current access code: 400, nothing changed.
        const QByteArray before = storeDigest();
        HttpResult wrong =
            call(stan, "POST", QStringLiteral("/api/v1/account/personal-token"),
                 {{QStringLiteral("currentAccessCode"), QStringLiteral("Not-The-Code#1")}});
        QCOMPARE(wrong.status, 400);
        QCOMPARE(storeDigest(), before);
        QCOMPARE(call(stan, "PUT", QStringLiteral("/api/v1/account/access-code"),
                      {{QStringLiteral("currentPassword"), QStringLiteral("Stan-Standard#3003")},
                       {QStringLiteral("accessCode"), QStringLiteral("Stan-Code#3003")},
                       {QStringLiteral("ageDays"), 90}})
                     .status,
                 204);
        QCOMPARE(call(stan, "PUT", QStringLiteral("/api/v1/account/password"),
                      {{QStringLiteral("currentPassword"), QStringLiteral("Stan-Standard#3003")},
                       {QStringLiteral("newPassword"), QStringLiteral("Stan-Standard#3003")}})
                     .status,
                 204);
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/permissions")).status, 200);
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/settings")).status, 200);
        QCOMPARE(call(stan, "PUT", QStringLiteral("/api/v1/settings"),
                      {{QStringLiteral("expiringSoonDays"), 9}})
                     .status,
                 403);
        HttpResult s = call(m_admin, "PUT", QStringLiteral("/api/v1/settings"),
                            {{QStringLiteral("expiringSoonDays"), 9}});
        QCOMPARE(s.json().value(QStringLiteral("expiringSoonDays")).toInt(), 9);
        QCOMPARE(call(stan, "GET", QStringLiteral("/api/v1/audit")).status, 403);
    }

    void auditLog()
    {
        HttpResult r =
            call(m_admin, "GET",
                 QStringLiteral("/api/v1/audit?action=auth.&actor=stan&limit=5&order=oldest"));
        QCOMPARE(r.status, 200);
        const QJsonArray rows = r.json().value(QStringLiteral("rows")).toArray();
        QVERIFY(!rows.isEmpty());
        for (const QJsonValue &row : rows) {
            QCOMPARE(row.toObject().value(QStringLiteral("actor")).toString(),
                     QStringLiteral("stan"));
            QVERIFY(row.toObject()
                        .value(QStringLiteral("action"))
                        .toString()
                        .startsWith(QLatin1String("auth.")));
        }
        HttpResult next = call(
            m_admin, "GET",
            QStringLiteral(
                "/api/v1/audit?action=auth.&actor=stan&limit=5&order=oldest&offset=%1&afterId=%2")
                .arg(rows.size())
                .arg(r.json().value(QStringLiteral("lastId")).toInteger()));
        QCOMPARE(next.status, 200);
        QCOMPARE(call(m_admin, "GET",
                      QStringLiteral(
                          "/api/v1/audit/"
                          "count?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z&text=stan"))
                     .status,
                 200);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const QByteArray json = "application/json";
        QTest::newRow("malformed JSON")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("{\"name\": ") << 400 << QString();
        QTest::newRow("not an object")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("[\"x\"]") << 400 << QString();
        QTest::newRow("wrong type")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("{\"name\": 5}") << 400 << QStringLiteral("name");
        QTest::newRow("missing field")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("{}") << 400 << QStringLiteral("name");
        QTest::newRow("unknown field")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("{\"name\": \"X1\", \"admin\": true}") << 400 << QStringLiteral("admin");
        QTest::newRow("field twice")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << QByteArray("{\"name\": \"X3\", \"n\\u0061me\": \"X4\"}") << 400
            << QStringLiteral("name");
        QTest::newRow("form body") << QByteArray("POST") << QStringLiteral("/api/v1/departments")
                                   << QByteArray("application/x-www-form-urlencoded")
                                   << QByteArray("name=X2") << 415 << QString();
        QTest::newRow("huge body")
            << QByteArray("POST") << QStringLiteral("/api/v1/departments") << json
            << ("{\"name\": \"" + QByteArray(64 * 1024, 'a') + "\"}") << 413 << QString();
        QTest::newRow("ids not integers")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens/revoke") << json
            << QByteArray("{\"ids\": [1.5]}") << 400 << QStringLiteral("ids");
        QTest::newRow("ids empty")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens/revoke") << json
            << QByteArray("{\"ids\": []}") << 400 << QStringLiteral("ids");
        QTest::newRow("overlap not offered")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens/1/rotate") << json
            << QByteArray("{\"overlapSeconds\": 60}") << 400 << QStringLiteral("overlap");
        QTest::newRow("overlap as text")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens/1/rotate") << json
            << QByteArray("{\"overlapSeconds\": \"1d\"}") << 400
            << QStringLiteral("overlapSeconds");
        QTest::newRow("overlap missing")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens/1/rotate") << json
            << QByteArray("{}") << 400 << QStringLiteral("overlapSeconds");
        QTest::newRow("scopes not strings")
            << QByteArray("PUT") << QStringLiteral("/api/v1/tokens/1/scopes") << json
            << QByteArray("{\"scopes\": [1]}") << 400 << QStringLiteral("scopes");
        QTest::newRow("unknown scope")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens") << json
            << ("{\"name\": \"t\", \"scopes\": [\"root\"], \"expiresAt\": \"" +
                Clock::iso(Clock::now().addDays(3)).toLatin1() + "\"}")
            << 400 << QStringLiteral("scopes");
        QTest::newRow("bad expiry")
            << QByteArray("POST") << QStringLiteral("/api/v1/tokens") << json
            << QByteArray(
                   "{\"name\": \"t\", \"scopes\": [\"collection\"], \"expiresAt\": \"soon\"}")
            << 400 << QStringLiteral("expires");
        QTest::newRow("age out of range")
            << QByteArray("PUT") << QStringLiteral("/api/v1/users/2/access-code") << json
            << QByteArray("{\"accessCode\": \"Some-Code#77\", \"ageDays\": -1}") << 400
            << QStringLiteral("ageDays");
        QTest::newRow("unknown query parameter")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens?colour=red") << QByteArray()
            << QByteArray() << 400 << QStringLiteral("colour");
        QTest::newRow("bad sort") << QByteArray("GET")
                                  << QStringLiteral("/api/v1/tokens?sort=secret") << QByteArray()
                                  << QByteArray() << 400 << QStringLiteral("sort");
        QTest::newRow("limit too big")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens?limit=100000") << QByteArray()
            << QByteArray() << 400 << QStringLiteral("limit");
        QTest::newRow("parameter twice")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens?limit=1&limit=2") << QByteArray()
            << QByteArray() << 400 << QStringLiteral("limit");
        QTest::newRow("bad time") << QByteArray("GET")
                                  << QStringLiteral("/api/v1/audit?since=yesterday") << QByteArray()
                                  << QByteArray() << 400 << QStringLiteral("since");
        QTest::newRow("export: bad time")
            << QByteArray("GET") << QStringLiteral("/api/v1/audit/export?since=yesterday")
            << QByteArray() << QByteArray() << 400 << QStringLiteral("since");
        QTest::newRow("export: no paging")
            << QByteArray("GET") << QStringLiteral("/api/v1/audit/export?limit=5") << QByteArray()
            << QByteArray() << 400 << QStringLiteral("limit");
        QTest::newRow("export: bad status")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens/export?status=secret")
            << QByteArray() << QByteArray() << 400 << QStringLiteral("status");
        QTest::newRow("export: wrong method")
            << QByteArray("POST") << QStringLiteral("/api/v1/audit/export") << json
            << QByteArray("{}") << 405 << QString();
        QTest::newRow("cursor not in list")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens?afterId=999999") << QByteArray()
            << QByteArray() << 400 << QStringLiteral("afterId");
        QTest::newRow("id not a number")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens/abc") << QByteArray()
            << QByteArray() << 404 << QString();
        QTest::newRow("no such token")
            << QByteArray("GET") << QStringLiteral("/api/v1/tokens/999999") << QByteArray()
            << QByteArray() << 404 << QStringLiteral("token");
        QTest::newRow("wrong method") << QByteArray("PATCH") << QStringLiteral("/api/v1/tokens")
                                      << json << QByteArray("{}") << 405 << QString();
        QTest::newRow("no such path") << QByteArray("GET") << QStringLiteral("/api/v1/nothing")
                                      << QByteArray() << QByteArray() << 404 << QString();
    }
    void badInputChangesNothing()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const QByteArray before = storeDigest();
        const HttpResult r =
            contentType.isEmpty() ? call(m_admin, verb, path) : raw(verb, path, contentType, body);
        QCOMPARE(r.status, status);
        if (status != 413) {
            QVERIFY2(!r.json().value(QStringLiteral("error_description")).toString().isEmpty(),
                     r.body.constData());
            QCOMPARE(r.json().value(QStringLiteral("field")).toString(), field);
        }
        QCOMPARE(storeDigest(), before);
    }

    // The Overview's counts: what the caller may see (failed sign-ins only with audit.view), a
    // token's use through the server counted in its day, the reader's UTC offset checked.
    void webhooks()
    {
        constexpr int AnswerMs = 30000;
        const QString hooks = QStringLiteral("/api/v1/webhooks");
        // Refused fields say which and why.
        HttpResult r =
            call(m_admin, "POST", hooks,
                 {{QStringLiteral("url"), QStringLiteral("ftp://example.org/x")},
                  {QStringLiteral("events"), QJsonArray{QStringLiteral("token.revoked")}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        r = call(m_admin, "POST", hooks,
                 {{QStringLiteral("url"), m_receiver.url()},
                  {QStringLiteral("events"), QJsonArray{QStringLiteral("token.created")}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("events"));

        // Registered: the secret once, not cached.
        m_receiver.received.clear();
        m_receiver.statuses = {500, 200};
        r = call(m_admin, "POST", hooks,
                 {{QStringLiteral("url"), m_receiver.url()},
                  {QStringLiteral("events"), QJsonArray{QStringLiteral("token.revoked")}}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
        const QByteArray secret = r.json().value(QStringLiteral("secret")).toString().toUtf8();
        noteSecret(secret);
        const QJsonObject hook = r.json().value(QStringLiteral("webhook")).toObject();
        const qint64 id = hook.value(QStringLiteral("id")).toInteger();
        const QString path = hooks + QLatin1Char('/') + QString::number(id);
        QCOMPARE(hook.value(QStringLiteral("secretHint")).toString(),
                 QString::fromLatin1(secret.right(4)));
        r = call(m_admin, "GET", hooks);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains(secret));
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 1);
        // Not for a Standard user.
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        QCOMPARE(call(stan, "GET", hooks).status, 403);

        // A revocation reaches the receiver, signed; the first answer (500) is retried.
        auto made = svc().tokens.create(m_f.cli, {QStringLiteral("hooked"),
                                                  {},
                                                  {Scope::Collection},
                                                  QStringLiteral("stan"),
                                                  {},
                                                  {},
                                                  Clock::now().addDays(30),
                                                  false});
        QVERIFY(made.ok());
        noteSecret(made->secret);
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/tokens/%1/revoke").arg(made->id), {},
                      true)
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.received.size(), 2, AnswerMs);
        const ReceivedPost &got = m_receiver.received.last();
        QCOMPARE(got.headers.value("tokendesk-event"), QByteArray("token.revoked"));
        QCOMPARE(got.headers.value("tokendesk-signature-256"), webhookSignature(secret, got.body));
        QVERIFY(!got.body.contains(made->secret.bytes()));
        const QString delivery = QString::fromLatin1(got.headers.value("tokendesk-delivery"));
        QJsonObject first;
        QTRY_VERIFY_WITH_TIMEOUT((first = call(m_admin, "GET", path + QStringLiteral("/deliveries"))
                                              .json()
                                              .value(QStringLiteral("items"))
                                              .toArray()
                                              .at(0)
                                              .toObject())
                                         .value(QStringLiteral("lastStatus"))
                                         .toInt() == 200,
                                 AnswerMs);
        QCOMPARE(first.value(QStringLiteral("id")).toString(), delivery);
        QCOMPARE(first.value(QStringLiteral("attempts")).toInt(), 2);

        // Redeliver, a test event, a new secret, a change of events, delete.
        QCOMPARE(call(m_admin, "POST", path + QStringLiteral("/redeliver"),
                      {{QStringLiteral("deliveryId"), delivery}})
                     .status,
                 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.received.size(), 3, AnswerMs);
        r = call(m_admin, "POST", path + QStringLiteral("/secret"), {}, true);
        QCOMPARE(r.status, 200);
        const QByteArray fresh = r.json().value(QStringLiteral("secret")).toString().toUtf8();
        noteSecret(fresh);
        QVERIFY(fresh != secret);
        QCOMPARE(call(m_admin, "POST", path + QStringLiteral("/test"), {}, true).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.received.size(), 4, AnswerMs);
        QCOMPARE(m_receiver.received.last().headers.value("tokendesk-event"),
                 QByteArray("webhook.test"));
        QCOMPARE(m_receiver.received.last().headers.value("tokendesk-signature-256"),
                 webhookSignature(fresh, m_receiver.received.last().body));
        r = call(m_admin, "PATCH", path,
                 {{QStringLiteral("events"), QJsonArray{QStringLiteral("session.revoked")}},
                  {QStringLiteral("enabled"), false}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(call(m_admin, "DELETE", path).status, 204);
        QCOMPARE(call(m_admin, "GET", hooks).json().value(QStringLiteral("items")).toArray().size(),
                 0);
        QCOMPARE(call(m_admin, "GET", path + QStringLiteral("/deliveries")).status, 404);
        QVERIFY(!m_server.log().contains(secret) && !m_server.log().contains(fresh));
    }

    void overview()
    {
        const QString path = QStringLiteral("/api/v1/overview?utcOffsetMinutes=60");
        HttpResult r = call(m_admin, "GET", path);
        QCOMPARE(r.status, 200);
        const QJsonObject before = r.json();
        QVERIFY(before.value(QStringLiteral("everyonesTokens")).toBool());
        QVERIFY(before.value(QStringLiteral("failedSignInsShown")).toBool());
        QCOMPARE(before.value(QStringLiteral("expiringPerWeek")).toArray().size(), Overview::Weeks);
        QCOMPARE(before.value(QStringLiteral("failedSignInsPerDay")).toArray().size(),
                 Overview::Days);
        auto total = [](const QJsonObject &o, const char *key) {
            qint64 n = 0;
            for (const QJsonValue &v : o.value(QLatin1String(key)).toArray())
                n += v.toInteger();
            return n;
        };

        // A token of stan's expiring in three days, used once through the server.
        auto made = svc().tokens.create(m_f.cli, {QStringLiteral("overview-used"),
                                                  {},
                                                  {Scope::Collection},
                                                  QStringLiteral("stan"),
                                                  {},
                                                  {},
                                                  Clock::now().addDays(3),
                                                  false});
        QVERIFY(made.ok());
        noteSecret(made->secret.bytes());
        QCOMPARE(http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/me")),
                      bearer(made->secret.bytes()))
                     .status,
                 200);
        r = call(m_admin, "GET", path);
        QCOMPARE(r.status, 200);
        QCOMPARE(total(r.json(), "expiringPerWeek"), total(before, "expiringPerWeek") + 1);
        QCOMPARE(total(r.json(), "requestsPerDay"), total(before, "requestsPerDay") + 1);

        // stan (Standard) sees his own tokens, and no failed sign-ins.
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        QVERIFY(stan.startsWith("tdc_"));
        r = call(stan, "GET", QStringLiteral("/api/v1/overview"));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().value(QStringLiteral("everyonesTokens")).toBool());
        QVERIFY(!r.json().value(QStringLiteral("failedSignInsShown")).toBool());
        QVERIFY(r.json().value(QStringLiteral("firstFailedSignInDay")).isNull());
        QVERIFY(r.json().value(QStringLiteral("failedSignInsPerDay")).toArray().isEmpty());
        QVERIFY(total(r.json(), "expiringPerWeek") >= 1);
        QVERIFY(total(r.json(), "requestsPerDay") >= 1);
        auto read = RecordJson::overview(r.json());
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(call(stan, "POST", QStringLiteral("/api/v1/console/sign-out")).status, 204);

        // The offset is checked by the domain; unknown parameters are refused.
        r = call(m_admin, "GET", QStringLiteral("/api/v1/overview?utcOffsetMinutes=900"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(),
                 QStringLiteral("utcOffsetMinutes"));
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/overview?weeks=3")).status, 400);
        QCOMPARE(call({}, "GET", QStringLiteral("/api/v1/overview")).status, 401);
    }

    // The lookups the console's HttpBackend needs besides the lists: the tenant, a token by its
    // value (in the body), a user by name, and the position of a session, user or audit entry.
    void lookups()
    {
        HttpResult r = call(m_admin, "GET", QStringLiteral("/api/v1/tenant"));
        QCOMPARE(r.status, 200);
        // The change stream's cursor, at once without one or with another (tst_changes.cpp
        // holds and wakes polls); recorded for openapi.check like every answer here.
        r = call(m_admin, "GET", QStringLiteral("/api/v1/changes"));
        QCOMPARE(r.status, 200);
        const qint64 cursor = r.json().value(QStringLiteral("cursor")).toInteger();
        r = call(m_admin, "GET", QStringLiteral("/api/v1/changes?after=%1").arg(cursor - 1));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("cursor")).toInteger() >= cursor);
        QCOMPARE(call(m_admin, "GET", QStringLiteral("/api/v1/changes?after=-1")).status, 400);
        QCOMPARE(call({}, "GET", QStringLiteral("/api/v1/changes")).status, 401);
        r = call(m_admin, "GET", QStringLiteral("/api/v1/tenant"));
        QCOMPARE(r.json().value(QStringLiteral("id")).toString(), svc().accounts.tenant()->id);
        // The server itself: no --public-url here, so none is announced; signed-in consoles only.
        r = call(m_admin, "GET", QStringLiteral("/api/v1/server"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("publicUrl")).isNull());
        QCOMPARE(r.json().value(QStringLiteral("version")).toString(), versionString());
        QCOMPARE(call({}, "GET", QStringLiteral("/api/v1/server")).status, 401);

        auto made = svc().tokens.create(m_f.cli, {QStringLiteral("looked-up"),
                                                  {},
                                                  {Scope::Collection},
                                                  QStringLiteral("stan"),
                                                  {},
                                                  {},
                                                  Clock::now().addDays(3),
                                                  false});
        QVERIFY(made.ok());
        noteSecret(made->secret);
        r = call(m_admin, "POST", QStringLiteral("/api/v1/tokens/find"),
                 {{QStringLiteral("value"), QString::fromLatin1(made->secret.bytes())}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("id")).toInteger(), made->id);
        QVERIFY(!m_server.log().contains(made->secret.bytes()));
        r = call(m_admin, "POST", QStringLiteral("/api/v1/tokens/find"),
                 {{QStringLiteral("value"), QStringLiteral("not a token")}});
        QVERIFY2(r.status == 400 || r.status == 404, r.body.constData());

        r = call(m_admin, "GET", QStringLiteral("/api/v1/users/by-name?username=stan"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("id")).toInteger(), m_stanId);
        r = call(m_admin, "GET", QStringLiteral("/api/v1/users/by-name?username=nobody"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("user"));

        r = call(m_admin, "GET",
                 QStringLiteral("/api/v1/users/%1/position?text=stan&includeDisabled=true")
                     .arg(m_stanId));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("position")).toInteger(), 0);
        const qint64 audit = lastAudit(*m_f.store).id;
        r = call(m_admin, "GET", QStringLiteral("/api/v1/audit/%1/position").arg(audit));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("position")).toInteger(), 0);
        r = call(m_admin, "GET", QStringLiteral("/api/v1/sessions/1/position?includeEnded=true"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("position")).toInteger() >= -1);
        r = call(m_admin, "GET", QStringLiteral("/api/v1/sessions/1/position?sort=name"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("sort"));
    }

    // The console's CSV exports, streamed: the same bytes as the local export of the same
    // filters and order (one writer, CsvExport), as a download.
    void csvExports()
    {
        AuditQuery stanSignIns;
        stanSignIns.actor = QStringLiteral("stan");
        stanSignIns.action = QStringLiteral("auth.");
        stanSignIns.newestFirst = false;
        HttpResult r =
            call(m_admin, "GET",
                 QStringLiteral("/api/v1/audit/export?actor=stan&action=auth.&order=oldest"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
        QCOMPARE(r.header("Content-Disposition"),
                 QByteArray("attachment; filename=\"audit-log.csv\""));
        QVERIFY(r.body.startsWith("time,actor,action,target,outcome,details,address\r\n"));
        QVERIFY2(r.body.count("\r\n") > 2, r.body.constData());
        QCOMPARE(r.body, localCsv(stanSignIns));
        for (const QByteArray &line : r.body.split('\n').mid(1, r.body.count("\r\n") - 1))
            QVERIFY2(line.contains(",stan,auth."), line.constData());

        TokenQuery active;
        active.statuses = {TokenStatus::Active, TokenStatus::ExpiringSoon};
        active.sortColumn = TokenColumn::Name;
        active.ascending = true;
        r = call(
            m_admin, "GET",
            QStringLiteral("/api/v1/tokens/export?status=active,expiring&sort=name&order=asc"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Disposition"),
                 QByteArray("attachment; filename=\"api-tokens.csv\""));
        QVERIFY(r.body.startsWith("id,name,hint,scopes,user,department,user_type,created_at,"));
        QCOMPARE(r.body, localCsv(active));
        QCOMPARE(r.body.count("\r\n") - 1,
                 call(m_admin, "GET", QStringLiteral("/api/v1/tokens/count?status=active,expiring"))
                     .json()
                     .value(QStringLiteral("count"))
                     .toInteger());
        // A filter that lists nothing: the header alone.
        r = call(m_admin, "GET", QStringLiteral("/api/v1/audit/export?actor=nobody-at-all"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("time,actor,action,target,outcome,details,address\r\n"));
    }

    // An export is authorized exactly like the list it exports (the same domain call), and a
    // refusal is audited like the list's, with the person and the client address.
    void exportsAreAuthorizedLikeTheirLists()
    {
        const QByteArray stan =
            signIn(QStringLiteral("stan"), QStringLiteral("Stan-Standard#3003"));
        QVERIFY(!stan.isEmpty());
        const QString refusals = QStringLiteral(
            "SELECT COUNT(*) FROM audit_log WHERE actor = 'stan' AND action = 'audit.read' "
            "AND outcome = 'denied' AND address = '127.0.0.1'");
        const qint64 before = scalar(refusals);
        const HttpResult list = call(stan, "GET", QStringLiteral("/api/v1/audit"));
        QCOMPARE(list.status, 403);
        QCOMPARE(scalar(refusals), before + 1);
        const HttpResult exported = call(stan, "GET", QStringLiteral("/api/v1/audit/export"));
        QCOMPARE(exported.status, 403);
        QCOMPARE(exported.json(), list.json());
        QCOMPARE(scalar(refusals), before + 2);
        QCOMPARE(call({}, "GET", QStringLiteral("/api/v1/audit/export")).status, 401);
        // A Standard user's token export holds what their token list holds.
        const HttpResult count = call(stan, "GET", QStringLiteral("/api/v1/tokens/count"));
        QCOMPARE(count.status, 200);
        const HttpResult tokens = call(stan, "GET", QStringLiteral("/api/v1/tokens/export"));
        QCOMPARE(tokens.status, 200);
        QCOMPARE(tokens.body.count("\r\n") - 1,
                 count.json().value(QStringLiteral("count")).toInteger());
        QCOMPARE(call(stan, "POST", QStringLiteral("/api/v1/console/sign-out")).status, 204);
    }

    // Clients that go away or stop reading mid-stream: the server lets go of their exports (no
    // worker waits for a socket, no place among the exports leaks) and answers others meanwhile.
    // --max-exports bounds the exports streaming at once; HTTP/1.0, which has no chunks, is
    // refused an export.
    void exportClientsThatGoAway()
    {
        // A log long enough that its CSV outgrows every socket buffer between server and client.
        constexpr int Extra = 100000;
        QVERIFY(m_f.store->write([&] {
            QSqlQuery q = m_f.store->prepare(QStringLiteral(
                "INSERT INTO audit_log (at, actor, action, target, outcome, details, address) "
                "VALUES (?, 'bulk', 'token.revoke', ?, 'success', ?, '10.0.0.1')"));
            const qint64 base = Clock::nowMs() - 400LL * 24 * 3600 * 1000;
            const QString details(120, QLatin1Char('d'));
            for (int i = 0; i < Extra; ++i) {
                q.bindValue(0, base + (i / 3) * 1000LL); // ties: the id orders them
                q.bindValue(1, QStringLiteral("bulk %1").arg(i));
                q.bindValue(2, details);
                m_f.store->exec(q, "bulk audit");
            }
        }));
        constexpr int MaxExports = 2;
        ServerProcess server; // writes time out after 2 s
        QString why;
        QVERIFY2(server.start(m_f.db->spec(),
                              {QStringLiteral("--request-timeout"), QStringLiteral("2"),
                               QStringLiteral("--max-exports"), QString::number(MaxExports),
                               QStringLiteral("--export-threads"), QStringLiteral("2")},
                              &why),
                 qPrintable(why));
        const QByteArray request = "GET /api/v1/audit/export HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Authorization: Bearer " +
                                   m_admin + "\r\n\r\n";
        const QUrl small = server.url(QStringLiteral("/api/v1/audit/export?actor=stan"));
        auto smallStatus = [&] {
            return http(m_nam, "GET", small, bearer(m_admin)).status;
        };

        // Read a little, then close: more often than exports may run at once.
        for (int i = 0; i < 6; ++i) {
            const int fd = openRequest(server.port(), request);
            QVERIFY(fd >= 0);
            const QByteArray start = receive(fd, 64 * 1024);
            ::close(fd);
            QVERIFY2(start.startsWith("HTTP/1.1 200"), start.left(200).constData());
            QVERIFY(start.contains("\r\nTransfer-Encoding: chunked\r\n"));
            QTRY_COMPARE_WITH_TIMEOUT(smallStatus(), 200, 10000);
        }

        // HTTP/1.0: no chunked body it cannot read, and no close-delimited one that a cut would
        // make look whole.
        QByteArray old = request;
        old.replace("HTTP/1.1", "HTTP/1.0");
        const int fd10 = openRequest(server.port(), old);
        QVERIFY(fd10 >= 0);
        const QByteArray refused = receive(fd10, 64 * 1024);
        ::close(fd10);
        QVERIFY2(refused.startsWith("HTTP/1.1 505"), refused.left(200).constData());
        QVERIFY(!refused.contains("Transfer-Encoding"));
        QVERIFY(refused.contains("\"error\":\"http_version_not_supported\""));
        QVERIFY(!refused.contains("time,actor,action"));

        // Stop reading: each holds its export until the write timeout cuts it off.
        QList<int> stalled;
        for (int i = 0; i < MaxExports; ++i) {
            const int fd = openRequest(server.port(), request, true);
            QVERIFY(fd >= 0);
            QVERIFY(receive(fd, 16).startsWith("HTTP/1.1 200"));
            stalled << fd;
        }
        // The I/O threads serve others meanwhile; one export more waits its turn.
        QCOMPARE(http(m_nam, "GET", server.url(QStringLiteral("/healthz"))).status, 200);
        const HttpResult busy = http(m_nam, "GET", small, bearer(m_admin));
        QCOMPARE(busy.status, 503);
        QCOMPARE(busy.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("too_many_exports"));
        QVERIFY(!busy.header("Retry-After").isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(smallStatus(), 200, 20000);
        for (int fd : std::as_const(stalled))
            ::close(fd);

        // And a whole export still comes complete, in the list's order.
        const HttpResult all =
            http(m_nam, "GET", server.url(QStringLiteral("/api/v1/audit/export")), bearer(m_admin));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.body.count("\r\n"),
                 scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")) + 1);
        QCOMPARE(all.body, localCsv(AuditQuery()));
        server.stop();
        keepForLeakScan(QStringLiteral("server-timeouts.log"), server.log());
    }

    void routesMatchTheOpenApiDescription()
    {
        QFile f(qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/openapi/tokendesk.yaml"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        // "  /path:" at two spaces, "    get:" at four, under "paths:".
        QSet<QString> described;
        QString current;
        bool inPaths = false;
        static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):\\s*$"));
        static const QRegularExpression methodLine(
            QStringLiteral("^    (get|put|post|delete|patch|head|options):\\s*$"));
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QString l = QString::fromUtf8(line);
            if (!l.startsWith(QLatin1Char(' ')) && !l.isEmpty())
                inPaths = l.startsWith(QLatin1String("paths:"));
            if (!inPaths)
                continue;
            if (auto m = pathLine.match(l); m.hasMatch())
                current = m.captured(1);
            else if (auto mm = methodLine.match(l); mm.hasMatch())
                described.insert(mm.captured(1).toUpper() + QLatin1Char(' ') + current);
        }
        QSet<QString> served;
        for (const auto &[method, path] : Routes::endpoints())
            served.insert(QString::fromLatin1(method + ' ' + path));
        for (const AdminApi::Route &r : AdminApi::routes())
            served.insert(QLatin1String(r.method) + QLatin1Char(' ') + QLatin1String(r.path));
        QVERIFY(served.size() > 45);
        for (const QString &s : served)
            QVERIFY2(described.contains(s), qPrintable(s + QStringLiteral(" is not in the YAML")));
        for (const QString &d : described)
            QVERIFY2(served.contains(d), qPrintable(d + QStringLiteral(" is not served")));
    }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
