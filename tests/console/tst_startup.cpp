// SPDX-License-Identifier: MIT
// The console's start: first run, sign in (right, wrong, throttled), sign out, a store that
// cannot be opened, and sign-in without a keychain (this test runs with no session bus).
#include "account/firstrunwizard.h"
#include "account/managetokensdialog.h"
#include "account/signindialog.h"
#include "consoleapp.h"
#include "core/clock.h"
#include "guitest.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "store/appinfo.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace td;
using namespace td::test;

class TestStartup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void firstRunCreatesStoreAndAdministrator();
    void firstRunRefusesBadInput();
    void firstRunBrowseChoosesTheFile();
    void firstRunOnAnExistingStoreGoesToSignIn();
    void signInRightWrongAndThrottled();
    void signInWithoutKeychain();
    void signOutReturnsToSignIn();
    void disabledAccountCannotSignIn();
    void storeWithNewerSchemaIsRefused();
    void foreignOrDamagedStoreIsRefusedAndLeftAlone();
    void missingStoreGivenExplicitly();
    void sharedStoreIsReachedThroughItsServer();
};

void TestStartup::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    // No session bus in this test: no keychain. (The keychain test has its own bus.)
    QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")
                 .startsWith(QLatin1String("unix:path=/nonexistent")),
             "run through ctest: the test's environment points the session bus nowhere");
}

void TestStartup::cleanup()
{
    Clock::setOffsetForTesting(0);
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

static void fillAdministrator(FirstRunWizard *w, const QString &dept, const QString &user,
                              const QString &pw, const QString &repeat)
{
    child<QLineEdit>(w, "departmentEdit")->setText(dept);
    child<QLineEdit>(w, "adminUsernameEdit")->setText(user);
    child<QLineEdit>(w, "adminPasswordEdit")->setText(pw);
    child<QLineEdit>(w, "adminRepeatEdit")->setText(repeat);
}

void TestStartup::firstRunCreatesStoreAndAdministrator()
{
    // No file at the default path of this (fresh) HOME.
    const DatabaseLocation where = DatabaseLocation::defaultLocation();
    QVERIFY(!QFileInfo::exists(where.path()));

    ConsoleApp app(where, false);
    app.start();
    QTRY_VERIFY(app.firstRunWizard());
    FirstRunWizard *w = app.firstRunWizard();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QCOMPARE(w->currentId(), int(FirstRunWizard::StorePage));
    QCOMPARE(child<QLabel>(w, "sqlitePathLabel")->text(),
             DatabaseLocation::defaultLocation().path());
    QVERIFY(child<QRadioButton>(w, "sqliteRadio")->isChecked());
    QVERIFY(!child<QLabel>(w, "storeNotice")->isVisible());
    screenshot(w, QStringLiteral("first-run-1-store"));
    w->next();
    QCOMPARE(w->currentId(), int(FirstRunWizard::AdministratorPage));
    QVERIFY2(!child<QLabel>(w, "storeError")->isVisible(),
             qPrintable(child<QLabel>(w, "storeError")->text()));
    QVERIFY2(!QFileInfo::exists(where.path()), "nothing is created before Finish");

    QAbstractButton *finish = w->button(QWizard::FinishButton);
    QLabel *rule = child<QLabel>(w, "passwordRuleLabel");
    fillAdministrator(w, QStringLiteral("Operations"), QStringLiteral("chief"),
                      QStringLiteral("short"), QStringLiteral("short"));
    QVERIFY(!finish->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("at least 8")), qPrintable(rule->text()));
    fillAdministrator(w, QStringLiteral("Operations"), QStringLiteral("chief"),
                      QStringLiteral("Chief-Pass#9"), QStringLiteral("Chief-Pass#8"));
    QVERIFY(!finish->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("differ")), qPrintable(rule->text()));
    fillAdministrator(w, QStringLiteral("Operations"), QStringLiteral("chief"),
                      QStringLiteral("Chief-Pass#9"), QStringLiteral("Chief-Pass#9"));
    QVERIFY(finish->isEnabled());
    screenshot(w, QStringLiteral("first-run-2-administrator"));
    finish->click();

    QTRY_VERIFY(app.mainWindow());
    QVERIFY(!app.firstRunWizard() || !app.firstRunWizard()->isVisible());
    QCOMPARE(app.context()->actor().username, QStringLiteral("chief"));
    QVERIFY(app.context()->can(QStringLiteral("users.manage")));
    QCOMPARE(QFileInfo(where.path()).permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFileDevice::Permissions());
    QCOMPARE(QSettings().value(ConsoleApp::storeSettingKey()).toString(), where.display());

    Store &store = app.context()->store();
    const QStringList init = auditRows(store, QStringLiteral("store.init"));
    QCOMPARE(init.size(), 1);
    QVERIFY2(init.first().startsWith(QLatin1String("console:")), qPrintable(init.first()));
    QVERIFY2(init.first().contains(QLatin1String("first administrator chief")) &&
                 init.first().contains(QLatin1String("Operations")),
             qPrintable(init.first()));
    const QStringList signIns = auditRows(store, QStringLiteral("auth.sign_in"));
    QCOMPARE(signIns.size(), 1);
    QVERIFY(signIns.first().startsWith(QLatin1String("chief|user chief|success")));
    // The administrator's password is a hash, not the text: the row read through SQL holds a
    // hash, and the bytes of the store (SQLite: the file and its -wal, where a fresh row is)
    // hold that hash (so they hold the row) and not the password.
    auto hash = store.read([&] {
        return store
            .scalar(QStringLiteral("SELECT password_hash FROM users WHERE username = ?"),
                    {QStringLiteral("chief")})
            .toByteArray();
    });
    QVERIFY(hash.ok());
    QVERIFY2(hash->startsWith("$argon2id$"), hash->constData());
    QByteArray stored;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(where.path() + suffix);
        if (f.open(QIODevice::ReadOnly))
            stored += f.readAll();
    }
    QVERIFY(stored.contains(hash.value()));
    QVERIFY(!stored.contains("Chief-Pass#9"));
    screenshot(app.mainWindow(), QStringLiteral("first-run-3-main-window"));
    app.mainWindow()->close();
    QTRY_VERIFY(!app.mainWindow());
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        keepFileForLeakScan(where.path() + suffix); // the first-run store, before it goes
        QFile::remove(where.path() + suffix);
    }
    QSettings().remove(ConsoleApp::storeSettingKey());
}

void TestStartup::firstRunRefusesBadInput()
{
    FirstRunWizard w(DatabaseLocation::defaultLocation());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!child<QLineEdit>(&w, "serverUrlEdit")->isEnabled());
    child<QRadioButton>(&w, "serverRadio")->setChecked(true);
    QLineEdit *url = child<QLineEdit>(&w, "serverUrlEdit");
    QVERIFY(url->isEnabled());
    QAbstractButton *next = w.button(QWizard::NextButton);
    QVERIFY(!next->isEnabled() || !w.button(QWizard::FinishButton)->isEnabled());
    QLabel *error = child<QLabel>(&w, "storeError");
    // Passwords and credentials go to the server: only https.
    url->setText(QStringLiteral("http://tokens.example.org"));
    QVERIFY(!w.validateCurrentPage());
    QCOMPARE(w.currentId(), int(FirstRunWizard::StorePage));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("https://")), qPrintable(error->text()));
    // A PostgreSQL URL is not a server: the console never opens a shared database itself.
    url->setText(QStringLiteral("postgresql://td@db.example.org:5432/td"));
    QVERIFY(!w.validateCurrentPage());
    QVERIFY2(error->text().contains(QLatin1String("https://")), qPrintable(error->text()));
    // The user name belongs in the sign-in dialog.
    url->setText(QStringLiteral("https://alice@tokens.example.org"));
    QVERIFY(!w.validateCurrentPage());
    QVERIFY2(error->text().contains(QLatin1String("user name")), qPrintable(error->text()));
    QVERIFY(w.serverUrl().isEmpty());
    // Typing again clears the error; a good address is taken as it is.
    url->setText(QStringLiteral("https://tokens.example.org/"));
    QVERIFY(!error->isVisible());
    QVERIFY(w.validateCurrentPage());
    QCOMPARE(w.serverUrl(), QUrl(QStringLiteral("https://tokens.example.org")));
    QCOMPARE(w.result(), int(QDialog::Rejected));
    // The wizard ends here (the server's sign-in comes next): Connect, not Next.
    QAbstractButton *connectButton = w.button(QWizard::FinishButton);
    QVERIFY(connectButton->isVisible());
    QVERIFY(!w.button(QWizard::NextButton)->isVisible());
    QCOMPARE(connectButton->text(), QStringLiteral("C&onnect"));
    screenshot(&w, QStringLiteral("first-run-server"));
    // Back to a local store: Next to the administrator page.
    child<QRadioButton>(&w, "sqliteRadio")->setChecked(true);
    QVERIFY(w.button(QWizard::NextButton)->isVisible());
    QVERIFY(!w.button(QWizard::FinishButton)->isVisible());
    child<QRadioButton>(&w, "serverRadio")->setChecked(true);
    url->setText(QStringLiteral("http://tokens.example.org"));
    QVERIFY(!w.validateCurrentPage());
    screenshot(&w, QStringLiteral("first-run-error"));
    connectButton->click();
    QCOMPARE(w.result(), int(QDialog::Rejected)); // still open, the error shown
    QVERIFY(w.isVisible());
    // Connect with a good address ends the wizard with that server (its sign-in comes next).
    url->setText(QStringLiteral("https://tokens.example.org:8443"));
    connectButton->click();
    QTRY_COMPARE(w.result(), int(QDialog::Accepted));
    QCOMPARE(w.serverUrl(), QUrl(QStringLiteral("https://tokens.example.org:8443")));
}

void TestStartup::firstRunBrowseChoosesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString chosen = dir.filePath(QStringLiteral("team/tokens.sqlite"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("team"))));
    FirstRunWizard w(DatabaseLocation::defaultLocation());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *browse = child<QPushButton>(&w, "sqliteBrowseButton");
    QVERIFY(browse && browse->isVisible() && browse->isEnabled());
    screenshot(&w, QStringLiteral("first-run-browse"));
    browse->click();
    auto *dialog = child<QFileDialog>(&w, "sqliteFileDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    dialog->selectFile(chosen);
    static_cast<QDialog *>(dialog)->accept(); // as its Save button does
    QCOMPARE(child<QLabel>(&w, "sqlitePathLabel")->text(), chosen);
    // The server choice has no file to browse for.
    child<QRadioButton>(&w, "serverRadio")->setChecked(true);
    QVERIFY(!browse->isEnabled());
    child<QRadioButton>(&w, "sqliteRadio")->setChecked(true);
    w.next();
    QCOMPARE(w.currentId(), int(FirstRunWizard::AdministratorPage));
    fillAdministrator(&w, QStringLiteral("Operations"), QStringLiteral("chief"),
                      QStringLiteral("Chief-Pass#9"), QStringLiteral("Chief-Pass#9"));
    w.button(QWizard::FinishButton)->click();
    QTRY_COMPARE(w.result(), int(QDialog::Accepted));
    QCOMPARE(w.location().path(), chosen);
    QVERIFY(QFileInfo::exists(chosen));
    QVERIFY(!QFileInfo::exists(DatabaseLocation::defaultLocation().path()));
    QVERIFY(w.takeStore());
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        keepFileForLeakScan(chosen + suffix);
}

void TestStartup::firstRunOnAnExistingStoreGoesToSignIn()
{
    // The chosen file is set up already (another user of this computer did it).
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    const qint64 auditBefore = countRows(*fx.store, QStringLiteral("audit_log"));
    FirstRunWizard w(fx.db->location());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    w.next();
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("already set up")),
             qPrintable(MessageBox::lastText()));
    QTRY_COMPARE(w.result(), int(QDialog::Accepted));
    QVERIFY(w.existingStore());
    QVERIFY(!w.actor().isPerson());
    QVERIFY(w.takeStore());
    QCOMPARE(countRows(*fx.store, QStringLiteral("audit_log")), auditBefore);
    QCOMPARE(countRows(*fx.store, QStringLiteral("users")), 1);
}

void TestStartup::signInRightWrongAndThrottled()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    ConsoleApp app(fx.db->location(), true);
    app.start();
    QTRY_VERIFY(app.signInDialog());
    SignInDialog *d = app.signInDialog();
    QVERIFY(QTest::qWaitForWindowExposed(d));
    auto *user = child<QLineEdit>(d, "usernameEdit");
    auto *password = child<QLineEdit>(d, "passwordEdit");
    auto *signIn = child<QPushButton>(d, "signInButton");
    auto *message = child<QLabel>(d, "messageLabel");
    QVERIFY(!signIn->isEnabled()); // nothing typed
    screenshot(d, QStringLiteral("sign-in"));

    // Wrong password, unknown user: one generic message, audited with the real reason.
    user->setText(QStringLiteral("admin"));
    password->setText(QStringLiteral("wrong-password"));
    QVERIFY(signIn->isEnabled());
    signIn->click();
    QVERIFY(message->isVisible());
    const QString generic = message->text();
    QCOMPARE(generic, QStringLiteral("Unknown username or wrong password."));
    QVERIFY(password->text().isEmpty());
    QVERIFY(!app.mainWindow());
    QCOMPARE(lastAudit(*fx.store).action, QStringLiteral("auth.sign_in"));
    QCOMPARE(lastAudit(*fx.store).outcome, QStringLiteral("failure"));
    QCOMPARE(lastAudit(*fx.store).details, QStringLiteral("wrong password"));

    user->setText(QStringLiteral("ghost"));
    password->setText(QStringLiteral("whatever-1"));
    signIn->click();
    QCOMPARE(message->text(), generic);
    QCOMPARE(lastAudit(*fx.store).details, QStringLiteral("unknown username"));

    // The account's third failure starts the delay (the ghost's failure counts for "ghost", not
    // for admin: console sign-ins all come from "local"); the next attempt, even with the right
    // password, is refused with the time to wait, and Sign In stays disabled until then.
    user->setText(QStringLiteral("admin"));
    for (const char *wrong : {"wrong-again", "wrong-thrice"}) {
        password->setText(QString::fromLatin1(wrong));
        signIn->click();
        QCOMPARE(message->text(), generic);
    }
    password->setText(QString::fromLatin1(AdminPassword));
    signIn->click();
    QVERIFY(!app.mainWindow());
    QVERIFY2(message->text().startsWith(QLatin1String("Too many failed attempts. Try again in")),
             qPrintable(message->text()));
    QVERIFY2(message->text().contains(QLatin1String(" at ")), qPrintable(message->text()));
    QCOMPARE(lastAudit(*fx.store).outcome, QStringLiteral("failure"));
    QVERIFY2(lastAudit(*fx.store).details.startsWith(QLatin1String("throttled")),
             qPrintable(lastAudit(*fx.store).details));
    password->setText(QString::fromLatin1(AdminPassword));
    QVERIFY(!signIn->isEnabled());
    QVERIFY(!signIn->toolTip().isEmpty());
    screenshot(d, QStringLiteral("sign-in-throttled"));

    // Time passes: Sign In comes back by itself, and the right password works.
    Clock::setOffsetForTesting(120 * 1000);
    QTRY_COMPARE_WITH_TIMEOUT(message->text(), QStringLiteral("You can try again now."), 3000);
    QVERIFY(signIn->isEnabled());
    signIn->click();
    QTRY_VERIFY(app.mainWindow());
    QCOMPARE(app.context()->actor().username, QStringLiteral("admin"));
    QCOMPARE(lastAudit(app.context()->store()).action, QStringLiteral("auth.sign_in"));
    QCOMPARE(lastAudit(app.context()->store()).outcome, QStringLiteral("success"));
    // Four failures, one throttled attempt, one success.
    QCOMPARE(auditRows(*fx.store, QStringLiteral("auth.sign_in")).size(), 6);
    // The password never reached the audit log.
    QVERIFY(!fx.db->dump().contains(AdminPassword));
}

void TestStartup::signInWithoutKeychain()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    SignInDialog d(*fx.store, fx.db->location());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    child<QLineEdit>(&d, "usernameEdit")->setText(QStringLiteral("admin"));
    QMetaObject::invokeMethod(child<QLineEdit>(&d, "usernameEdit"), "editingFinished");
    QTRY_VERIFY(d.keychainSettled());
    QTRY_VERIFY(!d.keychainAvailable());
    auto *remember = child<QCheckBox>(&d, "rememberCheck");
    auto *note = child<QLabel>(&d, "keychainNote");
    QVERIFY(!remember->isEnabled());
    QVERIFY(!remember->isChecked());
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QLatin1String("No keychain")) &&
                 note->text().contains(QLatin1String("Signing in works")),
             qPrintable(note->text()));
    QVERIFY(!child<QPushButton>(&d, "forgetButton")->isEnabled());
    screenshot(&d, QStringLiteral("sign-in-no-keychain"));

    child<QLineEdit>(&d, "passwordEdit")->setText(QString::fromLatin1(AdminPassword));
    child<QPushButton>(&d, "signInButton")->click();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.actor().username, QStringLiteral("admin"));
    QCOMPARE(QSettings().value(SignInDialog::lastUserKey(fx.db->location())).toString(),
             QStringLiteral("admin"));
}

void TestStartup::signOutReturnsToSignIn()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    ConsoleApp app(fx.db->location(), true);
    QSignalSpy finished(&app, &ConsoleApp::finished);
    app.start();
    QTRY_VERIFY(app.signInDialog());
    child<QLineEdit>(app.signInDialog(), "usernameEdit")->setText(QStringLiteral("admin"));
    child<QLineEdit>(app.signInDialog(), "passwordEdit")
        ->setText(QString::fromLatin1(AdminPassword));
    child<QPushButton>(app.signInDialog(), "signInButton")->click();
    QTRY_VERIFY(app.mainWindow());
    QPointer<MainWindow> window = app.mainWindow();
    // Settings ▸ Manage Tokens opens the dialog for the signed-in person (once).
    QAction *manage = window->findChild<QAction *>(QStringLiteral("actionManageTokens"));
    QVERIFY(manage);
    manage->trigger();
    manage->trigger();
    QCOMPARE(window->findChildren<ManageTokensDialog *>().size(), 1);
    QVERIFY(window->findChild<ManageTokensDialog *>()->isVisible());
    window->findChild<ManageTokensDialog *>()->reject();
    QAction *signOut = window->findChild<QAction *>(QStringLiteral("actionSignOut"));
    QVERIFY(signOut);
    signOut->trigger();
    QTRY_VERIFY(!window);
    QTRY_VERIFY(app.signInDialog());
    QVERIFY(!app.context());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(lastAudit(*fx.store).action, QStringLiteral("auth.sign_out"));
    QCOMPARE(lastAudit(*fx.store).actor, QStringLiteral("admin"));
    // The last user is offered again.
    QCOMPARE(child<QLineEdit>(app.signInDialog(), "usernameEdit")->text(), QStringLiteral("admin"));
    QVERIFY(child<QLineEdit>(app.signInDialog(), "passwordEdit")->text().isEmpty());

    // Quit from the sign-in dialog ends the console.
    child<QPushButton>(app.signInDialog(), "quitButton")->click();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 0);
}

void TestStartup::disabledAccountCannotSignIn()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    QVERIFY(addUser(fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    auto stan = fx.domain->accounts.userByName(fx.cli, QStringLiteral("stan"));
    QVERIFY(stan);
    QVERIFY(fx.domain->accounts.disableUser(fx.cli, stan->id));
    SignInDialog d(*fx.store, fx.db->location());
    d.show();
    child<QLineEdit>(&d, "usernameEdit")->setText(QStringLiteral("stan"));
    child<QLineEdit>(&d, "passwordEdit")->setText(QString::fromLatin1(StandardPassword));
    child<QPushButton>(&d, "signInButton")->click();
    QVERIFY(d.result() != QDialog::Accepted);
    QVERIFY2(child<QLabel>(&d, "messageLabel")->text().contains(QLatin1String("disabled")),
             qPrintable(child<QLabel>(&d, "messageLabel")->text()));
    QCOMPARE(lastAudit(*fx.store).outcome, QStringLiteral("denied"));
}

void TestStartup::storeWithNewerSchemaIsRefused()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    QVERIFY(fx.store->write([&] {
        fx.store->run(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (999, 'from the future', 0)"));
    }));
    const qint64 auditBefore = countRows(*fx.store, QStringLiteral("audit_log"));
    ConsoleApp app(fx.db->location(), true);
    QSignalSpy finished(&app, &ConsoleApp::finished);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    app.start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 7);
    QVERIFY(!app.signInDialog() && !app.firstRunWizard() && !app.mainWindow());
    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Cannot open the TokenDesk store"));
    const QString text = MessageBox::lastText();
    QVERIFY2(text.contains(fx.db->location().display()), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("newer TokenDesk")), qPrintable(text));
    // Said once: the store's message says it, the dialog does not repeat it.
    QVERIFY2(text.count(QLatin1String("nothing was changed"), Qt::CaseInsensitive) == 1,
             qPrintable(text));
    QCOMPARE(countRows(*fx.store, QStringLiteral("audit_log")), auditBefore);
    QCOMPARE(countRows(*fx.store, QStringLiteral("schema_migrations WHERE version = 999")), 1);
}

void TestStartup::foreignOrDamagedStoreIsRefusedAndLeftAlone()
{
    ScratchDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    QByteArray before;
    {
        QFile f(scratch.location().path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        before = QByteArray("This is not a database at all; it is a damaged file. ").repeated(200);
        f.write(before);
    }
    ConsoleApp app(scratch.location(), true);
    QSignalSpy finished(&app, &ConsoleApp::finished);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    app.start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 7);
    const QString text = MessageBox::lastText();
    QVERIFY2(text.contains(scratch.location().display()), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("damaged or is not a TokenDesk store")), qPrintable(text));
    QVERIFY(!app.firstRunWizard()); // never offered to "set up" someone else's data
    QFile f(scratch.location().path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TestStartup::missingStoreGivenExplicitly()
{
    QTemporaryDir dir;
    const DatabaseLocation where =
        DatabaseLocation::sqlite(dir.filePath(QStringLiteral("typo.sqlite")));
    // A mistyped --database path is not silently a first run: asked, and Quit creates nothing.
    ConsoleApp app(where, true);
    QSignalSpy finished(&app, &ConsoleApp::finished);
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    app.start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 7);
    QVERIFY2(MessageBox::lastText().contains(where.path()), qPrintable(MessageBox::lastText()));
    QVERIFY(!QFileInfo::exists(where.path()));
    // "Create New Store…" goes to the first-run wizard for that path.
    ConsoleApp again(where, true);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    again.start();
    QTRY_VERIFY(again.firstRunWizard());
    QCOMPARE(child<QLabel>(again.firstRunWizard(), "sqlitePathLabel")->text(), where.path());
}

void TestStartup::sharedStoreIsReachedThroughItsServer()
{
    // Only servers hold database credentials: the console refuses a PostgreSQL store on its
    // command line (usage error, nothing opened) ...
    const QString shared = QStringLiteral("postgresql://td@db.example.org:5432/tokens");
    ConsoleOptions options;
    QCOMPARE(parseConsoleOptions(
                 {QStringLiteral("tokendesk"), QStringLiteral("--database"), shared}, &options),
             std::optional<int>(2));
    QVERIFY(options.database.isEmpty());
    QVERIFY(!whyNotConsoleStore(DatabaseLocation::parse(shared).value()).isEmpty());
    QVERIFY(whyNotConsoleStore(DatabaseLocation::defaultLocation()).isEmpty());
    // ... and a shared store an older console remembered is not opened: the first-run wizard
    // says why and offers the server.
    QSettings().setValue(ConsoleApp::storeSettingKey(), shared);
    QString notice;
    const DatabaseLocation where = ConsoleApp::rememberedStore(&notice);
    QCOMPARE(where.display(), DatabaseLocation::defaultLocation().display());
    QVERIFY2(notice.contains(QLatin1String("db.example.org")) &&
                 notice.contains(QLatin1String("TokenDesk server")),
             qPrintable(notice));
    ConsoleApp app(where, false);
    app.setNotice(notice);
    app.start();
    QTRY_VERIFY(app.firstRunWizard());
    FirstRunWizard *w = app.firstRunWizard();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QLabel *shown = child<QLabel>(w, "storeNotice");
    QVERIFY(shown->isVisible());
    QCOMPARE(shown->text(), notice);
    QVERIFY(child<QRadioButton>(w, "serverRadio")->isChecked());
    QVERIFY(app.context() == nullptr);
    screenshot(w, QStringLiteral("first-run-shared-store"));
    // The store kept remembered on this computer stays what it was until the user chooses.
    QCOMPARE(QSettings().value(ConsoleApp::storeSettingKey()).toString(), shared);
    w->reject();
    QSettings().remove(ConsoleApp::storeSettingKey());
    // A local file remembered is opened as before, without a notice.
    const QString file = QDir::homePath() + QStringLiteral("/elsewhere.sqlite");
    QSettings().setValue(ConsoleApp::storeSettingKey(), file);
    notice.clear();
    QCOMPARE(ConsoleApp::rememberedStore(&notice).path(), file);
    QVERIFY(notice.isEmpty());
    QSettings().remove(ConsoleApp::storeSettingKey());
}

QTEST_MAIN(TestStartup)
#include "tst_startup.moc"
