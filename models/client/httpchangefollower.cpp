// SPDX-License-Identifier: MIT
#include "httpchangefollower.h"

#include "client/httpbackend.h"

#include <QTimer>

#include <algorithm>

namespace td {

HttpChangeFollower::HttpChangeFollower(HttpBackend &backend, QObject *parent)
    : ChangeSource(parent)
    , m_backend(backend)
    , m_next(new QTimer(this))
{
    m_next->setSingleShot(true);
    connect(m_next, &QTimer::timeout, this, &HttpChangeFollower::step);
    connect(&m_backend, &Backend::signedOut, this, &HttpChangeFollower::stop);
    // The cursor before the lists' first read: a change made while they read is not missed.
    poll();
}

HttpChangeFollower::~HttpChangeFollower()
{
    if (m_request)
        m_request->cancel();
}

void HttpChangeFollower::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        m_next->stop();
        step(); // what was held back, and a look at once
        return;
    }
    m_next->stop();
    if (m_request) { // the held request goes: nothing is asked while nobody looks
        m_request->cancel();
        m_request.reset();
    }
}

void HttpChangeFollower::checkNow()
{
    // A held poll is looking already; a failed one waits for its retry.
    if (m_active && !m_request && !m_next->isActive())
        step();
}

void HttpChangeFollower::step()
{
    if (!m_active || m_ended || m_request)
        return;
    if (m_pendingReport) {
        m_pendingReport = false;
        m_lastReport.start();
        report();
    }
    poll();
}

void HttpChangeFollower::poll()
{
    m_lastPoll.start();
    m_request = m_backend.changesAfter(m_cursor);
    m_request->then(this, [this](Result<qint64> answer) {
        m_request.reset();
        answered(answer);
    });
}

void HttpChangeFollower::answered(const Result<qint64> &answer)
{
    if (m_ended)
        return;
    countCheck();
    if (!answer) {
        if (answer.code() == Errc::AuthenticationFailed)
            return stop(); // HttpBackend ended the sign-in
        m_retryMs = m_retryMs == 0 ? FirstRetryMs : std::min(2 * m_retryMs, LastRetryMs);
        m_next->start(std::max(m_retryMs, answer.error().retryAfterSeconds * 1000));
        return;
    }
    m_retryMs = 0;
    const bool moved = m_cursor && *m_cursor != answer.value();
    m_cursor = answer.value();
    int wait = 0;
    if (moved) {
        // At most one refresh per PollIntervalMs, however often the store changes.
        m_pendingReport = true;
        if (m_lastReport.isValid())
            wait = int(std::max<qint64>(0, PollIntervalMs - m_lastReport.elapsed()));
    } else {
        // An answer without a change came at once (a first look, or the server's hold ended):
        // never more than one request per PollIntervalMs.
        wait = int(std::max<qint64>(0, PollIntervalMs - m_lastPoll.elapsed()));
    }
    if (wait == 0)
        step();
    else
        m_next->start(wait);
}

void HttpChangeFollower::stop()
{
    m_ended = true;
    m_next->stop();
    if (m_request) {
        m_request->cancel();
        m_request.reset();
    }
}

} // namespace td
