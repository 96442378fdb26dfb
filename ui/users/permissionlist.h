// SPDX-License-Identifier: MIT
#pragma once

#include <QTreeWidget>

namespace td {

/// The permissions of a user type as a checklist: the console permissions and the API scopes,
/// each with what it allows.
class PermissionList : public QTreeWidget
{
    Q_OBJECT

public:
    explicit PermissionList(QWidget *parent = nullptr);

    void setPermissions(const QStringList &permissions);
    QStringList permissions() const;
    /// Read-only: the boxes show the state but cannot be changed.
    void setEditable(bool editable);
    /// Checks or unchecks one permission by name (tests, keyboard helpers).
    bool setChecked(const QString &permission, bool checked);

Q_SIGNALS:
    void permissionsChanged();

private:
    QList<QTreeWidgetItem *> items() const;
    bool m_editable = true;
    bool m_updating = false;
};

} // namespace td
