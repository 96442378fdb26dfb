// SPDX-License-Identifier: MIT
// Internal to the domain layer: the rows and look-ups several subjects share, field checks, and
// reading the rows of a window or a list. Everything throws Failure (use inside Store::read()
// or write()).
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/sqlwindow.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <functional>
#include <optional>

namespace td {

/// A user as stored, with the hashes the domain needs and never hands out.
struct UserRow
{
    User user;
    QByteArray passwordHash;
    QByteArray accessCodeHash;
};

class Records
{
    Q_DECLARE_TR_FUNCTIONS(Records)

public:
    static constexpr int NameMaxLength = 100;
    static constexpr int DescriptionMaxLength = 1000;

    // ---- users, departments, user types, settings ----
    /// "<columns> FROM users u JOIN …" in the order readUser() reads.
    static QString userColumns();
    static UserRow readUser(const QSqlQuery &q);
    /// NotFound when there is no such user.
    static UserRow loadUser(Store &store, qint64 id);
    static std::optional<UserRow> findUser(Store &store, const QString &canonicalName);
    /// NotFound (on `field`) when there is none of that name.
    static qint64 departmentIdByName(Store &store, const QString &name, const QString &field);
    static qint64 userTypeIdByName(Store &store, const QString &name, const QString &field);
    static QStringList userTypePermissions(Store &store, qint64 userTypeId);
    static StoreSettings loadSettings(Store &store);
    /// A person acting with a credential of their own (a mobile session, a console credential,
    /// a token revoked by its holder), as the audit log names them; no permissions loaded.
    static Actor person(qint64 userId, const QString &username, const QString &address);

    // ---- field checks: empty when fine, else the reason ----
    static QString checkName(const QString &trimmed, const QString &what,
                             int maxLength = NameMaxLength);
    static QString checkFreeText(const QString &text, int maxLength, bool allowNewlines);
    static QString checkEmail(const QString &email);
    /// The languages e-mail notices are written in (a user's `language`), and the check of one
    /// (empty: the server's default).
    static QStringList noticeLanguages();
    static QString checkLanguage(const QString &language);

    // ---- SQL helpers ----
    /// "?, ?, ?" for an IN list.
    static QString placeholders(qsizetype n);
    static QString joinIds(const QList<qint64> &ids);
    /// The ids once each, in their first order.
    static QList<qint64> uniqueIds(const QList<qint64> &ids);
    /// "%text%" for LIKE … ESCAPE '\'.
    static QString containsPattern(const QString &text);
};

/// The list of a query: `SELECT <columnsFrom> WHERE <the select's conditions and id set>
/// ORDER BY <keys>, <id>` with LIMIT/OFFSET when limit > 0. `columnsFrom` names the select's
/// table with the alias its conditions use. read(query) makes a Row; visit(row) returns false
/// to stop. Returns the number of rows visited.
template<typename Row, typename Read>
qint64 visitList(Store &store, const WindowedSelect &select, const QString &columnsFrom,
                 qint64 offset, qint64 limit, const char *what, Read read,
                 const std::function<bool(const Row &)> &visit)
{
    QStringList where = select.conditions;
    QVariantList binds = select.binds;
    if (!select.idSet.isEmpty()) {
        where << select.id + QStringLiteral(" IN (") + select.idSet + QLatin1Char(')');
        binds += select.idSetBinds;
    }
    QString sql = QStringLiteral("SELECT ") + columnsFrom;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE (") + where.join(QLatin1String(") AND (")) + QLatin1Char(')');
    const QString dir = select.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QStringList order;
    for (const QString &k : select.keys)
        order << k + dir;
    order << select.id + dir;
    sql += QStringLiteral(" ORDER BY ") + order.join(QLatin1String(", "));
    if (limit > 0) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        binds << limit << offset;
    }
    QSqlQuery q = store.run(sql, binds, what);
    qint64 n = 0;
    while (q.next()) {
        ++n;
        if (!visit(read(q)))
            break;
    }
    return n;
}

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
    QSqlQuery q = store.run(QStringLiteral("SELECT %1 WHERE %2 IN (%3)")
                                .arg(columnsFrom, idColumn, Records::joinIds(ids.ids)),
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

/// The whole list of a visit function, as a QList.
template<typename Row, typename Visit> Result<QList<Row>> collect(Visit visit)
{
    QList<Row> out;
    auto r = visit([&](const Row &row) {
        out << row;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

} // namespace td
