// SPDX-License-Identifier: MIT
#include "page.h"

#include "consolecontext.h"

#include "itemmodels/windowedtablemodel.h"
#include "store/changesource.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QLabel>

#include <climits>

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
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, view] {
        // The rows an action would read stay cached while they are selected (up to the limit).
        if (auto *model = qobject_cast<WindowedTableModel *>(view->model())) {
            const int rows = selectedRowCount(view);
            model->keepRowsCached(rows <= MaxSelectedRows ? rows : 0);
        }
        Q_EMIT stateChanged();
    });
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

int Page::selectedRowCount(const QAbstractItemView *view)
{
    qint64 rows = 0;
    for (const QItemSelectionRange &r : view->selectionModel()->selection())
        rows += r.height();
    return int(std::min<qint64>(rows, INT_MAX));
}

QString Page::whyStillReading(const QItemSelection &selection)
{
    // Not the first placeholder only: asking for every missing window now brings them together.
    bool reading = false;
    for (const QItemSelectionRange &r : selection)
        for (int row = r.top(); row <= r.bottom(); ++row)
            reading = r.model()
                          ->index(row, 0, r.parent())
                          .data(WindowedTableModel::LoadingRole)
                          .toBool() ||
                      reading;
    return reading ? tr("A selected row is still being read.") : QString();
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
