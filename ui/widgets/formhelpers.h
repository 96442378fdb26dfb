// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <utility>

class QHeaderView;
class QLabel;
class QLineEdit;
class QWidget;

namespace td::Form {

/// A hidden, word-wrapped label for an inline error; showError() fills and shows it.
QLabel *errorLabel(QWidget *parent, const QString &objectName);
/// Shows text (hides the label when empty); also the label's accessible description.
void showError(QLabel *label, const QString &text);
/// Marks a label's text as a problem (red) or as a quiet hint.
void setProblem(QLabel *label, bool problem);
/// A page's message line: text shown as a problem or as a quiet note (empty hides it).
void showMessage(QLabel *label, const QString &text, bool problem);
/// Grows a window to the height its layout needs at its current width (after a message or
/// note appeared); never shrinks it. Runs once the layout has settled.
void fitHeight(QWidget *window);
/// A read-only value in a form, next to its caption: selectable with the keyboard, its accessible
/// name the field's name and its text the accessible description (setValue()), so that a screen
/// reader says "Expiry Date, 3/12/27" rather than the name or the value alone.
QLabel *valueLabel(QWidget *parent, const QString &objectName, const QString &fieldName);
/// A read-only line edit for a form row that shows what a dialog does not change (focused by a
/// click only, so Tab skips it), named `label` for assistive technology.
QLineEdit *readOnlyField(QWidget *parent, const QString &objectName, const QString &label,
                         const QString &value);
/// Shows text in a valueLabel() and tells assistive technology (its accessible description).
void setValue(QLabel *value, const QString &text);
/// A quiet, word-wrapped explanation.
QLabel *hintLabel(const QString &text, QWidget *parent);
/// Clears a field that held a secret and wipes the copy of its text.
void wipeField(QLineEdit *field);

/// When a field's error shows, the one rule of every form: not before any input, but once the
/// person left the field (its editing finished, the focus moved out of it, a choice was made in
/// it) or pressed the form's button (revealAll()); from then on it follows every change, also
/// while typing.
class ErrorGate : public QObject
{
    Q_OBJECT

public:
    explicit ErrorGate(QObject *parent);
    /// Watches field (a line, a list, or a box of check boxes) for the error named key; several
    /// fields may share one key (a password and its repetition).
    void watch(QWidget *field, const QString &key);
    /// Whether key's error is shown now.
    bool shows(const QString &key) const;
    /// Every error shows from now on (the form's button was pressed).
    void revealAll();
    /// Moves the focus into key's field (its first control that takes focus).
    void focus(const QString &key) const;

Q_SIGNALS:
    /// A field was left for the first time, or revealAll(): errors may show now.
    void revealed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void left(const QString &key);

    QList<std::pair<QString, QWidget *>> m_fields;
    QSet<QString> m_left;
    bool m_all = false;
};

/// Widens every column of header narrower than its title needs (translations are longer).
void fitColumnTitles(QHeaderView *header);
/// Makes column the one that takes a table's spare width, instead of the last one: it is never
/// narrower than width (the other columns scroll then), and as wide as the view leaves. The
/// other columns keep their sizes; the person may still resize any column. Call it after a
/// remembered header state was restored (the state holds the old stretch).
void stretchColumn(QHeaderView *header, int column, int width);
/// The stretching column's own width (what it started with, or the person's last resize), to be
/// remembered instead of the width it has filled; 0 when header has no stretching column.
int stretchColumnWidth(const QHeaderView *header);

/// Local date and time in the locale's short format; empty for an invalid time.
QString dateTime(const QDateTime &t);
/// Local date in the locale's short format; empty for an invalid time.
QString date(const QDateTime &t);
/// "in 3 days", "2 hours ago", "today" — for expiries and last use.
QString relative(const QDateTime &t, const QDateTime &now);

} // namespace td::Form
