// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace td {

/// Writes access-log lines to a file descriptor from a thread of its own, so that a slow reader
/// of the log (a full pipe, a slow disk, a stopped terminal) never holds up an I/O thread. At
/// most `maxQueued` lines wait; more are dropped and counted, and a line saying how many were
/// dropped is written once the writer catches up. Under load, lines are written in batches (the
/// writer pauses GatherInterval after a batch of more than one line), so a request costs no
/// wake-up and the writer wakes a few hundred times a second at most.
class AccessLogWriter
{
public:
    explicit AccessLogWriter(int fd, qsizetype maxQueued = 10000);
    /// Writes what is queued, then ends the thread.
    ~AccessLogWriter();
    AccessLogWriter(const AccessLogWriter &) = delete;
    AccessLogWriter &operator=(const AccessLogWriter &) = delete;

    static constexpr std::chrono::milliseconds GatherInterval{5};

    /// Queues one line (without its newline). From any thread; never blocks on the output.
    void write(const QByteArray &line);

private:
    void run();

    const int m_fd;
    const qsizetype m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue;
    quint64 m_dropped = 0;
    bool m_stopping = false;
    bool m_writerWaiting = false; ///< the writer sleeps on m_wake (write() wakes it only then)
    std::thread m_thread;
};

} // namespace td
