// SPDX-License-Identifier: MIT
#include "noticejobs.h"

#include "backgroundjob.h"

#include "domain/domain.h"
#include "store/store.h"

#include <cstdio>

namespace td {

namespace {
const QString DigestClaimKey = QStringLiteral("notices.digest");

void say(const QString &line)
{
    std::fprintf(stderr, "notices: %s\n", qPrintable(line));
    std::fflush(stderr);
}
} // namespace

NoticeJobs::NoticeJobs(DatabaseLocation location, std::unique_ptr<MailSettings> settings)
    : m_location(std::move(location))
    , m_settings(std::move(settings))
    , m_mailer(std::make_unique<Mailer>(*m_settings))
{}

NoticeJobs::~NoticeJobs() = default;

void NoticeJobs::start()
{
    m_job = std::make_unique<BackgroundJob>(
        QStringLiteral("notices"), m_location, m_settings->sendIntervalSeconds * 1000,
        [this](Store &store) { tick(store, QDateTime::currentDateTimeUtc()); });
    m_job->start();
}

NoticeJobs::Tick NoticeJobs::tick(Store &store, const QDateTime &now)
{
    Tick t;
    const bool locks = !store.isSqlite();
    if (locks) {
        auto got = store.read([&] {
            return store.scalar(QStringLiteral("SELECT pg_try_advisory_lock(?)"), {AdvisoryLockKey})
                .toBool();
        });
        if (!got || !got.value()) {
            t.locked = false;
            return t;
        }
    }
    Domain domain(store);
    if (!m_lastScan.isValid() || m_lastScan.secsTo(now) >= m_settings->scanIntervalSeconds) {
        m_lastScan = now;
        if (auto run = domain.notices.queueExpiryNotices(now, m_settings->language)) {
            t.noticed = run->credentials;
            t.queued += run->mails;
            if (run->credentials > 0)
                say(QStringLiteral("%1 credential(s) expire soon or have expired; %2 e-mail(s) "
                                   "queued")
                        .arg(run->credentials)
                        .arg(run->mails));
        } else {
            say(run.error().message);
        }
    }
    const QString day = now.date().toString(Qt::ISODate);
    if (m_settings->adminDigest && now.time().hour() >= m_settings->digestHourUtc) {
        // The day is claimed in the store, so that one digest goes out per day whatever the
        // restarts; the digest covers the day before the claim.
        auto claimed = store.write([&] {
            const QString last = store
                                     .scalar(QStringLiteral("SELECT value FROM settings WHERE "
                                                            "key = ?"),
                                             {DigestClaimKey})
                                     .toString();
            if (last == day)
                return false;
            store.run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                      {DigestClaimKey, day});
            return true;
        });
        if (claimed && claimed.value()) {
            if (auto mails =
                    domain.notices.queueAdminDigest(now.addDays(-1), now, m_settings->language))
                t.queued += mails.value();
            else
                say(mails.error().message);
        }
    }
    if (auto due = domain.notices.dueMail(now.toMSecsSinceEpoch(), MailsPerTick)) {
        for (const OutgoingMail &mail : due.value()) {
            const Mailer::Outcome out =
                m_mailer->send(mail.recipient, mail.subject, mail.body, mail.id);
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            if (out.sent) {
                ++t.sent;
                (void)domain.notices.mailSent(mail.id, at);
            } else {
                ++t.failed;
                say(QStringLiteral("e-mail #%1 not sent: %2").arg(mail.id).arg(out.error));
                (void)domain.notices.mailFailed(mail.id, out.error, at, out.permanent,
                                                qint64(m_settings->retrySeconds) * 1000);
            }
        }
    } else {
        say(due.error().message);
    }
    if (locks)
        (void)store.read([&] {
            return store.scalar(QStringLiteral("SELECT pg_advisory_unlock(?)"), {AdvisoryLockKey});
        });
    return t;
}

} // namespace td
