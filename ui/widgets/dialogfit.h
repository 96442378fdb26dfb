// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QLayout>
#include <QWidget>

#include <algorithm>

namespace td {

/// Makes a window tall enough for its word-wrapped labels at its width. Qt sizes a new window
/// from its layout's size hint and minimum size, which do not follow the height that wrapped
/// text needs (heightForWidth), so explanations would be cut off. Call it after building the
/// dialog and whenever a label appears or changes (errors, success messages).
inline void fitToContents(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout)
        return;
    // A label just shown inside a nested widget has asked for a new layout of that widget only;
    // its parents learn of the new size when that request is handled: handle them all now, so
    // the sizes below count the new line.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    layout->activate();
    const int width = std::max({window->minimumWidth(), layout->totalMinimumSize().width(),
                                window->testAttribute(Qt::WA_Resized) ? window->width() : 0,
                                std::min(layout->totalSizeHint().width(), window->maximumWidth())});
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                                   : layout->totalSizeHint().height();
    window->setMinimumHeight(std::max(height, layout->totalMinimumSize().height()));
    window->resize(width,
                   std::max(height, window->testAttribute(Qt::WA_Resized) ? window->height() : 0));
}

} // namespace td
