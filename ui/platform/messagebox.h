// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>

namespace td {

/// QMessageBox with a seam for tests (as KeePassXC's MessageBox): setNextAnswer() makes the next
/// call return that button at once, without showing anything, so a GUI test never blocks on a
/// modal. Every confirmation in the console goes through here.
class MessageBox
{
public:
    static QMessageBox::StandardButton
    question(QWidget *parent, const QString &title, const QString &text,
             QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
             const QString &informative = {},
             const QHash<QMessageBox::StandardButton, QString> &labels = {});
    static QMessageBox::StandardButton
    warning(QWidget *parent, const QString &title, const QString &text,
            QMessageBox::StandardButtons buttons = QMessageBox::Ok,
            QMessageBox::StandardButton defaultButton = QMessageBox::NoButton,
            const QString &informative = {},
            const QHash<QMessageBox::StandardButton, QString> &labels = {});
    static void critical(QWidget *parent, const QString &title, const QString &text,
                         const QString &informative = {});
    static void information(QWidget *parent, const QString &title, const QString &text,
                            const QString &informative = {});

    /// For confirmations that are not message boxes (ConfirmDialog): records title and text as a
    /// message box would and returns the answer a test set, or NoButton to show the dialog.
    static QMessageBox::StandardButton takeNextAnswer(const QString &title, const QString &text);

    /// Tests: the answer of the next message box (NoButton: show it for real again).
    static void setNextAnswer(QMessageBox::StandardButton answer);
    /// Tests: the title and text of the last message box (asked or answered by the seam).
    static QString lastTitle();
    static QString lastText();

private:
    static QMessageBox::StandardButton
    show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
         QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
         const QString &informative, const QHash<QMessageBox::StandardButton, QString> &labels);
};

} // namespace td
