// SPDX-License-Identifier: MIT
// Accessibility and keyboard: the real MainWindow, signed in as an administrator, and
// every dialog of the console — create token, token created, edit scope, revoke and delete
// confirmations, inspect token, session, user (create, edit, view), user type, manage tokens,
// sign in, both first-run wizard pages, about, a message box — and every page and tab of the
// main window. For each: every visible focusable widget has an accessible name, and Tab walks
// every focusable widget once, in reading order, without a trap. The keyboard reaches every
// action: the menus have mnemonics, the actions have shortcuts, Delete asks before revoking.
#include "a11ycheck.h"

#include "account/firstrunwizard.h"
#include "account/managetokensdialog.h"
#include "account/signindialog.h"
#include "consolecontext.h"
#include "demogenerator.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "sessions/sessiondialog.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "tokens/inspecttokendialog.h"
#include "tokens/tokencreateddialog.h"
#include "tokens/tokenspage.h"
#include "users/userdialog.h"
#include "users/usertypespanel.h"
#include "widgets/accessibility.h"
#include "widgets/formhelpers.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace td;
using namespace td::test;

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void checkerCatchesProblems();
    void valuesAndComboBoxesReadWithTheirLabels();
    void mainWindowPages();
    void windowDialogs_data();
    void windowDialogs();
    void tokenCreatedDialog();
    void sessionDialog();
    void userDialogs();
    void userTypeDialog();
    void manageTokensDialog();
    void signInDialog();
    void firstRunWizardPages();
    void messageBox();
    void everyActionHasAKey();
    void deleteKeyAsksBeforeRevoking();

private:
    void openWindow();
    void check(QWidget *window, const QString &name);
    QDialog *waitForDialog(const QString &objectName);
    void selectFirstActiveToken(); ///< its id in m_selectedToken

    Fixture m_f;
    Actor m_admin;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_problems;
    qint64 m_selectedToken = 0;
};

void TestAccessibility::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
    Accessibility::install(); // as runConsole() does
}

void TestAccessibility::init()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req;
    req.users = 6;
    req.tokens = 30;
    req.sessions = 6;
    req.seed = 11;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    auto admin = m_f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    QVERIFY(admin.ok());
    m_admin = admin.value();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    m_problems.clear();
    openWindow();
}

void TestAccessibility::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    m_context.reset();
    m_f = Fixture();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void TestAccessibility::openWindow()
{
    m_context = std::make_unique<ConsoleContext>(std::move(m_f.store), m_admin);
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1280, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

/// Names and Tab order of one window; the problems are collected in m_problems.
void TestAccessibility::check(QWidget *window, const QString &name)
{
    if (!window->isVisible())
        window->show();
    QVERIFY2(QTest::qWaitForWindowExposed(window), qPrintable(name));
    QCoreApplication::processEvents();
    for (const QString &w : widgetsWithoutName(window))
        m_problems << name + QStringLiteral(": no accessible name: ") + w;
    for (const QString &w : valuesWithoutText(window))
        m_problems << name + QStringLiteral(": a value without its text: ") + w;
    for (const QString &w : listsWithoutName(window))
        m_problems << name + QStringLiteral(": an unnamed list: ") + w;
    for (const QString &p : tabChainProblems(window))
        m_problems << name + QStringLiteral(": ") + p;
    const QString dir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    window->grab().save(dir + QStringLiteral("/a11y_") + name + QStringLiteral(".png"));
}

QDialog *TestAccessibility::waitForDialog(const QString &objectName)
{
    QDialog *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            found = m_window->findChild<QDialog *>(objectName);
            return found && found->isVisible();
        },
        5000);
    return found && found->isVisible() ? found : nullptr;
}

void TestAccessibility::selectFirstActiveToken()
{
    QVERIFY(m_window->showPage(QStringLiteral("tokensPage")));
    auto *page = m_window->findChild<TokensPage *>(QStringLiteral("tokensPage"));
    auto *model = page->model();
    auto tokens = m_context->domain().tokens.list(m_admin, TokenQuery{});
    QVERIFY(tokens.ok());
    for (const ApiToken &t : tokens.value())
        if (t.status == TokenStatus::Active) {
            QVERIFY(page->selectToken(t.id));
            QVERIFY(model->rowCount() > 0);
            m_selectedToken = t.id;
            return;
        }
    QFAIL("no active token in the demo data");
}

// ---- the tests ---------------------------------------------------------------------------------

void TestAccessibility::checkerCatchesProblems()
{
    // The checks themselves: an unnamed line edit, an icon-only button, a text edit that keeps
    // Tab, and a tab order that jumps back up are all reported.
    QDialog d(m_window.get());
    d.setObjectName(QStringLiteral("probe"));
    auto *layout = new QVBoxLayout(&d);
    auto *named = new QLineEdit(&d);
    named->setObjectName(QStringLiteral("named"));
    auto *label = new QLabel(QStringLiteral("&Name:"), &d);
    label->setBuddy(named);
    layout->addWidget(label);
    layout->addWidget(named);
    auto *unnamed = new QLineEdit(&d);
    unnamed->setObjectName(QStringLiteral("unnamed"));
    layout->addWidget(unnamed);
    auto *icon = new QToolButton(&d);
    icon->setObjectName(QStringLiteral("iconOnly"));
    icon->setFocusPolicy(Qt::StrongFocus);
    layout->addWidget(icon);
    auto *trap = new QPlainTextEdit(&d);
    trap->setObjectName(QStringLiteral("trap"));
    trap->setAccessibleName(QStringLiteral("Notes"));
    layout->addWidget(trap);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    const QString names = widgetsWithoutName(&d).join(QLatin1Char('\n'));
    QVERIFY2(names.contains(QLatin1String("'unnamed'")), qPrintable(names));
    QVERIFY2(names.contains(QLatin1String("'iconOnly'")), qPrintable(names));
    QVERIFY2(!names.contains(QLatin1String("'named'")), qPrintable(names));
    QVERIFY2(!names.contains(QLatin1String("'trap'")), qPrintable(names));
    QString tabs = tabChainProblems(&d).join(QLatin1Char('\n'));
    QVERIFY2(tabs.contains(QLatin1String("Tab does not leave QPlainTextEdit 'trap'")),
             qPrintable(tabs));
    trap->setTabChangesFocus(true);
    QVERIFY2(tabChainProblems(&d).isEmpty(),
             qPrintable(tabChainProblems(&d).join(QLatin1Char('\n'))));
    // Bottom → top → middle: two jumps back up around the cycle.
    QWidget::setTabOrder(trap, named);
    QWidget::setTabOrder(named, icon);
    QWidget::setTabOrder(icon, unnamed);
    tabs = tabChainProblems(&d).join(QLatin1Char('\n'));
    QVERIFY2(tabs.contains(QLatin1String("goes back up")), qPrintable(tabs));

    // A value label named by its field with no text for assistive technology, a combo box
    // without a label (Qt would name it by its value), and an unnamed completion list.
    auto *value = new QLabel(QStringLiteral("2027-01-01"), &d);
    value->setObjectName(QStringLiteral("bareValue"));
    value->setTextInteractionFlags(Qt::TextSelectableByKeyboard);
    value->setAccessibleName(QStringLiteral("Expiry Date"));
    layout->addWidget(value);
    QLabel *good = Form::valueLabel(&d, QStringLiteral("goodValue"), QStringLiteral("Created"));
    Form::setValue(good, QStringLiteral("2026-01-01"));
    layout->addWidget(good);
    auto *combo = new QComboBox(&d);
    combo->setObjectName(QStringLiteral("unlabelledCombo"));
    combo->addItems({QStringLiteral("Active"), QStringLiteral("Revoked")});
    layout->addWidget(combo);
    named->setCompleter(new QCompleter(QStringList{QStringLiteral("admin")}, named));
    QTRY_VERIFY(value->isVisible() && good->isVisible() && combo->isVisible());
    const QString values = valuesWithoutText(&d).join(QLatin1Char('\n'));
    QVERIFY2(values.contains(QLatin1String("'bareValue'")), qPrintable(values));
    QVERIFY2(!values.contains(QLatin1String("'goodValue'")), qPrintable(values));
    const QString unnamedCombo = widgetsWithoutName(&d).join(QLatin1Char('\n'));
    QVERIFY2(unnamedCombo.contains(QLatin1String("'unlabelledCombo'")), qPrintable(unnamedCombo));
    QString lists = listsWithoutName(&d).join(QLatin1Char('\n'));
    QVERIFY2(lists.contains(QLatin1String("completions of QLineEdit 'named'")), qPrintable(lists));
    QVERIFY2(lists.contains(QLatin1String("pop-up list of QComboBox 'unlabelledCombo'")),
             qPrintable(lists));
    // Labelled, the combo box is named by the label and so is its pop-up list.
    auto *comboLabel = new QLabel(QStringLiteral("&State:"), &d);
    comboLabel->setBuddy(combo);
    layout->addWidget(comboLabel);
    QVERIFY2(!widgetsWithoutName(&d).join(QLatin1Char('\n')).contains(QLatin1String("Combo")),
             qPrintable(widgetsWithoutName(&d).join(QLatin1Char('\n'))));
    lists = listsWithoutName(&d).join(QLatin1Char('\n'));
    QVERIFY2(!lists.contains(QLatin1String("Combo")), qPrintable(lists));
}

void TestAccessibility::valuesAndComboBoxesReadWithTheirLabels()
{
    // A combo box: named by its label, valued by its current text; its pop-up list named too.
    auto *status = m_window->findChild<QComboBox *>(QStringLiteral("statusFilter"));
    QVERIFY(status);
    QAccessibleInterface *combo = QAccessible::queryAccessibleInterface(status);
    QVERIFY(combo);
    QCOMPARE(combo->role(), QAccessible::ComboBox);
    QCOMPARE(combo->text(QAccessible::Name), status->accessibleName());
    QCOMPARE(combo->text(QAccessible::Value), status->currentText());
    QVERIFY(combo->childCount() >= 1);
    QCOMPARE(combo->child(0)->text(QAccessible::Name), status->accessibleName());
    QCOMPARE(combo->child(0)->role(), QAccessible::List);
    // Its actions open and close the pop-up, as Qt's own do.
    auto *actions = combo->actionInterface();
    QVERIFY(actions);
    actions->doAction(QAccessibleActionInterface::showMenuAction());
    QTRY_VERIFY(status->view()->isVisible());
    QVERIFY(combo->state().expanded);
    actions->doAction(QAccessibleActionInterface::showMenuAction());
    QTRY_VERIFY(!status->view()->isVisible());

    // Inspect: each value is named by its field, reads its value as the description and is
    // labelled by its caption.
    selectFirstActiveToken();
    m_window->findChild<QAction *>(QStringLiteral("actionInspect"))->trigger();
    QDialog *d = waitForDialog(QStringLiteral("inspectTokenDialog"));
    QVERIFY(d);
    auto *name = d->findChild<QLabel *>(QStringLiteral("value_name"));
    QVERIFY(name);
    QAccessibleInterface *value = QAccessible::queryAccessibleInterface(name);
    QCOMPARE(value->text(QAccessible::Name), QStringLiteral("Token Name"));
    auto token = m_context->domain().tokens.token(m_admin, m_selectedToken);
    QVERIFY(token);
    QCOMPARE(value->text(QAccessible::Description), token->name);
    const auto captions = value->relations(QAccessible::Label);
    QCOMPARE(captions.size(), 1);
    QCOMPARE(captions.first().first->text(QAccessible::Name), QStringLiteral("Token Name:"));
    // A value that arrives later (the tenant) is read as it is shown.
    auto *tenant = d->findChild<QLabel *>(QStringLiteral("value_tenantId"));
    QTRY_VERIFY(tenant->text() != InspectTokenDialog::tr("Reading…"));
    QCOMPARE(QAccessible::queryAccessibleInterface(tenant)->text(QAccessible::Description),
             tenant->text());
    d->reject();
}

void TestAccessibility::mainWindowPages()
{
    for (Page *page : m_window->pages()) {
        QVERIFY(m_window->showPage(page->objectName()));
        if (auto *tabs = page->findChild<QTabWidget *>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                check(m_window.get(),
                      page->objectName() + QLatin1Char('_') + tabs->widget(i)->objectName());
            }
        } else {
            check(m_window.get(), page->objectName());
        }
    }
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::windowDialogs_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<bool>("needsToken");
    QTest::newRow("create token") << "actionNew"
                                  << "createTokenDialog" << false;
    QTest::newRow("edit scope") << "actionEditScope"
                                << "editScopeDialog" << true;
    QTest::newRow("revoke") << "actionRevoke"
                            << "revokeTokensDialog" << true;
    QTest::newRow("inspect") << "actionInspect"
                             << "inspectTokenDialog" << true;
    QTest::newRow("about") << "actionAbout"
                           << "aboutDialog" << false;
}

void TestAccessibility::windowDialogs()
{
    QFETCH(QString, action);
    QFETCH(QString, dialog);
    QFETCH(bool, needsToken);
    QVERIFY(m_window->showPage(QStringLiteral("tokensPage")));
    if (needsToken)
        selectFirstActiveToken();
    auto *act = m_window->findChild<QAction *>(action);
    QVERIFY2(act, qPrintable(action));
    QVERIFY2(act->isEnabled(), qPrintable(action));
    act->trigger();
    QDialog *d = waitForDialog(dialog);
    QVERIFY2(d, qPrintable(dialog));
    check(d, dialog);
    d->reject();
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::tokenCreatedDialog()
{
    CreatedToken t;
    t.id = 1;
    t.secret = secret(QStringLiteral("tdk_") + QString(46, QLatin1Char('x')));
    t.hint = QStringLiteral("tdk_…xxxx");
    t.expiresAt = QDateTime::currentDateTimeUtc().addDays(30);
    auto *d = new TokenCreatedDialog(std::move(t), QStringLiteral("Token created"), QString(),
                                     m_window.get());
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->copyToken(); // closing then asks nothing
    d->open();
    check(d, QStringLiteral("tokenCreatedDialog"));
    d->close();
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::sessionDialog()
{
    auto sessions = m_context->domain().sessions.list(m_admin, SessionQuery{});
    QVERIFY(sessions.ok());
    QVERIFY(!sessions->isEmpty());
    SessionDialog d(
        sessions->first(), true,
        [](const MobileSession &) { return std::optional<MobileSession>(); }, m_window.get());
    d.open();
    check(&d, QStringLiteral("sessionDialog"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::userDialogs()
{
    auto users = m_context->domain().accounts.users(m_admin);
    QVERIFY(users.ok());
    QVERIFY(!users->isEmpty());
    for (auto [mode, name] :
         {std::pair{UserDialog::Mode::Create, "create"}, std::pair{UserDialog::Mode::Edit, "edit"},
          std::pair{UserDialog::Mode::View, "view"}}) {
        UserDialog d(*m_context, mode, users->first(), m_window.get());
        d.open();
        check(&d, QStringLiteral("userDialog_") + QLatin1String(name));
        d.reject();
    }
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::userTypeDialog()
{
    UserTypeDialog d(*m_context, m_window.get());
    d.open();
    check(&d, QStringLiteral("userTypeDialog"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::manageTokensDialog()
{
    ManageTokensDialog d(*m_context, m_window.get());
    d.open();
    check(&d, QStringLiteral("manageTokensDialog"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::signInDialog()
{
    m_window->hide();
    SignInDialog d(m_context->store(), DatabaseLocation::defaultLocation());
    d.show();
    check(&d, QStringLiteral("signInDialog"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::firstRunWizardPages()
{
    m_window->hide();
    FirstRunWizard w(DatabaseLocation::sqlite(QDir::temp().filePath(QStringLiteral("td-a11y.db"))));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    check(&w, QStringLiteral("firstRunWizard_store_sqlite"));
    auto *server = w.findChild<QRadioButton *>(QStringLiteral("serverRadio"));
    QVERIFY(server);
    server->setChecked(true);
    check(&w, QStringLiteral("firstRunWizard_store_server"));
    w.setStartId(FirstRunWizard::AdministratorPage);
    w.restart();
    check(&w, QStringLiteral("firstRunWizard_administrator"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::messageBox()
{
    bool checked = false;
    QTimer::singleShot(0, this, [&] {
        QWidget *box = QApplication::activeModalWidget();
        if (!box)
            return;
        check(box, QStringLiteral("messageBox"));
        checked = true;
        if (auto *d = qobject_cast<QDialog *>(box))
            d->done(QMessageBox::No);
    });
    MessageBox::question(m_window.get(), QStringLiteral("Revoke token?"),
                         QStringLiteral("Revoke the token ci-deploy?"),
                         QMessageBox::Yes | QMessageBox::No, QMessageBox::No,
                         QStringLiteral("It cannot be undone."));
    QVERIFY(checked);
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TestAccessibility::everyActionHasAKey()
{
    // Every menu has a mnemonic, every item in it a mnemonic; the page actions have shortcuts.
    QSet<QChar> topLevel;
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        const QString text = menuAction->text();
        const qsizetype amp = text.indexOf(QLatin1Char('&'));
        QVERIFY2(amp >= 0 && amp + 1 < text.size(), qPrintable(text));
        const QChar key = text.at(amp + 1).toLower();
        QVERIFY2(!topLevel.contains(key), qPrintable(QStringLiteral("duplicate mnemonic ") + text));
        topLevel.insert(key);
        QSet<QChar> inMenu;
        for (QAction *item : menuAction->menu()->actions()) {
            if (item->isSeparator())
                continue;
            const qsizetype a = item->text().indexOf(QLatin1Char('&'));
            QVERIFY2(a >= 0, qPrintable(text + QStringLiteral(" ▸ ") + item->text()));
            const QChar k = item->text().at(a + 1).toLower();
            QVERIFY2(!inMenu.contains(k), qPrintable(QStringLiteral("duplicate mnemonic in ") +
                                                     text + QStringLiteral(": ") + item->text()));
            inMenu.insert(k);
        }
    }
    for (Page::Action a :
         {Page::New, Page::EditScope, Page::Revoke, Page::Inspect, Page::Delete, Page::Export})
        QVERIFY2(!m_window->action(a)->shortcut().isEmpty(),
                 qPrintable(m_window->action(a)->text()));
    // Each place has its Ctrl+<n>, which also puts the focus into it.
    const QList<Page *> pages = m_window->pages();
    for (int i = 0; i < pages.size(); ++i) {
        auto *go =
            m_window->findChild<QAction *>(QStringLiteral("actionGoTo_") + pages[i]->objectName());
        QVERIFY2(go, qPrintable(pages[i]->objectName()));
        QCOMPARE(go->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        go->trigger();
        QCOMPARE(m_window->currentPage(), pages[i]);
        QVERIFY(pages[i]->isAncestorOf(QApplication::focusWidget()));
    }
    // The table's context menu is reachable from the keyboard (the Menu key, Shift+F10).
    auto *view = m_window->findChild<QTableView *>(QStringLiteral("tokenTable"));
    QVERIFY(view);
    selectFirstActiveToken();
    const QModelIndex current = view->currentIndex();
    QVERIFY(current.isValid());
    QString menuName;
    int currentRowInMenu = -1;
    qsizetype columnEntries = 0;
    QTimer::singleShot(0, this, [&] {
        if (QWidget *popup = QApplication::activePopupWidget()) {
            menuName = popup->objectName();
            currentRowInMenu = view->currentIndex().row();
            // The columns can be shown and hidden from here (the header takes no focus).
            if (auto *columns = popup->findChild<QMenu *>(QStringLiteral("columnMenu")))
                columnEntries = columns->actions().size();
            popup->close();
        }
    });
    view->setFocus();
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(5, 5),
                              view->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(view, &menuKey);
    QCOMPARE(menuName, QStringLiteral("tokenContextMenu"));
    QCOMPARE(currentRowInMenu, current.row()); // the menu is for the current row, not the top one
    QCOMPARE(columnEntries, qsizetype(TokenListModel::ColumnCount - TokenListModel::HintColumn));
}

void TestAccessibility::deleteKeyAsksBeforeRevoking()
{
    selectFirstActiveToken();
    auto *view = m_window->findChild<QTableView *>(QStringLiteral("tokenTable"));
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_Delete);
    QDialog *d = waitForDialog(QStringLiteral("revokeTokensDialog"));
    QVERIFY(d); // a confirmation, not a revocation
    QVERIFY(d->focusWidget());
    // Escape cancels it, nothing revoked.
    QPointer<QDialog> guard(d);
    QTest::keyClick(d->focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    auto token = m_context->domain().tokens.token(m_admin, m_selectedToken);
    QVERIFY(token);
    QCOMPARE(token->status, TokenStatus::Active);
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
