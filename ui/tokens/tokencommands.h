// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/command.h"

#include "core/types.h"

#include <QCoreApplication>

namespace td {

/// What the console offers on API tokens, and why not when it does not (for disabled actions'
/// tooltips). Who may do what is decided by domain/authz.h, which the token service enforces;
/// these add the state of the selection and the words.
class TokenRules
{
    Q_DECLARE_TR_FUNCTIONS(TokenRules)

public:
    /// Empty when allowed, else the reason.
    static QString whyNotCreate(const Actor &actor);
    static QString whyNotEditScope(const Actor &actor, const QList<ApiToken> &tokens);
    /// One token, and TokenService::whyNotRotate's reason for it.
    static QString whyNotRotate(const Actor &actor, const QList<ApiToken> &tokens);
    /// Empty when at least one of them can be revoked (the others are skipped).
    static QString whyNotRevoke(const Actor &actor, const QList<ApiToken> &tokens);
    /// The tokens of a bulk revoke that can be revoked, and what is skipped and why.
    struct Revocable
    {
        QList<ApiToken> tokens;
        int alreadyRevoked = 0;
        int notAllowed = 0;
        int skipped() const { return alreadyRevoked + notAllowed; }
        /// "2 of the checked tokens are skipped: 1 is already revoked, …" (empty: none).
        QString skippedText() const;
    };
    static Revocable revocable(const Actor &actor, const QList<ApiToken> &tokens);
    static QString whyNotDelete(const Actor &actor, const QList<ApiToken> &tokens);
    static QString whyNotInspect(const QList<ApiToken> &tokens);
};

/// A destructive action on one or many tokens: the confirmation names the tokens (and how
/// many), says what stops working and that it cannot be undone.
class TokenCommand : public Command
{
    Q_OBJECT

public:
    TokenCommand(ConsoleContext &context, QList<ApiToken> tokens, QWidget *parent);

protected:
    QList<qint64> ids() const;

    QList<ApiToken> m_tokens;
};

class RevokeTokensCommand : public TokenCommand
{
    Q_OBJECT
public:
    using TokenCommand::TokenCommand;
    /// Revokes what can be revoked of `selection`; the confirmation says what is skipped.
    RevokeTokensCommand(ConsoleContext &context, const TokenRules::Revocable &selection,
                        QWidget *parent);

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    QString m_skipped;
};

/// Revokes every token of the list's filter but the rows unchecked afterwards (the header's
/// check box, Ctrl+A): one request, which the domain refuses when another number of tokens
/// matches now than the confirmation named. The confirmation names the filter, not the
/// tokens.
class RevokeMatchingTokensCommand : public Command
{
    Q_OBJECT
public:
    /// `filterText`: how the filter reads ("“ci” · Active · Sales"; empty: no filter).
    RevokeMatchingTokensCommand(ConsoleContext &context, const TokenQuery &query,
                                QList<qint64> except, qint64 confirmed, QString filterText,
                                QWidget *parent);
    /// What was done, once finished().
    const BulkRevoke &result() const { return m_result; }

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    TokenQuery m_query;
    QList<qint64> m_except;
    qint64 m_confirmed;
    QString m_filterText;
    BulkRevoke m_result;
};

/// Deletes every revoked or expired token of the list's filter but the rows unchecked
/// afterwards, in one request, as RevokeMatchingTokensCommand revokes them.
class DeleteMatchingTokensCommand : public Command
{
    Q_OBJECT
public:
    DeleteMatchingTokensCommand(ConsoleContext &context, const TokenQuery &query,
                                QList<qint64> except, qint64 confirmed, QString filterText,
                                QWidget *parent);
    const BulkDelete &result() const { return m_result; }

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    TokenQuery m_query;
    QList<qint64> m_except;
    qint64 m_confirmed;
    QString m_filterText;
    BulkDelete m_result;
};

class DeleteTokensCommand : public TokenCommand
{
    Q_OBJECT
public:
    using TokenCommand::TokenCommand;

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;
};

} // namespace td
