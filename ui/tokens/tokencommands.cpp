// SPDX-License-Identifier: MIT
#include "tokencommands.h"

#include "consolecontext.h"
#include "domain/authz.h"
#include "widgets/dialogfit.h"

#include "widgets/tones.h"
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace td {

namespace {
constexpr int ListedNames = 8;

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

QString TokenRules::whyNotRevoke(const Actor &actor, const QList<ApiToken> &tokens)
{
    if (tokens.isEmpty())
        return tr("Select or check the tokens to revoke.");
    for (const ApiToken &t : tokens) {
        if (t.status == TokenStatus::Revoked)
            return tokens.size() == 1
                       ? tr("%1 is already revoked.").arg(quotedName(t))
                       : tr("%1 is already revoked; uncheck it to revoke the others.")
                             .arg(quotedName(t));
        if (!Authz::mayChangeToken(actor, t))
            return tr("Your user type does not allow you to revoke the tokens of other users.");
    }
    return {};
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

// ---- the confirmation ------------------------------------------------------------------------

ConfirmTokensDialog::ConfirmTokensDialog(Kind kind, const QList<ApiToken> &tokens, QWidget *parent)
    : QDialog(parent)
{
    const bool revoke = kind == Kind::Revoke;
    const int n = int(tokens.size());
    setObjectName(revoke ? QStringLiteral("revokeTokensDialog")
                         : QStringLiteral("deleteTokensDialog"));
    if (n == 1)
        setWindowTitle(revoke ? tr("Revoke API Token") : tr("Delete API Token"));
    else
        setWindowTitle(revoke ? tr("Revoke %n API Tokens", nullptr, n)
                              : tr("Delete %n API Tokens", nullptr, n));

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSide = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()
            ->standardIcon(revoke ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxQuestion)
            .pixmap(QSize(iconSide, iconSide), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *texts = new QVBoxLayout;
    top->addLayout(texts, 1);
    layout->addLayout(top);

    QString question;
    if (n == 1) {
        const ApiToken &t = tokens.first();
        question = revoke ? tr("Revoke the API token “%1” (%2) of %3?")
                                .arg(t.name.toHtmlEscaped(), t.hint, t.username.toHtmlEscaped())
                          : tr("Delete the API token “%1” (%2) of %3?")
                                .arg(t.name.toHtmlEscaped(), t.hint, t.username.toHtmlEscaped());
    } else {
        question = revoke ? tr("Revoke these %n API tokens?", nullptr, n)
                          : tr("Delete these %n API tokens?", nullptr, n);
    }
    auto *questionLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(question), this);
    questionLabel->setObjectName(QStringLiteral("questionLabel"));
    questionLabel->setWordWrap(true);
    texts->addWidget(questionLabel);

    if (n > 1) {
        QStringList lines;
        for (int i = 0; i < std::min(n, ListedNames); ++i)
            lines << QStringLiteral("• %1 (%2) — %3")
                         .arg(tokens[i].name.toHtmlEscaped(), tokens[i].hint,
                              tokens[i].username.toHtmlEscaped());
        if (n > ListedNames)
            lines << tr("… and %n more", nullptr, n - ListedNames);
        auto *list = new QLabel(lines.join(QLatin1String("<br>")), this);
        list->setObjectName(QStringLiteral("tokenList"));
        list->setTextFormat(Qt::RichText);
        list->setWordWrap(true);
        texts->addWidget(list);
    }

    auto *consequences = new QLabel(this);
    consequences->setObjectName(QStringLiteral("consequencesLabel"));
    consequences->setWordWrap(true);
    if (revoke)
        consequences->setText(
            n == 1 ? tr("Scripts, integrations and plugins that use this token stop working at "
                        "once: every request with it is refused. This cannot be undone. The token "
                        "stays listed as Revoked until an administrator deletes it; to restore "
                        "access, create a new token.")
                   : tr("Scripts, integrations and plugins that use these tokens stop working at "
                        "once: every request with them is refused. This cannot be undone. The "
                        "tokens stay listed as Revoked until an administrator deletes them; to "
                        "restore access, create new tokens."));
    else
        consequences->setText(
            n == 1 ? tr("This token no longer works (it is revoked or expired). Deleting removes "
                        "it from the list; the audit log keeps its history. This cannot be "
                        "undone.")
                   : tr("These tokens no longer work (they are revoked or expired). Deleting "
                        "removes them from the list; the audit log keeps their history. This "
                        "cannot be undone."));
    texts->addWidget(consequences);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    setTextTone(m_error, Tone::Bad);
    m_error->hide();
    texts->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm =
        buttons->addButton(revoke ? tr("Revoke") : tr("Delete"), QDialogButtonBox::DestructiveRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true); // a stray Enter must not destroy anything
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmTokensDialog::confirmed);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    fitToContents(this);
}

void ConfirmTokensDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_confirm->setAccessibleDescription(message);
    fitToContents(this);
}

// ---- the commands ----------------------------------------------------------------------------

TokenCommand::TokenCommand(ConsoleContext &context, QList<ApiToken> tokens, QWidget *parent)
    : QObject(parent)
    , m_context(context)
    , m_tokens(std::move(tokens))
    , m_parent(parent)
{}

void TokenCommand::start()
{
    m_dialog = new ConfirmTokensDialog(kind(), m_tokens, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ConfirmTokensDialog::confirmed, this, [this] {
        auto r = run();
        if (!r) {
            m_dialog->showError(r.error().message);
            return;
        }
        m_done = true;
        Q_EMIT m_context.dataChanged();
        m_dialog->accept();
        Q_EMIT finished(r.value());
    });
    connect(m_dialog, &QDialog::finished, this, [this] {
        if (!m_done)
            Q_EMIT canceled();
        deleteLater();
    });
    m_dialog->open();
}

Result<int> RevokeTokensCommand::run()
{
    QList<qint64> ids;
    for (const ApiToken &t : m_tokens)
        ids << t.id;
    return m_context.domain().tokens.revoke(m_context.actor(), ids);
}

Result<int> DeleteTokensCommand::run()
{
    QList<qint64> ids;
    for (const ApiToken &t : m_tokens)
        ids << t.id;
    return m_context.domain().tokens.remove(m_context.actor(), ids);
}

} // namespace td
