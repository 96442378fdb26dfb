// SPDX-License-Identifier: MIT
#pragma once

#include "changesource.h"

#include <QElapsedTimer>

#include <optional>

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
/// most once per PollIntervalMs. tokendesk-server's change stream hears the store the same way
/// (ListChannel, dataVersion()).
class ChangeWatcher : public ChangeSource
{
    Q_OBJECT

public:
    /// The PostgreSQL channel the lists' triggers notify (payload: the table's name).
    static constexpr const char *ListChannel = "tokendesk_lists";

    explicit ChangeWatcher(Store &store, QObject *parent = nullptr);
    ~ChangeWatcher() override;

    void setActive(bool active) override;
    void checkNow() override;

    /// SQLite: `PRAGMA data_version` of the store's connection, which moves when another
    /// connection commits; nothing when the store cannot be read now (or inside a transaction
    /// of this connection, which sees only its own snapshot).
    static std::optional<qint64> dataVersion(Store &store);

private:
    void poll();
    void heard();
    void schedule();
    void reportNow();

    Store &m_store;
    QTimer *m_timer = nullptr;
    QTimer *m_settle = nullptr;
    QElapsedTimer m_lastReport;
    bool m_sqlite = true;
    bool m_pending = false;
    bool m_listening = false;
    qint64 m_dataVersion = -1;
};

} // namespace td
