// SPDX-License-Identifier: MIT
#pragma once

#include "verificationcache.h"

#include "core/types.h"

#include <QByteArray>
#include <QHash>

#include <atomic>
#include <optional>
#include <shared_mutex>

namespace td {

/// Verified credentials (API tokens and mobile sessions, by their lookup hash) kept in memory
/// and shared by every thread of a server, for a store that tells of its changes: PostgreSQL
/// sends a notification from its triggers (migration 3) for every change that can end or alter
/// a credential, and whoever listens (the server's CredentialListener) calls invalidate().
///
/// It answers only while live(): while the notification connection is down nothing is served
/// from memory, and going live again starts empty. A read that raced an invalidation is not
/// kept: insert() takes the epoch read before the database read and drops the entry when an
/// invalidation came in between.
class CredentialCache
{
public:
    using Entry = VerificationCache::Entry; ///< status not decided yet: that depends on the time

    static constexpr qsizetype MaxEntries = 200000;

    bool live() const { return m_live.load(std::memory_order_acquire); }
    /// Goes live (the listener is listening) or down; either way the cache starts empty.
    void setLive(bool live);

    /// Read before the database read whose result goes to insert().
    quint64 epoch() const { return m_epoch.load(std::memory_order_acquire); }
    std::optional<Entry> find(const QByteArray &hash) const;
    void insert(const QByteArray &hash, const Entry &entry, quint64 epochBeforeRead);
    /// Records a last-use time (so the once-a-minute write is not tried again at once).
    void touch(const QByteArray &hash, qint64 lastUsedMs);

    /// A notification's payload: "api:<id>", "session:<id>", "user:<id>", or anything else
    /// (e.g. "*"): everything.
    void invalidate(QByteArrayView payload);
    qsizetype size() const;

private:
    mutable std::shared_mutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
    std::atomic<quint64> m_epoch{0};
    std::atomic<bool> m_live{false};
};

} // namespace td
