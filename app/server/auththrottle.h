// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>

namespace td {

/// In-memory counters of failed bearer-token checks per client address (RFC 6750 401s), so a
/// scanner guessing tokens is answered 429 with Retry-After instead of costing a lookup per try.
/// Sign-in failures are throttled separately by the domain (Credentials), through the store.
class AuthThrottle
{
public:
    struct Policy
    {
        int maxFailures = 10;        ///< failures within `windowMs` before an address is blocked
        qint64 windowMs = 60 * 1000; ///< failures older than this are forgotten
        qint64 blockMs = 60 * 1000;  ///< how long a blocked address is refused
        qsizetype maxAddresses = 100000; ///< memory bound: the oldest entries go first
    };

    AuthThrottle() = default;
    explicit AuthThrottle(const Policy &policy)
        : m_policy(policy)
    {}
    const Policy &policy() const { return m_policy; }

    /// Seconds until the address may try again, or 0 when it is not blocked.
    int retryAfterSeconds(const QString &address, qint64 nowMs) const;
    /// Counts one failure; returns true when this one blocked the address.
    bool recordFailure(const QString &address, qint64 nowMs);
    /// Drops entries whose window and block are over.
    void prune(qint64 nowMs);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        int failures = 0;
        qint64 firstFailureMs = 0;
        qint64 blockedUntilMs = 0;
    };
    Policy m_policy;
    QHash<QString, Entry> m_entries;
};

} // namespace td
