// SPDX-License-Identifier: MIT
#include "usersmodel.h"

#include "client/backend.h"
#include "core/clock.h"
#include "widgets/formhelpers.h"

#include <QBrush>
#include <QPalette>

namespace td {

UsersModel::UsersModel(Backend &backend, QObject *parent)
    : WindowedRowModel<User>(parent)
    , m_backend(backend)
{
    m_query.includeDisabled = true;
    connect(this, &WindowedTableModel::reloaded, this, &UsersModel::loaded);
    connect(&backend, &Backend::actorChanged, this, [this] {
        clearChecks();
        refresh();
    });
}

void UsersModel::setQuery(const UserQuery &query)
{
    m_query = query;
    WindowedTableModel::reload();
}

void UsersModel::reload()
{
    refresh();
}

User UsersModel::user(int row) const
{
    return item(index(row, 0)).value_or(User{});
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString UsersModel::filterKey() const
{
    return QStringLiteral("%1|%2").arg(m_query.includeDisabled).arg(m_query.text.trimmed());
}

bool UsersModel::applySort(int column, Qt::SortOrder order)
{
    // One order: by user name, on its unique index.
    return column == Username && order == Qt::AscendingOrder;
}

Pending<qint64> UsersModel::queryCount()
{
    return m_backend.userCount(m_query);
}

Pending<Window<User>> UsersModel::fetchWindow(const WindowRequest &request)
{
    return m_backend.userWindow(m_query, request);
}

Pending<qint64> UsersModel::queryPosition(qint64 id)
{
    return m_backend.userPosition(m_query, id);
}

QVariant UsersModel::rowData(const User &u, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
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
            if (!u.enabled())
                return tr("Disabled");
            return u.locked() ? tr("Sign-in locked") : tr("Enabled");
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
        switch (column) {
        case Created:
            return tr("Created %1 by %2").arg(Form::dateTime(u.createdAt), u.createdBy);
        case Status: {
            if (!u.enabled())
                return tr("Disabled since %1").arg(Form::dateTime(u.disabledAt));
            QStringList locks;
            if (u.passwordLockedUntil.isValid())
                locks << tr("Password sign-in locked until %1 after repeated failed attempts.")
                             .arg(Form::dateTime(u.passwordLockedUntil));
            if (u.accessCodeLockedUntil.isValid())
                locks << tr("Mobile sign-in locked until %1 after repeated failed attempts; the "
                            "right access code from a device without failures still works.")
                             .arg(Form::dateTime(u.accessCodeLockedUntil));
            if (!locks.isEmpty())
                locks << tr("Unlock lifts the lock.");
            return locks.join(QLatin1Char('\n'));
        }
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
