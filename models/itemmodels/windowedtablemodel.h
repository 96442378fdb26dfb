// SPDX-License-Identifier: MIT
#pragma once

#include "client/pending.h"
#include "core/result.h"
#include "store/sqlwindow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace td {

/// A table model over an SQL result of any size (a million rows and more) that keeps memory
/// flat: it holds the row count and a few windows of rows (a small LRU cache), and asks for a
/// window when the view first wants one of its rows. Sorting and filtering happen in SQL — a
/// subclass pushes them into its query and calls reload(). Windows next to a cached one are
/// read with keyset seeks (by order key over the local store, by row id over the network);
/// others from the nearer end of the result (see SqlWindow), so scrolling to the last row costs
/// as much as showing the first.
///
/// Every read is a Pending (client/pending.h). Answered at once (the local store), the model
/// behaves as if it read synchronously. Answered later (a server), the window never waits: a
/// row whose window is on its way is a placeholder ("…", LoadingRole true) until dataChanged()
/// brings it; a count still to come shows no rows, then inserts them; the neighbours of a
/// requested window are asked for ahead; one window is never asked for twice at a time; answers
/// no longer wanted (the filter or order changed, the window left the cache) are cancelled and
/// never shown. rowOfId() answers -1 while a position is unknown; locate() calls back once it
/// is known.
///
/// Counts are cached per filter (filterKey()), so changing the sort or coming back to a filter
/// costs no count. An optional check column keeps its check marks by row id, so they survive
/// sorting, filtering and scrolling.
///
/// Subclass WindowedRowModel<Row> (below) rather than this class.
class WindowedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// True on a placeholder row (its window is on its way), false on a row that is there.
    static constexpr int LoadingRole = Qt::UserRole + 0x100;

    explicit WindowedTableModel(QObject *parent = nullptr);
    ~WindowedTableModel() override;

    /// Rows per window (default 100) and windows kept (default 10). Changing them drops the cache.
    void setWindowSize(int rows);
    int windowSize() const { return m_windowSize; }
    void setMaxCachedWindows(int windows);
    int maxCachedWindows() const { return m_maxWindows; }
    /// Keep at least this many rows' windows (a selection being acted on, up to the pages'
    /// limit): otherwise reading a selection larger than the cache would evict its own first
    /// windows and, over a server, ask for them again without end. 0 returns to the default.
    void keepRowsCached(int rows) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// The id of the row (asks for its window when needed); 0 when there is no such row or its
    /// window has not arrived yet.
    qint64 idAt(int row) const;
    /// The row showing that id in the current order and filter, or -1 (not listed, or not
    /// known yet: then the position is asked for, and a later call or locate() has it). Looks
    /// in the cached windows first, then asks the subclass (an SQL count of the rows before it).
    int rowOfId(qint64 id) const;
    QModelIndex indexOfId(qint64 id, int column = 0) const;
    /// Calls `done` with the row of `id` (-1: not listed, or the position could not be read)
    /// once it is known: inside this call when it already is, else when the answer comes (in
    /// the order and filter current then, and not before the count, so that the row is there).
    /// Never after `context` was destroyed.
    void locate(qint64 id, QObject *context, std::function<void(int row)> done);
    /// True while the count, a shown window or a refreshInPlace() is on its way.
    bool isLoading() const;
    /// The row count of the current query has arrived (over a server it comes a moment after a
    /// reset: until then rowCount() is 0 without the list being empty).
    bool isCountKnown() const { return m_count >= 0; }
    /// The list is known to have no rows (nothing to show, nothing to export): false while its
    /// count is on its way.
    bool isKnownEmpty() const { return rowCount() == 0 && isCountKnown(); }

    // ---- check marks (the check column) ----
    /// The column that shows a check box per row (-1: none).
    void setCheckColumn(int column) { m_checkColumn = column; }
    int checkColumn() const { return m_checkColumn; }
    /// The rows checked one by one (empty while every row of the filter is checked).
    QList<qint64> checkedIds() const;
    /// Rows checked: one by one, or every row of the filter but the exceptions (its count as
    /// the list knows it, without reading a row).
    int checkedCount() const;
    bool isChecked(qint64 id) const
    {
        return m_allChecked ? !m_exceptions.contains(id) : m_checked.contains(id);
    }
    /// Checks or unchecks rows (asks for their windows as needed; rows whose window is not
    /// there yet are skipped).
    void setRowsChecked(const QList<int> &rows, bool checked);
    /// Unchecks every row, also every row of the filter.
    void clearChecks();
    /// Checks every row of the current filter without reading one: rows unchecked afterwards
    /// become exceptions. Changing the filter (not the order, not reading again) clears it.
    void checkAllMatching();
    /// Every row of the filter is checked but exceptionIds().
    bool isAllChecked() const { return m_allChecked; }
    /// The rows unchecked since every row of the filter was checked.
    int exceptionCount() const { return int(m_exceptions.size()); }
    QList<qint64> exceptionIds() const;
    /// What a check box over the column shows: every row of the filter checked (Checked), some
    /// (PartiallyChecked), none.
    Qt::CheckState checkAllState() const;

    // ---- reading again ----
    /// The query (filter) changed: count again (or reuse the count cached for this filter) and
    /// read the windows again. Resets the model; answers still on their way are cancelled.
    void reload();
    /// The data may have changed: forget every cached count and window, then reload().
    void refresh();
    /// The data may have changed elsewhere: count again and read again the windows that were
    /// cached, nothing more, as one layout change, so that views keep their selection, current
    /// row and scroll position (persistent indexes follow their row ids), the order stays and
    /// check marks are kept by id. A row that left the list leaves the selection; a checked
    /// row that left it is unchecked (up to MaxLookups rows are looked up by id outside the
    /// windows; beyond that, persistent indexes outside them are dropped and check marks kept).
    /// When the answers come later, the list stays as it is until all of them are there, then
    /// changes in one layout change (refreshedInPlace() follows); persistent indexes outside the
    /// cached windows then keep their row.
    void refreshInPlace();
    static constexpr int MaxLookups = 32;
    /// Rounds of position lookups of one in-place refresh (rows chosen meanwhile).
    static constexpr int MaxPositionRounds = 3;

    /// The last load error ("" when the last load worked).
    QString lastError() const { return m_lastError; }

    struct Stats
    {
        qint64 countQueries = 0;
        qint64 windowLoads = 0;     ///< windows asked for (answered or not)
        qint64 seekLoads = 0;       ///< windows read with a keyset seek from a neighbour
        qint64 reverseLoads = 0;    ///< windows read backwards from the end
        qint64 positionQueries = 0; ///< rows looked up by id outside the cached windows
        qint64 inPlaceRefreshes = 0;
        qint64 prefetches = 0; ///< neighbouring windows asked for ahead
        qint64 cancelled = 0;  ///< answers no longer wanted, cancelled on their way
        int cachedWindows = 0; ///< windows there or on their way
        int cachedRows = 0;
        int inFlight = 0; ///< windows on their way
    };
    Stats stats() const;

Q_SIGNALS:
    /// Reading the count, a window or a position failed (emitted queued, never from inside
    /// data()), once per failed read.
    void loadFailed(const QString &message);
    void checkedChanged();
    /// After every reset, once the count is known (rowCount() is cheap): at once over the
    /// local store, when the count arrives over a server. Over a server also when the first
    /// count arrives.
    void reloaded();
    /// After refreshInPlace() (when its answers came later: once they are applied).
    void refreshedInPlace();

protected:
    /// A window as the typed layer read it: what the base needs to place it, and how to keep
    /// its rows under a slot (called only when the window is still wanted).
    struct LoadedWindow
    {
        int rows = 0;
        QVariantList firstKey;
        QVariantList lastKey;
        WindowMethod method = WindowMethod::Offset;
        QList<qint64> ids;
        std::function<void(qint64 slot)> keep;
    };

    /// Rows of the current query.
    virtual Pending<qint64> queryCount() = 0;
    /// Asks for the rows of `request`.
    virtual Pending<LoadedWindow> loadWindow(const WindowRequest &request) = 0;
    virtual void dropSlot(qint64 slot) = 0;
    virtual qint64 slotRowId(qint64 slot, int i) const = 0;
    virtual QVariant slotData(qint64 slot, int i, int column, int role) const = 0;
    /// A check mark changed on a row that is in slot `slot` (subclasses keep a snapshot).
    virtual void slotRowChecked(qint64 slot, int i, bool checked)
    {
        Q_UNUSED(slot)
        Q_UNUSED(i)
        Q_UNUSED(checked)
    }
    /// Every check mark was removed.
    virtual void checksCleared() {}
    /// The check mark of a row that is no longer listed was removed.
    virtual void rowUnchecked(qint64 id) { Q_UNUSED(id) }
    /// Pushes the order into the query (the caller resets); false when that column cannot sort.
    virtual bool applySort(int column, Qt::SortOrder order);
    /// The row's position in the current query, -1 when the query does not return it.
    virtual Pending<qint64> queryPosition(qint64 id);
    /// Identifies the current filter (not the order) for the count cache; "" disables it.
    virtual QString filterKey() const { return {}; }

    /// Makes sure the window `slot` is there or on its way; true when its rows are there now
    /// (or its reading failed: then it holds no rows).
    bool ensureSlot(qint64 slot) const;
    /// Rows cached in slot (0 when not cached or still on its way).
    int slotRows(qint64 slot) const;
    void reportError(const QString &message) const;

private:
    struct SlotInfo
    {
        enum class State { Loading, Loaded, Failed };
        State state = State::Loading;
        int rows = 0;        ///< rows there (Loaded)
        int expected = 0;    ///< rows asked for
        bool wanted = false; ///< a row of it was asked for (not only read ahead)
        quint64 serial = 0;
        QVariantList firstKey;
        QVariantList lastKey;
    };
    struct Locating
    {
        Pending<qint64> answer;
        QList<std::pair<QPointer<QObject>, std::function<void(int)>>> waiting;
    };
    struct InPlace; // a refreshInPlace() whose answers are on their way

    qint64 ensureCount() const;
    void askFirstWindowWithCount() const;
    void countArrived(quint64 serial, const QString &key, Result<qint64> counted, bool late);
    WindowRequest windowRequest(qint64 slot, qint64 total) const;
    void requestSlot(qint64 slot, qint64 total, bool wanted) const;
    void windowArrived(qint64 slot, quint64 serial, Result<LoadedWindow> loaded, bool late);
    void prefetchAround(qint64 slot) const;
    void evictOverflow(qint64 keep) const;
    void removeSlot(qint64 slot) const;
    void dropAll();
    /// Cancels every answer on its way for the current order and filter (not the count).
    void cancelWindows();
    void afterReset();
    /// Keeps a position answer that comes later (rowOfId() and locate() find it).
    void awaitPosition(qint64 id, const Pending<qint64> &answer) const;
    void positionArrived(qint64 id, quint64 generation, Result<qint64> pos);
    void touch(qint64 slot) const;
    /// The id at row from the cached windows only (0: not cached).
    qint64 cachedIdAt(int row) const;
    /// The row of id in the cached windows only (-1: not there).
    int cachedRowOfId(qint64 id) const;
    /// dataChanged() over the rows of a window that arrived (or failed) later.
    void emitSlotChanged(qint64 slot, int rows);
    void refreshInPlaceNow(qint64 counted);
    void startInPlace(const Pending<qint64> &count);
    void inPlaceStep();
    /// Asks for the positions an in-place refresh still lacks; how many (-1: it failed at once
    /// and is abandoned).
    int askInPlacePositions(quint64 serial);
    void applyInPlace();
    void abandonInPlace(const QString &message);

    int m_windowSize = 100;
    int m_maxWindows = 10;
    mutable int m_keepRows = 0; ///< keepRowsCached()
    /// Windows kept: m_maxWindows, or more for keepRowsCached().
    int windowBudget() const;
    int m_checkColumn = -1;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable qint64 m_count = -1;
    mutable QHash<QString, qint64> m_countCache;
    mutable QHash<qint64, SlotInfo> m_slots;
    mutable QList<qint64> m_lru; // least recently used first
    mutable QHash<qint64, Pending<LoadedWindow>> m_inFlight;
    mutable std::optional<Pending<qint64>> m_countInFlight;
    /// Positions that arrived before the count: handed to whoever waits once the rows are there.
    QList<std::function<void()>> m_afterCount;
    mutable quint64 m_countSerial = 0;
    mutable quint64 m_serial = 0;
    /// Bumped when the order or the filter changes: answers asked for before are not shown.
    quint64 m_generation = 0;
    /// Some answer came later than the call that asked for it (a server): read ahead.
    mutable bool m_async = false;
    /// reloaded() is due when the count arrives later: after a reset, and for the first count
    /// (the list showed no rows until then, as after a reset).
    bool m_reloadedOwed = true;
    mutable QHash<qint64, Locating> m_locating;
    mutable QHash<qint64, int> m_positions; // rows of ids looked up (this generation)
    std::unique_ptr<InPlace> m_inPlace;
    QSet<qint64> m_checked;
    bool m_allChecked = false;
    QSet<qint64> m_exceptions; ///< unchecked rows while m_allChecked
    QString m_allCheckedKey;   ///< the filterKey() of checkAllMatching()
    /// Checks or unchecks one row (slot, i) of id; false when it already was.
    bool markRow(qint64 slot, int i, qint64 id, bool on);
    void emitChecksChanged();
    /// A checked row, or an exception, that is no longer listed.
    void forgetMark(qint64 id);
    mutable QString m_lastError;
    mutable Stats m_stats;
};

/// WindowedTableModel with typed rows: a subclass reads Window<Row> from its service and says
/// how a row looks in each column. Offers item(index) and index(item) like libkleo's key models.
template<typename Row> class WindowedRowModel : public WindowedTableModel
{
public:
    using WindowedTableModel::index;
    using WindowedTableModel::WindowedTableModel;

    /// The row at index; nullopt for an invalid index, a row that could not be read or one
    /// whose window has not arrived yet (it is asked for: dataChanged() brings it).
    std::optional<Row> item(const QModelIndex &index) const
    {
        if (!index.isValid() || index.model() != this || index.row() >= rowCount())
            return std::nullopt;
        const qint64 slot = index.row() / windowSize();
        if (!ensureSlot(slot))
            return std::nullopt;
        const auto it = m_rows.constFind(slot);
        const int i = index.row() % windowSize();
        if (it == m_rows.cend() || i >= it->size())
            return std::nullopt;
        return it->at(i);
    }
    /// The index of that row in the current order and filter (invalid when not listed).
    QModelIndex index(const Row &item, int column = 0) const
    {
        return indexOfId(rowId(item), column);
    }
    /// The checked rows as they were when checked (in no particular order).
    QList<Row> checkedItems() const
    {
        QList<Row> out;
        for (qint64 id : checkedIds())
            if (auto it = m_checkedRows.constFind(id); it != m_checkedRows.cend())
                out << *it;
        return out;
    }

protected:
    virtual Pending<Window<Row>> fetchWindow(const WindowRequest &request) = 0;
    virtual qint64 rowId(const Row &row) const = 0;
    virtual QVariant rowData(const Row &row, int column, int role) const = 0;

    Pending<LoadedWindow> loadWindow(const WindowRequest &request) override
    {
        const Pending<Window<Row>> fetched = fetchWindow(request);
        Pending<LoadedWindow> loaded;
        loaded.onCancel([fetched] { fetched.cancel(); });
        fetched.then(this, [this, loaded](Result<Window<Row>> window) {
            if (!window) {
                loaded.resolve(window.error());
                return;
            }
            LoadedWindow w;
            w.rows = int(window->rows.size());
            w.firstKey = window->firstKey;
            w.lastKey = window->lastKey;
            w.method = window->method;
            w.ids.reserve(w.rows);
            for (const Row &row : window->rows)
                w.ids << rowId(row);
            w.keep = [this, rows = std::move(window->rows)](qint64 slot) {
                m_rows.insert(slot, rows);
            };
            loaded.resolve(std::move(w));
        });
        return loaded;
    }
    void dropSlot(qint64 slot) override { m_rows.remove(slot); }
    qint64 slotRowId(qint64 slot, int i) const override
    {
        const auto it = m_rows.constFind(slot);
        return it != m_rows.cend() && i < it->size() ? rowId(it->at(i)) : 0;
    }
    QVariant slotData(qint64 slot, int i, int column, int role) const override
    {
        const auto it = m_rows.constFind(slot);
        if (it == m_rows.cend() || i >= it->size())
            return {};
        return rowData(it->at(i), column, role);
    }
    void slotRowChecked(qint64 slot, int i, bool checked) override
    {
        const auto it = m_rows.constFind(slot);
        if (it == m_rows.cend() || i >= it->size())
            return;
        if (checked)
            m_checkedRows.insert(rowId(it->at(i)), it->at(i));
        else
            m_checkedRows.remove(rowId(it->at(i)));
    }
    void checksCleared() override { m_checkedRows.clear(); }
    void rowUnchecked(qint64 id) override { m_checkedRows.remove(id); }

private:
    QHash<qint64, QList<Row>> m_rows;
    QHash<qint64, Row> m_checkedRows;
};

} // namespace td
