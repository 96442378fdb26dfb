// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/sqlwindow.h"

namespace td::UserList {

/// The users the actor may see (everyone with users.view, else only themselves), with the
/// filters of UserQuery (enabled only unless includeDisabled; text in user name, display name,
/// email or department), by user name. The console's window and count and the CLI's
/// `user list` all read this one select. One table in FROM (SqlWindow may add SQLite's
/// INDEXED BY after it); the department filter looks departments up by subquery.
WindowedSelect select(Store &store, const Actor &live, const UserQuery &query);

} // namespace td::UserList
