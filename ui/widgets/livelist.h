// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

class QTableView;

namespace td {

class WindowedTableModel;

namespace LiveList {

/// Re-reads a windowed list in place (WindowedTableModel::refreshInPlace) after a change made
/// elsewhere: the selection, current row, check marks and order stay, and so does what the
/// person looks at: the row at the top of the view stays at the top, unless the view was at
/// the very top of the list, where it stays (and new rows sorted first come into view).
/// `applied` runs once the refreshed rows are in (what the page says about the list — counts,
/// empty state, status — is read then): at once over the local store; over a server when the
/// answers came (refreshedInPlace()), not at all when a reset replaced the refresh.
void follow(QTableView *view, WindowedTableModel *model, std::function<void()> applied = {});

} // namespace LiveList
} // namespace td
