// SPDX-License-Identifier: MIT
#include "userquery.h"

#include "domain/authz.h"
#include "domain/records.h"

namespace td::UserList {

WindowedSelect select(Store &store, const Actor &live, const UserQuery &query)
{
    WindowedSelect s;
    s.from = QStringLiteral("users u");
    s.id = QStringLiteral("u.id");
    s.keys = {QStringLiteral("u.username")};
    s.ascending = true;
    s.tableRows =
        store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM users")).toLongLong();
    if (!Authz::seesAllUsers(live)) {
        s.conditions << QStringLiteral("u.id = ?");
        s.binds << live.userId;
    }
    if (!query.includeDisabled)
        s.conditions << QStringLiteral("u.disabled_at IS NULL");
    if (const QString text = query.text.trimmed(); !text.isEmpty()) {
        const QString like = Records::containsPattern(text);
        s.conditions << QStringLiteral(
                            "u.username %1 ? ESCAPE '\\' OR u.display_name %1 ? ESCAPE '\\' OR "
                            "u.email %1 ? ESCAPE '\\' OR u.department_id IN (SELECT d.id FROM "
                            "departments d WHERE d.name %1 ? ESCAPE '\\')")
                            .arg(store.ilike());
        s.binds << like << like << like << like;
        s.textSearch = true;
    }
    return s;
}

} // namespace td::UserList
