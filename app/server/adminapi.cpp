// SPDX-License-Identifier: MIT
// The admin API: its route table, authentication with a console credential, and the console's
// own requests (sign-in and out, the signed-in person, Manage Tokens, console sign-ins,
// settings). The lists and the users are in adminlists.cpp and adminusers.cpp.
#include "adminapi.h"

#include "apijson.h"
#include "changefeed.h"
#include "routes.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/secret.h"
#include "store/appinfo.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <limits>

namespace td {

using namespace ApiJson;

const std::vector<AdminApi::Route> &AdminApi::routes()
{
    using A = AdminApi;
    // Literal paths before "{id}" ones of the same shape; "{id}" matches digits only.
    static const std::vector<Route> table = {
        {"POST", "/api/v1/console/sign-in", &A::signIn, true, false},
        {"POST", "/api/v1/console/sign-out", &A::signOut, false, false},
        {"DELETE", "/api/v1/console/sign-ins/{id}", &A::endConsoleSignIn},
        {"GET", "/api/v1/account", &A::account},
        {"PUT", "/api/v1/account/password", &A::changeOwnPassword, true},
        {"PUT", "/api/v1/account/access-code", &A::changeOwnAccessCode, true},
        {"GET", "/api/v1/account/personal-token", &A::personalToken},
        {"POST", "/api/v1/account/personal-token", &A::resetPersonalToken, true},
        {"GET", "/api/v1/permissions", &A::permissions},
        {"GET", "/api/v1/tenant", &A::tenant},
        {"GET", "/api/v1/server", &A::serverInfo},
        {"GET", "/api/v1/settings", &A::settings},
        {"PUT", "/api/v1/settings", &A::updateSettings},
        {"GET", "/api/v1/changes", &A::changes},

        {"GET", "/api/v1/tokens", &A::tokens},
        {"POST", "/api/v1/tokens", &A::createToken},
        {"GET", "/api/v1/tokens/count", &A::tokenCount},
        {"GET", "/api/v1/tokens/owner-counts", &A::tokenOwnerCounts},
        {"GET", "/api/v1/tokens/export", &A::tokenExport, false, true, true},
        {"POST", "/api/v1/tokens/validate", &A::validateToken},
        {"POST", "/api/v1/tokens/revoke", &A::revokeTokens},
        {"POST", "/api/v1/tokens/revoke-matching", &A::revokeMatchingTokens},
        {"POST", "/api/v1/tokens/delete", &A::deleteTokens},
        {"POST", "/api/v1/tokens/delete-matching", &A::deleteMatchingTokens},
        {"POST", "/api/v1/tokens/find", &A::findToken},
        {"GET", "/api/v1/tokens/{id}", &A::token},
        {"DELETE", "/api/v1/tokens/{id}", &A::deleteToken},
        {"GET", "/api/v1/tokens/{id}/position", &A::tokenPosition},
        {"PUT", "/api/v1/tokens/{id}/scopes", &A::editTokenScopes},
        {"POST", "/api/v1/tokens/{id}/revoke", &A::revokeToken},
        {"POST", "/api/v1/tokens/{id}/rotate", &A::rotateToken},

        {"GET", "/api/v1/sessions", &A::sessions},
        {"GET", "/api/v1/sessions/count", &A::sessionCount},
        {"GET", "/api/v1/sessions/export", &A::sessionExport, false, true, true},
        {"POST", "/api/v1/sessions/revoke", &A::revokeSessions},
        {"POST", "/api/v1/sessions/revoke-matching", &A::revokeMatchingSessions},
        {"GET", "/api/v1/sessions/{id}", &A::session},
        {"GET", "/api/v1/sessions/{id}/position", &A::sessionPosition},
        {"POST", "/api/v1/sessions/{id}/revoke", &A::revokeSession},

        {"GET", "/api/v1/users", &A::users},
        {"POST", "/api/v1/users", &A::createUser, true},
        {"GET", "/api/v1/users/count", &A::userCount},
        {"GET", "/api/v1/users/by-name", &A::userByName},
        {"GET", "/api/v1/users/{id}", &A::user},
        {"GET", "/api/v1/users/{id}/position", &A::userPosition},
        {"PATCH", "/api/v1/users/{id}", &A::updateUser},
        {"PUT", "/api/v1/users/{id}/password", &A::setPassword, true},
        {"PUT", "/api/v1/users/{id}/access-code", &A::setAccessCode, true},
        {"POST", "/api/v1/users/{id}/disable", &A::disableUser},
        {"POST", "/api/v1/users/{id}/enable", &A::enableUser},
        {"POST", "/api/v1/users/{id}/unlock", &A::unlockUser},
        {"GET", "/api/v1/users/{id}/live-credentials", &A::liveCredentials},
        {"GET", "/api/v1/users/{id}/console-sign-ins", &A::consoleSignIns},

        {"GET", "/api/v1/departments", &A::departments},
        {"POST", "/api/v1/departments", &A::createDepartment},
        {"PATCH", "/api/v1/departments/{id}", &A::renameDepartment},
        {"DELETE", "/api/v1/departments/{id}", &A::deleteDepartment},
        {"GET", "/api/v1/user-types", &A::userTypes},
        {"POST", "/api/v1/user-types", &A::createUserType},
        {"PUT", "/api/v1/user-types/{id}/permissions", &A::setUserTypePermissions},
        {"DELETE", "/api/v1/user-types/{id}", &A::deleteUserType},

        {"GET", "/api/v1/audit", &A::auditLog},
        {"GET", "/api/v1/audit/count", &A::auditCount},
        {"GET", "/api/v1/audit/export", &A::auditExport, false, true, true},
        {"GET", "/api/v1/audit/{id}/position", &A::auditPosition},

        {"GET", "/api/v1/overview", &A::overview},

        {"GET", "/api/v1/webhooks", &A::webhooks},
        {"POST", "/api/v1/webhooks", &A::createWebhook},
        {"PATCH", "/api/v1/webhooks/{id}", &A::updateWebhook},
        {"DELETE", "/api/v1/webhooks/{id}", &A::deleteWebhook},
        {"POST", "/api/v1/webhooks/{id}/secret", &A::regenerateWebhookSecret},
        {"GET", "/api/v1/webhooks/{id}/deliveries", &A::webhookDeliveries},
        {"POST", "/api/v1/webhooks/{id}/test", &A::testWebhook},
        {"POST", "/api/v1/webhooks/{id}/redeliver", &A::redeliverWebhook},
    };
    return table;
}

namespace {

/// Does `path` have the shape of `pattern`? *id receives a "{id}" segment (digits, 1 to 15).
bool matches(const char *pattern, const QString &path, qint64 *id)
{
    const QLatin1String p(pattern);
    qsizetype i = 0, j = 0;
    while (i < p.size() && j < path.size()) {
        if (p.sliced(i).startsWith(QLatin1String("{id}"))) {
            qsizetype end = j;
            while (end < path.size() && path[end].isDigit() && path[end].unicode() < 128)
                ++end;
            if (end == j || end - j > 15 || path[j] == QLatin1Char('0'))
                return false;
            *id = path.sliced(j, end - j).toLongLong();
            i += 4;
            j = end;
            continue;
        }
        if (QChar(p[i]) != path[j])
            return false;
        ++i;
        ++j;
    }
    return i == p.size() && j == path.size();
}

HttpReply noContent()
{
    HttpReply r;
    r.status = 204;
    return r;
}

/// An answer that holds a secret: never stored by a cache.
HttpReply secretReply(const QJsonObject &body, int status)
{
    HttpReply r = reply(body, status);
    r.headers.emplaceBack("Cache-Control", "no-store");
    r.headers.emplaceBack("Pragma", "no-cache");
    return r;
}

} // namespace

HttpReply AdminApi::secretToken(const Call &c, const CreatedToken &created, int status)
{
    auto t = m_domain.tokens.token(c.actor, created.id);
    if (!t)
        return domainError(t.error());
    HttpReply out =
        secretReply({{QStringLiteral("secret"), QString::fromLatin1(created.secret.bytes())},
                     {QStringLiteral("token"), ApiJson::token(t.value())}},
                    status);
    out.logNote = "token=" + created.hint.toUtf8();
    return out;
}

bool AdminApi::hashesSecret(const QByteArray &method, const QString &path)
{
    if (method != "POST" && method != "PUT" && method != "PATCH")
        return false;
    qint64 id = 0;
    for (const Route &r : routes())
        if (r.hashesSecret && method == r.method && matches(r.path, path, &id))
            return true;
    return false;
}

bool AdminApi::streamsAnswer(const QByteArray &method, const QString &path)
{
    if (method != "GET")
        return false;
    qint64 id = 0;
    for (const Route &r : routes())
        if (r.streams && matches(r.path, path, &id))
            return true;
    return false;
}

std::optional<HttpReply> AdminApi::handle(const HttpRequest &request, const QString &path)
{
    if (!path.startsWith(QLatin1String("/api/v1/")))
        return std::nullopt;
    const Route *route = nullptr;
    QByteArray allowed;
    qint64 id = 0;
    for (const Route &r : routes()) {
        qint64 found = 0;
        if (!matches(r.path, path, &found))
            continue;
        if (request.method == r.method) {
            route = &r;
            id = found;
            break;
        }
        if (!allowed.contains(r.method))
            allowed += (allowed.isEmpty() ? "" : ", ") + QByteArray(r.method);
    }
    if (!route) {
        if (allowed.isEmpty())
            return std::nullopt;
        HttpReply r = error(405, QStringLiteral("method_not_allowed"),
                            tr("%1 takes only %2.").arg(path, QString::fromLatin1(allowed)));
        r.headers.emplaceBack("Allow", allowed);
        return r;
    }
    Call call{request, Actor(), id};
    if (route->authenticated) {
        HttpReply refused;
        if (!authenticate(request, &call.actor, &refused))
            return refused;
    }
    HttpReply r = (this->*(route->handler))(call);
    if (route->authenticated) {
        const QByteArray who = "user=" + call.actor.username.toUtf8();
        r.logNote = r.logNote.isEmpty() ? who : who + ' ' + r.logNote;
    }
    return r;
}

bool AdminApi::authenticate(const HttpRequest &request, Actor *actor, HttpReply *reply)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray credential;
    if (!Routes::presentedCredential(request, m_throttle, now, &credential, reply))
        return false;
    auto who = m_domain.accounts.consoleAuthenticate(credential, request.address);
    if (!who) {
        if (who.code() != Errc::AuthenticationFailed) {
            *reply = domainError(who.error());
            return false;
        }
        *reply = Routes::invalidToken(request, m_throttle, now, who.error().message,
                                      "console_credential_refused");
        return false;
    }
    *actor = std::move(who.value());
    return true;
}

// ---- console sign-in and out ----

HttpReply AdminApi::signIn(const Call &c)
{
    Body b(c.request);
    const QString username = b.text("username");
    const SecretBytes password = b.secret("password");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.consoleSignIn(username, password, c.request.address);
    if (!r) {
        HttpReply e = domainError(r.error());
        e.logNote +=
            " sign_in=" + QByteArray(r.code() == Errc::Throttled ? "throttled" : "refused");
        return e;
    }
    const ConsoleCredential &cc = r.value();
    HttpReply out = secretReply(
        {{QStringLiteral("credential"), QString::fromLatin1(cc.token.secret.bytes())},
         {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
         {QStringLiteral("signInId"), cc.token.id},
         {QStringLiteral("hint"), cc.token.hint},
         {QStringLiteral("expiresAt"), time(cc.token.expiresAt)},
         {QStringLiteral("idleTimeoutSeconds"), AccountService::ConsoleIdleMs / 1000},
         {QStringLiteral("maxLifetimeSeconds"), AccountService::ConsoleMaxLifetimeMs / 1000},
         {QStringLiteral("userId"), cc.actor.userId},
         {QStringLiteral("username"), cc.actor.username}},
        201);
    out.logNote = "user=" + cc.actor.username.toUtf8() + " console=" + cc.token.hint.toUtf8();
    return out;
}

HttpReply AdminApi::signOut(const Call &c)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray credential;
    HttpReply refused;
    if (!Routes::presentedCredential(c.request, m_throttle, now, &credential, &refused))
        return refused;
    auto r = m_domain.accounts.consoleSignOut(credential, c.request.address);
    if (!r) {
        if (r.code() == Errc::AuthenticationFailed)
            return Routes::invalidToken(c.request, m_throttle, now, r.error().message,
                                        "console_credential_refused");
        return domainError(r.error());
    }
    HttpReply out = noContent();
    out.logNote = "console=signed_out";
    return out;
}

// ---- the signed-in person ----

HttpReply AdminApi::account(const Call &c)
{
    auto live = m_domain.accounts.refresh(c.actor);
    if (!live)
        return domainError(live.error());
    auto u = m_domain.accounts.user(c.actor, c.actor.userId);
    if (!u)
        return domainError(u.error());
    QStringList perms(live->permissions.cbegin(), live->permissions.cend());
    perms.sort();
    return reply({{QStringLiteral("user"), ApiJson::user(u.value())},
                  {QStringLiteral("permissions"), QJsonArray::fromStringList(perms)}});
}

HttpReply AdminApi::changeOwnPassword(const Call &c)
{
    Body b(c.request);
    const SecretBytes current = b.secret("currentPassword");
    const SecretBytes fresh = b.secret("newPassword");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.changeOwnPassword(c.actor, current, fresh);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::changeOwnAccessCode(const Call &c)
{
    Body b(c.request);
    const SecretBytes password = b.secret("currentPassword");
    const SecretBytes code = b.secret("accessCode");
    const auto age = b.optionalInteger("ageDays", 0, 3650);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.changeOwnAccessCode(c.actor, password, code, int(age.value_or(90)));
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::personalToken(const Call &c)
{
    auto t = m_domain.tokens.personalToken(c.actor, c.actor.userId);
    if (!t)
        return domainError(t.error());
    return reply({{QStringLiteral("token"), t.value() ? QJsonValue(ApiJson::token(*t.value()))
                                                      : QJsonValue(QJsonValue::Null)}});
}

HttpReply AdminApi::resetPersonalToken(const Call &c)
{
    Body b(c.request);
    const SecretBytes current = b.optionalSecret("currentAccessCode").value_or(SecretBytes());
    const auto fresh = b.optionalSecret("newAccessCode");
    const auto age = b.optionalInteger("ageDays", 0, 3650);
    const auto password = b.optionalSecret("currentPassword");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.resetPersonalToken(c.actor, c.actor.userId, current,
                                                fresh ? &*fresh : nullptr, int(age.value_or(90)),
                                                password ? &*password : nullptr);
    if (!r)
        return domainError(r.error());
    return secretToken(c, r.value(), 201);
}

HttpReply AdminApi::consoleSignIns(const Call &c)
{
    auto list = m_domain.accounts.consoleSignIns(c.actor, c.id);
    if (!list)
        return domainError(list.error());
    const qint64 now = Clock::nowMs();
    QJsonArray rows;
    for (const ConsoleSignIn &s : list.value())
        rows.append(ApiJson::consoleSignIn(s, now));
    return reply({{QStringLiteral("rows"), rows}});
}

HttpReply AdminApi::endConsoleSignIn(const Call &c)
{
    auto r = m_domain.accounts.endConsoleSignIn(c.actor, c.id);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::permissions(const Call &c)
{
    (void)c;
    QJsonArray perms;
    for (const QString &p : Permission::all())
        perms.append(QJsonObject{{QStringLiteral("name"), p},
                                 {QStringLiteral("description"), Permission::description(p)}});
    return reply({{QStringLiteral("permissions"), perms},
                  {QStringLiteral("scopes"), QJsonArray::fromStringList(Scope::all())}});
}

HttpReply AdminApi::tenant(const Call &c)
{
    auto live = m_domain.accounts.refresh(c.actor); // a disabled account reads nothing
    if (!live)
        return domainError(live.error());
    auto t = m_domain.accounts.tenant();
    return t ? reply(RecordJson::tenant(t.value())) : domainError(t.error());
}

HttpReply AdminApi::serverInfo(const Call &c)
{
    auto live = m_domain.accounts.refresh(c.actor); // a disabled account reads nothing
    if (!live)
        return domainError(live.error());
    return reply({{QStringLiteral("publicUrl"),
                   m_publicUrl.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_publicUrl)},
                  {QStringLiteral("version"), versionString()}});
}

HttpReply AdminApi::settings(const Call &c)
{
    auto live = m_domain.accounts.refresh(c.actor); // a disabled account reads nothing
    if (!live)
        return domainError(live.error());
    auto s = m_domain.accounts.settings();
    return s ? reply(ApiJson::settings(s.value())) : domainError(s.error());
}

HttpReply AdminApi::updateSettings(const Call &c)
{
    auto current = m_domain.accounts.settings();
    if (!current)
        return domainError(current.error());
    StoreSettings s = current.value();
    Body b(c.request);
    if (auto v = b.optionalInteger("expiringSoonDays", 0, 100000))
        s.expiringSoonDays = int(*v);
    if (auto v = b.optionalInteger("maxTokenLifetimeDays", 0, 100000))
        s.maxTokenLifetimeDays = int(*v);
    if (auto v = b.optionalInteger("sessionLifetimeDays", 0, 100000))
        s.sessionLifetimeDays = int(*v);
    if (auto v = b.optionalInteger("unusedTokenPolicyDays", 0, 100000))
        s.unusedTokenPolicyDays = int(*v);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.updateSettings(c.actor, s);
    return r ? reply(ApiJson::settings(s)) : domainError(r.error());
}

// ---- the change stream ----

HttpReply AdminApi::changes(const Call &c)
{
    Query q(c.request);
    const std::optional<qint64> after = q.integer("after", 0, std::numeric_limits<qint64>::max());
    if (!q.finish())
        return q.problem();
    const quint64 cursor = m_changes ? m_changes->cursor() : 0;
    HttpReply r = reply({{QStringLiteral("cursor"), qint64(cursor)}});
    if (m_changes && after && quint64(*after) == cursor) {
        // Nothing changed since: the server holds this answer (apiserver.cpp).
        m_changePoll =
            ChangePoll{cursor, QCryptographicHash::hash(c.request.header("Authorization"),
                                                        QCryptographicHash::Sha256)
                                   .left(16)};
    } else {
        r.logNote = "poll=at_once";
    }
    return r;
}

// ---- webhooks ----

HttpReply AdminApi::webhooks(const Call &c)
{
    auto list = m_domain.webhooks.list(c.actor);
    if (!list)
        return domainError(list.error());
    QJsonArray items;
    for (const Webhook &w : list.value())
        items.append(ApiJson::webhook(w));
    return reply({{QStringLiteral("items"), items}});
}

HttpReply AdminApi::webhookSecret(const Call &c, const WebhookSecret &created, int status)
{
    auto list = m_domain.webhooks.list(c.actor);
    if (!list)
        return domainError(list.error());
    QJsonObject hook;
    for (const Webhook &w : list.value())
        if (w.id == created.webhookId)
            hook = ApiJson::webhook(w);
    HttpReply out =
        secretReply({{QStringLiteral("secret"), QString::fromLatin1(created.secret.bytes())},
                     {QStringLiteral("webhook"), hook}},
                    status);
    out.logNote = "webhook-secret=" + created.hint.toUtf8();
    return out;
}

HttpReply AdminApi::createWebhook(const Call &c)
{
    Body b(c.request);
    NewWebhook w;
    w.url = b.text("url");
    w.events = b.texts("events");
    w.enabled = b.boolean("enabled", true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.webhooks.create(c.actor, w);
    return r ? webhookSecret(c, r.value(), 201) : domainError(r.error());
}

HttpReply AdminApi::updateWebhook(const Call &c)
{
    Body b(c.request);
    const QStringList events = b.texts("events");
    const bool enabled = b.boolean("enabled", true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.webhooks.update(c.actor, c.id, events, enabled);
    return r ? reply(ApiJson::webhook(r.value())) : domainError(r.error());
}

HttpReply AdminApi::deleteWebhook(const Call &c)
{
    auto r = m_domain.webhooks.remove(c.actor, c.id);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::regenerateWebhookSecret(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.webhooks.regenerateSecret(c.actor, c.id);
    return r ? webhookSecret(c, r.value(), 200) : domainError(r.error());
}

HttpReply AdminApi::webhookDeliveries(const Call &c)
{
    Query q(c.request);
    const int offset = int(q.integer("offset", 0, 1 << 30).value_or(0));
    const int limit = int(q.integer("limit", 1, WebhookService::PageMax).value_or(100));
    if (!q.finish())
        return q.problem();
    auto page = m_domain.webhooks.deliveries(c.actor, c.id, offset, limit);
    if (!page)
        return domainError(page.error());
    QJsonArray items;
    for (const WebhookDelivery &d : page->rows)
        items.append(ApiJson::webhookDelivery(d));
    return reply({{QStringLiteral("items"), items},
                  {QStringLiteral("offset"), offset},
                  {QStringLiteral("total"), page->total}});
}

HttpReply AdminApi::testWebhook(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.webhooks.sendTest(c.actor, c.id);
    return r ? reply(ApiJson::webhookDelivery(r.value()), 202) : domainError(r.error());
}

HttpReply AdminApi::redeliverWebhook(const Call &c)
{
    Body b(c.request);
    const QString delivery = b.text("deliveryId");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.webhooks.redeliver(c.actor, c.id, delivery);
    return r ? reply(ApiJson::webhookDelivery(r.value()), 202) : domainError(r.error());
}

} // namespace td
