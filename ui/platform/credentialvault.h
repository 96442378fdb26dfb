// SPDX-License-Identifier: MIT
#pragma once

#include "security/secret.h"
#include "store/databaselocation.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace td {

/// The OS keychain (QtKeychain → Secret Service / GNOME Keyring / KWallet on Linux), for what
/// "Remember me on this computer" keeps: a person's console password for a local store, and the
/// console credential of a tokendesk-server (never a password).
///
/// Keys are namespaced per store and per user (signInKey(), serverKey()); nothing secret ever
/// reaches QSettings — the insecure fallback of QtKeychain stays off. "Entry not found" is an
/// ordinary answer. When there is no working keychain (no Secret Service, a locked keyring) the
/// answer says so in plain words, and the caller goes on without remembering.
///
/// Jobs are asynchronous; the callback runs on the GUI thread unless its context object is gone.
class CredentialVault : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Ok,          ///< done (read: the secret is in Answer::secret)
        NotFound,    ///< no entry under that key
        Unavailable, ///< no keychain, or it is locked or refused access
        Failed,      ///< the keychain answered with another error
    };

    struct Answer
    {
        Outcome outcome = Outcome::Failed;
        SecretBytes secret;  ///< read only
        QString explanation; ///< for Unavailable and Failed: a sentence a person understands
        QString detail;      ///< QtKeychain's own error text (for a tooltip)
        bool ok() const { return outcome == Outcome::Ok; }
    };
    using Callback = std::function<void(Answer &)>;

    static CredentialVault &instance();

    /// The keychain's service name: "TokenDesk".
    QString serviceName() const { return m_domain; }
    /// Tests: another service name, so nothing they write can meet a real entry.
    void setServiceNameForTesting(const QString &service) { m_domain = service; }

    /// "sign-in:<store>:<username>" — a person's console password for one store.
    static QString signInKey(const DatabaseLocation &store, const QString &username);
    /// "server:<https://host:port>" — the console credential (tdc_, never a password) of a
    /// tokendesk-server this console signed in to with "Keep me signed in".
    static QString serverKey(const QUrl &server);

    void read(const QString &key, QObject *context, Callback done);
    void write(const QString &key, const SecretBytes &secret, QObject *context, Callback done);
    void remove(const QString &key, QObject *context, Callback done);

    /// Jobs started and not finished yet (tests wait for 0).
    int pendingJobs() const { return m_pending; }

Q_SIGNALS:
    void idle();

private:
    CredentialVault();
    enum class Kind { Read, Write, Delete };
    void start(Kind kind, const QString &key, const SecretBytes *secret, QObject *context,
               Callback done);

    QString m_domain;
    int m_pending = 0;
};

} // namespace td
