// SPDX-License-Identifier: MIT
#include "accessibility.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAccessibleWidget>
#include <QComboBox>
#include <QKeySequence>
#include <QLineEdit>

namespace td::Accessibility {

namespace {

/// A combo box: named by its label, valued by its current text, with the pop-up list (and the
/// line edit of an editable one) as children and "show menu"/"press" opening the pop-up.
class ComboBoxInterface : public QAccessibleWidget
{
public:
    explicit ComboBoxInterface(QComboBox *combo)
        : QAccessibleWidget(combo, QAccessible::ComboBox)
    {}

    QComboBox *combo() const { return static_cast<QComboBox *>(widget()); }

    QString text(QAccessible::Text t) const override
    {
        switch (t) {
        case QAccessible::Name:
            return QAccessibleWidget::text(t); // the accessible name, else the buddy label
        case QAccessible::Value:
            return combo()->isEditable() ? combo()->lineEdit()->text() : combo()->currentText();
        case QAccessible::Accelerator:
            return QKeySequence(Qt::Key_Down).toString(QKeySequence::NativeText);
        default:
            return QAccessibleWidget::text(t);
        }
    }

    QAccessible::State state() const override
    {
        QAccessible::State s = QAccessibleWidget::state();
        s.expandable = true;
        s.expanded = combo()->view()->isVisible();
        s.editable = combo()->isEditable();
        return s;
    }

    int childCount() const override { return combo()->isEditable() ? 2 : 1; }

    QAccessibleInterface *child(int index) const override
    {
        if (index == 0) {
            QAbstractItemView *list = combo()->view();
            // The pop-up list says what it chooses: the combo box's own name.
            if (list->accessibleName().isEmpty())
                list->setAccessibleName(text(QAccessible::Name));
            return QAccessible::queryAccessibleInterface(list);
        }
        if (index == 1 && combo()->isEditable())
            return QAccessible::queryAccessibleInterface(combo()->lineEdit());
        return nullptr;
    }

    int indexOfChild(const QAccessibleInterface *child) const override
    {
        if (!child)
            return -1;
        if (child->object() == combo()->view())
            return 0;
        if (combo()->isEditable() && child->object() == combo()->lineEdit())
            return 1;
        return -1;
    }

    QAccessibleInterface *childAt(int x, int y) const override
    {
        if (combo()->isEditable() &&
            QRect(combo()->lineEdit()->mapToGlobal(QPoint(0, 0)), combo()->lineEdit()->size())
                .contains(x, y))
            return child(1);
        return nullptr;
    }

    QStringList actionNames() const override { return {showMenuAction(), pressAction()}; }

    void doAction(const QString &action) override
    {
        if (action != showMenuAction() && action != pressAction())
            return;
        if (combo()->view()->isVisible())
            combo()->hidePopup();
        else
            combo()->showPopup();
    }

    QStringList keyBindingsForAction(const QString &) const override { return {}; }
};

} // namespace

QAccessibleInterface *factory(const QString &className, QObject *object)
{
    if (className == QLatin1String("QComboBox"))
        if (auto *combo = qobject_cast<QComboBox *>(object))
            return new ComboBoxInterface(combo);
    return nullptr;
}

void install()
{
    QAccessible::installFactory(&factory);
}

} // namespace td::Accessibility
