// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QHeaderView;
class QWidget;

namespace td {

/// Remembered layout (QSettings "layout/…"): a dialog's size, a table's columns.
namespace LayoutMemory {

/// Restores the size saved under key (if any) and saves it again whenever the window is hidden
/// (closed, accepted, rejected).
void rememberSize(QWidget *window, const QString &key);

/// Restores the column widths, order and sort indicator saved under key and saves them when
/// they change.
void rememberColumns(QHeaderView *header, const QString &key);

} // namespace LayoutMemory
} // namespace td
