// SPDX-License-Identifier: MIT
#pragma once

#include "security/secret.h"

#include <QString>

#include <memory>

namespace td {

/// tokendesk-server's e-mail settings: the file --mail-config names (INI; it holds the SMTP
/// password, so it must not be readable by group or others). Without the file no e-mail is
/// sent (notices are still recorded, and the outbox keeps what would have gone out).
///
///     [smtp]
///     url = smtp://mail.example.org:587     ; smtps://… for TLS from the start
///     username = tokendesk
///     password = …
///     from = TokenDesk <tokendesk@example.org>
///     ca_file = /etc/ssl/certs/example-ca.pem ; default: the system's
///     security = starttls                   ; starttls (smtp://, the default) | tls (smtps://)
///                                           ; | none (only to a relay on a loopback address)
///     [notices]
///     language = en                         ; for users without a language of their own
///     admin_digest = true
///     digest_hour_utc = 7                   ; the digest goes out once a UTC day from this hour
///     scan_interval_seconds = 3600          ; how often expiring credentials are looked for
///     send_interval_seconds = 60            ; how often the outbox is looked at
///     retry_seconds = 60                    ; the first wait after a failed attempt (×5 each)
struct MailSettings
{
    enum class Security { StartTls, Tls, None };
    QString url;
    QString username;
    SecretBytes password;
    QString from;        ///< as written in the From header
    QString fromAddress; ///< the address alone, for MAIL FROM
    QString caFile;
    Security security = Security::StartTls;
    QString language = QStringLiteral("en");
    bool adminDigest = true;
    int digestHourUtc = 7;
    int scanIntervalSeconds = 3600;
    int sendIntervalSeconds = 60;
    int retrySeconds = 60;

    /// Reads and checks `path`; the message of the first problem in *error.
    static std::unique_ptr<MailSettings> load(const QString &path, QString *error);
};

/// Sends one e-mail over SMTP with libcurl: STARTTLS (required unless the settings say none),
/// authentication when a username is set, certificate and host name verified.
class Mailer
{
public:
    explicit Mailer(const MailSettings &settings);

    struct Outcome
    {
        bool sent = false;
        bool permanent = false; ///< the server refused the message or recipient for good (5xx)
        QString error;          ///< without the password
    };
    /// `messageId`: unique per e-mail (the outbox row's id); written into Message-ID.
    Outcome send(const QString &to, const QString &subject, const QString &body,
                 qint64 messageId) const;

    /// The message as sent (headers and CRLF body); tests read it.
    QByteArray message(const QString &to, const QString &subject, const QString &body,
                       qint64 messageId) const;

private:
    const MailSettings &m_settings;
};

} // namespace td
