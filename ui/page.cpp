// SPDX-License-Identifier: MIT
#include "page.h"

#include "consolecontext.h"
#include "store/changewatcher.h"

namespace td {

Page::Page(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    if (ChangeWatcher *changes = context.changes())
        connect(changes, &ChangeWatcher::changed, this, [this] {
            if (isVisible())
                followChanges();
            else
                m_behind = true;
        });
}

QString Page::noExportOverServer()
{
    return tr("CSV exports are not available through a server yet; on the server, "
              "tokendesk-admin token list --json and audit list --json give the same data.");
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
