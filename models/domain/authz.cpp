// SPDX-License-Identifier: MIT
#include "authz.h"

#include "core/permissions.h"

#include <algorithm>

namespace td::Authz {

bool isSelf(const Actor &actor, qint64 userId)
{
    return actor.isPerson() && actor.userId == userId;
}

bool seesAllTokens(const Actor &actor)
{
    return actor.can(Permission::TokensViewAll) || actor.can(Permission::TokensManageAll);
}

bool mayViewToken(const Actor &actor, const ApiToken &token)
{
    return isSelf(actor, token.userId) || seesAllTokens(actor);
}

bool mayCreateTokens(const Actor &actor)
{
    return actor.can(Permission::TokensManageAll) || actor.can(Permission::TokensManageOwn);
}

bool mayManageAllTokens(const Actor &actor)
{
    return actor.can(Permission::TokensManageAll);
}

bool mayChangeToken(const Actor &actor, const ApiToken &token)
{
    if (actor.can(Permission::TokensManageAll))
        return true;
    return isSelf(actor, token.userId) &&
           (actor.can(Permission::TokensManageOwn) ||
            (token.personal && actor.can(Permission::TokensResetOwn)));
}

bool mayDeleteTokens(const Actor &actor)
{
    return actor.can(Permission::TokensManageAll);
}

bool mayResetPersonalToken(const Actor &actor, qint64 userId)
{
    if (!actor.isPerson())
        return true;
    return isSelf(actor, userId) && actor.can(Permission::TokensResetOwn);
}

bool seesAllSessions(const Actor &actor)
{
    return actor.can(Permission::SessionsView);
}

bool mayViewSession(const Actor &actor, qint64 ownerId)
{
    return isSelf(actor, ownerId) || seesAllSessions(actor);
}

bool mayRevokeAnySession(const Actor &actor)
{
    return actor.can(Permission::SessionsRevoke);
}

bool mayRevokeSession(const Actor &actor, qint64 ownerId)
{
    return isSelf(actor, ownerId) || mayRevokeAnySession(actor);
}

bool seesAllUsers(const Actor &actor)
{
    return actor.can(Permission::UsersView);
}

bool mayViewUser(const Actor &actor, qint64 userId)
{
    return isSelf(actor, userId) || seesAllUsers(actor);
}

bool mayManageUsers(const Actor &actor)
{
    return actor.can(Permission::UsersManage);
}

bool holdsAll(const Actor &actor, const QStringList &permissions)
{
    return std::all_of(permissions.cbegin(), permissions.cend(),
                       [&](const QString &p) { return actor.can(p); });
}

bool mayAssignUserType(const Actor &actor, const QStringList &typePermissions)
{
    return mayManageUsers(actor) && holdsAll(actor, typePermissions);
}

bool mayChangeUserTypeOf(const Actor &actor, qint64 userId)
{
    return !isSelf(actor, userId);
}

bool mayCreateUserType(const Actor &actor, const QStringList &permissions)
{
    return mayManageUsers(actor) && holdsAll(actor, permissions);
}

bool mayEditUserType(const Actor &actor, qint64 typeId, const QStringList &current,
                     const QStringList &newPermissions)
{
    if (actor.isPerson() && actor.userTypeId == typeId)
        return false;
    return mayManageUsers(actor) && holdsAll(actor, current) && holdsAll(actor, newPermissions);
}

bool mayManageUser(const Actor &actor, qint64 userId, const QStringList &targetPermissions)
{
    (void)userId; // oneself: one's own permissions are within one's own
    return mayManageUsers(actor) && holdsAll(actor, targetPermissions);
}

bool maySetPassword(const Actor &actor, qint64 userId, const QStringList &targetPermissions)
{
    return !isSelf(actor, userId) && mayManageUser(actor, userId, targetPermissions);
}

bool maySetAccessCode(const Actor &actor, qint64 userId, const QStringList &targetPermissions)
{
    return !isSelf(actor, userId) && mayManageUser(actor, userId, targetPermissions);
}

bool mayChangeOwnAccessCode(const Actor &actor)
{
    return actor.isPerson() && actor.can(Permission::TokensResetOwn);
}

bool mayEndConsoleSignIn(const Actor &actor, qint64 userId, const QStringList &targetPermissions)
{
    return isSelf(actor, userId) || mayManageUser(actor, userId, targetPermissions);
}

bool mayChangeSettings(const Actor &actor)
{
    return actor.can(Permission::SettingsManage);
}

bool mayReadAudit(const Actor &actor)
{
    return actor.can(Permission::AuditView);
}

} // namespace td::Authz
