// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace td {

class ConsoleContext;

/// Users ▸ Departments: the list (name, users, created); administrators add one, rename one in
/// place (double-click or F2) and delete an unused one.
class DepartmentsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DepartmentsPanel(ConsoleContext &context, QWidget *parent = nullptr);

    int count() const { return int(m_departments.size()); }
    QString statusText() const;

public Q_SLOTS:
    /// Reads the departments again, then selects `toSelect` (default: the selected one).
    void reload(qint64 toSelect = 0);
    /// The store changed elsewhere: read again, keeping the selection and the scroll position,
    /// unless a name is being edited (the edit is not taken away).
    void follow();
    void addDepartment();
    void deleteSelected();
    void focusNew();

Q_SIGNALS:
    void changed();

private:
    void showDepartments(const Result<QList<Department>> &depts, qint64 selected);
    void updateButtons();
    void renamed(int row);
    bool editing() const;

    ConsoleContext &m_context;
    QList<Department> m_departments;
    bool m_loading = false;
    bool m_behind = false;    ///< the store changed and the list was not shown again since
    quint64 m_readSerial = 0; ///< the latest reading of the list (older answers are dropped)
    /// A department asked to be selected (one just created) and not shown yet: a later reading
    /// (a follow) selects it instead of the row that was current.
    qint64 m_toSelect = 0;
    bool m_canManage = false;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_newName = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace td
