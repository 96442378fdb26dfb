// SPDX-License-Identifier: MIT
// security.accounts: accounts and permissions played as an attacker would, through the real
// tokendesk-server and tokendesk-admin on one store (SQLite and PostgreSQL, the server with its
// credential cache on):
//  - a demoted or moved user's tokens follow the user's current user type and department;
//  - a new or expired access code ends the user's mobile sessions, whose expiry it caps;
//  - failed sign-ins from strangers slow an account down but never lock its owner out, and a
//    mobile failure never counts against a console password;
//  - no control character from a request reaches the audit log or any output of it;
//  - changing one's own password or access code takes the current password.
#include "adminrun.h"
#include "serverharness.h"
#include "testsupport.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "security/passwordhasher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

/// An answer read off the wire.
struct Answer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

/// POSTs JSON from a source address of our choice (any 127.0.0.0/8 address reaches the
/// server on 127.0.0.1), so one test plays many clients.
Answer postFrom(quint16 port, const QString &source, const QByteArray &path, const QByteArray &json)
{
    QTcpSocket s;
    if (!s.bind(QHostAddress(source)))
        return {};
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return {};
    s.write("POST " + path +
            " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nConnection: close\r\n"
            "Content-Length: " +
            QByteArray::number(json.size()) + "\r\n\r\n" + json);
    QByteArray all;
    while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(30000))
        all += s.readAll();
    all += s.readAll();
    Answer a;
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (!all.startsWith("HTTP/1.1 ") || end < 0)
        return a;
    a.status = all.mid(9, 3).toInt();
    a.head = all.left(end);
    a.body = all.mid(end + 4);
    noteTokensIn(a.body);
    return a;
}

QByteArray signInBody(const QString &username, const QByteArray &accessCode)
{
    noteSecret(accessCode);
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                     {QStringLiteral("access_code"), QString::fromUtf8(accessCode)},
                                     {QStringLiteral("device_name"), QStringLiteral("Pixel")},
                                     {QStringLiteral("platform"), QStringLiteral("android")},
                                     {QStringLiteral("app_version"), QStringLiteral("3.1")}})
        .toJson(QJsonDocument::Compact);
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    Domain &svc() { return *m_f.domain; }
    AdminRun cli(const QStringList &args, const QByteArray &input = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TOKENDESK_DATABASE"));
        return runAdmin(QStringList{QStringLiteral("--database"), m_f.db->spec()} + args, input,
                        env);
    }
    qint64 addUser(const QString &name, const QString &type, const char *password,
                   const QString &department = QStringLiteral("Administration"))
    {
        NewUser n;
        n.username = name;
        n.email = name + QStringLiteral("@example.org");
        n.department = department;
        n.userType = type;
        n.password = secret(password);
        auto u = svc().accounts.createUser(m_f.cli, n);
        if (!u)
            qWarning("createUser %s: %s", qPrintable(name), qPrintable(u.error().message));
        return u ? u->id : 0;
    }
    HttpResult me(const QByteArray &token)
    {
        return http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/me")), bearer(token));
    }
    int introspect(const QByteArray &caller, const QByteArray &target)
    {
        return http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/introspect")),
                    bearer(caller) +
                        RawHeaders{{"Content-Type", "application/x-www-form-urlencoded"}},
                    "token=" + target)
            .status;
    }
    Answer signIn(const QString &source, const QString &username, const QByteArray &code)
    {
        return postFrom(m_server->port(), source, "/api/v1/mobile/sessions",
                        signInBody(username, code));
    }
    QList<AuditEntry> audit(const QString &actionPrefix)
    {
        AuditQuery q;
        q.action = actionPrefix;
        q.limit = 0;
        q.newestFirst = false;
        auto r = svc().audit.entries(m_f.cli, q);
        return r ? r.value() : QList<AuditEntry>();
    }
    QJsonObject userJson(const QString &username)
    {
        const AdminRun r =
            cli({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
            if (v.toObject().value(QStringLiteral("username")).toString() == username)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        setLoggingEnvironment();
        PasswordHasher::setCostForTesting(1, 8 * 1024);
    }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        for (const char *d : {"Research", "Sales"})
            QVERIFY(svc().accounts.createDepartment(m_f.cli, QLatin1String(d)).ok());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_server = std::make_unique<ServerProcess>();
        QString why;
        // The credential cache on: on PostgreSQL every change must reach it as a notification.
        QVERIFY2(m_server->start(m_f.db->spec(),
                                 {QStringLiteral("--credential-cache"), QStringLiteral("on"),
                                  QStringLiteral("--max-auth-failures"), QStringLiteral("1000")},
                                 &why),
                 qPrintable(why));
    }
    void cleanup()
    {
        if (m_server) {
            keepForLeakScan(QStringLiteral("server-log.txt"), m_server->log());
            m_server.reset();
        }
        m_nam.reset();
        m_f = Fixture();
    }

    void demotedUserKeepsNoPrivilegedToken()
    {
        const qint64 sam = addUser(QStringLiteral("sam"), BuiltinUserType::Support,
                                   "Sam-Support#2002", QStringLiteral("Research"));
        QVERIFY(sam > 0);
        const AdminRun created =
            cli({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
                 QStringLiteral("ci"), QStringLiteral("--user"), QStringLiteral("sam"),
                 QStringLiteral("--scope"), QStringLiteral("collection,introspect"),
                 QStringLiteral("--expires"), QStringLiteral("+30d")});
        QVERIFY2(created.exit == 0, created.err.constData());
        const QByteArray token = created.out.trimmed();
        HttpResult r = me(token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("user_type")).toString(), QStringLiteral("Support"));
        QCOMPARE(strings(r.json().value(QStringLiteral("scopes"))),
                 QStringList({QStringLiteral("collection"), QStringLiteral("introspect")}));
        QCOMPARE(introspect(token, token), 200);

        // sam becomes a Standard user in Sales: the very token follows at once.
        UserChanges demote;
        demote.userType = BuiltinUserType::Standard;
        demote.department = QStringLiteral("Sales");
        QVERIFY(svc().accounts.updateUser(m_f.cli, sam, demote).ok());
        QTRY_COMPARE_WITH_TIMEOUT(me(token).json().value(QStringLiteral("user_type")).toString(),
                                  QStringLiteral("Standard"), 5000);
        r = me(token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("department")).toString(), QStringLiteral("Sales"));
        QCOMPARE(strings(r.json().value(QStringLiteral("scopes"))),
                 QStringList({QStringLiteral("collection")}));
        QCOMPARE(introspect(token, token), 403);

        // The CLI says the same, and its list marks the token: granted more than it may use.
        const AdminRun verify = cli({QStringLiteral("token"), QStringLiteral("verify")}, token);
        QCOMPARE(verify.exit, 0);
        QVERIFY2(verify.out.contains("scopes collection;") &&
                     verify.out.contains("Sales / Standard"),
                 verify.out.constData());
        const AdminRun list =
            cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.exit, 0);
        const QJsonObject row = QJsonDocument::fromJson(list.out).array().first().toObject();
        QCOMPARE(strings(row.value(QStringLiteral("scopes"))),
                 QStringList({QStringLiteral("collection"), QStringLiteral("introspect")}));
        QCOMPARE(strings(row.value(QStringLiteral("effective_scopes"))),
                 QStringList({QStringLiteral("collection")}));
        QCOMPARE(row.value(QStringLiteral("user_type")).toString(), QStringLiteral("Standard"));
        QCOMPARE(row.value(QStringLiteral("department")).toString(), QStringLiteral("Sales"));

        // A user type that loses a permission takes it from every token of its users at once.
        auto types = svc().accounts.userTypes(m_f.cli);
        QVERIFY(types.ok());
        qint64 standard = 0;
        for (const UserType &t : types.value())
            if (t.name == BuiltinUserType::Standard)
                standard = t.id;
        QVERIFY(svc()
                    .accounts
                    .setUserTypePermissions(m_f.cli, standard,
                                            {Permission::TokensManageOwn, Scope::Device})
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(strings(me(token).json().value(QStringLiteral("scopes"))),
                                  QStringList(), 5000);
    }

    void newOrExpiredAccessCodeEndsSessions()
    {
        StoreSettings s = svc().accounts.settings().value();
        s.sessionLifetimeDays = 90;
        QVERIFY(svc().accounts.updateSettings(m_f.cli, s).ok());
        const qint64 alice =
            addUser(QStringLiteral("alice"), BuiltinUserType::Standard, "Alice-Pass#1001");
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, alice, secret("first-code-4711"), 365).ok());
        Answer a = signIn(QStringLiteral("127.0.0.1"), QStringLiteral("alice"), "first-code-4711");
        QCOMPARE(a.status, 201);
        const QByteArray first =
            a.json().value(QStringLiteral("session_token")).toString().toLatin1();
        QCOMPARE(me(first).status, 200);

        // A new access code: the old session ends at once.
        const AdminRun set = cli({QStringLiteral("access-code"), QStringLiteral("set"),
                                  QStringLiteral("alice"), QStringLiteral("--age"),
                                  QStringLiteral("30"), QStringLiteral("--access-code-stdin")},
                                 "second-code-0815\n");
        QVERIFY2(set.exit == 0, set.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(me(first).status, 401, 5000);
        QVERIFY(!audit(QStringLiteral("session.revoke")).isEmpty());

        // A session never outlives its access code (30 days, though sessions may last 90).
        a = signIn(QStringLiteral("127.0.0.1"), QStringLiteral("alice"), "second-code-0815");
        QCOMPARE(a.status, 201);
        const QByteArray second =
            a.json().value(QStringLiteral("session_token")).toString().toLatin1();
        const QDateTime expires = QDateTime::fromString(
            a.json().value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
        QVERIFY(expires.isValid());
        QVERIFY2(expires <= Clock::now().addDays(30).addSecs(60),
                 qPrintable(expires.toString(Qt::ISODate)));
        QCOMPARE(me(second).status, 200);

        // The access code expires: so does the session.
        auto w = m_f.store->write([&] {
            m_f.store->run(
                QStringLiteral("UPDATE users SET access_code_expires_at = ? WHERE id = ?"),
                {Clock::nowMs() - 1000, alice});
        });
        QVERIFY(w.ok());
        QTRY_COMPARE_WITH_TIMEOUT(me(second).status, 401, 5000);
        QVERIFY(me(second).body.contains("expired"));
    }

    void strangersCannotLockAnyoneOut()
    {
        const qint64 alice =
            addUser(QStringLiteral("alice"), BuiltinUserType::Standard, "Alice-Pass#1001");
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, alice, secret("alice-code-2468"), 90).ok());
        // Ten wrong access codes for alice and ten for admin, each from another address: every
        // one is checked (and refused), none is answered "try later".
        for (int i = 0; i < 10; ++i) {
            const Answer wrong = signIn(QStringLiteral("127.0.0.%1").arg(11 + i),
                                        QStringLiteral("alice"), "guess-code-1357");
            QVERIFY2(wrong.status == 400, wrong.head.constData());
            QCOMPARE(wrong.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("invalid_grant"));
            QCOMPARE(signIn(QStringLiteral("127.0.0.%1").arg(31 + i), QStringLiteral("admin"),
                            "guess-code-1357")
                         .status,
                     400);
        }
        // The account is slowed down for the addresses that failed, and says so.
        QCOMPARE(audit(QStringLiteral("auth.lock")).size(), 2);
        QVERIFY(!userJson(QStringLiteral("alice"))
                     .value(QStringLiteral("access_code_locked_until"))
                     .toString()
                     .isEmpty());
        QVERIFY(userJson(QStringLiteral("alice"))
                    .value(QStringLiteral("password_locked_until"))
                    .isNull());
        const Answer slowed =
            signIn(QStringLiteral("127.0.0.11"), QStringLiteral("alice"), "alice-code-2468");
        QCOMPARE(slowed.status, 429);
        QVERIFY(slowed.header("Retry-After").toInt() > 0);

        // Mobile failures never count against the console password: admin signs in.
        QVERIFY(svc().accounts.signIn(QStringLiteral("admin"), secret(AdminPassword)).ok());

        // The right access code from an address with no failures is accepted, and lifts it.
        const Answer right =
            signIn(QStringLiteral("127.0.0.50"), QStringLiteral("alice"), "alice-code-2468");
        QVERIFY2(right.status == 201, right.body.constData());
        const QList<AuditEntry> lifted = audit(QStringLiteral("auth.unlock"));
        QCOMPARE(lifted.size(), 1);
        QCOMPARE(lifted.first().target, QStringLiteral("user alice"));
        QVERIFY(userJson(QStringLiteral("alice"))
                    .value(QStringLiteral("access_code_locked_until"))
                    .isNull());

        // An administrator lifts a lock (and it is audited).
        const AdminRun unlock =
            cli({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("admin")});
        QVERIFY2(unlock.exit == 0, unlock.err.constData());
        QCOMPARE(audit(QStringLiteral("auth.unlock")).size(), 2);
        QVERIFY(userJson(QStringLiteral("admin"))
                    .value(QStringLiteral("access_code_locked_until"))
                    .isNull());
    }

    void controlCharactersNeverReachTheAuditLog()
    {
        // A forged audit line in the user name of an unauthenticated sign-in.
        const QString forged =
            QStringLiteral("x\x1b[1A\r2030-01-01 00:00:00  cli:root  user.disable  user admin  "
                           "success\nmallory");
        const Answer a = signIn(QStringLiteral("127.0.0.1"), forged, "some-code-9753");
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_request"));
        QCOMPARE(a.json().value(QStringLiteral("field")).toString(), QStringLiteral("username"));
        for (const AuditEntry &e : audit(QString()))
            QVERIFY2(!e.actor.contains(QLatin1Char('\x1b')) &&
                         !e.target.contains(QLatin1Char('\x1b')),
                     qPrintable(e.target));

        // Rows a store may already hold (written by an older version): every output escapes.
        auto w = m_f.store->write([&] {
            m_f.store->run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, "
                                          "outcome, details, address) VALUES (?, ?, ?, ?, "
                                          "'failure', ?, ?)"),
                           {Clock::nowMs(), QStringLiteral("evil\x1b[2Kcli:root"),
                            QStringLiteral("auth.sign_in"), QStringLiteral("user a\rb\nc"),
                            QStringLiteral("d\u202Eetails\x07"), QStringLiteral("1.2.3.4\x1b")});
        });
        QVERIFY(w.ok());
        const AdminRun text = cli({QStringLiteral("audit"), QStringLiteral("list")});
        QCOMPARE(text.exit, 0);
        for (char c : text.out)
            QVERIFY2(uchar(c) >= 0x20 || c == '\n', text.out.constData());
        QVERIFY(!text.out.contains("\xe2\x80\xae")); // U+202E, right-to-left override
        QVERIFY(text.out.contains("evil\\x1B[2Kcli:root"));
        const AdminRun json =
            cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json.exit, 0);
        const QJsonArray rows = QJsonDocument::fromJson(json.out).array();
        QVERIFY(!rows.isEmpty());
        for (const QJsonValue &row : rows)
            for (const QJsonValue &v : row.toObject())
                for (QChar c : v.toVariant().toString())
                    QVERIFY2(c.category() != QChar::Other_Control &&
                                 c.category() != QChar::Other_Format,
                             qPrintable(v.toVariant().toString()));
    }

    void changingOwnCredentialsTakesTheCurrentPassword()
    {
        const qint64 alice =
            addUser(QStringLiteral("alice"), BuiltinUserType::Standard, "Alice-Pass#1001");
        QVERIFY(alice > 0);
        // The CLI's self-service paths: current password first, then the new secret.
        AdminRun r = cli({QStringLiteral("passwd"), QStringLiteral("alice")},
                         "Wrong-Pass#0000\nAlice-New-Pass#2002\n");
        QCOMPARE(r.exit, 6);
        QVERIFY(svc().accounts.signIn(QStringLiteral("alice"), secret("Alice-Pass#1001")).ok());
        r = cli({QStringLiteral("passwd"), QStringLiteral("alice")}, "Alice-New-Pass#2002\n");
        QCOMPARE(r.exit, 2); // one line: the new password alone is not enough
        r = cli({QStringLiteral("passwd"), QStringLiteral("alice")},
                "Alice-Pass#1001\nAlice-New-Pass#2002\n");
        QVERIFY2(r.exit == 0, r.err.constData());
        const auto signedIn =
            svc().accounts.signIn(QStringLiteral("alice"), secret("Alice-New-Pass#2002"));
        QVERIFY(signedIn.ok());
        const QList<AuditEntry> changed = audit(QStringLiteral("user.password"));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().actor, QStringLiteral("alice"));
        QCOMPARE(changed.last().outcome, QStringLiteral("success"));

        r = cli({QStringLiteral("access-code"), QStringLiteral("change"), QStringLiteral("alice"),
                 QStringLiteral("--age"), QStringLiteral("90")},
                "Alice-Pass#1001\nalice-code-8642\n");
        QCOMPARE(r.exit, 6);
        r = cli({QStringLiteral("access-code"), QStringLiteral("change"), QStringLiteral("alice"),
                 QStringLiteral("--age"), QStringLiteral("90")},
                "Alice-New-Pass#2002\nalice-code-8642\n");
        QVERIFY2(r.exit == 0, r.err.constData());
        QCOMPARE(
            signIn(QStringLiteral("127.0.0.1"), QStringLiteral("alice"), "alice-code-8642").status,
            201);

        // The domain functions behind the console and the API ask for it too.
        const Actor me = signedIn.value();
        auto own = svc().accounts.setPassword(me, alice, secret("Alice-Third-Pass#3003"));
        QCOMPARE(own.code(), Errc::PermissionDenied);
        auto code = svc().accounts.setAccessCode(me, alice, secret("alice-code-9753"), 90);
        QCOMPARE(code.code(), Errc::PermissionDenied);
        const SecretBytes newCode = secret("alice-code-1111x");
        auto reset =
            svc().tokens.resetPersonalToken(me, alice, secret("alice-code-8642"), &newCode, 90);
        QCOMPARE(reset.code(), Errc::InvalidArgument);
        QCOMPARE(reset.error().field, QStringLiteral("currentPassword"));
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
