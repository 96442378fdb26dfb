// SPDX-License-Identifier: MIT
// tokendesk-server's nightly jobs on SQLite and PostgreSQL: the unused-token policy runs once a
// UTC day from its hour on, only when an administrator turned it on, audited as the policy; on
// PostgreSQL a server that does not hold the advisory lock leaves it to the one that does.
#include "nightlyjobs.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "testsupport.h"

#include <QTest>

using namespace td;
using namespace td::test;

class TestNightlyJobs : public QObject
{
    Q_OBJECT

private:
    Fixture f;
    qint64 stale = 0;
    qint64 fresh = 0;

    qint64 makeToken(const QString &name, qint64 ageDays)
    {
        NewApiToken r;
        r.name = name;
        r.username = QStringLiteral("admin");
        r.scopes = {Scope::Collection};
        r.expiresAt = Clock::now().addDays(300);
        auto t = f.domain->tokens.create(f.cli, r);
        if (!t)
            return 0;
        const auto aged = f.store->write([&] {
            f.store->run(QStringLiteral("UPDATE api_tokens SET created_at = ? WHERE id = ?"),
                         {Clock::nowMs() - ageDays * 24LL * 3600 * 1000, t->id});
        });
        return aged ? t->id : 0;
    }
    void turnOn(int days)
    {
        StoreSettings s = f.domain->accounts.settings().value();
        s.unusedTokenPolicyDays = days;
        QVERIFY(f.domain->accounts.updateSettings(f.cli, s).ok());
    }
    TokenStatus status(qint64 id) { return f.domain->tokens.token(f.cli, id)->status; }

private Q_SLOTS:
    void initTestCase() { PasswordHasher::setCostForTesting(1, 8 * 1024); }
    void init()
    {
        f = makeFixture();
        QVERIFY2(f.ok(), qPrintable(f.error));
        stale = makeToken(QStringLiteral("stale"), 120);
        fresh = makeToken(QStringLiteral("fresh"), 10);
        QVERIFY(stale && fresh);
    }
    void cleanup() { f = Fixture(); }

    void offByDefaultWritesNothing()
    {
        NightlyJobs jobs(*f.store);
        const qint64 settingsBefore = countRows(*f.store, QStringLiteral("settings"));
        const QDateTime night(QDate(2026, 12, 4), QTime(3, 0), Qt::UTC);
        QCOMPARE(jobs.runDue(night), NightlyJobs::Outcome::Off);
        QCOMPARE(countRows(*f.store, QStringLiteral("settings")), settingsBefore);
        QCOMPARE(status(stale), TokenStatus::Active);
    }

    void runsOnceANightAsThePolicy()
    {
        turnOn(90);
        NightlyJobs jobs(*f.store);
        int revoked = -1;
        // Before its hour: not yet.
        QCOMPARE(jobs.runDue(QDateTime(QDate(2026, 12, 4), QTime(1, 59), Qt::UTC), &revoked),
                 NightlyJobs::Outcome::NotDue);
        QCOMPARE(status(stale), TokenStatus::Active);
        QCOMPARE(jobs.runDue(QDateTime(QDate(2026, 12, 4), QTime(2, 5), Qt::UTC), &revoked),
                 NightlyJobs::Outcome::Ran);
        QCOMPARE(revoked, 1);
        QCOMPARE(status(stale), TokenStatus::Revoked);
        QCOMPARE(status(fresh), TokenStatus::Active);
        QCOMPARE(lastAudit(*f.store).actor, QStringLiteral("policy:unused-tokens"));
        QCOMPARE(lastAudit(*f.store).action, QStringLiteral("token.revoke"));
        // Later that night, on this server or another: done already.
        const qint64 stale2 = makeToken(QStringLiteral("stale-2"), 200);
        QCOMPARE(jobs.runDue(QDateTime(QDate(2026, 12, 4), QTime(23, 0), Qt::UTC)),
                 NightlyJobs::Outcome::AlreadyRan);
        auto other = f.store->openAnother();
        QVERIFY(other.ok());
        NightlyJobs second(*other.value());
        QCOMPARE(second.runDue(QDateTime(QDate(2026, 12, 4), QTime(4, 0), Qt::UTC)),
                 NightlyJobs::Outcome::AlreadyRan);
        QCOMPARE(status(stale2), TokenStatus::Active);
        // The next night.
        QCOMPARE(second.runDue(QDateTime(QDate(2026, 12, 5), QTime(2, 0), Qt::UTC), &revoked),
                 NightlyJobs::Outcome::Ran);
        QCOMPARE(revoked, 1);
        QCOMPARE(status(stale2), TokenStatus::Revoked);
    }

    void onlyTheLockHolderRunsIt()
    {
        if (storeKind() != StoreKind::PostgreSQL)
            return; // one SQLite file has one server
        turnOn(90);
        auto holder = f.store->openAnother();
        QVERIFY(holder.ok());
        Store &h = *holder.value();
        auto locked = h.read([&] {
            return h
                .scalar(QStringLiteral("SELECT pg_try_advisory_lock(?)"),
                        {NightlyJobs::AdvisoryLockKey})
                .toBool();
        });
        QVERIFY(locked.ok() && locked.value());
        NightlyJobs jobs(*f.store);
        const QDateTime night(QDate(2026, 12, 4), QTime(3, 0), Qt::UTC);
        QCOMPARE(jobs.runDue(night), NightlyJobs::Outcome::Busy);
        QCOMPARE(status(stale), TokenStatus::Active);
        QVERIFY(h.read([&] {
                     return h
                         .scalar(QStringLiteral("SELECT pg_advisory_unlock(?)"),
                                 {NightlyJobs::AdvisoryLockKey})
                         .toBool();
                 }).value());
        QCOMPARE(jobs.runDue(night), NightlyJobs::Outcome::Ran);
        QCOMPARE(status(stale), TokenStatus::Revoked);
    }
};

QTEST_GUILESS_MAIN(TestNightlyJobs)
#include "tst_nightlyjobs.moc"
