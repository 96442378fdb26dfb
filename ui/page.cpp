// SPDX-License-Identifier: MIT
#include "page.h"

#include "consolecontext.h"

#include "itemmodels/windowedtablemodel.h"
#include "store/changesource.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QLabel>

namespace td {

Page::Page(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    if (ChangeSource *changes = context.changes())
        connect(changes, &ChangeSource::changed, this, [this] {
            if (isVisible())
                followChanges();
            else
                m_behind = true;
        });
}

void Page::showLoadFailure(QLabel *label, const QString &text)
{
    label->setTextFormat(Qt::RichText);
    label->setText(text.toHtmlEscaped() +
                   QStringLiteral(" <a href=\"retry\">%1</a>").arg(tr("Retry").toHtmlEscaped()));
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setAccessibleDescription(text);
    if (!label->property("retryConnected").toBool()) {
        label->setProperty("retryConnected", true);
        connect(label, &QLabel::linkActivated, this, [this, label] {
            label->hide();
            refresh();
        });
    }
    label->show();
}

void Page::followSelection(QAbstractItemView *view)
{
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &Page::stateChanged);
    connect(view->model(), &QAbstractItemModel::dataChanged, this,
            [this, view](const QModelIndex &from, const QModelIndex &to) {
                const int current = view->currentIndex().row();
                bool touched = current >= from.row() && current <= to.row();
                for (const QItemSelectionRange &r : view->selectionModel()->selection())
                    touched = touched || (r.top() <= to.row() && r.bottom() >= from.row());
                if (touched)
                    Q_EMIT stateChanged();
            });
}

QString Page::whyStillReading(const QItemSelection &selection)
{
    for (const QItemSelectionRange &r : selection)
        for (int row = r.top(); row <= r.bottom(); ++row)
            if (r.model()->index(row, 0, r.parent()).data(WindowedTableModel::LoadingRole).toBool())
                return tr("A selected row is still being read.");
    return {};
}

void Page::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_behind) {
        m_behind = false;
        followChanges();
    }
}

} // namespace td
