// SPDX-License-Identifier: MIT
#include "overviewservice.h"

#include "core/clock.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "store/store.h"

#include <algorithm>

namespace td {

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
constexpr qint64 WeekMs = 7 * DayMs;

/// The days from `first` to `first + Overview::Days - 1` as counts, zero where no row names one.
QList<qint64> perDay(QSqlQuery &q, qint64 first)
{
    QList<qint64> days(Overview::Days, 0);
    while (q.next()) {
        const qint64 i = q.value(0).toLongLong() - first;
        if (i >= 0 && i < Overview::Days)
            days[qsizetype(i)] += q.value(1).toLongLong();
    }
    return days;
}

/// Live tokens (status_key = -expires_at while not revoked: migration 2's index) expiring in
/// each of the next Weeks weeks: one range count per week, each read from the index alone
/// (grouping by an expression of status_key made SQLite read every row of the table).
QList<qint64> expiringPerWeek(Store &store, const Actor &live, qint64 now)
{
    const bool own = !Authz::seesAllTokens(live);
    QStringList weeks;
    QVariantList binds;
    for (int i = 0; i < Overview::Weeks; ++i) {
        weeks << QStringLiteral("(SELECT COUNT(*) FROM api_tokens WHERE status_key >= ?"
                                " AND status_key < ?%1)")
                     .arg(own ? QStringLiteral(" AND user_id = ?") : QString());
        binds << -(now + (i + 1) * WeekMs) << -(now + i * WeekMs);
        if (own)
            binds << live.userId;
    }
    QSqlQuery q = store.run(QStringLiteral("SELECT ") + weeks.join(QStringLiteral(", ")), binds,
                            "counting the tokens that expire");
    QList<qint64> counts(Overview::Weeks, 0);
    if (q.next())
        for (int i = 0; i < Overview::Weeks; ++i)
            counts[i] = q.value(i).toLongLong();
    return counts;
}

QList<qint64> requestsPerDay(Store &store, const Actor &live, qint64 firstDay)
{
    QSqlQuery q = Authz::seesAllTokens(live)
                      ? store.run(QStringLiteral("SELECT day, SUM(requests) FROM api_request_days"
                                                 " WHERE day >= ? GROUP BY day"),
                                  {firstDay}, "counting the requests per day")
                      : store.run(QStringLiteral("SELECT day, requests FROM api_request_days"
                                                 " WHERE user_id = ? AND day >= ?"),
                                  {live.userId, firstDay}, "counting the requests per day");
    return perDay(q, firstDay);
}

void sessionsPerPlatform(Store &store, const Actor &live, qint64 now, Overview &o)
{
    // The live sessions, as the Mobile Users list shows them (SessionList::select), on the
    // partial index mobile_sessions_live_platform.
    QString sql = QStringLiteral("SELECT platform, COUNT(*) FROM mobile_sessions"
                                 " WHERE revoked_at IS NULL AND expires_at > ?");
    QVariantList binds = {now};
    if (!Authz::seesAllSessions(live)) {
        sql += QStringLiteral(" AND user_id = ?");
        binds << live.userId;
    }
    sql += QStringLiteral(" GROUP BY platform");
    QSqlQuery q = store.run(sql, binds, "counting the sessions per platform");
    QList<Overview::PlatformCount> all;
    while (q.next())
        all.append({q.value(0).toString(), q.value(1).toLongLong()});
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.sessions != b.sessions ? a.sessions > b.sessions : a.platform < b.platform;
    });
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (i < Overview::MaxPlatforms)
            o.sessionsPerPlatform << all[i];
        else
            o.otherSessions += all[i].sessions;
    }
}

/// Failed console and mobile sign-ins (the audit rows the partial index
/// audit_log_failed_sign_ins holds) per day of the reader's calendar.
QList<qint64> failedSignInsPerDay(Store &store, qint64 offsetMs, qint64 firstDay)
{
    QSqlQuery q = store.run(
        QStringLiteral("SELECT (at + ?) / %1 AS day, COUNT(*) FROM audit_log%2"
                       " WHERE outcome = 'failure' AND action IN ('auth.sign_in', 'session.create')"
                       " AND at >= ? GROUP BY day")
            .arg(DayMs)
            // SQLite's planner prefers audit_log_action, which reads every sign-in's row.
            .arg(store.isSqlite() ? QStringLiteral(" INDEXED BY audit_log_failed_sign_ins")
                                  : QString()),
        {offsetMs, firstDay * DayMs - offsetMs}, "counting the failed sign-ins");
    return perDay(q, firstDay);
}

} // namespace

qint64 OverviewService::utcDay(qint64 atMs)
{
    return atMs / DayMs;
}

QDate OverviewService::dateOfDay(qint64 day)
{
    return QDate(1970, 1, 1).addDays(day);
}

void OverviewService::countRequest(Store &store, qint64 userId, qint64 atMs)
{
    store.run(QStringLiteral("INSERT INTO api_request_days (day, user_id, requests)"
                             " VALUES (?, ?, 1) ON CONFLICT (day, user_id) DO UPDATE"
                             " SET requests = api_request_days.requests + 1"),
              {utcDay(atMs), userId}, "counting a request");
}

Result<Overview> OverviewService::read(const Actor &actor, int utcOffsetMinutes)
{
    if (utcOffsetMinutes < -MaxUtcOffsetMinutes || utcOffsetMinutes > MaxUtcOffsetMinutes)
        return Error(Errc::InvalidArgument,
                     tr("The UTC offset must be between -14:00 and +14:00 hours."),
                     QStringLiteral("utcOffsetMinutes"));
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        Overview o;
        const qint64 now = Clock::nowMs();
        o.at = Clock::fromMs(now);
        o.everyonesTokens = Authz::seesAllTokens(live);
        o.expiringPerWeek = expiringPerWeek(store, live, now);
        const qint64 firstRequestDay = utcDay(now) - (Overview::Days - 1);
        o.firstRequestDay = dateOfDay(firstRequestDay);
        o.requestsPerDay = requestsPerDay(store, live, firstRequestDay);
        o.everyonesSessions = Authz::seesAllSessions(live);
        sessionsPerPlatform(store, live, now, o);
        o.failedSignInsShown = Authz::mayReadAudit(live);
        if (o.failedSignInsShown) {
            const qint64 offsetMs = qint64(utcOffsetMinutes) * 60 * 1000;
            const qint64 firstDay = utcDay(now + offsetMs) - (Overview::Days - 1);
            o.firstFailedSignInDay = dateOfDay(firstDay);
            o.failedSignInsPerDay = failedSignInsPerDay(store, offsetMs, firstDay);
        }
        return o;
    });
}

} // namespace td
