// SPDX-License-Identifier: MIT
// The Users place (administrators): list and filter, create and edit users with a password
// reset, disable (revokes every token and session after a confirmation with the counts) and
// enable, departments, user types and their permissions; remembered layout; audit rows.
#include "core/clock.h"
#include "guitest.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "store/appinfo.h"
#include "users/departmentspanel.h"
#include "users/permissionlist.h"
#include "users/userdialog.h"
#include "users/usersmodel.h"
#include "users/userspage.h"
#include "users/usertypespanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace td;
using namespace td::test;

class TestUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listAndFilter();
    void createUserThroughTheDialog();
    void editUserAndResetPassword();
    void disableRevokesEverythingAfterConfirmation();
    void signInLockShownAndLifted();
    void departments();
    void userTypesAndPermissions();
    void departmentsAndUserTypesFollowChanges();
    void layoutIsRemembered();
    void windowedListScales();

private:
    UserDialog *openDialog(UsersPage *page, bool create);
    std::unique_ptr<MainWindow> window();

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
};

void TestUsers::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
}

void TestUsers::init()
{
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("alice"), QStringLiteral("Standard"), StandardPassword));
    QVERIFY(addUser(m_fx, QStringLiteral("bob"), QStringLiteral("Support"), SupportPassword,
                    QStringLiteral("robert@lab.example.org")));
    QVERIFY(addUser(m_fx, QStringLiteral("carol"), QStringLiteral("Standard"), StandardPassword));
    m_ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(m_ctx);
}

void TestUsers::cleanup()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            delete w;
    m_ctx.reset();
    stopConsoleServer();
    m_fx = Fixture();
}

std::unique_ptr<MainWindow> TestUsers::window()
{
    auto w = std::make_unique<MainWindow>(*m_ctx);
    w->show();
    w->showPage(QStringLiteral("usersPage"));
    return w;
}

UserDialog *TestUsers::openDialog(UsersPage *page, bool create)
{
    if (create)
        page->triggerNew();
    else
        page->triggerInspect();
    auto *d = page->findChild<UserDialog *>();
    if (!d)
        return nullptr;
    (void)QTest::qWaitForWindowExposed(d);
    // The departments and user types to choose from (over a server they come later).
    if (!QTest::qWaitFor(
            [&] {
                return child<QComboBox>(d, "departmentCombo")->count() > 0 &&
                       child<QComboBox>(d, "userTypeCombo")->count() > 0;
            },
            AnswerMs))
        return nullptr;
    return d;
}

void TestUsers::listAndFilter()
{
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 4, AnswerMs);
    QCOMPARE(page->model()->totalCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->user(0).username, QStringLiteral("admin"),
                              AnswerMs); // by user name
    QTRY_COMPARE_WITH_TIMEOUT(w->findChild<QLabel *>(QStringLiteral("statusText"))->text(),
                              QStringLiteral("4 user(s)"), AnswerMs);
    screenshot(w.get(), QStringLiteral("users-page"));

    auto *filter = child<QLineEdit>(page, "usersFilter");
    filter->setText(QStringLiteral("ali"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->user(0).username, QStringLiteral("alice"), AnswerMs);
    QCOMPARE(page->model()->rowCount(), 1);
    filter->setText(QStringLiteral("LAB.EXAMPLE")); // email, any case
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->user(0).username, QStringLiteral("bob"), AnswerMs);
    QCOMPARE(page->model()->rowCount(), 1);
    filter->setText(QStringLiteral("administration")); // department
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 4, AnswerMs);
    filter->setText(QStringLiteral("100%_")); // LIKE characters are literal
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 0, AnswerMs);
    QTRY_COMPARE_WITH_TIMEOUT(w->findChild<QLabel *>(QStringLiteral("statusText"))->text(),
                              QStringLiteral("0 user(s) match the filter"), AnswerMs);
    filter->clear();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 4, AnswerMs);

    // Ctrl+F, pressed in the active window, puts the focus into the filter.
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    page->view()->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(page->view()->hasFocus(), AnswerMs);
    QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(filter->hasFocus(), AnswerMs);

    // Disabled users are shown unless "Show disabled users" is off.
    auto carol = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("carol"));
    QVERIFY(m_fx.domain->accounts.disableUser(m_fx.cli, carol->id));
    page->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 4, AnswerMs);
    QVERIFY(locatedRow(page->model(), carol->id) >= 0);
    child<QCheckBox>(page, "showDisabledCheck")->setChecked(false);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 3, AnswerMs);
    QCOMPARE(locatedRow(page->model(), carol->id), -1);
}

void TestUsers::createUserThroughTheDialog()
{
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    QVERIFY(w->action(Page::New)->isEnabled());
    UserDialog *d = openDialog(page, true);
    QVERIFY(d);
    QCOMPARE(d->mode(), UserDialog::Mode::Create);
    auto *save = child<QPushButton>(d, "saveButton");
    QVERIFY(!save->isEnabled()); // nothing filled in
    child<QLineEdit>(d, "usernameEdit")->setText(QStringLiteral("dave"));
    child<QLineEdit>(d, "displayNameEdit")->setText(QStringLiteral("Dave Example"));
    child<QLineEdit>(d, "emailEdit")->setText(QStringLiteral("not-an-email"));
    auto *dept = child<QComboBox>(d, "departmentCombo");
    dept->setCurrentIndex(dept->findText(QStringLiteral("Administration")));
    QCOMPARE(child<QComboBox>(d, "userTypeCombo")->currentText(), QStringLiteral("Standard"));
    QVERIFY(child<QLabel>(d, "userTypeDescription")->text().contains(QLatin1String("Collection")));
    child<QLineEdit>(d, "passwordEdit")->setText(QStringLiteral("Dave-Pass#44"));
    QVERIFY(!save->isEnabled()); // not repeated yet
    QVERIFY(save->toolTip().contains(QLatin1String("Repeat")));
    child<QLineEdit>(d, "repeatPasswordEdit")->setText(QStringLiteral("Dave-Pass#44"));
    // The address is checked while typing (Save says why), its error shows once the field is left.
    auto *email = child<QLineEdit>(d, "emailEdit");
    auto *emailError = child<QLabel>(d, "emailError");
    QVERIFY(!save->isEnabled());
    QVERIFY2(save->toolTip().contains(QLatin1String("email address")), qPrintable(save->toolTip()));
    QVERIFY(!emailError->isVisible());
    Q_EMIT email->editingFinished();
    QVERIFY(emailError->isVisible());
    QVERIFY2(emailError->text().contains(QLatin1String("email address")),
             qPrintable(emailError->text()));
    screenshot(d, QStringLiteral("user-dialog-error"));
    email->setText(QStringLiteral("dave@example"));
    QVERIFY(emailError->isVisible() && !save->isEnabled());
    email->setText(QStringLiteral("dave@example.org")); // fixed while typing
    QVERIFY(!emailError->isVisible());
    QVERIFY2(save->isEnabled(), qPrintable(save->toolTip()));

    // The service's objection lands next to its field; nothing is created: a taken user name.
    child<QLineEdit>(d, "usernameEdit")->setText(QStringLiteral("Alice"));
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(d, "usernameError")->isVisible(), AnswerMs);
    QVERIFY(child<QLabel>(d, "usernameError")->text().contains(QLatin1String("taken")));
    QVERIFY(d->isVisible());
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("users")), 4);
    QVERIFY(!emailError->isVisible());

    child<QLineEdit>(d, "usernameEdit")->setText(QStringLiteral("dave"));
    auto *language = child<QComboBox>(d, "languageCombo");
    QCOMPARE(language->currentData().toString(), QString()); // the server's default
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    screenshot(d, QStringLiteral("user-dialog-new"));
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<UserDialog *>(), AnswerMs);
    auto dave = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("dave"));
    QVERIFY(dave);
    QCOMPARE(dave->displayName, QStringLiteral("Dave Example"));
    QCOMPARE(dave->userType, QStringLiteral("Standard"));
    QCOMPARE(dave->language, QStringLiteral("de"));
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 5, AnswerMs);
    // The new user is selected once the list has read it again.
    QTRY_VERIFY_WITH_TIMEOUT(
        page->view()->selectionModel()->selectedRows().size() == 1 &&
            page->model()->user(page->view()->selectionModel()->selectedRows().first().row()).id ==
                dave->id,
        AnswerMs);
    const QStringList created = auditRows(*m_fx.store, QStringLiteral("user.create"));
    QVERIFY2(created.first().startsWith(QLatin1String("admin|user #")) &&
                 created.first().contains(QLatin1String("dave|success|department Administration, "
                                                        "user type Standard")),
             qPrintable(created.first()));
    QVERIFY(Domain(*m_fx.store).accounts.signIn(QStringLiteral("dave"), secret("Dave-Pass#44")));
    QVERIFY(!m_fx.db->dump().contains("Dave-Pass#44"));
}

void TestUsers::editUserAndResetPassword()
{
    QVERIFY(m_fx.domain->accounts.createDepartment(m_fx.cli, QStringLiteral("Research")));
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    QVERIFY(selectUser(page, QStringLiteral("alice")));
    QVERIFY(w->action(Page::Inspect)->isEnabled());
    UserDialog *d = openDialog(page, false);
    QVERIFY(d);
    QCOMPARE(d->mode(), UserDialog::Mode::Edit);
    QVERIFY(child<QLineEdit>(d, "usernameEdit")->isReadOnly());
    auto *box = child<QGroupBox>(d, "passwordBox");
    QVERIFY(box->isCheckable() && !box->isChecked());
    child<QLineEdit>(d, "displayNameEdit")->setText(QStringLiteral("Alice Liddell"));
    auto *dept = child<QComboBox>(d, "departmentCombo");
    dept->setCurrentIndex(dept->findText(QStringLiteral("Research")));
    auto *type = child<QComboBox>(d, "userTypeCombo");
    type->setCurrentIndex(type->findText(QStringLiteral("Support")));
    auto *language = child<QComboBox>(d, "languageCombo");
    language->setCurrentIndex(language->findData(QStringLiteral("en")));
    box->setChecked(true);
    auto *save = child<QPushButton>(d, "saveButton");
    QVERIFY(!save->isEnabled()); // a reset needs the new password twice
    child<QLineEdit>(d, "passwordEdit")->setText(QStringLiteral("alice")); // the user name
    child<QLineEdit>(d, "repeatPasswordEdit")->setText(QStringLiteral("alice"));
    QVERIFY(!save->isEnabled());
    child<QLineEdit>(d, "passwordEdit")->setText(QStringLiteral("New-Alice#77"));
    child<QLineEdit>(d, "repeatPasswordEdit")->setText(QStringLiteral("New-Alice#77"));
    QVERIFY(save->isEnabled());
    screenshot(d, QStringLiteral("user-dialog-edit"));
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<UserDialog *>(), AnswerMs);

    auto alice = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"));
    QCOMPARE(alice->displayName, QStringLiteral("Alice Liddell"));
    QCOMPARE(alice->department, QStringLiteral("Research"));
    QCOMPARE(alice->userType, QStringLiteral("Support"));
    QCOMPARE(alice->language, QStringLiteral("en"));
    Domain check(*m_fx.store);
    QVERIFY(check.accounts.signIn(QStringLiteral("alice"), secret("New-Alice#77")));
    QCOMPARE(check.accounts.signIn(QStringLiteral("alice"), secret(StandardPassword)).code(),
             Errc::AuthenticationFailed);
    const QStringList updates = auditRows(*m_fx.store, QStringLiteral("user.update"));
    QCOMPARE(updates.size(), 1);
    QVERIFY2(updates.first().contains(QLatin1String("display name")) &&
                 updates.first().contains(QStringLiteral("department Administration → Research")) &&
                 updates.first().contains(QStringLiteral("user type Standard → Support")),
             qPrintable(updates.first()));
    const QStringList passwords = auditRows(*m_fx.store, QStringLiteral("user.password"));
    QCOMPARE(passwords.size(), 1);
    QVERIFY(passwords.first().endsWith(QLatin1String("password set by administrator")));

    // Editing oneself: the user type cannot change (the service refuses it too), and one's own
    // password changes only with the current one.
    QVERIFY(selectUser(page, QStringLiteral("admin")));
    d = openDialog(page, false);
    QVERIFY(d);
    QVERIFY(!child<QComboBox>(d, "userTypeCombo")->isEnabled());
    QVERIFY(!child<QComboBox>(d, "userTypeCombo")->toolTip().isEmpty());
    box = child<QGroupBox>(d, "passwordBox");
    QCOMPARE(box->title().remove(QLatin1Char('&')), QStringLiteral("Change your password"));
    box->setChecked(true);
    save = child<QPushButton>(d, "saveButton");
    child<QLineEdit>(d, "passwordEdit")->setText(QStringLiteral("Admin-Next#2026"));
    child<QLineEdit>(d, "repeatPasswordEdit")->setText(QStringLiteral("Admin-Next#2026"));
    QVERIFY(!save->isEnabled()); // the current password first
    auto *current = child<QLineEdit>(d, "currentPasswordEdit");
    current->setText(QStringLiteral("Not-The-Admin#1"));
    QVERIFY(save->isEnabled());
    save->click();
    auto *currentError = child<QLabel>(d, "currentPasswordError");
    QTRY_VERIFY_WITH_TIMEOUT(currentError->isVisible(), AnswerMs);
    QCOMPARE(currentError->text(), QStringLiteral("The current password is wrong."));
    screenshot(d, QStringLiteral("user-dialog-own-password"));
    QVERIFY(check.accounts.signIn(QStringLiteral("admin"), secret(AdminPassword)));
    current->setText(QString::fromLatin1(AdminPassword));
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<UserDialog *>(), AnswerMs);
    QVERIFY(check.accounts.signIn(QStringLiteral("admin"), secret("Admin-Next#2026")));
    const QStringList own = auditRows(*m_fx.store, QStringLiteral("user.password"));
    QCOMPARE(own.size(), 3); // the reset above, the wrong current password, the change
    QVERIFY2(own.first().endsWith(QLatin1String("changed own password")), qPrintable(own.first()));
    QVERIFY2(own.at(1).endsWith(QLatin1String("failure|wrong password")), qPrintable(own.at(1)));
}

void TestUsers::signInLockShownAndLifted()
{
    // Ten wrong access codes for alice from one address lock her mobile sign-in (not her
    // password); the Users page says so and lifts it, audited.
    auto alice = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"));
    QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, alice->id, secret("Phone#Code1"), 90));
    for (int i = 0; i < 10; ++i) {
        Clock::setOffsetForTesting((i + 1) * 61 * 1000); // past each delay
        QCOMPARE(m_fx.domain->sessions
                     .create(QStringLiteral("alice"), secret("Guess#Code2"),
                             QStringLiteral("Pixel"), QStringLiteral("android"),
                             QStringLiteral("2.1"), QStringLiteral("10.0.0.66"))
                     .code(),
                 Errc::AuthenticationFailed);
    }
    QCOMPARE(auditRows(*m_fx.store, QStringLiteral("auth.lock")).size(), 1);
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    QVERIFY(selectUser(page, QStringLiteral("alice")));
    const int row = page->model()->rowOf(alice->id);
    const QModelIndex status = page->model()->index(row, UsersModel::Status);
    QCOMPARE(status.data().toString(), QStringLiteral("Sign-in locked"));
    QVERIFY2(
        status.data(Qt::ToolTipRole).toString().contains(QLatin1String("Mobile sign-in locked")),
        qPrintable(status.data(Qt::ToolTipRole).toString()));
    auto *unlock = child<QPushButton>(page, "unlockUserButton");
    QVERIFY2(unlock->isEnabled(), qPrintable(unlock->toolTip()));
    screenshot(w.get(), QStringLiteral("users-page-locked"));
    unlock->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        page->model()->index(page->model()->rowOf(alice->id), UsersModel::Status).data().toString(),
        QStringLiteral("Enabled"), AnswerMs);
    const QStringList lifted = auditRows(*m_fx.store, QStringLiteral("auth.unlock"));
    QCOMPARE(lifted.size(), 1);
    QVERIFY2(lifted.first().startsWith(QLatin1String("admin|user alice")),
             qPrintable(lifted.first()));
    QVERIFY(selectUser(page, QStringLiteral("alice")));
    QVERIFY(!unlock->isEnabled());
    Clock::setOffsetForTesting(0);
}

void TestUsers::disableRevokesEverythingAfterConfirmation()
{
    // alice: two live API tokens, one expired, one mobile session.
    auto alice = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"));
    QStringList tokens;
    for (const QString &name : {QStringLiteral("ci"), QStringLiteral("backup")}) {
        NewApiToken t;
        t.name = name;
        t.scopes = {QStringLiteral("collection")};
        t.username = QStringLiteral("alice");
        t.expiresAt = Clock::now().addDays(30);
        auto created = m_fx.domain->tokens.create(m_fx.cli, t);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        tokens << created->secret.toQString();
    }
    QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, alice->id, secret("Phone#Code1"), 90));
    auto session = m_fx.domain->sessions.create(QStringLiteral("alice"), secret("Phone#Code1"),
                                                QStringLiteral("Pixel"), QStringLiteral("android"),
                                                QStringLiteral("2.1"), QStringLiteral("10.0.0.5"));
    QVERIFY(session);
    const QString sessionToken = session->secret.toQString();

    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    auto *disable = child<QPushButton>(page, "disableUserButton");
    auto *enable = child<QPushButton>(page, "enableUserButton");
    QVERIFY(!disable->isEnabled()); // nothing selected
    QVERIFY(selectUser(page, QStringLiteral("admin")));
    QVERIFY(!disable->isEnabled());
    QVERIFY(disable->toolTip().contains(QLatin1String("own account")));

    QVERIFY(selectUser(page, QStringLiteral("alice")));
    QVERIFY(disable->isEnabled());
    QVERIFY(!enable->isEnabled());
    // Cancel: nothing happens.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    disable->click();
    // Asked once the counts came (over a server, a moment later).
    QTRY_VERIFY2_WITH_TIMEOUT(
        MessageBox::lastText().contains(QLatin1String("2 API token")) &&
            MessageBox::lastText().contains(QLatin1String("1 mobile session")),
        qPrintable(MessageBox::lastText()), AnswerMs);
    QVERIFY(m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"))->enabled());
    QVERIFY(m_fx.domain->tokens.verify(tokens.first().toLatin1(), {})->valid());

    // The list may be reading its rows again meanwhile (it follows the changes made above):
    // a person clicks once the button is there to click.
    QTRY_VERIFY2_WITH_TIMEOUT(
        disable->isEnabled(),
        qPrintable(QStringLiteral("%1 / selected %2 / %3")
                       .arg(disable->toolTip())
                       .arg(page->view()->selectionModel()->selectedRows().size())
                       .arg(MessageBox::lastText())),
        AnswerMs);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    disable->click();
    auto *message = child<QLabel>(page, "usersMessage");
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("alice is disabled")),
                              qPrintable(message->text()), AnswerMs);
    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Disable user?"));
    QVERIFY(!m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"))->enabled());
    for (const QString &t : tokens)
        QCOMPARE(m_fx.domain->tokens.verify(t.toLatin1(), {})->status,
                 VerifiedToken::Status::Revoked);
    QCOMPARE(m_fx.domain->tokens.verify(sessionToken.toLatin1(), {})->status,
             VerifiedToken::Status::Revoked);
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens WHERE revoked_at IS NULL")), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        page->model()->index(page->model()->rowOf(alice->id), UsersModel::Status).data().toString(),
        QStringLiteral("Disabled"), AnswerMs);
    // Still selected once the list read it again, so Enable is what is offered.
    QTRY_VERIFY_WITH_TIMEOUT(enable->isEnabled(), AnswerMs);
    QVERIFY(!disable->isEnabled());
    screenshot(w.get(), QStringLiteral("users-page-disabled"));
    const AuditEntry e = lastAudit(*m_fx.store);
    QCOMPARE(e.action, QStringLiteral("user.disable"));
    QCOMPARE(e.actor, QStringLiteral("admin"));
    QCOMPARE(e.outcome, QStringLiteral("success"));
    QVERIFY2(e.details.startsWith(QLatin1String("revoked 2 API token")) &&
                 e.details.contains(QLatin1String("1 mobile session")),
             qPrintable(e.details));
    QCOMPARE(Domain(*m_fx.store)
                 .accounts.signIn(QStringLiteral("alice"), secret(StandardPassword))
                 .code(),
             Errc::PermissionDenied);

    // Enable: the account works again; revoked tokens stay revoked.
    QTRY_VERIFY_WITH_TIMEOUT(enable->isEnabled(), AnswerMs);
    enable->click();
    QTRY_COMPARE_WITH_TIMEOUT(lastAudit(*m_fx.store).action, QStringLiteral("user.enable"),
                              AnswerMs);
    QVERIFY(m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"))->enabled());
    QCOMPARE(m_fx.domain->tokens.verify(tokens.first().toLatin1(), {})->status,
             VerifiedToken::Status::Revoked);
}

void TestUsers::departments()
{
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    child<QTabWidget>(page, "usersTabs")->setCurrentIndex(1);
    auto *panel = page->findChild<DepartmentsPanel *>();
    auto *table = child<QTableWidget>(panel, "departmentsView");
    auto *message = child<QLabel>(panel, "departmentsMessage");
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, AnswerMs);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("4"));
    auto *add = child<QPushButton>(panel, "addDepartmentButton");
    QVERIFY(!add->isEnabled());
    // Ctrl+N on this tab goes to the new department's name.
    w->action(Page::New)->trigger();
    child<QLineEdit>(panel, "newDepartmentEdit")->setText(QStringLiteral("  Research  "));
    add->click();
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, AnswerMs);
    QVERIFY(child<QLineEdit>(panel, "newDepartmentEdit")->text().isEmpty());
    QCOMPARE(auditRows(*m_fx.store, QStringLiteral("department.create")).size(), 1);

    // Duplicate (any case): refused with the reason, nothing added.
    child<QLineEdit>(panel, "newDepartmentEdit")->setText(QStringLiteral("research"));
    add->click();
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("already")),
                              qPrintable(message->text()), AnswerMs);
    QCOMPARE(table->rowCount(), 2);

    // Rename in place.
    int research = table->findItems(QStringLiteral("Research"), Qt::MatchExactly).first()->row();
    table->item(research, 0)->setText(QStringLiteral("Research & Development"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().isEmpty(),
                             AnswerMs); // the rename's answer clears the last error
    QVERIFY(m_fx.domain->accounts.departments(m_fx.cli)->at(1).name ==
                QStringLiteral("Research & Development") ||
            m_fx.domain->accounts.departments(m_fx.cli)->at(0).name ==
                QStringLiteral("Research & Development"));
    QCOMPARE(lastAudit(*m_fx.store).action, QStringLiteral("department.rename"));
    // A rename to a taken name goes back to the stored name.
    research =
        table->findItems(QStringLiteral("Research & Development"), Qt::MatchExactly).first()->row();
    table->item(research, 0)->setText(QStringLiteral("ADMINISTRATION"));
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("already")),
                              qPrintable(message->text()), AnswerMs);
    QCOMPARE(table->findItems(QStringLiteral("ADMINISTRATION"), Qt::MatchExactly).size(), 0);
    QCOMPARE(table->findItems(QStringLiteral("Research & Development"), Qt::MatchExactly).size(),
             1);
    research =
        table->findItems(QStringLiteral("Research & Development"), Qt::MatchExactly).first()->row();
    screenshot(w.get(), QStringLiteral("users-departments"));

    // Delete: not the one with users; yes the empty one, after a confirmation.
    auto *del = child<QPushButton>(panel, "deleteDepartmentButton");
    const int admin =
        table->findItems(QStringLiteral("Administration"), Qt::MatchExactly).first()->row();
    table->selectRow(admin);
    QVERIFY(!del->isEnabled());
    QVERIFY(del->toolTip().contains(QLatin1String("without users")));
    table->selectRow(research);
    QVERIFY(del->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Yes);
    del->click();
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, AnswerMs);
    QCOMPARE(lastAudit(*m_fx.store).action, QStringLiteral("department.delete"));
}

void TestUsers::departmentsAndUserTypesFollowChanges()
{
    // Another console (here: another connection to the store) adds a department and a user type;
    // when the page follows the change (ChangeWatcher::changed, or the server's change stream),
    // both panels show them and keep their selection. A user type whose permissions are being
    // changed is not read again under the person changing it.
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    auto *departments = page->findChild<DepartmentsPanel *>();
    auto *table = child<QTableWidget>(departments, "departmentsView");
    auto *types = page->findChild<UserTypesPanel *>();
    auto *list = child<QListWidget>(types, "userTypesList");
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, AnswerMs);
    QTRY_VERIFY_WITH_TIMEOUT(types->select(QStringLiteral("Support")), AnswerMs);
    table->setCurrentCell(0, 0);
    const QString firstDepartment = table->item(0, 0)->text();
    const int typesBefore = list->count();

    QVERIFY(m_fx.domain->accounts.createDepartment(m_fx.cli, QStringLiteral("Aardvark Lab")).ok());
    QVERIFY(m_fx.domain->accounts
                .createUserType(m_fx.cli, QStringLiteral("Reviewer"), QStringLiteral("Reads."),
                                {QStringLiteral("audit.view")})
                .ok());
    page->followChanges();
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, AnswerMs);
    QVERIFY(!table->findItems(QStringLiteral("Aardvark Lab"), Qt::MatchExactly).isEmpty());
    QCOMPARE(table->item(table->currentRow(), 0)->text(), firstDepartment);
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), typesBefore + 1, AnswerMs);
    QVERIFY(list->currentItem());
    QVERIFY2(list->currentItem()->text().startsWith(QLatin1String("Support")),
             qPrintable(list->currentItem()->text()));

    // Unsaved permission changes stay: the list is not read again meanwhile, and a reading
    // already on its way (over a server it answers later) does not take them away.
    QVERIFY(types->select(QStringLiteral("Reviewer")));
    auto *perms = types->findChild<PermissionList *>();
    page->followChanges();
    QVERIFY(perms->setChecked(QStringLiteral("users.view"), true));
    QVERIFY(child<QPushButton>(types, "savePermissionsButton")->isEnabled());
    QVERIFY(m_fx.domain->accounts
                .createUserType(m_fx.cli, QStringLiteral("Second Reviewer"), {},
                                {QStringLiteral("audit.view")})
                .ok());
    page->followChanges();
    QTest::qWait(300);
    QCOMPARE(list->count(), typesBefore + 1);
    QVERIFY(perms->permissions().contains(QStringLiteral("users.view")));
    QVERIFY(child<QPushButton>(types, "savePermissionsButton")->isEnabled());
    // Once the change is given up (another type selected), the list catches up.
    QVERIFY(types->select(QStringLiteral("Support")));
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), typesBefore + 2, AnswerMs);
    QVERIFY(list->currentItem()->text().startsWith(QLatin1String("Support")));
}

void TestUsers::userTypesAndPermissions()
{
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    child<QTabWidget>(page, "usersTabs")->setCurrentIndex(2);
    auto *panel = page->findChild<UserTypesPanel *>();
    auto *perms = panel->findChild<PermissionList *>();
    auto *save = child<QPushButton>(panel, "savePermissionsButton");
    QTRY_VERIFY_WITH_TIMEOUT(panel->select(QStringLiteral("Standard")),
                             AnswerMs); // once the user types are read
    QVERIFY(perms->permissions().contains(QStringLiteral("tokens.manage_own")));
    QVERIFY(!perms->setChecked(QStringLiteral("audit.view"), true)); // built-in: read-only
    QVERIFY(!save->isEnabled());
    QVERIFY(child<QLabel>(panel, "userTypeNote")->text().contains(QLatin1String("Built-in")));
    QVERIFY(!child<QPushButton>(panel, "deleteUserTypeButton")->isEnabled());
    screenshot(w.get(), QStringLiteral("users-user-types"));

    // New user type.
    child<QPushButton>(panel, "newUserTypeButton")->click();
    auto *d = panel->findChild<UserTypeDialog *>();
    QVERIFY(d);
    QVERIFY(QTest::qWaitForWindowExposed(d));
    auto *create = child<QPushButton>(d, "saveButton");
    QVERIFY(!create->isEnabled());
    child<QLineEdit>(d, "userTypeNameEdit")->setText(QStringLiteral("Auditor"));
    child<QLineEdit>(d, "userTypeDescriptionEdit")->setText(QStringLiteral("Reads the log."));
    d->permissionList()->setPermissions(
        {QStringLiteral("audit.view"), QStringLiteral("users.view")});
    screenshot(d, QStringLiteral("user-type-dialog"));
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->findChild<UserTypeDialog *>() ||
                                 !panel->findChild<UserTypeDialog *>()->isVisible(),
                             AnswerMs);
    auto *list = child<QListWidget>(panel, "userTypesList");
    QTRY_VERIFY_WITH_TIMEOUT(
        list->currentItem() && list->currentItem()->text() == QLatin1String("Auditor"), AnswerMs);
    QCOMPARE(perms->permissions(),
             QStringList({QStringLiteral("users.view"), QStringLiteral("audit.view")}));

    // Change its permissions.
    QVERIFY(perms->setChecked(QStringLiteral("tokens.view_all"), true));
    QVERIFY(save->isEnabled());
    save->click();
    QTRY_COMPARE_WITH_TIMEOUT(lastAudit(*m_fx.store).action, QStringLiteral("user_type.update"),
                              AnswerMs);
    UserType auditor;
    const auto types = m_fx.domain->accounts.userTypes(m_fx.cli);
    QVERIFY(types);
    for (const UserType &t : types.value())
        if (t.name == QLatin1String("Auditor"))
            auditor = t;
    QCOMPARE(auditor.permissions,
             QStringList({QStringLiteral("audit.view"), QStringLiteral("tokens.view_all"),
                          QStringLiteral("users.view")}));
    QVERIFY2(lastAudit(*m_fx.store)
                 .details.contains(QStringLiteral(
                     "audit.view,users.view → audit.view,tokens.view_all,users.view")),
             qPrintable(lastAudit(*m_fx.store).details));

    // Delete it (unused).
    auto *del = child<QPushButton>(panel, "deleteUserTypeButton");
    QTRY_VERIFY_WITH_TIMEOUT(!save->isEnabled() && del->isEnabled(),
                             AnswerMs); // saved, and read again
    MessageBox::setNextAnswer(QMessageBox::Yes);
    del->click();
    QTRY_COMPARE_WITH_TIMEOUT(lastAudit(*m_fx.store).action, QStringLiteral("user_type.delete"),
                              AnswerMs);
    QCOMPARE(m_fx.domain->accounts.userTypes(m_fx.cli)->size(), 3);
}

void TestUsers::layoutIsRemembered()
{
    {
        auto w = window();
        auto *page = qobject_cast<UsersPage *>(w->currentPage());
        page->view()->horizontalHeader()->resizeSection(UsersModel::Email, 333);
        page->view()->horizontalHeader()->moveSection(UsersModel::Email, 0);
        QVERIFY(selectUser(page, QStringLiteral("alice")));
        UserDialog *d = openDialog(page, false);
        QVERIFY(d);
        d->resize(777, 555);
        d->reject();
        QCoreApplication::processEvents();
    }
    auto w = window();
    auto *page = qobject_cast<UsersPage *>(w->currentPage());
    QCOMPARE(page->view()->horizontalHeader()->sectionSize(UsersModel::Email), 333);
    QCOMPARE(page->view()->horizontalHeader()->visualIndex(UsersModel::Email), 0);
    QVERIFY(selectUser(page, QStringLiteral("alice")));
    UserDialog *d = openDialog(page, false);
    QVERIFY(d);
    QCOMPARE(d->size(), QSize(777, 555));
    d->reject();
}

void TestUsers::windowedListScales()
{
    // More users than one page: rows come in pages as the view scrolls, the count is exact.
    QVERIFY(m_fx.store->write([&] {
        for (int i = 0; i < 450; ++i)
            m_fx.store->run(QStringLiteral("INSERT INTO users (username, display_name, email, "
                                           "department_id, user_type_id, password_hash, "
                                           "created_at, created_by) SELECT ?, ?, '', "
                                           "department_id, user_type_id, 'x', 0, 'test' FROM "
                                           "users WHERE username = 'carol'"),
                            {QStringLiteral("bulk%1").arg(i, 4, 10, QLatin1Char('0')),
                             QStringLiteral("Bulk %1").arg(i)});
    }));
    UsersPage page(*m_ctx);
    page.resize(900, 600);
    page.show();
    UsersModel *model = page.model();
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), 454, AnswerMs);
    QCOMPARE(model->rowCount(), 454); // the count, without reading the rows
    model->setWindowSize(50);
    model->setMaxCachedWindows(3);
    // The last row is read from the end of the list, not by paging through the rest (over a
    // server, the answer does not say how the server read it: only the windows are counted).
    const auto loadsBefore = model->stats();
    page.view()->scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(model->user(453).username, QStringLiteral("carol"), AnswerMs);
    const qint64 lastRead = model->stats().windowLoads - loadsBefore.windowLoads;
    const qint64 lastAhead = model->stats().prefetches - loadsBefore.prefetches;
    QVERIFY2(lastRead - lastAhead <= 2 && lastAhead <= 2,
             qPrintable(QStringLiteral("%1 %2").arg(lastRead).arg(lastAhead)));
    if (!overServer())
        QVERIFY(model->stats().reverseLoads >= 1);
    QVERIFY(model->stats().cachedRows <= 150); // memory stays flat: at most 3 windows
    // A user far from the cached windows is found and selected by the store, not by a walk.
    const auto before = model->stats();
    QVERIFY(selectUser(&page, QStringLiteral("bulk0200")));
    // Windows asked for to show it: at most the two its rows on screen can span (a walk from
    // the top would read five), over a server also their neighbours, read ahead (how many of
    // those is a matter of timing: when the view scrolls, when the first window arrives).
    const qint64 read = model->stats().windowLoads - before.windowLoads;
    const qint64 ahead = model->stats().prefetches - before.prefetches;
    QVERIFY2(read - ahead <= 2 && ahead <= 4,
             qPrintable(QStringLiteral("%1 %2").arg(read).arg(ahead)));
    QVERIFY(model->stats().cachedRows <= 150);
    // A selected row whose window is on its way (over a server) offers no action and says
    // why; once it is read, what applies to that user (bulk0007: enabled, not oneself).
    auto *disable = child<QPushButton>(&page, "disableUserButton");
    auto *edit = child<QPushButton>(&page, "editUserButton");
    page.view()->selectRow(10);
    if (overServer()) {
        QVERIFY(model->index(10, 0).data(WindowedTableModel::LoadingRole).toBool());
        QVERIFY(!disable->isEnabled());
        QCOMPARE(disable->toolTip(), QStringLiteral("A selected row is still being read."));
        QVERIFY(!edit->isEnabled());
        page.triggerInspect();
        QVERIFY(!page.findChild<UserDialog *>()); // nothing to show yet
    }
    QTRY_VERIFY2_WITH_TIMEOUT(disable->isEnabled(), qPrintable(disable->toolTip()), AnswerMs);
    QVERIFY(edit->isEnabled());
    QCOMPARE(model->user(10).username, QStringLiteral("bulk0007"));
    // The filter is SQL, and the count follows it.
    page.findChild<QLineEdit *>(QStringLiteral("usersFilter"))->setText(QStringLiteral("bulk04"));
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), 50, AnswerMs);
    QTRY_COMPARE_WITH_TIMEOUT(model->user(49).username, QStringLiteral("bulk0449"), AnswerMs);
}

QTEST_MAIN(TestUsers)
#include "tst_users.moc"
