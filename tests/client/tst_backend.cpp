// SPDX-License-Identifier: MIT
// client.backend: the console's two transports behave the same. Every Backend call runs over
// LocalBackend (the domain in this process) and over HttpBackend (a real tokendesk-server with
// TLS on 127.0.0.1, on a store seeded the same way); each answer is asserted and written to a
// transcript per transport, and the two transcripts must agree line by line (values, error
// kinds, messages and fields). Then what only the network has: certificate trust (unknown,
// pinned, changed), a server that is down or never answers, a revoked console credential,
// sign-out and resume, and cancel().
#include "../server/serverharness.h"
#include "testsupport.h"

#include "client/httpbackend.h"
#include "client/httpchangefollower.h"
#include "client/localbackend.h"
#include "client/recordjson.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "security/passwordhasher.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;
namespace RJ = td::RecordJson;

namespace {

const char *StanPassword = "Stan-Standard#3003";
const char *StanCode = "Stan-Code#3003";

QJsonValue js(const ApiToken &t)
{
    return RJ::token(t);
}
QJsonValue js(const MobileSession &s)
{
    return RJ::session(s);
}
QJsonValue js(const User &u)
{
    return RJ::user(u);
}
QJsonValue js(const Department &d)
{
    return RJ::department(d);
}
QJsonValue js(const UserType &t)
{
    return RJ::userType(t);
}
QJsonValue js(const AuditEntry &e)
{
    return RJ::auditEntry(e);
}
QJsonValue js(const ConsoleSignIn &s)
{
    return RJ::consoleSignIn(s, Clock::nowMs());
}
QJsonValue js(const StoreSettings &s)
{
    return RJ::settings(s);
}
QJsonValue js(const TokenOwnerCounts &c)
{
    return RJ::tokenOwnerCounts(c);
}
QJsonValue js(const DisableResult &r)
{
    return RJ::disableResult(r);
}
QJsonValue js(qint64 n)
{
    return n;
}
QJsonValue js(int n)
{
    return n;
}
QJsonValue js(const Tenant &t)
{
    return RJ::time(t.createdAt); // the id differs from store to store; asserted apart
}
QJsonValue js(const CreatedToken &c)
{
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("expiresAt"), RJ::time(c.expiresAt)},
                       {QStringLiteral("secret"), c.secret.bytes().startsWith("tdk_")}};
}
QJsonValue js(const Actor &a)
{
    QStringList perms(a.permissions.cbegin(), a.permissions.cend());
    perms.sort();
    return QJsonObject{{QStringLiteral("userId"), a.userId},
                       {QStringLiteral("username"), a.username},
                       {QStringLiteral("userTypeId"), a.userTypeId},
                       {QStringLiteral("permissions"), QJsonArray::fromStringList(perms)}};
}
template<typename T> QJsonValue js(const std::optional<T> &v)
{
    return v ? js(*v) : QJsonValue(QJsonValue::Null);
}
template<typename T> QJsonValue js(const QList<T> &list)
{
    QJsonArray a;
    for (const T &item : list)
        a.append(js(item));
    return a;
}
template<typename T> QJsonValue js(const Window<T> &w)
{
    return QJsonObject{{QStringLiteral("offset"), w.offset}, {QStringLiteral("rows"), js(w.rows)}};
}

/// An answer as one transcript line: times, hints and addresses (which differ between two
/// stores and two clocks) blanked.
template<typename T> QString describe(const Result<T> &r)
{
    if (!r)
        return QStringLiteral("error %1 [%2] %3")
            .arg(int(r.code()))
            .arg(r.error().field, r.error().message);
    if constexpr (std::is_void_v<T>)
        return QStringLiteral("ok");
    else {
        QString text = QString::fromUtf8(
            QJsonDocument(QJsonArray{js(r.value())}).toJson(QJsonDocument::Compact));
        static const QRegularExpression time(QStringLiteral("\"\\d{4}-\\d\\d-\\d\\dT[^\"]*\""));
        static const QRegularExpression hint(QStringLiteral("\"hint\":\"[^\"]*\""));
        text.replace(time, QStringLiteral("\"T\""));
        text.replace(hint, QStringLiteral("\"hint\":\"H\""));
        return text;
    }
}

} // namespace

class TestBackend : public QObject
{
    Q_OBJECT

private:
    struct Side
    {
        Fixture f;
        td::Backend *admin = nullptr;
        td::Backend *stan = nullptr;
        qint64 stanId = 0;
        QStringList transcript;
    };
    Side m_sides[2]; ///< 0: LocalBackend, 1: HttpBackend
    int m_i = 0;
    QTemporaryDir m_certs;
    ServerProcess m_server;
    QByteArray m_fingerprintA; ///< openssl's SHA-256 of cert-a.pem (the server's)
    QByteArray m_fingerprintB;

    Side &side() { return m_sides[m_i]; }
    td::Backend &admin() { return *side().admin; }
    td::Backend &stan() { return *side().stan; }
    Domain &svc() { return *side().f.domain; }
    QUrl url() const { return m_server.url(); }

    /// The answer of p, waiting for it (at most 20 s).
    template<typename T> Result<T> wait(const Pending<T> &p)
    {
        auto got = std::make_shared<std::optional<Result<T>>>();
        p.then(this, [got](Result<T> r) { got->emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return got->has_value(); }, 20000))
            return Error(Errc::Internal, QStringLiteral("no answer within 20 s"));
        return std::move(**got);
    }
    /// wait(), and the answer written to this transport's transcript.
    template<typename T> Result<T> note(const QString &what, const Pending<T> &p)
    {
        Result<T> r = wait(p);
        side().transcript << what + QStringLiteral(": ") + describe(r);
        return r;
    }
    void useTransport()
    {
        QFETCH(int, transport);
        m_i = transport;
    }
    static void transports()
    {
        QTest::addColumn<int>("transport");
        QTest::newRow("local") << 0;
        QTest::newRow("http") << 1;
    }

    /// A console sign-in over the server, pinned to cert A.
    HttpBackend *signInOverHttp(const QString &user, const char *password)
    {
        auto r = wait(HttpBackend::signIn(url(), user, secret(password), this));
        if (!r) {
            qWarning("sign-in of %s: %s", qPrintable(user), qPrintable(r.error().message));
            return nullptr;
        }
        noteSecret(r.value()->credential());
        return r.value();
    }
    /// The same sign-in as the server makes it (a console credential from 127.0.0.1).
    td::Backend *signInLocally(Side &s, const QString &user, const char *password)
    {
        auto cc =
            s.f.domain->accounts.consoleSignIn(user, secret(password), QStringLiteral("127.0.0.1"));
        if (!cc)
            return nullptr;
        noteSecret(cc->token.secret);
        auto a = s.f.domain->accounts.consoleAuthenticate(cc->token.secret.bytes(),
                                                          QStringLiteral("127.0.0.1"));
        auto live = a ? s.f.domain->accounts.refresh(a.value()) : Result<Actor>(a.error());
        return live ? new LocalBackend(*s.f.store, live.value(), this) : nullptr;
    }
    bool makeCertificate(const QString &name, QByteArray *fingerprint)
    {
        *fingerprint = fingerprintHex(makeTestCertificate(m_certs.path(), name));
        return fingerprint->size() == 64;
    }
    QStringList tlsArgs(const QString &name) const { return tlsArguments(m_certs.path(), name); }
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(no file)");
    }
    static bool writeOld(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write("old\r\n") == 5;
    }
    static QStringList filesIn(const QTemporaryDir &dir)
    {
        return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("TokenDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("client.backend"));
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        QVERIFY(makeCertificate(QStringLiteral("cert-a"), &m_fingerprintA));
        QVERIFY(makeCertificate(QStringLiteral("cert-b"), &m_fingerprintB));
        QVERIFY(m_fingerprintA != m_fingerprintB);
        for (Side &s : m_sides) {
            s.f = makeFixture();
            QVERIFY2(s.f.ok(), qPrintable(s.f.error));
            NewUser n;
            n.username = QStringLiteral("stan");
            n.email = QStringLiteral("stan@example.org");
            n.department = QStringLiteral("Administration");
            n.userType = BuiltinUserType::Standard;
            n.password = secret(StanPassword);
            auto u = s.f.domain->accounts.createUser(s.f.cli, n);
            QVERIFY(u.ok());
            s.stanId = u->id;
            QVERIFY(
                s.f.domain->accounts.setAccessCode(s.f.cli, s.stanId, secret(StanCode), 90).ok());
        }
        QString why;
        QVERIFY2(
            m_server.start(m_sides[1].f.db->spec(),
                           QStringList{QStringLiteral("--max-auth-failures"), QStringLiteral("0")} +
                               tlsArgs(QStringLiteral("cert-a")),
                           &why),
            qPrintable(why));
        QCOMPARE(url().scheme(), QStringLiteral("https"));
        ServerTrust::pin(url(), m_fingerprintA);

        m_sides[0].admin = signInLocally(m_sides[0], QStringLiteral("admin"), AdminPassword);
        m_sides[0].stan = signInLocally(m_sides[0], QStringLiteral("stan"), StanPassword);
        m_sides[1].admin = signInOverHttp(QStringLiteral("admin"), AdminPassword);
        m_sides[1].stan = signInOverHttp(QStringLiteral("stan"), StanPassword);
        for (const Side &s : m_sides)
            QVERIFY(s.admin && s.stan);
        QCOMPARE(m_sides[0].admin->transport(), td::Backend::Transport::Local);
        QCOMPARE(m_sides[1].admin->transport(), td::Backend::Transport::Server);
        QCOMPARE(m_sides[1].admin->location(), url().toDisplayString());
    }
    void cleanupTestCase()
    {
        m_server.stop();
        keepForLeakScan(QStringLiteral("server.log"), m_server.log());
        for (const Side &s : m_sides)
            keepForLeakScan(QStringLiteral("store.dump"), s.f.db->dump());
    }

    // ---- the same calls over both transports ----

    void account_data() { transports(); }
    void account()
    {
        useTransport();
        auto actor = note(QStringLiteral("admin refreshActor"), admin().refreshActor());
        QVERIFY(actor.ok());
        QCOMPARE(actor->username, QStringLiteral("admin"));
        QVERIFY(actor->can(Permission::UsersManage));
        QVERIFY(admin().can(Permission::SettingsManage));
        auto stanActor = note(QStringLiteral("stan refreshActor"), stan().refreshActor());
        QVERIFY(stanActor.ok());
        QCOMPARE(stanActor->userId, side().stanId);
        QVERIFY(!stan().can(Permission::UsersManage));

        auto tenant = note(QStringLiteral("tenant"), admin().tenant());
        QVERIFY(tenant.ok());
        QCOMPARE(tenant->id, svc().accounts.tenant()->id);

        auto settings = note(QStringLiteral("settings"), admin().settings());
        QVERIFY(settings.ok());
        StoreSettings changed = settings.value();
        changed.expiringSoonDays = 14;
        changed.sessionLifetimeDays = 60;
        QVERIFY(note(QStringLiteral("updateSettings"), admin().updateSettings(changed)).ok());
        QCOMPARE(wait(admin().settings())->expiringSoonDays, 14);
        changed.expiringSoonDays = 7;
        auto denied = note(QStringLiteral("stan updateSettings"), stan().updateSettings(changed));
        QCOMPARE(denied.code(), Errc::PermissionDenied);
        changed.expiringSoonDays = 1000;
        auto bad = note(QStringLiteral("updateSettings bad"), admin().updateSettings(changed));
        QCOMPARE(bad.code(), Errc::InvalidArgument);
        QVERIFY(!bad.error().field.isEmpty());
        QCOMPARE(wait(admin().settings())->expiringSoonDays, 14);
    }

    void tokens_data() { transports(); }
    void tokens()
    {
        useTransport();
        NewApiToken t;
        t.name = QStringLiteral("build-bot");
        t.description = QStringLiteral("CI");
        t.scopes = {Scope::Collection};
        t.username = QStringLiteral("stan");
        t.expiresAt = Clock::now().addDays(30);
        auto valid = note(QStringLiteral("validateToken"), admin().validateToken(t));
        QVERIFY2(valid.ok(), qPrintable(valid.ok() ? QString() : valid.error().message));
        NewApiToken nameless = t;
        nameless.name.clear();
        auto invalid =
            note(QStringLiteral("validateToken nameless"), admin().validateToken(nameless));
        QCOMPARE(invalid.code(), Errc::InvalidArgument);
        QCOMPARE(invalid.error().field, QStringLiteral("name"));
        QCOMPARE(note(QStringLiteral("createToken nameless"), admin().createToken(nameless)).code(),
                 Errc::InvalidArgument);

        auto created = note(QStringLiteral("createToken"), admin().createToken(t));
        QVERIFY(created.ok());
        noteSecret(created->secret);
        QVERIFY(created->secret.bytes().startsWith("tdk_"));
        t.name = QStringLiteral("another");
        auto second = note(QStringLiteral("createToken 2"), admin().createToken(t));
        QVERIFY(second.ok());
        noteSecret(second->secret);

        TokenQuery q;
        q.sortColumn = TokenColumn::Name;
        q.ascending = true;
        WindowRequest w;
        w.limit = 1;
        auto first = note(QStringLiteral("tokenWindow"), admin().tokenWindow(q, w));
        QVERIFY(first.ok());
        QCOMPARE(first->rows.size(), 1);
        QCOMPARE(first->rows[0].name, QStringLiteral("another"));
        w.offset = 1;
        w.afterId = first->rows[0].id;
        auto next = note(QStringLiteral("tokenWindow after"), admin().tokenWindow(q, w));
        QVERIFY(next.ok());
        QCOMPARE(next->rows.value(0).name, QStringLiteral("build-bot"));
        QCOMPARE(note(QStringLiteral("tokenCount"), admin().tokenCount(q)).value(), 2);
        // Never used: both; counted per department and user (administrators only).
        TokenQuery never = q;
        never.unusedDays = TokenQuery::NeverUsed;
        QCOMPARE(note(QStringLiteral("tokenCount never used"), admin().tokenCount(never)).value(),
                 2);
        auto owners = note(QStringLiteral("tokenCountsByOwner"), admin().tokenCountsByOwner(never));
        QVERIFY(owners.ok());
        QCOMPARE(owners->total, 2);
        QCOMPARE(owners->users.value(0).name, QStringLiteral("stan"));
        QCOMPARE(owners->users.value(0).count, 2);
        QCOMPARE(owners->departments.size(), 1);
        QCOMPARE(note(QStringLiteral("stan tokenCountsByOwner"), stan().tokenCountsByOwner(never))
                     .code(),
                 Errc::PermissionDenied);
        TokenQuery old = q;
        old.unusedDays = 30; // created today: not unused for 30 days
        QCOMPARE(note(QStringLiteral("tokenCount unused 30"), admin().tokenCount(old)).value(), 0);
        QCOMPARE(
            note(QStringLiteral("tokenPosition"), admin().tokenPosition(q, created->id)).value(),
            1);
        QCOMPARE(note(QStringLiteral("token"), admin().token(created->id))->name,
                 QStringLiteral("build-bot"));
        QCOMPARE(note(QStringLiteral("token 999"), admin().token(999)).code(), Errc::NotFound);
        auto found =
            note(QStringLiteral("findTokenByValue"), admin().findTokenByValue(created->secret));
        QVERIFY(found.ok());
        QCOMPARE(found->id, created->id);
        const SecretBytes unknown(QByteArray("tdk_") + QByteArray(46, 'A'));
        QVERIFY(
            !note(QStringLiteral("findTokenByValue unknown"), admin().findTokenByValue(unknown)));

        QVERIFY(note(QStringLiteral("editTokenScopes"),
                     admin().editTokenScopes(created->id, {Scope::Collection, Scope::Device}))
                    .ok());
        QCOMPARE(wait(admin().token(created->id))->scopes.size(), 2);
        auto badScope = note(QStringLiteral("editTokenScopes bad"),
                             admin().editTokenScopes(created->id, {QStringLiteral("nope")}));
        QCOMPARE(badScope.code(), Errc::InvalidArgument);
        QCOMPARE(badScope.error().field, QStringLiteral("scopes"));
        // A Standard user may not touch another's token.
        auto others = note(QStringLiteral("stan deleteTokens"), stan().deleteTokens({created->id}));
        QVERIFY(!others.ok());
        QCOMPARE(note(QStringLiteral("revokeTokens"), admin().revokeTokens({created->id})).value(),
                 1);
        QCOMPARE(wait(admin().token(created->id))->status, TokenStatus::Revoked);
        QCOMPARE(
            note(QStringLiteral("revokeTokens again"), admin().revokeTokens({created->id})).code(),
            wait(admin().revokeTokens({created->id})).code());
        QCOMPARE(note(QStringLiteral("deleteTokens"), admin().deleteTokens({created->id})).value(),
                 1);
        QCOMPARE(wait(admin().token(created->id)).code(), Errc::NotFound);
    }

    void personalToken_data() { transports(); }
    void personalToken()
    {
        useTransport();
        auto none = note(QStringLiteral("stan personalToken"), stan().personalToken());
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
        auto wrong =
            note(QStringLiteral("stan resetPersonalToken wrong code"),
                 stan().resetPersonalToken(secret("Wrong-Code#0000"), nullptr, 90, nullptr));
        QVERIFY(!wrong.ok());
        auto reset = note(QStringLiteral("stan resetPersonalToken"),
                          stan().resetPersonalToken(secret(StanCode), nullptr, 90, nullptr));
        QVERIFY2(reset.ok(), qPrintable(reset.ok() ? QString() : reset.error().message));
        noteSecret(reset->secret);
        auto mine = note(QStringLiteral("stan personalToken after"), stan().personalToken());
        QVERIFY(mine.ok() && mine->has_value());
        QCOMPARE((*mine)->id, reset->id);
        QVERIFY((*mine)->personal);

        auto weak =
            note(QStringLiteral("stan changeOwnPassword weak"),
                 stan().changeOwnPassword(secret(StanPassword), SecretBytes(QByteArray("short"))));
        QCOMPARE(weak.code(), Errc::InvalidArgument);
        QCOMPARE(weak.error().field, QStringLiteral("password"));
        QVERIFY(note(QStringLiteral("stan changeOwnPassword"),
                     stan().changeOwnPassword(secret(StanPassword), secret("Stan-Standard#4004")))
                    .ok());
        QVERIFY(note(QStringLiteral("stan changeOwnPassword back"),
                     stan().changeOwnPassword(secret("Stan-Standard#4004"), secret(StanPassword)))
                    .ok());
        QVERIFY(note(QStringLiteral("stan changeOwnAccessCode"),
                     stan().changeOwnAccessCode(secret(StanPassword), secret(StanCode), 30))
                    .ok());
    }

    void users_data() { transports(); }
    void users()
    {
        useTransport();
        auto sales = note(QStringLiteral("createDepartment"),
                          admin().createDepartment(QStringLiteral("Sales")));
        QVERIFY(sales.ok());
        auto empty =
            note(QStringLiteral("createDepartment empty"), admin().createDepartment(QString()));
        QCOMPARE(empty.code(), Errc::InvalidArgument);
        QCOMPARE(note(QStringLiteral("createDepartment twice"),
                      admin().createDepartment(QStringLiteral("Sales")))
                     .code(),
                 Errc::AlreadyExists);
        QVERIFY(note(QStringLiteral("renameDepartment"),
                     admin().renameDepartment(sales->id, QStringLiteral("Sales EU")))
                    .ok());
        auto departments = note(QStringLiteral("departments"), admin().departments());
        QVERIFY(departments.ok());
        QCOMPARE(departments->size(), 2);
        QCOMPARE(note(QStringLiteral("stan createDepartment"),
                      stan().createDepartment(QStringLiteral("Mine")))
                     .code(),
                 Errc::PermissionDenied);

        auto type =
            note(QStringLiteral("createUserType"),
                 admin().createUserType(QStringLiteral("Auditors"), QStringLiteral("read the log"),
                                        {Permission::AuditView}));
        QVERIFY(type.ok());
        QVERIFY(note(QStringLiteral("setUserTypePermissions"),
                     admin().setUserTypePermissions(type->id,
                                                    {Permission::AuditView, Permission::UsersView}))
                    .ok());
        auto badPermission =
            note(QStringLiteral("setUserTypePermissions bad"),
                 admin().setUserTypePermissions(type->id, {QStringLiteral("fly")}));
        QCOMPARE(badPermission.code(), Errc::InvalidArgument);
        auto types = note(QStringLiteral("userTypes"), admin().userTypes());
        QVERIFY(types.ok());
        QVERIFY(types->size() >= 4);

        NewUser n;
        n.username = QStringLiteral("ursula");
        n.displayName = QStringLiteral("Ursula");
        n.email = QStringLiteral("ursula@example.org");
        n.department = QStringLiteral("Sales EU");
        n.userType = QStringLiteral("Auditors");
        n.password = secret("Ursula-Pass#5005");
        auto ursula = note(QStringLiteral("createUser"), admin().createUser(n));
        QVERIFY(ursula.ok());
        n.username = QStringLiteral("no spaces please");
        n.password = secret("Ursula-Pass#5005");
        auto badUser = note(QStringLiteral("createUser bad name"), admin().createUser(n));
        QCOMPARE(badUser.code(), Errc::InvalidArgument);
        QCOMPARE(badUser.error().field, QStringLiteral("username"));
        n.username = QStringLiteral("ulrich");
        n.password = secret("Ulrich-Pass#6006");
        QCOMPARE(note(QStringLiteral("stan createUser"), stan().createUser(n)).code(),
                 Errc::PermissionDenied);

        QCOMPARE(
            note(QStringLiteral("userByName"), admin().userByName(QStringLiteral("ursula")))->id,
            ursula->id);
        auto nobody =
            note(QStringLiteral("userByName nobody"), admin().userByName(QStringLiteral("nobody")));
        QCOMPARE(nobody.code(), Errc::NotFound);
        QCOMPARE(note(QStringLiteral("user"), admin().user(ursula->id))->email,
                 QStringLiteral("ursula@example.org"));
        UserQuery all;
        WindowRequest w;
        w.limit = 2;
        auto window = note(QStringLiteral("userWindow"), admin().userWindow(all, w));
        QVERIFY(window.ok());
        QCOMPARE(window->rows.size(), 2);
        QCOMPARE(note(QStringLiteral("userCount"), admin().userCount(all)).value(), 3);
        QCOMPARE(
            note(QStringLiteral("userPosition"), admin().userPosition(all, ursula->id)).value(), 2);
        auto list = note(QStringLiteral("users"), admin().users(all));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 3);
        UserQuery paged;
        paged.offset = 1;
        paged.limit = 1;
        QCOMPARE(note(QStringLiteral("users paged"), admin().users(paged))->value(0).username,
                 QStringLiteral("stan"));

        UserChanges ch;
        ch.displayName = QStringLiteral("Ursula U.");
        QVERIFY(note(QStringLiteral("updateUser"), admin().updateUser(ursula->id, ch)).ok());
        QCOMPARE(wait(admin().user(ursula->id))->displayName, QStringLiteral("Ursula U."));
        ch.department = QStringLiteral("Nowhere");
        QCOMPARE(
            note(QStringLiteral("updateUser bad department"), admin().updateUser(ursula->id, ch))
                .code(),
            Errc::NotFound);
        QVERIFY(note(QStringLiteral("setPassword"),
                     admin().setPassword(ursula->id, secret("Ursula-Pass#7007")))
                    .ok());
        QVERIFY(note(QStringLiteral("setAccessCode"),
                     admin().setAccessCode(ursula->id, secret("Ursula-Code#7007"), 30))
                    .ok());
        QVERIFY(wait(admin().user(ursula->id))->hasAccessCode);
        QCOMPARE(note(QStringLiteral("stan setPassword"),
                      stan().setPassword(ursula->id, secret("Ursula-Pass#8008")))
                     .code(),
                 Errc::PermissionDenied);
        QVERIFY(note(QStringLiteral("liveCredentials"), admin().liveCredentials(ursula->id)).ok());
        QVERIFY(note(QStringLiteral("disableUser"), admin().disableUser(ursula->id)).ok());
        QVERIFY(!wait(admin().user(ursula->id))->enabled());
        QVERIFY(note(QStringLiteral("enableUser"), admin().enableUser(ursula->id)).ok());
        QVERIFY(wait(admin().user(ursula->id))->enabled());
        auto unlock = note(QStringLiteral("unlockUser"), admin().unlockUser(ursula->id));
        QVERIFY2(unlock.code() == Errc::Conflict, qPrintable(unlock.error().message));

        QCOMPARE(
            note(QStringLiteral("deleteDepartment in use"), admin().deleteDepartment(sales->id))
                .code(),
            Errc::Conflict);
        QCOMPARE(
            note(QStringLiteral("deleteUserType in use"), admin().deleteUserType(type->id)).code(),
            Errc::Conflict);
        auto spare = note(QStringLiteral("createDepartment spare"),
                          admin().createDepartment(QStringLiteral("Spare")));
        QVERIFY(note(QStringLiteral("deleteDepartment"), admin().deleteDepartment(spare->id)).ok());
        auto spareType = note(QStringLiteral("createUserType spare"),
                              admin().createUserType(QStringLiteral("Spare"), {}, {}));
        QVERIFY(note(QStringLiteral("deleteUserType"), admin().deleteUserType(spareType->id)).ok());
    }

    void sessions_data() { transports(); }
    void sessions()
    {
        useTransport();
        auto made = svc().sessions.create(QStringLiteral("stan"), secret(StanCode),
                                          QStringLiteral("Pixel"), QStringLiteral("android"),
                                          QStringLiteral("1.0"), QStringLiteral("10.0.0.1"));
        QVERIFY(made.ok());
        noteSecret(made->secret);
        SessionQuery q;
        auto window =
            note(QStringLiteral("sessionWindow"), admin().sessionWindow(q, WindowRequest()));
        QVERIFY(window.ok());
        QCOMPARE(window->rows.size(), 1);
        QCOMPARE(window->rows[0].deviceName, QStringLiteral("Pixel"));
        QCOMPARE(note(QStringLiteral("sessionCount"), admin().sessionCount(q)).value(), 1);
        QCOMPARE(
            note(QStringLiteral("sessionPosition"), admin().sessionPosition(q, made->id)).value(),
            0);
        QCOMPARE(note(QStringLiteral("session"), admin().session(made->id))->platform,
                 QStringLiteral("android"));
        QCOMPARE(note(QStringLiteral("revokeSessions"), admin().revokeSessions({made->id})).value(),
                 1);
        QCOMPARE(wait(admin().sessionCount(q)).value(), 0);
    }

    void audit_data() { transports(); }
    void audit()
    {
        useTransport();
        AuditQuery q;
        q.action = QStringLiteral("department.");
        WindowRequest w;
        w.limit = 3;
        auto window = note(QStringLiteral("auditWindow"), admin().auditWindow(q, w));
        QVERIFY(window.ok());
        QCOMPARE(window->rows.size(), 3);
        QVERIFY(window->rows[0].action.startsWith(QLatin1String("department.")));
        QVERIFY(note(QStringLiteral("auditCount"), admin().auditCount(q)).value() >= 4);
        QCOMPARE(note(QStringLiteral("auditPosition"), admin().auditPosition(q, window->rows[1].id))
                     .value(),
                 1);
        QCOMPARE(note(QStringLiteral("stan auditWindow"), stan().auditWindow(q, w)).code(),
                 Errc::PermissionDenied);
    }

    void consoleSignIns_data() { transports(); }
    void consoleSignIns()
    {
        useTransport();
        auto list = note(QStringLiteral("consoleSignIns"), admin().consoleSignIns(side().stanId));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QVERIFY(list->at(0).activeAt(Clock::nowMs()));
        QCOMPARE(
            note(QStringLiteral("stan consoleSignIns of admin"), stan().consoleSignIns(1)).code(),
            Errc::PermissionDenied);
        QCOMPARE(note(QStringLiteral("endConsoleSignIn 999"), admin().endConsoleSignIn(999)).code(),
                 Errc::NotFound);
    }

    void signOut_data() { transports(); }
    void signOut()
    {
        useTransport();
        td::Backend *other = m_i == 0 ? signInLocally(side(), QStringLiteral("stan"), StanPassword)
                                      : signInOverHttp(QStringLiteral("stan"), StanPassword);
        QVERIFY(other);
        auto list = note(QStringLiteral("consoleSignIns after another"),
                         admin().consoleSignIns(side().stanId));
        QCOMPARE(list->size(), 2);
        // Ended by an administrator first (over a server the next request is refused), then
        // signed out: both answer done, and signedOut() comes once.
        QVERIFY(note(QStringLiteral("endConsoleSignIn"), admin().endConsoleSignIn(list->at(0).id))
                    .ok());
        QSignalSpy signedOut(other, &td::Backend::signedOut);
        QVERIFY(note(QStringLiteral("signOut"), other->signOut()).ok());
        QCOMPARE(signedOut.count(), 1);
        QCOMPARE(
            note(QStringLiteral("endConsoleSignIn again"), admin().endConsoleSignIn(list->at(0).id))
                .code(),
            wait(admin().endConsoleSignIn(list->at(0).id)).code());
    }

    /// Every call above answered the same over both transports.
    void transportsAgree()
    {
        const QStringList &local = m_sides[0].transcript;
        const QStringList &http = m_sides[1].transcript;
        QVERIFY(local.size() > 80);
        QCOMPARE(http.size(), local.size());
        for (qsizetype i = 0; i < local.size(); ++i)
            QCOMPARE(http[i], local[i]);
    }

    // ---- CSV exports ----

    /// Over the same store, the local export and the server's stream write the same bytes, for
    /// every list and filter; the rows come in pages over the server (ties in the order too).
    void exportsAreTheSameOverBothTransports()
    {
        Side &server = m_sides[1];
        td::Backend *local = signInLocally(server, QStringLiteral("admin"), AdminPassword);
        QVERIFY(local);
        td::Backend *remote = server.admin;
        constexpr int Bulk = 2500; // more than a page of the server's stream
        QVERIFY(server.f.store->write([&] {
            QSqlQuery q = server.f.store->prepare(QStringLiteral(
                "INSERT INTO audit_log (at, actor, action, target, outcome, details, address) "
                "VALUES (?, 'bulk', 'user.update', ?, 'success', ?, '10.0.0.2')"));
            const qint64 base = Clock::nowMs() - 30LL * 24 * 3600 * 1000;
            for (int i = 0; i < Bulk; ++i) {
                q.bindValue(0, base + (i / 7) * 1000LL); // ties: the id orders them
                q.bindValue(1, QStringLiteral("bulk, \"%1\"").arg(i));
                q.bindValue(2, i % 2 ? QStringLiteral("=SUM(A1)") : QStringLiteral("two\nlines"));
                server.f.store->exec(q, "bulk audit");
            }
        }));
        AuditQuery bulk;
        bulk.actor = QStringLiteral("bulk");
        AuditQuery tokenActions;
        tokenActions.action = QStringLiteral("token.");
        tokenActions.newestFirst = false;
        TokenQuery allTokens;
        TokenQuery byName;
        byName.sortColumn = TokenColumn::Name;
        byName.ascending = true;
        const QList<std::pair<QString, ExportQuery>> cases = {
            {QStringLiteral("bulk"), bulk},
            {QStringLiteral("token-actions"), tokenActions},
            {QStringLiteral("tokens"), allTokens},
            {QStringLiteral("tokens-by-name"), byName},
        };
        QTemporaryDir dir;
        for (const auto &[name, query] : cases) {
            const QString localPath = dir.filePath(name + QStringLiteral("-local.csv"));
            const QString httpPath = dir.filePath(name + QStringLiteral("-http.csv"));
            qint64 lastProgress = -1;
            auto l = wait(local->exportCsv(query, localPath));
            auto h = wait(remote->exportCsv(query, httpPath,
                                            [&lastProgress](qint64 rows) { lastProgress = rows; }));
            QVERIFY2(l.ok(), qPrintable(describe(l)));
            QVERIFY2(h.ok(), qPrintable(describe(h)));
            QCOMPARE(h.value(), l.value());
            QCOMPARE(lastProgress, h.value());
            const QByteArray csv = readAll(httpPath);
            QCOMPARE(csv, readAll(localPath));
            QVERIFY(csv.startsWith(CsvExport::line(CsvExport::header(query))));
            QCOMPARE(QFile::permissions(httpPath),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                         QFileDevice::WriteUser);
            keepFileForLeakScan(httpPath);
        }
        QCOMPARE(wait(local->exportCsv(bulk, dir.filePath(QStringLiteral("again.csv")))).value(),
                 qint64(Bulk));
        // Refused like the list, over both: an error and no file.
        td::Backend *localStan = signInLocally(server, QStringLiteral("stan"), StanPassword);
        for (td::Backend *b : {localStan, server.stan}) {
            const QString path = dir.filePath(QStringLiteral("refused.csv"));
            QCOMPARE(wait(b->exportCsv(AuditQuery(), path)).code(), Errc::PermissionDenied);
            QVERIFY(!QFile::exists(path));
        }
        delete local;
        delete localStan;
    }

    void exportCancelLeavesNoFile_data() { transports(); }
    /// cancel(): no answer, and by the time it returns no file, no temporary file and the older
    /// file as it was; at once or once rows came in.
    void exportCancelLeavesNoFile()
    {
        useTransport();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept.csv"));
        QVERIFY(writeOld(path));
        bool ran = false;
        Pending<qint64> p = admin().exportCsv(AuditQuery(), path);
        p.then(this, [&ran](Result<qint64>) { ran = true; });
        p.cancel();
        QCOMPARE(filesIn(dir), QStringList{QStringLiteral("kept.csv")});
        QCOMPARE(readAll(path), QByteArray("old\r\n"));

        // Over the server's store with its thousands of entries: cancelled once rows arrived.
        td::Backend &big = *m_sides[1].admin;
        bool cancelled = false;
        Pending<qint64> q;
        q = big.exportCsv(AuditQuery(), path, [&](qint64 rows) {
            if (rows > 0 && !cancelled) {
                cancelled = true;
                q.cancel();
                QCOMPARE(filesIn(dir), QStringList{QStringLiteral("kept.csv")});
            }
        });
        q.then(this, [&ran](Result<qint64>) { ran = true; });
        QTRY_VERIFY(cancelled);
        QTest::qWait(300);
        QVERIFY(!ran);
        QCOMPARE(filesIn(dir), QStringList{QStringLiteral("kept.csv")});
        QCOMPARE(readAll(path), QByteArray("old\r\n"));
    }

    /// A server that is down: the export fails with the transport's error and writes nothing.
    void exportWithTheServerDown()
    {
        ServerProcess other;
        QString why;
        QVERIFY2(other.start(m_sides[1].f.db->spec(), tlsArgs(QStringLiteral("cert-a")), &why),
                 qPrintable(why));
        ServerTrust::pin(other.url(), m_fingerprintA);
        auto signedIn = wait(
            HttpBackend::signIn(other.url(), QStringLiteral("admin"), secret(AdminPassword), this));
        QVERIFY(signedIn.ok());
        noteSecret(signedIn.value()->credential());
        other.stop();
        keepForLeakScan(QStringLiteral("server-down.log"), other.log());
        QTemporaryDir dir;
        const QString kept = dir.filePath(QStringLiteral("kept.csv"));
        QVERIFY(writeOld(kept));
        auto r = wait(signedIn.value()->exportCsv(AuditQuery(), kept));
        QCOMPARE(r.code(), Errc::StoreUnavailable);
        QVERIFY2(r.error().message.startsWith(QStringLiteral("The server at %1 does not answer")
                                                  .arg(other.url().toDisplayString())),
                 qPrintable(r.error().message));
        QCOMPARE(readAll(kept), QByteArray("old\r\n"));
        const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
        QCOMPARE(wait(signedIn.value()->exportCsv(TokenQuery(), fresh)).code(),
                 Errc::StoreUnavailable);
        QCOMPARE(filesIn(dir), QStringList{QStringLiteral("kept.csv")});
    }

    // ---- what only the network has ----

    void changeFollowerBacksOffWhenTheServerIsDown()
    {
        ServerProcess other;
        QString why;
        QVERIFY2(other.start(m_sides[1].f.db->spec(), tlsArgs(QStringLiteral("cert-a")), &why),
                 qPrintable(why));
        ServerTrust::pin(other.url(), m_fingerprintA);
        auto signedIn = wait(
            HttpBackend::signIn(other.url(), QStringLiteral("admin"), secret(AdminPassword), this));
        QVERIFY(signedIn.ok());
        noteSecret(signedIn.value()->credential());
        HttpChangeFollower follower(*signedIn.value());
        follower.setActive(true);
        // The cursor came, and a poll is held at the server.
        QTRY_VERIFY_WITH_TIMEOUT(follower.checks() >= 1 && follower.isWaiting(), 30000);
        const qint64 checks = follower.checks();
        QCOMPARE(follower.retryMs(), 0);
        other.stop();
        keepForLeakScan(QStringLiteral("server-down-changes.log"), other.log());
        // The held poll fails (or, stopping, the server answers it first and the next look
        // fails); each retry fails too and waits twice as long as the one before: one look per
        // wait, never a spin.
        QTRY_COMPARE_WITH_TIMEOUT(follower.retryMs(), 1000, 30000);
        const qint64 firstFailure = follower.checks();
        QVERIFY2(firstFailure == checks + 1 || firstFailure == checks + 2,
                 qPrintable(QStringLiteral("%1 looks").arg(firstFailure - checks)));
        int failures = 0;
        for (int retryMs : {2000, 4000}) {
            QTRY_COMPARE_WITH_TIMEOUT(follower.retryMs(), retryMs, 30000);
            ++failures;
            QCOMPARE(follower.checks(), firstFailure + failures);
        }
        // Inactive, it does not try again (the next try was due within 4 s).
        follower.setActive(false);
        const qint64 inactive = follower.checks();
        QTest::qWait(4000 + 500);
        QCOMPARE(follower.checks(), inactive);
        QVERIFY(!follower.isWaiting());
    }

    void unpinnedCertificateIsRefused()
    {
        ServerTrust::forget(url());
        QVERIFY(ServerTrust::pinned(url()).isEmpty());
        auto identity = wait(ServerTrust::probe(url(), this));
        QVERIFY(identity.ok());
        QCOMPARE(identity->trust, ServerIdentity::Trust::Unknown);
        QCOMPARE(identity->sha256, m_fingerprintA);
        QVERIFY(identity->subject.contains(QLatin1String("cert-a")));
        QVERIFY(identity->notAfter > QDateTime::currentDateTimeUtc());
        auto refused =
            wait(HttpBackend::signIn(url(), QStringLiteral("admin"), secret(AdminPassword), this));
        QCOMPARE(refused.code(), Errc::StoreUnavailable);
        QVERIFY2(refused.error().message.contains(QString::fromLatin1(m_fingerprintA)),
                 qPrintable(refused.error().message));

        ServerTrust::pin(url(), m_fingerprintA);
        identity = wait(ServerTrust::probe(url(), this));
        QCOMPARE(identity->trust, ServerIdentity::Trust::Pinned);
        QCOMPARE(identity->pinnedSha256, m_fingerprintA);
        QVERIFY(signInOverHttp(QStringLiteral("admin"), AdminPassword));
        QCOMPARE(ServerTrust::whyNotUrl(QStringLiteral("http://127.0.0.1:1")).isEmpty(), false);
        QCOMPARE(ServerTrust::whyNotUrl(QStringLiteral("https://u@host/")).isEmpty(), false);
        QCOMPARE(ServerTrust::whyNotUrl(QStringLiteral("https://host/?a=1")).isEmpty(), false);
        QCOMPARE(ServerTrust::whyNotUrl(QStringLiteral("https://host/#x")).isEmpty(), false);
        QCOMPARE(ServerTrust::whyNotUrl(QStringLiteral("https://tokens.example.org")), QString());
    }

    void changedCertificateIsRefused()
    {
        // The server again, now with certificate B, where A was pinned.
        ServerProcess other;
        QString why;
        QVERIFY2(other.start(m_sides[1].f.db->spec(), tlsArgs(QStringLiteral("cert-b")), &why),
                 qPrintable(why));
        ServerTrust::pin(other.url(), m_fingerprintA);
        auto identity = wait(ServerTrust::probe(other.url(), this));
        QVERIFY(identity.ok());
        QCOMPARE(identity->trust, ServerIdentity::Trust::Changed);
        QCOMPARE(identity->sha256, m_fingerprintB);
        auto refused = wait(
            HttpBackend::signIn(other.url(), QStringLiteral("admin"), secret(AdminPassword), this));
        QCOMPARE(refused.code(), Errc::StoreUnavailable);
        const QString expected =
            QStringLiteral("The server's certificate changed: expected %1, got %2")
                .arg(QString::fromLatin1(m_fingerprintA), QString::fromLatin1(m_fingerprintB));
        QVERIFY2(refused.error().message.startsWith(expected), qPrintable(refused.error().message));
        other.stop();
        keepForLeakScan(QStringLiteral("server-b.log"), other.log());
    }

    void serverDown()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        QUrl down(QStringLiteral("https://127.0.0.1"));
        down.setPort(closed.serverPort());
        closed.close();
        auto r =
            wait(HttpBackend::signIn(down, QStringLiteral("admin"), secret(AdminPassword), this));
        QCOMPARE(r.code(), Errc::StoreUnavailable);
        QVERIFY2(
            r.error().message.startsWith(
                QStringLiteral("The server at %1 does not answer").arg(down.toDisplayString())),
            qPrintable(r.error().message));
    }

    void serverNeverAnswers()
    {
        QTcpServer silent; // accepts and never says a word
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> kept;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                kept << s;
        });
        QUrl mute(QStringLiteral("https://127.0.0.1"));
        mute.setPort(silent.serverPort());
        ServerConnection::setDefaultTransferTimeoutForTesting(1000);
        QElapsedTimer timer;
        timer.start();
        auto r =
            wait(HttpBackend::signIn(mute, QStringLiteral("admin"), secret(AdminPassword), this));
        ServerConnection::setDefaultTransferTimeoutForTesting(0);
        QCOMPARE(r.code(), Errc::StoreUnavailable);
        QVERIFY2(r.error().message.contains(QLatin1String("did not answer within 1 s")),
                 qPrintable(r.error().message));
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY(!kept.isEmpty());
    }

    void cancelAbortsTheRequest()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QTcpSocket *peer = nullptr;
        connect(&silent, &QTcpServer::newConnection, this,
                [&] { peer = silent.nextPendingConnection(); });
        QUrl mute(QStringLiteral("https://127.0.0.1"));
        mute.setPort(silent.serverPort());
        bool ran = false;
        auto p = HttpBackend::signIn(mute, QStringLiteral("admin"), secret(AdminPassword), this);
        p.then(this, [&ran](Result<HttpBackend *>) { ran = true; });
        QTRY_VERIFY(peer);
        p.cancel();
        // A cancelled sign-in lets go of its connection at once, long before the 15 s timeout.
        QTRY_VERIFY_WITH_TIMEOUT(peer->state() == QAbstractSocket::UnconnectedState, 3000);
        QVERIFY(!ran);
    }

    void revokedCredentialSignsOut()
    {
        HttpBackend *second = signInOverHttp(QStringLiteral("admin"), AdminPassword);
        QVERIFY(second);
        QSignalSpy signedOut(second, &td::Backend::signedOut);
        auto list = wait(m_sides[1].admin->consoleSignIns(1));
        QVERIFY(list.ok());
        const qint64 newest = list->at(0).id; // newest first: the second sign-in
        QVERIFY(wait(m_sides[1].admin->endConsoleSignIn(newest)).ok());
        auto refused = wait(second->tenant());
        QCOMPARE(refused.code(), Errc::AuthenticationFailed);
        QCOMPARE(signedOut.count(), 1);
        QVERIFY(second->credential().isEmpty());
        QCOMPARE(wait(second->settings()).code(), Errc::AuthenticationFailed);
        QCOMPARE(signedOut.count(), 1);
        // The first sign-in goes on.
        QVERIFY(wait(m_sides[1].admin->tenant()).ok());
    }

    void signOutAndResume()
    {
        HttpBackend *one = signInOverHttp(QStringLiteral("stan"), StanPassword);
        QVERIFY(one);
        const SecretBytes kept(one->credential().bytes());
        auto resumed = wait(HttpBackend::resume(url(), SecretBytes(kept.bytes()), this));
        QVERIFY(resumed.ok());
        QCOMPARE(resumed.value()->actor().username, QStringLiteral("stan"));
        QSignalSpy signedOut(one, &td::Backend::signedOut);
        QVERIFY(wait(one->signOut()).ok());
        QCOMPARE(signedOut.count(), 1);
        QVERIFY(one->credential().isEmpty());
        // Revoked on the server: the kept credential opens nothing any more.
        auto again = wait(HttpBackend::resume(url(), SecretBytes(kept.bytes()), this));
        QCOMPARE(again.code(), Errc::AuthenticationFailed);
        QCOMPARE(wait(resumed.value()->tenant()).code(), Errc::AuthenticationFailed);
    }

    void cancelledAnswerNeverArrives()
    {
        td::Backend &http = *m_sides[1].admin;
        bool ran = false;
        Pending<Tenant> p = http.tenant();
        p.then(this, [&ran](Result<Tenant>) { ran = true; });
        p.cancel();
        QVERIFY(p.isCancelled());
        QTest::qWait(500);
        QVERIFY(!ran);
        // The connection serves the next call as before.
        QVERIFY(wait(http.tenant()).ok());
        QVERIFY(!ran);
    }
};

QTEST_GUILESS_MAIN(TestBackend)
#include "tst_backend.moc"
