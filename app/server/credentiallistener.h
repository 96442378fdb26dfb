// SPDX-License-Identifier: MIT
#pragma once

#include "store/databaselocation.h"

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace td {

class CredentialCache;

/// Keeps a CredentialCache in step with a PostgreSQL store: a thread of its own holds one libpq
/// connection that LISTENs on "tokendesk_credentials" (sent by the store's triggers, migration
/// 3) and hands every notification to the cache. The cache is live only while this connection
/// is: when it breaks (the backend is ended, the network fails, the server restarts) the cache
/// goes down at once — every verification reads the database — the log says so once, and the
/// listener reconnects every second until it listens again.
///
/// The same connection LISTENs on the lists' channel (ChangeWatcher::ListChannel) for the
/// change stream: listsChanged runs on every notification there, and when the connection is
/// (re)established (what changed while it was down is not known). Without a cache (the
/// server's --credential-cache off) it listens for the lists only.
class CredentialListener
{
public:
    CredentialListener(const DatabaseLocation &location, std::shared_ptr<CredentialCache> cache,
                       std::function<void(const QByteArray &)> notice,
                       std::function<void()> listsChanged = {});
    ~CredentialListener();
    CredentialListener(const CredentialListener &) = delete;
    CredentialListener &operator=(const CredentialListener &) = delete;

    /// The PostgreSQL backend process of the listening connection; 0 while there is none.
    int backendPid() const { return m_pid.load(); }
    /// Waits (up to ms) until the first connection attempt has ended, listening or not, so a
    /// server starts to answer in a known state: either the cache is live or every request
    /// reads the database. True when it has ended.
    bool waitForFirstAttempt(int ms);

private:
    void run();
    void firstAttemptEnded();
    /// Waits up to ms for the stop signal; true when stopping.
    bool waitForStop(int ms);

    DatabaseLocation m_location;
    std::shared_ptr<CredentialCache> m_cache;
    std::function<void(const QByteArray &)> m_notice;
    std::function<void()> m_listsChanged;
    std::atomic<int> m_pid{0};
    std::mutex m_firstMutex;
    std::condition_variable m_firstDone;
    bool m_firstAttemptEnded = false;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
};

} // namespace td
