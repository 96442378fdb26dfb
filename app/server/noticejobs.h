// SPDX-License-Identifier: MIT
#pragma once

#include "mailer.h"
#include "store/databaselocation.h"

#include <QDateTime>
#include <QObject>

#include <memory>

namespace td {

class BackgroundJob;
class Store;

/// Expiry notices in tokendesk-server (NoticeService): on a thread of its own with its own
/// store connection, so that a slow SMTP server never holds up a request. Every
/// send_interval_seconds it looks whether a scan is due (every scan_interval_seconds; the
/// administrators' digest once per UTC day from digest_hour_utc on) and sends the outbox. Servers
/// of one PostgreSQL deployment do this one at a time: the one holding the advisory lock. A
/// notice is recorded per credential, expiry and threshold, so a restart or a second server
/// never sends it twice.
class NoticeJobs : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 AdvisoryLockKey = 0x74646b6e6f746963; // "tdknotic"
    static constexpr int MailsPerTick = 50;

    NoticeJobs(DatabaseLocation location, std::unique_ptr<MailSettings> settings);
    ~NoticeJobs() override;

    /// Starts the thread.
    void start();

    /// One look, on the calling thread's `store` (tests call it directly): scan if due, digest
    /// if due, send what the outbox holds. `lastScan`/`lastDigestDay` are kept between calls.
    struct Tick
    {
        bool locked = true; ///< false: another server holds the lock
        int noticed = 0;
        int queued = 0;
        int sent = 0;
        int failed = 0;
    };
    Tick tick(Store &store, const QDateTime &now);

private:
    DatabaseLocation m_location;
    std::unique_ptr<MailSettings> m_settings;
    std::unique_ptr<Mailer> m_mailer;
    std::unique_ptr<BackgroundJob> m_job;
    QDateTime m_lastScan;
};

} // namespace td
