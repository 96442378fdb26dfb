// SPDX-License-Identifier: MIT
#pragma once

#include "core/overview.h"
#include "core/result.h"
#include "core/types.h"

#include <QCoreApplication>

namespace td {

class Guard;
class Store;

/// The Overview place: a few counts over the whole store, each computed in SQL on an index
/// (migration 7), each limited to what the actor may see in the matching list.
class OverviewService
{
    Q_DECLARE_TR_FUNCTIONS(OverviewService)

public:
    explicit OverviewService(Guard &guard)
        : m_guard(guard)
    {}

    /// The largest UTC offset a reader may ask with (UTC-14:00 to UTC+14:00).
    static constexpr int MaxUtcOffsetMinutes = 14 * 60;
    /// The figures now; `utcOffsetMinutes` is the reader's, so that their failed sign-ins are
    /// counted per day of their own calendar (as the Audit Log's date filter reads them).
    Result<Overview> read(const Actor &actor, int utcOffsetMinutes);

    /// Counts one use of an API token of `userId` on the UTC day of `atMs`: part of the write
    /// that records a token's last use (TokenVerifier::recordUse), at most once a minute.
    static void countRequest(Store &store, qint64 userId, qint64 atMs);
    /// The UTC day of a time, as stored by countRequest().
    static qint64 utcDay(qint64 atMs);
    static QDate dateOfDay(qint64 day);

private:
    Guard &m_guard;
};

} // namespace td
