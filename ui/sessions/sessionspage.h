// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"

#include "core/types.h"

#include <QModelIndex>

#include <functional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

class QVBoxLayout;

namespace td {

class SessionListModel;

/// "Mobile Users Logged In" (seed 002): who is signed in to the mobile app, on which device,
/// last active when, until when. Filter (user, email, device, platform, department; optionally
/// ended sessions too), inspect (Enter / double-click), revoke one or many (checkbox column or the
/// selection; Del). The rows come from sign-ins through tokendesk-server; a revoked session's
/// next request to the server is refused.
class SessionsPage : public Page
{
    Q_OBJECT

public:
    explicit SessionsPage(ConsoleContext &context, QWidget *parent = nullptr);
    ~SessionsPage() override;

    QString title() const override { return tr("Mobile Users Logged In"); }
    ActionState actionState() const override;
    QString statusText() const override;

    void triggerRevoke() override;
    void triggerInspect() override;
    /// Exports the sessions the filter lists as CSV (a save dialog asks where).
    void triggerExport() override;
    /// The next triggerExport() writes here instead of asking (tests).
    static void setNextExportFileForTesting(const QString &path);
    void focusFilter() override;
    /// Filters the list by this text (user, email, device, department or platform).
    void setFilterText(const QString &text);
    void refresh() override;
    void followChanges() override;

    /// Revokes every mobile session of the user of the current row (it asks first).
    void signOutUserOfCurrentRow();
    /// "Sign Out All Sessions of “alice”…", in the list's context menu.
    QAction *signOutUserAction() const { return m_signOutUser; }

    SessionListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addFilterBar(QVBoxLayout *layout);
    void addTable(QVBoxLayout *layout);
    void connectBehaviour();
    /// Reads every session of q's user (500 at a time), then asks to revoke them.
    void readUserSessions(const SessionQuery &q, QList<qint64> ids, QStringList names,
                          const QString &username);
    void signOutUser(const QList<qint64> &ids, const QStringList &names, const QString &username);
    /// Opens the session dialog on s.
    void inspect(const MobileSession &s);
    /// Checked sessions, else the selected rows (none while one of them is still being read).
    QList<qint64> targetIds() const;
    /// The row Inspect shows: the one selected row, else the current one.
    QModelIndex inspected() const;
    /// Starts the revocation (it asks first); `names` names the sessions the page has loaded;
    /// `revoked` runs once they are revoked.
    void revoke(const QList<qint64> &ids, const QStringList &names,
                const std::function<void()> &revoked = {});
    void applyFilter();
    void updateSignOutUser();
    void showContextMenu(const QPoint &pos);
    void updateEmptyState();

    SessionListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_showEnded = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_message = nullptr; ///< the last export's outcome
    QAction *m_signOutUser = nullptr;
    QTimer *m_filterTimer = nullptr;
    bool m_exporting = false;
};

} // namespace td
