// SPDX-License-Identifier: MIT
#include "checkheaderview.h"

#include "itemmodels/windowedtablemodel.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionButton>
#include <QToolTip>

namespace td {

CheckHeaderView::CheckHeaderView(WindowedTableModel *model, QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
    , m_model(model)
{
    setSectionsClickable(true);
    auto repaint = [this] {
        viewport()->update();
    };
    connect(model, &WindowedTableModel::checkedChanged, this, repaint);
    connect(model, &WindowedTableModel::reloaded, this, repaint);
    connect(model, &WindowedTableModel::refreshedInPlace, this, repaint);
}

void CheckHeaderView::toggleAll(WindowedTableModel *model)
{
    if (model->checkAllState() == Qt::Checked)
        model->clearChecks();
    else
        model->checkAllMatching();
}

QString CheckHeaderView::toggleText(const WindowedTableModel *model)
{
    return model->checkAllState() == Qt::Checked ? tr("Uncheck All")
                                                 : tr("Check All Rows of the Filter");
}

QRect CheckHeaderView::checkBoxRect(int logicalIndex) const
{
    if (logicalIndex != m_model->checkColumn() || isSectionHidden(logicalIndex))
        return {};
    const int w = style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, this);
    const int h = style()->pixelMetric(QStyle::PM_IndicatorHeight, nullptr, this);
    const QRect section(sectionViewportPosition(logicalIndex), 0, sectionSize(logicalIndex),
                        viewport()->height());
    return QStyle::alignedRect(layoutDirection(), Qt::AlignCenter, QSize(w, h), section);
}

void CheckHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    QHeaderView::paintSection(painter, rect, logicalIndex);
    if (logicalIndex != m_model->checkColumn())
        return;
    QStyleOptionButton box;
    box.initFrom(this);
    const int w = style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, this);
    const int h = style()->pixelMetric(QStyle::PM_IndicatorHeight, nullptr, this);
    box.rect = QStyle::alignedRect(layoutDirection(), Qt::AlignCenter, QSize(w, h), rect);
    box.state = QStyle::State_Enabled;
    switch (m_model->checkAllState()) {
    case Qt::Checked:
        box.state |= QStyle::State_On;
        break;
    case Qt::PartiallyChecked:
        box.state |= QStyle::State_NoChange;
        break;
    case Qt::Unchecked:
        box.state |= QStyle::State_Off;
        break;
    }
    painter->save();
    // QHeaderView::paintSection() leaves a clip that hides anything drawn after it.
    painter->setClipRect(rect);
    style()->drawPrimitive(QStyle::PE_IndicatorCheckBox, &box, painter, this);
    painter->restore();
}

bool CheckHeaderView::onCheckSection(const QPoint &pos) const
{
    // The whole (narrow) section answers, not only the box: easier to hit.
    return m_model->checkColumn() >= 0 && logicalIndexAt(pos) == m_model->checkColumn();
}

void CheckHeaderView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && onCheckSection(event->position().toPoint())) {
        m_pressed = true;
        event->accept();
        return; // neither a sort nor a section drag
    }
    QHeaderView::mousePressEvent(event);
}

void CheckHeaderView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_pressed && event->button() == Qt::LeftButton) {
        m_pressed = false;
        event->accept();
        if (onCheckSection(event->position().toPoint()))
            toggleAll(m_model);
        return;
    }
    QHeaderView::mouseReleaseEvent(event);
}

void CheckHeaderView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (onCheckSection(event->position().toPoint())) {
        // A second click: toggles again, as a check box does.
        m_pressed = true;
        event->accept();
        return;
    }
    QHeaderView::mouseDoubleClickEvent(event);
}

bool CheckHeaderView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (onCheckSection(help->pos())) {
            QToolTip::showText(help->globalPos(), toggleText(m_model) + QStringLiteral(" (Ctrl+A)"),
                               viewport());
            return true;
        }
    }
    return QHeaderView::viewportEvent(event);
}

} // namespace td
