// SPDX-License-Identifier: MIT
// Settings ▸ Preferences…: what a user sets for their console and what an administrator sets
// for the store; a wrong field changes nothing, a Standard user cannot touch the store's part.
#include "core/clock.h"
#include "core/permissions.h"
#include "guitest.h"
#include "mainwindow.h"
#include "platform/secretclipboard.h"
#include "settings/preferencesdialog.h"
#include "store/appinfo.h"
#include "tokens/createtokendialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTest>

using namespace td;
using namespace td::test;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void administratorSetsConsoleAndStore();
    void wrongFieldChangesNothing();
    void standardUserSetsOnlyTheConsole();

private:
    PreferencesDialog *open(MainWindow &window);
    static void save(PreferencesDialog *d);
    Fixture m_fx;
};

void TestPreferences::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
}

void TestPreferences::cleanup()
{
    QSettings().clear();
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            w->close();
}

PreferencesDialog *TestPreferences::open(MainWindow &window)
{
    QAction *action = window.findChild<QAction *>(QStringLiteral("actionPreferences"));
    if (!action || action->shortcut() != QKeySequence(Qt::CTRL | Qt::Key_Comma))
        return nullptr;
    action->trigger();
    PreferencesDialog *d = nullptr;
    (void)QTest::qWaitFor([&] {
        d = window.findChild<PreferencesDialog *>(QStringLiteral("preferencesDialog"));
        return d && d->isVisible();
    });
    return d;
}

void TestPreferences::save(PreferencesDialog *d)
{
    d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
}

void TestPreferences::administratorSetsConsoleAndStore()
{
    auto ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(ctx);
    MainWindow window(*ctx);
    window.show();
    PreferencesDialog *d = open(window);
    QVERIFY(d);
    // What is in effect now.
    auto *url = d->findChild<QLineEdit *>(QStringLiteral("serverUrlEdit"));
    QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:8080"));
    auto *clip = d->findChild<QSpinBox *>(QStringLiteral("clipboardSecondsBox"));
    QCOMPARE(clip->value(), 30);
    auto *expiry = d->findChild<QComboBox *>(QStringLiteral("defaultExpiryCombo"));
    QCOMPARE(expiry->currentText(), QStringLiteral("90 days"));
    auto *maxLifetime = d->findChild<QSpinBox *>(QStringLiteral("maxLifetimeBox"));
    QVERIFY(maxLifetime->isEnabled());
    QCOMPARE(maxLifetime->value(), m_fx.domain->accounts.settings()->maxTokenLifetimeDays);
    // The unused-token policy: off until an administrator chooses a period.
    auto *policy = d->findChild<QComboBox *>(QStringLiteral("unusedPolicyCombo"));
    QTRY_VERIFY(policy->isEnabled());
    QCOMPARE(policy->currentData().toInt(), 0);
    screenshot(d, QStringLiteral("preferences"));
    policy->setCurrentIndex(policy->findData(180));

    url->setText(QStringLiteral("  https://tokens.example.org/ "));
    clip->setValue(45);
    expiry->setCurrentIndex(expiry->findData(CreateTokenDialog::Days30));
    maxLifetime->setValue(180);
    const int auditBefore = int(auditRows(ctx->store(), QStringLiteral("settings.update")).size());
    save(d);
    QTRY_VERIFY(!d->isVisible());

    QCOMPARE(ctx->serverUrl(), QStringLiteral("https://tokens.example.org"));
    QCOMPARE(SecretClipboard::instance().timeoutSeconds(), 45);
    QCOMPARE(CreateTokenDialog::defaultPreset(), CreateTokenDialog::Days30);
    QCOMPARE(m_fx.domain->accounts.settings()->maxTokenLifetimeDays, 180);
    QCOMPARE(m_fx.domain->accounts.settings()->unusedTokenPolicyDays, 180);
    QCOMPARE(int(auditRows(ctx->store(), QStringLiteral("settings.update")).size()),
             auditBefore + 1);
    // A new token starts with the chosen preset.
    CreateTokenDialog create(*ctx);
    QCOMPARE(create.findChild<QComboBox *>(QStringLiteral("expiryCombo"))->currentText(),
             QStringLiteral("30 days"));
    // The domain enforces the store's maximum: a year is refused now.
    NewApiToken year;
    year.name = QStringLiteral("too-long");
    year.username = QStringLiteral("admin");
    year.scopes = {Scope::Collection};
    year.expiresAt = Clock::now().addDays(365);
    year.longLivedConfirmed = true;
    QCOMPARE(ctx->domain().tokens.create(ctx->actor(), year).code(), Errc::InvalidArgument);
    // Back to no maximum for the other tests.
    StoreSettings s = m_fx.domain->accounts.settings().value();
    s.maxTokenLifetimeDays = 0;
    s.unusedTokenPolicyDays = 0;
    QVERIFY(m_fx.domain->accounts.updateSettings(m_fx.cli, s).ok());
}

void TestPreferences::wrongFieldChangesNothing()
{
    auto ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(ctx);
    MainWindow window(*ctx);
    window.show();
    const StoreSettings before = m_fx.domain->accounts.settings().value();
    for (const char *bad :
         {"", "ftp://tokens.example.org", "tokens.example.org", "https://",
          "https://tokens.example.org/?x=1", "https://ops:Url-Secret-55@tokens.example.org"}) {
        PreferencesDialog *d = open(window);
        QVERIFY(d);
        d->findChild<QLineEdit *>(QStringLiteral("serverUrlEdit"))->setText(QLatin1String(bad));
        d->findChild<QSpinBox *>(QStringLiteral("clipboardSecondsBox"))->setValue(99);
        d->findChild<QSpinBox *>(QStringLiteral("maxLifetimeBox"))->setValue(77);
        save(d);
        QVERIFY2(d->isVisible(), bad);
        const QString why = d->errorText(QStringLiteral("serverUrl"));
        QVERIFY2(!why.isEmpty(), bad);
        QVERIFY2(!why.contains(QLatin1String("Url-Secret-55")), qPrintable(why));
        if (QByteArray(bad).contains("Url-Secret"))
            screenshot(d, QStringLiteral("preferences-wrong-url"));
        d->reject();
        QTRY_VERIFY(!window.findChild<PreferencesDialog *>(QStringLiteral("preferencesDialog")));
    }
    // Nothing was saved: neither this console's settings nor the store's.
    QVERIFY(!QSettings().contains(QStringLiteral("server/url")));
    QVERIFY(!QSettings().contains(QStringLiteral("clipboard/clearSeconds")));
    QCOMPARE(m_fx.domain->accounts.settings()->maxTokenLifetimeDays, before.maxTokenLifetimeDays);
}

void TestPreferences::standardUserSetsOnlyTheConsole()
{
    auto ctx = signedInContext(m_fx, QStringLiteral("stan"), StandardPassword);
    QVERIFY(ctx);
    MainWindow window(*ctx);
    window.show();
    PreferencesDialog *d = open(window);
    QVERIFY(d);
    for (const char *box : {"maxLifetimeBox", "expiringSoonBox", "sessionLifetimeBox"})
        QVERIFY2(!d->findChild<QSpinBox *>(QLatin1String(box))->isEnabled(), box);
    QVERIFY(!d->findChild<QComboBox *>(QStringLiteral("unusedPolicyCombo"))->isEnabled());
    screenshot(d, QStringLiteral("preferences-standard"));
    const int auditBefore = int(auditRows(ctx->store(), QStringLiteral("settings.update")).size());
    d->findChild<QSpinBox *>(QStringLiteral("clipboardSecondsBox"))->setValue(12);
    save(d);
    QTRY_VERIFY(!d->isVisible());
    QCOMPARE(SecretClipboard::instance().timeoutSeconds(), 12);
    QCOMPARE(int(auditRows(ctx->store(), QStringLiteral("settings.update")).size()), auditBefore);
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
