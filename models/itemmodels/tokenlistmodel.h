// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "itemmodels/windowedtablemodel.h"

namespace td {

class Backend;

/// The API token list of the console (PRODUCT.md "API Tokens"): a check box column, then Token
/// Name, Token (the non-secret hint), Scope, Associated User, Department, User Type, Created,
/// Expires, Last Used and Status. Rows come from Backend::tokenWindow() for the person signed in
/// (TokenService::window() behind it: permission checks and SQL live there), sorting and filtering
/// happen in SQL on indexes, so the model answers the same at ten tokens and at a million. Secrets
/// never reach it: the store has none.
class TokenListModel : public WindowedRowModel<ApiToken>
{
    Q_OBJECT

public:
    enum Column {
        CheckColumn,
        NameColumn,
        HintColumn,
        ScopeColumn,
        UserColumn,
        DepartmentColumn,
        UserTypeColumn,
        CreatedColumn,
        ExpiresColumn,
        LastUsedColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64 token id
        StatusRole,                ///< int(TokenStatus)
        StatusNameRole,            ///< "active", "expiring", "expired", "revoked"
        SortRole,                  ///< a value that sorts like the column (e.g. status rank)
        UserIdRole,                ///< qint64
        ExpiresAtRole,             ///< QDateTime (UTC)
        PersonalRole,              ///< bool: the user's personal token (Manage Tokens)
    };
    Q_ENUM(Role)

    /// What the list shows; the order comes from sort().
    struct Filter
    {
        QString text;
        QList<TokenStatus> statuses;
        std::optional<qint64> departmentId;
        std::optional<qint64> userId;
        int unusedDays = 0;           ///< TokenQuery::unusedDays
        QDateTime expiresFrom = {};   ///< TokenQuery::expiresFrom
        QDateTime expiresBefore = {}; ///< TokenQuery::expiresBefore
        bool operator==(const Filter &) const = default;
    };

    /// The list of backend.actor() (their permissions decide which tokens it shows); when the
    /// actor changes, check marks are cleared and the list is read again.
    explicit TokenListModel(Backend &backend, QObject *parent = nullptr);

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    /// The current filter and order as a service query (offset and limit: everything), e.g.
    /// for an export of exactly what the list shows.
    TokenQuery query() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The service's sort column for a model column (nullopt: not sortable).
    static std::optional<TokenColumn> tokenColumn(int column);
    /// "Active" < "Expiring soon" < "Expired" < "Revoked", as the Status column sorts.
    static int statusRank(TokenStatus status);

protected:
    Pending<qint64> queryCount() override;
    Pending<Window<ApiToken>> fetchWindow(const WindowRequest &request) override;
    Pending<qint64> queryPosition(qint64 id) override;
    qint64 rowId(const ApiToken &row) const override { return row.id; }
    QVariant rowData(const ApiToken &row, int column, int role) const override;
    static QVariant sortKey(const ApiToken &row, int column);
    static QVariant displayText(const ApiToken &row, int column);
    static QVariant toolTip(const ApiToken &row, int column);
    bool applySort(int column, Qt::SortOrder order) override;
    QString filterKey() const override;

private:
    Backend &m_backend;
    Filter m_filter;
    TokenQuery m_query;
};

} // namespace td
