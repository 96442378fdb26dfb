// SPDX-License-Identifier: MIT
// Settings ▸ Webhooks…: over a tokendesk-server an administrator registers a webhook (a wrong
// URL explained under its field first), sees its secret once in the dialog new tokens are shown
// in, the hint of it in the list, queues a test event and sees its delivery, and deletes it; over
// the local store everything is disabled with the sentence why; a Standard user has no
// Webhooks… at all.
#include "domain/webhooks/webhookservice.h"
#include "guitest.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "settings/webhooksdialog.h"
#include "store/appinfo.h"
#include "tokens/tokencreateddialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

using namespace td;
using namespace td::test;

class TestWebhooksDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void administratorManagesWebhooks();
    void standardUserHasNoWebhooks();

private:
    WebhooksDialog *open(MainWindow &window);
    Fixture m_fx;
};

void TestWebhooksDialog::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
}

void TestWebhooksDialog::cleanup()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            w->close();
}

WebhooksDialog *TestWebhooksDialog::open(MainWindow &window)
{
    QAction *action = window.findChild<QAction *>(QStringLiteral("actionWebhooks"));
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    WebhooksDialog *d = nullptr;
    (void)QTest::qWaitFor([&] {
        d = window.findChild<WebhooksDialog *>(QStringLiteral("webhooksDialog"));
        return d && d->isVisible();
    });
    return d;
}

void TestWebhooksDialog::administratorManagesWebhooks()
{
    auto ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(ctx);
    MainWindow window(*ctx);
    window.show();
    WebhooksDialog *d = open(window);
    QVERIFY(d);
    auto *add = d->findChild<QPushButton *>(QStringLiteral("addButton"));
    auto *table = d->findChild<QTableWidget *>(QStringLiteral("webhookTable"));
    if (!overServer()) {
        // The local store: nothing to manage here, and the dialog says why.
        QCOMPARE(d->message(), QStringLiteral("Webhooks are sent by tokendesk-server and are "
                                              "managed when signed in to one."));
        QVERIFY(!add->isEnabled());
        QVERIFY(!table->isEnabled());
        screenshot(d, QStringLiteral("webhooks-local"));
        return;
    }
    QVERIFY(add->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, AnswerMs);

    // Ctrl+N: Add Webhook.
    d->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(d));
    QTest::keySequence(QApplication::focusWidget() ? QApplication::focusWidget() : d,
                       QKeySequence::New);
    WebhookEditDialog *edit = nullptr;
    QTRY_VERIFY((edit = d->findChild<WebhookEditDialog *>()) && edit->isVisible());
    auto *url = edit->findChild<QLineEdit *>(QStringLiteral("urlField"));
    auto *urlError = edit->findChild<QLabel *>(QStringLiteral("urlError"));
    url->setText(QStringLiteral("https://bob:pw@hooks.example.org/x"));
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QVERIFY(edit->isVisible());
    QVERIFY(urlError->isVisible());
    QCOMPARE(urlError->text(), QStringLiteral("The URL must not contain a user name or password; "
                                              "the signature authenticates the events."));
    screenshot(edit, QStringLiteral("webhook-edit"));
    url->setText(QStringLiteral("https://hooks.example.org/tokendesk"));
    QVERIFY(!urlError->isVisible());
    edit->findChild<QCheckBox *>(QStringLiteral("session.revoked"))->setChecked(false);
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();

    // The secret, once.
    TokenCreatedDialog *shown = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (shown = d->findChild<TokenCreatedDialog *>(QStringLiteral("webhookSecretDialog"))) &&
            shown->isVisible(),
        AnswerMs);
    auto *field = shown->findChild<QLineEdit *>(QStringLiteral("tokenField"));
    const QByteArray secretText = field->text().toUtf8();
    noteSecret(secretText);
    QVERIFY(secretText.startsWith("whsec_"));
    QCOMPARE(field->accessibleName(), QStringLiteral("Webhook signing secret"));
    screenshot(shown, QStringLiteral("webhook-secret"));
    shown->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
    QVERIFY(shown->wasCopied());
    shown->reject();
    QTRY_VERIFY(!d->findChild<TokenCreatedDialog *>(QStringLiteral("webhookSecretDialog")));

    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, AnswerMs);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("https://hooks.example.org/tokendesk"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("token.expired, token.revoked"));
    QCOMPARE(table->item(0, 3)->text(),
             QStringLiteral("…") + QString::fromLatin1(secretText.right(4)));
    auto stored = m_fx.domain->webhooks.list(m_fx.cli);
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 1);
    QCOMPARE(stored->first().events,
             (QStringList{QStringLiteral("token.expired"), QStringLiteral("token.revoked")}));

    // A test event: queued, listed among the deliveries.
    auto *deliveries = d->findChild<QTableWidget *>(QStringLiteral("deliveryTable"));
    d->findChild<QPushButton *>(QStringLiteral("testButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(deliveries->rowCount(), 1, AnswerMs);
    QCOMPARE(deliveries->item(0, 1)->text(), QStringLiteral("webhook.test"));
    screenshot(d, QStringLiteral("webhooks"));

    // Delete (Del), confirmed.
    d->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(d));
    table->setFocus();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, AnswerMs);
    QCOMPARE(m_fx.domain->webhooks.list(m_fx.cli)->size(), 0);
    QCOMPARE(deliveries->rowCount(), 0);
}

void TestWebhooksDialog::standardUserHasNoWebhooks()
{
    auto ctx = signedInContext(m_fx, QStringLiteral("stan"), StandardPassword);
    QVERIFY(ctx);
    MainWindow window(*ctx);
    QAction *action = window.findChild<QAction *>(QStringLiteral("actionWebhooks"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled());
}

QTEST_MAIN(TestWebhooksDialog)
#include "tst_webhooksdialog.moc"
