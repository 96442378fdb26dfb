// SPDX-License-Identifier: MIT
// The domain service on SQLite and PostgreSQL: every operation with its audit row, validation
// that names the field and changes nothing, the permission matrix, atomicity, throttling,
// Manage Tokens' reset, mobile sessions, verification, and hash-only storage.
#include "core/clock.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "security/tokencodec.h"
#include "testsupport.h"

#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;

QDateTime inDays(int days)
{
    return Clock::now().addDays(days);
}

/// A snapshot of everything a failed operation must leave as it was.
struct Counts
{
    qint64 tokens, scopes, users, sessions, audit, departments;
    bool operator==(const Counts &o) const
    {
        return tokens == o.tokens && scopes == o.scopes && users == o.users &&
               sessions == o.sessions && audit == o.audit && departments == o.departments;
    }
};
Counts counts(Store &s)
{
    return {countRows(s, QStringLiteral("api_tokens")),
            countRows(s, QStringLiteral("api_token_scopes")),
            countRows(s, QStringLiteral("users")),
            countRows(s, QStringLiteral("mobile_sessions")),
            countRows(s, QStringLiteral("audit_log")),
            countRows(s, QStringLiteral("departments"))};
}
} // namespace

class TestDomain : public QObject
{
    Q_OBJECT

private:
    Fixture f;
    Actor admin, support, alice, bob;
    Domain &svc() { return *f.domain; }
    Store &store() { return *f.store; }
    QString lastError;

    Actor signIn(const QString &user, const char *password)
    {
        auto a = svc().accounts.signIn(user, secret(password), QStringLiteral("10.0.0.1"));
        if (!a) {
            lastError = a.error().message;
            return {};
        }
        return a.value();
    }
    CreatedToken makeToken(const Actor &by, const QString &user, const QString &name,
                           QStringList scopes = {Scope::Collection}, int days = 30)
    {
        NewApiToken r;
        r.name = name;
        r.username = user;
        r.scopes = scopes;
        r.expiresAt = inDays(days);
        auto t = svc().tokens.create(by, r);
        if (!t) {
            lastError = t.error().message;
            return {};
        }
        return std::move(t.value());
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void initializeIsOnceAndAudited();
    void signInRightWrongUnknownAndThrottled();
    void consoleSignInsAreThrottledPerAccountOnly();
    void departmentsAndUserTypes();
    void createUserValidates();
    void createTokenStoresOnlyHashAndHint();
    void createTokenValidation_data();
    void createTokenValidation();
    void longLivedTokenNeedsConfirmationAndMaximum();
    void editScopeChangesOnlyScope();
    void rotateKeepsTheRecordAndOverlaps();
    void revokeIsAllOrNothing();
    void revokeEveryTokenOfAFilter();
    void revokeEverySessionOfAFilter();
    void deleteOnlyRevokedOrExpired();
    void permissionMatrix_data();
    void permissionMatrix();
    void atomicityWhenCommitFails();
    void accessCodeAndPersonalTokenReset();
    void mobileSessions();
    void demoDataIsConsistent();
    void demoRefusesBadRequests();
    void verificationStatesAndEffectiveScopes();
    void findTokenByItsValue();
    void lastUsedWrittenAtMostOncePerMinute();
    void verificationBatchSharesOneLookAtTheStore();
    void disableUserRevokesEverythingAtOnce();
    void listingPagingSortingFiltering();
    void auditQueries();
    void storageHoldsNoSecret();
};

void TestDomain::initTestCase()
{
    // Each test function creates five users and signs four of them in: with the production
    // Argon2id cost (64 MiB, t=3) that alone takes seconds per function. The cost parameters are
    // not what this suite tests (tst_credentials and the CLI tests use the real ones).
    PasswordHasher::setCostForTesting(1, 8 * 1024);
}

void TestDomain::init()
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
        auto r = svc().accounts.createUser(f.cli, u);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    };
    add("sam", "Support Desk", BuiltinUserType::Support, "Support-pass-1");
    add("alice", "Research", BuiltinUserType::Standard, "Alice-pass-1");
    add("bob", "Research", BuiltinUserType::Standard, "Bob-pass-22");
    admin = signIn(QStringLiteral("admin"), AdminPassword);
    support = signIn(QStringLiteral("sam"), "Support-pass-1");
    alice = signIn(QStringLiteral("alice"), "Alice-pass-1");
    bob = signIn(QStringLiteral("bob"), "Bob-pass-22");
    QVERIFY2(admin.userId && support.userId && alice.userId && bob.userId, qPrintable(lastError));
}

void TestDomain::cleanup()
{
    Clock::setOffsetForTesting(0);
    f = Fixture();
}

void TestDomain::initializeIsOnceAndAudited()
{
    auto t = svc().accounts.tenant();
    QVERIFY(t.ok());
    QCOMPARE(t->id.size(), 36); // a UUID
    AuditQuery q;
    q.action = QStringLiteral("store.init");
    auto entries = svc().audit.entries(admin, q);
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->first().actor, QStringLiteral("cli:tester"));
    QVERIFY(entries->first().details.contains(QLatin1String("admin")));
    const Counts before = counts(store());
    auto again = svc().accounts.initialize(f.cli, QStringLiteral("other"), secret("Other-pass-1"),
                                           QString());
    QCOMPARE(again.code(), Errc::AlreadyExists);
    QVERIFY(counts(store()) == before);
    QCOMPARE(svc().accounts.tenant()->id, t->id);
}

void TestDomain::signInRightWrongUnknownAndThrottled()
{
    QVERIFY(admin.can(Permission::TokensManageAll));
    QVERIFY(!alice.can(Permission::TokensManageAll));
    QVERIFY(alice.can(Permission::TokensManageOwn));
    QVERIFY(support.can(Permission::SessionsRevoke));
    QCOMPARE(lastAudit(store()).action, QStringLiteral("auth.sign_in"));

    auto wrong = svc().accounts.signIn(QStringLiteral("bob"), secret("not-bobs-pass"),
                                       QStringLiteral("10.9.9.9"));
    QCOMPARE(wrong.code(), Errc::AuthenticationFailed);
    auto unknown = svc().accounts.signIn(QStringLiteral("nobody"), secret("whatever-1"),
                                         QStringLiteral("10.9.9.8"));
    QCOMPARE(unknown.code(), Errc::AuthenticationFailed);
    QCOMPARE(unknown.error().message, wrong.error().message); // the same words: no user enumeration
    AuditEntry e = lastAudit(store());
    QCOMPARE(e.action, QStringLiteral("auth.sign_in"));
    QCOMPARE(e.outcome, QStringLiteral("failure"));
    QVERIFY(!e.details.contains(QLatin1String("whatever")));

    // Two more failures for bob (3 in all): the next attempt is refused even with the right
    // password, without checking it, and audited.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(
            svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("still-wrong-1"), QStringLiteral("10.9.9.9"))
                .code(),
            Errc::AuthenticationFailed);
    auto throttled = svc().accounts.signIn(QStringLiteral("bob"), secret("Bob-pass-22"),
                                           QStringLiteral("10.9.9.9"));
    QCOMPARE(throttled.code(), Errc::Throttled);
    QVERIFY(throttled.error().retryAfterSeconds >= 1);
    QVERIFY(lastAudit(store()).details.contains(QLatin1String("throttled")));
    // The account's streak does not hold back an address without failures: whoever failed
    // cannot lock bob out.
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.1.1.1"))
                .ok());
    // The address is throttled too: another account from 10.9.9.9 waits as well.
    QCOMPARE(
        svc()
            .accounts
            .signIn(QStringLiteral("alice"), secret("Alice-pass-1"), QStringLiteral("10.9.9.9"))
            .code(),
        Errc::Throttled);
    // After the delay, the right password works and resets the account's counter.
    Clock::setOffsetForTesting(2 * 60 * 1000);
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.1.1.1"))
                .ok());
    QCOMPARE(svc()
                 .accounts
                 .signIn(QStringLiteral("bob"), secret("wrong-again-1"), QStringLiteral("10.1.1.1"))
                 .code(),
             Errc::AuthenticationFailed);
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.1.1.1"))
                .ok());
    // Ten failures lock the account for 15 minutes.
    for (int i = 0; i < 10; ++i) {
        Clock::setOffsetForTesting(Clock::nowMs() - QDateTime::currentMSecsSinceEpoch() +
                                   61 * 1000);
        (void)svc().accounts.signIn(QStringLiteral("bob"), secret("wrong-wrong-1"),
                                    QStringLiteral("10.2.2.2"));
    }
    QCOMPARE(lastAudit(store()).action, QStringLiteral("auth.lock"));
    QVERIFY(svc().accounts.user(admin, bob.userId)->passwordLockedUntil.isValid());
    auto locked = svc().accounts.signIn(QStringLiteral("bob"), secret("Bob-pass-22"),
                                        QStringLiteral("10.2.2.2"));
    QCOMPARE(locked.code(), Errc::Throttled);
    QVERIFY(locked.error().retryAfterSeconds > 60);
    // The right password from an address without failures is accepted and lifts the lock.
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.3.3.3"))
                .ok());
    QVERIFY(!svc().accounts.user(admin, bob.userId)->passwordLockedUntil.isValid());
    auto entries = svc().audit.entries(admin, {});
    QVERIFY(entries.ok());
    QVERIFY(std::any_of(entries->cbegin(), entries->cend(), [](const AuditEntry &row) {
        return row.action == QLatin1String("auth.unlock") &&
               row.target == QLatin1String("user bob");
    }));
}

void TestDomain::consoleSignInsAreThrottledPerAccountOnly()
{
    // Every console signs in from "local": bob's typos must not delay alice at the same (or any
    // other) computer, while bob himself is throttled.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(svc()
                     .accounts
                     .signIn(QStringLiteral("bob"), secret("typo-typo-1"), QStringLiteral("local"))
                     .code(),
                 Errc::AuthenticationFailed);
    QCOMPARE(
        svc()
            .accounts.signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("local"))
            .code(),
        Errc::Throttled);
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("alice"), secret("Alice-pass-1"), QStringLiteral("local"))
                .ok());
    QCOMPARE(countRows(store(), QStringLiteral("auth_throttle")), qint64(1)); // bob's account only
}

void TestDomain::departmentsAndUserTypes()
{
    QCOMPARE(svc().accounts.createDepartment(admin, QStringLiteral("research")).code(),
             Errc::AlreadyExists);
    QCOMPARE(svc().accounts.createDepartment(admin, QStringLiteral("  ")).code(),
             Errc::InvalidArgument);
    auto d = svc().accounts.createDepartment(admin, QStringLiteral("Sequencing Core"));
    QVERIFY(d.ok());
    QCOMPARE(lastAudit(store()).action, QStringLiteral("department.create"));
    QVERIFY(svc().accounts.renameDepartment(admin, d->id, QStringLiteral("Sequencing")).ok());
    QVERIFY(lastAudit(store()).details.contains(QLatin1String("Sequencing Core")));
    auto depts = svc().accounts.departments(alice);
    QVERIFY(depts.ok());
    QVERIFY(std::any_of(depts->cbegin(), depts->cend(),
                        [](const Department &x) { return x.name == QLatin1String("Sequencing"); }));
    const qint64 research = std::find_if(depts->cbegin(), depts->cend(), [](const Department &x) {
                                return x.name == QLatin1String("Research");
                            })->id;
    QCOMPARE(svc().accounts.deleteDepartment(admin, research).code(), Errc::Conflict); // has users
    QVERIFY(svc().accounts.deleteDepartment(admin, d->id).ok());

    auto t =
        svc().accounts.createUserType(admin, QStringLiteral("Auditor"), QStringLiteral("reads"),
                                      {Permission::AuditView, Scope::Introspect});
    QVERIFY(t.ok());
    QCOMPARE(svc()
                 .accounts
                 .createUserType(admin, QStringLiteral("Bad"), QString(), {QStringLiteral("root")})
                 .code(),
             Errc::InvalidArgument);
    QCOMPARE(svc().accounts.createUserType(admin, QStringLiteral("auditor"), QString(), {}).code(),
             Errc::AlreadyExists);
    QVERIFY(svc().accounts.setUserTypePermissions(admin, t->id, {Permission::AuditView}).ok());
    auto types = svc().accounts.userTypes(admin);
    QVERIFY(types.ok());
    for (const UserType &ut : types.value()) {
        if (ut.name == QLatin1String("Auditor"))
            QCOMPARE(ut.permissions, QStringList{Permission::AuditView});
        if (ut.builtin)
            QCOMPARE(svc().accounts.deleteUserType(admin, ut.id).code(), Errc::Conflict);
        if (ut.name == BuiltinUserType::Administrator) {
            // Nobody edits the user type they hold; and the Administrator type holds all.
            QCOMPARE(svc().accounts.setUserTypePermissions(admin, ut.id, {}).code(),
                     Errc::PermissionDenied);
            QCOMPARE(svc().accounts.setUserTypePermissions(f.cli, ut.id, {}).code(),
                     Errc::Conflict);
        }
    }
    QVERIFY(svc().accounts.deleteUserType(admin, t->id).ok());
    QCOMPARE(lastAudit(store()).action, QStringLiteral("user_type.delete"));
}

void TestDomain::createUserValidates()
{
    auto tryUser = [&](const QString &name, const QString &email, const QString &dept,
                       const QString &type, const char *pw) {
        NewUser u;
        u.username = name;
        u.email = email;
        u.department = dept;
        u.userType = type;
        u.password = secret(pw);
        return svc().accounts.createUser(admin, u);
    };
    const Counts before = counts(store());
    auto r = tryUser(QStringLiteral("al ice"), QStringLiteral("a@b.org"),
                     QStringLiteral("Research"), BuiltinUserType::Standard, "Good-pass-1");
    QCOMPARE(r.error().field, QStringLiteral("username"));
    r = tryUser(QStringLiteral("carol"), QStringLiteral("not-an-email"), QStringLiteral("Research"),
                BuiltinUserType::Standard, "Good-pass-1");
    QCOMPARE(r.error().field, QStringLiteral("email"));
    r = tryUser(QStringLiteral("carol"), QStringLiteral("c@b.org"), QStringLiteral("Nowhere"),
                BuiltinUserType::Standard, "Good-pass-1");
    QCOMPARE(r.code(), Errc::NotFound);
    QCOMPARE(r.error().field, QStringLiteral("department"));
    r = tryUser(QStringLiteral("carol"), QStringLiteral("c@b.org"), QStringLiteral("Research"),
                QStringLiteral("Wizard"), "Good-pass-1");
    QCOMPARE(r.error().field, QStringLiteral("userType"));
    r = tryUser(QStringLiteral("carol"), QStringLiteral("c@b.org"), QStringLiteral("Research"),
                BuiltinUserType::Standard, "short");
    QCOMPARE(r.error().field, QStringLiteral("password"));
    r = tryUser(QStringLiteral("Alice"), QStringLiteral("c@b.org"), QStringLiteral("Research"),
                BuiltinUserType::Standard, "Good-pass-1");
    QCOMPARE(r.code(), Errc::AlreadyExists);
    QVERIFY(counts(store()) == before);
    r = tryUser(QStringLiteral("Carol"), QStringLiteral("c@b.org"), QStringLiteral("research"),
                BuiltinUserType::Standard, "Good-pass-1");
    QVERIFY(r.ok());
    QCOMPARE(r->username, QStringLiteral("carol"));
    QCOMPARE(r->department, QStringLiteral("Research"));
    QCOMPARE(lastAudit(store()).action, QStringLiteral("user.create"));
    QVERIFY(svc()
                .accounts
                .updateUser(admin, r->id,
                            UserChanges{QStringLiteral("Carol C."), std::nullopt,
                                        QStringLiteral("Support Desk"), std::nullopt, std::nullopt})
                .ok());
    auto u = svc().accounts.user(admin, r->id);
    QCOMPARE(u->displayName, QStringLiteral("Carol C."));
    QCOMPARE(u->department, QStringLiteral("Support Desk"));
    QVERIFY(lastAudit(store()).details.contains(QLatin1String("Support Desk")));
}

void TestDomain::createTokenStoresOnlyHashAndHint()
{
    CreatedToken t = makeToken(admin, QStringLiteral("alice"), QStringLiteral("ci-deploy"),
                               {Scope::Device, Scope::Collection});
    QVERIFY2(t.id > 0, qPrintable(lastError));
    const QByteArray plain = t.secret.bytes();
    QCOMPARE(TokenCodec::check(plain), TokenCodec::ParseError::None);
    QVERIFY(plain.startsWith("tdk_"));
    QCOMPARE(t.hint, TokenCodec::hint(plain));
    auto stored = store().read([&] {
        QSqlQuery q = store().run(
            QStringLiteral("SELECT token_hash, hint, scope_list FROM api_tokens WHERE id = ?"),
            {t.id});
        q.next();
        return QList<QVariant>{q.value(0), q.value(1), q.value(2)};
    });
    QCOMPARE(stored.value()[0].toByteArray(), TokenCodec::lookupHash(plain));
    QCOMPARE(stored.value()[1].toString(), t.hint);
    QCOMPARE(stored.value()[2].toString(), QStringLiteral("collection,device")); // catalog order
    QCOMPARE(countRows(store(), QStringLiteral("api_token_scopes")), qint64(2));
    const AuditEntry e = lastAudit(store());
    QCOMPARE(e.action, QStringLiteral("token.create"));
    QCOMPARE(e.actor, QStringLiteral("admin"));
    QCOMPARE(e.outcome, QStringLiteral("success"));
    QVERIFY(e.target.contains(t.hint));
    QVERIFY(!e.target.contains(QString::fromLatin1(plain.mid(4, 20))));
    auto tok = svc().tokens.token(alice, t.id);
    QVERIFY(tok.ok());
    QCOMPARE(tok->department, QStringLiteral("Research"));
    QCOMPARE(tok->userType, BuiltinUserType::Standard);
    QCOMPARE(tok->status, TokenStatus::Active);
    QCOMPARE(tok->createdBy, QStringLiteral("admin"));
}

void TestDomain::createTokenValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("department");
    QTest::addColumn<QString>("field");
    const QStringList c{Scope::Collection};
    QTest::newRow("empty name") << QStringLiteral("   ") << "alice" << c << 30 << QString()
                                << "name";
    QTest::newRow("101 chars") << QString(101, QLatin1Char('n')) << "alice" << c << 30 << QString()
                               << "name";
    QTest::newRow("control char") << QStringLiteral("ci\x01") << "alice" << c << 30 << QString()
                                  << "name";
    QTest::newRow("line break") << QStringLiteral("ci\nx") << "alice" << c << 30 << QString()
                                << "name";
    QTest::newRow("duplicate") << QStringLiteral("existing") << "alice" << c << 30 << QString()
                               << "name";
    QTest::newRow("no scope") << QStringLiteral("x") << "alice" << QStringList{} << 30 << QString()
                              << "scopes";
    QTest::newRow("unknown scope")
        << QStringLiteral("x") << "alice" << QStringList{QStringLiteral("admin")} << 30 << QString()
        << "scopes";
    QTest::newRow("scope not granted") << QStringLiteral("x") << "alice"
                                       << QStringList{Scope::Users} << 30 << QString() << "scopes";
    QTest::newRow("unknown user") << QStringLiteral("x") << "zed" << c << 30 << QString() << "user";
    QTest::newRow("empty user") << QStringLiteral("x") << "" << c << 30 << QString() << "user";
    QTest::newRow("past expiry") << QStringLiteral("x") << "alice" << c << -1 << QString()
                                 << "expires";
    QTest::newRow("expiry now") << QStringLiteral("x") << "alice" << c << 0 << QString()
                                << "expires";
    QTest::newRow("unknown department") << QStringLiteral("x") << "alice" << c << 30 << "Mars"
                                        << "department";
}

void TestDomain::createTokenValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, user);
    QFETCH(QStringList, scopes);
    QFETCH(int, days);
    QFETCH(QString, department);
    QFETCH(QString, field);
    QVERIFY(makeToken(admin, QStringLiteral("alice"), QStringLiteral("existing")).id > 0);
    const Counts before = counts(store());
    NewApiToken r;
    r.name = name;
    r.username = user;
    r.scopes = scopes;
    r.department = department;
    r.expiresAt = days == 0 ? Clock::now() : inDays(days);
    auto v = svc().tokens.validate(admin, r);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().field, field);
    auto t = svc().tokens.create(admin, r);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().field, field);
    QVERIFY2(!t.error().message.isEmpty(), "the error explains itself");
    QVERIFY(counts(store()) == before);
}

void TestDomain::longLivedTokenNeedsConfirmationAndMaximum()
{
    NewApiToken r;
    r.name = QStringLiteral("long");
    r.username = QStringLiteral("alice");
    r.scopes = {Scope::Collection};
    r.expiresAt = inDays(400);
    auto t = svc().tokens.create(admin, r);
    QCOMPARE(t.error().field, QStringLiteral("expires"));
    QVERIFY(t.error().message.contains(QLatin1String("12 months")));
    r.longLivedConfirmed = true;
    QVERIFY(svc().tokens.create(admin, r).ok());
    // An administrator's hard maximum wins even over a confirmation.
    StoreSettings s = svc().accounts.settings().value();
    s.maxTokenLifetimeDays = 90;
    QVERIFY(svc().accounts.updateSettings(admin, s).ok());
    QCOMPARE(lastAudit(store()).action, QStringLiteral("settings.update"));
    r.name = QStringLiteral("long2");
    auto t2 = svc().tokens.create(admin, r);
    QCOMPARE(t2.error().field, QStringLiteral("expires"));
    QVERIFY(t2.error().message.contains(QLatin1String("90")));
    r.expiresAt = inDays(89);
    QVERIFY(svc().tokens.create(admin, r).ok());
    QCOMPARE(svc().accounts.updateSettings(alice, s).code(), Errc::PermissionDenied);
}

void TestDomain::editScopeChangesOnlyScope()
{
    CreatedToken t =
        makeToken(alice, QStringLiteral("alice"), QStringLiteral("mine"), {Scope::Collection});
    QVERIFY2(t.id, qPrintable(lastError));
    const ApiToken before = svc().tokens.token(alice, t.id).value();
    QVERIFY(svc().tokens.editScopes(alice, t.id, {Scope::Device, Scope::Policy}).ok());
    const ApiToken after = svc().tokens.token(alice, t.id).value();
    QCOMPARE(after.scopes, (QStringList{Scope::Device, Scope::Policy}));
    QCOMPARE(after.name, before.name);
    QCOMPARE(after.expiresAt, before.expiresAt);
    QCOMPARE(after.hint, before.hint);
    QCOMPARE(after.userType, before.userType);
    const AuditEntry e = lastAudit(store());
    QCOMPARE(e.action, QStringLiteral("token.edit_scope"));
    QVERIFY(e.details.contains(QLatin1String("collection")));
    QVERIFY(e.details.contains(QLatin1String("device,policy")));
    QCOMPARE(countRows(store(), QStringLiteral("api_token_scopes")), qint64(2));
    QCOMPARE(svc().tokens.editScopes(alice, t.id, {Scope::Users}).error().field,
             QStringLiteral("scopes"));
    QCOMPARE(svc().tokens.editScopes(alice, t.id, {}).error().field, QStringLiteral("scopes"));
    // The new scopes take effect on the next verification.
    auto v = svc().tokens.verify(t.secret.bytes(), QStringLiteral("127.0.0.1"));
    QCOMPARE(v->scopes, (QStringList{Scope::Device, Scope::Policy}));
    QVERIFY(svc().tokens.revoke(alice, {t.id}).ok());
    QCOMPARE(svc().tokens.editScopes(alice, t.id, {Scope::Device}).code(), Errc::Conflict);
}

void TestDomain::rotateKeepsTheRecordAndOverlaps()
{
    CreatedToken t = makeToken(admin, QStringLiteral("alice"), QStringLiteral("deploy"),
                               {Scope::Collection, Scope::Device});
    QVERIFY2(t.id, qPrintable(lastError));
    const ApiToken before = svc().tokens.token(admin, t.id).value();
    QVERIFY(!before.rotatedAt.isValid());
    const Counts counted = counts(store());

    // An overlap not offered, someone else's token, a personal token: refused, nothing changes.
    QCOMPARE(svc().tokens.rotate(admin, t.id, 60).error().field, QStringLiteral("overlap"));
    QCOMPARE(svc().tokens.rotate(bob, t.id, 0).code(), Errc::NotFound);
    QCOMPARE(svc().tokens.rotate(support, t.id, 0).code(), Errc::PermissionDenied);
    ApiToken personal = before;
    personal.personal = true;
    QCOMPARE(TokenService::whyNotRotate(admin, personal)->code, Errc::Conflict);
    QCOMPARE(counts(store()).tokens, counted.tokens);
    QVERIFY(svc().tokens.verify(t.secret.bytes(), QString())->valid());
    QVERIFY(!svc().tokens.verify(t.secret.bytes(), QString())->rotatingUntil.isValid());

    // A day of overlap: both secrets work, the old one says until when.
    const qint64 auditBefore = countRows(store(), QStringLiteral("audit_log"));
    auto r = svc().tokens.rotate(alice, t.id, 24 * 3600);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CreatedToken &fresh = r.value();
    QCOMPARE(fresh.id, t.id);
    QVERIFY(fresh.secret.bytes() != t.secret.bytes());
    QVERIFY(fresh.hint != before.hint);
    const ApiToken after = svc().tokens.token(admin, t.id).value();
    QCOMPARE(after.name, before.name);
    QCOMPARE(after.scopes, before.scopes);
    QCOMPARE(after.username, before.username);
    QCOMPARE(after.department, before.department);
    QCOMPARE(after.expiresAt, before.expiresAt);
    QCOMPARE(after.hint, fresh.hint);
    QCOMPARE(after.previousHint, before.hint);
    QCOMPARE(after.rotatedBy, QStringLiteral("alice"));
    QVERIFY(after.rotatedAt.isValid());
    const qint64 overlapMs = after.previousUntil.toMSecsSinceEpoch() - Clock::nowMs();
    QVERIFY2(overlapMs > DayMs - 60000 && overlapMs <= DayMs,
             qPrintable(QString::number(overlapMs)));
    QCOMPARE(counts(store()).tokens, counted.tokens); // the same record
    auto current = svc().tokens.verify(fresh.secret.bytes(), QString());
    QVERIFY(current->valid());
    QVERIFY(!current->rotatingUntil.isValid());
    auto old = svc().tokens.verify(t.secret.bytes(), QString());
    QVERIFY(old->valid());
    QCOMPARE(old->id, t.id);
    QCOMPARE(old->rotatingUntil, after.previousUntil);
    QCOMPARE(countRows(store(), QStringLiteral("audit_log")), auditBefore + 1);
    const AuditEntry e = lastAudit(store());
    QCOMPARE(e.action, QStringLiteral("token.rotate"));
    QVERIFY2(e.target.contains(fresh.hint) && e.details.contains(before.hint) &&
                 e.details.contains(Clock::iso(after.previousUntil)),
             qPrintable(e.target + QLatin1Char(' ') + e.details));
    // Found by its new hint, no longer by the old one.
    TokenQuery byHint;
    byHint.text = fresh.hint;
    QCOMPARE(svc().tokens.count(admin, byHint).value(), qint64(1));
    byHint.text = before.hint;
    QCOMPARE(svc().tokens.count(admin, byHint).value(), qint64(0));

    // The overlap ends: the old secret stops, the new one goes on.
    Clock::setOffsetForTesting(DayMs + 1000);
    QCOMPARE(svc().tokens.verify(t.secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QVERIFY(svc().tokens.verify(fresh.secret.bytes(), QString())->valid());
    Clock::setOffsetForTesting(0);

    // Rotating again stops the secret still in its overlap at once; none: the replaced one too.
    auto again = svc().tokens.rotate(admin, t.id, 3600);
    QVERIFY(again.ok());
    QCOMPARE(svc().tokens.verify(t.secret.bytes(), QString())->status,
             VerifiedToken::Status::Unknown);
    QVERIFY(svc().tokens.verify(fresh.secret.bytes(), QString())->valid());
    auto none = svc().tokens.rotate(admin, t.id, 0);
    QVERIFY(none.ok());
    QCOMPARE(svc().tokens.verify(again->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    // The replaced secret still names its token (a leaked one is found by its value).
    QCOMPARE(svc().tokens.findByValue(admin, again->secret.bytes())->id, t.id);
    QCOMPARE(svc().tokens.verify(fresh.secret.bytes(), QString())->status,
             VerifiedToken::Status::Unknown);
    QVERIFY(svc().tokens.verify(none->secret.bytes(), QString())->valid());
    QVERIFY(svc().tokens.token(admin, t.id)->previousUntil <=
            svc().tokens.token(admin, t.id)->rotatedAt);
    QCOMPARE(lastAudit(store()).details,
             QStringLiteral("replaces %1, which stopped working").arg(again->hint));

    // Revoking ends both secrets; a revoked token is not rotated.
    auto last = svc().tokens.rotate(admin, t.id, 7 * 24 * 3600);
    QVERIFY(last.ok());
    QVERIFY(svc().tokens.revoke(admin, {t.id}).ok());
    QCOMPARE(svc().tokens.verify(none->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(svc().tokens.verify(last->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    const Counts revoked = counts(store());
    QCOMPARE(svc().tokens.rotate(admin, t.id, 0).code(), Errc::Conflict);
    QCOMPARE(counts(store()).audit, revoked.audit);
}

void TestDomain::revokeIsAllOrNothing()
{
    CreatedToken a = makeToken(admin, QStringLiteral("alice"), QStringLiteral("a"));
    CreatedToken b = makeToken(admin, QStringLiteral("bob"), QStringLiteral("b"));
    CreatedToken c = makeToken(admin, QStringLiteral("bob"), QStringLiteral("c"));
    QVERIFY(svc().tokens.revoke(admin, {c.id}).ok());
    const Counts before = counts(store());
    // c is already revoked: the whole request is refused and a, b stay valid.
    auto r = svc().tokens.revoke(admin, {a.id, b.id, c.id});
    QCOMPARE(r.code(), Errc::Conflict);
    QVERIFY(counts(store()) == before);
    QVERIFY(svc().tokens.verify(a.secret.bytes(), QString())->valid());
    QVERIFY(svc().tokens.verify(b.secret.bytes(), QString())->valid());
    QCOMPARE(svc().tokens.revoke(admin, {a.id, 999999}).code(), Errc::NotFound);
    QVERIFY(svc().tokens.verify(a.secret.bytes(), QString())->valid());
    auto ok = svc().tokens.revoke(admin, {a.id, b.id, a.id});
    QVERIFY(ok.ok());
    QCOMPARE(ok.value(), 2);
    QCOMPARE(counts(store()).audit, before.audit + 2); // one audit row per token
    QCOMPARE(svc().tokens.verify(a.secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(svc().tokens.token(admin, b.id)->revokedBy, QStringLiteral("admin"));
    QCOMPARE(svc().tokens.token(admin, b.id)->status, TokenStatus::Revoked);
    // A revoked token's name can be used again.
    QVERIFY(makeToken(admin, QStringLiteral("alice"), QStringLiteral("a")).id > 0);
}

void TestDomain::revokeEveryTokenOfAFilter()
{
    CreatedToken one = makeToken(admin, QStringLiteral("alice"), QStringLiteral("nightly-one"));
    CreatedToken two = makeToken(admin, QStringLiteral("alice"), QStringLiteral("nightly-two"));
    CreatedToken three = makeToken(admin, QStringLiteral("bob"), QStringLiteral("nightly-three"));
    CreatedToken four = makeToken(admin, QStringLiteral("bob"), QStringLiteral("nightly-four"));
    CreatedToken other = makeToken(admin, QStringLiteral("bob"), QStringLiteral("deploy"));
    QVERIFY(svc().tokens.revoke(admin, {three.id}).ok());
    TokenQuery q;
    q.text = QStringLiteral("nightly");
    q.limit = 1; // neither the page nor the order limit what is revoked
    // Listed: one, three (revoked already), four; two is unchecked.
    const Counts before = counts(store());
    auto changed = svc().tokens.revokeMatching(admin, q, {two.id}, 2);
    QCOMPARE(changed.code(), Errc::Conflict);
    QCOMPARE(changed.error().message,
             QStringLiteral("The list changed: 3 tokens match now; look again."));
    QVERIFY(counts(store()) == before); // nothing changed, not even the audit log
    QVERIFY(svc().tokens.verify(one.secret.bytes(), QString())->valid());
    // Only administrators revoke every token of a filter.
    QCOMPARE(svc().tokens.revokeMatching(alice, q, {two.id}, 3).code(), Errc::PermissionDenied);
    QCOMPARE(svc().tokens.revokeMatching(support, q, {two.id}, 3).code(), Errc::PermissionDenied);
    QVERIFY(svc().tokens.verify(one.secret.bytes(), QString())->valid());
    QCOMPARE(counts(store()).tokens, before.tokens);

    const Counts confirmedBefore = counts(store());
    auto done = svc().tokens.revokeMatching(admin, q, {two.id}, 3);
    QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
    QCOMPARE(done->revoked, 2);
    QCOMPARE(done->alreadyRevoked, 1);
    QCOMPARE(counts(store()).audit, confirmedBefore.audit + 2); // one row per token revoked
    QCOMPARE(lastAudit(store()).action, QStringLiteral("token.revoke"));
    QCOMPARE(lastAudit(store()).actor, QStringLiteral("admin"));
    for (const CreatedToken *t : {&one, &four})
        QCOMPARE(svc().tokens.verify(t->secret.bytes(), QString())->status,
                 VerifiedToken::Status::Revoked);
    QCOMPARE(svc().tokens.token(admin, four.id)->revokedBy, QStringLiteral("admin"));
    for (const CreatedToken *t : {&two, &other}) // unchecked, or not of the filter
        QVERIFY(svc().tokens.verify(t->secret.bytes(), QString())->valid());

    // With a status among the filters: the active tokens of "nightly" are only `two` now.
    q.statuses = {TokenStatus::Active};
    QCOMPARE(svc().tokens.revokeMatching(admin, q, {}, 2).code(), Errc::Conflict);
    auto last = svc().tokens.revokeMatching(admin, q, {}, 1);
    QVERIFY(last.ok());
    QCOMPARE(last->revoked, 1);
    QCOMPARE(last->alreadyRevoked, 0);
    QCOMPARE(svc().tokens.token(admin, two.id)->status, TokenStatus::Revoked);
    QVERIFY(svc().tokens.verify(other.secret.bytes(), QString())->valid());

    // Deleting every token of the filter: the four revoked ones go, a live one is skipped.
    CreatedToken five = makeToken(admin, QStringLiteral("bob"), QStringLiteral("nightly-five"));
    q.statuses.clear();
    const Counts deleteBefore = counts(store());
    QCOMPARE(svc().tokens.removeMatching(admin, q, {}, 4).code(), Errc::Conflict);
    QCOMPARE(svc().tokens.removeMatching(alice, q, {}, 5).code(), Errc::PermissionDenied);
    QCOMPARE(counts(store()).tokens, deleteBefore.tokens);
    auto removed = svc().tokens.removeMatching(admin, q, {}, 5);
    QVERIFY2(removed.ok(), removed.ok() ? "" : qPrintable(removed.error().message));
    QCOMPARE(removed->deleted, 4);
    QCOMPARE(removed->stillValid, 1);
    QCOMPARE(counts(store()).tokens, deleteBefore.tokens - 4);
    QCOMPARE(lastAudit(store()).action, QStringLiteral("token.delete"));
    QCOMPARE(svc().tokens.token(admin, one.id).code(), Errc::NotFound);
    QVERIFY(svc().tokens.verify(five.secret.bytes(), QString())->valid());
}

void TestDomain::revokeEverySessionOfAFilter()
{
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Bob-code-99"), 30).ok());
    QVERIFY(svc().accounts.setAccessCode(f.cli, alice.userId, secret("Alice-code-9"), 30).ok());
    auto open = [&](const char *user, const char *code, const char *device) {
        auto s = svc().sessions.create(QString::fromLatin1(user), secret(code),
                                       QString::fromLatin1(device), QStringLiteral("Android"),
                                       QStringLiteral("3.4"), QStringLiteral("10.0.0.7"));
        noteSecret(s->secret.bytes());
        return s->id;
    };
    const qint64 b1 = open("bob", "Bob-code-99", "Pixel 8");
    const qint64 b2 = open("bob", "Bob-code-99", "Pixel 9");
    const qint64 a1 = open("alice", "Alice-code-9", "Pixel 7");
    const qint64 a2 = open("alice", "Alice-code-9", "iPad");
    QVERIFY(svc().sessions.revoke(support, {b2}).ok());
    SessionQuery q;
    q.text = QStringLiteral("Pixel");
    q.includeEnded = true; // b2 is listed, and skipped
    const Counts before = counts(store());
    QCOMPARE(svc().sessions.revokeMatching(support, q, {}, 2).code(), Errc::Conflict);
    QCOMPARE(svc().sessions.revokeMatching(alice, q, {}, 3).code(), Errc::PermissionDenied);
    QCOMPARE(counts(store()).sessions, before.sessions);
    QCOMPARE(svc().sessions.list(admin, SessionQuery{})->size(), 3); // b1, a1, a2 live
    auto done = svc().sessions.revokeMatching(support, q, {a1}, 2);
    QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
    QCOMPARE(done->revoked, 1);
    QCOMPARE(done->alreadyRevoked, 1);
    QCOMPARE(lastAudit(store()).action, QStringLiteral("session.revoke"));
    QCOMPARE(lastAudit(store()).actor, QStringLiteral("sam"));
    QList<qint64> live;
    for (const MobileSession &s : svc().sessions.list(admin, SessionQuery{}).value())
        live << s.id;
    std::sort(live.begin(), live.end());
    QCOMPARE(live, (QList<qint64>{a1, a2}));
    Q_UNUSED(b1)
}

void TestDomain::deleteOnlyRevokedOrExpired()
{
    CreatedToken live = makeToken(admin, QStringLiteral("alice"), QStringLiteral("live"));
    CreatedToken gone = makeToken(admin, QStringLiteral("alice"), QStringLiteral("gone"));
    CreatedToken old =
        makeToken(admin, QStringLiteral("alice"), QStringLiteral("old"), {Scope::Collection}, 2);
    QVERIFY(svc().tokens.revoke(admin, {gone.id}).ok());
    QCOMPARE(svc().tokens.remove(admin, {live.id, gone.id}).code(), Errc::Conflict);
    QCOMPARE(svc().tokens.remove(alice, {gone.id}).code(), Errc::PermissionDenied);
    Clock::setOffsetForTesting(3 * DayMs);
    QCOMPARE(svc().tokens.token(admin, old.id)->status, TokenStatus::Expired);
    auto r = svc().tokens.remove(admin, {gone.id, old.id});
    QVERIFY(r.ok());
    QCOMPARE(r.value(), 2);
    QCOMPARE(svc().tokens.token(admin, gone.id).code(), Errc::NotFound);
    QCOMPARE(countRows(store(), QStringLiteral("api_tokens")), qint64(1));
    QCOMPARE(countRows(store(), QStringLiteral("api_token_scopes")), qint64(1));
    QCOMPARE(lastAudit(store()).action, QStringLiteral("token.delete"));
}

// Each user type × each operation: allowed or refused by the domain layer, and every refusal is
// audited as "denied".
void TestDomain::permissionMatrix_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("allowed");
    const QList<std::tuple<const char *, bool, bool, bool>> table = {
        // operation                     admin  support standard
        {"create own token", true, false, true},    {"create token for other", true, false, false},
        {"edit other's token", true, false, false}, {"revoke other's token", true, false, false},
        {"revoke own token", true, false, true},    {"delete token", true, false, false},
        {"see all tokens", true, true, false},      {"create user", true, false, false},
        {"create department", true, false, false},  {"disable user", true, false, false},
        {"read audit log", true, true, false},      {"revoke other's session", true, true, false},
        {"update settings", true, false, false},    {"see other user", true, true, false},
    };
    for (const auto &[op, a, s, st] : table) {
        QTest::addRow("Administrator: %s", op) << "admin" << QString::fromLatin1(op) << a;
        QTest::addRow("Support: %s", op) << "support" << QString::fromLatin1(op) << s;
        QTest::addRow("Standard: %s", op) << "standard" << QString::fromLatin1(op) << st;
    }
}

void TestDomain::permissionMatrix()
{
    QFETCH(QString, who);
    QFETCH(QString, operation);
    QFETCH(bool, allowed);
    const Actor &actor =
        who == QLatin1String("admin") ? admin : (who == QLatin1String("support") ? support : alice);
    // Fixtures: a token of bob's, a token of the actor's own (made by the CLI so even Support has
    // one), a session of bob's.
    CreatedToken bobs = makeToken(f.cli, QStringLiteral("bob"), QStringLiteral("bobs"));
    CreatedToken own = makeToken(f.cli, actor.username, QStringLiteral("own"));
    QVERIFY2(bobs.id && own.id, qPrintable(lastError));
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Bob-code-99"), 90).ok());
    auto session = svc().sessions.create(QStringLiteral("bob"), secret("Bob-code-99"),
                                         QStringLiteral("Pixel 8"), QStringLiteral("Android"),
                                         QStringLiteral("3.4.1"), QStringLiteral("10.0.0.5"));
    QVERIFY(session.ok());
    if (operation == QLatin1String("delete token"))
        QVERIFY(svc().tokens.revoke(f.cli, {bobs.id}).ok()); // only revoked tokens can be deleted
    const qint64 auditBefore = countRows(store(), QStringLiteral("audit_log"));

    // Each operation, and what it changes or shows when it is allowed (checked either way).
    auto valid = [&](const QByteArray &token) {
        auto v = svc().tokens.verify(token, QString());
        return v.ok() && v->valid();
    };
    auto rows = [&](const QString &tableAndWhere) {
        return countRows(store(), tableAndWhere);
    };
    Errc code = Errc::Ok;
    std::function<bool()> happened;
    if (operation == QLatin1String("create own token")) {
        NewApiToken r;
        r.name = QStringLiteral("new");
        r.username = actor.username;
        r.scopes = {Scope::Collection};
        r.expiresAt = inDays(10);
        code = svc().tokens.create(actor, r).code();
        happened = [&] {
            return rows(QStringLiteral("api_tokens WHERE name = 'new' AND user_id = %1")
                            .arg(actor.userId)) == 1;
        };
    } else if (operation == QLatin1String("create token for other")) {
        NewApiToken r;
        r.name = QStringLiteral("new");
        r.username = QStringLiteral("bob");
        r.scopes = {Scope::Collection};
        r.expiresAt = inDays(10);
        code = svc().tokens.create(actor, r).code();
        happened = [&] {
            return rows(QStringLiteral("api_tokens WHERE name = 'new' AND user_id = %1")
                            .arg(bob.userId)) == 1;
        };
    } else if (operation == QLatin1String("edit other's token")) {
        code = svc().tokens.editScopes(actor, bobs.id, {Scope::Device}).code();
        happened = [&] {
            return rows(QStringLiteral("api_token_scopes WHERE token_id = %1 AND scope = '%2'")
                            .arg(bobs.id)
                            .arg(Scope::Device)) == 1;
        };
    } else if (operation == QLatin1String("revoke other's token")) {
        code = svc().tokens.revoke(actor, {bobs.id}).code();
        happened = [&] {
            return !valid(bobs.secret.bytes());
        };
    } else if (operation == QLatin1String("revoke own token")) {
        code = svc().tokens.revoke(actor, {own.id}).code();
        happened = [&] {
            return !valid(own.secret.bytes());
        };
    } else if (operation == QLatin1String("delete token")) {
        code = svc().tokens.remove(actor, {bobs.id}).code();
        happened = [&] {
            return rows(QStringLiteral("api_tokens WHERE id = %1").arg(bobs.id)) == 0;
        };
    } else if (operation == QLatin1String("see all tokens")) {
        auto n = svc().tokens.count(actor, TokenQuery{});
        QVERIFY(n.ok());
        code = n.value() == 2 ? Errc::Ok : Errc::PermissionDenied;
        QCOMPARE(n.value(), allowed ? qint64(2) : qint64(1)); // a Standard user sees only their own
        happened = [&] {
            return svc().tokens.token(actor, bobs.id).ok();
        };
    } else if (operation == QLatin1String("create user")) {
        NewUser u;
        u.username = QStringLiteral("newbie");
        u.email = QStringLiteral("n@example.org");
        u.department = QStringLiteral("Research");
        u.userType = BuiltinUserType::Standard;
        u.password = secret("Newbie-pass-1");
        code = svc().accounts.createUser(actor, u).code();
        happened = [&] {
            return rows(QStringLiteral("users WHERE username = 'newbie'")) == 1;
        };
    } else if (operation == QLatin1String("create department")) {
        code = svc().accounts.createDepartment(actor, QStringLiteral("New Dept")).code();
        happened = [&] {
            return rows(QStringLiteral("departments WHERE name = 'New Dept'")) == 1;
        };
    } else if (operation == QLatin1String("disable user")) {
        code = svc().accounts.disableUser(actor, bob.userId).code();
        happened = [&] {
            return rows(QStringLiteral("users WHERE id = %1 AND disabled_at IS NOT NULL")
                            .arg(bob.userId)) == 1;
        };
    } else if (operation == QLatin1String("read audit log")) {
        auto r = svc().audit.entries(actor, AuditQuery{});
        code = r.code();
        happened = [r] {
            return r.ok() && !r->isEmpty();
        };
    } else if (operation == QLatin1String("revoke other's session")) {
        code = svc().sessions.revoke(actor, {session->id}).code();
        happened = [&] {
            return !valid(session->secret.bytes());
        };
    } else if (operation == QLatin1String("update settings")) {
        auto current = svc().accounts.settings();
        QVERIFY(current.ok());
        StoreSettings changed = current.value();
        changed.expiringSoonDays = changed.expiringSoonDays == 7 ? 8 : 7;
        code = svc().accounts.updateSettings(actor, changed).code();
        happened = [&, days = changed.expiringSoonDays] {
            return svc().accounts.settings()->expiringSoonDays == days;
        };
    } else if (operation == QLatin1String("see other user")) {
        auto r = svc().accounts.user(actor, bob.userId);
        code = r.code();
        happened = [r] {
            return r.ok() && r->username == QLatin1String("bob");
        };
    } else {
        QFAIL("unknown operation in the table");
    }
    if (allowed) {
        QCOMPARE(code, Errc::Ok);
        QVERIFY2(happened(), "allowed, but it did not happen");
    } else {
        QVERIFY2(code == Errc::PermissionDenied || code == Errc::NotFound,
                 qPrintable(QStringLiteral("got error code %1").arg(int(code))));
        QVERIFY2(!happened(), "refused, but it happened");
        if (operation != QLatin1String("see all tokens") && code == Errc::PermissionDenied) {
            QCOMPARE(countRows(store(), QStringLiteral("audit_log")), auditBefore + 1);
            QCOMPARE(lastAudit(store()).outcome, QStringLiteral("denied"));
        }
        // Nothing else changed: bob's token, the actor's own and bob's session still work
        // (bob's was revoked on purpose before "delete token").
        if (operation != QLatin1String("delete token"))
            QVERIFY(valid(bobs.secret.bytes()));
        QVERIFY(valid(own.secret.bytes()));
        QVERIFY(valid(session->secret.bytes()));
    }
}

void TestDomain::atomicityWhenCommitFails()
{
    CreatedToken keep = makeToken(admin, QStringLiteral("bob"), QStringLiteral("keep"));
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Bob-code-99"), 90).ok());
    auto session = svc().sessions.create(QStringLiteral("bob"), secret("Bob-code-99"),
                                         QStringLiteral("iPhone 15"), QStringLiteral("iOS"),
                                         QStringLiteral("3.4.1"), QStringLiteral("10.0.0.5"));
    QVERIFY(session.ok());
    const Counts before = counts(store());

    store().failNextCommitForTesting();
    NewApiToken r;
    r.name = QStringLiteral("never");
    r.username = QStringLiteral("alice");
    r.scopes = {Scope::Collection};
    r.expiresAt = inDays(5);
    QVERIFY(!svc().tokens.create(admin, r).ok());
    QVERIFY(counts(store()) == before);

    store().failNextCommitForTesting();
    QVERIFY(!svc().tokens.revoke(admin, {keep.id}).ok());
    QVERIFY(svc().tokens.verify(keep.secret.bytes(), QString())->valid());

    store().failNextCommitForTesting();
    QVERIFY(!svc().accounts.disableUser(admin, bob.userId).ok());
    QVERIFY(svc().accounts.user(admin, bob.userId)->enabled());
    QVERIFY(svc().tokens.verify(keep.secret.bytes(), QString())->valid());
    QVERIFY(svc().tokens.verify(session->secret.bytes(), QString())->valid());

    store().failNextCommitForTesting();
    QVERIFY(!svc().tokens.resetPersonalToken(f.cli, bob.userId, secret("Bob-code-99")).ok());
    QCOMPARE(countRows(store(), QStringLiteral("api_tokens")), before.tokens);
    QVERIFY(counts(store()) == before);
}

void TestDomain::accessCodeAndPersonalTokenReset()
{
    // No access code yet: Save and Generate needs a new one.
    QCOMPARE(svc().tokens.resetPersonalToken(alice, alice.userId, SecretBytes()).error().field,
             QStringLiteral("accessCode"));
    const SecretBytes code5 = secret("Ab3d5");
    QCOMPARE(svc().accounts.setAccessCode(alice, alice.userId, code5, 90).error().field,
             QStringLiteral("accessCode"));
    QCOMPARE(svc().accounts.setAccessCode(alice, alice.userId, secret("Ab3d5f"), 45).error().field,
             QStringLiteral("age"));
    QCOMPARE(svc().accounts.setAccessCode(alice, bob.userId, secret("Ab3d5f"), 90).code(),
             Errc::PermissionDenied);
    const SecretBytes first = secret("first-Code-1");
    // One's own new access code takes one's current password.
    QCOMPARE(svc()
                 .tokens.resetPersonalToken(alice, alice.userId, SecretBytes(), &first, 90)
                 .error()
                 .field,
             QStringLiteral("currentPassword"));
    const SecretBytes wrongPassword = secret("not-alices-pass");
    QCOMPARE(svc()
                 .tokens
                 .resetPersonalToken(alice, alice.userId, SecretBytes(), &first, 90, &wrongPassword)
                 .code(),
             Errc::AuthenticationFailed);
    QCOMPARE(countRows(store(), QStringLiteral("api_tokens WHERE personal = 1")), qint64(0));
    const SecretBytes password = secret("Alice-pass-1");
    auto t1 =
        svc().tokens.resetPersonalToken(alice, alice.userId, SecretBytes(), &first, 90, &password);
    QVERIFY2(t1.ok(), t1.ok() ? "" : qPrintable(t1.error().message));
    QVERIFY(svc().tokens.verify(t1->secret.bytes(), QString())->valid());
    auto personal = svc().tokens.personalToken(alice, alice.userId);
    QVERIFY(personal.ok() && personal->has_value());
    QCOMPARE((*personal.value()).id, t1->id);
    QCOMPARE((*personal.value()).scopes,
             (QStringList{Scope::Collection, Scope::Device, Scope::Policy}));
    // Personal token lives as long as the access code.
    QVERIFY(qAbs(t1->expiresAt.toMSecsSinceEpoch() - (Clock::nowMs() + 90 * DayMs)) < 60000);

    // Wrong current access code: nothing changes, the failure is audited.
    const Counts before = counts(store());
    auto wrong = svc().tokens.resetPersonalToken(alice, alice.userId, secret("not-the-code"));
    QCOMPARE(wrong.code(), Errc::AuthenticationFailed);
    QCOMPARE(wrong.error().field, QStringLiteral("currentAccessCode"));
    QCOMPARE(counts(store()).tokens, before.tokens);
    QCOMPARE(lastAudit(store()).outcome, QStringLiteral("failure"));
    QVERIFY(svc().tokens.verify(t1->secret.bytes(), QString())->valid());

    // Right code: the old token stops at once, the new one works.
    auto t2 = svc().tokens.resetPersonalToken(alice, alice.userId, secret("first-Code-1"));
    QVERIFY(t2.ok());
    QCOMPARE(svc().tokens.verify(t1->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QVERIFY(svc().tokens.verify(t2->secret.bytes(), QString())->valid());
    const AuditEntry e = lastAudit(store());
    QCOMPARE(e.action, QStringLiteral("token.reset"));
    QVERIFY(e.details.contains(QStringLiteral("#%1").arg(t1->id)));
    // Standard users cannot reset someone else's token; the CLI can with the user's code.
    QCOMPARE(svc().tokens.resetPersonalToken(bob, alice.userId, secret("first-Code-1")).code(),
             Errc::PermissionDenied);
    auto t3 = svc().tokens.resetPersonalToken(f.cli, alice.userId, secret("first-Code-1"));
    QVERIFY(t3.ok());
    QCOMPARE(svc().tokens.verify(t2->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);

    // An expired access code: refused for mobile sign-in and for reset without a new code.
    Clock::setOffsetForTesting(91 * DayMs);
    QCOMPARE(svc().tokens.resetPersonalToken(alice, alice.userId, secret("first-Code-1")).code(),
             Errc::CredentialExpired);
    const SecretBytes next = secret("second-Code-2");
    QVERIFY(
        svc()
            .tokens
            .resetPersonalToken(alice, alice.userId, secret("first-Code-1"), &next, 0, &password)
            .ok());
}

void TestDomain::mobileSessions()
{
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Bob-code-99"), 30).ok());
    auto bad = svc().sessions.create(QStringLiteral("bob"), secret("wrong-code-1"),
                                     QStringLiteral("Pixel"), QStringLiteral("Android"),
                                     QStringLiteral("3.4"), QStringLiteral("10.0.0.7"));
    QCOMPARE(bad.code(), Errc::AuthenticationFailed);
    QCOMPARE(svc()
                 .sessions
                 .create(QStringLiteral("bob"), secret("Bob-code-99"), QStringLiteral("  "),
                         QStringLiteral("Android"), QStringLiteral("3.4"), QString())
                 .error()
                 .field,
             QStringLiteral("device_name"));
    auto s = svc().sessions.create(QStringLiteral("bob"), secret("Bob-code-99"),
                                   QStringLiteral("Pixel 8"), QStringLiteral("Android"),
                                   QStringLiteral("3.4.1"), QStringLiteral("10.0.0.7"));
    QVERIFY(s.ok());
    QVERIFY(s->secret.bytes().startsWith("tds_"));
    auto v = svc().tokens.verify(s->secret.bytes(), QStringLiteral("10.0.0.7"));
    QVERIFY(v->valid());
    QCOMPARE(v->kind, VerifiedToken::Kind::Session);
    QCOMPARE(v->username, QStringLiteral("bob"));
    QCOMPARE(v->scopes, (QStringList{Scope::Collection, Scope::Device, Scope::Policy}));
    auto list = svc().sessions.list(support, SessionQuery{});
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().email, QStringLiteral("bob@example.org"));
    QCOMPARE(list->first().deviceName, QStringLiteral("Pixel 8"));
    QCOMPARE(svc().sessions.list(alice, SessionQuery{})->size(), 0); // not hers
    QCOMPARE(svc().sessions.count(bob, SessionQuery{}).value(), qint64(1));
    QVERIFY(svc().sessions.revoke(support, {s->id}).ok());
    QCOMPARE(svc().tokens.verify(s->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(lastAudit(store()).action, QStringLiteral("session.revoke"));
    QCOMPARE(lastAudit(store()).actor, QStringLiteral("sam"));

    // Sign-out with the session's own token.
    auto s2 = svc().sessions.create(QStringLiteral("bob"), secret("Bob-code-99"),
                                    QStringLiteral("iPad"), QStringLiteral("iOS"),
                                    QStringLiteral("3.4.1"), QStringLiteral("10.0.0.8"));
    QVERIFY(svc().sessions.end(s2->secret.bytes(), QStringLiteral("10.0.0.8")).ok());
    QCOMPARE(svc().sessions.end(s2->secret.bytes(), QStringLiteral("10.0.0.8")).code(),
             Errc::AuthenticationFailed);
    QCOMPARE(svc().tokens.verify(s2->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);

    // An expired access code cannot open a session.
    Clock::setOffsetForTesting(31 * DayMs);
    QCOMPARE(svc()
                 .sessions
                 .create(QStringLiteral("bob"), secret("Bob-code-99"), QStringLiteral("Pixel"),
                         QStringLiteral("Android"), QStringLiteral("3.4"),
                         QStringLiteral("10.0.0.7"))
                 .code(),
             Errc::CredentialExpired);
}

void TestDomain::verificationStatesAndEffectiveScopes()
{
    QCOMPARE(svc().tokens.verify("tdk_nope", QString())->status, VerifiedToken::Status::Malformed);
    const SecretBytes stranger = TokenCodec::generate(TokenKind::Api);
    QCOMPARE(svc().tokens.verify(stranger.bytes(), QString())->status,
             VerifiedToken::Status::Unknown);

    CreatedToken t = makeToken(admin, QStringLiteral("sam"), QStringLiteral("intro"),
                               {Scope::Collection, Scope::Device, Scope::Introspect}, 3);
    QVERIFY2(t.id, qPrintable(lastError));
    auto v = svc().tokens.verify(t.secret.bytes(), QStringLiteral("127.0.0.1"));
    QVERIFY(v->valid());
    QCOMPARE(v->scopes, (QStringList{Scope::Collection, Scope::Device, Scope::Introspect}));
    QCOMPARE(v->department, QStringLiteral("Support Desk"));
    QCOMPARE(v->userType, BuiltinUserType::Support);
    QCOMPARE(v->tenantId, svc().accounts.tenant()->id);
    // Narrowing the user type narrows every token of it at once: scopes ∩ user type.
    const qint64 supportType = [&] {
        for (const UserType &ut : svc().accounts.userTypes(admin).value())
            if (ut.name == BuiltinUserType::Support)
                return ut.id;
        return qint64(0);
    }();
    QStringList perms = BuiltinUserType::permissionsOf(BuiltinUserType::Support);
    perms.removeAll(Scope::Device);
    QVERIFY(svc().accounts.setUserTypePermissions(admin, supportType, perms).ok());
    QCOMPARE(svc().tokens.verify(t.secret.bytes(), QString())->scopes,
             (QStringList{Scope::Collection, Scope::Introspect}));
    // A disabled user's tokens stop (disabling also revokes them; here the user row alone).
    QVERIFY(store()
                .write([&] {
                    store().run(QStringLiteral("UPDATE users SET disabled_at = 1 WHERE id = ?"),
                                {support.userId});
                })
                .ok());
    QCOMPARE(svc().tokens.verify(t.secret.bytes(), QString())->status,
             VerifiedToken::Status::UserDisabled);
    QVERIFY(store()
                .write([&] {
                    store().run(QStringLiteral("UPDATE users SET disabled_at = NULL WHERE id = ?"),
                                {support.userId});
                })
                .ok());
    // Time passes: expiring soon, then expired.
    Clock::setOffsetForTesting(-4 * DayMs +
                               1); // created 4 days before now+offset... back to normal below
    Clock::setOffsetForTesting(0);
    QCOMPARE(svc().tokens.token(admin, t.id)->status, TokenStatus::ExpiringSoon);
    Clock::setOffsetForTesting(3 * DayMs + 1000);
    QCOMPARE(svc().tokens.verify(t.secret.bytes(), QString())->status,
             VerifiedToken::Status::Expired);
    QCOMPARE(svc().tokens.token(admin, t.id)->status, TokenStatus::Expired);
}

void TestDomain::findTokenByItsValue()
{
    CreatedToken t = makeToken(admin, QStringLiteral("alice"), QStringLiteral("leaked"));
    QVERIFY2(t.id, qPrintable(lastError));
    const qint64 auditBefore = countRows(store(), QStringLiteral("audit_log"));

    auto found = svc().tokens.findByValue(admin, t.secret.bytes());
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->id, t.id);
    QCOMPARE(found->name, QStringLiteral("leaked"));
    QCOMPARE(found->username, QStringLiteral("alice"));
    QCOMPARE(found->status, TokenStatus::Active);
    // Its owner finds it too; surrounding white space (a paste) does not matter.
    QByteArray pasted = "  " + QByteArray(t.secret.bytes()) + "\n";
    QCOMPARE(svc().tokens.findByValue(alice, pasted.trimmed())->id, t.id);
    // Revoked: still found, with its status (what one needs when a revoked token turns up).
    QVERIFY(svc().tokens.revoke(admin, {t.id}).ok());
    QCOMPARE(svc().tokens.findByValue(admin, t.secret.bytes())->status, TokenStatus::Revoked);

    // Someone who may not see it learns as much as about a token that never existed.
    const SecretBytes stranger = TokenCodec::generate(TokenKind::Api);
    auto notYours = svc().tokens.findByValue(bob, t.secret.bytes());
    auto nobodys = svc().tokens.findByValue(admin, stranger.bytes());
    QCOMPARE(notYours.code(), Errc::NotFound);
    QCOMPARE(nobodys.code(), Errc::NotFound);
    QCOMPARE(notYours.error().message, nobodys.error().message);

    // A wrong checksum and a session token are refused before the store is asked.
    QByteArray typo = t.secret.bytes();
    typo[10] = typo[10] == 'a' ? 'b' : 'a';
    auto bad = svc().tokens.findByValue(admin, typo);
    QCOMPARE(bad.code(), Errc::InvalidArgument);
    QVERIFY2(bad.error().message.contains(QLatin1String("checksum")),
             qPrintable(bad.error().message));
    const SecretBytes session = TokenCodec::generate(TokenKind::Session);
    auto notApi = svc().tokens.findByValue(admin, session.bytes());
    QCOMPARE(notApi.code(), Errc::InvalidArgument);
    QVERIFY(notApi.error().message.contains(QLatin1String("mobile session")));
    // Looking is reading: no audit row, nothing written.
    QCOMPARE(countRows(store(), QStringLiteral("audit_log")), auditBefore + 1); // the revoke
}

void TestDomain::lastUsedWrittenAtMostOncePerMinute()
{
    CreatedToken t = makeToken(admin, QStringLiteral("alice"), QStringLiteral("busy"));
    QVERIFY(!svc().tokens.token(admin, t.id)->lastUsedAt.isValid());
    QVERIFY(svc().tokens.verify(t.secret.bytes(), QStringLiteral("10.1.1.1"))->valid());
    const ApiToken first = svc().tokens.token(admin, t.id).value();
    QVERIFY(first.lastUsedAt.isValid());
    QCOMPARE(first.lastUsedFrom, QStringLiteral("10.1.1.1"));
    for (int i = 0; i < 20; ++i)
        QVERIFY(svc().tokens.verify(t.secret.bytes(), QStringLiteral("10.2.2.2"))->valid());
    const ApiToken burst = svc().tokens.token(admin, t.id).value();
    QCOMPARE(burst.lastUsedAt, first.lastUsedAt);
    QCOMPARE(burst.lastUsedFrom, QStringLiteral("10.1.1.1"));
    Clock::setOffsetForTesting(61 * 1000);
    QVERIFY(svc().tokens.verify(t.secret.bytes(), QStringLiteral("10.3.3.3"))->valid());
    const ApiToken later = svc().tokens.token(admin, t.id).value();
    QVERIFY(later.lastUsedAt > first.lastUsedAt);
    QCOMPARE(later.lastUsedFrom, QStringLiteral("10.3.3.3"));
}

void TestDomain::verificationBatchSharesOneLookAtTheStore()
{
    CreatedToken a = makeToken(admin, QStringLiteral("alice"), QStringLiteral("batch-a"));
    CreatedToken b = makeToken(admin, QStringLiteral("alice"), QStringLiteral("batch-b"));
    CreatedToken c = makeToken(admin, QStringLiteral("alice"), QStringLiteral("batch-c"));
    auto other = Store::open(store().location(), Store::OpenMode::ExistingOnly);
    QVERIFY(other.ok());
    auto revokeElsewhere = [&](qint64 id) {
        Store &s = *other.value();
        return s
            .write([&] {
                s.run(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"),
                      {Clock::nowMs(), id});
            })
            .ok();
    };
    auto status = [&](const CreatedToken &t) {
        return svc().tokens.verify(t.secret.bytes(), QStringLiteral("10.4.4.4"))->status;
    };
    // Outside a batch every verification looks at what other connections committed.
    QCOMPARE(status(c), VerifiedToken::Status::Valid);
    QVERIFY(revokeElsewhere(c.id));
    QCOMPARE(status(c), VerifiedToken::Status::Revoked);

    svc().tokens.beginVerificationBatch();
    QCOMPARE(status(a), VerifiedToken::Status::Valid); // the batch's one look
    QVERIFY(revokeElsewhere(a.id));
    // Committed after the batch's requests had arrived: on SQLite the batch keeps its look;
    // PostgreSQL (no cache outside the server) reads every credential.
    QCOMPARE(status(a),
             store().isSqlite() ? VerifiedToken::Status::Valid : VerifiedToken::Status::Revoked);
    // This connection's own commit counts at once, batch or not.
    QCOMPARE(status(b), VerifiedToken::Status::Valid);
    QVERIFY(svc().tokens.revoke(admin, {b.id}).ok());
    QCOMPARE(status(b), VerifiedToken::Status::Revoked);
    QCOMPARE(status(a), VerifiedToken::Status::Revoked);
    svc().tokens.endVerificationBatch();

    // The next batch looks again.
    CreatedToken d = makeToken(admin, QStringLiteral("alice"), QStringLiteral("batch-d"));
    svc().tokens.beginVerificationBatch();
    QCOMPARE(status(d), VerifiedToken::Status::Valid);
    svc().tokens.endVerificationBatch();
    QVERIFY(revokeElsewhere(d.id));
    svc().tokens.beginVerificationBatch();
    QCOMPARE(status(d), VerifiedToken::Status::Revoked);
    svc().tokens.endVerificationBatch();
}

void TestDomain::disableUserRevokesEverythingAtOnce()
{
    CreatedToken t1 = makeToken(admin, QStringLiteral("bob"), QStringLiteral("one"));
    CreatedToken t2 = makeToken(admin, QStringLiteral("bob"), QStringLiteral("two"));
    CreatedToken other = makeToken(admin, QStringLiteral("alice"), QStringLiteral("hers"));
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret("Bob-code-99"), 90).ok());
    auto s = svc().sessions.create(QStringLiteral("bob"), secret("Bob-code-99"),
                                   QStringLiteral("Pixel"), QStringLiteral("Android"),
                                   QStringLiteral("3.4"), QStringLiteral("10.0.0.7"));
    QVERIFY(s.ok());
    auto live = svc().accounts.liveCredentials(admin, bob.userId);
    QCOMPARE(live->tokensRevoked, 2);
    QCOMPARE(live->sessionsRevoked, 1);
    QCOMPARE(svc().accounts.disableUser(admin, admin.userId).code(), Errc::Conflict); // not oneself
    auto r = svc().accounts.disableUser(admin, bob.userId);
    QVERIFY(r.ok());
    QCOMPARE(r->tokensRevoked, 2);
    QCOMPARE(r->sessionsRevoked, 1);
    QCOMPARE(svc().tokens.verify(t1.secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(svc().tokens.verify(t2.secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(svc().tokens.verify(s->secret.bytes(), QString())->status,
             VerifiedToken::Status::Revoked);
    QVERIFY(svc().tokens.verify(other.secret.bytes(), QString())->valid());
    QVERIFY(lastAudit(store()).details.contains(QLatin1String("2 API token")));
    QCOMPARE(svc()
                 .accounts
                 .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.5.5.5"))
                 .code(),
             Errc::PermissionDenied);
    QCOMPARE(svc().tokens.editScopes(bob, t1.id, {Scope::Device}).code(),
             Errc::PermissionDenied); // stale actor
    QVERIFY(svc().accounts.enableUser(admin, bob.userId).ok());
    QVERIFY(svc()
                .accounts
                .signIn(QStringLiteral("bob"), secret("Bob-pass-22"), QStringLiteral("10.5.5.5"))
                .ok());
    // The last administrator cannot be disabled.
    auto sam = svc().accounts.userByName(admin, QStringLiteral("sam"));
    QVERIFY(svc()
                .accounts
                .updateUser(admin, sam->id,
                            UserChanges{std::nullopt, std::nullopt, std::nullopt,
                                        BuiltinUserType::Administrator, std::nullopt})
                .ok());
    QVERIFY(svc().accounts.disableUser(admin, sam->id).ok());
    auto samActor = svc().accounts.signIn(QStringLiteral("sam"), secret("Support-pass-1"),
                                          QStringLiteral("10.6.6.6"));
    QCOMPARE(samActor.code(), Errc::PermissionDenied);
}

void TestDomain::listingPagingSortingFiltering()
{
    for (int i = 0; i < 30; ++i)
        QVERIFY(makeToken(admin, i % 2 ? QStringLiteral("alice") : QStringLiteral("bob"),
                          QStringLiteral("tok-%1").arg(i, 2, 10, QLatin1Char('0')),
                          {Scope::Collection}, 3 + i)
                    .id);
    TokenQuery q;
    q.sortColumn = TokenColumn::Name;
    q.ascending = true;
    q.limit = 10;
    q.offset = 10;
    auto page = svc().tokens.list(admin, q);
    QVERIFY(page.ok());
    QCOMPARE(page->size(), 10);
    QCOMPARE(page->first().name, QStringLiteral("tok-10"));
    QCOMPARE(page->last().name, QStringLiteral("tok-19"));
    q.ascending = false;
    q.offset = 0;
    QCOMPARE(svc().tokens.list(admin, q)->first().name, QStringLiteral("tok-29"));
    q.sortColumn = TokenColumn::Expires;
    q.ascending = true;
    QCOMPARE(svc().tokens.list(admin, q)->first().name, QStringLiteral("tok-00"));
    // Filters.
    TokenQuery f1;
    f1.text = QStringLiteral("tok-1");
    QCOMPARE(svc().tokens.count(admin, f1).value(), qint64(10));
    f1.text = QStringLiteral("TOK-2"); // case-insensitive
    QCOMPARE(svc().tokens.count(admin, f1).value(), qint64(10));
    f1.text = QStringLiteral("100%_"); // wildcards are literal
    QCOMPARE(svc().tokens.count(admin, f1).value(), qint64(0));
    TokenQuery soon;
    soon.statuses = {TokenStatus::ExpiringSoon};
    // 3, 4, 5, 6 and 7 days: "expiring soon" includes the 7th day.
    QCOMPARE(svc().tokens.count(admin, soon).value(), qint64(5));
    QVERIFY(svc().tokens.revoke(admin, {svc().tokens.list(admin, q)->first().id}).ok());
    TokenQuery revoked;
    revoked.statuses = {TokenStatus::Revoked};
    QCOMPARE(svc().tokens.count(admin, revoked).value(), qint64(1));
    soon.statuses = {TokenStatus::ExpiringSoon, TokenStatus::Revoked};
    QCOMPARE(svc().tokens.count(admin, soon).value(),
             qint64(5)); // the revoked one was expiring soon
    TokenQuery mine;
    QCOMPARE(svc().tokens.count(alice, mine).value(), qint64(15));
    mine.userId = bob.userId;
    QCOMPARE(svc().tokens.count(alice, mine).value(), qint64(0)); // never another user's
    const qint64 research = svc().accounts.userByName(admin, QStringLiteral("alice"))->departmentId;
    TokenQuery dept;
    dept.departmentId = research;
    QCOMPARE(svc().tokens.count(admin, dept).value(), qint64(30));
    // Streaming visits every row and can stop early.
    int seen = 0;
    QCOMPARE(svc()
                 .tokens.visit(admin, TokenQuery{}, [&](const ApiToken &) { return ++seen < 5; })
                 .value(),
             qint64(5));
}

void TestDomain::auditQueries()
{
    makeToken(admin, QStringLiteral("alice"), QStringLiteral("x"));
    makeToken(alice, QStringLiteral("alice"), QStringLiteral("y"));
    AuditQuery q;
    q.action = QStringLiteral("token.");
    auto all = svc().audit.entries(admin, q);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->first().actor, QStringLiteral("alice")); // newest first
    q.actor = QStringLiteral("admin");
    QCOMPARE(svc().audit.count(support, q).value(), qint64(1));
    q = AuditQuery{};
    q.since = Clock::now().addSecs(3600);
    QCOMPARE(svc().audit.count(admin, q).value(), qint64(0));
    QCOMPARE(svc().audit.entries(alice, AuditQuery{}).code(), Errc::PermissionDenied);
}

void TestDomain::storageHoldsNoSecret()
{
    // Create every kind of secret, then look for each of them in the raw store.
    QList<QByteArray> secrets;
    for (int i = 0; i < 5; ++i) {
        CreatedToken t =
            makeToken(admin, QStringLiteral("alice"), QStringLiteral("scan-%1").arg(i));
        secrets << t.secret.bytes();
    }
    const char *accessCode = "Scan-Access-Code-42";
    QVERIFY(svc().accounts.setAccessCode(f.cli, bob.userId, secret(accessCode), 90).ok());
    secrets << QByteArray(accessCode);
    auto s = svc().sessions.create(QStringLiteral("bob"), secret(accessCode),
                                   QStringLiteral("Pixel"), QStringLiteral("Android"),
                                   QStringLiteral("3.4"), QStringLiteral("10.0.0.7"));
    secrets << s->secret.bytes();
    auto reset = svc().tokens.resetPersonalToken(bob, bob.userId, secret(accessCode));
    QVERIFY(reset.ok());
    secrets << reset->secret.bytes();
    secrets << QByteArray(AdminPassword) << QByteArray("Alice-pass-1") << QByteArray("Bob-pass-22")
            << QByteArray("Support-pass-1");
    (void)svc().accounts.signIn(QStringLiteral("alice"), secret("Typo-Password-77"),
                                QStringLiteral("10.0.0.9"));
    secrets << QByteArray("Typo-Password-77");

    const QByteArray dump = f.db->dump();
    QVERIFY2(dump.size() > 10000, "the dump must hold the store");
    // Sanity: the scan would find text that is there (the hint and an audit word).
    QVERIFY(dump.contains(TokenCodec::hint(secrets.first()).toUtf8()));
    QVERIFY(dump.contains("token.create"));
    int hits = 0;
    for (const QByteArray &sec : secrets) {
        // The whole secret, and (for tokens) its random part alone.
        const QList<QByteArray> needles =
            sec.startsWith("td") ? QList<QByteArray>{sec, sec.mid(4, 40), sec.mid(4, 16)}
                                 : QList<QByteArray>{sec};
        for (const QByteArray &n : needles)
            if (dump.contains(n))
                ++hits;
    }
    QCOMPARE(hits, 0);
}

QTEST_GUILESS_MAIN(TestDomain)
void TestDomain::demoDataIsConsistent()
{
    auto indexNames = [&] {
        QStringList names;
        QSqlQuery q = store().run(
            store().isSqlite()
                ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                 "tbl_name = 'api_tokens' ORDER BY name")
                : QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = "
                                 "current_schema() AND tablename = 'api_tokens' ORDER BY 1"));
        while (q.next())
            names << q.value(0).toString();
        return names;
    };
    const QStringList indexesBefore = indexNames();
    const qint64 tokensBefore = countRows(store(), QStringLiteral("api_tokens"));
    DemoRequest req;
    req.users = 30;
    req.tokens = 600;
    req.sessions = 80;
    req.seed = 7;
    req.rebuildIndexesFrom = 100; // the bulk path: indexes dropped and built again
    auto done = DemoGenerator(store()).generate(f.cli, req);
    QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
    QCOMPARE(done->tokens, 600);
    QCOMPARE(countRows(store(), QStringLiteral("api_tokens")), tokensBefore + 600);
    QCOMPARE(countRows(store(), QStringLiteral("mobile_sessions")), 80);
    QCOMPARE(indexNames(), indexesBefore);
    QCOMPARE(lastAudit(store()).action, QStringLiteral("demo.generate"));

    // NULL where a value is absent, never '' (the status and Last Used columns depend on it).
    auto count = [&](const char *where) {
        return store()
            .scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE %1")
                        .arg(QLatin1String(where)))
            .toLongLong();
    };
    QCOMPARE(count("(revoked_at IS NULL) <> (revoked_by IS NULL)"), 0);
    QCOMPARE(count("(last_used_at IS NULL) <> (last_used_addr IS NULL)"), 0);
    QVERIFY(count("revoked_at IS NOT NULL") > 0);
    QVERIFY(count("revoked_at IS NULL") > 0);
    QVERIFY(count("last_used_at IS NULL") > 0);
    QCOMPARE(count("description IS NULL OR user_name = '' OR department_name = ''"), 0);
    QCOMPARE(count("expires_at < created_at"), 0);
    // Every token has its scope rows, and they agree with the denormalised scope list.
    QCOMPARE(count("id NOT IN (SELECT token_id FROM api_token_scopes)"), 0);
    QSqlQuery q = store().run(QStringLiteral(
        "SELECT t.scope_list, s.scope FROM api_tokens t JOIN api_token_scopes s ON s.token_id = "
        "t.id ORDER BY t.id"));
    int rows = 0;
    while (q.next()) {
        QVERIFY(q.value(0).toString().split(QLatin1Char(',')).contains(q.value(1).toString()));
        ++rows;
    }
    QCOMPARE(rows, countRows(store(), QStringLiteral("api_token_scopes")));
    QCOMPARE(store()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM mobile_sessions WHERE "
                                        "(revoked_at IS NULL) <> (revoked_by IS NULL)"))
                 .toLongLong(),
             0);
    // Demo tokens are found by the list's text filter (the search index was filled).
    if (store().isSqlite()) {
        const qint64 byIndex =
            store()
                .scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens_search WHERE "
                                       "api_tokens_search MATCH '\"deploy\"'"))
                .toLongLong();
        QVERIFY(byIndex > 0);
        QCOMPARE(byIndex, count("name LIKE '%deploy%' OR user_name LIKE '%deploy%'"));
    }
}

void TestDomain::demoRefusesBadRequests()
{
    const Counts before = counts(store());
    DemoRequest req;
    req.users = 0;
    auto r = DemoGenerator(store()).generate(f.cli, req);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Errc::InvalidArgument);
    req.users = 5;
    req.tokens = -1;
    QVERIFY(!DemoGenerator(store()).generate(f.cli, req));
    req.tokens = 5;
    r = DemoGenerator(store()).generate(admin, req);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Errc::PermissionDenied);
    QVERIFY(counts(store()) == before);
}

#include "tst_domain.moc"
