// SPDX-License-Identifier: MIT
#include "signindialog.h"

#include "core/clock.h"
#include "itemmodels/localformat.h"
#include "platform/credentialvault.h"
#include "platform/messagebox.h"
#include "security/credentialpolicy.h"
#include "store/store.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include "widgets/tones.h"
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace td {

namespace {
constexpr int KeychainWriteGuardMs = 10000;
}

QString SignInDialog::lastUserKey(const DatabaseLocation &location)
{
    // Hashed: a file path or URL makes a poor settings key, and the key needs no secrecy.
    const QByteArray h =
        QCryptographicHash::hash(location.key().toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("signin/%1/lastUser").arg(QString::fromLatin1(h.left(16)));
}

void SignInDialog::addHeading(QVBoxLayout *layout, const DatabaseLocation &location)
{
    auto *heading = new QLabel(tr("Sign in to TokenDesk"), this);
    QFont big = heading->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    heading->setFont(big);
    layout->addWidget(heading);

    auto *storeLabel = new QLabel(tr("Store: %1").arg(location.display()), this);
    storeLabel->setObjectName(QStringLiteral("storeLabel"));
    storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    storeLabel->setWordWrap(true);
    storeLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(storeLabel);
    layout->addSpacing(6);
}

/// "Remember me" and "Forget": the password in the keychain, for this store and user.
void SignInDialog::addRememberRow(QVBoxLayout *layout)
{
    auto *rememberRow = new QHBoxLayout;
    m_remember = new QCheckBox(tr("&Remember me on this computer"), this);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_remember->setToolTip(tr("Keeps your password in this computer's keychain, for this store "
                              "and this user only."));
    rememberRow->addWidget(m_remember);
    rememberRow->addStretch(1);
    m_forget = new QPushButton(tr("&Forget"), this);
    m_forget->setObjectName(QStringLiteral("forgetButton"));
    m_forget->setToolTip(tr("Removes the remembered password of this user from the keychain."));
    m_forget->setAutoDefault(false);
    m_forget->setEnabled(false);
    rememberRow->addWidget(m_forget);
    layout->addLayout(rememberRow);
}

void SignInDialog::addButtonsAndConnect(QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(this);
    m_signInButton = buttons->addButton(tr("&Sign In"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    QPushButton *quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    quit->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_forget, &QPushButton::clicked, this, &SignInDialog::forget);
    connect(m_username, &QLineEdit::textEdited, this, &SignInDialog::usernameEdited);
    connect(m_username, &QLineEdit::editingFinished, this, &SignInDialog::lookUpRemembered);
    connect(m_username, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_filledFromKeychain = false; });
}

SignInDialog::SignInDialog(Store &store, const DatabaseLocation &location, QWidget *parent)
    : QDialog(parent)
    , m_domain(store)
    , m_location(location)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to TokenDesk"));

    auto *layout = new QVBoxLayout(this);
    addHeading(layout, location);

    auto *form = new QFormLayout;
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setAccessibleName(tr("Username"));
    m_username->setMaxLength(64);
    form->addRow(tr("&Username:"), m_username);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(512);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    addRememberRow(layout);

    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    m_keychainNote->hide();
    layout->addWidget(m_keychainNote);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    layout->addWidget(m_message);
    layout->addStretch(1);

    addButtonsAndConnect(layout);
    m_throttleTimer.setInterval(1000);
    connect(&m_throttleTimer, &QTimer::timeout, this, &SignInDialog::tickThrottle);

    setMinimumWidth(fontMetrics().averageCharWidth() * 58);
    LayoutMemory::rememberSize(this, QStringLiteral("signInDialog"));

    const QString last = QSettings().value(lastUserKey(location)).toString();
    if (!last.isEmpty()) {
        m_username->setText(last);
        m_password->setFocus();
    } else {
        m_username->setFocus();
    }
    lookUpRemembered();
    updateButtons();
}

SignInDialog::~SignInDialog()
{
    QString typed = m_password->text();
    m_password->clear();
    secureWipe(typed);
}

QString SignInDialog::canonicalUser() const
{
    return CredentialPolicy::canonicalUsername(m_username->text());
}

void SignInDialog::lookUpRemembered()
{
    const QString user = canonicalUser();
    if (user.isEmpty() || user == m_rememberedFor)
        return;
    m_lookupPending = true;
    const int serial = ++m_lookupSerial;
    updateButtons();
    CredentialVault::instance().read(
        CredentialVault::signInKey(m_location, user), this,
        [this, user, serial](CredentialVault::Answer &a) {
            if (serial != m_lookupSerial)
                return; // the username changed meanwhile; a newer look-up answers
            m_lookupPending = false;
            switch (a.outcome) {
            case CredentialVault::Outcome::Ok:
                if (canonicalUser() == user && !m_busy) {
                    QString text = a.secret.toQString();
                    m_password->setText(text);
                    secureWipe(text);
                    m_filledFromKeychain = true;
                    m_rememberedFor = user;
                    m_remember->setChecked(true);
                    m_keychainNote->setText(tr("Your password is remembered on this computer."));
                    m_keychainNote->show();
                    Form::fitHeight(this);
                }
                break;
            case CredentialVault::Outcome::NotFound:
                m_keychainAvailable = true;
                break;
            case CredentialVault::Outcome::Unavailable:
            case CredentialVault::Outcome::Failed:
                m_keychainAvailable = false;
                m_remember->setChecked(false);
                m_remember->setEnabled(false);
                m_remember->setToolTip(a.detail);
                m_keychainNote->setText(a.explanation);
                m_keychainNote->show();
                Form::fitHeight(this);
                break;
            }
            updateButtons();
        });
}

void SignInDialog::usernameEdited()
{
    // A remembered password belongs to one user: never leave it under another name.
    if (!m_rememberedFor.isEmpty() && canonicalUser() != m_rememberedFor) {
        if (m_filledFromKeychain) {
            QString old = m_password->text();
            m_password->clear();
            secureWipe(old);
            m_filledFromKeychain = false;
        }
        m_rememberedFor.clear();
        m_remember->setChecked(false);
        if (m_keychainAvailable)
            m_keychainNote->hide();
    }
    ++m_lookupSerial; // ignore a look-up still under way for the old name
    m_lookupPending = false;
    updateButtons();
}

void SignInDialog::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, error ? toneColors(Tone::Bad, palette()).text
                                           : palette().color(QPalette::WindowText));
    m_message->setPalette(p);
    m_message->setAccessibleDescription(text);
    if (!text.isEmpty())
        Form::fitHeight(this);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_username->setReadOnly(busy);
    m_password->setReadOnly(busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateButtons();
}

void SignInDialog::updateButtons()
{
    const bool throttled = m_retryAtMs > Clock::nowMs();
    m_signInButton->setEnabled(!m_busy && !throttled && !m_username->text().trimmed().isEmpty() &&
                               !m_password->text().isEmpty());
    m_signInButton->setToolTip(throttled ? tr("Too many failed attempts: wait until the time "
                                              "shown.")
                                         : QString());
    m_forget->setEnabled(!m_busy && m_keychainAvailable && !m_rememberedFor.isEmpty() &&
                         m_rememberedFor == canonicalUser());
    m_remember->setEnabled(!m_busy && m_keychainAvailable);
}

void SignInDialog::tickThrottle()
{
    const qint64 left = m_retryAtMs - Clock::nowMs();
    if (left <= 0) {
        m_throttleTimer.stop();
        m_retryAtMs = 0;
        setMessage(tr("You can try again now."), false);
        updateButtons();
        return;
    }
    const int seconds = int((left + 999) / 1000);
    const QString at = LocalFormat::time(Clock::fromMs(m_retryAtMs), true);
    setMessage(tr("Too many failed attempts. Try again in %n second(s), at %1.", nullptr, seconds)
                   .arg(at));
    updateButtons();
}

void SignInDialog::signIn()
{
    if (!m_signInButton->isEnabled())
        return;
    setBusy(true);
    setMessage({});
    QString typed = m_password->text();
    const SecretBytes password = SecretBytes::fromString(typed);
    auto result = m_domain.accounts.signIn(m_username->text(), password);
    if (!result) {
        setBusy(false);
        const Error &e = result.error();
        if (e.code == Errc::Throttled) {
            m_retryAtMs = Clock::nowMs() + qint64(e.retryAfterSeconds) * 1000;
            m_throttleTimer.start();
            tickThrottle();
        } else {
            setMessage(e.message);
        }
        if (e.code == Errc::AuthenticationFailed || e.code == Errc::Throttled) {
            QString old = m_password->text();
            m_password->clear();
            secureWipe(old);
            m_filledFromKeychain = false;
            m_password->setFocus();
        }
        updateButtons();
        return;
    }
    m_actor = result.value();
    QSettings().setValue(lastUserKey(m_location), m_actor.username);

    const QString key = CredentialVault::signInKey(m_location, m_actor.username);
    if (m_remember->isChecked() && m_keychainAvailable) {
        if (m_filledFromKeychain && m_rememberedFor == m_actor.username) {
            finishSignIn(); // already there, unchanged
            return;
        }
        // Wait for the keychain (tens of milliseconds), so that a failure can be said here;
        // never longer than the guard, in case a keychain prompt is never answered.
        m_waitingForKeychain = true;
        QTimer::singleShot(KeychainWriteGuardMs, this, [this] {
            if (m_waitingForKeychain) {
                m_waitingForKeychain = false;
                finishSignIn();
            }
        });
        CredentialVault::instance().write(key, password, this, [this](CredentialVault::Answer &a) {
            if (!m_waitingForKeychain)
                return;
            m_waitingForKeychain = false;
            if (!a.ok())
                MessageBox::warning(this, tr("Password not remembered"),
                                    tr("You are signed in, but TokenDesk could not remember "
                                       "your password on this computer."),
                                    QMessageBox::Ok, QMessageBox::Ok,
                                    a.explanation.isEmpty() ? a.detail : a.explanation);
            finishSignIn();
        });
        return;
    }
    if (!m_remember->isChecked() && m_rememberedFor == m_actor.username)
        CredentialVault::instance().remove(key, nullptr, {}); // unticked: forget it
    finishSignIn();
}

void SignInDialog::finishSignIn()
{
    QString typed = m_password->text();
    m_password->clear();
    secureWipe(typed);
    setBusy(false);
    accept();
}

void SignInDialog::forget()
{
    const QString user = canonicalUser();
    if (user.isEmpty())
        return;
    m_forget->setEnabled(false);
    CredentialVault::instance().remove(
        CredentialVault::signInKey(m_location, user), this,
        [this, user](CredentialVault::Answer &a) {
            if (!a.ok()) {
                m_keychainNote->setText(a.explanation.isEmpty() ? a.detail : a.explanation);
                m_keychainNote->show();
                Form::fitHeight(this);
                updateButtons();
                return;
            }
            if (m_rememberedFor == user && m_filledFromKeychain) {
                QString old = m_password->text();
                m_password->clear();
                secureWipe(old);
                m_filledFromKeychain = false;
            }
            m_rememberedFor.clear();
            m_remember->setChecked(false);
            m_keychainNote->setText(
                tr("The password of %1 is no longer remembered on this computer.").arg(user));
            m_keychainNote->show();
            Form::fitHeight(this);
            m_password->setFocus();
            updateButtons();
        });
}

} // namespace td
