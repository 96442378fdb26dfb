// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"

namespace td {

/// A place that is not built yet: says so plainly.
class PlaceholderPage : public Page
{
    Q_OBJECT

public:
    PlaceholderPage(ConsoleContext &context, const QString &title, const QString &text,
                    QWidget *parent = nullptr);
    QString title() const override { return m_title; }

private:
    QString m_title;
};

} // namespace td
