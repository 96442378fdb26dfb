// SPDX-License-Identifier: MIT
// Console credentials (tdc_): a person signed in to the admin API of tokendesk-server.
#include "accountservice.h"

#include "credentials.h"

#include "core/clock.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/tokencodec.h"

#include <algorithm>

namespace td {

namespace {

const QString SignInColumns =
    QStringLiteral("c.id, c.user_id, u.username, c.hint, c.created_at, c.created_from, "
                   "c.last_used_at, c.last_used_from, c.expires_at, c.max_expires_at, "
                   "c.revoked_at, c.revoked_by, u.disabled_at "
                   "FROM console_credentials c JOIN users u ON u.id = c.user_id");

ConsoleSignIn readSignIn(const QSqlQuery &q)
{
    ConsoleSignIn s;
    s.id = q.value(0).toLongLong();
    s.userId = q.value(1).toLongLong();
    s.username = q.value(2).toString();
    s.hint = q.value(3).toString();
    s.createdAt = Clock::fromMs(q.value(4));
    s.createdFrom = q.value(5).toString();
    s.lastUsedAt = Clock::fromMs(q.value(6));
    s.lastUsedFrom = q.value(7).toString();
    s.expiresAt = Clock::fromMs(q.value(8));
    s.maxExpiresAt = Clock::fromMs(q.value(9));
    s.revokedAt = Clock::fromMs(q.value(10));
    s.revokedBy = q.value(11).toString();
    return s;
}

QString target(const ConsoleSignIn &s)
{
    return QStringLiteral("console sign-in #%1 (%2) of %3").arg(s.id).arg(s.hint, s.username);
}

} // namespace

Result<ConsoleCredential> AccountService::consoleSignIn(const QString &username,
                                                        const SecretBytes &password,
                                                        const QString &address)
{
    auto id = m_credentials.check(Credentials::Kind::Password, username, password, address,
                                  QStringLiteral("auth.sign_in"));
    if (!id)
        return id.error();
    return store().write([&] {
        ConsoleCredential out;
        out.token.secret = TokenCodec::generate(TokenKind::Console);
        out.token.hint = TokenCodec::hint(out.token.secret.bytes());
        out.actor = signedIn(id.value(), address,
                             QStringLiteral("console credential %1").arg(out.token.hint));
        const qint64 now = Clock::nowMs();
        const qint64 expires = now + ConsoleIdleMs;
        out.token.expiresAt = Clock::fromMs(expires);
        store().run(
            QStringLiteral("INSERT INTO console_credentials (token_hash, hint, user_id, "
                           "created_at, created_from, last_used_at, last_used_from, "
                           "expires_at, max_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {TokenCodec::lookupHash(out.token.secret.bytes()), out.token.hint, out.actor.userId,
             now, address, now, address, expires, now + ConsoleMaxLifetimeMs},
            "storing the console credential");
        out.token.id = store()
                           .scalar(QStringLiteral("SELECT id FROM console_credentials WHERE "
                                                  "token_hash = ?"),
                                   {TokenCodec::lookupHash(out.token.secret.bytes())})
                           .toLongLong();
        return out;
    });
}

Result<Actor> AccountService::consoleAuthenticate(QByteArrayView credential, const QString &address)
{
    TokenKind kind;
    if (TokenCodec::check(credential, &kind) != TokenCodec::ParseError::None ||
        kind != TokenKind::Console)
        return Error(Errc::AuthenticationFailed,
                     tr("This is not a console credential (tdc_…); sign in again."));
    const QByteArray hash = TokenCodec::lookupHash(credential);
    const qint64 now = Clock::nowMs();
    auto found = store().read([&]() -> std::optional<std::pair<ConsoleSignIn, bool>> {
        QSqlQuery q = store().run(QStringLiteral("SELECT ") + SignInColumns +
                                      QStringLiteral(" WHERE c.token_hash = ?"),
                                  {hash}, "reading a console credential");
        if (!q.next())
            return std::nullopt;
        return std::make_pair(readSignIn(q), !q.value(12).isNull());
    });
    if (!found)
        return found.error();
    if (!found.value())
        return Error(Errc::AuthenticationFailed,
                     tr("The console credential is not known; sign in again."));
    const ConsoleSignIn &s = found.value()->first;
    if (s.revokedAt.isValid())
        return Error(Errc::AuthenticationFailed,
                     tr("The console credential has been revoked; sign in again."));
    if (!s.activeAt(now))
        return Error(Errc::AuthenticationFailed,
                     tr("The console credential has expired; sign in again."));
    if (found.value()->second)
        return Error(Errc::AuthenticationFailed, tr("The account is disabled."));
    if (now - s.lastUsedAt.toMSecsSinceEpoch() >= ConsoleTouchMs || s.lastUsedFrom != address) {
        // The sliding expiry; never past the absolute one.
        const qint64 expires = std::min(now + ConsoleIdleMs, s.maxExpiresAt.toMSecsSinceEpoch());
        auto w = store().write([&] {
            store().run(QStringLiteral("UPDATE console_credentials SET last_used_at = ?, "
                                       "last_used_from = ?, expires_at = ? WHERE id = ? AND "
                                       "revoked_at IS NULL"),
                        {now, address, expires, s.id}, "recording a console credential's use");
        });
        if (!w)
            return w.error();
    }
    return Records::person(s.userId, s.username, address);
}

Result<void> AccountService::consoleSignOut(QByteArrayView credential, const QString &address)
{
    auto who = consoleAuthenticate(credential, address);
    if (!who)
        return who.error();
    const QByteArray hash = TokenCodec::lookupHash(credential);
    return store().write([&] {
        store().run(QStringLiteral("UPDATE console_credentials SET revoked_at = ?, revoked_by = ? "
                                   "WHERE token_hash = ? AND revoked_at IS NULL"),
                    {Clock::nowMs(), who->label, hash}, "revoking a console credential");
        m_guard.audit(who.value(), QStringLiteral("auth.sign_out"),
                      QStringLiteral("user %1").arg(who->username), QStringLiteral("success"),
                      QStringLiteral("console credential %1").arg(TokenCodec::hint(credential)));
    });
}

Result<QList<ConsoleSignIn>> AccountService::consoleSignIns(const Actor &actor, qint64 userId)
{
    return m_guard.viewAudited(
        actor, QStringLiteral("console_sign_in.list"), QStringLiteral("user #%1").arg(userId),
        [&](const Actor &live) {
            const UserRow u = Records::loadUser(store(), userId);
            m_guard.require(Authz::mayViewUser(live, u.user.id),
                            tr("see other users' console sign-ins"));
            QList<ConsoleSignIn> out;
            QSqlQuery q = store().run(QStringLiteral("SELECT ") + SignInColumns +
                                          QStringLiteral(" WHERE c.user_id = ? ORDER BY c.id DESC"),
                                      {userId}, "listing console sign-ins");
            while (q.next())
                out << readSignIn(q);
            return out;
        });
}

Result<void> AccountService::endConsoleSignIn(const Actor &actor, qint64 signInId)
{
    return m_guard.change(
        actor, QStringLiteral("console_sign_in.end"),
        QStringLiteral("console sign-in #%1").arg(signInId), [&](const Actor &live) {
            QSqlQuery q = store().run(QStringLiteral("SELECT ") + SignInColumns +
                                          QStringLiteral(" WHERE c.id = ?"),
                                      {signInId}, "reading a console sign-in");
            const bool found = q.next();
            const ConsoleSignIn s = found ? readSignIn(q) : ConsoleSignIn();
            q.finish();
            if (!found || !Authz::mayViewUser(live, s.userId))
                fail(Errc::NotFound, tr("There is no console sign-in with id %1.").arg(signInId));
            m_guard.require(Authz::mayEndConsoleSignIn(live, s.userId, typePermissionsOf(s.userId)),
                            tr("end other users' console sign-ins"));
            if (!s.activeAt(Clock::nowMs()))
                fail(Errc::Conflict,
                     tr("The console sign-in #%1 has already ended.").arg(signInId));
            store().run(QStringLiteral("UPDATE console_credentials SET revoked_at = ?, "
                                       "revoked_by = ? WHERE id = ?"),
                        {Clock::nowMs(), live.label, signInId});
            m_guard.audit(live, QStringLiteral("console_sign_in.end"), target(s),
                          QStringLiteral("success"));
        });
}

} // namespace td
