// SPDX-License-Identifier: MIT
// Additions for the console's people screens (issue 4): counting users for the windowed list,
// signing out.
#include "service_p.h"

#include "core/permissions.h"

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

WindowedSelect Service::userSelect(const Actor &live, const UserQuery &query)
{
    // One table in FROM (SqlWindow may add SQLite's INDEXED BY after it); the department filter
    // looks departments up by subquery.
    WindowedSelect s;
    s.from = QStringLiteral("users u");
    s.id = QStringLiteral("u.id");
    s.keys = {QStringLiteral("u.username")};
    s.ascending = true;
    s.tableRows =
        m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM users")).toLongLong();
    if (!live.can(Permission::UsersView)) {
        s.conditions << QStringLiteral("u.id = ?");
        s.binds << live.userId;
    }
    if (!query.includeDisabled)
        s.conditions << QStringLiteral("u.disabled_at IS NULL");
    if (const QString text = query.text.trimmed(); !text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        s.conditions << QStringLiteral(
                            "u.username %1 ? ESCAPE '\\' OR u.display_name %1 ? ESCAPE '\\' OR "
                            "u.email %1 ? ESCAPE '\\' OR u.department_id IN (SELECT d.id FROM "
                            "departments d WHERE d.name %1 ? ESCAPE '\\')")
                            .arg(m_store.ilike());
        s.binds << like << like << like << like;
        s.textSearch = true;
    }
    return s;
}

Result<qint64> Service::countUsers(const Actor &actor, const UserQuery &query)
{
    return m_store.read(
        [&] { return SqlWindow::count(m_store, userSelect(liveActor(actor), query)); });
}

Result<Window<User>> Service::userWindow(const Actor &actor, const UserQuery &query,
                                         const WindowRequest &request)
{
    return m_store.read([&] {
        return detail::readWindow<User>(
            m_store, SqlWindow::ids(m_store, userSelect(liveActor(actor), query), request),
            request.offset, detail::userColumns(), QStringLiteral("u.id"), "reading users",
            [](const QSqlQuery &q) { return detail::readUser(q).user; });
    });
}

Result<qint64> Service::userPosition(const Actor &actor, const UserQuery &query, qint64 id)
{
    return m_store.read(
        [&] { return SqlWindow::position(m_store, userSelect(liveActor(actor), query), id); });
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
