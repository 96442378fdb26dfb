// SPDX-License-Identifier: MIT
// The console's lists follow changes made by other processes while it runs: tokendesk-admin
// creating, revoking and deleting tokens, adding users and departments, a mobile sign-in
// through the real tokendesk-server. Each list keeps its selection, check marks, scroll
// position and order, and reads only its count and the windows it had; nothing is read while
// nothing changes, and the console's own changes are not read a second time (through a server
// once more at most: its change stream cannot tell whose change it heard).
// ui.live.server runs the same console through a tokendesk-server, which follows its change
// stream (HttpChangeFollower) instead of watching the store.
#include "../console/guitest.h"
#include "../server/serverharness.h"
#include "adminrun.h"
#include "testsupport.h"

#include "audit/auditpage.h"
#include "client/httpchangefollower.h"
#include "consolecontext.h"
#include "demogenerator.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/sessionlistmodel.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "sessions/sessionspage.h"
#include "tokens/tokenspage.h"
#include "users/usersmodel.h"
#include "users/userspage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

/// The longest a change made elsewhere may take to show (the issue asks for 2 s).
constexpr int FollowTimeoutMs = 5000;

/// What a refresh may have read, compared before and after.
bool sameReads(const WindowedTableModel::Stats &a, const WindowedTableModel::Stats &b)
{
    return a.countQueries == b.countQueries && a.windowLoads == b.windowLoads &&
           a.positionQueries == b.positionQueries && a.inPlaceRefreshes == b.inPlaceRefreshes;
}

QList<qint64> selectedIds(QTableView *view, WindowedTableModel *model)
{
    QList<qint64> ids;
    for (const QModelIndex &row : view->selectionModel()->selectedRows())
        ids << model->idAt(row.row());
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestLiveLists : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    AdminRun cli(const QStringList &args, const QByteArray &input = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TOKENDESK_DATABASE"));
        return runAdmin(QStringList{QStringLiteral("--database"), m_f.db->spec()} + args, input,
                        env);
    }
    AdminRun createToken(const QString &name)
    {
        return cli({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
                    name, QStringLiteral("--user"), QStringLiteral("alice"),
                    QStringLiteral("--scope"), QStringLiteral("collection"),
                    QStringLiteral("--expires"), QStringLiteral("+30d")});
    }
    /// The console signed in as admin over its own connection, its window shown on a page.
    template<typename P> P *openConsole(const QString &pageName)
    {
        m_context = signedInContext(m_f, QStringLiteral("admin"), AdminPassword);
        if (!m_context)
            return nullptr;
        m_window = std::make_unique<MainWindow>(*m_context);
        m_window->resize(1180, 640);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get()) || !m_window->showPage(pageName))
            return nullptr;
        P *page = qobject_cast<P *>(m_window->currentPage());
        // Through a server the list arrives later: its count and shown windows first.
        return page && settled(page->model()) ? page : nullptr;
    }
    QString statusText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("statusText"))->text();
    }
    ChangeSource &watcher() { return *m_context->changes(); }
    /// The console watches an SQLite store itself (it polls).
    bool watchesSqlite() const { return m_context->isLocal() && m_context->store().isSqlite(); }
    /// Through a server: the follower of its change stream.
    HttpChangeFollower *follower() { return qobject_cast<HttpChangeFollower *>(&watcher()); }
    /// Where the console reads, for the figures: the store ("sqlite", "postgresql") or a server.
    static QString readsFrom()
    {
        return overServer() ? QStringLiteral("through a server on ") + backendName()
                            : backendName();
    }
    /// Nothing changed: the watcher still looks (SQLite polls; through a server a poll is held
    /// there) but no list reads anything.
    void quietTickReadsNothing(WindowedTableModel *model)
    {
        const WindowedTableModel::Stats before = model->stats();
        const qint64 checks = watcher().checks();
        const qint64 changes = watcher().changes();
        QTest::qWait(3 * ChangeSource::PollIntervalMs + 100);
        if (watchesSqlite())
            QVERIFY2(watcher().checks() >= checks + 2, "the watcher did not poll");
        if (overServer()) {
            QVERIFY2(follower() && follower()->isWaiting(), "no change poll is held");
            // Held, not asked again and again (one may end at the server's timeout meanwhile).
            QVERIFY2(watcher().checks() <= checks + 1, "the change stream was asked in a loop");
        }
        QCOMPARE(watcher().changes(), changes);
        QVERIFY2(sameReads(model->stats(), before), "a tick without a change read the store");
    }

private Q_SLOTS:
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        QVERIFY(
            addUser(m_f, QStringLiteral("alice"), QStringLiteral("Standard"), StandardPassword));
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
        stopConsoleServer();
        m_f = Fixture();
    }

    void tokensFollowTheCli()
    {
        DemoRequest demo;
        demo.users = 6;
        demo.tokens = 400;
        demo.sessions = 0;
        demo.seed = 15;
        QVERIFY(DemoGenerator(*m_f.store).generate(m_f.cli, demo).ok());
        auto *page = openConsole<TokensPage>(QStringLiteral("tokensPage"));
        QVERIFY(page);
        TokenListModel *model = page->model();
        QTableView *view = page->view();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(watcher().isActive());

        // Sorted by name, scrolled into the list, one row selected, two checked.
        view->horizontalHeader()->setSortIndicator(TokenListModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(settled(model));
        QCOMPARE(model->sortColumn(), int(TokenListModel::NameColumn));
        const int total = model->rowCount();
        QVERIFY(total >= 400);
        view->scrollTo(model->index(150, TokenListModel::NameColumn),
                       QAbstractItemView::PositionAtTop);
        QCoreApplication::processEvents();
        QVERIFY(settled(model));
        const int topRow = view->rowAt(0);
        QVERIFY(topRow >= 140);
        const qint64 topId = model->idAt(topRow);
        view->selectRow(topRow + 3);
        const QList<qint64> selected = {model->idAt(topRow + 3)};
        QCOMPARE(selectedIds(view, model), selected);
        QList<int> active; // two live tokens below the top row (one is revoked later)
        for (int row = topRow + 4; row < topRow + 20 && active.size() < 2; ++row)
            if (model->item(model->index(row, 0))->status != TokenStatus::Revoked &&
                model->item(model->index(row, 0))->status != TokenStatus::Expired)
                active << row;
        QCOMPARE(active.size(), 2);
        model->setRowsChecked(active, true);
        const QList<qint64> checked = model->checkedIds();
        QCOMPARE(checked.size(), 2);
        const WindowedTableModel::Stats before = model->stats();
        QVERIFY(before.cachedWindows >= 1);

        // Another process creates a token that sorts first: every row moves down by one.
        const AdminRun created = createToken(QStringLiteral("0 live token"));
        QVERIFY2(created.exit == 0, created.err.constData());
        QElapsedTimer since;
        since.start();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), total + 1, FollowTimeoutMs);
        QVERIFY(rowRead(model, 0));
        qInfo("tokens (%s): the CLI's token was listed %lld ms after the CLI exited",
              qPrintable(readsFrom()), since.elapsed());
        QCOMPARE(model->item(model->index(0, TokenListModel::NameColumn))->name,
                 QStringLiteral("0 live token"));

        // The same rows selected, checked and at the top, in the same order.
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(view->selectionModel()->selectedRows().first().row(), topRow + 4);
        QCOMPARE(model->idAt(view->currentIndex().row()), selected.first());
        QCOMPARE(model->checkedIds(), checked);
        for (qint64 id : checked)
            QCOMPARE(
                model->data(model->indexOfId(id, TokenListModel::CheckColumn), Qt::CheckStateRole)
                    .toInt(),
                int(Qt::Checked));
        QCOMPARE(model->idAt(view->rowAt(0)), topId);
        QCOMPARE(model->sortColumn(), int(TokenListModel::NameColumn));
        QCOMPARE(model->sortOrder(), Qt::AscendingOrder);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(TokenListModel::NameColumn));
        QCOMPARE(view->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QLocale().toString(total + 1)),
                                  qPrintable(statusText()), AnswerMs);
        screenshot(m_window.get(), QStringLiteral("live-tokens-after-cli-create"));

        // Each refresh read the count and the windows it had, nothing more. (One change, one
        // refresh on SQLite; PostgreSQL may hear the CLI's transactions apart.)
        const WindowedTableModel::Stats after = model->stats();
        const qint64 refreshes = after.inPlaceRefreshes - before.inPlaceRefreshes;
        if (watchesSqlite())
            QCOMPARE(refreshes, qint64(1));
        QVERIFY(refreshes >= 1);
        QCOMPARE(after.countQueries - before.countQueries, refreshes);
        QVERIFY2(after.windowLoads - before.windowLoads <= refreshes * before.cachedWindows,
                 qPrintable(QStringLiteral("%1 windows read, %2 were cached")
                                .arg(after.windowLoads - before.windowLoads)
                                .arg(before.cachedWindows)));
        QVERIFY(after.cachedWindows <= model->maxCachedWindows());

        quietTickReadsNothing(model);
        if (QTest::currentTestFailed())
            return;

        // Revoked elsewhere: the checked row stays checked, and what an action would target is
        // the token as it is now.
        const qint64 gone = checked.last();
        const AdminRun revoked =
            cli({QStringLiteral("token"), QStringLiteral("revoke"), QString::number(gone)});
        QVERIFY2(revoked.exit == 0, revoked.err.constData());
        auto revokedNow = [&] {
            for (const ApiToken &t : model->checkedItems())
                if (t.id == gone)
                    return t.status == TokenStatus::Revoked;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(revokedNow(), FollowTimeoutMs);
        QCOMPARE(model->checkedIds(), checked);

        // Deleted elsewhere: it leaves the checks quietly; the selection stays.
        QCOMPARE(
            cli({QStringLiteral("token"), QStringLiteral("delete"), QString::number(gone)}).exit,
            0);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), total, FollowTimeoutMs);
        QVERIFY(settled(model));
        QCOMPARE(model->checkedIds(), QList<qint64>{checked.first()});
        QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QStringLiteral("checked: 1")), AnswerMs);
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(model->idAt(view->rowAt(0)), topId);
    }

    void sessionsFollowMobileSignIns()
    {
        addUser(m_f, QStringLiteral("bob"), QStringLiteral("Support"), SupportPassword);
        for (const char *name : {"alice", "bob"}) {
            const auto user = m_f.domain->accounts.userByName(m_f.cli, QLatin1String(name));
            QVERIFY(user.ok());
            QVERIFY(m_f.domain->accounts
                        .setAccessCode(
                            m_f.cli, user->id,
                            secret(QString::fromLatin1(name) + QStringLiteral("-access-code-7")),
                            90)
                        .ok());
        }
        ServerProcess server;
        QString why;
        QVERIFY2(server.start(m_f.db->spec(), {}, &why), qPrintable(why));
        QNetworkAccessManager nam;
        auto signIn = [&](const char *user, const QString &device) {
            const QJsonObject o{{QStringLiteral("username"), QLatin1String(user)},
                                {QStringLiteral("access_code"),
                                 QString::fromLatin1(user) + QStringLiteral("-access-code-7")},
                                {QStringLiteral("device_name"), device},
                                {QStringLiteral("platform"), QStringLiteral("Android 14")},
                                {QStringLiteral("app_version"), QStringLiteral("4.1.0")}};
            const HttpResult r =
                http(nam, "POST", server.url(QStringLiteral("/api/v1/mobile/sessions")),
                     {{"Content-Type", "application/json"}},
                     QJsonDocument(o).toJson(QJsonDocument::Compact));
            noteTokensIn(r.body);
            return r.status;
        };

        auto *page = openConsole<SessionsPage>(QStringLiteral("sessionsPage"));
        QVERIFY(page);
        SessionListModel *model = page->model();
        QTableView *view = page->view();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 0);
        auto *empty = page->findChild<QLabel *>(QStringLiteral("sessionsEmpty"));
        QVERIFY(empty->isVisible());

        // The first sign-in shows up without F5.
        QCOMPARE(signIn("alice", QStringLiteral("Alice's Pixel 8")), 201);
        QElapsedTimer since;
        since.start();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, FollowTimeoutMs);
        QVERIFY(settled(model));
        qInfo("sessions (%s): the sign-in was listed %lld ms after the server answered",
              qPrintable(readsFrom()), since.elapsed());
        QVERIFY(!empty->isVisible());
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QLatin1String("1 mobile user logged in")),
                                  qPrintable(statusText()), AnswerMs);

        // Selected and checked, then more sign-ins: the newest comes first, the marks stay.
        view->selectRow(0);
        const QList<qint64> selected = {model->idAt(0)};
        QVERIFY(model->setData(model->index(0, SessionListModel::CheckColumn), Qt::Checked,
                               Qt::CheckStateRole));
        QCOMPARE(signIn("bob", QStringLiteral("Bob's iPhone")), 201);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, FollowTimeoutMs);
        QVERIFY(settled(model));
        QCOMPARE(model->item(0)->deviceName, QStringLiteral("Bob's iPhone"));
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(view->selectionModel()->selectedRows().first().row(), 1);
        QCOMPARE(model->checkedIds(), selected);
        QCOMPARE(
            model->data(model->index(1, SessionListModel::CheckColumn), Qt::CheckStateRole).toInt(),
            int(Qt::Checked));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QLatin1String("2 mobile users logged in")),
                                  qPrintable(statusText()), AnswerMs);
        QCOMPARE(signIn("alice", QStringLiteral("Galaxy Tab S9")), 201);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, FollowTimeoutMs);
        QVERIFY(settled(model));
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(model->checkedIds(), selected);
        QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QLatin1String("3 mobile users logged in")),
                                 AnswerMs);
        QVERIFY(statusText().contains(QLatin1String("checked: 1")));
        screenshot(m_window.get(), QStringLiteral("live-sessions-after-sign-ins"));

        quietTickReadsNothing(model);
        if (QTest::currentTestFailed())
            return;

        // The checked session ended elsewhere (by the CLI): it leaves the list and the checks.
        QCOMPARE(cli({QStringLiteral("session"), QStringLiteral("revoke"),
                      QString::number(selected.first())})
                     .exit,
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, FollowTimeoutMs);
        QVERIFY(settled(model));
        QCOMPARE(model->checkedCount(), 0);
        QVERIFY(selectedIds(view, model).isEmpty());
    }

    void usersFollowTheCli()
    {
        auto *page = openConsole<UsersPage>(QStringLiteral("usersPage"));
        QVERIFY(page);
        UsersModel *model = page->model();
        QTableView *view = page->view();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int before = model->rowCount();
        const int aliceRow = model->rowOf(m_f.domain->accounts.userByName(m_f.cli, "alice")->id);
        QVERIFY(aliceRow >= 0);
        view->selectRow(aliceRow);
        const QList<qint64> selected = {model->idAt(aliceRow)};

        // A user sorted before alice: she moves down a row and stays selected.
        const AdminRun added =
            cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("aaron"),
                 QStringLiteral("--email"), QStringLiteral("aaron@example.org"),
                 QStringLiteral("--department"), QStringLiteral("Administration"),
                 QStringLiteral("--user-type"), QStringLiteral("Standard"),
                 QStringLiteral("--password-stdin")},
                "Aaron-Pass-123\n");
        QVERIFY2(added.exit == 0, added.err.constData());
        QElapsedTimer since;
        since.start();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + 1, FollowTimeoutMs);
        QVERIFY(settled(model));
        qInfo("users (%s): the CLI's user was listed %lld ms after the CLI exited",
              qPrintable(readsFrom()), since.elapsed());
        QVERIFY(model->rowOf(m_f.domain->accounts.userByName(m_f.cli, "aaron")->id) >= 0);
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(view->selectionModel()->selectedRows().first().row(), aliceRow + 1);
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QString::number(before + 1)),
                                  qPrintable(statusText()), AnswerMs);

        quietTickReadsNothing(model);
    }

    void auditFollowsTheCli()
    {
        auto *page = openConsole<AuditPage>(QStringLiteral("auditPage"));
        QVERIFY(page);
        AuditLogModel *model = page->model();
        QTableView *view = page->view();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int before = model->rowCount();
        QVERIFY(before > 0);
        view->selectRow(0);
        const QList<qint64> selected = {model->idAt(0)};

        QCOMPARE(cli({QStringLiteral("department"), QStringLiteral("add"),
                      QStringLiteral("Live Department")})
                     .exit,
                 0);
        QElapsedTimer since;
        since.start();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before, FollowTimeoutMs);
        QVERIFY(settled(model));
        qInfo("audit (%s): the CLI's entry was listed %lld ms after the CLI exited",
              qPrintable(readsFrom()), since.elapsed());
        // Newest first, and the view was at the top: the new entry is in view, above the
        // selected one.
        QVERIFY(model->data(model->index(0, AuditLogModel::Target))
                    .toString()
                    .contains(QLatin1String("Live Department")));
        QCOMPARE(view->rowAt(0), 0);
        QCOMPARE(selectedIds(view, model), selected);
        QCOMPARE(view->selectionModel()->selectedRows().first().row(), model->rowCount() - before);

        quietTickReadsNothing(model);
    }

    void ownChangesAreReadOnce()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(createToken(QStringLiteral("own %1").arg(i)).exit, 0);
        auto *page = openConsole<TokensPage>(QStringLiteral("tokensPage"));
        QVERIFY(page);
        TokenListModel *model = page->model();
        QCOMPARE(model->rowCount(), 3);
        page->view()->selectRow(1);
        const qint64 id = model->idAt(1);
        const qint64 changes = watcher().changes();
        const qint64 refreshes = model->stats().inPlaceRefreshes;

        // The console revokes it itself: its list reloads at once, and not again (through a
        // server, the change stream reports it once: one more refresh at most).
        MessageBox::setNextAnswer(QMessageBox::Yes);
        m_window->action(Page::Revoke)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->item(model->indexOfId(id))->status, TokenStatus::Revoked,
                                  AnswerMs);
        QTest::qWait(3 * ChangeSource::PollIntervalMs + 100);
        const qint64 again = overServer() ? 1 : 0;
        QVERIFY(watcher().changes() <= changes + again);
        QVERIFY(model->stats().inPlaceRefreshes <= refreshes + again);
    }

    void aBusyStoreRefreshesTheListsTwiceASecondAtMost()
    {
        auto *page = openConsole<AuditPage>(QStringLiteral("auditPage"));
        QVERIFY(page);
        const int before = page->model()->rowCount();
        const qint64 changes = watcher().changes();
        QElapsedTimer busy;
        busy.start();
        // A change every 60 ms through another connection, for about a second.
        for (int i = 0; i < 16; ++i) {
            QVERIFY(m_f.domain->accounts.createDepartment(m_f.cli, QStringLiteral("Busy %1").arg(i))
                        .ok());
            QTest::qWait(60);
        }
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), before + 16, FollowTimeoutMs);
        QVERIFY(settled(page->model()));
        const qint64 refreshes = watcher().changes() - changes;
        qInfo("%lld changes in %lld ms (%s): the lists read %lld times", qint64(16), busy.elapsed(),
              qPrintable(readsFrom()), refreshes);
        QVERIFY(refreshes >= 1);
        QVERIFY2(refreshes <= busy.elapsed() / ChangeSource::PollIntervalMs + 1,
                 qPrintable(QString::number(refreshes)));
    }

    void hiddenPagesAndMinimisedWindowsWait()
    {
        auto *tokens = openConsole<TokensPage>(QStringLiteral("tokensPage"));
        QVERIFY(tokens);
        auto *sessionsPage = m_window->findChild<SessionsPage *>();
        QVERIFY(sessionsPage && !sessionsPage->isVisible());
        const qint64 sessionRefreshes = sessionsPage->model()->stats().inPlaceRefreshes;

        // A hidden page does not read; it catches up when shown.
        QCOMPARE(createToken(QStringLiteral("seen")).exit, 0);
        QTRY_COMPARE_WITH_TIMEOUT(tokens->model()->rowCount(), 1, FollowTimeoutMs);
        QVERIFY(settled(tokens->model()));
        QCOMPARE(sessionsPage->model()->stats().inPlaceRefreshes, sessionRefreshes);
        QVERIFY(m_window->showPage(QStringLiteral("sessionsPage")));
        QTRY_COMPARE_WITH_TIMEOUT(sessionsPage->model()->stats().inPlaceRefreshes,
                                  sessionRefreshes + 1, AnswerMs);
        QVERIFY(m_window->showPage(QStringLiteral("tokensPage")));

        // Minimised, the console does not look; back, it looks at once.
        m_window->showMinimized();
        QTRY_VERIFY(!watcher().isActive());
        const qint64 checks = watcher().checks();
        const qint64 changes = watcher().changes();
        if (overServer())
            QVERIFY2(!follower()->isWaiting(), "the held change poll was not aborted");
        QCOMPARE(createToken(QStringLiteral("while away")).exit, 0);
        QTest::qWait(3 * ChangeSource::PollIntervalMs + 100);
        if (!m_context->isLocal() || m_context->store().isSqlite())
            QCOMPARE(watcher().checks(), checks); // no polling
        QCOMPARE(watcher().changes(), changes);
        QCOMPARE(tokens->model()->rowCount(), 1);
        m_window->showNormal();
        QTRY_VERIFY(watcher().isActive());
        QTRY_COMPARE_WITH_TIMEOUT(tokens->model()->rowCount(), 2, FollowTimeoutMs);
        QVERIFY(settled(tokens->model()));
    }
};

QTEST_MAIN(TestLiveLists)
#include "tst_livelists.moc"
