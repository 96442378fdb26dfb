// SPDX-License-Identifier: MIT
#pragma once

#include "store/databaselocation.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace td {

/// The server's change stream (GET /api/v1/changes): a cursor that moves whenever the store
/// changes, and the change polls held until it moves. It hears the store as the console's
/// ChangeWatcher does: on PostgreSQL the list notifications (CredentialListener calls
/// changed()), which every server of a deployment hears; on SQLite `PRAGMA data_version`,
/// polled every ChangeWatcher::PollIntervalMs on a connection of its own. Either way the
/// server's own writes are heard like everyone else's.
///
/// A held poll costs no thread and no database connection: only its place here and its
/// connection's. The places are bounded in all, per client address and per credential.
class ChangeFeed
{
public:
    struct Limits
    {
        int total = 256;       ///< polls held at once; more → 503
        int perAddress = 8;    ///< from one client address (clientKey); more → 429
        int perCredential = 4; ///< with one credential; more → 429
        int timeoutMs = 25000; ///< a poll is answered after this at the latest
    };
    using Wake = std::function<void()>;

    /// SQLite: polls the store from a thread of its own until destroyed.
    ChangeFeed(const DatabaseLocation &location, const Limits &limits);
    ~ChangeFeed();
    ChangeFeed(const ChangeFeed &) = delete;
    ChangeFeed &operator=(const ChangeFeed &) = delete;

    const Limits &limits() const { return m_limits; }
    quint64 cursor() const;
    /// The store changed: the cursor moves and every held poll is woken (from this thread).
    void changed();

    enum class Held { Yes, Moved, TooMany, TooManyFromAddress, TooManyForCredential };
    /// Holds a poll at cursor `after` until changed() (wake runs once, on the caller of
    /// changed()) or release(*id). Moved: the cursor is not `after` any more, answer at once.
    Held hold(quint64 after, const QString &addressKey, const QByteArray &credentialKey, Wake wake,
              quint64 *id);
    /// Gives a held poll's place back (its hold ended); false when changed() woke it already.
    bool release(quint64 id);
    int heldCount() const;
    /// Drops every held poll without waking it (the server stops).
    void clear();

private:
    struct Waiter
    {
        QString address;
        QByteArray credential;
        Wake wake;
    };
    void forget(const Waiter &w);
    void pollSqlite();

    const DatabaseLocation m_location;
    const Limits m_limits;
    mutable std::mutex m_mutex;
    quint64 m_cursor;
    quint64 m_nextId = 1;
    std::map<quint64, Waiter> m_waiters;
    QHash<QString, int> m_perAddress;
    QHash<QByteArray, int> m_perCredential;
    std::condition_variable m_stopWake;
    bool m_stopping = false;
    std::thread m_poller;
};

} // namespace td
