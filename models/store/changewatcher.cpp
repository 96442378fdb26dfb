// SPDX-License-Identifier: MIT
#include "changewatcher.h"

#include "store.h"

#include <QSqlDriver>
#include <QTimer>

#include <algorithm>

namespace td {

ChangeWatcher::ChangeWatcher(Store &store, QObject *parent)
    : ChangeSource(parent)
    , m_store(store)
    , m_timer(new QTimer(this))
    , m_settle(new QTimer(this))
    , m_sqlite(store.isSqlite())
{
    m_timer->setInterval(PollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ChangeWatcher::poll);
    m_settle->setSingleShot(true);
    connect(m_settle, &QTimer::timeout, this, &ChangeWatcher::reportNow);
    if (m_sqlite) {
        poll(); // the version the lists were read at
        return;
    }
    QSqlDriver *driver = m_store.database().driver();
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &) {
                // This console's own changes refresh its lists where they are made.
                if (name == QLatin1String(ListChannel) && source != QSqlDriver::SelfSource)
                    heard();
            });
    m_listening = driver->subscribeToNotification(QLatin1String(ListChannel));
    if (!m_listening)
        qWarning("The lists will not follow changes made elsewhere: listening for store "
                 "notifications failed (%s)",
                 qPrintable(driver->lastError().text()));
}

ChangeWatcher::~ChangeWatcher()
{
    if (m_listening && m_store.database().isOpen())
        m_store.database().driver()->unsubscribeFromNotification(QLatin1String(ListChannel));
}

void ChangeWatcher::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        m_timer->stop();
        return;
    }
    if (m_sqlite)
        m_timer->start();
    checkNow();
}

void ChangeWatcher::checkNow()
{
    if (m_sqlite)
        poll();
    else if (m_pending)
        schedule();
}

std::optional<qint64> ChangeWatcher::dataVersion(Store &store)
{
    // Not inside a transaction of this connection: it would see only its own snapshot.
    if (store.inTransaction())
        return std::nullopt;
    auto version = store.read([&store] {
        QSqlQuery &q =
            store.runCached(QStringLiteral("PRAGMA data_version"), {}, "checking for changes");
        const qint64 v = q.next() ? q.value(0).toLongLong() : -1;
        q.finish();
        return v;
    });
    if (!version || version.value() < 0)
        return std::nullopt;
    return version.value();
}

void ChangeWatcher::poll()
{
    if (!m_sqlite)
        return;
    const std::optional<qint64> version = dataVersion(m_store);
    if (!version)
        return; // the store is unreachable now; the lists say so when they read
    const bool first = m_dataVersion < 0;
    const bool moved = *version != m_dataVersion;
    m_dataVersion = *version;
    if (first)
        return;
    countCheck();
    if (moved)
        reportNow();
}

void ChangeWatcher::heard()
{
    countCheck();
    m_pending = true;
    if (m_active)
        schedule();
}

void ChangeWatcher::schedule()
{
    // A burst is one change, and a busy store refreshes the lists at most as often as SQLite's
    // polling would.
    if (m_settle->isActive())
        return;
    const qint64 since = m_lastReport.isValid() ? m_lastReport.elapsed() : PollIntervalMs;
    m_settle->start(int(std::max<qint64>(SettleMs, PollIntervalMs - since)));
}

void ChangeWatcher::reportNow()
{
    m_lastReport.start();
    m_pending = false;
    report();
}

} // namespace td
