// SPDX-License-Identifier: MIT
#pragma once

#include "domain/types.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace td {

/// Paints a token's status as a badge: the status text on a tinted, rounded background with a
/// border of the same hue (green Active, amber Expiring soon, grey Expired, red Revoked). The
/// text carries the meaning; the colour only helps to scan the list.
class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// statusRole: the model role that holds int(TokenStatus).
    explicit StatusBadgeDelegate(int statusRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    struct Colors
    {
        QColor text;
        QColor fill;
        QColor border;
    };
    static Colors colors(TokenStatus status);

private:
    int m_statusRole;
};

} // namespace td
