// SPDX-License-Identifier: MIT
// Departments and user types.
#include "accountservice.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"

namespace td {

// ---- departments ------------------------------------------------------------------------------

Result<Department> AccountService::createDepartment(const Actor &actor, const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (QString why = Records::checkName(name, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    const QString target = QStringLiteral("department \"%1\"").arg(name);
    return m_guard.change(
        actor, QStringLiteral("department.create"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("create departments"));
            if (store()
                    .scalar(QStringLiteral("SELECT id FROM departments WHERE name_key = ?"),
                            {name.toCaseFolded()})
                    .isValid())
                fail(Errc::AlreadyExists, tr("A department named \"%1\" already exists.").arg(name),
                     QStringLiteral("name"));
            const qint64 now = Clock::nowMs();
            Department d;
            d.name = name;
            d.createdAt = Clock::fromMs(now);
            d.id = store().insert(
                QStringLiteral("INSERT INTO departments (name, name_key, created_at) "
                               "VALUES (?, ?, ?)"),
                {name, name.toCaseFolded(), now});
            m_guard.audit(live, QStringLiteral("department.create"),
                          QStringLiteral("department #%1 \"%2\"").arg(d.id).arg(name),
                          QStringLiteral("success"));
            return d;
        });
}

Result<void> AccountService::renameDepartment(const Actor &actor, qint64 id, const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (QString why = Records::checkName(name, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    const QString target = QStringLiteral("department #%1").arg(id);
    return m_guard.change(
        actor, QStringLiteral("department.rename"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("rename departments"));
            const QVariant old =
                store().scalar(QStringLiteral("SELECT name FROM departments WHERE id = ?"), {id});
            if (!old.isValid())
                fail(Errc::NotFound, tr("There is no department with id %1.").arg(id));
            const QVariant other = store().scalar(
                QStringLiteral("SELECT id FROM departments WHERE name_key = ? AND id <> ?"),
                {name.toCaseFolded(), id});
            if (other.isValid())
                fail(Errc::AlreadyExists, tr("A department named \"%1\" already exists.").arg(name),
                     QStringLiteral("name"));
            store().run(
                QStringLiteral("UPDATE departments SET name = ?, name_key = ? WHERE id = ?"),
                {name, name.toCaseFolded(), id});
            m_guard.audit(live, QStringLiteral("department.rename"), target,
                          QStringLiteral("success"),
                          QStringLiteral("\"%1\" → \"%2\"").arg(old.toString(), name));
        });
}

Result<void> AccountService::deleteDepartment(const Actor &actor, qint64 id)
{
    const QString target = QStringLiteral("department #%1").arg(id);
    return m_guard.change(
        actor, QStringLiteral("department.delete"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("delete departments"));
            const QVariant name =
                store().scalar(QStringLiteral("SELECT name FROM departments WHERE id = ?"), {id});
            if (!name.isValid())
                fail(Errc::NotFound, tr("There is no department with id %1.").arg(id));
            const qint64 users =
                store()
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE department_id = ?"),
                            {id})
                    .toLongLong();
            const qint64 tokens =
                store()
                    .scalar(
                        QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE department_id = ?"),
                        {id})
                    .toLongLong();
            if (users > 0 || tokens > 0)
                fail(Errc::Conflict,
                     tr("The department \"%1\" still has %2 user(s) and %3 token(s); "
                        "move or delete them first.")
                         .arg(name.toString())
                         .arg(users)
                         .arg(tokens));
            store().run(QStringLiteral("DELETE FROM departments WHERE id = ?"), {id});
            m_guard.audit(live, QStringLiteral("department.delete"),
                          QStringLiteral("department #%1 \"%2\"").arg(id).arg(name.toString()),
                          QStringLiteral("success"));
        });
}

Result<QList<Department>> AccountService::departments(const Actor &actor)
{
    return m_guard.view(actor, [&](const Actor &) {
        // Everyone may read the list of departments: it is needed to create one's own tokens.
        QSqlQuery q = store().run(
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
                 AccountService::tr("Unknown permission \"%1\" (known: %2).")
                     .arg(p, known.join(QLatin1String(", "))),
                 QStringLiteral("permissions"));
        if (!out.contains(p))
            out << p;
    }
    out.sort();
    return out;
}
} // namespace

Result<UserType> AccountService::createUserType(const Actor &actor, const QString &rawName,
                                                const QString &description,
                                                const QStringList &permissions)
{
    const QString name = rawName.trimmed();
    if (QString why = Records::checkName(name, tr("user type name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("name"));
    if (QString why = Records::checkFreeText(description, Records::DescriptionMaxLength, false);
        !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("description"));
    const QString target = QStringLiteral("user type \"%1\"").arg(name);
    return m_guard.change(
        actor, QStringLiteral("user_type.create"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("create user types"));
            const QStringList perms = checkedPermissions(permissions);
            m_guard.require(Authz::mayCreateUserType(live, perms),
                            tr("grant permissions you do not hold"));
            if (store()
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
            t.id = store().insert(
                QStringLiteral("INSERT INTO user_types (name, name_key, description, "
                               "builtin, created_at) VALUES (?, ?, ?, 0, ?)"),
                {name, name.toCaseFolded(), description, now});
            for (const QString &p : perms)
                store().run(
                    QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                                   "VALUES (?, ?)"),
                    {t.id, p});
            m_guard.audit(live, QStringLiteral("user_type.create"),
                          QStringLiteral("user type #%1 \"%2\"").arg(t.id).arg(name),
                          QStringLiteral("success"),
                          QStringLiteral("permissions: %1").arg(perms.join(QLatin1String(","))));
            return t;
        });
}

Result<void> AccountService::setUserTypePermissions(const Actor &actor, qint64 id,
                                                    const QStringList &permissions)
{
    const QString target = QStringLiteral("user type #%1").arg(id);
    return m_guard.change(
        actor, QStringLiteral("user_type.update"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("change user types"));
            const QStringList perms = checkedPermissions(permissions);
            QSqlQuery q = store().run(
                QStringLiteral("SELECT name, builtin FROM user_types WHERE id = ?"), {id});
            if (!q.next())
                fail(Errc::NotFound, tr("There is no user type with id %1.").arg(id));
            const QString name = q.value(0).toString();
            const bool builtin = q.value(1).toInt() != 0;
            q.finish();
            const QStringList before = Records::userTypePermissions(store(), id);
            m_guard.require(Authz::mayEditUserType(live, id, before, perms),
                            live.userTypeId == id ? tr("change your own user type")
                                                  : tr("grant permissions you do not hold"));
            if (builtin && name == BuiltinUserType::Administrator)
                fail(Errc::Conflict,
                     tr("The Administrator user type always holds every permission."));
            store().run(QStringLiteral("DELETE FROM user_type_permissions WHERE user_type_id = ?"),
                        {id});
            for (const QString &p : perms)
                store().run(
                    QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                                   "VALUES (?, ?)"),
                    {id, p});
            m_guard.audit(
                live, QStringLiteral("user_type.update"),
                QStringLiteral("user type #%1 \"%2\"").arg(id).arg(name), QStringLiteral("success"),
                QStringLiteral("permissions: %1 → %2")
                    .arg(before.join(QLatin1String(",")), perms.join(QLatin1String(","))));
        });
}

Result<void> AccountService::deleteUserType(const Actor &actor, qint64 id)
{
    const QString target = QStringLiteral("user type #%1").arg(id);
    return m_guard.change(
        actor, QStringLiteral("user_type.delete"), target, [&](const Actor &live) {
            m_guard.require(Authz::mayManageUsers(live), tr("delete user types"));
            QSqlQuery q = store().run(
                QStringLiteral("SELECT name, builtin FROM user_types WHERE id = ?"), {id});
            if (!q.next())
                fail(Errc::NotFound, tr("There is no user type with id %1.").arg(id));
            const QString name = q.value(0).toString();
            if (q.value(1).toInt() != 0)
                fail(Errc::Conflict,
                     tr("The built-in user type \"%1\" cannot be deleted.").arg(name));
            q.finish();
            m_guard.require(
                Authz::mayEditUserType(live, id, Records::userTypePermissions(store(), id), {}),
                tr("delete a user type with permissions you do not hold"));
            const qint64 used =
                store()
                    .scalar(QStringLiteral(
                                "SELECT (SELECT COUNT(*) FROM users WHERE user_type_id = ?) "
                                "+ (SELECT COUNT(*) FROM api_tokens WHERE user_type_id = ?)"),
                            {id, id})
                    .toLongLong();
            if (used > 0)
                fail(Errc::Conflict,
                     tr("The user type \"%1\" is still used by users or tokens.").arg(name));
            store().run(QStringLiteral("DELETE FROM user_types WHERE id = ?"), {id});
            m_guard.audit(live, QStringLiteral("user_type.delete"),
                          QStringLiteral("user type #%1 \"%2\"").arg(id).arg(name),
                          QStringLiteral("success"));
        });
}

Result<QList<UserType>> AccountService::userTypes(const Actor &actor)
{
    return m_guard.view(actor, [&](const Actor &) {
        QSqlQuery q = store().run(QStringLiteral(
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
            t.permissions = Records::userTypePermissions(store(), t.id);
        return out;
    });
}

} // namespace td
