// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QCoreApplication>

#include <optional>

namespace td {

class Guard;
struct UserRow;

/// Passwords and access codes: verification with throttling (the console's sign-in, the mobile
/// app's, the current access code of Save and Generate) and setting an access code. Shared by
/// the accounts, tokens and sessions services.
class Credentials
{
    Q_DECLARE_TR_FUNCTIONS(Credentials)

public:
    enum class Kind { Password, AccessCode };

    explicit Credentials(Guard &guard)
        : m_guard(guard)
    {}

    /// Verifies a password or access code, throttled per credential kind, per account and per
    /// network address (a growing delay after repeated failures, a 15-minute lock after ten,
    /// both audited); an account's failures do not hold back a network address that has none.
    /// Every failure is audited as `action`; the answer never tells which part was wrong.
    /// Returns the user id.
    Result<qint64> check(Kind kind, const QString &username, const SecretBytes &secret,
                         const QString &address, const QString &action);

    /// A person's current password, before they change their own password or access code:
    /// checked and throttled like a sign-in (audited as `action` when wrong); InvalidArgument or
    /// AuthenticationFailed on the field "currentPassword".
    Result<void> checkCurrentPassword(const Actor &actor, const SecretBytes &current,
                                      const QString &action);
    /// Inside a write: forgets the failed sign-ins of this kind for the account (a new
    /// credential, or an administrator lifting a lock); a lock it lifts is audited as
    /// auth.unlock by `live`. True when there was a lock.
    bool forgetFailures(const Actor &live, Kind kind, const QString &canonicalUsername);
    /// The throttle key of an account for a credential kind.
    static QString userThrottleKey(Kind kind, const QString &canonicalUsername);
    /// SQL: until when (ms) the account of `usernameColumn` is locked for this kind, else NULL.
    static QString lockedUntilColumn(Kind kind, const QString &usernameColumn);

    /// A user name as given at sign-in, checked before anything else (nothing unchecked from a
    /// request reaches a query, the throttle or the audit log): InvalidArgument on "username".
    static Result<void> checkSignInName(const QString &username);

    /// Checks a new access code for `username` and its age (30, 60, 90, 180, 365 days or 0 for
    /// never): InvalidArgument on the field "accessCode" or "age".
    Result<void> checkNewAccessCode(const SecretBytes &code, const QString &username, int ageDays);
    /// checkNewAccessCode(), then the hash (Argon2id: call it outside any transaction).
    Result<QByteArray> hashNewAccessCode(const SecretBytes &code, const QString &username,
                                         int ageDays);
    /// Stores that hash as the user's access code, with its audit row (access_code.set), inside
    /// the caller's write transaction. Returns when it expires (ms; 0: never).
    qint64 storeAccessCode(const Actor &live, qint64 userId, const QString &username,
                           const QByteArray &hash, int ageDays);

private:
    /// Who tries to sign in where, and the throttle keys that counts against.
    struct Attempt
    {
        Kind kind = Kind::Password;
        QString username; ///< canonical
        QString userKey;
        QString addressKey; ///< empty for the console ("local"): only network clients count
        Actor who;
        QString action;
        QString target;
    };
    static Attempt attempt(Kind kind, const QString &username, const QString &address,
                           const QString &action);
    /// How long the attempt must wait (ms; 0: not throttled).
    Result<qint64> waitMs(const Attempt &attempt);
    Result<void> recordFailedAttempt(const Attempt &attempt, const std::optional<UserRow> &row);
    Result<void> recordSuccess(const Attempt &attempt, const UserRow &user,
                               const SecretBytes &normalized);
    struct Throttle
    {
        int recentFailures = 0;  ///< within the window
        qint64 blockedUntil = 0; ///< 0: not blocked now
        bool locked = false;     ///< blocked after LockAfterFailures
    };
    Throttle throttle(const QString &key, qint64 now);
    /// Counts a failure; returns the failures in the window now.
    int recordFailure(const QString &key, qint64 now);

    Guard &m_guard;
};

} // namespace td
