// SPDX-License-Identifier: MIT
// Every destructive action of the console is a command with one confirmation and one failure
// report: the confirmation names what is affected and says what stops working; a refusal of the
// service is shown inline in that confirmation, which stays open, and nothing changes.
#include "account/managetokensdialog.h"
#include "core/clock.h"
#include "guitest.h"
#include "platform/messagebox.h"
#include "sessions/sessioncommands.h"
#include "store/appinfo.h"
#include "tokens/tokencommands.h"
#include "users/usercommands.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace td;
using namespace td::test;

class TestCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void revokeTokens();
    void deleteTokens();
    void revokeSessions();
    void disableUser();
    void deleteDepartment();
    void deleteUserType();
    void saveAndGenerate();
    void testSeamAnswersTheConfirmation();

private:
    /// Starts the command and returns its confirmation once it is on screen.
    ConfirmDialog *confirm(Command *command, const char *objectName);
    /// Presses the confirm button and waits for the answer; the dialog must stay open with
    /// the error.
    QString failureOf(ConfirmDialog *dialog);
    qint64 newToken(const QString &owner, const QString &name);
    ApiToken token(qint64 id);
    qint64 userId(const QString &name);

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_admin;
    std::unique_ptr<ConsoleContext> m_alice; // Standard: may change only her own things
    std::unique_ptr<QWidget> m_host;
};

void TestCommands::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
}

void TestCommands::init()
{
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("alice"), QStringLiteral("Standard"), StandardPassword));
    QVERIFY(addUser(m_fx, QStringLiteral("bob"), QStringLiteral("Support"), SupportPassword));
    m_admin = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    m_alice = signedInContext(m_fx, QStringLiteral("alice"), StandardPassword);
    QVERIFY(m_admin && m_alice);
    m_host = std::make_unique<QWidget>();
    m_host->resize(640, 480);
    m_host->show();
}

void TestCommands::cleanup()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            delete w;
    m_host.reset();
    m_admin.reset();
    m_alice.reset();
    stopConsoleServer();
    m_fx = Fixture();
}

ConfirmDialog *TestCommands::confirm(Command *command, const char *objectName)
{
    command->start();
    auto *dialog = m_host->findChild<ConfirmDialog *>(QString::fromLatin1(objectName));
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

QString TestCommands::failureOf(ConfirmDialog *dialog)
{
    QPointer<ConfirmDialog> guard(dialog);
    dialog->confirmButton()->click();
    // Over a server the answer comes later: until then the dialog is open and says nothing.
    (void)QTest::qWaitFor(
        [&] { return !guard || !guard->isVisible() || !guard->errorText().isEmpty(); }, AnswerMs);
    if (!guard || !guard->isVisible())
        return QStringLiteral("(the confirmation closed)");
    return guard->errorText();
}

qint64 TestCommands::newToken(const QString &owner, const QString &name)
{
    NewApiToken t;
    t.name = name;
    t.scopes = {QStringLiteral("collection")};
    t.username = owner;
    t.expiresAt = Clock::now().addDays(30);
    auto created = m_fx.domain->tokens.create(m_fx.cli, t);
    return created ? created->id : 0;
}

ApiToken TestCommands::token(qint64 id)
{
    TokenQuery all;
    all.limit = 0;
    auto list = m_fx.domain->tokens.list(m_fx.cli, all);
    if (list)
        for (const ApiToken &t : list.value())
            if (t.id == id)
                return t;
    return {};
}

qint64 TestCommands::userId(const QString &name)
{
    auto u = m_fx.domain->accounts.userByName(m_fx.cli, name);
    return u ? u->id : 0;
}

void TestCommands::revokeTokens()
{
    const qint64 one = newToken(QStringLiteral("bob"), QStringLiteral("nightly-upload"));
    const qint64 two = newToken(QStringLiteral("bob"), QStringLiteral("backup-script"));
    QVERIFY(one && two);

    // Many: the question counts them, the list names each with its owner.
    auto *command = new RevokeTokensCommand(*m_alice, {token(one), token(two)}, m_host.get());
    ConfirmDialog *d = confirm(command, "revokeTokensDialog");
    QVERIFY(d);
    QCOMPARE(d->windowTitle(), QStringLiteral("Revoke 2 API Tokens"));
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("2 API tokens")));
    const QString listed = child<QLabel>(d, "affectedList")->text();
    QVERIFY2(listed.contains(QLatin1String("nightly-upload")) &&
                 listed.contains(QLatin1String("backup-script")) &&
                 listed.contains(QLatin1String("bob")),
             qPrintable(listed));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Revoke"));
    screenshot(d, QStringLiteral("command-revoke-tokens"));

    // Alice (Standard) may not revoke bob's tokens: the refusal is shown in the confirmation.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QVERIFY(d->isVisible());
    QVERIFY(!token(one).revokedAt.isValid());
    QVERIFY(!token(two).revokedAt.isValid());
    screenshot(d, QStringLiteral("command-revoke-tokens-failed"));

    // As an administrator: done, and the confirmation closes.
    d->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!m_host->findChild<ConfirmDialog *>(), AnswerMs); // closed and deleted
    auto *ok = new RevokeTokensCommand(*m_admin, {token(one)}, m_host.get());
    QSignalSpy done(ok, &Command::finished);
    d = confirm(ok, "revokeTokensDialog");
    QVERIFY(d);
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("nightly-upload")));
    QVERIFY(!d->findChild<QLabel *>(QStringLiteral("affectedList"))); // one: named in the question
    d->confirmButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, AnswerMs);
    QVERIFY(token(one).revokedAt.isValid());
    QVERIFY(!token(two).revokedAt.isValid());
}

void TestCommands::deleteTokens()
{
    const qint64 id = newToken(QStringLiteral("alice"), QStringLiteral("old-ci"));
    QVERIFY(id);
    QVERIFY(m_fx.domain->tokens.revoke(m_fx.cli, {id}));
    auto *command = new DeleteTokensCommand(*m_alice, {token(id)}, m_host.get());
    ConfirmDialog *d = confirm(command, "deleteTokensDialog");
    QVERIFY(d);
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("old-ci")));
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("alice")));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Delete"));
    // Only administrators delete tokens.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QCOMPARE(token(id).id, id); // still there
}

void TestCommands::revokeSessions()
{
    const qint64 bob = userId(QStringLiteral("bob"));
    QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, bob, secret("Bob#Code99"), 90));
    auto session = m_fx.domain->sessions.create(
        QStringLiteral("bob"), secret("Bob#Code99"), QStringLiteral("Bob's Pixel"),
        QStringLiteral("android"), QStringLiteral("3.0"), QStringLiteral("10.1.1.1"));
    QVERIFY(session);
    auto listed = m_fx.domain->sessions.session(m_fx.cli, session->id);
    QVERIFY(listed);
    auto *command = new RevokeSessionsCommand(
        *m_alice, {session->id}, {RevokeSessionsCommand::nameOf(listed.value())}, m_host.get());
    ConfirmDialog *d = confirm(command, "revokeSessionsDialog");
    QVERIFY(d);
    const QString question = child<QLabel>(d, "questionLabel")->text();
    QVERIFY2(question.contains(QLatin1String("bob")) &&
                 question.contains(QLatin1String("Bob's Pixel")),
             qPrintable(question));
    QVERIFY(child<QLabel>(d, "consequencesLabel")->text().contains(QLatin1String("signed out")));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Revoke"));
    screenshot(d, QStringLiteral("command-revoke-session"));
    // Alice may revoke only her own sessions.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QVERIFY(m_fx.domain->tokens.verify(session->secret.bytes(), {})->valid());
}

void TestCommands::disableUser()
{
    const qint64 bob = userId(QStringLiteral("bob"));
    QVERIFY(newToken(QStringLiteral("bob"), QStringLiteral("one")));
    auto live = m_fx.domain->accounts.liveCredentials(m_fx.cli, bob);
    QVERIFY(live);
    auto user = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("bob"));
    QVERIFY(user);
    auto *command = new DisableUserCommand(*m_alice, user.value(), live.value(), m_host.get());
    ConfirmDialog *d = confirm(command, "disableUserDialog");
    QVERIFY(d);
    QCOMPARE(d->windowTitle(), QStringLiteral("Disable user?"));
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("bob")));
    const QString consequences = child<QLabel>(d, "consequencesLabel")->text();
    QVERIFY2(consequences.contains(QLatin1String("1 API token")) &&
                 consequences.contains(QLatin1String("0 mobile session")),
             qPrintable(consequences));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Disable"));
    screenshot(d, QStringLiteral("command-disable-user"));
    // Alice does not manage users.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QVERIFY(m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("bob"))->enabled());
}

void TestCommands::deleteDepartment()
{
    auto departments = m_fx.domain->accounts.departments(m_fx.cli);
    QVERIFY(departments);
    Department admin;
    for (const Department &d : departments.value())
        if (d.name == QLatin1String("Administration"))
            admin = d;
    QVERIFY(admin.id);
    auto *command = new DeleteDepartmentCommand(*m_admin, admin, m_host.get());
    ConfirmDialog *d = confirm(command, "deleteDepartmentDialog");
    QVERIFY(d);
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("Administration")));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Delete"));
    // It has users: the service refuses, the confirmation says so and stays open.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QCOMPARE(m_fx.domain->accounts.departments(m_fx.cli)->size(), departments->size());
    screenshot(d, QStringLiteral("command-delete-department-failed"));
}

void TestCommands::deleteUserType()
{
    auto types = m_fx.domain->accounts.userTypes(m_fx.cli);
    QVERIFY(types);
    UserType standard;
    for (const UserType &t : types.value())
        if (t.name == QLatin1String("Standard"))
            standard = t;
    QVERIFY(standard.id);
    auto *command = new DeleteUserTypeCommand(*m_admin, standard, m_host.get());
    ConfirmDialog *d = confirm(command, "deleteUserTypeDialog");
    QVERIFY(d);
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("Standard")));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Delete"));
    // Built in and used by alice: refused, shown in the confirmation.
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QCOMPARE(m_fx.domain->accounts.userTypes(m_fx.cli)->size(), types->size());
}

void TestCommands::saveAndGenerate()
{
    const SecretBytes code = secret("Alice#Code9");
    const SecretBytes password = secret(StandardPassword); // her own new access code takes it
    const qint64 alice = m_alice->actor().userId;
    QVERIFY(m_fx.domain->tokens.resetPersonalToken(m_alice->actor(), alice, SecretBytes(), &code,
                                                   90, &password));
    ManageTokensDialog manage(*m_alice, m_host.get());
    manage.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manage));
    // Her account and token as read (over a server, a moment later): the token is replaced.
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&manage, "tokenStatusValue")->text(),
                              QStringLiteral("Active"), AnswerMs);
    child<QLineEdit>(&manage, "currentAccessCodeEdit")->setText(QStringLiteral("Alice#Code9"));
    // An administrator disables alice meanwhile: the service refuses her, and the refusal is
    // reported in the confirmation like every command's.
    QVERIFY(m_fx.domain->accounts.disableUser(m_fx.cli, alice));
    child<QPushButton>(&manage, "saveAndGenerateButton")->click();
    auto *d = manage.findChild<ConfirmDialog *>(QStringLiteral("generateTokenDialog"));
    QVERIFY(d);
    QVERIFY(QTest::qWaitForWindowExposed(d));
    QVERIFY(child<QLabel>(d, "questionLabel")->text().contains(QLatin1String("stops working")));
    QCOMPARE(d->confirmButton()->text(), QStringLiteral("Save and Generate"));
    const QString error = failureOf(d);
    QVERIFY2(!error.isEmpty() && error != QLatin1String("(the confirmation closed)"),
             qPrintable(error));
    QVERIFY(!manage.findChild<QDialog *>(QStringLiteral("tokenCreatedDialog")));
}

void TestCommands::testSeamAnswersTheConfirmation()
{
    // Tests answer a command's confirmation like a message box: the text is recorded, Cancel
    // changes nothing, and no dialog is left open.
    const qint64 id = newToken(QStringLiteral("bob"), QStringLiteral("seam"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    auto *command = new RevokeTokensCommand(*m_admin, {token(id)}, m_host.get());
    QSignalSpy canceled(command, &Command::canceled);
    command->start();
    QCOMPARE(canceled.size(), 1);
    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Revoke API Token"));
    QVERIFY(MessageBox::lastText().contains(QLatin1String("seam")));
    QVERIFY(!m_host->findChild<ConfirmDialog *>());
    QVERIFY(!token(id).revokedAt.isValid());
}

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
