// SPDX-License-Identifier: MIT
#include "usersmodel.h"

#include "consolecontext.h"
#include "formhelpers.h"
#include "store/clock.h"

#include <QBrush>
#include <QPalette>

namespace td {

UsersModel::UsersModel(ConsoleContext &context, QObject *parent)
    : QAbstractTableModel(parent)
    , m_context(context)
{
    m_query.includeDisabled = true;
}

void UsersModel::setQuery(const UserQuery &query)
{
    m_query = query;
    reload();
}

void UsersModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    auto count = m_context.service().countUsers(m_context.actor(), m_query);
    m_total = count ? count.value() : 0;
    if (!count)
        m_error = count.error().message;
    endResetModel();
    if (canFetchMore())
        fetchMore();
    Q_EMIT loaded();
}

int UsersModel::rowOf(qint64 userId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == userId)
            return i;
    return -1;
}

int UsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool UsersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_error.isEmpty() && m_rows.size() < m_total;
}

void UsersModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    UserQuery q = m_query;
    q.offset = m_rows.size();
    q.limit = PageSize;
    auto page = m_context.service().users(m_context.actor(), q);
    if (!page) {
        m_error = page.error().message;
        return;
    }
    if (page->isEmpty()) { // rows went away meanwhile
        m_total = m_rows.size();
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows += page.value();
    endInsertRows();
}

QVariant UsersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const User &u = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Username:
            return u.username;
        case DisplayName:
            return u.displayName;
        case Email:
            return u.email;
        case Department:
            return u.department;
        case UserType:
            return u.userType;
        case Status:
            return u.enabled() ? tr("Enabled") : tr("Disabled");
        case AccessCode:
            if (!u.hasAccessCode)
                return tr("Not set");
            if (!u.accessCodeExpiresAt.isValid())
                return tr("Never expires");
            if (u.accessCodeExpiresAt <= Clock::now())
                return tr("Expired");
            return tr("Expires %1").arg(Form::date(u.accessCodeExpiresAt));
        case Created:
            return Form::date(u.createdAt);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Created:
            return tr("Created %1 by %2").arg(Form::dateTime(u.createdAt), u.createdBy);
        case Status:
            return u.enabled() ? QString()
                               : tr("Disabled since %1").arg(Form::dateTime(u.disabledAt));
        case AccessCode:
            return u.hasAccessCode ? tr("Set on %1").arg(Form::dateTime(u.accessCodeSetAt))
                                   : QString();
        default:
            break;
        }
        break;
    case Qt::ForegroundRole:
        if (!u.enabled())
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        break;
    case UserIdRole:
        return u.id;
    case EnabledRole:
        return u.enabled();
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Username:
        return tr("User Name");
    case DisplayName:
        return tr("Display Name");
    case Email:
        return tr("Email");
    case Department:
        return tr("Department");
    case UserType:
        return tr("User Type");
    case Status:
        return tr("Status");
    case AccessCode:
        return tr("Access Code");
    case Created:
        return tr("Created");
    }
    return {};
}

} // namespace td
