// SPDX-License-Identifier: MIT
#include "apiserver.h"

#include "credentiallistener.h"
#include "requestparse.h"
#include "routes.h"
#include "workerpool.h"

#include "domain/domain.h"
#include "domain/tokens/credentialcache.h"
#include "security/clientaddress.h"
#include "security/secret.h"
#include "store/changewatcher.h"
#include "store/store.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>
#include <ctime>

namespace td {

/// What one thread (I/O or sign-in) keeps: its own connection to the store, its Domain and
/// routes. Opened when the thread starts; reopened on the next request when that failed.
struct ApiServer::ThreadState
{
    std::unique_ptr<Store> store;
    std::unique_ptr<Domain> domain;
    std::unique_ptr<Routes> routes;
    int closeGeneration = 0;
    int thread = -1; ///< I/O threads: the engine's number

    struct Arrived
    {
        HttpRequest request;
        HttpEngine::Done done;
        QElapsedTimer timer;
    };
    std::vector<Arrived> arrived; ///< I/O threads: read, not yet served (serveArrived())
};

struct ApiServer::HeldPoll
{
    int thread = 0;
    HttpRequest request;
    HttpEngine::Done done;
    QElapsedTimer timer;
    quint64 id = 0;
    bool ended = false;                ///< touched on its I/O thread only
    std::function<void()> stopTimeout; ///< cancels the timeout's timer
};

/// The rest of an export's body: each piece is one page, read by an export worker with its
/// own connection to the store when the engine asks for it (after the previous piece was
/// written). Holds one of the server's export places while it lives.
class ApiServer::PagedStream : public HttpBodyStream,
                               public std::enable_shared_from_this<PagedStream>
{
public:
    PagedStream(ApiServer &server, AdminApi::Pages pages)
        : m_server(server)
        , m_pages(std::move(pages))
    {}
    ~PagedStream() override { m_server.m_exportsRunning.fetch_sub(1); }

    void next(Deliver deliver) override
    {
        auto self = shared_from_this();
        const bool queued = m_server.m_exports->trySubmit([self, deliver](int worker) {
            ThreadState &state = *self->m_server.m_exportStates[size_t(worker)];
            Error error;
            Piece piece;
            if (!self->m_server.ready(state, &error)) {
                piece.failed = true;
            } else {
                auto page = self->m_pages(*state.domain, &piece.last);
                piece.failed = !page;
                if (page)
                    piece.bytes = std::move(page.value());
            }
            deliver(std::move(piece));
        });
        if (!queued) // the server is stopping
            deliver(Piece{{}, false, true});
    }

private:
    ApiServer &m_server;
    AdminApi::Pages m_pages;
};

ApiServer::ApiServer(Store &store, const Options &options)
    : m_location(store.location())
    , m_options(options)
    , m_throttle(options.throttle)
{
    HttpEngine::Hooks hooks;
    hooks.handle = [this](int thread, HttpRequest &&request, HttpEngine::Done done) {
        handle(thread, std::move(request), std::move(done));
    };
    hooks.refused = [this](const QString &address, int status, const QByteArray &reason) {
        log(address, nullptr, status, 0, 0, "refused: " + reason);
    };
    hooks.threadStarted = [this](int thread) {
        m_ioStates[size_t(thread)] = std::make_unique<ThreadState>();
        m_ioStates[size_t(thread)]->thread = thread;
    };
    hooks.threadFinished = [this](int thread) {
        m_ioStates[size_t(thread)].reset(); // its Store closes its connection on its thread
    };
    m_engine = std::make_unique<HttpEngine>(options.limits, std::move(hooks));
    if (!m_options.notice)
        m_options.notice = [](const QByteArray &text) {
            const QByteArray line = "tokendesk-server: " + text + '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
            std::fflush(stderr);
        };
    if (options.credentialCache && !m_location.isSqlite())
        m_cache = std::make_shared<CredentialCache>();
    m_streams = [this](AdminApi::Pages pages) -> std::shared_ptr<HttpBodyStream> {
        // A place among the exports running at once, given back when the stream goes.
        if (m_exportsRunning.fetch_add(1) >= m_options.maxExports) {
            m_exportsRunning.fetch_sub(1);
            return nullptr;
        }
        return std::make_shared<PagedStream>(*this, std::move(pages));
    };
}

ApiServer::~ApiServer()
{
    stop();
}

bool ApiServer::enableTls(HttpEngine::TlsFiles files, QString *error)
{
    return m_engine->enableTls(std::move(files), error);
}

namespace {

/// A pool's hooks that give each of its threads its own store connection, Domain and routes in
/// states[worker] (opened on first use), dropped when the thread ends.
WorkerPool::Hooks stateHooks(std::vector<std::unique_ptr<ApiServer::ThreadState>> &states,
                             int threads)
{
    states.resize(size_t(std::max(1, threads)));
    WorkerPool::Hooks hooks;
    hooks.threadStarted = [&states](int worker) {
        states[size_t(worker)] = std::make_unique<ApiServer::ThreadState>();
    };
    hooks.threadFinished = [&states](int worker) {
        states[size_t(worker)].reset();
    };
    return hooks;
}

} // namespace

quint16 ApiServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    m_feed = std::make_unique<ChangeFeed>(m_location, m_options.changePolls);
    if (!m_location.isSqlite()) {
        m_listener = std::make_unique<CredentialListener>(
            m_location, m_cache, m_options.notice, [feed = m_feed.get()] { feed->changed(); });
        // Answer in a known state: the cache live, or every request read from the database.
        // The listener's connect_timeout (5 s) bounds this.
        m_listener->waitForFirstAttempt(6000);
    }
    m_ioStates.resize(size_t(std::max(1, m_options.threads)));
    m_signIns = std::make_unique<WorkerPool>(m_options.signInThreads, m_options.maxSignIns,
                                             stateHooks(m_signInStates, m_options.signInThreads),
                                             m_options.signInNiceness);
    // Each running export holds at most one page job; its first request is one more.
    m_exports =
        std::make_unique<WorkerPool>(m_options.exportThreads, 2 * m_options.maxExports,
                                     stateHooks(m_exportStates, m_options.exportThreads), 10);
    const QString host =
        address == QHostAddress(QHostAddress::Any) ? QStringLiteral("*") : address.toString();
    const quint16 actual = m_engine->start(host, port, m_options.threads, error);
    if (actual == 0) {
        m_signIns->stop();
        m_signIns.reset();
        m_exports->stop();
        m_exports.reset();
    }
    return actual;
}

void ApiServer::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    // The I/O threads first (no new sign-in is submitted), then the sign-in pool; their
    // answers to connections that are gone are dropped with the engine.
    m_engine->stop();
    if (m_signIns)
        m_signIns->stop();
    if (m_exports)
        m_exports->stop();
    m_listener.reset();
    m_feed.reset(); // the polls it held go with their connections
}

void ApiServer::addStaticRoute(const QString &path, const QByteArray &body)
{
    m_static.insert(path, body);
}

bool ApiServer::ready(ThreadState &state, Error *error)
{
    if (const int generation = m_closeGeneration.load(); generation != state.closeGeneration) {
        state.closeGeneration = generation;
        if (state.store)
            state.store->database().close();
    }
    if (!state.store) {
        auto opened = Store::open(m_location, Store::OpenMode::ExistingOnly);
        if (!opened) {
            *error = opened.error();
            return false;
        }
        state.store = std::move(opened.value());
        state.domain = std::make_unique<Domain>(*state.store);
        state.domain->tokens.setCredentialCache(m_cache);
        state.routes = std::make_unique<Routes>(*state.domain, m_throttle, &m_static, &m_streams,
                                                m_feed.get());
        state.routes->setPublicUrl(m_options.publicUrl);
    }
    return true;
}

HttpReply ApiServer::serve(ThreadState &state, const HttpRequest &request)
{
    Error error;
    if (!ready(state, &error))
        return Routes::storeError(error);
    return state.routes->handle(request);
}

void ApiServer::handle(int thread, HttpRequest &&request, HttpEngine::Done done)
{
    QElapsedTimer timer;
    timer.start();
    if (Routes::hashesSecret(request)) {
        auto shared = std::make_shared<HttpRequest>(std::move(request));
        const bool queued = m_signIns->trySubmit([this, shared, done, timer](int worker) {
            HttpReply reply = serve(*m_signInStates[size_t(worker)], *shared);
            secureWipe(shared->body); // holds the access code
            log(shared->address, shared.get(), reply.status, timer.nsecsElapsed() / 1000,
                reply.body.size(), reply.logNote);
            done(std::move(reply));
        });
        if (!queued) {
            secureWipe(shared->body);
            HttpReply reply = Routes::tooManySignIns(1);
            log(shared->address, shared.get(), reply.status, timer.nsecsElapsed() / 1000,
                reply.body.size(), reply.logNote);
            done(std::move(reply));
        }
        return;
    }
    if (Routes::streamsAnswer(request)) {
        // An export reads the store page by page: on the export workers, never here.
        auto shared = std::make_shared<HttpRequest>(std::move(request));
        const bool queued = m_exports->trySubmit([this, shared, done, timer](int worker) {
            HttpReply reply = serve(*m_exportStates[size_t(worker)], *shared);
            log(shared->address, shared.get(), reply.status, timer.nsecsElapsed() / 1000,
                reply.body.size(), reply.logNote);
            done(std::move(reply));
        });
        if (!queued) {
            HttpReply reply = Routes::tooManyExports();
            log(shared->address, shared.get(), reply.status, timer.nsecsElapsed() / 1000,
                reply.body.size(), reply.logNote);
            done(std::move(reply));
        }
        return;
    }
    // Served once the requests that are ready with it have been read too: they all arrived
    // before any of them is served, so their verifications can share one look at the store.
    ThreadState &state = *m_ioStates[size_t(thread)];
    state.arrived.push_back({std::move(request), std::move(done), timer});
    if (state.arrived.size() == 1)
        m_engine->post(thread, [this, &state] { serveArrived(state); });
}

void ApiServer::serveArrived(ThreadState &state)
{
    std::vector<ThreadState::Arrived> batch;
    batch.swap(state.arrived);
    if (state.domain)
        state.domain->tokens.beginVerificationBatch();
    for (ThreadState::Arrived &a : batch) {
        HttpReply reply = serve(state, a.request);
        if (auto poll = state.routes ? state.routes->takeChangePoll() : std::nullopt) {
            holdChangePoll(state.thread, std::move(a.request), std::move(a.done), a.timer, *poll,
                           reply.logNote);
            continue;
        }
        log(a.request.address, &a.request, reply.status, a.timer.nsecsElapsed() / 1000,
            reply.body.size(), reply.logNote);
        a.done(std::move(reply));
    }
    if (state.domain)
        state.domain->tokens.endVerificationBatch();
}

void ApiServer::holdChangePoll(int thread, HttpRequest &&request, HttpEngine::Done done,
                               const QElapsedTimer &timer, const AdminApi::ChangePoll &poll,
                               const QByteArray &who)
{
    auto held = std::make_shared<HeldPoll>();
    held->thread = thread;
    held->request = std::move(request);
    held->done = std::move(done);
    held->timer = timer;
    // The timeout first: it runs on this thread, so not before the hold below is in place.
    held->stopTimeout = m_engine->after(thread, m_options.changePolls.timeoutMs,
                                        [this, held] { answerHeld(held, "timeout"); });
    const std::weak_ptr<HeldPoll> weak = held;
    const ChangeFeed::Held verdict = m_feed->hold(
        poll.after, clientKey(held->request.address), poll.credentialKey,
        [this, weak] {
            const auto h = weak.lock();
            if (!h)
                return;
            // Woken (on the thread that heard the change): answered on its own thread once
            // the changes that come with this one are in, so one answer covers a burst.
            m_engine->post(h->thread, [this, h] {
                if (h->ended)
                    return;
                h->stopTimeout();
                h->stopTimeout = m_engine->after(h->thread, ChangeWatcher::SettleMs,
                                                 [this, h] { answerHeld(h, "woken"); });
            });
        },
        &held->id);
    HttpReply answer;
    switch (verdict) {
    case ChangeFeed::Held::Yes:
        return;
    case ChangeFeed::Held::Moved: // changed since the route read the cursor
        held->ended = true;
        held->stopTimeout();
        answer = serve(*m_ioStates[size_t(thread)], held->request);
        if (ThreadState &state = *m_ioStates[size_t(thread)]; state.routes)
            (void)state.routes->takeChangePoll(); // answered now, whatever it says
        break;
    case ChangeFeed::Held::TooMany:
        answer = Routes::tooManyChangePolls(503, "poll=busy");
        break;
    case ChangeFeed::Held::TooManyFromAddress:
        answer = Routes::tooManyChangePolls(429, "poll=busy_address");
        break;
    case ChangeFeed::Held::TooManyForCredential:
        answer = Routes::tooManyChangePolls(429, "poll=busy_credential");
        break;
    }
    held->ended = true;
    held->stopTimeout();
    if (verdict != ChangeFeed::Held::Moved && !who.isEmpty())
        answer.logNote = who + ' ' + answer.logNote;
    log(held->request.address, &held->request, answer.status, timer.nsecsElapsed() / 1000,
        answer.body.size(), answer.logNote);
    held->done(std::move(answer));
}

void ApiServer::answerHeld(const std::shared_ptr<HeldPoll> &held, const char *why)
{
    if (held->ended)
        return;
    held->ended = true;
    m_feed->release(held->id);
    held->stopTimeout();
    ThreadState &state = *m_ioStates[size_t(held->thread)];
    HttpReply reply = serve(state, held->request);
    if (state.routes)
        (void)state.routes->takeChangePoll(); // its hold is over: the answer is this one
    // One access-log line per poll, saying how its hold ended (not "at once", as served now).
    const QByteArray how = QByteArray("poll=") + why;
    if (reply.logNote.contains("poll=at_once"))
        reply.logNote.replace("poll=at_once", how);
    else
        reply.logNote += (reply.logNote.isEmpty() ? "" : " ") + how;
    log(held->request.address, &held->request, reply.status, held->timer.nsecsElapsed() / 1000,
        reply.body.size(), reply.logNote);
    HttpEngine::Done done = std::move(held->done);
    done(std::move(reply));
}

QByteArray ApiServer::accessLogLine(const QString &address, const HttpRequest *request, int status,
                                    qint64 micros, qint64 bytes, const QByteArray &note)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const time_t secs = time_t(nowMs / 1000);
    tm parts{};
    gmtime_r(&secs, &parts);
    char stamp[40];
    const int n = std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ ",
                                parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                                parts.tm_hour, parts.tm_min, parts.tm_sec, int(nowMs % 1000));
    QByteArray line;
    line.reserve(160);
    line.append(stamp, n);
    line += address.toLatin1();
    line += " \"";
    if (request) {
        // The method as sent, but never more than a short token.
        line += request->method.left(16);
        line += ' ';
        line += Routes::loggablePath(*request);
    } else {
        line += '-';
    }
    line += "\" ";
    line += QByteArray::number(status);
    line += ' ';
    line += QByteArray::number(bytes);
    line += "B ";
    line += QByteArray::number(double(micros) / 1000.0, 'f', 2);
    line += "ms";
    if (!note.isEmpty()) {
        line += ' ';
        line += note;
    }
    return line;
}

void ApiServer::log(const QString &address, const HttpRequest *request, int status, qint64 micros,
                    qint64 bytes, const QByteArray &note)
{
    if (m_options.accessLog)
        m_options.accessLog(accessLogLine(address, request, status, micros, bytes, note));
}

} // namespace td
