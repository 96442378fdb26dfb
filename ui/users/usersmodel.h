// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "itemmodels/windowedtablemodel.h"

namespace td {

class Backend;

/// The Users list on the windowed model base: the count per filter and a few windows of rows
/// read through Backend::userWindow (AccountService::userWindow behind it: keyset seeks on the
/// user-name index next to a cached window, the nearer end otherwise), so a million users cost what
/// a screenful does. Sorted by user name.
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

    /// The users backend.actor() may see; read again when the actor changes.
    explicit UsersModel(Backend &backend, QObject *parent = nullptr);

    void setQuery(const UserQuery &query);
    const UserQuery &query() const { return m_query; }
    /// Reads again from the store (after a change), keeping the query. (Hides
    /// WindowedTableModel::reload(): the data may have changed, so cached counts go too.)
    void reload();

    /// Users matching the query in the store.
    qint64 totalCount() const { return rowCount(); }
    /// The user at a row; a User with id 0 when there is none or its window is on its way.
    User user(int row) const;
    /// The row of the user with that id in the current filter, or -1 (also while not known
    /// yet: locate() calls back).
    int rowOf(qint64 userId) const { return rowOfId(userId); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

protected:
    Pending<qint64> queryCount() override;
    Pending<Window<User>> fetchWindow(const WindowRequest &request) override;
    Pending<qint64> queryPosition(qint64 id) override;
    qint64 rowId(const User &row) const override { return row.id; }
    QVariant rowData(const User &row, int column, int role) const override;
    QString filterKey() const override;
    bool applySort(int column, Qt::SortOrder order) override;

private:
    Backend &m_backend;
    UserQuery m_query;
};

} // namespace td
