// SPDX-License-Identifier: MIT
#include "userspage.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "consolesigninsdialog.h"
#include "core/permissions.h"
#include "departmentspanel.h"
#include "usercommands.h"
#include "userdialog.h"
#include "usersmodel.h"
#include "usertypespanel.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"
#include "widgets/livelist.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace td {

UsersPage::UsersPage(ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("usersPage"));
    m_canView = Authz::seesAllUsers(context.actor());
    m_canManage = Authz::mayManageUsers(context.actor());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("usersTabs"));
    layout->addWidget(m_tabs);
    if (!m_canView)
        return; // the navigation keeps this place disabled; nothing to read

    addUsersTab();

    // ---- Departments, User Types ----
    m_departments = new DepartmentsPanel(context, m_tabs);
    m_tabs->addTab(m_departments, tr("De&partments"));
    m_userTypes = new UserTypesPanel(context, m_tabs);
    m_tabs->addTab(m_userTypes, tr("User &Types"));

    connectBehaviour();
    applyFilter();
}

/// The Users tab: filter, list, buttons, message.
void UsersPage::addUsersTab()
{
    auto *usersTab = new QWidget(m_tabs);
    usersTab->setObjectName(QStringLiteral("usersTab"));
    auto *ul = new QVBoxLayout(usersTab);
    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(usersTab);
    m_filter->setObjectName(QStringLiteral("usersFilter"));
    m_filter->setAccessibleName(tr("Filter users"));
    m_filter->setPlaceholderText(tr("Filter by user name, display name, email or department"));
    m_filter->setAccessibleDescription(m_filter->placeholderText());
    m_filter->setClearButtonEnabled(true);
    filterRow->addWidget(m_filter, 1);
    m_showDisabled = new QCheckBox(tr("Show &disabled users"), usersTab);
    m_showDisabled->setObjectName(QStringLiteral("showDisabledCheck"));
    m_showDisabled->setChecked(true);
    filterRow->addWidget(m_showDisabled);
    ul->addLayout(filterRow);

    m_model = new UsersModel(context().backend(), this);
    m_view = new QTableView(usersTab);
    m_view->setObjectName(QStringLiteral("usersView"));
    m_view->setAccessibleName(tr("Users"));
    m_view->setAccessibleDescription(tr("Enter opens the current user."));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setWordWrap(false);
    const int cw = m_view->fontMetrics().averageCharWidth();
    const int widths[] = {16, 22, 28, 18, 16, 11, 22, 14};
    for (int c = 0; c < UsersModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * cw);
    Form::fitColumnTitles(m_view->horizontalHeader());
    const int nameWidth = m_view->columnWidth(UsersModel::DisplayName);
    LayoutMemory::rememberColumns(m_view->horizontalHeader(), QStringLiteral("users"));
    // The name takes the room left, not the last column.
    Form::stretchColumn(m_view->horizontalHeader(), UsersModel::DisplayName, nameWidth);
    ul->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_newButton = new QPushButton(tr("&New User…"), usersTab);
    m_newButton->setObjectName(QStringLiteral("newUserButton"));
    buttons->addWidget(m_newButton);
    m_editButton = new QPushButton(m_canManage ? tr("&Edit…") : tr("&View…"), usersTab);
    m_editButton->setObjectName(QStringLiteral("editUserButton"));
    buttons->addWidget(m_editButton);
    m_disableButton = new QPushButton(tr("D&isable…"), usersTab);
    m_disableButton->setObjectName(QStringLiteral("disableUserButton"));
    buttons->addWidget(m_disableButton);
    m_enableButton = new QPushButton(tr("En&able"), usersTab);
    m_enableButton->setObjectName(QStringLiteral("enableUserButton"));
    buttons->addWidget(m_enableButton);
    m_unlockButton = new QPushButton(tr("&Unlock Sign-in"), usersTab);
    m_unlockButton->setObjectName(QStringLiteral("unlockUserButton"));
    buttons->addWidget(m_unlockButton);
    m_signInsButton = new QPushButton(tr("Console &Sign-ins…"), usersTab);
    m_signInsButton->setObjectName(QStringLiteral("consoleSignInsButton"));
    buttons->addWidget(m_signInsButton);
    buttons->addStretch(1);
    ul->addLayout(buttons);
    m_message = Form::errorLabel(usersTab, QStringLiteral("usersMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ul->addWidget(m_message);
    m_tabs->addTab(usersTab, tr("&Users"));
}

void UsersPage::connectBehaviour()
{
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(250);
    connect(filterDelay, &QTimer::timeout, this, &UsersPage::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &UsersPage::applyFilter);
    connect(m_showDisabled, &QCheckBox::toggled, this, &UsersPage::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersPage::updateButtons);
    connect(m_model, &UsersModel::loaded, this, &UsersPage::updateButtons);
    // The selected row may be a placeholder until its window arrives.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &UsersPage::updateButtons);
    connect(m_view, &QTableView::activated, this, &UsersPage::triggerInspect);
    connect(m_newButton, &QPushButton::clicked, this, &UsersPage::triggerNew);
    connect(m_editButton, &QPushButton::clicked, this, &UsersPage::triggerInspect);
    connect(m_disableButton, &QPushButton::clicked, this, &UsersPage::disableSelected);
    connect(m_enableButton, &QPushButton::clicked, this, &UsersPage::enableSelected);
    connect(m_unlockButton, &QPushButton::clicked, this, &UsersPage::unlockSelected);
    connect(m_signInsButton, &QPushButton::clicked, this, &UsersPage::showConsoleSignIns);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { Q_EMIT stateChanged(); });
    connect(m_departments, &DepartmentsPanel::changed, this, [this] { m_model->reload(); });
    connect(m_userTypes, &UserTypesPanel::changed, this, [this] { m_model->reload(); });
    connect(&context(), &ConsoleContext::dataChanged, this, [this] {
        if (m_model)
            m_model->reload();
    });
}

UsersPage::~UsersPage() = default;

QString UsersPage::title() const
{
    return tr("Users");
}

QString UsersPage::unavailableReason() const
{
    return m_canView ? QString()
                     : tr("Your user type does not allow you to see users, departments and user "
                          "types.");
}

QString UsersPage::noManageReason() const
{
    return tr("Your user type does not allow you to create, edit, disable or enable users.");
}

void UsersPage::showMessage(const QString &text, bool problem)
{
    Form::showMessage(m_message, text, problem);
}

void UsersPage::applyFilter()
{
    if (!m_model)
        return;
    UserQuery q;
    q.text = m_filter->text();
    q.includeDisabled = m_showDisabled->isChecked();
    const qint64 keep = selectedId();
    m_model->setQuery(q);
    if (keep) {
        selectUserId(keep);
    }
    showMessage(m_model->lastError());
    updateButtons();
}

int UsersPage::selectedRow() const
{
    if (!m_view)
        return -1;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

qint64 UsersPage::selectedId() const
{
    const int row = selectedRow();
    return row >= 0 && row < m_model->rowCount() ? m_model->user(row).id : 0;
}

bool UsersPage::selectUser(const QString &username)
{
    if (!m_model)
        return false;
    // By the store, not by walking the rows: the list may hold a million users.
    auto selected = std::make_shared<bool>(false);
    context().backend().userByName(username).then(this, [this, selected](Result<User> user) {
        if (user)
            *selected = selectUserId(user->id);
    });
    return *selected; // over a server: false now, the row is selected when the answer comes
}

bool UsersPage::selectUserId(qint64 id)
{
    auto selected = std::make_shared<bool>(false);
    m_model->locate(id, this, [this, selected](int row) {
        if (row < 0)
            return;
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0));
        *selected = true;
    });
    return *selected;
}

void UsersPage::updateButtons()
{
    if (!m_model)
        return;
    const int row = selectedRow();
    const bool selected = row >= 0 && row < m_model->rowCount();
    const User selectedUser = selected ? m_model->user(row) : User{};
    const User *u = selected && selectedUser.id ? &selectedUser : nullptr;
    const bool self = u && u->id == context().actor().userId;
    const QString selectFirst = tr("Select a user first.");
    // Selected, but its row is a placeholder: over a server its window is on its way.
    const QString reading =
        selected && !u ? whyStillReading(m_view->selectionModel()->selection()) : QString();

    m_newButton->setEnabled(m_canManage);
    m_newButton->setToolTip(m_canManage ? tr("Create a user (Ctrl+N).") : noManageReason());
    m_editButton->setEnabled(u);
    m_editButton->setToolTip(u ? QString() : selected ? reading : selectFirst);

    auto set = [&](QPushButton *b, bool applicable, const QString &notApplicable) {
        QString why;
        if (!m_canManage)
            why = noManageReason();
        else if (!selected)
            why = selectFirst;
        else if (!u)
            why = reading;
        else if (!applicable)
            why = notApplicable;
        b->setEnabled(why.isEmpty());
        b->setToolTip(why);
    };
    set(m_disableButton, u && u->enabled() && !self,
        self ? tr("You cannot disable your own account.") : tr("The user is already disabled."));
    set(m_enableButton, u && !u->enabled(), tr("The user is not disabled."));
    set(m_unlockButton, u && u->locked(), tr("The user's sign-in is not locked."));
    // One's own sign-ins, or those of a user one manages (the server decides in the end).
    const bool mayList = u && (self || m_canManage);
    m_signInsButton->setEnabled(mayList);
    m_signInsButton->setToolTip(!selected ? selectFirst
                                : !u      ? reading
                                : mayList ? tr("The consoles signed in to a server as this user; "
                                               "end one there.")
                                          : noManageReason());
    Q_EMIT stateChanged();
}

Page::ActionState UsersPage::actionState() const
{
    ActionState s;
    if (!m_canView)
        return s;
    const int tab = m_tabs->currentIndex();
    if (m_canManage)
        s.enabled |= New;
    else
        s.why.insert(New, noManageReason());
    if (tab == 0 && selectedId())
        s.enabled |= Inspect;
    const QString notHere = tr("Not available for users; use Disable.");
    s.why.insert(Revoke, notHere);
    s.why.insert(Delete, notHere);
    s.why.insert(EditScope, tr("Only tokens have a scope."));
    return s;
}

QString UsersPage::statusText() const
{
    if (!m_model)
        return {};
    switch (m_tabs->currentIndex()) {
    case 1:
        return m_departments->statusText();
    case 2:
        return m_userTypes->statusText();
    default:
        break;
    }
    const bool filtered = !m_filter->text().trimmed().isEmpty() || !m_showDisabled->isChecked();
    return filtered ? tr("%n user(s) match the filter", nullptr, int(m_model->totalCount()))
                    : tr("%n user(s)", nullptr, int(m_model->totalCount()));
}

void UsersPage::triggerNew()
{
    if (!m_canManage)
        return;
    switch (m_tabs->currentIndex()) {
    case 1:
        m_departments->focusNew();
        return;
    case 2:
        m_userTypes->newUserType();
        return;
    default:
        break;
    }
    auto *d = new UserDialog(context(), UserDialog::Mode::Create, {}, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &QDialog::accepted, this, [this, d] {
        const qint64 id = d->userId();
        m_model->reload();
        selectUserId(id);
    });
    d->open();
}

void UsersPage::triggerInspect()
{
    const int row = selectedRow();
    if (m_tabs->currentIndex() != 0 || row < 0)
        return;
    const User u = m_model->user(row);
    if (!u.id) // a placeholder: its window is on its way
        return;
    auto *d = new UserDialog(
        context(), m_canManage ? UserDialog::Mode::Edit : UserDialog::Mode::View, u, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &QDialog::accepted, this, [this, id = u.id] {
        m_model->reload();
        selectUserId(id);
    });
    d->open();
}

void UsersPage::disableSelected()
{
    const int row = selectedRow();
    if (!m_canManage || row < 0)
        return;
    const User u = m_model->user(row);
    if (!u.id) // a placeholder: its window is on its way
        return;
    context().backend().liveCredentials(u.id).then(this,
                                                   [this, u](const Result<DisableResult> &live) {
                                                       if (!live) {
                                                           showMessage(live.error().message);
                                                           return;
                                                       }
                                                       confirmDisable(u, live.value());
                                                   });
}

void UsersPage::confirmDisable(const User &u, const DisableResult &live)
{
    auto *command = new DisableUserCommand(context(), u, live, this);
    connect(command, &Command::finished, this, [this, command, u] {
        showMessage({});
        selectUserId(u.id); // the list reloaded on dataChanged
        const DisableResult &done = command->result();
        showMessage(tr("%1 is disabled: %2 and %3 revoked.")
                        .arg(u.username, tr("%n API token(s)", nullptr, done.tokensRevoked),
                             tr("%n mobile session(s)", nullptr, done.sessionsRevoked)),
                    false);
    });
    command->start();
}

void UsersPage::enableSelected()
{
    changeSelected(&Backend::enableUser, {});
}

void UsersPage::showConsoleSignIns()
{
    const int row = selectedRow();
    if (row < 0 || !m_signInsButton->isEnabled())
        return;
    auto *d = new ConsoleSignInsDialog(context(), m_model->user(row), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->open();
}

void UsersPage::unlockSelected()
{
    changeSelected(&Backend::unlockUser, tr("The sign-in of %1 is unlocked."));
}

void UsersPage::changeSelected(Pending<void> (Backend::*change)(qint64), const QString &doneText)
{
    const int row = selectedRow();
    if (!m_canManage || row < 0)
        return;
    const User u = m_model->user(row);
    if (!u.id) // a placeholder: its window is on its way
        return;
    (context().backend().*change)(u.id).then(this, [this, u, doneText](const Result<void> &done) {
        if (!done) {
            showMessage(done.error().message);
            return;
        }
        showMessage(doneText.isEmpty() ? QString() : doneText.arg(u.username), false);
        Q_EMIT context().dataChanged();
        selectUserId(u.id);
    });
}

void UsersPage::focusFilter()
{
    if (!m_filter)
        return;
    m_tabs->setCurrentIndex(0);
    m_filter->setFocus();
    m_filter->selectAll();
}

void UsersPage::followChanges()
{
    if (!m_model)
        return;
    LiveList::follow(m_view, m_model, [this] { updateButtons(); });
    m_departments->follow();
    m_userTypes->follow();
}

void UsersPage::refresh()
{
    if (!m_model)
        return;
    m_model->reload();
    m_departments->reload();
    m_userTypes->reload();
    updateButtons();
}

} // namespace td
