// SPDX-License-Identifier: MIT
#include "apiserver.h"

#include "credentiallistener.h"
#include "requestparse.h"
#include "routes.h"
#include "workerpool.h"

#include "domain/credentialcache.h"
#include "domain/service.h"
#include "security/secret.h"
#include "store/store.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>

namespace td {

/// What one thread (I/O or sign-in) keeps: its own connection to the store, its Service and
/// routes. Opened when the thread starts; reopened on the next request when that failed.
struct ApiServer::ThreadState
{
    std::unique_ptr<Store> store;
    std::unique_ptr<Service> service;
    std::unique_ptr<Routes> routes;
    int closeGeneration = 0;
};

namespace {
thread_local ApiServer::ThreadState *t_state = nullptr;
} // namespace

ApiServer::ApiServer(Store &store, const Options &options)
    : m_location(store.location())
    , m_options(options)
    , m_throttle(options.throttle)
{
    HttpEngine::Hooks hooks;
    hooks.handle = [this](int, HttpRequest &&request, HttpEngine::Done done) {
        handle(std::move(request), std::move(done));
    };
    hooks.refused = [this](const QString &address, int status, const QByteArray &reason) {
        log(address, nullptr, status, 0, 0, "refused: " + reason);
    };
    hooks.threadStarted = [this](int) {
        threadStarted();
    };
    hooks.threadFinished = [this](int) {
        threadFinished();
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
}

ApiServer::~ApiServer()
{
    stop();
}

bool ApiServer::enableTls(HttpEngine::TlsFiles files, QString *error)
{
    return m_engine->enableTls(std::move(files), error);
}

quint16 ApiServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_cache)
        m_listener = std::make_unique<CredentialListener>(m_location, m_cache, m_options.notice);
    WorkerPool::Hooks poolHooks;
    poolHooks.threadStarted = [this] {
        threadStarted();
    };
    poolHooks.threadFinished = [this] {
        threadFinished();
    };
    m_signIns = std::make_unique<WorkerPool>(m_options.signInThreads, m_options.maxSignIns,
                                             std::move(poolHooks));
    const QString host =
        address == QHostAddress(QHostAddress::Any) ? QStringLiteral("*") : address.toString();
    const quint16 actual = m_engine->start(host, port, m_options.threads, error);
    if (actual == 0) {
        m_signIns->stop();
        m_signIns.reset();
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
    m_listener.reset();
}

void ApiServer::addStaticRoute(const QString &path, const QByteArray &body)
{
    m_static.insert(path, body);
}

void ApiServer::threadStarted()
{
    auto *state = new ThreadState;
    state->closeGeneration = m_closeGeneration.load();
    t_state = state;
}

void ApiServer::threadFinished()
{
    delete t_state; // its Store closes its connection here, on its own thread
    t_state = nullptr;
}

HttpReply ApiServer::serve(const HttpRequest &request)
{
    ThreadState &state = *t_state;
    if (const int generation = m_closeGeneration.load(); generation != state.closeGeneration) {
        state.closeGeneration = generation;
        if (state.store)
            state.store->database().close();
    }
    if (!state.store) {
        auto opened = Store::open(m_location, Store::OpenMode::ExistingOnly);
        if (!opened)
            return Routes::storeError(opened.error());
        state.store = std::move(opened.value());
        state.service = std::make_unique<Service>(*state.store);
        state.service->setCredentialCache(m_cache);
        state.routes = std::make_unique<Routes>(*state.service, m_throttle, &m_static);
    }
    return state.routes->handle(request);
}

void ApiServer::handle(HttpRequest &&request, HttpEngine::Done done)
{
    QElapsedTimer timer;
    timer.start();
    if (Routes::hashesSecret(request)) {
        auto shared = std::make_shared<HttpRequest>(std::move(request));
        const bool queued = m_signIns->trySubmit([this, shared, done, timer] {
            HttpReply reply = serve(*shared);
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
    HttpReply reply = serve(request);
    log(request.address, &request, reply.status, timer.nsecsElapsed() / 1000, reply.body.size(),
        reply.logNote);
    done(std::move(reply));
}

QByteArray ApiServer::accessLogLine(const QString &address, const HttpRequest *request, int status,
                                    qint64 micros, qint64 bytes, const QByteArray &note)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    // The formatted second is kept per thread: formatting a date costs more than the rest.
    static thread_local qint64 second = -1;
    static thread_local QByteArray prefix;
    if (nowMs / 1000 != second) {
        second = nowMs / 1000;
        prefix = RequestParse::isoUtc(QDateTime::fromSecsSinceEpoch(second, Qt::UTC));
        prefix.chop(1); // the 'Z' comes after the milliseconds
    }
    QByteArray line;
    line.reserve(160);
    line += prefix;
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03dZ ", int(nowMs % 1000));
    line += ms;
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
