// SPDX-License-Identifier: MIT
#include "managetokensdialog.h"

#include "domain/authz.h"
#include "generatetokencommand.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/localformat.h"
#include "security/credentialpolicy.h"
#include "tokens/tokencreateddialog.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

using Form::wipeField;

QString ManageTokensDialog::newTokenNote(bool replaced)
{
    if (!replaced)
        return tr("Your API token is generated.\n"
                  "• Enter it in the Password field of the uploader accounts you set up, then "
                  "click Update.\n"
                  "• Use it with scripts or code that access the Web services API.");
    return tr("A new API token is generated and your previous token no longer works.\n"
              "• Use the new API token to reactivate the uploader accounts that are configured "
              "with your previous token: enter it in the account's Password field, then click "
              "Update.\n"
              "• Use the new API token with scripts or code that access the Web services API "
              "with your previous token.");
}

ManageTokensDialog::ManageTokensDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("manageTokensDialog"));
    setWindowTitle(tr("Manage Tokens"));
    m_allowed = Authz::mayResetPersonalToken(m_context.actor(), m_context.actor().userId);

    auto *layout = new QVBoxLayout(this);
    auto *intro = Form::hintLabel(
        tr("Your personal API token is used by scripts and uploader accounts to access the Web "
           "services API. The access code is the password of the mobile app and of scripts, and "
           "you need it to generate a new API token."),
        this);
    layout->addWidget(intro);

    addStatusBoxes(layout);

    addNewAccessCode(layout);

    // ---- current access code ----
    auto *currentForm = new QFormLayout;
    m_currentCode = new QLineEdit(this);
    m_currentCode->setObjectName(QStringLiteral("currentAccessCodeEdit"));
    m_currentCode->setAccessibleName(tr("Current access code"));
    m_currentCode->setEchoMode(QLineEdit::Password);
    m_currentCode->setMaxLength(200);
    m_currentLabel = new QLabel(tr("&Current access code:"), this);
    m_currentLabel->setBuddy(m_currentCode);
    currentForm->addRow(m_currentLabel, m_currentCode);
    m_currentError = Form::errorLabel(this, QStringLiteral("currentAccessCodeError"));
    currentForm->addRow(QString(), m_currentError);
    layout->addLayout(currentForm);

    auto *important = new QLabel(
        tr("<b>IMPORTANT!</b> The API token is like a password. When you generate a token, it is "
           "similar to resetting a password: the previous token stops working at once, and "
           "uploader accounts and scripts that use it are locked out until they are given the "
           "new one."),
        this);
    important->setObjectName(QStringLiteral("importantLabel"));
    important->setWordWrap(true);
    layout->addWidget(important);

    m_message = Form::errorLabel(this, QStringLiteral("messageLabel"));
    layout->addWidget(m_message);
    if (!m_allowed) {
        auto *notAllowed = Form::hintLabel(tr("Your user type does not allow you to set your "
                                              "access code or reset your API token. Ask an "
                                              "administrator if you need to."),
                                           this);
        notAllowed->setObjectName(QStringLiteral("notAllowedLabel"));
        layout->addWidget(notAllowed);
    }
    layout->addStretch(1);

    addButtonsAndConnect(layout);

    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    LayoutMemory::rememberSize(this, QStringLiteral("manageTokensDialog"));
    refresh();
}

/// The status of the personal API token and of the access code.
void ManageTokensDialog::addStatusBoxes(QVBoxLayout *layout)
{
    auto *tokenBox = new QGroupBox(tr("API Token"), this);
    tokenBox->setObjectName(QStringLiteral("tokenBox"));
    auto *tf = new QFormLayout(tokenBox);
    m_tokenStatus =
        Form::valueLabel(tokenBox, QStringLiteral("tokenStatusValue"), tr("Token status"));
    tf->addRow(tr("Status:"), m_tokenStatus);
    m_tokenHint = Form::valueLabel(tokenBox, QStringLiteral("tokenHintValue"), tr("Token"));
    tf->addRow(tr("Token:"), m_tokenHint);
    m_tokenCreated = Form::valueLabel(tokenBox, QStringLiteral("tokenCreatedValue"), tr("Created"));
    tf->addRow(tr("Created:"), m_tokenCreated);
    m_tokenExpires = Form::valueLabel(tokenBox, QStringLiteral("tokenExpiresValue"), tr("Expires"));
    tf->addRow(tr("Expires:"), m_tokenExpires);
    m_tokenLastUsed =
        Form::valueLabel(tokenBox, QStringLiteral("tokenLastUsedValue"), tr("Last used"));
    tf->addRow(tr("Last used:"), m_tokenLastUsed);
    layout->addWidget(tokenBox);

    auto *codeBox = new QGroupBox(tr("Access Code"), this);
    codeBox->setObjectName(QStringLiteral("accessCodeBox"));
    auto *cf = new QFormLayout(codeBox);
    m_codeStatus = Form::valueLabel(codeBox, QStringLiteral("accessCodeStatusValue"),
                                    tr("Access code status"));
    cf->addRow(tr("Status:"), m_codeStatus);
    m_codeExpires = Form::valueLabel(codeBox, QStringLiteral("accessCodeExpiresValue"),
                                     tr("Access code expires"));
    cf->addRow(tr("Expires:"), m_codeExpires);
    layout->addWidget(codeBox);
}

/// "Set New Access Code" and the box it opens: the code twice, its rule, its age.
void ManageTokensDialog::addNewAccessCode(QVBoxLayout *layout)
{
    m_setNew = new QPushButton(tr("Set &New Access Code"), this);
    m_setNew->setObjectName(QStringLiteral("setNewAccessCodeButton"));
    m_setNew->setCheckable(true);
    m_setNew->setAutoDefault(false);
    auto *setRow = new QHBoxLayout;
    setRow->addWidget(m_setNew);
    setRow->addStretch(1);
    layout->addLayout(setRow);

    m_newBox = new QGroupBox(tr("New Access Code"), this);
    m_newBox->setObjectName(QStringLiteral("newAccessCodeBox"));
    auto *nf = new QFormLayout(m_newBox);
    m_newCode = new QLineEdit(m_newBox);
    m_newCode->setObjectName(QStringLiteral("newAccessCodeEdit"));
    m_newCode->setAccessibleName(tr("New Access code"));
    m_newCode->setEchoMode(QLineEdit::Password);
    m_newCode->setMaxLength(200); // longer than allowed, so the rule can say so
    nf->addRow(tr("New &Access code:"), m_newCode);
    m_repeatCode = new QLineEdit(m_newBox);
    m_repeatCode->setObjectName(QStringLiteral("repeatAccessCodeEdit"));
    m_repeatCode->setAccessibleName(tr("Repeat the new access code"));
    m_repeatCode->setEchoMode(QLineEdit::Password);
    m_repeatCode->setMaxLength(200);
    nf->addRow(tr("&Repeat access code:"), m_repeatCode);
    m_rule = new QLabel(m_newBox);
    m_rule->setObjectName(QStringLiteral("accessCodeRuleLabel"));
    m_rule->setWordWrap(true);
    nf->addRow(QString(), m_rule);
    m_age = new QComboBox(m_newBox);
    m_age->setObjectName(QStringLiteral("accessCodeAgeCombo"));
    m_age->setAccessibleName(tr("Access code Age"));
    for (int days : CredentialPolicy::accessCodeAges())
        m_age->addItem(days > 0 ? tr("%1 days").arg(days) : tr("Never"), days); // all plural
    m_age->setCurrentIndex(m_age->findData(90));
    nf->addRow(tr("Access code A&ge:"), m_age);
    // A new access code of one's own takes one's password (AccountService::changeOwnAccessCode).
    m_password = new QLineEdit(m_newBox);
    m_password->setObjectName(QStringLiteral("currentPasswordEdit"));
    m_password->setAccessibleName(tr("Your password"));
    m_password->setEchoMode(QLineEdit::Password);
    nf->addRow(tr("Your &password:"), m_password);
    m_passwordError = Form::errorLabel(m_newBox, QStringLiteral("currentPasswordError"));
    nf->addRow(QString(), m_passwordError);
    m_newBox->hide();
    layout->addWidget(m_newBox);
}

void ManageTokensDialog::addButtonsAndConnect(QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_generate = buttons->addButton(tr("&Save and Generate"), QDialogButtonBox::ActionRole);
    m_generate->setObjectName(QStringLiteral("saveAndGenerateButton"));
    // Enter in a field must not change a secret: no button of this dialog is a default one
    // (QDialog would otherwise make the first auto-default button the default when shown).
    for (QPushButton *b : findChildren<QPushButton *>())
        b->setAutoDefault(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_generate, &QPushButton::clicked, this, &ManageTokensDialog::saveAndGenerate);
    connect(m_setNew, &QPushButton::toggled, this, [this](bool on) {
        m_newBox->setVisible(on);
        if (on)
            m_newCode->setFocus();
        else {
            wipeField(m_newCode);
            wipeField(m_repeatCode);
            wipeField(m_password);
        }
        updateForm();
    });
    for (QLineEdit *e : {m_newCode, m_repeatCode, m_currentCode, m_password})
        connect(e, &QLineEdit::textChanged, this, &ManageTokensDialog::updateForm);
    connect(m_password, &QLineEdit::textEdited, this,
            [this] { Form::showError(m_passwordError, {}); });
    connect(m_currentCode, &QLineEdit::textEdited, this,
            [this] { Form::showError(m_currentError, {}); });
}

ManageTokensDialog::~ManageTokensDialog()
{
    clearSecrets();
}

void ManageTokensDialog::clearSecrets()
{
    wipeField(m_newCode);
    wipeField(m_repeatCode);
    wipeField(m_currentCode);
    wipeField(m_password);
}

QString ManageTokensDialog::formatTime(const QDateTime &t) const
{
    if (!t.isValid())
        return {};
    return tr("%1 (%2)").arg(Form::dateTime(t), Form::relative(t, Clock::now()));
}

void ManageTokensDialog::refresh()
{
    const int asked = ++m_refreshes;
    m_context.backend().user(m_context.actor().userId).then(this, [this, asked](Result<User> user) {
        if (asked != m_refreshes)
            return;
        if (!user) {
            showAccount(user, Result<std::optional<ApiToken>>(user.error()));
            return;
        }
        m_context.backend().personalToken().then(
            this, [this, asked, user = std::move(user)](Result<std::optional<ApiToken>> token) {
                if (asked == m_refreshes)
                    showAccount(user, token);
            });
    });
}

void ManageTokensDialog::showAccount(const Result<User> &user,
                                     const Result<std::optional<ApiToken>> &token)
{
    if (!user || !token) {
        Form::showError(m_message, (!user ? user.error() : token.error()).message);
        m_loaded = false;
        updateForm();
        return;
    }
    m_loaded = true;
    m_user = user.value();
    m_token = token.value();

    if (m_token) {
        const ApiToken &t = *m_token;
        Form::setValue(m_tokenStatus, statusTitle(t.status));
        Form::setValue(m_tokenHint, t.hint);
        Form::setValue(m_tokenCreated, formatTime(t.createdAt));
        Form::setValue(m_tokenExpires, formatTime(t.expiresAt));
        Form::setValue(m_tokenLastUsed,
                       t.lastUsedAt.isValid()
                           ? (t.lastUsedFrom.isEmpty()
                                  ? formatTime(t.lastUsedAt)
                                  : tr("%1 from %2").arg(formatTime(t.lastUsedAt), t.lastUsedFrom))
                           : tr("Never"));
    } else {
        Form::setValue(m_tokenStatus, tr("You have no personal API token yet."));
        for (QLabel *l : {m_tokenHint, m_tokenCreated, m_tokenExpires, m_tokenLastUsed})
            Form::setValue(l, tr("—"));
    }

    const QDateTime now = Clock::now();
    if (m_user.hasAccessCode) {
        Form::setValue(m_codeStatus, tr("Set on %1").arg(Form::dateTime(m_user.accessCodeSetAt)));
        if (!m_user.accessCodeExpiresAt.isValid())
            Form::setValue(m_codeExpires, tr("Never"));
        else if (m_user.accessCodeExpiresAt <= now)
            Form::setValue(m_codeExpires,
                           tr("Expired on %1").arg(Form::dateTime(m_user.accessCodeExpiresAt)));
        else
            Form::setValue(m_codeExpires, formatTime(m_user.accessCodeExpiresAt));
    } else {
        Form::setValue(m_codeStatus, tr("Not set"));
        Form::setValue(m_codeExpires, tr("—"));
    }
    // Without an access code (or with an expired one) a new one is the first step.
    const bool mustSet = !m_user.hasAccessCode || (m_user.accessCodeExpiresAt.isValid() &&
                                                   m_user.accessCodeExpiresAt <= now);
    if (mustSet && m_allowed)
        m_setNew->setChecked(true);
    m_currentLabel->setVisible(m_user.hasAccessCode);
    m_currentCode->setVisible(m_user.hasAccessCode);
    updateForm();
}

void ManageTokensDialog::updateForm()
{
    const QString noPermission = tr("Your user type does not allow you to set your access code "
                                    "or reset your API token.");
    const QDateTime now = Clock::now();
    const bool expired = m_user.hasAccessCode && m_user.accessCodeExpiresAt.isValid() &&
                         m_user.accessCodeExpiresAt <= now;
    const bool mustSet = !m_user.hasAccessCode || expired;

    // The 6–50 rule (and the others), live.
    bool newOk = false;
    {
        QString typed = m_newCode->text();
        const SecretBytes code = SecretBytes::fromString(typed);
        QString text;
        bool problem = false;
        if (code.isEmpty()) {
            text = tr("The access code must contain at least %1 characters. The maximum length "
                      "of the access code is %2 characters.")
                       .arg(CredentialPolicy::AccessCodeMinLength)
                       .arg(CredentialPolicy::AccessCodeMaxLength);
        } else if (QString why = CredentialPolicy::checkAccessCode(code, m_user.username);
                   !why.isEmpty()) {
            const int n = CredentialPolicy::codePointLength(code);
            text = why;
            if (n < CredentialPolicy::AccessCodeMinLength ||
                n > CredentialPolicy::AccessCodeMaxLength)
                text += QLatin1Char(' ') + tr("(%n character(s) typed)", nullptr, n);
            problem = true;
        } else if (m_repeatCode->text().isEmpty()) {
            text = tr("Repeat the new access code.");
        } else if (m_repeatCode->text() != m_newCode->text()) {
            text = tr("The two access codes differ.");
            problem = true;
        } else {
            text = tr("The new access code is fine (%n character(s)).", nullptr,
                      CredentialPolicy::codePointLength(code));
            newOk = true;
        }
        m_rule->setText(text);
        Form::setProblem(m_rule, problem);
    }

    m_setNew->setEnabled(m_allowed && m_loaded && !mustSet);
    m_setNew->setToolTip(!m_allowed ? noPermission
                         : mustSet  ? tr("You need a new access code before you can generate a "
                                          "token.")
                                    : QString());
    m_newBox->setEnabled(m_allowed);

    QString why;
    if (!m_loaded)
        why = tr("Your account could not be read.");
    else if (!m_allowed)
        why = noPermission;
    else if (m_retryAtMs > Clock::nowMs())
        why = tr("Too many failed attempts: wait until the time shown.");
    else if (mustSet && !m_setNew->isChecked())
        why = tr("Set a new access code first.");
    else if (m_setNew->isChecked() && !newOk)
        why = tr("Enter a valid new access code twice.");
    else if (m_setNew->isChecked() && m_password->text().isEmpty())
        why = tr("Enter your password to set a new access code.");
    else if (m_user.hasAccessCode && m_currentCode->text().isEmpty())
        why = tr("Enter your current access code.");
    m_generate->setEnabled(why.isEmpty());
    m_generate->setToolTip(why);
    m_currentCode->setEnabled(m_allowed);
    Form::fitHeight(this); // the new access code box or a longer rule may need more room
}

void ManageTokensDialog::setError(QLabel *label, const QString &text)
{
    Form::showError(label, text);
}

void ManageTokensDialog::saveAndGenerate()
{
    updateForm();
    if (!m_generate->isEnabled())
        return;
    setError(m_message, {});
    setError(m_currentError, {});
    setError(m_passwordError, {});
    QString current = m_currentCode->text();
    std::optional<SecretBytes> newCode;
    std::optional<SecretBytes> password;
    if (m_setNew->isChecked()) {
        QString typed = m_newCode->text();
        newCode.emplace(SecretBytes::fromString(typed));
        QString typedPassword = m_password->text();
        password.emplace(SecretBytes::fromString(typedPassword));
    }
    auto *command = new GenerateTokenCommand(
        m_context, m_token ? m_token->hint : QString(), SecretBytes::fromString(current),
        std::move(newCode), std::move(password), m_age->currentData().toInt(), this);
    connect(command, &GenerateTokenCommand::inputRejected, this,
            &ManageTokensDialog::showInputError);
    connect(command, &Command::finished, this, [this, command] { showNewToken(command); });
    command->start();
}

void ManageTokensDialog::showInputError(const Error &e)
{
    if (e.code == Errc::Throttled) {
        m_retryAtMs = Clock::nowMs() + qint64(e.retryAfterSeconds) * 1000;
        setError(m_currentError,
                 tr("%1 Try again at %2.")
                     .arg(e.message, LocalFormat::time(Clock::fromMs(m_retryAtMs), true)));
        wipeField(m_currentCode);
        m_currentCode->setFocus();
    } else if (e.field == QLatin1String("currentPassword")) {
        setError(m_passwordError, e.message);
        wipeField(m_password);
        m_password->setFocus();
    } else if (e.field == QLatin1String("currentAccessCode")) {
        setError(m_currentError, e.message);
        wipeField(m_currentCode);
        m_currentCode->setFocus();
    } else {
        m_rule->setText(e.message);
        Form::setProblem(m_rule, true);
        m_newCode->setFocus();
    }
    updateForm();
}

void ManageTokensDialog::showNewToken(GenerateTokenCommand *command)
{
    clearSecrets();
    m_setNew->setChecked(false);
    refresh();
    auto *shown = new TokenCreatedDialog(command->takeCreated(), tr("New API token generated"),
                                         newTokenNote(command->replacedToken()), this);
    shown->setAttribute(Qt::WA_DeleteOnClose);
    shown->open();
}

} // namespace td
