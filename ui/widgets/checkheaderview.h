// SPDX-License-Identifier: MIT
#pragma once

#include <QHeaderView>

namespace td {

class WindowedTableModel;

/// A list's horizontal header with a check box over its check column: checked when every row
/// of the filter is checked, partially when some rows are, else unchecked
/// (WindowedTableModel::checkAllState()). Clicking it does what Ctrl+A does in the list
/// (toggleAll()): every row of the filter checked, without reading the rows, or none.
class CheckHeaderView : public QHeaderView
{
    Q_OBJECT

public:
    CheckHeaderView(WindowedTableModel *model, QWidget *parent);

    /// Where the check box of a section is, in the header's viewport (empty for sections
    /// other than the check column).
    QRect checkBoxRect(int logicalIndex) const;
    /// Checks every row of the filter, or clears every check mark when all were checked.
    static void toggleAll(WindowedTableModel *model);
    /// "Check All" or "Uncheck All", as toggleAll() would do now (for menus and tooltips).
    static QString toggleText(const WindowedTableModel *model);

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    bool onCheckSection(const QPoint &pos) const;

    WindowedTableModel *m_model;
    bool m_pressed = false; ///< the press was on the check box: its release is ours too
};

} // namespace td
