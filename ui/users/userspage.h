// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"

#include "client/backend.h"
#include "core/result.h"
#include "core/types.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace td {

class AccountService;
class DepartmentsPanel;
class UserTypesPanel;
class UsersModel;

/// Users (administrators; read-only for Support): three tabs — Users (list with filter; New,
/// Edit with password reset, Disable after a confirmation with the counts of what it revokes,
/// Enable), Departments and User Types with their permissions.
class UsersPage : public Page
{
    Q_OBJECT

public:
    explicit UsersPage(ConsoleContext &context, QWidget *parent = nullptr);
    ~UsersPage() override;

    QString title() const override;
    QString unavailableReason() const override;
    ActionState actionState() const override;
    QString statusText() const override;

    void triggerNew() override;
    void triggerInspect() override;
    void focusFilter() override;
    void refresh() override;
    void followChanges() override;

    UsersModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// Selects the user with that username (fetched rows only); false when not shown.
    bool selectUser(const QString &username);

public Q_SLOTS:
    void disableSelected();
    /// The console sign-ins of the selected user, to end one.
    void showConsoleSignIns();
    void enableSelected();
    /// Lifts the sign-in lock of the selected user (audited).
    void unlockSelected();

private:
    /// Applies an AccountService change to the selected user and shows the outcome (doneText:
    /// "%1" is the user name; empty: no message).
    /// Selects the user's row once its position is known; true when that is now.
    bool selectUserId(qint64 id);
    void changeSelected(Pending<void> (Backend::*change)(qint64), const QString &doneText);
    /// Asks before disabling u, naming what it revokes.
    void confirmDisable(const User &u, const DisableResult &live);
    void addUsersTab();
    void connectBehaviour();
    void applyFilter();
    void showMessage(const QString &text, bool problem = true);
    void updateButtons();
    qint64 selectedId() const;
    int selectedRow() const;
    QString noManageReason() const;

    bool m_canView = false;
    bool m_canManage = false;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_showDisabled = nullptr;
    QTableView *m_view = nullptr;
    UsersModel *m_model = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_disableButton = nullptr;
    QPushButton *m_enableButton = nullptr;
    QPushButton *m_unlockButton = nullptr;
    QPushButton *m_signInsButton = nullptr;
    QLabel *m_message = nullptr;
    DepartmentsPanel *m_departments = nullptr;
    UserTypesPanel *m_userTypes = nullptr;
};

} // namespace td
