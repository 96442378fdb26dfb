// SPDX-License-Identifier: MIT
#pragma once

#include "auththrottle.h"
#include "connectionguard.h"

#include "core/types.h"
#include "domain/domain.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QSslConfiguration>

#include <functional>
#include <memory>

class QHttpServerRequest;
class QTcpSocket;

namespace td {

class Store;

/// The HTTP API of PRODUCT.md ("HTTP API") over a TokenDesk store:
///   GET /healthz · GET /api/v1/me · POST /api/v1/introspect (RFC 7662) ·
///   POST /api/v1/mobile/sessions · DELETE /api/v1/mobile/sessions/current
/// with bearer authentication and its errors as RFC 6750 defines them, per-address throttling of
/// failed bearer checks (429 + Retry-After), size and time limits on requests (ConnectionGuard)
/// and a one-line access log per request that never holds a secret (no Authorization header, no
/// body, no query values).
///
/// Built directly on QAbstractHttpServer (Qt HttpServer): 6.4's QHttpServer router has no hook
/// before routing and answers a wrong method with 404, so this class routes itself. All work
/// runs in the thread that owns the server and its Store (QSqlDatabase is thread-bound);
/// verification is one prepared statement, so that thread is not the bottleneck.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    struct Options
    {
        ServerLimits limits;
        AuthThrottle::Policy throttle;
        /// Receives one line per request (and per refused connection), without a newline.
        std::function<void(const QByteArray &)> accessLog;
    };

    ApiServer(Store &store, const Options &options, QObject *parent = nullptr);
    ~ApiServer() override;

    /// TLS for every later listen() (QAbstractHttpServer::sslSetup, Qt 6.4's way).
    void enableTls(const QSslConfiguration &configuration);
    bool tlsEnabled() const { return m_tls; }
    /// Listens on address:port (0: the kernel picks). Returns the port, or 0 and *error.
    quint16 start(const QHostAddress &address, quint16 port, QString *error);
    /// Stops accepting connections and closes the open ones.
    void stop();

    /// A fixed 200 answer on GET path without touching the store: the benchmark's baseline.
    void addStaticRoute(const QString &path, const QByteArray &json);

    const AuthThrottle &throttle() const { return m_throttle; }
    Domain &domain() { return m_domain; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

public:
    /// One answer; also what the access log needs to know about it.
    struct Reply
    {
        int status = 200;
        QByteArray body; ///< JSON
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray logNote; ///< e.g. "user=alice token=tdk_…a1B2" or "auth=revoked"
    };

private:
    Reply dispatch(const QHttpServerRequest &request, const QString &address);
    Reply healthz();
    Reply me(const QHttpServerRequest &request, const QString &address);
    Reply introspect(const QHttpServerRequest &request, const QString &address);
    Reply createSession(const QHttpServerRequest &request, const QString &address);
    Reply endSession(const QHttpServerRequest &request, const QString &address);
    /// RFC 6750: finds and checks the bearer token; on failure *reply is the error to send.
    bool authenticate(const QHttpServerRequest &request, const QString &address,
                      VerifiedToken *verified, QByteArray *token, Reply *reply);
    Reply storeError(const Error &error);
    void send(QTcpSocket *socket, const Reply &reply, bool close);
    void logLine(const QString &address, const QHttpServerRequest *request, int status,
                 qint64 micros, qint64 bytes, const QByteArray &note);

    Store &m_store;
    Domain m_domain;
    Options m_options;
    AuthThrottle m_throttle;
    ConnectionGuard *m_guard = nullptr;
    QHash<QString, QByteArray> m_static;
    bool m_tls = false;
    qint64 m_logSecond = -1;
    QByteArray m_logPrefix;
};

} // namespace td
