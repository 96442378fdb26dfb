// SPDX-License-Identifier: MIT
#include "sessionspage.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "sessioncommands.h"
#include "sessiondialog.h"
#include "widgets/checkheaderview.h"
#include "widgets/csvexportjob.h"
#include "widgets/formhelpers.h"
#include "widgets/livelist.h"
#include "widgets/statusbadgedelegate.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/localformat.h"
#include "itemmodels/sessionlistmodel.h"

#include "widgets/tones.h"
#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace td {

SessionsPage::SessionsPage(ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("sessionsPage"));
    m_model = new SessionListModel(context.backend(), this);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The users of the mobile app and their devices. Revoke a "
                                "session to sign that device out at once."),
                             this);
    intro->setObjectName(QStringLiteral("sessionsIntro"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    addFilterBar(layout);
    addTable(layout);
    connectBehaviour();
    updateEmptyState();
}

void SessionsPage::addFilterBar(QVBoxLayout *layout)
{
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("sessionFilter"));
    m_filter->setPlaceholderText(tr("Filter by user name, email, device, platform or department"));
    m_filter->setAccessibleName(tr("Filter mobile sessions"));
    m_filter->setAccessibleDescription(m_filter->placeholderText());
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    m_showEnded = new QCheckBox(tr("Show &ended sessions"), this);
    m_showEnded->setObjectName(QStringLiteral("showEndedSessions"));
    m_showEnded->setToolTip(tr("Also list revoked and expired sessions"));
    bar->addWidget(m_showEnded);
    layout->addLayout(bar);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("sessionError"));
    m_error->setWordWrap(true);
    setTextTone(m_error, Tone::Bad);
    m_error->hide();
    layout->addWidget(m_error);
    m_message = Form::errorLabel(this, QStringLiteral("sessionsMessage")); // what Export did
    layout->addWidget(m_message);
}

void SessionsPage::addTable(QVBoxLayout *layout)
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("sessionTable"));
    m_view->setAccessibleName(tr("Mobile Users Logged In"));
    m_view->setAccessibleDescription(
        tr("Enter shows the current session; Space checks or unchecks it; Ctrl+A checks every "
           "session of the filter or none; Delete revokes the checked or selected sessions."));
    m_view->setModel(m_model);
    m_view->setHorizontalHeader(new CheckHeaderView(m_model, m_view));
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    const int ch = fontMetrics().averageCharWidth();
    const QList<std::pair<int, int>> widths = {
        {SessionListModel::CheckColumn, 3},         {SessionListModel::UserNameColumn, 10},
        {SessionListModel::EmailColumn, 20},        {SessionListModel::DepartmentColumn, 13},
        {SessionListModel::UserTypeColumn, 11},     {SessionListModel::DeviceColumn, 16},
        {SessionListModel::ClientAddressColumn, 14}};
    for (const auto &[column, chars] : widths)
        m_view->setColumnWidth(column, chars * ch + 16);
    const int dateWidth = fontMetrics().horizontalAdvance(LocalFormat::dateTime(
                              QDateTime(QDate(2088, 12, 28), QTime(18, 58)))) +
                          16;
    m_view->setColumnWidth(SessionListModel::LastActiveColumn, dateWidth);
    m_view->setColumnWidth(SessionListModel::ExpiryColumn, dateWidth);
    // The status badge in full, as in the token list.
    m_view->setItemDelegateForColumn(SessionListModel::StatusColumn,
                                     new StatusBadgeDelegate(SessionListModel::StatusRole, m_view));
    int badge = 0;
    for (TokenStatus st : {TokenStatus::Active, TokenStatus::Expired, TokenStatus::Revoked})
        badge = std::max(badge, fontMetrics().horizontalAdvance(statusTitle(st)));
    m_view->setColumnWidth(SessionListModel::StatusColumn, badge + 2 * ch + 20);
    Form::fitColumnTitles(m_view->horizontalHeader());
    // The e-mail address (the longest text of a row) takes the room left, not Expiry Date.
    Form::stretchColumn(m_view->horizontalHeader(), SessionListModel::EmailColumn,
                        m_view->columnWidth(SessionListModel::EmailColumn));
    m_view->installEventFilter(this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &SessionsPage::showContextMenu);
    layout->addWidget(m_view, 1);

    m_signOutUser = new QAction(this);
    m_signOutUser->setObjectName(QStringLiteral("actionSignOutUser"));
    connect(m_signOutUser, &QAction::triggered, this, &SessionsPage::signOutUserOfCurrentRow);
    updateSignOutUser();

    m_empty = new QLabel(tr("No one is signed in to the mobile app."), this);
    m_empty->setObjectName(QStringLiteral("sessionsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_empty);
}

void SessionsPage::connectBehaviour()
{
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &SessionsPage::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &SessionsPage::applyFilter);
    connect(m_showEnded, &QCheckBox::toggled, this, &SessionsPage::applyFilter);

    // Enter and double-click (the view's "activated") inspect.
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        // A double-click on a check box only checks it; Enter inspects from any column.
        if (index.column() != SessionListModel::CheckColumn ||
            QGuiApplication::mouseButtons() == Qt::NoButton)
            triggerInspect();
    });
    followSelection(m_view);
    connect(this, &Page::stateChanged, this, &SessionsPage::updateSignOutUser);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SessionsPage::updateSignOutUser);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SessionsPage::updateSignOutUser);
    connect(m_model, &SessionListModel::checkedChanged, this, &Page::stateChanged);
    connect(m_model, &WindowedTableModel::reloaded, this, [this] { // the count is known
        updateEmptyState();
        Q_EMIT stateChanged();
    });
    connect(m_model, &SessionListModel::loadFailed, this, [this](const QString &message) {
        showLoadFailure(m_error, tr("The sessions could not be read: %1").arg(message));
        updateEmptyState();
    });
    connect(&context(), &ConsoleContext::dataChanged, this, &SessionsPage::refresh);
}

SessionsPage::~SessionsPage() = default;

void SessionsPage::setFilterText(const QString &text)
{
    m_filter->setText(text);
    applyFilter();
}

void SessionsPage::applyFilter()
{
    m_filterTimer->stop();
    m_model->setFilter(m_filter->text().trimmed(), m_showEnded->isChecked());
}

void SessionsPage::updateEmptyState()
{
    // Not "empty" while the rows are on their way or could not be read (the error says so).
    const bool empty =
        m_model->rowCount() == 0 && !m_model->isLoading() && m_model->lastError().isEmpty();
    const bool filtered = !m_model->filterText().isEmpty();
    m_empty->setText(filtered ? tr("No mobile session matches “%1”.").arg(m_model->filterText())
                              : tr("No one is signed in to the mobile app."));
    m_empty->setVisible(empty);
    if (m_model->lastError().isEmpty())
        m_error->hide();
}

void SessionsPage::refresh()
{
    m_model->refresh();
}

void SessionsPage::followChanges()
{
    LiveList::follow(m_view, m_model, [this] {
        updateEmptyState();
        updateSignOutUser();
        Q_EMIT stateChanged();
    });
}

void SessionsPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

Page::ActionState SessionsPage::actionState() const
{
    ActionState st;
    const bool canRevokeAny = Authz::mayRevokeAnySession(context().actor());
    const QModelIndex shown = inspected();
    if (!shown.isValid())
        st.why.insert(Inspect, tr("Select a session to inspect."));
    else if (const QString why = whyStillReading(QItemSelection(shown, shown)); !why.isEmpty())
        st.why.insert(Inspect, why);
    else
        st.enabled |= Inspect;
    // Why the selected rows cannot be revoked as they are (unless sessions are checked).
    // One request names at most MaxSelectedRows sessions (RequestLimits::MaxIds).
    QString notNow;
    const QString tooMany = tr("Act on at most %L1 sessions at a time, or check every session of "
                               "the filter (Ctrl+A).")
                                .arg(MaxSelectedRows);
    if (m_model->isAllChecked()) {
        if (m_model->exceptionCount() > MaxSelectedRows)
            notNow = tr("Uncheck at most %L1 sessions of a filter checked as a whole, or narrow "
                        "the filter.")
                         .arg(MaxSelectedRows);
    } else if (m_model->checkedCount() > MaxSelectedRows) {
        notNow = tooMany;
    } else if (m_model->checkedCount() == 0) {
        if (selectedRowCount(m_view) > MaxSelectedRows)
            notNow = tooMany;
        else
            notNow = whyStillReading(m_view->selectionModel()->selection());
    }
    if (notNow.isEmpty() &&
        (m_model->isAllChecked() ? m_model->checkedCount() > 0 : !targetIds().isEmpty()))
        st.enabled |= Revoke;
    else
        st.why.insert(Revoke,
                      notNow.isEmpty() ? tr("Select or check the sessions to revoke.") : notNow);
    if (!canRevokeAny && context().actor().isPerson())
        st.why.insert(Revoke, tr("You can revoke only your own sessions."));
    if (m_model->isAllChecked() && !canRevokeAny) {
        st.enabled &= ~Actions(Revoke);
        st.why.insert(Revoke, tr("Your user type does not allow you to end every session of a "
                                 "filter; check your sessions one by one."));
    }
    // An empty list has nothing to export; one whose count is on its way is exported anyway.
    if (m_exporting)
        st.why.insert(Export, tr("An export is running."));
    else if (m_model->isKnownEmpty())
        st.why.insert(Export, tr("There is nothing to export."));
    else
        st.enabled |= Export;
    return st;
}

namespace {
QString g_nextExportFile;
} // namespace

void SessionsPage::setNextExportFileForTesting(const QString &path)
{
    g_nextExportFile = path;
}

void SessionsPage::triggerExport()
{
    if (!actionState().enabled.testFlag(Export))
        return;
    QString path = std::exchange(g_nextExportFile, QString());
    if (path.isEmpty()) {
        const QString suggested =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
            QStringLiteral("/tokendesk-sessions-%1.csv")
                .arg(Clock::now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
        path = QFileDialog::getSaveFileName(this, tr("Export Mobile Sessions"), suggested,
                                            tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
    }
    m_exporting = true;
    Q_EMIT stateChanged();
    auto *job = new CsvExportJob(context().backend(), m_model->query(), path, this);
    // Without the count yet, a busy indicator (a maximum of 0).
    job->showProgress(this, tr("Exporting mobile sessions…"),
                      m_model->isCountKnown() ? m_model->rowCount() : 0);
    connect(job, &CsvExportJob::finished, this, [this, job, path](qint64 n, const QString &error) {
        job->deleteLater();
        m_exporting = false;
        Q_EMIT stateChanged();
        if (n < 0)
            Form::showMessage(m_message, error, true);
        else
            Form::showMessage(m_message,
                              n == 1
                                  ? tr("1 session exported to %1.").arg(path)
                                  : tr("%1 sessions exported to %2.").arg(QString::number(n), path),
                              false);
    });
    job->start();
}

QString SessionsPage::statusText() const
{
    const int n = m_model->rowCount();
    // Explicit plurals: the console ships no English plural forms.
    QString text =
        m_model->includesEnded()
            ? (n == 1 ? tr("1 mobile session") : tr("%1 mobile sessions").arg(n))
            : (n == 1 ? tr("1 mobile user logged in") : tr("%1 mobile users logged in").arg(n));
    if (!m_model->filterText().isEmpty())
        text += tr(" matching “%1”").arg(m_model->filterText());
    if (const int checked = m_model->checkedCount(); checked > 0)
        text += tr(" · checked: %L1").arg(checked);
    return text;
}

QList<qint64> SessionsPage::targetIds() const
{
    QList<qint64> ids = m_model->checkedIds();
    if (!ids.isEmpty())
        return ids;
    if (selectedRowCount(m_view) > MaxSelectedRows)
        return {};
    QSet<int> seen;
    for (const QItemSelectionRange &r : m_view->selectionModel()->selection())
        for (int row = r.top(); row <= r.bottom(); ++row) {
            if (seen.contains(row))
                continue;
            seen.insert(row);
            const qint64 id = m_model->index(row, 0).data(SessionListModel::IdRole).toLongLong();
            if (id <= 0)
                return {}; // a row still being read: none of the selection, never a part
            ids << id;
        }
    return ids;
}

QModelIndex SessionsPage::inspected() const
{
    // Counted by ranges: Ctrl+A selects every row, which must not be listed.
    const QItemSelection selection = m_view->selectionModel()->selection();
    if (selectedRowCount(m_view) == 1)
        return m_model->index(selection.first().top(), 0);
    return m_view->currentIndex();
}

void SessionsPage::triggerInspect()
{
    const std::optional<MobileSession> listed = m_model->item(inspected());
    if (!listed)
        return;
    // Fresh from the store: the list may be a little behind.
    context()
        .backend()
        .session(listed->id)
        .then(this, [this, listed = *listed](Result<MobileSession> fresh) {
            inspect(fresh ? fresh.value() : listed);
        });
}

void SessionsPage::inspect(const MobileSession &s)
{
    const bool canRevoke = Authz::mayRevokeSession(context().actor(), s.userId);
    auto shown = std::make_shared<QPointer<SessionDialog>>();
    auto *dialog = new SessionDialog(
        s, canRevoke,
        [this, shown](const MobileSession &session) {
            revoke({session.id}, {RevokeSessionsCommand::nameOf(session)},
                   [this, shown, id = session.id] {
                       // As the store has it now: revoked, when and by whom.
                       context().backend().session(id).then(
                           this, [shown](Result<MobileSession> reread) {
                               if (reread && *shown)
                                   (*shown)->setSession(reread.value());
                           });
                   });
        },
        this);
    *shown = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void SessionsPage::triggerRevoke()
{
    if (m_model->isAllChecked()) {
        if (!actionState().enabled.testFlag(Revoke))
            return;
        SessionQuery q;
        q.text = m_model->filterText();
        q.includeEnded = m_model->includesEnded();
        auto *command = new RevokeMatchingSessionsCommand(context(), q, m_model->exceptionIds(),
                                                          m_model->checkedCount(), this);
        connect(command, &Command::finished, m_model, &WindowedTableModel::clearChecks);
        command->start();
        return;
    }
    const QList<qint64> ids = targetIds();
    if (ids.isEmpty())
        return;
    // Name those on screen (nearly always all of them).
    QStringList names;
    const int loaded = std::min(m_model->rowCount(), m_model->windowSize() * 8);
    for (int row = 0; row < loaded && names.size() < ids.size(); ++row) {
        const auto s = m_model->item(row);
        if (s && ids.contains(s->id))
            names << RevokeSessionsCommand::nameOf(*s);
    }
    revoke(ids, names);
}

void SessionsPage::revoke(const QList<qint64> &ids, const QStringList &names,
                          const std::function<void()> &revoked)
{
    auto *command = new RevokeSessionsCommand(context(), ids, names, this);
    connect(command, &Command::finished, m_model, &WindowedTableModel::clearChecks);
    if (revoked)
        connect(command, &Command::finished, this, revoked);
    command->start();
}

void SessionsPage::updateSignOutUser()
{
    const QModelIndex current = m_view->currentIndex();
    const std::optional<MobileSession> s = m_model->item(current);
    m_signOutUser->setText(s ? tr("Sign Out All Sessions of “%1”…").arg(s->username)
                             : tr("Sign Out All Sessions of This User…"));
    const QString reading = whyStillReading(QItemSelection(current, current));
    const QString why =
        !s ? (reading.isEmpty() ? tr("Select a session of the user to sign out.") : reading)
        : !Authz::mayRevokeSession(context().actor(), s->userId)
            ? tr("Your user type does not allow you to end this user's sessions.")
            : QString();
    m_signOutUser->setEnabled(why.isEmpty());
    m_signOutUser->setToolTip(why.isEmpty() ? tr("Revoke every mobile session of this user: "
                                                 "each of their devices is signed out at once.")
                                            : why);
}

void SessionsPage::signOutUserOfCurrentRow()
{
    const std::optional<MobileSession> s = m_model->item(m_view->currentIndex());
    if (!s || !m_signOutUser->isEnabled())
        return;
    SessionQuery q;
    q.userId = s->userId;
    readUserSessions(q, {}, {}, s->username);
}

void SessionsPage::readUserSessions(const SessionQuery &q, QList<qint64> ids, QStringList names,
                                    const QString &username)
{
    WindowRequest page;
    page.offset = ids.size();
    page.limit = 500;
    if (!ids.isEmpty())
        page.afterId = ids.last();
    context().backend().sessionWindow(q, page).then(
        this, [this, q, ids, names, username](Result<Window<MobileSession>> w) mutable {
            if (!w) {
                Form::showError(m_error,
                                tr("The sessions could not be read: %1").arg(w.error().message));
                return;
            }
            for (const MobileSession &one : w->rows) {
                ids << one.id;
                names << RevokeSessionsCommand::nameOf(one);
            }
            if (w->rows.size() == 500) { // there may be more
                readUserSessions(q, ids, names, username);
                return;
            }
            signOutUser(ids, names, username);
        });
}

void SessionsPage::signOutUser(const QList<qint64> &ids, const QStringList &names,
                               const QString &username)
{
    if (ids.isEmpty())
        return;
    auto *command = new RevokeSessionsCommand(context(), ids, names, this);
    command->setOwner(username);
    connect(command, &Command::finished, m_model, &WindowedTableModel::clearChecks);
    command->start();
}

void SessionsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row(), {}))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
    QMenu menu(this);
    QAction *inspect = menu.addAction(tr("&Inspect…"), this, &SessionsPage::triggerInspect);
    inspect->setEnabled(m_view->currentIndex().isValid());
    QAction *revokeAct = menu.addAction(tr("&Revoke…"), this, &SessionsPage::triggerRevoke);
    revokeAct->setEnabled(actionState().enabled.testFlag(Revoke));
    QAction *all =
        menu.addAction(CheckHeaderView::toggleText(m_model) + QStringLiteral("\tCtrl+A"));
    all->setObjectName(QStringLiteral("actionCheckAll"));
    connect(all, &QAction::triggered, this, [this] { CheckHeaderView::toggleAll(m_model); });
    menu.addSeparator();
    menu.addAction(m_signOutUser);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool SessionsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && m_view->currentIndex().isValid()) {
            const QModelIndex check =
                m_model->index(m_view->currentIndex().row(), SessionListModel::CheckColumn);
            const bool on = m_model->data(check, Qt::CheckStateRole).toInt() == Qt::Checked;
            m_model->setData(check, on ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
            return true;
        }
        // Ctrl+A does what the header's check box does (a list with a check column).
        if (key->matches(QKeySequence::SelectAll)) {
            CheckHeaderView::toggleAll(m_model);
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

} // namespace td
