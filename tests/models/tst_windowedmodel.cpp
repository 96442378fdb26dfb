// SPDX-License-Identifier: MIT
// The generic windowed model (itemmodels/windowedtablemodel.h) and the SQL pager under it
// (store/sqlwindow.h), on a plain table of numbered rows: every way of reading a window (offset,
// backwards from the end, keyset seek after or before a neighbour, walking the order index or
// sorting the matches) must give exactly the rows of a plain ORDER BY; the cache stays small;
// counts are reused; check marks follow row ids. Checked with QAbstractItemModelTester.
#include "itemmodels/windowedtablemodel.h"
#include "store/sqlwindow.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <random>

using namespace td;
using namespace td::test;

namespace {

constexpr int Rows = 2000;
constexpr int Groups = 7;

struct Item
{
    qint64 id = 0;
    QString label;
    qint64 grp = 0;
    qint64 weight = 0;
};

/// Columns: 0 check, 1 label, 2 group, 3 weight.
class ItemModel : public WindowedRowModel<Item>
{
public:
    explicit ItemModel(Store &store, const QString &table = QStringLiteral("wm_items"),
                       qint64 rows = Rows)
        : m_store(store)
        , m_table(table)
    {
        setCheckColumn(0);
        m_select.from = table + QStringLiteral(" i");
        m_select.id = QStringLiteral("i.id");
        m_select.tableRows = rows;
        sort(1, Qt::AscendingOrder);
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 4;
    }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (o != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        static const char *names[] = {"", "Label", "Group", "Weight"};
        return section >= 0 && section < 4 ? QString::fromLatin1(names[section]) : QVariant();
    }
    void setGroupFilter(std::optional<qint64> grp)
    {
        m_group = grp;
        rebuildFilter();
        reload();
    }
    void setLabelSet(const QString &likePattern)
    {
        m_like = likePattern;
        rebuildFilter();
        reload();
    }
    const WindowedSelect &select() const { return m_select; }
    int countQueriesSeen() const { return int(stats().countQueries); }

protected:
    // Answered at once, as over the local store (tst_asyncmodel covers answers that come later).
    Pending<qint64> queryCount() override
    {
        return Pending<qint64>::ready(
            m_store.read([&] { return SqlWindow::count(m_store, m_select); }));
    }
    Pending<Window<Item>> fetchWindow(const WindowRequest &request) override
    {
        return Pending<Window<Item>>::ready(m_store.read([&] {
            const WindowIds ids = SqlWindow::ids(m_store, m_select, request);
            Window<Item> w;
            w.offset = request.offset;
            w.firstKey = ids.firstKey;
            w.lastKey = ids.lastKey;
            w.method = ids.method;
            if (ids.ids.isEmpty())
                return w;
            QStringList list;
            for (qint64 id : ids.ids)
                list << QString::number(id);
            QSqlQuery q =
                m_store.run(QStringLiteral("SELECT id, label, grp, weight FROM %1 WHERE id IN (%2)")
                                .arg(m_table, list.join(QLatin1Char(','))));
            QHash<qint64, Item> byId;
            while (q.next()) {
                Item it{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
                        q.value(3).toLongLong()};
                byId.insert(it.id, it);
            }
            for (qint64 id : ids.ids)
                w.rows << byId.value(id);
            return w;
        }));
    }
    Pending<qint64> queryPosition(qint64 id) override
    {
        return Pending<qint64>::ready(
            m_store.read([&] { return SqlWindow::position(m_store, m_select, id); }));
    }
    qint64 rowId(const Item &row) const override { return row.id; }
    QVariant rowData(const Item &row, int column, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        switch (column) {
        case 1:
            return row.label;
        case 2:
            return row.grp;
        case 3:
            return row.weight;
        }
        return {};
    }
    bool applySort(int column, Qt::SortOrder order) override
    {
        static const QStringList keys[] = {{},
                                           {QStringLiteral("i.label")},
                                           {QStringLiteral("i.grp"), QStringLiteral("i.weight")},
                                           {QStringLiteral("i.weight")}};
        static const char *indexes[] = {"", "_label", "_grp", "_weight"};
        if (column < 1 || column > 3)
            return false;
        m_select.keys = keys[column];
        m_select.sqliteOrderIndex = m_table + QString::fromLatin1(indexes[column]);
        m_select.ascending = order == Qt::AscendingOrder;
        return true;
    }
    QString filterKey() const override
    {
        return QStringLiteral("%1|%2").arg(m_group ? *m_group : -1).arg(m_like);
    }

private:
    void rebuildFilter()
    {
        m_select.conditions.clear();
        m_select.binds.clear();
        m_select.idSet.clear();
        m_select.idSetBinds.clear();
        if (m_group) {
            m_select.conditions << QStringLiteral("i.grp = ?");
            m_select.binds << *m_group;
        }
        m_select.textSearch = !m_like.isEmpty();
        if (!m_like.isEmpty()) {
            m_select.idSet = QStringLiteral("SELECT id FROM %1 WHERE label LIKE ?").arg(m_table);
            m_select.idSetBinds << m_like;
        }
    }

    Store &m_store;
    QString m_table;
    WindowedSelect m_select;
    std::optional<qint64> m_group;
    QString m_like;
};

} // namespace

class TestWindowedModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void modelTester();
    void everyReadingOrderGivesTheSameRows_data();
    void everyReadingOrderGivesTheSameRows();
    void walkingAndSortingAgree();
    void walkGivesUpWhenMatchesCluster();
    void cacheStaysSmall();
    void countIsCachedPerFilter();
    void checksFollowIds();
    void checkAllOfTheFilter();
    void refreshInPlaceFollowsIds();
    void positionsRoundTrip();
    void emptyResult();
    void loadErrorsAreReported();

private:
    /// The ids in the model's order, read row by row in the given order of rows.
    QList<qint64> readIds(ItemModel &m, const QList<int> &rowOrder);
    QList<qint64> expectedIds(const QString &where, const QVariantList &binds,
                              const QString &order);

    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<Store> m_store;
};

void TestWindowedModel::initTestCase()
{
    m_db = std::make_unique<ScratchDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    auto store = Store::open(m_db->location(), Store::OpenMode::CreateIfMissing);
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    m_store = std::move(store.value());
    auto made = m_store->write([&] {
        m_store->run(QStringLiteral("CREATE TABLE wm_items (id @INT@ PRIMARY KEY, label TEXT NOT "
                                    "NULL, grp @INT@ NOT NULL, weight @INT@ NOT NULL)")
                         .replace(QLatin1String("@INT@"), m_store->isSqlite()
                                                              ? QLatin1String("INTEGER")
                                                              : QLatin1String("BIGINT")));
        m_store->run(QStringLiteral("CREATE INDEX wm_items_label ON wm_items (label, id)"));
        m_store->run(QStringLiteral("CREATE INDEX wm_items_grp ON wm_items (grp, weight, id)"));
        m_store->run(QStringLiteral("CREATE INDEX wm_items_weight ON wm_items (weight, id)"));
        QRandomGenerator rng(7);
        for (int i = 1; i <= Rows; ++i) {
            // Labels and weights repeat, so ties must be broken by id in every path.
            m_store->run(QStringLiteral("INSERT INTO wm_items (id, label, grp, weight) VALUES "
                                        "(?, ?, ?, ?)"),
                         {qint64(i * 3),
                          QStringLiteral("item-%1").arg(rng.bounded(400), 3, 10, QLatin1Char('0')),
                          qint64(rng.bounded(Groups)), qint64(rng.bounded(50))});
        }
    });
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
}

void TestWindowedModel::cleanupTestCase()
{
    SqlWindow::forceWalkForTesting(std::nullopt);
    m_store.reset();
    m_db.reset();
}

void TestWindowedModel::init()
{
    SqlWindow::forceWalkForTesting(std::nullopt);
    SqlWindow::setMinimumWalkBudgetForTesting(0);
}

QList<qint64> TestWindowedModel::readIds(ItemModel &m, const QList<int> &rowOrder)
{
    QList<qint64> ids(m.rowCount(), 0);
    for (int row : rowOrder)
        ids[row] = m.idAt(row);
    return ids;
}

QList<qint64> TestWindowedModel::expectedIds(const QString &where, const QVariantList &binds,
                                             const QString &order)
{
    QList<qint64> out;
    auto r = m_store->read([&] {
        QSqlQuery q = m_store->run(QStringLiteral("SELECT id FROM wm_items i ") + where +
                                       QStringLiteral(" ORDER BY ") + order,
                                   binds);
        while (q.next())
            out << q.value(0).toLongLong();
    });
    if (!r)
        qWarning() << r.error().message;
    return out;
}

void TestWindowedModel::modelTester()
{
    ItemModel m(*m_store);
    m.setWindowSize(64);
    m.setMaxCachedWindows(3);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m.rowCount(), Rows);
    QCOMPARE(m.columnCount(), 4);
    for (int row = 0; row < Rows; row += 97)
        QVERIFY(m.data(m.index(row, 1)).isValid());
    m.sort(3, Qt::DescendingOrder);
    m.setGroupFilter(3);
    QVERIFY(m.rowCount() > 0 && m.rowCount() < Rows);
    QVERIFY(m.setData(m.index(0, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(m.data(m.index(0, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(!m.setData(m.index(0, 1), QStringLiteral("x"), Qt::EditRole));
    m.setLabelSet(QStringLiteral("item-1%"));
    m.refresh();
    m.setGroupFilter(std::nullopt);
    m.clearChecks();
    QVERIFY(!(m.flags(m.index(0, 1)) & Qt::ItemIsUserCheckable));
    QVERIFY(m.flags(m.index(0, 0)) & Qt::ItemIsUserCheckable);
}

void TestWindowedModel::everyReadingOrderGivesTheSameRows_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("order");
    QTest::newRow("label asc") << 1 << true << -1 << "i.label ASC, i.id ASC";
    QTest::newRow("label desc") << 1 << false << -1 << "i.label DESC, i.id DESC";
    QTest::newRow("group asc") << 2 << true << -1 << "i.grp ASC, i.weight ASC, i.id ASC";
    QTest::newRow("group desc") << 2 << false << -1 << "i.grp DESC, i.weight DESC, i.id DESC";
    QTest::newRow("weight asc, one group") << 3 << true << 2 << "i.weight ASC, i.id ASC";
    QTest::newRow("weight desc, one group") << 3 << false << 5 << "i.weight DESC, i.id DESC";
}

void TestWindowedModel::everyReadingOrderGivesTheSameRows()
{
    QFETCH(int, column);
    QFETCH(bool, ascending);
    QFETCH(int, group);
    QFETCH(QString, order);
    const QString where = group >= 0 ? QStringLiteral("WHERE i.grp = ?") : QString();
    const QVariantList binds = group >= 0 ? QVariantList{qint64(group)} : QVariantList{};
    const QList<qint64> expected = expectedIds(where, binds, order);
    QVERIFY(expected.size() > 100);

    ItemModel m(*m_store);
    m.setWindowSize(37); // not a divisor of anything: short last window
    m.setMaxCachedWindows(4);
    if (group >= 0)
        m.setGroupFilter(group);
    m.sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
    QCOMPARE(m.rowCount(), expected.size());

    QList<int> forward;
    for (int r = 0; r < m.rowCount(); ++r)
        forward << r;
    QCOMPARE(readIds(m, forward), expected); // mostly seeks after the previous window
    QVERIFY(m.stats().seekLoads > 0);

    m.refresh();
    QList<int> backward(forward.rbegin(), forward.rend());
    QCOMPARE(readIds(m, backward), expected); // the last window backwards, then seeks before
    QVERIFY(m.stats().reverseLoads > 0);

    m.refresh();
    QList<int> shuffled = forward;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));
    QCOMPARE(readIds(m, shuffled), expected); // offsets from either end
}

void TestWindowedModel::walkingAndSortingAgree()
{
    // The same windows with the idSet read first and sorted, or probed while walking the order
    // index (SQLite's INDEXED BY). PostgreSQL ignores the hint; both must still agree.
    const QList<qint64> expected =
        expectedIds(QStringLiteral("WHERE i.grp = ? AND i.id IN (SELECT id FROM wm_items WHERE "
                                   "label LIKE ?)"),
                    {qint64(4), QStringLiteral("item-2%")},
                    QStringLiteral("i.grp DESC, i.weight DESC, i.id DESC"));
    QVERIFY(expected.size() > 40);
    for (bool walk : {true, false}) {
        SqlWindow::forceWalkForTesting(walk);
        ItemModel m(*m_store);
        m.setWindowSize(16);
        m.setGroupFilter(4);
        m.setLabelSet(QStringLiteral("item-2%"));
        m.sort(2, Qt::DescendingOrder);
        QCOMPARE(m.rowCount(), expected.size());
        QList<int> rows;
        for (int r = 0; r < m.rowCount(); ++r)
            rows << r;
        QCOMPARE(readIds(m, rows), expected);
        std::shuffle(rows.begin(), rows.end(), std::mt19937(1));
        m.refresh();
        QCOMPARE(readIds(m, rows), expected);
        // The pager reports whether it walked (SQLite only).
        auto ids = m_store->read([&] {
            return SqlWindow::ids(*m_store, m.select(),
                                  WindowRequest{0, 10, expected.size(), {}, {}, {}, {}});
        });
        QVERIFY(ids.ok());
        QCOMPARE(ids->walkedOrderIndex, walk && m_store->isSqlite());
        QCOMPARE(ids->ids, expected.mid(0, 10));
    }
}

void TestWindowedModel::walkGivesUpWhenMatchesCluster()
{
    // Labels sort the set "item-3…" into one stretch of the label index: walking from the start
    // meets none of them within a small budget, so the pager reads the set first — same rows.
    // Short windows keep the budget small (it grows with what a window predicts to pass).
    SqlWindow::forceWalkForTesting(true);
    SqlWindow::setMinimumWalkBudgetForTesting(30);
    const QList<qint64> expected =
        expectedIds(QStringLiteral("WHERE i.id IN (SELECT id FROM wm_items WHERE label LIKE ?)"),
                    {QStringLiteral("item-3%")}, QStringLiteral("i.label ASC, i.id ASC"));
    QVERIFY(expected.size() > 100);
    for (int budget : {30, 100000}) {
        SqlWindow::setMinimumWalkBudgetForTesting(budget);
        ItemModel m(*m_store);
        m.setWindowSize(2);
        m.setLabelSet(QStringLiteral("item-3%"));
        QCOMPARE(m.rowCount(), expected.size());
        QList<int> rows;
        for (int r = 0; r < m.rowCount(); ++r)
            rows << r;
        QCOMPARE(readIds(m, rows), expected); // offsets and seeks after
        m.refresh();
        QList<int> backward(rows.rbegin(), rows.rend());
        QCOMPARE(readIds(m, backward), expected); // from the end and seeks before
        // The first window: the small budget runs out before the first match, so the pager
        // gives up the walk and says so; the large one walks to it (SQLite: PostgreSQL has no
        // INDEXED BY).
        auto first = m_store->read([&] {
            return SqlWindow::ids(*m_store, m.select(),
                                  WindowRequest{0, 2, expected.size(), {}, {}, {}, {}});
        });
        QVERIFY(first.ok());
        QCOMPARE(first->ids, expected.mid(0, 2));
        QCOMPARE(first->walkedOrderIndex, budget > 30 && m_store->isSqlite());
    }
    SqlWindow::setMinimumWalkBudgetForTesting(0);
}

void TestWindowedModel::cacheStaysSmall()
{
    ItemModel m(*m_store);
    m.setWindowSize(50);
    m.setMaxCachedWindows(4);
    for (int r = 0; r < m.rowCount(); ++r)
        QVERIFY(m.data(m.index(r, 1)).isValid());
    const auto s = m.stats();
    QCOMPARE(s.cachedWindows, 4);
    QCOMPARE(s.cachedRows, 200);
    QCOMPARE(s.windowLoads, qint64(Rows / 50));
    // Touching an early row again reads its window again: it was evicted.
    QVERIFY(m.data(m.index(0, 1)).isValid());
    QCOMPARE(m.stats().windowLoads, qint64(Rows / 50 + 1));
    QCOMPARE(m.stats().cachedWindows, 4);
}

void TestWindowedModel::countIsCachedPerFilter()
{
    ItemModel m(*m_store);
    QCOMPARE(m.rowCount(), Rows);
    const int counted = m.countQueriesSeen();
    m.sort(3, Qt::DescendingOrder);
    m.sort(2, Qt::AscendingOrder);
    QCOMPARE(m.rowCount(), Rows);
    QCOMPARE(m.countQueriesSeen(), counted); // sorting never counts
    m.setGroupFilter(1);
    const int inGroup = m.rowCount();
    QCOMPARE(m.countQueriesSeen(), counted + 1);
    m.setGroupFilter(std::nullopt);
    QCOMPARE(m.rowCount(), Rows);
    m.setGroupFilter(1);
    QCOMPARE(m.rowCount(), inGroup);
    QCOMPARE(m.countQueriesSeen(), counted + 1); // both counts came from the cache
    m.refresh();
    QCOMPARE(m.rowCount(), inGroup);
    QCOMPARE(m.countQueriesSeen(), counted + 2); // refresh forgets them
}

void TestWindowedModel::checksFollowIds()
{
    ItemModel m(*m_store);
    m.setWindowSize(25);
    QSignalSpy changed(&m, &WindowedTableModel::checkedChanged);
    const qint64 a = m.idAt(3), b = m.idAt(1500);
    m.setRowsChecked({3, 1500}, true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m.checkedIds(), (QList<qint64>{std::min(a, b), std::max(a, b)}));
    QCOMPARE(m.checkedItems().size(), 2);
    m.sort(3, Qt::DescendingOrder);
    const int rowA = m.rowOfId(a);
    QVERIFY(rowA >= 0);
    QCOMPARE(m.data(m.index(rowA, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(m.setData(m.index(rowA, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(m.checkedIds(), QList<qint64>{b});
    QCOMPARE(m.checkedItems().size(), 1);
    QCOMPARE(m.checkedItems().first().id, b);
    m.clearChecks();
    QCOMPARE(m.checkedCount(), 0);
    QVERIFY(m.checkedItems().isEmpty());
}

void TestWindowedModel::checkAllOfTheFilter()
{
    // 100,000 rows: checking all of them, counting them and showing their marks reads no row
    // beyond the windows shown.
    constexpr qint64 Big = 100000;
    auto made = m_store->write([&] {
        m_store->run(QStringLiteral("CREATE TABLE wm_big (id @INT@ PRIMARY KEY, label TEXT NOT "
                                    "NULL, grp @INT@ NOT NULL, weight @INT@ NOT NULL)")
                         .replace(QLatin1String("@INT@"), m_store->isSqlite()
                                                              ? QLatin1String("INTEGER")
                                                              : QLatin1String("BIGINT")));
        m_store->run(QStringLiteral("CREATE INDEX wm_big_label ON wm_big (label, id)"));
        m_store->run(QStringLiteral("CREATE INDEX wm_big_grp ON wm_big (grp, weight, id)"));
        m_store->run(QStringLiteral("CREATE INDEX wm_big_weight ON wm_big (weight, id)"));
        m_store->run(QStringLiteral("INSERT INTO wm_big (id, label, grp, weight) WITH RECURSIVE "
                                    "n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                                    "%1) SELECT i, 'big-' || i, i % 7, i % 50 FROM n")
                         .arg(Big));
    });
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
    auto drop = qScopeGuard(
        [&] { (void)m_store->write([&] { m_store->run(QStringLiteral("DROP TABLE wm_big")); }); });

    ItemModel m(*m_store, QStringLiteral("wm_big"), Big);
    m.setWindowSize(100);
    QCOMPARE(m.rowCount(), int(Big));
    for (int row = 0; row < 30; ++row) // a screen
        QVERIFY(m.data(m.index(row, 1)).isValid());
    const WindowedTableModel::Stats before = m.stats();
    QCOMPARE(before.windowLoads, qint64(1));

    QSignalSpy changed(&m, &WindowedTableModel::checkedChanged);
    QSignalSpy cells(&m, &QAbstractItemModel::dataChanged);
    m.checkAllMatching();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(cells.size(), 1); // the check column, all at once
    QVERIFY(m.isAllChecked());
    QCOMPARE(m.checkedCount(), int(Big));
    QCOMPARE(m.checkAllState(), Qt::Checked);
    QVERIFY(m.checkedIds().isEmpty()); // no row was read to check it
    for (int row = 0; row < 30; ++row)
        QCOMPARE(m.data(m.index(row, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(m.isChecked(Big - 3)); // an id whose window was never read
    QCOMPARE(m.stats().windowLoads, before.windowLoads);
    QCOMPARE(m.stats().countQueries, before.countQueries);

    // Unchecking rows afterwards: exceptions, counted off.
    const qint64 five = m.idAt(5), seven = m.idAt(7);
    QVERIFY(m.setData(m.index(5, 0), Qt::Unchecked, Qt::CheckStateRole));
    m.setRowsChecked({7}, false);
    QCOMPARE(m.checkedCount(), int(Big - 2));
    QCOMPARE(m.checkAllState(), Qt::PartiallyChecked);
    QCOMPARE(m.exceptionIds(), (QList<qint64>{std::min(five, seven), std::max(five, seven)}));
    QVERIFY(!m.isChecked(five));
    QCOMPARE(m.data(m.index(5, 0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    m.setRowsChecked({7}, true); // checked again: no longer an exception
    QCOMPARE(m.exceptionIds(), QList<qint64>{five});
    QCOMPARE(m.checkedCount(), int(Big - 1));
    // The last row is shown checked: one window more, the one shown.
    QCOMPARE(m.data(m.index(int(Big) - 1, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m.stats().windowLoads, before.windowLoads + 1);

    // Sorting and reading again keep it (the same filter).
    m.sort(3, Qt::DescendingOrder);
    m.refresh();
    QVERIFY(m.isAllChecked());
    QCOMPARE(m.checkedCount(), int(Big - 1));
    m.sort(1, Qt::AscendingOrder);

    // The list follows changes: the exception and another row go elsewhere; the count is read
    // again and the exception that went is forgotten.
    const qint64 other = m.idAt(20);
    QVERIFY(m_store
                ->write([&] {
                    m_store->run(QStringLiteral("DELETE FROM wm_big WHERE id IN (?, ?)"),
                                 {five, other});
                })
                .ok());
    changed.clear();
    m.refreshInPlace();
    QCOMPARE(m.rowCount(), int(Big - 2));
    QCOMPARE(m.checkedCount(), int(Big - 2));
    QVERIFY(m.exceptionIds().isEmpty());
    QCOMPARE(m.checkAllState(), Qt::Checked);
    QVERIFY(changed.size() >= 1);
    // A row arriving is in the filter: checked too.
    QVERIFY(m_store
                ->write([&] {
                    m_store->run(QStringLiteral("INSERT INTO wm_big (id, label, grp, weight) "
                                                "VALUES (?, 'aaa', 1, 1)"),
                                 {Big + 1});
                })
                .ok());
    m.refreshInPlace();
    QCOMPARE(m.checkedCount(), int(Big - 1));
    QCOMPARE(m.idAt(0), Big + 1);
    QCOMPARE(m.data(m.index(0, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));

    // Another filter: the marks were for the old one.
    changed.clear();
    m.setGroupFilter(1);
    QVERIFY(!m.isAllChecked());
    QCOMPARE(m.checkedCount(), 0);
    QCOMPARE(m.checkAllState(), Qt::Unchecked);
    QCOMPARE(m.data(m.index(0, 0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(changed.size(), 1);

    // Of this filter, then cleared.
    m.checkAllMatching();
    QCOMPARE(m.checkedCount(), m.rowCount());
    m.clearChecks();
    QVERIFY(!m.isAllChecked());
    QCOMPARE(m.checkedCount(), 0);
    QCOMPARE(m.checkAllState(), Qt::Unchecked);
    // Rows checked one by one are "some".
    m.setRowsChecked({0}, true);
    QCOMPARE(m.checkAllState(), Qt::PartiallyChecked);
    QVERIFY(m.stats().windowLoads < 20);
}

void TestWindowedModel::refreshInPlaceFollowsIds()
{
    ItemModel m(*m_store); // by label
    m.setWindowSize(50);
    m.setMaxCachedWindows(4);
    // (No QAbstractItemModelTester here: its own persistent indexes would add lookups to the
    // counts below. ui.live runs the tester through these layout changes.)
    QItemSelectionModel selection(&m);
    const QList<qint64> old = expectedIds(QString(), {}, QStringLiteral("label, id"));
    QCOMPARE(m.idAt(0), old.at(0));
    const qint64 selected = m.idAt(520), gone = m.idAt(530);
    selection.select(m.index(520, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(m.index(520, 2), QItemSelectionModel::NoUpdate);
    const QPersistentModelIndex uncached(m.index(1000, 3)); // its window was never read
    m.setRowsChecked({520, 530}, true);
    const WindowedTableModel::Stats before = m.stats();
    QCOMPARE(before.cachedWindows, 2);

    // Elsewhere: two rows that sort first arrive, a checked one goes.
    QVariantList goneRow;
    auto changed = m_store->write([&] {
        QSqlQuery q = m_store->run(
            QStringLiteral("SELECT label, grp, weight FROM wm_items WHERE id = ?"), {gone});
        QVERIFY(q.next());
        goneRow = {gone, q.value(0), q.value(1), q.value(2)};
        m_store->run(QStringLiteral("DELETE FROM wm_items WHERE id = ?"), {gone});
        for (qint64 id : {1, 2})
            m_store->run(QStringLiteral("INSERT INTO wm_items (id, label, grp, weight) VALUES "
                                        "(?, 'aaa', 0, 0)"),
                         {id});
    });
    QVERIFY(changed.ok());
    auto putBack = [&] {
        return m_store->write([&] {
            m_store->run(QStringLiteral("DELETE FROM wm_items WHERE id IN (1, 2)"));
            m_store->run(QStringLiteral("INSERT INTO wm_items (id, label, grp, weight) VALUES "
                                        "(?, ?, ?, ?)"),
                         goneRow);
        });
    };
    auto restore = qScopeGuard([&] { (void)putBack(); }); // the other tests share the table
    QSignalSpy layouts(&m, &QAbstractItemModel::layoutChanged);
    QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
    QSignalSpy checks(&m, &WindowedTableModel::checkedChanged);
    m.refreshInPlace();
    const WindowedTableModel::Stats after = m.stats();
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m.rowCount(), Rows + 1);
    QCOMPARE(m.idAt(0), qint64(1));

    // Selection, current index and other persistent indexes follow their ids.
    QCOMPARE(selection.selectedRows(), QModelIndexList{m.index(522, 0)});
    QCOMPARE(m.idAt(522), selected);
    QCOMPARE(selection.currentIndex(), m.index(522, 2));
    QVERIFY(uncached.isValid());
    QCOMPARE(uncached.column(), 3);
    QCOMPARE(m.idAt(uncached.row()), old.at(1000));
    QCOMPARE(uncached.row(), 1001); // two rows before it arrived, one went
    // The checked row that went is unchecked; the other stays.
    QCOMPARE(m.checkedIds(), QList<qint64>{selected});
    QCOMPARE(checks.size(), 1);
    // Read: one count, the two windows that were cached, the uncached row before and after.
    QCOMPARE(after.countQueries - before.countQueries, qint64(1));
    QCOMPARE(after.windowLoads - before.windowLoads, qint64(3));
    QCOMPARE(after.positionQueries - before.positionQueries, qint64(2));
    QCOMPARE(after.inPlaceRefreshes - before.inPlaceRefreshes, qint64(1));

    restore.dismiss();
    QVERIFY(putBack().ok());
    m.refreshInPlace();
    QCOMPARE(m.rowCount(), Rows);
    QCOMPARE(selection.selectedRows(), QModelIndexList{m.index(520, 0)});
}

void TestWindowedModel::positionsRoundTrip()
{
    ItemModel m(*m_store);
    m.setWindowSize(20);
    m.setMaxCachedWindows(2);
    m.sort(2, Qt::DescendingOrder);
    for (int row : {0, 1, 19, 20, 777, 1998, 1999}) {
        const auto item = m.item(m.index(row, 1));
        QVERIFY(item.has_value());
        m.refresh(); // not cached any more: the position comes from SQL
        QCOMPARE(m.index(*item, 2), m.index(row, 2));
    }
    m.setGroupFilter(0);
    // A row outside the filter has no index.
    qint64 outside = 0;
    auto r = m_store->read([&] {
        outside = m_store->scalar(QStringLiteral("SELECT MIN(id) FROM wm_items WHERE grp <> 0"))
                      .toLongLong();
    });
    QVERIFY(r.ok());
    QCOMPARE(m.rowOfId(outside), -1);
    QVERIFY(!m.indexOfId(outside).isValid());
    QVERIFY(!m.item(QModelIndex()).has_value());
}

void TestWindowedModel::emptyResult()
{
    ItemModel m(*m_store);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 loads = m.stats().windowLoads;
    m.setGroupFilter(Groups + 10);
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.idAt(0), 0);
    QVERIFY(!m.index(0, 1).isValid());
    QCOMPARE(m.stats().windowLoads, loads); // nothing to read
}

void TestWindowedModel::loadErrorsAreReported()
{
    ItemModel m(*m_store);
    QCOMPARE(m.rowCount(), Rows);
    QSignalSpy failed(&m, &WindowedTableModel::loadFailed);
    auto r = m_store->write(
        [&] { m_store->run(QStringLiteral("ALTER TABLE wm_items RENAME TO wm_items_gone")); });
    QVERIFY(r.ok());
    m.refresh();
    QCOMPARE(m.rowCount(), 0); // the count failed: nothing shown, error reported once
    QVERIFY(!m.lastError().isEmpty());
    QTRY_COMPARE(failed.size(), 1);
    auto back = m_store->write(
        [&] { m_store->run(QStringLiteral("ALTER TABLE wm_items_gone RENAME TO wm_items")); });
    QVERIFY(back.ok());
    m.refresh();
    QCOMPARE(m.rowCount(), Rows);
    QVERIFY(m.data(m.index(0, 1)).isValid());
    QVERIFY(m.lastError().isEmpty());
}

QTEST_GUILESS_MAIN(TestWindowedModel)
#include "tst_windowedmodel.moc"
