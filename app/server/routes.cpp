// SPDX-License-Identifier: MIT
#include "routes.h"

#include "requestparse.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "core/requestlimits.h"
#include "domain/records.h"
#include "security/secret.h"
#include "security/tokencodec.h"
#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace td {

namespace {

using RequestParse::JsonOut;
using RequestParse::looksLikeToken;
struct Route
{
    const char *path;
    const char *method;
};

// The endpoints of PRODUCT.md's "HTTP API", each with its one method.
constexpr Route Endpoints[] = {
    {"/healthz", "GET"},
    {"/api/v1/me", "GET"},
    {"/api/v1/introspect", "POST"},
    {"/api/v1/mobile/sessions", "POST"},
    {"/api/v1/mobile/sessions/current", "DELETE"},
    {"/api/v1/revoke", "POST"},
    {"/api/v1/leaks", "POST"},
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpReply errorReply(int status, const QString &error, const QString &description)
{
    HttpReply r;
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
HttpReply invalidRequest(const QString &description, const QByteArray &note = {})
{
    HttpReply r = errorReply(400, QStringLiteral("invalid_request"), description);
    r.headers.emplaceBack("WWW-Authenticate", bearerChallenge("invalid_request", description));
    r.logNote = note.isEmpty() ? QByteArray("auth=invalid_request") : note;
    return r;
}

QString invalidTokenText(VerifiedToken::Status s)
{
    switch (s) {
    case VerifiedToken::Status::Malformed:
        return Routes::tr("The access token is malformed.");
    case VerifiedToken::Status::Unknown:
        return Routes::tr("The access token is not known.");
    case VerifiedToken::Status::Expired:
        return Routes::tr("The access token has expired.");
    case VerifiedToken::Status::Revoked:
        return Routes::tr("The access token has been revoked.");
    case VerifiedToken::Status::UserDisabled:
        return Routes::tr("The account of this access token is disabled.");
    case VerifiedToken::Status::Valid:
        break;
    }
    return {};
}

} // namespace

Routes::Routes(Domain &domain, AuthThrottle &throttle,
               const QHash<QString, QByteArray> *staticRoutes, const AdminApi::Streams *streams,
               const ChangeFeed *changes)
    : m_domain(domain)
    , m_throttle(throttle)
    , m_static(staticRoutes)
    , m_admin(domain, throttle, streams, changes)
{}

bool Routes::hashesSecret(const HttpRequest &request)
{
    if (request.method == "GET")
        return false;
    const QString path = QUrl::fromEncoded(request.target).path();
    return (request.method == "POST" && path == QLatin1String(Endpoints[3].path)) ||
           AdminApi::hashesSecret(request.method, path);
}

bool Routes::streamsAnswer(const HttpRequest &request)
{
    return request.method == "GET" &&
           AdminApi::streamsAnswer(request.method, QUrl::fromEncoded(request.target).path());
}

QList<std::pair<QByteArray, QByteArray>> Routes::endpoints()
{
    QList<std::pair<QByteArray, QByteArray>> out;
    for (const Route &r : Endpoints)
        out.emplaceBack(r.method, r.path);
    return out;
}

HttpReply Routes::tooManySignIns(int retryAfterSeconds)
{
    HttpReply r =
        errorReply(429, QStringLiteral("too_many_requests"),
                   tr("Too many sign-ins at once; try again in %1 s.").arg(retryAfterSeconds));
    r.headers.emplaceBack("Retry-After", QByteArray::number(retryAfterSeconds));
    r.logNote = "sign_in=busy";
    return r;
}

HttpReply Routes::tooManyExports()
{
    HttpReply r = errorReply(503, QStringLiteral("too_many_exports"),
                             tr("As many exports run as the server allows; try again shortly."));
    r.headers.emplaceBack("Retry-After", "5");
    r.logNote = "export=busy";
    return r;
}

HttpReply Routes::needsChunks()
{
    HttpReply r = errorReply(505, QStringLiteral("http_version_not_supported"),
                             tr("Exports are streamed in chunks: ask for them with HTTP/1.1."));
    r.logNote = "export=http1.0";
    return r;
}

HttpReply Routes::tooManyChangePolls(int status, const QByteArray &note)
{
    HttpReply r =
        errorReply(status, QStringLiteral("too_many_requests"),
                   status == 503 ? tr("As many change polls wait as the server allows; try again "
                                      "shortly.")
                                 : tr("Too many change polls wait for this address or credential; "
                                      "try again shortly."));
    r.headers.emplaceBack("Retry-After", "5");
    r.logNote = note;
    return r;
}

QByteArray Routes::loggablePath(const HttpRequest &request)
{
    const QUrl url = QUrl::fromEncoded(request.target);
    // The path only: a query may carry a token, so it shows as "?…"; a path segment that
    // looks like a token is blanked out too.
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (looksLikeToken(QString::fromLatin1(path)))
        path = "[path withheld: it contains a token]";
    if (path.size() > 200)
        path = path.left(200) + "...";
    if (url.hasQuery())
        path += "?…";
    return path;
}

HttpReply Routes::handle(const HttpRequest &request)
{
    return dispatch(request, QUrl::fromEncoded(request.target).path());
}

HttpReply Routes::dispatch(const HttpRequest &request, const QString &path)
{
    const QByteArray &method = request.method;
    if (auto it =
            m_static ? m_static->constFind(path) : QHash<QString, QByteArray>::const_iterator();
        m_static && it != m_static->cend()) {
        if (method != "GET") {
            HttpReply r = errorReply(405, QStringLiteral("method_not_allowed"), {});
            r.headers.emplaceBack("Allow", "GET");
            return r;
        }
        HttpReply r;
        r.body = *it;
        return r;
    }
    const Route *route = nullptr;
    for (const Route &r : Endpoints)
        if (path == QLatin1String(r.path))
            route = &r;
    if (!route) {
        if (auto admin = m_admin.handle(request, path))
            return std::move(*admin);
        return errorReply(404, QStringLiteral("not_found"),
                          tr("There is no such endpoint. The API is under /api/v1/."));
    }
    if (method != route->method) {
        HttpReply r = errorReply(
            405, QStringLiteral("method_not_allowed"),
            tr("%1 takes only %2.").arg(QLatin1String(route->path), QLatin1String(route->method)));
        r.headers.emplaceBack("Allow", route->method);
        return r;
    }
    switch (route - Endpoints) {
    case 0:
        return healthz();
    case 1:
        return me(request);
    case 2:
        return introspect(request);
    case 3:
        return createSession(request);
    case 4:
        return endSession(request);
    case 5:
        return revokeByHolder(request);
    case 6:
        return reportLeaks(request);
    }
    return errorReply(404, QStringLiteral("not_found"), {});
}

HttpReply Routes::storeError(const Error &error)
{
    const bool unavailable = error.code != Errc::Internal;
    HttpReply r = errorReply(
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

HttpReply Routes::healthz()
{
    auto r = m_domain.store().read([&] {
        return m_domain.store().scalar(QStringLiteral("SELECT COUNT(*) FROM tenant")).toLongLong();
    });
    if (!r || r.value() != 1) {
        HttpReply reply =
            r ? storeError(m_domain.store().notInitializedError()) : storeError(r.error());
        reply.body = json({{QStringLiteral("status"), QStringLiteral("unavailable")}});
        return reply;
    }
    HttpReply reply;
    reply.body = json({{QStringLiteral("status"), QStringLiteral("ok")}});
    return reply;
}

bool Routes::presentedCredential(const HttpRequest &request, AuthThrottle &throttle, qint64 now,
                                 QByteArray *token, HttpReply *reply)
{
    const RequestParse::BearerCredentials found = RequestParse::findBearer(
        request.headerValues("Authorization"), QUrl::fromEncoded(request.target),
        request.header("Content-Type"), request.body);
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

    if (const int retry = throttle.retryAfterSeconds(request.address, now); retry > 0) {
        *reply = errorReply(429, QStringLiteral("too_many_requests"),
                            tr("Too many invalid access tokens from this address; try again "
                               "in %1 s.")
                                .arg(retry));
        reply->headers.emplaceBack("Retry-After", QByteArray::number(retry));
        reply->logNote = "auth=throttled";
        return false;
    }

    *token = found.token;
    return true;
}

HttpReply Routes::invalidToken(const HttpRequest &request, AuthThrottle &throttle, qint64 now,
                               const QString &text, const QByteArray &note)
{
    const bool blocked = throttle.recordFailure(request.address, now);
    HttpReply reply = errorReply(401, QStringLiteral("invalid_token"), text);
    reply.headers.emplaceBack("WWW-Authenticate", bearerChallenge("invalid_token", text));
    reply.logNote = "auth=" + note + (blocked ? " throttle=blocked" : "");
    return reply;
}

bool Routes::authenticate(const HttpRequest &request, VerifiedToken *verified, QByteArray *token,
                          HttpReply *reply)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray value;
    if (!presentedCredential(request, m_throttle, now, &value, reply))
        return false;
    auto v = m_domain.tokens.verify(value, request.address);
    if (!v) {
        *reply = storeError(v.error());
        return false;
    }
    if (!v->valid()) {
        *reply = invalidToken(request, m_throttle, now, invalidTokenText(v->status),
                              verifyStatusName(v->status).toLatin1());
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

HttpReply Routes::me(const HttpRequest &request)
{
    VerifiedToken v;
    QByteArray token;
    HttpReply reply;
    if (!authenticate(request, &v, &token, &reply))
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
    if (v.rotatingUntil.isValid()) {
        // A secret a rotation replaced: it stops then, so its client can log that it must move.
        reply.headers.emplaceBack("TokenDesk-Token-Rotated",
                                  Clock::iso(v.rotatingUntil).toLatin1());
        reply.logNote += " rotated=old-secret";
    }
    return reply;
}

HttpReply Routes::introspect(const HttpRequest &request)
{
    VerifiedToken caller;
    QByteArray callerToken;
    HttpReply reply;
    if (!authenticate(request, &caller, &callerToken, &reply))
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
        RequestParse::parseIntrospectRequest(request.header("Content-Type"), request.body);
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
                           parsed.problem == RequestParse::BodyProblem::RepeatedField
                               ? tr("The parameter \"token\" appears twice.")
                               : tr("The parameter \"token\" is missing."));
        reply.logNote = whoNote(caller, callerToken);
        return reply;
    }
    auto v = m_domain.tokens.verify(target, request.address);
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

HttpReply Routes::createSession(const HttpRequest &request)
{
    RequestParse::SessionRequest parsed =
        RequestParse::parseSessionRequest(request.header("Content-Type"), request.body);
    switch (parsed.problem) {
    case RequestParse::BodyProblem::UnsupportedType:
        return errorReply(415, QStringLiteral("invalid_request"),
                          tr("Send a JSON object (Content-Type: application/json)."));
    case RequestParse::BodyProblem::NotJsonObject:
        return errorReply(400, QStringLiteral("invalid_request"),
                          tr("The body is not a JSON object."));
    case RequestParse::BodyProblem::MissingField:
    case RequestParse::BodyProblem::RepeatedField: {
        HttpReply r = errorReply(400, QStringLiteral("invalid_request"),
                                 (parsed.problem == RequestParse::BodyProblem::MissingField
                                      ? tr("The field \"%1\" is missing or not a string.")
                                      : tr("The field \"%1\" appears twice."))
                                     .arg(parsed.field));
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
                                            parsed.platform, parsed.appVersion, request.address);
    if (!created) {
        const Error &e = created.error();
        HttpReply r;
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
    HttpReply r;
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

HttpReply Routes::revokeByHolder(const HttpRequest &request)
{
    // RFC 7009 2.1: the token in an application/x-www-form-urlencoded body ("token", and an
    // optional "token_type_hint" that is not needed: the token's prefix says its kind).
    RequestParse::IntrospectRequest parsed =
        RequestParse::parseIntrospectRequest(request.header("Content-Type"), request.body);
    QByteArray &token = parsed.token;
    if (parsed.problem == RequestParse::BodyProblem::UnsupportedType)
        return errorReply(415, QStringLiteral("invalid_request"),
                          tr("Send the token to revoke as application/x-www-form-urlencoded "
                             "(token=…), as RFC 7009 describes."));
    if (parsed.problem != RequestParse::BodyProblem::None)
        return errorReply(400, QStringLiteral("invalid_request"),
                          parsed.problem == RequestParse::BodyProblem::RepeatedField
                              ? tr("The parameter \"token\" appears twice.")
                              : tr("The parameter \"token\" is missing."));
    TokenKind kind = TokenKind::Api;
    const bool wellFormed = TokenCodec::check(token, &kind) == TokenCodec::ParseError::None;
    QByteArray outcome = "none";
    if (wellFormed && kind == TokenKind::Session) {
        auto ended = m_domain.sessions.end(token, request.address);
        secureWipe(token);
        if (!ended && ended.code() != Errc::AuthenticationFailed)
            return storeError(ended.error());
        if (ended)
            outcome = "session";
    } else {
        auto revoked = m_domain.tokens.revokeByHolder(token, request.address);
        secureWipe(token);
        if (!revoked)
            return storeError(revoked.error());
        if (revoked.value())
            outcome = "api_token";
    }
    // RFC 7009 2.2: 200 whether or not there was anything to revoke, so the answer tells
    // nobody whether a value was a live token.
    HttpReply reply;
    reply.status = 200;
    reply.body = "{}";
    reply.logNote = "revoked=" + outcome;
    return reply;
}

namespace {
QLatin1String outcomeName(LeakVerdict::Outcome o)
{
    switch (o) {
    case LeakVerdict::Outcome::Revoked:
        return QLatin1String("revoked");
    case LeakVerdict::Outcome::AlreadyRevoked:
        return QLatin1String("already_revoked");
    case LeakVerdict::Outcome::Expired:
        return QLatin1String("expired");
    case LeakVerdict::Outcome::Unknown:
        return QLatin1String("unknown");
    case LeakVerdict::Outcome::Invalid:
        break;
    }
    return QLatin1String("invalid");
}
} // namespace

std::optional<QString> Routes::parseLeakReports(const HttpRequest &request,
                                                QList<LeakReport> *reports)
{
    using namespace RequestLimits;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return tr("The body is not valid JSON: %1 at byte %2.")
            .arg(parseError.errorString())
            .arg(parseError.offset);
    if (!doc.isArray())
        return tr("The body must be a JSON array of reports ({\"token\", \"url\", \"source\"}).");
    const QJsonArray items = doc.array();
    if (items.isEmpty())
        return tr("The body lists no report.");
    if (items.size() > MaxLeakReports)
        return tr("One request reports at most %1 tokens; this one has %2.")
            .arg(MaxLeakReports)
            .arg(items.size());
    if (const QString twice = RequestParse::repeatedMemberName(request.body, 2); !twice.isNull())
        return tr("A report has the field \"%1\" twice.").arg(twice.left(100));
    QHash<QByteArray, int> seen;
    for (int i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return tr("Report %1 is not a JSON object.").arg(i);
        const QJsonObject o = items.at(i).toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (it.key() != QLatin1String("token") && it.key() != QLatin1String("url") &&
                it.key() != QLatin1String("source") && it.key() != QLatin1String("type"))
                return tr("Report %1 has the unknown field \"%2\" (known: token, url, source, "
                          "type).")
                    .arg(i)
                    .arg(it.key().left(100));
        for (const char *name : {"token", "url", "source"}) {
            const QJsonValue v = o.value(QLatin1String(name));
            if (!v.isString() || v.toString().isEmpty())
                return tr("Report %1 needs the field \"%2\" as a non-empty string.")
                    .arg(i)
                    .arg(QLatin1String(name));
        }
        if (const QJsonValue type = o.value(QLatin1String("type"));
            !type.isUndefined() && (!type.isString() || type.toString().size() > MaxLeakSource))
            return tr("Report %1: \"type\" must be a string of at most %2 characters.")
                .arg(i)
                .arg(MaxLeakSource);
        LeakReport r{o.value(QLatin1String("token")).toString().toUtf8(),
                     o.value(QLatin1String("url")).toString(),
                     o.value(QLatin1String("source")).toString()};
        if (const auto problem = TokenService::leakReportProblem(r)) {
            secureWipe(r.token);
            return tr("Report %1: %2").arg(i).arg(*problem);
        }
        if (const auto earlier = seen.constFind(r.token); earlier != seen.cend())
            return tr("Report %1 repeats the token of report %2.").arg(i).arg(*earlier);
        seen.insert(r.token, i);
        reports->append(std::move(r));
    }
    return std::nullopt;
}

HttpReply Routes::reportLeaks(const HttpRequest &request)
{
    VerifiedToken caller;
    QByteArray callerToken;
    HttpReply reply;
    if (!authenticate(request, &caller, &callerToken, &reply))
        return reply;
    const QByteArray who = whoNote(caller, callerToken);
    if (!caller.scopes.contains(Scope::LeakReport)) {
        const QString text = tr("Reporting leaked tokens needs a token with the scope "
                                "\"leak_report\".");
        reply = errorReply(403, QStringLiteral("insufficient_scope"), text);
        reply.headers.emplaceBack("WWW-Authenticate",
                                  bearerChallenge("insufficient_scope", text, "leak_report"));
        reply.logNote = who + " auth=insufficient_scope";
        return reply;
    }
    if (RequestParse::mediaType(request.header("Content-Type")) != "application/json") {
        reply =
            errorReply(415, QStringLiteral("invalid_request"),
                       tr("Send the reports as a JSON array (Content-Type: application/json)."));
        reply.logNote = who;
        return reply;
    }
    QList<LeakReport> reports;
    const auto problem = parseLeakReports(request, &reports);
    const auto wipe = [&reports] {
        for (LeakReport &r : reports)
            secureWipe(r.token);
    };
    if (problem) {
        wipe();
        reply = errorReply(400, QStringLiteral("invalid_request"), *problem);
        reply.logNote = who + " leaks=refused";
        return reply;
    }
    const Actor reporter = Records::person(caller.userId, caller.username, request.address);
    auto verdicts = m_domain.tokens.revokeLeaked(reporter, reports);
    wipe();
    if (!verdicts)
        return storeError(verdicts.error());
    QJsonArray out;
    int revoked = 0;
    for (int i = 0; i < verdicts->size(); ++i) {
        const LeakVerdict &v = verdicts->at(i);
        QJsonObject o{{QStringLiteral("index"), i},
                      {QStringLiteral("result"), outcomeName(v.outcome)}};
        if (!v.hint.isEmpty())
            o.insert(QStringLiteral("hint"), v.hint);
        out.append(o);
        revoked += v.outcome == LeakVerdict::Outcome::Revoked ? 1 : 0;
    }
    reply.status = 200;
    reply.body = QJsonDocument(out).toJson(QJsonDocument::Compact);
    reply.logNote = who + " leaks=" + QByteArray::number(reports.size()) +
                    " revoked=" + QByteArray::number(revoked);
    return reply;
}

HttpReply Routes::endSession(const HttpRequest &request)
{
    VerifiedToken v;
    QByteArray token;
    HttpReply reply;
    if (!authenticate(request, &v, &token, &reply))
        return reply;
    if (v.kind != VerifiedToken::Kind::Session) {
        reply = invalidRequest(tr("Signing out takes the mobile session's own token (tds_…); "
                                  "API tokens are revoked in TokenDesk."),
                               whoNote(v, token) + " auth=not_a_session");
        return reply;
    }
    auto r = m_domain.sessions.end(token, request.address);
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
