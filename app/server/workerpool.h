// SPDX-License-Identifier: MIT
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace td {

/// A fixed number of threads running jobs, with a hard bound on the jobs it holds (running and
/// waiting): trySubmit() refuses instead of queueing without end. The server runs the requests
/// that hash a secret here (Argon2id: tens of milliseconds of CPU and 64 MiB each), so the I/O
/// threads never wait for them and the memory they take is bounded. The threads run at a lower
/// CPU priority than the I/O threads (nice), so hashing yields the CPU to verification.
class WorkerPool
{
public:
    struct Hooks
    {
        std::function<void(int worker)> threadStarted; ///< on each worker thread, first
        std::function<void(int worker)> threadFinished;
    };

    WorkerPool(int threads, int capacity, Hooks hooks, int niceness);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    /// False when the pool already holds `capacity` jobs (or is stopped). The job is told
    /// which worker (0 … threads-1) runs it.
    bool trySubmit(std::function<void(int worker)> job);
    /// Finishes the running jobs, drops the waiting ones and joins the threads.
    void stop();
    int capacity() const { return m_capacity; }

private:
    void run(int worker);

    const int m_capacity;
    const int m_niceness;
    Hooks m_hooks;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(int)>> m_queue;
    int m_held = 0; ///< running + waiting
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace td
