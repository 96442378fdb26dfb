// SPDX-License-Identifier: MIT
#include "windowedtablemodel.h"

#include <limits>

#include <QMetaObject>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <utility>

namespace td {

namespace {

/// The answer when it is already there; otherwise the request is cancelled (the callers that
/// use this read synchronously and cannot wait).
template<typename T> std::optional<Result<T>> answerNow(const Pending<T> &pending)
{
    auto answer = pending.takeIfReady();
    if (!answer)
        pending.cancel();
    return answer;
}

} // namespace

/// A refreshInPlace() whose answers come later: the count, then the windows that were cached,
/// then the positions of the rows the views hold outside them; applied in one layout change
/// once all are there. The list stays as it is meanwhile.
struct WindowedTableModel::InPlace
{
    enum class Phase { Count, Windows, Positions };
    Phase phase = Phase::Count;
    quint64 serial = 0;
    int waiting = 0;
    bool again = false; ///< refreshInPlace() was called again meanwhile
    qint64 count = -1;
    QList<qint64> cached; ///< the windows that were cached
    QHash<qint64, LoadedWindow> windows;
    QHash<qint64, int> rowOfId; ///< ids in the new windows
    QHash<qint64, qint64> positions;
    int positionRounds = 0;
    QList<std::function<void()>> cancels;
};

WindowedTableModel::WindowedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

WindowedTableModel::~WindowedTableModel()
{
    // Only the answers on their way: the subclass (dropSlot) is gone already.
    for (const auto &pending : std::as_const(m_inFlight))
        pending.cancel();
    if (m_countInFlight)
        m_countInFlight->cancel();
    for (const Locating &l : std::as_const(m_locating))
        l.answer.cancel();
    if (m_inPlace)
        for (const auto &cancel : std::as_const(m_inPlace->cancels))
            cancel();
}

void WindowedTableModel::setWindowSize(int rows)
{
    rows = std::max(1, rows);
    if (rows == m_windowSize)
        return;
    // Positions are rows, whatever a window holds: known ones and those on their way stay.
    beginResetModel();
    dropAll();
    m_windowSize = rows;
    endResetModel();
    askFirstWindowWithCount(); // again, in the new size, when the count is still on its way
}

void WindowedTableModel::setMaxCachedWindows(int windows)
{
    m_maxWindows = std::max(2, windows);
    evictOverflow(-1);
}

void WindowedTableModel::keepRowsCached(int rows) const
{
    m_keepRows = std::max(0, rows);
    evictOverflow(-1);
}

int WindowedTableModel::windowBudget() const
{
    // A run of rows may start in the middle of a window: one more at each end.
    const qint64 forRows =
        m_keepRows > 0 ? (qint64(m_keepRows) + m_windowSize - 1) / m_windowSize + 2 : 0;
    return int(std::max<qint64>(m_maxWindows, forRows));
}

// ---- counting --------------------------------------------------------------------------------

qint64 WindowedTableModel::ensureCount() const
{
    if (m_count >= 0)
        return m_count;
    if (m_countInFlight)
        return 0; // no rows until the count arrives
    const QString key = filterKey();
    if (!key.isEmpty()) {
        if (auto it = m_countCache.constFind(key); it != m_countCache.cend()) {
            m_count = *it;
            return m_count;
        }
    }
    ++m_stats.countQueries;
    auto *self = const_cast<WindowedTableModel *>(this);
    const Pending<qint64> counted = self->queryCount();
    const quint64 serial = ++m_countSerial;
    const bool late = !counted.isFinished();
    if (late) {
        m_async = true;
        m_countInFlight = counted;
    }
    counted.then(self, [self, serial, key, late](Result<qint64> answer) {
        self->countArrived(serial, key, std::move(answer), late);
    });
    if (late) // queued: a window size set right after the model was made applies to it
        QMetaObject::invokeMethod(
            self, [self] { self->askFirstWindowWithCount(); }, Qt::QueuedConnection);
    return std::max<qint64>(0, m_count);
}

void WindowedTableModel::askFirstWindowWithCount() const
{
    // Over the network the first window goes with the count, not after it: the first screen
    // costs one round trip instead of two. (Its rows are shown once the count has come.)
    if (m_countInFlight && m_count < 0 && !m_slots.contains(0))
        requestSlot(0, std::numeric_limits<int>::max(), true); // total unknown: from the start
}

void WindowedTableModel::countArrived(quint64 serial, const QString &key, Result<qint64> counted,
                                      bool late)
{
    if (serial != m_countSerial)
        return;       // asked for another filter
    qint64 count = 0; // nothing to show until refresh() when the count failed; it is reported
    if (!counted) {
        reportError(counted.error().message);
    } else {
        m_lastError.clear();
        count = std::max<qint64>(0, counted.value());
        if (!key.isEmpty()) {
            if (m_countCache.size() >= 32)
                m_countCache.clear();
            m_countCache.insert(key, count);
        }
    }
    if (!late) {
        m_count = count;
        return;
    }
    // rowCount() answers 0 until the rows are inserted (the count stays "on its way").
    const int rows = int(std::min<qint64>(count, INT_MAX));
    if (rows > 0)
        beginInsertRows({}, 0, rows - 1);
    m_count = count;
    m_countInFlight.reset();
    if (rows > 0)
        endInsertRows();
    // A window asked for with the count that holds no row of it (the first one of an empty list)
    // is not waited for: the list is read once the count says so, and views learn it now.
    for (const qint64 slot : m_slots.keys())
        if (slot * m_windowSize >= count)
            removeSlot(slot);
    if (m_reloadedOwed) {
        m_reloadedOwed = false;
        Q_EMIT reloaded();
    }
    for (const auto &owed : std::exchange(m_afterCount, {}))
        owed();
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

WindowRequest WindowedTableModel::windowRequest(qint64 slot, qint64 total) const
{
    WindowRequest request;
    request.offset = slot * m_windowSize;
    request.limit = int(std::min<qint64>(m_windowSize, total - request.offset));
    request.total = total;
    // A full neighbour's edge lets the pager seek instead of skipping rows: by its order key
    // over the local store, by its row id over the network.
    using State = SlotInfo::State;
    if (auto prev = m_slots.constFind(slot - 1);
        prev != m_slots.cend() && prev->state == State::Loaded && prev->rows == m_windowSize &&
        !prev->lastKey.isEmpty()) {
        request.after = prev->lastKey;
        if (const qint64 id = slotRowId(slot - 1, prev->rows - 1))
            request.afterId = id;
    } else if (auto next = m_slots.constFind(slot + 1);
               next != m_slots.cend() && next->state == State::Loaded && next->rows > 0 &&
               !next->firstKey.isEmpty()) {
        request.before = next->firstKey;
        if (const qint64 id = slotRowId(slot + 1, 0))
            request.beforeId = id;
    }
    return request;
}

void WindowedTableModel::requestSlot(qint64 slot, qint64 total, bool wanted) const
{
    const WindowRequest request = windowRequest(slot, total);
    SlotInfo info;
    info.expected = request.limit;
    info.wanted = wanted;
    info.serial = ++m_serial;
    m_slots.insert(slot, info);
    ++m_stats.windowLoads;

    auto *self = const_cast<WindowedTableModel *>(this);
    const Pending<LoadedWindow> loaded = self->loadWindow(request);
    const bool late = !loaded.isFinished();
    if (late) {
        m_async = true;
        m_inFlight.insert(slot, loaded);
    }
    const quint64 serial = info.serial;
    loaded.then(self, [self, slot, serial, late](Result<LoadedWindow> answer) {
        self->windowArrived(slot, serial, std::move(answer), late);
    });
    touch(slot);
    evictOverflow(slot);
}

void WindowedTableModel::windowArrived(qint64 slot, quint64 serial, Result<LoadedWindow> loaded,
                                       bool late)
{
    auto it = m_slots.find(slot);
    if (it == m_slots.end() || it->serial != serial)
        return; // evicted or asked for again (the answer was cancelled)
    m_inFlight.remove(slot);
    if (!loaded) {
        if (late && !it->wanted) { // read ahead, never shown: asked for again when it is
            removeSlot(slot);
            return;
        }
        // Remember the failure as an empty window, so that painting does not retry the query
        // for every cell; refresh() tries again.
        it->state = SlotInfo::State::Failed;
        it->rows = 0;
        const int expected = it->expected;
        reportError(loaded.error().message);
        if (late)
            emitSlotChanged(slot, expected); // placeholders no more
        return;
    }
    if (!late || it->wanted) // a window read ahead says nothing about the rows shown
        m_lastError.clear();
    LoadedWindow &w = loaded.value();
    if (w.keep)
        w.keep(slot);
    it->state = SlotInfo::State::Loaded;
    it->rows = w.rows;
    it->firstKey = w.firstKey;
    it->lastKey = w.lastKey;
    if (w.method == WindowMethod::SeekAfter || w.method == WindowMethod::SeekBefore)
        ++m_stats.seekLoads;
    else if (w.method == WindowMethod::ReverseOffset)
        ++m_stats.reverseLoads;
    if (late)
        emitSlotChanged(slot, std::max(it->expected, w.rows));
}

void WindowedTableModel::emitSlotChanged(qint64 slot, int rows)
{
    const qint64 first = slot * m_windowSize;
    const qint64 last = std::min<qint64>(first + rows, rowCount()) - 1;
    if (last < first || columnCount() <= 0)
        return;
    Q_EMIT dataChanged(QAbstractTableModel::index(int(first), 0),
                       QAbstractTableModel::index(int(last), columnCount() - 1));
}

bool WindowedTableModel::ensureSlot(qint64 slot) const
{
    if (auto it = m_slots.find(slot); it != m_slots.end()) {
        touch(slot);
        if (it->state == SlotInfo::State::Loading) {
            it->wanted = true;
            return false;
        }
        // Its neighbours are asked for once it is here, not with it: a server answers one
        // request after another, and the one shown must not wait behind them (with its rows at
        // hand, they seek from its edges too).
        prefetchAround(slot);
        return true;
    }
    const qint64 total = ensureCount();
    const qint64 offset = slot * m_windowSize;
    if (slot < 0 || offset >= total)
        return false;
    requestSlot(slot, total, true);
    const auto it = m_slots.constFind(slot);
    return it != m_slots.cend() && it->state == SlotInfo::State::Loaded;
}

void WindowedTableModel::prefetchAround(qint64 slot) const
{
    if (!m_async || m_count <= 0)
        return; // everything answers at once: nothing to read ahead
    for (const qint64 next : {slot + 1, slot - 1}) {
        if (next < 0 || next * m_windowSize >= m_count || m_slots.contains(next))
            continue;
        // Never at the cost of a window next to the one shown (two would evict each other).
        if (m_lru.size() >= windowBudget() && std::abs(m_lru.first() - slot) <= 1)
            continue;
        ++m_stats.prefetches;
        requestSlot(next, m_count, false);
    }
}

void WindowedTableModel::evictOverflow(qint64 keep) const
{
    while (m_lru.size() > windowBudget()) {
        const qint64 victim = m_lru.first() != keep ? m_lru.first() : m_lru.at(1);
        removeSlot(victim);
    }
}

void WindowedTableModel::removeSlot(qint64 slot) const
{
    if (auto pending = m_inFlight.find(slot); pending != m_inFlight.end()) {
        pending->cancel();
        ++m_stats.cancelled;
        m_inFlight.erase(pending);
    }
    m_slots.remove(slot);
    m_lru.removeOne(slot);
    const_cast<WindowedTableModel *>(this)->dropSlot(slot);
}

void WindowedTableModel::dropAll()
{
    for (const auto &pending : std::as_const(m_inFlight)) {
        pending.cancel();
        ++m_stats.cancelled;
    }
    m_inFlight.clear();
    if (m_inPlace) {
        for (const auto &cancel : std::as_const(m_inPlace->cancels))
            cancel();
        m_inPlace.reset();
    }
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

bool WindowedTableModel::isLoading() const
{
    if (m_countInFlight || m_inPlace)
        return true;
    for (const SlotInfo &info : std::as_const(m_slots))
        if (info.state == SlotInfo::State::Loading && info.wanted)
            return true;
    return false;
}

QVariant WindowedTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 slot = index.row() / m_windowSize;
    const int i = index.row() % m_windowSize;
    if (!ensureSlot(slot)) {
        const auto it = m_slots.constFind(slot);
        if (it == m_slots.cend() || it->state != SlotInfo::State::Loading)
            return {};
        // A placeholder until its window arrives (dataChanged() follows).
        if (role == LoadingRole)
            return true;
        if (role == Qt::DisplayRole && index.column() != m_checkColumn)
            return QStringLiteral("…");
        return {};
    }
    if (i >= slotRows(slot))
        return {};
    if (role == LoadingRole)
        return false;
    if (index.column() == m_checkColumn) {
        if (role == Qt::CheckStateRole)
            return isChecked(slotRowId(slot, i)) ? Qt::Checked : Qt::Unchecked;
    }
    return slotData(slot, i, index.column(), role);
}

QHash<int, QByteArray> WindowedTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(LoadingRole, "loading");
    return names;
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
    if (!markRow(slot, i, id, on))
        return true;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
    return true;
}

bool WindowedTableModel::markRow(qint64 slot, int i, qint64 id, bool on)
{
    if (isChecked(id) == on)
        return false;
    if (m_allChecked) {
        if (on)
            m_exceptions.remove(id);
        else
            m_exceptions.insert(id);
        return true;
    }
    if (on)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    slotRowChecked(slot, i, on);
    return true;
}

QList<qint64> WindowedTableModel::checkedIds() const
{
    QList<qint64> ids(m_checked.cbegin(), m_checked.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

int WindowedTableModel::checkedCount() const
{
    if (!m_allChecked)
        return int(m_checked.size());
    const qint64 n = std::max<qint64>(0, m_count) - m_exceptions.size();
    return int(std::clamp<qint64>(n, 0, INT_MAX));
}

QList<qint64> WindowedTableModel::exceptionIds() const
{
    QList<qint64> ids(m_exceptions.cbegin(), m_exceptions.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

Qt::CheckState WindowedTableModel::checkAllState() const
{
    if (m_allChecked)
        return m_exceptions.isEmpty() ? Qt::Checked
               : checkedCount() > 0   ? Qt::PartiallyChecked
                                      : Qt::Unchecked;
    return m_checked.isEmpty() ? Qt::Unchecked : Qt::PartiallyChecked;
}

void WindowedTableModel::checkAllMatching()
{
    if (m_checkColumn < 0 || (m_allChecked && m_exceptions.isEmpty()))
        return;
    m_checked.clear();
    checksCleared();
    m_allChecked = true;
    m_exceptions.clear();
    m_allCheckedKey = filterKey();
    emitChecksChanged();
}

void WindowedTableModel::forgetMark(qint64 id)
{
    if (m_allChecked) {
        m_exceptions.remove(id);
        return;
    }
    m_checked.remove(id);
    rowUnchecked(id);
}

void WindowedTableModel::emitChecksChanged()
{
    const int rows = rowCount();
    if (rows > 0 && m_checkColumn >= 0)
        Q_EMIT dataChanged(QAbstractTableModel::index(0, m_checkColumn),
                           QAbstractTableModel::index(rows - 1, m_checkColumn),
                           {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
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
        if (!markRow(slot, i, id, checked))
            continue;
        const QModelIndex at = QAbstractTableModel::index(row, m_checkColumn);
        Q_EMIT dataChanged(at, at, {Qt::CheckStateRole});
        changed = true;
    }
    if (changed)
        Q_EMIT checkedChanged();
}

void WindowedTableModel::clearChecks()
{
    if (m_checked.isEmpty() && !m_allChecked)
        return;
    m_checked.clear();
    m_allChecked = false;
    m_exceptions.clear();
    checksCleared();
    emitChecksChanged();
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

void WindowedTableModel::awaitPosition(qint64 id, const Pending<qint64> &answer) const
{
    auto *self = const_cast<WindowedTableModel *>(this);
    Locating &l = m_locating[id];
    l.answer = answer;
    m_async = true;
    const quint64 generation = m_generation;
    l.answer.then(self, [self, id, generation](Result<qint64> pos) {
        self->positionArrived(id, generation, std::move(pos));
    });
}

void WindowedTableModel::positionArrived(qint64 id, quint64 generation, Result<qint64> pos)
{
    if (generation != m_generation)
        return; // asked in another order or filter (asked again then)
    // Before the count there are no rows yet: a row selected now would be lost.
    if (m_countInFlight) {
        m_afterCount.append(
            [this, id, generation, pos = std::move(pos)] { positionArrived(id, generation, pos); });
        return;
    }
    const Locating l = m_locating.take(id);
    int row = -1;
    if (!pos) {
        reportError(pos.error().message);
    } else {
        const qint64 count = m_count >= 0 ? m_count : qint64(INT_MAX);
        row = pos.value() >= 0 && pos.value() < count ? int(pos.value()) : -1;
        m_positions.insert(id, row);
    }
    for (const auto &[context, done] : l.waiting)
        if (context)
            done(row);
}

int WindowedTableModel::rowOfId(qint64 id) const
{
    if (const int cached = cachedRowOfId(id); cached >= 0)
        return cached;
    if (auto known = m_positions.constFind(id); known != m_positions.cend())
        return *known;
    if (m_locating.contains(id))
        return -1; // on its way
    const Pending<qint64> asked = const_cast<WindowedTableModel *>(this)->queryPosition(id);
    if (auto pos = asked.takeIfReady()) {
        if (!*pos) {
            reportError(pos->error().message);
            return -1;
        }
        const qint64 row = pos->value();
        return row >= 0 && row < rowCount() ? int(row) : -1;
    }
    awaitPosition(id, asked); // locate() or a later call has it
    return -1;
}

QModelIndex WindowedTableModel::indexOfId(qint64 id, int column) const
{
    const int row = rowOfId(id);
    return row < 0 ? QModelIndex() : QAbstractTableModel::index(row, column);
}

void WindowedTableModel::locate(qint64 id, QObject *context, std::function<void(int row)> done)
{
    Q_ASSERT(context);
    if (!m_locating.contains(id)) {
        const int row = rowOfId(id); // at once when it can be known at once
        if (!m_locating.contains(id)) {
            done(row);
            return;
        }
    }
    m_locating[id].waiting.append({QPointer<QObject>(context), std::move(done)});
}

// ---- sorting and reloading -------------------------------------------------------------------

bool WindowedTableModel::applySort(int column, Qt::SortOrder order)
{
    Q_UNUSED(column)
    Q_UNUSED(order)
    return false;
}

Pending<qint64> WindowedTableModel::queryPosition(qint64 id)
{
    Q_UNUSED(id)
    return Pending<qint64>::ready(qint64(-1));
}

void WindowedTableModel::afterReset()
{
    // Positions asked for in the old order or filter: asked again for whoever waits.
    const QHash<qint64, Locating> locating = std::exchange(m_locating, {});
    for (auto it = locating.cbegin(); it != locating.cend(); ++it) {
        it->answer.cancel();
        if (it->waiting.isEmpty())
            continue;
        const int row = rowOfId(it.key());
        if (!m_locating.contains(it.key())) {
            for (const auto &[context, done] : it->waiting)
                if (context)
                    done(row);
        } else {
            m_locating[it.key()].waiting = it->waiting;
        }
    }
    ensureCount();
    if (m_count >= 0)
        Q_EMIT reloaded();
    else
        m_reloadedOwed = true; // when the count arrives
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
    ++m_generation;
    m_positions.clear();
    endResetModel();
    afterReset();
}

void WindowedTableModel::reload()
{
    // "Every row of the filter" was checked for that filter only; reading it again keeps it.
    const bool allGone =
        m_allChecked && (m_allCheckedKey.isEmpty() || filterKey() != m_allCheckedKey);
    if (allGone) {
        m_allChecked = false;
        m_exceptions.clear();
    }
    beginResetModel();
    dropAll();
    if (m_countInFlight) {
        m_countInFlight->cancel();
        ++m_stats.cancelled;
        m_countInFlight.reset();
    }
    ++m_countSerial;
    ++m_generation;
    m_positions.clear();
    m_afterCount.clear();
    m_count = -1;
    endResetModel();
    afterReset();
    if (allGone)
        Q_EMIT checkedChanged();
}

void WindowedTableModel::refresh()
{
    m_countCache.clear();
    reload();
}

void WindowedTableModel::refreshInPlace()
{
    if (m_inPlace) {
        m_inPlace->again = true; // once the one on its way is applied
        return;
    }
    // Counted first: when the store cannot be read now, the list stays as it is.
    ++m_stats.countQueries;
    const Pending<qint64> counted = queryCount();
    if (auto now = counted.takeIfReady()) {
        if (!*now) {
            reportError(now->error().message);
            return;
        }
        refreshInPlaceNow(now->value());
        return;
    }
    startInPlace(counted);
}

void WindowedTableModel::refreshInPlaceNow(qint64 counted)
{
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
    m_positions.clear();
    dropAll();
    const qint64 previousCount = m_count;
    const qint64 count = m_count = std::max<qint64>(0, counted);
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
    // unchecked. With every row of the filter checked, an exception no longer listed is
    // forgotten (the count has changed already).
    bool unchecked = m_allChecked && count != previousCount;
    const QSet<qint64> checked = m_allChecked ? m_exceptions : m_checked;
    for (qint64 id : checked) {
        if (const int row = cachedRowOfId(id); row >= 0) {
            if (!m_allChecked)
                slotRowChecked(row / m_windowSize, row % m_windowSize, true);
            continue;
        }
        if (lookups >= MaxLookups)
            continue;
        ++lookups;
        ++m_stats.positionQueries;
        auto pos = answerNow(queryPosition(id));
        if (pos && *pos && pos->value() < 0) {
            forgetMark(id);
            unchecked = true;
        }
    }
    ++m_stats.inPlaceRefreshes;
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (unchecked)
        Q_EMIT checkedChanged();
    Q_EMIT refreshedInPlace();
}

void WindowedTableModel::startInPlace(const Pending<qint64> &count)
{
    m_async = true;
    m_inPlace = std::make_unique<InPlace>();
    InPlace &p = *m_inPlace;
    p.serial = ++m_serial;
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it)
        if (it->state == SlotInfo::State::Loaded)
            p.cached << it.key();
    std::sort(p.cached.begin(), p.cached.end());
    p.waiting = 1;
    p.cancels << [count] {
        count.cancel();
    };
    const quint64 serial = p.serial;
    count.then(this, [this, serial](Result<qint64> counted) {
        if (!m_inPlace || m_inPlace->serial != serial)
            return;
        if (!counted) {
            abandonInPlace(counted.error().message);
            return;
        }
        m_inPlace->count = std::max<qint64>(0, counted.value());
        --m_inPlace->waiting;
        inPlaceStep();
    });
}

void WindowedTableModel::abandonInPlace(const QString &message)
{
    // The list stays as it is; the next refresh tries again.
    const std::unique_ptr<InPlace> p = std::move(m_inPlace);
    for (const auto &cancel : std::as_const(p->cancels))
        cancel();
    reportError(message);
}

void WindowedTableModel::inPlaceStep()
{
    InPlace &p = *m_inPlace;
    if (p.waiting > 0)
        return;
    const quint64 serial = p.serial;
    // Held while asking, so that answers given at once do not move on to the next phase.
    ++p.waiting;
    switch (p.phase) {
    case InPlace::Phase::Count:
        // The windows that were cached, read again in the new count (offsets: the old
        // neighbours' keys may name rows that are gone).
        p.phase = InPlace::Phase::Windows;
        for (qint64 slot : std::as_const(p.cached)) {
            if (slot * m_windowSize >= p.count)
                continue;
            WindowRequest request;
            request.offset = slot * m_windowSize;
            request.limit = int(std::min<qint64>(m_windowSize, p.count - request.offset));
            request.total = p.count;
            ++m_stats.windowLoads;
            ++p.waiting;
            const Pending<LoadedWindow> loaded = loadWindow(request);
            p.cancels << [loaded] {
                loaded.cancel();
            };
            loaded.then(this, [this, serial, slot](Result<LoadedWindow> window) {
                if (!m_inPlace || m_inPlace->serial != serial)
                    return;
                if (!window) {
                    abandonInPlace(window.error().message);
                    return;
                }
                m_inPlace->windows.emplace(slot, std::move(window.value()));
                --m_inPlace->waiting;
                inPlaceStep();
            });
            if (!m_inPlace || m_inPlace->serial != serial)
                return; // failed at once
        }
        break;
    case InPlace::Phase::Windows:
        p.phase = InPlace::Phase::Positions;
        for (auto it = p.windows.cbegin(); it != p.windows.cend(); ++it)
            for (int i = 0; i < it->ids.size(); ++i)
                p.rowOfId.insert(it->ids.at(i), int(it.key() * m_windowSize + i));
        if (askInPlacePositions(serial) < 0)
            return; // failed at once
        break;
    case InPlace::Phase::Positions:
        // A row chosen while the positions were on their way (in a window read meanwhile) has
        // none yet: asked for too, or the views would lose it.
        if (p.positionRounds < MaxPositionRounds) {
            ++p.positionRounds;
            const int asked = askInPlacePositions(serial);
            if (asked < 0)
                return;
            if (asked > 0)
                break;
        }
        applyInPlace();
        return;
    }
    if (--p.waiting == 0)
        inPlaceStep(); // every answer of this phase is there
}

int WindowedTableModel::askInPlacePositions(quint64 serial)
{
    // Rows the views hold (selection, current row) and checked rows outside the new windows
    // whose positions were not asked for yet.
    InPlace &p = *m_inPlace;
    QList<qint64> wanted;
    for (const QModelIndex &index : persistentIndexList())
        if (const qint64 id = cachedIdAt(index.row());
            id && !p.rowOfId.contains(id) && !p.positions.contains(id))
            wanted << id;
    for (qint64 id : std::as_const(m_allChecked ? m_exceptions : m_checked))
        if (!p.rowOfId.contains(id) && !p.positions.contains(id))
            wanted << id;
    QSet<qint64> asked;
    for (qint64 id : std::as_const(wanted)) {
        if (asked.contains(id) || asked.size() >= MaxLookups)
            continue;
        asked.insert(id);
        ++m_stats.positionQueries;
        ++m_inPlace->waiting;
        const Pending<qint64> pos = queryPosition(id);
        m_inPlace->cancels << [pos] {
            pos.cancel();
        };
        pos.then(this, [this, serial, id](Result<qint64> answer) {
            if (!m_inPlace || m_inPlace->serial != serial)
                return;
            if (!answer) {
                abandonInPlace(answer.error().message);
                return;
            }
            m_inPlace->positions.insert(id, answer.value());
            --m_inPlace->waiting;
            inPlaceStep();
        });
        if (!m_inPlace || m_inPlace->serial != serial)
            return -1;
    }
    return int(asked.size());
}

void WindowedTableModel::applyInPlace()
{
    const std::unique_ptr<InPlace> p = std::move(m_inPlace);
    m_lastError.clear();
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QList<qint64> ids; // from the windows shown until now
    ids.reserve(from.size());
    for (const QModelIndex &index : from)
        ids << cachedIdAt(index.row());

    m_countCache.clear();
    m_positions.clear();
    dropAll(); // with the windows still on their way: they were asked for in the old state
    const qint64 previousCount = m_count;
    const qint64 count = m_count = p->count;
    if (const QString key = filterKey(); !key.isEmpty())
        m_countCache.insert(key, count);
    for (auto it = p->windows.begin(); it != p->windows.end(); ++it) {
        const LoadedWindow &w = it.value();
        if (w.keep)
            w.keep(it.key());
        SlotInfo info;
        info.state = SlotInfo::State::Loaded;
        info.rows = info.expected = w.rows;
        info.wanted = true;
        info.serial = ++m_serial;
        info.firstKey = w.firstKey;
        info.lastKey = w.lastKey;
        m_slots.insert(it.key(), info);
        touch(it.key());
        if (w.method == WindowMethod::ReverseOffset)
            ++m_stats.reverseLoads;
    }
    for (auto it = p->positions.cbegin(); it != p->positions.cend(); ++it)
        m_positions.insert(it.key(), *it >= 0 && *it < count ? int(*it) : -1);

    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype k = 0; k < from.size(); ++k) {
        int row = -1;
        if (const qint64 id = ids.at(k)) {
            row = p->rowOfId.value(id, m_positions.value(id, -1));
        } else if (from.at(k).row() < count) {
            row = from.at(k).row(); // outside the windows: it keeps its row
        }
        to << (row >= 0 ? createIndex(row, from.at(k).column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);

    bool unchecked = m_allChecked && count != previousCount;
    const QSet<qint64> checked = m_allChecked ? m_exceptions : m_checked;
    for (qint64 id : checked) {
        if (const int row = p->rowOfId.value(id, -1); row >= 0) {
            if (!m_allChecked)
                slotRowChecked(row / m_windowSize, row % m_windowSize, true);
        } else if (m_positions.value(id, 0) < 0) {
            forgetMark(id);
            unchecked = true;
        }
    }
    ++m_stats.inPlaceRefreshes;
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (unchecked)
        Q_EMIT checkedChanged();
    Q_EMIT refreshedInPlace();
    if (p->again)
        refreshInPlace();
}

WindowedTableModel::Stats WindowedTableModel::stats() const
{
    Stats s = m_stats;
    s.cachedWindows = int(m_slots.size());
    s.cachedRows = 0;
    for (const SlotInfo &info : m_slots)
        s.cachedRows += info.rows;
    s.inFlight = int(m_inFlight.size());
    return s;
}

} // namespace td
