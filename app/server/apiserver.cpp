// SPDX-License-Identifier: MIT
#include "apiserver.h"
#include "requestparse.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/secret.h"
#include "security/tokencodec.h"
#include "store/store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>

#include <cstdio>
#include <cstring>
#include <ctime>

namespace td {

namespace {

using RequestParse::isoUtc;
using RequestParse::JsonOut;
using RequestParse::looksLikeToken;
// Qt HttpServer's debug and info messages (categories qt.httpserver*) print whole requests,
// headers and all, so "Authorization: Bearer tdk_…" would reach the log whenever someone turns
// debug logging on (QT_LOGGING_RULES="*.debug=true"). They stay off whatever the rules say.
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void withoutHttpServerDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

void silenceHttpServerDebug()
{
    // A function-local static, not std::call_once: that one's thread-local state would make
    // the program link the dynamic loader directly (tests/package checks what it links).
    static const bool installed = [] {
        g_previousFilter = QLoggingCategory::installFilter(withoutHttpServerDebug);
        return true;
    }();
    (void)installed;
}

using Method = QHttpServerRequest::Method;

struct Route
{
    const char *path;
    Method method;
};

// The endpoints of PRODUCT.md's "HTTP API", each with its one method.
constexpr Route Routes[] = {
    {"/healthz", Method::Get},
    {"/api/v1/me", Method::Get},
    {"/api/v1/introspect", Method::Post},
    {"/api/v1/mobile/sessions", Method::Post},
    {"/api/v1/mobile/sessions/current", Method::Delete},
};

QByteArray methodName(Method m)
{
    switch (m) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Connect:
        return "CONNECT";
    case Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ApiServer::Reply errorReply(int status, const QString &error, const QString &description)
{
    ApiServer::Reply r;
    r.status = status;
    QJsonObject o{{QStringLiteral("error"), error}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("error_description"), description);
    r.body = json(o);
    return r;
}

QByteArray bearerChallenge(const QByteArray &error = {}, const QString &description = {},
                           const QByteArray &scope = {})
{
    QByteArray v = "Bearer realm=\"tokendesk\"";
    if (!error.isEmpty())
        v += ", error=\"" + error + '"';
    if (!description.isEmpty())
        v += ", error_description=" + RequestParse::quotedString(description);
    if (!scope.isEmpty())
        v += ", scope=\"" + scope + '"';
    return v;
}

/// 400 invalid_request as RFC 6750 3.1 describes it (with a challenge naming the error).
ApiServer::Reply invalidRequest(const QString &description, const QByteArray &note = {})
{
    ApiServer::Reply r = errorReply(400, QStringLiteral("invalid_request"), description);
    r.headers.emplaceBack("WWW-Authenticate", bearerChallenge("invalid_request", description));
    r.logNote = note.isEmpty() ? QByteArray("auth=invalid_request") : note;
    return r;
}

QString invalidTokenText(VerifiedToken::Status s)
{
    switch (s) {
    case VerifiedToken::Status::Malformed:
        return ApiServer::tr("The access token is malformed.");
    case VerifiedToken::Status::Unknown:
        return ApiServer::tr("The access token is not known.");
    case VerifiedToken::Status::Expired:
        return ApiServer::tr("The access token has expired.");
    case VerifiedToken::Status::Revoked:
        return ApiServer::tr("The access token has been revoked.");
    case VerifiedToken::Status::UserDisabled:
        return ApiServer::tr("The account of this access token is disabled.");
    case VerifiedToken::Status::Valid:
        break;
    }
    return {};
}

} // namespace

ApiServer::ApiServer(Store &store, const Options &options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_store(store)
    , m_domain(store)
    , m_options(options)
    , m_throttle(options.throttle)
{
    silenceHttpServerDebug();
    m_guard = new ConnectionGuard(this, options.limits, this);
    m_guard->setRejectLogger([this](QTcpSocket *socket, int status, const QByteArray &reason) {
        logLine(socket->peerAddress().toString(), nullptr, status, 0, 0, "refused: " + reason);
    });
}

ApiServer::~ApiServer() = default;

void ApiServer::enableTls(const QSslConfiguration &configuration)
{
    sslSetup(configuration);
    m_tls = true;
}

quint16 ApiServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_tls) {
        // Qt 6.4: sslSetup() + listen() make a QSslServer; its sockets reach the guard when
        // their handshake starts, before the HTTP server connects to them.
        const quint16 p = listen(address, port);
        const QList<QTcpServer *> all = servers();
        if (p == 0 || all.isEmpty()) {
            if (error)
                *error = tr("cannot listen on %1 port %2 (already in use, or not an address of "
                            "this machine)")
                             .arg(address.toString())
                             .arg(port);
            return 0;
        }
        auto *ssl = qobject_cast<QSslServer *>(all.last());
        if (!ssl) {
            if (error)
                *error = tr("TLS is not available in this build of Qt");
            return 0;
        }
        connect(ssl, &QSslServer::startedEncryptionHandshake, m_guard,
                [this](QSslSocket *socket) { m_guard->attach(socket); });
        return p;
    }
    auto *tcp = new GuardedTcpServer(*m_guard, this);
    if (!tcp->listen(address, port)) {
        if (error)
            *error = tr("cannot listen on %1 port %2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(tcp->errorString());
        delete tcp;
        return 0;
    }
    bind(tcp);
    return tcp->serverPort();
}

void ApiServer::stop()
{
    for (QTcpServer *s : servers()) {
        s->close();
        for (QTcpSocket *socket : s->findChildren<QTcpSocket *>())
            socket->disconnectFromHost();
    }
}

void ApiServer::addStaticRoute(const QString &path, const QByteArray &body)
{
    m_static.insert(path, body);
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(socket, errorReply(404, QStringLiteral("not_found"), {}), false);
    logLine(request.remoteAddress().toString(), &request, 404, 0, 0, {});
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    const QString address = request.remoteAddress().toString();
    const Reply reply = dispatch(request, address);
    const bool close =
        request.value("Connection").trimmed().compare("close", Qt::CaseInsensitive) == 0;
    send(socket, reply, close);
    logLine(address, &request, reply.status, timer.nsecsElapsed() / 1000, reply.body.size(),
            reply.logNote);
    return true;
}

void ApiServer::send(QTcpSocket *socket, const Reply &reply, bool close)
{
    QList<std::pair<QByteArray, QByteArray>> headers = reply.headers;
    if (close)
        headers.emplaceBack("Connection", "close");
    socket->write(rawHttpResponse(reply.status, headers, "application/json", reply.body));
    if (close)
        socket->disconnectFromHost();
}

void ApiServer::logLine(const QString &address, const QHttpServerRequest *request, int status,
                        qint64 micros, qint64 bytes, const QByteArray &note)
{
    if (!m_options.accessLog)
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (nowMs / 1000 != m_logSecond) {
        m_logSecond = nowMs / 1000;
        m_logPrefix = isoUtc(QDateTime::fromSecsSinceEpoch(m_logSecond, Qt::UTC));
        m_logPrefix.chop(1); // the 'Z' comes after the milliseconds
    }
    QByteArray line;
    line.reserve(160);
    line += m_logPrefix;
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03dZ ", int(nowMs % 1000));
    line += ms;
    line += address.toLatin1();
    line += " \"";
    if (request) {
        line += methodName(request->method());
        line += ' ';
        // The path only: a query may carry a token, so it shows as "?…"; a path segment that
        // looks like a token is blanked out too.
        QByteArray path = request->url().path(QUrl::FullyEncoded).toLatin1();
        if (looksLikeToken(QString::fromLatin1(path)))
            path = "[path withheld: it contains a token]";
        if (path.size() > 200)
            path = path.left(200) + "...";
        line += path;
        if (request->url().hasQuery())
            line += "?…";
    } else {
        line += '-';
    }
    line += "\" ";
    line += QByteArray::number(status);
    line += ' ';
    line += QByteArray::number(bytes);
    line += "B ";
    line += QByteArray::number(double(micros) / 1000.0, 'f', 2);
    line += "ms";
    if (!note.isEmpty()) {
        line += ' ';
        line += note;
    }
    m_options.accessLog(line);
}

ApiServer::Reply ApiServer::dispatch(const QHttpServerRequest &request, const QString &address)
{
    const QString path = request.url().path();
    const Method method = request.method();
    if (auto it = m_static.constFind(path); it != m_static.cend()) {
        if (method != Method::Get) {
            Reply r = errorReply(405, QStringLiteral("method_not_allowed"), {});
            r.headers.emplaceBack("Allow", "GET");
            return r;
        }
        Reply r;
        r.body = *it;
        return r;
    }
    const Route *route = nullptr;
    for (const Route &r : Routes)
        if (path == QLatin1String(r.path))
            route = &r;
    if (!route)
        return errorReply(404, QStringLiteral("not_found"),
                          tr("There is no such endpoint. The API is under /api/v1/."));
    if (method != route->method) {
        Reply r = errorReply(
            405, QStringLiteral("method_not_allowed"),
            tr("%1 takes only %2.")
                .arg(QLatin1String(route->path), QString::fromLatin1(methodName(route->method))));
        r.headers.emplaceBack("Allow", methodName(route->method));
        return r;
    }
    switch (route - Routes) {
    case 0:
        return healthz();
    case 1:
        return me(request, address);
    case 2:
        return introspect(request, address);
    case 3:
        return createSession(request, address);
    case 4:
        return endSession(request, address);
    }
    return errorReply(404, QStringLiteral("not_found"), {});
}

ApiServer::Reply ApiServer::storeError(const Error &error)
{
    const bool unavailable = error.code != Errc::Internal;
    Reply r = errorReply(
        unavailable ? 503 : 500,
        unavailable ? QStringLiteral("temporarily_unavailable") : QStringLiteral("server_error"),
        unavailable ? tr("The token store is not available; try again.") : tr("Internal error."));
    if (unavailable)
        r.headers.emplaceBack("Retry-After", "1");
    // Store messages name files and causes, never secrets.
    QByteArray cause = error.message.toUtf8().simplified();
    if (cause.size() > 300)
        cause = cause.left(300) + "...";
    r.logNote = "store error: " + cause;
    return r;
}

ApiServer::Reply ApiServer::healthz()
{
    auto r = m_store.read(
        [&] { return m_store.scalar(QStringLiteral("SELECT COUNT(*) FROM tenant")).toLongLong(); });
    if (!r || r.value() != 1) {
        Reply reply = r ? storeError(m_store.notInitializedError()) : storeError(r.error());
        reply.body = json({{QStringLiteral("status"), QStringLiteral("unavailable")}});
        return reply;
    }
    Reply reply;
    reply.body = json({{QStringLiteral("status"), QStringLiteral("ok")}});
    return reply;
}

bool ApiServer::authenticate(const QHttpServerRequest &request, const QString &address,
                             VerifiedToken *verified, QByteArray *token, Reply *reply)
{
    QList<QByteArray> authorization;
    for (const auto &[name, value] : request.headers())
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            authorization << value;
    const RequestParse::BearerCredentials found = RequestParse::findBearer(
        authorization, request.url(), request.value("Content-Type"), request.body());
    using RequestParse::BearerProblem;
    switch (found.problem) {
    case BearerProblem::SeveralHeaders:
        *reply =
            invalidRequest(tr("Send one Authorization header, not %1.").arg(found.headerCount));
        return false;
    case BearerProblem::SentTwice:
        *reply = invalidRequest(tr("The access token was sent in more than one way; send it "
                                   "only in the Authorization header."),
                                "auth=token_sent_twice");
        return false;
    case BearerProblem::InQuery:
        *reply = invalidRequest(tr("Access tokens in the URL are refused (URLs end up in logs "
                                   "and histories); send \"Authorization: Bearer <token>\"."),
                                "auth=token_in_query");
        return false;
    case BearerProblem::InBody:
        *reply = invalidRequest(tr("Send the access token in the Authorization header, not in "
                                   "the request body."),
                                "auth=token_in_body");
        return false;
    case BearerProblem::NoCredentials:
        *reply = errorReply(401, QStringLiteral("unauthorized"),
                            tr("This endpoint needs \"Authorization: Bearer <token>\"."));
        reply->headers.emplaceBack("WWW-Authenticate", bearerChallenge());
        reply->logNote = "auth=none";
        return false;
    case BearerProblem::WrongScheme:
        // Not bearer credentials at all: RFC 6750 3.1 says no error code in the challenge.
        *reply = errorReply(401, QStringLiteral("unauthorized"),
                            tr("Use the Bearer scheme: \"Authorization: Bearer <token>\"."));
        reply->headers.emplaceBack("WWW-Authenticate", bearerChallenge());
        reply->logNote = "auth=wrong_scheme";
        return false;
    case BearerProblem::BadHeader:
        *reply = invalidRequest(tr("The Authorization header must be \"Bearer <token>\"."),
                                "auth=bad_header");
        return false;
    case BearerProblem::None:
        break;
    }
    const QByteArray &value = found.token;

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const int retry = m_throttle.retryAfterSeconds(address, now); retry > 0) {
        *reply = errorReply(429, QStringLiteral("too_many_requests"),
                            tr("Too many invalid access tokens from this address; try again "
                               "in %1 s.")
                                .arg(retry));
        reply->headers.emplaceBack("Retry-After", QByteArray::number(retry));
        reply->logNote = "auth=throttled";
        return false;
    }

    auto v = m_domain.tokens.verify(value, address);
    if (!v) {
        *reply = storeError(v.error());
        return false;
    }
    if (!v->valid()) {
        const bool blocked = m_throttle.recordFailure(address, now);
        const QString text = invalidTokenText(v->status);
        *reply = errorReply(401, QStringLiteral("invalid_token"), text);
        reply->headers.emplaceBack("WWW-Authenticate", bearerChallenge("invalid_token", text));
        reply->logNote =
            "auth=" + verifyStatusName(v->status).toLatin1() + (blocked ? " throttle=blocked" : "");
        return false;
    }
    *verified = std::move(v.value());
    *token = value;
    return true;
}

namespace {
QByteArray whoNote(const VerifiedToken &v, QByteArrayView token)
{
    // The hint (prefix + last four characters) is what the console shows; never more.
    return "user=" + v.username.toUtf8() + " token=" + TokenCodec::hint(token).toUtf8();
}
} // namespace

ApiServer::Reply ApiServer::me(const QHttpServerRequest &request, const QString &address)
{
    VerifiedToken v;
    QByteArray token;
    Reply reply;
    if (!authenticate(request, address, &v, &token, &reply))
        return reply;
    const bool api = v.kind == VerifiedToken::Kind::Api;
    JsonOut o;
    o.str("sub", QString::number(v.userId))
        .str("username", v.username)
        .str("email", v.email)
        .latin("token_kind", api ? "api_token" : "mobile_session")
        .num("token_id", v.id)
        .str(api ? "token_name" : "device_name", v.name)
        .str("scope", v.scopes.join(QLatin1Char(' ')))
        .list("scopes", v.scopes)
        .str("department", v.department)
        .str("user_type", v.userType)
        .str("tenant", v.tenantId)
        .time("issued_at", v.issuedAt)
        .time("expires_at", v.expiresAt)
        .num("exp", v.expiresAt.toSecsSinceEpoch());
    reply.status = 200;
    reply.body = o.done();
    reply.logNote = whoNote(v, token);
    return reply;
}

ApiServer::Reply ApiServer::introspect(const QHttpServerRequest &request, const QString &address)
{
    VerifiedToken caller;
    QByteArray callerToken;
    Reply reply;
    if (!authenticate(request, address, &caller, &callerToken, &reply))
        return reply;
    if (!caller.scopes.contains(Scope::Introspect)) {
        const QString text = tr("Introspection needs a token with the scope \"introspect\".");
        reply = errorReply(403, QStringLiteral("insufficient_scope"), text);
        reply.headers.emplaceBack("WWW-Authenticate",
                                  bearerChallenge("insufficient_scope", text, "introspect"));
        reply.logNote = whoNote(caller, callerToken) + " auth=insufficient_scope";
        return reply;
    }
    // RFC 7662 2.1: application/x-www-form-urlencoded with "token"; JSON is accepted too.
    RequestParse::IntrospectRequest parsed =
        RequestParse::parseIntrospectRequest(request.value("Content-Type"), request.body());
    QByteArray &target = parsed.token;
    if (parsed.problem == RequestParse::BodyProblem::UnsupportedType) {
        reply = errorReply(415, QStringLiteral("invalid_request"),
                           tr("Send the token to introspect as application/x-www-form-urlencoded "
                              "(token=…), as RFC 7662 describes."));
        reply.logNote = whoNote(caller, callerToken);
        return reply;
    }
    if (parsed.problem != RequestParse::BodyProblem::None) {
        reply = errorReply(400, QStringLiteral("invalid_request"),
                           tr("The parameter \"token\" is missing."));
        reply.logNote = whoNote(caller, callerToken);
        return reply;
    }
    auto v = m_domain.tokens.verify(target, address);
    secureWipe(target);
    if (!v)
        return storeError(v.error());
    reply.status = 200;
    if (!v->valid()) {
        reply.body = json({{QStringLiteral("active"), false}});
        reply.logNote = whoNote(caller, callerToken) + " introspected=inactive";
        return reply;
    }
    const bool api = v->kind == VerifiedToken::Kind::Api;
    JsonOut o;
    o.boolean("active", true)
        .str("scope", v->scopes.join(QLatin1Char(' ')))
        .num("exp", v->expiresAt.toSecsSinceEpoch())
        .num("iat", v->issuedAt.toSecsSinceEpoch())
        .str("sub", QString::number(v->userId))
        .str("username", v->username)
        .latin("token_type", "Bearer")
        .latin("token_kind", api ? "api_token" : "mobile_session")
        .str("department", v->department)
        .str("user_type", v->userType)
        .str("tenant", v->tenantId);
    reply.body = o.done();
    reply.logNote = whoNote(caller, callerToken) + " introspected=active";
    return reply;
}

ApiServer::Reply ApiServer::createSession(const QHttpServerRequest &request, const QString &address)
{
    RequestParse::SessionRequest parsed =
        RequestParse::parseSessionRequest(request.value("Content-Type"), request.body());
    switch (parsed.problem) {
    case RequestParse::BodyProblem::UnsupportedType:
        return errorReply(415, QStringLiteral("invalid_request"),
                          tr("Send a JSON object (Content-Type: application/json)."));
    case RequestParse::BodyProblem::NotJsonObject:
        return errorReply(400, QStringLiteral("invalid_request"),
                          tr("The body is not a JSON object."));
    case RequestParse::BodyProblem::MissingField: {
        Reply r = errorReply(400, QStringLiteral("invalid_request"),
                             tr("The field \"%1\" is missing or not a string.").arg(parsed.field));
        QJsonObject body = QJsonDocument::fromJson(r.body).object();
        body.insert(QStringLiteral("field"), parsed.field);
        r.body = json(body);
        return r;
    }
    case RequestParse::BodyProblem::None:
        break;
    }
    const SecretBytes accessCode = SecretBytes::fromString(parsed.accessCode);
    const QString &username = parsed.username;
    auto created = m_domain.sessions.create(username, accessCode, parsed.deviceName,
                                            parsed.platform, parsed.appVersion, address);
    if (!created) {
        const Error &e = created.error();
        Reply r;
        switch (e.code) {
        case Errc::InvalidArgument: {
            r = errorReply(400, QStringLiteral("invalid_request"), e.message);
            QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (!e.field.isEmpty())
                body.insert(QStringLiteral("field"), e.field);
            r.body = json(body);
            break;
        }
        case Errc::AuthenticationFailed:
            r = errorReply(400, QStringLiteral("invalid_grant"), e.message);
            break;
        case Errc::CredentialExpired: {
            r = errorReply(400, QStringLiteral("invalid_grant"), e.message);
            QJsonObject body = QJsonDocument::fromJson(r.body).object();
            body.insert(QStringLiteral("reason"), QStringLiteral("access_code_expired"));
            r.body = json(body);
            break;
        }
        case Errc::PermissionDenied:
            r = errorReply(403, QStringLiteral("access_denied"), e.message);
            break;
        case Errc::Throttled:
            r = errorReply(429, QStringLiteral("too_many_requests"), e.message);
            r.headers.emplaceBack("Retry-After",
                                  QByteArray::number(std::max(1, e.retryAfterSeconds)));
            break;
        case Errc::NotFound:
            r = errorReply(400, QStringLiteral("invalid_grant"), e.message);
            break;
        default:
            return storeError(e);
        }
        r.logNote = "sign_in=" + QByteArray(e.code == Errc::Throttled ? "throttled" : "refused");
        return r;
    }
    const CreatedToken &t = created.value();
    Reply r;
    r.status = 201;
    QByteArray body = json({
        {QStringLiteral("session_token"), QString::fromLatin1(t.secret.bytes())},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_at"), Clock::iso(t.expiresAt)},
    });
    r.body = std::move(body);
    r.headers.emplaceBack("Pragma", "no-cache");
    r.logNote = "session=" + t.hint.toUtf8() + " user=" + username.toUtf8().left(100);
    return r;
}

ApiServer::Reply ApiServer::endSession(const QHttpServerRequest &request, const QString &address)
{
    VerifiedToken v;
    QByteArray token;
    Reply reply;
    if (!authenticate(request, address, &v, &token, &reply))
        return reply;
    if (v.kind != VerifiedToken::Kind::Session) {
        reply = invalidRequest(tr("Signing out takes the mobile session's own token (tds_…); "
                                  "API tokens are revoked in TokenDesk."),
                               whoNote(v, token) + " auth=not_a_session");
        return reply;
    }
    auto r = m_domain.sessions.end(token, address);
    if (!r) {
        if (r.code() == Errc::AuthenticationFailed) {
            reply = errorReply(401, QStringLiteral("invalid_token"), r.error().message);
            reply.headers.emplaceBack("WWW-Authenticate",
                                      bearerChallenge("invalid_token", r.error().message));
            return reply;
        }
        return storeError(r.error());
    }
    reply.status = 204;
    reply.logNote = whoNote(v, token) + " session=ended";
    return reply;
}

} // namespace td
