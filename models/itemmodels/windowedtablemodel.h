// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "store/sqlwindow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <optional>

namespace td {

/// A table model over an SQL result of any size (a million rows and more) that keeps memory
/// flat: it holds the row count and a few windows of rows (a small LRU cache), and reads a
/// window when the view first asks for one of its rows. Sorting and filtering happen in SQL —
/// a subclass pushes them into its query and calls reload(). Windows next to a cached one are
/// read with keyset seeks; others from the nearer end of the result (see SqlWindow), so
/// scrolling to the last row costs as much as showing the first.
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
    explicit WindowedTableModel(QObject *parent = nullptr);
    ~WindowedTableModel() override;

    /// Rows per window (default 100) and windows kept (default 10). Changing them drops the cache.
    void setWindowSize(int rows);
    int windowSize() const { return m_windowSize; }
    void setMaxCachedWindows(int windows);
    int maxCachedWindows() const { return m_maxWindows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// The id of the row (reads its window when needed); 0 when there is no such row.
    qint64 idAt(int row) const;
    /// The row showing that id in the current order and filter, or -1. Looks in the cached
    /// windows first, then asks the subclass (an SQL count of the rows before it).
    int rowOfId(qint64 id) const;
    QModelIndex indexOfId(qint64 id, int column = 0) const;

    // ---- check marks (the check column) ----
    /// The column that shows a check box per row (-1: none).
    void setCheckColumn(int column) { m_checkColumn = column; }
    int checkColumn() const { return m_checkColumn; }
    QList<qint64> checkedIds() const;
    int checkedCount() const { return int(m_checked.size()); }
    bool isChecked(qint64 id) const { return m_checked.contains(id); }
    /// Checks or unchecks rows (reads their windows as needed).
    void setRowsChecked(const QList<int> &rows, bool checked);
    void clearChecks();

    // ---- reading again ----
    /// The query (filter) changed: count again (or reuse the count cached for this filter) and
    /// read the windows again. Resets the model.
    void reload();
    /// The data may have changed: forget every cached count and window, then reload().
    void refresh();
    /// The data may have changed elsewhere: count again and read again the windows that were
    /// cached, nothing more, as one layout change, so that views keep their selection, current
    /// row and scroll position (persistent indexes follow their row ids), the order stays and
    /// check marks are kept by id. A row that left the list leaves the selection; a checked
    /// row that left it is unchecked (up to MaxLookups rows are looked up by id outside the
    /// windows; beyond that, persistent indexes outside them are dropped and check marks kept).
    void refreshInPlace();
    static constexpr int MaxLookups = 32;

    /// The last load error ("" when the last load worked).
    QString lastError() const { return m_lastError; }

    struct Stats
    {
        qint64 countQueries = 0;
        qint64 windowLoads = 0;
        qint64 seekLoads = 0;       ///< windows read with a keyset seek from a neighbour
        qint64 reverseLoads = 0;    ///< windows read backwards from the end
        qint64 positionQueries = 0; ///< rows looked up by id outside the cached windows
        qint64 inPlaceRefreshes = 0;
        int cachedWindows = 0;
        int cachedRows = 0;
    };
    Stats stats() const;

Q_SIGNALS:
    /// Reading the count or a window failed (emitted queued, never from inside data()).
    void loadFailed(const QString &message);
    void checkedChanged();
    /// After every reset: the count is known (rowCount() is cheap).
    void reloaded();
    /// After refreshInPlace().
    void refreshedInPlace();

protected:
    struct LoadedWindow
    {
        int rows = 0;
        QVariantList firstKey;
        QVariantList lastKey;
        WindowMethod method = WindowMethod::Offset;
    };

    /// Rows of the current query.
    virtual Result<qint64> queryCount() = 0;
    /// Reads the rows of `request` and keeps them under `slot` until dropSlot(slot).
    virtual Result<LoadedWindow> loadSlot(qint64 slot, const WindowRequest &request) = 0;
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
    virtual Result<qint64> queryPosition(qint64 id);
    /// Identifies the current filter (not the order) for the count cache; "" disables it.
    virtual QString filterKey() const { return {}; }

    /// Loads the window `slot` when it is not cached; false when it could not be read.
    bool ensureSlot(qint64 slot) const;
    /// Rows cached in slot (0 when not cached).
    int slotRows(qint64 slot) const;
    void reportError(const QString &message) const;

private:
    qint64 ensureCount() const;
    void dropAll();
    void touch(qint64 slot) const;
    /// The id at row from the cached windows only (0: not cached).
    qint64 cachedIdAt(int row) const;
    /// The row of id in the cached windows only (-1: not there).
    int cachedRowOfId(qint64 id) const;

    struct SlotInfo
    {
        int rows = 0;
        QVariantList firstKey;
        QVariantList lastKey;
    };

    int m_windowSize = 100;
    int m_maxWindows = 10;
    int m_checkColumn = -1;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable qint64 m_count = -1;
    mutable QHash<QString, qint64> m_countCache;
    mutable QHash<qint64, SlotInfo> m_slots;
    mutable QList<qint64> m_lru; // least recently used first
    QSet<qint64> m_checked;
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

    /// The row at index (reads its window when needed); nullopt for an invalid index or a row
    /// that could not be read.
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
    virtual Result<Window<Row>> fetchWindow(const WindowRequest &request) = 0;
    virtual qint64 rowId(const Row &row) const = 0;
    virtual QVariant rowData(const Row &row, int column, int role) const = 0;

    Result<LoadedWindow> loadSlot(qint64 slot, const WindowRequest &request) override
    {
        auto window = fetchWindow(request);
        if (!window)
            return window.error();
        LoadedWindow loaded;
        loaded.rows = int(window->rows.size());
        loaded.firstKey = window->firstKey;
        loaded.lastKey = window->lastKey;
        loaded.method = window->method;
        m_rows.insert(slot, std::move(window->rows));
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
