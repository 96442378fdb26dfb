// SPDX-License-Identifier: MIT
// Departments, user types, users and access codes.
#include "service_p.h"

#include "core/permissions.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

namespace td {

using namespace detail;

// ---- departments ------------------------------------------------------------------------------

Result<Department> Service::createDepartment(const Actor &actor, const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (QString why = checkName(name, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    const QString target = QStringLiteral("department \"%1\"").arg(name);
    return denyAudited(actor, QStringLiteral("department.create"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("create departments"));
        if (m_store
                .scalar(QStringLiteral("SELECT id FROM departments WHERE name_key = ?"),
                        {name.toCaseFolded()})
                .isValid())
            fail(Errc::AlreadyExists, tr("A department named \"%1\" already exists.").arg(name),
                 QStringLiteral("name"));
        const qint64 now = Clock::nowMs();
        Department d;
        d.name = name;
        d.createdAt = Clock::fromMs(now);
        d.id = m_store.insert(QStringLiteral("INSERT INTO departments (name, name_key, created_at) "
                                             "VALUES (?, ?, ?)"),
                              {name, name.toCaseFolded(), now});
        audit(live, QStringLiteral("department.create"),
              QStringLiteral("department #%1 \"%2\"").arg(d.id).arg(name),
              QStringLiteral("success"));
        return d;
    }));
}

Result<void> Service::renameDepartment(const Actor &actor, qint64 id, const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (QString why = checkName(name, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    const QString target = QStringLiteral("department #%1").arg(id);
    return denyAudited(actor, QStringLiteral("department.rename"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("rename departments"));
        const QVariant old =
            m_store.scalar(QStringLiteral("SELECT name FROM departments WHERE id = ?"), {id});
        if (!old.isValid())
            fail(Errc::NotFound, tr("There is no department with id %1.").arg(id));
        const QVariant other = m_store.scalar(
            QStringLiteral("SELECT id FROM departments WHERE name_key = ? AND id <> ?"),
            {name.toCaseFolded(), id});
        if (other.isValid())
            fail(Errc::AlreadyExists, tr("A department named \"%1\" already exists.").arg(name),
                 QStringLiteral("name"));
        m_store.run(QStringLiteral("UPDATE departments SET name = ?, name_key = ? WHERE id = ?"),
                    {name, name.toCaseFolded(), id});
        audit(live, QStringLiteral("department.rename"), target, QStringLiteral("success"),
              QStringLiteral("\"%1\" → \"%2\"").arg(old.toString(), name));
    }));
}

Result<void> Service::deleteDepartment(const Actor &actor, qint64 id)
{
    const QString target = QStringLiteral("department #%1").arg(id);
    return denyAudited(actor, QStringLiteral("department.delete"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("delete departments"));
        const QVariant name =
            m_store.scalar(QStringLiteral("SELECT name FROM departments WHERE id = ?"), {id});
        if (!name.isValid())
            fail(Errc::NotFound, tr("There is no department with id %1.").arg(id));
        const qint64 users =
            m_store
                .scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE department_id = ?"), {id})
                .toLongLong();
        const qint64 tokens =
            m_store
                .scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE department_id = ?"),
                        {id})
                .toLongLong();
        if (users > 0 || tokens > 0)
            fail(Errc::Conflict, tr("The department \"%1\" still has %2 user(s) and %3 token(s); "
                                    "move or delete them first.")
                                     .arg(name.toString())
                                     .arg(users)
                                     .arg(tokens));
        m_store.run(QStringLiteral("DELETE FROM departments WHERE id = ?"), {id});
        audit(live, QStringLiteral("department.delete"),
              QStringLiteral("department #%1 \"%2\"").arg(id).arg(name.toString()),
              QStringLiteral("success"));
    }));
}

Result<QList<Department>> Service::departments(const Actor &actor)
{
    return m_store.read([&] {
        // Everyone may read the list of departments: it is needed to create one's own tokens.
        (void)liveActor(actor);
        QSqlQuery q = m_store.run(
            QStringLiteral("SELECT d.id, d.name, d.created_at, (SELECT COUNT(*) FROM users u WHERE "
                           "u.department_id = d.id) FROM departments d ORDER BY d.name_key"));
        QList<Department> out;
        while (q.next()) {
            Department d;
            d.id = q.value(0).toLongLong();
            d.name = q.value(1).toString();
            d.createdAt = Clock::fromMs(q.value(2));
            d.userCount = q.value(3).toLongLong();
            out << d;
        }
        return out;
    });
}

// ---- user types -------------------------------------------------------------------------------

namespace {
QStringList checkedPermissions(const QStringList &requested)
{
    QStringList out;
    const QStringList known = allGrantableNames();
    for (const QString &raw : requested) {
        const QString p = raw.trimmed();
        if (p.isEmpty())
            continue;
        if (!known.contains(p))
            fail(Errc::InvalidArgument,
                 Service::tr("Unknown permission \"%1\" (known: %2).")
                     .arg(p, known.join(QLatin1String(", "))),
                 QStringLiteral("permissions"));
        if (!out.contains(p))
            out << p;
    }
    out.sort();
    return out;
}
} // namespace

Result<UserType> Service::createUserType(const Actor &actor, const QString &rawName,
                                         const QString &description, const QStringList &permissions)
{
    const QString name = rawName.trimmed();
    if (QString why = checkName(name, tr("user type name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    if (QString why = checkFreeText(description, DescriptionMaxLength, false); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("description"));
    const QString target = QStringLiteral("user type \"%1\"").arg(name);
    return denyAudited(actor, QStringLiteral("user_type.create"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("create user types"));
        const QStringList perms = checkedPermissions(permissions);
        if (m_store
                .scalar(QStringLiteral("SELECT id FROM user_types WHERE name_key = ?"),
                        {name.toCaseFolded()})
                .isValid())
            fail(Errc::AlreadyExists, tr("A user type named \"%1\" already exists.").arg(name),
                 QStringLiteral("name"));
        const qint64 now = Clock::nowMs();
        UserType t;
        t.name = name;
        t.description = description;
        t.permissions = perms;
        t.id = m_store.insert(QStringLiteral("INSERT INTO user_types (name, name_key, description, "
                                             "builtin, created_at) VALUES (?, ?, ?, 0, ?)"),
                              {name, name.toCaseFolded(), description, now});
        for (const QString &p : perms)
            m_store.run(
                QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                               "VALUES (?, ?)"),
                {t.id, p});
        audit(live, QStringLiteral("user_type.create"),
              QStringLiteral("user type #%1 \"%2\"").arg(t.id).arg(name), QStringLiteral("success"),
              QStringLiteral("permissions: %1").arg(perms.join(QLatin1String(","))));
        return t;
    }));
}

Result<void> Service::setUserTypePermissions(const Actor &actor, qint64 id,
                                             const QStringList &permissions)
{
    const QString target = QStringLiteral("user type #%1").arg(id);
    return denyAudited(actor, QStringLiteral("user_type.update"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("change user types"));
        const QStringList perms = checkedPermissions(permissions);
        QSqlQuery q =
            m_store.run(QStringLiteral("SELECT name, builtin FROM user_types WHERE id = ?"), {id});
        if (!q.next())
            fail(Errc::NotFound, tr("There is no user type with id %1.").arg(id));
        const QString name = q.value(0).toString();
        const bool builtin = q.value(1).toInt() != 0;
        q.finish();
        if (builtin && name == BuiltinUserType::Administrator)
            fail(Errc::Conflict, tr("The Administrator user type always holds every permission."));
        const QStringList before = userTypePermissions(id);
        m_store.run(QStringLiteral("DELETE FROM user_type_permissions WHERE user_type_id = ?"),
                    {id});
        for (const QString &p : perms)
            m_store.run(
                QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                               "VALUES (?, ?)"),
                {id, p});
        audit(live, QStringLiteral("user_type.update"),
              QStringLiteral("user type #%1 \"%2\"").arg(id).arg(name), QStringLiteral("success"),
              QStringLiteral("permissions: %1 → %2")
                  .arg(before.join(QLatin1String(",")), perms.join(QLatin1String(","))));
    }));
}

Result<void> Service::deleteUserType(const Actor &actor, qint64 id)
{
    const QString target = QStringLiteral("user type #%1").arg(id);
    return denyAudited(actor, QStringLiteral("user_type.delete"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("delete user types"));
        QSqlQuery q =
            m_store.run(QStringLiteral("SELECT name, builtin FROM user_types WHERE id = ?"), {id});
        if (!q.next())
            fail(Errc::NotFound, tr("There is no user type with id %1.").arg(id));
        const QString name = q.value(0).toString();
        if (q.value(1).toInt() != 0)
            fail(Errc::Conflict, tr("The built-in user type \"%1\" cannot be deleted.").arg(name));
        q.finish();
        const qint64 used =
            m_store
                .scalar(
                    QStringLiteral("SELECT (SELECT COUNT(*) FROM users WHERE user_type_id = ?) "
                                   "+ (SELECT COUNT(*) FROM api_tokens WHERE user_type_id = ?)"),
                    {id, id})
                .toLongLong();
        if (used > 0)
            fail(Errc::Conflict,
                 tr("The user type \"%1\" is still used by users or tokens.").arg(name));
        m_store.run(QStringLiteral("DELETE FROM user_types WHERE id = ?"), {id});
        audit(live, QStringLiteral("user_type.delete"),
              QStringLiteral("user type #%1 \"%2\"").arg(id).arg(name), QStringLiteral("success"));
    }));
}

Result<QList<UserType>> Service::userTypes(const Actor &actor)
{
    return m_store.read([&] {
        (void)liveActor(actor);
        QSqlQuery q = m_store.run(QStringLiteral(
            "SELECT t.id, t.name, t.description, t.builtin, (SELECT COUNT(*) FROM users u WHERE "
            "u.user_type_id = t.id) FROM user_types t ORDER BY t.builtin DESC, t.id"));
        QList<UserType> out;
        while (q.next()) {
            UserType t;
            t.id = q.value(0).toLongLong();
            t.name = q.value(1).toString();
            t.description = q.value(2).toString();
            t.builtin = q.value(3).toInt() != 0;
            t.userCount = q.value(4).toLongLong();
            out << t;
        }
        q.finish();
        for (UserType &t : out)
            t.permissions = userTypePermissions(t.id);
        return out;
    });
}

// ---- users ------------------------------------------------------------------------------------

Result<User> Service::createUser(const Actor &actor, const NewUser &n)
{
    const QString username = CredentialPolicy::canonicalUsername(n.username);
    if (QString why = CredentialPolicy::checkUsername(username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("username"));
    const QString displayName = n.displayName.trimmed();
    if (!displayName.isEmpty())
        if (QString why = checkName(displayName, tr("display name")); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("displayName"));
    const QString email = n.email.trimmed();
    if (!email.isEmpty())
        if (QString why = checkEmail(email); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("email"));
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
    auto pre = denyAudited(actor, QStringLiteral("user.create"), target, m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("create users"));
        departmentIdByName(n.department, QStringLiteral("department"));
        userTypeIdByName(n.userType, QStringLiteral("userType"));
        if (findUser(username))
            fail(Errc::AlreadyExists, tr("The username \"%1\" is taken.").arg(username),
                 QStringLiteral("username"));
    }));
    if (!pre)
        return pre.error();
    const QByteArray hash = PasswordHasher::hash(CredentialPolicy::normalize(n.password));
    return denyAudited(actor, QStringLiteral("user.create"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("create users"));
        const qint64 deptId = departmentIdByName(n.department, QStringLiteral("department"));
        const qint64 typeId = userTypeIdByName(n.userType, QStringLiteral("userType"));
        if (findUser(username))
            fail(Errc::AlreadyExists, tr("The username \"%1\" is taken.").arg(username),
                 QStringLiteral("username"));
        const qint64 now = Clock::nowMs();
        const qint64 id = m_store.insert(
            QStringLiteral("INSERT INTO users (username, display_name, email, department_id, "
                           "user_type_id, password_hash, created_at, created_by) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {username, displayName.isEmpty() ? username : displayName, email, deptId, typeId,
             QString::fromLatin1(hash), now, live.label});
        const UserRow row = loadUser(id);
        audit(live, QStringLiteral("user.create"),
              QStringLiteral("user #%1 %2").arg(id).arg(username), QStringLiteral("success"),
              QStringLiteral("department %1, user type %2")
                  .arg(row.user.department, row.user.userType));
        return row.user;
    }));
}

Result<void> Service::updateUser(const Actor &actor, qint64 id, const UserChanges &c)
{
    if (c.displayName)
        if (QString why = checkName(c.displayName->trimmed(), tr("display name")); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("displayName"));
    if (c.email && !c.email->trimmed().isEmpty())
        if (QString why = checkEmail(c.email->trimmed()); !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("email"));
    const QString target = QStringLiteral("user #%1").arg(id);
    return denyAudited(actor, QStringLiteral("user.update"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("edit users"));
        const UserRow before = loadUser(id);
        QStringList changes;
        if (c.displayName && c.displayName->trimmed() != before.user.displayName) {
            m_store.run(QStringLiteral("UPDATE users SET display_name = ? WHERE id = ?"),
                        {c.displayName->trimmed(), id});
            changes << tr("display name");
        }
        if (c.email && c.email->trimmed() != before.user.email) {
            m_store.run(QStringLiteral("UPDATE users SET email = ? WHERE id = ?"),
                        {c.email->trimmed(), id});
            changes << tr("email");
        }
        if (c.department) {
            const qint64 dept = departmentIdByName(*c.department, QStringLiteral("department"));
            if (dept != before.user.departmentId) {
                m_store.run(QStringLiteral("UPDATE users SET department_id = ? WHERE id = ?"),
                            {dept, id});
                changes << QStringLiteral("department %1 → %2")
                               .arg(before.user.department, c.department->trimmed());
            }
        }
        if (c.userType) {
            const qint64 type = userTypeIdByName(*c.userType, QStringLiteral("userType"));
            if (type != before.user.userTypeId) {
                if (live.isPerson() && live.userId == id)
                    fail(Errc::Conflict, tr("You cannot change your own user type."),
                         QStringLiteral("userType"));
                m_store.run(QStringLiteral("UPDATE users SET user_type_id = ? WHERE id = ?"),
                            {type, id});
                changes << QStringLiteral("user type %1 → %2")
                               .arg(before.user.userType, c.userType->trimmed());
            }
        }
        if (!changes.isEmpty())
            audit(live, QStringLiteral("user.update"),
                  QStringLiteral("user #%1 %2").arg(id).arg(before.user.username),
                  QStringLiteral("success"), changes.join(QLatin1String("; ")));
    }));
}

Result<void> Service::setPassword(const Actor &actor, qint64 userId, const SecretBytes &password)
{
    auto row = m_store.read([&] { return loadUser(userId); });
    if (!row)
        return row.error();
    const QString username = row->user.username;
    if (QString why = CredentialPolicy::checkPassword(password, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));
    const QByteArray hash = PasswordHasher::hash(CredentialPolicy::normalize(password));
    const QString target = QStringLiteral("user #%1 %2").arg(userId).arg(username);
    return denyAudited(actor, QStringLiteral("user.password"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        if (!(live.isPerson() && live.userId == userId))
            require(live, Permission::UsersManage, tr("set other users' passwords"));
        m_store.run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                    {QString::fromLatin1(hash), userId});
        m_store.run(QStringLiteral("DELETE FROM auth_throttle WHERE key = ?"),
                    {QStringLiteral("user:") + username});
        audit(live, QStringLiteral("user.password"), target, QStringLiteral("success"),
              live.isPerson() && live.userId == userId
                  ? QStringLiteral("changed own password")
                  : QStringLiteral("password set by administrator"));
    }));
}

Result<DisableResult> Service::liveCredentials(const Actor &actor, qint64 userId)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersView, tr("see users"));
        const qint64 now = Clock::nowMs();
        DisableResult r;
        r.tokensRevoked =
            m_store
                .scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE user_id = ? "
                                       "AND revoked_at IS NULL AND expires_at > ?"),
                        {userId, now})
                .toInt();
        r.sessionsRevoked = m_store
                                .scalar(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions WHERE "
                                                       "user_id = ? AND revoked_at IS NULL AND "
                                                       "expires_at > ?"),
                                        {userId, now})
                                .toInt();
        return r;
    });
}

Result<DisableResult> Service::disableUser(const Actor &actor, qint64 userId)
{
    const QString target = QStringLiteral("user #%1").arg(userId);
    return denyAudited(actor, QStringLiteral("user.disable"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("disable users"));
        const UserRow u = loadUser(userId);
        if (!u.user.enabled())
            fail(Errc::Conflict, tr("The user %1 is already disabled.").arg(u.user.username));
        if (live.isPerson() && live.userId == userId)
            fail(Errc::Conflict, tr("You cannot disable your own account."));
        // Never lock everybody out: keep at least one enabled administrator.
        if (u.user.userType == BuiltinUserType::Administrator) {
            const qint64 admins =
                m_store
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
        QSqlQuery q =
            m_store.run(QStringLiteral("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? "
                                       "WHERE user_id = ? AND revoked_at IS NULL"),
                        {now, live.label, userId});
        r.tokensRevoked = q.numRowsAffected();
        q = m_store.run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? "
                                       "WHERE user_id = ? AND revoked_at IS NULL"),
                        {now, live.label, userId});
        r.sessionsRevoked = q.numRowsAffected();
        m_store.run(
            QStringLiteral("UPDATE users SET disabled_at = ?, disabled_by = ? WHERE id = ?"),
            {now, live.label, userId});
        audit(live, QStringLiteral("user.disable"),
              QStringLiteral("user #%1 %2").arg(userId).arg(u.user.username),
              QStringLiteral("success"),
              QStringLiteral("revoked %1 API token(s) and %2 mobile session(s)")
                  .arg(r.tokensRevoked)
                  .arg(r.sessionsRevoked));
        return r;
    }));
}

Result<void> Service::enableUser(const Actor &actor, qint64 userId)
{
    const QString target = QStringLiteral("user #%1").arg(userId);
    return denyAudited(actor, QStringLiteral("user.enable"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::UsersManage, tr("enable users"));
        const UserRow u = loadUser(userId);
        if (u.user.enabled())
            fail(Errc::Conflict, tr("The user %1 is not disabled.").arg(u.user.username));
        m_store.run(
            QStringLiteral("UPDATE users SET disabled_at = NULL, disabled_by = NULL WHERE id = ?"),
            {userId});
        audit(live, QStringLiteral("user.enable"),
              QStringLiteral("user #%1 %2").arg(userId).arg(u.user.username),
              QStringLiteral("success"));
    }));
}

Result<User> Service::user(const Actor &actor, qint64 id)
{
    return denyAudited(actor, QStringLiteral("user.read"), QStringLiteral("user #%1").arg(id),
                       m_store.read([&] {
                           const Actor live = liveActor(actor);
                           if (!(live.isPerson() && live.userId == id))
                               require(live, Permission::UsersView, tr("see other users"));
                           return loadUser(id).user;
                       }));
}

Result<User> Service::userByName(const Actor &actor, const QString &username)
{
    return denyAudited(actor, QStringLiteral("user.read"),
                       QStringLiteral("user %1").arg(username.trimmed()), m_store.read([&] {
                           const Actor live = liveActor(actor);
                           const QString name = CredentialPolicy::canonicalUsername(username);
                           auto row = findUser(name);
                           if (!row)
                               fail(Errc::NotFound,
                                    tr("There is no user \"%1\".").arg(username.trimmed()),
                                    QStringLiteral("user"));
                           if (!(live.isPerson() && live.userId == row->user.id))
                               require(live, Permission::UsersView, tr("see other users"));
                           return row->user;
                       }));
}

Result<QList<User>> Service::users(const Actor &actor, const UserQuery &query)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        QVariantList binds;
        QString sql = QStringLiteral("SELECT ") + userColumns() +
                      userWhere(live, query, m_store, binds) +
                      QStringLiteral(" ORDER BY u.username");
        if (query.limit > 0) {
            sql += QStringLiteral(" LIMIT ? OFFSET ?");
            binds << query.limit << query.offset;
        }
        QSqlQuery q = m_store.run(sql, binds);
        QList<User> out;
        while (q.next())
            out << readUser(q).user;
        return out;
    });
}

// ---- access codes -----------------------------------------------------------------------------

Result<void> Service::setAccessCode(const Actor &actor, qint64 userId, const SecretBytes &code,
                                    int ageDays)
{
    auto row = m_store.read([&] { return loadUser(userId); });
    if (!row)
        return row.error();
    const QString username = row->user.username;
    if (QString why = CredentialPolicy::checkAccessCode(code, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("accessCode"));
    if (!CredentialPolicy::isValidAccessCodeAge(ageDays))
        return Error(Errc::InvalidArgument,
                     tr("The access code age must be 30, 60, 90, 180 or 365 days, or never."),
                     QStringLiteral("age"));
    const QByteArray hash = PasswordHasher::hash(CredentialPolicy::normalize(code));
    const QString target = QStringLiteral("user #%1 %2").arg(userId).arg(username);
    return denyAudited(actor, QStringLiteral("access_code.set"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        if (live.isPerson() && live.userId == userId)
            require(live, Permission::TokensResetOwn, tr("set your access code"));
        else
            require(live, Permission::UsersManage, tr("set other users' access codes"));
        const qint64 now = Clock::nowMs();
        m_store.run(QStringLiteral("UPDATE users SET access_code_hash = ?, access_code_set_at = ?, "
                                   "access_code_expires_at = ? WHERE id = ?"),
                    {QString::fromLatin1(hash), now,
                     ageDays > 0 ? QVariant(now + ageDays * DayMs)
                                 : QVariant(QMetaType::fromType<qint64>()),
                     userId});
        audit(live, QStringLiteral("access_code.set"), target, QStringLiteral("success"),
              ageDays > 0 ? QStringLiteral("age %1 days").arg(ageDays)
                          : QStringLiteral("age never"));
    }));
}

} // namespace td
