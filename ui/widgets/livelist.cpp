// SPDX-License-Identifier: MIT
#include "livelist.h"

#include "itemmodels/windowedtablemodel.h"

#include <QPersistentModelIndex>

#include <QScrollBar>
#include <QTableView>
#include <memory>

namespace td::LiveList {

void follow(QTableView *view, WindowedTableModel *model, std::function<void()> applied)
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

    auto keepInView = [view, bar, atTop, topRow, top, offset, applied = std::move(applied)] {
        view->doItemsLayout(); // the scroll range of the new row count, now rather than later
        if (atTop) {
            bar->setValue(bar->minimum());
        } else if (top.isValid() && top.row() != topRow) {
            if (view->verticalScrollMode() == QAbstractItemView::ScrollPerPixel)
                bar->setValue(bar->value() + view->rowViewportPosition(top.row()) - offset);
            else
                view->scrollTo(top, QAbstractItemView::PositionAtTop);
        }
        if (applied)
            applied();
    };

    model->refreshInPlace();
    if (!model->isLoading())
        return keepInView();
    // The answers come later (a server): once they are applied, or never when a reset came
    // first.
    auto connections =
        std::make_shared<std::pair<QMetaObject::Connection, QMetaObject::Connection>>();
    auto done = [connections] {
        QObject::disconnect(connections->first);
        QObject::disconnect(connections->second);
    };
    connections->first =
        QObject::connect(model, &WindowedTableModel::refreshedInPlace, view, [done, keepInView] {
            done();
            keepInView();
        });
    connections->second =
        QObject::connect(model, &QAbstractItemModel::modelReset, view, [done] { done(); });
}

} // namespace td::LiveList
