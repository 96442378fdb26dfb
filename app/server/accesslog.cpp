// SPDX-License-Identifier: MIT
#include "accesslog.h"

#include <cerrno>
#include <chrono>
#include <unistd.h>
#include <utility>

namespace td {

AccessLogWriter::AccessLogWriter(int fd, qsizetype maxQueued)
    : m_fd(fd)
    , m_maxQueued(maxQueued)
    , m_thread([this] { run(); })
{}

AccessLogWriter::~AccessLogWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void AccessLogWriter::write(const QByteArray &line)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        if (qsizetype(m_queue.size()) >= m_maxQueued) {
            ++m_dropped;
            return;
        }
        m_queue.push_back(line);
        wake = m_writerWaiting;
    }
    // Only a writer that is waiting needs waking: one that is writing or pausing finds the line
    // when it comes back, so a busy server costs no wake-up per request.
    if (wake)
        m_wake.notify_one();
}

void AccessLogWriter::run()
{
    for (;;) {
        std::deque<QByteArray> taken;
        quint64 dropped = 0;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_writerWaiting = true;
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            m_writerWaiting = false;
            stopping = m_stopping;
            // Taken whole, so an I/O thread never waits while the lines are joined.
            taken.swap(m_queue);
            dropped = std::exchange(m_dropped, 0);
        }
        if (taken.empty() && dropped == 0 && stopping)
            return;
        QByteArray batch;
        qsizetype size = 0;
        for (const QByteArray &line : taken)
            size += line.size() + 1;
        batch.reserve(size + 80);
        for (const QByteArray &line : taken) {
            batch += line;
            batch += '\n';
        }
        if (dropped > 0)
            batch += "access log: " + QByteArray::number(dropped) +
                     " lines dropped (the log was not read fast enough)\n";
        const char *p = batch.constData();
        qsizetype left = batch.size();
        while (left > 0) {
            const ssize_t n = ::write(m_fd, p, size_t(left));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break; // the log is gone: nothing to do about it
            p += n;
            left -= n;
        }
        // Lines arriving faster than one at a time: let them gather for a moment and write them
        // with one call. A lone line (a quiet server, a test reading the log) is written at once.
        if (taken.size() > 1 && !stopping)
            std::this_thread::sleep_for(GatherInterval);
    }
}

} // namespace td
