// SPDX-License-Identifier: MIT
// security.authz: the authorization matrix. Every caller × every operation × every
// front end (the console's domain calls through Service, the CLI tokendesk-admin, the HTTP API of
// tokendesk-server, its admin API with a console credential), each cell of the one table below
// asserted. A denied operation must also
// leave the store's users, tokens, sessions, departments, user types and settings as they were.
#include "adminrun.h"
#include "serverharness.h"
#include "testsupport.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/passwordhasher.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace td;
using namespace td::test;

namespace {

enum class Op {
    ConsoleSignIn,
    TokenCreateOwn,
    TokenCreateOther,
    TokenEditScopeOwn,
    TokenEditScopeOther,
    TokenRotateOwn,
    TokenRotateOther,
    TokenRevokeOwn,
    TokenRevokeOther,
    TokenRevokeMatching,
    TokenCountByOwner,
    TokenDelete,
    TokenDeleteMatching,
    TokenInspectOther,
    TokenListOthers,
    TokenResetOwn,
    TokenResetOther,
    AccessCodeOwn,
    AccessCodeOther,
    AccessCodeOwnUnverified,
    PasswordOwn,
    PasswordOwnUnverified,
    UserCreate,
    UserCreateAdmin,
    UserEdit,
    UserPromote,
    UserChangeOwnType,
    UserSetPassword,
    UserSetAdminPassword,
    UserDisable,
    UserDisableAdmin,
    UserListOthers,
    DepartmentCreate,
    DepartmentList,
    UserTypeCreate,
    UserTypeCreateAbove,
    UserTypeEditAbove,
    UserTypeEditOwn,
    UserTypeList,
    AuditView,
    OverviewFailedSignIns,
    SettingsUpdate,
    WebhookList,
    WebhookCreate,
    SessionListOthers,
    SessionRevokeOwn,
    SessionRevokeOther,
    SessionRevokeMatching,
    Introspect,
    ReportLeak,
    Me,
    MobileSignIn,
    Healthz,
};

// Callers, one column each in every cell string:
//   A  an Administrator
//   S  a Support user
//   T  a Standard user
//   X  a disabled Administrator (signed in, or holding tokens, from before it was disabled;
//      disabling revoked its tokens and sessions)
//   M  a user manager: a custom user type with a Standard user's permissions plus users.view
//      and users.manage, so it manages users, departments and user types up to its own
//      permissions and no further (it may not make an administrator, nor touch one)
//   U  unauthenticated: in the console a forged actor of no account that claims every
//      permission; over HTTP no bearer token; to sign in, an existing user (olga) with a wrong
//      password or access code, so that only the missing authentication refuses it
//   C  the CLI: whoever can open the store (PRODUCT.md: it works with the store's own rights);
//      the CLI has no sign-in, so A..U are n/a there, and C is n/a in the other front ends
// Cells: 'y' allowed, 'n' denied, '-' n/a (the front end has no such operation for that caller).
// Notes: only the user resets their own personal token (it takes their access code), so an
// administrator's "reset other's token" is denied in the console; the CLI does it with the
// access code on stdin. "introspect" is `token verify` in the CLI. "report a leaked token" needs
// the scope leak_report, which A's and X's bearer tokens hold (only Administrator grants it). Lists
// count as denied when they hide the other user's object. One's own password and access code change
// only with the current password (the CLI's self-service `passwd` reads it first). The admin API
// resets only the caller's own personal token. Over the admin API, U sends no credential and X the
// one it held before it was disabled: both are answered 401; a denial of the others is 403 (or 404
// for an object the caller may not see), and a denied call changes nothing either way.
constexpr char Callers[] = "ASTXMUC";

struct Case
{
    Op op;
    const char *name;
    const char *console; // ASTXMUC
    const char *cli;     // ASTXMUC
    const char *http;    // ASTXMUC
    const char *admin;   // ASTXMUC: the admin API over HTTP, with a console credential
};

// clang-format off
const Case Matrix[] = {
    //                                                          console    cli        http       admin
    //                                                          ASTXMUC    ASTXMUC    ASTXMUC    ASTXMUC
    {Op::ConsoleSignIn,           "sign in (password)",         "yyynyn-", "-------", "-------", "yyynyn-"},
    {Op::TokenCreateOwn,          "create token for self",      "ynynyn-", "-------", "-------", "ynynyn-"},
    {Op::TokenCreateOther,        "create token for other",     "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::TokenEditScopeOwn,       "edit scope, own token",      "ynynyn-", "-------", "-------", "ynynyn-"},
    {Op::TokenEditScopeOther,     "edit scope, other's",        "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::TokenRotateOwn,          "rotate own token",           "ynynyn-", "-------", "-------", "ynynyn-"},
    {Op::TokenRotateOther,        "rotate other's token",       "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::TokenRevokeOwn,          "revoke own token",           "ynynyn-", "-------", "-------", "ynynyn-"},
    {Op::TokenRevokeOther,        "revoke other's token",       "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::TokenRevokeMatching,     "revoke tokens of a filter",  "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::TokenCountByOwner,       "count tokens per owner",     "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::TokenDelete,             "delete revoked token",       "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::TokenDeleteMatching,     "delete tokens of a filter",  "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::TokenInspectOther,       "inspect other's token",      "yynnnn-", "-------", "-------", "yynnnn-"},
    {Op::TokenListOthers,         "list others' tokens",        "yynnnn-", "------y", "-------", "yynnnn-"},
    {Op::TokenResetOwn,           "reset own token",            "yyynyn-", "-------", "-------", "yyynyn-"},
    {Op::TokenResetOther,         "reset other's token",        "nnnnnn-", "------y", "-------", "-------"},
    {Op::AccessCodeOwn,           "set own access code",        "yyynyn-", "-------", "-------", "yyynyn-"},
    {Op::AccessCodeOther,         "set other's access code",    "ynnnyn-", "------y", "-------", "ynnnyn-"},
    {Op::AccessCodeOwnUnverified, "own access code, no passwd", "nnnnnn-", "-------", "-------", "nnnnnn-"},
    {Op::PasswordOwn,             "change own password",        "yyynyn-", "------y", "-------", "yyynyn-"},
    {Op::PasswordOwnUnverified,   "own password, no current",   "nnnnnn-", "-------", "-------", "nnnnnn-"},
    {Op::UserCreate,              "create user",                "ynnnyn-", "------y", "-------", "ynnnyn-"},
    {Op::UserCreateAdmin,         "create an Administrator",    "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::UserEdit,                "edit user",                  "ynnnyn-", "-------", "-------", "ynnnyn-"},
    {Op::UserPromote,             "make a user Administrator",  "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::UserChangeOwnType,       "change own user type",       "nnnnnn-", "-------", "-------", "nnnnnn-"},
    {Op::UserSetPassword,         "set other's password",       "ynnnyn-", "------y", "-------", "ynnnyn-"},
    {Op::UserSetAdminPassword,    "set an admin's password",    "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::UserDisable,             "disable user",               "ynnnyn-", "------y", "-------", "ynnnyn-"},
    {Op::UserDisableAdmin,        "disable an Administrator",   "ynnnnn-", "------y", "-------", "ynnnnn-"},
    {Op::UserListOthers,          "list other users",           "yynnyn-", "------y", "-------", "yynnyn-"},
    {Op::DepartmentCreate,        "create department",          "ynnnyn-", "------y", "-------", "ynnnyn-"},
    {Op::DepartmentList,          "list departments",           "yyynyn-", "------y", "-------", "yyynyn-"},
    {Op::UserTypeCreate,          "create user type",           "ynnnyn-", "-------", "-------", "ynnnyn-"},
    {Op::UserTypeCreateAbove,     "create type above own",      "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::UserTypeEditAbove,       "grant a type more than own", "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::UserTypeEditOwn,         "edit own user type",         "nnnnnn-", "-------", "-------", "nnnnnn-"},
    {Op::UserTypeList,            "list user types",            "yyynyn-", "------y", "-------", "yyynyn-"},
    {Op::AuditView,               "read audit log",             "yynnnn-", "------y", "-------", "yynnnn-"},
    {Op::OverviewFailedSignIns,   "overview's failed sign-ins", "yynnnn-", "-------", "-------", "yynnnn-"},
    {Op::SettingsUpdate,          "change settings",            "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::WebhookList,             "list webhooks",              "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::WebhookCreate,           "register a webhook",         "ynnnnn-", "-------", "-------", "ynnnnn-"},
    {Op::SessionListOthers,       "list others' sessions",      "yynnnn-", "------y", "-------", "yynnnn-"},
    {Op::SessionRevokeOwn,        "end own session/sign out",   "yyynyn-", "-------", "yyynyn-", "yyynyn-"},
    {Op::SessionRevokeOther,      "end other's session",        "yynnnn-", "------y", "-------", "yynnnn-"},
    {Op::SessionRevokeMatching,   "end sessions of a filter",   "yynnnn-", "-------", "-------", "yynnnn-"},
    {Op::Introspect,              "introspect a token",         "-------", "------y", "yynnnn-", "-------"},
    {Op::ReportLeak,              "report a leaked token",      "-------", "-------", "ynnnnn-", "-------"},
    {Op::Me,                      "who am I",                   "-------", "-------", "yyynyn-", "-------"},
    {Op::MobileSignIn,            "mobile sign-in",             "-------", "-------", "yyynyn-", "-------"},
    {Op::Healthz,                 "health check",               "-------", "-------", "yyyyyy-", "-------"},
};
// clang-format on

enum class FrontEnd { Console, Cli, Http, Admin };

struct Caller
{
    QChar key;
    QString username;
    QByteArray password;
    QByteArray accessCode;
    qint64 userId = 0;
    Actor actor;
    QByteArray apiToken;   ///< HTTP bearer
    qint64 ownTokenId = 0; ///< X: from before it was disabled
    qint64 ownSessionId = 0;
    QByteArray sessionToken;      ///< X: from before it was disabled
    QByteArray consoleCredential; ///< the admin API's (X: from before it was disabled)
};

template<typename T> QByteArray why(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().message.toUtf8();
}

SecretBytes sec(const QByteArray &bytes)
{
    noteSecret(bytes);
    return SecretBytes(QByteArray(bytes));
}

Caller makeCaller(char key, const QString &username, const QByteArray &password,
                  const QByteArray &accessCode)
{
    Caller c;
    c.key = QLatin1Char(key);
    c.username = username;
    c.password = password;
    c.accessCode = accessCode;
    return c;
}

/// What an operation did: allowed, denied, hidden (NotFound: denied only when the object
/// exists, which check() makes sure of), or something else went wrong (a test bug).
struct Outcome
{
    enum Kind { Allowed, Denied, Hidden, Broken } kind = Broken;
    QString why;
};

template<typename T> Outcome outcomeOf(const Result<T> &r)
{
    if (r.ok())
        return {Outcome::Allowed, {}};
    switch (r.code()) {
    case Errc::PermissionDenied:
    case Errc::AuthenticationFailed:
        return {Outcome::Denied, r.error().message};
    case Errc::NotFound: // "There is no API token with id …": hidden, or really not there
        return {Outcome::Hidden, r.error().message};
    default:
        return {Outcome::Broken, r.error().message};
    }
}

} // namespace

class TestAuthz : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void matrixIsComplete();
    void console_data() { cells(FrontEnd::Console); }
    void console() { check(FrontEnd::Console); }
    void cli_data() { cells(FrontEnd::Cli); }
    void cli() { check(FrontEnd::Cli); }
    void http_data() { cells(FrontEnd::Http); }
    void http() { check(FrontEnd::Http); }
    void adminApi_data() { cells(FrontEnd::Admin); }
    void adminApi() { check(FrontEnd::Admin); }
    void serverLogsNoBearerToken();

private:
    void cells(FrontEnd fe);
    void check(FrontEnd fe);
    Outcome runConsole(Op op, Caller &c);
    Outcome runCli(Op op);
    Outcome runHttp(Op op, Caller &c);
    Outcome runAdminApi(Op op, Caller &c);

    Domain &svc() { return *m_f.domain; }
    Caller &caller(QChar key);
    QString unique(const char *what) { return QStringLiteral("%1-%2").arg(what).arg(++m_counter); }
    qint64 newToken(const QString &username, const QStringList &scopes = {Scope::Collection});
    qint64 revokedToken(const QString &username);
    /// The name of a token (unique: it alone matches a filter by it).
    QString tokenName(qint64 id);
    /// Olga's live sessions, as a filter, and how many it lists.
    static SessionQuery olgasSessions();
    qint64 liveSessions(const SessionQuery &q);
    qint64 newUser(const QString &userType = BuiltinUserType::Standard);
    qint64 newUserType(const QStringList &permissions);
    std::pair<qint64, QByteArray> newSession(const QString &username, const QByteArray &code);
    QByteArray storeDigest();
    /// The object an operation acts on, made for it or named by it (table, id): a NotFound
    /// answer counts as "denied" only when all of these exist.
    void target(const char *table, qint64 id) { m_targets.append({QLatin1String(table), id}); }
    bool targetsExist(QString *why);
    /// A failed set-up or store read: the cell fails with it.
    void setupFailed(const QString &why)
    {
        if (m_setupError.isEmpty())
            m_setupError = why;
    }
    QString cell(const QString &sql, const QVariantList &binds = {});
    using CliRun = AdminRun;
    CliRun admin(const QStringList &args, const QByteArray &input = {});

    Fixture m_f;
    QList<Caller> m_callers;
    qint64 m_olgaId = 0;
    QByteArray m_olgaCode = "Olga-Code#5150";
    QByteArray m_olgaToken; ///< a live API token of the "other" user, to introspect
    int m_counter = 0;
    QByteArray m_before; ///< store digest just before the operation under test
    QList<std::pair<QString, qint64>> m_targets;
    QString m_setupError;
    ServerProcess m_server;
    QTemporaryDir m_keyDir;
    QNetworkAccessManager m_nam;
};

Caller &TestAuthz::caller(QChar key)
{
    for (Caller &c : m_callers)
        if (c.key == key)
            return c;
    qFatal("no caller %c", key.toLatin1());
}

void TestAuthz::initTestCase()
{
    PasswordHasher::setCostForTesting(1, 8 * 1024); // the store's hashes; programs verify them
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    auto add = [&](const char *name, const QString &type, const char *password) {
        NewUser n;
        n.username = QString::fromLatin1(name);
        n.email = n.username + QStringLiteral("@example.org");
        n.department = QStringLiteral("Administration");
        n.userType = type;
        n.password = secret(password);
        auto u = svc().accounts.createUser(m_f.cli, n);
        if (!u)
            qFatal("createUser: %s", qPrintable(u.error().message));
        return u->id;
    };
    m_callers = {makeCaller('A', QStringLiteral("admin"), AdminPassword, "Admin-Code#1001"),
                 makeCaller('S', QStringLiteral("sam"), "Sam-Support#2002", "Sam-Code#2002"),
                 makeCaller('T', QStringLiteral("stan"), "Stan-Standard#3003", "Stan-Code#3003"),
                 makeCaller('X', QStringLiteral("dora"), "Dora-Disabled#4004", "Dora-Code#4004"),
                 makeCaller('M', QStringLiteral("mia"), "Mia-Manager#4114", "Mia-Code#4114"),
                 makeCaller('U', QStringLiteral("ghost"), "Ghost-Pass#5005", "Ghost-Code#5005")};
    add("sam", BuiltinUserType::Support, "Sam-Support#2002");
    add("stan", BuiltinUserType::Standard, "Stan-Standard#3003");
    add("dora", BuiltinUserType::Administrator, "Dora-Disabled#4004");
    {
        const QStringList managerPermissions =
            BuiltinUserType::permissionsOf(BuiltinUserType::Standard) +
            QStringList{Permission::UsersView, Permission::UsersManage};
        auto t = svc().accounts.createUserType(m_f.cli, QStringLiteral("User manager"),
                                               QStringLiteral("manages users"), managerPermissions);
        QVERIFY2(t.ok(), why(t).constData());
    }
    add("mia", QStringLiteral("User manager"), "Mia-Manager#4114");
    m_olgaId = add("olga", BuiltinUserType::Standard, "Olga-Pass#6006");
    QVERIFY(svc().accounts.setAccessCode(m_f.cli, m_olgaId, sec(m_olgaCode), 90).ok());
    {
        auto t = svc().tokens.create(m_f.cli, {QStringLiteral("olga's"),
                                               {},
                                               {Scope::Collection},
                                               QStringLiteral("olga"),
                                               {},
                                               {},
                                               Clock::now().addDays(30),
                                               false});
        QVERIFY2(t.ok(), why(t).constData());
        noteSecret(t->secret);
        m_olgaToken = t->secret.bytes();
    }
    for (Caller &c : m_callers) {
        if (c.key == QLatin1Char('U')) {
            c.actor.kind = Actor::Kind::User; // no account behind it, every permission claimed
            c.actor.username = c.username;
            c.actor.label = c.username;
            c.actor.address = QStringLiteral("local");
            for (const QString &p : allGrantableNames())
                c.actor.permissions.insert(p);
            noteSecret(c.password);
            noteSecret(c.accessCode);
            continue;
        }
        auto actor = svc().accounts.signIn(c.username, sec(c.password));
        QVERIFY2(actor.ok(), why(actor).constData());
        c.actor = actor.value();
        c.userId = c.actor.userId;
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, c.userId, sec(c.accessCode), 90).ok());
        QStringList scopes = c.key == QLatin1Char('T') || c.key == QLatin1Char('M')
                                 ? QStringList{Scope::Collection}
                                 : QStringList{Scope::Collection, Scope::Introspect};
        if (c.key == QLatin1Char('A') || c.key == QLatin1Char('X'))
            scopes << Scope::LeakReport;
        auto t = svc().tokens.create(m_f.cli, {QStringLiteral("bearer"),
                                               {},
                                               scopes,
                                               c.username,
                                               {},
                                               {},
                                               Clock::now().addDays(30),
                                               false});
        QVERIFY2(t.ok(), why(t).constData());
        noteSecret(t->secret);
        c.apiToken = t->secret.bytes();
        c.ownTokenId = t->id;
        auto console =
            svc().accounts.consoleSignIn(c.username, sec(c.password), QStringLiteral("127.0.0.1"));
        QVERIFY2(console.ok(), why(console).constData());
        noteSecret(console->token.secret);
        c.consoleCredential = console->token.secret.bytes();
        const auto [sessionId, sessionToken] = newSession(c.username, c.accessCode);
        QVERIFY(sessionId > 0);
        c.ownSessionId = sessionId;
        c.sessionToken = sessionToken;
    }
    // X: disabled after it signed in and got its token and session (both revoked now).
    auto disabled = svc().accounts.disableUser(m_f.cli, caller('X').userId);
    QVERIFY2(disabled.ok(), why(disabled).constData());
    QCOMPARE(disabled->tokensRevoked, 1);
    QCOMPARE(disabled->sessionsRevoked, 1);

    QString why;
    // No throttling in the way of the few denied bearer checks.
    // Webhooks: the console's calls with a key of the test's, the server with a key file.
    QByteArray key(32, '\0');
    for (char &b : key)
        b = char(QRandomGenerator::global()->bounded(256));
    WebhookService::setKey(key);
    QVERIFY(m_keyDir.isValid());
    QVERIFY2(m_server.start(m_f.db->spec(),
                            {QStringLiteral("--max-auth-failures"), QStringLiteral("0"),
                             QStringLiteral("--webhook-key-file"),
                             m_keyDir.filePath(QStringLiteral("webhook.key"))},
                            &why),
             qPrintable(why));
    recordAnswers(true); // openapi.check validates them
}

void TestAuthz::cleanupTestCase()
{
    m_server.stop();
}

void TestAuthz::matrixIsComplete()
{
    // Every operation has exactly one row, and every cell is y, n or -.
    QSet<int> ops;
    for (const Case &c : Matrix) {
        QVERIFY2(!ops.contains(int(c.op)), c.name);
        ops.insert(int(c.op));
        for (const char *cells : {c.console, c.cli, c.http, c.admin}) {
            QCOMPARE(qstrlen(cells), qstrlen(Callers));
            for (const char *p = cells; *p; ++p)
                QVERIFY2(*p == 'y' || *p == 'n' || *p == '-', c.name);
        }
        // The CLI has no sign-in (only C), the others no CLI caller.
        QVERIFY2(QByteArray(c.cli).left(6) == "------", c.name);
        QCOMPARE(c.console[6], '-');
        QCOMPARE(c.http[6], '-');
        QCOMPARE(c.admin[6], '-');
    }
    QCOMPARE(ops.size(), int(Op::Healthz) + 1);
}

void TestAuthz::cells(FrontEnd fe)
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QChar>("caller");
    QTest::addColumn<bool>("allowed");
    for (const Case &c : Matrix) {
        const char *cells = fe == FrontEnd::Console ? c.console
                            : fe == FrontEnd::Cli   ? c.cli
                            : fe == FrontEnd::Http  ? c.http
                                                    : c.admin;
        for (int i = 0; Callers[i]; ++i)
            if (cells[i] != '-')
                QTest::addRow("%s / %c", c.name, Callers[i])
                    << int(c.op) << QChar::fromLatin1(Callers[i]) << (cells[i] == 'y');
    }
}

void TestAuthz::check(FrontEnd fe)
{
    QFETCH(int, op);
    QFETCH(QChar, caller);
    QFETCH(bool, allowed);
    m_targets.clear();
    m_setupError.clear();
    m_before = storeDigest(); // the set-up helpers update it: they run before the operation
    QVERIFY2(m_setupError.isEmpty(), qPrintable(m_setupError));
    Outcome o;
    if (fe == FrontEnd::Console)
        o = runConsole(Op(op), this->caller(caller));
    else if (fe == FrontEnd::Cli)
        o = runCli(Op(op));
    else if (fe == FrontEnd::Http)
        o = runHttp(Op(op), this->caller(caller));
    else
        o = runAdminApi(Op(op), this->caller(caller));
    QVERIFY2(m_setupError.isEmpty(), qPrintable(QStringLiteral("set-up: ") + m_setupError));
    QVERIFY2(o.kind != Outcome::Broken, qPrintable(QStringLiteral("unexpected: ") + o.why));
    if (o.kind == Outcome::Hidden) {
        QString why;
        QVERIFY2(targetsExist(&why),
                 qPrintable(QStringLiteral("NotFound (%1), and %2").arg(o.why, why)));
        o.kind = Outcome::Denied;
    }
    if (allowed) {
        QVERIFY2(o.kind == Outcome::Allowed, qPrintable(QStringLiteral("denied: ") + o.why));
    } else {
        QVERIFY2(o.kind == Outcome::Denied, "allowed, but the matrix says denied");
        QVERIFY2(!o.why.isEmpty(), "denied without saying why");
        const QByteArray after = storeDigest();
        QVERIFY2(m_setupError.isEmpty(), qPrintable(m_setupError));
        QVERIFY2(after == m_before, "a denied operation changed the store");
    }
}

// ---- set-up helpers (as the CLI actor); a failure fails the cell ----

qint64 TestAuthz::newToken(const QString &username, const QStringList &scopes)
{
    auto t = svc().tokens.create(
        m_f.cli, {unique("tok"), {}, scopes, username, {}, {}, Clock::now().addDays(30), false});
    if (!t) {
        setupFailed(QStringLiteral("newToken: ") + t.error().message);
        return 0;
    }
    noteSecret(t->secret);
    target("api_tokens", t->id);
    m_before = storeDigest();
    return t->id;
}

QString TestAuthz::tokenName(qint64 id)
{
    auto t = svc().tokens.token(m_f.cli, id);
    if (!t)
        setupFailed(QStringLiteral("tokenName: ") + t.error().message);
    return t ? t->name : QString();
}

SessionQuery TestAuthz::olgasSessions()
{
    SessionQuery q;
    q.text = QStringLiteral("olga");
    return q;
}

qint64 TestAuthz::liveSessions(const SessionQuery &q)
{
    auto n = svc().sessions.count(m_f.cli, q);
    if (!n)
        setupFailed(QStringLiteral("liveSessions: ") + n.error().message);
    return n ? n.value() : 0;
}

qint64 TestAuthz::revokedToken(const QString &username)
{
    const qint64 id = newToken(username);
    auto r = svc().tokens.revoke(m_f.cli, {id});
    if (!r)
        setupFailed(QStringLiteral("revokedToken: ") + r.error().message);
    m_before = storeDigest();
    return id;
}

qint64 TestAuthz::newUserType(const QStringList &permissions)
{
    auto t = svc().accounts.createUserType(m_f.cli, unique("Type"), QString(), permissions);
    if (!t) {
        setupFailed(QStringLiteral("newUserType: ") + t.error().message);
        return 0;
    }
    target("user_types", t->id);
    m_before = storeDigest();
    return t->id;
}

qint64 TestAuthz::newUser(const QString &userType)
{
    NewUser n;
    n.username = unique("user");
    n.email = n.username + QStringLiteral("@example.org");
    n.department = QStringLiteral("Administration");
    n.userType = userType;
    n.password = secret("Fresh-User#7007");
    auto u = svc().accounts.createUser(m_f.cli, n);
    if (!u) {
        setupFailed(QStringLiteral("newUser: ") + u.error().message);
        return 0;
    }
    target("users", u->id);
    m_before = storeDigest();
    return u->id;
}

std::pair<qint64, QByteArray> TestAuthz::newSession(const QString &username, const QByteArray &code)
{
    auto s = svc().sessions.create(username, sec(code), QStringLiteral("Pixel"),
                                   QStringLiteral("android"), QStringLiteral("1.0"),
                                   QStringLiteral("10.9.9.9"));
    if (!s) {
        setupFailed(QStringLiteral("newSession: ") + s.error().message);
        return {0, {}};
    }
    noteSecret(s->secret);
    target("mobile_sessions", s->id);
    m_before = storeDigest();
    return {s->id, s->secret.bytes()};
}

bool TestAuthz::targetsExist(QString *why)
{
    if (m_targets.isEmpty()) {
        *why = QStringLiteral("the operation names no object that exists");
        return false;
    }
    for (const auto &[table, id] : std::as_const(m_targets)) {
        if (cell(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE id = ?").arg(table), {id}) !=
            QLatin1String("1")) {
            *why = QStringLiteral("%1 %2 does not exist").arg(table).arg(id);
            return false;
        }
    }
    return true;
}

QString TestAuthz::cell(const QString &sql, const QVariantList &binds)
{
    auto r = m_f.store->read([&] {
        QSqlQuery q = m_f.store->run(sql, binds);
        return q.next() ? (q.value(0).isNull() ? QStringLiteral("NULL") : q.value(0).toString())
                        : QStringLiteral("(no row)");
    });
    if (!r) {
        setupFailed(QStringLiteral("reading \"%1\": %2").arg(sql, r.error().message));
        return {};
    }
    return r.value();
}

QByteArray TestAuthz::storeDigest()
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    auto r = m_f.store->read([&] {
        for (const char *table : {"settings", "departments", "user_types", "user_type_permissions",
                                  "users", "api_tokens", "api_token_scopes", "mobile_sessions"}) {
            QSqlQuery q = m_f.store->run(
                QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)));
            const QSqlRecord rec = q.record();
            if (!q.isActive() || rec.isEmpty())
                return QStringLiteral("cannot read %1").arg(QLatin1String(table));
            while (q.next())
                for (int i = 0; i < rec.count(); ++i) {
                    const QString col = rec.fieldName(i);
                    // Verification writes the last use (at most once a minute): not a change.
                    if (col.startsWith(QLatin1String("last_")))
                        continue;
                    h.addData(col.toUtf8() + '=' + q.value(i).toString().toUtf8() + ';');
                }
        }
        return QString();
    });
    if (!r || !r->isEmpty()) {
        setupFailed(QStringLiteral("store digest: ") + (r ? r.value() : r.error().message));
        return {};
    }
    return h.result();
}

// ---- console: domain calls through Service with the caller's actor ----

Outcome TestAuthz::runConsole(Op op, Caller &c)
{
    const Actor &a = c.actor;
    const bool self = c.key != QLatin1Char('U');
    // "own" objects of a caller without an account are someone else's
    const QString ownName = self ? c.username : QStringLiteral("olga");
    auto ownToken = [&] {
        return c.key == QLatin1Char('X') ? c.ownTokenId : newToken(ownName);
    };
    auto newApi = [&](const QString &user) {
        return NewApiToken{
            unique("tok"), {}, {Scope::Collection}, user, {}, {}, Clock::now().addDays(30), false};
    };
    switch (op) {
    case Op::ConsoleSignIn: // U: an existing user, without her password
        return outcomeOf(
            svc().accounts.signIn(self ? c.username : QStringLiteral("olga"), sec(c.password)));
    case Op::TokenCreateOwn: {
        auto r = svc().tokens.create(a, newApi(c.username));
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::TokenCreateOther: {
        auto r = svc().tokens.create(a, newApi(QStringLiteral("olga")));
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::TokenEditScopeOwn:
        return outcomeOf(
            svc().tokens.editScopes(a, ownToken(), {Scope::Collection, Scope::Policy}));
    case Op::TokenEditScopeOther:
        return outcomeOf(svc().tokens.editScopes(a, newToken(QStringLiteral("olga")),
                                                 {Scope::Collection, Scope::Policy}));
    case Op::TokenRotateOwn:
    case Op::TokenRotateOther: {
        auto r = svc().tokens.rotate(
            a, op == Op::TokenRotateOwn ? ownToken() : newToken(QStringLiteral("olga")), 3600);
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::TokenRevokeOwn:
        return outcomeOf(svc().tokens.revoke(a, {ownToken()}));
    case Op::TokenRevokeOther:
        return outcomeOf(svc().tokens.revoke(a, {newToken(QStringLiteral("olga"))}));
    case Op::TokenRevokeMatching: {
        TokenQuery q;
        q.text = tokenName(newToken(QStringLiteral("olga")));
        return outcomeOf(svc().tokens.revokeMatching(a, q, {}, 1));
    }
    case Op::TokenCountByOwner: {
        TokenQuery q;
        q.unusedDays = TokenQuery::NeverUsed;
        return outcomeOf(svc().tokens.countByOwner(a, q));
    }
    case Op::TokenDelete:
        return outcomeOf(svc().tokens.remove(a, {revokedToken(QStringLiteral("olga"))}));
    case Op::TokenDeleteMatching: {
        TokenQuery q;
        q.text = tokenName(revokedToken(QStringLiteral("olga")));
        return outcomeOf(svc().tokens.removeMatching(a, q, {}, 1));
    }
    case Op::TokenInspectOther:
        return outcomeOf(svc().tokens.token(a, newToken(QStringLiteral("olga"))));
    case Op::TokenListOthers: {
        const qint64 id = newToken(QStringLiteral("olga"));
        TokenQuery q;
        q.limit = 0;
        auto r = svc().tokens.list(a, q);
        if (!r)
            return outcomeOf(r);
        for (const ApiToken &t : r.value())
            if (t.id == id)
                return {Outcome::Allowed, {}};
        return {Outcome::Denied, QStringLiteral("the list hides other users' tokens")};
    }
    case Op::TokenResetOwn: { // U: olga's token with her right access code, but no account
        target("users", self ? c.userId : m_olgaId);
        auto r = svc().tokens.resetPersonalToken(a, self ? c.userId : m_olgaId,
                                                 sec(self ? c.accessCode : m_olgaCode));
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::TokenResetOther: {
        auto r = svc().tokens.resetPersonalToken(a, m_olgaId, sec(m_olgaCode));
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::AccessCodeOwn:
        return outcomeOf(
            svc().accounts.changeOwnAccessCode(a, sec(c.password), sec(c.accessCode), 90));
    case Op::AccessCodeOwnUnverified:
        return outcomeOf(
            svc().accounts.setAccessCode(a, self ? c.userId : m_olgaId, sec(c.accessCode), 90));
    case Op::AccessCodeOther:
        return outcomeOf(svc().accounts.setAccessCode(a, m_olgaId, sec(m_olgaCode), 90));
    case Op::PasswordOwn:
        return outcomeOf(svc().accounts.changeOwnPassword(a, sec(c.password), sec(c.password)));
    case Op::PasswordOwnUnverified:
        return outcomeOf(
            svc().accounts.setPassword(a, self ? c.userId : m_olgaId, sec(c.password)));
    case Op::UserCreate: {
        NewUser n;
        n.username = unique("created");
        n.email = n.username + QStringLiteral("@example.org");
        n.department = QStringLiteral("Administration");
        n.userType = BuiltinUserType::Standard;
        n.password = secret("Created-User#8008");
        return outcomeOf(svc().accounts.createUser(a, n));
    }
    case Op::UserCreateAdmin: {
        NewUser n;
        n.username = unique("created");
        n.email = n.username + QStringLiteral("@example.org");
        n.department = QStringLiteral("Administration");
        n.userType = BuiltinUserType::Administrator;
        n.password = secret("Created-User#8008");
        return outcomeOf(svc().accounts.createUser(a, n));
    }
    case Op::UserEdit: {
        UserChanges ch;
        ch.displayName = unique("Olga");
        return outcomeOf(svc().accounts.updateUser(a, m_olgaId, ch));
    }
    case Op::UserPromote: {
        UserChanges ch;
        ch.userType = BuiltinUserType::Administrator;
        return outcomeOf(svc().accounts.updateUser(a, newUser(), ch));
    }
    case Op::UserChangeOwnType: {
        UserChanges ch;
        ch.userType =
            c.key == QLatin1Char('S') ? BuiltinUserType::Standard : BuiltinUserType::Support;
        return outcomeOf(svc().accounts.updateUser(a, self ? c.userId : m_olgaId, ch));
    }
    case Op::UserSetPassword:
        return outcomeOf(svc().accounts.setPassword(a, m_olgaId, secret("Olga-Pass#6006")));
    case Op::UserSetAdminPassword:
        return outcomeOf(svc().accounts.setPassword(a, newUser(BuiltinUserType::Administrator),
                                                    secret("Fresh-Admin#7117")));
    case Op::UserDisable:
        return outcomeOf(svc().accounts.disableUser(a, newUser()));
    case Op::UserDisableAdmin:
        return outcomeOf(svc().accounts.disableUser(a, newUser(BuiltinUserType::Administrator)));
    case Op::UserListOthers: {
        auto r = svc().accounts.users(a);
        if (!r)
            return outcomeOf(r);
        for (const User &u : r.value())
            if (u.id == m_olgaId)
                return {Outcome::Allowed, {}};
        return {Outcome::Denied, QStringLiteral("the list hides other users")};
    }
    case Op::DepartmentCreate:
        return outcomeOf(svc().accounts.createDepartment(a, unique("Department")));
    case Op::DepartmentList:
        return outcomeOf(svc().accounts.departments(a));
    case Op::UserTypeCreate:
        return outcomeOf(svc().accounts.createUserType(
            a, unique("Type"), QStringLiteral("made by a test"), {Scope::Collection}));
    case Op::UserTypeCreateAbove:
        return outcomeOf(svc().accounts.createUserType(a, unique("Type"),
                                                       QStringLiteral("made by a test"),
                                                       {Scope::Collection, Permission::AuditView}));
    case Op::UserTypeEditAbove:
        return outcomeOf(svc().accounts.setUserTypePermissions(
            a, newUserType({Scope::Collection}), {Scope::Collection, Permission::AuditView}));
    case Op::UserTypeEditOwn: {
        const qint64 own = self ? c.actor.userTypeId : newUserType({Scope::Collection});
        const QStringList perms =
            own ? QStringList(c.actor.permissions.values()) : QStringList{Scope::Collection};
        return outcomeOf(svc().accounts.setUserTypePermissions(a, own, perms));
    }
    case Op::UserTypeList:
        return outcomeOf(svc().accounts.userTypes(a));
    case Op::AuditView:
        return outcomeOf(svc().audit.entries(a, {}));
    case Op::OverviewFailedSignIns: {
        auto o = svc().overview.read(a, 0);
        if (o && !o->failedSignInsShown)
            return {Outcome::Denied, QStringLiteral("the overview leaves them out")};
        return outcomeOf(o);
    }
    case Op::SettingsUpdate: {
        auto s = svc().accounts.settings();
        if (!s)
            return outcomeOf(s);
        StoreSettings changed = s.value();
        changed.expiringSoonDays = changed.expiringSoonDays == 7 ? 8 : 7;
        return outcomeOf(svc().accounts.updateSettings(a, changed));
    }
    case Op::WebhookList:
        return outcomeOf(svc().webhooks.list(a));
    case Op::WebhookCreate: {
        NewWebhook w;
        w.url = QStringLiteral("https://hooks.example.org/tokendesk");
        w.events = {QStringLiteral("token.revoked")};
        auto r = svc().webhooks.create(a, w);
        if (r)
            noteSecret(r->secret);
        return outcomeOf(r);
    }
    case Op::SessionListOthers: {
        const qint64 id = newSession(QStringLiteral("olga"), m_olgaCode).first;
        SessionQuery q;
        q.limit = 0;
        auto r = svc().sessions.list(a, q);
        if (!r)
            return outcomeOf(r);
        for (const MobileSession &s : r.value())
            if (s.id == id)
                return {Outcome::Allowed, {}};
        return {Outcome::Denied, QStringLiteral("the list hides other users' sessions")};
    }
    case Op::SessionRevokeOwn: {
        const qint64 id = c.key == QLatin1Char('X')
                              ? c.ownSessionId
                              : newSession(self ? c.username : QStringLiteral("olga"),
                                           self ? c.accessCode : m_olgaCode)
                                    .first;
        return outcomeOf(svc().sessions.revoke(a, {id}));
    }
    case Op::SessionRevokeOther:
        return outcomeOf(
            svc().sessions.revoke(a, {newSession(QStringLiteral("olga"), m_olgaCode).first}));
    case Op::SessionRevokeMatching: {
        newSession(QStringLiteral("olga"), m_olgaCode);
        const SessionQuery q = olgasSessions();
        return outcomeOf(svc().sessions.revokeMatching(a, q, {}, liveSessions(q)));
    }
    default:
        return {Outcome::Broken, QStringLiteral("no console operation")};
    }
}

// ---- CLI: tokendesk-admin with the store's rights ----

TestAuthz::CliRun TestAuthz::admin(const QStringList &args, const QByteArray &input)
{
    return runAdmin(QStringList{QStringLiteral("--database"), m_f.db->spec()} + args, input);
}

Outcome TestAuthz::runCli(Op op)
{
    const QString bin = qEnvironmentVariable("TD_ADMIN_BIN");
    if (bin.isEmpty())
        return {Outcome::Broken, QStringLiteral("TD_ADMIN_BIN is not set: run through ctest")};
    auto id = [](qint64 v) {
        return QString::number(v);
    };
    auto json = [](const CliRun &r) {
        return QJsonDocument::fromJson(r.out).array();
    };
    auto lists = [&](const CliRun &r, const QString &field, const QJsonValue &value) {
        for (const QJsonValue &row : json(r))
            if (row.toObject().value(field) == value)
                return true;
        return false;
    };
    QStringList args;
    QByteArray input;
    std::function<bool(const CliRun &)> shows; // a list: must show the object
    // A command that changes the store: a query whose answer must be `expect` afterwards (or,
    // when expect is empty, differ from its answer before).
    QString effect;
    QVariantList binds;
    QString expect;
    auto countIs = [&](const QString &sql, const QVariantList &values, const char *n) {
        effect = QStringLiteral("SELECT COUNT(*) FROM ") + sql;
        binds = values;
        expect = QLatin1String(n);
    };
    auto changes = [&](const QString &sql, const QVariantList &values) {
        effect = sql;
        binds = values;
        expect.clear();
    };
    const QString passwordOf = QStringLiteral("SELECT password_hash FROM users WHERE id = ?");
    const QString disabled = QStringLiteral("users WHERE id = ? AND disabled_at IS NOT NULL");
    switch (op) {
    case Op::TokenCreateOther: {
        const QString name = unique("cli");
        args = {QStringLiteral("token"),     QStringLiteral("create"),
                QStringLiteral("--name"),    name,
                QStringLiteral("--user"),    QStringLiteral("olga"),
                QStringLiteral("--scope"),   QStringLiteral("collection"),
                QStringLiteral("--expires"), QStringLiteral("+30d")};
        countIs(QStringLiteral("api_tokens WHERE name = ? AND user_id = ? AND revoked_at IS NULL"),
                {name, m_olgaId}, "1");
        break;
    }
    case Op::TokenEditScopeOther: {
        const qint64 t = newToken(QStringLiteral("olga"));
        args = {QStringLiteral("token"), QStringLiteral("edit-scope"), id(t),
                QStringLiteral("--scope"), QStringLiteral("collection,policy")};
        countIs(QStringLiteral("api_token_scopes WHERE token_id = ? AND scope = 'policy'"), {t},
                "1");
        break;
    }
    case Op::TokenRotateOther: {
        const qint64 t = newToken(QStringLiteral("olga"));
        args = {QStringLiteral("token"), QStringLiteral("rotate"), id(t),
                QStringLiteral("--overlap"), QStringLiteral("none")};
        countIs(QStringLiteral("api_tokens WHERE id = ? AND rotated_at IS NOT NULL AND "
                               "previous_until <= rotated_at AND revoked_at IS NULL"),
                {t}, "1");
        break;
    }
    case Op::TokenRevokeOther: {
        const qint64 t = newToken(QStringLiteral("olga"));
        args = {QStringLiteral("token"), QStringLiteral("revoke"), id(t)};
        countIs(QStringLiteral("api_tokens WHERE id = ? AND revoked_at IS NOT NULL"), {t}, "1");
        break;
    }
    case Op::TokenDelete: {
        const qint64 t = revokedToken(QStringLiteral("olga"));
        args = {QStringLiteral("token"), QStringLiteral("delete"), id(t)};
        countIs(QStringLiteral("api_tokens WHERE id = ?"), {t}, "0");
        break;
    }
    case Op::TokenListOthers: {
        const qint64 t = newToken(QStringLiteral("olga"));
        args = {QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&, t](const CliRun &r) {
            return lists(r, QStringLiteral("id"), t);
        };
        break;
    }
    case Op::TokenResetOther:
        args = {QStringLiteral("token"), QStringLiteral("reset"), QStringLiteral("olga"),
                QStringLiteral("--access-code-stdin")};
        input = m_olgaCode + '\n';
        changes(
            QStringLiteral("SELECT MAX(id) FROM api_tokens WHERE user_id = ? AND personal <> 0"),
            {m_olgaId});
        break;
    case Op::AccessCodeOther:
        args = {QStringLiteral("access-code"), QStringLiteral("set"),
                QStringLiteral("olga"),        QStringLiteral("--age"),
                QStringLiteral("90"),          QStringLiteral("--access-code-stdin")};
        input = m_olgaCode + '\n';
        changes(QStringLiteral("SELECT access_code_hash FROM users WHERE id = ?"), {m_olgaId});
        break;
    case Op::UserCreate: {
        const QString name = unique("cliuser");
        args = {QStringLiteral("user"),
                QStringLiteral("add"),
                name,
                QStringLiteral("--email"),
                QStringLiteral("cli@example.org"),
                QStringLiteral("--department"),
                QStringLiteral("Administration"),
                QStringLiteral("--user-type"),
                QStringLiteral("Standard"),
                QStringLiteral("--password-stdin")};
        input = "Cli-User-Pass#9009\n";
        countIs(QStringLiteral("users WHERE username = ?"), {name}, "1");
        break;
    }
    case Op::UserCreateAdmin: {
        const QString name = unique("cliadmin");
        args = {QStringLiteral("user"),
                QStringLiteral("add"),
                name,
                QStringLiteral("--email"),
                QStringLiteral("cli@example.org"),
                QStringLiteral("--department"),
                QStringLiteral("Administration"),
                QStringLiteral("--user-type"),
                QStringLiteral("Administrator"),
                QStringLiteral("--password-stdin")};
        input = "Cli-Admin-Pass#9119\n";
        countIs(QStringLiteral("users u JOIN user_types t ON t.id = u.user_type_id WHERE "
                               "u.username = ? AND t.name = 'Administrator'"),
                {name}, "1");
        break;
    }
    case Op::UserSetPassword:
        args = {QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("olga"),
                QStringLiteral("--password-stdin")};
        input = "Olga-Pass#6006\n";
        changes(passwordOf, {m_olgaId});
        break;
    case Op::UserSetAdminPassword: {
        const qint64 u = newUser(BuiltinUserType::Administrator);
        auto user = svc().accounts.user(m_f.cli, u);
        if (!user)
            return {Outcome::Broken, user.error().message};
        args = {QStringLiteral("user"), QStringLiteral("passwd"), user->username,
                QStringLiteral("--password-stdin")};
        input = "Fresh-Admin#7117\n";
        changes(passwordOf, {u});
        break;
    }
    case Op::PasswordOwn: // self-service: olga's current password, then the new one
        args = {QStringLiteral("passwd"), QStringLiteral("olga")};
        input = "Olga-Pass#6006\nOlga-Pass#6006\n";
        changes(passwordOf, {m_olgaId});
        break;
    case Op::UserDisableAdmin:
    case Op::UserDisable: {
        const qint64 u = newUser(op == Op::UserDisableAdmin ? BuiltinUserType::Administrator
                                                            : BuiltinUserType::Standard);
        auto user = svc().accounts.user(m_f.cli, u);
        if (!user)
            return {Outcome::Broken, user.error().message};
        args = {QStringLiteral("user"), QStringLiteral("disable"), user->username};
        countIs(disabled, {u}, "1");
        break;
    }
    case Op::UserListOthers:
        args = {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&](const CliRun &r) {
            return lists(r, QStringLiteral("username"), QStringLiteral("olga"));
        };
        break;
    case Op::DepartmentCreate: {
        const QString name = unique("CliDept");
        args = {QStringLiteral("department"), QStringLiteral("add"), name};
        countIs(QStringLiteral("departments WHERE name = ?"), {name}, "1");
        break;
    }
    case Op::DepartmentList:
        args = {QStringLiteral("department"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&](const CliRun &r) {
            return lists(r, QStringLiteral("name"), QStringLiteral("Administration"));
        };
        break;
    case Op::UserTypeList:
        args = {QStringLiteral("user-type"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&](const CliRun &r) {
            return lists(r, QStringLiteral("name"), QStringLiteral("Support"));
        };
        break;
    case Op::AuditView:
        args = {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&](const CliRun &r) {
            return !json(r).isEmpty();
        };
        break;
    case Op::SessionListOthers: {
        const qint64 session = newSession(QStringLiteral("olga"), m_olgaCode).first;
        args = {QStringLiteral("session"), QStringLiteral("list"), QStringLiteral("--json")};
        shows = [&, session](const CliRun &r) {
            return lists(r, QStringLiteral("id"), session);
        };
        break;
    }
    case Op::SessionRevokeOther: {
        const qint64 session = newSession(QStringLiteral("olga"), m_olgaCode).first;
        args = {QStringLiteral("session"), QStringLiteral("revoke"), id(session)};
        countIs(QStringLiteral("mobile_sessions WHERE id = ? AND revoked_at IS NOT NULL"),
                {session}, "1");
        break;
    }
    case Op::Introspect:
        args = {QStringLiteral("token"), QStringLiteral("verify")};
        input = m_olgaToken + '\n';
        shows = [](const CliRun &r) {
            return r.out.startsWith("active:");
        };
        break;
    default:
        return {Outcome::Broken, QStringLiteral("no CLI operation")};
    }
    const QString before = effect.isEmpty() ? QString() : cell(effect, binds);
    const CliRun r = admin(args, input);
    if (r.exit == -3)
        return {Outcome::Broken, QStringLiteral("the CLI did not finish within %1 s (killed)")
                                     .arg(AdminTimeoutMs / 1000)};
    if (r.exit < 0)
        return {Outcome::Broken,
                QStringLiteral("the CLI did not start or crashed (%1)").arg(r.exit)};
    if (r.exit != 0)
        return {Outcome::Denied, QString::fromUtf8(r.err).trimmed()};
    if (shows && !shows(r))
        return {Outcome::Broken, QStringLiteral("succeeded but did not show the object")};
    if (!effect.isEmpty()) {
        const QString after = cell(effect, binds);
        if (expect.isEmpty() ? after == before : after != expect)
            return {Outcome::Broken,
                    QStringLiteral("exit 0, but the change did not happen: \"%1\" gives %2 "
                                   "(before: %3)")
                        .arg(effect, after, before)};
    }
    return {Outcome::Allowed, {}};
}

// ---- HTTP: tokendesk-server ----

Outcome TestAuthz::runHttp(Op op, Caller &c)
{
    const bool anonymous = c.key == QLatin1Char('U');
    const RawHeaders auth = anonymous ? RawHeaders{} : bearer(c.apiToken);
    HttpResult r;
    switch (op) {
    case Op::Healthz:
        r = td::test::http(m_nam, "GET", m_server.url(QStringLiteral("/healthz")), auth);
        break;
    case Op::Me:
        r = td::test::http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/me")), auth);
        break;
    case Op::Introspect:
        r = td::test::http(m_nam, "POST", m_server.url(QStringLiteral("/api/v1/introspect")),
                           auth + RawHeaders{{"Content-Type", "application/x-www-form-urlencoded"}},
                           "token=" + m_olgaToken);
        if (r.status == 200 && !r.json().value(QStringLiteral("active")).toBool())
            return {Outcome::Broken, QStringLiteral("introspection said inactive")};
        break;
    case Op::ReportLeak: { // a live token of olga's, found published
        auto leaked = svc().tokens.create(m_f.cli, {unique("leaked"),
                                                    {},
                                                    {Scope::Collection},
                                                    QStringLiteral("olga"),
                                                    {},
                                                    {},
                                                    Clock::now().addDays(30),
                                                    false});
        if (!leaked)
            return {Outcome::Broken, leaked.error().message};
        noteSecret(leaked->secret);
        target("api_tokens", leaked->id);
        m_before = storeDigest();
        const QJsonArray report{
            QJsonObject{{QStringLiteral("token"), QString::fromLatin1(leaked->secret.bytes())},
                        {QStringLiteral("url"), QStringLiteral("https://example.org/leak")},
                        {QStringLiteral("source"), QStringLiteral("commit")}}};
        r = td::test::http(m_nam, "POST", m_server.url(QStringLiteral("/api/v1/leaks")),
                           auth + RawHeaders{{"Content-Type", "application/json"}},
                           QJsonDocument(report).toJson(QJsonDocument::Compact));
        if (r.status == 200 &&
            svc().tokens.token(m_f.cli, leaked->id)->status != TokenStatus::Revoked)
            return {Outcome::Broken, QStringLiteral("answered 200, the token is not revoked")};
        break;
    }
    case Op::MobileSignIn: { // U: an existing user, without her access code
        QJsonObject body{
            {QStringLiteral("username"), anonymous ? QStringLiteral("olga") : c.username},
            {QStringLiteral("access_code"), QString::fromUtf8(c.accessCode)},
            {QStringLiteral("device_name"), QStringLiteral("Authz phone")},
            {QStringLiteral("platform"), QStringLiteral("ios")},
            {QStringLiteral("app_version"), QStringLiteral("2.0")}};
        r = td::test::http(m_nam, "POST", m_server.url(QStringLiteral("/api/v1/mobile/sessions")),
                           {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson());
        break;
    }
    case Op::SessionRevokeOwn: { // DELETE …/current: sign-out with one's own session token
        QByteArray token = c.sessionToken; // X: revoked when it was disabled
        if (!anonymous && c.key != QLatin1Char('X'))
            token = newSession(c.username, c.accessCode).second;
        r = td::test::http(m_nam, "DELETE",
                           m_server.url(QStringLiteral("/api/v1/mobile/sessions/current")),
                           anonymous ? RawHeaders{} : bearer(token));
        break;
    }
    default:
        return {Outcome::Broken, QStringLiteral("no HTTP operation")};
    }
    if (r.status >= 200 && r.status < 300)
        return {Outcome::Allowed, {}};
    // 400 invalid_grant: a mobile sign-in with an unknown user or a wrong access code (OAuth 2).
    const bool badGrant =
        r.status == 400 && op == Op::MobileSignIn &&
        r.json().value(QStringLiteral("error")).toString() == QLatin1String("invalid_grant");
    if (r.status == 401 || r.status == 403 || badGrant)
        return {Outcome::Denied,
                QStringLiteral("HTTP %1 %2").arg(r.status).arg(QString::fromUtf8(r.body))};
    return {Outcome::Broken,
            QStringLiteral("HTTP %1 %2").arg(r.status).arg(QString::fromUtf8(r.body))};
}

// ---- the admin API: tokendesk-server with a console credential ----

Outcome TestAuthz::runAdminApi(Op op, Caller &c)
{
    const bool self = c.key != QLatin1Char('U');
    const QString ownName = self ? c.username : QStringLiteral("olga");
    const qint64 ownId = self ? c.userId : m_olgaId;
    auto call = [&](const QByteArray &verb, const QString &path, const QJsonObject &body = {},
                    bool withBody = false) {
        RawHeaders headers = c.consoleCredential.isEmpty() || c.key == QLatin1Char('U')
                                 ? RawHeaders{}
                                 : bearer(c.consoleCredential);
        QByteArray bytes;
        if (withBody || !body.isEmpty()) {
            headers << std::pair<QByteArray, QByteArray>("Content-Type", "application/json");
            bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        return td::test::http(m_nam, verb, m_server.url(path), headers, bytes);
    };
    auto newApi = [&](const QString &user) {
        return QJsonObject{{QStringLiteral("name"), unique("tok")},
                           {QStringLiteral("scopes"), QJsonArray{Scope::Collection}},
                           {QStringLiteral("username"), user},
                           {QStringLiteral("expiresAt"), Clock::iso(Clock::now().addDays(30))}};
    };
    auto ownToken = [&] {
        return c.key == QLatin1Char('X') ? c.ownTokenId : newToken(ownName);
    };
    auto listed = [&](const HttpResult &r, qint64 id) {
        for (const QJsonValue &row : r.json().value(QStringLiteral("rows")).toArray())
            if (row.toObject().value(QStringLiteral("id")).toInteger() == id)
                return true;
        return false;
    };
    const QString tokens = QStringLiteral("/api/v1/tokens/");
    const QString users = QStringLiteral("/api/v1/users/");
    const QJsonArray twoScopes{Scope::Collection, Scope::Policy};
    HttpResult r;
    std::optional<bool> shown; // lists: did the answer show the other user's object?
    switch (op) {
    case Op::ConsoleSignIn: {
        r = call("POST", QStringLiteral("/api/v1/console/sign-in"),
                 {{QStringLiteral("username"), c.username},
                  {QStringLiteral("password"), QString::fromUtf8(c.password)}});
        if (r.status == 201)
            noteSecret(r.json().value(QStringLiteral("credential")).toString().toLatin1());
        break;
    }
    case Op::TokenCreateOwn:
    case Op::TokenCreateOther:
        r = call("POST", QStringLiteral("/api/v1/tokens"),
                 newApi(op == Op::TokenCreateOwn ? c.username : QStringLiteral("olga")));
        if (r.status == 201)
            noteSecret(r.json().value(QStringLiteral("secret")).toString().toLatin1());
        break;
    case Op::TokenEditScopeOwn:
        r = call("PUT", tokens + QString::number(ownToken()) + QStringLiteral("/scopes"),
                 {{QStringLiteral("scopes"), twoScopes}});
        break;
    case Op::TokenEditScopeOther:
        r = call("PUT",
                 tokens + QString::number(newToken(QStringLiteral("olga"))) +
                     QStringLiteral("/scopes"),
                 {{QStringLiteral("scopes"), twoScopes}});
        break;
    case Op::TokenRotateOwn:
    case Op::TokenRotateOther:
        r = call("POST",
                 tokens +
                     QString::number(op == Op::TokenRotateOwn ? ownToken()
                                                              : newToken(QStringLiteral("olga"))) +
                     QStringLiteral("/rotate"),
                 {{QStringLiteral("overlapSeconds"), 3600}});
        if (r.status == 200)
            noteSecret(r.json().value(QStringLiteral("secret")).toString().toLatin1());
        break;
    case Op::TokenRevokeOwn:
        r = call("POST", tokens + QString::number(ownToken()) + QStringLiteral("/revoke"));
        break;
    case Op::TokenRevokeOther:
        r = call("POST", QStringLiteral("/api/v1/tokens/revoke"),
                 {{QStringLiteral("ids"), QJsonArray{newToken(QStringLiteral("olga"))}}});
        break;
    case Op::TokenDeleteMatching:
        r = call("POST", QStringLiteral("/api/v1/tokens/delete-matching"),
                 {{QStringLiteral("text"), tokenName(revokedToken(QStringLiteral("olga")))},
                  {QStringLiteral("confirmed"), 1}});
        break;
    case Op::TokenRevokeMatching:
        r = call("POST", QStringLiteral("/api/v1/tokens/revoke-matching"),
                 {{QStringLiteral("text"), tokenName(newToken(QStringLiteral("olga")))},
                  {QStringLiteral("confirmed"), 1}});
        break;
    case Op::TokenCountByOwner:
        r = call("GET", QStringLiteral("/api/v1/tokens/owner-counts?neverUsed=true"));
        break;
    case Op::TokenDelete:
        r = call("DELETE", tokens + QString::number(revokedToken(QStringLiteral("olga"))));
        break;
    case Op::TokenInspectOther:
        r = call("GET", tokens + QString::number(newToken(QStringLiteral("olga"))));
        break;
    case Op::TokenListOthers: {
        const qint64 id = newToken(QStringLiteral("olga"));
        r = call("GET", QStringLiteral("/api/v1/tokens?sort=id&order=desc&limit=50"));
        shown = listed(r, id);
        // The CSV export is authorized like the list: the same answer, the same rows.
        const HttpResult exported = call("GET", QStringLiteral("/api/v1/tokens/export"));
        const bool exportShown = exported.body.contains("\r\n" + QByteArray::number(id) + ',');
        if (exported.status != r.status || (r.status == 200 && exportShown != *shown))
            return {Outcome::Broken, QStringLiteral("the export answers %1, the list %2")
                                         .arg(exported.status)
                                         .arg(r.status)};
        break;
    }
    case Op::TokenResetOwn:
        r = call("POST", QStringLiteral("/api/v1/account/personal-token"),
                 {{QStringLiteral("currentAccessCode"), QString::fromUtf8(c.accessCode)}});
        if (r.status == 201)
            noteSecret(r.json().value(QStringLiteral("secret")).toString().toLatin1());
        break;
    case Op::AccessCodeOwn:
        r = call("PUT", QStringLiteral("/api/v1/account/access-code"),
                 {{QStringLiteral("currentPassword"), QString::fromUtf8(c.password)},
                  {QStringLiteral("accessCode"), QString::fromUtf8(c.accessCode)},
                  {QStringLiteral("ageDays"), 90}});
        break;
    case Op::AccessCodeOwnUnverified:
        r = call("PUT", users + QString::number(ownId) + QStringLiteral("/access-code"),
                 {{QStringLiteral("accessCode"), QString::fromUtf8(c.accessCode)},
                  {QStringLiteral("ageDays"), 90}});
        break;
    case Op::AccessCodeOther:
        r = call("PUT", users + QString::number(m_olgaId) + QStringLiteral("/access-code"),
                 {{QStringLiteral("accessCode"), QString::fromUtf8(m_olgaCode)},
                  {QStringLiteral("ageDays"), 90}});
        break;
    case Op::PasswordOwn:
        r = call("PUT", QStringLiteral("/api/v1/account/password"),
                 {{QStringLiteral("currentPassword"), QString::fromUtf8(c.password)},
                  {QStringLiteral("newPassword"), QString::fromUtf8(c.password)}});
        break;
    case Op::PasswordOwnUnverified:
        r = call("PUT", users + QString::number(ownId) + QStringLiteral("/password"),
                 {{QStringLiteral("password"), QString::fromUtf8(c.password)}});
        break;
    case Op::UserCreate:
    case Op::UserCreateAdmin: {
        const QString name = unique("created");
        r = call(
            "POST", QStringLiteral("/api/v1/users"),
            {{QStringLiteral("username"), name},
             {QStringLiteral("email"), name + QStringLiteral("@example.org")},
             {QStringLiteral("department"), QStringLiteral("Administration")},
             {QStringLiteral("userType"),
              op == Op::UserCreate ? BuiltinUserType::Standard : BuiltinUserType::Administrator},
             {QStringLiteral("password"), QStringLiteral("Created-User#8008")}});
        break;
    }
    case Op::UserEdit:
        r = call("PATCH", users + QString::number(m_olgaId),
                 {{QStringLiteral("displayName"), unique("Olga")}});
        break;
    case Op::UserPromote:
        r = call("PATCH", users + QString::number(newUser()),
                 {{QStringLiteral("userType"), BuiltinUserType::Administrator}});
        break;
    case Op::UserChangeOwnType:
        r = call(
            "PATCH", users + QString::number(ownId),
            {{QStringLiteral("userType"),
              c.key == QLatin1Char('S') ? BuiltinUserType::Standard : BuiltinUserType::Support}});
        break;
    case Op::UserSetPassword:
        r = call("PUT", users + QString::number(m_olgaId) + QStringLiteral("/password"),
                 {{QStringLiteral("password"), QStringLiteral("Olga-Pass#6006")}});
        break;
    case Op::UserSetAdminPassword:
        r = call("PUT",
                 users + QString::number(newUser(BuiltinUserType::Administrator)) +
                     QStringLiteral("/password"),
                 {{QStringLiteral("password"), QStringLiteral("Fresh-Admin#7117")}});
        break;
    case Op::UserDisable:
        r = call("POST", users + QString::number(newUser()) + QStringLiteral("/disable"));
        break;
    case Op::UserDisableAdmin:
        r = call("POST", users + QString::number(newUser(BuiltinUserType::Administrator)) +
                             QStringLiteral("/disable"));
        break;
    case Op::UserListOthers:
        r = call("GET", QStringLiteral("/api/v1/users?limit=500"));
        shown = listed(r, m_olgaId);
        break;
    case Op::DepartmentCreate:
        r = call("POST", QStringLiteral("/api/v1/departments"),
                 {{QStringLiteral("name"), unique("Department")}});
        break;
    case Op::DepartmentList:
        r = call("GET", QStringLiteral("/api/v1/departments"));
        break;
    case Op::UserTypeCreate:
    case Op::UserTypeCreateAbove: {
        QJsonArray perms{Scope::Collection};
        if (op == Op::UserTypeCreateAbove)
            perms.append(Permission::AuditView);
        r = call("POST", QStringLiteral("/api/v1/user-types"),
                 {{QStringLiteral("name"), unique("Type")},
                  {QStringLiteral("description"), QStringLiteral("made by a test")},
                  {QStringLiteral("permissions"), perms}});
        break;
    }
    case Op::UserTypeEditAbove:
        r = call("PUT",
                 QStringLiteral("/api/v1/user-types/%1/permissions")
                     .arg(newUserType({Scope::Collection})),
                 {{QStringLiteral("permissions"),
                   QJsonArray{Scope::Collection, Permission::AuditView}}});
        break;
    case Op::UserTypeEditOwn: {
        const qint64 own = self ? c.actor.userTypeId : newUserType({Scope::Collection});
        const QStringList perms =
            self ? QStringList(c.actor.permissions.values()) : QStringList{Scope::Collection};
        r = call("PUT", QStringLiteral("/api/v1/user-types/%1/permissions").arg(own),
                 {{QStringLiteral("permissions"), QJsonArray::fromStringList(perms)}});
        break;
    }
    case Op::UserTypeList:
        r = call("GET", QStringLiteral("/api/v1/user-types"));
        break;
    case Op::OverviewFailedSignIns:
        r = call("GET", QStringLiteral("/api/v1/overview?utcOffsetMinutes=60"));
        shown = r.json().value(QStringLiteral("failedSignInsShown")).toBool();
        break;
    case Op::AuditView: {
        r = call("GET", QStringLiteral("/api/v1/audit?limit=20"));
        const HttpResult exported = call("GET", QStringLiteral("/api/v1/audit/export?actor=olga"));
        if (exported.status != r.status)
            return {Outcome::Broken, QStringLiteral("the export answers %1, the list %2")
                                         .arg(exported.status)
                                         .arg(r.status)};
        break;
    }
    case Op::SettingsUpdate: {
        auto s = svc().accounts.settings();
        if (!s)
            return outcomeOf(s);
        r = call("PUT", QStringLiteral("/api/v1/settings"),
                 {{QStringLiteral("expiringSoonDays"), s->expiringSoonDays == 7 ? 8 : 7}});
        break;
    }
    case Op::WebhookList:
        r = call("GET", QStringLiteral("/api/v1/webhooks"));
        break;
    case Op::WebhookCreate:
        r = call("POST", QStringLiteral("/api/v1/webhooks"),
                 {{QStringLiteral("url"), QStringLiteral("https://hooks.example.org/tokendesk")},
                  {QStringLiteral("events"), QJsonArray{QStringLiteral("token.revoked")}}});
        noteSecret(r.json().value(QStringLiteral("secret")).toString().toUtf8());
        break;
    case Op::SessionListOthers: {
        const qint64 id = newSession(QStringLiteral("olga"), m_olgaCode).first;
        r = call("GET", QStringLiteral("/api/v1/sessions?limit=50"));
        shown = listed(r, id);
        // The CSV export is authorized like the list: the same answer, the same rows.
        const HttpResult exported = call("GET", QStringLiteral("/api/v1/sessions/export"));
        const bool exportShown = exported.body.contains("\r\n" + QByteArray::number(id) + ',');
        if (exported.status != r.status || (r.status == 200 && exportShown != *shown))
            return {Outcome::Broken, QStringLiteral("the export answers %1, the list %2")
                                         .arg(exported.status)
                                         .arg(r.status)};
        break;
    }
    case Op::SessionRevokeOwn: {
        const qint64 id = c.key == QLatin1Char('X')
                              ? c.ownSessionId
                              : newSession(self ? c.username : QStringLiteral("olga"),
                                           self ? c.accessCode : m_olgaCode)
                                    .first;
        r = call("POST", QStringLiteral("/api/v1/sessions/%1/revoke").arg(id));
        break;
    }
    case Op::SessionRevokeOther:
        r = call("POST", QStringLiteral("/api/v1/sessions/revoke"),
                 {{QStringLiteral("ids"),
                   QJsonArray{newSession(QStringLiteral("olga"), m_olgaCode).first}}});
        break;
    case Op::SessionRevokeMatching: {
        newSession(QStringLiteral("olga"), m_olgaCode);
        const SessionQuery q = olgasSessions();
        r = call(
            "POST", QStringLiteral("/api/v1/sessions/revoke-matching"),
            {{QStringLiteral("text"), q.text}, {QStringLiteral("confirmed"), liveSessions(q)}});
        break;
    }
    default:
        return {Outcome::Broken, QStringLiteral("no admin API operation")};
    }
    const QString what = QStringLiteral("HTTP %1 %2").arg(r.status).arg(QString::fromUtf8(r.body));
    if (r.status >= 200 && r.status < 300) {
        if (shown && !*shown)
            return {Outcome::Denied, QStringLiteral("the list hides the other user's object")};
        return {Outcome::Allowed, {}};
    }
    // Without a usable credential (U: none, X: its account is disabled) the answer is 401;
    // a signed-in caller is refused with 403, or 404 for what it may not see. Signing in with a
    // wrong password or an unknown user is 400 invalid_grant (RFC 6749 5.2).
    const bool noCredential = c.key == QLatin1Char('U') || c.key == QLatin1Char('X');
    if (op == Op::ConsoleSignIn) // 403 for a disabled account
        return r.status == 400 || r.status == 403 ? Outcome{Outcome::Denied, what}
                                                  : Outcome{Outcome::Broken, what};
    if (noCredential ? r.status == 401 : (r.status == 403 || r.status == 404))
        return {Outcome::Denied, what};
    return {Outcome::Broken, what};
}

void TestAuthz::serverLogsNoBearerToken()
{
    // ctest runs every test with QT_LOGGING_RULES="*.debug=true"; the server inherits it. Qt
    // HttpServer's debug output would print the Authorization header; it must stay off.
    QVERIFY(qEnvironmentVariable("QT_LOGGING_RULES").contains(QLatin1String("debug=true")));
    const Caller &a = caller('A');
    QCOMPARE(
        td::test::http(m_nam, "GET", m_server.url(QStringLiteral("/api/v1/me")), bearer(a.apiToken))
            .status,
        200);
    m_server.stop();
    const QByteArray log = m_server.log();
    QVERIFY(log.contains("/api/v1/me"));
    for (const Caller &c : std::as_const(m_callers)) {
        QVERIFY(c.apiToken.isEmpty() || !log.contains(c.apiToken));
        QVERIFY(c.apiToken.isEmpty() || !log.contains(c.apiToken.mid(4, 40)));
        QVERIFY(c.sessionToken.isEmpty() || !log.contains(c.sessionToken.mid(4, 40)));
        QVERIFY(c.consoleCredential.isEmpty() || !log.contains(c.consoleCredential.mid(4, 40)));
        QVERIFY(!log.contains(c.accessCode));
        QVERIFY(!log.contains(c.password));
    }
    QVERIFY(!log.contains("Bearer tdk_"));
    QVERIFY(!log.contains(m_olgaToken.mid(4, 40)));
}

QTEST_GUILESS_MAIN(TestAuthz)
#include "tst_authz.moc"
