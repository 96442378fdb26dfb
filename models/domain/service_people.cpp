// SPDX-License-Identifier: MIT
// Additions for the console's people screens (issue 4): counting users for the windowed list,
// signing out.
#include "service_p.h"

#include "domain/permissions.h"

namespace td {

namespace detail {

QString userWhere(const Actor &live, const UserQuery &query, const Store &store,
                  QVariantList &binds)
{
    QString where = QStringLiteral(" WHERE 1 = 1");
    if (!live.can(Permission::UsersView)) {
        where += QStringLiteral(" AND u.id = ?");
        binds << live.userId;
    }
    if (!query.includeDisabled)
        where += QStringLiteral(" AND u.disabled_at IS NULL");
    const QString text = query.text.trimmed();
    if (!text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        where += QStringLiteral(" AND (u.username %1 ? ESCAPE '\\' OR u.display_name %1 ? ESCAPE "
                                "'\\' OR u.email %1 ? ESCAPE '\\' OR d.name %1 ? ESCAPE '\\')")
                     .arg(store.ilike());
        binds << like << like << like << like;
    }
    return where;
}

} // namespace detail

Result<qint64> Service::countUsers(const Actor &actor, const UserQuery &query)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        QVariantList binds;
        const QString sql =
            QStringLiteral("SELECT COUNT(*) FROM users u JOIN departments d ON d.id = "
                           "u.department_id") +
            detail::userWhere(live, query, m_store, binds);
        return m_store.scalar(sql, binds).toLongLong();
    });
}

Result<void> Service::signOut(const Actor &actor)
{
    if (!actor.isPerson())
        return {};
    return m_store.write([&] {
        audit(actor, QStringLiteral("auth.sign_out"), QStringLiteral("user %1").arg(actor.username),
              QStringLiteral("success"));
    });
}

} // namespace td
