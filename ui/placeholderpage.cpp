// SPDX-License-Identifier: MIT
#include "placeholderpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace td {

PlaceholderPage::PlaceholderPage(ConsoleContext &context, const QString &title, const QString &text,
                                 QWidget *parent)
    : Page(context, parent)
    , m_title(title)
{
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(text, this);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    layout->addWidget(label);
}

} // namespace td
