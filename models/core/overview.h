// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace td {

/// The Overview place's figures, as the actor may see them (OverviewService::read): each series
/// counts only what the matching list would show them, and a series they may not read at all is
/// left out (shown() false).
struct Overview
{
    static constexpr int Weeks = 12; ///< expiringPerWeek: this week and the next 11
    static constexpr int Days = 30;  ///< the per-day series: the last 30 days, today included
    /// At most this many platforms are named; the rest are summed up in otherSessions.
    static constexpr int MaxPlatforms = 8;

    struct PlatformCount
    {
        QString platform;
        qint64 sessions = 0;
        bool operator==(const PlatformCount &o) const
        {
            return platform == o.platform && sessions == o.sessions;
        }
    };

    /// The moment the figures were read (UTC); week i of expiringPerWeek is the tokens that
    /// expire after at + i weeks, up to at + (i + 1) weeks.
    QDateTime at;
    /// Every user's tokens (tokens.view_all or tokens.manage_all), or only the actor's own.
    bool everyonesTokens = false;
    /// Live tokens (not revoked) by the week they expire in: Weeks numbers.
    QList<qint64> expiringPerWeek;
    /// Uses of API tokens per UTC day (each token counted at most once a minute, as its "last
    /// used" is written): Days numbers, oldest first; the first is the UTC day firstRequestDay.
    QDate firstRequestDay;
    QList<qint64> requestsPerDay;

    /// Every user's sessions (sessions.view), or only the actor's own.
    bool everyonesSessions = false;
    /// Live mobile sessions (not revoked, not expired) per platform, most first.
    QList<PlatformCount> sessionsPerPlatform;
    qint64 otherSessions = 0; ///< live sessions of the platforms beyond MaxPlatforms

    /// Failed console and mobile sign-ins per day of the reader's local time (the UTC offset
    /// they asked with), oldest first, firstFailedSignInDay first; only with audit.view.
    bool failedSignInsShown = false;
    QDate firstFailedSignInDay;
    QList<qint64> failedSignInsPerDay;
};

} // namespace td
