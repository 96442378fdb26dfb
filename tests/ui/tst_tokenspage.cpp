// SPDX-License-Identifier: MIT
// The API Tokens page driven through the real MainWindow (offscreen), signed in as a real
// user: create → the token shown once → copied (clipboard text and password-manager hint) →
// cleared after the timeout only if still ours; invalid input keeps Create disabled and says
// why; over-12-months confirmation; edit scope; revoke one and many; delete; filter and sort;
// inspect; CSV export without a secret; a Standard user's disabled actions say why; the column
// layout is remembered. Every window and dialog is saved as a PNG in <build>/screenshots/.
// ui.tokens.server runs it all through a real tokendesk-server (console/guitest.h); set-up and
// checks use the fixture's Domain, the database the server serves.
#include "../console/guitest.h"
#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "domain/tokens/tokenservice.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "platform/secretclipboard.h"
#include "platform/translations.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "tokens/createtokendialog.h"
#include "tokens/editscopedialog.h"
#include "tokens/inspecttokendialog.h"
#include "tokens/rotatetokendialog.h"
#include "tokens/scopeselector.h"
#include "tokens/tokencommands.h"
#include "tokens/tokencreateddialog.h"
#include "tokens/tokenspage.h"
#include "widgets/checkheaderview.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

class TestTokensPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void mainWindowShowsTheList();
    void createShowsTheTokenOnceAndCopiesIt();
    void clipboardIsLeftAloneWhenNoLongerOurs();
    void copyKeysInTheFieldUseTheSecretClipboard();
    void invalidInputKeepsCreateDisabledAndSaysWhy();
    void longLivedTokenNeedsConfirmation();
    void editScope();
    void rotateShowsTheNewSecretOnceAndTheOldOneOverlaps();
    void revokeOne();
    void revokeManyWithCheckboxes();
    void revokeEveryTokenOfTheFilter();
    void checkAllByKeyboard_data();
    void checkAllByKeyboard();
    void deleteRevokedAndExpired();
    void filterAndSort();
    void pastedTokenFindsItsRow();
    void inspectShowsEveryField();
    void tokenGrantedMoreThanItsUserTypeIsMarked();
    void csvExportHasNoSecret();
    void standardUserSeesWhyActionsAreDisabled();
    void actionsWaitForARowStillBeingRead();
    void aRowChosenMeanwhileStaysChosen();
    void columnLayoutIsRemembered();

private:
    /// The main window on API Tokens, signed in as user (over the store or the server), once the
    /// list's count and first rows are there.
    [[nodiscard]] bool openWindow(const QString &user = QStringLiteral("admin"),
                                  const char *password = AdminPassword);
    qint64 createToken(const QString &name, const QString &user = QStringLiteral("admin"),
                       QStringList scopes = {Scope::Collection, Scope::Device});
    /// Selects the token's row and waits (at most AnswerMs) until it is the current row, read.
    void selectRowOf(qint64 id);
    QDialog *waitForDialog(const char *objectName);
    TokenCreatedDialog *createThroughDialog(const QString &name, const QString &scope);
    Actor signIn(const QString &user, const char *password);

    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    TokensPage *m_page = nullptr;
    QTableView *m_view = nullptr;
    TokenListModel *m_model = nullptr;
    Actor m_admin;
};

void TestTokensPage::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
}

void TestTokensPage::init()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req;
    req.users = 12;
    req.tokens = 120;
    req.sessions = 0;
    req.seed = 5;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    NewUser u;
    u.username = QStringLiteral("alice");
    u.displayName = QStringLiteral("Alice Berg");
    u.email = QStringLiteral("alice@example.org");
    u.department = QStringLiteral("Research");
    u.userType = BuiltinUserType::Standard;
    u.password = secret("Alice-Pass#1");
    QVERIFY(m_f.domain->accounts.createUser(m_f.cli, u).ok());
    m_admin = signIn(QStringLiteral("admin"), AdminPassword);
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    SecretClipboard::instance().setTimeoutForTesting(0);
}

Actor TestTokensPage::signIn(const QString &user, const char *password)
{
    auto a = m_f.domain->accounts.signIn(user, secret(password));
    if (!a)
        qWarning() << a.error().message;
    return a.ok() ? a.value() : Actor();
}

bool TestTokensPage::openWindow(const QString &user, const char *password)
{
    m_context = signedInContext(m_f, user, password);
    if (!m_context)
        return false;
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1280, 760);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()) ||
        !m_window->showPage(QStringLiteral("tokensPage")))
        return false;
    m_page = child<TokensPage>(m_window.get(), "tokensPage");
    m_view = child<QTableView>(m_page, "tokenTable");
    if (!m_page || !m_view)
        return false;
    m_model = m_page->model();
    return m_view->model() == m_model && settled(m_model);
}

void TestTokensPage::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    m_context.reset();
    stopConsoleServer();
    m_f = Fixture();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    if (auto *cb = QGuiApplication::clipboard())
        cb->clear();
}

qint64 TestTokensPage::createToken(const QString &name, const QString &user, QStringList scopes)
{
    NewApiToken n;
    n.name = name;
    n.scopes = std::move(scopes);
    n.username = user;
    n.expiresAt = Clock::now().addDays(60);
    auto created = m_f.domain->tokens.create(m_admin, n);
    if (!created) {
        qWarning() << created.error().message;
        return 0;
    }
    if (m_context)
        Q_EMIT m_context->dataChanged();
    return created->id;
}

void TestTokensPage::selectRowOf(qint64 id)
{
    // The local store answers at once: there selectToken() itself must say it selected.
    const bool now = m_page->selectToken(id);
    QVERIFY(now || overServer());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->idAt(m_view->currentIndex().row()), id, AnswerMs);
}

QDialog *TestTokensPage::waitForDialog(const char *objectName)
{
    QDialog *found = nullptr;
    auto visible = [&] {
        found = m_window->findChild<QDialog *>(QString::fromLatin1(objectName));
        return found && found->isVisible();
    };
    if (!QTest::qWaitFor(visible, AnswerMs)) // some open on a server's answer
        return nullptr;
    return found;
}

// ---- the tests ---------------------------------------------------------------------------------

void TestTokensPage::mainWindowShowsTheList()
{
    QVERIFY(openWindow());
    QCOMPARE(m_model->rowCount(), 120);
    QCOMPARE(m_model->columnCount(), int(TokenListModel::ColumnCount));
    // Every status is there, with its text.
    QVERIFY(rowsRead(m_model));
    QSet<QString> statuses;
    for (int r = 0; r < m_model->rowCount(); ++r)
        statuses << m_model->data(m_model->index(r, TokenListModel::StatusColumn)).toString();
    QCOMPARE(statuses, (QSet<QString>{QStringLiteral("Active"), QStringLiteral("Expiring soon"),
                                      QStringLiteral("Expired"), QStringLiteral("Revoked")}));
    auto *status = child<QLabel>(m_window.get(), "statusText");
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QLatin1String("API tokens: 120")) &&
                                  status->text().contains(QLatin1String("expiring soon")),
                              qPrintable(status->text()), AnswerMs);
    QVERIFY(m_window->action(Page::New)->isEnabled());
    QVERIFY(!m_window->action(Page::Revoke)->isEnabled()); // nothing selected
    QVERIFY(m_window->action(Page::Revoke)->toolTip().contains(QLatin1String("Select")));
    QCOMPARE(m_window->action(Page::New)->shortcut(), QKeySequence(QKeySequence::New));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-main-window")));
}

void TestTokensPage::createShowsTheTokenOnceAndCopiesIt()
{
    QVERIFY(openWindow());
    SecretClipboard::instance().setTimeoutForTesting(400);
    m_window->action(Page::New)->trigger();
    auto *dialog = qobject_cast<CreateTokenDialog *>(waitForDialog("createTokenDialog"));
    QVERIFY(dialog);
    auto *create = child<QPushButton>(dialog, "createButton");
    const qint64 tokensBefore = countRows(*m_f.store, QStringLiteral("api_tokens"));
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("ci-deploy-gui"));
    child<QPlainTextEdit>(dialog, "descriptionEdit")->setPlainText(QStringLiteral("Jenkins"));
    auto *user = child<QLineEdit>(dialog, "userEdit");
    QTest::keyClicks(user, QStringLiteral("alice"));
    QTest::keyClick(user, Qt::Key_Tab); // editingFinished: alice's department and user type
    QTRY_COMPARE_WITH_TIMEOUT(child<QComboBox>(dialog, "departmentCombo")->currentText(),
                              QStringLiteral("Research"), AnswerMs);
    QCOMPARE(child<QComboBox>(dialog, "userTypeCombo")->currentText(), QStringLiteral("Standard"));
    // Standard does not grant "users": that box is disabled and says why.
    auto *scopes = child<ScopeSelector>(dialog, "scopeSelector");
    QVERIFY(!scopes->box(Scope::Users)->isEnabled());
    QVERIFY(scopes->box(Scope::Users)->toolTip().contains(QLatin1String("Standard")));
    // None chosen yet: not said before Create is pressed; then said, and the focus is there.
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs);
    QVERIFY(dialog->errorFor(QStringLiteral("scopes")).isEmpty());
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorFor(QStringLiteral("scopes")).isEmpty(), AnswerMs);
    QVERIFY(!create->isEnabled());
    QCOMPARE(create->toolTip(), dialog->errorFor(QStringLiteral("scopes")));
    QVERIFY(dialog->focusWidget() && scopes->isAncestorOf(dialog->focusWidget()));
    QCOMPARE(countRows(*m_f.store, QStringLiteral("api_tokens")), tokensBefore);
    scopes->box(Scope::Device)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isValid() && create->isEnabled(), AnswerMs);
    QVERIFY(child<QLabel>(dialog, "leastPrivilegeHint")->isVisible());
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog")));
    QPointer<CreateTokenDialog> createGuard(dialog);
    create->click();

    auto *shown = qobject_cast<TokenCreatedDialog *>(waitForDialog("tokenCreatedDialog"));
    QVERIFY(shown);
    QTRY_VERIFY(createGuard.isNull() || !createGuard->isVisible());
    auto *field = child<QLineEdit>(shown, "tokenField");
    const QString token = field->text();
    QVERIFY(token.startsWith(QLatin1String("tdk_")));
    QCOMPARE(token.size(), 50);
    QVERIFY(field->isReadOnly());
    QVERIFY(screenshot(shown, QStringLiteral("token-created-dialog")));

    // Only its hash is stored: the list shows the hint, and no row holds the token.
    auto created = m_f.domain->tokens.list(m_admin, [] {
        TokenQuery q;
        q.text = QStringLiteral("ci-deploy-gui");
        return q;
    }());
    QVERIFY(created.ok());
    QCOMPARE(created->size(), 1);
    QVERIFY(token.endsWith(created->first().hint.right(4)));
    QCOMPARE(created->first().username, QStringLiteral("alice"));
    QCOMPARE(created->first().scopes, QStringList{Scope::Device});

    auto *copy = child<QPushButton>(shown, "copyButton");
    copy->click();
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QVERIFY(mime);
    QCOMPARE(mime->text(), token);
    QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QVERIFY(child<QLabel>(shown, "clipboardNote")->isVisible());
    QVERIFY(screenshot(shown, QStringLiteral("token-created-dialog-copied")));

    // Copied: closing asks nothing; the field is wiped.
    QPointer<TokenCreatedDialog> guard(shown);
    child<QDialogButtonBox>(shown, "buttons")->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QTRY_VERIFY(guard.isNull());
    // The clipboard is cleared after the (shortened) timeout, because it still holds the token.
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 3000);
    // The list selects the new token (over a server once it has read the list again).
    QTRY_COMPARE_WITH_TIMEOUT(
        m_model->data(m_model->index(m_view->currentIndex().row(), TokenListModel::NameColumn))
            .toString(),
        QStringLiteral("ci-deploy-gui"), AnswerMs);
}

TokenCreatedDialog *TestTokensPage::createThroughDialog(const QString &name, const QString &scope)
{
    m_window->action(Page::New)->trigger();
    auto *dialog = qobject_cast<CreateTokenDialog *>(waitForDialog("createTokenDialog"));
    if (!dialog)
        return nullptr;
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), name);
    auto *user = child<QLineEdit>(dialog, "userEdit");
    QTest::keyClicks(user, QStringLiteral("admin"));
    QTest::keyClick(user, Qt::Key_Tab);
    child<ScopeSelector>(dialog, "scopeSelector")->box(scope)->click();
    auto *create = child<QPushButton>(dialog, "createButton");
    if (!QTest::qWaitFor([create] { return create->isEnabled(); }, AnswerMs))
        return nullptr;
    create->click();
    return qobject_cast<TokenCreatedDialog *>(waitForDialog("tokenCreatedDialog"));
}

void TestTokensPage::clipboardIsLeftAloneWhenNoLongerOurs()
{
    QVERIFY(openWindow());
    SecretClipboard::instance().setTimeoutForTesting(300);
    auto *shown = createThroughDialog(QStringLiteral("clipboard-check"), Scope::Policy);
    QVERIFY(shown);
    child<QPushButton>(shown, "copyButton")->click();
    QVERIFY(SecretClipboard::instance().holdsOurs());
    // The user copies something else before the timeout: it must survive.
    QGuiApplication::clipboard()->setText(QStringLiteral("my own notes"));
    QSignalSpy cleared(&SecretClipboard::instance(), &SecretClipboard::cleared);
    QTRY_COMPARE(SecretClipboard::instance().secondsLeft(), 0); // the timeout has passed
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("my own notes"));
    QCOMPARE(cleared.size(), 0);

    // Copied, so closing does not ask.
    QPointer<TokenCreatedDialog> guard(shown);
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    child<QDialogButtonBox>(shown, "buttons")->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
}

void TestTokensPage::copyKeysInTheFieldUseTheSecretClipboard()
{
    // Ctrl+C in the token field used to copy the token as plain text: no password-manager hint
    // (clipboard histories kept it) and no clearing after the timeout.
    QVERIFY(openWindow());
    SecretClipboard::instance().setTimeoutForTesting(300);
    auto *shown = createThroughDialog(QStringLiteral("copy-keys"), Scope::Device);
    QVERIFY(shown);
    auto *field = child<QLineEdit>(shown, "tokenField");
    const QString token = field->text();
    QVERIFY(token.startsWith(QLatin1String("tdk_")));
    QVERIFY(!field->dragEnabled());
    QGuiApplication::clipboard()->clear();
    for (const QKeySequence::StandardKey key : {QKeySequence::Copy, QKeySequence::Cut}) {
        for (const QKeySequence &sequence : QKeySequence::keyBindings(key)) {
            QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
            field->setFocus();
            field->selectAll();
            QTest::keySequence(field, sequence);
            const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
            QVERIFY(mime);
            QVERIFY2(mime->text() == token, qPrintable(sequence.toString()));
            QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
            QVERIFY(SecretClipboard::instance().holdsOurs());
            QCOMPARE(field->text(), token); // Cut did not empty the read-only field
        }
    }
    QVERIFY(shown->wasCopied());
    QVERIFY(child<QLabel>(shown, "clipboardNote")->isVisible());
    // And it is cleared after the (shortened) timeout like a copy by the button.
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 3000);
    QPointer<TokenCreatedDialog> guard(shown);
    child<QDialogButtonBox>(shown, "buttons")->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
}

void TestTokensPage::invalidInputKeepsCreateDisabledAndSaysWhy()
{
    const qint64 existing = createToken(QStringLiteral("taken-name"));
    QVERIFY(existing > 0);
    QVERIFY(openWindow());
    m_window->action(Page::New)->trigger();
    auto *dialog = qobject_cast<CreateTokenDialog *>(waitForDialog("createTokenDialog"));
    QVERIFY(dialog);
    auto *create = child<QPushButton>(dialog, "createButton");
    auto *name = child<QLineEdit>(dialog, "nameEdit");
    auto *nameError = child<QLabel>(dialog, "nameError");
    // Nothing typed yet: the form is checked, but no error shows before any input.
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs);
    for (QLabel *error :
         dialog->findChildren<QLabel *>(QRegularExpression(QStringLiteral("Error$"))))
        QVERIFY2(!error->isVisible(),
                 qPrintable(error->objectName() + QLatin1Char(' ') + error->text()));
    QVERIFY(create->toolTip().isEmpty());
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog-fresh")));

    // The name field left empty: says so next to the name; Create waits for a fix.
    Q_EMIT name->editingFinished();
    QTRY_VERIFY_WITH_TIMEOUT(nameError->isVisible(), AnswerMs);
    QVERIFY(nameError->text().contains(QLatin1String("token name")));
    QVERIFY(!create->isEnabled());
    QCOMPARE(create->toolTip(), nameError->text());
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog-invalid")));

    // Once left, the field is checked while typing: a control character in the name.
    name->setText(QStringLiteral("bad\x01name"));
    QTRY_VERIFY_WITH_TIMEOUT(nameError->text().contains(QLatin1String("control")), AnswerMs);
    QVERIFY(!create->isEnabled());

    // No scope: not said while the scopes were not touched; a scope checked and cleared again
    // (the field had its input) says so next to the scopes.
    name->setText(QStringLiteral("fine-name"));
    QTRY_VERIFY_WITH_TIMEOUT(!nameError->isVisible() && create->isEnabled(), AnswerMs);
    auto *scopesError = child<QLabel>(dialog, "scopesError");
    QVERIFY(!scopesError->isVisible());
    QAbstractButton *collection =
        child<ScopeSelector>(dialog, "scopeSelector")->box(Scope::Collection);
    collection->click();
    collection->click();
    QTRY_VERIFY_WITH_TIMEOUT(scopesError->isVisible(), AnswerMs);
    QVERIFY(!create->isEnabled());
    collection->click();

    // An unknown user: the message moves to the user field once it is left.
    auto *user = child<QLineEdit>(dialog, "userEdit");
    user->setText(QStringLiteral("nobody-here"));
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs); // not said yet
    QVERIFY(!child<QLabel>(dialog, "userError")->isVisible());
    Q_EMIT user->editingFinished();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, "userError")->isVisible(), AnswerMs);
    QVERIFY(child<QLabel>(dialog, "userError")->text().contains(QLatin1String("nobody-here")));
    QVERIFY(!nameError->isVisible());
    QVERIFY(!create->isEnabled());

    // The name the admin's live token already has.
    user->setText(QStringLiteral("admin"));
    name->setText(QStringLiteral("taken-name"));
    QTRY_VERIFY_WITH_TIMEOUT(nameError->isVisible(), AnswerMs);
    QVERIFY(nameError->text().contains(QLatin1String("already has a token")));
    QVERIFY(!create->isEnabled());
    QCOMPARE(create->toolTip(), nameError->text());

    // A description that is too long.
    name->setText(QStringLiteral("another-name"));
    auto *description = child<QPlainTextEdit>(dialog, "descriptionEdit");
    description->setPlainText(QString(1200, QLatin1Char('x')));
    // Not left yet: Create shows it and moves the focus there, and creates nothing.
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs);
    const qint64 tokens = countRows(*m_f.store, QStringLiteral("api_tokens"));
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, "descriptionError")->isVisible(), AnswerMs);
    QVERIFY(!create->isEnabled());
    QTRY_COMPARE(dialog->focusWidget(), description);
    QCOMPARE(countRows(*m_f.store, QStringLiteral("api_tokens")), tokens);
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog-pressed")));
    description->clear();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isValid() && create->isEnabled(), AnswerMs);
    const qint64 before = countRows(*m_f.store, QStringLiteral("api_tokens"));
    child<QPushButton>(dialog, "cancelButton")->click();
    QCOMPARE(countRows(*m_f.store, QStringLiteral("api_tokens")), before);
}

void TestTokensPage::longLivedTokenNeedsConfirmation()
{
    QVERIFY(openWindow());
    m_window->action(Page::New)->trigger();
    auto *dialog = qobject_cast<CreateTokenDialog *>(waitForDialog("createTokenDialog"));
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("long-lived"));
    child<QLineEdit>(dialog, "userEdit")->setText(QStringLiteral("admin"));
    child<ScopeSelector>(dialog, "scopeSelector")->box(Scope::Introspect)->click();
    auto *expiry = child<QComboBox>(dialog, "expiryCombo");
    auto *date = child<QDateEdit>(dialog, "expiryDate");
    // A preset shows its own date in the greyed date box, never a stale one.
    expiry->setCurrentIndex(expiry->findData(CreateTokenDialog::Days7));
    QVERIFY(!date->isEnabled());
    QCOMPARE(date->date(), QDate::currentDate().addDays(7));
    expiry->setCurrentIndex(expiry->findData(CreateTokenDialog::Year1));
    QCOMPARE(date->date(), QDate::currentDate().addYears(1));
    expiry->setCurrentIndex(expiry->findData(CreateTokenDialog::CustomDate));
    QVERIFY(date->isEnabled());
    QCOMPARE(date->date(), QDate::currentDate().addYears(1)); // the choice starts from there
    date->setDate(QDate::currentDate().addMonths(18));
    QTRY_VERIFY(child<QLabel>(dialog, "expiryInfo")->text().contains(QLatin1String("12 months")));
    auto *create = child<QPushButton>(dialog, "createButton");
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isValid() && create->isEnabled(), AnswerMs);
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog-long-lived")));

    const qint64 before = countRows(*m_f.store, QStringLiteral("api_tokens"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    create->click();
    QVERIFY(MessageBox::lastText().contains(QLatin1String("12 months")));
    QCOMPARE(countRows(*m_f.store, QStringLiteral("api_tokens")), before);
    QVERIFY(dialog->isVisible());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    create->click();
    QTRY_COMPARE_WITH_TIMEOUT(countRows(*m_f.store, QStringLiteral("api_tokens")), before + 1,
                              AnswerMs);
    QPointer<QDialog> shown = waitForDialog("tokenCreatedDialog");
    QVERIFY(shown);
    MessageBox::setNextAnswer(QMessageBox::Cancel); // not copied: asks, and Cancel keeps it
    shown->reject();
    QVERIFY(MessageBox::lastTitle().contains(QLatin1String("without copying")));
    QVERIFY(shown && shown->isVisible());
    MessageBox::setNextAnswer(QMessageBox::Close); // "Close Anyway"
    shown->reject();
    QTRY_VERIFY(shown.isNull() || !shown->isVisible());
}

void TestTokensPage::editScope()
{
    const qint64 id = createToken(QStringLiteral("edit-me"));
    QVERIFY(id > 0);
    QVERIFY(openWindow());
    selectRowOf(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->action(Page::EditScope)->isEnabled(), AnswerMs);
    m_window->action(Page::EditScope)->trigger();
    auto *dialog = qobject_cast<EditScopeDialog *>(waitForDialog("editScopeDialog"));
    QVERIFY(dialog);
    // Only the scope is editable.
    for (const char *name : {"nameField", "hintField", "userField", "departmentField",
                             "userTypeField", "expiresField"})
        QVERIFY2(child<QLineEdit>(dialog, name)->isReadOnly(), name);
    auto *save = child<QPushButton>(dialog, "saveButton");
    QVERIFY(!save->isEnabled()); // nothing changed yet
    // The boxes are enabled once the user type's scopes are known (over a server, read).
    QTRY_VERIFY_WITH_TIMEOUT(dialog->scopes()->isEnabled(), AnswerMs);
    QVERIFY(dialog->scopes()->box(Scope::Collection)->isChecked());
    dialog->scopes()->box(Scope::Collection)->click();
    dialog->scopes()->box(Scope::Device)->click();
    QVERIFY(!save->isEnabled()); // no scope left
    QVERIFY(child<QLabel>(dialog, "scopesError")->text().contains(QLatin1String("at least one")));
    dialog->scopes()->box(Scope::Policy)->click();
    dialog->scopes()->box(Scope::Introspect)->click();
    QVERIFY(save->isEnabled());
    QVERIFY(screenshot(dialog, QStringLiteral("edit-scope-dialog")));
    save->click();
    auto *success = child<QLabel>(dialog, "successLabel");
    QTRY_VERIFY_WITH_TIMEOUT(success->isVisible(), AnswerMs);
    QVERIFY(success->text().contains(QLatin1String("successfully")));
    QVERIFY(!save->isVisible());
    QCOMPARE(child<QPushButton>(dialog, "closeButton")->text(), QStringLiteral("Close"));
    QVERIFY(screenshot(dialog, QStringLiteral("edit-scope-dialog-saved")));
    auto t = m_f.domain->tokens.token(m_admin, id);
    QCOMPARE(t->scopes, (QStringList{Scope::Policy, Scope::Introspect}));
    QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("token.edit_scope"));
    child<QPushButton>(dialog, "closeButton")->click();
    // The list shows the new scope.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_model->data(m_model->indexOfId(id, TokenListModel::ScopeColumn)).toString(),
        QStringLiteral("Policy, Introspect"), AnswerMs);
}

void TestTokensPage::rotateShowsTheNewSecretOnceAndTheOldOneOverlaps()
{
    NewApiToken request;
    request.name = QStringLiteral("rotate-me");
    request.username = QStringLiteral("admin");
    request.scopes = {Scope::Collection};
    request.expiresAt = Clock::now().addDays(30);
    auto made = m_f.domain->tokens.create(m_admin, request);
    QVERIFY(made.ok());
    noteSecret(made->secret);
    const qint64 id = made->id;
    QVERIFY(openWindow());
    selectRowOf(id);
    QAction *rotate = m_window->action(Page::Rotate);
    QTRY_VERIFY_WITH_TIMEOUT(rotate->isEnabled(), AnswerMs);
    QCOMPARE(rotate->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QTest::keySequence(m_window.get(), rotate->shortcut());
    auto *dialog = qobject_cast<RotateTokenDialog *>(waitForDialog("rotateTokenDialog"));
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, "nameField")->text(), QStringLiteral("rotate-me"));
    auto *overlap = child<QComboBox>(dialog, "overlapCombo");
    QCOMPARE(overlap->count(), int(TokenService::rotationOverlaps().size()));
    QCOMPARE(dialog->overlapSeconds(), TokenService::DefaultRotationOverlap);
    auto *note = child<QLabel>(dialog, "overlapNote");
    QVERIFY2(note->text().contains(made->hint) && note->text().contains(QLatin1String("until")),
             qPrintable(note->text()));
    dialog->setOverlapSeconds(0);
    QVERIFY2(note->text().contains(QLatin1String("refused")), qPrintable(note->text()));
    dialog->setOverlapSeconds(3600);
    QVERIFY(screenshot(dialog, QStringLiteral("rotate-token-dialog")));
    // Cancel changes nothing.
    const ApiToken before = m_f.domain->tokens.token(m_admin, id).value();
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(m_f.domain->tokens.token(m_admin, id)->hint, before.hint);

    rotate->trigger();
    dialog = qobject_cast<RotateTokenDialog *>(waitForDialog("rotateTokenDialog"));
    QVERIFY(dialog);
    dialog->setOverlapSeconds(3600);
    child<QPushButton>(dialog, "rotateButton")->click();
    auto *shown = qobject_cast<TokenCreatedDialog *>(waitForDialog("tokenCreatedDialog"));
    QVERIFY(shown);
    const QByteArray fresh = child<QLineEdit>(shown, "tokenField")->text().toLatin1();
    QVERIFY(fresh.startsWith("tdk_") && fresh != made->secret.bytes());
    QVERIFY(screenshot(shown, QStringLiteral("token-rotated-dialog")));
    // Both secrets work; the old one for an hour, and it says so.
    auto old = m_f.domain->tokens.verify(made->secret.bytes(), QString());
    QVERIFY(old->valid());
    QVERIFY(old->rotatingUntil.isValid());
    QVERIFY(m_f.domain->tokens.verify(fresh, QString())->valid());
    const ApiToken after = m_f.domain->tokens.token(m_admin, id).value();
    QCOMPARE(after.previousHint, made->hint);
    const qint64 overlapMs = after.previousUntil.toMSecsSinceEpoch() - Clock::nowMs();
    QVERIFY2(overlapMs > 3600 * 1000 - 120000 && overlapMs <= 3600 * 1000,
             qPrintable(QString::number(overlapMs)));
    QCOMPARE(lastAudit(*m_f.store).action, QStringLiteral("token.rotate"));
    child<QPushButton>(shown, "copyButton")->click();
    QPointer<TokenCreatedDialog> guard(shown);
    child<QDialogButtonBox>(shown, "buttons")->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(guard.isNull());

    // The list shows the new hint; Inspect shows both secrets.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_model->data(m_model->indexOfId(id, TokenListModel::HintColumn)).toString(), after.hint,
        AnswerMs);
    selectRowOf(id);
    m_window->action(Page::Inspect)->trigger();
    auto *inspect = qobject_cast<InspectTokenDialog *>(waitForDialog("inspectTokenDialog"));
    QVERIFY(inspect);
    QVERIFY(child<QLabel>(inspect, "value_rotated")->text().contains(QLatin1String("admin")));
    const QString previous = child<QLabel>(inspect, "value_previousSecret")->text();
    QVERIFY2(previous.contains(made->hint) && previous.contains(QLatin1String("still works")),
             qPrintable(previous));
    QVERIFY(screenshot(inspect, QStringLiteral("inspect-rotated-token")));
    inspect->close();
}

void TestTokensPage::revokeOne()
{
    const qint64 id = createToken(QStringLiteral("revoke-me"));
    QVERIFY(openWindow());
    selectRowOf(id);
    QVERIFY(m_window->action(Page::Revoke)->isEnabled());
    m_window->action(Page::Revoke)->trigger();
    auto *dialog = qobject_cast<ConfirmDialog *>(waitForDialog("revokeTokensDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Revoke"));
    QVERIFY(child<QLabel>(dialog, "questionLabel")->text().contains(QLatin1String("revoke-me")));
    QVERIFY(
        child<QLabel>(dialog, "consequencesLabel")->text().contains(QLatin1String("stop working")));
    QVERIFY(child<QLabel>(dialog, "consequencesLabel")
                ->text()
                .contains(QLatin1String("cannot be undone")));
    QVERIFY(screenshot(dialog, QStringLiteral("revoke-one-dialog")));
    // Cancel changes nothing.
    child<QPushButton>(dialog, "cancelButton")->click();
    QVERIFY(m_f.domain->tokens.token(m_admin, id)->status != TokenStatus::Revoked);

    m_window->action(Page::Revoke)->trigger();
    dialog = qobject_cast<ConfirmDialog *>(waitForDialog("revokeTokensDialog"));
    QVERIFY(dialog);
    dialog->confirmButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_f.domain->tokens.token(m_admin, id)->status, TokenStatus::Revoked,
                              AnswerMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_model->data(m_model->indexOfId(id, TokenListModel::StatusColumn)).toString(),
        QStringLiteral("Revoked"), AnswerMs);
    // Revoked: revoke and edit scope are disabled, and say why.
    selectRowOf(id);
    QVERIFY(!m_window->action(Page::Revoke)->isEnabled());
    QVERIFY(m_window->action(Page::Revoke)->toolTip().contains(QLatin1String("already revoked")));
    QVERIFY(!m_window->action(Page::EditScope)->isEnabled());
    QVERIFY(m_window->action(Page::Delete)->isEnabled());
}

void TestTokensPage::revokeManyWithCheckboxes()
{
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids << createToken(QStringLiteral("bulk-%1").arg(i));
    // A fourth, already revoked: it is skipped, and does not block the others.
    const qint64 gone = createToken(QStringLiteral("bulk-gone"));
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {gone}).ok());
    QVERIFY(openWindow());
    auto *filter = child<QLineEdit>(m_page, "tokenFilter");
    QTest::keyClicks(filter, QStringLiteral("bulk-"));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 4, AnswerMs);
    QVERIFY(rowsRead(m_model));
    // Del on the revoked row alone says why nothing happens.
    auto *message = child<QLabel>(m_page, "tokensMessage");
    selectRowOf(gone);
    QVERIFY(!m_window->action(Page::Revoke)->isEnabled());
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("already revoked")),
             qPrintable(message->text()));
    QVERIFY(!m_window->findChild<QDialog *>(QStringLiteral("revokeTokensDialog")));
    // Check them all by clicking the check boxes in the view.
    for (int r = 0; r < 4; ++r) {
        const QModelIndex cell = m_model->index(r, TokenListModel::CheckColumn);
        const QRect rect = m_view->visualRect(cell);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(m_model->data(cell, Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }
    QCOMPARE(m_model->checkedCount(), 4);
    QVERIFY(
        child<QLabel>(m_window.get(), "statusText")->text().contains(QLatin1String("checked: 4")));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-checked")));
    m_view->clearSelection();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->action(Page::Revoke)->isEnabled(), AnswerMs);
    m_window->action(Page::Revoke)->trigger();
    auto *dialog = qobject_cast<ConfirmDialog *>(waitForDialog("revokeTokensDialog"));
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, "questionLabel")->text().contains(QLatin1String("3 API tokens")));
    for (int i = 0; i < 3; ++i)
        QVERIFY(child<QLabel>(dialog, "affectedList")
                    ->text()
                    .contains(QStringLiteral("bulk-%1").arg(i)));
    QVERIFY(!child<QLabel>(dialog, "affectedList")->text().contains(QLatin1String("bulk-gone")));
    QVERIFY2(child<QLabel>(dialog, "consequencesLabel")
                 ->text()
                 .contains(QLatin1String("(1 already revoked)")),
             qPrintable(child<QLabel>(dialog, "consequencesLabel")->text()));
    QVERIFY(screenshot(dialog, QStringLiteral("revoke-many-dialog")));
    const qint64 auditBefore = countRows(*m_f.store, QStringLiteral("audit_log"));
    dialog->confirmButton()->click();
    // Said once the answer came (over a server, a moment later).
    QTRY_VERIFY2_WITH_TIMEOUT(
        message->text().startsWith(QLatin1String("Revoked 3 API token")) &&
            message->text().contains(QLatin1String("skipped (1 already revoked)")),
        qPrintable(message->text()), AnswerMs);
    for (qint64 id : ids)
        QCOMPARE(m_f.domain->tokens.token(m_admin, id)->status, TokenStatus::Revoked);
    // One audit row per token revoked now; none for the skipped one.
    QCOMPARE(countRows(*m_f.store, QStringLiteral("audit_log")), auditBefore + 3);
    QCOMPARE(m_model->checkedCount(), 0);
    // The list, read again, shows all four revoked.
    const auto allRevoked = [&] {
        for (int r = 0; r < m_model->rowCount(); ++r)
            if (m_model->data(m_model->index(r, TokenListModel::StatusColumn)).toString() !=
                QLatin1String("Revoked"))
                return false;
        return m_model->rowCount() == 4;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allRevoked(), AnswerMs);
}

void TestTokensPage::revokeEveryTokenOfTheFilter()
{
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids << createToken(QStringLiteral("every-%1").arg(i));
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {ids[4]}).ok()); // skipped, and counted
    QVERIFY(openWindow());
    auto *filter = child<QLineEdit>(m_page, "tokenFilter");
    QTest::keyClicks(filter, QStringLiteral("every-"));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 5, AnswerMs);
    QVERIFY(rowsRead(m_model));

    // The header's check box checks every token of the filter.
    auto *header = qobject_cast<CheckHeaderView *>(m_view->horizontalHeader());
    QVERIFY(header);
    const QRect box = header->checkBoxRect(TokenListModel::CheckColumn);
    QVERIFY(box.isValid());
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(m_model->checkAllState(), Qt::Checked);
    QCOMPARE(m_model->checkedCount(), 5);
    QCOMPARE(m_model->sortColumn(), int(TokenListModel::CreatedColumn)); // no sort by the click
    auto *status = child<QLabel>(m_window.get(), "statusText");
    QTRY_VERIFY2(status->text().contains(QLatin1String("checked: 5")), qPrintable(status->text()));
    for (int r = 0; r < 5; ++r)
        QCOMPARE(m_model->data(m_model->index(r, TokenListModel::CheckColumn), Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Checked));
    const QImage shownChecked = header->viewport()->grab(box).toImage();
    // A second click clears them, a third checks them again.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(m_model->checkedCount(), 0);
    QCOMPARE(m_model->checkAllState(), Qt::Unchecked);
    const QImage shownUnchecked = header->viewport()->grab(box).toImage();
    QVERIFY(shownChecked != shownUnchecked); // the box shows the state
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(m_model->checkedCount(), 5);
    QCOMPARE(header->viewport()->grab(box).toImage(), shownChecked);

    // One unchecked afterwards: an exception; the header shows "some".
    const int row3 = m_model->rowOfId(ids[3]);
    QVERIFY(row3 >= 0);
    QTest::mouseClick(
        m_view->viewport(), Qt::LeftButton, {},
        m_view->visualRect(m_model->index(row3, TokenListModel::CheckColumn)).center());
    QCOMPARE(m_model->checkedCount(), 4);
    QCOMPARE(m_model->checkAllState(), Qt::PartiallyChecked);
    QCOMPARE(m_model->exceptionIds(), QList<qint64>{ids[3]});
    const QImage shownPartly = header->viewport()->grab(box).toImage();
    QVERIFY(shownPartly != shownChecked && shownPartly != shownUnchecked);

    m_view->clearSelection();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->action(Page::Revoke)->isEnabled(), AnswerMs);
    m_window->action(Page::Revoke)->trigger();
    auto *dialog = qobject_cast<ConfirmDialog *>(waitForDialog("revokeTokensDialog"));
    QVERIFY(dialog);
    const QString question = child<QLabel>(dialog, "questionLabel")->text();
    QVERIFY2(question.contains(QLatin1String("all 4 API tokens that match the filter")),
             qPrintable(question));
    const QString affected = child<QLabel>(dialog, "affectedList")->text();
    QVERIFY2(affected.contains(QStringLiteral("Filter: “every-”")), qPrintable(affected));
    QVERIFY2(affected.contains(QLatin1String("except 1 token")), qPrintable(affected));
    QVERIFY(!affected.contains(QLatin1String("every-0"))); // no token is listed by name
    QVERIFY(screenshot(dialog, QStringLiteral("revoke-filter-dialog")));

    // The list changes before the confirmation: nothing is revoked, the dialog says why.
    const qint64 late = createToken(QStringLiteral("every-late"));
    const qint64 auditBefore = countRows(*m_f.store, QStringLiteral("audit_log"));
    dialog->confirmButton()->click();
    auto *error = child<QLabel>(dialog, "errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(
        error->text().contains(QLatin1String("The list changed: 5 tokens match now; look again")),
        AnswerMs);
    QVERIFY(dialog->isVisible());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(m_f.domain->tokens.token(m_admin, ids[i])->status, TokenStatus::Active);
    // It went again: the same number matches, and the confirmation is accepted.
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {late}).ok());
    QVERIFY(m_f.domain->tokens.remove(m_admin, {late}).ok());
    const qint64 auditRetry = countRows(*m_f.store, QStringLiteral("audit_log"));
    QVERIFY(auditRetry > auditBefore);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->confirmButton()->isEnabled(), AnswerMs);
    dialog->confirmButton()->click();
    auto *message = child<QLabel>(m_page, "tokensMessage");
    QTRY_VERIFY2_WITH_TIMEOUT(
        message->text().startsWith(QLatin1String("Revoked 3 API token")) &&
            message->text().contains(QLatin1String("skipped (1 already revoked)")),
        qPrintable(message->text()), AnswerMs);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_f.domain->tokens.token(m_admin, ids[i])->status, TokenStatus::Revoked);
    QCOMPARE(m_f.domain->tokens.token(m_admin, ids[3])->status, TokenStatus::Active);
    // One audit row per token revoked.
    QCOMPARE(countRows(*m_f.store, QStringLiteral("audit_log")), auditRetry + 3);
    QCOMPARE(m_model->checkedCount(), 0);
    QVERIFY(!m_model->isAllChecked());

    // Delete every token of the filter: the four revoked ones go, the live one is skipped.
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 5, AnswerMs);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(m_model->checkedCount(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->action(Page::Delete)->isEnabled(), AnswerMs);
    m_window->action(Page::Delete)->trigger();
    auto *deleting = qobject_cast<ConfirmDialog *>(waitForDialog("deleteTokensDialog"));
    QVERIFY(deleting);
    QVERIFY2(child<QLabel>(deleting, "questionLabel")
                 ->text()
                 .contains(QLatin1String("all 5 API tokens that match the filter")),
             qPrintable(child<QLabel>(deleting, "questionLabel")->text()));
    deleting->confirmButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().startsWith(QLatin1String("Deleted 4 API token")) &&
                                  message->text().contains(QLatin1String("1 checked token")) &&
                                  message->text().contains(QLatin1String("(still valid")),
                              qPrintable(message->text()), AnswerMs);
    for (int i : {0, 1, 2, 4})
        QCOMPARE(m_f.domain->tokens.token(m_admin, ids[i]).code(), Errc::NotFound);
    QCOMPARE(m_f.domain->tokens.token(m_admin, ids[3])->status, TokenStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, AnswerMs);
}

void TestTokensPage::checkAllByKeyboard_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany);
}

void TestTokensPage::checkAllByKeyboard()
{
    QFETCH(QLocale, locale);
    QVERIFY(Translations::install(*qApp, locale));
    auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    QVERIFY(openWindow());
    const int rows = m_model->rowCount();
    QVERIFY(rows > 100); // more than one window: the rows are not read to check them
    selectRowOf(m_model->idAt(0));
    m_view->setFocus();
    // Over a server the neighbours of the window shown are read ahead: once they are here.
    m_view->viewport()->repaint();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->stats().inFlight, 0, AnswerMs);
    const qint64 readBefore = m_model->stats().windowLoads;
    // Ctrl+A does what the header's box does, and keeps the selection.
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_model->checkAllState(), Qt::Checked);
    QCOMPARE(m_model->checkedCount(), rows);
    QCOMPARE(m_view->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(m_model->stats().windowLoads, readBefore);
    auto *status = child<QLabel>(m_window.get(), "statusText");
    const QString checked = QLocale().toString(rows);
    QTRY_VERIFY2(status->text().contains(checked), qPrintable(status->text()));
    m_view->horizontalHeader()->viewport()->repaint();
    QVERIFY(screenshot(
        m_window.get(),
        QStringLiteral("tokens-check-all_%1").arg(QString::fromLatin1(QTest::currentDataTag()))));
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_model->checkAllState(), Qt::Unchecked);
    QCOMPARE(m_model->checkedCount(), 0);
    QCOMPARE(m_view->selectionModel()->selectedRows().size(), 1);
}

void TestTokensPage::deleteRevokedAndExpired()
{
    const qint64 live = createToken(QStringLiteral("still-live"));
    const qint64 revoked = createToken(QStringLiteral("to-delete"));
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {revoked}).ok());
    QVERIFY(openWindow());
    // A live token cannot be deleted: the action says why.
    selectRowOf(live);
    QVERIFY(!m_window->action(Page::Delete)->isEnabled());
    QVERIFY(m_window->action(Page::Delete)->toolTip().contains(QLatin1String("Revoke it first")));
    // An expired one (from the demo data) and the revoked one can.
    auto *status = child<QComboBox>(m_page, "statusFilter");
    status->setCurrentIndex(status->findData(QStringLiteral("expired")));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 0, AnswerMs);
    QVERIFY(rowsRead(m_model));
    const qint64 expired = m_model->idAt(0);
    m_model->setRowsChecked({0}, true);
    status->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 100, AnswerMs);
    selectRowOf(revoked);
    m_model->setRowsChecked({m_view->currentIndex().row()}, true);
    QCOMPARE(m_model->checkedCount(), 2);
    QVERIFY(m_window->action(Page::Delete)->isEnabled());
    m_window->action(Page::Delete)->trigger();
    auto *dialog = qobject_cast<ConfirmDialog *>(waitForDialog("deleteTokensDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Delete"));
    QVERIFY(screenshot(dialog, QStringLiteral("delete-dialog")));
    const qint64 before = countRows(*m_f.store, QStringLiteral("api_tokens"));
    const int listed = m_model->rowCount();
    dialog->confirmButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(countRows(*m_f.store, QStringLiteral("api_tokens")), before - 2,
                              AnswerMs);
    QCOMPARE(m_f.domain->tokens.token(m_admin, expired).code(), Errc::NotFound);
    QCOMPARE(m_f.domain->tokens.token(m_admin, revoked).code(), Errc::NotFound);
    // The list, read again, has neither.
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), listed - 2, AnswerMs);
    QCOMPARE(locatedRow(m_model, revoked), -1);
    QCOMPARE(locatedRow(m_model, expired), -1);
}

void TestTokensPage::filterAndSort()
{
    QVERIFY(openWindow());
    auto *filter = child<QLineEdit>(m_page, "tokenFilter");
    m_window->findChild<QAction *>(QStringLiteral("actionFind"))->trigger();
    QVERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("jen"));
    QTRY_VERIFY(m_model->filter().text == QLatin1String("jen"));
    // Enter in the filter applies it; it does not open Inspect for the selected row.
    QVERIFY(rowsRead(m_model));
    selectRowOf(m_model->idAt(0));
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("k"));
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(m_model->filter().text, QStringLiteral("jenk"));
    QVERIFY(!m_window->findChild<QDialog *>(QStringLiteral("inspectTokenDialog")));
    filter->backspace();
    QTRY_VERIFY(m_model->filter().text == QLatin1String("jen"));
    QVERIFY(rowsRead(m_model));
    QVERIFY(m_model->rowCount() > 0 && m_model->rowCount() < 120);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList texts;
        for (int c :
             {TokenListModel::NameColumn, TokenListModel::HintColumn, TokenListModel::UserColumn})
            texts << m_model->data(m_model->index(r, c)).toString();
        QVERIFY2(texts.join(QLatin1Char(' ')).contains(QLatin1String("jen"), Qt::CaseInsensitive),
                 qPrintable(texts.join(QLatin1Char(' '))));
    }
    auto *statusText = child<QLabel>(m_window.get(), "statusText");
    QTRY_VERIFY2_WITH_TIMEOUT(statusText->text().contains(QLatin1String("of 120 match")),
                              qPrintable(statusText->text()), AnswerMs);
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-filtered")));

    // Status and department filters combine with the text.
    filter->clear();
    auto *status = child<QComboBox>(m_page, "statusFilter");
    status->setCurrentIndex(status->findData(QStringLiteral("revoked")));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 0, AnswerMs);
    QVERIFY(rowsRead(m_model));
    for (int r = 0; r < m_model->rowCount(); ++r)
        QCOMPARE(m_model->data(m_model->index(r, TokenListModel::StatusColumn)).toString(),
                 QStringLiteral("Revoked"));
    auto *dept = child<QComboBox>(m_page, "departmentFilter");
    // The departments to choose from (over a server they come a moment after the page opens).
    QTRY_VERIFY_WITH_TIMEOUT(dept->findText(QStringLiteral("Research")) > 0, AnswerMs);
    dept->setCurrentIndex(dept->findText(QStringLiteral("Research")));
    QTRY_COMPARE(m_model->filter().departmentId.has_value(), true);
    QVERIFY(rowsRead(m_model));
    for (int r = 0; r < m_model->rowCount(); ++r)
        QCOMPARE(m_model->data(m_model->index(r, TokenListModel::DepartmentColumn)).toString(),
                 QStringLiteral("Research"));
    QTest::keyClicks(filter, QStringLiteral("zzzz-nothing"));
    QTRY_COMPARE(m_model->filter().text, QStringLiteral("zzzz-nothing"));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 0, AnswerMs);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_page, "emptyState")->isVisible(), AnswerMs);
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-empty-filter")));
    filter->clear();
    status->setCurrentIndex(0);
    dept->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 120, AnswerMs);

    // Sorting by clicking headers: by user, then descending.
    QHeaderView *header = m_view->horizontalHeader();
    const int x = header->sectionViewportPosition(TokenListModel::UserColumn) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QTRY_COMPARE(m_model->sortColumn(), int(TokenListModel::UserColumn));
    auto column = [&](int c) {
        if (!rowsRead(m_model))
            return QStringList{QStringLiteral("(no answer within AnswerMs)")};
        QStringList v;
        for (int r = 0; r < m_model->rowCount(); ++r)
            v << m_model->data(m_model->index(r, c)).toString();
        return v;
    };
    QStringList users = column(TokenListModel::UserColumn);
    QStringList sorted = users;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(users, sorted);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QTRY_COMPARE(m_model->sortOrder(), Qt::DescendingOrder);
    users = column(TokenListModel::UserColumn);
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(users, sorted);
    // Status sorts by meaning: Active, Expiring soon, Expired, Revoked.
    m_view->sortByColumn(TokenListModel::StatusColumn, Qt::AscendingOrder);
    QStringList statuses = column(TokenListModel::StatusColumn);
    statuses.removeDuplicates();
    QCOMPARE(statuses, (QStringList{QStringLiteral("Active"), QStringLiteral("Expiring soon"),
                                    QStringLiteral("Expired"), QStringLiteral("Revoked")}));
    // The check column does not sort.
    m_view->sortByColumn(TokenListModel::CheckColumn, Qt::AscendingOrder);
    QCOMPARE(m_model->sortColumn(), int(TokenListModel::StatusColumn));
    QCOMPARE(header->sortIndicatorSection(), int(TokenListModel::StatusColumn));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-sorted-by-status")));
}

void TestTokensPage::pastedTokenFindsItsRow()
{
    QVERIFY(openWindow());
    NewApiToken n;
    n.name = QStringLiteral("leaked-one");
    n.scopes = {Scope::Device};
    n.username = QStringLiteral("alice");
    n.expiresAt = Clock::now().addDays(30);
    auto created = m_f.domain->tokens.create(m_admin, n);
    QVERIFY(created.ok());
    noteSecret(created->secret);
    const QString value = QString::fromLatin1(created->secret.bytes());
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {created->id}).ok());
    Q_EMIT m_context->dataChanged();
    // The list shows active tokens only, and another row is selected.
    auto *status = child<QComboBox>(m_page, "statusFilter");
    status->setCurrentIndex(status->findData(QStringLiteral("active")));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 0, AnswerMs);
    QVERIFY(rowsRead(m_model));
    selectRowOf(m_model->idAt(0));
    QCOMPARE(locatedRow(m_model, created->id), -1); // not shown
    QVERIFY(!m_page->selectToken(created->id));

    auto *filter = child<QLineEdit>(m_page, "tokenFilter");
    auto *message = child<QLabel>(m_page, "tokensMessage");
    filter->setFocus();
    filter->insert(value); // as a paste does
    QTRY_VERIFY(filter->text().isEmpty());
    QVERIFY(!filter->isUndoAvailable()); // the value cannot come back with Ctrl+Z
    QTRY_COMPARE_WITH_TIMEOUT(m_model->idAt(m_view->currentIndex().row()), created->id, AnswerMs);
    QCOMPARE(status->currentIndex(), 0); // every status again, so that the token is shown
    QVERIFY(m_model->filter().text.isEmpty());
    QVERIFY(message->isVisible());
    QVERIFY2(
        message->text().startsWith(
            QStringLiteral("Found API token #%1 \u201cleaked-one\u201d of alice").arg(created->id)),
        qPrintable(message->text()));
    QVERIFY(message->text().contains(QLatin1String("Revoked")));
    QVERIFY(!message->text().contains(value));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-found-by-value")));

    // A typing error: the checksum says so, the list stays as it was.
    QString typo = value;
    typo[20] = typo[20] == QLatin1Char('x') ? QLatin1Char('y') : QLatin1Char('x');
    QVERIFY(settled(m_model));
    const qint64 rowsBefore = m_model->rowCount();
    filter->insert(typo);
    QTRY_VERIFY(filter->text().isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("checksum")),
                              qPrintable(message->text()), AnswerMs);
    QVERIFY(settled(m_model));
    QCOMPARE(m_model->rowCount(), rowsBefore);
    // Typing a filter again hides the message.
    QTest::keyClicks(filter, QStringLiteral("jen"));
    QTRY_VERIFY(m_model->filter().text == QLatin1String("jen"));
    QVERIFY(!message->isVisible());

    // Edit ▸ Find Token by Value… asks for it in a password field.
    m_window->findChild<QAction *>(QStringLiteral("actionFindTokenByValue"))->trigger();
    auto *ask = qobject_cast<QInputDialog *>(waitForDialog("findTokenDialog"));
    QVERIFY(ask);
    QCOMPARE(ask->textEchoMode(), QLineEdit::Password);
    ask->setTextValue(value);
    QVERIFY(screenshot(ask, QStringLiteral("find-token-by-value")));
    ask->accept();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->idAt(m_view->currentIndex().row()), created->id, AnswerMs);
    QVERIFY(filter->text().isEmpty());
}

void TestTokensPage::inspectShowsEveryField()
{
    QSettings().setValue(QStringLiteral("server/url"),
                         QStringLiteral("https://tokens.example.org/"));
    const qint64 id = createToken(QStringLiteral("inspect-me"));
    QVERIFY(openWindow());
    selectRowOf(id);
    // Enter on the list inspects.
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Return);
    auto *dialog = qobject_cast<InspectTokenDialog *>(waitForDialog("inspectTokenDialog"));
    QVERIFY(dialog);
    auto t = m_f.domain->tokens.token(m_admin, id);
    auto tenant = m_f.domain->accounts.tenant();
    QCOMPARE(child<QLabel>(dialog, "value_name")->text(), QStringLiteral("inspect-me"));
    QCOMPARE(child<QLabel>(dialog, "value_hint")->text(), t->hint);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, "value_tenantId")->text(), tenant->id,
                              AnswerMs);
    QCOMPARE(child<QLabel>(dialog, "value_user")->text(), QStringLiteral("admin"));
    QVERIFY(child<QLabel>(dialog, "value_departmentAndUserType")->text().contains(t->department));
    QVERIFY(child<QLabel>(dialog, "value_departmentAndUserType")->text().contains(t->userType));
    QVERIFY(child<QLabel>(dialog, "value_scope")->text().contains(QLatin1String("Collection")));
    QVERIFY(!child<QLabel>(dialog, "value_expires")->text().isEmpty());
    QVERIFY(!child<QLabel>(dialog, "value_created")->text().isEmpty());
    QCOMPARE(child<QLabel>(dialog, "value_lastUsed")->text(), QStringLiteral("Never"));
    QVERIFY(!child<QLabel>(dialog, "value_status")->text().isEmpty());
    // Through a server, the examples call that server, whatever the settings say.
    QString why;
    const QString me =
        overServer() ? consoleServerFor(m_f, &why)->url(QStringLiteral("/api/v1/me")).toString()
                     : QStringLiteral("https://tokens.example.org/api/v1/me");
    QCOMPARE(child<QLineEdit>(dialog, "curlExample")->text(),
             QStringLiteral("curl -H \"Authorization: Bearer <your token>\" ") + me);
    QVERIFY(child<QLabel>(dialog, "lostTokenNote")
                ->text()
                .contains(QLatin1String("cannot be recovered")));
    QVERIFY(screenshot(dialog, QStringLiteral("inspect-token-dialog")));
    child<QPushButton>(dialog, "copyExampleButton")->click();
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QLatin1String("curl -H")));
    QSettings().remove(QStringLiteral("server/url"));
}

void TestTokensPage::tokenGrantedMoreThanItsUserTypeIsMarked()
{
    // alice becomes Support, gets an introspecting token, and is made Standard again: the list
    // marks the token and the inspect dialog says what is in effect.
    UserChanges toSupport;
    toSupport.userType = BuiltinUserType::Support;
    auto alice = m_f.domain->accounts.userByName(m_f.cli, QStringLiteral("alice"));
    QVERIFY(alice);
    QVERIFY(m_f.domain->accounts.updateUser(m_f.cli, alice->id, toSupport));
    const qint64 id = createToken(QStringLiteral("introspector"), QStringLiteral("alice"),
                                  {Scope::Collection, Scope::Introspect});
    QVERIFY(id > 0);
    UserChanges toStandard;
    toStandard.userType = BuiltinUserType::Standard;
    QVERIFY(m_f.domain->accounts.updateUser(m_f.cli, alice->id, toStandard));
    QVERIFY(openWindow());
    selectRowOf(id);
    const int row = m_view->currentIndex().row();
    const QModelIndex scope = m_model->index(row, TokenListModel::ScopeColumn);
    QVERIFY2(scope.data().toString().startsWith(QStringLiteral("⚠")) &&
                 scope.data().toString().contains(QLatin1String("in effect: Collection")),
             qPrintable(scope.data().toString()));
    QVERIFY2(scope.data(Qt::ToolTipRole).toString().contains(QLatin1String("not in effect")),
             qPrintable(scope.data(Qt::ToolTipRole).toString()));
    QCOMPARE(m_model->index(row, TokenListModel::UserTypeColumn).data().toString(),
             QStringLiteral("Standard"));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-page-exceeding")));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Return);
    auto *dialog = qobject_cast<InspectTokenDialog *>(waitForDialog("inspectTokenDialog"));
    QVERIFY(dialog);
    QCOMPARE(child<QLabel>(dialog, "value_effectiveScope")->text(), QStringLiteral("Collection"));
    QVERIFY(child<QLabel>(dialog, "value_scope")->text().contains(QLatin1String("not in effect")));
    QVERIFY(screenshot(dialog, QStringLiteral("inspect-token-exceeding")));
    dialog->reject();
}

void TestTokensPage::csvExportHasNoSecret()
{
    QVERIFY(openWindow());
    // A token created now: its plaintext must not reach the export.
    m_window->action(Page::New)->trigger();
    auto *dialog = qobject_cast<CreateTokenDialog *>(waitForDialog("createTokenDialog"));
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("=cmd|' /C calc'!A0"));
    child<QLineEdit>(dialog, "userEdit")->setText(QStringLiteral("admin"));
    child<ScopeSelector>(dialog, "scopeSelector")->box(Scope::Device)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isValid(), AnswerMs);
    child<QPushButton>(dialog, "createButton")->click();
    auto *shown = waitForDialog("tokenCreatedDialog");
    QVERIFY(shown);
    const QString token = child<QLineEdit>(shown, "tokenField")->text();
    QVERIFY(token.startsWith(QLatin1String("tdk_")));
    child<QPushButton>(shown, "copyButton")->click();
    shown->reject();

    // Read again just before (F5): over a server the count is on its way, and Export is offered
    // all the same.
    m_page->refresh();
    QVERIFY2(m_window->action(Page::Export)->isEnabled(),
             qPrintable(m_window->action(Page::Export)->toolTip()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tokens.csv"));
    TokensPage::setExportFileNameForTesting(path);
    QSignalSpy done(m_page, &TokensPage::exportFinished);
    m_window->action(Page::Export)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, AnswerMs);
    TokensPage::setExportFileNameForTesting(QString());
    QCOMPARE(done.first().at(2).toString(), QString());
    QCOMPARE(done.first().at(1).toLongLong(), qint64(121));
    keepFileForLeakScan(path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QCOMPARE(csv.count('\n'), 122); // header + rows
    QVERIFY(csv.startsWith("id,name,hint,scopes,user,department,user_type,"));
    QVERIFY(!csv.contains(token.toUtf8()));
    QVERIFY(!csv.contains(token.mid(4, 40).toUtf8()));
    QVERIFY(!csv.contains(token.mid(10, 12).toUtf8()));
    // The formula-looking name is defused for spreadsheets.
    QVERIFY(csv.contains("'=cmd|' /C calc'!A0"));
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>(m_window.get(), "statusText")->text().contains(QLatin1String("Exported")),
        AnswerMs);
}

void TestTokensPage::standardUserSeesWhyActionsAreDisabled()
{
    const qint64 others = createToken(QStringLiteral("admins-token"));
    QVERIFY(others > 0);
    NewApiToken own;
    own.name = QStringLiteral("alices-token");
    own.scopes = {Scope::Device};
    own.username = QStringLiteral("alice");
    own.expiresAt = Clock::now().addDays(30);
    const Actor alice = signIn(QStringLiteral("alice"), "Alice-Pass#1");
    auto created = m_f.domain->tokens.create(alice, own);
    QVERIFY(created.ok());
    QVERIFY(openWindow(QStringLiteral("alice"), "Alice-Pass#1"));
    // She sees only her token.
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(rowsRead(m_model));
    QCOMPARE(m_model->data(m_model->index(0, TokenListModel::NameColumn)).toString(),
             QStringLiteral("alices-token"));
    QVERIFY(m_window->action(Page::New)->isEnabled());
    selectRowOf(created->id);
    QVERIFY(m_window->action(Page::Revoke)->isEnabled());
    QVERIFY(m_window->action(Page::EditScope)->isEnabled());
    QVERIFY(!m_window->action(Page::Delete)->isEnabled());
    QCOMPARE(m_window->action(Page::Delete)->toolTip(),
             QStringLiteral("Only administrators can delete tokens."));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-standard-user")));

    // Her Create dialog: the user is fixed, department and user type are not hers to change.
    m_window->action(Page::New)->trigger();
    auto *dialog = waitForDialog("createTokenDialog");
    QVERIFY(dialog);
    QVERIFY(child<QLineEdit>(dialog, "userEdit")->isReadOnly());
    QCOMPARE(child<QLineEdit>(dialog, "userEdit")->text(), QStringLiteral("alice"));
    QVERIFY(!child<QComboBox>(dialog, "departmentCombo")->isEnabled());
    QVERIFY(child<QComboBox>(dialog, "departmentCombo")
                ->toolTip()
                .contains(QLatin1String("administrator")));
    QVERIFY(screenshot(dialog, QStringLiteral("create-token-dialog-standard-user")));
    dialog->reject();

    // Support may look but not change: actions disabled with the reason.
    NewUser s;
    s.username = QStringLiteral("sam");
    s.email = QStringLiteral("sam@example.org");
    s.department = QStringLiteral("Administration");
    s.userType = BuiltinUserType::Support;
    s.password = secret("Sam-Support#1");
    QVERIFY(m_f.domain->accounts.createUser(m_f.cli, s).ok());
    auto sam = m_f.domain->accounts.signIn(QStringLiteral("sam"), secret("Sam-Support#1"));
    QVERIFY(sam.ok());
    const QList<ApiToken> one = {*m_f.domain->tokens.token(m_admin, others)};
    QVERIFY(TokenRules::whyNotCreate(sam.value()).contains(QLatin1String("does not allow")));
    QVERIFY(TokenRules::whyNotRevoke(sam.value(), one).contains(QLatin1String("other users")));
    QVERIFY(TokenRules::whyNotEditScope(sam.value(), one).contains(QLatin1String("other users")));
    QVERIFY(TokenRules::whyNotInspect(one).isEmpty());
}

void TestTokensPage::aRowChosenMeanwhileStaysChosen()
{
    // Over a server, where a token is in the list comes a moment after selectToken() (a token
    // found by its value, one just created). A row the person clicks meanwhile stays chosen.
    QVERIFY(openWindow());
    m_model->setWindowSize(10); // the last rows are not read yet
    QVERIFY(settled(m_model));
    QVERIFY(rowRead(m_model, 2));
    WindowRequest last;
    last.offset = m_model->rowCount() - 1;
    last.limit = 1;
    auto far = m_f.domain->tokens.window(m_admin, TokenQuery{}, last);
    QVERIFY(far.ok() && far->rows.size() == 1);
    const qint64 farId = far->rows.first().id;
    QVERIFY(farId != m_model->idAt(2));
    const bool now = m_page->selectToken(farId);
    QCOMPARE(now, !overServer());
    const QRect second = m_view->visualRect(m_model->index(2, TokenListModel::NameColumn));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(m_view->currentIndex().row(), 2);
    // The page's answer comes before this one, asked for the same row after it.
    bool answered = false;
    m_model->locate(farId, this, [&answered](int) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, AnswerMs);
    QCoreApplication::processEvents();
    QCOMPARE(m_view->currentIndex().row(), 2);
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 2);
    // A later selectToken() still selects.
    selectRowOf(farId);
}

void TestTokensPage::actionsWaitForARowStillBeingRead()
{
    // Over a server a row is a placeholder until its window arrives. Selected then, every action
    // on the selection says so (not "select a token", not "too many"), none acts on the rows
    // already read, and all of them follow once it is read. The local store reads it at once.
    QVERIFY(openWindow());
    m_model->setWindowSize(10); // rows beyond the first screen are not read yet
    QVERIFY(settled(m_model));
    const int last = m_model->rowCount() - 1;
    QCOMPARE(last, 119);
    auto *message = child<QLabel>(m_page, "tokensMessage");
    const QString reading = QStringLiteral("A selected row is still being read.");
    m_view->selectRow(last);
    if (overServer()) {
        QVERIFY(m_model->index(last, 0).data(WindowedTableModel::LoadingRole).toBool());
        for (Page::Action a : {Page::Inspect, Page::EditScope, Page::Revoke, Page::Delete}) {
            QVERIFY(!m_window->action(a)->isEnabled());
            QCOMPARE(m_window->action(a)->toolTip(), reading);
        }
        QVERIFY(m_page->targets().isEmpty());
        // Del says the same, and asks nothing.
        m_view->setFocus();
        QTest::keyClick(m_view, Qt::Key_Delete);
        QCOMPARE(message->text(), reading);
        QVERIFY(!m_window->findChild<QDialog *>(QStringLiteral("revokeTokensDialog")));
    }
    // Read: the actions apply to it.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->action(Page::Inspect)->isEnabled(), AnswerMs);
    QCOMPARE(m_page->targets().size(), 1);
    QCOMPARE(m_page->targets().first().id, m_model->idAt(last));
    QVERIFY(m_window->action(Page::Inspect)->toolTip() != reading);

    // A read row and one still being read, selected together: the actions wait for both.
    QVERIFY(rowRead(m_model, 0));
    const QModelIndex first = m_model->index(0, TokenListModel::NameColumn);
    const QModelIndex middle = m_model->index(60, TokenListModel::NameColumn);
    if (overServer()) // a placeholder until its window arrives: nothing asked for it before
        QVERIFY(middle.data(WindowedTableModel::LoadingRole).toBool());
    QItemSelection both(first, first);
    both.select(middle, middle);
    m_view->selectionModel()->select(both, QItemSelectionModel::ClearAndSelect |
                                               QItemSelectionModel::Rows);
    if (overServer()) {
        QVERIFY(m_page->targets().isEmpty());
        QCOMPARE(m_window->action(Page::Revoke)->toolTip(), reading);
        QCOMPARE(m_window->action(Page::Inspect)->toolTip(), reading);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_page->targets().size(), 2, AnswerMs);
    QCOMPARE(m_window->action(Page::Inspect)->toolTip(),
             QStringLiteral("Select only one token to inspect it."));
}

void TestTokensPage::columnLayoutIsRemembered()
{
    QVERIFY(openWindow());
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(TokenListModel::NameColumn, 333);
    header->moveSection(header->visualIndex(TokenListModel::StatusColumn), 1);
    header->setSectionHidden(TokenListModel::HintColumn, true);
    m_view->sortByColumn(TokenListModel::ExpiresColumn, Qt::AscendingOrder);
    m_window->close();
    m_window.reset(); // the page saves its layout
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_page = child<TokensPage>(m_window.get(), "tokensPage");
    m_view = child<QTableView>(m_page, "tokenTable");
    header = m_view->horizontalHeader();
    QCOMPARE(header->sectionSize(TokenListModel::NameColumn), 333);
    QCOMPARE(header->visualIndex(TokenListModel::StatusColumn), 1);
    QVERIFY(header->isSectionHidden(TokenListModel::HintColumn));
    QCOMPARE(m_page->model()->sortColumn(), int(TokenListModel::ExpiresColumn));
    QCOMPARE(m_page->model()->sortOrder(), Qt::AscendingOrder);
    QSettings().remove(QStringLiteral("tokensPage/header"));
    QSettings().remove(QStringLiteral("tokensPage/nameWidth"));
}

QTEST_MAIN(TestTokensPage)
#include "tst_tokenspage.moc"
