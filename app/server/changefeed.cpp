// SPDX-License-Identifier: MIT
#include "changefeed.h"

#include "store/changewatcher.h"
#include "store/store.h"

#include <QDateTime>

#include <vector>

namespace td {

ChangeFeed::ChangeFeed(const DatabaseLocation &location, const Limits &limits)
    : m_location(location)
    , m_limits(limits)
    // A restarted server starts elsewhere: a console's old cursor is then unknown and is
    // answered at once (one refresh), never taken for the new server's.
    , m_cursor(quint64(QDateTime::currentMSecsSinceEpoch()))
{
    if (m_location.isSqlite())
        m_poller = std::thread([this] { pollSqlite(); });
}

ChangeFeed::~ChangeFeed()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stopWake.notify_all();
    if (m_poller.joinable())
        m_poller.join();
    clear();
}

quint64 ChangeFeed::cursor() const
{
    std::lock_guard lock(m_mutex);
    return m_cursor;
}

void ChangeFeed::changed()
{
    std::vector<Wake> woken;
    {
        std::lock_guard lock(m_mutex);
        ++m_cursor;
        woken.reserve(m_waiters.size());
        for (auto &[id, w] : m_waiters) {
            forget(w);
            woken.push_back(std::move(w.wake));
        }
        m_waiters.clear();
    }
    for (Wake &wake : woken)
        wake();
}

ChangeFeed::Held ChangeFeed::hold(quint64 after, const QString &addressKey,
                                  const QByteArray &credentialKey, Wake wake, quint64 *id)
{
    std::lock_guard lock(m_mutex);
    if (after != m_cursor)
        return Held::Moved;
    if (int(m_waiters.size()) >= m_limits.total)
        return Held::TooMany;
    if (m_perAddress.value(addressKey) >= m_limits.perAddress)
        return Held::TooManyFromAddress;
    if (m_perCredential.value(credentialKey) >= m_limits.perCredential)
        return Held::TooManyForCredential;
    ++m_perAddress[addressKey];
    ++m_perCredential[credentialKey];
    *id = m_nextId++;
    m_waiters.emplace(*id, Waiter{addressKey, credentialKey, std::move(wake)});
    return Held::Yes;
}

bool ChangeFeed::release(quint64 id)
{
    Wake dropped; // destroyed outside the lock: it may hold the last reference to a connection
    std::lock_guard lock(m_mutex);
    auto it = m_waiters.find(id);
    if (it == m_waiters.end())
        return false;
    forget(it->second);
    dropped = std::move(it->second.wake);
    m_waiters.erase(it);
    return true;
}

int ChangeFeed::heldCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_waiters.size());
}

void ChangeFeed::clear()
{
    std::map<quint64, Waiter> dropped;
    {
        std::lock_guard lock(m_mutex);
        dropped.swap(m_waiters);
        m_perAddress.clear();
        m_perCredential.clear();
    }
}

void ChangeFeed::forget(const Waiter &w)
{
    if (auto it = m_perAddress.find(w.address); it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
    if (auto it = m_perCredential.find(w.credential); it != m_perCredential.end() && --*it <= 0)
        m_perCredential.erase(it);
}

void ChangeFeed::pollSqlite()
{
    std::unique_ptr<Store> store; // opened, used and closed on this thread
    std::optional<qint64> last;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        if (!store) {
            if (auto opened = Store::open(m_location, Store::OpenMode::ExistingOnly))
                store = std::move(opened.value());
        }
        const std::optional<qint64> version =
            store ? ChangeWatcher::dataVersion(*store) : std::nullopt;
        if (version && last && *version != *last)
            changed();
        if (version)
            last = version;
        lock.lock();
        m_stopWake.wait_for(lock, std::chrono::milliseconds(ChangeWatcher::PollIntervalMs),
                            [this] { return m_stopping; });
    }
    lock.unlock();
    store.reset();
}

} // namespace td
