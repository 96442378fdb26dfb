// SPDX-License-Identifier: MIT
#include "auditpage.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "domain/audit/auditphrases.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/localformat.h"
#include "widgets/csvexportjob.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"
#include "widgets/livelist.h"

#include "widgets/tones.h"
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace td {

namespace {

QString g_nextExportFile;

/// Shows refusals and failures in the Outcome column in red.
class OutcomeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString outcome = index.data(AuditLogModel::OutcomeRole).toString();
        if (!outcome.isEmpty() && outcome != QLatin1String("success") &&
            !(option->state & QStyle::State_Selected))
            option->palette.setColor(QPalette::Text, toneColors(Tone::Bad, option->palette).text);
    }
};

struct ActionChoice
{
    const char *title;
    const char *prefix;
};

const ActionChoice ActionChoices[] = {
    {QT_TRANSLATE_NOOP("AuditPage", "All actions"), ""},
    {QT_TRANSLATE_NOOP("AuditPage", "Sign-in and sign-out"), "auth."},
    {QT_TRANSLATE_NOOP("AuditPage", "API tokens"), "token."},
    {QT_TRANSLATE_NOOP("AuditPage", "Access codes"), "access_code."},
    {QT_TRANSLATE_NOOP("AuditPage", "Mobile sessions"), "session."},
    {QT_TRANSLATE_NOOP("AuditPage", "Users"), "user."},
    {QT_TRANSLATE_NOOP("AuditPage", "Departments"), "department."},
    {QT_TRANSLATE_NOOP("AuditPage", "User types"), "user_type."},
    {QT_TRANSLATE_NOOP("AuditPage", "Settings"), "settings."},
    {QT_TRANSLATE_NOOP("AuditPage", "Store set-up"), "store."},
};

} // namespace

void AuditPage::setNextExportFileForTesting(const QString &path)
{
    g_nextExportFile = path;
}

AuditPage::AuditPage(ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("auditPage"));
    m_allowed = Authz::mayReadAudit(context.actor());
    auto *layout = new QVBoxLayout(this);
    if (!m_allowed)
        return; // the navigation keeps this place disabled; nothing to read
    addFilters(layout);
    addListAndDetails(layout);
    connectBehaviour();
    Q_EMIT stateChanged();
}

void AuditPage::addFilters(QVBoxLayout *layout)
{
    auto *filters = new QHBoxLayout;
    m_actor = new QLineEdit(this);
    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setPlaceholderText(tr("Actor, e.g. admin or cli:root"));
    m_actor->setToolTip(tr("The exact name of who acted: a user name, cli:<system user> for the "
                           "command line, or a mobile user's name."));
    m_actor->setClearButtonEnabled(true);
    context()
        .backend()
        .users(UserQuery{{}, true, 0, 500})
        .then(m_actor, [this](Result<QList<User>> users) {
            if (!users)
                return; // the filter works without suggestions
            QStringList names;
            for (const User &u : users.value())
                names << u.username;
            auto *completer = new QCompleter(names, m_actor);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            m_actor->setCompleter(completer);
            completer->popup()->setAccessibleName(m_actor->accessibleName());
        });
    filters->addWidget(m_actor, 2);

    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_action->setAccessibleName(tr("Action"));
    for (const ActionChoice &c : ActionChoices)
        m_action->addItem(QCoreApplication::translate("AuditPage", c.title),
                          QString::fromLatin1(c.prefix));
    filters->addWidget(m_action, 1);

    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("auditOutcomeFilter"));
    m_outcome->setAccessibleName(tr("Outcome"));
    m_outcome->addItem(tr("Any outcome"), QString());
    m_outcome->addItem(tr("Success"), QStringLiteral("success"));
    m_outcome->addItem(tr("Denied"), QStringLiteral("denied"));
    m_outcome->addItem(tr("Failure"), QStringLiteral("failure"));
    filters->addWidget(m_outcome);

    const QDate today = Clock::now().toLocalTime().date();
    m_sinceCheck = new QCheckBox(tr("&From"), this);
    m_sinceCheck->setObjectName(QStringLiteral("auditSinceCheck"));
    filters->addWidget(m_sinceCheck);
    m_since = new QDateEdit(today.addDays(-7), this);
    m_since->setObjectName(QStringLiteral("auditSinceEdit"));
    m_since->setAccessibleName(tr("From date"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(LocalFormat::dateFormat());
    m_since->setEnabled(false);
    filters->addWidget(m_since);
    m_untilCheck = new QCheckBox(tr("&To"), this);
    m_untilCheck->setObjectName(QStringLiteral("auditUntilCheck"));
    filters->addWidget(m_untilCheck);
    m_until = new QDateEdit(today, this);
    m_until->setObjectName(QStringLiteral("auditUntilEdit"));
    m_until->setAccessibleName(tr("To date (inclusive)"));
    m_until->setCalendarPopup(true);
    m_until->setDisplayFormat(LocalFormat::dateFormat());
    m_until->setEnabled(false);
    filters->addWidget(m_until);

    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("auditTextFilter"));
    m_text->setAccessibleName(tr("Search"));
    m_text->setPlaceholderText(tr("Search target and details"));
    m_text->setAccessibleDescription(m_text->placeholderText());
    m_text->setClearButtonEnabled(true);
    filters->addWidget(m_text, 3);
    layout->addLayout(filters);
}

void AuditPage::addListAndDetails(QVBoxLayout *layout)
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    splitter->setChildrenCollapsible(false);
    m_model = new AuditLogModel(context().backend(), this);
    m_view = new QTableView(splitter);
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setAccessibleName(tr("Audit log"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never asks for rows it does not show.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setItemDelegateForColumn(AuditLogModel::Outcome, new OutcomeDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(AuditLogModel::Time, Qt::DescendingOrder);
    const int cw = m_view->fontMetrics().averageCharWidth();
    const int widths[] = {0, 14, 20, 30, 12, 44, 12};
    for (int c = 1; c < AuditLogModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * cw);
    // The time as shown plus room for the sort arrow.
    m_view->setColumnWidth(AuditLogModel::Time,
                           m_view->fontMetrics().horizontalAdvance(LocalFormat::dateTime(
                               QDateTime(QDate(2088, 12, 28), QTime(18, 58, 58)), true)) +
                               4 * cw + 16);
    Form::fitColumnTitles(m_view->horizontalHeader());
    LayoutMemory::rememberColumns(m_view->horizontalHeader(), QStringLiteral("audit"));
    splitter->addWidget(m_view);
    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setAccessibleName(tr("Selected entry"));
    m_details->setReadOnly(true);
    m_details->setTabChangesFocus(true);
    m_details->setPlaceholderText(tr("Select an entry to see it in full."));
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({500, m_view->fontMetrics().height() * 8 + 12});
    layout->addWidget(splitter, 1);
    m_message = Form::errorLabel(this, QStringLiteral("auditMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
}

void AuditPage::connectBehaviour()
{
    auto *delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(300);
    connect(delay, &QTimer::timeout, this, &AuditPage::applyFilter);
    for (QLineEdit *e : {m_actor, m_text}) {
        connect(e, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
        connect(e, &QLineEdit::returnPressed, this, &AuditPage::applyFilter);
    }
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_sinceCheck, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilCheck, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_sinceCheck, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_untilCheck, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_since, &QDateEdit::dateChanged, this, &AuditPage::applyFilter);
    connect(m_until, &QDateEdit::dateChanged, this, &AuditPage::applyFilter);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder) {
                if (column == AuditLogModel::Time)
                    return;
                // Only time sorts; put the indicator back where the order really is (and let
                // that be remembered).
                m_view->horizontalHeader()->setSortIndicator(AuditLogModel::Time,
                                                             m_model->sortOrder());
            });
    if (m_view->horizontalHeader()->sortIndicatorSection() != AuditLogModel::Time)
        m_view->horizontalHeader()->setSortIndicator(AuditLogModel::Time, m_model->sortOrder());
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditPage::showSelected);
    connect(m_model, &AuditLogModel::reloaded, this, [this] {
        showSelected();
        Q_EMIT stateChanged();
    });
    connect(m_model, &AuditLogModel::loadFailed, this,
            [this](const QString &message) { showLoadFailure(m_message, message); });
    connect(&context(), &ConsoleContext::dataChanged, this, &AuditPage::refresh);
}

AuditPage::~AuditPage() = default;

QString AuditPage::title() const
{
    return tr("Audit Log");
}

QString AuditPage::unavailableReason() const
{
    return m_allowed ? QString() : tr("Your user type does not allow you to read the audit log.");
}

void AuditPage::setMessage(const QString &text, bool problem)
{
    Form::showMessage(m_message, text, problem);
}

void AuditPage::showDay(const QDate &day, const QString &outcome)
{
    {
        const QSignalBlocker blockers[] = {
            QSignalBlocker(m_actor),      QSignalBlocker(m_text),       QSignalBlocker(m_action),
            QSignalBlocker(m_sinceCheck), QSignalBlocker(m_untilCheck), QSignalBlocker(m_since),
            QSignalBlocker(m_until),      QSignalBlocker(m_outcome)};
        m_actor->clear();
        m_text->clear();
        m_action->setCurrentIndex(0);
        m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
        m_sinceCheck->setChecked(true);
        m_untilCheck->setChecked(true);
        m_since->setEnabled(true);
        m_until->setEnabled(true);
        m_since->setDate(day);
        m_until->setDate(day);
    }
    applyFilter();
}

void AuditPage::applyFilter()
{
    if (!m_model)
        return;
    AuditQuery q;
    q.actor = m_actor->text().trimmed();
    q.action = m_action->currentData().toString();
    q.outcome = m_outcome->currentData().toString();
    q.text = m_text->text().trimmed();
    if (m_sinceCheck->isChecked())
        q.since = m_since->date().startOfDay(); // local midnight
    if (m_untilCheck->isChecked())
        q.until = m_until->date().addDays(1).startOfDay(); // "to" includes that day
    if (q.since.isValid() && q.until.isValid() && q.until <= q.since) {
        setMessage(tr("The \"To\" date is before the \"From\" date."), true);
        return;
    }
    setMessage({}, false);
    m_model->setFilter(q);
}

void AuditPage::showSelected()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const auto e = current.isValid() ? m_model->item(current) : std::nullopt;
    if (!e) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(
        tr("%1 — %2\nActor: %3 (from %4)\nAction: %5 (%6)\nTarget: %7\nOutcome: %8\nDetails: %9")
            .arg(QLocale().toString(e->at.toLocalTime(), QLocale::LongFormat),
                 e->at.toUTC().toString(Qt::ISODateWithMs), e->actor,
                 e->address.isEmpty() ? tr("unknown address") : e->address,
                 AuditLogModel::actionTitle(e->action), e->action, AuditPhrases::display(e->target),
                 AuditLogModel::outcomeTitle(e->outcome), AuditPhrases::display(e->details)));
}

Page::ActionState AuditPage::actionState() const
{
    ActionState s;
    if (!m_model)
        return s;
    // An empty list has nothing to export; one whose count is on its way is exported anyway.
    if (!m_model->isKnownEmpty())
        s.enabled |= Export;
    else
        s.why.insert(Export, tr("No entries match the filter."));
    if (m_view->selectionModel()->currentIndex().isValid())
        s.enabled |= Inspect;
    const QString readOnly = tr("The audit log cannot be changed.");
    s.why.insert(New, readOnly);
    s.why.insert(Revoke, readOnly);
    s.why.insert(Delete, readOnly);
    s.why.insert(EditScope, readOnly);
    return s;
}

QString AuditPage::statusText() const
{
    if (!m_model)
        return {};
    const int n = m_model->rowCount();
    const AuditQuery q = m_model->query();
    const bool filtered = !q.actor.isEmpty() || !q.action.isEmpty() || !q.outcome.isEmpty() ||
                          !q.text.isEmpty() || q.since.isValid() || q.until.isValid();
    return filtered ? tr("%n entries match the filter", nullptr, n) : tr("%n entries", nullptr, n);
}

void AuditPage::triggerInspect()
{
    if (m_details)
        m_details->setFocus();
}

void AuditPage::focusFilter()
{
    if (!m_text)
        return;
    m_text->setFocus();
    m_text->selectAll();
}

void AuditPage::followChanges()
{
    if (!m_model)
        return;
    LiveList::follow(m_view, m_model, [this] { Q_EMIT stateChanged(); });
}

void AuditPage::refresh()
{
    if (m_model)
        m_model->refresh();
}

qint64 AuditPage::exportCsv(const QString &path, QString *error,
                            const std::function<bool(qint64)> &progress)
{
    if (!context().isLocal()) { // it reads the store; through a server there is none
        if (error)
            *error = tr("This export reads the local store; through a server use Export.");
        return -1;
    }
    // The rows and order of the list, streamed by one query, as the Export action writes them.
    const ExportQuery query = m_model->query();
    auto r = CsvExport::writeFile(
        path, CsvExport::header(query),
        [&](const CsvExport::Row &row) {
            return CsvExport::visit(context().domain(), context().actor(), query, row);
        },
        progress);
    if (!r) {
        *error = r.error().message;
        return -1;
    }
    error->clear();
    return r.value();
}

void AuditPage::triggerExport()
{
    if (!actionState().enabled.testFlag(Export))
        return;
    QString path = g_nextExportFile;
    g_nextExportFile.clear();
    if (path.isEmpty()) {
        const QString suggested =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
            QStringLiteral("/tokendesk-audit-%1.csv")
                .arg(Clock::now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
        path = QFileDialog::getSaveFileName(this, tr("Export Audit Log"), suggested,
                                            tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
    }
    auto *job = new CsvExportJob(context().backend(), m_model->query(), path, this);
    // Without the count yet, a busy indicator (a maximum of 0).
    job->showProgress(this, tr("Exporting the audit log…"),
                      m_model->isCountKnown() ? m_model->rowCount() : 0);
    connect(job, &CsvExportJob::finished, this, [this, job, path](qint64 n, const QString &error) {
        job->deleteLater();
        if (n < 0)
            setMessage(error, true);
        else
            setMessage(tr("%n entries exported to %1.", nullptr, int(n)).arg(path), false);
    });
    job->start();
}

} // namespace td
