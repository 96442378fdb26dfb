// SPDX-License-Identifier: MIT
// The real tokendesk-admin on stale tokens: `token list --unused-for`, and `token revoke-unused`
// with its dry run (counts per department and user, the list) and its confirmed count.
#include "adminrun.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace td;
using namespace td::test;

class TestCliUnusedTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_f = Fixture(); }
    void listFiltersByDisuse();
    void revokeUnusedPreviewsThenRevokes();
    void badArgumentsChangeNothing();

private:
    AdminRun run(QStringList args)
    {
        return runAdmin(QStringList{QStringLiteral("--database"), m_f.db->spec()} + args, {});
    }
    QStringList names(const QByteArray &json)
    {
        QStringList out;
        for (const QJsonValue &row : QJsonDocument::fromJson(json).array())
            out << row.toObject().value(QStringLiteral("name")).toString();
        out.sort();
        return out;
    }
    void makeToken(const QString &name, const QString &user, int ageDays, int usedDaysAgo);
    TokenStatus status(const QString &name);

    Fixture m_f;
    QHash<QString, qint64> m_ids;
};

void TestCliUnusedTokens::init()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    QVERIFY(m_f.domain->accounts.createDepartment(m_f.cli, QStringLiteral("Research")).ok());
    NewUser u;
    u.username = QStringLiteral("rita");
    u.email = QStringLiteral("rita@example.org");
    u.department = QStringLiteral("Research");
    u.userType = BuiltinUserType::Standard;
    u.password = secret("Rita-Pass#44");
    QVERIFY(m_f.domain->accounts.createUser(m_f.cli, u).ok());
    m_ids.clear();
    makeToken(QStringLiteral("old-admin"), QStringLiteral("admin"), 200, -1);
    makeToken(QStringLiteral("old-rita"), QStringLiteral("rita"), 150, 100);
    makeToken(QStringLiteral("new-rita"), QStringLiteral("rita"), 1, -1);
    makeToken(QStringLiteral("busy-rita"), QStringLiteral("rita"), 300, 2);
    QCOMPARE(m_ids.size(), 4);
}

void TestCliUnusedTokens::makeToken(const QString &name, const QString &user, int ageDays,
                                    int usedDaysAgo)
{
    NewApiToken n;
    n.name = name;
    n.scopes = {Scope::Collection};
    n.username = user;
    n.expiresAt = Clock::now().addDays(90);
    auto created = m_f.domain->tokens.create(m_f.cli, n);
    QVERIFY(created.ok());
    const qint64 now = Clock::nowMs();
    const qint64 day = 24LL * 3600 * 1000;
    QVERIFY(m_f.store
                ->write([&] {
                    m_f.store->run(QStringLiteral("UPDATE api_tokens SET created_at = ?, "
                                                  "last_used_at = ?, last_used_addr = ? "
                                                  "WHERE id = ?"),
                                   {now - ageDays * day,
                                    usedDaysAgo < 0 ? QVariant(QMetaType(QMetaType::LongLong))
                                                    : QVariant(now - usedDaysAgo * day),
                                    usedDaysAgo < 0 ? QVariant(QMetaType(QMetaType::QString))
                                                    : QVariant(QStringLiteral("10.1.2.3")),
                                    created->id});
                })
                .ok());
    m_ids.insert(name, created->id);
}

TokenStatus TestCliUnusedTokens::status(const QString &name)
{
    return m_f.domain->tokens.token(m_f.cli, m_ids.value(name))->status;
}

void TestCliUnusedTokens::listFiltersByDisuse()
{
    AdminRun r = run({"token", "list", "--json", "--unused-for", "90"});
    QCOMPARE(r.exit, 0);
    QCOMPARE(names(r.out), QStringList({"old-admin", "old-rita"}));
    r = run({"token", "list", "--json", "--unused-for", "never"});
    QCOMPARE(r.exit, 0);
    QCOMPARE(names(r.out), QStringList({"new-rita", "old-admin"}));
    r = run({"token", "list", "--json", "--unused-for", "180", "--user", "rita"});
    QCOMPARE(r.exit, 0);
    QCOMPARE(names(r.out), QStringList());
}

void TestCliUnusedTokens::revokeUnusedPreviewsThenRevokes()
{
    const qint64 auditBefore = countRows(*m_f.store, QStringLiteral("audit_log"));
    // The dry run: counts and the list, nothing changed.
    AdminRun dry = run({"token", "revoke-unused", "--unused-for", "90", "--dry-run", "--json"});
    QCOMPARE(dry.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(dry.out).object();
    QCOMPARE(o.value(QStringLiteral("total")).toInteger(), 2);
    QCOMPARE(o.value(QStringLiteral("user_count")).toInteger(), 2);
    QCOMPARE(o.value(QStringLiteral("departments")).toArray().size(), 2);
    QStringList listed;
    for (const QJsonValue &t : o.value(QStringLiteral("tokens")).toArray())
        listed << t.toObject().value(QStringLiteral("name")).toString();
    listed.sort();
    QCOMPARE(listed, QStringList({"old-admin", "old-rita"}));
    AdminRun table = run({"token", "revoke-unused", "--unused-for", "90", "--dry-run"});
    QCOMPARE(table.exit, 0);
    QVERIFY2(table.out.contains("2 token(s) not used for 90 days would be revoked"),
             table.out.constData());
    QVERIFY(table.out.contains("Research") && table.out.contains("old-rita"));
    QCOMPARE(status(QStringLiteral("old-admin")), TokenStatus::Active);
    QCOMPARE(countRows(*m_f.store, QStringLiteral("audit_log")), auditBefore);

    // Another count than the one confirmed: conflict, nothing revoked.
    AdminRun wrong = run({"token", "revoke-unused", "--unused-for", "90", "--confirm", "3"});
    QCOMPARE(wrong.exit, 4);
    QVERIFY2(wrong.err.contains("2 tokens match now"), wrong.err.constData());
    QCOMPARE(status(QStringLiteral("old-admin")), TokenStatus::Active);

    AdminRun done = run({"token", "revoke-unused", "--unused-for", "90", "--confirm", "2"});
    QCOMPARE(done.exit, 0);
    QVERIFY2(done.err.contains("Revoked 2 token(s)"), done.err.constData());
    QVERIFY(done.out.isEmpty());
    for (const char *name : {"old-admin", "old-rita"})
        QCOMPARE(status(QLatin1String(name)), TokenStatus::Revoked);
    for (const char *name : {"new-rita", "busy-rita"})
        QCOMPARE(status(QLatin1String(name)), TokenStatus::Active);
    QCOMPARE(countRows(*m_f.store, QStringLiteral("audit_log")), auditBefore + 2);
    QVERIFY(lastAudit(*m_f.store).actor.startsWith(QLatin1String("cli:")));
}

void TestCliUnusedTokens::badArgumentsChangeNothing()
{
    const QList<QStringList> bad = {
        {"token", "list", "--unused-for", "0"},
        {"token", "list", "--unused-for", "soon"},
        {"token", "revoke-unused"},
        {"token", "revoke-unused", "--unused-for", "never"},
        {"token", "revoke-unused", "--unused-for", "3651"},
        {"token", "revoke-unused", "--unused-for", "90", "--json"},
        {"token", "revoke-unused", "--unused-for", "90", "--confirm", "many"},
    };
    for (const QStringList &args : bad) {
        AdminRun r = run(args);
        QVERIFY2(r.exit == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                                         QString::number(r.exit)));
        QVERIFY(!r.err.isEmpty());
    }
    QCOMPARE(status(QStringLiteral("old-admin")), TokenStatus::Active);
}

QTEST_GUILESS_MAIN(TestCliUnusedTokens)
#include "tst_unusedtokens.moc"
