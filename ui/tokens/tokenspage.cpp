// SPDX-License-Identifier: MIT
#include "tokenspage.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "createtokendialog.h"
#include "domain/authz.h"
#include "editscopedialog.h"
#include "inspecttokendialog.h"
#include "itemmodels/localformat.h"
#include "itemmodels/tokenlistmodel.h"
#include "revokeunuseddialog.h"
#include "rotatetokendialog.h"
#include "security/tokencodec.h"
#include "tokencommands.h"
#include "tokencreateddialog.h"
#include "widgets/checkheaderview.h"
#include "widgets/csvexportjob.h"
#include "widgets/formhelpers.h"
#include "widgets/livelist.h"
#include "widgets/statusbadgedelegate.h"
#include "widgets/tones.h"
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace td {

namespace {

QString g_exportFileForTesting;
const char *HeaderKey = "tokensPage/header";
const char *NameWidthKey = "tokensPage/nameWidth";

} // namespace

void TokensPage::setExportFileNameForTesting(const QString &path)
{
    g_exportFileForTesting = path;
}

TokensPage::TokensPage(ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("tokensPage"));
    auto *layout = new QVBoxLayout(this);
    addFilters(layout);
    addList(layout);
    connectBehaviour();
    reloadDepartments();
    updateCounts();
    updateEmptyState();
}

void TokensPage::addFilters(QVBoxLayout *layout)
{
    // The text filter has a line of its own (its hint and a pasted token need the width; a narrow
    // window would squeeze it between the choices), the choices go below it.
    auto *filters = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("tokenFilter"));
    m_filter->setPlaceholderText(
        tr("Filter by token name, user or description, or paste a whole token to find it"));
    m_filter->setAccessibleName(tr("Filter API tokens"));
    m_filter->setAccessibleDescription(m_filter->placeholderText());
    m_filter->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    filters->addWidget(filterLabel);
    filters->addWidget(m_filter, 1);
    layout->addLayout(filters);
    auto *choices = new QHBoxLayout;

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All statuses"), QString());
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::ExpiringSoon, TokenStatus::Expired,
                          TokenStatus::Revoked})
        m_status->addItem(statusTitle(s), statusName(s));
    auto *statusLabel = new QLabel(tr("S&tatus:"), this);
    statusLabel->setBuddy(m_status);
    choices->addWidget(statusLabel);
    choices->addWidget(m_status);

    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("departmentFilter"));
    m_department->setAccessibleName(tr("Department filter"));
    m_department->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *deptLabel = new QLabel(tr("De&partment:"), this);
    deptLabel->setBuddy(m_department);
    choices->addWidget(deptLabel);
    choices->addWidget(m_department);

    m_unused = new QComboBox(this);
    m_unused->setObjectName(QStringLiteral("unusedFilter"));
    m_unused->setAccessibleName(tr("Not used for filter"));
    m_unused->addItem(tr("All tokens", "not used for"), 0);
    for (int days : TokenQuery::UnusedPeriods)
        m_unused->addItem(RevokeUnusedDialog::periodTitle(days), days);
    m_unused->addItem(tr("Never used"), TokenQuery::NeverUsed);
    choices->addStretch(1);
    layout->addLayout(choices);
    // A line of its own: beside the others it would not fit a small window in German.
    auto *unusedRow = new QHBoxLayout;
    auto *unusedLabel = new QLabel(tr("Not &used for:"), this);
    unusedLabel->setBuddy(m_unused);
    unusedRow->addWidget(unusedLabel);
    unusedRow->addWidget(m_unused);
    // The week a bar of the Overview's expiry chart stands for, until cleared.
    m_expiryWindow = new QLabel(this);
    m_expiryWindow->setObjectName(QStringLiteral("expiryWindowFilter"));
    m_clearExpiryWindow = new QToolButton(this);
    m_clearExpiryWindow->setObjectName(QStringLiteral("clearExpiryWindow"));
    m_clearExpiryWindow->setAutoRaise(true);
    m_clearExpiryWindow->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearExpiryWindow->setToolTip(tr("Show tokens of every expiry"));
    m_clearExpiryWindow->setAccessibleName(tr("Clear the expiry filter"));
    connect(m_clearExpiryWindow, &QToolButton::clicked, this, [this] {
        m_expiresFrom = m_expiresBefore = QDateTime();
        applyFilter();
    });
    m_expiryWindow->hide();
    m_clearExpiryWindow->hide();
    unusedRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    unusedRow->addWidget(m_expiryWindow);
    unusedRow->addWidget(m_clearExpiryWindow);
    unusedRow->addStretch(1);
    layout->addLayout(unusedRow);
    m_revokeUnused = new QAction(tr("Revoke &Unused Tokens…"), this);
    m_revokeUnused->setObjectName(QStringLiteral("actionRevokeUnused"));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loadError"));
    m_error->setWordWrap(true);
    setBoxTone(m_error, Tone::Bad);
    m_error->hide();
    layout->addWidget(m_error);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("tokensMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);
}

void TokensPage::addList(QVBoxLayout *layout)
{
    m_model = new TokenListModel(context().backend(), this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("tokenTable"));
    m_view->setAccessibleName(tr("API tokens"));
    m_view->setAccessibleDescription(
        tr("Enter inspects the current token, Space checks or unchecks the selected ones, Ctrl+A "
           "checks every token of the filter or none, Delete revokes, Shift+Delete deletes; the "
           "Menu key lists every action."));
    m_view->setModel(m_model);
    m_view->setHorizontalHeader(new CheckHeaderView(m_model, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->setItemDelegateForColumn(TokenListModel::StatusColumn,
                                     new StatusBadgeDelegate(TokenListModel::StatusRole, m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setObjectName(QStringLiteral("tokenHeader"));
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setMinimumSectionSize(3 * m_view->fontMetrics().averageCharWidth());
    header->setSortIndicatorShown(true); // the titles' size hints leave room for the arrow
    sizeColumns(header);
    header->setSortIndicator(TokenListModel::CreatedColumn, Qt::DescendingOrder);
    // The name takes the spare width (names are cut first); its own width is remembered apart
    // from the width it filled.
    const int nameWidth =
        QSettings()
            .value(QLatin1String(NameWidthKey), header->sectionSize(TokenListModel::NameColumn))
            .toInt();
    restoreLayout();
    Form::stretchColumn(header, TokenListModel::NameColumn, nameWidth);
    m_view->setSortingEnabled(true); // sorts the model by the (restored) indicator
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int section) {
        if (!TokenListModel::tokenColumn(section)) // the check column does not sort
            m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(),
                                                         m_model->sortOrder());
    });
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("columnMenu"));
        addColumnActions(&menu);
        menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
    });
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(m_view->viewport());
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    m_filter->installEventFilter(this);
}

/// Column widths in characters, so that all of them fit a 1366-pixel screen (in English).
void TokensPage::sizeColumns(QHeaderView *header)
{
    const int ch = m_view->fontMetrics().averageCharWidth();
    const QList<int> widths = {3, 21, 12, 13, 16, 14, 11, 11, 11, 11, 13};
    for (int c = 0; c < TokenListModel::ColumnCount; ++c) // and wide enough for its title
        header->resizeSection(c,
                              std::max(widths.value(c, 14) * ch + 12, header->sectionSizeHint(c)));
    header->resizeSection(TokenListModel::CheckColumn,
                          style()->pixelMetric(QStyle::PM_IndicatorWidth) + 14);
    // Dates as wide as the locale writes them (a two-digit day and a long month name).
    const int dateWidth = m_view->fontMetrics().horizontalAdvance(
                              LocalFormat::date(QDateTime(QDate(2026, 9, 28), QTime(12, 0)))) +
                          2 * ch + 8;
    for (int c : {TokenListModel::ExpiresColumn, TokenListModel::LastUsedColumn})
        header->resizeSection(c, std::max(dateWidth, header->sectionSizeHint(c)));
    // Created shows the time too (several tokens a day are told apart by it).
    const int dateTimeWidth = m_view->fontMetrics().horizontalAdvance(LocalFormat::dateTime(
                                  QDateTime(QDate(2026, 9, 28), QTime(23, 59)))) +
                              2 * ch + 8;
    header->resizeSection(
        TokenListModel::CreatedColumn,
        std::max(dateTimeWidth, header->sectionSizeHint(TokenListModel::CreatedColumn)));
    // The status badges in full ("Expiring soon" in every language): the widest title, the
    // badge's padding and the cell's margins.
    int badge = 0;
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::ExpiringSoon, TokenStatus::Expired,
                          TokenStatus::Revoked})
        badge = std::max(badge, m_view->fontMetrics().horizontalAdvance(statusTitle(s)));
    header->resizeSection(
        TokenListModel::StatusColumn,
        std::max(badge + 2 * ch + 20, header->sectionSizeHint(TokenListModel::StatusColumn)));
}

void TokensPage::connectBehaviour()
{
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &TokensPage::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &TokensPage::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &TokensPage::applyFilter);
    connect(m_department, &QComboBox::currentIndexChanged, this, &TokensPage::applyFilter);
    connect(m_unused, &QComboBox::currentIndexChanged, this, &TokensPage::applyFilter);
    connect(m_revokeUnused, &QAction::triggered, this, &TokensPage::openRevokeUnused);
    updateRevokeUnused();
    connect(&context(), &ConsoleContext::actorChanged, this, &TokensPage::updateRevokeUnused);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        m_currentBeforeReset = current.isValid() ? m_model->idAt(current.row()) : 0;
        m_selectingBeforeReset = m_selecting;
    });
    connect(m_model, &WindowedTableModel::reloaded, this, [this] {
        m_error->hide();
        // Selected again, unless another token was asked for since (found, or created).
        if (m_currentBeforeReset && m_selecting == m_selectingBeforeReset)
            selectToken(m_currentBeforeReset);
        updateEmptyState();
        Q_EMIT stateChanged();
    });
    connect(m_model, &WindowedTableModel::checkedChanged, this, &Page::stateChanged);
    connect(m_model, &WindowedTableModel::loadFailed, this, [this](const QString &message) {
        showLoadFailure(m_error, tr("The token list could not be read: %1").arg(message));
        updateEmptyState();
    });
    followSelection(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &now) {
                // The person chose a row: an answer to an earlier selectToken() (over a server
                // it comes a moment later) must not take it away.
                if (!m_placing && now.isValid())
                    ++m_selecting;
            });
    connect(m_view, &QAbstractItemView::activated, this, &TokensPage::triggerInspect);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TokensPage::showContextMenu);
    connect(&context(), &ConsoleContext::dataChanged, this, &TokensPage::refresh);
    connect(&context(), &ConsoleContext::actorChanged, this, &TokensPage::refresh);
}

TokensPage::~TokensPage()
{
    saveLayout();
}

QString TokensPage::title() const
{
    return tr("API Tokens");
}

// ---- layout ----------------------------------------------------------------------------------

void TokensPage::saveLayout() const
{
    QSettings().setValue(QLatin1String(HeaderKey), m_view->horizontalHeader()->saveState());
    if (const int nameWidth = Form::stretchColumnWidth(m_view->horizontalHeader()); nameWidth > 0)
        QSettings().setValue(QLatin1String(NameWidthKey), nameWidth);
}

void TokensPage::restoreLayout()
{
    const QByteArray state = QSettings().value(QLatin1String(HeaderKey)).toByteArray();
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
    m_view->horizontalHeader()->setSectionHidden(TokenListModel::NameColumn, false);
}

void TokensPage::hideEvent(QHideEvent *event)
{
    saveLayout();
    Page::hideEvent(event);
}

// ---- filters and counts ----------------------------------------------------------------------

void TokensPage::reloadDepartments()
{
    context().backend().departments().then(this, [this](Result<QList<Department>> depts) {
        if (!depts)
            return; // the list keeps what it had; the model reports the store's trouble
        const QVariant current = m_department->currentData();
        const QSignalBlocker block(m_department);
        m_department->clear();
        m_department->addItem(tr("All departments"), QVariant());
        for (const Department &d : depts.value())
            m_department->addItem(d.name, d.id);
        const int at = current.isValid() ? m_department->findData(current) : 0;
        m_department->setCurrentIndex(std::max(0, at));
    });
}

void TokensPage::showByExpiry()
{
    clearFilterAndSort(TokenListModel::ExpiresColumn, Qt::AscendingOrder);
}

void TokensPage::showExpiringBetween(const QDateTime &from, const QDateTime &before)
{
    clearFilterAndSort(TokenListModel::ExpiresColumn, Qt::AscendingOrder, from, before);
}

void TokensPage::showByLastUse()
{
    clearFilterAndSort(TokenListModel::LastUsedColumn, Qt::DescendingOrder);
}

void TokensPage::clearFilterAndSort(int column, Qt::SortOrder order, const QDateTime &from,
                                    const QDateTime &before)
{
    m_expiresFrom = from;
    m_expiresBefore = before;
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_filter), QSignalBlocker(m_status),
                                           QSignalBlocker(m_department)};
        m_filter->clear();
        m_status->setCurrentIndex(0);
        m_department->setCurrentIndex(0);
    }
    applyFilter();
    m_view->sortByColumn(column, order);
}

void TokensPage::applyFilter()
{
    m_filterTimer->stop();
    const QString text = m_filter->text().trimmed();
    // A whole token (its length and a known prefix): look it up instead of filtering by it.
    if (text.size() == TokenCodec::TokenLength &&
        TokenCodec::check(text.toLatin1()) != TokenCodec::ParseError::WrongPrefix) {
        findTokenByValue(text);
        return;
    }
    m_message->hide();
    TokenListModel::Filter f;
    f.text = text;
    if (const QString s = m_status->currentData().toString(); !s.isEmpty())
        f.statuses = {*statusFromName(s)};
    if (const QVariant d = m_department->currentData(); d.isValid())
        f.departmentId = d.toLongLong();
    f.unusedDays = m_unused->currentData().toInt();
    f.expiresFrom = m_expiresFrom;
    f.expiresBefore = m_expiresBefore;
    const bool window = m_expiresFrom.isValid() || m_expiresBefore.isValid();
    if (window) {
        const QLocale locale;
        // The bound is exclusive: the last day shown is the one before it.
        m_expiryWindow->setText(
            tr("Expiring %1 – %2")
                .arg(locale.toString(m_expiresFrom.toLocalTime().date(), QLocale::ShortFormat),
                     locale.toString(m_expiresBefore.addMSecs(-1).toLocalTime().date(),
                                     QLocale::ShortFormat)));
    }
    m_expiryWindow->setVisible(window);
    m_clearExpiryWindow->setVisible(window);
    m_model->setFilter(f);
}

void TokensPage::updateCounts()
{
    const int asked = ++m_countsAsked; // only the latest answers count
    if (m_model->filter() == TokenListModel::Filter() && m_model->isCountKnown()) {
        m_total = m_model->rowCount(); // the list's own (cached) count
    } else {
        context().backend().tokenCount(TokenQuery()).then(this, [this, asked](Result<qint64> n) {
            if (asked != m_countsAsked)
                return;
            m_total = n ? n.value() : -1;
            Q_EMIT stateChanged();
        });
    }
    TokenQuery soon;
    soon.statuses = {TokenStatus::ExpiringSoon};
    context().backend().tokenCount(soon).then(this, [this, asked](Result<qint64> n) {
        if (asked != m_countsAsked)
            return;
        m_expiringSoon = n ? n.value() : -1;
        Q_EMIT stateChanged();
    });
}

void TokensPage::updateEmptyState()
{
    // Not "empty" while the rows are on their way or could not be read (the error says so).
    const bool empty =
        m_model->rowCount() == 0 && !m_model->isLoading() && m_model->lastError().isEmpty();
    if (empty) {
        const bool filtered = !(m_model->filter() == TokenListModel::Filter());
        m_empty->setText(filtered ? tr("No API token matches the filter.")
                                  : tr("There are no API tokens yet.\nCreate one with New… "
                                       "(Ctrl+N)."));
        m_empty->setGeometry(m_view->viewport()->rect());
    }
    m_empty->setVisible(empty);
}

QString TokensPage::statusText() const
{
    QStringList parts;
    const qint64 shown = m_model->rowCount();
    const bool filtered = !(m_model->filter() == TokenListModel::Filter());
    // "Label: number" reads well for any number, without plural forms.
    if (filtered && m_total >= 0)
        parts << tr("API tokens: %L1 of %L2 match the filter").arg(shown).arg(m_total);
    else
        parts << tr("API tokens: %L1").arg(shown);
    if (m_expiringSoon > 0)
        parts << tr("expiring soon: %L1").arg(m_expiringSoon);
    if (const int checked = m_model->checkedCount(); checked > 0)
        parts << (m_model->isAllChecked() ? tr("checked: %L1 (every token of the filter)")
                                          : tr("checked: %L1"))
                     .arg(checked);
    if (!m_exportMessage.isEmpty())
        parts << m_exportMessage;
    return parts.join(QStringLiteral(" · "));
}

// ---- targets and actions ---------------------------------------------------------------------

QList<ApiToken> TokensPage::targets() const
{
    if (m_model->checkedCount() > 0)
        return m_model->checkedItems();
    QList<ApiToken> out;
    if (selectedRowCount(m_view) > MaxSelectedRows)
        return out;
    QSet<int> seen;
    for (const QItemSelectionRange &r : m_view->selectionModel()->selection())
        for (int row = r.top(); row <= r.bottom(); ++row)
            if (!seen.contains(row)) {
                seen.insert(row);
                auto t = m_model->item(m_model->index(row, TokenListModel::NameColumn));
                if (!t)
                    return {}; // a row still being read: none of the selection, never a part
                out << *t;
            }
    return out;
}

Page::ActionState TokensPage::actionState() const
{
    ActionState s;
    const Actor &a = context().actor();
    const QList<ApiToken> t = targets();
    auto set = [&](Action action, const QString &why) {
        if (why.isEmpty())
            s.enabled |= action;
        else
            s.why.insert(action, why);
    };
    // Why nothing can be done to the selected rows as they are, before the tokens' own reasons.
    // One request names at most MaxSelectedRows tokens (RequestLimits::MaxIds).
    QString notNow;
    const QString tooMany =
        tr("Act on at most %L1 tokens at a time, or check every token of the filter (Ctrl+A).")
            .arg(MaxSelectedRows);
    if (m_model->isAllChecked()) {
        if (m_model->exceptionCount() > MaxSelectedRows)
            notNow = tr("Uncheck at most %L1 tokens of a filter checked as a whole, or narrow "
                        "the filter.")
                         .arg(MaxSelectedRows);
    } else if (m_model->checkedCount() > MaxSelectedRows) {
        notNow = tooMany;
    } else if (m_model->checkedCount() == 0) {
        if (const int rows = selectedRowCount(m_view); rows > MaxSelectedRows)
            notNow = tooMany;
        else if (rows > 0)
            notNow = whyStillReading(m_view->selectionModel()->selection());
    }
    auto onSelection = [&](const QString &why) {
        return notNow.isEmpty() ? why : notNow;
    };
    set(New, TokenRules::whyNotCreate(a));
    set(EditScope, onSelection(TokenRules::whyNotEditScope(a, t)));
    set(Rotate, onSelection(TokenRules::whyNotRotate(a, t)));
    if (m_model->isAllChecked()) {
        // Every token of the filter: revoked by the filter, in one request.
        set(Revoke, m_model->checkedCount() == 0 ? tr("Select or check the tokens to revoke.")
                    : !Authz::mayManageAllTokens(a)
                        ? tr("Only administrators can revoke every token of a filter; check "
                             "your tokens one by one.")
                        : notNow);
        set(Delete, m_model->checkedCount() == 0 ? tr("Select or check the tokens to delete.")
                    : !Authz::mayDeleteTokens(a) ? tr("Only administrators can delete tokens.")
                                                 : notNow);
    } else {
        set(Revoke, onSelection(TokenRules::whyNotRevoke(a, t)));
        set(Delete, onSelection(TokenRules::whyNotDelete(a, t)));
    }
    set(Inspect, onSelection(TokenRules::whyNotInspect(t)));
    // An empty list has nothing to export; one whose count is on its way is exported anyway.
    set(Export, m_exporting               ? tr("An export is running.")
                : m_model->isKnownEmpty() ? tr("There is nothing to export.")
                                          : QString());
    return s;
}

bool TokensPage::selectToken(qint64 id, bool centre)
{
    // The row may be known only when the server answered where it is. Only the latest call
    // selects: a token found or created wins over the row current before the list was read again.
    const int asked = ++m_selecting;
    auto selected = std::make_shared<bool>(false);
    m_model->locate(id, this, [this, selected, centre, asked](int row) {
        if (row < 0 || asked != m_selecting)
            return;
        const QModelIndex index = m_model->index(row, TokenListModel::NameColumn);
        const QScopedValueRollback<bool> placing(m_placing, true);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index, centre ? QAbstractItemView::PositionAtCenter
                                       : QAbstractItemView::EnsureVisible);
        *selected = true;
    });
    return *selected;
}

void TokensPage::findTokenByValue(const QString &value)
{
    QByteArray bytes = value.trimmed().toLatin1();
    const SecretBytes secret(std::move(bytes));
    {
        const QSignalBlocker block(m_filter); // the secret leaves the field and its undo history
        m_filter->setText(QString());
    }
    context().backend().findTokenByValue(secret).then(
        this, [this](Result<ApiToken> found) { showFoundToken(found); });
}

void TokensPage::showFoundToken(const Result<ApiToken> &found)
{
    if (!found) {
        applyFilter();
        Form::showMessage(m_message, found.error().message, true);
        return;
    }
    const ApiToken &t = found.value();
    m_status->setCurrentIndex(0);
    m_department->setCurrentIndex(0);
    applyFilter();
    Form::showMessage(m_message,
                      tr("Found API token #%1 “%2” of %3 (%4): %5. The value was "
                         "cleared from the filter.")
                          .arg(t.id)
                          .arg(t.name, t.username, t.department, statusTitle(t.status)),
                      false);
    layout()->activate(); // the message takes its line before the row is scrolled to
    selectToken(t.id, true);
}

void TokensPage::triggerNew()
{
    if (!TokenRules::whyNotCreate(context().actor()).isEmpty())
        return;
    auto *dialog = new CreateTokenDialog(context(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        CreatedToken created = dialog->takeCreated();
        const qint64 id = created.id;
        auto *shown = new TokenCreatedDialog(
            std::move(created), tr("API token created successfully"),
            tr("Use it as a bearer token in the Authorization header of your scripts and "
               "integrations. Store it in a password manager or the integration's secret store."),
            this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
        m_filter->clear();
        m_status->setCurrentIndex(0);
        m_department->setCurrentIndex(0);
        applyFilter();
        selectToken(id);
    });
    dialog->open();
}

void TokensPage::triggerEditScope()
{
    const QList<ApiToken> t = targets();
    if (!TokenRules::whyNotEditScope(context().actor(), t).isEmpty())
        return;
    auto *dialog = new EditScopeDialog(context(), t.first(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void TokensPage::triggerRotate()
{
    const QList<ApiToken> t = targets();
    if (const ActionState state = actionState(); !state.enabled.testFlag(Rotate)) {
        Form::showMessage(m_message, state.why.value(Rotate), true);
        return;
    }
    auto *dialog = new RotateTokenDialog(context(), t.first(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        CreatedToken rotated = dialog->takeRotated();
        const qint64 id = rotated.id;
        auto *shown = new TokenCreatedDialog(
            std::move(rotated), tr("API token rotated successfully"),
            tr("Put the new secret where the old one is used before the old one stops. It is "
               "the same token: its name, scope and expiry did not change."),
            this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
        selectToken(id);
    });
    dialog->open();
}

void TokensPage::triggerRevoke()
{
    if (const ActionState state = actionState(); !state.enabled.testFlag(Revoke)) {
        Form::showMessage(m_message, state.why.value(Revoke), true); // Del says why, too
        return;
    }
    if (m_model->isAllChecked()) {
        auto *command =
            new RevokeMatchingTokensCommand(context(), m_model->query(), m_model->exceptionIds(),
                                            m_model->checkedCount(), filterText(), this);
        connect(command, &Command::finished, this, [this, command] {
            m_model->clearChecks();
            TokenRules::Revocable skipped; // the words of a bulk revoke's skipped tokens
            skipped.alreadyRevoked = command->result().alreadyRevoked;
            Form::showMessage(m_message,
                              (tr("Revoked %n API token(s).", nullptr, command->result().revoked) +
                               QLatin1Char(' ') + skipped.skippedText())
                                  .trimmed(),
                              false);
        });
        command->start();
        return;
    }
    const QList<ApiToken> t = targets();
    const TokenRules::Revocable selection = TokenRules::revocable(context().actor(), t);
    auto *command = new RevokeTokensCommand(context(), selection, this);
    connect(command, &Command::finished, this, [this, selection] {
        m_model->clearChecks();
        Form::showMessage(m_message,
                          (tr("Revoked %n API token(s).", nullptr, int(selection.tokens.size())) +
                           QLatin1Char(' ') + selection.skippedText())
                              .trimmed(),
                          false);
    });
    command->start();
}

void TokensPage::updateRevokeUnused()
{
    const bool allowed = Authz::mayManageAllTokens(context().actor());
    m_revokeUnused->setEnabled(allowed);
    const QString why = allowed
                            ? tr("Review the tokens nobody has used for a while, then revoke them.")
                            : tr("Only administrators revoke every user's unused tokens.");
    m_revokeUnused->setToolTip(why);
    m_revokeUnused->setStatusTip(why);
}

void TokensPage::openRevokeUnused()
{
    if (!Authz::mayManageAllTokens(context().actor()))
        return;
    auto *dialog = new RevokeUnusedDialog(context(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString TokensPage::filterText() const
{
    QStringList parts;
    if (const QString text = m_model->filter().text; !text.isEmpty())
        parts << tr("“%1”", "the filter's text in the confirmation").arg(text);
    if (m_status->currentIndex() > 0)
        parts << m_status->currentText();
    if (m_department->currentIndex() > 0)
        parts << m_department->currentText();
    if (m_unused->currentIndex() > 0)
        parts << tr("Not used for: %1").arg(m_unused->currentText());
    return parts.join(QStringLiteral(" · "));
}

void TokensPage::triggerDelete()
{
    if (m_model->isAllChecked()) {
        if (!actionState().enabled.testFlag(Delete))
            return;
        auto *command =
            new DeleteMatchingTokensCommand(context(), m_model->query(), m_model->exceptionIds(),
                                            m_model->checkedCount(), filterText(), this);
        connect(command, &Command::finished, this, [this, command] {
            m_model->clearChecks();
            QString text = tr("Deleted %n API token(s).", nullptr, command->result().deleted);
            if (const int valid = command->result().stillValid; valid > 0)
                text += QLatin1Char(' ') +
                        tr("%n checked token(s) skipped (still valid: revoke them first).", nullptr,
                           valid);
            Form::showMessage(m_message, text, false);
        });
        command->start();
        return;
    }
    const QList<ApiToken> t = targets();
    if (!TokenRules::whyNotDelete(context().actor(), t).isEmpty())
        return;
    auto *command = new DeleteTokensCommand(context(), t, this);
    connect(command, &Command::finished, m_model, &WindowedTableModel::clearChecks);
    command->start();
}

void TokensPage::triggerInspect()
{
    QList<ApiToken> t = targets();
    // With several checked, Enter or a double click inspects the row under the cursor.
    if (t.size() != 1 && m_view->currentIndex().isValid())
        if (auto one = m_model->item(m_view->currentIndex()))
            t = {*one};
    if (!TokenRules::whyNotInspect(t).isEmpty())
        return;
    auto *dialog = new InspectTokenDialog(context(), t.first(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void TokensPage::triggerExport()
{
    if (!actionState().enabled.testFlag(Export))
        return;
    QString path = g_exportFileForTesting;
    if (path.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        path = QFileDialog::getSaveFileName(this, tr("Export API Tokens"),
                                            dir + QStringLiteral("/api-tokens.csv"),
                                            tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
    }
    exportTo(path);
}

void TokensPage::exportTo(const QString &path)
{
    m_exporting = true;
    auto *job = new CsvExportJob(context().backend(), m_model->query(), path, this);
    connect(job, &CsvExportJob::progressed, this, [this](qint64 rows) {
        m_exportMessage = tr("Exporting… %L1 tokens written").arg(rows);
        Q_EMIT stateChanged();
    });
    connect(job, &CsvExportJob::finished, this,
            [this, job, path](qint64 rows, const QString &error) {
                job->deleteLater();
                m_exporting = false;
                m_exportMessage = error.isEmpty()
                                      ? tr("Exported %Ln token(s) to %1", nullptr, int(rows))
                                            .arg(QDir::toNativeSeparators(path))
                                      : tr("Export failed: %1").arg(error);
                Q_EMIT stateChanged();
                Q_EMIT exportFinished(path, rows, error);
                QTimer::singleShot(15000, this, [this] { // the outcome stays readable for a while
                    if (!m_exporting && !m_exportMessage.isEmpty()) {
                        m_exportMessage.clear();
                        Q_EMIT stateChanged();
                    }
                });
            });
    job->showProgress(this, tr("Exporting API tokens…"), m_model->rowCount());
    m_exportJob = job;
    m_exportMessage = tr("Exporting…");
    Q_EMIT stateChanged();
    job->start();
}

void TokensPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void TokensPage::refresh()
{
    reloadDepartments();
    m_model->refresh();
    updateCounts();
    Q_EMIT stateChanged();
}

void TokensPage::followChanges()
{
    LiveList::follow(m_view, m_model, [this] {
        updateCounts();
        updateEmptyState();
        Q_EMIT stateChanged();
    });
}

// ---- interaction -----------------------------------------------------------------------------

void TokensPage::toggleChecksOfSelection()
{
    const int selected = selectedRowCount(m_view);
    if (selected == 0 || selected > MaxSelectedRows)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    QList<int> numbers;
    bool allChecked = true;
    for (const QModelIndex &i : rows) {
        numbers << i.row();
        allChecked = allChecked && m_model->isChecked(m_model->idAt(i.row()));
    }
    m_model->setRowsChecked(numbers, !allChecked);
}

bool TokensPage::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the filter applies it at once; it must not reach the window's Inspect shortcut.
    if (watched == m_filter && event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            event->accept();
            return true;
        }
    }
    if (watched == m_view && event->type() == QEvent::ContextMenu &&
        static_cast<QContextMenuEvent *>(event)->reason() == QContextMenuEvent::Keyboard) {
        // The Menu key (or Shift+F10): the menu of the current row, shown at that row.
        const QModelIndex current = m_view->currentIndex();
        showContextMenu(current.isValid() ? m_view->visualRect(current).center()
                                          : m_view->viewport()->rect().center());
        return true;
    }
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier) {
            toggleChecksOfSelection();
            return true;
        }
        // Ctrl+A does what the header's check box does (a list with a check column).
        if (key->matches(QKeySequence::SelectAll)) {
            CheckHeaderView::toggleAll(m_model);
            return true;
        }
        // Del reaches the list only when Revoke is disabled: say why instead of nothing.
        if (key->matches(QKeySequence::Delete)) {
            triggerRevoke();
            return true;
        }
    }
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_empty->setGeometry(m_view->viewport()->rect());
    return Page::eventFilter(watched, event);
}

void TokensPage::addColumnActions(QMenu *menu)
{
    QHeaderView *h = m_view->horizontalHeader();
    for (int c = TokenListModel::HintColumn; c < TokenListModel::ColumnCount; ++c) {
        QAction *a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!h->isSectionHidden(c));
        connect(a, &QAction::toggled, this, [h, c](bool on) { h->setSectionHidden(c, !on); });
    }
}

void TokensPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex at = m_view->indexAt(pos);
    if (at.isValid() && !m_view->selectionModel()->isRowSelected(at.row(), {}))
        m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    const ActionState state = actionState();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("tokenContextMenu"));
    auto add = [&](const QString &text, Action action, void (TokensPage::*slot)()) {
        QAction *a = menu.addAction(text);
        connect(a, &QAction::triggered, this, slot);
        a->setEnabled(state.enabled.testFlag(action));
        a->setToolTip(state.why.value(action));
        return a;
    };
    add(tr("&Inspect…"), Inspect, &TokensPage::triggerInspect);
    add(tr("&Edit Scope…"), EditScope, &TokensPage::triggerEditScope);
    add(tr("R&otate Secret…"), Rotate, &TokensPage::triggerRotate);
    add(tr("&Revoke…"), Revoke, &TokensPage::triggerRevoke);
    add(tr("&Delete…"), Delete, &TokensPage::triggerDelete);
    menu.addSeparator();
    QAction *check = menu.addAction(tr("Check or Uncheck Selected\tSpace"));
    check->setObjectName(QStringLiteral("actionToggleChecks"));
    connect(check, &QAction::triggered, this, &TokensPage::toggleChecksOfSelection);
    check->setEnabled(m_view->selectionModel()->hasSelection());
    if (m_model->checkAllState() != Qt::Checked) { // else Uncheck All below does it
        QAction *all =
            menu.addAction(CheckHeaderView::toggleText(m_model) + QStringLiteral("\tCtrl+A"));
        all->setObjectName(QStringLiteral("actionCheckAll"));
        connect(all, &QAction::triggered, this, [this] { CheckHeaderView::toggleAll(m_model); });
    }
    QAction *uncheck = menu.addAction(tr("Uncheck All"));
    connect(uncheck, &QAction::triggered, m_model, &WindowedTableModel::clearChecks);
    uncheck->setEnabled(m_model->checkedCount() > 0);
    menu.addSeparator();
    if (auto t = m_model->item(at.isValid() ? at : m_view->currentIndex())) {
        const QString name = t->name, hint = t->hint;
        connect(menu.addAction(tr("Copy Token Name")), &QAction::triggered, this,
                [name] { QApplication::clipboard()->setText(name); });
        connect(menu.addAction(tr("Copy Token Hint")), &QAction::triggered, this,
                [hint] { QApplication::clipboard()->setText(hint); });
        menu.addSeparator();
    }
    add(tr("E&xport CSV…"), Export, &TokensPage::triggerExport);
    // The columns, also from the keyboard (the header itself takes no focus).
    QMenu *columns = menu.addMenu(tr("C&olumns"));
    columns->setObjectName(QStringLiteral("columnMenu"));
    addColumnActions(columns);
    menu.setToolTipsVisible(true);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace td
