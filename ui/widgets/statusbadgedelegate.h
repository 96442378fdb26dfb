// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "tones.h"

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

    using Colors = ToneColors;
    /// The badge's colours for that palette (light or dark variant).
    static Colors colors(TokenStatus status, const QPalette &palette);

private:
    int m_statusRole;
};

} // namespace td
