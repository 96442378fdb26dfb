// SPDX-License-Identifier: MIT
// "Remember me on this computer" against a REAL keychain: ctest
// starts this program inside its own session bus with an unlocked gnome-keyring (see
// tests/CMakeLists.txt). When the keyring cannot start, the test fails; it never skips.
#include "account/firstrunwizard.h"
#include "account/signindialog.h"
#include "consoleapp.h"
#include "guitest.h"
#include "mainwindow.h"
#include "platform/credentialvault.h"
#include "platform/messagebox.h"
#include "store/appinfo.h"

#include <QApplication>
#include <QCheckBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

/// What the Secret Service itself holds under a key (independently of QtKeychain): secret-tool.
QByteArray secretToolLookup(const QString &key)
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
             CredentialVault::instance().serviceName()});
    if (!p.waitForFinished(10000))
        return "secret-tool did not finish";
    return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
}

/// Every item of the keyring with its attributes and secret (secret-tool search --all), as text
/// to compare; never kept for the leak scan (it holds the secrets).
QByteArray secretToolSearchAll()
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
             CredentialVault::instance().serviceName()});
    if (!p.waitForFinished(10000))
        return "secret-tool did not finish";
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QByteArray settingsBytes()
{
    QSettings().sync();
    QFile f(QSettings().fileName());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

SignInDialog *openSignIn(Store &store, const DatabaseLocation &where)
{
    auto *d = new SignInDialog(store, where);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->show();
    return d;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void rememberMeKeepsThePasswordPerStoreAndUser();
    void forgetRemovesTheEntry();
    void untickingRememberForgets();
    void firstRunWritesNothingToTheKeychain();
    void lockedKeychainStillSignsIn();
};

void TestKeychain::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QVERIFY2(!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
             "no session bus: run through ctest, which wraps this test in dbus-run-session");
    // The keyring must really work here: write, read back, delete.
    bool done = false;
    CredentialVault::Answer written;
    CredentialVault::instance().write(QStringLiteral("test-probe"), secret("probe-value"), nullptr,
                                      [&](CredentialVault::Answer &a) {
                                          written.outcome = a.outcome;
                                          written.detail = a.detail;
                                          done = true;
                                      });
    QVERIFY2(QTest::qWaitFor([&] { return done; }, 10000), "the keyring did not answer");
    QVERIFY2(written.ok(),
             qPrintable(QStringLiteral("the keyring could not start or store: ") + written.detail));
    const auto back = readKey(QStringLiteral("test-probe"));
    QCOMPARE(back.first, CredentialVault::Outcome::Ok);
    QCOMPARE(back.second, QStringLiteral("probe-value"));
}

void TestKeychain::cleanup()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
}

void TestKeychain::rememberMeKeepsThePasswordPerStoreAndUser()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    QVERIFY(addUser(fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    const DatabaseLocation where = fx.db->location();
    const QString key = CredentialVault::signInKey(where, QStringLiteral("admin"));
    QCOMPARE(readKey(key).first, CredentialVault::Outcome::NotFound);

    QPointer<SignInDialog> d = openSignIn(*fx.store, where);
    QVERIFY(QTest::qWaitForWindowExposed(d));
    auto *user = child<QLineEdit>(d, "usernameEdit");
    user->setText(QStringLiteral("admin"));
    QMetaObject::invokeMethod(user, "editingFinished");
    QTRY_VERIFY(d->keychainSettled());
    QVERIFY(d->keychainAvailable());
    auto *remember = child<QCheckBox>(d, "rememberCheck");
    QVERIFY(remember->isEnabled());
    QVERIFY(!remember->isChecked());
    QVERIFY(!child<QPushButton>(d, "forgetButton")->isEnabled()); // nothing to forget yet
    remember->setChecked(true);
    child<QLineEdit>(d, "passwordEdit")->setText(QString::fromLatin1(AdminPassword));
    screenshot(d, QStringLiteral("sign-in-remember"));
    child<QPushButton>(d, "signInButton")->click();
    QTRY_VERIFY(!d); // accepted once the keychain has it (and deleted on close)

    // In the real Secret Service, under the namespaced key.
    QCOMPARE(readKey(key),
             std::make_pair(CredentialVault::Outcome::Ok, QString::fromLatin1(AdminPassword)));
    const QByteArray raw = secretToolLookup(key).trimmed();
    QVERIFY2(!raw.isEmpty(), "secret-tool finds no entry");
    QVERIFY(raw == AdminPassword || QByteArray::fromBase64(raw) == AdminPassword);
    // Never in the settings.
    const QByteArray settings = settingsBytes();
    QVERIFY(!settings.isEmpty());
    QVERIFY(!settings.contains(AdminPassword));
    QVERIFY(!settings.contains(QByteArray(AdminPassword).toBase64()));

    // Next time: filled in for that user of that store.
    d = openSignIn(*fx.store, where);
    QCOMPARE(child<QLineEdit>(d, "usernameEdit")->text(), QStringLiteral("admin"));
    QTRY_COMPARE(child<QLineEdit>(d, "passwordEdit")->text(), QString::fromLatin1(AdminPassword));
    QVERIFY(child<QCheckBox>(d, "rememberCheck")->isChecked());
    QVERIFY(child<QPushButton>(d, "forgetButton")->isEnabled());
    QVERIFY(child<QLabel>(d, "keychainNote")->text().contains(QLatin1String("remembered")));
    screenshot(d, QStringLiteral("sign-in-remembered"));
    // Another name in the field: the remembered password goes away at once.
    user = child<QLineEdit>(d, "usernameEdit");
    user->clear();
    QTest::keyClicks(user, QStringLiteral("stan"));
    QVERIFY(child<QLineEdit>(d, "passwordEdit")->text().isEmpty());
    QVERIFY(!child<QPushButton>(d, "forgetButton")->isEnabled());
    QMetaObject::invokeMethod(user, "editingFinished");
    QTRY_VERIFY(d->keychainSettled());
    QVERIFY(child<QLineEdit>(d, "passwordEdit")->text().isEmpty()); // stan has no entry
    // Back to admin: filled again; signing in with it works.
    user->clear();
    QTest::keyClicks(user, QStringLiteral("admin"));
    QMetaObject::invokeMethod(user, "editingFinished");
    QTRY_COMPARE(child<QLineEdit>(d, "passwordEdit")->text(), QString::fromLatin1(AdminPassword));
    child<QPushButton>(d, "signInButton")->click();
    QTRY_VERIFY(!d);
    QCOMPARE(lastAudit(*fx.store).action, QStringLiteral("auth.sign_in"));
    QCOMPARE(lastAudit(*fx.store).outcome, QStringLiteral("success"));

    // Another store with a user of the same name: nothing is offered.
    Fixture other = makeFixture();
    QVERIFY2(other.ok(), qPrintable(other.error));
    QVERIFY(other.db->location().key() != where.key());
    d = openSignIn(*other.store, other.db->location());
    user = child<QLineEdit>(d, "usernameEdit");
    user->setText(QStringLiteral("admin"));
    QMetaObject::invokeMethod(user, "editingFinished");
    QTRY_VERIFY(d->keychainSettled());
    QVERIFY(child<QLineEdit>(d, "passwordEdit")->text().isEmpty());
    QVERIFY(!child<QCheckBox>(d, "rememberCheck")->isChecked());
    d->close();
}

void TestKeychain::forgetRemovesTheEntry()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    const DatabaseLocation where = fx.db->location();
    const QString key = CredentialVault::signInKey(where, QStringLiteral("admin"));
    bool done = false;
    CredentialVault::instance().write(key, secret(AdminPassword), nullptr,
                                      [&](CredentialVault::Answer &) { done = true; });
    QTRY_VERIFY(done);
    QSettings().setValue(SignInDialog::lastUserKey(where), QStringLiteral("admin"));

    QPointer<SignInDialog> d = openSignIn(*fx.store, where);
    QTRY_COMPARE(child<QLineEdit>(d, "passwordEdit")->text(), QString::fromLatin1(AdminPassword));
    auto *forget = child<QPushButton>(d, "forgetButton");
    QVERIFY(forget->isEnabled());
    forget->click();
    QTRY_VERIFY(child<QLineEdit>(d, "passwordEdit")->text().isEmpty());
    QVERIFY(!child<QCheckBox>(d, "rememberCheck")->isChecked());
    QVERIFY(!forget->isEnabled());
    QVERIFY2(child<QLabel>(d, "keychainNote")->text().contains(QLatin1String("no longer")),
             qPrintable(child<QLabel>(d, "keychainNote")->text()));
    screenshot(d, QStringLiteral("sign-in-forgotten"));
    QCOMPARE(readKey(key).first, CredentialVault::Outcome::NotFound);
    QVERIFY(secretToolLookup(key).isEmpty());
    d->close();
    // Next time nothing is filled in.
    d = openSignIn(*fx.store, where);
    QTRY_VERIFY(d->keychainSettled());
    QVERIFY(child<QLineEdit>(d, "passwordEdit")->text().isEmpty());
    d->close();
}

void TestKeychain::untickingRememberForgets()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    const DatabaseLocation where = fx.db->location();
    const QString key = CredentialVault::signInKey(where, QStringLiteral("admin"));
    bool done = false;
    CredentialVault::instance().write(key, secret(AdminPassword), nullptr,
                                      [&](CredentialVault::Answer &) { done = true; });
    QTRY_VERIFY(done);
    QSettings().setValue(SignInDialog::lastUserKey(where), QStringLiteral("admin"));
    QPointer<SignInDialog> d = openSignIn(*fx.store, where);
    QTRY_VERIFY(child<QCheckBox>(d, "rememberCheck")->isChecked());
    child<QCheckBox>(d, "rememberCheck")->setChecked(false);
    child<QPushButton>(d, "signInButton")->click();
    QTRY_VERIFY(!d);
    QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
    QCOMPARE(readKey(key).first, CredentialVault::Outcome::NotFound);
}

void TestKeychain::firstRunWritesNothingToTheKeychain()
{
    // A local store has no database password, and "Remember me" was not asked for: setting one
    // up writes nothing to the keychain, under the store's key or any other.
    const DatabaseLocation where = DatabaseLocation::defaultLocation();
    QVERIFY(!QFileInfo::exists(where.path()));
    const QByteArray before = secretToolSearchAll();
    ConsoleApp app(where, false);
    app.start();
    QTRY_VERIFY(app.firstRunWizard());
    FirstRunWizard *w = app.firstRunWizard();
    QVERIFY(child<QRadioButton>(w, "sqliteRadio")->isChecked());
    w->next();
    QCOMPARE(w->currentId(), int(FirstRunWizard::AdministratorPage));
    child<QLineEdit>(w, "departmentEdit")->setText(QStringLiteral("Operations"));
    child<QLineEdit>(w, "adminUsernameEdit")->setText(QStringLiteral("dba"));
    child<QLineEdit>(w, "adminPasswordEdit")->setText(QStringLiteral("Dba-Pass#123"));
    child<QLineEdit>(w, "adminRepeatEdit")->setText(QStringLiteral("Dba-Pass#123"));
    w->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(app.mainWindow());
    QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
    QVERIFY(QFileInfo::exists(where.path()));
    QCOMPARE(readKey(CredentialVault::signInKey(where, QStringLiteral("dba"))).first,
             CredentialVault::Outcome::NotFound);
    QCOMPARE(secretToolSearchAll(), before); // nothing new in the keyring at all
    QVERIFY(!settingsBytes().contains("Dba-Pass#123"));
    app.mainWindow()->close();
    QTRY_VERIFY(!app.mainWindow());
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        keepFileForLeakScan(where.path() + suffix);
        QFile::remove(where.path() + suffix);
    }
    QSettings().remove(ConsoleApp::storeSettingKey());
}

void TestKeychain::lockedKeychainStillSignsIn()
{
    Fixture fx = makeFixture();
    QVERIFY2(fx.ok(), qPrintable(fx.error));
    const DatabaseLocation where = fx.db->location();
    QPointer<SignInDialog> d = openSignIn(*fx.store, where);
    auto *user = child<QLineEdit>(d, "usernameEdit");
    user->setText(QStringLiteral("admin"));
    QMetaObject::invokeMethod(user, "editingFinished");
    QTRY_VERIFY(d->keychainSettled());
    QVERIFY(d->keychainAvailable());
    // Now the keyring is locked (no one can type its password here: no prompt can appear).
    // A plain method call: a QDBusInterface would introspect the service and keep what it
    // learnt in Qt's D-Bus caches for the rest of the process (LeakSanitizer reports it).
    QDBusMessage lock = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"));
    lock << QVariant::fromValue(QList<QDBusObjectPath>{
        QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))});
    const QDBusMessage reply = QDBusConnection::sessionBus().call(lock, QDBus::Block, 10000);
    QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));
    child<QCheckBox>(d, "rememberCheck")->setChecked(true);
    child<QLineEdit>(d, "passwordEdit")->setText(QString::fromLatin1(AdminPassword));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    child<QPushButton>(d, "signInButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!d, 15000); // signed in all the same
    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Password not remembered"));
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("locked")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(lastAudit(*fx.store).outcome, QStringLiteral("success"));
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
