// SPDX-License-Identifier: MIT
#pragma once

#include "adminapi.h"
#include "auththrottle.h"
#include "changefeed.h"
#include "httpengine.h"

#include "store/databaselocation.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostAddress>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace td {

class Store;
class WorkerPool;
class CredentialCache;
class CredentialListener;

/// tokendesk-server's serving part: the HTTP engine (httpengine.h) on `threads` I/O threads,
/// each with its own connection to the store, its own Domain and the routes (routes.h); the
/// sign-in pool for the requests that hash a secret; the access log. On PostgreSQL, verified
/// credentials are answered from a cache that the database itself invalidates (credentialcache.h).
class ApiServer
{
    Q_DECLARE_TR_FUNCTIONS(td::ApiServer)

public:
    struct Options
    {
        ServerLimits limits;
        AuthThrottle::Policy throttle;
        /// Receives one line per request (and per refused request or connection), without a
        /// newline, from any thread.
        std::function<void(const QByteArray &)> accessLog;
        int threads = 1;       ///< I/O threads
        int signInThreads = 1; ///< threads that hash secrets (Argon2id)
        int maxSignIns = 4;    ///< sign-ins held at once (running + waiting); more → 429
        /// The sign-in threads' nice value: below the I/O threads, so hashing yields to
        /// verification, but not so far that other work on the machine starves sign-ins (19:
        /// about 1.5 % of a core against one busy nice-0 process; 5: about 25 %).
        int signInNiceness = 5;
        int exportThreads = 1;          ///< threads that read the pages of CSV exports
        int maxExports = 4;             ///< exports streaming at once; more → 503
        bool credentialCache = true;    ///< PostgreSQL: the LISTEN/NOTIFY-invalidated cache
        ChangeFeed::Limits changePolls; ///< GET /api/v1/changes held at once, and how long
        /// --public-url: where clients reach this server (behind a proxy, the proxy's address);
        /// announced to consoles for their examples. Empty: not announced.
        QString publicUrl;
        /// Receives the server's notices (e.g. the notification connection lost); default:
        /// standard error.
        std::function<void(const QByteArray &)> notice;
    };
    using Reply = HttpReply;

    /// Serves the store `store` is connected to; every thread opens its own connection to it.
    ApiServer(Store &store, const Options &options);
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    /// TLS for start() (TLS 1.2+, AEAD suites, Strict-Transport-Security on every answer).
    bool enableTls(HttpEngine::TlsFiles files, QString *error);
    bool tlsEnabled() const { return m_engine->tlsEnabled(); }
    /// Listens on address:port (0: the kernel picks; QHostAddress::Any: every address, IPv4 and
    /// IPv6). Returns the port, or 0 and *error.
    quint16 start(const QHostAddress &address, quint16 port, QString *error);
    /// Stops accepting connections, closes the open ones and ends every thread.
    void stop();

    /// A fixed 200 answer on GET path without touching the store: the benchmark's baseline.
    /// Before start().
    void addStaticRoute(const QString &path, const QByteArray &json);

    const AuthThrottle &throttle() const { return m_throttle; }
    int connectionCount() const { return m_engine->connectionCount(); }

    /// For tests: every thread closes its database connection before its next request, so
    /// each query fails from then on.
    void closeStoreConnectionsForTesting() { ++m_closeGeneration; }

    /// The access-log line of one request (refused: request is null).
    static QByteArray accessLogLine(const QString &address, const HttpRequest *request, int status,
                                    qint64 micros, qint64 bytes, const QByteArray &note);

    struct ThreadState; ///< one thread's store connection, Domain and routes (apiserver.cpp)
    class PagedStream;  ///< a streamed body whose pages the export workers read
    struct HeldPoll;    ///< a change poll whose answer waits for a change (apiserver.cpp)

    /// Change polls held now, for tests.
    int heldChangePolls() const { return m_feed ? m_feed->heldCount() : 0; }

private:
    /// Opens the thread's connection, Domain and routes when it has none (or was told to close
    /// it); false and *error when the store cannot be reached.
    bool ready(ThreadState &state, Error *error);
    void handle(int thread, HttpRequest &&request, HttpEngine::Done done);
    /// Serves the requests an I/O thread read in one turn of its loop, in arrival order.
    void serveArrived(ThreadState &state);
    HttpReply serve(ThreadState &state, const HttpRequest &request);
    /// Holds a change poll's answer until the store changes or the poll's timeout (or refuses
    /// it over a limit); on the I/O thread `thread`. who: the route's log note (the user).
    void holdChangePoll(int thread, HttpRequest &&request, HttpEngine::Done done,
                        const QElapsedTimer &timer, const AdminApi::ChangePoll &poll,
                        const QByteArray &who);
    /// Ends a held poll: serves it again (its credential checked again, the cursor as it is
    /// now) and answers that; on its I/O thread, once.
    void answerHeld(const std::shared_ptr<HeldPoll> &held, const char *why);
    void log(const QString &address, const HttpRequest *request, int status, qint64 micros,
             qint64 bytes, const QByteArray &note);

    DatabaseLocation m_location;
    Options m_options;
    AuthThrottle m_throttle;
    QHash<QString, QByteArray> m_static;
    std::shared_ptr<CredentialCache> m_cache;
    std::unique_ptr<ChangeFeed> m_feed;
    std::unique_ptr<CredentialListener> m_listener;
    /// Before the engine: a stream still held by a connection gives its place back when the
    /// engine's connections go.
    AdminApi::Streams m_streams;
    std::atomic<int> m_exportsRunning{0};
    std::unique_ptr<HttpEngine> m_engine;
    std::unique_ptr<WorkerPool> m_signIns;
    std::unique_ptr<WorkerPool> m_exports;
    /// Per thread, each created and destroyed on its own thread (no thread_local: the
    /// programs do not link the dynamic loader for it).
    std::vector<std::unique_ptr<ThreadState>> m_ioStates;
    std::vector<std::unique_ptr<ThreadState>> m_signInStates;
    std::vector<std::unique_ptr<ThreadState>> m_exportStates;
    std::atomic<int> m_closeGeneration{0};
    bool m_stopped = false;
};

} // namespace td
