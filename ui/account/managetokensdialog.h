// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace td {

class ConsoleContext;
class GenerateTokenCommand;
struct Error;

/// Settings ▸ Manage Tokens (seed 000), for the signed-in person: the status of the personal API
/// token (created, expires, last used) and of the access code (set, expires); "Set New Access
/// Code" with the 6–50 rule shown while typing and "Access code Age"; "Save and Generate" asks
/// for the current access code when there is one and calls TokenService::resetPersonalToken (new
/// access code and new token in one transaction, the old token revoked), then shows the new
/// token once in TokenCreatedDialog with the seed's advice about scripts and uploader accounts.
class ManageTokensDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ManageTokensDialog(ConsoleContext &context, QWidget *parent = nullptr);
    ~ManageTokensDialog() override;

    /// The note shown with the new token (seed 000's wording); `replaced`: a previous token
    /// stopped working (false for the first one).
    static QString newTokenNote(bool replaced);

public Q_SLOTS:
    void refresh();
    void saveAndGenerate();

private:
    void showAccount(const Result<User> &user, const Result<std::optional<ApiToken>> &token);
    void addStatusBoxes(QVBoxLayout *layout);
    void addNewAccessCode(QVBoxLayout *layout);
    void addButtonsAndConnect(QVBoxLayout *layout);
    void updateForm();
    void showInputError(const Error &error);
    void showNewToken(GenerateTokenCommand *command);
    void clearSecrets();
    void setError(QLabel *label, const QString &text);
    QString formatTime(const QDateTime &t) const;

    ConsoleContext &m_context;
    User m_user;
    std::optional<ApiToken> m_token;
    bool m_loaded = false;
    int m_refreshes = 0; // only the answers to the latest refresh() count
    bool m_allowed = false;
    qint64 m_retryAtMs = 0;

    QLabel *m_tokenStatus = nullptr;
    QLabel *m_tokenHint = nullptr;
    QLabel *m_tokenCreated = nullptr;
    QLabel *m_tokenExpires = nullptr;
    QLabel *m_tokenLastUsed = nullptr;
    QLabel *m_codeStatus = nullptr;
    QLabel *m_codeExpires = nullptr;
    QPushButton *m_setNew = nullptr;
    QGroupBox *m_newBox = nullptr;
    QLineEdit *m_newCode = nullptr;
    QLineEdit *m_repeatCode = nullptr;
    QLineEdit *m_password = nullptr; ///< the current password, for a new access code
    QLabel *m_passwordError = nullptr;
    QLabel *m_rule = nullptr;
    QComboBox *m_age = nullptr;
    QLabel *m_currentLabel = nullptr;
    QLineEdit *m_currentCode = nullptr;
    QLabel *m_currentError = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_generate = nullptr;
};

} // namespace td
