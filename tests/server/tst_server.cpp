// SPDX-License-Identifier: MIT
// tokendesk-server, the real program: endpoints, RFC 6750 errors, limits, throttling, last use,
// mobile sign-in and sign-out, two servers on one store, TLS, shutdown and start-up errors.
#include "serverharness.h"
#include "testsupport.h"

#include "accesslog.h"
#include "apiserver.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "security/tokencodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <unistd.h>

using namespace td;
using namespace td::test;

class TestServer : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    ServerProcess *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    Domain &svc() { return *m_f.domain; }
    /// userType: the type the token is bound to (empty: the user's).
    QByteArray apiToken(const QString &user, const QStringList &scopes,
                        const QString &name = QStringLiteral("t"), const QString &userType = {})
    {
        static int n = 0;
        NewApiToken t;
        t.name = QStringLiteral("%1-%2").arg(name).arg(++n);
        t.scopes = scopes;
        t.username = user;
        t.userType = userType;
        t.expiresAt = Clock::now().addDays(30);
        auto c = svc().tokens.create(m_f.cli, t);
        if (!c)
            qWarning() << c.error().message;
        if (c)
            noteSecret(c->secret);
        return c ? c->secret.bytes() : QByteArray();
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
    void sql(const QString &statement, const QVariantList &binds = {})
    {
        auto r = m_f.store->write([&] { m_f.store->run(statement, binds); });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    }
    User makeUser(const QString &name, const QString &type)
    {
        NewUser u;
        u.username = name;
        u.email = name + QStringLiteral("@example.org");
        u.department = QStringLiteral("Administration");
        u.userType = type;
        u.password = secret("Passw0rd!long");
        auto r = svc().accounts.createUser(m_f.cli, u);
        if (!r)
            qWarning() << r.error().message;
        return r ? r.value() : User();
    }
    HttpResult get(const QString &path, const RawHeaders &h = {})
    {
        return http(*m_nam, "GET", m_server->url(path), h);
    }
    HttpResult postJson(const QString &path, const QJsonObject &o, RawHeaders h = {})
    {
        h.emplaceBack("Content-Type", "application/json");
        return http(*m_nam, "POST", m_server->url(path), h,
                    QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    HttpResult introspect(const QByteArray &caller, const QByteArray &target)
    {
        RawHeaders h = bearer(caller);
        h.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
        return http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/introspect")), h,
                    "token=" + target);
    }
    /// A mobile sign-in through the server, as the app does it; the session's token.
    QByteArray mobileSignIn(const QString &user, const QString &accessCode)
    {
        const HttpResult r = postJson(QStringLiteral("/api/v1/mobile/sessions"),
                                      {{QStringLiteral("username"), user},
                                       {QStringLiteral("access_code"), accessCode},
                                       {QStringLiteral("device_name"), QStringLiteral("Pixel")},
                                       {QStringLiteral("platform"), QStringLiteral("Android")},
                                       {QStringLiteral("app_version"), QStringLiteral("1.0")}});
        if (r.status != 201)
            qWarning() << "mobile sign-in:" << r.status << r.body;
        return r.json().value(QStringLiteral("session_token")).toString().toLatin1();
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
    static void verifyInvalidToken(const HttpResult &r, const char *what)
    {
        QVERIFY2(r.status == 401, what);
        QVERIFY2(r.header("WWW-Authenticate")
                     .startsWith("Bearer realm=\"tokendesk\", "
                                 "error=\"invalid_token\""),
                 r.header("WWW-Authenticate").constData());
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_token"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The servers started here log everything for the leak scan; ServerProcess::log() is
        // their access log and errors without Qt's messages.
        setLoggingEnvironment();
    }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        m_nam = new QNetworkAccessManager;
        QVERIFY(startServer({QStringLiteral("--max-auth-failures"), QStringLiteral("1000")}));
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        delete m_nam;
        m_nam = nullptr;
        m_f = Fixture();
    }

    void healthz()
    {
        const HttpResult r = get(QStringLiteral("/healthz"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(get(QStringLiteral("/nothing")).status, 404);
    }

    void meWithApiToken()
    {
        const QByteArray token =
            apiToken(QStringLiteral("admin"), {Scope::Collection, Scope::Introspect});
        const HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(token));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("username")).toString(), QStringLiteral("admin"));
        QCOMPARE(o.value(QStringLiteral("token_kind")).toString(), QStringLiteral("api_token"));
        QCOMPARE(o.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("collection introspect"));
        QCOMPARE(o.value(QStringLiteral("scopes")).toArray().size(), 2);
        QCOMPARE(o.value(QStringLiteral("department")).toString(),
                 QStringLiteral("Administration"));
        QCOMPARE(o.value(QStringLiteral("user_type")).toString(), QStringLiteral("Administrator"));
        QCOMPARE(o.value(QStringLiteral("tenant")).toString(), svc().accounts.tenant()->id);
        QCOMPARE(o.value(QStringLiteral("token_id")).toInteger(), tokenId(token));
        QVERIFY(o.value(QStringLiteral("exp")).toInteger() > QDateTime::currentSecsSinceEpoch());
        QVERIFY(o.value(QStringLiteral("expires_at")).toString().endsWith(QLatin1Char('Z')));
    }

    void effectiveScopesFollowTheUserType()
    {
        // A Standard user's token asking for "introspect" gets only what the type grants, and a
        // change of the user type's permissions shows on the next request.
        qint64 standard = 0;
        auto types = svc().accounts.userTypes(m_f.cli);
        QVERIFY(types.ok());
        for (const UserType &t : types.value())
            if (t.name == QLatin1String("Standard"))
                standard = t.id;
        QVERIFY(standard > 0);
        auto grant = [&](const QStringList &permissions) {
            return svc().accounts.setUserTypePermissions(m_f.cli, standard, permissions).ok();
        };
        // The token is made while the type grants introspect (it may not ask for more).
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Collection, Scope::Introspect}));
        makeUser(QStringLiteral("sam"), QStringLiteral("Standard"));
        const QByteArray token =
            apiToken(QStringLiteral("sam"), {Scope::Collection, Scope::Introspect});
        QVERIFY(!token.isEmpty());
        auto scope = [&] {
            const HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(token));
            return r.status == 200 ? r.json().value(QStringLiteral("scope")).toString()
                                   : QStringLiteral("HTTP %1").arg(r.status);
        };
        QCOMPARE(scope(), QStringLiteral("collection introspect"));
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Collection}));
        QCOMPARE(scope(), QStringLiteral("collection"));
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Device}));
        QCOMPARE(scope(), QString());

        // A token bound to another type (an administrator may do that) is limited by both: by
        // the type it is bound to and by the user's current type, whose change shows at once.
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Collection, Scope::Introspect}));
        QVERIFY(svc()
                    .accounts
                    .createUserType(m_f.cli, QStringLiteral("Collectors"), QString(),
                                    {Scope::Collection, Scope::Introspect})
                    .ok());
        const QByteArray bound =
            apiToken(QStringLiteral("sam"), {Scope::Collection, Scope::Introspect},
                     QStringLiteral("bound"), QStringLiteral("Collectors"));
        QVERIFY(!bound.isEmpty());
        auto boundScope = [&] {
            const HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(bound));
            return r.status == 200 ? r.json().value(QStringLiteral("scope")).toString()
                                   : QStringLiteral("HTTP %1").arg(r.status);
        };
        QCOMPARE(boundScope(), QStringLiteral("collection introspect"));
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Collection}));
        QCOMPARE(boundScope(), QStringLiteral("collection"));
        QVERIFY(grant({Permission::TokensManageOwn, Scope::Collection, Scope::Introspect}));
        QCOMPARE(boundScope(), QStringLiteral("collection introspect"));
        auto collectors = svc().accounts.userTypes(m_f.cli);
        QVERIFY(collectors.ok());
        for (const UserType &t : collectors.value())
            if (t.name == QLatin1String("Collectors"))
                QVERIFY(
                    svc()
                        .accounts
                        .setUserTypePermissions(m_f.cli, t.id, {Scope::Introspect, Scope::Device})
                        .ok());
        QCOMPARE(boundScope(), QStringLiteral("introspect"));
    }

    void noCredentials()
    {
        const HttpResult r = get(QStringLiteral("/api/v1/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer realm=\"tokendesk\""));
    }

    void wrongScheme()
    {
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const HttpResult r =
            get(QStringLiteral("/api/v1/me"), {{"Authorization", "Basic " + token.toBase64()}});
        QCOMPARE(r.status, 401);
        // Not bearer credentials: the challenge carries no error code (RFC 6750 3.1).
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer realm=\"tokendesk\""));
        const HttpResult empty = get(QStringLiteral("/api/v1/me"), {{"Authorization", "Bearer"}});
        QCOMPARE(empty.status, 400);
        QCOMPARE(empty.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_request"));
    }

    void malformedToken()
    {
        QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        token[10] = token[10] == 'A' ? 'B' : 'A'; // the checksum no longer matches
        const HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(token));
        verifyInvalidToken(r, "malformed");
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("malformed")));
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer("hello")), "short");
    }

    void malformedTokenNeverReachesTheStore()
    {
        // An ApiServer in this process over a store whose connection is then closed: every
        // query fails. A malformed token is still answered 401 (no query was made), while a
        // well-formed unknown one gets a 5xx (its lookup failed).
        auto store = m_f.store->openAnother();
        QVERIFY(store.ok());
        ApiServer::Options options;
        ApiServer server(*store.value(), options);
        QString error;
        const quint16 port = server.start(QHostAddress(QHostAddress::LocalHost), 0, &error);
        QVERIFY2(port, qPrintable(error));
        QUrl url(QStringLiteral("http://127.0.0.1/api/v1/me"));
        url.setPort(port);
        const QByteArray good = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(http(*m_nam, "GET", url, bearer(good)).status, 200);
        server.closeStoreConnectionsForTesting();
        QByteArray bad = good;
        bad[20] = bad[20] == 'x' ? 'y' : 'x';
        verifyInvalidToken(http(*m_nam, "GET", url, bearer(bad)), "malformed, store closed");
        const QByteArray unknown = TokenCodec::generate(TokenKind::Api).bytes();
        const int status = http(*m_nam, "GET", url, bearer(unknown)).status;
        QVERIFY2(status == 500 || status == 503, qPrintable(QString::number(status)));
    }

    void slowAndIdleConnections()
    {
        // ConnectionGuard in this process with short limits: a request whose headers do not
        // complete in time gets 408 and is closed; an idle keep-alive connection is closed;
        // connections over the limit get 503.
        ApiServer::Options options;
        options.limits.headerTimeoutMs = 300;
        options.limits.idleTimeoutMs = 600;
        options.limits.maxConnections = 2;
        ApiServer server(*m_f.store, options);
        QString error;
        const quint16 port = server.start(QHostAddress(QHostAddress::LocalHost), 0, &error);
        QVERIFY2(port, qPrintable(error));

        QTcpSocket slow;
        QByteArray slowIn;
        connect(&slow, &QTcpSocket::readyRead, this, [&] { slowIn += slow.readAll(); });
        slow.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(slow.state(), QAbstractSocket::ConnectedState);
        slow.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"); // never finished
        QTRY_VERIFY_WITH_TIMEOUT(slowIn.startsWith("HTTP/1.1 408 "), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);

        QTcpSocket idle;
        QByteArray idleIn;
        connect(&idle, &QTcpSocket::readyRead, this, [&] { idleIn += idle.readAll(); });
        idle.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(idle.state(), QAbstractSocket::ConnectedState);
        idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(idleIn.startsWith("HTTP/1.1 200 "));
        QCOMPARE(idle.state(), QAbstractSocket::ConnectedState); // kept alive …
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState,
                                  5000); // … not forever

        QList<QTcpSocket *> many;
        QByteArray refused;
        for (int i = 0; i < 3; ++i) {
            auto *s = new QTcpSocket(this);
            connect(s, &QTcpSocket::readyRead, this, [&refused, s] { refused += s->readAll(); });
            s->connectToHost(QHostAddress::LocalHost, port);
            many << s;
        }
        QTRY_VERIFY_WITH_TIMEOUT(refused.startsWith("HTTP/1.1 503 "), 5000);
        qDeleteAll(many);
    }

    void unknownExpiredRevokedDisabled()
    {
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer("tdk_not-a-token")),
                           "malformed");
        verifyInvalidToken(
            get(QStringLiteral("/api/v1/me"), bearer(TokenCodec::generate(TokenKind::Api).bytes())),
            "unknown");
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"),
                               bearer(TokenCodec::generate(TokenKind::Session).bytes())),
                           "unknown session");

        const QByteArray expired = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(expired)).status, 200);
        sql(QStringLiteral("UPDATE api_tokens SET expires_at = ? WHERE id = ?"),
            {Clock::nowMs() - 1000, tokenId(expired)});
        HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(expired));
        verifyInvalidToken(r, "expired");
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("expired")));

        const QByteArray revoked = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(revoked)).status, 200);
        QVERIFY(svc().tokens.revoke(m_f.cli, {tokenId(revoked)}).ok());
        r = get(QStringLiteral("/api/v1/me"), bearer(revoked));
        verifyInvalidToken(r, "revoked");
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("revoked")));

        // Disabling a user revokes the tokens; a user disabled behind the domain's back (a
        // restored backup, a bug) is refused all the same.
        const User dora = makeUser(QStringLiteral("dora"), QStringLiteral("Standard"));
        const QByteArray doras = apiToken(QStringLiteral("dora"), {Scope::Collection});
        const QByteArray doras2 = apiToken(QStringLiteral("dora"), {Scope::Device});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(doras)).status, 200);
        sql(QStringLiteral("UPDATE users SET disabled_at = ? WHERE id = ?"),
            {Clock::nowMs(), dora.id});
        r = get(QStringLiteral("/api/v1/me"), bearer(doras));
        verifyInvalidToken(r, "disabled");
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("disabled")));
        sql(QStringLiteral("UPDATE users SET disabled_at = NULL WHERE id = ?"), {dora.id});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(doras2)).status, 200);
        QVERIFY(svc().accounts.disableUser(m_f.cli, dora.id).ok());
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(doras2)), "disabled user");

        const QByteArray log = m_server->log();
        for (const char *reason : {"auth=unknown", "auth=expired", "auth=revoked",
                                   "auth=user-disabled", "auth=malformed"})
            QVERIFY2(log.contains(reason), reason);
    }

    void tokenInQueryOrTwoWays()
    {
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QUrl url = m_server->url(QStringLiteral("/api/v1/me"));
        url.setQuery(QStringLiteral("access_token=") + QString::fromLatin1(token));
        HttpResult r = http(*m_nam, "GET", url);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_request"));
        QVERIFY(r.header("WWW-Authenticate").contains("error=\"invalid_request\""));
        // Under another name too: anything that looks like a token in the URL.
        url.setQuery(QStringLiteral("t=") + QString::fromLatin1(token));
        QCOMPARE(http(*m_nam, "GET", url).status, 400);

        url.setQuery(QStringLiteral("access_token=") + QString::fromLatin1(token));
        r = http(*m_nam, "GET", url, bearer(token));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_request"));
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("more than one way")));
        RawHeaders h = bearer(token);
        h.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
        r = http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/introspect")), h,
                 "access_token=" + token + "&token=" + token);
        QCOMPARE(r.status, 400);
        QVERIFY(r.json()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QLatin1String("more than one way")));
        // The token never reaches the log, not even from the URL.
        QVERIFY(!m_server->log().contains(token));
        QVERIFY(!m_server->log().contains(token.right(40)));
    }

    void introspection()
    {
        makeUser(QStringLiteral("sue"), QStringLiteral("Support"));
        const QByteArray caller = apiToken(QStringLiteral("sue"), {Scope::Introspect});
        const QByteArray noScope = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray target =
            apiToken(QStringLiteral("admin"), {Scope::Collection, Scope::Device});

        HttpResult r = introspect(noScope, target);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("insufficient_scope"));
        QVERIFY(r.header("WWW-Authenticate").contains("error=\"insufficient_scope\""));
        QVERIFY(r.header("WWW-Authenticate").contains("scope=\"introspect\""));

        r = introspect(caller, target);
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("scope")).toString(), QStringLiteral("collection device"));
        QCOMPARE(o.value(QStringLiteral("username")).toString(), QStringLiteral("admin"));
        QCOMPARE(o.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(o.value(QStringLiteral("user_type")).toString(), QStringLiteral("Administrator"));
        QCOMPARE(o.value(QStringLiteral("department")).toString(),
                 QStringLiteral("Administration"));
        QCOMPARE(o.value(QStringLiteral("tenant")).toString(), svc().accounts.tenant()->id);
        for (const char *k : {"exp", "iat", "sub"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        QVERIFY(o.value(QStringLiteral("exp")).toInteger() >
                o.value(QStringLiteral("iat")).toInteger());

        // Inactive: exactly {"active":false}, whatever the reason.
        QByteArray malformed = target;
        malformed[8] = malformed[8] == 'a' ? 'b' : 'a';
        QVERIFY(svc().tokens.revoke(m_f.cli, {tokenId(target)}).ok());
        for (const QByteArray &t :
             {target, malformed, TokenCodec::generate(TokenKind::Api).bytes()}) {
            r = introspect(caller, t);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("{\"active\":false}"));
        }
        r = introspect(caller, QByteArray());
        QCOMPARE(r.status, 400);
    }

    void limits()
    {
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Introspect});
        RawHeaders h = bearer(token);
        h.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
        const HttpResult big =
            http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/introspect")), h,
                 "token=" + QByteArray(20000, 'a'));
        QCOMPARE(big.status, 413);
        // Refused before Qt HttpServer buffered it: no request line for it in the log.
        QTRY_VERIFY(m_server->log().contains("413 0B 0.00ms refused: request body too large"));
        QVERIFY(!m_server->log().contains("\"POST /api/v1/introspect\""));

        const HttpResult header =
            get(QStringLiteral("/healthz"), {{"X-Padding", QByteArray(9000, 'p')}});
        QCOMPARE(header.status, 431);

        const QByteArray chunked = rawExchange(
            m_server->port(), "POST /api/v1/mobile/sessions HTTP/1.1\r\nHost: x\r\n"
                              "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                              "2\r\n{}\r\n0\r\n\r\n");
        QVERIFY2(chunked.startsWith("HTTP/1.1 411 "), chunked.constData());

        // The server still answers afterwards.
        QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    }

    void wrongMethod()
    {
        HttpResult r = http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/me")), {}, "");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET"));
        r = http(*m_nam, "DELETE", m_server->url(QStringLiteral("/api/v1/mobile/sessions")));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("POST"));
        r = http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/mobile/sessions/current")));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("DELETE"));
        r = http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/introspect")));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("POST"));
    }

    void throttled()
    {
        QVERIFY(startServer({QStringLiteral("--max-auth-failures"), QStringLiteral("3")}));
        const QByteArray good = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(good)).status, 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(QStringLiteral("/api/v1/me"),
                         bearer(TokenCodec::generate(TokenKind::Api).bytes()))
                         .status,
                     401);
        // Blocked now: even a valid token from this address waits.
        const HttpResult r = get(QStringLiteral("/api/v1/me"), bearer(good));
        QCOMPARE(r.status, 429);
        bool ok = false;
        const int retry = r.header("Retry-After").toInt(&ok);
        QVERIFY(ok && retry > 0 && retry <= 60);
        // Endpoints without a bearer token are not affected.
        QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    }

    void mobileSignInAndOut()
    {
        const User mo = makeUser(QStringLiteral("mo"), QStringLiteral("Standard"));
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, mo.id, secret("pocket-code-42"), 90).ok());
        QJsonObject body{{QStringLiteral("username"), QStringLiteral("mo")},
                         {QStringLiteral("access_code"), QStringLiteral("pocket-code-42")},
                         {QStringLiteral("device_name"), QStringLiteral("Mo's phone")},
                         {QStringLiteral("platform"), QStringLiteral("Android 14")},
                         {QStringLiteral("app_version"), QStringLiteral("3.2.1")}};
        HttpResult r = postJson(QStringLiteral("/api/v1/mobile/sessions"), body);
        QCOMPARE(r.status, 201);
        const QByteArray session =
            r.json().value(QStringLiteral("session_token")).toString().toLatin1();
        TokenKind kind;
        QCOMPARE(TokenCodec::check(session, &kind), TokenCodec::ParseError::None);
        QCOMPARE(kind, TokenKind::Session);
        QVERIFY(QDateTime::fromString(r.json().value(QStringLiteral("expires_at")).toString(),
                                      Qt::ISODate) > QDateTime::currentDateTimeUtc());
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));

        r = get(QStringLiteral("/api/v1/me"), bearer(session));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("token_kind")).toString(),
                 QStringLiteral("mobile_session"));
        QCOMPARE(r.json().value(QStringLiteral("device_name")).toString(),
                 QStringLiteral("Mo's phone"));
        QCOMPARE(r.json().value(QStringLiteral("username")).toString(), QStringLiteral("mo"));
        auto sessions = svc().sessions.list(m_f.cli, {});
        QVERIFY(sessions.ok());
        QCOMPARE(sessions->size(), 1);
        QCOMPARE(sessions->first().platform, QStringLiteral("Android 14"));
        QCOMPARE(sessions->first().lastActiveFrom, QStringLiteral("127.0.0.1"));

        // An API token cannot sign out a session.
        const QByteArray api = apiToken(QStringLiteral("mo"), {Scope::Collection});
        r = http(*m_nam, "DELETE", m_server->url(QStringLiteral("/api/v1/mobile/sessions/current")),
                 bearer(api));
        QCOMPARE(r.status, 400);

        r = http(*m_nam, "DELETE", m_server->url(QStringLiteral("/api/v1/mobile/sessions/current")),
                 bearer(session));
        QCOMPARE(r.status, 204);
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(session)), "signed out");
        QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("session.end"));

        // Wrong code, missing field, wrong content type.
        body.insert(QStringLiteral("access_code"), QStringLiteral("wrong-code-1"));
        r = postJson(QStringLiteral("/api/v1/mobile/sessions"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_grant"));
        body.remove(QStringLiteral("device_name"));
        r = postJson(QStringLiteral("/api/v1/mobile/sessions"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("device_name"));
        r = http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/mobile/sessions")),
                 {{"Content-Type", "text/plain"}}, "hello");
        QCOMPARE(r.status, 415);
        // A field named twice is refused, however it is spelled: the last one does not win.
        const qint64 sessionsBefore = countRows(*m_f.store, QStringLiteral("mobile_sessions"));
        r = http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/mobile/sessions")),
                 {{"Content-Type", "application/json"}},
                 "{\"username\": \"nobody\", \"user\\u006eame\": \"mo\", \"access_code\": "
                 "\"pocket-code-42\", \"device_name\": \"d\", \"platform\": \"p\", "
                 "\"app_version\": \"1\"}");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("username"));
        QCOMPARE(countRows(*m_f.store, QStringLiteral("mobile_sessions")), sessionsBefore);

        // An expired access code is refused, and says so.
        sql(QStringLiteral("UPDATE users SET access_code_expires_at = ? WHERE id = ?"),
            {Clock::nowMs() - 1000, mo.id});
        body.insert(QStringLiteral("access_code"), QStringLiteral("pocket-code-42"));
        body.insert(QStringLiteral("device_name"), QStringLiteral("Mo's tablet"));
        r = postJson(QStringLiteral("/api/v1/mobile/sessions"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("access_code_expired"));
        QCOMPARE(countRows(*m_f.store, QStringLiteral("mobile_sessions")), 1);

        // Nothing secret in the access log.
        const QByteArray log = m_server->log();
        QVERIFY(!log.contains(session));
        QVERIFY(!log.contains("pocket-code-42"));
        QVERIFY(!log.contains(api));
        QVERIFY(log.contains("\"POST /api/v1/mobile/sessions\" 201"));
    }

    void mobileSessionHasOnlyAppScopes()
    {
        // Even an Administrator's phone gets the app's scopes, never introspect or users.
        const User ada = makeUser(QStringLiteral("ada"), QStringLiteral("Administrator"));
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, ada.id, secret("pocket-code-77"), 90).ok());
        const QJsonObject body{{QStringLiteral("username"), QStringLiteral("ada")},
                               {QStringLiteral("access_code"), QStringLiteral("pocket-code-77")},
                               {QStringLiteral("device_name"), QStringLiteral("Ada's phone")},
                               {QStringLiteral("platform"), QStringLiteral("iOS 18")},
                               {QStringLiteral("app_version"), QStringLiteral("3.2.1")}};
        HttpResult r = postJson(QStringLiteral("/api/v1/mobile/sessions"), body);
        QCOMPARE(r.status, 201);
        const QByteArray session =
            r.json().value(QStringLiteral("session_token")).toString().toLatin1();
        r = get(QStringLiteral("/api/v1/me"), bearer(session));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("collection device policy"));
        const QByteArray target = apiToken(QStringLiteral("admin"), {Scope::Collection});
        r = introspect(session, target);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("insufficient_scope"));
        // Introspected, the session says the same.
        r = introspect(apiToken(QStringLiteral("admin"), {Scope::Introspect}), session);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("collection device policy"));
    }

    void revokedSessionIsRefused()
    {
        const User mo = makeUser(QStringLiteral("mia"), QStringLiteral("Standard"));
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, mo.id, secret("pocket-code-43"), 90).ok());
        const QByteArray session =
            mobileSignIn(QStringLiteral("mia"), QStringLiteral("pocket-code-43"));
        QVERIFY(!session.isEmpty());
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(session)).status, 200);
        auto list = svc().sessions.list(m_f.cli, {});
        QVERIFY(list.ok() && list->size() == 1);
        QVERIFY(svc().sessions.revoke(m_f.cli, {list->first().id}).ok());
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(session)), "revoked session");
    }

    // RFC 7009: whoever holds a token may revoke it, without other credentials; the answer is
    // 200 whether or not it was a live token, so it tells nobody which values are real.
    void holderRevokesItsToken()
    {
        auto revoke = [&](const QByteArray &type, const QByteArray &body) {
            return http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/revoke")),
                        {{"Content-Type", type}}, body);
        };
        auto holderRevocations = [&] {
            return m_f.store
                ->read([&] {
                    return m_f.store
                        ->scalar(QStringLiteral(
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke' AND "
                            "actor = 'admin' AND address = '127.0.0.1' AND details LIKE "
                            "'revoked by its holder%'"))
                        .toLongLong();
                })
                .value();
        };
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const QByteArray other = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
        HttpResult r = revoke("application/x-www-form-urlencoded",
                              "token=" + token + "&token_type_hint=access_token");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{}"));
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(token)), "revoked by holder");
        QCOMPARE(svc().tokens.token(m_f.cli, tokenId(token))->status, TokenStatus::Revoked);
        QCOMPARE(holderRevocations(), 1);
        // Only that one: another token of the same user still works.
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(other)).status, 200);
        // Again, a made-up value of the right shape, one with a wrong checksum, any text: the
        // same answer, and nothing else is revoked or audited.
        QByteArray wrongChecksum = other;
        wrongChecksum[wrongChecksum.size() - 1] = wrongChecksum.endsWith('A') ? 'B' : 'A';
        for (const QByteArray &value :
             {token, wrongChecksum, QByteArray("tdk_not-a-token"), QByteArray("hello")}) {
            r = revoke("application/x-www-form-urlencoded", "token=" + value);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("{}"));
        }
        QCOMPARE(holderRevocations(), 1);
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(other)).status, 200);
        // JSON is accepted too (as for introspection).
        r = revoke("application/json", "{\"token\":\"" + other + "\"}");
        QCOMPARE(r.status, 200);
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(other)), "revoked by JSON");
        QCOMPARE(holderRevocations(), 2);
        // A malformed request is told so.
        QCOMPARE(revoke("application/x-www-form-urlencoded", "token_type_hint=x").status, 400);
        QCOMPARE(revoke("text/plain", "token=" + token).status, 415);
        QCOMPARE(get(QStringLiteral("/api/v1/revoke")).status, 405);

        // A rotation's replaced secret, still working in its overlap: the whole token goes.
        const QByteArray rotated = apiToken(QStringLiteral("admin"), {Scope::Collection});
        auto renewed = svc().tokens.rotate(m_f.cli, tokenId(rotated), 3600);
        QVERIFY(renewed.ok());
        noteSecret(renewed->secret);
        const QByteArray current = renewed->secret.bytes();
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(rotated)).status, 200);
        r = revoke("application/x-www-form-urlencoded", "token=" + rotated);
        QCOMPARE(r.status, 200);
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(rotated)), "old secret");
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(current)), "new secret");
        QCOMPARE(holderRevocations(), 3);

        // A mobile session's token ends the session.
        const User ron = makeUser(QStringLiteral("ron"), QStringLiteral("Standard"));
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, ron.id, secret("pocket-code-19"), 90).ok());
        const QByteArray session =
            mobileSignIn(QStringLiteral("ron"), QStringLiteral("pocket-code-19"));
        QVERIFY(!session.isEmpty());
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(session)).status, 200);
        QCOMPARE(revoke("application/x-www-form-urlencoded", "token=" + session).status, 200);
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(session)), "session ended");
        // The access log's line follows the answer.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("revoked=session"), 10000);
        QVERIFY(m_server->log().contains("revoked=api_token"));
        QVERIFY(!m_server->log().contains(token));
        QVERIFY(!m_server->log().contains(session));
    }

    void lastUsedAtMostOncePerMinute()
    {
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        const qint64 id = tokenId(token);
        auto lastUsed = [&] {
            return svc().tokens.token(m_f.cli, id).value();
        };
        QVERIFY(!lastUsed().lastUsedAt.isValid());
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
        const ApiToken first = lastUsed();
        QVERIFY(first.lastUsedAt.isValid());
        QCOMPARE(first.lastUsedFrom, QStringLiteral("127.0.0.1"));
        // A burst within the minute stays reads: the time does not move.
        for (int i = 0; i < 30; ++i)
            QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
        QCOMPARE(lastUsed().lastUsedAt, first.lastUsedAt);
        // Once the recorded use is over a minute old, the next request writes again.
        sql(QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"),
            {Clock::nowMs() - 61 * 1000, id});
        const QDateTime old = lastUsed().lastUsedAt;
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
        QVERIFY(lastUsed().lastUsedAt > old);
    }

    void twoServersOneStore()
    {
        // Two real server processes on one store (PostgreSQL, or one SQLite file); a token is
        // revoked through the domain layer and both refuse it on the next request.
        ServerProcess second;
        QString why;
        QVERIFY2(second.start(m_f.db->spec(), {}, &why), qPrintable(why));
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
            QCOMPARE(
                http(*m_nam, "GET", second.url(QStringLiteral("/api/v1/me")), bearer(token)).status,
                200);
        }
        QVERIFY(svc().tokens.revoke(m_f.cli, {tokenId(token)}).ok());
        verifyInvalidToken(get(QStringLiteral("/api/v1/me"), bearer(token)), "first server");
        verifyInvalidToken(
            http(*m_nam, "GET", second.url(QStringLiteral("/api/v1/me")), bearer(token)),
            "second server");
        QCOMPARE(second.stop(SIGTERM), 0);
    }

    void tls()
    {
        const QString dir =
            qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/tests/server/data/");
        QVERIFY(startServer({QStringLiteral("--tls-cert"), dir + QStringLiteral("test-cert.pem"),
                             QStringLiteral("--tls-key"), dir + QStringLiteral("test-key.pem")}));
        QCOMPARE(m_server->url().scheme(), QStringLiteral("https"));
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setCaCertificates(QSslCertificate::fromPath(dir + QStringLiteral("test-cert.pem")));
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        HttpResult r = http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/me")),
                            bearer(token), {}, &conf);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("username")).toString(), QStringLiteral("admin"));
        // Plain HTTP on the TLS port gets no HTTP answer at all (not a refusal): the
        // connection ends with no status, and no byte of it is HTTP.
        QUrl plain = m_server->url(QStringLiteral("/healthz"));
        plain.setScheme(QStringLiteral("http"));
        const HttpResult refused = http(*m_nam, "GET", plain);
        QCOMPARE(refused.status, 0);
        QVERIFY(refused.error != QNetworkReply::NoError);
        const QByteArray raw =
            rawExchange(m_server->port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(!raw.contains("HTTP/"), raw.constData());
        // The same server answers TLS on that port all the while.
        QCOMPARE(
            http(*m_nam, "GET", m_server->url(QStringLiteral("/healthz")), {}, {}, &conf).status,
            200);
    }

    void shutdownAndAccessLog()
    {
        const QByteArray token = apiToken(QStringLiteral("admin"), {Scope::Collection});
        QCOMPARE(get(QStringLiteral("/api/v1/me"), bearer(token)).status, 200);
        QCOMPARE(m_server->stop(SIGTERM), 0);
        const QList<QByteArray> lines = m_server->log().trimmed().split('\n');
        QVERIFY(lines.last().contains("stopped"));
        QByteArray access;
        for (const QByteArray &l : lines)
            if (l.contains("/api/v1/me"))
                access = l;
        QVERIFY2(access.contains(" 127.0.0.1 \"GET /api/v1/me\" 200 "), access.constData());
        QVERIFY(access.contains("user=admin"));
        QVERIFY(access.contains(TokenCodec::hint(token).toUtf8()));
        QVERIFY(!m_server->log().contains(token));

        QVERIFY(startServer());
        QCOMPARE(m_server->stop(SIGINT), 0);
    }

    // The access log's writer against a reader that does not read: queuing never waits for it,
    // what does not fit is dropped and counted, the rest arrives in order; a lone line later is
    // written without waiting for company.
    void accessLogWriterNeverWaitsForItsReader()
    {
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        auto readSome = [&](QByteArray &into, int ms) {
            pollfd p{fds[0], POLLIN, 0};
            if (::poll(&p, 1, ms) <= 0)
                return false;
            char buf[65536];
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n > 0)
                into.append(buf, n);
            return n > 0;
        };
        QByteArray out;
        {
            AccessLogWriter writer(fds[1], 1000);
            const int sent = 20000; // far more than a pipe (64 KiB) and the queue hold
            for (int i = 0; i < sent; ++i)
                writer.write("line " + QByteArray::number(i) + QByteArray(60, 'x'));
            while (readSome(out, 1000)) { // until the writer has nothing more to say
            }
            qsizetype dropped = 0;
            qint64 previous = -1;
            const QList<QByteArray> lines = out.trimmed().split('\n');
            for (const QByteArray &l : lines) {
                if (l.startsWith("access log: ")) {
                    QVERIFY2(l.endsWith(" lines dropped (the log was not read fast enough)"),
                             l.constData());
                    dropped += l.split(' ').value(2).toLongLong();
                    continue;
                }
                const QByteArray number = l.split(' ').value(1);
                const qint64 n = number.left(number.indexOf('x')).toLongLong();
                QVERIFY2(n > previous, l.constData()); // in order, none twice
                previous = n;
            }
            QVERIFY2(dropped > 0, "nothing was dropped: the queue limit did not hold");
            QCOMPARE(lines.size() - lines.count(QByteArray()) + dropped -
                         std::count_if(lines.begin(), lines.end(),
                                       [](const QByteArray &l) { return l.startsWith("access"); }),
                     sent);
            out.clear();
            writer.write("alone");
            while (!out.contains("alone\n"))
                QVERIFY2(readSome(out, 5000), "a lone line was held back");
        }
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void startupErrors()
    {
        QProcess p;
        const QString bin = qEnvironmentVariable("TD_SERVER_BIN");
        const QString missing = m_f.db->directory() + QStringLiteral("/missing/none.sqlite");
        p.start(bin, {QStringLiteral("--database"), missing, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 7);
        const QByteArray err = takeStandardError(p, QStringLiteral("server-stderr.log")).trimmed();
        QVERIFY2(err.startsWith("tokendesk-server: ") && err.contains(missing.toUtf8()) &&
                     !err.contains('\n'),
                 err.constData());
        QVERIFY(takeStandardOutput(p, QStringLiteral("server-stdout.log")).isEmpty());

        p.start(bin, {QStringLiteral("--database"), m_f.db->spec(), QStringLiteral("--listen"),
                      QStringLiteral("nowhere")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);

        // A limit out of its range names the option and its range, and nothing starts.
        const QList<std::pair<QStringList, QByteArray>> limits = {
            {{QStringLiteral("--max-exports"), QStringLiteral("0")},
             "--max-exports takes a number from 1 to 1000"},
            {{QStringLiteral("--export-threads"), QStringLiteral("65")},
             "--export-threads takes a number from 1 to 64"},
            {{QStringLiteral("--export-threads"), QStringLiteral("two")},
             "--export-threads takes a number from 1 to 64"},
            {{QStringLiteral("--sign-in-niceness"), QStringLiteral("20")},
             "--sign-in-niceness takes a number from 0 to 19"},
            {{QStringLiteral("--public-url"), QStringLiteral("ftp://tokens.example.org")},
             "--public-url: The address must start with https:// (or http://)"},
            {{QStringLiteral("--public-url"), QStringLiteral("https://tokens.example.org/?x=1")},
             "--public-url: The address must not contain a query"},
        };
        for (const auto &[args, message] : limits) {
            p.start(bin, QStringList{QStringLiteral("--database"), m_f.db->spec(),
                                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} +
                             args);
            QVERIFY(p.waitForFinished(10000));
            QCOMPARE(p.exitCode(), 2);
            const QByteArray said = takeStandardError(p, QStringLiteral("server-stderr.log"));
            QVERIFY2(said.contains(message), said.constData());
            QVERIFY(takeStandardOutput(p, QStringLiteral("server-stdout.log")).isEmpty());
        }

        // The port is taken by the running server.
        p.start(bin, {QStringLiteral("--database"), m_f.db->spec(), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:%1").arg(m_server->port())});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(
            takeStandardError(p, QStringLiteral("server-stderr.log")).contains("cannot listen"));

        p.start(bin, {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(takeStandardOutput(p, QStringLiteral("server-stdout.log"))
                    .startsWith("tokendesk-server "));
        p.start(bin, {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(takeStandardOutput(p, QStringLiteral("server-stdout.log")).contains("--tls-cert"));
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
