// SPDX-License-Identifier: MIT
// The windowed item models when the answers come later (a tokendesk-server): the API token list
// over a DelayedBackend, which answers windows, counts and positions some milliseconds after
// the request, as a network would. Rows are placeholders until their window arrives, then
// dataChanged() brings them; the count arrives later too (no rows, then the rows); a filter
// change cancels what was asked for before, and an old answer is never shown; neighbours are
// asked for ahead; a window is never asked for twice at a time; a failure is reported once;
// check marks, the current row and the selection survive late answers (also through
// refreshInPlace()); positions are found later through locate(). Checked with
// QAbstractItemModelTester and against the same model over the local store.
#include "client/localbackend.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "delayedbackend.h"
#include "demogenerator.h"
#include "itemmodels/tokenlistmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace td;
using namespace td::test;

namespace {
constexpr int DemoTokens = 500;
constexpr int WindowRows = 50;
constexpr int DelayMs = 20;
using Kind = DelayedBackend::Kind;

bool loading(const QAbstractItemModel &m, int row)
{
    return m.index(row, TokenListModel::NameColumn).data(WindowedTableModel::LoadingRole).toBool();
}
} // namespace

class TestAsyncModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void placeholdersThenRows();
    void filterChangeCancelsWhatWasAsked();
    void neighboursAreAskedAhead();
    void noWindowIsAskedTwiceAtATime();
    void firstWindowGoesWithTheCount();
    void handlerMayDropItsPending();
    void failureIsReportedOnce();
    void checksAndCurrentRowSurviveLateAnswers();
    void refreshInPlaceKeepsSelectionWithLateAnswers();
    void aRowSelectedDuringARefreshInPlaceStaysSelected();
    void positionsAreLocatedLater();
    void positionBeforeTheCount();
    void positionSurvivesAWindowSizeChange();
    void countLaterWindowsAtOnce();

private:
    /// A token list over the delayed backend whose count has arrived.
    std::unique_ptr<TokenListModel> openedModel();
    QString nameAt(int row);

    Fixture m_f;
    Actor m_admin;
    std::unique_ptr<LocalBackend> m_local;
    std::unique_ptr<DelayedBackend> m_delayed;
    std::unique_ptr<TokenListModel> m_reference; // the same list over the local store
};

void TestAsyncModel::initTestCase()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req;
    req.users = 20;
    req.tokens = DemoTokens;
    req.sessions = 0;
    req.seed = 5;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    auto admin = m_f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    m_admin = admin.value();
    m_local = std::make_unique<LocalBackend>(*m_f.store, m_admin);
}

void TestAsyncModel::cleanupTestCase()
{
    m_local.reset();
    m_f = Fixture();
}

void TestAsyncModel::init()
{
    m_delayed = std::make_unique<DelayedBackend>(*m_local, DelayMs);
    m_reference = std::make_unique<TokenListModel>(*m_local);
    m_reference->setWindowSize(WindowRows);
}

void TestAsyncModel::cleanup()
{
    m_reference.reset();
    m_delayed.reset();
}

std::unique_ptr<TokenListModel> TestAsyncModel::openedModel()
{
    auto m = std::make_unique<TokenListModel>(*m_delayed);
    m->setWindowSize(WindowRows);
    QSignalSpy reloaded(m.get(), &WindowedTableModel::reloaded);
    if (m->rowCount() == 0)
        reloaded.wait(5000);
    return m;
}

QString TestAsyncModel::nameAt(int row)
{
    return m_reference->index(row, TokenListModel::NameColumn).data().toString();
}

void TestAsyncModel::placeholdersThenRows()
{
    TokenListModel m(*m_delayed);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWindowSize(WindowRows);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy reloaded(&m, &WindowedTableModel::reloaded);

    // The count is on its way: no rows yet, then they are inserted and reloaded() says so.
    QCOMPARE(m.rowCount(), 0);
    QVERIFY(m.isLoading());
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(m.rowCount(), DemoTokens);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), DemoTokens - 1);

    // A row whose window is on its way is a placeholder; nothing of it is known yet. (Row 7
    // of window 3: windows are asked for when a row of theirs is wanted.)
    const int first = 3 * WindowRows, row = first + 7;
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    const QModelIndex at = m.index(row, TokenListModel::NameColumn);
    QCOMPARE(at.data().toString(), QStringLiteral("…"));
    QVERIFY(loading(m, row));
    QVERIFY(!m.index(row, TokenListModel::CheckColumn).data(Qt::CheckStateRole).isValid());
    QVERIFY(!m.item(at).has_value());
    QCOMPARE(m.idAt(row), 0);
    QVERIFY(!m.setData(m.index(row, TokenListModel::CheckColumn), Qt::Checked, Qt::CheckStateRole));

    // It arrives: dataChanged() covers the whole window, and the rows are the real ones.
    QTRY_VERIFY_WITH_TIMEOUT(!loading(m, row), 5000);
    bool covered = false;
    for (const QList<QVariant> &args : changed) {
        const auto from = args.at(0).value<QModelIndex>(), to = args.at(1).value<QModelIndex>();
        if (from.row() <= first && to.row() >= first + WindowRows - 1 && from.column() == 0 &&
            to.column() == TokenListModel::ColumnCount - 1)
            covered = true;
    }
    QVERIFY2(covered, "no dataChanged() over the window that arrived");
    for (int r : {first, row, first + WindowRows - 1})
        QCOMPARE(m.index(r, TokenListModel::NameColumn).data().toString(), nameAt(r));
    QCOMPARE(m.item(at)->id, m_reference->idAt(row));
    QCOMPARE(m.index(row, TokenListModel::CheckColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
}

void TestAsyncModel::filterChangeCancelsWhatWasAsked()
{
    auto m = openedModel();
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000); // window 0 came with the count
    m_delayed->clearRequests();
    // The windows of the whole list are slow to come: the new filter's answers arrive first.
    m_delayed->setDelay(10 * DelayMs);
    QAbstractItemModelTester tester(m.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loading(*m, 160));
    const auto asked = m_delayed->requests(Kind::Window);
    const auto shown = std::find_if(asked.cbegin(), asked.cend(),
                                    [](const auto &r) { return r->window.offset == 150; });
    QVERIFY(shown != asked.cend());

    // The filter changes before the answer: what was asked for is cancelled.
    m_delayed->setDelay(DelayMs / 2);
    TokenListModel::Filter filter;
    filter.statuses = {TokenStatus::Revoked};
    m->setFilter(filter);
    m_reference->setFilter(filter);
    for (const auto &r : asked)
        QVERIFY(r->cancelled);

    // The new filter's first window is asked for with its count (one round trip, not two).
    const qsizetype askedBefore = asked.size();
    const auto firstWindow = [&]() -> std::shared_ptr<const DelayedBackend::Request> {
        const auto all = m_delayed->requests(Kind::Window);
        for (qsizetype i = askedBefore; i < all.size(); ++i)
            if (all.at(i)->window.offset == 0 && !all.at(i)->cancelled)
                return all.at(i);
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(firstWindow(), 5000);
    QVERIFY(!m_delayed->requests(Kind::Count).last()->answered); // before the count came
    QVERIFY(!firstWindow()->answered);
    QSignalSpy reloaded(m.get(), &WindowedTableModel::reloaded);
    QVERIFY(reloaded.wait(5000)); // the new count
    QCOMPARE(m->rowCount(), m_reference->rowCount());
    QVERIFY(m->rowCount() > 0 && m->rowCount() < DemoTokens);
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 0), 5000);
    QCOMPARE(m_delayed->requests(Kind::Window).size() - askedBefore, 1 + 1); // + its neighbour
    // Past the time the old windows would have arrived: the rows are still the new filter's.
    QTest::qWait(12 * DelayMs);
    QVERIFY(!(*shown)->answered);
    for (int row = 0; row < std::min(WindowRows, m->rowCount()); ++row) {
        QCOMPARE(m->idAt(row), m_reference->idAt(row));
        QCOMPARE(m->index(row, TokenListModel::StatusColumn).data(TokenListModel::StatusRole),
                 QVariant(int(TokenStatus::Revoked)));
    }
    QVERIFY(m->stats().cancelled >= 1);
}

void TestAsyncModel::neighboursAreAskedAhead()
{
    auto m = openedModel(); // window 0 came with the count
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    m_delayed->clearRequests();
    // Row 320 is in window 6: it alone is asked for (a server answers one request after another:
    // the one shown must not wait behind its neighbours) ...
    QVERIFY(loading(*m, 320));
    QCOMPARE(m_delayed->requests(Kind::Window).size(), 1);
    QCOMPARE(m_delayed->requests(Kind::Window).first()->window.offset, 300);
    QCOMPARE(m->stats().prefetches, qint64(0));
    // ... and once it is here, windows 5 and 7, seeking from its edges.
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 320), 5000);
    QCOMPARE(m->stats().prefetches, qint64(2));
    QList<qint64> offsets;
    for (const auto &r : m_delayed->requests(Kind::Window))
        offsets << r->window.offset;
    std::sort(offsets.begin(), offsets.end());
    QCOMPARE(offsets, (QList<qint64>{250, 300, 350}));
    for (const auto &r : m_delayed->requests(Kind::Window)) {
        if (r->window.offset == 250)
            QCOMPARE(r->window.beforeId.value_or(0), m_reference->idAt(300));
        if (r->window.offset == 350)
            QCOMPARE(r->window.afterId.value_or(0), m_reference->idAt(349));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);

    // Scrolling into window 7: it is there already, and window 8 is asked for ahead, seeking
    // after the last row of window 7 (by its key here, by its id over HTTP).
    m_delayed->clearRequests();
    QVERIFY(!loading(*m, 360));
    QCOMPARE(m->index(360, TokenListModel::NameColumn).data().toString(), nameAt(360));
    const auto ahead = m_delayed->requests(Kind::Window);
    QCOMPARE(ahead.size(), 1);
    QCOMPARE(ahead.first()->window.offset, 400);
    QCOMPARE(ahead.first()->window.afterId.value_or(0), m_reference->idAt(399));
    QVERIFY(!ahead.first()->window.after.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    QVERIFY(!loading(*m, 400));
    QCOMPARE(m->idAt(400), m_reference->idAt(400));

    // Back into window 5: window 4 is asked for with the id of the first row of window 5.
    m_delayed->clearRequests();
    QVERIFY(!loading(*m, 260));
    const auto before = m_delayed->requests(Kind::Window);
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.first()->window.offset, 200);
    QCOMPARE(before.first()->window.beforeId.value_or(0), m_reference->idAt(250));
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    QCOMPARE(m->idAt(249), m_reference->idAt(249));
}

void TestAsyncModel::noWindowIsAskedTwiceAtATime()
{
    TokenListModel m(*m_delayed);
    m.setWindowSize(WindowRows);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m_delayed->requests(Kind::Count).size(), 1);
    QSignalSpy reloaded(&m, &WindowedTableModel::reloaded);
    QVERIFY(reloaded.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000); // window 0 came with the count
    m_delayed->clearRequests();

    // A view paints every cell of rows 150-179, again and again, before the answer.
    for (int pass = 0; pass < 3; ++pass)
        for (int row = 150; row < 180; ++row)
            for (int c = 0; c < m.columnCount(); ++c)
                (void)m.index(row, c).data();
    (void)m.idAt(153);
    (void)m.item(m.index(154, 0));
    QCOMPARE(m_delayed->requests(Kind::Window).size(), 1); // the window, once
    QCOMPARE(m_delayed->requests(Kind::Window).first()->window.offset, 150);
    QCOMPARE(m.stats().inFlight, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    // Read again once it is here: its neighbours are asked for, once each.
    for (int pass = 0; pass < 3; ++pass)
        for (int row = 150; row < 180; ++row)
            QCOMPARE(m.idAt(row), m_reference->idAt(row));
    QList<qint64> offsets;
    for (const auto &r : m_delayed->requests(Kind::Window))
        offsets << r->window.offset;
    std::sort(offsets.begin(), offsets.end());
    QCOMPARE(offsets, (QList<qint64>{100, 150, 200}));
    QCOMPARE(m.stats().inFlight, 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    QCOMPARE(m_delayed->requests(Kind::Window).size(), 3);
}

void TestAsyncModel::firstWindowGoesWithTheCount()
{
    TokenListModel m(*m_delayed);
    m.setWindowSize(WindowRows);
    auto live = [&](qint64 offset) {
        int n = 0;
        for (const auto &r : m_delayed->requests(Kind::Window))
            n += r->window.offset == offset && !r->cancelled ? 1 : 0;
        return n;
    };
    // The first screen asks for the count and the first window together ...
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m_delayed->requests(Kind::Count).size(), 1);
    QCOMPARE(live(0), 1);
    QCOMPARE(m_delayed->requests(Kind::Window).last()->window.limit, WindowRows);
    QVERIFY(!m_delayed->requests(Kind::Count).first()->answered);
    QSignalSpy reloaded(&m, &WindowedTableModel::reloaded);
    QVERIFY(reloaded.wait(5000));
    // ... so its rows come with no second round trip: window 0 is never asked for again.
    QTRY_VERIFY_WITH_TIMEOUT(!loading(m, 0), 5000);
    QCOMPARE(m.index(0, TokenListModel::NameColumn).data().toString(), nameAt(0));
    QCOMPARE(live(0), 1);
}

/// A handler that lets go of its Pending (the last owner of the answer) — as an export job
/// does — runs once with the answer, and nothing touches the answer after it (AddressSanitizer
/// would report a use after free: the whole suite runs under it).
void TestAsyncModel::handlerMayDropItsPending()
{
    QObject context;
    qint64 got = 0;
    int calls = 0;
    std::optional<Pending<qint64>> ready = Pending<qint64>::ready(qint64(7));
    ready->then(&context, [&](Result<qint64> r) {
        ready.reset();
        got = r.value();
        ++calls;
    });
    QCOMPARE(got, qint64(7));
    Pending<qint64> transport;
    std::optional<Pending<qint64>> later = transport;
    later->then(&context, [&](Result<qint64> r) {
        later.reset();
        got = r.value();
        ++calls;
    });
    transport.resolve(qint64(8));
    QCOMPARE(got, qint64(8));
    QCOMPARE(calls, 2);
}

void TestAsyncModel::failureIsReportedOnce()
{
    auto m = openedModel();
    QSignalSpy failed(m.get(), &WindowedTableModel::loadFailed);
    // Window 2, not asked for yet: it is asked for first, then its neighbours ahead.
    const int first = 2 * WindowRows;
    m_delayed->failNext(Kind::Window, QStringLiteral("the server is not answering"));
    QVERIFY(loading(*m, first));
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, first), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("the server is not answering"));
    QCOMPARE(m->lastError(), QStringLiteral("the server is not answering"));
    // The failed window is not asked for again by painting; refresh() tries again.
    const qsizetype asked = m_delayed->requests(Kind::Window).size();
    for (int row = first; row < first + 10; ++row)
        QVERIFY(!m->index(row, TokenListModel::NameColumn).data().isValid());
    QTest::qWait(3 * DelayMs);
    QCOMPARE(m_delayed->requests(Kind::Window).size(), asked);
    QCOMPARE(failed.size(), 1);

    // A count that fails: no rows, reported once.
    m_delayed->failNext(Kind::Count, QStringLiteral("the count failed"));
    m->refresh();
    QSignalSpy reloaded(m.get(), &WindowedTableModel::reloaded);
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(m->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 5000);
    QTest::qWait(3 * DelayMs);
    QCOMPARE(failed.size(), 2);

    // Retry: everything is read again.
    m->refresh();
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(m->rowCount(), m_reference->rowCount());
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, first), 5000);
    QCOMPARE(m->index(first, TokenListModel::NameColumn).data().toString(), nameAt(first));
    QVERIFY(m->lastError().isEmpty());
}

void TestAsyncModel::checksAndCurrentRowSurviveLateAnswers()
{
    auto m = openedModel();
    QAbstractItemModelTester tester(m.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(m.get());
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 0), 5000);
    const qint64 a = m->idAt(2), b = m->idAt(40);
    m->setRowsChecked({2, 40}, true);
    QCOMPARE(m->checkedIds(), (QList<qint64>{std::min(a, b), std::max(a, b)}));

    // The current row is a placeholder whose window arrives later: it stays where it is.
    QVERIFY(loading(*m, 130));
    selection.setCurrentIndex(m->index(130, 1),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 130), 5000);
    QCOMPARE(selection.currentIndex(), m->index(130, 1));
    QCOMPARE(selection.selectedRows(), QModelIndexList{m->index(130, 0)});
    QCOMPARE(m->idAt(130), m_reference->idAt(130));

    // Sorted the other way: every window comes later, the check marks follow their ids.
    m->sort(TokenListModel::CreatedColumn, Qt::AscendingOrder);
    m_reference->sort(TokenListModel::CreatedColumn, Qt::AscendingOrder);
    const int rowA = m_reference->rowOfId(a);
    QVERIFY(rowA >= 0);
    QVERIFY(loading(*m, rowA));
    QVERIFY(!m->index(rowA, 0).data(Qt::CheckStateRole).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, rowA), 5000);
    QCOMPARE(m->idAt(rowA), a);
    QCOMPARE(m->index(rowA, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m->checkedIds().size(), 2);
    QCOMPARE(m->checkedItems().size(), 2);
}

void TestAsyncModel::refreshInPlaceKeepsSelectionWithLateAnswers()
{
    auto m = openedModel(); // newest first
    QItemSelectionModel selection(m.get());
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 0), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    const qint64 selected = m->idAt(10), gone = m->idAt(20), kept = m->idAt(30);
    selection.select(m->index(10, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(m->index(10, 2), QItemSelectionModel::NoUpdate);
    m->setRowsChecked({20, 30}, true);

    // Elsewhere: a token arrives (newest: the first row) and a checked one is deleted.
    NewApiToken n;
    n.name = QStringLiteral("arrives-meanwhile");
    n.scopes = {Scope::Device};
    n.username = QStringLiteral("admin");
    n.expiresAt = Clock::now().addDays(30);
    auto created = m_f.domain->tokens.create(m_admin, n);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {gone}).ok());
    QVERIFY(m_f.domain->tokens.remove(m_admin, {gone}).ok());
    auto restore = qScopeGuard([&] {
        (void)m_f.domain->tokens.revoke(m_admin, {created->id});
        (void)m_f.domain->tokens.remove(m_admin, {created->id});
    });
    m_reference->refresh();

    QSignalSpy layouts(m.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy resets(m.get(), &QAbstractItemModel::modelReset);
    QSignalSpy done(m.get(), &WindowedTableModel::refreshedInPlace);
    m->refreshInPlace();
    // Nothing changes until every answer is there.
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(m->rowCount(), DemoTokens);
    QCOMPARE(selection.selectedRows(), QModelIndexList{m->index(10, 0)});
    QVERIFY(m->isLoading());
    QVERIFY(done.wait(5000));
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m->rowCount(), DemoTokens); // one came, one went
    QCOMPARE(m->idAt(0), created->id);
    QCOMPARE(selection.selectedRows(), QModelIndexList{m->index(11, 0)});
    QCOMPARE(selection.currentIndex(), m->index(11, 2));
    QCOMPARE(m->idAt(11), selected);
    QCOMPARE(m->checkedIds(), QList<qint64>{kept});
    QCOMPARE(m->index(m_reference->rowOfId(kept), 0).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    for (int row = 0; row < WindowRows; ++row)
        QCOMPARE(m->idAt(row), m_reference->idAt(row));
}

void TestAsyncModel::aRowSelectedDuringARefreshInPlaceStaysSelected()
{
    auto m = openedModel(); // newest first
    QItemSelectionModel selection(m.get());
    QTRY_VERIFY_WITH_TIMEOUT(!loading(*m, 0), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_delayed->inFlight(), 0, 5000);
    // Two windows' worth of tokens arrive at the top: the selected row moves out of the windows
    // read again, so the refresh asks for its position.
    selection.select(m->index(10, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QList<qint64> arrived;
    auto restore = qScopeGuard([&] {
        (void)m_f.domain->tokens.revoke(m_admin, arrived);
        (void)m_f.domain->tokens.remove(m_admin, arrived);
    });
    for (int i = 0; i < 2 * WindowRows; ++i) {
        NewApiToken n;
        n.name = QStringLiteral("arrives-%1").arg(i);
        n.scopes = {Scope::Device};
        n.username = QStringLiteral("admin");
        n.expiresAt = Clock::now().addDays(30);
        auto created = m_f.domain->tokens.create(m_admin, n);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        arrived << created->id;
    }
    m_reference->refresh();
    // The refresh's answers a second late each, so that its position lookup is seen on its way
    // (under the sanitizers too).
    m_delayed->setDelay(1000);
    QSignalSpy done(m.get(), &WindowedTableModel::refreshedInPlace);
    m->refreshInPlace();
    auto positionOnItsWay = [&] {
        for (const auto &r : m_delayed->requests(Kind::Position))
            if (!r->answered && !r->cancelled)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(positionOnItsWay(), 15000);
    QCOMPARE(done.size(), 0);
    // Meanwhile the person scrolls far down (that window is read at once) and selects a row.
    const int far = DemoTokens - 20;
    m_delayed->setAtOnce(Kind::Window, true);
    QVERIFY(!m->index(far, TokenListModel::NameColumn).data().toString().isEmpty());
    const qint64 chosen = m->idAt(far);
    QVERIFY(chosen > 0);
    selection.select(m->index(far, 0),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(done.wait(15000));
    const QModelIndexList rows = selection.selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().row(), m_reference->rowOfId(chosen));
    QCOMPARE(rows.first().row(), far + 2 * WindowRows);
    QCOMPARE(m->idAt(rows.first().row()), chosen);
}

void TestAsyncModel::positionsAreLocatedLater()
{
    auto m = openedModel();
    const int last = m_reference->rowCount() - 1;
    const qint64 far = m_reference->idAt(last - 2);
    // Not in a cached window: not known yet, asked for once.
    QCOMPARE(m->rowOfId(far), -1);
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 1);
    int located = -2;
    QObject context;
    m->locate(far, &context, [&](int row) { located = row; });
    QCOMPARE(located, -2);
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 1); // the same question, not again
    QTRY_COMPARE_WITH_TIMEOUT(located, last - 2, 5000);
    QCOMPARE(m->rowOfId(far), last - 2);
    QCOMPARE(m->indexOfId(far, 2), m->index(last - 2, 2));
    // Known now: answered at once.
    m->locate(far, &context, [&](int row) { located = row + 1000; });
    QCOMPARE(located, last - 2 + 1000);

    // A filter change while a position is on its way: asked again in the new filter.
    TokenListModel::Filter filter;
    filter.statuses = {TokenStatus::Revoked};
    m_reference->setFilter(filter);
    m_reference->sort(TokenListModel::NameColumn, Qt::AscendingOrder);
    const qint64 revoked = m_reference->idAt(m_reference->rowCount() - 1);
    m->sort(TokenListModel::NameColumn, Qt::AscendingOrder); // forget what is cached
    located = -2;
    m->locate(revoked, &context, [&](int row) { located = row; });
    m->setFilter(filter);
    QTRY_COMPARE_WITH_TIMEOUT(located, m_reference->rowCount() - 1, 5000);
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 3);
    QVERIFY(m_delayed->requests(Kind::Position).at(1)->cancelled);
}

void TestAsyncModel::positionBeforeTheCount()
{
    // Over a network the position of a row may come before the count of its list: whoever
    // waits for it is told once the rows are there, so the row selected then is not lost.
    m_delayed->setDelay(300);
    auto m = std::make_unique<TokenListModel>(*m_delayed);
    m->setWindowSize(WindowRows);
    QCOMPARE(m->rowCount(), 0); // the count is on its way
    m_delayed->setDelay(1);
    const int row = m_reference->rowCount() - 3;
    const qint64 id = m_reference->idAt(row);
    QItemSelectionModel selection(m.get());
    int located = -2;
    int rowsThen = -1;
    QObject context;
    m->locate(id, &context, [&](int r) {
        located = r;
        rowsThen = m->rowCount();
        selection.select(m->index(r, 0),
                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    });
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(located, row, 5000);
    QCOMPARE(rowsThen, m_reference->rowCount());
    QVERIFY(selection.isRowSelected(row, {}));
    QTRY_COMPARE_WITH_TIMEOUT(m->idAt(row), id, 5000);
}

void TestAsyncModel::positionSurvivesAWindowSizeChange()
{
    // A row's position does not depend on how many rows a window holds: one on its way when
    // the window size changes is still answered (it was dropped, and whoever waited for it,
    // or for the same row later, waited for ever).
    auto m = openedModel();
    const int row = m_reference->rowCount() - 5;
    const qint64 id = m_reference->idAt(row);
    QObject context;
    int located = -2;
    m->locate(id, &context, [&](int r) { located = r; });
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 1);
    m->setWindowSize(WindowRows * 2);
    QTRY_COMPARE_WITH_TIMEOUT(located, row, 5000);
    int again = -2;
    m->locate(id, &context, [&](int r) { again = r; });
    QCOMPARE(again, row); // known: at once
    QCOMPARE(m_delayed->requests(Kind::Position).size(), 1);
}

void TestAsyncModel::countLaterWindowsAtOnce()
{
    // A transport may answer some requests at once and others later: windows read at once
    // while refreshInPlace() waits for its count are applied together, once.
    m_delayed->setAtOnce(Kind::Window, true);
    m_delayed->setAtOnce(Kind::Position, true);
    auto m = openedModel();
    QAbstractItemModelTester tester(m.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(m.get());
    QVERIFY(!loading(*m, 0)); // at once: no placeholder
    QCOMPARE(m->idAt(60), m_reference->idAt(60));
    selection.setCurrentIndex(m->index(60, 1),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const qint64 current = m->idAt(60);
    m->setRowsChecked({3}, true);

    const WindowedTableModel::Stats before = m->stats();
    QVERIFY(before.cachedWindows >= 2);
    QSignalSpy layouts(m.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy done(m.get(), &WindowedTableModel::refreshedInPlace);
    m->refreshInPlace();
    QCOMPARE(layouts.size(), 0); // the count is on its way
    m->refreshInPlace();         // again meanwhile: once more after this one
    QVERIFY(done.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    QCOMPARE(layouts.size(), 2);
    QCOMPARE(selection.currentIndex(), m->index(60, 1));
    QCOMPARE(m->idAt(60), current);
    QCOMPARE(m->checkedCount(), 1);
    QCOMPARE(m->index(3, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    // Both windows were read again each time, so no row had to be looked up by id.
    QCOMPARE(m->stats().windowLoads - before.windowLoads, 2 * qint64(before.cachedWindows));
    QCOMPARE(m->stats().positionQueries, before.positionQueries);
}

QTEST_GUILESS_MAIN(TestAsyncModel)
#include "tst_asyncmodel.moc"
