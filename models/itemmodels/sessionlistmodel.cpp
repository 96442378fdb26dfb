// SPDX-License-Identifier: MIT
#include "sessionlistmodel.h"

#include <QLocale>
#include <QTimer>

namespace td {

namespace {
QString shortTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString();
}
} // namespace

SessionListModel::SessionListModel(Service &service, const Actor &actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_actor(actor)
{
    m_query.limit = m_windowSize;
}

void SessionListModel::setActor(const Actor &actor)
{
    m_actor = actor;
    refresh();
}

void SessionListModel::setFilter(const QString &text, bool includeEnded)
{
    if (text == m_query.text && includeEnded == m_query.includeEnded)
        return;
    m_query.text = text;
    m_query.includeEnded = includeEnded;
    reload();
}

void SessionListModel::refresh()
{
    reload();
}

void SessionListModel::setWindowSize(int rows)
{
    m_windowSize = std::max(10, rows);
    reload();
}

void SessionListModel::reload()
{
    beginResetModel();
    m_count = -1;
    m_windows.clear();
    m_lru.clear();
    endResetModel();
}

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_count < 0) {
        auto n = m_service.countSessions(m_actor, m_query);
        if (!n) {
            m_count = 0;
            m_lastError = n.error().message;
            QTimer::singleShot(0, this, [this, message = m_lastError] {
                Q_EMIT const_cast<SessionListModel *>(this)->loadFailed(message);
            });
        } else {
            m_count = n.value();
            m_lastError.clear();
        }
    }
    return int(std::min<qint64>(m_count, std::numeric_limits<int>::max()));
}

int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const MobileSession *SessionListModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const qint64 slot = row / m_windowSize;
    auto it = m_windows.find(slot);
    if (it == m_windows.end()) {
        SessionQuery q = m_query;
        q.offset = slot * m_windowSize;
        q.limit = m_windowSize;
        auto rows = m_service.sessions(m_actor, q);
        ++m_windowLoads;
        if (!rows) {
            m_lastError = rows.error().message;
            QTimer::singleShot(0, this, [this, message = m_lastError] {
                Q_EMIT const_cast<SessionListModel *>(this)->loadFailed(message);
            });
            return nullptr;
        }
        if (m_windows.size() >= MaxWindows && !m_lru.isEmpty())
            m_windows.remove(m_lru.takeFirst());
        it = m_windows.insert(slot, rows.value());
    }
    m_lru.removeOne(slot);
    m_lru.append(slot);
    const qsizetype i = row - slot * m_windowSize;
    return i < it->size() ? &it->at(i) : nullptr; // the store shrank since the count
}

std::optional<MobileSession> SessionListModel::item(int row) const
{
    const MobileSession *s = rowAt(row);
    return s ? std::optional<MobileSession>(*s) : std::nullopt;
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    const MobileSession *s = rowAt(index.row());
    if (!s)
        return role == Qt::DisplayRole && index.column() == UserNameColumn ? tr("(not available)")
                                                                           : QVariant();
    if (role == IdRole)
        return s->id;
    if (role == StatusRole)
        return int(s->status);
    if (index.column() == CheckColumn) {
        if (role == Qt::CheckStateRole)
            return m_checked.contains(s->id) ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::AccessibleTextRole || role == Qt::ToolTipRole)
            return tr("Select the session of %1 on %2").arg(s->username, s->deviceName);
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case UserNameColumn:
            return s->username;
        case EmailColumn:
            return s->email;
        case DepartmentColumn:
            return s->department;
        case UserTypeColumn:
            return s->userType;
        case DeviceColumn:
            if (role == Qt::ToolTipRole)
                return tr("%1 · %2 · app %3").arg(s->deviceName, s->platform, s->appVersion);
            return s->deviceName;
        case LastActiveColumn:
            if (role == Qt::ToolTipRole && !s->lastActiveFrom.isEmpty())
                return tr("%1 from %2").arg(shortTime(s->lastActiveAt), s->lastActiveFrom);
            return shortTime(s->lastActiveAt);
        case ExpiryColumn:
            // An ended session says so where its expiry would be (the dialog has the details).
            if (s->status == TokenStatus::Revoked)
                return role == Qt::ToolTipRole
                           ? tr("Revoked %1 by %2").arg(shortTime(s->revokedAt), s->revokedBy)
                           : statusTitle(s->status);
            if (s->status == TokenStatus::Expired)
                return tr("%1 (%2)").arg(shortTime(s->expiresAt), statusTitle(s->status));
            return shortTime(s->expiresAt);
        }
    }
    return {};
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole)
        return section == CheckColumn ? QString() : columnTitle(section);
    if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
        return section == CheckColumn ? tr("Select sessions to revoke several at once")
                                      : columnTitle(section);
    return {};
}

QString SessionListModel::columnTitle(int column)
{
    switch (column) {
    case CheckColumn:
        return tr("Selected");
    case UserNameColumn:
        return tr("User Name");
    case EmailColumn:
        return tr("Email");
    case DepartmentColumn:
        return tr("Department");
    case UserTypeColumn:
        return tr("User Type");
    case DeviceColumn:
        return tr("Device");
    case LastActiveColumn:
        return tr("Last Active");
    case ExpiryColumn:
        return tr("Expiry Date");
    }
    return {};
}

Qt::ItemFlags SessionListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == CheckColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool SessionListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != CheckColumn || role != Qt::CheckStateRole)
        return false;
    const MobileSession *s = rowAt(index.row());
    if (!s)
        return false;
    const bool on = value.toInt() == Qt::Checked;
    if (on == m_checked.contains(s->id))
        return true;
    if (on)
        m_checked.insert(s->id);
    else
        m_checked.remove(s->id);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
    return true;
}

QList<qint64> SessionListModel::checkedIds() const
{
    QList<qint64> ids(m_checked.begin(), m_checked.end());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void SessionListModel::clearChecks()
{
    if (m_checked.isEmpty())
        return;
    m_checked.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, CheckColumn), index(rowCount() - 1, CheckColumn),
                           {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
}

} // namespace td
