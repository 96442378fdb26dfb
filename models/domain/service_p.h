// SPDX-License-Identifier: MIT
// Internal to the domain service: shared between its translation units.
#pragma once

#include "service.h"

#include "core/clock.h"

#include <QSqlQuery>

namespace td {

struct Service::UserRow
{
    User user;
    QByteArray passwordHash;
    QByteArray accessCodeHash;
};

struct Service::NewTokenPlan
{
    QString name;
    QString description;
    QStringList scopes;
    qint64 userId = 0;
    QString username;
    qint64 departmentId = 0;
    qint64 userTypeId = 0;
    qint64 expiresAtMs = 0;
};

template<typename T>
Result<T> Service::denyAudited(const Actor &actor, const QString &action, const QString &target,
                               Result<T> &&result)
{
    if (!result.ok() && result.code() == Errc::PermissionDenied)
        auditApart(actor, action, target, QStringLiteral("denied"), result.error().message);
    return result;
}

namespace detail {

inline constexpr int NameMaxLength = 100;
inline constexpr int DescriptionMaxLength = 1000;
inline constexpr qint64 DayMs = 24LL * 3600 * 1000;
inline constexpr qint64 LastUsedIntervalMs = 60 * 1000;

/// Trimmed; empty string error when fine, else the reason.
QString checkName(const QString &trimmed, const QString &what, int maxLength = NameMaxLength);
QString checkFreeText(const QString &text, int maxLength, bool allowNewlines);
QString checkEmail(const QString &email);
QString joinIds(const QList<qint64> &ids);
/// "?, ?, ?" for an IN list.
QString placeholders(qsizetype n);
QString userColumns();
/// " WHERE …" of a user list: what the actor may see (everyone with users.view, else only
/// themselves), enabled only, text in username, display name, email or department.
QString userWhere(const Actor &live, const UserQuery &query, const Store &store,
                  QVariantList &binds);
Service::UserRow readUser(const QSqlQuery &q); // in the order of userColumns()
QString tokenColumns();
ApiToken readToken(const QSqlQuery &q, qint64 now, int soonDays);
QString plural(int n, const char *one, const char *many);

/// The rows of one window of a list: the ids SqlWindow chose, then their rows in one statement
/// (`SELECT <columnsFrom> WHERE <idColumn> IN (ids)`), put back in the window's order. Rows
/// deleted in between are skipped (the window is shorter). read(query) makes a Row with an id.
template<typename Row, typename Read>
Window<Row> readWindow(Store &store, const WindowIds &ids, qint64 offset,
                       const QString &columnsFrom, const QString &idColumn, const char *what,
                       Read read)
{
    Window<Row> w;
    w.offset = offset;
    w.firstKey = ids.firstKey;
    w.lastKey = ids.lastKey;
    w.method = ids.method;
    if (ids.ids.isEmpty())
        return w;
    QSqlQuery q = store.run(
        QStringLiteral("SELECT %1 WHERE %2 IN (%3)").arg(columnsFrom, idColumn, joinIds(ids.ids)),
        {}, what);
    QHash<qint64, Row> byId;
    byId.reserve(ids.ids.size());
    while (q.next()) {
        Row row = read(q);
        const qint64 id = row.id;
        byId.insert(id, std::move(row));
    }
    w.rows.reserve(ids.ids.size());
    for (qint64 id : ids.ids)
        if (auto it = byId.find(id); it != byId.end())
            w.rows << std::move(*it);
    return w;
}

} // namespace detail
} // namespace td
