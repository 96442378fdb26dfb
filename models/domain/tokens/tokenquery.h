// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/sqlwindow.h"

#include <QHash>

namespace td::TokenList {

/// The API tokens the actor may see (everyone's with tokens.view_all or tokens.manage_all, else
/// their own), with the filters of TokenQuery (user, department, statuses as ranges of
/// status_key, text through the search index) in the order of query.sortColumn, on the indexes
/// of migration 2. The console's window and count, exports and the CLI's `token list` all read
/// this one select.
WindowedSelect select(Store &store, const Actor &live, const TokenQuery &query, qint64 nowMs,
                      int soonDays);
/// Rows of the select; with only a text filter, the search index counts its matches itself.
qint64 count(Store &store, const WindowedSelect &select);
/// The rows of the select counted per department and per user.
TokenOwnerCounts countByOwner(Store &store, const WindowedSelect &select);
/// "<columns> FROM api_tokens t JOIN …" in the order read() reads.
QString columns();
/// Every user type's permissions, by id: what read() limits a token's scopes with.
using Grants = QHash<qint64, QStringList>;
Grants grants(Store &store);
ApiToken read(const QSqlQuery &q, qint64 nowMs, int soonDays, const Grants &grants);
/// How the audit log names a token.
QString target(qint64 id, const QString &name, const QString &hint, const QString &username);
QString target(const ApiToken &t);

} // namespace td::TokenList
