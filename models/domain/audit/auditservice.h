// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/sqlwindow.h"

#include <QCoreApplication>

#include <functional>

namespace td {

class Guard;

/// The audit log: reading it (audit.view; a refusal is itself audited). The rows are written by
/// every other service through Guard::audit(), in the transaction of the change.
class AuditService
{
    Q_DECLARE_TR_FUNCTIONS(AuditService)

public:
    explicit AuditService(Guard &guard)
        : m_guard(guard)
    {}

    /// The entries of the query: query.offset and query.limit apply (limit <= 0: all).
    Result<QList<AuditEntry>> entries(const Actor &actor, const AuditQuery &query);
    /// Streams them (exports, the CLI): visit() returns false to stop. Returns the number of
    /// entries visited.
    Result<qint64> visit(const Actor &actor, const AuditQuery &query,
                         const std::function<bool(const AuditEntry &)> &visit);
    /// How many entries the query lists without offset and limit.
    Result<qint64> count(const Actor &actor, const AuditQuery &query);
    /// One window of the list for the console (SqlWindow: keyset seeks, the nearer end), so any
    /// window of a million entries is cheap; offset and limit of the query are ignored.
    Result<Window<AuditEntry>> window(const Actor &actor, const AuditQuery &query,
                                      const WindowRequest &request);
    /// Position of an entry in the list, -1 when the filter hides it.
    Result<qint64> position(const Actor &actor, const AuditQuery &query, qint64 id);

private:
    /// f(select of the query) as a reader of the audit log; a refusal is audited.
    template<typename F> auto read(const Actor &actor, const AuditQuery &query, F &&f);
    Guard &m_guard;
};

} // namespace td
