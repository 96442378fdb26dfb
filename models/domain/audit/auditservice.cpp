// SPDX-License-Identifier: MIT
#include "auditservice.h"

#include "auditquery.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"

namespace td {

template<typename F> auto AuditService::read(const Actor &actor, const AuditQuery &query, F &&f)
{
    return m_guard.viewAudited(
        actor, QStringLiteral("audit.read"), QStringLiteral("audit log"), [&](const Actor &live) {
            m_guard.require(Authz::mayReadAudit(live), tr("read the audit log"));
            return f(AuditList::select(m_guard.store(), query));
        });
}

Result<QList<AuditEntry>> AuditService::entries(const Actor &actor, const AuditQuery &query)
{
    return collect<AuditEntry>(
        [&](const std::function<bool(const AuditEntry &)> &v) { return visit(actor, query, v); });
}

Result<qint64> AuditService::visit(const Actor &actor, const AuditQuery &query,
                                   const std::function<bool(const AuditEntry &)> &visit)
{
    // One forward-only query in the list's order: an export streams, it does not page.
    return read(actor, query, [&](const WindowedSelect &select) {
        return visitList<AuditEntry>(m_guard.store(), select, AuditList::columns(), query.offset,
                                     query.limit, "reading the audit log", AuditList::read, visit);
    });
}

Result<qint64> AuditService::count(const Actor &actor, const AuditQuery &query)
{
    return read(actor, query, [&](const WindowedSelect &select) {
        return SqlWindow::count(m_guard.store(), select);
    });
}

Result<Window<AuditEntry>> AuditService::window(const Actor &actor, const AuditQuery &query,
                                                const WindowRequest &request)
{
    return read(actor, query, [&](const WindowedSelect &select) {
        return readWindow<AuditEntry>(
            m_guard.store(), SqlWindow::ids(m_guard.store(), select, request), request.offset,
            AuditList::columns(), QStringLiteral("id"), "reading the audit log", AuditList::read);
    });
}

Result<qint64> AuditService::position(const Actor &actor, const AuditQuery &query, qint64 id)
{
    return read(actor, query, [&](const WindowedSelect &select) {
        return SqlWindow::position(m_guard.store(), select, id);
    });
}

} // namespace td
