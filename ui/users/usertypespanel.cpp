// SPDX-License-Identifier: MIT
#include "usertypespanel.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "core/permissions.h"
#include "permissionlist.h"
#include "usercommands.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace td {

UserTypesPanel::UserTypesPanel(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("userTypesPanel"));
    m_canManage = Authz::mayManageUsers(m_context.actor());
    const QString noPermission =
        tr("Your user type does not allow you to create, change or delete user types.");

    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("userTypesSplitter"));
    splitter->setChildrenCollapsible(false);

    auto *left = new QWidget(splitter);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("userTypesList"));
    m_list->setAccessibleName(tr("User types"));
    ll->addWidget(m_list, 1);
    auto *lb = new QHBoxLayout;
    m_new = new QPushButton(tr("&New User Type…"), left);
    m_new->setObjectName(QStringLiteral("newUserTypeButton"));
    lb->addWidget(m_new);
    m_delete = new QPushButton(tr("De&lete…"), left);
    m_delete->setObjectName(QStringLiteral("deleteUserTypeButton"));
    lb->addWidget(m_delete);
    ll->addLayout(lb);

    auto *right = new QWidget(splitter);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_name = new QLabel(right);
    m_name->setObjectName(QStringLiteral("userTypeName"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    rl->addWidget(m_name);
    m_description = new QLabel(right);
    m_description->setObjectName(QStringLiteral("userTypeDescription"));
    m_description->setWordWrap(true);
    rl->addWidget(m_description);
    m_note = Form::hintLabel(QString(), right);
    m_note->setObjectName(QStringLiteral("userTypeNote"));
    rl->addWidget(m_note);
    m_permissions = new PermissionList(right);
    rl->addWidget(m_permissions, 1);
    auto *rb = new QHBoxLayout;
    rb->addStretch(1);
    m_save = new QPushButton(tr("&Save Permissions"), right);
    m_save->setObjectName(QStringLiteral("savePermissionsButton"));
    rb->addWidget(m_save);
    rl->addLayout(rb);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    const int cw = fontMetrics().averageCharWidth();
    splitter->setSizes({cw * 30, cw * 110});
    layout->addWidget(splitter, 1);
    m_message = Form::errorLabel(this, QStringLiteral("userTypesMessage"));
    layout->addWidget(m_message);

    if (!m_canManage) {
        for (QPushButton *b : {m_new, m_delete, m_save}) {
            b->setEnabled(false);
            b->setToolTip(noPermission);
        }
    }

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showSelected();
        if (m_behind) // a change was left unread while permissions were being changed
            follow();
    });
    connect(m_permissions, &PermissionList::permissionsChanged, this, [this] {
        m_dirty = true;
        updateButtons();
    });
    connect(m_new, &QPushButton::clicked, this, &UserTypesPanel::newUserType);
    connect(m_save, &QPushButton::clicked, this, &UserTypesPanel::savePermissions);
    connect(m_delete, &QPushButton::clicked, this, &UserTypesPanel::deleteSelected);
    reload();
}

QString UserTypesPanel::statusText() const
{
    return tr("%n user type(s)", nullptr, int(m_types.size()));
}

const UserType *UserTypesPanel::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_types.size() ? &m_types.at(row) : nullptr;
}

bool UserTypesPanel::select(const QString &name)
{
    for (int i = 0; i < m_types.size(); ++i) {
        if (m_types.at(i).name == name) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void UserTypesPanel::reload(const QString &toSelect)
{
    if (!toSelect.isEmpty())
        m_toSelect = toSelect;
    read(!toSelect.isEmpty() ? toSelect : selected() ? selected()->name : QString(), false);
}

void UserTypesPanel::follow()
{
    m_behind = true;
    if (m_dirty)
        return;
    read(selected() ? selected()->name : QString(), true);
}

void UserTypesPanel::read(const QString &toSelect, bool following)
{
    // Only the latest reading is shown: an older one still on its way may predate a change.
    const quint64 serial = ++m_readSerial;
    m_context.backend().userTypes().then(
        this, [this, toSelect, following, serial](Result<QList<UserType>> types) {
            // Changing permissions began while a change was read: they are not taken away.
            if (serial != m_readSerial || (following && m_dirty))
                return;
            const QString wanted =
                m_toSelect.isEmpty() ? toSelect : std::exchange(m_toSelect, QString());
            showTypes(types, wanted);
        });
}

void UserTypesPanel::showTypes(const Result<QList<UserType>> &types, const QString &current)
{
    m_behind = false;
    m_list->blockSignals(true);
    m_list->clear();
    if (!types) {
        Form::showError(m_message, types.error().message);
        m_types.clear();
    } else {
        m_types = types.value();
        for (const UserType &t : std::as_const(m_types)) {
            auto *item =
                new QListWidgetItem(t.builtin ? tr("%1 (built-in)").arg(t.name) : t.name, m_list);
            item->setToolTip(tr("%n user(s)", nullptr, int(t.userCount)));
        }
    }
    m_list->blockSignals(false);
    if (current.isEmpty() || !select(current))
        m_list->setCurrentRow(m_types.isEmpty() ? -1 : 0);
    showSelected();
}

void UserTypesPanel::showSelected()
{
    const UserType *t = selected();
    m_dirty = false;
    if (!t) {
        m_name->clear();
        m_description->clear();
        m_note->clear();
        m_permissions->setPermissions({});
        updateButtons();
        return;
    }
    m_name->setText(t->name);
    m_description->setText(BuiltinUserType::shownDescription(t->description));
    m_description->setVisible(!t->description.isEmpty());
    m_permissions->setPermissions(t->permissions);
    m_permissions->setEditable(m_canManage && !t->builtin && mayEdit(*t));
    QString note = tr("%n user(s) of this type.", nullptr, int(t->userCount));
    if (t->builtin)
        note += QLatin1Char(' ') + tr("Built-in user types cannot be changed; create a new user "
                                      "type for other permissions.");
    m_note->setText(note);
    updateButtons();
}

void UserTypesPanel::updateButtons()
{
    if (!m_canManage)
        return;
    const UserType *t = selected();
    const QString beyond = tr("It is your own user type or holds permissions you do not hold.");
    m_save->setEnabled(t && !t->builtin && mayEdit(*t) && m_dirty);
    m_save->setToolTip(!t             ? tr("Select a user type first.")
                       : t->builtin   ? tr("Built-in user types cannot be changed.")
                       : !mayEdit(*t) ? beyond
                       : !m_dirty     ? tr("Nothing changed.")
                                      : QString());
    const bool deletable = t && !t->builtin && mayEdit(*t) && t->userCount == 0;
    m_delete->setEnabled(deletable);
    m_delete->setToolTip(!t                 ? tr("Select a user type first.")
                         : t->builtin       ? tr("Built-in user types cannot be deleted.")
                         : !mayEdit(*t)     ? beyond
                         : t->userCount > 0 ? tr("Only a user type without users can be deleted.")
                                            : QString());
}

bool UserTypesPanel::mayEdit(const UserType &t) const
{
    return Authz::mayEditUserType(m_context.actor(), t.id, t.permissions, {});
}

void UserTypesPanel::savePermissions()
{
    const UserType *t = selected();
    if (!m_canManage || !t || t->builtin)
        return;
    const QString name = t->name;
    m_save->setEnabled(false);
    m_context.backend()
        .setUserTypePermissions(t->id, m_permissions->permissions())
        .then(this, [this, name](const Result<void> &r) { permissionsSaved(r, name); });
}

void UserTypesPanel::permissionsSaved(const Result<void> &r, const QString &name)
{
    if (!r) {
        Form::showError(m_message, r.error().message);
        updateButtons();
        return;
    }
    Form::showError(m_message, {});
    reload(name);
    m_context.refreshActor(); // in case it is the signed-in person's own type
    Q_EMIT changed();
}

void UserTypesPanel::newUserType()
{
    if (!m_canManage)
        return;
    auto *d = new UserTypeDialog(m_context, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &QDialog::accepted, this, [this, d] {
        const QString name = d->created().name;
        reload(name);
        Q_EMIT changed();
    });
    d->open();
}

void UserTypesPanel::deleteSelected()
{
    const UserType *t = selected();
    if (!m_canManage || !t)
        return;
    auto *command = new DeleteUserTypeCommand(m_context, *t, this);
    connect(command, &Command::finished, this, [this] {
        Form::showError(m_message, {});
        reload();
        Q_EMIT changed();
    });
    command->start();
}

// ---------------------------------------------------------------------------------------------

UserTypeDialog::UserTypeDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("userTypeDialog"));
    setWindowTitle(tr("New User Type"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("userTypeNameEdit"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(100);
    form->addRow(tr("&Name:"), m_name);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("userTypeDescriptionEdit"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setMaxLength(1000);
    form->addRow(tr("&Description:"), m_description);
    layout->addLayout(form);
    layout->addWidget(Form::hintLabel(tr("Grant only what people of this type need."), this));
    m_permissions = new PermissionList(this);
    m_permissions->setPermissions(BuiltinUserType::permissionsOf(BuiltinUserType::Standard));
    layout->addWidget(m_permissions, 1);
    m_message = Form::errorLabel(this, QStringLiteral("messageLabel"));
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserTypeDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto update = [this] {
        const bool ok = !m_name->text().trimmed().isEmpty();
        m_save->setEnabled(ok);
        m_save->setToolTip(ok ? QString() : tr("Enter a name."));
    };
    connect(m_name, &QLineEdit::textChanged, this, update);
    update();
    resize(fontMetrics().averageCharWidth() * 118, fontMetrics().height() * 34);
    LayoutMemory::rememberSize(this, QStringLiteral("userTypeDialog"));
}

void UserTypeDialog::save()
{
    if (m_name->text().trimmed().isEmpty() || m_saving)
        return;
    m_saving = true;
    m_save->setEnabled(false);
    m_context.backend()
        .createUserType(m_name->text(), m_description->text(), m_permissions->permissions())
        .then(this, [this](Result<UserType> r) {
            m_saving = false;
            m_save->setEnabled(true);
            if (!r) {
                Form::showError(m_message, r.error().message);
                return;
            }
            m_created = r.value();
            accept();
        });
}

} // namespace td
