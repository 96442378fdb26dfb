// SPDX-License-Identifier: MIT
#include "sessionlistmodel.h"

#include "client/backend.h"
#include "itemmodels/localformat.h"

#include <QLocale>

namespace td {

namespace {
QString shortTime(const QDateTime &t)
{
    return LocalFormat::dateTime(t);
}
} // namespace

SessionListModel::SessionListModel(Backend &backend, QObject *parent)
    : WindowedRowModel<MobileSession>(parent)
    , m_backend(backend)
{
    setCheckColumn(CheckColumn);
    connect(&backend, &Backend::actorChanged, this, [this] {
        clearChecks();
        refresh();
    });
}

void SessionListModel::setFilter(const QString &text, bool includeEnded)
{
    if (text == m_query.text && includeEnded == m_query.includeEnded)
        return;
    m_query.text = text;
    m_query.includeEnded = includeEnded;
    reload();
}

QString SessionListModel::filterKey() const
{
    return QStringLiteral("%1|%2|%3")
        .arg(m_backend.actor().userId)
        .arg(m_query.includeEnded)
        .arg(m_query.text);
}

SessionQuery SessionListModel::query() const
{
    SessionQuery q = m_query;
    q.offset = 0;
    q.limit = 0;
    return q;
}

Pending<qint64> SessionListModel::queryCount()
{
    return m_backend.sessionCount(m_query);
}

Pending<Window<MobileSession>> SessionListModel::fetchWindow(const WindowRequest &request)
{
    return m_backend.sessionWindow(m_query, request);
}

Pending<qint64> SessionListModel::queryPosition(qint64 id)
{
    return m_backend.sessionPosition(m_query, id);
}

int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionListModel::rowData(const MobileSession &row, int column, int role) const
{
    const MobileSession *s = &row;
    if (role == IdRole)
        return s->id;
    if (role == StatusRole)
        return int(s->status);
    if (column == CheckColumn) {
        if (role == Qt::AccessibleTextRole || role == Qt::ToolTipRole)
            return tr("Select the session of %1 on %2").arg(s->username, s->deviceName);
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (column) {
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
        case ClientAddressColumn:
            return s->lastActiveFrom;
        case ExpiryColumn:
            return shortTime(s->expiresAt);
        case StatusColumn:
            if (role == Qt::ToolTipRole && s->status == TokenStatus::Revoked)
                return tr("Revoked %1 by %2").arg(shortTime(s->revokedAt), s->revokedBy);
            return statusTitle(s->status);
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
    case ClientAddressColumn:
        return tr("Client Address");
    case ExpiryColumn:
        return tr("Expiry Date");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace td
