// SPDX-License-Identifier: MIT
#include "backgroundjob.h"

#include "store/store.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace td {

/// Not QThread::create(): that one holds a std::future, whose std::call_once keeps its callable
/// in thread-local storage, which would make the program link the dynamic loader
/// (tests/package).
class BackgroundJob::Thread : public QThread
{
public:
    QString name;
    DatabaseLocation location;
    int intervalMs = 0;
    std::function<void(Store &)> tick;
    std::function<void()> finished;

protected:
    void run() override
    {
        auto opened = Store::open(location, Store::OpenMode::ExistingOnly);
        if (!opened) {
            std::fprintf(stderr, "%s: cannot open the store: %s\n", qPrintable(name),
                         qPrintable(opened.error().message));
            std::fflush(stderr);
            return;
        }
        std::unique_ptr<Store> store = std::move(opened.value());
        QTimer timer;
        timer.setInterval(intervalMs);
        QObject::connect(&timer, &QTimer::timeout, [&] { tick(*store); });
        timer.start();
        QTimer::singleShot(0, [&] { tick(*store); });
        QEventLoop loop; // ended by QThread::quit()
        loop.exec();
        if (finished)
            finished();
    }
};

BackgroundJob::BackgroundJob(QString name, DatabaseLocation location, int intervalMs,
                             std::function<void(Store &)> tick, std::function<void()> finished)
    : m_thread(std::make_unique<Thread>())
{
    m_thread->setObjectName(name);
    m_thread->name = std::move(name);
    m_thread->location = std::move(location);
    m_thread->intervalMs = intervalMs;
    m_thread->tick = std::move(tick);
    m_thread->finished = std::move(finished);
}

BackgroundJob::~BackgroundJob()
{
    m_thread->quit();
    m_thread->wait();
}

void BackgroundJob::start()
{
    m_thread->start();
}

} // namespace td
