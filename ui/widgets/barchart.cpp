// SPDX-License-Identifier: MIT
#include "barchart.h"

#include "tones.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace td {

BarChart::BarChart(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void BarChart::setBars(const QList<Bar> &bars)
{
    m_bars = bars;
    m_hover = -1;
    if (m_current >= m_bars.size())
        m_current = -1;
    setAccessibleDescription(textAlternative());
    updateGeometry();
    update();
}

QString BarChart::barText(int i) const
{
    //: A bar of a chart and its value: "Android: 2"
    return tr("%1: %2").arg(m_bars[i].longLabel, QLocale().toString(m_bars[i].value));
}

QString BarChart::textAlternative() const
{
    if (m_bars.isEmpty())
        return tr("No figures.");
    QStringList parts;
    for (int i = 0; i < m_bars.size(); ++i)
        parts << barText(i);
    return parts.join(QStringLiteral("; ")) + QLatin1Char('.');
}

qint64 BarChart::scaleMax() const
{
    qint64 max = 0;
    for (const Bar &b : m_bars)
        max = std::max(max, b.value);
    return std::max<qint64>(max, 1);
}

QRect BarChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int axis = fm.horizontalAdvance(QLocale().toString(scaleMax())) + fm.averageCharWidth();
    const int labels = fm.height() + fm.descent() + 4;
    return QRect(axis + 4, fm.height() / 2 + 2, width() - axis - 8,
                 height() - labels - 2 - fm.height() / 2)
        .normalized();
}

QRect BarChart::barRect(int i) const
{
    if (i < 0 || i >= m_bars.size())
        return {};
    const QRect plot = plotRect();
    const double slot = double(plot.width()) / double(m_bars.size());
    // A few bars stay slim in a wide chart.
    const int w = std::clamp(int(slot * 0.8), 1, fontMetrics().height() * 4);
    const int left = plot.left() + int(i * slot + (slot - w) / 2);
    const int h = int(double(plot.height()) * double(m_bars[i].value) / double(scaleMax()));
    // A zero still has a sliver to click.
    const int shown = std::max(h, 2);
    return QRect(left, plot.bottom() - shown + 1, w, shown);
}

int BarChart::barAt(const QPoint &pos) const
{
    const QRect plot = plotRect();
    if (m_bars.isEmpty() || pos.x() < plot.left() || pos.x() > plot.right() ||
        pos.y() < plot.top() || pos.y() > plot.bottom() + fontMetrics().height() + 4)
        return -1;
    const double slot = double(plot.width()) / double(m_bars.size());
    const int i = int((pos.x() - plot.left()) / slot);
    return i >= 0 && i < m_bars.size() ? i : -1;
}

QSize BarChart::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {std::max(320, int(m_bars.size()) * fm.averageCharWidth() * 3), fm.height() * 9};
}

QSize BarChart::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * 30, fm.height() * 6};
}

void BarChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QRect plot = plotRect();
    const QFontMetrics fm = fontMetrics();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = pal.color(QPalette::Mid);
    p.fillRect(rect(), pal.color(QPalette::Window));

    // The axis: 0 and the largest value, with a faint line at each.
    p.setPen(grid);
    p.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom());
    p.drawLine(plot.left(), plot.top(), plot.right(), plot.top());
    p.setPen(text);
    const QString maxText = QLocale().toString(scaleMax());
    p.drawText(QRect(0, plot.top() - fm.height() / 2, plot.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, maxText);
    p.drawText(QRect(0, plot.bottom() - fm.height() / 2, plot.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(0));

    // The bars: the palette's highlight; the one under the mouse or the keyboard's stands out.
    const QColor bar = pal.color(QPalette::Highlight);
    const QColor strong = isDarkPalette(pal) ? bar.lighter(140) : bar.darker(140);
    for (int i = 0; i < m_bars.size(); ++i) {
        const QRect r = barRect(i);
        p.fillRect(r, (i == m_hover || (i == m_current && hasFocus())) ? strong : bar);
    }
    if (hasFocus() && m_current >= 0) {
        QPen focus(text);
        focus.setStyle(Qt::DotLine);
        p.setPen(focus);
        p.setBrush(Qt::NoBrush);
        const QRect r = barRect(m_current);
        p.drawRect(QRect(r.left() - 2, plot.top(), r.width() + 3, plot.height() + 1));
    }

    // The labels under the bars: as many as fit, evenly spaced, always the last one.
    p.setPen(text);
    if (m_bars.isEmpty())
        return;
    const double slot = double(plot.width()) / double(m_bars.size());
    int widest = 0;
    for (const Bar &b : m_bars)
        widest = std::max(widest, fm.horizontalAdvance(b.label));
    const int every = std::max(1, int(std::ceil((widest + fm.averageCharWidth()) / slot)));
    const int labelTop = plot.bottom() + 3;
    for (int i = int(m_bars.size()) - 1; i >= 0; i -= every) {
        const int centre = plot.left() + int((i + 0.5) * slot);
        const int w = widest + fm.averageCharWidth();
        // Centred under its bar, but never cut at the edges.
        const int left = std::clamp(centre - w / 2, 0, std::max(0, width() - w));
        p.drawText(QRect(left, labelTop, w, fm.height()), Qt::AlignCenter, m_bars[i].label);
    }
}

bool BarChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const int i = barAt(static_cast<QHelpEvent *>(event)->pos());
        if (i >= 0)
            QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), barText(i), this,
                               barRect(i));
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) {
        if (event->type() == QEvent::FocusIn && m_current < 0 && !m_bars.isEmpty())
            m_current = 0;
        update();
    }
    return QWidget::event(event);
}

void BarChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

void BarChart::mouseMoveEvent(QMouseEvent *event)
{
    const int i = barAt(event->position().toPoint());
    if (i != m_hover) {
        m_hover = i;
        setCursor(i >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void BarChart::leaveEvent(QEvent *event)
{
    m_hover = -1;
    update();
    QWidget::leaveEvent(event);
}

void BarChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const int i = barAt(event->position().toPoint());
    if (i < 0)
        return;
    setCurrent(i);
    Q_EMIT barActivated(i);
}

void BarChart::setCurrent(int index)
{
    if (m_bars.isEmpty())
        return;
    m_current = std::clamp(index, 0, int(m_bars.size()) - 1);
    // A screen reader hears the bar the keyboard is on.
    setToolTip(barText(m_current));
    QAccessibleEvent e(this, QAccessible::NameChanged);
    if (QAccessible::isActive())
        QAccessible::updateAccessibility(&e);
    update();
}

void BarChart::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrent(m_current - 1);
        return;
    case Qt::Key_Right:
        setCurrent(m_current + 1);
        return;
    case Qt::Key_Home:
        setCurrent(0);
        return;
    case Qt::Key_End:
        setCurrent(int(m_bars.size()) - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0 && m_current < m_bars.size()) {
            Q_EMIT barActivated(m_current);
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

} // namespace td
