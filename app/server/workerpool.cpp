// SPDX-License-Identifier: MIT
#include "workerpool.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace td {

WorkerPool::WorkerPool(int threads, int capacity, Hooks hooks, int niceness)
    : m_capacity(std::max(1, capacity))
    , m_niceness(niceness)
    , m_hooks(std::move(hooks))
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this, i] { run(i); });
}

WorkerPool::~WorkerPool()
{
    stop();
}

bool WorkerPool::trySubmit(std::function<void(int)> job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_held >= m_capacity)
            return false;
        ++m_held;
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
    return true;
}

void WorkerPool::stop()
{
    std::deque<std::function<void(int)>> dropped;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
        dropped.swap(m_queue);
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
}

void WorkerPool::run(int worker)
{
    // Linux: a thread's nice value is its own (setpriority on its thread id).
    if (m_niceness > 0)
        (void)::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), m_niceness);
    if (m_hooks.threadStarted)
        m_hooks.threadStarted(worker);
    for (;;) {
        std::function<void(int)> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                break;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        job(worker);
        job = nullptr;
        std::lock_guard lock(m_mutex);
        --m_held;
    }
    if (m_hooks.threadFinished)
        m_hooks.threadFinished(worker);
}

} // namespace td
