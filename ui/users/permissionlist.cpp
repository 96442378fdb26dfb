// SPDX-License-Identifier: MIT
#include "permissionlist.h"

#include "core/permissions.h"

#include <QHeaderView>

namespace td {

PermissionList::PermissionList(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("permissionsTree"));
    setAccessibleName(tr("Permissions"));
    setColumnCount(2);
    setHeaderLabels({tr("Permission"), tr("What it allows")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);

    auto group = [this](const QString &title) {
        auto *g = new QTreeWidgetItem(this, {title});
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        g->setFlags(Qt::ItemIsEnabled);
        g->setFirstColumnSpanned(true);
        g->setExpanded(true);
        return g;
    };
    QTreeWidgetItem *console = group(tr("In the TokenDesk console"));
    for (const QString &p : Permission::all()) {
        auto *item = new QTreeWidgetItem(console, {p, Permission::description(p)});
        item->setData(0, Qt::UserRole, p);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
        item->setToolTip(1, Permission::description(p));
    }
    QTreeWidgetItem *scopes = group(tr("API scopes (what tokens of this user type may do)"));
    for (const QString &s : Scope::all()) {
        auto *item = new QTreeWidgetItem(scopes, {s, Scope::description(s)});
        item->setData(0, Qt::UserRole, s);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
        item->setToolTip(1, Scope::description(s));
    }
    expandAll();
    connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_updating || column != 0 || !item->data(0, Qt::UserRole).isValid())
            return;
        Q_EMIT permissionsChanged();
    });
}

QList<QTreeWidgetItem *> PermissionList::items() const
{
    QList<QTreeWidgetItem *> out;
    for (int g = 0; g < topLevelItemCount(); ++g)
        for (int i = 0; i < topLevelItem(g)->childCount(); ++i)
            out << topLevelItem(g)->child(i);
    return out;
}

void PermissionList::setPermissions(const QStringList &permissions)
{
    m_updating = true;
    for (QTreeWidgetItem *item : items())
        item->setCheckState(0, permissions.contains(item->data(0, Qt::UserRole).toString())
                                   ? Qt::Checked
                                   : Qt::Unchecked);
    m_updating = false;
}

QStringList PermissionList::permissions() const
{
    QStringList out;
    for (QTreeWidgetItem *item : items())
        if (item->checkState(0) == Qt::Checked)
            out << item->data(0, Qt::UserRole).toString();
    return out;
}

void PermissionList::setEditable(bool editable)
{
    m_editable = editable;
    m_updating = true;
    for (QTreeWidgetItem *item : items()) {
        Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (editable)
            f |= Qt::ItemIsUserCheckable;
        item->setFlags(f);
    }
    m_updating = false;
}

bool PermissionList::setChecked(const QString &permission, bool checked)
{
    for (QTreeWidgetItem *item : items()) {
        if (item->data(0, Qt::UserRole).toString() == permission) {
            if (!m_editable)
                return false;
            item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

} // namespace td
