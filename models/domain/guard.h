// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/store.h"

#include <QCoreApplication>

#include <type_traits>

namespace td {

/// What every domain service does around an operation, in one place:
///  - the actor as the store knows it now (live()): a person's account must still exist and be
///    enabled, and their user type's permissions are read again, so a change of user type or a
///    disabled account counts from the next operation on;
///  - the permission check (require(), with the decisions of authz.h);
///  - the audit row, written in the same transaction as the change (audit());
///  - a refusal audited as "denied" in a transaction of its own, since the change it belonged
///    to was rolled back (change(), viewAudited()).
class Guard
{
    Q_DECLARE_TR_FUNCTIONS(Guard)

public:
    explicit Guard(Store &store)
        : m_store(store)
    {}
    Store &store() const { return m_store; }

    /// Throws Failure(PermissionDenied) for a person whose account is gone or disabled.
    Actor live(const Actor &actor);
    /// Throws Failure(PermissionDenied, "Your user type does not allow you to <what>.") unless
    /// allowed.
    void require(bool allowed, const QString &what);
    void require(const Actor &live, const QString &permission, const QString &what);

    /// Writes an audit row (inside the current transaction).
    void audit(const Actor &actor, const QString &action, const QString &target,
               const QString &outcome, const QString &details = {});
    /// Writes an audit row in a transaction of its own (for refusals and failures).
    void auditApart(const Actor &actor, const QString &action, const QString &target,
                    const QString &outcome, const QString &details = {});
    /// Audits a PermissionDenied result as "denied" and passes the result on.
    template<typename T>
    Result<T> denyAudited(const Actor &actor, const QString &action, const QString &target,
                          Result<T> &&result)
    {
        if (!result.ok() && result.code() == Errc::PermissionDenied)
            auditApart(actor, action, target, QStringLiteral("denied"), result.error().message);
        return std::move(result);
    }

    /// A change: f(live actor) in one write transaction; a refusal is audited as `action` on
    /// `target`.
    template<typename F>
    auto change(const Actor &actor, const QString &action, const QString &target, F &&f)
    {
        return denyAudited(actor, action, target, m_store.write([&] { return f(live(actor)); }));
    }
    /// A read as the live actor.
    template<typename F> auto view(const Actor &actor, F &&f)
    {
        return m_store.read([&] { return f(live(actor)); });
    }
    /// A read whose refusal is audited (reading the audit log, another user's record).
    template<typename F>
    auto viewAudited(const Actor &actor, const QString &action, const QString &target, F &&f)
    {
        return denyAudited(actor, action, target, view(actor, std::forward<F>(f)));
    }

private:
    Store &m_store;
};

} // namespace td
