// SPDX-License-Identifier: MIT
#include "page.h"

#include "consolecontext.h"
#include "store/changewatcher.h"

namespace td {

Page::Page(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    connect(&context.changes(), &ChangeWatcher::changed, this, [this] {
        if (isVisible())
            followChanges();
        else
            m_behind = true;
    });
}

void Page::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_behind) {
        m_behind = false;
        followChanges();
    }
}

} // namespace td
