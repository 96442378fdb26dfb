// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>

class QTimer;

namespace td {

class Store;

/// What tokendesk-server does once a night: the unused-token policy
/// (TokenService::applyUnusedTokenPolicy) when an administrator turned it on. A timer looks
/// every few minutes; the job is due once per UTC day from RunHourUtc on. Several servers of one
/// PostgreSQL deployment run it once between them: the one that holds the advisory lock
/// (pg_try_advisory_lock) claims the day in the store, the others skip it.
class NightlyJobs : public QObject
{
    Q_OBJECT

public:
    static constexpr int RunHourUtc = 2;
    static constexpr qint64 AdvisoryLockKey = 0x74646b6e69676874; // "tdknight"

    enum class Outcome {
        NotDue,     ///< before RunHourUtc
        Off,        ///< the policy is off: nothing to do, nothing written
        Busy,       ///< another server holds the lock
        AlreadyRan, ///< this day was claimed already
        Ran,
        Failed,
    };

    /// `store`: a connection of this thread (the server's main thread), kept for the lock.
    explicit NightlyJobs(Store &store, QObject *parent = nullptr);
    /// Looks now and then every `intervalMs`.
    void start(int intervalMs = 5 * 60 * 1000);
    /// Runs what is due at `nowUtc`; `revoked`: tokens the policy revoked.
    Outcome runDue(const QDateTime &nowUtc, int *revoked = nullptr);

private:
    /// Claims the day (settings key nightly.unused_tokens): false when claimed already.
    bool claim(const QString &day);

    Store &m_store;
    QTimer *m_timer = nullptr;
};

} // namespace td
