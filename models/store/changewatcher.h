// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace td {

class Store;

/// Tells the console's lists that the store changed through another connection: another
/// console, tokendesk-admin, tokendesk-server, a mobile sign-in. The one place that decides
/// when the lists read again.
///
/// SQLite: `PRAGMA data_version` on the store's own connection, polled every PollIntervalMs
/// while active (it changes only when another connection commits, so this console's own
/// writes are not reported). PostgreSQL: LISTEN on ListChannel, which the store's triggers
/// notify from every transaction that changes a listed table; this connection's own
/// notifications are ignored. Either way changed() is emitted at most once per burst and at
/// most once per PollIntervalMs.
///
/// Inactive (the console's window hidden or minimised) it does not poll and holds back what it
/// heard; setActive(true) checks at once.
class ChangeWatcher : public QObject
{
    Q_OBJECT

public:
    /// The PostgreSQL channel the lists' triggers notify (payload: the table's name).
    static constexpr const char *ListChannel = "tokendesk_lists";
    static constexpr int PollIntervalMs = 500;
    /// PostgreSQL: notifications this close together are one change; changed() follows
    /// another at least PollIntervalMs later.
    static constexpr int SettleMs = 50;

    explicit ChangeWatcher(Store &store, QObject *parent = nullptr);
    ~ChangeWatcher() override;

    void setActive(bool active);
    bool isActive() const { return m_active; }
    /// Looks for a change now (e.g. when the window gets the focus back).
    void checkNow();

    /// Checks made (SQLite polls, PostgreSQL notifications heard), for tests.
    qint64 checks() const { return m_checks; }
    /// Times changed() was emitted, for tests.
    qint64 changes() const { return m_changes; }

Q_SIGNALS:
    /// Another connection changed the store: lists re-read what they show.
    void changed();

private:
    void poll();
    void heard();
    void schedule();
    void report();

    Store &m_store;
    QTimer *m_timer = nullptr;
    QTimer *m_settle = nullptr;
    QElapsedTimer m_lastReport;
    bool m_sqlite = true;
    bool m_active = false;
    bool m_pending = false;
    bool m_listening = false;
    qint64 m_dataVersion = -1;
    qint64 m_checks = 0;
    qint64 m_changes = 0;
};

} // namespace td
