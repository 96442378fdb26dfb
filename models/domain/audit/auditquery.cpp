// SPDX-License-Identifier: MIT
#include "auditquery.h"

#include "core/clock.h"
#include "domain/records.h"

namespace td::AuditList {

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

} // namespace

WindowedSelect select(Store &store, const AuditQuery &q)
{
    WindowedSelect s;
    s.from = QStringLiteral("audit_log");
    s.id = QStringLiteral("id");
    s.keys = {QStringLiteral("at")};
    s.ascending = !q.newestFirst;
    s.sqliteOrderIndex = QStringLiteral("audit_log_at");
    // MAX(id) is one index probe and close enough to the row count for the pager's choice.
    s.tableRows =
        store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM audit_log")).toLongLong();
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
    if (const QString outcome = q.outcome.trimmed(); !outcome.isEmpty()) {
        if (!auditOutcomes().contains(outcome))
            fail(Errc::InvalidArgument,
                 QCoreApplication::translate("AuditList", "The outcome must be one of: %1.")
                     .arg(auditOutcomes().join(QStringLiteral(", "))),
                 QStringLiteral("outcome"));
        s.conditions << QStringLiteral("outcome = ?");
        s.binds << outcome;
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
        const QString like = Records::containsPattern(text);
        s.conditions << QStringLiteral("target %1 ? ESCAPE '\\' OR details %1 ? ESCAPE '\\' OR "
                                       "actor %1 ? ESCAPE '\\' OR action %1 ? ESCAPE '\\'")
                            .arg(store.ilike());
        s.binds << like << like << like << like;
    }
    return s;
}

QString columns()
{
    return QStringLiteral(
        "id, at, actor, action, target, outcome, details, address FROM audit_log");
}

AuditEntry read(const QSqlQuery &q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.at = Clock::fromMs(q.value(1));
    e.actor = q.value(2).toString();
    e.action = q.value(3).toString();
    e.target = q.value(4).toString();
    e.outcome = q.value(5).toString();
    e.details = q.value(6).toString();
    e.address = q.value(7).toString();
    // Rows an older version wrote may hold control characters: no output shows them raw.
    return escaped(std::move(e));
}

} // namespace td::AuditList
