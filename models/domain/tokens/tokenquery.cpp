// SPDX-License-Identifier: MIT
#include "tokenquery.h"

#include "tokensearch.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/authz.h"
#include "domain/records.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace td::TokenList {

namespace {

struct TokenOrder
{
    QStringList keys;
    const char *sqliteIndex;
};

/// The ORDER BY keys of each column and the index (migration 2) that delivers them.
TokenOrder tokenOrder(TokenColumn column)
{
    const QString created = QStringLiteral("t.created_at");
    switch (column) {
    case TokenColumn::Name:
        return {{QStringLiteral("t.name")}, "api_tokens_name"};
    case TokenColumn::Hint:
        return {{QStringLiteral("t.hint")}, "api_tokens_hint"};
    case TokenColumn::Scopes:
        return {{QStringLiteral("t.scope_list"), created}, "api_tokens_scope_list"};
    case TokenColumn::User:
        return {{QStringLiteral("t.user_name"), created}, "api_tokens_user_name"};
    case TokenColumn::Department:
        return {{QStringLiteral("t.department_name"), created}, "api_tokens_department_name"};
    case TokenColumn::UserType:
        return {{QStringLiteral("t.user_type_name"), created}, "api_tokens_user_type_name"};
    case TokenColumn::Created:
        return {{created}, "api_tokens_created"};
    case TokenColumn::Expires:
        return {{QStringLiteral("t.expires_at")}, "api_tokens_expires"};
    case TokenColumn::LastUsed:
        return {{QStringLiteral("t.last_used_key"), created}, "api_tokens_last_used"};
    case TokenColumn::Status:
        return {{QStringLiteral("t.status_key")}, "api_tokens_status"};
    case TokenColumn::Id:
        break;
    }
    return {{}, ""};
}

} // namespace

WindowedSelect select(Store &store, const Actor &live, const TokenQuery &q, qint64 now,
                      int soonDays)
{
    WindowedSelect sel;
    sel.from = QStringLiteral("api_tokens t");
    sel.id = QStringLiteral("t.id");
    if (!Authz::seesAllTokens(live)) {
        sel.conditions << QStringLiteral("t.user_id = ?");
        sel.binds << live.userId;
    }
    if (q.userId) {
        sel.conditions << QStringLiteral("t.user_id = ?");
        sel.binds << *q.userId;
    }
    if (q.departmentId) {
        sel.conditions << QStringLiteral("t.department_id = ?");
        sel.binds << *q.departmentId;
    }
    if (!q.statuses.isEmpty()) {
        // Each status is a range of status_key (migration 2): -expires_at while not revoked
        // (expires_at > 0), 9e15 - expires_at once revoked; so one index answers them all.
        QStringList parts;
        const qint64 soon = now + soonDays * 24LL * 3600 * 1000;
        for (TokenStatus s : q.statuses) {
            switch (s) {
            case TokenStatus::Revoked:
                parts << QStringLiteral("t.status_key > 0");
                break;
            case TokenStatus::Expired: // not revoked, expires_at <= now
                parts << QStringLiteral("(t.status_key >= ? AND t.status_key < 0)");
                sel.binds << -now;
                break;
            case TokenStatus::ExpiringSoon: // not revoked, now < expires_at <= soon
                parts << QStringLiteral("(t.status_key >= ? AND t.status_key < ?)");
                sel.binds << -soon << -now;
                break;
            case TokenStatus::Active: // not revoked, expires_at > soon
                parts << QStringLiteral("t.status_key < ?");
                sel.binds << -soon;
                break;
            }
        }
        sel.conditions << parts.join(QLatin1String(" OR "));
    }
    // A range of the index api_tokens_expires (expires_at, id).
    if (q.expiresFrom.isValid()) {
        sel.conditions << QStringLiteral("t.expires_at >= ?");
        sel.binds << q.expiresFrom.toMSecsSinceEpoch();
    }
    if (q.expiresBefore.isValid()) {
        sel.conditions << QStringLiteral("t.expires_at < ?");
        sel.binds << q.expiresBefore.toMSecsSinceEpoch();
    }
    if (q.unusedDays == TokenQuery::NeverUsed) {
        sel.conditions << QStringLiteral("t.last_used_key = 0");
    } else if (q.unusedDays > 0 && q.unusedDays <= TokenQuery::MaxUnusedDays) {
        // last_used_key is 0 for a token never used, and a use is never before the creation:
        // one range of the index api_tokens_last_used (last_used_key, created_at, id), which
        // also holds created_at. The unary plus keeps SQLite's planner (no statistics) off the
        // index on created_at alone, which made it look up every row it found there: 17 s
        // instead of 0.3 s for a count of 1,000,000 tokens.
        const qint64 cutoff = now - q.unusedDays * 24LL * 3600 * 1000;
        sel.conditions << QStringLiteral("t.last_used_key < ? AND +t.created_at < ?");
        sel.binds << cutoff << cutoff;
    } else if (q.unusedDays != 0) {
        fail(Errc::InvalidArgument,
             QCoreApplication::translate("TokenList", "\"Not used for\" takes 1 to %1 days.")
                 .arg(TokenQuery::MaxUnusedDays),
             QStringLiteral("unused_days"));
    }
    QString text = q.text.trimmed();
    text.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
    if (!text.isEmpty()) {
        if (TokenSearch::maintainedByCode(store) && TokenSearch::indexable(text)) {
            sel.idSet = QStringLiteral("SELECT rowid FROM api_tokens_search WHERE "
                                       "api_tokens_search MATCH ?");
            sel.idSetBinds << TokenSearch::matchPhrase(text);
        } else {
            const QString like = Records::containsPattern(text);
            if (store.isSqlite()) {
                // Fewer than three characters: the trigram index cannot help; scan.
                sel.conditions << QStringLiteral(
                    "t.name LIKE ? ESCAPE '\\' OR t.hint LIKE ? ESCAPE '\\' OR "
                    "t.user_name LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\'");
                sel.binds << like << like << like << like;
            } else {
                // The pg_trgm index of migration 2 covers exactly this expression.
                sel.conditions << TokenSearch::textExpression(QStringLiteral("t")) +
                                      QStringLiteral(" ILIKE ? ESCAPE '\\'");
                sel.binds << like;
                sel.textSearch = true;
            }
        }
    }
    const TokenOrder order = tokenOrder(q.sortColumn);
    sel.keys = order.keys;
    sel.sqliteOrderIndex = QString::fromLatin1(order.sqliteIndex);
    sel.ascending = q.ascending;
    return sel;
}

qint64 count(Store &store, const WindowedSelect &sel)
{
    // Only a text filter: the FTS5 table counts its matches without touching the tokens.
    if (sel.conditions.isEmpty() && !sel.idSet.isEmpty())
        return store
            .scalar(QStringLiteral("SELECT COUNT(*) FROM (") + sel.idSet + QLatin1Char(')'),
                    sel.idSetBinds)
            .toLongLong();
    return SqlWindow::count(store, sel);
}

TokenOwnerCounts countByOwner(Store &store, const WindowedSelect &sel)
{
    QStringList where = sel.conditions;
    QVariantList binds = sel.binds;
    if (!sel.idSet.isEmpty()) {
        where << sel.id + QStringLiteral(" IN (") + sel.idSet + QLatin1Char(')');
        binds += sel.idSetBinds;
    }
    // Grouped by ids only, so that with "not used for" the index api_tokens_unused (migration
    // 7) answers without reading a token row; the names come from the few groups' rows. The
    // unary plus keeps SQLite from walking the department index for the grouping instead
    // (1,000,000 tokens: 0.3 s through api_tokens_unused, 2 s so).
    QString grouped = QStringLiteral("SELECT +t.department_id AS department_id, +t.user_id AS "
                                     "user_id, COUNT(*) AS n FROM ") +
                      sel.from;
    if (!where.isEmpty())
        grouped +=
            QStringLiteral(" WHERE (") + where.join(QLatin1String(") AND (")) + QLatin1Char(')');
    grouped += QStringLiteral(" GROUP BY 1, 2");
    const QString sql = QStringLiteral("SELECT g.department_id, d.name, g.user_id, u.username, "
                                       "g.n FROM (") +
                        grouped +
                        QStringLiteral(") g JOIN departments d ON d.id = g.department_id "
                                       "JOIN users u ON u.id = g.user_id");
    QHash<qint64, TokenOwnerCounts::Group> departments;
    QHash<qint64, TokenOwnerCounts::Group> users;
    TokenOwnerCounts out;
    QSqlQuery q = store.run(sql, binds, "counting tokens per department and user");
    while (q.next()) {
        const qint64 n = q.value(4).toLongLong();
        TokenOwnerCounts::Group &d = departments[q.value(0).toLongLong()];
        d.id = q.value(0).toLongLong();
        d.name = q.value(1).toString();
        d.count += n;
        TokenOwnerCounts::Group &u = users[q.value(2).toLongLong()];
        u.id = q.value(2).toLongLong();
        u.name = q.value(3).toString();
        u.count += n;
        out.total += n;
    }
    const auto byCount = [](const TokenOwnerCounts::Group &a, const TokenOwnerCounts::Group &b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    };
    out.departments = departments.values();
    std::sort(out.departments.begin(), out.departments.end(), byCount);
    out.users = users.values();
    std::sort(out.users.begin(), out.users.end(), byCount);
    out.userCount = out.users.size();
    if (out.users.size() > TokenOwnerCounts::MaxUsers)
        out.users.resize(TokenOwnerCounts::MaxUsers);
    return out;
}

QString columns()
{
    return QStringLiteral(
        "t.id, t.name, t.description, t.hint, t.scope_list, t.user_id, u.username, "
        "t.department_id, d.name, t.user_type_id, ut.name, t.personal, t.created_at, "
        "t.created_by, t.expires_at, t.last_used_at, t.last_used_addr, t.revoked_at, t.revoked_by, "
        "u.user_type_id, t.rotated_at, t.rotated_by, t.previous_hint, t.previous_until "
        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "JOIN departments d ON d.id = t.department_id "
        "JOIN user_types ut ON ut.id = t.user_type_id");
}

Grants grants(Store &store)
{
    Grants out;
    QSqlQuery q =
        store.run(QStringLiteral("SELECT user_type_id, permission FROM user_type_permissions"));
    while (q.next())
        out[q.value(0).toLongLong()] << q.value(1).toString();
    return out;
}

ApiToken read(const QSqlQuery &q, qint64 now, int soonDays, const Grants &grants)
{
    ApiToken t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.description = q.value(2).toString();
    t.hint = q.value(3).toString();
    t.scopes = q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    t.userId = q.value(5).toLongLong();
    t.username = q.value(6).toString();
    t.departmentId = q.value(7).toLongLong();
    t.department = q.value(8).toString();
    t.userTypeId = q.value(9).toLongLong();
    t.userType = q.value(10).toString();
    t.personal = q.value(11).toInt() != 0;
    t.createdAt = Clock::fromMs(q.value(12));
    t.createdBy = q.value(13).toString();
    t.expiresAt = Clock::fromMs(q.value(14));
    t.lastUsedAt = Clock::fromMs(q.value(15));
    t.lastUsedFrom = q.value(16).toString();
    t.revokedAt = Clock::fromMs(q.value(17));
    t.revokedBy = q.value(18).toString();
    t.status = tokenStatusAt(now, q.value(14).toLongLong(), t.revokedAt.isValid(), soonDays);
    t.effectiveScopes = effectiveScopes(t.scopes, grants.value(q.value(19).toLongLong()),
                                        grants.value(t.userTypeId));
    t.rotatedAt = Clock::fromMs(q.value(20));
    t.rotatedBy = q.value(21).toString();
    t.previousHint = q.value(22).toString();
    t.previousUntil = Clock::fromMs(q.value(23));
    return t;
}

QString target(qint64 id, const QString &name, const QString &hint, const QString &username)
{
    return QStringLiteral("token #%1 \"%2\" (%3) of %4").arg(id).arg(name, hint, username);
}

QString target(const ApiToken &t)
{
    return target(t.id, t.name, t.hint, t.username);
}

} // namespace td::TokenList
