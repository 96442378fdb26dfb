// SPDX-License-Identifier: MIT
#include "nightlyjobs.h"

#include "domain/domain.h"
#include "domain/records.h"
#include "store/store.h"

#include <QTimer>

#include <cstdio>

namespace td {

namespace {
const QString ClaimKey = QStringLiteral("nightly.unused_tokens");

void say(const QString &line)
{
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}
} // namespace

NightlyJobs::NightlyJobs(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void NightlyJobs::start(int intervalMs)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] { runDue(QDateTime::currentDateTimeUtc()); });
    m_timer->start();
    QTimer::singleShot(0, this, [this] { runDue(QDateTime::currentDateTimeUtc()); });
}

bool NightlyJobs::claim(const QString &day)
{
    auto claimed = m_store.write([&] {
        const QString last =
            m_store.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {ClaimKey})
                .toString();
        if (last == day)
            return false;
        m_store.run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                    {ClaimKey, day});
        return true;
    });
    return claimed && claimed.value();
}

NightlyJobs::Outcome NightlyJobs::runDue(const QDateTime &nowUtc, int *revoked)
{
    if (revoked)
        *revoked = 0;
    const QDateTime now = nowUtc.toUTC();
    if (now.time().hour() < RunHourUtc)
        return Outcome::NotDue;
    auto settings = m_store.read([&] { return Records::loadSettings(m_store); });
    if (!settings) {
        say(QStringLiteral("nightly jobs: %1").arg(settings.error().message));
        return Outcome::Failed;
    }
    if (settings->unusedTokenPolicyDays <= 0)
        return Outcome::Off;
    const bool locks = !m_store.isSqlite();
    if (locks) {
        auto got = m_store.read([&] {
            return m_store
                .scalar(QStringLiteral("SELECT pg_try_advisory_lock(?)"), {AdvisoryLockKey})
                .toBool();
        });
        if (!got || !got.value())
            return Outcome::Busy;
    }
    Outcome outcome = Outcome::AlreadyRan;
    if (claim(now.date().toString(Qt::ISODate))) {
        Domain domain(m_store);
        auto done = domain.tokens.applyUnusedTokenPolicy();
        if (done) {
            outcome = Outcome::Ran;
            if (revoked)
                *revoked = done->revoked;
            say(QStringLiteral("unused-token policy: revoked %1 token(s) not used for %2 days")
                    .arg(done->revoked)
                    .arg(settings->unusedTokenPolicyDays));
        } else {
            outcome = Outcome::Failed;
            say(QStringLiteral("unused-token policy: %1").arg(done.error().message));
        }
    }
    if (locks)
        (void)m_store.read([&] {
            return m_store.scalar(QStringLiteral("SELECT pg_advisory_unlock(?)"),
                                  {AdvisoryLockKey});
        });
    return outcome;
}

} // namespace td
