// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace td {

/// "Access token created successfully": the token, once, in a read-only monospace field, with
/// Copy → Copied and the warning that it cannot be shown again. Closing before copying asks for
/// confirmation. The plaintext is wiped when the dialog closes. Used for new API tokens and for
/// Manage Tokens' Save and Generate (pass that seed's wording as note). Every way of copying the
/// token goes through the secret clipboard: the Copy button, Ctrl+C / Ctrl+Insert in the field
/// (and Cut, which a read-only field would otherwise ignore); selecting it with the mouse or
/// the keyboard does not leave it in X11's primary selection.
class TokenCreatedDialog : public QDialog
{
    Q_OBJECT

public:
    TokenCreatedDialog(CreatedToken token, const QString &title, const QString &note,
                       QWidget *parent = nullptr);
    ~TokenCreatedDialog() override;

    bool wasCopied() const { return m_copied; }
    /// For another secret than an API token (a webhook's signing secret): the field's
    /// accessible name and the caution under it.
    void setSecretWording(const QString &fieldName, const QString &caution);

public Q_SLOTS:
    void copyToken();
    void done(int result) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void wipe();
    void dropPrimarySelection();

    CreatedToken m_token;
    QLineEdit *m_field = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_clipboardNote = nullptr;
    QLabel *m_caution = nullptr;
    bool m_copied = false;
};

} // namespace td
