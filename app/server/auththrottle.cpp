// SPDX-License-Identifier: MIT
#include "auththrottle.h"

#include "security/clientaddress.h"

namespace td {

int AuthThrottle::retryAfterSeconds(const QString &address, qint64 nowMs) const
{
    if (m_policy.maxFailures <= 0)
        return 0;
    const QString key = clientKey(address);
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || it->blockedUntilMs <= nowMs)
        return 0;
    return int((it->blockedUntilMs - nowMs + 999) / 1000);
}

bool AuthThrottle::recordFailure(const QString &address, qint64 nowMs)
{
    if (m_policy.maxFailures <= 0)
        return false;
    const QString key = clientKey(address);
    std::lock_guard lock(m_mutex);
    if (m_entries.size() >= m_policy.maxAddresses && !m_entries.contains(key)) {
        pruneLocked(nowMs);
        if (m_entries.size() >= m_policy.maxAddresses)
            m_entries.erase(m_entries.begin()); // bounded memory beats perfect bookkeeping
    }
    Entry &e = m_entries[key];
    if (e.failures == 0 || nowMs - e.firstFailureMs > m_policy.windowMs) {
        e.failures = 0;
        e.firstFailureMs = nowMs;
    }
    ++e.failures;
    if (e.failures >= m_policy.maxFailures && e.blockedUntilMs <= nowMs) {
        e.blockedUntilMs = nowMs + m_policy.blockMs;
        e.failures = 0; // a fresh count once the block is over
        return true;
    }
    return false;
}

void AuthThrottle::prune(qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    pruneLocked(nowMs);
}

qsizetype AuthThrottle::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

void AuthThrottle::pruneLocked(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->blockedUntilMs <= nowMs && nowMs - it->firstFailureMs > m_policy.windowMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

} // namespace td
