// SPDX-License-Identifier: MIT
// The Overview's counts on SQLite and PostgreSQL (OverviewService): tokens expiring per week,
// requests per day from the last-used writes, live sessions per platform, failed sign-ins per
// day of the reader's calendar, each limited to what the reader may see.
#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "testsupport.h"

#include <QTest>

#include <numeric>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;

qint64 sum(const QList<qint64> &list)
{
    return std::accumulate(list.begin(), list.end(), qint64(0));
}
} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private:
    Fixture f;
    Actor admin, support, alice, bob;
    Domain &svc() { return *f.domain; }

    Actor signIn(const QString &user, const char *password)
    {
        auto a = svc().accounts.signIn(user, secret(password), QStringLiteral("10.0.0.1"));
        return a ? a.value() : Actor();
    }
    CreatedToken makeToken(const QString &user, const QString &name, int days)
    {
        NewApiToken r;
        r.name = name;
        r.username = user;
        r.scopes = {Scope::Collection};
        r.expiresAt = Clock::now().addDays(days);
        auto t = svc().tokens.create(f.cli, r);
        return t ? std::move(t.value()) : CreatedToken();
    }
    Overview read(const Actor &who, int offsetMinutes = 0)
    {
        auto o = svc().overview.read(who, offsetMinutes);
        if (!o)
            qWarning("%s", qPrintable(o.error().message));
        return o ? o.value() : Overview();
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void tokensExpiringPerWeek();
    void requestsPerDayFromLastUse();
    void liveSessionsPerPlatform();
    void failedSignInsOnlyWithAuditView();
    void failedSignInsPerDayOfTheReadersCalendar();
    void offsetOutOfRangeIsRefused();
};

void TestOverview::initTestCase()
{
    PasswordHasher::setCostForTesting(1, 8 * 1024); // the cost is not what this tests
}

void TestOverview::init()
{
    Clock::setOffsetForTesting(0);
    f = makeFixture();
    QVERIFY2(f.ok(), qPrintable(f.error));
    QVERIFY(svc().accounts.createDepartment(f.cli, QStringLiteral("Research")).ok());
    auto add = [&](const char *name, const QString &type, const char *pw) {
        NewUser u;
        u.username = QString::fromLatin1(name);
        u.email = QString::fromLatin1(name) + QStringLiteral("@example.org");
        u.department = QStringLiteral("Research");
        u.userType = type;
        u.password = secret(pw);
        auto r = svc().accounts.createUser(f.cli, u);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    };
    add("sam", BuiltinUserType::Support, "Support-pass-1");
    add("alice", BuiltinUserType::Standard, "Alice-pass-1");
    add("bob", BuiltinUserType::Standard, "Bob-pass-22");
    admin = signIn(QStringLiteral("admin"), AdminPassword);
    support = signIn(QStringLiteral("sam"), "Support-pass-1");
    alice = signIn(QStringLiteral("alice"), "Alice-pass-1");
    bob = signIn(QStringLiteral("bob"), "Bob-pass-22");
    QVERIFY(admin.userId && support.userId && alice.userId && bob.userId);
}

void TestOverview::cleanup()
{
    Clock::setOffsetForTesting(0);
    f = Fixture();
}

void TestOverview::tokensExpiringPerWeek()
{
    const Overview before = read(admin);
    QCOMPARE(before.expiringPerWeek.size(), Overview::Weeks);
    QCOMPARE(sum(before.expiringPerWeek), 0);

    QVERIFY(makeToken(QStringLiteral("alice"), QStringLiteral("a-1d"), 1).id);
    QVERIFY(makeToken(QStringLiteral("alice"), QStringLiteral("a-10d"), 10).id);
    QVERIFY(makeToken(QStringLiteral("alice"), QStringLiteral("a-80d"), 80).id);
    QVERIFY(makeToken(QStringLiteral("alice"), QStringLiteral("a-100d"), 100).id); // beyond
    const qint64 revoked = makeToken(QStringLiteral("alice"), QStringLiteral("a-gone"), 3).id;
    QVERIFY(svc().tokens.revoke(f.cli, {revoked}).ok());
    QVERIFY(makeToken(QStringLiteral("bob"), QStringLiteral("b-2d"), 2).id);

    const Overview all = read(admin);
    QVERIFY(all.everyonesTokens);
    QList<qint64> expected(Overview::Weeks, 0);
    expected[0] = 2; // alice's 1 day, bob's 2 days
    expected[1] = 1;
    expected[11] = 1;
    QCOMPARE(all.expiringPerWeek, expected);
    QCOMPARE(read(support).expiringPerWeek, expected); // tokens.view_all

    const Overview own = read(alice);
    QVERIFY(!own.everyonesTokens);
    expected[0] = 1;
    QCOMPARE(own.expiringPerWeek, expected);
    QCOMPARE(sum(read(bob).expiringPerWeek), 1);

    // A week later the 10-day token is in this week, the 80-day one in week 10, the 1- and 2-day
    // ones have expired and the 100-day one (93 days away) is still beyond the chart.
    Clock::setOffsetForTesting(7 * DayMs);
    const Overview later = read(admin);
    QCOMPARE(later.expiringPerWeek[0], 1);
    QCOMPARE(later.expiringPerWeek[10], 1);
    QCOMPARE(sum(later.expiringPerWeek), 2);
}

void TestOverview::requestsPerDayFromLastUse()
{
    CreatedToken a = makeToken(QStringLiteral("alice"), QStringLiteral("busy"), 30);
    CreatedToken b = makeToken(QStringLiteral("bob"), QStringLiteral("quiet"), 30);
    QVERIFY(a.id && b.id);
    QCOMPARE(sum(read(admin).requestsPerDay), 0);

    // A burst within a minute writes "last used" once, and counts once.
    for (int i = 0; i < 5; ++i)
        QVERIFY(svc().tokens.verify(a.secret.bytes(), QStringLiteral("10.1.1.1"))->valid());
    Overview o = read(admin);
    QCOMPARE(o.requestsPerDay.size(), Overview::Days);
    QCOMPARE(o.firstRequestDay,
             Clock::now().toUTC().date().addDays(-(Overview::Days - 1))); // UTC days
    QCOMPARE(o.requestsPerDay.last(), 1);
    Clock::setOffsetForTesting(61 * 1000);
    QVERIFY(svc().tokens.verify(a.secret.bytes(), QStringLiteral("10.1.1.1"))->valid());
    QVERIFY(svc().tokens.verify(b.secret.bytes(), QStringLiteral("10.1.1.2"))->valid());
    QCOMPARE(sum(read(admin).requestsPerDay), 3);
    QCOMPARE(sum(read(alice).requestsPerDay), 2); // her own tokens only
    QCOMPARE(sum(read(bob).requestsPerDay), 1);

    // The next day has a count of its own; 30 days on, the first day has left the chart.
    Clock::setOffsetForTesting(DayMs + 61 * 1000);
    QVERIFY(svc().tokens.verify(a.secret.bytes(), QStringLiteral("10.1.1.1"))->valid());
    o = read(alice);
    QCOMPARE(o.requestsPerDay.last(), 1);
    QCOMPARE(o.requestsPerDay[Overview::Days - 2], 2);
    Clock::setOffsetForTesting(Overview::Days * DayMs);
    QCOMPARE(sum(read(alice).requestsPerDay), 1);
}

void TestOverview::liveSessionsPerPlatform()
{
    for (qint64 id : {alice.userId, bob.userId})
        QVERIFY(svc().accounts.setAccessCode(f.cli, id, secret("Mobile-code-99"), 30).ok());
    auto signInOn = [&](const char *user, const char *platform) {
        auto s = svc().sessions.create(QString::fromLatin1(user), secret("Mobile-code-99"),
                                       QStringLiteral("Phone"), QString::fromLatin1(platform),
                                       QStringLiteral("1.0"), QStringLiteral("10.0.0.9"));
        return s ? s->id : 0;
    };
    QVERIFY(signInOn("alice", "iOS"));
    QVERIFY(signInOn("alice", "Android"));
    QVERIFY(signInOn("bob", "iOS"));
    const qint64 ended = signInOn("bob", "Android");
    QVERIFY(ended);
    QVERIFY(svc().sessions.revoke(f.cli, {ended}).ok());

    using P = Overview::PlatformCount;
    const Overview all = read(admin);
    QVERIFY(all.everyonesSessions);
    QCOMPARE(all.sessionsPerPlatform,
             (QList<P>{{QStringLiteral("iOS"), 2}, {QStringLiteral("Android"), 1}}));
    QCOMPARE(all.otherSessions, 0);
    QCOMPARE(read(support).sessionsPerPlatform, all.sessionsPerPlatform); // sessions.view
    const Overview own = read(alice);
    QVERIFY(!own.everyonesSessions);
    QCOMPARE(own.sessionsPerPlatform,
             (QList<P>{{QStringLiteral("Android"), 1}, {QStringLiteral("iOS"), 1}}));

    // Beyond MaxPlatforms the rest are summed up; expired sessions are not counted.
    for (int i = 0; i < Overview::MaxPlatforms; ++i)
        QVERIFY(signInOn("bob", qPrintable(QStringLiteral("Platform %1").arg(i))));
    const Overview many = read(admin);
    QCOMPARE(many.sessionsPerPlatform.size(), Overview::MaxPlatforms);
    QCOMPARE(many.sessionsPerPlatform.first(), (P{QStringLiteral("iOS"), 2}));
    QCOMPARE(many.otherSessions, 2);        // the last two of the ten platforms, by name
    Clock::setOffsetForTesting(31 * DayMs); // sessions last 30 days
    QVERIFY(read(admin).sessionsPerPlatform.isEmpty());
}

void TestOverview::failedSignInsOnlyWithAuditView()
{
    QVERIFY(!svc().accounts.signIn(QStringLiteral("admin"), secret("wrong-password-1"),
                                   QStringLiteral("10.9.0.1")));
    QVERIFY(!svc().accounts.signIn(QStringLiteral("nobody"), secret("wrong-password-2"),
                                   QStringLiteral("10.9.0.2")));
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Mobile-code-99"), 30).ok());
    QVERIFY(!svc().sessions.create(QStringLiteral("bob"), secret("wrong-code-11"),
                                   QStringLiteral("Phone"), QStringLiteral("iOS"),
                                   QStringLiteral("1.0"), QStringLiteral("10.9.0.3")));
    const Overview o = read(admin);
    QVERIFY(o.failedSignInsShown);
    QCOMPARE(o.failedSignInsPerDay.size(), Overview::Days);
    QCOMPARE(sum(o.failedSignInsPerDay), 3); // the successful sign-ins of init() are not
    QCOMPARE(read(support).failedSignInsPerDay, o.failedSignInsPerDay);
    const Overview own = read(alice); // no audit.view
    QVERIFY(!own.failedSignInsShown);
    QVERIFY(own.failedSignInsPerDay.isEmpty());
    QVERIFY(!own.firstFailedSignInDay.isValid());
}

void TestOverview::failedSignInsPerDayOfTheReadersCalendar()
{
    // 23:00 UTC yesterday: yesterday in London, today in Berlin (UTC+2 in summer, here fixed).
    const qint64 now = Clock::nowMs();
    const qint64 at = (now / DayMs) * DayMs - 3600 * 1000;
    Store &store = *f.store;
    auto insert = [&](const char *action, const char *outcome) {
        store.run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome)"
                                 " VALUES (?, 'x', ?, 'user x', ?)"),
                  {at, QString::fromLatin1(action), QString::fromLatin1(outcome)});
    };
    QVERIFY(store
                .write([&] {
                    for (int i = 0; i < 4; ++i)
                        insert("auth.sign_in", "failure");
                    insert("session.create", "failure");
                    insert("auth.sign_in", "success");  // not a failure
                    insert("user.password", "failure"); // not a sign-in
                    insert("session.create", "denied"); // not a failure
                })
                .ok());
    for (int offset : {0, 120, -300}) {
        const Overview o = read(admin, offset);
        const QDate first = QDateTime::fromMSecsSinceEpoch(now + offset * 60000LL, Qt::UTC)
                                .date()
                                .addDays(-(Overview::Days - 1));
        QCOMPARE(o.firstFailedSignInDay, first);
        const QDate day = QDateTime::fromMSecsSinceEpoch(at + offset * 60000LL, Qt::UTC).date();
        QList<qint64> expected(Overview::Days, 0);
        expected[first.daysTo(day)] = 5;
        QCOMPARE(o.failedSignInsPerDay, expected);
    }
}

void TestOverview::offsetOutOfRangeIsRefused()
{
    auto o = svc().overview.read(admin, 15 * 60);
    QCOMPARE(o.code(), Errc::InvalidArgument);
    QCOMPARE(o.error().field, QStringLiteral("utcOffsetMinutes"));
    QVERIFY(svc().overview.read(admin, -14 * 60).ok());
}

QTEST_GUILESS_MAIN(TestOverview)
#include "tst_overview.moc"
