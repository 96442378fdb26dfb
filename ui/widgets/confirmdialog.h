// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;

namespace td {

/// What a destructive action asks before it runs: the question, the names of what it affects,
/// what stops working and whether it can be undone, and the word on the button.
struct Confirmation
{
    QString objectName;   ///< of the dialog ("revokeSessionsDialog"), for tests and a11y
    QString title;        ///< window title ("Revoke Mobile Sessions")
    QString question;     ///< plain text, shown in bold ("Revoke 3 mobile sessions?")
    QStringList affected; ///< one name per item affected, listed under the question
    QString consequences; ///< what stops working; whether it can be undone
    QString confirmText;  ///< the destructive button ("Revoke", "Delete", "Disable")

    /// Everything the dialog says, as plain text (for the test seam of MessageBox).
    QString plainText() const;
};

/// The confirmation of every destructive action (Kleopatra's revoke dialog): an icon, the
/// question, the affected names (at most eight, then "… and N more"), the consequences and a
/// button that says what it does; Cancel is the default so a stray Enter destroys nothing. An
/// error is shown inline and the dialog stays open (retry or cancel).
class ConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConfirmDialog(const Confirmation &confirmation, QWidget *parent = nullptr);

    void showError(const QString &message);
    /// While the change runs: both buttons disabled, a busy cursor, Escape ignored (the answer
    /// must be seen, whatever it is).
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void reject() override;
    QString errorText() const;
    QPushButton *confirmButton() const { return m_confirm; }

Q_SIGNALS:
    /// The user pressed the confirm button (the dialog stays open until the command closes it).
    void confirmed();

private:
    QLabel *m_error = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_busy = false;
};

} // namespace td
