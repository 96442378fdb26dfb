// SPDX-License-Identifier: MIT
#include "livelist.h"

#include "itemmodels/windowedtablemodel.h"

#include <QPersistentModelIndex>
#include <QScrollBar>
#include <QTableView>

namespace td::LiveList {

void follow(QTableView *view, WindowedTableModel *model)
{
    QScrollBar *bar = view->verticalScrollBar();
    const bool atTop = bar->value() == bar->minimum();
    const int topRow = view->rowAt(0);
    const int column = std::max(0, view->columnAt(0));
    // A persistent index follows the row's id through the refresh.
    const QPersistentModelIndex top = atTop || topRow < 0
                                          ? QPersistentModelIndex()
                                          : QPersistentModelIndex(model->index(topRow, column));
    const int offset = top.isValid() ? view->rowViewportPosition(topRow) : 0;

    model->refreshInPlace();
    view->doItemsLayout(); // the scroll range of the new row count, now rather than later

    if (atTop) {
        bar->setValue(bar->minimum());
    } else if (top.isValid() && top.row() != topRow) {
        if (view->verticalScrollMode() == QAbstractItemView::ScrollPerPixel)
            bar->setValue(bar->value() + view->rowViewportPosition(top.row()) - offset);
        else
            view->scrollTo(top, QAbstractItemView::PositionAtTop);
    }
}

} // namespace td::LiveList
