// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "domain/domain.h"
#include "store/databaselocation.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

class QVBoxLayout;

namespace td {

class Store;

/// "Sign in to TokenDesk": username and password, checked by AccountService::signIn (throttled per
/// account and address; one generic message for any wrong credential; while throttled the
/// dialog says when to try again and keeps Sign In disabled until then).
///
/// "Remember me on this computer" keeps the password in the OS keychain under a key of this
/// store and this user (CredentialVault::signInKey); the next time the password is filled in
/// for that user. "Forget" removes the entry. Without a usable keychain the option is disabled
/// and a note says why; signing in works the same.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(Store &store, const DatabaseLocation &location, QWidget *parent = nullptr);
    ~SignInDialog() override;

    /// The signed-in person, after accept().
    const Actor &actor() const { return m_actor; }

    /// Tests: true once the keychain answered the look-up for the current username.
    bool keychainSettled() const { return !m_lookupPending; }
    bool keychainAvailable() const { return m_keychainAvailable; }

    /// QSettings key of the last username signed in to this store (not secret).
    static QString lastUserKey(const DatabaseLocation &location);

public Q_SLOTS:
    void signIn();
    void forget();

private:
    void addHeading(QVBoxLayout *layout, const DatabaseLocation &location);
    void addRememberRow(QVBoxLayout *layout);
    void addButtonsAndConnect(QVBoxLayout *layout);
    void lookUpRemembered();
    void usernameEdited();
    void setMessage(const QString &text, bool error = true);
    void setBusy(bool busy);
    void updateButtons();
    void tickThrottle();
    void finishSignIn();
    QString canonicalUser() const;

    Domain m_domain;
    DatabaseLocation m_location;
    Actor m_actor;

    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QPushButton *m_forget = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signInButton = nullptr;

    QString m_rememberedFor;           ///< canonical username known to have a keychain entry
    bool m_filledFromKeychain = false; ///< the password field holds that entry, unchanged
    bool m_keychainAvailable = true;
    bool m_lookupPending = false;
    int m_lookupSerial = 0;
    bool m_busy = false;
    bool m_waitingForKeychain = false;
    qint64 m_retryAtMs = 0;
    QTimer m_throttleTimer;
};

} // namespace td
