// SPDX-License-Identifier: MIT
#pragma once

#include "store/databaselocation.h"

#include <QString>

#include <functional>
#include <memory>

namespace td {

class Store;

/// One of tokendesk-server's background jobs (expiry notices, webhook deliveries): a thread of
/// its own with its own store connection, so that a slow SMTP server or webhook receiver never
/// holds up a request, calling `tick` at once and then every `intervalMs` until destroyed.
class BackgroundJob
{
public:
    /// `name`: the thread's, and the prefix of its lines on standard error.
    BackgroundJob(QString name, DatabaseLocation location, int intervalMs,
                  std::function<void(Store &)> tick, std::function<void()> finished = {});
    /// Ends the thread after the tick under way.
    ~BackgroundJob();
    BackgroundJob(const BackgroundJob &) = delete;
    BackgroundJob &operator=(const BackgroundJob &) = delete;

    void start();

private:
    class Thread;
    std::unique_ptr<Thread> m_thread;
};

} // namespace td
