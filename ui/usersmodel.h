// SPDX-License-Identifier: MIT
#pragma once

#include "domain/types.h"

#include <QAbstractTableModel>

namespace td {

class ConsoleContext;

/// The Users list: rows read from the store in pages (LIMIT/OFFSET on the username index, as the
/// view scrolls — fetchMore), the total counted once per query. Sorted by username.
class UsersModel : public QAbstractTableModel
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
    /// Re-reads from the start (after a change), keeping the query.
    void reload();

    /// Users matching the query in the store (not only the rows fetched so far).
    qint64 totalCount() const { return m_total; }
    /// The last error of a read, empty when fine.
    QString lastError() const { return m_error; }
    const User &user(int row) const { return m_rows.at(row); }
    /// The row of the user with that id among the rows fetched, or -1.
    int rowOf(qint64 userId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    static constexpr int PageSize = 200;

Q_SIGNALS:
    void loaded();

private:
    ConsoleContext &m_context;
    UserQuery m_query;
    QList<User> m_rows;
    qint64 m_total = 0;
    QString m_error;
};

} // namespace td
