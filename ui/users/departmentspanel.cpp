// SPDX-License-Identifier: MIT
#include "departmentspanel.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "core/permissions.h"
#include "usercommands.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <utility>

#include <QAbstractItemDelegate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace td {

DepartmentsPanel::DepartmentsPanel(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("departmentsPanel"));
    m_canManage = Authz::mayManageUsers(m_context.actor());
    const QString noPermission =
        tr("Your user type does not allow you to create, rename or delete departments.");

    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("departmentsView"));
    m_table->setAccessibleName(tr("Departments"));
    m_table->setHorizontalHeaderLabels({tr("Department"), tr("Users"), tr("Created")});
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(m_canManage ? QAbstractItemView::DoubleClicked |
                                               QAbstractItemView::EditKeyPressed
                                         : QAbstractItemView::NoEditTriggers);
    m_table->setColumnWidth(0, fontMetrics().averageCharWidth() * 36);
    LayoutMemory::rememberColumns(m_table->horizontalHeader(), QStringLiteral("departments"));
    layout->addWidget(m_table, 1);

    auto *row = new QHBoxLayout;
    m_newName = new QLineEdit(this);
    m_newName->setObjectName(QStringLiteral("newDepartmentEdit"));
    m_newName->setAccessibleName(tr("New department name"));
    m_newName->setPlaceholderText(tr("New department name"));
    m_newName->setMaxLength(100);
    row->addWidget(m_newName, 1);
    m_add = new QPushButton(tr("&Add Department"), this);
    m_add->setObjectName(QStringLiteral("addDepartmentButton"));
    row->addWidget(m_add);
    m_delete = new QPushButton(tr("&Delete Department…"), this);
    m_delete->setObjectName(QStringLiteral("deleteDepartmentButton"));
    row->addWidget(m_delete);
    layout->addLayout(row);
    m_message = Form::errorLabel(this, QStringLiteral("departmentsMessage"));
    layout->addWidget(m_message);

    if (!m_canManage) {
        for (QWidget *w : {static_cast<QWidget *>(m_newName), static_cast<QWidget *>(m_add),
                           static_cast<QWidget *>(m_delete)}) {
            w->setEnabled(false);
            w->setToolTip(noPermission);
        }
    }

    connect(m_add, &QPushButton::clicked, this, &DepartmentsPanel::addDepartment);
    connect(m_newName, &QLineEdit::returnPressed, this, &DepartmentsPanel::addDepartment);
    connect(m_newName, &QLineEdit::textChanged, this, &DepartmentsPanel::updateButtons);
    connect(m_delete, &QPushButton::clicked, this, &DepartmentsPanel::deleteSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DepartmentsPanel::updateButtons);
    // A change left unread while a name was edited is read once the editor closes.
    connect(m_table->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, [this] {
        QTimer::singleShot(0, this, [this] {
            if (m_behind && !editing())
                follow();
        });
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_loading && item->column() == 0)
            renamed(item->row());
    });
    reload();
}

QString DepartmentsPanel::statusText() const
{
    return tr("%n department(s)", nullptr, int(m_departments.size()));
}

void DepartmentsPanel::reload(qint64 toSelect)
{
    if (toSelect)
        m_toSelect = toSelect;
    const qint64 selected = toSelect ? toSelect
                            : m_table->currentRow() >= 0 && m_table->currentRow() < count()
                                ? m_departments.at(m_table->currentRow()).id
                                : 0;
    // Only the latest reading is shown: an older one still on its way may predate a change.
    const quint64 serial = ++m_readSerial;
    m_context.backend().departments().then(
        this, [this, selected, serial](const Result<QList<Department>> &depts) {
            // Nor while a name is being edited (its editor stays): read once it closes.
            if (serial != m_readSerial || editing()) {
                m_behind = m_behind || serial == m_readSerial;
                return;
            }
            showDepartments(depts, m_toSelect ? std::exchange(m_toSelect, 0) : selected);
        });
}

bool DepartmentsPanel::editing() const
{
    // A name being edited: its editor is a widget on the table's viewport.
    for (const QWidget *editor :
         m_table->viewport()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (editor->isVisible())
            return true;
    return false;
}

void DepartmentsPanel::follow()
{
    if (editing()) {
        m_behind = true;
        return;
    }
    reload();
}

void DepartmentsPanel::showDepartments(const Result<QList<Department>> &depts, qint64 selected)
{
    m_behind = false;
    m_loading = true;
    const int scrolled = m_table->verticalScrollBar()->value();
    const QScopeGuard keepScroll(
        [this, scrolled] { m_table->verticalScrollBar()->setValue(scrolled); });
    m_table->setRowCount(0);
    if (!depts) {
        Form::showError(m_message, depts.error().message);
        m_departments.clear();
        m_loading = false;
        updateButtons();
        return;
    }
    m_departments = depts.value();
    m_table->setRowCount(int(m_departments.size()));
    for (int i = 0; i < m_departments.size(); ++i) {
        const Department &d = m_departments.at(i);
        auto *name = new QTableWidgetItem(d.name);
        name->setData(Qt::UserRole, d.id);
        name->setToolTip(m_canManage ? tr("Double-click or press F2 to rename.") : QString());
        m_table->setItem(i, 0, name);
        auto *users = new QTableWidgetItem(QString::number(d.userCount));
        users->setFlags(users->flags() & ~Qt::ItemIsEditable);
        users->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 1, users);
        auto *created = new QTableWidgetItem(Form::dateTime(d.createdAt));
        created->setFlags(created->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(i, 2, created);
        if (d.id == selected)
            m_table->selectRow(i);
    }
    m_loading = false;
    updateButtons();
}

void DepartmentsPanel::updateButtons()
{
    if (!m_canManage)
        return;
    m_add->setEnabled(!m_newName->text().trimmed().isEmpty());
    const int row = m_table->currentRow();
    const bool selected = m_table->selectionModel()->hasSelection() && row >= 0 && row < count();
    const bool used = selected && m_departments.at(row).userCount > 0;
    m_delete->setEnabled(selected && !used);
    m_delete->setToolTip(!selected ? tr("Select a department first.")
                         : used    ? tr("Only a department without users can be deleted.")
                                   : QString());
}

void DepartmentsPanel::focusNew()
{
    m_newName->setFocus();
}

void DepartmentsPanel::addDepartment()
{
    if (!m_canManage || m_newName->text().trimmed().isEmpty())
        return;
    m_add->setEnabled(false);
    m_context.backend()
        .createDepartment(m_newName->text())
        .then(this, [this](const Result<Department> &created) {
            if (!created) {
                Form::showError(m_message, created.error().message);
                updateButtons();
                return;
            }
            Form::showError(m_message, {});
            m_newName->clear();
            reload(created->id);
            Q_EMIT changed();
        });
}

void DepartmentsPanel::renamed(int row)
{
    if (row < 0 || row >= count())
        return;
    const Department &d = m_departments.at(row);
    const QString name = m_table->item(row, 0)->text();
    if (name == d.name)
        return;
    ++m_readSerial; // a list read before the rename is older than what it shows now
    m_context.backend()
        .renameDepartment(d.id, name)
        .then(this, [this, id = d.id, name](const Result<void> &r) {
            // What the store holds now, as this answer says: the list read before a rename
            // still on its way (or its reading again) may be older.
            for (int i = 0; i < count(); ++i) {
                if (m_departments.at(i).id != id)
                    continue;
                if (r)
                    m_departments[i].name = name;
                m_loading = true;
                m_table->item(i, 0)->setText(m_departments.at(i).name); // new, or back
                m_loading = false;
            }
            if (!r) {
                Form::showError(m_message, r.error().message);
                return;
            }
            Form::showError(m_message, {});
            reload();
            Q_EMIT changed();
        });
}

void DepartmentsPanel::deleteSelected()
{
    const int row = m_table->currentRow();
    if (!m_canManage || row < 0 || row >= count())
        return;
    auto *command = new DeleteDepartmentCommand(m_context, m_departments.at(row), this);
    connect(command, &Command::finished, this, [this] {
        Form::showError(m_message, {});
        reload();
        Q_EMIT changed();
    });
    command->start();
}

} // namespace td
