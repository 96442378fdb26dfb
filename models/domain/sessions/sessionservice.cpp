// SPDX-License-Identifier: MIT
#include "sessionservice.h"

#include "domain/webhooks/webhookservice.h"
#include "sessionquery.h"

#include "core/clock.h"
#include "domain/accounts/credentials.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/tokencodec.h"

namespace td {

Result<CreatedToken> SessionService::create(const QString &username, const SecretBytes &accessCode,
                                            const QString &deviceName, const QString &platform,
                                            const QString &appVersion, const QString &address)
{
    if (auto ok = Credentials::checkSignInName(username); !ok)
        return ok.error();
    const QString device = deviceName.trimmed();
    if (QString why = Records::checkName(device, tr("device name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("device_name"));
    const QString plat = platform.trimmed();
    if (QString why = Records::checkName(plat, tr("platform"), 40); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("platform"));
    const QString version = appVersion.trimmed();
    if (QString why = Records::checkName(version, tr("app version"), 40); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("app_version"));
    if (accessCode.isEmpty())
        return Error(Errc::InvalidArgument, tr("The access code is missing."),
                     QStringLiteral("access_code"));

    auto userId = m_credentials.check(Credentials::Kind::AccessCode, username, accessCode, address,
                                      QStringLiteral("session.create"));
    if (!userId)
        return userId.error();
    Store &store = m_guard.store();
    return store.write([&] {
        const UserRow u = Records::loadUser(store, userId.value());
        const Actor who = Records::person(u.user.id, u.user.username, address);
        const qint64 now = Clock::nowMs();
        if (u.user.accessCodeExpiresAt.isValid() &&
            u.user.accessCodeExpiresAt.toMSecsSinceEpoch() <= now)
            fail(Errc::CredentialExpired,
                 tr("The access code has expired; set a new one in TokenDesk (Settings ▸ Manage "
                    "Tokens)."),
                 QStringLiteral("access_code"));
        const StoreSettings s = Records::loadSettings(store);
        CreatedToken created;
        created.secret = TokenCodec::generate(TokenKind::Session);
        created.hint = TokenCodec::hint(created.secret.bytes());
        // A session never outlives the access code it was opened with.
        qint64 expires = now + s.sessionLifetimeDays * 24LL * 3600 * 1000;
        if (u.user.accessCodeExpiresAt.isValid())
            expires = std::min(expires, u.user.accessCodeExpiresAt.toMSecsSinceEpoch());
        created.expiresAt = Clock::fromMs(expires);
        created.id = store.insert(
            QStringLiteral("INSERT INTO mobile_sessions (token_hash, hint, user_id, device_name, "
                           "platform, app_version, created_at, last_active_at, last_active_addr, "
                           "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {TokenCodec::lookupHash(created.secret.bytes()), created.hint, u.user.id, device, plat,
             version, now, now, address, created.expiresAt.toMSecsSinceEpoch()});
        m_guard.audit(who, QStringLiteral("session.create"),
                      QStringLiteral("session #%1 (%2) of %3 on \"%4\"")
                          .arg(created.id)
                          .arg(created.hint, u.user.username, device),
                      QStringLiteral("success"), QStringLiteral("%1 %2").arg(plat, version));
        return created;
    });
}

Result<int> SessionService::revoke(const Actor &actor, const QList<qint64> &sessionIds)
{
    const QList<qint64> ids = Records::uniqueIds(sessionIds);
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No session was selected."),
                     QStringLiteral("sessions"));
    const QString target = ids.size() == 1 ? QStringLiteral("session #%1").arg(ids.first())
                                           : QStringLiteral("%1 sessions").arg(ids.size());
    Store &store = m_guard.store();
    return m_guard.change(actor, QStringLiteral("session.revoke"), target, [&](const Actor &live) {
        const qint64 now = Clock::nowMs();
        QList<MobileSession> list;
        for (qint64 id : ids) {
            QSqlQuery q = store.run(QStringLiteral("SELECT ") + SessionList::columns() +
                                        QStringLiteral(" WHERE s.id = ?"),
                                    {id});
            const bool found = q.next();
            MobileSession s = found ? SessionList::read(q, now, 0) : MobileSession();
            if (!found || !Authz::mayViewSession(live, s.userId))
                fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(id),
                     QStringLiteral("sessions"));
            m_guard.require(Authz::mayRevokeSession(live, s.userId),
                            tr("end other users' mobile sessions"));
            if (s.revokedAt.isValid())
                fail(Errc::Conflict, tr("The session #%1 is already revoked.").arg(id),
                     QStringLiteral("sessions"));
            list << s;
        }
        for (const MobileSession &s : list) {
            store.run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? "
                                     "WHERE id = ? AND revoked_at IS NULL"),
                      {now, live.label, s.id});
            WebhookOutbox::sessionsRevoked(store, {s.id});
            m_guard.audit(live, QStringLiteral("session.revoke"), SessionList::target(s),
                          QStringLiteral("success"),
                          list.size() > 1
                              ? QStringLiteral("bulk revoke of %1 sessions").arg(list.size())
                              : QString());
        }
        return int(list.size());
    });
}

Result<BulkRevoke> SessionService::revokeMatching(const Actor &actor, const SessionQuery &query,
                                                  const QList<qint64> &except, qint64 confirmed)
{
    const QSet<qint64> skip(except.cbegin(), except.cend());
    Store &store = m_guard.store();
    return m_guard.change(
        actor, QStringLiteral("session.revoke"),
        QStringLiteral("%1 sessions of a filter").arg(confirmed), [&](const Actor &live) {
            m_guard.require(Authz::mayRevokeAnySession(live), tr("end every session of a filter"));
            const qint64 now = Clock::nowMs();
            SessionQuery all = query;
            all.offset = 0;
            all.limit = 0;
            qint64 listed = 0;
            BulkRevoke done;
            QList<qint64> ids;
            QStringList targets;
            visitList<MobileSession>(
                store, SessionList::select(store, live, all, now), SessionList::columns(), 0, 0,
                "listing sessions to revoke",
                [&](const QSqlQuery &q) { return SessionList::read(q, now, 0); },
                [&](const MobileSession &s) {
                    if (skip.contains(s.id))
                        return true;
                    ++listed;
                    if (s.revokedAt.isValid()) {
                        ++done.alreadyRevoked;
                    } else {
                        ids << s.id;
                        targets << SessionList::target(s);
                    }
                    return true;
                });
            if (listed != confirmed)
                fail(Errc::Conflict,
                     tr("The list changed: %L1 sessions match now; look again.").arg(listed),
                     QStringLiteral("confirmed"));
            for (qsizetype i = 0; i < ids.size(); i += 500) {
                const QList<qint64> chunk = ids.mid(i, 500);
                QVariantList binds = {now, live.label};
                for (qint64 id : chunk)
                    binds << id;
                store.run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, revoked_by = "
                                         "? WHERE revoked_at IS NULL AND id IN (%1)")
                              .arg(Records::placeholders(chunk.size())),
                          binds, "revoking sessions");
            }
            WebhookOutbox::sessionsRevoked(store, ids);
            const QString details =
                QStringLiteral("bulk revoke of %1 sessions (every session of a filter)")
                    .arg(ids.size());
            for (const QString &target : std::as_const(targets))
                m_guard.audit(live, QStringLiteral("session.revoke"), target,
                              QStringLiteral("success"), details);
            done.revoked = int(ids.size());
            return done;
        });
}

Result<void> SessionService::end(QByteArrayView sessionToken, const QString &address)
{
    TokenKind kind;
    if (TokenCodec::check(sessionToken, &kind) != TokenCodec::ParseError::None ||
        kind != TokenKind::Session)
        return Error(Errc::AuthenticationFailed, tr("This is not a mobile session token."));
    const QByteArray hash = TokenCodec::lookupHash(sessionToken);
    Store &store = m_guard.store();
    return store.write([&] {
        const qint64 now = Clock::nowMs();
        QSqlQuery q = store.run(QStringLiteral("SELECT ") + SessionList::columns() +
                                    QStringLiteral(" WHERE s.token_hash = ?"),
                                {hash});
        if (!q.next())
            fail(Errc::AuthenticationFailed, tr("Unknown session."));
        const MobileSession s = SessionList::read(q, now, 0);
        q.finish();
        if (s.status == TokenStatus::Revoked || s.status == TokenStatus::Expired)
            fail(Errc::AuthenticationFailed, tr("The session has already ended."));
        store.run(QStringLiteral(
                      "UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? WHERE id = ?"),
                  {now, s.username, s.id});
        WebhookOutbox::sessionsRevoked(store, {s.id});
        m_guard.audit(Records::person(s.userId, s.username, address), QStringLiteral("session.end"),
                      SessionList::target(s), QStringLiteral("success"),
                      QStringLiteral("signed out from the app"));
    });
}

Result<MobileSession> SessionService::session(const Actor &actor, qint64 sessionId)
{
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings st = Records::loadSettings(store);
        QSqlQuery q = store.run(QStringLiteral("SELECT ") + SessionList::columns() +
                                    QStringLiteral(" WHERE s.id = ?"),
                                {sessionId});
        if (!q.next())
            fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(sessionId));
        MobileSession s = SessionList::read(q, Clock::nowMs(), st.expiringSoonDays);
        if (!Authz::mayViewSession(live, s.userId))
            fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(sessionId));
        return s;
    });
}

Result<QList<MobileSession>> SessionService::list(const Actor &actor, const SessionQuery &query)
{
    return collect<MobileSession>([&](const std::function<bool(const MobileSession &)> &v) {
        return visit(actor, query, v);
    });
}

Result<qint64> SessionService::visit(const Actor &actor, const SessionQuery &query,
                                     const std::function<bool(const MobileSession &)> &visit)
{
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings st = Records::loadSettings(store);
        const qint64 now = Clock::nowMs();
        return visitList<MobileSession>(
            store, SessionList::select(store, live, query, now), SessionList::columns(),
            query.offset, query.limit, "listing sessions",
            [&](const QSqlQuery &q) { return SessionList::read(q, now, st.expiringSoonDays); },
            visit);
    });
}

Result<qint64> SessionService::count(const Actor &actor, const SessionQuery &query)
{
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        return SqlWindow::count(store, SessionList::select(store, live, query, Clock::nowMs()));
    });
}

Result<Window<MobileSession>> SessionService::window(const Actor &actor, const SessionQuery &query,
                                                     const WindowRequest &request)
{
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings st = Records::loadSettings(store);
        const qint64 now = Clock::nowMs();
        return readWindow<MobileSession>(
            store, SqlWindow::ids(store, SessionList::select(store, live, query, now), request),
            request.offset, SessionList::columns(), QStringLiteral("s.id"),
            "reading mobile sessions",
            [&](const QSqlQuery &q) { return SessionList::read(q, now, st.expiringSoonDays); });
    });
}

Result<qint64> SessionService::position(const Actor &actor, const SessionQuery &query, qint64 id)
{
    Store &store = m_guard.store();
    return m_guard.view(actor, [&](const Actor &live) {
        return SqlWindow::position(store, SessionList::select(store, live, query, Clock::nowMs()),
                                   id);
    });
}

} // namespace td
