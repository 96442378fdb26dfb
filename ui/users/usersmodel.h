// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "itemmodels/windowedtablemodel.h"

namespace td {

class ConsoleContext;

/// The Users list on the windowed model base: the count per filter and a few windows of rows
/// read through AccountService::userWindow (keyset seeks on the user-name index next to a cached
/// window, the nearer end otherwise), so a million users cost what a screenful does. Sorted by
/// user name.
class UsersModel : public WindowedRowModel<User>
{
    Q_OBJECT

public:
    enum Column {
        Username,
        DisplayName,
        Email,
        Department,
        UserType,
        Status,
        AccessCode,
        Created,
        ColumnCount
    };
    enum Role { UserIdRole = Qt::UserRole + 1, EnabledRole };

    explicit UsersModel(ConsoleContext &context, QObject *parent = nullptr);

    void setQuery(const UserQuery &query);
    const UserQuery &query() const { return m_query; }
    /// Reads again from the store (after a change), keeping the query. (Hides
    /// WindowedTableModel::reload(): the data may have changed, so cached counts go too.)
    void reload();

    /// Users matching the query in the store.
    qint64 totalCount() const { return rowCount(); }
    /// The user at a row (reads its window when needed); a User with id 0 when there is none.
    User user(int row) const;
    /// The row of the user with that id in the current filter, or -1.
    int rowOf(qint64 userId) const { return rowOfId(userId); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

protected:
    Result<qint64> queryCount() override;
    Result<Window<User>> fetchWindow(const WindowRequest &request) override;
    Result<qint64> queryPosition(qint64 id) override;
    qint64 rowId(const User &row) const override { return row.id; }
    QVariant rowData(const User &row, int column, int role) const override;
    QString filterKey() const override;
    bool applySort(int column, Qt::SortOrder order) override;

private:
    ConsoleContext &m_context;
    UserQuery m_query;
};

} // namespace td
