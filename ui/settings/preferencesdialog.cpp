// SPDX-License-Identifier: MIT
#include "preferencesdialog.h"

#include "consolecontext.h"
#include "core/serveraddress.h"
#include "domain/authz.h"
#include "platform/secretclipboard.h"
#include "tokens/createtokendialog.h"
#include "tokens/revokeunuseddialog.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace td {

namespace {
QSpinBox *daysBox(QWidget *parent, const QString &objectName, int minimum, int maximum)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(minimum, maximum);
    box->setSuffix(PreferencesDialog::tr(" days"));
    return box;
}
} // namespace

PreferencesDialog::PreferencesDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(consoleSection());
    layout->addWidget(storeSection());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    fitToContents(this);
}

QWidget *PreferencesDialog::consoleSection()
{
    auto *box = new QGroupBox(tr("This console"), this);
    auto *form = new QFormLayout(box);

    m_serverUrl = new QLineEdit(m_context.serverUrl(), box);
    m_serverUrl->setObjectName(QStringLiteral("serverUrlEdit"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://tokens.example.org"));
    m_serverUrl->setMinimumWidth(m_serverUrl->fontMetrics().horizontalAdvance(
                                     QStringLiteral("https://tokens.example.org:8443")) +
                                 24);
    m_serverUrl->setAccessibleDescription(
        tr("The TokenDesk server the curl examples of Inspect point at."));
    auto *urlLabel = new QLabel(tr("&Server URL in examples:"), box);
    urlLabel->setBuddy(m_serverUrl);
    form->addRow(urlLabel, m_serverUrl);
    m_serverUrlError = Form::errorLabel(box, QStringLiteral("serverUrlError"));
    form->addRow(QString(), m_serverUrlError);
    // Said once the field is left, not while the first characters are typed.
    connect(m_serverUrl, &QLineEdit::editingFinished, this, [this] {
        Form::showError(m_serverUrlError, ServerAddress::whyNot(m_serverUrl->text()));
    });
    connect(m_serverUrl, &QLineEdit::textEdited, this, [this] {
        if (m_serverUrlError->isVisible() && ServerAddress::whyNot(m_serverUrl->text()).isEmpty())
            Form::showError(m_serverUrlError, QString());
    });

    m_clipboardSeconds = new QSpinBox(box);
    m_clipboardSeconds->setObjectName(QStringLiteral("clipboardSecondsBox"));
    m_clipboardSeconds->setRange(5, 600);
    m_clipboardSeconds->setSuffix(tr(" seconds"));
    m_clipboardSeconds->setValue(SecretClipboard::instance().timeoutSeconds());
    m_clipboardSeconds->setAccessibleDescription(
        tr("A copied token or access code is removed from the clipboard after this time, if "
           "it is still there."));
    auto *clipLabel = new QLabel(tr("&Clear copied secrets after:"), box);
    clipLabel->setBuddy(m_clipboardSeconds);
    form->addRow(clipLabel, m_clipboardSeconds);

    m_defaultExpiry = new QComboBox(box);
    m_defaultExpiry->setObjectName(QStringLiteral("defaultExpiryCombo"));
    using P = CreateTokenDialog::ExpiryPreset;
    for (P p : {P::Days7, P::Days30, P::Days60, P::Days90, P::Months6, P::Year1})
        m_defaultExpiry->addItem(CreateTokenDialog::presetTitle(p), p);
    m_defaultExpiry->setCurrentIndex(m_defaultExpiry->findData(CreateTokenDialog::defaultPreset()));
    auto *expiryLabel = new QLabel(tr("&New tokens expire in:"), box);
    expiryLabel->setBuddy(m_defaultExpiry);
    form->addRow(expiryLabel, m_defaultExpiry);
    return box;
}

QWidget *PreferencesDialog::storeSection()
{
    auto *box = new QGroupBox(tr("This store (every console and server)"), this);
    box->setObjectName(QStringLiteral("storeSettingsBox"));
    auto *form = new QFormLayout(box);
    m_storeEditable = Authz::mayChangeSettings(m_context.actor());
    const StoreSettings s; // until the store's answer

    m_maxLifetime =
        daysBox(box, QStringLiteral("maxLifetimeBox"), 0, StoreSettings::MaxTokenLifetimeLimitDays);
    m_maxLifetime->setSpecialValueText(tr("No maximum"));
    m_maxLifetime->setValue(s.maxTokenLifetimeDays);
    m_maxLifetime->setAccessibleDescription(
        tr("No API token can be created or edited to live longer than this."));
    auto *maxLabel = new QLabel(tr("&Maximum token lifetime:"), box);
    maxLabel->setBuddy(m_maxLifetime);
    form->addRow(maxLabel, m_maxLifetime);

    m_expiringSoon =
        daysBox(box, QStringLiteral("expiringSoonBox"), 1, StoreSettings::MaxExpiringSoonDays);
    m_expiringSoon->setValue(s.expiringSoonDays);
    auto *soonLabel = new QLabel(tr("&Expiring soon within:"), box);
    soonLabel->setBuddy(m_expiringSoon);
    form->addRow(soonLabel, m_expiringSoon);

    m_sessionLifetime = daysBox(box, QStringLiteral("sessionLifetimeBox"), 1,
                                StoreSettings::MaxSessionLifetimeDays);
    m_sessionLifetime->setValue(s.sessionLifetimeDays);
    auto *sessionLabel = new QLabel(tr("Mobile sessions &last:"), box);
    sessionLabel->setBuddy(m_sessionLifetime);
    form->addRow(sessionLabel, m_sessionLifetime);

    m_unusedPolicy = new QComboBox(box);
    m_unusedPolicy->setObjectName(QStringLiteral("unusedPolicyCombo"));
    m_unusedPolicy->addItem(tr("Never (off)"), 0);
    for (int days : TokenQuery::UnusedPeriods)
        m_unusedPolicy->addItem(RevokeUnusedDialog::periodTitle(days), days);
    m_unusedPolicy->setCurrentIndex(m_unusedPolicy->findData(s.unusedTokenPolicyDays));
    m_unusedPolicy->setAccessibleDescription(
        tr("Once a night tokendesk-server revokes the valid API tokens that nobody has used for "
           "this long (never used ones count from their creation); the audit log names the "
           "actor policy:unused-tokens."));
    m_unusedPolicy->setToolTip(m_unusedPolicy->accessibleDescription());
    auto *policyLabel = new QLabel(tr("Re&voke tokens unused for:"), box);
    policyLabel->setBuddy(m_unusedPolicy);
    form->addRow(policyLabel, m_unusedPolicy);
    m_unusedPolicy->setEnabled(false); // until the store's settings are read

    m_storeError = Form::errorLabel(box, QStringLiteral("storeSettingsError"));
    form->addRow(m_storeError);
    for (QSpinBox *b : {m_maxLifetime, m_expiringSoon, m_sessionLifetime})
        b->setEnabled(false); // until the store's settings are read
    if (!m_storeEditable)
        form->addRow(Form::hintLabel(tr("Only administrators change the store's settings."), box));
    m_context.backend().settings().then(this, [this](const Result<StoreSettings> &settings) {
        if (!settings) {
            Form::showError(
                m_storeError,
                tr("The store's settings could not be read: %1").arg(settings.error().message));
            return;
        }
        m_storeSettings = settings.value();
        m_maxLifetime->setValue(m_storeSettings->maxTokenLifetimeDays);
        m_expiringSoon->setValue(m_storeSettings->expiringSoonDays);
        m_sessionLifetime->setValue(m_storeSettings->sessionLifetimeDays);
        for (QSpinBox *b : {m_maxLifetime, m_expiringSoon, m_sessionLifetime})
            b->setEnabled(m_storeEditable);
        const int policy = m_storeSettings->unusedTokenPolicyDays;
        if (m_unusedPolicy->findData(policy) < 0) // a period set elsewhere (the admin API)
            m_unusedPolicy->addItem(RevokeUnusedDialog::periodTitle(policy), policy);
        m_unusedPolicy->setCurrentIndex(m_unusedPolicy->findData(policy));
        m_unusedPolicy->setEnabled(m_storeEditable);
    });
    return box;
}

void PreferencesDialog::accept()
{
    // Check first, then change: a wrong field leaves every setting as it was.
    const QString urlProblem = ServerAddress::whyNot(m_serverUrl->text());
    Form::showError(m_serverUrlError, urlProblem);
    if (!urlProblem.isEmpty()) {
        m_serverUrl->setFocus();
        return;
    }
    if (m_saving)
        return;
    if (m_storeEditable && m_storeSettings) {
        StoreSettings s = *m_storeSettings;
        s.maxTokenLifetimeDays = m_maxLifetime->value();
        s.expiringSoonDays = m_expiringSoon->value();
        s.sessionLifetimeDays = m_sessionLifetime->value();
        s.unusedTokenPolicyDays = m_unusedPolicy->currentData().toInt();
        if (s.maxTokenLifetimeDays != m_storeSettings->maxTokenLifetimeDays ||
            s.expiringSoonDays != m_storeSettings->expiringSoonDays ||
            s.sessionLifetimeDays != m_storeSettings->sessionLifetimeDays ||
            s.unusedTokenPolicyDays != m_storeSettings->unusedTokenPolicyDays) {
            m_saving = true;
            setCursor(Qt::BusyCursor);
            m_context.backend().updateSettings(s).then(this, [this](const Result<void> &saved) {
                m_saving = false;
                unsetCursor();
                if (!saved) {
                    Form::showError(m_storeError, saved.error().message);
                    return;
                }
                Q_EMIT m_context.dataChanged(); // "expiring soon" changes the token list
                keepConsoleSettings();
            });
            return;
        }
    }
    keepConsoleSettings();
}

void PreferencesDialog::keepConsoleSettings()
{
    ConsoleContext::setServerUrl(m_serverUrl->text());
    QSettings().setValue(QStringLiteral("clipboard/clearSeconds"), m_clipboardSeconds->value());
    CreateTokenDialog::setDefaultPreset(
        CreateTokenDialog::ExpiryPreset(m_defaultExpiry->currentData().toInt()));
    QDialog::accept();
}

QString PreferencesDialog::errorText(const QString &field) const
{
    const QLabel *l = field == QLatin1String("serverUrl") ? m_serverUrlError : m_storeError;
    return l->isVisibleTo(this) ? l->text() : QString();
}

} // namespace td
