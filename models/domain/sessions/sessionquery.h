// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/sqlwindow.h"

namespace td::SessionList {

/// The mobile sessions the actor may see (everyone's with sessions.view, else their own), with
/// the filters of SessionQuery (user, live only unless includeEnded, text in user name, email,
/// device or department), newest activity first, then id. The console's window and count and
/// the CLI's `session list` all read this one select. One table in FROM (SqlWindow may add
/// SQLite's INDEXED BY after it); the user, email and department filters look up users by
/// subquery.
WindowedSelect select(Store &store, const Actor &live, const SessionQuery &query, qint64 nowMs);
/// "<columns> FROM mobile_sessions s JOIN …" in the order read() reads.
QString columns();
MobileSession read(const QSqlQuery &q, qint64 nowMs, int soonDays);
/// How the audit log names a session.
QString target(const MobileSession &s);

} // namespace td::SessionList
