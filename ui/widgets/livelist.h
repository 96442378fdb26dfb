// SPDX-License-Identifier: MIT
#pragma once

class QTableView;

namespace td {

class WindowedTableModel;

namespace LiveList {

/// Re-reads a windowed list in place (WindowedTableModel::refreshInPlace) after a change made
/// elsewhere: the selection, current row, check marks and order stay, and so does what the
/// person looks at: the row at the top of the view stays at the top, unless the view was at
/// the very top of the list, where it stays (and new rows sorted first come into view).
void follow(QTableView *view, WindowedTableModel *model);

} // namespace LiveList
} // namespace td
