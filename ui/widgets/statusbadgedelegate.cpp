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

StatusBadgeDelegate::Colors StatusBadgeDelegate::colors(TokenStatus status, const QPalette &palette)
{
    switch (status) {
    case TokenStatus::Active:
        return toneColors(Tone::Good, palette);
    case TokenStatus::ExpiringSoon:
        return toneColors(Tone::Warning, palette);
    case TokenStatus::Expired:
        return toneColors(Tone::Neutral, palette);
    case TokenStatus::Revoked:
        return toneColors(Tone::Bad, palette);
    }
    return toneColors(Tone::Neutral, palette);
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

    const Colors c = colors(TokenStatus(statusValue.toInt()), opt.palette);
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
