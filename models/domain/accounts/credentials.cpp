// SPDX-License-Identifier: MIT
#include "credentials.h"

#include "core/clock.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/clientaddress.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

namespace td {

namespace {
constexpr qint64 ThrottleWindowMs = 15LL * 60 * 1000;
constexpr int LockAfterFailures = 10;
constexpr qint64 LockMs = 15LL * 60 * 1000;

qint64 delayAfter(int failures)
{
    if (failures < 3)
        return 0;
    if (failures >= LockAfterFailures)
        return LockMs;
    return std::min<qint64>(qint64(1000) << (failures - 3), 60LL * 1000);
}
} // namespace

qint64 Credentials::throttledUntil(const QString &key, qint64 now)
{
    Store &store = m_guard.store();
    const QVariant until = store.scalar(
        QStringLiteral("SELECT blocked_until FROM auth_throttle WHERE key = ?"), {key});
    if (!until.isValid() || until.toLongLong() <= now)
        return 0;
    return until.toLongLong();
}

void Credentials::recordFailure(const QString &key, qint64 now)
{
    Store &store = m_guard.store();
    QSqlQuery q = store.run(
        QStringLiteral("SELECT failures, last_failure_at FROM auth_throttle WHERE key = ?"), {key});
    int failures = 0;
    bool exists = false;
    if (q.next()) {
        exists = true;
        failures = q.value(0).toInt();
        if (q.value(1).toLongLong() < now - ThrottleWindowMs)
            failures = 0;
    }
    q.finish();
    ++failures;
    const qint64 until = now + delayAfter(failures);
    if (exists)
        store.run(QStringLiteral("UPDATE auth_throttle SET failures = ?, last_failure_at = ?, "
                                 "blocked_until = ? WHERE key = ?"),
                  {failures, now, until, key});
    else
        store.run(QStringLiteral("INSERT INTO auth_throttle (key, failures, last_failure_at, "
                                 "blocked_until) VALUES (?, ?, ?, ?)"),
                  {key, failures, now, until});
    // Rows whose window and block are over count for nothing: a client rotating addresses
    // would otherwise grow the table for ever. Each new row prunes them (on an index).
    if (!exists)
        store.run(QStringLiteral("DELETE FROM auth_throttle WHERE last_failure_at < ? AND "
                                 "blocked_until <= ?"),
                  {now - ThrottleWindowMs, now});
}

Credentials::Attempt Credentials::attempt(Kind kind, const QString &rawUsername,
                                          const QString &address, const QString &action)
{
    Attempt a;
    a.kind = kind;
    a.username = CredentialPolicy::canonicalUsername(rawUsername);
    a.userKey = QStringLiteral("user:") + a.username;
    // Per-address throttling is for network clients. Every console on every computer signs in
    // from "local": counting those together would let one person's typos lock out everybody.
    if (!address.isEmpty() && address != QLatin1String("local"))
        a.addressKey = QStringLiteral("addr:") + clientKey(address);
    a.who = Actor::system(a.username.isEmpty() ? QStringLiteral("anonymous") : a.username);
    a.who.address = address;
    a.action = action;
    a.target = QStringLiteral("user %1").arg(a.username);
    return a;
}

Result<qint64> Credentials::waitMs(const Attempt &a)
{
    return m_guard.store().read([&] {
        const qint64 now = Clock::nowMs();
        qint64 until = throttledUntil(a.userKey, now);
        if (!a.addressKey.isEmpty())
            until = std::max(until, throttledUntil(a.addressKey, now));
        return until > now ? until - now : 0;
    });
}

Result<void> Credentials::recordFailedAttempt(const Attempt &a, const std::optional<UserRow> &row)
{
    const bool accessCode = a.kind == Kind::AccessCode;
    return m_guard.store().write([&] {
        const qint64 now = Clock::nowMs();
        recordFailure(a.userKey, now);
        if (!a.addressKey.isEmpty())
            recordFailure(a.addressKey, now);
        m_guard.audit(a.who, a.action, a.target, QStringLiteral("failure"),
                      row ? (accessCode && !row->user.hasAccessCode
                                 ? QStringLiteral("no access code set")
                                 : (accessCode ? QStringLiteral("wrong access code")
                                               : QStringLiteral("wrong password")))
                          : QStringLiteral("unknown username"));
    });
}

Result<void> Credentials::recordSuccess(const Attempt &a, const UserRow &u,
                                        const SecretBytes &normalized)
{
    const bool accessCode = a.kind == Kind::AccessCode;
    Store &store = m_guard.store();
    // Forget this account's failures; upgrade an old hash.
    return store.write([&] {
        store.run(QStringLiteral("DELETE FROM auth_throttle WHERE key = ?"), {a.userKey});
        const QByteArray &hash = accessCode ? u.accessCodeHash : u.passwordHash;
        if (PasswordHasher::needsRehash(hash)) {
            const QString column =
                accessCode ? QStringLiteral("access_code_hash") : QStringLiteral("password_hash");
            store.run(QStringLiteral("UPDATE users SET %1 = ? WHERE id = ?").arg(column),
                      {QString::fromLatin1(PasswordHasher::hash(normalized)), u.user.id});
        }
    });
}

Result<qint64> Credentials::check(Kind kind, const QString &rawUsername, const SecretBytes &secret,
                                  const QString &address, const QString &action)
{
    const Attempt a = attempt(kind, rawUsername, address, action);

    // 1. Throttled? (no hashing, no counting: the attempt is refused outright)
    auto blocked = waitMs(a);
    if (!blocked)
        return blocked.error();
    if (blocked.value() > 0) {
        const int seconds = int((blocked.value() + 999) / 1000);
        m_guard.auditApart(a.who, action, a.target, QStringLiteral("failure"),
                           QStringLiteral("throttled: retry after %1 s").arg(seconds));
        Error e(Errc::Throttled,
                tr("Too many failed attempts. Try again in %n second(s).", nullptr, seconds));
        e.retryAfterSeconds = seconds;
        return e;
    }

    // 2. Verify outside any transaction: Argon2id takes tens of milliseconds. An unknown user
    // or a missing hash costs the same time as a wrong secret.
    auto row = m_guard.store().read([&] { return Records::findUser(m_guard.store(), a.username); });
    if (!row)
        return row.error();
    const SecretBytes normalized = CredentialPolicy::normalize(secret);
    const QByteArray hash = !row.value()               ? QByteArray()
                            : kind == Kind::AccessCode ? row.value()->accessCodeHash
                                                       : row.value()->passwordHash;
    bool good = false;
    if (hash.isEmpty())
        PasswordHasher::burnVerification(normalized);
    else
        good = PasswordHasher::verify(hash, normalized);
    if (!good) {
        if (auto w = recordFailedAttempt(a, row.value()); !w)
            return w.error();
        return Error(Errc::AuthenticationFailed, kind == Kind::AccessCode
                                                     ? tr("Unknown username or wrong access code.")
                                                     : tr("Unknown username or wrong password."));
    }

    const UserRow &u = *row.value();
    if (!u.user.enabled()) {
        m_guard.auditApart(a.who, action, a.target, QStringLiteral("denied"),
                           QStringLiteral("account disabled"));
        return Error(Errc::PermissionDenied, tr("This account is disabled. Ask an administrator."));
    }
    if (auto w = recordSuccess(a, u, normalized); !w)
        return w.error();
    return u.user.id;
}

Result<void> Credentials::checkNewAccessCode(const SecretBytes &code, const QString &username,
                                             int ageDays)
{
    if (QString why = CredentialPolicy::checkAccessCode(code, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("accessCode"));
    if (!CredentialPolicy::isValidAccessCodeAge(ageDays))
        return Error(Errc::InvalidArgument,
                     tr("The access code age must be 30, 60, 90, 180 or 365 days, or never."),
                     QStringLiteral("age"));
    return {};
}

Result<QByteArray> Credentials::hashNewAccessCode(const SecretBytes &code, const QString &username,
                                                  int ageDays)
{
    if (auto ok = checkNewAccessCode(code, username, ageDays); !ok)
        return ok.error();
    return PasswordHasher::hash(CredentialPolicy::normalize(code));
}

qint64 Credentials::storeAccessCode(const Actor &live, qint64 userId, const QString &username,
                                    const QByteArray &hash, int ageDays)
{
    const qint64 now = Clock::nowMs();
    const qint64 expires = ageDays > 0 ? now + ageDays * 24LL * 3600 * 1000 : 0;
    m_guard.store().run(
        QStringLiteral("UPDATE users SET access_code_hash = ?, access_code_set_at = ?, "
                       "access_code_expires_at = ? WHERE id = ?"),
        {QString::fromLatin1(hash), now,
         expires > 0 ? QVariant(expires) : QVariant(QMetaType::fromType<qint64>()), userId});
    m_guard.audit(
        live, QStringLiteral("access_code.set"),
        QStringLiteral("user #%1 %2").arg(userId).arg(username), QStringLiteral("success"),
        ageDays > 0 ? QStringLiteral("age %1 days").arg(ageDays) : QStringLiteral("age never"));
    return expires;
}

} // namespace td
