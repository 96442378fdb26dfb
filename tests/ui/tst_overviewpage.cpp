// SPDX-License-Identifier: MIT
// The Overview place, first in the list for everyone: its charts show what the person may see
// (an administrator everything, a Standard user their own tokens and sessions and no failed
// sign-ins), each as a chart in the palette's colours and as a table, with a text alternative;
// a bar (clicked, or pressed with the keyboard) opens the matching list filtered. In English
// and German, over the local store and through a server (ui.overview.server).
#include "../console/guitest.h"

#include "audit/auditpage.h"
#include "consolecontext.h"
#include "core/clock.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/sessionlistmodel.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "overview/overviewpage.h"
#include "platform/translations.h"
#include "sessions/sessionspage.h"
#include "store/appinfo.h"
#include "tokens/tokenspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScopeGuard>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <numeric>

using namespace td;
using namespace td::test;

namespace {
qint64 total(const QList<BarChart::Bar> &bars)
{
    return std::accumulate(bars.begin(), bars.end(), qint64(0),
                           [](qint64 n, const BarChart::Bar &b) { return n + b.value; });
}
} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstPlaceWithEveryChart();
    void barsOpenTheirListsFiltered();
    void standardUserSeesOnlyTheirOwn();
    void chartFollowsThePalette();
    void german();

private:
    OverviewPage *open(const QString &user, const char *password);
    bool makeToken(const QString &user, const QString &name, int days);

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestOverviewPage::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    // English plurals ("3 API tokens") come from the English translation.
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
}

bool TestOverviewPage::makeToken(const QString &user, const QString &name, int days)
{
    NewApiToken t;
    t.name = name;
    t.scopes = {QStringLiteral("collection")};
    t.username = user;
    t.expiresAt = Clock::now().addDays(days);
    return m_fx.domain->tokens.create(m_fx.cli, t).ok();
}

void TestOverviewPage::init()
{
    QSettings().clear();
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    // Tokens: stan's expire in 2 and 20 days (this week and week 3), the admin's in 3 days.
    QVERIFY(makeToken(QStringLiteral("stan"), QStringLiteral("deploy"), 2));
    QVERIFY(makeToken(QStringLiteral("stan"), QStringLiteral("backup"), 20));
    QVERIFY(makeToken(QStringLiteral("admin"), QStringLiteral("monitor"), 3));
    // Sessions: stan on two iPhones and an Android phone, the admin on an Android tablet.
    auto stanId = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("stan"));
    auto adminId = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("admin"));
    QVERIFY(stanId && adminId);
    for (qint64 id : {stanId->id, adminId->id})
        QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, id, secret("Mobile-Code#77"), 30));
    auto signInOn = [&](const char *user, const char *platform) {
        return m_fx.domain->sessions
            .create(QString::fromLatin1(user), secret("Mobile-Code#77"), QStringLiteral("Phone"),
                    QString::fromLatin1(platform), QStringLiteral("2.1"),
                    QStringLiteral("10.0.0.5"))
            .ok();
    };
    QVERIFY(signInOn("stan", "iOS"));
    QVERIFY(signInOn("stan", "iOS"));
    QVERIFY(signInOn("stan", "Android"));
    QVERIFY(signInOn("admin", "Android"));
    // Two failed sign-ins today.
    QVERIFY(!m_fx.domain->accounts.signIn(QStringLiteral("stan"), secret("Wrong-Pass#1")));
    QVERIFY(!m_fx.domain->sessions.create(QStringLiteral("stan"), secret("Wrong-Code#2"),
                                          QStringLiteral("Phone"), QStringLiteral("iOS"),
                                          QStringLiteral("2.1"), QStringLiteral("10.0.0.6")));
}

void TestOverviewPage::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    stopConsoleServer();
    m_fx = Fixture();
}

OverviewPage *TestOverviewPage::open(const QString &user, const char *password)
{
    m_ctx = signedInContext(m_fx, user, password);
    if (!m_ctx)
        return nullptr;
    m_window = std::make_unique<MainWindow>(*m_ctx);
    m_window->resize(1200, 800);
    m_window->show();
    auto *page = qobject_cast<OverviewPage *>(m_window->currentPage());
    if (!page) {
        qWarning("the first place shown is not the Overview");
        return nullptr;
    }
    if (!QTest::qWaitFor([page] { return page->figures().has_value(); }, AnswerMs)) {
        qWarning("no figures within %d ms", AnswerMs);
        return nullptr;
    }
    return page;
}

void TestOverviewPage::firstPlaceWithEveryChart()
{
    OverviewPage *page = open(QStringLiteral("admin"), AdminPassword);
    QVERIFY(page);
    // First in the navigation, with Ctrl+1.
    auto *nav = child<QListWidget>(m_window.get(), "navigation");
    QCOMPARE(nav->item(0)->data(Qt::UserRole).toString(), QStringLiteral("overviewPage"));
    QCOMPARE(nav->item(0)->text(), QStringLiteral("Overview"));
    auto *go = m_window->findChild<QAction *>(QStringLiteral("actionGoTo_overviewPage"));
    QVERIFY(go);
    QCOMPARE(go->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));

    // Every user's tokens: this week 2 (stan's 2 days, the admin's 3), week 3 one (20 days).
    const QList<BarChart::Bar> weeks = page->expiringPanel()->chart()->bars();
    QCOMPARE(weeks.size(), Overview::Weeks);
    QCOMPARE(weeks[0].value, 2);
    QCOMPARE(weeks[2].value, 1);
    QCOMPARE(total(weeks), 3);
    // Sessions per platform, most first.
    const QList<BarChart::Bar> platforms = page->sessionsPanel()->chart()->bars();
    QCOMPARE(platforms.size(), 2);
    QCOMPARE(platforms[0].label, QStringLiteral("Android"));
    QCOMPARE(platforms[0].value, 2);
    QCOMPARE(platforms[1].label, QStringLiteral("iOS"));
    QCOMPARE(platforms[1].value, 2);
    // Failed sign-ins: shown to an administrator; both of today's.
    QVERIFY(page->failedSignInsPanel()->isVisible());
    const QList<BarChart::Bar> failed = page->failedSignInsPanel()->chart()->bars();
    QCOMPARE(failed.size(), Overview::Days);
    QCOMPARE(failed.last().value, 2);
    QCOMPARE(total(failed), 2);
    QCOMPARE(page->requestsPanel()->chart()->bars().size(), Overview::Days);

    // Each chart has a name and a text alternative, and the same figures as a table.
    BarChart *chart = page->sessionsPanel()->chart();
    QCOMPARE(chart->accessibleName(), QStringLiteral("Active mobile sessions per platform"));
    QCOMPARE(chart->accessibleDescription(), QStringLiteral("Android: 2; iOS: 2."));
    QVERIFY(chart->accessibleDescription() == chart->textAlternative());
    QVERIFY(page->sessionsPanel()->showsChart());
    screenshot(m_window.get(), QStringLiteral("overview"));
    page->sessionsPanel()->tableToggle()->click();
    QVERIFY(!page->sessionsPanel()->showsChart());
    QTableWidget *table = page->sessionsPanel()->table();
    QVERIFY(table->isVisible());
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("iOS"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("2"));
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Sessions"));
    screenshot(m_window.get(), QStringLiteral("overview-table"));
    // The status bar sums up the expiry chart.
    QCOMPARE(page->statusText(), QStringLiteral("3 API tokens expire in the next 12 weeks"));
}

void TestOverviewPage::barsOpenTheirListsFiltered()
{
    OverviewPage *page = open(QStringLiteral("admin"), AdminPassword);
    QVERIFY(page);

    // A platform's bar, clicked: Mobile Users Logged In filtered by it.
    BarChart *sessionsChart = page->sessionsPanel()->chart();
    QTest::mouseClick(sessionsChart, Qt::LeftButton, {}, sessionsChart->barRect(1).center());
    auto *sessions = qobject_cast<SessionsPage *>(m_window->currentPage());
    QVERIFY(sessions);
    QCOMPARE(child<QLineEdit>(sessions, "sessionFilter")->text(), QStringLiteral("iOS"));
    QCOMPARE(sessions->model()->filterText(), QStringLiteral("iOS"));
    QVERIFY(rowsRead(sessions->model()));
    QCOMPARE(sessions->model()->rowCount(), 2);

    // Today's failed sign-ins, from the keyboard (End, Enter): the Audit Log of that day.
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")));
    BarChart *failedChart = page->failedSignInsPanel()->chart();
    failedChart->setFocus();
    QTest::keyClick(failedChart, Qt::Key_End);
    QCOMPARE(failedChart->currentBar(), Overview::Days - 1);
    QTest::keyClick(failedChart, Qt::Key_Return);
    auto *audit = qobject_cast<AuditPage *>(m_window->currentPage());
    QVERIFY(audit);
    const QDate today = QDate::currentDate();
    QVERIFY(child<QCheckBox>(audit, "auditSinceCheck")->isChecked());
    QVERIFY(child<QCheckBox>(audit, "auditUntilCheck")->isChecked());
    QCOMPARE(child<QDateEdit>(audit, "auditSinceEdit")->date(), today);
    QCOMPARE(child<QDateEdit>(audit, "auditUntilEdit")->date(), today);
    QCOMPARE(child<QComboBox>(audit, "auditOutcomeFilter")->currentData().toString(),
             QStringLiteral("failure"));
    QTRY_VERIFY_WITH_TIMEOUT(rowsRead(audit->model()) && audit->model()->rowCount() == 2, AnswerMs);
    for (int row = 0; row < audit->model()->rowCount(); ++row) {
        const auto e = audit->model()->item(audit->model()->index(row, 0));
        QVERIFY(e && e->at.toLocalTime().date() == today);
        QCOMPARE(e->outcome, QStringLiteral("failure"));
        QVERIFY2(e->action == QLatin1String("auth.sign_in") ||
                     e->action == QLatin1String("session.create"),
                 qPrintable(e->action));
    }

    // A week of the expiry chart: the API tokens expiring that week, soonest first; the
    // filter shows the week and clears.
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")));
    BarChart *weeks = page->expiringPanel()->chart();
    QCOMPARE(weeks->bars().value(0).value, 2); // deploy (2 days), monitor (3 days)
    QTest::mouseClick(weeks, Qt::LeftButton, {}, weeks->barRect(0).center());
    auto *tokens = qobject_cast<TokensPage *>(m_window->currentPage());
    QVERIFY(tokens);
    QCOMPARE(tokens->view()->horizontalHeader()->sortIndicatorSection(),
             int(TokenListModel::ExpiresColumn));
    QCOMPARE(tokens->view()->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    QVERIFY(tokens->model()->filter().expiresFrom.isValid());
    QCOMPARE(tokens->model()->filter().expiresFrom.daysTo(tokens->model()->filter().expiresBefore),
             7);
    QTRY_VERIFY_WITH_TIMEOUT(rowsRead(tokens->model()) && tokens->model()->rowCount() == 2,
                             AnswerMs);
    QCOMPARE(tokens->model()->index(0, TokenListModel::NameColumn).data().toString(),
             QStringLiteral("deploy"));
    QCOMPARE(tokens->model()->index(1, TokenListModel::NameColumn).data().toString(),
             QStringLiteral("monitor"));
    auto *window = child<QLabel>(tokens, "expiryWindowFilter");
    QVERIFY(window->isVisible());
    QVERIFY2(window->text().startsWith(QStringLiteral("Expiring ")), qPrintable(window->text()));
    screenshot(m_window.get(), QStringLiteral("tokens-expiring-week"));
    // The week of backup (20 days): the third bar.
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")));
    QCOMPARE(weeks->bars().value(2).value, 1);
    QTest::mouseClick(weeks, Qt::LeftButton, {}, weeks->barRect(2).center());
    QTRY_VERIFY_WITH_TIMEOUT(
        rowsRead(tokens->model()) && tokens->model()->rowCount() == 1 &&
            tokens->model()->index(0, TokenListModel::NameColumn).data().toString() ==
                QLatin1String("backup"),
        AnswerMs);
    child<QToolButton>(tokens, "clearExpiryWindow")->click();
    QVERIFY(!window->isVisible());
    QVERIFY(!tokens->model()->filter().expiresFrom.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(rowsRead(tokens->model()) && tokens->model()->rowCount() >= 3,
                             AnswerMs);
}

void TestOverviewPage::standardUserSeesOnlyTheirOwn()
{
    OverviewPage *page = open(QStringLiteral("stan"), StandardPassword);
    QVERIFY(page);
    const QList<BarChart::Bar> weeks = page->expiringPanel()->chart()->bars();
    QCOMPARE(weeks[0].value, 1); // not the admin's
    QCOMPARE(total(weeks), 2);
    const QList<BarChart::Bar> platforms = page->sessionsPanel()->chart()->bars();
    QCOMPARE(platforms.size(), 2);
    QCOMPARE(platforms[0].label, QStringLiteral("iOS"));
    QCOMPARE(platforms[0].value, 2);
    QCOMPARE(platforms[1].value, 1); // his Android phone, not the admin's tablet
    QVERIFY(!page->failedSignInsPanel()->isVisible());
    QVERIFY(!page->figures()->failedSignInsShown);
    screenshot(m_window.get(), QStringLiteral("overview-standard"));
}

void TestOverviewPage::chartFollowsThePalette()
{
    OverviewPage *page = open(QStringLiteral("admin"), AdminPassword);
    QVERIFY(page);
    ChartPanel *panel = page->expiringPanel();
    BarChart *chart = panel->chart();
    for (const QColor highlight : {QColor(200, 30, 30), QColor(30, 160, 60)}) {
        QPalette dark = panel->palette();
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, highlight);
        panel->setPalette(dark);
        panel->setAutoFillBackground(true);
        const QImage image = chart->grab().toImage();
        const QPoint inBar = chart->barRect(2).center() * chart->devicePixelRatioF();
        QCOMPARE(QColor(image.pixel(inBar)), highlight);
        // The background is the palette's window colour (a pixel above the bars).
        QCOMPARE(QColor(image.pixel(QPoint(chart->width() / 2, 1))), QColor(30, 30, 30));
    }
    screenshot(page->expiringPanel(), QStringLiteral("overview-chart-dark"));
}

void TestOverviewPage::german()
{
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    const auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    OverviewPage *page = open(QStringLiteral("admin"), AdminPassword);
    QVERIFY(page);
    auto *nav = child<QListWidget>(m_window.get(), "navigation");
    QCOMPARE(nav->item(0)->text(), QStringLiteral("Übersicht"));
    QCOMPARE(page->sessionsPanel()->chart()->accessibleName(),
             QStringLiteral("Aktive mobile Sitzungen je Plattform"));
    QCOMPARE(page->statusText(), QStringLiteral("3 API-Token laufen in den nächsten 12 Wochen ab"));
    screenshot(m_window.get(), QStringLiteral("de_overview"));
    page->failedSignInsPanel()->tableToggle()->click();
    screenshot(m_window.get(), QStringLiteral("de_overview-table"));
}

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
