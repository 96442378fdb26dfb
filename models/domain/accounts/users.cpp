// SPDX-License-Identifier: MIT
// Users: create, edit, passwords and access codes, disable and enable, the user list.
#include "accountservice.h"

#include "credentials.h"
#include "domain/webhooks/webhookservice.h"
#include "userquery.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

namespace td {

Result<User> AccountService::createUser(const Actor &actor, const NewUser &n)
{
    const QString username = CredentialPolicy::canonicalUsername(n.username);
    if (QString why = CredentialPolicy::checkUsername(username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("username"));
    const QString displayName = n.displayName.trimmed();
    if (!displayName.isEmpty())
        if (QString why = Records::checkName(displayName, tr("display name")); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("displayName"));
    const QString email = n.email.trimmed();
    if (!email.isEmpty())
        if (QString why = Records::checkEmail(email); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("email"));
    if (QString why = Records::checkLanguage(n.language); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("language"));
    if (n.department.trimmed().isEmpty())
        return Error(Errc::InvalidArgument, tr("Choose the user's department."),
                     QStringLiteral("department"));
    if (n.userType.trimmed().isEmpty())
        return Error(Errc::InvalidArgument, tr("Choose the user's user type."),
                     QStringLiteral("userType"));
    if (QString why = CredentialPolicy::checkPassword(n.password, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));

    const QString target = QStringLiteral("user %1").arg(username);
    // Check what can be checked before spending time on Argon2id.
    auto pre = m_guard.denyAudited(
        actor, QStringLiteral("user.create"), target, m_guard.view(actor, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("create users"));
            Records::departmentIdByName(store(), n.department, QStringLiteral("department"));
            requireAssignable(
                live, Records::userTypeIdByName(store(), n.userType, QStringLiteral("userType")));
            if (Records::findUser(store(), username))
                fail(Errc::AlreadyExists, tr("The username \"%1\" is taken.").arg(username),
                     QStringLiteral("username"));
        }));
    if (!pre)
        return pre.error();
    const QByteArray hash = PasswordHasher::hash(CredentialPolicy::normalize(n.password));
    return m_guard.change(actor, QStringLiteral("user.create"), target, [&](const Actor &live) {
        m_guard.require(Authz::mayManageUsers(live), tr("create users"));
        const qint64 deptId =
            Records::departmentIdByName(store(), n.department, QStringLiteral("department"));
        const qint64 typeId =
            Records::userTypeIdByName(store(), n.userType, QStringLiteral("userType"));
        requireAssignable(live, typeId);
        if (Records::findUser(store(), username))
            fail(Errc::AlreadyExists, tr("The username \"%1\" is taken.").arg(username),
                 QStringLiteral("username"));
        const qint64 now = Clock::nowMs();
        const qint64 id = store().insert(
            QStringLiteral("INSERT INTO users (username, display_name, email, department_id, "
                           "user_type_id, password_hash, created_at, created_by, language) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {username, displayName.isEmpty() ? username : displayName, email, deptId, typeId,
             QString::fromLatin1(hash), now, live.label, n.language});
        const UserRow row = Records::loadUser(store(), id);
        m_guard.audit(live, QStringLiteral("user.create"),
                      QStringLiteral("user #%1 %2").arg(id).arg(username),
                      QStringLiteral("success"),
                      QStringLiteral("department %1, user type %2")
                          .arg(row.user.department, row.user.userType));
        return row.user;
    });
}

Result<void> AccountService::updateUser(const Actor &actor, qint64 id, const UserChanges &c)
{
    if (c.displayName)
        if (QString why = Records::checkName(c.displayName->trimmed(), tr("display name"));
            !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("displayName"));
    if (c.email && !c.email->trimmed().isEmpty())
        if (QString why = Records::checkEmail(c.email->trimmed()); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("email"));
    if (c.language)
        if (QString why = Records::checkLanguage(*c.language); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("language"));
    const QString target = QStringLiteral("user #%1").arg(id);
    return m_guard.change(actor, QStringLiteral("user.update"), target, [&](const Actor &live) {
        m_guard.require(Authz::mayManageUsers(live), tr("edit users"));
        const UserRow before = requireManageable(live, id, tr("edit users"));
        QStringList changes;
        if (c.displayName && c.displayName->trimmed() != before.user.displayName) {
            store().run(QStringLiteral("UPDATE users SET display_name = ? WHERE id = ?"),
                        {c.displayName->trimmed(), id});
            changes << QStringLiteral("display name"); // English: AuditPhrases
        }
        if (c.email && c.email->trimmed() != before.user.email) {
            store().run(QStringLiteral("UPDATE users SET email = ? WHERE id = ?"),
                        {c.email->trimmed(), id});
            changes << QStringLiteral("email");
        }
        if (c.language && *c.language != before.user.language) {
            store().run(QStringLiteral("UPDATE users SET language = ? WHERE id = ?"),
                        {*c.language, id});
            changes << QStringLiteral("language");
        }
        if (c.department) {
            const qint64 dept =
                Records::departmentIdByName(store(), *c.department, QStringLiteral("department"));
            if (dept != before.user.departmentId) {
                store().run(QStringLiteral("UPDATE users SET department_id = ? WHERE id = ?"),
                            {dept, id});
                // The user's tokens move along (those an administrator bound elsewhere stay).
                store().run(QStringLiteral("UPDATE api_tokens SET department_id = ?, "
                                           "department_name = (SELECT name FROM departments "
                                           "WHERE id = ?) WHERE user_id = ? AND department_id = ?"),
                            {dept, dept, id, before.user.departmentId});
                changes << QStringLiteral("department %1 → %2")
                               .arg(before.user.department, c.department->trimmed());
            }
        }
        if (c.userType) {
            const qint64 type =
                Records::userTypeIdByName(store(), *c.userType, QStringLiteral("userType"));
            if (type != before.user.userTypeId) {
                if (!Authz::mayChangeUserTypeOf(live, id))
                    fail(Errc::PermissionDenied, tr("You cannot change your own user type."),
                         QStringLiteral("userType"));
                requireAssignable(live, type);
                store().run(QStringLiteral("UPDATE users SET user_type_id = ? WHERE id = ?"),
                            {type, id});
                // The user's tokens follow; verification limits every token of the user to
                // the new type's permissions in any case (effectiveScopes()).
                store().run(QStringLiteral("UPDATE api_tokens SET user_type_id = ?, "
                                           "user_type_name = (SELECT name FROM user_types WHERE "
                                           "id = ?) WHERE user_id = ? AND user_type_id = ?"),
                            {type, type, id, before.user.userTypeId});
                changes << QStringLiteral("user type %1 → %2")
                               .arg(before.user.userType, c.userType->trimmed());
            }
        }
        if (!changes.isEmpty())
            m_guard.audit(live, QStringLiteral("user.update"),
                          QStringLiteral("user #%1 %2").arg(id).arg(before.user.username),
                          QStringLiteral("success"), changes.join(QLatin1String("; ")));
    });
}

Result<void> AccountService::setPassword(const Actor &actor, qint64 userId,
                                         const SecretBytes &password)
{
    return writePassword(actor, userId, password, false);
}

Result<void> AccountService::writePassword(const Actor &actor, qint64 userId,
                                           const SecretBytes &password, bool currentChecked)
{
    auto row = store().read([&] { return Records::loadUser(store(), userId); });
    if (!row)
        return row.error();
    const QString username = row->user.username;
    if (QString why = CredentialPolicy::checkPassword(password, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));
    const QByteArray hash = PasswordHasher::hash(CredentialPolicy::normalize(password));
    const QString target = QStringLiteral("user #%1 %2").arg(userId).arg(username);
    return m_guard.change(actor, QStringLiteral("user.password"), target, [&](const Actor &live) {
        const bool self = Authz::isSelf(live, userId);
        if (self && !currentChecked)
            fail(Errc::PermissionDenied, tr("Change your own password with your current password."),
                 QStringLiteral("currentPassword"));
        if (!self)
            m_guard.require(Authz::maySetPassword(live, userId, typePermissionsOf(userId)),
                            tr("set this user's password"));
        store().run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                    {QString::fromLatin1(hash), userId});
        m_credentials.forgetFailures(live, Credentials::Kind::Password, username);
        m_guard.audit(live, QStringLiteral("user.password"), target, QStringLiteral("success"),
                      self ? QStringLiteral("changed own password")
                           : QStringLiteral("password set by administrator"));
    });
}

QStringList AccountService::typePermissionsOf(qint64 userId)
{
    return Records::userTypePermissions(store(),
                                        Records::loadUser(store(), userId).user.userTypeId);
}

UserRow AccountService::requireManageable(const Actor &live, qint64 userId, const QString &what)
{
    const UserRow u = Records::loadUser(store(), userId);
    m_guard.require(Authz::mayManageUser(live, userId,
                                         Records::userTypePermissions(store(), u.user.userTypeId)),
                    what);
    return u;
}

void AccountService::requireAssignable(const Actor &live, qint64 userTypeId)
{
    m_guard.require(
        Authz::mayAssignUserType(live, Records::userTypePermissions(store(), userTypeId)),
        tr("give a user more permissions than your own"));
}

Result<DisableResult> AccountService::liveCredentials(const Actor &actor, qint64 userId)
{
    return m_guard.view(actor, [&](const Actor &live) {
        m_guard.require(Authz::seesAllUsers(live), tr("see users"));
        const qint64 now = Clock::nowMs();
        DisableResult r;
        r.tokensRevoked =
            store()
                .scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE user_id = ? "
                                       "AND revoked_at IS NULL AND expires_at > ?"),
                        {userId, now})
                .toInt();
        r.sessionsRevoked = store()
                                .scalar(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions WHERE "
                                                       "user_id = ? AND revoked_at IS NULL AND "
                                                       "expires_at > ?"),
                                        {userId, now})
                                .toInt();
        return r;
    });
}

Result<DisableResult> AccountService::disableUser(const Actor &actor, qint64 userId)
{
    const QString target = QStringLiteral("user #%1").arg(userId);
    return m_guard.change(actor, QStringLiteral("user.disable"), target, [&](const Actor &live) {
        m_guard.require(Authz::mayManageUsers(live), tr("disable users"));
        const UserRow u = requireManageable(live, userId, tr("disable this user"));
        if (!u.user.enabled())
            fail(Errc::Conflict, tr("The user %1 is already disabled.").arg(u.user.username));
        if (Authz::isSelf(live, userId))
            fail(Errc::Conflict, tr("You cannot disable your own account."));
        // Never lock everybody out: keep at least one enabled administrator.
        if (u.user.userType == BuiltinUserType::Administrator) {
            const qint64 admins =
                store()
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM users u JOIN user_types t ON "
                                           "t.id = u.user_type_id WHERE t.name_key = ? AND "
                                           "u.disabled_at IS NULL"),
                            {BuiltinUserType::Administrator.toCaseFolded()})
                    .toLongLong();
            if (admins <= 1)
                fail(Errc::Conflict, tr("%1 is the last enabled administrator and cannot be "
                                        "disabled.")
                                         .arg(u.user.username));
        }
        const qint64 now = Clock::nowMs();
        DisableResult r;
        const QList<qint64> tokens = WebhookOutbox::idsIfSubscribed(
            store(), QStringLiteral("token.revoked"),
            QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL"),
            {userId});
        const QList<qint64> sessions = WebhookOutbox::idsIfSubscribed(
            store(), QStringLiteral("session.revoked"),
            QStringLiteral(
                "SELECT id FROM mobile_sessions WHERE user_id = ? AND revoked_at IS NULL"),
            {userId});
        QSqlQuery q =
            store().run(QStringLiteral("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? "
                                       "WHERE user_id = ? AND revoked_at IS NULL"),
                        {now, live.label, userId});
        r.tokensRevoked = q.numRowsAffected();
        q = store().run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? "
                                       "WHERE user_id = ? AND revoked_at IS NULL"),
                        {now, live.label, userId});
        r.sessionsRevoked = q.numRowsAffected();
        WebhookOutbox::tokensRevoked(store(), tokens);
        WebhookOutbox::sessionsRevoked(store(), sessions);
        store().run(
            QStringLiteral("UPDATE users SET disabled_at = ?, disabled_by = ? WHERE id = ?"),
            {now, live.label, userId});
        m_guard.audit(live, QStringLiteral("user.disable"),
                      QStringLiteral("user #%1 %2").arg(userId).arg(u.user.username),
                      QStringLiteral("success"),
                      QStringLiteral("revoked %1 API token(s) and %2 mobile session(s)")
                          .arg(r.tokensRevoked)
                          .arg(r.sessionsRevoked));
        return r;
    });
}

Result<void> AccountService::unlockUser(const Actor &actor, qint64 userId)
{
    const QString target = QStringLiteral("user #%1").arg(userId);
    return m_guard.change(actor, QStringLiteral("auth.unlock"), target, [&](const Actor &live) {
        m_guard.require(Authz::mayManageUsers(live), tr("lift sign-in locks"));
        const UserRow u = requireManageable(live, userId, tr("lift this user's sign-in lock"));
        const bool password =
            m_credentials.forgetFailures(live, Credentials::Kind::Password, u.user.username);
        const bool accessCode =
            m_credentials.forgetFailures(live, Credentials::Kind::AccessCode, u.user.username);
        if (!password && !accessCode)
            fail(Errc::Conflict, tr("The sign-in of %1 is not locked.").arg(u.user.username));
    });
}

Result<void> AccountService::enableUser(const Actor &actor, qint64 userId)
{
    const QString target = QStringLiteral("user #%1").arg(userId);
    return m_guard.change(actor, QStringLiteral("user.enable"), target, [&](const Actor &live) {
        m_guard.require(Authz::mayManageUsers(live), tr("enable users"));
        const UserRow u = requireManageable(live, userId, tr("enable this user"));
        if (u.user.enabled())
            fail(Errc::Conflict, tr("The user %1 is not disabled.").arg(u.user.username));
        store().run(
            QStringLiteral("UPDATE users SET disabled_at = NULL, disabled_by = NULL WHERE id = ?"),
            {userId});
        m_guard.audit(live, QStringLiteral("user.enable"),
                      QStringLiteral("user #%1 %2").arg(userId).arg(u.user.username),
                      QStringLiteral("success"));
    });
}

Result<User> AccountService::user(const Actor &actor, qint64 id)
{
    return m_guard.denyAudited(
        actor, QStringLiteral("user.read"), QStringLiteral("user #%1").arg(id),
        m_guard.view(actor, [&](const Actor &live) {
            m_guard.require(Authz::mayViewUser(live, id), tr("see other users"));
            return Records::loadUser(store(), id).user;
        }));
}

Result<User> AccountService::userByName(const Actor &actor, const QString &username)
{
    return m_guard.denyAudited(
        actor, QStringLiteral("user.read"), QStringLiteral("user %1").arg(username.trimmed()),
        m_guard.view(actor, [&](const Actor &live) {
            const QString name = CredentialPolicy::canonicalUsername(username);
            auto row = Records::findUser(store(), name);
            if (!row)
                fail(Errc::NotFound, tr("There is no user \"%1\".").arg(username.trimmed()),
                     QStringLiteral("user"));
            m_guard.require(Authz::mayViewUser(live, row->user.id), tr("see other users"));
            return row->user;
        }));
}

Result<QList<User>> AccountService::users(const Actor &actor, const UserQuery &query)
{
    return m_guard.view(actor, [&](const Actor &live) {
        QList<User> out;
        visitList<User>(
            store(), UserList::select(store(), live, query), Records::userColumns(), query.offset,
            query.limit, "listing users",
            [](const QSqlQuery &q) { return Records::readUser(q).user; },
            [&](const User &user) {
                out << user;
                return true;
            });
        return out;
    });
}

Result<qint64> AccountService::countUsers(const Actor &actor, const UserQuery &query)
{
    return m_guard.view(actor, [&](const Actor &live) {
        return SqlWindow::count(store(), UserList::select(store(), live, query));
    });
}

Result<Window<User>> AccountService::userWindow(const Actor &actor, const UserQuery &query,
                                                const WindowRequest &request)
{
    return m_guard.view(actor, [&](const Actor &live) {
        return readWindow<User>(
            store(), SqlWindow::ids(store(), UserList::select(store(), live, query), request),
            request.offset, Records::userColumns(), QStringLiteral("u.id"), "reading users",
            [](const QSqlQuery &q) { return Records::readUser(q).user; });
    });
}

Result<qint64> AccountService::userPosition(const Actor &actor, const UserQuery &query, qint64 id)
{
    return m_guard.view(actor, [&](const Actor &live) {
        return SqlWindow::position(store(), UserList::select(store(), live, query), id);
    });
}

// ---- access codes -----------------------------------------------------------------------------

Result<void> AccountService::setAccessCode(const Actor &actor, qint64 userId,
                                           const SecretBytes &code, int ageDays)
{
    return writeAccessCode(actor, userId, code, ageDays, false);
}

Result<void> AccountService::changeOwnAccessCode(const Actor &actor,
                                                 const SecretBytes &currentPassword,
                                                 const SecretBytes &code, int ageDays)
{
    if (!actor.isPerson())
        return Error(Errc::InvalidArgument, tr("Only a signed-in person has an own access code."));
    if (auto ok = m_credentials.checkNewAccessCode(code, actor.username, ageDays); !ok)
        return ok.error();
    if (auto ok = m_credentials.checkCurrentPassword(actor, currentPassword,
                                                     QStringLiteral("access_code.set"));
        !ok)
        return ok.error();
    return writeAccessCode(actor, actor.userId, code, ageDays, true);
}

Result<void> AccountService::writeAccessCode(const Actor &actor, qint64 userId,
                                             const SecretBytes &code, int ageDays,
                                             bool currentChecked)
{
    auto row = store().read([&] { return Records::loadUser(store(), userId); });
    if (!row)
        return row.error();
    const QString username = row->user.username;
    auto hash = m_credentials.hashNewAccessCode(code, username, ageDays);
    if (!hash)
        return hash.error();
    const QString target = QStringLiteral("user #%1 %2").arg(userId).arg(username);
    return m_guard.change(actor, QStringLiteral("access_code.set"), target, [&](const Actor &live) {
        if (Authz::isSelf(live, userId)) {
            m_guard.require(Authz::mayChangeOwnAccessCode(live), tr("set your access code"));
            if (!currentChecked)
                fail(Errc::PermissionDenied,
                     tr("Change your own access code with your current password."),
                     QStringLiteral("currentPassword"));
        } else {
            m_guard.require(Authz::maySetAccessCode(live, userId, typePermissionsOf(userId)),
                            tr("set this user's access code"));
        }
        m_credentials.storeAccessCode(live, userId, username, hash.value(), ageDays);
    });
}

} // namespace td
