// SPDX-License-Identifier: MIT
#include "tokencommands.h"

#include "consolecontext.h"
#include "domain/authz.h"
#include "domain/tokens/tokenservice.h"

#include <climits>

namespace td {

namespace {
QString quotedName(const ApiToken &t)
{
    return TokenRules::tr("“%1”", "a token name in a sentence").arg(t.name);
}
} // namespace

// ---- rules -----------------------------------------------------------------------------------

QString TokenRules::whyNotCreate(const Actor &actor)
{
    if (Authz::mayCreateTokens(actor))
        return {};
    return tr("Your user type does not allow you to create API tokens.");
}

QString TokenRules::whyNotEditScope(const Actor &actor, const QList<ApiToken> &tokens)
{
    if (tokens.size() != 1)
        return tokens.isEmpty() ? tr("Select the token whose scope you want to edit.")
                                : tr("Select only one token to edit its scope.");
    const ApiToken &t = tokens.first();
    if (t.status == TokenStatus::Revoked)
        return tr("%1 is revoked; its scope can no longer change.").arg(quotedName(t));
    if (t.status == TokenStatus::Expired)
        return tr("%1 has expired; its scope can no longer change.").arg(quotedName(t));
    if (!Authz::mayChangeToken(actor, t))
        return tr("Your user type does not allow you to edit the tokens of other users.");
    return {};
}

QString TokenRules::whyNotRotate(const Actor &actor, const QList<ApiToken> &tokens)
{
    if (tokens.size() != 1)
        return tokens.isEmpty() ? tr("Select the token whose secret you want to rotate.")
                                : tr("Select only one token to rotate its secret.");
    const auto refusal = TokenService::whyNotRotate(actor, tokens.first());
    return refusal ? refusal->message : QString();
}

QString TokenRules::whyNotRevoke(const Actor &actor, const QList<ApiToken> &tokens)
{
    if (tokens.isEmpty())
        return tr("Select or check the tokens to revoke.");
    const Revocable r = revocable(actor, tokens);
    if (!r.tokens.isEmpty())
        return {};
    if (tokens.size() == 1)
        return r.alreadyRevoked ? tr("%1 is already revoked.").arg(quotedName(tokens.first()))
                                : tr("Your user type does not allow you to revoke the tokens of "
                                     "other users.");
    return r.notAllowed == 0
               ? tr("All %n checked tokens are already revoked.", nullptr, int(tokens.size()))
               : tr("None of the checked tokens can be revoked: %1").arg(r.skippedText());
}

TokenRules::Revocable TokenRules::revocable(const Actor &actor, const QList<ApiToken> &tokens)
{
    Revocable r;
    for (const ApiToken &t : tokens) {
        if (t.status == TokenStatus::Revoked)
            ++r.alreadyRevoked;
        else if (!Authz::mayChangeToken(actor, t))
            ++r.notAllowed;
        else
            r.tokens << t;
    }
    return r;
}

QString TokenRules::Revocable::skippedText() const
{
    if (skipped() == 0)
        return {};
    QStringList why;
    if (alreadyRevoked)
        why << tr("%n already revoked", nullptr, alreadyRevoked);
    if (notAllowed)
        why << tr("%n of other users, which your user type may not revoke", nullptr, notAllowed);
    return tr("%n checked token(s) skipped (%1).", nullptr, skipped())
        .arg(why.join(QStringLiteral("; ")));
}

QString TokenRules::whyNotDelete(const Actor &actor, const QList<ApiToken> &tokens)
{
    if (!Authz::mayDeleteTokens(actor))
        return tr("Only administrators can delete tokens.");
    if (tokens.isEmpty())
        return tr("Select or check the revoked or expired tokens to delete.");
    for (const ApiToken &t : tokens)
        if (t.status != TokenStatus::Revoked && t.status != TokenStatus::Expired)
            return tr("%1 still works; only revoked or expired tokens can be deleted. Revoke it "
                      "first.")
                .arg(quotedName(t));
    return {};
}

QString TokenRules::whyNotInspect(const QList<ApiToken> &tokens)
{
    if (tokens.size() != 1)
        return tokens.isEmpty() ? tr("Select the token to inspect.")
                                : tr("Select only one token to inspect it.");
    return {};
}

// ---- the commands ----------------------------------------------------------------------------

namespace {
QStringList listed(const QList<ApiToken> &tokens)
{
    if (tokens.size() < 2)
        return {}; // one token is named in the question
    QStringList names;
    for (const ApiToken &t : tokens)
        names << QStringLiteral("%1 (%2) — %3").arg(t.name, t.hint, t.username);
    return names;
}
} // namespace

TokenCommand::TokenCommand(ConsoleContext &context, QList<ApiToken> tokens, QWidget *parent)
    : Command(context, parent)
    , m_tokens(std::move(tokens))
{}

QList<qint64> TokenCommand::ids() const
{
    QList<qint64> ids;
    for (const ApiToken &t : m_tokens)
        ids << t.id;
    return ids;
}

RevokeTokensCommand::RevokeTokensCommand(ConsoleContext &context,
                                         const TokenRules::Revocable &selection, QWidget *parent)
    : TokenCommand(context, selection.tokens, parent)
    , m_skipped(selection.skippedText())
{}

Confirmation RevokeTokensCommand::confirmation() const
{
    const int n = int(m_tokens.size());
    Confirmation c;
    c.objectName = QStringLiteral("revokeTokensDialog");
    c.title = n == 1 ? TokenRules::tr("Revoke API Token")
                     : TokenRules::tr("Revoke %n API Tokens", nullptr, n);
    if (n == 1) {
        const ApiToken &t = m_tokens.first();
        c.question =
            TokenRules::tr("Revoke the API token “%1” (%2) of %3?").arg(t.name, t.hint, t.username);
    } else {
        c.question = TokenRules::tr("Revoke these %n API tokens?", nullptr, n);
    }
    c.affected = listed(m_tokens);
    c.consequences =
        n == 1 ? TokenRules::tr(
                     "Scripts, integrations and plugins that use this token stop working at "
                     "once: every request with it is refused. This cannot be undone. The token "
                     "stays listed as Revoked until an administrator deletes it; to restore "
                     "access, create a new token.")
               : TokenRules::tr(
                     "Scripts, integrations and plugins that use these tokens stop working at "
                     "once: every request with them is refused. This cannot be undone. The "
                     "tokens stay listed as Revoked until an administrator deletes them; to "
                     "restore access, create new tokens.");
    if (!m_skipped.isEmpty())
        c.consequences += QLatin1Char('\n') + m_skipped;
    c.confirmText = TokenRules::tr("Revoke");
    return c;
}

Pending<void> RevokeTokensCommand::run()
{
    return outcome(m_context.backend().revokeTokens(ids()));
}

namespace {
/// What a confirmation of every token of a filter names instead of the tokens.
QStringList filterLines(const QString &filterText, const QList<qint64> &except)
{
    QStringList lines = {filterText.isEmpty() ? TokenRules::tr("Every API token (no filter)")
                                              : TokenRules::tr("Filter: %1").arg(filterText)};
    if (!except.isEmpty())
        lines << TokenRules::tr("except %Ln token(s) unchecked in the list", nullptr,
                                int(except.size()));
    return lines;
}
} // namespace

RevokeMatchingTokensCommand::RevokeMatchingTokensCommand(ConsoleContext &context,
                                                         const TokenQuery &query,
                                                         QList<qint64> except, qint64 confirmed,
                                                         QString filterText, QWidget *parent)
    : Command(context, parent)
    , m_query(query)
    , m_except(std::move(except))
    , m_confirmed(confirmed)
    , m_filterText(std::move(filterText))
{}

Confirmation RevokeMatchingTokensCommand::confirmation() const
{
    const int n = int(std::min<qint64>(m_confirmed, INT_MAX));
    Confirmation c;
    c.objectName = QStringLiteral("revokeTokensDialog");
    c.title = TokenRules::tr("Revoke %n API Tokens", nullptr, n);
    c.question =
        m_filterText.isEmpty()
            ? TokenRules::tr("Revoke all %L1 API tokens of the list?").arg(m_confirmed)
            : TokenRules::tr("Revoke all %L1 API tokens that match the filter?").arg(m_confirmed);
    c.affected = filterLines(m_filterText, m_except);
    c.consequences = TokenRules::tr(
        "Scripts, integrations and plugins that use these tokens stop working at once: every "
        "request with them is refused. This cannot be undone. Tokens already revoked are "
        "skipped. If the list changes before you confirm, nothing is revoked and you are asked "
        "to look again.");
    c.confirmText = TokenRules::tr("Revoke");
    return c;
}

Pending<void> RevokeMatchingTokensCommand::run()
{
    return mapped<void>(m_context.backend().revokeTokensMatching(m_query, m_except, m_confirmed),
                        this, [this](Result<BulkRevoke> r) -> Result<void> {
                            if (!r)
                                return r.error();
                            m_result = r.value();
                            return {};
                        });
}

DeleteMatchingTokensCommand::DeleteMatchingTokensCommand(ConsoleContext &context,
                                                         const TokenQuery &query,
                                                         QList<qint64> except, qint64 confirmed,
                                                         QString filterText, QWidget *parent)
    : Command(context, parent)
    , m_query(query)
    , m_except(std::move(except))
    , m_confirmed(confirmed)
    , m_filterText(std::move(filterText))
{}

Confirmation DeleteMatchingTokensCommand::confirmation() const
{
    const int n = int(std::min<qint64>(m_confirmed, INT_MAX));
    Confirmation c;
    c.objectName = QStringLiteral("deleteTokensDialog");
    c.title = TokenRules::tr("Delete %n API Tokens", nullptr, n);
    c.question =
        m_filterText.isEmpty()
            ? TokenRules::tr("Delete all %L1 API tokens of the list?").arg(m_confirmed)
            : TokenRules::tr("Delete all %L1 API tokens that match the filter?").arg(m_confirmed);
    c.affected = filterLines(m_filterText, m_except);
    c.consequences = TokenRules::tr(
        "Revoked and expired tokens are removed from the list; the audit log keeps their "
        "history. Tokens that still work are skipped. This cannot be undone. If the list "
        "changes before you confirm, nothing is deleted and you are asked to look again.");
    c.confirmText = TokenRules::tr("Delete");
    return c;
}

Pending<void> DeleteMatchingTokensCommand::run()
{
    return mapped<void>(m_context.backend().deleteTokensMatching(m_query, m_except, m_confirmed),
                        this, [this](Result<BulkDelete> r) -> Result<void> {
                            if (!r)
                                return r.error();
                            m_result = r.value();
                            return {};
                        });
}

Confirmation DeleteTokensCommand::confirmation() const
{
    const int n = int(m_tokens.size());
    Confirmation c;
    c.objectName = QStringLiteral("deleteTokensDialog");
    c.title = n == 1 ? TokenRules::tr("Delete API Token")
                     : TokenRules::tr("Delete %n API Tokens", nullptr, n);
    if (n == 1) {
        const ApiToken &t = m_tokens.first();
        c.question =
            TokenRules::tr("Delete the API token “%1” (%2) of %3?").arg(t.name, t.hint, t.username);
    } else {
        c.question = TokenRules::tr("Delete these %n API tokens?", nullptr, n);
    }
    c.affected = listed(m_tokens);
    c.consequences =
        n == 1 ? TokenRules::tr("This token no longer works (it is revoked or expired). Deleting "
                                "removes it from the list; the audit log keeps its history. This "
                                "cannot be undone.")
               : TokenRules::tr("These tokens no longer work (they are revoked or expired). "
                                "Deleting removes them from the list; the audit log keeps their "
                                "history. This cannot be undone.");
    c.confirmText = TokenRules::tr("Delete");
    return c;
}

Pending<void> DeleteTokensCommand::run()
{
    return outcome(m_context.backend().deleteTokens(ids()));
}

} // namespace td
