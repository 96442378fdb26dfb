// SPDX-License-Identifier: MIT
#pragma once

#include "client/pending.h"
#include "security/secret.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslCertificate;

namespace td {

/// Who a server says it is: its certificate, and whether this console trusts it.
struct ServerIdentity
{
    enum class Trust {
        SystemCa, ///< a certificate the system's CAs vouch for (and no other one pinned)
        Pinned,   ///< the certificate pinned for this server
        Unknown,  ///< the system does not trust it and none is pinned: ask the person
        Changed,  ///< another certificate than the pinned one: refused
    };
    Trust trust = Trust::Unknown;
    QByteArray sha256;       ///< of the certificate (DER), hex, lower case, colon-free
    QByteArray pinnedSha256; ///< the one pinned for this host and port, or empty
    QString subject;
    QString issuer;
    QDateTime notAfter;
};

/// The certificates this console accepts beyond the system's CAs: one pinned SHA-256 per
/// host:port (QSettings). A certificate the system does not trust is accepted only when its
/// fingerprint is the pinned one; a pinned server presenting another certificate is refused,
/// naming both fingerprints.
namespace ServerTrust {
/// Empty when url can name a TokenDesk server; else why not (https only, a host, no user name,
/// query or fragment).
QString whyNotUrl(const QString &url);
/// Connects to url and answers its identity (no credential is sent). An error only when no TLS
/// connection came about (server down, not TLS).
Pending<ServerIdentity> probe(const QUrl &url, QObject *parent);
void pin(const QUrl &url, const QByteArray &sha256);
QByteArray pinned(const QUrl &url); ///< empty when none
void forget(const QUrl &url);
/// The SHA-256 of a certificate as ServerIdentity spells it.
QByteArray fingerprint(const QSslCertificate &certificate);
} // namespace ServerTrust

/// One tokendesk-server: its URL, the access manager and the console credential. send() makes
/// one request of the admin API and answers its status and JSON body, or a transport error
/// (StoreUnavailable: not answering, timed out, certificate refused). Bound to its thread.
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    struct Answer
    {
        int status = 0;
        QJsonObject body;
        int retryAfterSeconds = 0;
    };

    ServerConnection(const QUrl &base, QObject *parent = nullptr);
    ~ServerConnection() override;

    QUrl base() const { return m_base; }
    /// The bearer credential sent with every request (none when empty).
    void setCredential(SecretBytes credential) { m_credential = std::move(credential); }
    const SecretBytes &credential() const { return m_credential; }
    void forgetCredential() { m_credential.wipe(); }

    /// How long a request may go without a byte moving (QNetworkRequest's transfer timeout).
    static int defaultTransferTimeoutMs();
    /// For tests: the timeout of connections made from now on (0: the default, 15 s).
    static void setDefaultTransferTimeoutForTesting(int ms);

    /// Sends verb path?query with body (a JSON object, or null for none). The body is wiped once
    /// sent (it may hold a password); so is the raw answer once read. cancel() aborts it.
    /// transferTimeoutMs: this request's transfer timeout when the server may hold the answer
    /// longer than the default (a change poll); 0: the connection's.
    Pending<Answer> send(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                         QByteArray body = QByteArray(), int transferTimeoutMs = 0);

    /// What a streamed answer's body piece becomes: nothing when it was taken, else the error
    /// that ends the request.
    using Piece = std::function<std::optional<Error>(const QByteArray &bytes)>;
    /// GET path?query whose 2xx body is handed to `piece` as it arrives, never held whole (a
    /// CSV export); the answer then has no body. An error answer is read as send() reads it.
    /// A body cut off before its end is StoreUnavailable. cancel() aborts it.
    Pending<Answer> receive(const QString &path, const QUrlQuery &query, Piece piece);

    /// The words for "cannot reach the server" (also used by probe()).
    static QString notAnswering(const QUrl &url, const QString &detail);

private:
    QNetworkReply *start(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                         QByteArray body, int transferTimeoutMs = 0);
    /// The answer of a started request (a streamed one when `piece` is set).
    Pending<Answer> answer(QNetworkReply *reply, Piece piece);

    QUrl m_base;
    QNetworkAccessManager *m_nam;
    SecretBytes m_credential;
    int m_timeoutMs;
};

/// Builds a JSON object body byte by byte, so that a secret is copied into the request body
/// only (no QString or QJsonObject copies), which ServerConnection::send() wipes.
class JsonBody
{
public:
    JsonBody &text(const char *key, const QString &value);
    JsonBody &secret(const char *key, const SecretBytes &value);
    JsonBody &integer(const char *key, qint64 value);
    JsonBody &boolean(const char *key, bool value);
    JsonBody &texts(const char *key, const QStringList &values);
    JsonBody &ids(const char *key, const QList<qint64> &values);
    QByteArray take();

private:
    void key(const char *key);
    QByteArray m_bytes;
};

} // namespace td
