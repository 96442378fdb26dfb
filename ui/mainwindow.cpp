// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "audit/auditpage.h"
#include "consolecontext.h"
#include "domain/authz.h"
#include "overview/overviewpage.h"
#include "sessions/sessionspage.h"
#include "settings/preferencesdialog.h"
#include "settings/webhooksdialog.h"
#include "store/changesource.h"
#include "tokens/expirywatch.h"
#include "tokens/tokenspage.h"
#include "users/userspage.h"
#include "widgets/icons.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QCloseEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

namespace td {

MainWindow::MainWindow(ConsoleContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TokenDesk"));
    setWindowIcon(applicationIcon());

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Places"));
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pages"));

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_expiryBanner = createExpiryBanner();
    centralLayout->addWidget(m_expiryBanner);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);

    createActions();
    createPages();
    m_stack->addAction(m_actions.value(Page::Inspect));

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_pages.size())
            m_stack->setCurrentWidget(m_pages[row]);
        // Only the page shown decides how narrow the window may get (the Users page's buttons
        // must not keep API Tokens from a small window).
        for (Page *p : std::as_const(m_pages)) {
            const auto policy =
                p == m_stack->currentWidget() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
            p->setSizePolicy(policy, policy);
        }
        updateActions();
        updateStatus();
    });
    showPage({}); // the first place this user may open
    // The navigation takes what its longest entry needs, and never less (a remembered splitter
    // or a narrow window must not cut a place's name); the page gets the rest (and any extra
    // width when the window grows).
    const int navWidth = m_navigation->sizeHintForColumn(0) + 2 * m_navigation->frameWidth() +
                         2 * fontMetrics().averageCharWidth();
    m_navigation->setMinimumWidth(navWidth);
    splitter->setStretchFactor(0, 0);
    splitter->setSizes({navWidth, 4 * navWidth});

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_statusLabel, 1);
    m_expiryLabel = new QLabel(this);
    m_expiryLabel->setObjectName(QStringLiteral("expiryStatus"));
    m_expiryLabel->setTextFormat(Qt::RichText);
    m_expiryLabel->setVisible(false);
    connect(m_expiryLabel, &QLabel::linkActivated, this,
            [this] { showPage(QStringLiteral("tokensPage")); });
    statusBar()->addPermanentWidget(m_expiryLabel);
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("signedInUser"));
    statusBar()->addPermanentWidget(m_userLabel);
    const Actor &a = m_context.actor();
    m_userLabel->setText(a.isPerson() ? tr("Signed in as %1").arg(a.username) : a.label);
    if (!m_context.isLocal()) { // through a server: say which one
        const QUrl server(m_context.backend().location());
        m_userLabel->setText(tr("Signed in as %1 at %2").arg(a.username, server.authority()));
        m_userLabel->setToolTip(m_context.backend().location());
        setWindowTitle(tr("TokenDesk — %1").arg(server.host()));
    }

    restoreLayout();
    updateActions();
    updateStatus();
    watchExpiry();
}

/// "3 of your tokens expire this week. [Show My Tokens] [×]": shown once after the start when
/// something of the person's expires within the week.
QFrame *MainWindow::createExpiryBanner()
{
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("expiryBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::ToolTipBase);
    banner->setForegroundRole(QPalette::ToolTipText);
    banner->setAccessibleName(tr("Expiry notice"));
    auto *layout = new QHBoxLayout(banner);
    auto *icon = new QLabel(banner);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    layout->addWidget(icon);
    m_expiryBannerText = new QLabel(banner);
    m_expiryBannerText->setObjectName(QStringLiteral("expiryBannerText"));
    m_expiryBannerText->setWordWrap(true);
    m_expiryBannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_expiryBannerText, 1);
    auto *show = new QPushButton(tr("Show &My Tokens"), banner);
    show->setObjectName(QStringLiteral("showExpiringButton"));
    connect(show, &QPushButton::clicked, this, [this] {
        showPage(QStringLiteral("tokensPage"));
        m_expiryBanner->hide();
    });
    layout->addWidget(show);
    auto *close = new QToolButton(banner);
    close->setObjectName(QStringLiteral("dismissExpiryButton"));
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    close->setAccessibleName(tr("Dismiss the expiry notice"));
    connect(close, &QToolButton::clicked, banner, &QWidget::hide);
    layout->addWidget(close);
    banner->hide();
    return banner;
}

void MainWindow::watchExpiry()
{
    m_expiry = new ExpiryWatch(m_context, this);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        m_tray->setToolTip(tr("TokenDesk"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    connect(m_expiry, &ExpiryWatch::updated, this, [this] {
        const QString summary = m_expiry->summary();
        const QString details = m_expiry->details().join(QLatin1Char('\n'));
        m_expiryLabel->setVisible(!summary.isEmpty());
        m_expiryLabel->setText(
            QStringLiteral("<a href=\"#tokens\">%1</a>").arg(summary.toHtmlEscaped()));
        m_expiryLabel->setToolTip(details);
        m_expiryBannerText->setText(summary.isEmpty() ? QString() : summary + QLatin1Char('.'));
        m_expiryBannerText->setToolTip(details);
        if (summary.isEmpty())
            m_expiryBanner->hide();
        else if (!m_expiryShown) // the notice of the start, once
            m_expiryBanner->show();
        m_expiryShown = true;
        if (m_tray)
            m_tray->setToolTip(summary.isEmpty() ? tr("TokenDesk")
                                                 : tr("TokenDesk — %1").arg(summary));
    });
    connect(m_expiry, &ExpiryWatch::moreExpiring, this, [this](const QString &summary) {
        ++m_trayNotices;
        if (m_tray)
            m_tray->showMessage(tr("TokenDesk"), summary, QSystemTrayIcon::Warning, 15000);
    });
    m_expiry->refresh();
}

MainWindow::~MainWindow()
{
    if (ChangeSource *changes = m_context.changes())
        changes->setActive(false);
}

void MainWindow::createPages()
{
    // One line per place. Each issue replaces its placeholder with the real page.

    // Overview (everyone: what they may see)
    auto *overview = new OverviewPage(m_context, this);
    addPage(overview, QStringLiteral("overview"));

    // API Tokens
    auto *tokens = new TokensPage(m_context, this);
    addPage(tokens, QStringLiteral("tokens"));
    if (auto *edit = menuBar()->findChild<QMenu *>(QStringLiteral("editMenu")))
        edit->addAction(tokens->revokeUnusedAction());

    // Mobile Users Logged In
    addPage(new SessionsPage(m_context, this), QStringLiteral("sessions"));

    // Users (administrators)
    addPage(new UsersPage(m_context, this), QStringLiteral("users"));

    // Audit Log (administrators and support)
    addPage(new AuditPage(m_context, this), QStringLiteral("audit"));

    connectOverview(overview);
}

void MainWindow::connectOverview(OverviewPage *overview)
{
    // A bar of the Overview opens its list, filtered.
    auto *tokens = findChild<TokensPage *>();
    auto *sessions = findChild<SessionsPage *>();
    auto *audit = findChild<AuditPage *>();
    connect(overview, &OverviewPage::expiringTokensRequested, this,
            [this, tokens](const QDateTime &from, const QDateTime &until) {
                if (showPage(tokens->objectName()))
                    tokens->showExpiringBetween(from, until);
            });
    connect(overview, &OverviewPage::recentlyUsedTokensRequested, this, [this, tokens] {
        if (showPage(tokens->objectName()))
            tokens->showByLastUse();
    });
    connect(overview, &OverviewPage::sessionsOnPlatformRequested, this,
            [this, sessions](const QString &platform) {
                if (showPage(sessions->objectName()))
                    sessions->setFilterText(platform);
            });
    connect(overview, &OverviewPage::failedSignInsRequested, this, [this, audit](const QDate &day) {
        if (showPage(audit->objectName()))
            audit->showDay(day, QStringLiteral("failure"));
    });
}

void MainWindow::addPage(Page *page, const QString &iconName)
{
    if (page->objectName().isEmpty())
        page->setObjectName(iconName + QStringLiteral("Page"));
    m_pages << page;
    m_stack->addWidget(page);
    static const QHash<QString, QString> icons = {
        {QStringLiteral("overview"), QStringLiteral("overview")},
        {QStringLiteral("tokens"), QStringLiteral("key")},
        {QStringLiteral("sessions"), QStringLiteral("phone")},
        {QStringLiteral("users"), QStringLiteral("users")},
        {QStringLiteral("audit"), QStringLiteral("audit")}};
    auto *item = new QListWidgetItem(themedIcon(icons.value(iconName, iconName)), page->title(),
                                     m_navigation);
    item->setData(Qt::UserRole, page->objectName());
    item->setToolTip(page->title());
    // A place the user type does not allow stays visible, disabled, saying why.
    if (const QString why = page->unavailableReason(); !why.isEmpty()) {
        item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        item->setToolTip(why);
        item->setData(Qt::AccessibleDescriptionRole, why);
    }
    // The keyboard way to each place: View ▸ <place> (Ctrl+1, Ctrl+2, …).
    const int number = int(m_pages.size());
    auto *go = m_viewMenu->addAction(QStringLiteral("&%1 %2").arg(number).arg(page->title()));
    go->setObjectName(QStringLiteral("actionGoTo_") + page->objectName());
    if (number <= 9)
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
    go->setEnabled(page->unavailableReason().isEmpty());
    go->setToolTip(page->unavailableReason());
    connect(go, &QAction::triggered, this, [this, page] {
        if (!showPage(page->objectName()))
            return;
        // The focus goes to the place's first control (as Tab would).
        for (QWidget *w = page->nextInFocusChain(); w && page->isAncestorOf(w);
             w = w->nextInFocusChain())
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled()) {
                w->setFocus(Qt::ShortcutFocusReason);
                break;
            }
    });
    connect(page, &Page::stateChanged, this, [this, page] {
        if (page == currentPage()) {
            updateActions();
            updateStatus();
        }
    });
}

void MainWindow::createActions()
{
    auto make = [this](Page::Action a, const QString &text, const QKeySequence &key,
                       const QString &name, void (Page::*slot)()) {
        auto *act = new QAction(text, this);
        act->setObjectName(name);
        if (!key.isEmpty())
            act->setShortcut(key);
        connect(act, &QAction::triggered, this, [this, slot] {
            if (Page *p = currentPage())
                (p->*slot)();
        });
        m_actions.insert(a, act);
        return act;
    };
    QAction *newAct = make(Page::New, tr("&New…"), QKeySequence::New, QStringLiteral("actionNew"),
                           &Page::triggerNew);
    QAction *editAct = make(Page::EditScope, tr("&Edit Scope…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                            QStringLiteral("actionEditScope"), &Page::triggerEditScope);
    QAction *rotateAct =
        make(Page::Rotate, tr("R&otate Secret…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
             QStringLiteral("actionRotate"), &Page::triggerRotate);
    rotateAct->setStatusTip(tr("A new secret for the selected API token; the old one can keep "
                               "working for a while."));
    QAction *revokeAct = make(Page::Revoke, tr("&Revoke…"), QKeySequence::Delete,
                              QStringLiteral("actionRevoke"), &Page::triggerRevoke);
    QAction *deleteAct =
        make(Page::Delete, tr("&Delete…"), QKeySequence(Qt::SHIFT | Qt::Key_Delete),
             QStringLiteral("actionDelete"), &Page::triggerDelete);
    QAction *inspectAct = make(Page::Inspect, tr("&Inspect…"), QKeySequence(Qt::Key_Return),
                               QStringLiteral("actionInspect"), &Page::triggerInspect);
    // Enter must not fire inside line edits and dialogs: only while the focus is on a page (the
    // action is added to the page stack, which is what this shortcut context refers to).
    inspectAct->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *exportAct =
        make(Page::Export, tr("E&xport CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
             QStringLiteral("actionExport"), &Page::triggerExport);

    m_findAction = new QAction(tr("&Find"), this);
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (Page *p = currentPage())
            p->focusFilter();
    });
    m_findByValueAction = new QAction(tr("Find Token by &Value…"), this);
    m_findByValueAction->setObjectName(QStringLiteral("actionFindTokenByValue"));
    m_findByValueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_findByValueAction->setStatusTip(
        tr("Which API token is this? Paste a whole token to see its name, user and status."));
    connect(m_findByValueAction, &QAction::triggered, this, &MainWindow::findTokenByValue);
    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("actionRefresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (Page *p = currentPage())
            p->refresh();
    });

    const QList<std::pair<QAction *, const char *>> actionIcons = {
        {newAct, "new"},        {editAct, "edit"},           {revokeAct, "revoke"},
        {deleteAct, "delete"},  {inspectAct, "inspect"},     {exportAct, "export"},
        {m_findAction, "find"}, {m_refreshAction, "refresh"}};
    for (const auto &[action, name] : actionIcons)
        action->setIcon(themedIcon(QLatin1String(name)));

    createMenus();
    createToolBar();
}

void MainWindow::createMenus()
{
    QAction *newAct = m_actions.value(Page::New);
    QAction *editAct = m_actions.value(Page::EditScope);
    QAction *revokeAct = m_actions.value(Page::Revoke);
    QAction *deleteAct = m_actions.value(Page::Delete);
    QAction *inspectAct = m_actions.value(Page::Inspect);
    QAction *exportAct = m_actions.value(Page::Export);
    QAction *rotateAct = m_actions.value(Page::Rotate);
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(exportAct);
    file->addSeparator();
    QAction *signOut = file->addAction(themedIcon(QStringLiteral("signout")), tr("Sign &Out"));
    signOut->setObjectName(QStringLiteral("actionSignOut"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(newAct);
    edit->addAction(editAct);
    edit->addAction(rotateAct);
    edit->addAction(inspectAct);
    edit->addSeparator();
    edit->addAction(revokeAct);
    edit->addAction(deleteAct);
    edit->addSeparator();
    edit->addAction(m_findAction);
    edit->addAction(m_findByValueAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator(); // addPage() adds one entry per place, Ctrl+1 … Ctrl+9
    m_viewMenu = view;

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    m_manageTokensAction =
        settings->addAction(themedIcon(QStringLiteral("settings")), tr("&Manage Tokens…"));
    m_manageTokensAction->setObjectName(QStringLiteral("actionManageTokens"));
    connect(m_manageTokensAction, &QAction::triggered, this, &MainWindow::manageTokensRequested);
    m_webhooksAction = settings->addAction(tr("&Webhooks…"));
    m_webhooksAction->setObjectName(QStringLiteral("actionWebhooks"));
    m_webhooksAction->setStatusTip(tr("The URLs tokendesk-server sends token and session events "
                                      "to (administrators)"));
    connect(m_webhooksAction, &QAction::triggered, this, &MainWindow::openWebhooks);
    settings->addSeparator();
    QAction *preferences = settings->addAction(tr("&Preferences…"));
    preferences->setObjectName(QStringLiteral("actionPreferences"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, [this] {
        auto *dialog = new PreferencesDialog(m_context, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About TokenDesk"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::findTokenByValue()
{
    auto *tokens = findChild<TokensPage *>(QStringLiteral("tokensPage"));
    if (!tokens)
        return;
    auto *ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("findTokenDialog"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("Find Token by Value"));
    ask->setLabelText(tr("Paste the whole API token (tdk_…). TokenDesk checks its checksum and "
                         "looks up its hash; the value is not kept."));
    ask->setTextEchoMode(QLineEdit::Password);
    ask->setOkButtonText(tr("Find"));
    connect(ask, &QInputDialog::textValueSelected, this, [this, tokens](const QString &value) {
        showPage(tokens->objectName());
        tokens->findTokenByValue(value);
    });
    ask->open();
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (Page::Action a : {Page::New, Page::EditScope, Page::Inspect, Page::Revoke})
        bar->addAction(m_actions.value(a));
    bar->addSeparator();
    bar->addAction(m_refreshAction);
    bar->addAction(m_actions.value(Page::Export));
}

/// Help ▸ About: window-modal and not blocking (as every dialog of the console).
void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About TokenDesk"));
    const int side = 4 * fontMetrics().height();
    box->setIconPixmap(applicationIcon().pixmap(QSize(side, side), devicePixelRatioF()));
    box->setText(tr("<b>TokenDesk</b> %1<br>Administration of API tokens and mobile sessions.")
                     .arg(QApplication::applicationVersion()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

bool MainWindow::showPage(const QString &objectName)
{
    // Empty name: the first place that is open to this user.
    for (int i = 0; i < m_pages.size(); ++i) {
        if (!objectName.isEmpty() && m_pages[i]->objectName() != objectName)
            continue;
        if (!m_pages[i]->unavailableReason().isEmpty()) {
            if (objectName.isEmpty())
                continue;
            return false;
        }
        m_navigation->setCurrentRow(i);
        return true;
    }
    return false;
}

QAction *MainWindow::action(Page::Action a) const
{
    return m_actions.value(a);
}

void MainWindow::openWebhooks()
{
    auto *dialog = new WebhooksDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::updateActions()
{
    if (m_webhooksAction)
        m_webhooksAction->setEnabled(Authz::mayChangeSettings(m_context.actor()));
    Page *p = currentPage();
    const Page::ActionState state = p ? p->actionState() : Page::ActionState{};
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const bool on = state.enabled.testFlag(it.key());
        it.value()->setEnabled(on);
        const QString why = state.why.value(it.key());
        it.value()->setToolTip(on || why.isEmpty() ? it.value()->text().remove(QLatin1Char('&'))
                                                   : why);
        it.value()->setStatusTip(on ? QString() : why);
    }
}

void MainWindow::updateStatus()
{
    // Called by the first setCurrentRow() in the constructor, before the status bar exists.
    if (!m_statusLabel)
        return;
    if (Page *p = currentPage())
        m_statusLabel->setText(p->statusText());
}

void MainWindow::restoreLayout()
{
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("mainwindow/geometry")).toByteArray()))
        resize(firstSize());
    restoreState(s.value(QStringLiteral("mainwindow/state")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        splitter->restoreState(s.value(QStringLiteral("mainwindow/splitter")).toByteArray());
    showPage(s.value(QStringLiteral("mainwindow/page")).toString());
}

/// The size of a first start: room for the navigation and every column of the first page's
/// list, as far as the screen allows.
QSize MainWindow::firstSize() const
{
    int pageWidth = 0;
    // Room for the API Tokens list, the widest list (the Overview, shown first, has none).
    Page *widest = findChild<TokensPage *>();
    if (Page *p = widest ? widest : currentPage()) {
        for (const QTableView *view : p->findChildren<QTableView *>()) {
            if (view->isHidden())
                continue;
            // The columns (the stretching one at its own width), the scroll bar and the frame.
            const int columns =
                view->horizontalHeader()->length() +
                (view->verticalHeader()->isHidden() ? 0 : view->verticalHeader()->width()) +
                style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view) +
                2 * view->frameWidth();
            pageWidth = std::max(pageWidth, columns);
        }
        if (const QLayout *l = p->layout())
            pageWidth += l->contentsMargins().left() + l->contentsMargins().right();
    }
    const auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QSize size(m_navigation->minimumWidth() + (splitter ? splitter->handleWidth() : 0) + pageWidth,
               42 * fontMetrics().height());
    size = size.expandedTo(minimumSizeHint());
    if (const QScreen *sc = screen()) {
        // Within the screen, leaving room for the window's frame and title bar.
        const QSize room = sc->availableSize();
        size = size.boundedTo(
            QSize(room.width() - 2 * fontMetrics().height(), room.height() * 9 / 10));
    }
    return size;
}

void MainWindow::saveLayout()
{
    QSettings s;
    s.setValue(QStringLiteral("mainwindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainwindow/state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        s.setValue(QStringLiteral("mainwindow/splitter"), splitter->saveState());
    if (Page *p = currentPage())
        s.setValue(QStringLiteral("mainwindow/page"), p->objectName());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

bool MainWindow::event(QEvent *event)
{
    const bool handled = QMainWindow::event(event);
    switch (event->type()) {
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::WindowStateChange:
        // The lists follow changes made elsewhere while someone can see them.
        if (ChangeSource *changes = m_context.changes())
            changes->setActive(isVisible() && !isMinimized());
        break;
    case QEvent::WindowActivate:
        if (ChangeSource *changes = m_context.changes())
            changes->checkNow();
        break;
    default:
        break;
    }
    return handled;
}

} // namespace td
