// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "itemmodels/windowedtablemodel.h"

namespace td {

class Backend;

/// The Audit Log as a windowed model (WindowedRowModel): a count per filter and a few windows of
/// rows read through Backend::auditWindow (AuditService::window behind it), so a million entries
/// cost what a screenful does.
/// Filters (actor, action prefix, time range, text) are SQL; the list is ordered by time
/// (newest first by default; the Time column sorts both ways, the others do not sort).
class AuditLogModel : public WindowedRowModel<AuditEntry>
{
    Q_OBJECT

public:
    enum Column { Time, Actor_, Action, Target, Outcome, Details, Address, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, OutcomeRole };

    /// The entries backend.actor() may see; read again when the actor changes.
    explicit AuditLogModel(Backend &backend, QObject *parent = nullptr);

    /// The filters (offset, limit and newestFirst of the query are ignored).
    void setFilter(const AuditQuery &filter);
    /// The filters and the current order, as AuditService::visit takes them (export).
    AuditQuery query() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    static QString columnTitle(int column);
    /// "token.revoke" → "Revoke API token" (unknown actions as they are).
    static QString actionTitle(const QString &action);
    static QString outcomeTitle(const QString &outcome);

protected:
    Pending<qint64> queryCount() override;
    Pending<Window<AuditEntry>> fetchWindow(const WindowRequest &request) override;
    Pending<qint64> queryPosition(qint64 id) override;
    qint64 rowId(const AuditEntry &row) const override { return row.id; }
    QVariant rowData(const AuditEntry &row, int column, int role) const override;
    bool applySort(int column, Qt::SortOrder order) override;
    QString filterKey() const override;

private:
    Backend &m_backend;
    AuditQuery m_query;
};

} // namespace td
