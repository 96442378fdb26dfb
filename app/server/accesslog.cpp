// SPDX-License-Identifier: MIT
#include "accesslog.h"

#include <cerrno>
#include <unistd.h>

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
    {
        std::lock_guard lock(m_mutex);
        if (qsizetype(m_queue.size()) >= m_maxQueued) {
            ++m_dropped;
            return;
        }
        m_queue.push_back(line);
    }
    m_wake.notify_one();
}

void AccessLogWriter::run()
{
    for (;;) {
        QByteArray batch;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            stopping = m_stopping;
            while (!m_queue.empty() && batch.size() < qsizetype(256) * 1024) {
                batch += m_queue.front();
                batch += '\n';
                m_queue.pop_front();
            }
            if (m_dropped > 0 && m_queue.empty()) {
                batch += "access log: " + QByteArray::number(m_dropped) +
                         " lines dropped (the log was not read fast enough)\n";
                m_dropped = 0;
            }
            if (batch.isEmpty() && stopping)
                return;
        }
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
    }
}

} // namespace td
