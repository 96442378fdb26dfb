// SPDX-License-Identifier: MIT
// The audit log as a windowed list for the console (issue 4): the same filters as
// auditEntries(), written so that each one can use an index, and read through SqlWindow (keyset
// seeks, the nearer end of the result) so that any window of a million rows is cheap.
#include "service_p.h"

#include "core/permissions.h"

namespace td {

namespace {

/// The first string after every string that starts with prefix (for "starts with" as a range
/// on an index; LIKE 'x%' uses no index on PostgreSQL without text_pattern_ops, nor on SQLite
/// with its case-insensitive LIKE).
QString prefixEnd(const QString &prefix)
{
    QString end = prefix;
    while (!end.isEmpty()) {
        const char16_t last = end.back().unicode();
        if (last < 0xFFFF) {
            end.back() = QChar(char16_t(last + 1));
            return end;
        }
        end.chop(1);
    }
    return {};
}

WindowedSelect auditSelect(const AuditQuery &q, const Store &store, qint64 tableRows)
{
    WindowedSelect s;
    s.from = QStringLiteral("audit_log");
    s.id = QStringLiteral("id");
    s.keys = {QStringLiteral("at")};
    s.ascending = !q.newestFirst;
    s.sqliteOrderIndex = QStringLiteral("audit_log_at");
    s.tableRows = tableRows;
    if (const QString actor = q.actor.trimmed(); !actor.isEmpty()) {
        s.conditions << QStringLiteral("actor = ?");
        s.binds << actor;
    }
    // Actions are lower-case words ("token.revoke"): a prefix is a range on (action, at).
    if (const QString action = q.action.trimmed().toLower(); !action.isEmpty()) {
        const QString end = prefixEnd(action);
        s.conditions << QStringLiteral("action >= ?");
        s.binds << action;
        if (!end.isEmpty()) {
            s.conditions << QStringLiteral("action < ?");
            s.binds << end;
        }
    }
    if (q.since.isValid()) {
        s.conditions << QStringLiteral("at >= ?");
        s.binds << q.since.toMSecsSinceEpoch();
    }
    if (q.until.isValid()) {
        s.conditions << QStringLiteral("at < ?");
        s.binds << q.until.toMSecsSinceEpoch();
    }
    if (const QString text = q.text.trimmed(); !text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        s.conditions << QStringLiteral("target %1 ? ESCAPE '\\' OR details %1 ? ESCAPE '\\' OR "
                                       "actor %1 ? ESCAPE '\\' OR action %1 ? ESCAPE '\\'")
                            .arg(store.ilike());
        s.binds << like << like << like << like;
    }
    return s;
}

} // namespace

WindowedSelect Service::auditSelect(const AuditQuery &query)
{
    // MAX(id) is one index probe and close enough to the row count for the pager's choice.
    const qint64 rows =
        m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM audit_log")).toLongLong();
    return td::auditSelect(query, m_store, rows);
}

Result<qint64> Service::countAuditWindow(const Actor &actor, const AuditQuery &query)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::AuditView, tr("read the audit log"));
        return SqlWindow::count(m_store, auditSelect(query));
    });
}

Result<Window<AuditEntry>> Service::auditWindow(const Actor &actor, const AuditQuery &query,
                                                const WindowRequest &request)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::AuditView, tr("read the audit log"));
        return detail::readWindow<AuditEntry>(
            m_store, SqlWindow::ids(m_store, auditSelect(query), request), request.offset,
            QStringLiteral("id, at, actor, action, target, outcome, details, address FROM "
                           "audit_log"),
            QStringLiteral("id"), "reading the audit log", [](const QSqlQuery &q) {
                AuditEntry e;
                e.id = q.value(0).toLongLong();
                e.at = Clock::fromMs(q.value(1));
                e.actor = q.value(2).toString();
                e.action = q.value(3).toString();
                e.target = q.value(4).toString();
                e.outcome = q.value(5).toString();
                e.details = q.value(6).toString();
                e.address = q.value(7).toString();
                return e;
            });
    });
}

Result<qint64> Service::visitAuditWindow(const Actor &actor, const AuditQuery &query,
                                         const std::function<bool(const AuditEntry &)> &visit)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::AuditView, tr("read the audit log"));
        // One forward-only query in the list's order: an export streams, it does not page.
        const WindowedSelect s = auditSelect(query);
        QString sql = QStringLiteral("SELECT id, at, actor, action, target, outcome, details, "
                                     "address FROM audit_log");
        if (!s.conditions.isEmpty())
            sql += QStringLiteral(" WHERE (") + s.conditions.join(QLatin1String(") AND (")) +
                   QLatin1Char(')');
        sql += s.ascending ? QStringLiteral(" ORDER BY at ASC, id ASC")
                           : QStringLiteral(" ORDER BY at DESC, id DESC");
        QSqlQuery q = m_store.run(sql, s.binds, "reading the audit log");
        qint64 n = 0;
        AuditEntry e;
        while (q.next()) {
            e.id = q.value(0).toLongLong();
            e.at = Clock::fromMs(q.value(1));
            e.actor = q.value(2).toString();
            e.action = q.value(3).toString();
            e.target = q.value(4).toString();
            e.outcome = q.value(5).toString();
            e.details = q.value(6).toString();
            e.address = q.value(7).toString();
            ++n;
            if (!visit(e))
                break;
        }
        return n;
    });
}

Result<qint64> Service::auditPosition(const Actor &actor, const AuditQuery &query, qint64 id)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::AuditView, tr("read the audit log"));
        return SqlWindow::position(m_store, auditSelect(query), id);
    });
}

} // namespace td
