// SPDX-License-Identifier: MIT
#include "credentials.h"

#include "core/clock.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "domain/webhooks/webhookservice.h"
#include "security/clientaddress.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

namespace td {

namespace {
constexpr qint64 ThrottleWindowMs = 15LL * 60 * 1000;
constexpr int LockAfterFailures = 10;
constexpr qint64 LockMs = 15LL * 60 * 1000;

/// The growing delay after a streak of failures: none for the first two, then 1 s, 2 s, 4 s …
/// up to a minute; from the tenth on the account (or address) is locked for 15 minutes.
qint64 delayAfter(int failures)
{
    if (failures < 3)
        return 0;
    if (failures >= LockAfterFailures)
        return LockMs;
    return std::min<qint64>(qint64(1000) << (failures - 3), 60LL * 1000);
}

/// Each credential kind counts on its own: failed mobile sign-ins never slow down a console
/// password, and the reverse.
QString kindPrefix(Credentials::Kind kind)
{
    return kind == Credentials::Kind::AccessCode ? QStringLiteral("access_code:")
                                                 : QStringLiteral("password:");
}

QString kindWords(Credentials::Kind kind)
{
    return kind == Credentials::Kind::AccessCode ? QStringLiteral("access code")
                                                 : QStringLiteral("password");
}
} // namespace

QString Credentials::userThrottleKey(Kind kind, const QString &canonicalUsername)
{
    return kindPrefix(kind) + QStringLiteral("user:") + canonicalUsername;
}

QString Credentials::lockedUntilColumn(Kind kind, const QString &usernameColumn)
{
    return QStringLiteral("(SELECT blocked_until FROM auth_throttle WHERE key = '%1' || %2 AND "
                          "failures >= %3)")
        .arg(kindPrefix(kind) + QStringLiteral("user:"), usernameColumn)
        .arg(LockAfterFailures);
}

Credentials::Throttle Credentials::throttle(const QString &key, qint64 now)
{
    Store &store = m_guard.store();
    QSqlQuery q = store.run(QStringLiteral("SELECT failures, last_failure_at, blocked_until FROM "
                                           "auth_throttle WHERE key = ?"),
                            {key});
    Throttle t;
    if (q.next()) {
        t.recentFailures =
            q.value(1).toLongLong() >= now - ThrottleWindowMs ? q.value(0).toInt() : 0;
        t.blockedUntil = q.value(2).toLongLong() > now ? q.value(2).toLongLong() : 0;
        t.locked = t.blockedUntil > 0 && q.value(0).toInt() >= LockAfterFailures;
    }
    return t;
}

int Credentials::recordFailure(const QString &key, qint64 now)
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
    return failures;
}

Credentials::Attempt Credentials::attempt(Kind kind, const QString &rawUsername,
                                          const QString &address, const QString &action)
{
    Attempt a;
    a.kind = kind;
    a.username = CredentialPolicy::canonicalUsername(rawUsername);
    a.userKey = userThrottleKey(kind, a.username);
    // Per-address throttling is for network clients. Every console on every computer signs in
    // from "local": counting those together would let one person's typos lock out everybody.
    if (!address.isEmpty() && address != QLatin1String("local"))
        a.addressKey = kindPrefix(kind) + QStringLiteral("addr:") + clientKey(address);
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
        const Throttle account = throttle(a.userKey, now);
        const Throttle address = a.addressKey.isEmpty() ? Throttle() : throttle(a.addressKey, now);
        qint64 until = address.blockedUntil;
        // The account's streak slows down the addresses it came from (and the console), but a
        // network client without recent failures is heard: strangers cannot lock the owner out.
        const bool cleanAddress = !a.addressKey.isEmpty() && address.recentFailures == 0;
        if (!cleanAddress)
            until = std::max(until, account.blockedUntil);
        return until > now ? until - now : 0;
    });
}

Result<void> Credentials::recordFailedAttempt(const Attempt &a, const std::optional<UserRow> &row)
{
    const bool accessCode = a.kind == Kind::AccessCode;
    return m_guard.store().write([&] {
        const qint64 now = Clock::nowMs();
        const int failures = recordFailure(a.userKey, now);
        if (!a.addressKey.isEmpty())
            recordFailure(a.addressKey, now);
        m_guard.audit(a.who, a.action, a.target, QStringLiteral("failure"),
                      row ? (accessCode && !row->user.hasAccessCode
                                 ? QStringLiteral("no access code set")
                                 : (accessCode ? QStringLiteral("wrong access code")
                                               : QStringLiteral("wrong password")))
                          : QStringLiteral("unknown username"));
        if (failures == LockAfterFailures && row)
            m_guard.audit(a.who, QStringLiteral("auth.lock"), a.target, QStringLiteral("success"),
                          QStringLiteral("%1 sign-in locked for %2 minutes after %3 failures; "
                                         "addresses without failures may still sign in")
                              .arg(kindWords(a.kind))
                              .arg(LockMs / 60000)
                              .arg(failures));
    });
}

Result<void> Credentials::recordSuccess(const Attempt &a, const UserRow &u,
                                        const SecretBytes &normalized)
{
    const bool accessCode = a.kind == Kind::AccessCode;
    Store &store = m_guard.store();
    // Forget this account's failures (auditing a lock it lifts); upgrade an old hash.
    return store.write([&] {
        if (throttle(a.userKey, Clock::nowMs()).locked)
            m_guard.audit(
                a.who, QStringLiteral("auth.unlock"), a.target, QStringLiteral("success"),
                QStringLiteral("%1 sign-in lock lifted by the correct %1").arg(kindWords(a.kind)));
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

bool Credentials::forgetFailures(const Actor &live, Kind kind, const QString &username)
{
    Store &store = m_guard.store();
    const QString key = userThrottleKey(kind, username);
    const bool locked = throttle(key, Clock::nowMs()).locked;
    store.run(QStringLiteral("DELETE FROM auth_throttle WHERE key = ?"), {key});
    if (locked)
        m_guard.audit(live, QStringLiteral("auth.unlock"), QStringLiteral("user %1").arg(username),
                      QStringLiteral("success"),
                      QStringLiteral("%1 sign-in lock lifted").arg(kindWords(kind)));
    return locked;
}

Result<void> Credentials::checkCurrentPassword(const Actor &actor, const SecretBytes &current,
                                               const QString &action)
{
    if (current.isEmpty())
        return Error(Errc::InvalidArgument, tr("Enter your current password."),
                     QStringLiteral("currentPassword"));
    auto ok = check(Kind::Password, actor.username, current, actor.address, action);
    if (!ok) {
        if (ok.code() == Errc::AuthenticationFailed)
            return Error(Errc::AuthenticationFailed, tr("The current password is wrong."),
                         QStringLiteral("currentPassword"));
        return ok.error();
    }
    if (ok.value() != actor.userId)
        return Error(Errc::PermissionDenied, tr("That is not your account."),
                     QStringLiteral("currentPassword"));
    return {};
}

Result<void> Credentials::checkSignInName(const QString &username)
{
    if (QString why =
            CredentialPolicy::checkUsername(CredentialPolicy::canonicalUsername(username));
        !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("username"));
    return {};
}

Result<qint64> Credentials::check(Kind kind, const QString &rawUsername, const SecretBytes &secret,
                                  const QString &address, const QString &action)
{
    if (auto ok = checkSignInName(rawUsername); !ok)
        return ok.error();
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
    forgetFailures(live, Kind::AccessCode, username);
    // Sessions opened with the old access code end with it.
    const QList<qint64> sessions = WebhookOutbox::idsIfSubscribed(
        m_guard.store(), QStringLiteral("session.revoked"),
        QStringLiteral("SELECT id FROM mobile_sessions WHERE user_id = ? AND revoked_at IS NULL"
                       " AND expires_at > ?"),
        {userId, now});
    const int ended = m_guard.store()
                          .run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, "
                                              "revoked_by = ? WHERE user_id = ? AND revoked_at "
                                              "IS NULL AND expires_at > ?"),
                               {now, live.label, userId, now})
                          .numRowsAffected();
    WebhookOutbox::sessionsRevoked(m_guard.store(), sessions);
    m_guard.audit(
        live, QStringLiteral("access_code.set"),
        QStringLiteral("user #%1 %2").arg(userId).arg(username), QStringLiteral("success"),
        ageDays > 0 ? QStringLiteral("age %1 days").arg(ageDays) : QStringLiteral("age never"));
    if (ended > 0)
        m_guard.audit(live, QStringLiteral("session.revoke"),
                      QStringLiteral("%1 mobile session(s) of %2").arg(ended).arg(username),
                      QStringLiteral("success"), QStringLiteral("the access code was changed"));
    return expires;
}

} // namespace td
