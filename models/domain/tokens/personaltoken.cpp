// SPDX-License-Identifier: MIT
// The personal API token of Manage Tokens ("Save and Generate").
#include "tokenservice.h"

#include "tokenquery.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/accounts/credentials.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"

namespace td {

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
const QString PersonalTokenName = QStringLiteral("Personal API token");
} // namespace

Result<std::optional<ApiToken>> TokenService::personalToken(const Actor &actor, qint64 userId)
{
    return m_guard.view(actor, [&](const Actor &live) -> std::optional<ApiToken> {
        m_guard.require(Authz::isSelf(live, userId) || Authz::seesAllTokens(live),
                        tr("see other users' tokens"));
        const QVariant id =
            store().scalar(QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? "
                                          "AND personal = 1 AND revoked_at IS NULL "
                                          "ORDER BY id DESC LIMIT 1"),
                           {userId});
        if (!id.isValid())
            return std::nullopt;
        return load(live, id.toLongLong());
    });
}

TokenService::Plan TokenService::personalPlan(const UserRow &user, qint64 accessExpiresMs,
                                              qint64 nowMs)
{
    Plan plan;
    plan.name = PersonalTokenName;
    plan.userId = user.user.id;
    plan.username = user.user.username;
    plan.departmentId = user.user.departmentId;
    plan.userTypeId = user.user.userTypeId;
    const QStringList granted = Records::userTypePermissions(store(), plan.userTypeId);
    for (const QString &s : Scope::all())
        if (granted.contains(s) && !Scope::chosenOnly(s))
            plan.scopes << s;
    if (plan.scopes.isEmpty())
        fail(Errc::Conflict, tr("The user type %1 grants no API scope, so a personal token "
                                "would be useless.")
                                 .arg(user.user.userType));
    // The personal token lives as long as the access code (a year when that never expires),
    // and never beyond the store's maximum lifetime.
    qint64 expires = accessExpiresMs > nowMs ? accessExpiresMs : nowMs + 365 * DayMs;
    const StoreSettings s = Records::loadSettings(store());
    if (s.maxTokenLifetimeDays > 0)
        expires = std::min(expires, nowMs + s.maxTokenLifetimeDays * DayMs);
    plan.expiresAtMs = expires;
    plan.description = QStringLiteral("Personal token generated with Save and Generate.");
    return plan;
}

Result<QByteArray> TokenService::checkResetCredentials(const Actor &actor, const User &u,
                                                       const SecretBytes &currentAccessCode,
                                                       const SecretBytes *newAccessCode,
                                                       int newAgeDays)
{
    // The new access code is checked before anything else so that a typo costs nothing.
    if (newAccessCode)
        if (auto ok = m_credentials.checkNewAccessCode(*newAccessCode, u.username, newAgeDays); !ok)
            return ok.error();
    if (u.hasAccessCode) {
        auto ok = m_credentials.check(Credentials::Kind::AccessCode, u.username, currentAccessCode,
                                      actor.address, QStringLiteral("token.reset"));
        if (!ok) {
            if (ok.code() == Errc::AuthenticationFailed)
                return Error(Errc::AuthenticationFailed, tr("The current access code is wrong."),
                             QStringLiteral("currentAccessCode"));
            return ok.error();
        }
        if (u.accessCodeExpiresAt.isValid() && u.accessCodeExpiresAt <= Clock::now() &&
            !newAccessCode)
            return Error(Errc::CredentialExpired,
                         tr("Your access code has expired; set a new access code to generate a "
                            "token."),
                         QStringLiteral("accessCode"));
    } else if (!newAccessCode) {
        return Error(Errc::InvalidArgument,
                     tr("%1 has no access code yet: set a new access code first.").arg(u.username),
                     QStringLiteral("accessCode"));
    }
    if (!newAccessCode)
        return QByteArray();
    return m_credentials.hashNewAccessCode(*newAccessCode, u.username, newAgeDays);
}

CreatedToken TokenService::replacePersonalToken(const Actor &live, qint64 userId,
                                                const QByteArray &newAccessCodeHash, int newAgeDays)
{
    const UserRow current = Records::loadUser(store(), userId);
    if (!current.user.enabled())
        fail(Errc::Conflict, tr("The user %1 is disabled.").arg(current.user.username));
    const qint64 now = Clock::nowMs();
    qint64 accessExpires = current.user.accessCodeExpiresAt.isValid()
                               ? current.user.accessCodeExpiresAt.toMSecsSinceEpoch()
                               : 0;
    if (!newAccessCodeHash.isEmpty())
        accessExpires = m_credentials.storeAccessCode(live, userId, current.user.username,
                                                      newAccessCodeHash, newAgeDays);
    // Revoke the old personal token(s) first: the name is unique among live tokens.
    QStringList revoked;
    QList<qint64> oldIds;
    QSqlQuery q =
        store().run(QStringLiteral("SELECT id, hint FROM api_tokens WHERE user_id = ? AND "
                                   "personal = 1 AND revoked_at IS NULL"),
                    {userId});
    while (q.next()) {
        oldIds << q.value(0).toLongLong();
        revoked
            << QStringLiteral("#%1 (%2)").arg(q.value(0).toLongLong()).arg(q.value(1).toString());
    }
    q.finish();
    markRevoked(live, oldIds, now);

    const Plan plan = personalPlan(current, accessExpires, now);
    requireNameFree(userId, plan.username, plan.name, true);
    CreatedToken created = insert(live, plan, true);
    m_guard.audit(live, QStringLiteral("token.reset"),
                  TokenList::target(created.id, plan.name, created.hint, plan.username),
                  QStringLiteral("success"),
                  revoked.isEmpty()
                      ? QStringLiteral("first personal token")
                      : QStringLiteral("replaces %1").arg(revoked.join(QLatin1String(", "))));
    return created;
}

Result<CreatedToken> TokenService::resetPersonalToken(const Actor &actor, qint64 userId,
                                                      const SecretBytes &currentAccessCode,
                                                      const SecretBytes *newAccessCode,
                                                      int newAgeDays,
                                                      const SecretBytes *currentPassword)
{
    auto row = m_guard.viewAudited(
        actor, QStringLiteral("token.reset"),
        QStringLiteral("personal token of user #%1").arg(userId), [&](const Actor &live) {
            if (live.isPerson() && !Authz::isSelf(live, userId))
                fail(Errc::PermissionDenied,
                     tr("Only %1 can reset their own API token.")
                         .arg(Records::loadUser(store(), userId).user.username));
            m_guard.require(Authz::mayResetPersonalToken(live, userId), tr("reset your API token"));
            return Records::loadUser(store(), userId);
        });
    if (!row)
        return row.error();
    const User u = row->user;
    // One's own new access code takes one's current password (as AccountService's does).
    if (newAccessCode && actor.isPerson()) {
        if (auto ok = m_credentials.checkNewAccessCode(*newAccessCode, u.username, newAgeDays); !ok)
            return ok.error();
        const SecretBytes none;
        if (auto ok = m_credentials.checkCurrentPassword(
                actor, currentPassword ? *currentPassword : none, QStringLiteral("token.reset"));
            !ok)
            return ok.error();
    }
    auto newHash = checkResetCredentials(actor, u, currentAccessCode, newAccessCode, newAgeDays);
    if (!newHash)
        return newHash.error();
    return m_guard.change(
        actor, QStringLiteral("token.reset"),
        QStringLiteral("personal token of %1").arg(u.username), [&](const Actor &live) {
            return replacePersonalToken(live, userId, newHash.value(), newAgeDays);
        });
}

} // namespace td
