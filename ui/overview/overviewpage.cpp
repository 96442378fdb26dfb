// SPDX-License-Identifier: MIT
#include "overviewpage.h"

#include "consolecontext.h"

#include "itemmodels/localformat.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace td {

ChartPanel::ChartPanel(const QString &objectName, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *head = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    head->addWidget(m_title, 1);
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(objectName + QStringLiteral("TableToggle"));
    m_toggle->setCheckable(true);
    m_toggle->setText(tr("Table"));
    m_toggle->setToolTip(tr("Show the figures as a table"));
    head->addWidget(m_toggle);
    layout->addLayout(head);
    m_scope = new QLabel(this);
    m_scope->setWordWrap(true);
    layout->addWidget(m_scope);

    m_stack = new QStackedWidget(this);
    m_chart = new BarChart(m_stack);
    m_chart->setObjectName(objectName + QStringLiteral("Chart"));
    m_table = new QTableWidget(0, 2, m_stack);
    m_table->setObjectName(objectName + QStringLiteral("Table"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool table) {
        m_stack->setCurrentWidget(table ? static_cast<QWidget *>(m_table) : m_chart);
        m_toggle->setToolTip(table ? tr("Show the figures as a chart")
                                   : tr("Show the figures as a table"));
    });
    // A row of the table opens what its bar opens.
    connect(m_table, &QTableWidget::cellActivated, m_chart,
            [this](int row, int) { Q_EMIT m_chart->barActivated(row); });
}

void ChartPanel::setTitle(const QString &title)
{
    m_title->setText(title);
    m_chart->setAccessibleName(title);
    m_table->setAccessibleName(title);
    m_toggle->setAccessibleName(tr("Show “%1” as a table").arg(title));
}

void ChartPanel::setScope(const QString &scope)
{
    m_scope->setText(scope);
}

void ChartPanel::setBars(const QList<BarChart::Bar> &bars, const QString &labelColumn,
                         const QString &valueColumn)
{
    m_chart->setBars(bars);
    m_table->setHorizontalHeaderLabels({labelColumn, valueColumn});
    m_table->setRowCount(int(bars.size()));
    for (int i = 0; i < bars.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(bars[i].longLabel));
        auto *value = new QTableWidgetItem(QLocale().toString(bars[i].value));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 1, value);
    }
    m_table->resizeColumnToContents(0);
}

bool ChartPanel::showsChart() const
{
    return m_stack->currentWidget() == m_chart;
}

OverviewPage::OverviewPage(ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("overviewPage"));
    auto *outer = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("overviewMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    outer->addWidget(m_message);
    m_asOf = new QLabel(this);
    m_asOf->setObjectName(QStringLiteral("overviewAsOf"));
    outer->addWidget(m_asOf);

    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Overview"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *inner = new QWidget(scroll);
    auto *grid = new QGridLayout(inner);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 3);
    grid->setVerticalSpacing(fontMetrics().height());
    m_expiring = new ChartPanel(QStringLiteral("expiring"), inner);
    m_expiring->setTitle(tr("API tokens expiring per week"));
    m_requests = new ChartPanel(QStringLiteral("requests"), inner);
    m_requests->setTitle(tr("API requests per day"));
    m_sessions = new ChartPanel(QStringLiteral("sessions"), inner);
    m_sessions->setTitle(tr("Active mobile sessions per platform"));
    m_failed = new ChartPanel(QStringLiteral("failedSignIns"), inner);
    m_failed->setTitle(tr("Failed sign-ins per day"));
    m_failed->hide(); // until the figures say this person may read them
    grid->addWidget(m_expiring, 0, 0);
    grid->addWidget(m_requests, 0, 1);
    grid->addWidget(m_sessions, 1, 0);
    grid->addWidget(m_failed, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);
    scroll->setWidget(inner);
    outer->addWidget(scroll, 1);
    // Tab reads the grid row by row: both toggles of a row, then its charts (or tables).
    QList<QWidget *> order;
    for (const auto &row : {std::pair(m_expiring, m_requests), std::pair(m_sessions, m_failed)})
        order << row.first->tableToggle() << row.second->tableToggle() << row.first->chart()
              << row.first->table() << row.second->chart() << row.second->table();
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_expiring->chart(), &BarChart::barActivated, this, [this](int week) {
        if (!m_figures)
            return;
        const QDateTime from = m_figures->at.addDays(7LL * week);
        Q_EMIT expiringTokensRequested(from, from.addDays(7));
    });
    connect(m_requests->chart(), &BarChart::barActivated, this,
            [this] { Q_EMIT recentlyUsedTokensRequested(); });
    connect(m_sessions->chart(), &BarChart::barActivated, this, [this](int i) {
        if (m_figures && i < m_figures->sessionsPerPlatform.size())
            Q_EMIT sessionsOnPlatformRequested(m_figures->sessionsPerPlatform[i].platform);
    });
    connect(m_failed->chart(), &BarChart::barActivated, this, [this](int day) {
        if (m_figures && m_figures->firstFailedSignInDay.isValid())
            Q_EMIT failedSignInsRequested(m_figures->firstFailedSignInDay.addDays(day));
    });
    refresh();
}

QString OverviewPage::statusText() const
{
    if (!m_figures)
        return {};
    qint64 expiring = 0;
    for (qint64 n : m_figures->expiringPerWeek)
        expiring += n;
    return tr("%n API token(s) expire in the next 12 weeks", nullptr, int(expiring));
}

void OverviewPage::followChanges()
{
    refresh();
}

void OverviewPage::refresh()
{
    const int asked = ++m_asked; // only the latest answer counts
    const int offsetMinutes = QDateTime::currentDateTime().offsetFromUtc() / 60;
    context().backend().overview(offsetMinutes).then(this, [this, asked](Result<Overview> o) {
        if (asked != m_asked)
            return;
        if (!o) {
            showLoadFailure(m_message,
                            tr("The overview could not be read: %1").arg(o.error().message));
            Q_EMIT figuresChanged();
            return;
        }
        m_message->hide();
        show(o.value());
    });
}

void OverviewPage::show(const Overview &o)
{
    m_figures = o;
    const QLocale locale;
    m_asOf->setText(tr("As of %1").arg(LocalFormat::dateTime(o.at)));

    // Weeks from now: "7 Dec" under the bar, the range in full elsewhere.
    QList<BarChart::Bar> weeks;
    for (int i = 0; i < o.expiringPerWeek.size(); ++i) {
        const QDate from = o.at.toLocalTime().date().addDays(7LL * i);
        const QDate to = from.addDays(6);
        weeks.append({locale.toString(from, tr("d MMM", "a short date under a bar")),
                      tr("%1 to %2")
                          .arg(locale.toString(from, LocalFormat::dateFormat()),
                               locale.toString(to, LocalFormat::dateFormat())),
                      o.expiringPerWeek[i]});
    }
    m_expiring->setScope(o.everyonesTokens
                             ? tr("Every user's live tokens, by the week from today they expire "
                                  "in. Click a week for the tokens by expiry.")
                             : tr("Your live tokens, by the week from today they expire in. "
                                  "Click a week for the tokens by expiry."));
    m_expiring->setBars(weeks, tr("Week"), tr("Tokens"));

    auto days = [&](const QDate &first, const QList<qint64> &counts) {
        QList<BarChart::Bar> bars;
        for (int i = 0; i < counts.size(); ++i) {
            const QDate d = first.addDays(i);
            bars.append({locale.toString(d, tr("d MMM", "a short date under a bar")),
                         locale.toString(d, QLocale::LongFormat), counts[i]});
        }
        return bars;
    };
    m_requests->setScope(
        o.everyonesTokens
            ? tr("Requests with every user's API tokens in the last 30 days (UTC), each token "
                 "counted at most once a minute.")
            : tr("Requests with your API tokens in the last 30 days (UTC), each token counted "
                 "at most once a minute."));
    m_requests->setBars(days(o.firstRequestDay, o.requestsPerDay), tr("Day"), tr("Requests"));

    QList<BarChart::Bar> platforms;
    for (const Overview::PlatformCount &p : o.sessionsPerPlatform)
        platforms.append({p.platform, p.platform, p.sessions});
    if (o.otherSessions > 0)
        platforms.append({tr("Other"), tr("Other platforms"), o.otherSessions});
    QString scope = o.everyonesSessions ? tr("Every user's active mobile sessions.")
                                        : tr("Your active mobile sessions.");
    if (platforms.isEmpty())
        scope += QLatin1Char(' ') + tr("There are none.");
    else
        scope += QLatin1Char(' ') + tr("Click a platform for its sessions.");
    m_sessions->setScope(scope);
    m_sessions->setBars(platforms, tr("Platform"), tr("Sessions"));

    m_failed->setVisible(o.failedSignInsShown);
    if (o.failedSignInsShown) {
        m_failed->setScope(tr("Console and mobile sign-ins that failed, in the last 30 days. "
                              "Click a day for its audit log."));
        m_failed->setBars(days(o.firstFailedSignInDay, o.failedSignInsPerDay), tr("Day"),
                          tr("Failed sign-ins"));
    }
    Q_EMIT figuresChanged();
    Q_EMIT stateChanged();
}

} // namespace td
