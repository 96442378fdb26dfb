// SPDX-License-Identifier: MIT
#include "generatetokencommand.h"

#include "consolecontext.h"

#include <QWidget>

namespace td {

GenerateTokenCommand::GenerateTokenCommand(ConsoleContext &context, QString currentHint,
                                           SecretBytes currentCode,
                                           std::optional<SecretBytes> newCode,
                                           std::optional<SecretBytes> password, int ageDays,
                                           QWidget *parent)
    : Command(context, parent)
    , m_currentHint(std::move(currentHint))
    , m_currentCode(std::move(currentCode))
    , m_newCode(std::move(newCode))
    , m_password(std::move(password))
    , m_ageDays(ageDays)
{}

Confirmation GenerateTokenCommand::confirmation() const
{
    Confirmation c;
    c.objectName = QStringLiteral("generateTokenDialog");
    c.title = tr("Generate a new API token?");
    c.question = m_currentHint.isEmpty()
                     ? tr("Generate your API token?")
                     : tr("Your current API token %1 stops working at once.").arg(m_currentHint);
    if (!m_currentHint.isEmpty())
        c.consequences =
            tr("Uploader accounts and scripts that use it must be given the new token. Under "
               "most circumstances you should not generate a new API token if one already "
               "exists.");
    c.confirmText = tr("Save and Generate");
    return c;
}

Pending<void> GenerateTokenCommand::run()
{
    QPointer<QWidget> busy = parentWidget();
    if (busy)
        busy->setCursor(Qt::BusyCursor);
    auto pending =
        m_context.backend().resetPersonalToken(m_currentCode, m_newCode ? &*m_newCode : nullptr,
                                               m_ageDays, m_password ? &*m_password : nullptr);
    return mapped<void>(pending, this, [this, busy](Result<CreatedToken> created) -> Result<void> {
        if (busy)
            busy->unsetCursor();
        if (!created)
            return created.error();
        m_created = std::move(created.value());
        return {};
    });
}

bool GenerateTokenCommand::takeInputError(const Error &error)
{
    const bool input =
        error.code == Errc::Throttled || error.field == QLatin1String("currentAccessCode") ||
        error.field == QLatin1String("currentPassword") ||
        error.field == QLatin1String("accessCode") || error.field == QLatin1String("age");
    if (input)
        Q_EMIT inputRejected(error);
    return input;
}

} // namespace td
