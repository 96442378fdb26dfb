// SPDX-License-Identifier: MIT
#pragma once

#include "client/pending.h"
#include "store/changesource.h"

#include <QElapsedTimer>

#include <optional>

class QTimer;

namespace td {

class HttpBackend;

/// The lists' ChangeSource over a tokendesk-server: follows its change stream (GET
/// /api/v1/changes?after=cursor, a long poll the server holds until the store changes) and
/// emits changed() when the cursor moves, at most once per PollIntervalMs.
///
/// Made, it asks for the server's cursor once (answered at once). Active, one request is held
/// at a time; inactive, the held request is aborted and nothing is
/// asked until setActive(true), which asks at once. A failed poll (server down, 503) is retried
/// after 1 s, 2 s, 4 s … 30 s (or the server's Retry-After), never at once; a 401 ends the
/// following for good (HttpBackend ends the sign-in, which the console shows).
class HttpChangeFollower : public ChangeSource
{
    Q_OBJECT

public:
    static constexpr int FirstRetryMs = 1000;
    static constexpr int LastRetryMs = 30 * 1000;

    explicit HttpChangeFollower(HttpBackend &backend, QObject *parent = nullptr);
    ~HttpChangeFollower() override;

    void setActive(bool active) override;
    void checkNow() override;

    /// For tests: a poll is held at the server (or on its way).
    bool isWaiting() const { return m_request.has_value(); }
    /// For tests: the wait before the next try after a failure (0: none failed).
    int retryMs() const { return m_retryMs; }

private:
    void step();
    void poll();
    void answered(const Result<qint64> &answer);
    void stop();

    HttpBackend &m_backend;
    QTimer *m_next;
    std::optional<Pending<qint64>> m_request;
    std::optional<qint64> m_cursor;
    QElapsedTimer m_lastPoll;
    QElapsedTimer m_lastReport;
    int m_retryMs = 0;
    bool m_pendingReport = false;
    bool m_ended = false;
};

} // namespace td
