// SPDX-License-Identifier: MIT
#include "layoutmemory.h"

#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QWidget>

namespace td::LayoutMemory {

namespace {

QString settingsKey(const QString &kind, const QString &key)
{
    return QStringLiteral("layout/%1/%2").arg(key, kind);
}

/// Saves a window's size when it is hidden; lives as the window's child.
class SizeKeeper : public QObject
{
public:
    SizeKeeper(QWidget *window, const QString &key)
        : QObject(window)
        , m_key(settingsKey(QStringLiteral("size"), key))
    {
        window->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Hide && watched == parent())
            QSettings().setValue(m_key, static_cast<QWidget *>(watched)->size());
        return false;
    }

private:
    QString m_key;
};

} // namespace

void rememberSize(QWidget *window, const QString &key)
{
    const QSize saved = QSettings().value(settingsKey(QStringLiteral("size"), key)).toSize();
    if (saved.isValid()) {
        // Never smaller than what the layout needs: a saved size from an older layout must not
        // cut anything off.
        window->resize(saved.expandedTo(window->minimumSizeHint()));
    }
    new SizeKeeper(window, key);
}

void rememberColumns(QHeaderView *header, const QString &key)
{
    const QString k = settingsKey(QStringLiteral("columns"), key);
    const QByteArray saved = QSettings().value(k).toByteArray();
    if (!saved.isEmpty())
        header->restoreState(saved);
    // QSettings keeps changes in memory and writes them out later: saving on every signal of a
    // drag costs nothing, and nothing is lost when the window closes right after.
    auto save = [header, k] {
        QSettings().setValue(k, header->saveState());
    };
    QObject::connect(header, &QHeaderView::sectionResized, header, save);
    QObject::connect(header, &QHeaderView::sectionMoved, header, save);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, header, save);
}

} // namespace td::LayoutMemory
