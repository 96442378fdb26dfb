// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>

#include <mutex>

namespace td {

/// In-memory counters of failed bearer-token checks per client address (RFC 6750 401s), so a
/// scanner guessing tokens is answered 429 with Retry-After instead of costing a lookup per try.
/// Sign-in failures are throttled separately by the domain (Credentials), through the store.
/// Clients are counted by clientKey() (an IPv6 client by its /64). Safe to use from several
/// threads.
class AuthThrottle
{
public:
    struct Policy
    {
        int maxFailures = 10; ///< failures within `windowMs` before an address is blocked
        qint64 windowMs = qint64(60) * 1000; ///< failures older than this are forgotten
        qint64 blockMs = qint64(60) * 1000;  ///< how long a blocked address is refused
        qsizetype maxAddresses = 100000;     ///< memory bound: the oldest entries go first
    };

    AuthThrottle() = default;
    explicit AuthThrottle(const Policy &policy)
        : m_policy(policy)
    {}
    AuthThrottle(const AuthThrottle &) = delete;
    AuthThrottle &operator=(const AuthThrottle &) = delete;
    const Policy &policy() const { return m_policy; }

    /// Seconds until the address may try again, or 0 when it is not blocked.
    int retryAfterSeconds(const QString &address, qint64 nowMs) const;
    /// Counts one failure; returns true when this one blocked the address.
    bool recordFailure(const QString &address, qint64 nowMs);
    /// Drops entries whose window and block are over.
    void prune(qint64 nowMs);
    qsizetype size() const;

private:
    struct Entry
    {
        int failures = 0;
        qint64 firstFailureMs = 0;
        qint64 blockedUntilMs = 0;
    };
    void pruneLocked(qint64 nowMs);

    Policy m_policy;
    mutable std::mutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace td
