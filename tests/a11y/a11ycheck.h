// SPDX-License-Identifier: MIT
// Accessibility checks shared by the accessibility and look tests: every focusable
// widget has an accessible name (a combo box its label, not a value), every value label gives
// its text, every list (the pop-ups too) has a name, and Tab walks every focusable widget of a
// window once, in reading order, without getting stuck.
#pragma once

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QStringList>
#include <QTest>
#include <QWidget>

namespace td::test {

/// "class 'objectName' in parent/parent" — enough to find the widget in the code.
inline QString describe(const QWidget *w, const QWidget *root)
{
    QStringList path;
    for (const QWidget *p = w->parentWidget(); p && p != root; p = p->parentWidget())
        path.prepend(p->objectName().isEmpty() ? QString::fromLatin1(p->metaObject()->className())
                                               : p->objectName());
    return QStringLiteral("%1 '%2' in %3/%4")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), root->objectName(),
             path.join(QLatin1Char('/')));
}

/// A widget that takes the keyboard focus itself (not through a focus proxy, as a spin box's or
/// an editable combo box's inner line edit: the outer widget is the one checked).
inline bool takesFocus(const QWidget *w, Qt::FocusPolicy policy = Qt::NoFocus)
{
    if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus || w->focusProxy())
        return false;
    if (policy != Qt::NoFocus && !(w->focusPolicy() & policy))
        return false;
    if (const QWidget *p = w->parentWidget()) {
        if (p->focusProxy() == w)
            return false;
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p))
            return false;
    }
    return true;
}

inline QList<QWidget *> focusableWidgets(QWidget *root, Qt::FocusPolicy policy = Qt::NoFocus)
{
    QList<QWidget *> out;
    if (takesFocus(root, policy))
        out << root;
    for (QWidget *w : root->findChildren<QWidget *>())
        if (w->window() == root->window() && takesFocus(w, policy))
            out << w;
    return out;
}

/// The focusable, visible widgets of root without an accessible name. A combo box named by
/// one of its values (Qt's own interface on Linux) counts as unnamed.
inline QStringList widgetsWithoutName(QWidget *root)
{
    QStringList missing;
    for (QWidget *w : focusableWidgets(root)) {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        if (auto *combo = qobject_cast<QComboBox *>(w); combo && combo->findText(name) >= 0)
            name.clear();
        if (name.isEmpty())
            missing << describe(w, root);
    }
    return missing;
}

/// The value labels of root (labels that take the keyboard focus, named by their field) that
/// do not give their text to assistive technology: a screen reader would say the field's name
/// and nothing else.
inline QStringList valuesWithoutText(QWidget *root)
{
    QStringList missing;
    for (QLabel *l : root->findChildren<QLabel *>()) {
        // A label without a name of its own reads its text as its name.
        if (l->window() != root->window() || !takesFocus(l) || l->text().isEmpty() ||
            l->accessibleName().isEmpty())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(l);
        if (!iface)
            continue;
        const QString name = iface->text(QAccessible::Name);
        if (name != l->text() && iface->text(QAccessible::Description) != l->text())
            missing << describe(l, root) +
                           QStringLiteral(" (reads '%1', shows '%2')").arg(name, l->text());
    }
    return missing;
}

/// The lists of root without an accessible name: its item views, the pop-up lists of its
/// combo boxes and of its line edits' completers (shown or not).
inline QStringList listsWithoutName(QWidget *root)
{
    QStringList missing;
    const auto unnamed = [](QAccessibleInterface *iface) {
        return !iface || iface->text(QAccessible::Name).trimmed().isEmpty();
    };
    for (QAbstractItemView *v : root->findChildren<QAbstractItemView *>())
        if (v->window() == root->window() && v->isVisible() && !qobject_cast<QHeaderView *>(v) &&
            unnamed(QAccessible::queryAccessibleInterface(v)))
            missing << describe(v, root);
    for (QComboBox *c : root->findChildren<QComboBox *>()) {
        QAccessibleInterface *combo = QAccessible::queryAccessibleInterface(c);
        if (c->isVisible() && (!combo || combo->childCount() < 1 || unnamed(combo->child(0))))
            missing << QStringLiteral("the pop-up list of ") + describe(c, root);
    }
    for (QLineEdit *e : root->findChildren<QLineEdit *>())
        if (e->isVisible() && e->completer() &&
            unnamed(QAccessible::queryAccessibleInterface(e->completer()->popup())))
            missing << QStringLiteral("the completions of ") + describe(e, root);
    return missing;
}

/// Presses Tab from the first focusable widget until the focus comes back to it. Returns the
/// problems: a widget Tab never reaches, one reached twice, a Tab that does not move the focus
/// (a trap), or an order that jumps back up more than once around the whole cycle.
inline QStringList tabChainProblems(QWidget *window)
{
    QStringList problems;
    const QList<QWidget *> all = focusableWidgets(window, Qt::TabFocus);
    QList<QWidget *> tabbable;
    for (QWidget *w : all)
        if (w->isEnabled())
            tabbable << w;
    if (tabbable.isEmpty())
        return problems;

    // The focus chain itself: every tabbable widget once.
    QSet<QWidget *> chain;
    QWidget *w = window;
    for (int guard = 0; guard < 10000; ++guard) {
        w = w->nextInFocusChain();
        if (w == window)
            break;
        if (tabbable.contains(w) && !chain.contains(w))
            chain.insert(w);
        else if (chain.contains(w))
            problems << QStringLiteral("twice in the focus chain: ") + describe(w, window);
    }
    for (QWidget *t : tabbable)
        if (!chain.contains(t))
            problems << QStringLiteral("not in the focus chain: ") + describe(t, window);

    // Real Tab presses.
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window)) {
        problems << QStringLiteral("the window cannot be activated");
        return problems;
    }
    QWidget *first = tabbable.first();
    first->setFocus(Qt::TabFocusReason);
    if (!QTest::qWaitFor([&] { return QApplication::focusWidget() == first; }, 2000)) {
        problems << QStringLiteral("cannot focus ") + describe(first, window);
        return problems;
    }
    QList<QWidget *> visited{first};
    for (int i = 0; i < tabbable.size() + 2; ++i) {
        QWidget *before = QApplication::focusWidget();
        QTest::keyClick(before, Qt::Key_Tab);
        QWidget *after = QApplication::focusWidget();
        if (after == before) {
            problems << QStringLiteral("Tab does not leave ") + describe(before, window);
            break;
        }
        if (!after || after->window() != window) {
            problems << QStringLiteral("Tab leaves the window from ") + describe(before, window);
            break;
        }
        if (after == first)
            break;
        if (visited.contains(after)) {
            problems << QStringLiteral("Tab reaches twice: ") + describe(after, window);
            break;
        }
        visited << after;
    }
    for (QWidget *t : tabbable)
        if (!visited.contains(t))
            problems << QStringLiteral("Tab never reaches ") + describe(t, window);

    // Reading order: around the cycle, the focus jumps back up (a widget wholly above the one
    // before) at most once, from the last widget to the first.
    int upJumps = 0;
    QStringList jumps;
    for (int i = 0; i < visited.size(); ++i) {
        QWidget *a = visited[i];
        QWidget *b = visited[(i + 1) % visited.size()];
        const QRect ra(a->mapTo(window, QPoint(0, 0)), a->size());
        const QRect rb(b->mapTo(window, QPoint(0, 0)), b->size());
        if (rb.bottom() < ra.top()) {
            ++upJumps;
            jumps << describe(a, window) + QStringLiteral(" → ") + describe(b, window);
        }
    }
    if (upJumps > 1)
        problems << QStringLiteral("Tab order goes back up %1 times: %2")
                        .arg(upJumps)
                        .arg(jumps.join(QStringLiteral("; ")));
    return problems;
}

} // namespace td::test
