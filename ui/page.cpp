// SPDX-License-Identifier: MIT
#include "page.h"

#include "consolecontext.h"

#include "store/changewatcher.h"
#include <QLabel>

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

void Page::showLoadFailure(QLabel *label, const QString &text)
{
    label->setTextFormat(Qt::RichText);
    label->setText(text.toHtmlEscaped() +
                   QStringLiteral(" <a href=\"retry\">%1</a>").arg(tr("Retry").toHtmlEscaped()));
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setAccessibleDescription(text);
    if (!label->property("retryConnected").toBool()) {
        label->setProperty("retryConnected", true);
        connect(label, &QLabel::linkActivated, this, [this, label] {
            label->hide();
            refresh();
        });
    }
    label->show();
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
