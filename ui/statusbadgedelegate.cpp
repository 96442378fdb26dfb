// SPDX-License-Identifier: MIT
#include "statusbadgedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace td {

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
{}

StatusBadgeDelegate::Colors StatusBadgeDelegate::colors(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return {QColor(0x1b, 0x5e, 0x20), QColor(0xe3, 0xf4, 0xe4), QColor(0x81, 0xc7, 0x84)};
    case TokenStatus::ExpiringSoon:
        return {QColor(0x7a, 0x4a, 0x00), QColor(0xff, 0xf1, 0xcc), QColor(0xf0, 0xb4, 0x29)};
    case TokenStatus::Expired:
        return {QColor(0x42, 0x42, 0x42), QColor(0xee, 0xee, 0xee), QColor(0xa8, 0xa8, 0xa8)};
    case TokenStatus::Revoked:
        return {QColor(0xa3, 0x14, 0x14), QColor(0xfd, 0xe7, 0xe7), QColor(0xe5, 0x73, 0x73)};
    }
    return {};
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QVariant statusValue = index.data(m_statusRole);
    if (!statusValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as any cell, then the badge on top.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const Colors c = colors(TokenStatus(statusValue.toInt()));
    const QFontMetrics fm(opt.font);
    const int padX = fm.averageCharWidth();
    const int height = std::min(opt.rect.height() - 4, fm.height() + 4);
    const int width = std::min(opt.rect.width() - 6, fm.horizontalAdvance(text) + 2 * padX);
    const QRect badge(opt.rect.left() + 3, opt.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->fillPath(path, c.fill);
    painter->setPen(QPen(c.border, 1));
    painter->drawPath(path);
    painter->setPen(c.text);
    painter->setFont(opt.font);
    painter->drawText(badge, Qt::AlignCenter,
                      fm.elidedText(text, Qt::ElideRight, badge.width() - padX));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    s.setWidth(s.width() + 2 * fm.averageCharWidth() + 8);
    return s;
}

} // namespace td
