// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace td {

class ConsoleContext;
class PermissionList;

/// Users ▸ User Types: each type with its permissions (console permissions and API scopes).
/// The three built-in types are shown read-only; administrators create more, change their
/// permissions and delete unused ones.
class UserTypesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit UserTypesPanel(ConsoleContext &context, QWidget *parent = nullptr);

    QString statusText() const;
    /// Selects the type with that name; false when there is none.
    bool select(const QString &name);

public Q_SLOTS:
    /// Reads the types again, then selects `toSelect` (default: the selected one).
    void reload(const QString &toSelect = {});
    /// The store changed elsewhere: read again, keeping the selection, unless permissions are
    /// being changed and not saved yet (the changes are not taken away).
    void follow();
    void newUserType();
    void savePermissions();
    void deleteSelected();

Q_SIGNALS:
    void changed();

private:
    /// Reads the types, then shows them selecting toSelect; a following read (a change made
    /// elsewhere) is not shown over unsaved permission changes.
    void read(const QString &toSelect, bool following);
    void showTypes(const Result<QList<UserType>> &types, const QString &current);
    void permissionsSaved(const Result<void> &r, const QString &name);
    void showSelected();
    void updateButtons();
    const UserType *selected() const;
    /// The signed-in person may change or delete this type (Authz::mayEditUserType).
    bool mayEdit(const UserType &t) const;

    ConsoleContext &m_context;
    QList<UserType> m_types;
    bool m_canManage = false;
    bool m_dirty = false;
    bool m_behind = false;    ///< the store changed and the types were not shown again since
    quint64 m_readSerial = 0; ///< the latest reading of the types (older answers are dropped)
    /// A type asked to be selected (one just created) and not shown yet: a later reading
    /// (a follow) selects it instead of the row that was current.
    QString m_toSelect;
    QListWidget *m_list = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_note = nullptr;
    PermissionList *m_permissions = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_message = nullptr;
};

/// "New User Type": name, description and permissions.
class UserTypeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit UserTypeDialog(ConsoleContext &context, QWidget *parent = nullptr);
    PermissionList *permissionList() const { return m_permissions; }
    const UserType &created() const { return m_created; }

public Q_SLOTS:
    void save();

private:
    ConsoleContext &m_context;
    UserType m_created;
    bool m_saving = false;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    PermissionList *m_permissions = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace td
