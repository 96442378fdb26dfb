// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"

#include <QMainWindow>

class QAction;
class QFrame;
class QLabel;
class QSystemTrayIcon;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace td {

class ConsoleContext;
class ExpiryWatch;
class OverviewPage;

/// The console's main window: navigation between the places of PRODUCT.md, the menu and toolbar
/// actions with their shortcuts (forwarded to the current page), the status bar, and the window
/// layout remembered in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page *currentPage() const;
    /// Switches to the page with that objectName ("tokensPage", "sessionsPage", …).
    bool showPage(const QString &objectName);
    QList<Page *> pages() const { return m_pages; }
    QAction *action(Page::Action a) const;
    ExpiryWatch *expiryWatch() const { return m_expiry; }
    /// Tray notifications asked for so far (shown when the desktop has a tray).
    int trayNotices() const { return m_trayNotices; }

Q_SIGNALS:
    /// Settings ▸ Manage Tokens… (the personal token and access code).
    void manageTokensRequested();
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void createPages();
    void addPage(Page *page, const QString &iconName);
    void connectOverview(OverviewPage *overview);
    void createActions();
    void createMenus();
    void createToolBar();
    void showAbout();
    void findTokenByValue();
    void updateActions();
    /// Settings ▸ Webhooks… (administrators).
    void openWebhooks();
    void updateStatus();
    QFrame *createExpiryBanner();
    void watchExpiry();
    void restoreLayout();
    void saveLayout();
    QSize firstSize() const;

    ConsoleContext &m_context;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<Page *> m_pages;
    QHash<Page::Action, QAction *> m_actions;
    QAction *m_findAction = nullptr;
    QAction *m_findByValueAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_manageTokensAction = nullptr;
    QAction *m_webhooksAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_expiryLabel = nullptr;
    QFrame *m_expiryBanner = nullptr;
    QLabel *m_expiryBannerText = nullptr;
    ExpiryWatch *m_expiry = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_expiryShown = false;
    int m_trayNotices = 0;
};

} // namespace td
