// SPDX-License-Identifier: MIT
#include "guard.h"

#include "core/clock.h"
#include "domain/records.h"

namespace td {

Actor Guard::live(const Actor &actor)
{
    if (!actor.isPerson())
        return actor;
    QSqlQuery q = m_store.run(QStringLiteral("SELECT u.disabled_at, u.user_type_id, ut.name "
                                             "FROM users u JOIN user_types ut ON ut.id = "
                                             "u.user_type_id WHERE u.id = ?"),
                              {actor.userId});
    if (!q.next() || !q.value(0).isNull())
        fail(Errc::PermissionDenied, tr("Your account is disabled or no longer exists; sign in "
                                        "again."));
    const qint64 typeId = q.value(1).toLongLong();
    Actor live = actor;
    const QStringList perms = Records::userTypePermissions(m_store, typeId);
    live.permissions = QSet<QString>(perms.begin(), perms.end());
    live.userTypeId = typeId;
    return live;
}

void Guard::require(bool allowed, const QString &what)
{
    if (!allowed)
        fail(Errc::PermissionDenied, tr("Your user type does not allow you to %1.").arg(what));
}

void Guard::require(const Actor &live, const QString &permission, const QString &what)
{
    require(live.can(permission), what);
}

void Guard::audit(const Actor &actor, const QString &action, const QString &target,
                  const QString &outcome, const QString &details)
{
    m_store.run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, "
                               "details, address) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {Clock::nowMs(), escapeControls(actor.label), action, escapeControls(target),
                 outcome, escapeControls(details),
                 escapeControls(actor.address.isEmpty() ? QStringLiteral("local") : actor.address)},
                "writing the audit log");
}

void Guard::auditApart(const Actor &actor, const QString &action, const QString &target,
                       const QString &outcome, const QString &details)
{
    // The change this belonged to was rolled back. If even this fails, the caller still gets
    // the original error.
    (void)m_store.write([&] { audit(actor, action, target, outcome, details); });
}

} // namespace td
