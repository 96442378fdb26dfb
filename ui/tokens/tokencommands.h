// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QCoreApplication>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;

namespace td {

class ConsoleContext;

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
    static QString whyNotRevoke(const Actor &actor, const QList<ApiToken> &tokens);
    static QString whyNotDelete(const Actor &actor, const QList<ApiToken> &tokens);
    static QString whyNotInspect(const QList<ApiToken> &tokens);
};

/// The confirmation of a destructive action on one or many tokens (Kleopatra's revoke dialog):
/// names the tokens (and how many), says what stops working and that it cannot be undone; the
/// button says what it does ("Revoke", "Delete"). An error from the store is shown inline and
/// the dialog stays open.
class ConfirmTokensDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Kind { Revoke, Delete };
    ConfirmTokensDialog(Kind kind, const QList<ApiToken> &tokens, QWidget *parent = nullptr);

    void showError(const QString &message);
    QPushButton *confirmButton() const { return m_confirm; }

Q_SIGNALS:
    /// The user pressed the confirm button (the dialog stays open until the command closes it).
    void confirmed();

private:
    QLabel *m_error = nullptr;
    QPushButton *m_confirm = nullptr;
};

/// One destructive action on tokens (Kleopatra's Command): start() opens its confirmation
/// (window-modal, not blocking), runs the change through the service, tells the console that
/// data changed, and deletes itself. finished() after a change, canceled() otherwise.
class TokenCommand : public QObject
{
    Q_OBJECT

public:
    TokenCommand(ConsoleContext &context, QList<ApiToken> tokens, QWidget *parent);
    void start();
    ConfirmTokensDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    void finished(int changed);
    void canceled();

protected:
    virtual ConfirmTokensDialog::Kind kind() const = 0;
    /// Runs the change; returns how many tokens changed, or the error.
    virtual Result<int> run() = 0;

    ConsoleContext &m_context;
    QList<ApiToken> m_tokens;

private:
    QWidget *m_parent;
    QPointer<ConfirmTokensDialog> m_dialog;
    bool m_done = false;
};

class RevokeTokensCommand : public TokenCommand
{
    Q_OBJECT
public:
    using TokenCommand::TokenCommand;

protected:
    ConfirmTokensDialog::Kind kind() const override { return ConfirmTokensDialog::Kind::Revoke; }
    Result<int> run() override;
};

class DeleteTokensCommand : public TokenCommand
{
    Q_OBJECT
public:
    using TokenCommand::TokenCommand;

protected:
    ConfirmTokensDialog::Kind kind() const override { return ConfirmTokensDialog::Kind::Delete; }
    Result<int> run() override;
};

} // namespace td
