// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/sqlwindow.h"

namespace td::AuditList {

/// The audit log as a list: the filters of AuditQuery (actor exact; action a prefix, compared in
/// lower case as actions are written, as a range on the (action, at) index; a time range; text
/// in target, details, actor or action), ordered by time (query.newestFirst), then id. The
/// console's window, its count and export, and the CLI's `audit list` all read this one select.
WindowedSelect select(Store &store, const AuditQuery &query);
/// "<columns> FROM audit_log" in the order read() reads.
QString columns();
AuditEntry read(const QSqlQuery &q);

} // namespace td::AuditList
