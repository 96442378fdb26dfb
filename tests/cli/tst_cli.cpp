// SPDX-License-Identifier: MIT
// tokendesk-admin, the real executable, on SQLite and PostgreSQL: the init → user add → token
// create → list → revoke flow; every bad input exits non-zero with one line on stderr, prints
// nothing on stdout and changes nothing; secrets only through stdin; the created token is the
// only thing on stdout; store problems name the file and the cause.
#include "adminrun.h"
#include "core/clock.h"
#include "security/tokencodec.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

using Run = AdminRun;

Run admin(const QStringList &args, const QByteArray &input = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOKENDESK_DATABASE"));
    return runAdmin(args, input, env);
}

QJsonArray jsonArray(const QByteArray &out)
{
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(out, &e);
    return d.isArray() ? d.array() : QJsonArray();
}

/// Everything a failed command must leave untouched: row counts of every table and the
/// newest audit id.
QString storeState(const DatabaseLocation &loc)
{
    auto store = Store::open(loc, Store::OpenMode::ExistingOnly);
    if (!store)
        return QStringLiteral("unopenable: ") + store.error().message;
    QStringList parts;
    for (const char *t :
         {"tenant", "departments", "users", "user_types", "user_type_permissions", "api_tokens",
          "api_token_scopes", "mobile_sessions", "audit_log", "auth_throttle", "settings"})
        parts << QStringLiteral("%1=%2")
                     .arg(QLatin1String(t))
                     .arg(countRows(*store.value(), QLatin1String(t)));
    auto revoked = store.value()->read([&] {
        return store.value()
            ->scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT NULL"))
            .toLongLong();
    });
    parts << QStringLiteral("revoked=%1").arg(revoked.value());
    auto scopes = store.value()->read([&] {
        QStringList s;
        QSqlQuery q =
            store.value()->run(QStringLiteral("SELECT scope_list FROM api_tokens ORDER BY id"));
        while (q.next())
            s << q.value(0).toString();
        return s.join(QLatin1Char('|'));
    });
    parts << scopes.value();
    return parts.join(QLatin1Char(' '));
}

bool isOneErrorLine(const QByteArray &err)
{
    return err.startsWith("tokendesk-admin: ") && err.endsWith('\n') && err.count('\n') == 1;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> db;
    QStringList base() const { return {QStringLiteral("--database"), db->spec()}; }
    Run cli(const QStringList &args, const QByteArray &input = {})
    {
        return admin(base() + args, input);
    }
    void initStore()
    {
        Run r = cli({QStringLiteral("init"), QStringLiteral("--admin-user"),
                     QStringLiteral("root-admin"), QStringLiteral("--password-stdin")},
                    "Admin-Pass-123\n");
        QVERIFY2(r.exit == 0, r.err.constData());
        QVERIFY(
            cli({QStringLiteral("department"), QStringLiteral("add"), QStringLiteral("Research")})
                .exit == 0);
        Run u = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice"),
                     QStringLiteral("--email"), QStringLiteral("alice@example.org"),
                     QStringLiteral("--department"), QStringLiteral("Research"),
                     QStringLiteral("--user-type"), QStringLiteral("Standard"),
                     QStringLiteral("--password-stdin")},
                    "Alice-Pass-123\n");
        QVERIFY2(u.exit == 0, u.err.constData());
    }
    QByteArray createToken(const QString &name,
                           const QString &scopes = QStringLiteral("collection"))
    {
        Run r =
            cli({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"), name,
                 QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--scope"),
                 scopes, QStringLiteral("--expires"), QStringLiteral("+30d")});
        if (r.exit != 0)
            qWarning("token create failed: %s", r.err.constData());
        return r.out.trimmed();
    }

private Q_SLOTS:
    void init();
    void cleanup();
    void helpAndVersion();
    void fullFlow();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void secretsOnlyFromStandardInput();
    void accessCodeAndTokenReset();
    void listsAsJson();
    void demoFillsTheStore();
    void storeProblemsAreNamed();
    void initTwiceIsRefused();
    void reportLeak();
};

void TestCli::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("TD_ADMIN_BIN")),
             "TD_ADMIN_BIN must name tokendesk-admin");
    db = std::make_unique<ScratchDatabase>();
    QVERIFY2(db->isValid(), qPrintable(db->error()));
}

void TestCli::cleanup()
{
    db.reset();
}

void TestCli::helpAndVersion()
{
    Run h = admin({QStringLiteral("--help")});
    QCOMPARE(h.exit, 0);
    for (const char *word :
         {"token create", "--password-stdin", "Exit codes", "demo", "session revoke"})
        QVERIFY2(h.out.contains(word), word);
    Run v = admin({QStringLiteral("--version")});
    QCOMPARE(v.exit, 0);
    QVERIFY(v.out.startsWith("tokendesk-admin "));
    Run sub = admin({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--help")});
    QCOMPARE(sub.exit, 0);
    QVERIFY(sub.out.contains("--allow-long-expiry"));
}

void TestCli::reportLeak()
{
    initStore();
    const QByteArray leaked = createToken(QStringLiteral("leaked"));
    const QByteArray old = createToken(QStringLiteral("old"));
    const QByteArray kept = createToken(QStringLiteral("kept"));
    noteSecret(leaked);
    noteSecret(old);
    noteSecret(kept);
    QString oldId;
    for (const QJsonValue &row : jsonArray(
             cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")}).out))
        if (row.toObject().value(QLatin1String("name")).toString() == QLatin1String("old"))
            oldId = QString::number(row.toObject().value(QLatin1String("id")).toInteger());
    QVERIFY(!oldId.isEmpty());
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("revoke"), oldId}).exit, 0);
    const QStringList args = {
        QStringLiteral("token"),    QStringLiteral("report-leak"),
        QStringLiteral("--url"),    QStringLiteral("https://example.org/paste/1"),
        QStringLiteral("--source"), QStringLiteral("paste")};
    // A control character in the url (shown in the audit log): refused whole, nothing changes.
    const QString before = storeState(db->location());
    Run bad = cli({QStringLiteral("token"), QStringLiteral("report-leak"), QStringLiteral("--url"),
                   QStringLiteral("https://example.org/\x1b[2J"), QStringLiteral("--source"),
                   QStringLiteral("paste")},
                  leaked + "\n");
    QCOMPARE(bad.exit, 2);
    QVERIFY2(isOneErrorLine(bad.err), bad.err.constData());
    QVERIFY(bad.err.contains("control character"));
    QCOMPARE(storeState(db->location()), before);
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("report-leak")}, leaked + "\n").exit, 2);
    QCOMPARE(storeState(db->location()), before);

    Run r = cli(args, leaked + "\n\n" + old + "\nnot-a-token\n");
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out, "1: revoked " + TokenCodec::hint(leaked).toUtf8() + "\n2: already_revoked " +
                        TokenCodec::hint(old).toUtf8() + "\n3: invalid\n");
    for (const QByteArray &t : {leaked, old, kept})
        QVERIFY(!r.out.contains(t) && !r.err.contains(t));
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("verify")}, leaked + "\n").exit, 8);
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("verify")}, kept + "\n").exit, 0);
    Run audit = cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json"),
                     QStringLiteral("--action"), QStringLiteral("token.revoke")});
    QCOMPARE(audit.exit, 0);
    QCOMPARE(audit.out.count("reported as leaked: found at https://example.org/paste/1 (source: "
                             "paste)"),
             1);
}

void TestCli::fullFlow()
{
    initStore();
    Run create =
        cli({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
             QStringLiteral("ci-deploy"), QStringLiteral("--user"), QStringLiteral("alice"),
             QStringLiteral("--scope"), QStringLiteral("collection,device"),
             QStringLiteral("--expires"), QStringLiteral("+90d"), QStringLiteral("--description"),
             QStringLiteral("nightly deploy")});
    QCOMPARE(create.exit, 0);
    // The token, a line break, and nothing else on standard output.
    QVERIFY(create.out.endsWith('\n'));
    const QByteArray token = create.out.chopped(1);
    QCOMPARE(token.size(), 50);
    QCOMPARE(TokenCodec::check(token), TokenCodec::ParseError::None);
    QVERIFY(!create.err.contains(token));
    QVERIFY(create.err.contains(TokenCodec::hint(token).toUtf8()));

    Run list = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.exit, 0);
    QVERIFY(!list.out.contains(token));
    const QJsonArray rows = jsonArray(list.out);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    for (const char *field : {"id", "name", "hint", "scopes", "user", "department", "user_type",
                              "created_at", "expires_at", "last_used_at", "status"})
        QVERIFY2(row.contains(QLatin1String(field)), field);
    QCOMPARE(row.value(QLatin1String("name")).toString(), QStringLiteral("ci-deploy"));
    QCOMPARE(row.value(QLatin1String("scopes")).toArray(),
             QJsonArray({QStringLiteral("collection"), QStringLiteral("device")}));
    QCOMPARE(row.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    QCOMPARE(row.value(QLatin1String("department")).toString(), QStringLiteral("Research"));
    QCOMPARE(row.value(QLatin1String("user_type")).toString(), QStringLiteral("Standard"));
    QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("active"));
    QVERIFY(row.value(QLatin1String("last_used_at")).isNull());
    const QDateTime expires =
        QDateTime::fromString(row.value(QLatin1String("expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires.isValid());
    QVERIFY(qAbs(expires.toMSecsSinceEpoch() - Clock::now().addDays(90).toMSecsSinceEpoch()) <
            120000);
    QVERIFY(row.value(QLatin1String("created_at")).toString().endsWith(QLatin1Char('Z')));
    const QString id = QString::number(row.value(QLatin1String("id")).toInteger());

    Run verify = cli({QStringLiteral("token"), QStringLiteral("verify")}, token + "\n");
    QCOMPARE(verify.exit, 0);
    QVERIFY(verify.out.startsWith("active:"));
    QVERIFY(verify.out.contains("collection,device"));

    Run edit = cli({QStringLiteral("token"), QStringLiteral("edit-scope"), id,
                    QStringLiteral("--scope"), QStringLiteral("policy")});
    QCOMPARE(edit.exit, 0);
    // Rotate: a new secret on stdout; the old one works for the overlap (default a day).
    Run rotated = cli({QStringLiteral("token"), QStringLiteral("rotate"), id});
    QCOMPARE(rotated.exit, 0);
    const QByteArray fresh = rotated.out.trimmed();
    noteSecret(fresh);
    QVERIFY(fresh.startsWith("tdk_") && fresh != token.trimmed());
    QVERIFY2(rotated.err.contains("works until "), rotated.err.constData());
    Run oldStill = cli({QStringLiteral("token"), QStringLiteral("verify")}, token + "\n");
    QCOMPARE(oldStill.exit, 0);
    Run freshWorks = cli({QStringLiteral("token"), QStringLiteral("verify")}, fresh + "\n");
    QCOMPARE(freshWorks.exit, 0);
    QVERIFY(freshWorks.out.startsWith("active:"));
    Run revoke = cli({QStringLiteral("token"), QStringLiteral("revoke"), id});
    QCOMPARE(revoke.exit, 0);
    QVERIFY(revoke.out.isEmpty());
    Run after = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json"),
                     QStringLiteral("--status"), QStringLiteral("revoked")});
    QCOMPARE(jsonArray(after.out).size(), 1);
    QCOMPARE(jsonArray(after.out).first().toObject().value(QLatin1String("scopes")).toArray(),
             QJsonArray({QStringLiteral("policy")}));
    // A revoked token still says which token it is (what one needs when a token leaks).
    Run verify2 = cli({QStringLiteral("token"), QStringLiteral("verify")}, token + "\n");
    QCOMPARE(verify2.exit, 8);
    QVERIFY2(verify2.out.startsWith("revoked: API token #" + id.toLatin1() + " \"ci-deploy\" of "),
             verify2.out.constData());
    QVERIFY(verify2.out.contains("; status revoked; expires "));
    QVERIFY(verify2.out.contains("; revoked 20"));
    Run verifyJson =
        cli({QStringLiteral("token"), QStringLiteral("verify"), QStringLiteral("--json")},
            token + "\n");
    QCOMPARE(verifyJson.exit, 8);
    const QJsonObject vj = QJsonDocument::fromJson(verifyJson.out).object();
    QCOMPARE(vj.value(QLatin1String("status")).toString(), QStringLiteral("revoked"));
    QCOMPARE(vj.value(QLatin1String("kind")).toString(), QStringLiteral("api_token"));
    const QJsonObject record = vj.value(QLatin1String("token")).toObject();
    QCOMPARE(QString::number(record.value(QLatin1String("id")).toInteger()), id);
    QCOMPARE(record.value(QLatin1String("name")).toString(), QStringLiteral("ci-deploy"));
    QCOMPARE(record.value(QLatin1String("status")).toString(), QStringLiteral("revoked"));
    QVERIFY(record.value(QLatin1String("expires_at")).toString().endsWith(QLatin1Char('Z')));
    QVERIFY(!record.contains(QLatin1String("secret")));
    Run typo = cli({QStringLiteral("token"), QStringLiteral("verify"), QStringLiteral("--json")},
                   token.left(49) + (token.endsWith('A') ? "B\n" : "A\n"));
    QCOMPARE(typo.exit, 8);
    QCOMPARE(QJsonDocument::fromJson(typo.out).object().value(QLatin1String("status")).toString(),
             QStringLiteral("malformed"));
    Run human = cli({QStringLiteral("token"), QStringLiteral("list")});
    QVERIFY(human.out.contains("ci-deploy"));
    QVERIFY(human.out.contains("revoked"));

    Run audit = cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(audit.exit, 0);
    const QJsonArray entries = jsonArray(audit.out);
    QStringList actions;
    for (const QJsonValue &e : entries) {
        actions << e.toObject().value(QLatin1String("action")).toString();
        QVERIFY(e.toObject()
                    .value(QLatin1String("actor"))
                    .toString()
                    .startsWith(QLatin1String("cli:")));
    }
    for (const char *a : {"store.init", "department.create", "user.create", "token.create",
                          "token.edit_scope", "token.revoke"})
        QVERIFY2(actions.contains(QLatin1String(a)), a);
    QVERIFY(!audit.out.contains(token));
    QVERIFY(!audit.out.contains("Admin-Pass-123"));

    // Nothing secret is in the store either.
    const QByteArray dump = db->dump();
    QVERIFY(!dump.contains(token));
    QVERIFY(!dump.contains(token.mid(4, 40)));
    QVERIFY(!dump.contains("Admin-Pass-123"));
    QVERIFY(!dump.contains("Alice-Pass-123"));
}

void TestCli::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    auto create = [](const QStringList &extra) {
        return QStringList{QStringLiteral("token"), QStringLiteral("create")} + extra;
    };
    const QStringList okName{QStringLiteral("--name"), QStringLiteral("fresh")};
    const QStringList okUser{QStringLiteral("--user"), QStringLiteral("alice")};
    const QStringList okScope{QStringLiteral("--scope"), QStringLiteral("collection")};
    const QStringList okExp{QStringLiteral("--expires"), QStringLiteral("+10d")};
    QTest::newRow("empty name") << create(QStringList{QStringLiteral("--name"),
                                                      QStringLiteral("   ")} +
                                          okUser + okScope + okExp)
                                << QByteArray() << 2 << "name";
    QTest::newRow("unknown user") << create(okName +
                                            QStringList{QStringLiteral("--user"),
                                                        QStringLiteral("zed")} +
                                            okScope + okExp)
                                  << QByteArray() << 3 << "zed";
    QTest::newRow("unknown scope")
        << create(okName + okUser +
                  QStringList{QStringLiteral("--scope"), QStringLiteral("collection,root")} + okExp)
        << QByteArray() << 2 << "root";
    QTest::newRow("scope not granted")
        << create(okName + okUser +
                  QStringList{QStringLiteral("--scope"), QStringLiteral("users")} + okExp)
        << QByteArray() << 2 << "users";
    QTest::newRow("past expiry") << create(okName + okUser + okScope +
                                           QStringList{QStringLiteral("--expires"),
                                                       QStringLiteral("2020-01-01")})
                                 << QByteArray() << 2 << "future";
    QTest::newRow("not a date") << create(okName + okUser + okScope +
                                          QStringList{QStringLiteral("--expires"),
                                                      QStringLiteral("tomorrow")})
                                << QByteArray() << 2 << "tomorrow";
    QTest::newRow("too long unconfirmed")
        << create(okName + okUser + okScope +
                  QStringList{QStringLiteral("--expires"), QStringLiteral("+400d")})
        << QByteArray() << 2 << "--allow-long-expiry";
    QTest::newRow("duplicate name")
        << create(QStringList{QStringLiteral("--name"), QStringLiteral("existing")} + okUser +
                  okScope + okExp)
        << QByteArray() << 4 << "existing";
    QTest::newRow("missing --expires")
        << create(okName + okUser + okScope) << QByteArray() << 2 << "--expires";
    QTest::newRow("unknown option")
        << create(okName + okUser + okScope + okExp + QStringList{QStringLiteral("--force")})
        << QByteArray() << 2 << "force";
    QTest::newRow("unknown department")
        << create(okName + okUser + okScope + okExp +
                  QStringList{QStringLiteral("--department"), QStringLiteral("Mars")})
        << QByteArray() << 3 << "Mars";
    QTest::newRow("revoke unknown id")
        << QStringList{QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("1"),
                       QStringLiteral("424242")}
        << QByteArray() << 3 << "424242";
    QTest::newRow("revoke not a number")
        << QStringList{QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("abc")}
        << QByteArray() << 2 << "abc";
    QTest::newRow("edit scope empty")
        << QStringList{QStringLiteral("token"), QStringLiteral("edit-scope"), QStringLiteral("1"),
                       QStringLiteral("--scope"), QStringLiteral(",")}
        << QByteArray() << 2 << "scope";
    QTest::newRow("rotate bad overlap")
        << QStringList{QStringLiteral("token"), QStringLiteral("rotate"), QStringLiteral("1"),
                       QStringLiteral("--overlap"), QStringLiteral("2d")}
        << QByteArray() << 2 << "2d";
    QTest::newRow("rotate unknown id")
        << QStringList{QStringLiteral("token"), QStringLiteral("rotate"), QStringLiteral("424242")}
        << QByteArray() << 3 << "424242";
    QTest::newRow("list bad status")
        << QStringList{QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--status"),
                       QStringLiteral("zombie")}
        << QByteArray() << 2 << "zombie";
    QTest::newRow("user add bad email")
        << QStringList{QStringLiteral("user"),     QStringLiteral("add"),
                       QStringLiteral("bob"),      QStringLiteral("--email"),
                       QStringLiteral("bob"),      QStringLiteral("--department"),
                       QStringLiteral("Research"), QStringLiteral("--user-type"),
                       QStringLiteral("Standard"), QStringLiteral("--password-stdin")}
        << QByteArray("Bob-Pass-1234\n") << 2 << "email";
    QTest::newRow("audit list bad outcome")
        << QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--outcome"),
                       QStringLiteral("maybe")}
        << QByteArray() << 2 << "outcome";
    QTest::newRow("user language unknown")
        << QStringList{QStringLiteral("user"), QStringLiteral("language"), QStringLiteral("alice"),
                       QStringLiteral("fr")}
        << QByteArray() << 2 << "language";
    QTest::newRow("user add bad language")
        << QStringList{QStringLiteral("user"),          QStringLiteral("add"),
                       QStringLiteral("bob"),           QStringLiteral("--email"),
                       QStringLiteral("b@example.org"), QStringLiteral("--department"),
                       QStringLiteral("Research"),      QStringLiteral("--user-type"),
                       QStringLiteral("Standard"),      QStringLiteral("--language"),
                       QStringLiteral("english"),       QStringLiteral("--password-stdin")}
        << QByteArray("Bob-Pass-1234\n") << 2 << "language";
    QTest::newRow("user add weak password")
        << QStringList{QStringLiteral("user"),          QStringLiteral("add"),
                       QStringLiteral("bob"),           QStringLiteral("--email"),
                       QStringLiteral("b@example.org"), QStringLiteral("--department"),
                       QStringLiteral("Research"),      QStringLiteral("--user-type"),
                       QStringLiteral("Standard"),      QStringLiteral("--password-stdin")}
        << QByteArray("123456789\n") << 2 << "common";
    QTest::newRow("user add no password")
        << QStringList{QStringLiteral("user"),          QStringLiteral("add"),
                       QStringLiteral("bob"),           QStringLiteral("--email"),
                       QStringLiteral("b@example.org"), QStringLiteral("--department"),
                       QStringLiteral("Research"),      QStringLiteral("--user-type"),
                       QStringLiteral("Standard"),      QStringLiteral("--password-stdin")}
        << QByteArray() << 2 << "standard input";
    QTest::newRow("user add unknown type")
        << QStringList{QStringLiteral("user"),          QStringLiteral("add"),
                       QStringLiteral("bob"),           QStringLiteral("--email"),
                       QStringLiteral("b@example.org"), QStringLiteral("--department"),
                       QStringLiteral("Research"),      QStringLiteral("--user-type"),
                       QStringLiteral("Wizard"),        QStringLiteral("--password-stdin")}
        << QByteArray("Bob-Pass-1234\n") << 3 << "Wizard";
    QTest::newRow("department duplicate")
        << QStringList{QStringLiteral("department"), QStringLiteral("add"),
                       QStringLiteral("research")}
        << QByteArray() << 4 << "Research";
    QTest::newRow("access code too short")
        << QStringList{QStringLiteral("access-code"), QStringLiteral("set"),
                       QStringLiteral("alice"),       QStringLiteral("--age"),
                       QStringLiteral("90"),          QStringLiteral("--access-code-stdin")}
        << QByteArray("a1b2c\n") << 2 << "at least 6";
    QTest::newRow("access code bad age")
        << QStringList{QStringLiteral("access-code"), QStringLiteral("set"),
                       QStringLiteral("alice"),       QStringLiteral("--age"),
                       QStringLiteral("45"),          QStringLiteral("--access-code-stdin")}
        << QByteArray("Ab-123456\n") << 2 << "--age";
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("tokens")} << QByteArray() << 2 << "tokens";
    QTest::newRow("disable unknown user")
        << QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("nobody")}
        << QByteArray() << 3 << "nobody";
    QTest::newRow("verify malformed")
        << QStringList{QStringLiteral("token"), QStringLiteral("verify")}
        << QByteArray("tdk_notatoken\n") << 8 << "";
}

void TestCli::badInputChangesNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    initStore();
    QVERIFY(!createToken(QStringLiteral("existing")).isEmpty());
    const QString before = storeState(db->location());
    Run r = cli(args, input);
    QCOMPARE(r.exit, exitCode);
    if (exitCode == 8) { // token verify: the status on stdout, nothing on stderr
        QVERIFY(r.out.startsWith("malformed: "));
    } else {
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(says, Qt::CaseInsensitive), r.err.constData());
    }
    QCOMPARE(storeState(db->location()), before);
}

void TestCli::secretsOnlyFromStandardInput()
{
    initStore();
    // There is no option that takes a password or an access code as an argument.
    Run r = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                 QStringLiteral("--email"), QStringLiteral("b@example.org"),
                 QStringLiteral("--department"), QStringLiteral("Research"),
                 QStringLiteral("--user-type"), QStringLiteral("Standard"),
                 QStringLiteral("--password"), QStringLiteral("Bob-Pass-1234")});
    QCOMPARE(r.exit, 2);
    QVERIFY(isOneErrorLine(r.err));
    QVERIFY(!r.err.contains("Bob-Pass-1234"));
    Run missing =
        cli({QStringLiteral("init"), QStringLiteral("--admin-user"), QStringLiteral("x")});
    QCOMPARE(missing.exit, 2);
    QVERIFY(missing.err.contains("--password-stdin"));
    // A password with a trailing CRLF (Windows-made files) is read without the line break.
    Run add = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                   QStringLiteral("--email"), QStringLiteral("b@example.org"),
                   QStringLiteral("--department"), QStringLiteral("Research"),
                   QStringLiteral("--user-type"), QStringLiteral("Standard"),
                   QStringLiteral("--password-stdin")},
                  "Bob-Pass-1234\r\n");
    QCOMPARE(add.exit, 0);
    auto store = Store::open(db->location());
    Domain svc(*store.value());
    QVERIFY(svc.accounts.signIn(QStringLiteral("bob"), secret("Bob-Pass-1234")).ok());
}

void TestCli::accessCodeAndTokenReset()
{
    initStore();
    Run noCode = cli({QStringLiteral("token"), QStringLiteral("reset"), QStringLiteral("alice"),
                      QStringLiteral("--access-code-stdin")},
                     "Alice-Code-77\n");
    QCOMPARE(noCode.exit, 2);
    QVERIFY(noCode.err.contains("access code"));
    Run set = cli({QStringLiteral("access-code"), QStringLiteral("set"), QStringLiteral("alice"),
                   QStringLiteral("--age"), QStringLiteral("never"),
                   QStringLiteral("--access-code-stdin")},
                  "Alice-Code-77\n");
    QCOMPARE(set.exit, 0);
    // There is no personal token yet; the first reset makes one.
    Run first = cli({QStringLiteral("token"), QStringLiteral("reset"), QStringLiteral("alice"),
                     QStringLiteral("--access-code-stdin")},
                    "Alice-Code-77\n");
    QCOMPARE(first.exit, 0);
    const QByteArray t1 = first.out.trimmed();
    QCOMPARE(TokenCodec::check(t1), TokenCodec::ParseError::None);
    const QString before = storeState(db->location());
    Run wrong = cli({QStringLiteral("token"), QStringLiteral("reset"), QStringLiteral("alice"),
                     QStringLiteral("--access-code-stdin")},
                    "Not-The-Code-1\n");
    QCOMPARE(wrong.exit, 6);
    QVERIFY(isOneErrorLine(wrong.err));
    QVERIFY(wrong.out.isEmpty());
    // Only the failure's audit row and throttle counter were added.
    QVERIFY(storeState(db->location()) != before);
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("verify")}, t1 + "\n").exit, 0);
    Run second = cli({QStringLiteral("token"), QStringLiteral("reset"), QStringLiteral("alice"),
                      QStringLiteral("--access-code-stdin")},
                     "Alice-Code-77\n");
    QCOMPARE(second.exit, 0);
    const QByteArray t2 = second.out.trimmed();
    QVERIFY(t2 != t1);
    QVERIFY(cli({QStringLiteral("token"), QStringLiteral("verify")}, t1 + "\n")
                .out.startsWith("revoked: API token #"));
    QCOMPARE(cli({QStringLiteral("token"), QStringLiteral("verify")}, t2 + "\n").exit, 0);
    QVERIFY(second.err.contains("scripts"));
}

void TestCli::listsAsJson()
{
    initStore();
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!createToken(QStringLiteral("one")).isEmpty());
    qint64 sessionId = 0;
    {
        auto store = Store::open(db->location());
        QVERIFY(store.ok());
        Domain svc(*store.value());
        auto alice =
            svc.accounts.userByName(Actor::cli(QStringLiteral("test")), QStringLiteral("alice"));
        QVERIFY(alice.ok());
        QVERIFY(svc.accounts
                    .setAccessCode(Actor::cli(QStringLiteral("test")), alice->id,
                                   secret("Alice-Code-88"), 90)
                    .ok());
        auto session = svc.sessions.create(QStringLiteral("alice"), secret("Alice-Code-88"),
                                           QStringLiteral("Pixel"), QStringLiteral("android"),
                                           QStringLiteral("1.0"), QStringLiteral("10.0.0.1"));
        QVERIFY(session.ok());
        noteSecret(session->secret);
        sessionId = session->id;
    }
    // The language of alice's notices, as `user language` set it.
    Run lang = cli({QStringLiteral("user"), QStringLiteral("language"), QStringLiteral("alice"),
                    QStringLiteral("de")});
    QVERIFY2(lang.exit == 0, lang.err.constData());
    // Every list holds objects with an id, and among them the one made above.
    const QList<std::tuple<QStringList, QString, QJsonValue>> lists = {
        {{QStringLiteral("user"), QStringLiteral("list")},
         QStringLiteral("language"),
         QStringLiteral("de")},
        {{QStringLiteral("department"), QStringLiteral("list")},
         QStringLiteral("name"),
         QStringLiteral("Research")},
        {{QStringLiteral("user"), QStringLiteral("list")},
         QStringLiteral("username"),
         QStringLiteral("alice")},
        {{QStringLiteral("user-type"), QStringLiteral("list")},
         QStringLiteral("name"),
         QStringLiteral("Standard")},
        {{QStringLiteral("session"), QStringLiteral("list")}, QStringLiteral("id"), sessionId},
        {{QStringLiteral("token"), QStringLiteral("list")},
         QStringLiteral("name"),
         QStringLiteral("one")},
        {{QStringLiteral("audit"), QStringLiteral("list")},
         QStringLiteral("action"),
         QStringLiteral("token.create")}};
    for (const auto &[cmd, field, value] : lists) {
        const QString what = cmd.join(QLatin1Char(' '));
        Run r = cli(cmd + QStringList{QStringLiteral("--json")});
        QCOMPARE(r.exit, 0);
        QJsonParseError e{};
        const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
        QVERIFY2(e.error == QJsonParseError::NoError && d.isArray(), qPrintable(what));
        QVERIFY2(!d.array().isEmpty(), qPrintable(what));
        bool found = false;
        for (const QJsonValue &v : d.array()) {
            QVERIFY2(v.isObject() && v.toObject().contains(QLatin1String("id")), qPrintable(what));
            found = found || v.toObject().value(field) == value;
        }
        QVERIFY2(found, qPrintable(what));
    }
    Run users = cli({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(jsonArray(users.out).size(), 2);
    Run types =
        cli({QStringLiteral("user-type"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(jsonArray(types.out).size(), 3);
    Run since =
        cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--json"),
             QStringLiteral("--since"), Clock::now().addDays(1).date().toString(Qt::ISODate)});
    QCOMPARE(since.exit, 0);
    QCOMPARE(jsonArray(since.out).size(), 0);
}

void TestCli::demoFillsTheStore()
{
    initStore();
    Run r = cli({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("25"),
                 QStringLiteral("--tokens"), QStringLiteral("400"), QStringLiteral("--sessions"),
                 QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("7")});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.isEmpty());
    auto count = [&](const QStringList &extra) {
        return jsonArray(cli(QStringList{QStringLiteral("token"), QStringLiteral("list"),
                                         QStringLiteral("--json")} +
                             extra)
                             .out)
            .size();
    };
    QCOMPARE(count({}), 400);
    // Mixed statuses, as a real store has.
    for (const char *status : {"active", "expiring", "expired", "revoked"})
        QVERIFY2(count({QStringLiteral("--status"), QLatin1String(status)}) > 0, status);
    QCOMPARE(jsonArray(cli({QStringLiteral("session"), QStringLiteral("list"),
                            QStringLiteral("--json"), QStringLiteral("--all")})
                           .out)
                 .size(),
             40);
    QCOMPARE(
        jsonArray(
            cli({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")}).out)
            .size(),
        27);
    Run bad = cli({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("0")});
    QCOMPARE(bad.exit, 2);
}

void TestCli::storeProblemsAreNamed()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("absent.sqlite"));
    Run m = admin(
        {QStringLiteral("--database"), missing, QStringLiteral("token"), QStringLiteral("list")});
    QCOMPARE(m.exit, 7);
    QVERIFY(isOneErrorLine(m.err));
    QVERIFY(m.err.contains(missing.toUtf8()));
    QVERIFY(!QFile::exists(missing));

    const QString junk = dir.filePath(QStringLiteral("junk.sqlite"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    Run j = admin(
        {QStringLiteral("--database"), junk, QStringLiteral("token"), QStringLiteral("list")});
    QCOMPARE(j.exit, 7);
    QVERIFY(j.err.contains(junk.toUtf8()));
    QVERIFY(j.err.contains("damaged"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(4096, 'x'));

    Run url = admin({QStringLiteral("--database"), QStringLiteral("mysql://me@host/db"),
                     QStringLiteral("token"), QStringLiteral("list")});
    QCOMPARE(url.exit, 2);
    Run pw =
        admin({QStringLiteral("--database"), QStringLiteral("postgresql://me:hunter2@127.0.0.1/db"),
               QStringLiteral("token"), QStringLiteral("list")});
    QCOMPARE(pw.exit, 2);
    QVERIFY(!pw.err.contains("hunter2"));
    // Refused for another reason (a misspelt scheme, an invalid host): the error names the URL,
    // never its password.
    for (const char *bad :
         {"postgresq://me:hunter2@127.0.0.1/db", "postgresql://me:hunter2@127.0 .0.1/db",
          "postgres://me:hunter2@[::1/db", "postgres://me:hun%74er2@[::1/db"}) {
        Run r = admin({QStringLiteral("--database"), QString::fromLatin1(bad),
                       QStringLiteral("token"), QStringLiteral("list")});
        QCOMPARE(r.exit, 2);
        QVERIFY2(!r.err.contains("hunter2") && !r.out.contains("hunter2"), r.err.constData());
        QVERIFY2(r.err.contains("me:***@"), r.err.constData()); // still says which URL
    }
    // The environment variable is honoured like --database.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TOKENDESK_DATABASE"), missing);
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("TD_ADMIN_BIN"),
            {QStringLiteral("department"), QStringLiteral("list")});
    p.waitForFinished(30000);
    QCOMPARE(p.exitCode(), 7);
    QVERIFY(takeStandardError(p, QStringLiteral("cli-stderr.txt")).contains(missing.toUtf8()));
}

void TestCli::initTwiceIsRefused()
{
    initStore();
    const QString before = storeState(db->location());
    Run again = cli({QStringLiteral("init"), QStringLiteral("--admin-user"),
                     QStringLiteral("other"), QStringLiteral("--password-stdin")},
                    "Other-Pass-123\n");
    QCOMPARE(again.exit, 4);
    QVERIFY(again.err.contains("already initialised"));
    QCOMPARE(storeState(db->location()), before);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
