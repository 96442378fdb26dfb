// SPDX-License-Identifier: MIT
// Stale tokens on SQLite and PostgreSQL: the "not used for" filter of the token list, the
// count per department and per user that "Revoke unused tokens" previews, and the revoke of
// what it previewed (one rule: TokenService::revokeMatching).
#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "testsupport.h"

#include <QTest>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;

/// The valid tokens not used for `days` days (what the console and the CLI revoke).
TokenQuery unusedFor(int days)
{
    TokenQuery q = TokenQuery::validUnused(days);
    q.sortColumn = TokenColumn::Name;
    return q;
}
} // namespace

class TestUnusedTokens : public QObject
{
    Q_OBJECT

private:
    Fixture f;
    Actor admin, support, alice;
    CreatedToken a1, a2, a3, b1, b2, s1, n1, r1;
    Domain &svc() { return *f.domain; }
    Store &store() { return *f.store; }

    CreatedToken makeToken(const QString &user, const QString &name)
    {
        NewApiToken r;
        r.name = name;
        r.username = user;
        r.scopes = {Scope::Collection};
        r.expiresAt = Clock::now().addDays(360);
        auto t = svc().tokens.create(f.cli, r);
        if (!t)
            qWarning("%s", qPrintable(t.error().message));
        return t ? std::move(t.value()) : CreatedToken();
    }
    void use(const CreatedToken &t)
    {
        QVERIFY(svc().tokens.verify(t.secret.bytes(), QStringLiteral("10.0.0.9"))->valid());
    }
    QStringList names(const TokenQuery &q)
    {
        QStringList out;
        auto r = svc().tokens.visit(admin, q, [&](const ApiToken &t) {
            out << t.name;
            return true;
        });
        if (!r)
            return {r.error().message};
        return out;
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void notUsedForFiltersTheList();
    void countsPerDepartmentAndUser();
    void revokesWhatWasPreviewed();
    void policyRevokesAsItsOwnActor();
};

void TestUnusedTokens::initTestCase()
{
    PasswordHasher::setCostForTesting(1, 8 * 1024);
}

void TestUnusedTokens::init()
{
    Clock::setOffsetForTesting(0);
    f = makeFixture();
    QVERIFY2(f.ok(), qPrintable(f.error));
    QVERIFY(svc().accounts.createDepartment(f.cli, QStringLiteral("Research")).ok());
    QVERIFY(svc().accounts.createDepartment(f.cli, QStringLiteral("Support Desk")).ok());
    auto add = [&](const char *name, const char *dept, const QString &type, const char *pw) {
        NewUser u;
        u.username = QString::fromLatin1(name);
        u.email = QString::fromLatin1(name) + QStringLiteral("@example.org");
        u.department = QString::fromLatin1(dept);
        u.userType = type;
        u.password = secret(pw);
        QVERIFY(svc().accounts.createUser(f.cli, u).ok());
    };
    add("sam", "Support Desk", BuiltinUserType::Support, "Support-pass-1");
    add("alice", "Research", BuiltinUserType::Standard, "Alice-pass-1");
    add("bob", "Research", BuiltinUserType::Standard, "Bob-pass-22");
    const auto signIn = [&](const char *user, const char *pw) {
        auto a = svc().accounts.signIn(QString::fromLatin1(user), secret(pw),
                                       QStringLiteral("10.0.0.1"));
        return a ? a.value() : Actor();
    };
    admin = signIn("admin", AdminPassword);
    support = signIn("sam", "Support-pass-1");
    alice = signIn("alice", "Alice-pass-1");
    QVERIFY(admin.userId && support.userId && alice.userId);

    // Day 0: seven tokens; r1 revoked at once.
    a1 = makeToken(QStringLiteral("alice"), QStringLiteral("a1"));
    a2 = makeToken(QStringLiteral("alice"), QStringLiteral("a2"));
    a3 = makeToken(QStringLiteral("alice"), QStringLiteral("a3"));
    b1 = makeToken(QStringLiteral("bob"), QStringLiteral("b1"));
    b2 = makeToken(QStringLiteral("bob"), QStringLiteral("b2"));
    s1 = makeToken(QStringLiteral("sam"), QStringLiteral("s1"));
    r1 = makeToken(QStringLiteral("bob"), QStringLiteral("r1"));
    QVERIFY(svc().tokens.revoke(f.cli, {r1.id}).ok());
    // Day 20: b2 used. Day 100: a2 used, n1 created (never used).
    Clock::setOffsetForTesting(20 * DayMs);
    use(b2);
    Clock::setOffsetForTesting(100 * DayMs);
    use(a2);
    n1 = makeToken(QStringLiteral("bob"), QStringLiteral("n1"));
    QVERIFY(n1.id > 0);
    // The sign-ins of day 0 stay valid for the calls of day 100.
    admin = signIn("admin", AdminPassword);
    support = signIn("sam", "Support-pass-1");
    alice = signIn("alice", "Alice-pass-1");
    QVERIFY(admin.userId && support.userId && alice.userId);
}

void TestUnusedTokens::cleanup()
{
    Clock::setOffsetForTesting(0);
    f = Fixture();
}

void TestUnusedTokens::notUsedForFiltersTheList()
{
    TokenQuery q;
    q.sortColumn = TokenColumn::Name;
    q.ascending = true;
    q.limit = 0;
    // 90 days: unused since day 10 and older than that; a revoked token too without a status.
    q.unusedDays = 90;
    QCOMPARE(names(q), QStringList({"a1", "a3", "b1", "r1", "s1"}));
    QCOMPARE(svc().tokens.count(admin, q).value(), 5);
    // 60 days: b2, last used on day 20, too.
    q.unusedDays = 60;
    QCOMPARE(names(q), QStringList({"a1", "a3", "b1", "b2", "r1", "s1"}));
    // 180 days: nothing is that old.
    q.unusedDays = 180;
    QCOMPARE(names(q), QStringList());
    // Never used, of any age: n1 of today too, not a2 nor b2.
    q.unusedDays = TokenQuery::NeverUsed;
    QCOMPARE(names(q), QStringList({"a1", "a3", "b1", "n1", "r1", "s1"}));
    // With the other filters.
    q.unusedDays = 90;
    q.statuses = {TokenStatus::Active};
    q.userId = alice.userId;
    QCOMPARE(names(q), QStringList({"a1", "a3"}));
    // Alice's own list: the filter applies to what she may see.
    q.userId.reset();
    q.statuses.clear();
    QStringList own;
    QVERIFY(svc()
                .tokens
                .visit(alice, q,
                       [&](const ApiToken &t) {
                           own << t.name;
                           return true;
                       })
                .ok());
    QCOMPARE(own, QStringList({"a1", "a3"}));
    // A window of the list reads the same rows.
    WindowRequest w;
    w.limit = 10;
    auto window = svc().tokens.window(admin, unusedFor(90), w);
    QVERIFY(window.ok());
    QCOMPARE(window->rows.size(), 4);
    // Not a period.
    for (int bad : {-2, 0 - 100, TokenQuery::MaxUnusedDays + 1}) {
        q.unusedDays = bad;
        auto r = svc().tokens.count(admin, q);
        QCOMPARE(r.code(), Errc::InvalidArgument);
        QCOMPARE(r.error().field, QStringLiteral("unused_days"));
    }
}

void TestUnusedTokens::countsPerDepartmentAndUser()
{
    auto c = svc().tokens.countByOwner(admin, unusedFor(90));
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
    QCOMPARE(c->total, 4); // a1, a3, b1, s1 (r1 is revoked)
    QCOMPARE(c->userCount, 3);
    QCOMPARE(c->departments.size(), 2);
    QCOMPARE(c->departments[0].name, QStringLiteral("Research"));
    QCOMPARE(c->departments[0].count, 3);
    QCOMPARE(c->departments[1].name, QStringLiteral("Support Desk"));
    QCOMPARE(c->departments[1].count, 1);
    QCOMPARE(c->users.size(), 3);
    QCOMPARE(c->users[0].name, QStringLiteral("alice"));
    QCOMPARE(c->users[0].id, alice.userId);
    QCOMPARE(c->users[0].count, 2);
    QCOMPARE(c->users[1].name, QStringLiteral("bob")); // one each: by name
    QCOMPARE(c->users[2].name, QStringLiteral("sam"));
    QCOMPARE(c->users[2].count, 1);
    auto none = svc().tokens.countByOwner(admin, unusedFor(180));
    QVERIFY(none.ok());
    QCOMPARE(none->total, 0);
    QVERIFY(none->departments.isEmpty() && none->users.isEmpty());
    // Administrators only, like the revoke it previews.
    QCOMPARE(svc().tokens.countByOwner(support, unusedFor(90)).code(), Errc::PermissionDenied);
    QCOMPARE(svc().tokens.countByOwner(alice, unusedFor(90)).code(), Errc::PermissionDenied);
}

void TestUnusedTokens::revokesWhatWasPreviewed()
{
    const qint64 auditBefore = countRows(store(), QStringLiteral("audit_log"));
    // A token used since the preview counted 4: nothing is revoked.
    use(a1);
    auto changed = svc().tokens.revokeMatching(admin, unusedFor(90), {}, 4);
    QCOMPARE(changed.code(), Errc::Conflict);
    QCOMPARE(svc().tokens.count(admin, unusedFor(90)).value(), 3);
    QCOMPARE(svc().tokens.token(admin, a3.id)->status, TokenStatus::Active);
    auto done = svc().tokens.revokeMatching(admin, unusedFor(90), {}, 3);
    QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
    QCOMPARE(done->revoked, 3);
    QCOMPARE(done->alreadyRevoked, 0);
    for (const CreatedToken *t : {&a3, &b1, &s1})
        QCOMPARE(svc().tokens.verify(t->secret.bytes(), QString())->status,
                 VerifiedToken::Status::Revoked);
    for (const CreatedToken *t : {&a1, &a2, &b2, &n1})
        QCOMPARE(svc().tokens.token(admin, t->id)->status, TokenStatus::Active);
    // One audit row per token (the refused attempt wrote none), by the administrator.
    QCOMPARE(countRows(store(), QStringLiteral("audit_log")), auditBefore + 3);
    QCOMPARE(lastAudit(store()).actor, QStringLiteral("admin"));
    QCOMPARE(svc().tokens.countByOwner(admin, unusedFor(90))->total, 0);
}

void TestUnusedTokens::policyRevokesAsItsOwnActor()
{
    // Off by default: nothing happens.
    QCOMPARE(svc().accounts.settings()->unusedTokenPolicyDays, 0);
    const qint64 auditBefore = countRows(store(), QStringLiteral("audit_log"));
    auto off = svc().tokens.applyUnusedTokenPolicy();
    QVERIFY(off.ok());
    QCOMPARE(off->revoked, 0);
    QCOMPARE(countRows(store(), QStringLiteral("audit_log")), auditBefore);
    // A period too short to be a policy is refused, and changes nothing.
    StoreSettings s = svc().accounts.settings().value();
    s.unusedTokenPolicyDays = 7;
    auto refused = svc().accounts.updateSettings(admin, s);
    QCOMPARE(refused.code(), Errc::InvalidArgument);
    QCOMPARE(refused.error().field, QStringLiteral("unusedTokenPolicyDays"));
    QCOMPARE(svc().accounts.settings()->unusedTokenPolicyDays, 0);
    // Administrators set it.
    s.unusedTokenPolicyDays = 60;
    QCOMPARE(svc().accounts.updateSettings(support, s).code(), Errc::PermissionDenied);
    QVERIFY(svc().accounts.updateSettings(admin, s).ok());
    QCOMPARE(svc().accounts.settings()->unusedTokenPolicyDays, 60);

    auto done = svc().tokens.applyUnusedTokenPolicy();
    QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
    QCOMPARE(done->revoked, 5); // a1, a3, b1, b2, s1
    QCOMPARE(lastAudit(store()).actor, QStringLiteral("policy:unused-tokens"));
    QCOMPARE(lastAudit(store()).action, QStringLiteral("token.revoke"));
    QCOMPARE(svc().tokens.token(admin, b2.id)->revokedBy, QStringLiteral("policy:unused-tokens"));
    for (const CreatedToken *t : {&a2, &n1})
        QCOMPARE(svc().tokens.token(admin, t->id)->status, TokenStatus::Active);
    // A second run the same night finds nothing more.
    QCOMPARE(svc().tokens.applyUnusedTokenPolicy()->revoked, 0);
}

QTEST_GUILESS_MAIN(TestUnusedTokens)
#include "tst_unusedtokens.moc"
