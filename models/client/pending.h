// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace td {

/// The answer of a Backend call that may not have arrived yet: a one-shot promise of a
/// Result<T>, answered on the thread that made the call.
///
///     backend.token(id).then(this, [this](Result<ApiToken> token) { … });
///
/// The handler runs once, with the value or the error, in the thread of `context`, and never
/// after `context` was destroyed (a dialog closed before the answer came does nothing). An
/// answer already there when then() is called (the local store answers at once) is handed over
/// inside then(), so code over the local store runs in the order it is written. cancel() says
/// the answer is no longer wanted: the handler is dropped and the transport may abort the
/// request (a list scrolled away from a window).
template<typename T> class Pending
{
public:
    using Handler = std::function<void(Result<T>)>;

    /// An answer still to come; the transport calls resolve() once.
    Pending()
        : m_state(std::make_shared<State>())
    {}
    /// An answer that is already there.
    static Pending ready(Result<T> result)
    {
        Pending p;
        p.m_state->result.emplace(std::move(result));
        return p;
    }

    /// `context` must not be null.
    void then(QObject *context, Handler handler) const
    {
        Q_ASSERT(context);
        State &s = *m_state;
        if (s.cancelled)
            return;
        if (s.result) {
            s.done = true;
            s.abort = nullptr;
            // Taken out first: the handler may destroy this Pending (and the last owner of
            // its state), so nothing of the state is touched after it.
            Result<T> answer = std::move(*s.result);
            s.result.reset();
            handler(std::move(answer));
            return;
        }
        s.context = context;
        s.handler = std::move(handler);
        // The handler (and what it holds: often another Pending whose abort holds this one)
        // goes with its context, so an answer that never comes leaks nothing.
        const std::weak_ptr<State> weak = m_state;
        s.guard = QObject::connect(context, &QObject::destroyed, context, [weak] {
            if (const auto state = weak.lock()) {
                state->handler = nullptr;
                state->abort = nullptr;
            }
        });
    }

    /// The transport's side: hands the answer to the handler (or keeps it for then()).
    void resolve(Result<T> result) const
    {
        State &s = *m_state;
        if (s.cancelled || s.done || s.result)
            return;
        if (!s.handler) {
            s.result.emplace(std::move(result));
            return;
        }
        s.done = true;
        s.abort = nullptr; // nothing to stop any more
        QObject::disconnect(s.guard);
        Handler h = std::move(s.handler);
        s.handler = nullptr;
        if (s.context)
            h(std::move(result));
    }

    /// The answer is no longer wanted: the handler will not run; the transport's abort (if it
    /// set one) stops the request.
    void cancel() const
    {
        State &s = *m_state;
        if (s.cancelled || s.done)
            return;
        s.cancelled = true;
        s.handler = nullptr;
        QObject::disconnect(s.guard);
        s.result.reset();
        if (auto abort = std::move(s.abort))
            abort();
    }
    /// The transport's side: how to stop the request when cancel() is called.
    void onCancel(std::function<void()> abort) const { m_state->abort = std::move(abort); }

    /// The answer when it is already there and no handler took it (then the Pending is done).
    std::optional<Result<T>> takeIfReady() const
    {
        State &s = *m_state;
        if (!s.result)
            return std::nullopt;
        std::optional<Result<T>> out(std::move(s.result));
        s.result.reset();
        s.done = true;
        s.abort = nullptr;
        return out;
    }

    bool isCancelled() const { return m_state->cancelled; }
    /// Answered (the handler ran, or the answer waits for then()).
    bool isFinished() const { return m_state->done || m_state->result.has_value(); }

private:
    struct State
    {
        std::optional<Result<T>> result;
        QPointer<QObject> context;
        Handler handler;
        std::function<void()> abort;
        QMetaObject::Connection guard; ///< context's destroyed() → drop the handler
        bool cancelled = false;
        bool done = false;
    };
    std::shared_ptr<State> m_state;
};

/// A Pending of what `f` makes of p's answer (f: Result<T> → Result<U>), run in `context`'s
/// thread; cancelling it cancels p.
template<typename U, typename T, typename F>
Pending<U> mapped(const Pending<T> &p, QObject *context, F f)
{
    Pending<U> out;
    out.onCancel([p] { p.cancel(); });
    p.then(context, [out, f = std::move(f)](Result<T> r) { out.resolve(f(std::move(r))); });
    return out;
}

/// p's outcome without its value.
template<typename T> Pending<void> outcomeOf(const Pending<T> &p, QObject *context)
{
    return mapped<void>(p, context, [](Result<T> r) -> Result<void> {
        if (!r)
            return r.error();
        return {};
    });
}

} // namespace td
