// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/command.h"

#include "core/types.h"
#include "security/secret.h"

#include <optional>

namespace td {

/// Manage Tokens' "Save and Generate": a new personal API token (and, when given, a new access
/// code) for the signed-in person; the current token stops working, so replacing one asks
/// first. Errors in what the person typed (wrong current access code or password, a new code
/// against the rule, too many attempts) go back to the form as inputRejected(); others are reported
/// in the confirmation like every command's.
class GenerateTokenCommand : public Command
{
    Q_OBJECT

public:
    /// `currentHint`: the hint of the token that is replaced (empty: the first token);
    /// `password`: the person's password, which a new access code of their own takes.
    GenerateTokenCommand(ConsoleContext &context, QString currentHint, SecretBytes currentCode,
                         std::optional<SecretBytes> newCode, std::optional<SecretBytes> password,
                         int ageDays, QWidget *parent);

    /// The new token (after finished()); taken once.
    CreatedToken takeCreated() { return std::move(m_created); }
    /// Whether a previous token stopped working (false for the first one).
    bool replacedToken() const { return !m_currentHint.isEmpty(); }

Q_SIGNALS:
    void inputRejected(const td::Error &error);

protected:
    Confirmation confirmation() const override;
    bool needsConfirmation() const override { return !m_currentHint.isEmpty(); }
    Pending<void> run() override;
    bool takeInputError(const Error &error) override;

private:
    QString m_currentHint;
    SecretBytes m_currentCode;
    std::optional<SecretBytes> m_newCode;
    std::optional<SecretBytes> m_password;
    int m_ageDays;
    CreatedToken m_created;
};

} // namespace td
