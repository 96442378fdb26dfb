// SPDX-License-Identifier: MIT
#include "sessionquery.h"

#include "core/clock.h"
#include "domain/authz.h"
#include "domain/records.h"

namespace td::SessionList {

WindowedSelect select(Store &store, const Actor &live, const SessionQuery &q, qint64 nowMs)
{
    WindowedSelect s;
    s.from = QStringLiteral("mobile_sessions s");
    s.id = QStringLiteral("s.id");
    s.keys = {QStringLiteral("s.last_active_at")};
    s.ascending = false;
    s.sqliteOrderIndex = QStringLiteral("mobile_sessions_last_active");
    s.tableRows = store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM mobile_sessions"))
                      .toLongLong();
    if (!Authz::seesAllSessions(live)) {
        s.conditions << QStringLiteral("s.user_id = ?");
        s.binds << live.userId;
    }
    if (q.userId) {
        s.conditions << QStringLiteral("s.user_id = ?");
        s.binds << *q.userId;
    }
    if (!q.includeEnded) {
        s.conditions << QStringLiteral("s.revoked_at IS NULL")
                     << QStringLiteral("s.expires_at > ?");
        s.binds << nowMs;
    }
    if (const QString text = q.text.trimmed(); !text.isEmpty()) {
        const QString like = Records::containsPattern(text);
        s.conditions << QStringLiteral(
                            "s.device_name %1 ? ESCAPE '\\' OR s.platform %1 ? ESCAPE '\\' OR "
                            "s.user_id IN (SELECT u.id FROM users u "
                            "JOIN departments d ON d.id = u.department_id WHERE u.username %1 ? "
                            "ESCAPE '\\' OR u.email %1 ? ESCAPE '\\' OR d.name %1 ? ESCAPE '\\')")
                            .arg(store.ilike());
        s.binds << like << like << like << like << like;
    }
    return s;
}

QString columns()
{
    return QStringLiteral(
        "s.id, s.hint, s.user_id, u.username, u.email, d.name, ut.name, s.device_name, "
        "s.platform, s.app_version, s.created_at, s.last_active_at, s.last_active_addr, "
        "s.expires_at, s.revoked_at, s.revoked_by "
        "FROM mobile_sessions s JOIN users u ON u.id = s.user_id "
        "JOIN departments d ON d.id = u.department_id "
        "JOIN user_types ut ON ut.id = u.user_type_id");
}

MobileSession read(const QSqlQuery &q, qint64 nowMs, int soonDays)
{
    MobileSession s;
    s.id = q.value(0).toLongLong();
    s.hint = q.value(1).toString();
    s.userId = q.value(2).toLongLong();
    s.username = q.value(3).toString();
    s.email = q.value(4).toString();
    s.department = q.value(5).toString();
    s.userType = q.value(6).toString();
    s.deviceName = q.value(7).toString();
    s.platform = q.value(8).toString();
    s.appVersion = q.value(9).toString();
    s.createdAt = Clock::fromMs(q.value(10));
    s.lastActiveAt = Clock::fromMs(q.value(11));
    s.lastActiveFrom = q.value(12).toString();
    s.expiresAt = Clock::fromMs(q.value(13));
    s.revokedAt = Clock::fromMs(q.value(14));
    s.revokedBy = q.value(15).toString();
    s.status = tokenStatusAt(nowMs, q.value(13).toLongLong(), s.revokedAt.isValid(), soonDays);
    return s;
}

QString target(const MobileSession &s)
{
    return QStringLiteral("session #%1 (%2) of %3 on \"%4\"")
        .arg(s.id)
        .arg(s.hint, s.username, s.deviceName);
}

} // namespace td::SessionList
