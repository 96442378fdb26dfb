// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace td {

class ConsoleContext;

/// Settings ▸ Preferences…: what each user sets for their console (the server URL of the curl
/// examples, how long a copied secret stays on the clipboard, the expiry a new token starts
/// with) and, for administrators, the store's settings every console follows (the maximum
/// token lifetime the domain enforces, when a token counts as expiring soon, how long a mobile
/// session lasts). Save checks everything first and changes nothing when a field is wrong.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(ConsoleContext &context, QWidget *parent = nullptr);

    void accept() override;
    /// The message shown for a field ("serverUrl", "store"); empty when none.
    QString errorText(const QString &field) const;

private:
    /// What only this console keeps (QSettings), then closes.
    void keepConsoleSettings();
    QWidget *consoleSection();
    QWidget *storeSection();

    ConsoleContext &m_context;
    QLineEdit *m_serverUrl = nullptr;
    QLabel *m_serverUrlError = nullptr;
    QSpinBox *m_clipboardSeconds = nullptr;
    QComboBox *m_defaultExpiry = nullptr;
    QSpinBox *m_maxLifetime = nullptr;
    QSpinBox *m_expiringSoon = nullptr;
    QSpinBox *m_sessionLifetime = nullptr;
    QComboBox *m_unusedPolicy = nullptr;
    QLabel *m_storeError = nullptr;
    bool m_storeEditable = false;
    bool m_saving = false;
    std::optional<StoreSettings> m_storeSettings; ///< as read from the store
};

} // namespace td
