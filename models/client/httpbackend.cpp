// SPDX-License-Identifier: MIT
#include "httpbackend.h"
#include "core/clock.h"

#include "client/recordjson.h"
#include "security/tokencodec.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace td {

namespace RJ = RecordJson;

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(td::HttpBackend)
};

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

void addText(QUrlQuery &q, const char *key, const QString &value)
{
    if (!value.isEmpty())
        q.addQueryItem(QLatin1String(key), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

void addId(QUrlQuery &q, const char *key, const std::optional<qint64> &id)
{
    if (id)
        q.addQueryItem(QLatin1String(key), QString::number(*id));
}

QUrlQuery tokenQuery(const TokenQuery &t)
{
    QUrlQuery q;
    addText(q, "text", t.text);
    QStringList statuses;
    for (TokenStatus s : t.statuses)
        statuses << statusName(s);
    addText(q, "status", statuses.join(QLatin1Char(',')));
    addId(q, "departmentId", t.departmentId);
    addId(q, "userId", t.userId);
    if (t.unusedDays == TokenQuery::NeverUsed)
        q.addQueryItem(QStringLiteral("neverUsed"), QStringLiteral("true"));
    else if (t.unusedDays > 0)
        q.addQueryItem(QStringLiteral("unusedDays"), QString::number(t.unusedDays));
    if (t.expiresFrom.isValid())
        q.addQueryItem(QStringLiteral("expiresFrom"), Clock::iso(t.expiresFrom));
    if (t.expiresBefore.isValid())
        q.addQueryItem(QStringLiteral("expiresBefore"), Clock::iso(t.expiresBefore));
    q.addQueryItem(QStringLiteral("sort"), RJ::tokenSortNames().value(int(t.sortColumn)));
    q.addQueryItem(QStringLiteral("order"),
                   t.ascending ? QStringLiteral("asc") : QStringLiteral("desc"));
    return q;
}

QUrlQuery sessionQuery(const SessionQuery &s)
{
    QUrlQuery q;
    addText(q, "text", s.text);
    q.addQueryItem(QStringLiteral("includeEnded"),
                   s.includeEnded ? QStringLiteral("true") : QStringLiteral("false"));
    addId(q, "userId", s.userId);
    return q;
}

QUrlQuery userQuery(const UserQuery &u)
{
    QUrlQuery q;
    addText(q, "text", u.text);
    q.addQueryItem(QStringLiteral("includeDisabled"),
                   u.includeDisabled ? QStringLiteral("true") : QStringLiteral("false"));
    return q;
}

QUrlQuery auditQuery(const AuditQuery &a)
{
    QUrlQuery q;
    addText(q, "actor", a.actor);
    addText(q, "action", a.action);
    addText(q, "outcome", a.outcome);
    addText(q, "text", a.text);
    addText(q, "since", iso(a.since));
    addText(q, "until", iso(a.until));
    q.addQueryItem(QStringLiteral("order"),
                   a.newestFirst ? QStringLiteral("newest") : QStringLiteral("oldest"));
    return q;
}

/// The paging of a window; WindowRequest::after and before (order keys) stay local: the server
/// seeks by afterId and beforeId.
QUrlQuery withWindow(QUrlQuery q, const WindowRequest &w)
{
    q.addQueryItem(QStringLiteral("offset"), QString::number(w.offset));
    q.addQueryItem(QStringLiteral("limit"), QString::number(w.limit));
    if (w.total >= 0)
        q.addQueryItem(QStringLiteral("total"), QString::number(w.total));
    addId(q, "afterId", w.afterId);
    addId(q, "beforeId", w.beforeId);
    return q;
}

QByteArray newTokenBody(const NewApiToken &t)
{
    return JsonBody()
        .text("name", t.name)
        .text("description", t.description)
        .texts("scopes", t.scopes)
        .text("username", t.username)
        .text("department", t.department)
        .text("userType", t.userType)
        .text("expiresAt", iso(t.expiresAt))
        .boolean("longLivedConfirmed", t.longLivedConfirmed)
        .take();
}

QString idPath(const char *pattern, qint64 id)
{
    return QString::fromLatin1(pattern).arg(id);
}

/// {"secret", "token"} of a created token; the secret is taken out of the answer.
Result<CreatedToken> createdToken(const QJsonObject &o)
{
    auto t = RJ::token(o.value(QStringLiteral("token")).toObject());
    if (!t)
        return t.error();
    QString secret = o.value(QStringLiteral("secret")).toString();
    if (secret.isEmpty())
        return RJ::notUnderstood(Tr::tr("the field \"secret\" of a new token is missing"));
    CreatedToken c;
    c.id = t->id;
    c.secret = SecretBytes::fromString(secret);
    c.hint = t->hint;
    c.expiresAt = t->expiresAt;
    return c;
}

Result<WebhookSecret> webhookSecret(const QJsonObject &o)
{
    auto w = RJ::webhook(o.value(QStringLiteral("webhook")).toObject());
    if (!w)
        return w.error();
    QString secret = o.value(QStringLiteral("secret")).toString();
    if (secret.isEmpty())
        return RJ::notUnderstood(Tr::tr("the field \"secret\" of a webhook is missing"));
    WebhookSecret s;
    s.webhookId = w->id;
    s.secret = SecretBytes::fromString(secret);
    s.hint = w->secretHint;
    return s;
}

Result<QList<Webhook>> webhookList(const QJsonObject &o)
{
    auto items = RJ::detail::array(o, "items");
    if (!items)
        return items.error();
    QList<Webhook> out;
    for (qsizetype i = 0; i < items->size(); ++i) {
        auto w = RJ::webhook(items->at(i).toObject());
        if (!w)
            return RJ::detail::rowProblem("items", i, w.error());
        out << w.value();
    }
    return out;
}

Result<WebhookDeliveryPage> deliveryPage(const QJsonObject &o)
{
    auto items = RJ::detail::array(o, "items");
    if (!items)
        return items.error();
    auto total = RJ::integer(o, "total");
    if (!total)
        return total.error();
    WebhookDeliveryPage page;
    page.total = total.value();
    for (qsizetype i = 0; i < items->size(); ++i) {
        auto d = RJ::webhookDelivery(items->at(i).toObject());
        if (!d)
            return RJ::detail::rowProblem("items", i, d.error());
        page.rows << d.value();
    }
    return page;
}

Result<void> nothing(const QJsonObject &)
{
    return {};
}

Result<qint64> count(const QJsonObject &o)
{
    return RJ::integer(o, "count");
}

Result<qint64> position(const QJsonObject &o)
{
    return RJ::integer(o, "position");
}

} // namespace

HttpBackend::HttpBackend(const QUrl &url, QObject *parent)
    : Backend(parent)
    , m_connection(new ServerConnection(url, this))
{}

QString HttpBackend::credentialHint() const
{
    return credential().isEmpty() ? QString() : TokenCodec::hint(credential().bytes());
}

QString HttpBackend::location() const
{
    return m_connection->base().toDisplayString();
}

template<typename T>
Pending<T> HttpBackend::call(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                             QByteArray body, Reader<T> read, int transferTimeoutMs)
{
    Pending<T> out;
    Pending<Answer> sent =
        m_connection->send(verb, path, query, std::move(body), transferTimeoutMs);
    out.onCancel([sent] { sent.cancel(); });
    sent.then(this, [this, out, read = std::move(read)](Result<Answer> answer) {
        if (!answer) {
            out.resolve(answer.error());
            return;
        }
        if (answer->status >= 300) {
            const Error e = RJ::readError(answer->status, answer->body, answer->retryAfterSeconds);
            if (answer->status == 401)
                endSignIn();
            out.resolve(e);
            return;
        }
        out.resolve(read(answer->body));
    });
    return out;
}

Pending<void> HttpBackend::command(const QByteArray &verb, const QString &path, QByteArray body)
{
    return call<void>(verb, path, {}, std::move(body), nothing);
}

void HttpBackend::endSignIn()
{
    m_connection->forgetCredential();
    if (m_signedOut)
        return;
    m_signedOut = true;
    Q_EMIT signedOut();
}

void HttpBackend::finishSignIn(const Pending<HttpBackend *> &out)
{
    refreshActor().then(this, [this, out](Result<Actor> actor) {
        if (!actor) {
            out.resolve(actor.error());
            deleteLater();
            return;
        }
        out.resolve(this);
    });
}

Pending<HttpBackend *> HttpBackend::signIn(const QUrl &url, const QString &username,
                                           const SecretBytes &password, QObject *parent)
{
    if (const QString why = ServerTrust::whyNotUrl(url.toString()); !why.isEmpty())
        return Pending<HttpBackend *>::ready(
            Error(Errc::InvalidArgument, why, QStringLiteral("url")));
    auto *backend = new HttpBackend(url, parent);
    Pending<HttpBackend *> out;
    Pending<Answer> sent = backend->m_connection->send(
        "POST", QStringLiteral("/api/v1/console/sign-in"), {},
        JsonBody().text("username", username).secret("password", password).take());
    out.onCancel([sent, backend] {
        sent.cancel();
        backend->deleteLater();
    });
    sent.then(backend, [backend, out](Result<Answer> answer) {
        if (answer && answer->status == 201) {
            QString credential = answer->body.value(QStringLiteral("credential")).toString();
            answer->body = QJsonObject();
            if (credential.startsWith(QLatin1String("tdc_"))) {
                backend->m_connection->setCredential(SecretBytes::fromString(credential));
                backend->finishSignIn(out);
                return;
            }
            secureWipe(credential);
            answer = RJ::notUnderstood(Tr::tr("the sign-in answered no console credential"));
        }
        out.resolve(answer ? RJ::readError(answer->status, answer->body, answer->retryAfterSeconds)
                           : answer.error());
        backend->deleteLater();
    });
    return out;
}

Pending<HttpBackend *> HttpBackend::resume(const QUrl &url, SecretBytes credential, QObject *parent)
{
    if (const QString why = ServerTrust::whyNotUrl(url.toString()); !why.isEmpty())
        return Pending<HttpBackend *>::ready(
            Error(Errc::InvalidArgument, why, QStringLiteral("url")));
    auto *backend = new HttpBackend(url, parent);
    backend->m_connection->setCredential(std::move(credential));
    Pending<HttpBackend *> out;
    out.onCancel([backend] { backend->deleteLater(); });
    backend->finishSignIn(out);
    return out;
}

// ---- the person signed in ----

Pending<Actor> HttpBackend::refreshActor()
{
    return call<Actor>("GET", QStringLiteral("/api/v1/account"), {}, {},
                       [this](const QJsonObject &o) -> Result<Actor> {
                           auto u = RJ::user(o.value(QStringLiteral("user")).toObject());
                           if (!u)
                               return u.error();
                           const QJsonValue perms = o.value(QStringLiteral("permissions"));
                           if (!perms.isArray())
                               return RJ::notUnderstood(
                                   Tr::tr("the field \"permissions\" must be an array"));
                           Actor a;
                           a.kind = Actor::Kind::User;
                           a.userId = u->id;
                           a.username = u->username;
                           a.label = u->username;
                           a.userTypeId = u->userTypeId;
                           for (const QJsonValue &p : perms.toArray())
                               a.permissions.insert(p.toString());
                           setActor(a);
                           return a;
                       });
}

Pending<void> HttpBackend::signOut()
{
    Pending<void> out;
    Pending<Answer> sent = m_connection->send("POST", QStringLiteral("/api/v1/console/sign-out"));
    sent.then(this, [this, out](Result<Answer> answer) {
        endSignIn();
        if (!answer)
            out.resolve(answer.error());
        else if (answer->status >= 300 && answer->status != 401)
            out.resolve(RJ::readError(answer->status, answer->body, answer->retryAfterSeconds));
        else
            out.resolve({});
    });
    return out;
}

Pending<void> HttpBackend::changeOwnPassword(const SecretBytes &current,
                                             const SecretBytes &newPassword)
{
    return command(
        "PUT", QStringLiteral("/api/v1/account/password"),
        JsonBody().secret("currentPassword", current).secret("newPassword", newPassword).take());
}

Pending<void> HttpBackend::changeOwnAccessCode(const SecretBytes &currentPassword,
                                               const SecretBytes &code, int ageDays)
{
    return command("PUT", QStringLiteral("/api/v1/account/access-code"),
                   JsonBody()
                       .secret("currentPassword", currentPassword)
                       .secret("accessCode", code)
                       .integer("ageDays", ageDays)
                       .take());
}

Pending<std::optional<ApiToken>> HttpBackend::personalToken()
{
    return call<std::optional<ApiToken>>(
        "GET", QStringLiteral("/api/v1/account/personal-token"), {}, {},
        [](const QJsonObject &o) -> Result<std::optional<ApiToken>> {
            const QJsonValue t = o.value(QStringLiteral("token"));
            if (t.isNull())
                return std::optional<ApiToken>();
            auto token = RJ::token(t.toObject());
            if (!token)
                return token.error();
            return std::optional<ApiToken>(std::move(token.value()));
        });
}

Pending<CreatedToken> HttpBackend::resetPersonalToken(const SecretBytes &currentAccessCode,
                                                      const SecretBytes *newAccessCode,
                                                      int newAgeDays,
                                                      const SecretBytes *currentPassword)
{
    JsonBody body;
    if (!currentAccessCode.isEmpty())
        body.secret("currentAccessCode", currentAccessCode);
    if (newAccessCode)
        body.secret("newAccessCode", *newAccessCode);
    body.integer("ageDays", newAgeDays);
    if (currentPassword)
        body.secret("currentPassword", *currentPassword);
    return call<CreatedToken>("POST", QStringLiteral("/api/v1/account/personal-token"), {},
                              body.take(), createdToken);
}

Pending<QList<ConsoleSignIn>> HttpBackend::consoleSignIns(qint64 userId)
{
    return call<QList<ConsoleSignIn>>(
        "GET", idPath("/api/v1/users/%1/console-sign-ins", userId), {}, {},
        [](const QJsonObject &o) { return RJ::rows<ConsoleSignIn>(o, RJ::consoleSignIn); });
}

Pending<void> HttpBackend::endConsoleSignIn(qint64 signInId)
{
    return command("DELETE", idPath("/api/v1/console/sign-ins/%1", signInId));
}

// ---- the store ----

Pending<QString> HttpBackend::publicUrl()
{
    return call<QString>("GET", QStringLiteral("/api/v1/server"), {}, {},
                         [](const QJsonObject &o) -> Result<QString> {
                             return o.value(QStringLiteral("publicUrl")).toString();
                         });
}

Pending<Tenant> HttpBackend::tenant()
{
    return call<Tenant>("GET", QStringLiteral("/api/v1/tenant"), {}, {},
                        [](const QJsonObject &o) { return RJ::tenant(o); });
}

Pending<StoreSettings> HttpBackend::settings()
{
    return call<StoreSettings>("GET", QStringLiteral("/api/v1/settings"), {}, {},
                               [](const QJsonObject &o) { return RJ::settings(o); });
}

Pending<void> HttpBackend::updateSettings(const StoreSettings &s)
{
    return command("PUT", QStringLiteral("/api/v1/settings"),
                   JsonBody()
                       .integer("expiringSoonDays", s.expiringSoonDays)
                       .integer("maxTokenLifetimeDays", s.maxTokenLifetimeDays)
                       .integer("sessionLifetimeDays", s.sessionLifetimeDays)
                       .integer("unusedTokenPolicyDays", s.unusedTokenPolicyDays)
                       .take());
}

// ---- API tokens ----

Pending<Window<ApiToken>> HttpBackend::tokenWindow(const TokenQuery &query,
                                                   const WindowRequest &request)
{
    return call<Window<ApiToken>>(
        "GET", QStringLiteral("/api/v1/tokens"), withWindow(tokenQuery(query), request), {},
        [](const QJsonObject &o) { return RJ::window<ApiToken>(o, RJ::token); });
}

Pending<qint64> HttpBackend::tokenCount(const TokenQuery &query)
{
    return call<qint64>("GET", QStringLiteral("/api/v1/tokens/count"), tokenQuery(query), {},
                        count);
}

Pending<TokenOwnerCounts> HttpBackend::tokenCountsByOwner(const TokenQuery &query)
{
    return call<TokenOwnerCounts>("GET", QStringLiteral("/api/v1/tokens/owner-counts"),
                                  tokenQuery(query), {},
                                  qOverload<const QJsonObject &>(&RJ::tokenOwnerCounts));
}

Pending<qint64> HttpBackend::changesAfter(std::optional<qint64> after)
{
    QUrlQuery query;
    if (after)
        query.addQueryItem(QStringLiteral("after"), QString::number(*after));
    return call<qint64>(
        "GET", QStringLiteral("/api/v1/changes"), query, {},
        [](const QJsonObject &o) { return RJ::integer(o, "cursor"); }, MaxChangePollMs);
}

Pending<qint64> HttpBackend::tokenPosition(const TokenQuery &query, qint64 id)
{
    return call<qint64>("GET", idPath("/api/v1/tokens/%1/position", id), tokenQuery(query), {},
                        position);
}

Pending<ApiToken> HttpBackend::token(qint64 id)
{
    return call<ApiToken>("GET", idPath("/api/v1/tokens/%1", id), {}, {},
                          [](const QJsonObject &o) { return RJ::token(o); });
}

Pending<ApiToken> HttpBackend::findTokenByValue(const SecretBytes &value)
{
    return call<ApiToken>("POST", QStringLiteral("/api/v1/tokens/find"), {},
                          JsonBody().secret("value", value).take(),
                          [](const QJsonObject &o) { return RJ::token(o); });
}

Pending<void> HttpBackend::validateToken(const NewApiToken &request)
{
    return command("POST", QStringLiteral("/api/v1/tokens/validate"), newTokenBody(request));
}

Pending<CreatedToken> HttpBackend::createToken(const NewApiToken &request)
{
    return call<CreatedToken>("POST", QStringLiteral("/api/v1/tokens"), {}, newTokenBody(request),
                              createdToken);
}

Pending<void> HttpBackend::editTokenScopes(qint64 id, const QStringList &scopes)
{
    return command("PUT", idPath("/api/v1/tokens/%1/scopes", id),
                   JsonBody().texts("scopes", scopes).take());
}

Pending<CreatedToken> HttpBackend::rotateToken(qint64 id, qint64 overlapSeconds)
{
    return call<CreatedToken>("POST", idPath("/api/v1/tokens/%1/rotate", id), {},
                              JsonBody().integer("overlapSeconds", overlapSeconds).take(),
                              createdToken);
}

Pending<int> HttpBackend::revokeTokens(const QList<qint64> &ids)
{
    return call<int>("POST", QStringLiteral("/api/v1/tokens/revoke"), {},
                     JsonBody().ids("ids", ids).take(), [](const QJsonObject &o) -> Result<int> {
                         auto n = RJ::integer(o, "revoked");
                         return n ? Result<int>(int(n.value())) : Result<int>(n.error());
                     });
}

namespace {
Result<BulkRevoke> bulkRevoke(const QJsonObject &o)
{
    auto revoked = RJ::integer(o, "revoked");
    if (!revoked)
        return revoked.error();
    auto already = RJ::integer(o, "alreadyRevoked");
    if (!already)
        return already.error();
    BulkRevoke r;
    r.revoked = int(revoked.value());
    r.alreadyRevoked = int(already.value());
    return r;
}
} // namespace

/// The filters of the token list's count (GET /tokens/count) as a body, with `except` and the
/// number the person confirmed.
static QByteArray matchingBody(const TokenQuery &query, const QList<qint64> &except,
                               qint64 confirmed)
{
    JsonBody body;
    body.text("text", query.text);
    QStringList statuses;
    for (TokenStatus s : query.statuses)
        statuses << statusName(s);
    body.texts("statuses", statuses);
    if (query.departmentId)
        body.integer("departmentId", *query.departmentId);
    if (query.userId)
        body.integer("userId", *query.userId);
    if (query.unusedDays == TokenQuery::NeverUsed)
        body.boolean("neverUsed", true);
    else if (query.unusedDays > 0)
        body.integer("unusedDays", query.unusedDays);
    if (query.expiresFrom.isValid())
        body.text("expiresFrom", Clock::iso(query.expiresFrom));
    if (query.expiresBefore.isValid())
        body.text("expiresBefore", Clock::iso(query.expiresBefore));
    if (!except.isEmpty())
        body.ids("except", except);
    body.integer("confirmed", confirmed);
    return body.take();
}

Pending<BulkRevoke> HttpBackend::revokeTokensMatching(const TokenQuery &query,
                                                      const QList<qint64> &except, qint64 confirmed)
{
    return call<BulkRevoke>("POST", QStringLiteral("/api/v1/tokens/revoke-matching"), {},
                            matchingBody(query, except, confirmed), bulkRevoke);
}

Pending<BulkDelete> HttpBackend::deleteTokensMatching(const TokenQuery &query,
                                                      const QList<qint64> &except, qint64 confirmed)
{
    return call<BulkDelete>("POST", QStringLiteral("/api/v1/tokens/delete-matching"), {},
                            matchingBody(query, except, confirmed),
                            [](const QJsonObject &o) -> Result<BulkDelete> {
                                auto deleted = RJ::integer(o, "deleted");
                                if (!deleted)
                                    return deleted.error();
                                auto valid = RJ::integer(o, "stillValid");
                                if (!valid)
                                    return valid.error();
                                BulkDelete r;
                                r.deleted = int(deleted.value());
                                r.stillValid = int(valid.value());
                                return r;
                            });
}

Pending<int> HttpBackend::deleteTokens(const QList<qint64> &ids)
{
    return call<int>("POST", QStringLiteral("/api/v1/tokens/delete"), {},
                     JsonBody().ids("ids", ids).take(), [](const QJsonObject &o) -> Result<int> {
                         auto n = RJ::integer(o, "deleted");
                         return n ? Result<int>(int(n.value())) : Result<int>(n.error());
                     });
}

// ---- mobile sessions ----

Pending<Window<MobileSession>> HttpBackend::sessionWindow(const SessionQuery &query,
                                                          const WindowRequest &request)
{
    return call<Window<MobileSession>>(
        "GET", QStringLiteral("/api/v1/sessions"), withWindow(sessionQuery(query), request), {},
        [](const QJsonObject &o) { return RJ::window<MobileSession>(o, RJ::session); });
}

Pending<qint64> HttpBackend::sessionCount(const SessionQuery &query)
{
    return call<qint64>("GET", QStringLiteral("/api/v1/sessions/count"), sessionQuery(query), {},
                        count);
}

Pending<qint64> HttpBackend::sessionPosition(const SessionQuery &query, qint64 id)
{
    return call<qint64>("GET", idPath("/api/v1/sessions/%1/position", id), sessionQuery(query), {},
                        position);
}

Pending<MobileSession> HttpBackend::session(qint64 id)
{
    return call<MobileSession>("GET", idPath("/api/v1/sessions/%1", id), {}, {},
                               [](const QJsonObject &o) { return RJ::session(o); });
}

Pending<BulkRevoke> HttpBackend::revokeSessionsMatching(const SessionQuery &query,
                                                        const QList<qint64> &except,
                                                        qint64 confirmed)
{
    JsonBody body;
    body.text("text", query.text);
    body.boolean("includeEnded", query.includeEnded);
    if (query.userId)
        body.integer("userId", *query.userId);
    if (!except.isEmpty())
        body.ids("except", except);
    body.integer("confirmed", confirmed);
    return call<BulkRevoke>("POST", QStringLiteral("/api/v1/sessions/revoke-matching"), {},
                            body.take(), bulkRevoke);
}

Pending<int> HttpBackend::revokeSessions(const QList<qint64> &ids)
{
    return call<int>("POST", QStringLiteral("/api/v1/sessions/revoke"), {},
                     JsonBody().ids("ids", ids).take(), [](const QJsonObject &o) -> Result<int> {
                         auto n = RJ::integer(o, "revoked");
                         return n ? Result<int>(int(n.value())) : Result<int>(n.error());
                     });
}

// ---- users, departments, user types ----

Pending<Window<User>> HttpBackend::userWindow(const UserQuery &query, const WindowRequest &request)
{
    return call<Window<User>>("GET", QStringLiteral("/api/v1/users"),
                              withWindow(userQuery(query), request), {},
                              [](const QJsonObject &o) { return RJ::window<User>(o, RJ::user); });
}

Pending<qint64> HttpBackend::userCount(const UserQuery &query)
{
    return call<qint64>("GET", QStringLiteral("/api/v1/users/count"), userQuery(query), {}, count);
}

Pending<qint64> HttpBackend::userPosition(const UserQuery &query, qint64 id)
{
    return call<qint64>("GET", idPath("/api/v1/users/%1/position", id), userQuery(query), {},
                        position);
}

void HttpBackend::readUsers(UserQuery query, QList<User> sofar, std::optional<qint64> afterId,
                            Pending<QList<User>> out)
{
    constexpr int Page = 500;
    WindowRequest w;
    w.offset = query.offset + sofar.size();
    w.limit = query.limit > 0 ? int(std::min<qint64>(Page, query.limit - sofar.size())) : Page;
    w.afterId = afterId;
    Pending<Window<User>> page = userWindow(query, w);
    out.onCancel([page] { page.cancel(); });
    page.then(this, [this, query, sofar, w, out](Result<Window<User>> r) mutable {
        if (!r) {
            out.resolve(r.error());
            return;
        }
        const bool more = r->rows.size() == w.limit &&
                          (query.limit <= 0 || sofar.size() + r->rows.size() < query.limit);
        const std::optional<qint64> last =
            r->rows.isEmpty() ? std::nullopt : std::optional<qint64>(r->rows.last().id);
        sofar += r->rows;
        if (more)
            readUsers(query, std::move(sofar), last, out);
        else
            out.resolve(std::move(sofar));
    });
}

Pending<QList<User>> HttpBackend::users(const UserQuery &query)
{
    Pending<QList<User>> out;
    readUsers(query, {}, std::nullopt, out);
    return out;
}

Pending<User> HttpBackend::user(qint64 id)
{
    return call<User>("GET", idPath("/api/v1/users/%1", id), {}, {},
                      [](const QJsonObject &o) { return RJ::user(o); });
}

Pending<User> HttpBackend::userByName(const QString &username)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("username"),
                   QString::fromLatin1(QUrl::toPercentEncoding(username)));
    return call<User>("GET", QStringLiteral("/api/v1/users/by-name"), q, {},
                      [](const QJsonObject &o) { return RJ::user(o); });
}

Pending<User> HttpBackend::createUser(const NewUser &u)
{
    return call<User>("POST", QStringLiteral("/api/v1/users"), {},
                      JsonBody()
                          .text("username", u.username)
                          .text("displayName", u.displayName)
                          .text("email", u.email)
                          .text("department", u.department)
                          .text("userType", u.userType)
                          .text("language", u.language)
                          .secret("password", u.password)
                          .take(),
                      [](const QJsonObject &o) { return RJ::user(o); });
}

Pending<void> HttpBackend::updateUser(qint64 id, const UserChanges &changes)
{
    JsonBody body;
    if (changes.displayName)
        body.text("displayName", *changes.displayName);
    if (changes.email)
        body.text("email", *changes.email);
    if (changes.department)
        body.text("department", *changes.department);
    if (changes.userType)
        body.text("userType", *changes.userType);
    if (changes.language)
        body.text("language", *changes.language);
    return command("PATCH", idPath("/api/v1/users/%1", id), body.take());
}

Pending<void> HttpBackend::setPassword(qint64 userId, const SecretBytes &password)
{
    return command("PUT", idPath("/api/v1/users/%1/password", userId),
                   JsonBody().secret("password", password).take());
}

Pending<void> HttpBackend::setAccessCode(qint64 userId, const SecretBytes &code, int ageDays)
{
    return command("PUT", idPath("/api/v1/users/%1/access-code", userId),
                   JsonBody().secret("accessCode", code).integer("ageDays", ageDays).take());
}

Pending<DisableResult> HttpBackend::disableUser(qint64 userId)
{
    return call<DisableResult>("POST", idPath("/api/v1/users/%1/disable", userId), {}, {},
                               [](const QJsonObject &o) { return RJ::disableResult(o); });
}

Pending<void> HttpBackend::enableUser(qint64 userId)
{
    return command("POST", idPath("/api/v1/users/%1/enable", userId));
}

Pending<void> HttpBackend::unlockUser(qint64 userId)
{
    return command("POST", idPath("/api/v1/users/%1/unlock", userId));
}

Pending<DisableResult> HttpBackend::liveCredentials(qint64 userId)
{
    return call<DisableResult>("GET", idPath("/api/v1/users/%1/live-credentials", userId), {}, {},
                               [](const QJsonObject &o) { return RJ::disableResult(o); });
}

Pending<QList<Department>> HttpBackend::departments()
{
    return call<QList<Department>>(
        "GET", QStringLiteral("/api/v1/departments"), {}, {},
        [](const QJsonObject &o) { return RJ::rows<Department>(o, RJ::department); });
}

Pending<Department> HttpBackend::createDepartment(const QString &name)
{
    return call<Department>("POST", QStringLiteral("/api/v1/departments"), {},
                            JsonBody().text("name", name).take(),
                            [](const QJsonObject &o) { return RJ::department(o); });
}

Pending<void> HttpBackend::renameDepartment(qint64 id, const QString &name)
{
    return command("PATCH", idPath("/api/v1/departments/%1", id),
                   JsonBody().text("name", name).take());
}

Pending<void> HttpBackend::deleteDepartment(qint64 id)
{
    return command("DELETE", idPath("/api/v1/departments/%1", id));
}

Pending<QList<UserType>> HttpBackend::userTypes()
{
    return call<QList<UserType>>(
        "GET", QStringLiteral("/api/v1/user-types"), {}, {},
        [](const QJsonObject &o) { return RJ::rows<UserType>(o, RJ::userType); });
}

Pending<UserType> HttpBackend::createUserType(const QString &name, const QString &description,
                                              const QStringList &permissions)
{
    return call<UserType>("POST", QStringLiteral("/api/v1/user-types"), {},
                          JsonBody()
                              .text("name", name)
                              .text("description", description)
                              .texts("permissions", permissions)
                              .take(),
                          [](const QJsonObject &o) { return RJ::userType(o); });
}

Pending<void> HttpBackend::setUserTypePermissions(qint64 id, const QStringList &permissions)
{
    return command("PUT", idPath("/api/v1/user-types/%1/permissions", id),
                   JsonBody().texts("permissions", permissions).take());
}

Pending<void> HttpBackend::deleteUserType(qint64 id)
{
    return command("DELETE", idPath("/api/v1/user-types/%1", id));
}

// ---- the audit log ----

Pending<Window<AuditEntry>> HttpBackend::auditWindow(const AuditQuery &query,
                                                     const WindowRequest &request)
{
    return call<Window<AuditEntry>>(
        "GET", QStringLiteral("/api/v1/audit"), withWindow(auditQuery(query), request), {},
        [](const QJsonObject &o) { return RJ::window<AuditEntry>(o, RJ::auditEntry); });
}

Pending<Overview> HttpBackend::overview(int utcOffsetMinutes)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("utcOffsetMinutes"), QString::number(utcOffsetMinutes));
    return call<Overview>("GET", QStringLiteral("/api/v1/overview"), q, {},
                          [](const QJsonObject &o) { return RJ::overview(o); });
}

Pending<qint64> HttpBackend::auditCount(const AuditQuery &query)
{
    return call<qint64>("GET", QStringLiteral("/api/v1/audit/count"), auditQuery(query), {}, count);
}

Pending<qint64> HttpBackend::auditPosition(const AuditQuery &query, qint64 id)
{
    return call<qint64>("GET", idPath("/api/v1/audit/%1/position", id), auditQuery(query), {},
                        position);
}

Pending<qint64> HttpBackend::exportCsv(const ExportQuery &query, const QString &path,
                                       ExportProgress progress)
{
    QString route;
    QUrlQuery filters;
    if (const auto *tokens = std::get_if<TokenQuery>(&query)) {
        route = QStringLiteral("/api/v1/tokens/export");
        filters = tokenQuery(*tokens);
    } else if (const auto *sessions = std::get_if<SessionQuery>(&query)) {
        route = QStringLiteral("/api/v1/sessions/export");
        filters = sessionQuery(*sessions);
    } else {
        route = QStringLiteral("/api/v1/audit/export");
        filters = auditQuery(std::get<AuditQuery>(query));
    }
    // The rows go to a temporary file beside the target, renamed over it only at the end.
    auto file = std::make_shared<QSaveFile>(path);
    const auto unwritable = [path](const QString &why) {
        return Error(Errc::InvalidArgument, CsvExport::cannotWrite(path, why),
                     QStringLiteral("path"));
    };
    if (!file->open(QIODevice::WriteOnly))
        return Pending<qint64>::ready(unwritable(file->errorString()));
    if (!file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        const QString why = file->errorString();
        file->cancelWriting();
        file->commit();
        return Pending<qint64>::ready(unwritable(why));
    }
    // Not even a temporary file stays behind (QSaveFile removes it on a commit after a cancel).
    const auto discard = [](QSaveFile &f) {
        f.cancelWriting();
        f.commit();
    };
    auto counter = std::make_shared<CsvExport::RecordCounter>();
    Pending<qint64> out;
    Pending<Answer> streamed = m_connection->receive(
        route, filters,
        [file, counter, progress, unwritable](const QByteArray &bytes) -> std::optional<Error> {
            if (file->write(bytes) != bytes.size())
                return unwritable(file->errorString());
            counter->add(bytes);
            if (progress)
                progress(std::max<qint64>(0, counter->records() - 1)); // the header is no row
            return std::nullopt;
        });
    out.onCancel([streamed, file, discard] {
        streamed.cancel();
        discard(*file);
    });
    streamed.then(this, [this, out, file, counter, unwritable, discard](Result<Answer> answer) {
        if (!answer || answer->status >= 300) {
            discard(*file);
            if (!answer) {
                out.resolve(answer.error());
                return;
            }
            if (answer->status == 401)
                endSignIn();
            out.resolve(RJ::readError(answer->status, answer->body, answer->retryAfterSeconds));
            return;
        }
        if (counter->records() < 1) { // not even the header: not an export
            discard(*file);
            out.resolve(RJ::notUnderstood(Tr::tr("The server's export has no header.")));
            return;
        }
        if (!file->commit()) {
            out.resolve(unwritable(file->errorString()));
            return;
        }
        out.resolve(counter->records() - 1);
    });
    return out;
}

// ---- webhooks ----

Pending<QList<Webhook>> HttpBackend::webhooks()
{
    return call<QList<Webhook>>("GET", QStringLiteral("/api/v1/webhooks"), {}, {}, webhookList);
}

Pending<WebhookSecret> HttpBackend::createWebhook(const NewWebhook &r)
{
    return call<WebhookSecret>("POST", QStringLiteral("/api/v1/webhooks"), {},
                               JsonBody()
                                   .text("url", r.url)
                                   .texts("events", r.events)
                                   .boolean("enabled", r.enabled)
                                   .take(),
                               webhookSecret);
}

Pending<Webhook> HttpBackend::updateWebhook(qint64 id, const QStringList &events, bool enabled)
{
    return call<Webhook>("PATCH", idPath("/api/v1/webhooks/%1", id), {},
                         JsonBody().texts("events", events).boolean("enabled", enabled).take(),
                         [](const QJsonObject &o) { return RJ::webhook(o); });
}

Pending<void> HttpBackend::deleteWebhook(qint64 id)
{
    return command("DELETE", idPath("/api/v1/webhooks/%1", id));
}

Pending<WebhookSecret> HttpBackend::regenerateWebhookSecret(qint64 id)
{
    return call<WebhookSecret>("POST", idPath("/api/v1/webhooks/%1/secret", id), {}, {},
                               webhookSecret);
}

Pending<WebhookDeliveryPage> HttpBackend::webhookDeliveries(qint64 id, int offset, int limit)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return call<WebhookDeliveryPage>("GET", idPath("/api/v1/webhooks/%1/deliveries", id), q, {},
                                     deliveryPage);
}

Pending<WebhookDelivery> HttpBackend::redeliverWebhook(qint64 id, const QString &deliveryId)
{
    return call<WebhookDelivery>("POST", idPath("/api/v1/webhooks/%1/redeliver", id), {},
                                 JsonBody().text("deliveryId", deliveryId).take(),
                                 [](const QJsonObject &o) { return RJ::webhookDelivery(o); });
}

Pending<WebhookDelivery> HttpBackend::testWebhook(qint64 id)
{
    return call<WebhookDelivery>("POST", idPath("/api/v1/webhooks/%1/test", id), {}, {},
                                 [](const QJsonObject &o) { return RJ::webhookDelivery(o); });
}

} // namespace td
