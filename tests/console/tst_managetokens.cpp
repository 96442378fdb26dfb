// SPDX-License-Identifier: MIT
// Settings ▸ Manage Tokens (seed 000): the 6–50 rule shown live, Save and Generate replaces the
// personal token atomically, a wrong current access code changes nothing, and the audit rows.
#include "account/generatetokencommand.h"
#include "account/managetokensdialog.h"
#include "guitest.h"
#include "platform/messagebox.h"
#include "security/credentialpolicy.h"
#include "store/appinfo.h"
#include "tokens/tokencreateddialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {
const QString Six = QStringLiteral("Qx7#pL");
const QString Five = QStringLiteral("Qx7#p");
// 50 and 51 characters, no runs, nothing common.
const QString Fifty = QStringLiteral("Tr8$kq2Wz!mP4vN9xB7cL1sD6fG3hJ5k-Ra0Ye2Uo8Ii4Qw7Zt");
const QString FiftyOne = Fifty + QStringLiteral("x");
} // namespace

class TestManageTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ruleShownLive();
    void saveAndGenerateReplacesTheToken();
    void wrongCurrentAccessCodeChangesNothing();
    void cancelledConfirmationChangesNothing();

private:
    QString generate(ManageTokensDialog *d, QString *note = nullptr);
    static bool accountShown(ManageTokensDialog *d);
    QString accessCodeHash();

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
    qint64 m_stanId = 0;
};

void TestManageTokens::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QVERIFY(Six.size() == 6 && Five.size() == 5 && Fifty.size() == 50 && FiftyOne.size() == 51);
}

void TestManageTokens::init()
{
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    m_ctx = signedInContext(m_fx, QStringLiteral("stan"), StandardPassword);
    QVERIFY(m_ctx);
    m_stanId = m_ctx->actor().userId;
}

void TestManageTokens::cleanup()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            w->deleteLater();
    QCoreApplication::processEvents();
    m_ctx.reset();
    stopConsoleServer();
    m_fx = Fixture();
}

QString TestManageTokens::accessCodeHash()
{
    auto r = m_fx.store->read([&] {
        return m_fx.store
            ->scalar(QStringLiteral("SELECT access_code_hash FROM users WHERE id = ?"), {m_stanId})
            .toString();
    });
    return r ? r.value() : QStringLiteral("?");
}

/// Waits (at most AnswerMs) until the dialog shows the account it read (over a server, a moment
/// after it opened).
bool TestManageTokens::accountShown(ManageTokensDialog *d)
{
    return QTest::qWaitFor([&] { return !child<QLabel>(d, "tokenStatusValue")->text().isEmpty(); },
                           AnswerMs);
}

/// Clicks Save and Generate and waits until its command ended (answered, refused or
/// cancelled), then takes the token out of the "token created" dialog and closes it (after
/// Copy, as a person would). Empty when no token was shown.
QString TestManageTokens::generate(ManageTokensDialog *d, QString *note)
{
    child<QPushButton>(d, "saveAndGenerateButton")->click();
    if (!QTest::qWaitFor([&] { return !d->findChild<GenerateTokenCommand *>(); }, AnswerMs))
        return QStringLiteral("(the command did not end)");
    auto *shown = d->findChild<TokenCreatedDialog *>();
    if (!shown)
        return {};
    if (note)
        *note = child<QLabel>(shown, "noteLabel")->text();
    const QString token = child<QLineEdit>(shown, "tokenField")->text();
    child<QPushButton>(shown, "copyButton")->click();
    shown->accept();
    QCoreApplication::processEvents();
    return token;
}

void TestManageTokens::ruleShownLive()
{
    ManageTokensDialog d(*m_ctx);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(accountShown(&d));
    auto *status = child<QLabel>(&d, "tokenStatusValue");
    auto *code = child<QLabel>(&d, "accessCodeStatusValue");
    auto *setNew = child<QPushButton>(&d, "setNewAccessCodeButton");
    auto *newCode = child<QLineEdit>(&d, "newAccessCodeEdit");
    auto *repeat = child<QLineEdit>(&d, "repeatAccessCodeEdit");
    auto *rule = child<QLabel>(&d, "accessCodeRuleLabel");
    auto *save = child<QPushButton>(&d, "saveAndGenerateButton");
    QCOMPARE(status->text(), QStringLiteral("You have no personal API token yet."));
    QCOMPARE(code->text(), QStringLiteral("Not set"));
    // Without an access code, setting one is the first step; no "current" field.
    QVERIFY(setNew->isChecked());
    QVERIFY(!child<QLineEdit>(&d, "currentAccessCodeEdit")->isVisible());
    QVERIFY(newCode->isVisible());
    QVERIFY(!save->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("at least 6")) &&
                 rule->text().contains(QLatin1String("50 characters")),
             qPrintable(rule->text()));
    // Seed 000's labels.
    QCOMPARE(child<QComboBox>(&d, "accessCodeAgeCombo")->count(), 6);
    QCOMPARE(child<QComboBox>(&d, "accessCodeAgeCombo")->itemText(5), QStringLiteral("Never"));
    QCOMPARE(child<QComboBox>(&d, "accessCodeAgeCombo")->currentData().toInt(), 90);
    QCOMPARE(save->text().remove(QLatin1Char('&')), QStringLiteral("Save and Generate"));
    QCOMPARE(setNew->text().remove(QLatin1Char('&')), QStringLiteral("Set New Access Code"));

    // A new access code of one's own takes one's password.
    auto *password = child<QLineEdit>(&d, "currentPasswordEdit");
    QVERIFY(password->isVisible());
    password->setText(QString::fromLatin1(StandardPassword));
    auto typeBoth = [&](const QString &text) {
        newCode->setText(text);
        repeat->setText(text);
    };
    typeBoth(Five);
    QVERIFY(!save->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("at least 6")) &&
                 rule->text().contains(QLatin1String("5 character")),
             qPrintable(rule->text()));
    QVERIFY(!save->toolTip().isEmpty());
    screenshot(&d, QStringLiteral("manage-tokens-too-short"));
    typeBoth(FiftyOne);
    QVERIFY(!save->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("maximum length of the access code is 50")),
             qPrintable(rule->text()));
    typeBoth(Six);
    QVERIFY2(save->isEnabled(), qPrintable(save->toolTip()));
    QVERIFY2(rule->text().contains(QLatin1String("fine")), qPrintable(rule->text()));
    typeBoth(Fifty);
    QVERIFY2(save->isEnabled(), qPrintable(save->toolTip()));
    repeat->setText(Fifty.left(49));
    QVERIFY(!save->isEnabled());
    QVERIFY(rule->text().contains(QLatin1String("differ")));
    // Other rules are explained too.
    // Long enough that its UTF-16 form (q, 0, q, 0, …) is not met by chance in a binary store
    // dump the leak scan reads (eight were met once, in a SQLite file).
    typeBoth(QStringLiteral("qqqqqqqqqqqqqqqq"));
    QVERIFY(!save->isEnabled());
    QVERIFY2(rule->text().contains(QLatin1String("repeated character")), qPrintable(rule->text()));
    QVERIFY(!rule->text().contains(QLatin1String("typed")));

    // The domain refuses what the form refuses, and nothing changes.
    for (const QString &bad : {Five, FiftyOne}) {
        QString copy = bad;
        const SecretBytes code5 = SecretBytes::fromString(copy);
        auto r = m_fx.domain->tokens.resetPersonalToken(m_ctx->actor(), m_stanId, SecretBytes(),
                                                        &code5, 90);
        QCOMPARE(r.code(), Errc::InvalidArgument);
        QCOMPARE(r.error().field, QStringLiteral("accessCode"));
    }
    QCOMPARE(accessCodeHash(), QString());
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens")), 0);
}

void TestManageTokens::saveAndGenerateReplacesTheToken()
{
    ManageTokensDialog d(*m_ctx);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(accountShown(&d));
    child<QLineEdit>(&d, "newAccessCodeEdit")->setText(Six);
    child<QLineEdit>(&d, "repeatAccessCodeEdit")->setText(Six);
    auto *age = child<QComboBox>(&d, "accessCodeAgeCombo");
    age->setCurrentIndex(age->findData(30));
    QVERIFY(!child<QPushButton>(&d, "saveAndGenerateButton")->isEnabled()); // password first
    child<QLineEdit>(&d, "currentPasswordEdit")->setText(QString::fromLatin1(StandardPassword));

    // Enter in a field changes no secret: no button of the dialog is a default one.
    for (QPushButton *b : d.findChildren<QPushButton *>())
        QVERIFY2(!b->isDefault() && !b->autoDefault(), qPrintable(b->text()));
    QTest::keyClick(child<QLineEdit>(&d, "currentPasswordEdit"), Qt::Key_Return);
    QTest::keyClick(child<QLineEdit>(&d, "repeatAccessCodeEdit"), Qt::Key_Enter);
    QCoreApplication::processEvents();
    QVERIFY(!d.findChild<TokenCreatedDialog *>());
    QVERIFY(d.isVisible());
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens")), 0);

    // First token: nothing to replace, so no confirmation, and no talk of a previous token.
    child<QPushButton>(&d, "saveAndGenerateButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(d.findChild<TokenCreatedDialog *>(), AnswerMs);
    auto *shown = d.findChild<TokenCreatedDialog *>();
    QVERIFY(QTest::qWaitForWindowExposed(shown));
    const QString firstNote = child<QLabel>(shown, "noteLabel")->text();
    QCOMPARE(firstNote, ManageTokensDialog::newTokenNote(false));
    QVERIFY(!firstNote.contains(QLatin1String("previous")));
    QVERIFY(firstNote.contains(QLatin1String("uploader accounts")));
    QVERIFY(firstNote.contains(QLatin1String("scripts or code")));
    screenshot(shown, QStringLiteral("manage-tokens-new-token"));
    const QString first = child<QLineEdit>(shown, "tokenField")->text();
    child<QPushButton>(shown, "copyButton")->click();
    shown->accept();
    QCoreApplication::processEvents();
    QVERIFY(first.startsWith(QLatin1String("tdk_")));
    auto v1 = m_fx.domain->tokens.verify(first.toLatin1(), QStringLiteral("127.0.0.1"));
    QVERIFY(v1);
    QVERIFY(v1->valid());
    QCOMPARE(v1->username, QStringLiteral("stan"));

    // The dialog now shows the token and the access code (read again).
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&d, "tokenStatusValue")->text(),
                              QStringLiteral("Active"), AnswerMs);
    QCOMPARE(child<QLabel>(&d, "tokenHintValue")->text().right(4), first.right(4));
    QVERIFY(child<QLabel>(&d, "accessCodeStatusValue")->text().startsWith(QLatin1String("Set on")));
    // Set a moment ago for 30 days: "in 30 days", not "in 29 days" (untranslated: "day(s)").
    QVERIFY2(
        child<QLabel>(&d, "accessCodeExpiresValue")->text().contains(QLatin1String("(in 30 day")),
        qPrintable(child<QLabel>(&d, "accessCodeExpiresValue")->text()));
    auto *current = child<QLineEdit>(&d, "currentAccessCodeEdit");
    QVERIFY(current->isVisible());
    QVERIFY(!child<QPushButton>(&d, "setNewAccessCodeButton")->isChecked());
    QVERIFY(!child<QPushButton>(&d, "saveAndGenerateButton")->isEnabled()); // current code first
    screenshot(&d, QStringLiteral("manage-tokens-status"));

    // Second: a new access code (50 characters, never expires) and a new token, atomically.
    child<QPushButton>(&d, "setNewAccessCodeButton")->click();
    child<QLineEdit>(&d, "newAccessCodeEdit")->setText(Fifty);
    child<QLineEdit>(&d, "repeatAccessCodeEdit")->setText(Fifty);
    age->setCurrentIndex(age->findData(0));
    current->setText(Six);
    child<QLineEdit>(&d, "currentPasswordEdit")->setText(QString::fromLatin1(StandardPassword));
    screenshot(&d, QStringLiteral("manage-tokens-set-new"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QString secondNote;
    const QString second = generate(&d, &secondNote);
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("stops working")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(secondNote, ManageTokensDialog::newTokenNote(true));
    QVERIFY(secondNote.contains(QLatin1String("previous token no longer works")));
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    auto old = m_fx.domain->tokens.verify(first.toLatin1(), QStringLiteral("127.0.0.1"));
    QVERIFY(old);
    QCOMPARE(old->status, VerifiedToken::Status::Revoked);
    auto fresh = m_fx.domain->tokens.verify(second.toLatin1(), QStringLiteral("127.0.0.1"));
    QVERIFY(fresh);
    QVERIFY(fresh->valid());
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&d, "accessCodeExpiresValue")->text(),
                              QStringLiteral("Never"), AnswerMs);
    // The new access code signs the mobile app in; the old one does not.
    auto session = m_fx.domain->sessions.create(QStringLiteral("stan"), secret(Fifty),
                                                QStringLiteral("phone"), QStringLiteral("android"),
                                                QStringLiteral("1.0"), QStringLiteral("10.0.0.1"));
    QVERIFY2(session, session ? "" : qPrintable(session.error().message));
    auto withOld = m_fx.domain->sessions.create(QStringLiteral("stan"), secret(Six),
                                                QStringLiteral("phone"), QStringLiteral("android"),
                                                QStringLiteral("1.0"), QStringLiteral("10.0.0.1"));
    QVERIFY(!withOld);
    QCOMPARE(withOld.code(), Errc::AuthenticationFailed);

    // Audit: both resets and both access codes; no secret anywhere in the store.
    const QStringList resets = auditRows(*m_fx.store, QStringLiteral("token.reset"));
    QCOMPARE(resets.size(), 2);
    QVERIFY2(resets.first().startsWith(QLatin1String("stan|")) &&
                 resets.first().contains(QLatin1String("|success|replaces")),
             qPrintable(resets.first()));
    QVERIFY(resets.last().contains(QLatin1String("first personal token")));
    const QStringList codes = auditRows(*m_fx.store, QStringLiteral("access_code.set"));
    QCOMPARE(codes.size(), 2);
    QVERIFY(codes.first().endsWith(QLatin1String("age never")));
    QVERIFY(codes.last().endsWith(QLatin1String("age 30 days")));
    const QByteArray dump = m_fx.db->dump();
    for (const QString &s : {first, second, Six, Fifty})
        QVERIFY2(!dump.contains(s.toUtf8()), "a secret reached the store");
}

void TestManageTokens::wrongCurrentAccessCodeChangesNothing()
{
    {
        const SecretBytes code = secret(Six);
        const SecretBytes password = secret(StandardPassword);
        auto first = m_fx.domain->tokens.resetPersonalToken(m_ctx->actor(), m_stanId, SecretBytes(),
                                                            &code, 90, &password);
        QVERIFY(first);
    }
    const QString hashBefore = accessCodeHash();
    auto before = m_fx.domain->tokens.personalToken(m_fx.cli, m_stanId);
    QVERIFY(before && before.value());
    const qint64 tokensBefore = countRows(*m_fx.store, QStringLiteral("api_tokens"));

    ManageTokensDialog d(*m_ctx);
    d.show();
    QVERIFY(accountShown(&d));
    child<QPushButton>(&d, "setNewAccessCodeButton")->click();
    child<QLineEdit>(&d, "newAccessCodeEdit")->setText(Fifty);
    child<QLineEdit>(&d, "repeatAccessCodeEdit")->setText(Fifty);
    auto *password = child<QLineEdit>(&d, "currentPasswordEdit");
    auto *current = child<QLineEdit>(&d, "currentAccessCodeEdit");
    current->setText(Six);
    // A wrong password: refused on its field, nothing changes.
    password->setText(QStringLiteral("Not-Stans-Pass#1"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QCOMPARE(generate(&d), QString());
    auto *passwordError = child<QLabel>(&d, "currentPasswordError");
    QVERIFY(passwordError->isVisible());
    QCOMPARE(passwordError->text(), QStringLiteral("The current password is wrong."));
    QVERIFY(password->text().isEmpty());
    screenshot(&d, QStringLiteral("manage-tokens-wrong-password"));
    QCOMPARE(accessCodeHash(), hashBefore);
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens")), tokensBefore);
    // The right password and a wrong access code.
    password->setText(QString::fromLatin1(StandardPassword));
    current->setText(QStringLiteral("Wrong#Code9"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QCOMPARE(generate(&d), QString());
    auto *error = child<QLabel>(&d, "currentAccessCodeError");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The current access code is wrong."));
    QVERIFY(current->text().isEmpty());
    screenshot(&d, QStringLiteral("manage-tokens-wrong-code"));

    QCOMPARE(accessCodeHash(), hashBefore);
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens")), tokensBefore);
    auto after = m_fx.domain->tokens.personalToken(m_fx.cli, m_stanId);
    QVERIFY(after && after.value());
    QCOMPARE(after.value()->id, before.value()->id);
    QVERIFY(!after.value()->revokedAt.isValid());
    const AuditEntry e = lastAudit(*m_fx.store);
    QCOMPARE(e.action, QStringLiteral("token.reset"));
    QCOMPARE(e.outcome, QStringLiteral("failure"));
    QCOMPARE(e.details, QStringLiteral("wrong access code"));
}

void TestManageTokens::cancelledConfirmationChangesNothing()
{
    QByteArray token;
    {
        const SecretBytes code = secret(Six);
        const SecretBytes password = secret(StandardPassword);
        auto r = m_fx.domain->tokens.resetPersonalToken(m_ctx->actor(), m_stanId, SecretBytes(),
                                                        &code, 90, &password);
        QVERIFY(r);
        noteSecret(r->secret);
        token = r->secret.bytes();
    }
    const qint64 auditBefore = countRows(*m_fx.store, QStringLiteral("audit_log"));
    ManageTokensDialog d(*m_ctx);
    d.show();
    QVERIFY(accountShown(&d));
    child<QLineEdit>(&d, "currentAccessCodeEdit")->setText(Six);
    (void)MessageBox::takeNextAnswer({}, {}); // forget what an earlier question said
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QCOMPARE(generate(&d), QString());
    // It was asked (and cancelled), and the token it would have replaced still works.
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("stops working")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("audit_log")), auditBefore);
    QCOMPARE(countRows(*m_fx.store, QStringLiteral("api_tokens WHERE revoked_at IS NULL")), 1);
    auto still = m_fx.domain->tokens.verify(token, QStringLiteral("127.0.0.1"));
    QVERIFY(still);
    QVERIFY(still->valid());
}

QTEST_MAIN(TestManageTokens)
#include "tst_managetokens.moc"
