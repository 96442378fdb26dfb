// SPDX-License-Identifier: MIT
#pragma once

// The HTTP/1.1 engine of tokendesk-server on Boost.Beast + Asio, behind an interface without
// Boost in it: Beast's templates are instantiated in httpengine.cpp only (they take long to
// compile). The engine reads requests with Beast's parser, the only HTTP parser of the server,
// enforces the limits below, answers refusals itself and hands every well-formed request to a
// handler; the routes (routes.h) never see a socket.

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace td {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

/// Size, time and connection limits. The defaults are the server's (README "tokendesk-server").
struct ServerLimits
{
    qsizetype maxHeaderBytes = qsizetype(8) * 1024; ///< request line + headers; more → 431
    qsizetype maxBodyBytes =
        qsizetype(16) * 1024;          ///< Content-Length above this → 413 (never buffered)
    int maxConnections = 512;          ///< more at once → 503 and close
    int maxConnectionsPerAddress = 32; ///< more from one client address → 429 and close
    int idleTimeoutMs = 60 * 1000;     ///< a keep-alive connection idle this long is closed
    /// A request's head must arrive within this, counted from its first byte (a total deadline,
    /// not an idle timer: trickling bytes does not extend it) → 408; so must its body, and a
    /// new connection's first request.
    int headerTimeoutMs = 10 * 1000;
    int writeTimeoutMs = 10 * 1000;     ///< an answer the client does not read in time → reset
    int handshakeTimeoutMs = 10 * 1000; ///< TLS handshake deadline
};

/// One request as the routes see it.
struct HttpRequest
{
    QByteArray method; ///< as sent ("GET")
    QByteArray target; ///< request-target as sent ("/api/v1/me?x=1")
    HttpHeaders headers;
    QByteArray body;
    QString address; ///< the client's IP address
    bool tls = false;
    bool keepAlive = true;
    int version = 11; ///< HTTP/1.0: 10, HTTP/1.1: 11

    /// The first header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    /// Every header of that name, in order.
    QList<QByteArray> headerValues(QByteArrayView name) const;
};

/// The rest of an answer's body, made piece by piece after its first part (HttpReply::body),
/// for an answer too large to hold (a CSV export). The engine sends such an answer chunked
/// (Transfer-Encoding: chunked) and asks for the next piece only once the previous one was
/// written: one piece per connection is held, a client that reads slowly slows the producer
/// down, and one that stops reading is cut off by the write timeout, after which no piece is
/// asked for and the stream is released.
class HttpBodyStream
{
public:
    struct Piece
    {
        QByteArray bytes;
        bool last = false;   ///< the body ends with these bytes
        bool failed = false; ///< the body cannot be completed: the connection is cut, so the
                             ///< client never takes a partial body for a whole one
    };
    using Deliver = std::function<void(Piece)>;

    virtual ~HttpBodyStream() = default;
    /// Makes the next piece and calls deliver exactly once, from any thread.
    virtual void next(Deliver deliver) = 0;
};

/// One answer (a JSON body unless contentType says otherwise); logNote is for the access log
/// only. With a stream, body is the first part of a chunked body.
struct HttpReply
{
    int status = 200;
    QByteArray body;
    HttpHeaders headers;
    QByteArray logNote;
    QByteArray contentType = "application/json";
    std::shared_ptr<HttpBodyStream> stream;
};

/// The engine's verdict on bytes from a client: a request to route, or a refusal.
struct ParsedRequest
{
    std::optional<HttpRequest> request;
    int refusal = 0;        ///< with no request: the status to answer (400, 411, 413, 431, 408)
    QByteArray reason;      ///< with a refusal: for the log and the answer
    qsizetype consumed = 0; ///< bytes of the input this request took
};

/// Parses the first request in `bytes` with the engine's parser and limits, exactly as a
/// connection would (for fuzzing and tests; no socket). With incomplete input: no request and
/// refusal 0.
ParsedRequest parseHttpRequest(QByteArrayView bytes, const ServerLimits &limits);

/// The bytes the engine writes for a reply (status line, headers, body), for fuzzing and tests.
QByteArray serializeHttpReply(const HttpReply &reply, bool close, bool tls);

/// Listens, accepts and serves connections on `threads` I/O threads, each with its own
/// io_context (so whatever a thread keeps — a database connection — is used by that thread
/// only).
class HttpEngine
{
public:
    /// Completes one request: call it exactly once, from any thread.
    using Done = std::function<void(HttpReply)>;

    struct Hooks
    {
        /// Runs on I/O thread `thread` for each request; calls done (now or later).
        std::function<void(int thread, HttpRequest &&request, Done done)> handle;
        /// A request or connection refused by the engine (status 0: closed without answer).
        std::function<void(const QString &address, int status, const QByteArray &reason)> refused;
        /// Run on each I/O thread when it starts and just before it ends.
        std::function<void(int thread)> threadStarted;
        std::function<void(int thread)> threadFinished;
    };

    struct TlsFiles
    {
        QByteArray certificateChainPem;
        QByteArray privateKeyPem; ///< wiped by the engine once loaded
    };

    HttpEngine(const ServerLimits &limits, Hooks hooks);
    ~HttpEngine();
    HttpEngine(const HttpEngine &) = delete;
    HttpEngine &operator=(const HttpEngine &) = delete;

    /// TLS for the listener (TLS 1.2 and 1.3, AEAD cipher suites only). False and *error when
    /// the PEM data is not a certificate chain and its unencrypted private key.
    bool enableTls(TlsFiles files, QString *error);
    bool tlsEnabled() const;

    /// Binds host:port (port 0: the kernel picks) and starts `threads` I/O threads. Returns the
    /// port, or 0 and *error.
    quint16 start(const QString &host, quint16 port, int threads, QString *error);
    /// Stops accepting, closes every connection and joins the threads.
    void stop();

    int connectionCount() const;
    /// Runs fn on I/O thread `thread` after the completions that are ready now, so a handler can
    /// gather the requests that arrived together and serve them in one go.
    void post(int thread, std::function<void()> fn);
    /// Runs fn on I/O thread `thread` after ms milliseconds (an asio timer: no thread waits),
    /// unless the function answered, callable from any thread, cancels it first. With a Done
    /// kept for later, this is how a handler holds an answer (a change poll) and ends the hold.
    std::function<void()> after(int thread, int ms, std::function<void()> fn);

    struct Impl; ///< httpengine.cpp

private:
    std::unique_ptr<Impl> d;
};

} // namespace td
