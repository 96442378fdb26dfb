// SPDX-License-Identifier: MIT
#pragma once

#include "client/serverconnection.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace td {

class HttpBackend;

/// "Sign in to a TokenDesk server": the server's https:// address, user name and password.
///
/// Sign In first looks at the server's certificate (ServerTrust::probe): one the system trusts,
/// or the one pinned for that server, goes on; an unknown one (self-signed) is shown with its
/// SHA-256 fingerprint and trusted only when the person accepts it, and is then pinned; a
/// certificate other than the pinned one is refused, both fingerprints named. Then the server
/// checks user name and password and answers a console credential (HttpBackend::signIn).
///
/// "Keep me signed in on this computer" keeps that credential — never the password — in the
/// OS keychain (CredentialVault::serverKey), so the next start goes on without asking until
/// the credential ends (8 hours unused, 7 days at most) or is revoked.
class ServerSignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ServerSignInDialog(const QUrl &server, QWidget *parent = nullptr);
    ~ServerSignInDialog() override;

    /// After accept(): the signed-in backend; the caller owns it from then on.
    HttpBackend *takeBackend();
    QUrl server() const { return m_server; }
    /// Shows why the dialog opened (e.g. "Your sign-in ended").
    void setMessage(const QString &text, bool problem);

    /// QSettings keys: the server last signed in to and its last user name (not secret).
    static QString serverKey();
    static QString lastUserKey();

    /// Tests: answers the certificate question without a window (true: trust it).
    static void setCertificateAnswerForTesting(std::optional<bool> answer);

public Q_SLOTS:
    void signIn();

Q_SIGNALS:
    /// The certificate question is open (tests).
    void certificateQuestionShown(QDialog *question);

private:
    void checked(const Result<ServerIdentity> &identity);
    /// Asks whether to trust an unknown certificate.
    void askToTrust(const ServerIdentity &identity);
    void sendCredentials();
    void signedIn(Result<HttpBackend *> backend);
    void setBusy(bool busy, const QString &status = {});
    void updateButtons();

    QUrl m_server;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_keep = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signIn = nullptr;
    bool m_busy = false;
    int m_attempt = 0; ///< answers to an older attempt are dropped
    QPointer<HttpBackend> m_backend;
};

/// The question about a certificate the system does not trust: who it names, who issued it,
/// until when, and its SHA-256 fingerprint to compare with the one the administrator gave.
/// Cancel is the default.
class CertificateDialog : public QDialog
{
    Q_OBJECT

public:
    CertificateDialog(const QUrl &server, const ServerIdentity &identity,
                      QWidget *parent = nullptr);
    /// "ab12cd…" as "AB:12:CD:…", in lines of 8 bytes.
    static QString groupedFingerprint(const QByteArray &hex);
};

} // namespace td
