// SPDX-License-Identifier: MIT
// For the server tests: a real tokendesk-server process on 127.0.0.1 with a port the kernel
// picks, and blocking HTTP calls through QNetworkAccessManager.
#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QUrl>

namespace td::test {

class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /// Starts $TD_SERVER_BIN --database spec --listen 127.0.0.1:0 --credential-cache off
    /// extra…; waits for its URL. Without the credential cache a server on PostgreSQL reads
    /// every credential from the store, so a change is refused by the very next request, which
    /// the tests rely on; server.notifications passes "--credential-cache on" and tests the
    /// cache, whose changes arrive within milliseconds.
    bool start(const QString &databaseSpec, const QStringList &extra = {}, QString *why = nullptr);
    /// The server's URL with that path (and query, after a '?').
    QUrl url(const QString &path = {}) const;
    quint16 port() const { return quint16(m_base.port()); }
    /// Everything written to standard error so far (the access log).
    QByteArray log();
    /// Sends the signal and waits; returns the exit code (-1: did not stop in time).
    int stop(int signal = 15);
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QUrl m_base;
    QByteArray m_err;
};

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
};

using RawHeaders = QList<std::pair<QByteArray, QByteArray>>;

HttpResult http(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url,
                const RawHeaders &headers = {}, const QByteArray &body = {},
                const QSslConfiguration *tls = nullptr);
RawHeaders bearer(const QByteArray &token);
/// From now on, http() keeps every answer in <build>/openapi-answers/<test>/ for openapi.check
/// (tokens in it blanked), which validates each against openapi/tokendesk.yaml.
void recordAnswers(bool on);

/// Sends raw bytes over a fresh TCP connection and returns what comes back until the server
/// closes it (or the timeout).
QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000);

/// A blocking-free POSIX client socket from `source` (a loopback address such as 127.0.0.2:
/// another client address) to 127.0.0.1:port; -1 when it cannot connect.
int connectFrom(const char *source, quint16 port);
/// Reads what is there into *in, waiting up to waitMs for more; false once the peer closed.
bool readSome(int fd, QByteArray *in, int waitMs);
/// Sends everything (waiting while the socket is full); false when the peer closed.
bool sendAll(int fd, QByteArrayView bytes, int timeoutMs = 5000);

/// A throwaway self-signed certificate for 127.0.0.1 (EC P-256, two days), made with openssl:
/// <dir>/<name>.pem and <dir>/<name>-key.pem. Returns its SHA-256 as openssl prints it
/// ("AB:CD:…"); empty when openssl failed.
QString makeTestCertificate(const QString &dir, const QString &name);
/// "AB:CD:…" as ServerIdentity spells a fingerprint: "abcd…".
QByteArray fingerprintHex(const QString &colons);
/// tokendesk-server's --tls-cert and --tls-key for that certificate.
QStringList tlsArguments(const QString &dir, const QString &name);

} // namespace td::test
