// SPDX-License-Identifier: MIT
#pragma once

#include <QThread>

#include <functional>

namespace td {

/// A thread running one function (the server's background jobs). Not QThread::create(): that
/// one holds a std::future, whose std::call_once keeps its callable in thread-local storage,
/// which would make the program link the dynamic loader (tests/package).
class FunctionThread : public QThread
{
public:
    explicit FunctionThread(std::function<void()> f)
        : m_f(std::move(f))
    {}

protected:
    void run() override { m_f(); }

private:
    std::function<void()> m_f;
};

} // namespace td
