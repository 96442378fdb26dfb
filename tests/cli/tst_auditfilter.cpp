// SPDX-License-Identifier: MIT
// The audit log filtered by the CLI (`tokendesk-admin audit list --json`, the real executable)
// and by the console (AuditLogModel, the list of the Audit Log page) gives the same entries for
// the same filters: actor, action prefix in any case, text that only an action holds, dates.
#include "adminrun.h"
#include "client/localbackend.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/auditlogmodel.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace td;
using namespace td::test;

class TestAuditFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameEntries_data();
    void sameEntries();

private:
    QList<qint64> cliIds(const AuditQuery &q, QString *error);
    QList<qint64> consoleIds(const AuditQuery &q);
    Fixture m_f;
};

void TestAuditFilter::initTestCase()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    Domain &d = *m_f.domain;
    QVERIFY(d.accounts.createDepartment(m_f.cli, QStringLiteral("Research")));
    NewUser u;
    u.username = QStringLiteral("alice");
    u.email = QStringLiteral("alice@example.org");
    u.department = QStringLiteral("Research");
    u.userType = BuiltinUserType::Standard;
    u.password = secret("Alice-Pass#123");
    QVERIFY(d.accounts.createUser(m_f.cli, u));
    QVERIFY(d.accounts.createUserType(m_f.cli, QStringLiteral("Auditors"), QString(),
                                      {Permission::AuditView}));
    NewApiToken r;
    r.name = QStringLiteral("ci-deploy");
    r.username = QStringLiteral("alice");
    r.scopes = {Scope::Collection};
    r.expiresAt = Clock::now().addDays(30);
    auto created = d.tokens.create(m_f.cli, r);
    QVERIFY(created);
    QVERIFY(d.tokens.editScopes(m_f.cli, created->id, {Scope::Collection, Scope::Device}));
    QVERIFY(d.tokens.revoke(m_f.cli, {created->id}));
    // A failed sign-in: actor "alice", action auth.sign_in, outcome failure.
    QCOMPARE(d.accounts.signIn(QStringLiteral("alice"), secret("not-her-password")).code(),
             Errc::AuthenticationFailed);
}

void TestAuditFilter::sameEntries_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("sinceDays"); // relative to now; 0: no bound
    QTest::addColumn<int>("untilDays");
    QTest::addColumn<bool>("expectSome");
    QTest::newRow("no filter") << ""
                               << ""
                               << "" << 0 << 0 << true;
    QTest::newRow("action prefix in upper case") << ""
                                                 << "TOKEN."
                                                 << "" << 0 << 0 << true;
    QTest::newRow("action in mixed case") << ""
                                          << "Token.Revoke"
                                          << "" << 0 << 0 << true;
    QTest::newRow("action prefix of a word") << ""
                                             << "user"
                                             << "" << 0 << 0 << true;
    QTest::newRow("text only an action holds") << ""
                                               << ""
                                               << "edit_scope" << 0 << 0 << true;
    QTest::newRow("text of an action in upper case") << ""
                                                     << ""
                                                     << "USER_TYPE" << 0 << 0 << true;
    QTest::newRow("text in targets and actors") << ""
                                                << ""
                                                << "alice" << 0 << 0 << true;
    QTest::newRow("actor and action") << "cli:tester"
                                      << "Department"
                                      << "" << 0 << 0 << true;
    QTest::newRow("actor, action and text") << "alice"
                                            << "AUTH."
                                            << "sign" << 0 << 0 << true;
    QTest::newRow("dates around now") << ""
                                      << "token."
                                      << "" << -1 << 1 << true;
    QTest::newRow("dates in the past") << ""
                                       << ""
                                       << "" << -3 << -1 << false;
}

void TestAuditFilter::sameEntries()
{
    QFETCH(QString, actor);
    QFETCH(QString, action);
    QFETCH(QString, text);
    QFETCH(int, sinceDays);
    QFETCH(int, untilDays);
    QFETCH(bool, expectSome);
    AuditQuery q;
    q.actor = actor;
    q.action = action;
    q.text = text;
    const QDateTime now = Clock::now();
    if (sinceDays)
        q.since = now.addDays(sinceDays);
    if (untilDays)
        q.until = now.addDays(untilDays);

    QString error;
    const QList<qint64> cli = cliIds(q, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<qint64> console = consoleIds(q);
    QCOMPARE(cli, console);
    QCOMPARE(!cli.isEmpty(), expectSome);

    if (QTest::currentDataTag() == QByteArray("text only an action holds")) {
        // Honest data: the text is in the action of each entry and nowhere else.
        auto entries = m_f.domain->audit.entries(m_f.cli, q);
        QVERIFY(entries);
        for (const AuditEntry &e : entries.value()) {
            QVERIFY(e.action.contains(text));
            QVERIFY(!e.target.contains(text) && !e.details.contains(text) &&
                    !e.actor.contains(text));
        }
    }
}

QList<qint64> TestAuditFilter::cliIds(const AuditQuery &q, QString *error)
{
    QStringList args = {QStringLiteral("--database"), m_f.db->spec(), QStringLiteral("audit"),
                        QStringLiteral("list"), QStringLiteral("--json")};
    if (!q.actor.isEmpty())
        args << QStringLiteral("--actor") << q.actor;
    if (!q.action.isEmpty())
        args << QStringLiteral("--action") << q.action;
    if (!q.text.isEmpty())
        args << QStringLiteral("--filter") << q.text;
    if (q.since.isValid())
        args << QStringLiteral("--since") << Clock::iso(q.since);
    if (q.until.isValid())
        args << QStringLiteral("--until") << Clock::iso(q.until);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOKENDESK_DATABASE"));
    const AdminRun run = runAdmin(args, {}, env);
    if (run.exit != 0) {
        *error = QStringLiteral("exit %1: %2").arg(run.exit).arg(QString::fromUtf8(run.err));
        return {};
    }
    QList<qint64> ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array())
        ids << v.toObject().value(QStringLiteral("id")).toInteger();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> TestAuditFilter::consoleIds(const AuditQuery &q)
{
    LocalBackend backend(*m_f.store, m_f.cli);
    AuditLogModel model(backend);
    model.setFilter(q);
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.index(r, 0).data(AuditLogModel::IdRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QTEST_GUILESS_MAIN(TestAuditFilter)
#include "tst_auditfilter.moc"
