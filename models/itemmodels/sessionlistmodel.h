// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "itemmodels/windowedtablemodel.h"

#include <optional>

namespace td {

class Backend;

/// The "Mobile Users Logged In" list (seed 002) on the windowed model base: a count per filter
/// and a few windows of rows read through SessionService::window (SqlWindow over the
/// last-active index: keyset seeks next to a cached window, the nearer end otherwise) for the
/// actor of the Backend (through it, over the local store or a server), so a
/// million sessions cost what a screenful does. The text filter and "include ended sessions"
/// are SQL. Newest activity first. Check marks are kept by session id.
class SessionListModel : public WindowedRowModel<MobileSession>
{
    Q_OBJECT

public:
    enum Column {
        CheckColumn,
        UserNameColumn,
        EmailColumn,
        DepartmentColumn,
        UserTypeColumn,
        DeviceColumn,
        LastActiveColumn,
        ClientAddressColumn, ///< where the app was last used from
        ExpiryColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };

    /// The sessions backend.actor() may see; when the actor changes, check marks are cleared
    /// and the list is read again.
    explicit SessionListModel(Backend &backend, QObject *parent = nullptr);

    /// Text (user name, email, device, department) and whether ended sessions are listed.
    void setFilter(const QString &text, bool includeEnded);
    QString filterText() const { return m_query.text; }
    bool includesEnded() const { return m_query.includeEnded; }
    /// The filter and order of the list, every row (what an export writes).
    SessionQuery query() const;

    using WindowedRowModel<MobileSession>::item;
    /// The session at a row (nullopt while its window is on its way).
    std::optional<MobileSession> item(int row) const { return item(index(row, 0)); }
    /// Windows read since construction (tests check that scrolling reads only what it shows).
    int windowLoads() const { return int(stats().windowLoads); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    static QString columnTitle(int column);

protected:
    Pending<qint64> queryCount() override;
    Pending<Window<MobileSession>> fetchWindow(const WindowRequest &request) override;
    Pending<qint64> queryPosition(qint64 id) override;
    qint64 rowId(const MobileSession &row) const override { return row.id; }
    QVariant rowData(const MobileSession &row, int column, int role) const override;
    QString filterKey() const override;

private:
    Backend &m_backend;
    SessionQuery m_query;
};

} // namespace td
