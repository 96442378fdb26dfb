// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"

#include "core/overview.h"
#include "widgets/barchart.h"

class QLabel;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace td {

/// One chart of the Overview: its title, whose figures they are, the chart and the same
/// figures as a table (a toggle shows one or the other).
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    ChartPanel(const QString &objectName, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setScope(const QString &scope);
    /// The figures, with the column titles of the table.
    void setBars(const QList<BarChart::Bar> &bars, const QString &labelColumn,
                 const QString &valueColumn);
    BarChart *chart() const { return m_chart; }
    QTableWidget *table() const { return m_table; }
    QToolButton *tableToggle() const { return m_toggle; }
    /// The chart is shown, not the table.
    bool showsChart() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_scope = nullptr;
    QStackedWidget *m_stack = nullptr;
    BarChart *m_chart = nullptr;
    QTableWidget *m_table = nullptr;
    QToolButton *m_toggle = nullptr;
};

/// "Overview", the first place, for everyone: tokens expiring per week, API requests per day,
/// live mobile sessions per platform and (with audit.view) failed sign-ins per day, each only
/// as far as the person may see the matching list (OverviewService). A bar opens the matching
/// list, filtered (MainWindow connects the signals to the pages).
class OverviewPage : public Page
{
    Q_OBJECT

public:
    explicit OverviewPage(ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override { return tr("Overview"); }
    QString statusText() const override;
    void refresh() override;
    void followChanges() override;

    ChartPanel *expiringPanel() const { return m_expiring; }
    ChartPanel *requestsPanel() const { return m_requests; }
    ChartPanel *sessionsPanel() const { return m_sessions; }
    ChartPanel *failedSignInsPanel() const { return m_failed; }
    /// The figures last read (none before the first answer).
    const std::optional<Overview> &figures() const { return m_figures; }

Q_SIGNALS:
    /// A week of the expiry chart: the live tokens that expire in [from, until).
    void expiringTokensRequested(const QDateTime &from, const QDateTime &until);
    /// A day of the requests chart: the tokens by their last use.
    void recentlyUsedTokensRequested();
    /// A platform of the sessions chart.
    void sessionsOnPlatformRequested(const QString &platform);
    /// A day of the failed sign-ins chart (the reader's calendar).
    void failedSignInsRequested(const QDate &day);
    /// Figures arrived (or could not be read: figures() keeps the last ones).
    void figuresChanged();

private:
    void show(const Overview &o);

    ChartPanel *m_expiring = nullptr;
    ChartPanel *m_requests = nullptr;
    ChartPanel *m_sessions = nullptr;
    ChartPanel *m_failed = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_asOf = nullptr;
    std::optional<Overview> m_figures;
    int m_asked = 0;
};

} // namespace td
