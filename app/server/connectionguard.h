// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QTcpServer>

#include <functional>

class QTcpSocket;
class QTimer;

namespace td {

struct ServerLimits
{
    qsizetype maxHeaderBytes = 8 * 1024; ///< request line + headers; more → 431
    qsizetype maxBodyBytes = 16 * 1024;  ///< Content-Length above this → 413
    int maxConnections = 512;            ///< more at once → 503 and close
    int idleTimeoutMs = 60 * 1000;       ///< a keep-alive connection idle this long is closed
    int headerTimeoutMs = 10 * 1000;     ///< a request's headers must arrive within this → 408
};

/// Sits in front of Qt HttpServer on every connection. Qt 6.4's QAbstractHttpServer buffers a
/// whole request (any size) before it calls handleRequest(), and drops a connection without an
/// answer when its parser gives up; so this guard sees the bytes first (its readyRead slot is
/// connected before the server's) and frames requests just enough to enforce the limits:
/// header section size (431), Content-Length (413; chunked bodies are refused with 411),
/// slow or idle connections (408 / close) and the number of connections (503). A refused
/// connection is answered, detached from the HTTP server, drained briefly and closed.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    /// `onReject(socket, status, reason)` is told of every refusal (for the access log).
    ConnectionGuard(QObject *httpServer, const ServerLimits &limits, QObject *parent = nullptr);
    ~ConnectionGuard() override;

    const ServerLimits &limits() const { return m_limits; }
    void setRejectLogger(std::function<void(QTcpSocket *, int, const QByteArray &)> log)
    {
        m_log = std::move(log);
    }
    /// Call for every new socket before the HTTP server connects to it.
    void attach(QTcpSocket *socket);
    qsizetype connectionCount() const { return m_states.size(); }

private:
    enum class Phase { Head, Body, Rejected };
    struct State
    {
        Phase phase = Phase::Head;
        QByteArray head;
        qint64 bodyLeft = 0;
        qint64 lastActivityMs = 0;
        qint64 headStartedMs = 0;
        qint64 discarded = 0;
    };
    void onReadyRead(QTcpSocket *socket);
    /// Returns false (after rejecting) when the bytes break a limit.
    bool feed(QTcpSocket *socket, State &state, QByteArrayView data, qint64 now);
    bool headerComplete(QTcpSocket *socket, State &state, QByteArrayView head);
    void reject(QTcpSocket *socket, State &state, int status, const QByteArray &reason);
    void sweep();

    QObject *m_httpServer;
    ServerLimits m_limits;
    QHash<QTcpSocket *, State> m_states;
    QTimer *m_sweep = nullptr;
    std::function<void(QTcpSocket *, int, const QByteArray &)> m_log;
};

/// A QTcpServer whose sockets pass through a ConnectionGuard before the HTTP server sees them.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(ConnectionGuard &guard, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_guard(guard)
    {}

protected:
    void incomingConnection(qintptr handle) override;

private:
    ConnectionGuard &m_guard;
};

/// The error answers the guard and the server write themselves: JSON body, Content-Length.
QByteArray rawHttpResponse(int status, const QList<std::pair<QByteArray, QByteArray>> &headers,
                           const QByteArray &contentType, const QByteArray &body);
QByteArray httpReasonPhrase(int status);

} // namespace td
