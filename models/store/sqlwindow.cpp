// SPDX-License-Identifier: MIT
#include "sqlwindow.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>

namespace td::SqlWindow {

namespace {

std::optional<bool> g_forceWalk;

struct Statement
{
    QString sql;
    QVariantList binds;
};

/// "(k1, k2, id)" – the row value the keyset seeks compare.
QString rowValue(const WindowedSelect &s)
{
    if (s.keys.isEmpty())
        return s.id;
    return QLatin1Char('(') + (s.keys + QStringList{s.id}).join(QLatin1String(", ")) +
           QLatin1Char(')');
}

QString rowPlaceholders(qsizetype n)
{
    QStringList marks(n, QStringLiteral("?"));
    return n == 1 ? marks.first()
                  : QLatin1Char('(') + marks.join(QLatin1String(", ")) + QLatin1Char(')');
}

QString orderBy(const WindowedSelect &s, bool ascending)
{
    const QString dir = ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QStringList parts;
    for (const QString &k : s.keys)
        parts << k + dir;
    parts << s.id + dir;
    return QStringLiteral(" ORDER BY ") + parts.join(QLatin1String(", "));
}

/// SELECT columns FROM from [INDEXED BY …] WHERE conditions [AND id IN (idSet)] [AND extra].
Statement select(const WindowedSelect &s, const QString &columns, bool walk, bool useIdSet,
                 const QString &extra = {}, const QVariantList &extraBinds = {})
{
    Statement st;
    st.sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + s.from;
    if (walk)
        st.sql += QStringLiteral(" INDEXED BY ") + s.sqliteOrderIndex;
    QStringList where = s.conditions;
    st.binds = s.binds;
    if (useIdSet && !s.idSet.isEmpty()) {
        where << s.id + QStringLiteral(" IN (") + s.idSet + QLatin1Char(')');
        st.binds += s.idSetBinds;
    }
    if (!extra.isEmpty()) {
        where << extra;
        st.binds += extraBinds;
    }
    if (!where.isEmpty())
        st.sql +=
            QStringLiteral(" WHERE (") + where.join(QLatin1String(") AND (")) + QLatin1Char(')');
    return st;
}

bool chooseWalk(const Store &store, const WindowedSelect &s, qint64 total, qint64 rowsToPass)
{
    if (!store.isSqlite() || s.sqliteOrderIndex.isEmpty())
        return false;
    if (s.conditions.isEmpty() && s.idSet.isEmpty())
        return false; // nothing to filter: the planner walks the order index by itself
    if (g_forceWalk)
        return *g_forceWalk;
    if (total < 0 || s.tableRows <= 0)
        return false;
    // Walking visits about rowsToPass / fraction index entries (and probes each); reading the
    // matches first costs a lookup per match plus a sort. Both measured in "index steps".
    const double fraction =
        double(std::max<qint64>(total, 1)) / double(std::max(s.tableRows, total));
    const double walkCost = double(rowsToPass) / fraction;
    const double sortCost = double(total) * 4.0 + 64.0;
    return walkCost <= sortCost;
}

/// Index entries a walk may visit before reading the matches first is tried instead: four
/// times what the matches' share of the table predicts, and never less than this (a few ms).
qint64 g_minimumWalkBudget = 40000;

qint64 walkBudget(const WindowedSelect &s, qint64 total, qint64 rowsToPass)
{
    if (total <= 0 || s.tableRows <= 0)
        return g_minimumWalkBudget;
    const double expected = double(rowsToPass) * double(s.tableRows) / double(total);
    return std::max<qint64>(g_minimumWalkBudget, qint64(expected * 4.0));
}

/// Rows a walk of the order index is expected to visit for rowsToPass matches (-1: unknown).
qint64 expectedWalk(const WindowedSelect &s, qint64 total, qint64 rowsToPass)
{
    if (total <= 0 || s.tableRows <= 0)
        return -1;
    return qint64(double(rowsToPass) * double(std::max(s.tableRows, total)) / double(total));
}

struct Fetched
{
    QList<qint64> ids;
    QList<QVariantList> keys;      // keys + id of each row
    bool walkedOrderIndex = false; ///< read by walking the order index (SQLite's INDEXED BY)
};

Fetched readRows(QSqlQuery &q, int nk, qint64 limit)
{
    Fetched f;
    f.ids.reserve(limit);
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        f.ids << id;
        QVariantList key;
        key.reserve(nk + 1);
        for (int i = 0; i < nk; ++i)
            key << q.value(i + 1);
        key << id;
        f.keys << key;
    }
    return f;
}

/// Walks at most `budget` entries of the order index and keeps those in the id set. Returns
/// nullopt when the budget ran out before the window was complete: the matches cluster
/// somewhere else in the order (e.g. a name filter while sorting by name), and reading them
/// first is cheaper than walking on.
std::optional<Fetched> walkWithBudget(Store &store, const WindowedSelect &s, bool ascending,
                                      const QString &extra, const QVariantList &extraBinds,
                                      qint64 limit, qint64 offset, qint64 budget)
{
    const int nk = int(s.keys.size());
    QString inner = s.id + QStringLiteral(" AS w_id");
    QString outer = QStringLiteral("w.w_id");
    for (int i = 0; i < nk; ++i) {
        inner += QStringLiteral(", %1 AS w_k%2").arg(s.keys[i]).arg(i);
        outer += QStringLiteral(", w.w_k%1").arg(i);
    }
    QString scan = QStringLiteral("SELECT ") + inner + QStringLiteral(" FROM ") + s.from +
                   QStringLiteral(" INDEXED BY ") + s.sqliteOrderIndex;
    if (!extra.isEmpty())
        scan += QStringLiteral(" WHERE ") + extra;
    scan += orderBy(s, ascending) + QStringLiteral(" LIMIT %1").arg(budget);
    // No ORDER BY outside: SQLite runs the ordered, limited scan as a co-routine and the outer
    // scan keeps its order (the tests check it); sorting again would read the whole budget.
    QString sql = QStringLiteral("SELECT ") + outer + QStringLiteral(" FROM (") + scan +
                  QStringLiteral(") AS w WHERE w.w_id IN (") + s.idSet +
                  QStringLiteral(") LIMIT %1").arg(limit);
    if (offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(offset);
    QSqlQuery q = store.run(sql, extraBinds + s.idSetBinds, "reading a window of rows");
    Fetched f = readRows(q, nk, limit);
    q.finish();
    if (f.ids.size() >= limit)
        return f;
    // Short: the end of the result, or the end of the budget?
    QString probe = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM ") + s.from +
                    QStringLiteral(" INDEXED BY ") + s.sqliteOrderIndex;
    if (!extra.isEmpty())
        probe += QStringLiteral(" WHERE ") + extra;
    probe += QStringLiteral(" LIMIT %1) AS w").arg(budget);
    if (store.scalar(probe, extraBinds).toLongLong() < budget)
        return f;
    return std::nullopt;
}

/// The alias of `from` ("api_tokens t" → "t").
QString aliasOf(const WindowedSelect &s)
{
    return s.from.trimmed().split(QLatin1Char(' '), Qt::SkipEmptyParts).last();
}

/// PostgreSQL's filters (the id set included), AND-ed, and their binds.
Statement pgFilter(const WindowedSelect &s)
{
    Statement f;
    QStringList where = s.conditions;
    f.binds = s.binds;
    if (!s.idSet.isEmpty()) {
        where << s.id + QStringLiteral(" IN (") + s.idSet + QLatin1Char(')');
        f.binds += s.idSetBinds;
    }
    f.sql = QLatin1Char('(') + where.join(QLatin1String(") AND (")) + QLatin1Char(')');
    return f;
}

/// PostgreSQL has statistics, but assumes that matches are spread evenly through the order.
/// When they cluster (a name filter while sorting by name) a LIMIT makes it walk the order
/// index through most of the table, fetching every row. So walk a bounded stretch first...
std::optional<Fetched> pgWalkWithBudget(Store &store, const WindowedSelect &s, bool ascending,
                                        const QString &columns, const QString &extra,
                                        const QVariantList &extraBinds, qint64 limit, qint64 offset,
                                        qint64 budget)
{
    const Statement filter = pgFilter(s);
    QString scan = QStringLiteral("SELECT * FROM ") + s.from;
    if (!extra.isEmpty())
        scan += QStringLiteral(" WHERE ") + extra;
    scan += orderBy(s, ascending) + QStringLiteral(" LIMIT %1").arg(budget);
    QString sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM (") + scan +
                  QStringLiteral(") AS ") + aliasOf(s) + QStringLiteral(" WHERE ") + filter.sql +
                  orderBy(s, ascending) + QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(offset);
    QSqlQuery q = store.run(sql, extraBinds + filter.binds, "reading a window of rows");
    Fetched f = readRows(q, int(s.keys.size()), limit);
    q.finish();
    if (f.ids.size() >= limit)
        return f;
    QString probe = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM ") + s.from;
    if (!extra.isEmpty())
        probe += QStringLiteral(" WHERE ") + extra;
    probe += orderBy(s, ascending) + QStringLiteral(" LIMIT %1) AS w").arg(budget);
    if (store.scalar(probe, extraBinds).toLongLong() < budget)
        return f;
    return std::nullopt;
}

/// ... and otherwise filter first and sort the matches (OFFSET 0 keeps the planner from
/// turning the filter back into an index walk).
Fetched pgFilterThenSort(Store &store, const WindowedSelect &s, bool ascending,
                         const QString &columns, const QString &extra,
                         const QVariantList &extraBinds, qint64 limit, qint64 offset)
{
    const Statement filter = pgFilter(s);
    QString sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM (SELECT * FROM ") +
                  s.from + QStringLiteral(" WHERE ") + filter.sql;
    if (!extra.isEmpty())
        sql += QStringLiteral(" AND (") + extra + QLatin1Char(')');
    sql += QStringLiteral(" OFFSET 0) AS ") + aliasOf(s) + orderBy(s, ascending) +
           QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(offset);
    QSqlQuery q = store.run(sql, filter.binds + extraBinds, "reading a window of rows");
    return readRows(q, int(s.keys.size()), limit);
}

Fetched fetch(Store &store, const WindowedSelect &s, bool ascending, bool walk,
              const QString &extra, const QVariantList &extraBinds, qint64 limit, qint64 offset,
              qint64 walkBudget = 0, qint64 expectedWalk = -1)
{
    if (!store.isSqlite() && s.textSearch && expectedWalk >= 0 &&
        !(s.conditions.isEmpty() && s.idSet.isEmpty())) {
        QString columns = s.id;
        for (const QString &k : s.keys)
            columns += QStringLiteral(", ") + k;
        // Every step of a PostgreSQL index walk fetches the row: a smaller budget than SQLite's,
        // and no walk at all when even an even spread would need a long one (selective filters).
        const qint64 budget = std::min<qint64>(g_minimumWalkBudget, 10000);
        if (expectedWalk * 4 <= budget)
            if (auto f = pgWalkWithBudget(store, s, ascending, columns, extra, extraBinds, limit,
                                          offset, budget))
                return *f;
        return pgFilterThenSort(store, s, ascending, columns, extra, extraBinds, limit, offset);
    }
    if (walk && walkBudget > 0 && s.conditions.isEmpty() && !s.idSet.isEmpty()) {
        if (auto f =
                walkWithBudget(store, s, ascending, extra, extraBinds, limit, offset, walkBudget)) {
            f->walkedOrderIndex = true;
            return *f;
        }
        walk = false; // gave up: the matches are read first
    }
    QString columns = s.id;
    for (const QString &k : s.keys)
        columns += QStringLiteral(", ") + k;
    Statement st = select(s, columns, walk, true, extra, extraBinds);
    st.sql += orderBy(s, ascending);
    st.sql += QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0)
        st.sql += QStringLiteral(" OFFSET %1").arg(offset);
    QSqlQuery q = st.binds.isEmpty() ? store.run(st.sql, {}, "reading a window of rows")
                                     : store.run(st.sql, st.binds, "reading a window of rows");
    Fetched f = readRows(q, int(s.keys.size()), limit);
    f.walkedOrderIndex = walk;
    return f;
}

} // namespace

/// The order key (keys…, id) of the row `id` of the select; InvalidArgument on `field` when the
/// select does not return it.
static QVariantList rowKey(Store &store, const WindowedSelect &s, qint64 id, const QString &field)
{
    const QString columns = s.keys.isEmpty() ? s.id : s.keys.join(QLatin1String(", "));
    const Statement own = select(s, columns, false, true, s.id + QStringLiteral(" = ?"), {id});
    QSqlQuery q = store.run(own.sql, own.binds, "reading a cursor row");
    if (!q.next())
        fail(Errc::InvalidArgument,
             QCoreApplication::translate("SqlWindow",
                                         "The row %1 is not in this list (any more); read the "
                                         "window by its offset instead.")
                 .arg(id),
             field);
    QVariantList key;
    for (int i = 0; i < s.keys.size(); ++i)
        key << q.value(i);
    key << id;
    return key;
}

void forceWalkForTesting(std::optional<bool> walk)
{
    g_forceWalk = walk;
}

void setMinimumWalkBudgetForTesting(qint64 entries)
{
    g_minimumWalkBudget = entries > 0 ? entries : 40000;
}

qint64 count(Store &store, const WindowedSelect &s)
{
    const Statement st = select(s, QStringLiteral("COUNT(*)"), false, true);
    return store.scalar(st.sql, st.binds).toLongLong();
}

WindowIds ids(Store &store, const WindowedSelect &s, const WindowRequest &request)
{
    WindowIds out;
    if (request.limit <= 0 || request.offset < 0)
        return out;
    const qsizetype keyLength = s.keys.size() + 1;
    WindowRequest r = request;
    if (r.after.isEmpty() && r.afterId)
        r.after = rowKey(store, s, *r.afterId, QStringLiteral("afterId"));
    else if (r.before.isEmpty() && r.beforeId)
        r.before = rowKey(store, s, *r.beforeId, QStringLiteral("beforeId"));
    Fetched f;
    qint64 total = r.total;
    if (r.after.size() == keyLength) {
        out.method = WindowMethod::SeekAfter;
        const bool walk = chooseWalk(store, s, total, r.limit);
        f = fetch(store, s, s.ascending, walk,
                  rowValue(s) + (s.ascending ? QStringLiteral(" > ") : QStringLiteral(" < ")) +
                      rowPlaceholders(keyLength),
                  r.after, r.limit, 0, walkBudget(s, total, r.limit),
                  expectedWalk(s, total, r.limit));
    } else if (r.before.size() == keyLength) {
        out.method = WindowMethod::SeekBefore;
        const bool walk = chooseWalk(store, s, total, r.limit);
        f = fetch(store, s, !s.ascending, walk,
                  rowValue(s) + (s.ascending ? QStringLiteral(" < ") : QStringLiteral(" > ")) +
                      rowPlaceholders(keyLength),
                  r.before, r.limit, 0, walkBudget(s, total, r.limit),
                  expectedWalk(s, total, r.limit));
        std::reverse(f.ids.begin(), f.ids.end());
        std::reverse(f.keys.begin(), f.keys.end());
    } else {
        if (total < 0 && r.offset > 0)
            total = count(store, s);
        const qint64 end = total >= 0 ? std::min(total, r.offset + r.limit) : r.offset + r.limit;
        if (end <= r.offset)
            return out;
        const qint64 fromEnd = total >= 0 ? total - end : -1;
        if (fromEnd >= 0 && fromEnd < r.offset) {
            out.method = WindowMethod::ReverseOffset;
            const bool walk = chooseWalk(store, s, total, fromEnd + (end - r.offset));
            f = fetch(store, s, !s.ascending, walk, {}, {}, end - r.offset, fromEnd,
                      walkBudget(s, total, fromEnd + (end - r.offset)),
                      expectedWalk(s, total, fromEnd + (end - r.offset)));
            std::reverse(f.ids.begin(), f.ids.end());
            std::reverse(f.keys.begin(), f.keys.end());
        } else {
            out.method = WindowMethod::Offset;
            const bool walk = chooseWalk(store, s, total, end);
            f = fetch(store, s, s.ascending, walk, {}, {}, end - r.offset, r.offset,
                      walkBudget(s, total, end), expectedWalk(s, total, end));
        }
    }
    out.walkedOrderIndex = f.walkedOrderIndex;
    out.ids = std::move(f.ids);
    if (!f.keys.isEmpty()) {
        out.firstKey = f.keys.first();
        out.lastKey = f.keys.last();
    }
    return out;
}

qint64 position(Store &store, const WindowedSelect &s, qint64 id)
{
    const QString columns = s.keys.isEmpty() ? s.id : s.keys.join(QLatin1String(", "));
    const Statement own = select(s, columns, false, true, s.id + QStringLiteral(" = ?"), {id});
    QSqlQuery q = store.run(own.sql, own.binds, "finding a row's position");
    if (!q.next())
        return -1;
    QVariantList key;
    for (int i = 0; i < s.keys.size(); ++i)
        key << q.value(i);
    key << id;
    q.finish();
    const Statement before =
        select(s, QStringLiteral("COUNT(*)"), false, true,
               rowValue(s) + (s.ascending ? QStringLiteral(" < ") : QStringLiteral(" > ")) +
                   rowPlaceholders(key.size()),
               key);
    return store.scalar(before.sql, before.binds).toLongLong();
}

} // namespace td::SqlWindow
