// SPDX-License-Identifier: MIT
#include "tokenlistmodel.h"

#include "client/backend.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/localformat.h"

namespace td {

namespace {

QString shownTime(const QDateTime &t)
{
    return LocalFormat::dateTime(t);
}

/// The list shows dates; the tooltips add the time.
QString shownDate(const QDateTime &t)
{
    return LocalFormat::date(t);
}

QString scopeTitles(const QStringList &scopes)
{
    QStringList titles;
    titles.reserve(scopes.size());
    for (const QString &s : scopes)
        titles << Scope::title(s);
    return titles.join(QLatin1String(", "));
}

} // namespace

TokenListModel::TokenListModel(Backend &backend, QObject *parent)
    : WindowedRowModel<ApiToken>(parent)
    , m_backend(backend)
{
    setCheckColumn(CheckColumn);
    m_query.limit = 0;
    sort(CreatedColumn, Qt::DescendingOrder); // newest first, as the service lists them
    connect(&backend, &Backend::actorChanged, this, [this] {
        clearChecks();
        refresh();
    });
}

void TokenListModel::setFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_query.text = filter.text;
    m_query.statuses = filter.statuses;
    m_query.departmentId = filter.departmentId;
    m_query.userId = filter.userId;
    m_query.unusedDays = filter.unusedDays;
    m_query.expiresFrom = filter.expiresFrom;
    m_query.expiresBefore = filter.expiresBefore;
    reload();
}

TokenQuery TokenListModel::query() const
{
    TokenQuery q = m_query;
    q.offset = 0;
    q.limit = 0;
    return q;
}

std::optional<TokenColumn> TokenListModel::tokenColumn(int column)
{
    switch (column) {
    case NameColumn:
        return TokenColumn::Name;
    case HintColumn:
        return TokenColumn::Hint;
    case ScopeColumn:
        return TokenColumn::Scopes;
    case UserColumn:
        return TokenColumn::User;
    case DepartmentColumn:
        return TokenColumn::Department;
    case UserTypeColumn:
        return TokenColumn::UserType;
    case CreatedColumn:
        return TokenColumn::Created;
    case ExpiresColumn:
        return TokenColumn::Expires;
    case LastUsedColumn:
        return TokenColumn::LastUsed;
    case StatusColumn:
        return TokenColumn::Status;
    default:
        return std::nullopt;
    }
}

int TokenListModel::statusRank(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return 0;
    case TokenStatus::ExpiringSoon:
        return 1;
    case TokenStatus::Expired:
        return 2;
    case TokenStatus::Revoked:
        return 3;
    }
    return 0;
}

bool TokenListModel::applySort(int column, Qt::SortOrder order)
{
    const auto c = tokenColumn(column);
    if (!c)
        return false;
    m_query.sortColumn = *c;
    m_query.ascending = order == Qt::AscendingOrder;
    return true;
}

QString TokenListModel::filterKey() const
{
    QStringList statuses;
    for (TokenStatus s : m_filter.statuses)
        statuses << statusName(s);
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(m_backend.actor().label, statuses.join(QLatin1Char(',')))
        .arg(m_filter.departmentId ? *m_filter.departmentId : -1)
        .arg(m_filter.userId ? *m_filter.userId : -1)
        .arg(m_filter.unusedDays)
        .arg(m_filter.expiresFrom.toMSecsSinceEpoch())
        .arg(m_filter.expiresBefore.toMSecsSinceEpoch())
        .arg(m_filter.text.trimmed());
}

Pending<qint64> TokenListModel::queryCount()
{
    return m_backend.tokenCount(m_query);
}

Pending<Window<ApiToken>> TokenListModel::fetchWindow(const WindowRequest &request)
{
    return m_backend.tokenWindow(m_query, request);
}

Pending<qint64> TokenListModel::queryPosition(qint64 id)
{
    return m_backend.tokenPosition(m_query, id);
}

int TokenListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case CheckColumn:
            return QString();
        case NameColumn:
            return tr("Token Name");
        case HintColumn:
            return tr("Token");
        case ScopeColumn:
            return tr("Scope");
        case UserColumn:
            return tr("Associated User");
        case DepartmentColumn:
            return tr("Department");
        case UserTypeColumn:
            return tr("User Type");
        case CreatedColumn:
            return tr("Created");
        case ExpiresColumn:
            return tr("Expires");
        case LastUsedColumn:
            return tr("Last Used");
        case StatusColumn:
            return tr("Status");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case CheckColumn:
            return tr("Check tokens to revoke or delete several at once");
        case HintColumn:
            return tr("The first and last characters of the token; the token itself is never "
                      "stored");
        case StatusColumn:
            return tr("Active, Expiring soon, Expired or Revoked");
        }
    } else if (role == Qt::AccessibleTextRole && section == CheckColumn) {
        return tr("Checked");
    }
    return {};
}

QHash<int, QByteArray> TokenListModel::roleNames() const
{
    QHash<int, QByteArray> names = WindowedRowModel<ApiToken>::roleNames();
    names.insert(IdRole, "tokenId");
    names.insert(StatusRole, "status");
    names.insert(StatusNameRole, "statusName");
    names.insert(SortRole, "sortKey");
    names.insert(UserIdRole, "userId");
    names.insert(ExpiresAtRole, "expiresAt");
    names.insert(PersonalRole, "personal");
    return names;
}

QVariant TokenListModel::sortKey(const ApiToken &t, int column)
{
    switch (column) {
    case NameColumn:
        return t.name;
    case HintColumn:
        return t.hint;
    case ScopeColumn:
        return t.scopes.join(QLatin1Char(','));
    case UserColumn:
        return t.username;
    case DepartmentColumn:
        return t.department;
    case UserTypeColumn:
        return t.userType;
    case CreatedColumn:
        return t.createdAt;
    case ExpiresColumn:
        return t.expiresAt;
    case LastUsedColumn:
        return t.lastUsedAt.isValid() ? t.lastUsedAt.toMSecsSinceEpoch() : qint64(0);
    case StatusColumn:
        return statusRank(t.status);
    default:
        return t.id;
    }
}

QVariant TokenListModel::displayText(const ApiToken &t, int column)
{
    switch (column) {
    case NameColumn:
        return t.name;
    case HintColumn:
        return t.hint;
    case ScopeColumn:
        // Granted more than its user's type allows now: marked, the rest is not in effect.
        return t.exceedsUserType()
                   ? tr("⚠ %1 (in effect: %2)")
                         .arg(scopeTitles(t.scopes), t.effectiveScopes.isEmpty()
                                                         ? tr("none")
                                                         : scopeTitles(t.effectiveScopes))
                   : scopeTitles(t.scopes);
    case UserColumn:
        return t.username;
    case DepartmentColumn:
        return t.department;
    case UserTypeColumn:
        return t.userType;
    case CreatedColumn:
        return shownTime(t.createdAt); // several a day are told apart by the time
    case ExpiresColumn:
        return shownDate(t.expiresAt);
    case LastUsedColumn:
        return t.lastUsedAt.isValid() ? shownDate(t.lastUsedAt) : tr("Never");
    case StatusColumn:
        return statusTitle(t.status);
    }
    return {};
}

QVariant TokenListModel::toolTip(const ApiToken &t, int column)
{
    switch (column) {
    case NameColumn:
        return t.description.isEmpty() ? t.name : t.name + QLatin1Char('\n') + t.description;
    case ScopeColumn: {
        QStringList lines;
        for (const QString &s : t.scopes)
            lines << (t.effectiveScopes.contains(s) || !t.exceedsUserType()
                          ? QStringLiteral("%1: %2").arg(Scope::title(s), Scope::description(s))
                          : tr("%1: not in effect, the user type %2 does not grant it")
                                .arg(Scope::title(s), t.userType));
        return lines.join(QLatin1Char('\n'));
    }
    case CreatedColumn:
        return tr("Created %1 by %2").arg(shownTime(t.createdAt), t.createdBy);
    case LastUsedColumn:
        return t.lastUsedAt.isValid()
                   ? tr("Last used %1 from %2").arg(shownTime(t.lastUsedAt), t.lastUsedFrom)
                   : tr("This token has never been used.");
    case StatusColumn:
    case ExpiresColumn:
        switch (t.status) {
        case TokenStatus::Revoked:
            return tr("Revoked %1 by %2").arg(shownTime(t.revokedAt), t.revokedBy);
        case TokenStatus::Expired:
            return tr("Expired %1").arg(shownTime(t.expiresAt));
        case TokenStatus::ExpiringSoon:
        case TokenStatus::Active: {
            const qint64 days = Clock::now().daysTo(t.expiresAt);
            return days <= 0 ? tr("Expires %1 (today)").arg(shownTime(t.expiresAt))
                             : tr("Expires %1 (in %n day(s))", nullptr, int(days))
                                   .arg(shownTime(t.expiresAt));
        }
        }
        return {};
    }
    return {};
}

QVariant TokenListModel::rowData(const ApiToken &t, int column, int role) const
{
    switch (role) {
    case IdRole:
        return t.id;
    case StatusRole:
        return int(t.status);
    case StatusNameRole:
        return statusName(t.status);
    case UserIdRole:
        return t.userId;
    case ExpiresAtRole:
        return t.expiresAt;
    case PersonalRole:
        return t.personal;
    case SortRole:
        return sortKey(t, column);
    case Qt::DisplayRole:
        return displayText(t, column);
    case Qt::AccessibleTextRole:
        if (column == CheckColumn)
            return tr("Check %1").arg(t.name);
        return displayText(t, column);
    case Qt::ToolTipRole:
        return toolTip(t, column);
    case Qt::TextAlignmentRole:
        if (column == CreatedColumn || column == ExpiresColumn || column == LastUsedColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

} // namespace td
