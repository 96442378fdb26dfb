// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace td {

/// A small bar chart drawn with QPainter in the palette's colours (light and dark alike): one
/// bar per value, labelled underneath, with its largest value on the axis. Every bar can be
/// clicked, or reached with the arrow keys and pressed with Enter or Space: barActivated().
/// The chart's accessible description is its text alternative (textAlternative()); a view
/// that shows the same figures as a table sits beside it (OverviewPage).
class BarChart : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        QString label;     ///< short, under the bar ("7 Dec", "iOS")
        QString longLabel; ///< in full, for the tooltip, the table and the text alternative
        qint64 value = 0;
    };

    explicit BarChart(QWidget *parent = nullptr);

    void setBars(const QList<Bar> &bars);
    const QList<Bar> &bars() const { return m_bars; }
    /// What the chart shows, in words (its accessible name is the title the page gives it).
    QString textAlternative() const;
    /// The bar under a point of the widget, -1 when none.
    int barAt(const QPoint &pos) const;
    /// Where bar i is drawn (for tests, which click it).
    QRect barRect(int i) const;
    int currentBar() const { return m_current; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void barActivated(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// The area the bars take (inside the axis labels).
    QRect plotRect() const;
    qint64 scaleMax() const;
    void setCurrent(int index);
    QString barText(int i) const;

    QList<Bar> m_bars;
    int m_hover = -1;
    int m_current = -1;
};

} // namespace td
