// SPDX-License-Identifier: MIT
#include "icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

static void initResourcesOutsideNamespace()
{
    Q_INIT_RESOURCE(tokendesk);
}

namespace td {

namespace {

/// The ink colour the SVGs are drawn with; replaced by the palette's colour.
constexpr char Ink[] = "#010101";

class ThemedSvgEngine : public QIconEngine
{
public:
    explicit ThemedSvgEngine(QString path)
        : m_path(std::move(path))
    {
        QFile f(m_path);
        if (f.open(QIODevice::ReadOnly))
            m_svg = f.readAll();
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QByteArray svg = m_svg;
        svg.replace(Ink, colorFor(mode).name().toLatin1());
        QSvgRenderer renderer(svg);
        renderer.render(painter, rect);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        const QSize device = size * scale;
        QPixmap pm(device);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            paint(&p, QRect(QPoint(0, 0), device), mode, state);
        }
        pm.setDevicePixelRatio(scale);
        return pm;
    }

    QIconEngine *clone() const override { return new ThemedSvgEngine(*this); }
    QString key() const override { return QStringLiteral("td-themed-svg"); }

private:
    static QColor colorFor(QIcon::Mode mode)
    {
        const QPalette pal = QApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return pal.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return pal.color(QPalette::Active, QPalette::HighlightedText);
        default:
            return pal.color(QPalette::Active, QPalette::WindowText);
        }
    }

    QString m_path;
    QByteArray m_svg;
};

} // namespace

void initUiResources()
{
    static bool done = false;
    if (!done) {
        initResourcesOutsideNamespace();
        done = true;
    }
}

QIcon themedIcon(const QString &name)
{
    initUiResources();
    return QIcon(new ThemedSvgEngine(QStringLiteral(":/icons/%1.svg").arg(name)));
}

QIcon applicationIcon()
{
    initUiResources();
    return QIcon(QStringLiteral(":/icons/tokendesk.svg"));
}

} // namespace td
