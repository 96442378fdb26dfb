// SPDX-License-Identifier: MIT
#include "windowedtablemodel.h"

#include <QMetaObject>

#include <algorithm>
#include <climits>

namespace td {

WindowedTableModel::WindowedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

WindowedTableModel::~WindowedTableModel() = default;

void WindowedTableModel::setWindowSize(int rows)
{
    rows = std::max(1, rows);
    if (rows == m_windowSize)
        return;
    beginResetModel();
    dropAll();
    m_windowSize = rows;
    endResetModel();
}

void WindowedTableModel::setMaxCachedWindows(int windows)
{
    m_maxWindows = std::max(2, windows);
    while (m_lru.size() > m_maxWindows) {
        const qint64 victim = m_lru.takeFirst();
        m_slots.remove(victim);
        dropSlot(victim);
    }
}

// ---- counting --------------------------------------------------------------------------------

qint64 WindowedTableModel::ensureCount() const
{
    if (m_count >= 0)
        return m_count;
    const QString key = filterKey();
    if (!key.isEmpty()) {
        if (auto it = m_countCache.constFind(key); it != m_countCache.cend()) {
            m_count = *it;
            return m_count;
        }
    }
    ++m_stats.countQueries;
    auto counted = const_cast<WindowedTableModel *>(this)->queryCount();
    if (!counted) {
        m_count = 0; // nothing to show until refresh(); the error is reported
        reportError(counted.error().message);
        return m_count;
    }
    m_lastError.clear();
    m_count = std::max<qint64>(0, counted.value());
    if (!key.isEmpty()) {
        if (m_countCache.size() >= 32)
            m_countCache.clear();
        m_countCache.insert(key, m_count);
    }
    return m_count;
}

int WindowedTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(std::min<qint64>(ensureCount(), INT_MAX));
}

// ---- windows ---------------------------------------------------------------------------------

void WindowedTableModel::touch(qint64 slot) const
{
    const qsizetype at = m_lru.indexOf(slot);
    if (at >= 0 && at == m_lru.size() - 1)
        return;
    if (at >= 0)
        m_lru.remove(at);
    m_lru.append(slot);
}

int WindowedTableModel::slotRows(qint64 slot) const
{
    const auto it = m_slots.constFind(slot);
    return it == m_slots.cend() ? 0 : it->rows;
}

bool WindowedTableModel::ensureSlot(qint64 slot) const
{
    if (m_slots.contains(slot)) {
        touch(slot);
        return true;
    }
    const qint64 total = ensureCount();
    const qint64 offset = slot * m_windowSize;
    if (slot < 0 || offset >= total)
        return false;

    WindowRequest request;
    request.offset = offset;
    request.limit = int(std::min<qint64>(m_windowSize, total - offset));
    request.total = total;
    // A full neighbour's edge key lets SQL seek instead of skipping rows.
    if (auto prev = m_slots.constFind(slot - 1);
        prev != m_slots.cend() && prev->rows == m_windowSize && !prev->lastKey.isEmpty())
        request.after = prev->lastKey;
    else if (auto next = m_slots.constFind(slot + 1);
             next != m_slots.cend() && next->rows > 0 && !next->firstKey.isEmpty())
        request.before = next->firstKey;

    auto *self = const_cast<WindowedTableModel *>(this);
    auto loaded = self->loadSlot(slot, request);
    ++m_stats.windowLoads;
    SlotInfo info;
    if (loaded) {
        m_lastError.clear();
        info.rows = loaded->rows;
        info.firstKey = loaded->firstKey;
        info.lastKey = loaded->lastKey;
        if (loaded->method == WindowMethod::SeekAfter || loaded->method == WindowMethod::SeekBefore)
            ++m_stats.seekLoads;
        else if (loaded->method == WindowMethod::ReverseOffset)
            ++m_stats.reverseLoads;
    } else {
        // Remember the failure as an empty window, so that painting does not retry the query
        // for every cell; refresh() tries again.
        reportError(loaded.error().message);
    }
    m_slots.insert(slot, info);
    touch(slot);
    while (m_lru.size() > m_maxWindows) {
        const qint64 victim = m_lru.takeFirst();
        m_slots.remove(victim);
        self->dropSlot(victim);
    }
    return loaded.ok();
}

void WindowedTableModel::dropAll()
{
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it)
        dropSlot(it.key());
    m_slots.clear();
    m_lru.clear();
}

void WindowedTableModel::reportError(const QString &message) const
{
    m_lastError = message;
    auto *self = const_cast<WindowedTableModel *>(this);
    QMetaObject::invokeMethod(
        self, [self, message] { Q_EMIT self->loadFailed(message); }, Qt::QueuedConnection);
}

QVariant WindowedTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 slot = index.row() / m_windowSize;
    const int i = index.row() % m_windowSize;
    if (!ensureSlot(slot) || i >= slotRows(slot))
        return {};
    if (index.column() == m_checkColumn) {
        if (role == Qt::CheckStateRole)
            return isChecked(slotRowId(slot, i)) ? Qt::Checked : Qt::Unchecked;
    }
    return slotData(slot, i, index.column(), role);
}

Qt::ItemFlags WindowedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == m_checkColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool WindowedTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != m_checkColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const bool on = value.toInt() == Qt::Checked;
    const qint64 slot = index.row() / m_windowSize;
    const int i = index.row() % m_windowSize;
    if (!ensureSlot(slot) || i >= slotRows(slot))
        return false;
    const qint64 id = slotRowId(slot, i);
    if (m_checked.contains(id) == on)
        return true;
    if (on)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    slotRowChecked(slot, i, on);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
    return true;
}

QList<qint64> WindowedTableModel::checkedIds() const
{
    QList<qint64> ids(m_checked.cbegin(), m_checked.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void WindowedTableModel::setRowsChecked(const QList<int> &rows, bool checked)
{
    if (m_checkColumn < 0)
        return;
    bool changed = false;
    for (int row : rows) {
        if (row < 0 || row >= rowCount())
            continue;
        const qint64 slot = row / m_windowSize;
        const int i = row % m_windowSize;
        if (!ensureSlot(slot) || i >= slotRows(slot))
            continue;
        const qint64 id = slotRowId(slot, i);
        if (m_checked.contains(id) == checked)
            continue;
        if (checked)
            m_checked.insert(id);
        else
            m_checked.remove(id);
        slotRowChecked(slot, i, checked);
        const QModelIndex at = QAbstractTableModel::index(row, m_checkColumn);
        Q_EMIT dataChanged(at, at, {Qt::CheckStateRole});
        changed = true;
    }
    if (changed)
        Q_EMIT checkedChanged();
}

void WindowedTableModel::clearChecks()
{
    if (m_checked.isEmpty())
        return;
    m_checked.clear();
    checksCleared();
    const int rows = rowCount();
    if (rows > 0 && m_checkColumn >= 0)
        Q_EMIT dataChanged(QAbstractTableModel::index(0, m_checkColumn),
                           QAbstractTableModel::index(rows - 1, m_checkColumn),
                           {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
}

// ---- positions -------------------------------------------------------------------------------

qint64 WindowedTableModel::idAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    const qint64 slot = row / m_windowSize;
    const int i = row % m_windowSize;
    if (!ensureSlot(slot) || i >= slotRows(slot))
        return 0;
    return slotRowId(slot, i);
}

qint64 WindowedTableModel::cachedIdAt(int row) const
{
    if (row < 0)
        return 0;
    const qint64 slot = row / m_windowSize;
    const int i = row % m_windowSize;
    return i < slotRows(slot) ? slotRowId(slot, i) : 0;
}

int WindowedTableModel::cachedRowOfId(qint64 id) const
{
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it)
        for (int i = 0; i < it->rows; ++i)
            if (slotRowId(it.key(), i) == id)
                return int(it.key() * m_windowSize + i);
    return -1;
}

int WindowedTableModel::rowOfId(qint64 id) const
{
    if (const int cached = cachedRowOfId(id); cached >= 0)
        return cached;
    auto pos = const_cast<WindowedTableModel *>(this)->queryPosition(id);
    if (!pos) {
        reportError(pos.error().message);
        return -1;
    }
    const qint64 row = pos.value();
    return row >= 0 && row < rowCount() ? int(row) : -1;
}

QModelIndex WindowedTableModel::indexOfId(qint64 id, int column) const
{
    const int row = rowOfId(id);
    return row < 0 ? QModelIndex() : QAbstractTableModel::index(row, column);
}

// ---- sorting and reloading -------------------------------------------------------------------

bool WindowedTableModel::applySort(int column, Qt::SortOrder order)
{
    Q_UNUSED(column)
    Q_UNUSED(order)
    return false;
}

Result<qint64> WindowedTableModel::queryPosition(qint64 id)
{
    Q_UNUSED(id)
    return qint64(-1);
}

void WindowedTableModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    if (!applySort(column, order))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    // The rows are the same, only their order changed: the count stays.
    beginResetModel();
    dropAll();
    endResetModel();
    Q_EMIT reloaded();
}

void WindowedTableModel::reload()
{
    beginResetModel();
    dropAll();
    m_count = -1;
    endResetModel();
    Q_EMIT reloaded();
}

void WindowedTableModel::refresh()
{
    m_countCache.clear();
    reload();
}

void WindowedTableModel::refreshInPlace()
{
    // Counted first: when the store cannot be read now, the list stays as it is.
    ++m_stats.countQueries;
    const auto counted = queryCount();
    if (!counted) {
        reportError(counted.error().message);
        return;
    }
    m_lastError.clear();
    // Views turn their selection into persistent indexes now; they follow their ids below.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<qint64> windows = m_lru;
    std::sort(windows.begin(), windows.end());
    int lookups = 0; // rows outside the cached windows, old or new, cost a query each
    const QModelIndexList from = persistentIndexList();
    QList<qint64> ids;
    ids.reserve(from.size());
    for (const QModelIndex &index : from) {
        qint64 id = cachedIdAt(index.row());
        if (!id && lookups < MaxLookups) {
            ++lookups;
            id = idAt(index.row());
        }
        ids << id;
    }

    m_countCache.clear();
    dropAll();
    const qint64 count = m_count = std::max<qint64>(0, counted.value());
    if (const QString key = filterKey(); !key.isEmpty())
        m_countCache.insert(key, count);
    for (qint64 slot : windows)
        if (slot * m_windowSize < count)
            ensureSlot(slot);

    auto rowNow = [&](qint64 id) {
        int row = cachedRowOfId(id);
        if (row < 0 && lookups < MaxLookups) {
            ++lookups;
            ++m_stats.positionQueries;
            row = rowOfId(id);
        }
        return row;
    };
    QHash<qint64, int> rows; // one lookup per id, whatever the number of columns
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype k = 0; k < from.size(); ++k) {
        int row = -1;
        if (const qint64 id = ids.at(k)) {
            auto it = rows.constFind(id);
            row = it != rows.cend() ? *it : *rows.insert(id, rowNow(id));
        }
        to << (row >= 0 ? createIndex(row, from.at(k).column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);

    // Check marks: rows in the windows get their new contents; a row no longer listed is
    // unchecked.
    bool unchecked = false;
    const QSet<qint64> checked = m_checked;
    for (qint64 id : checked) {
        if (const int row = cachedRowOfId(id); row >= 0) {
            slotRowChecked(row / m_windowSize, row % m_windowSize, true);
            continue;
        }
        if (lookups >= MaxLookups)
            continue;
        ++lookups;
        ++m_stats.positionQueries;
        auto pos = queryPosition(id);
        if (pos && pos.value() < 0) {
            m_checked.remove(id);
            rowUnchecked(id);
            unchecked = true;
        }
    }
    ++m_stats.inPlaceRefreshes;
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (unchecked)
        Q_EMIT checkedChanged();
    Q_EMIT refreshedInPlace();
}

WindowedTableModel::Stats WindowedTableModel::stats() const
{
    Stats s = m_stats;
    s.cachedWindows = int(m_slots.size());
    s.cachedRows = 0;
    for (const SlotInfo &info : m_slots)
        s.cachedRows += info.rows;
    return s;
}

} // namespace td
