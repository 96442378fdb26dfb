// SPDX-License-Identifier: MIT
// Mobile sessions, token verification and the audit log.
#include "service_p.h"

#include "domain/credentialcache.h"
#include "domain/permissions.h"
#include "security/credentialpolicy.h"
#include "security/tokencodec.h"

namespace td {

using namespace detail;

namespace {

QString sessionColumns()
{
    return QStringLiteral(
        "s.id, s.hint, s.user_id, u.username, u.email, d.name, ut.name, s.device_name, "
        "s.platform, s.app_version, s.created_at, s.last_active_at, s.last_active_addr, "
        "s.expires_at, s.revoked_at, s.revoked_by "
        "FROM mobile_sessions s JOIN users u ON u.id = s.user_id "
        "JOIN departments d ON d.id = u.department_id "
        "JOIN user_types ut ON ut.id = u.user_type_id");
}

MobileSession readSession(const QSqlQuery &q, qint64 now, int soonDays)
{
    MobileSession s;
    s.id = q.value(0).toLongLong();
    s.hint = q.value(1).toString();
    s.userId = q.value(2).toLongLong();
    s.username = q.value(3).toString();
    s.email = q.value(4).toString();
    s.department = q.value(5).toString();
    s.userType = q.value(6).toString();
    s.deviceName = q.value(7).toString();
    s.platform = q.value(8).toString();
    s.appVersion = q.value(9).toString();
    s.createdAt = Clock::fromMs(q.value(10));
    s.lastActiveAt = Clock::fromMs(q.value(11));
    s.lastActiveFrom = q.value(12).toString();
    s.expiresAt = Clock::fromMs(q.value(13));
    s.revokedAt = Clock::fromMs(q.value(14));
    s.revokedBy = q.value(15).toString();
    s.status = Service::statusAt(now, q.value(13).toLongLong(), s.revokedAt.isValid(), soonDays);
    return s;
}

QString sessionTarget(const MobileSession &s)
{
    return QStringLiteral("session #%1 (%2) of %3 on \"%4\"")
        .arg(s.id)
        .arg(s.hint, s.username, s.deviceName);
}

} // namespace

Result<CreatedToken> Service::createMobileSession(const QString &username,
                                                  const SecretBytes &accessCode,
                                                  const QString &deviceName,
                                                  const QString &platform,
                                                  const QString &appVersion, const QString &address)
{
    const QString device = deviceName.trimmed();
    if (QString why = checkName(device, tr("device name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("device_name"));
    const QString plat = platform.trimmed();
    if (QString why = checkName(plat, tr("platform"), 40); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("platform"));
    const QString version = appVersion.trimmed();
    if (QString why = checkName(version, tr("app version"), 40); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("app_version"));
    if (accessCode.isEmpty())
        return Error(Errc::InvalidArgument, tr("The access code is missing."),
                     QStringLiteral("access_code"));

    auto userId =
        checkCredential(true, username, accessCode, address, QStringLiteral("session.create"));
    if (!userId)
        return userId.error();
    return m_store.write([&] {
        const UserRow u = loadUser(userId.value());
        Actor who;
        who.kind = Actor::Kind::User;
        who.userId = u.user.id;
        who.username = u.user.username;
        who.label = u.user.username;
        who.address = address;
        const qint64 now = Clock::nowMs();
        if (u.user.accessCodeExpiresAt.isValid() &&
            u.user.accessCodeExpiresAt.toMSecsSinceEpoch() <= now)
            fail(Errc::CredentialExpired,
                 tr("The access code has expired; set a new one in TokenDesk (Settings ▸ Manage "
                    "Tokens)."),
                 QStringLiteral("access_code"));
        const StoreSettings s = loadSettings();
        CreatedToken created;
        created.secret = TokenCodec::generate(TokenKind::Session);
        created.hint = TokenCodec::hint(created.secret.bytes());
        created.expiresAt = Clock::fromMs(now + s.sessionLifetimeDays * DayMs);
        created.id = m_store.insert(
            QStringLiteral("INSERT INTO mobile_sessions (token_hash, hint, user_id, device_name, "
                           "platform, app_version, created_at, last_active_at, last_active_addr, "
                           "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {TokenCodec::lookupHash(created.secret.bytes()), created.hint, u.user.id, device, plat,
             version, now, now, address, created.expiresAt.toMSecsSinceEpoch()});
        audit(who, QStringLiteral("session.create"),
              QStringLiteral("session #%1 (%2) of %3 on \"%4\"")
                  .arg(created.id)
                  .arg(created.hint, u.user.username, device),
              QStringLiteral("success"), QStringLiteral("%1 %2").arg(plat, version));
        return created;
    });
}

Result<int> Service::revokeSessions(const Actor &actor, const QList<qint64> &sessionIds)
{
    QList<qint64> ids;
    for (qint64 id : sessionIds)
        if (!ids.contains(id))
            ids << id;
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No session was selected."),
                     QStringLiteral("sessions"));
    const QString target = ids.size() == 1 ? QStringLiteral("session #%1").arg(ids.first())
                                           : QStringLiteral("%1 sessions").arg(ids.size());
    return denyAudited(actor, QStringLiteral("session.revoke"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        const qint64 now = Clock::nowMs();
        const bool any = live.can(Permission::SessionsRevoke);
        QList<MobileSession> list;
        for (qint64 id : ids) {
            QSqlQuery q = m_store.run(QStringLiteral("SELECT ") + sessionColumns() +
                                          QStringLiteral(" WHERE s.id = ?"),
                                      {id});
            const bool found = q.next();
            MobileSession s = found ? readSession(q, now, 0) : MobileSession();
            const bool own = found && live.isPerson() && live.userId == s.userId;
            if (!found || (!own && !live.can(Permission::SessionsView)))
                fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(id),
                     QStringLiteral("sessions"));
            if (!own && !any)
                require(live, Permission::SessionsRevoke, tr("end other users' mobile sessions"));
            if (s.revokedAt.isValid())
                fail(Errc::Conflict, tr("The session #%1 is already revoked.").arg(id),
                     QStringLiteral("sessions"));
            list << s;
        }
        for (const MobileSession &s : list) {
            m_store.run(QStringLiteral("UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? "
                                       "WHERE id = ? AND revoked_at IS NULL"),
                        {now, live.label, s.id});
            audit(live, QStringLiteral("session.revoke"), sessionTarget(s),
                  QStringLiteral("success"),
                  list.size() > 1 ? QStringLiteral("bulk revoke of %1 sessions").arg(list.size())
                                  : QString());
        }
        return int(list.size());
    }));
}

Result<void> Service::endSession(QByteArrayView sessionToken, const QString &address)
{
    TokenKind kind;
    if (TokenCodec::check(sessionToken, &kind) != TokenCodec::ParseError::None ||
        kind != TokenKind::Session)
        return Error(Errc::AuthenticationFailed, tr("This is not a mobile session token."));
    const QByteArray hash = TokenCodec::lookupHash(sessionToken);
    return m_store.write([&] {
        const qint64 now = Clock::nowMs();
        QSqlQuery q = m_store.run(QStringLiteral("SELECT ") + sessionColumns() +
                                      QStringLiteral(" WHERE s.token_hash = ?"),
                                  {hash});
        if (!q.next())
            fail(Errc::AuthenticationFailed, tr("Unknown session."));
        const MobileSession s = readSession(q, now, 0);
        q.finish();
        if (s.status == TokenStatus::Revoked || s.status == TokenStatus::Expired)
            fail(Errc::AuthenticationFailed, tr("The session has already ended."));
        m_store.run(QStringLiteral(
                        "UPDATE mobile_sessions SET revoked_at = ?, revoked_by = ? WHERE id = ?"),
                    {now, s.username, s.id});
        Actor who;
        who.kind = Actor::Kind::User;
        who.userId = s.userId;
        who.username = s.username;
        who.label = s.username;
        who.address = address;
        audit(who, QStringLiteral("session.end"), sessionTarget(s), QStringLiteral("success"),
              QStringLiteral("signed out from the app"));
    });
}

Result<MobileSession> Service::session(const Actor &actor, qint64 sessionId)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings st = loadSettings();
        QSqlQuery q = m_store.run(QStringLiteral("SELECT ") + sessionColumns() +
                                      QStringLiteral(" WHERE s.id = ?"),
                                  {sessionId});
        if (!q.next())
            fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(sessionId));
        MobileSession s = readSession(q, Clock::nowMs(), st.expiringSoonDays);
        if (!(live.isPerson() && live.userId == s.userId) && !live.can(Permission::SessionsView))
            fail(Errc::NotFound, tr("There is no mobile session with id %1.").arg(sessionId));
        return s;
    });
}

namespace {
QString sessionWhere(const Actor &live, const SessionQuery &q, const Store &store,
                     QVariantList &binds, qint64 now)
{
    QString where = QStringLiteral(" WHERE 1 = 1");
    if (!live.can(Permission::SessionsView)) {
        where += QStringLiteral(" AND s.user_id = ?");
        binds << live.userId;
    }
    if (q.userId) {
        where += QStringLiteral(" AND s.user_id = ?");
        binds << *q.userId;
    }
    if (!q.includeEnded) {
        where += QStringLiteral(" AND s.revoked_at IS NULL AND s.expires_at > ?");
        binds << now;
    }
    const QString text = q.text.trimmed();
    if (!text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        where += QStringLiteral(" AND (u.username %1 ? ESCAPE '\\' OR u.email %1 ? ESCAPE '\\' OR "
                                "s.device_name %1 ? ESCAPE '\\' OR d.name %1 ? ESCAPE '\\')")
                     .arg(store.ilike());
        binds << like << like << like << like;
    }
    return where;
}
} // namespace

Result<QList<MobileSession>> Service::sessions(const Actor &actor, const SessionQuery &query)
{
    QList<MobileSession> out;
    auto r = visitSessions(actor, query, [&](const MobileSession &s) {
        out << s;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<qint64> Service::visitSessions(const Actor &actor, const SessionQuery &query,
                                      const std::function<bool(const MobileSession &)> &visit)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings st = loadSettings();
        const qint64 now = Clock::nowMs();
        QVariantList binds;
        QString sql = QStringLiteral("SELECT ") + sessionColumns() +
                      sessionWhere(live, query, m_store, binds, now) +
                      QStringLiteral(" ORDER BY s.last_active_at DESC, s.id DESC");
        if (query.limit > 0) {
            sql += QStringLiteral(" LIMIT ? OFFSET ?");
            binds << query.limit << query.offset;
        }
        QSqlQuery q = m_store.run(sql, binds, "listing sessions");
        qint64 n = 0;
        while (q.next()) {
            ++n;
            if (!visit(readSession(q, now, st.expiringSoonDays)))
                break;
        }
        return n;
    });
}

Result<qint64> Service::countSessions(const Actor &actor, const SessionQuery &query)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        QVariantList binds;
        const QString sql =
            QStringLiteral("SELECT COUNT(*) FROM mobile_sessions s JOIN users u ON "
                           "u.id = s.user_id JOIN departments d ON d.id = u.department_id") +
            sessionWhere(live, query, m_store, binds, Clock::nowMs());
        return m_store.scalar(sql, binds).toLongLong();
    });
}

// ---- the windowed session list ----------------------------------------------------------------

WindowedSelect Service::sessionSelect(const Actor &live, const SessionQuery &q)
{
    // One table in FROM (SqlWindow may add SQLite's INDEXED BY after it); the user, email and
    // department filters look up users by subquery.
    WindowedSelect s;
    s.from = QStringLiteral("mobile_sessions s");
    s.id = QStringLiteral("s.id");
    s.keys = {QStringLiteral("s.last_active_at")};
    s.ascending = false;
    s.sqliteOrderIndex = QStringLiteral("mobile_sessions_last_active");
    s.tableRows = m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM mobile_sessions"))
                      .toLongLong();
    if (!live.can(Permission::SessionsView)) {
        s.conditions << QStringLiteral("s.user_id = ?");
        s.binds << live.userId;
    }
    if (q.userId) {
        s.conditions << QStringLiteral("s.user_id = ?");
        s.binds << *q.userId;
    }
    if (!q.includeEnded) {
        s.conditions << QStringLiteral("s.revoked_at IS NULL")
                     << QStringLiteral("s.expires_at > ?");
        s.binds << Clock::nowMs();
    }
    if (const QString text = q.text.trimmed(); !text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        s.conditions
            << QStringLiteral(
                   "s.device_name %1 ? ESCAPE '\\' OR s.user_id IN (SELECT u.id FROM users u "
                   "JOIN departments d ON d.id = u.department_id WHERE u.username %1 ? "
                   "ESCAPE '\\' OR u.email %1 ? ESCAPE '\\' OR d.name %1 ? ESCAPE '\\')")
                   .arg(m_store.ilike());
        s.binds << like << like << like << like;
    }
    return s;
}

Result<qint64> Service::countSessionWindow(const Actor &actor, const SessionQuery &query)
{
    return m_store.read(
        [&] { return SqlWindow::count(m_store, sessionSelect(liveActor(actor), query)); });
}

Result<Window<MobileSession>> Service::sessionWindow(const Actor &actor, const SessionQuery &query,
                                                     const WindowRequest &request)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings st = loadSettings();
        const qint64 now = Clock::nowMs();
        return detail::readWindow<MobileSession>(
            m_store, SqlWindow::ids(m_store, sessionSelect(live, query), request), request.offset,
            sessionColumns(), QStringLiteral("s.id"), "reading mobile sessions",
            [&](const QSqlQuery &q) { return readSession(q, now, st.expiringSoonDays); });
    });
}

Result<qint64> Service::sessionPosition(const Actor &actor, const SessionQuery &query, qint64 id)
{
    return m_store.read(
        [&] { return SqlWindow::position(m_store, sessionSelect(liveActor(actor), query), id); });
}

// ---- verification ------------------------------------------------------------------------------

/// Verified rows of this connection, valid only as long as nothing was committed to the store:
/// SQLite's `PRAGMA data_version` changes whenever another connection (console, CLI, a second
/// server) commits, and Store::commitCount() when this one does. Both are checked on every
/// verification, so a revocation, a disabled user or a changed user type is seen by the very
/// next request; an unchanged store answers from memory after one cheap pragma.
struct Service::VerifyCache
{
    using Entry = CredentialCache::Entry; ///< status decided at use; scopes already effective
    static constexpr qsizetype MaxEntries = 50000;
    qint64 dataVersion = -1;
    quint64 commits = 0;
    QHash<QByteArray, Entry> entries;
};

Result<VerifiedToken> Service::verifyToken(QByteArrayView token, const QString &address)
{
    VerifiedToken v;
    TokenKind kind;
    if (TokenCodec::check(token, &kind) != TokenCodec::ParseError::None) {
        v.status = VerifiedToken::Status::Malformed; // decided without touching the store
        return v;
    }
    if (!m_verifyCache && m_store.isSqlite())
        m_verifyCache = std::make_shared<VerifyCache>();
    VerifyCache *cache = m_store.isSqlite() ? m_verifyCache.get() : nullptr;
    const QByteArray hash = TokenCodec::lookupHash(token);
    VerifyCache::Entry entry;
    bool found = false;
    // The shared cache of a server on PostgreSQL, while its notifications come in.
    CredentialCache *shared =
        m_credentialCache && m_credentialCache->live() ? m_credentialCache.get() : nullptr;
    quint64 sharedEpoch = 0;
    if (shared) {
        if (auto hit = shared->find(hash)) {
            entry = *hit;
            found = true;
        } else {
            sharedEpoch = shared->epoch();
        }
    }
    const bool fromShared = found;
    auto r = found ? Result<void>() : m_store.read([&] {
        if (cache) {
            QSqlQuery &dv = m_store.runCached(QStringLiteral("PRAGMA data_version"), {},
                                              "checking for changes");
            const qint64 version = dv.next() ? dv.value(0).toLongLong() : -1;
            dv.finish();
            if (version != cache->dataVersion || m_store.commitCount() != cache->commits) {
                cache->entries.clear();
                cache->dataVersion = version;
                cache->commits = m_store.commitCount();
            }
            if (auto it = cache->entries.constFind(hash); it != cache->entries.cend()) {
                entry = *it;
                found = true;
                return;
            }
        }
        // One statement, prepared once per connection: the credential, its user, the user
        // type's permissions and the tenant.
        const QString permissions =
            m_store.isSqlite()
                ? QStringLiteral("(SELECT group_concat(p.permission, ',') FROM "
                                 "user_type_permissions p WHERE p.user_type_id = %1)")
                : QStringLiteral("(SELECT string_agg(p.permission, ',') FROM "
                                 "user_type_permissions p WHERE p.user_type_id = %1)");
        const QString tenant = QStringLiteral("(SELECT tenant_uuid FROM tenant WHERE id = 1)");
        const QString sql =
            kind == TokenKind::Api
                ? QStringLiteral(
                      "SELECT t.id, t.name, t.user_id, u.username, u.email, d.name, ut.name, "
                      "t.scope_list, t.created_at, t.expires_at, t.revoked_at, u.disabled_at, "
                      "%1, t.last_used_at, %2 FROM api_tokens t "
                      "JOIN users u ON u.id = t.user_id JOIN departments d ON d.id = "
                      "t.department_id JOIN user_types ut ON ut.id = t.user_type_id "
                      "WHERE t.token_hash = ?")
                      .arg(permissions.arg(QStringLiteral("t.user_type_id")), tenant)
                : QStringLiteral(
                      "SELECT s.id, s.device_name, s.user_id, u.username, u.email, d.name, "
                      "ut.name, NULL, s.created_at, s.expires_at, s.revoked_at, "
                      "u.disabled_at, %1, s.last_active_at, %2 FROM mobile_sessions s "
                      "JOIN users u ON u.id = s.user_id JOIN departments d ON d.id = "
                      "u.department_id JOIN user_types ut ON ut.id = u.user_type_id "
                      "WHERE s.token_hash = ?")
                      .arg(permissions.arg(QStringLiteral("u.user_type_id")), tenant);
        QSqlQuery &q = m_store.runCached(sql, {hash}, "verifying a token");
        if (!q.next()) {
            q.finish();
            return;
        }
        VerifiedToken &t = entry.token;
        t.kind = kind == TokenKind::Api ? VerifiedToken::Kind::Api : VerifiedToken::Kind::Session;
        t.id = q.value(0).toLongLong();
        t.name = q.value(1).toString();
        t.userId = q.value(2).toLongLong();
        t.username = q.value(3).toString();
        t.email = q.value(4).toString();
        t.department = q.value(5).toString();
        t.userType = q.value(6).toString();
        const QStringList tokenScopes =
            kind == TokenKind::Api
                ? q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)
                : Scope::all();
        t.issuedAt = Clock::fromMs(q.value(8));
        t.expiresAt = Clock::fromMs(q.value(9));
        entry.revoked = !q.value(10).isNull();
        entry.disabled = !q.value(11).isNull();
        const QStringList granted =
            q.value(12).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        entry.lastUsedMs = q.value(13).isNull() ? 0 : q.value(13).toLongLong();
        t.tenantId = q.value(14).toString();
        q.finish();
        // Effective permissions: the token's scopes ∩ the user type's.
        for (const QString &s : tokenScopes)
            if (granted.contains(s))
                t.scopes << s;
        found = true;
        if (cache) {
            if (cache->entries.size() >= VerifyCache::MaxEntries)
                cache->entries.clear();
            cache->entries.insert(hash, entry);
        }
    });
    if (!r)
        return r.error();
    if (shared && found && !fromShared)
        shared->insert(hash, entry, sharedEpoch);
    if (!found) {
        v.kind = kind == TokenKind::Api ? VerifiedToken::Kind::Api : VerifiedToken::Kind::Session;
        v.status = VerifiedToken::Status::Unknown;
        return v;
    }
    v = entry.token;
    const qint64 now = Clock::nowMs();
    if (entry.revoked)
        v.status = VerifiedToken::Status::Revoked;
    else if (v.expiresAt.toMSecsSinceEpoch() <= now)
        v.status = VerifiedToken::Status::Expired;
    else if (entry.disabled)
        v.status = VerifiedToken::Status::UserDisabled;
    else
        v.status = VerifiedToken::Status::Valid;
    if (!v.valid()) {
        v.scopes.clear();
        v.tenantId.clear();
        return v;
    }
    if (now - entry.lastUsedMs >= LastUsedIntervalMs) {
        // At most once a minute per credential, so a burst of requests stays reads. The guard in
        // the WHERE clause keeps two servers from both writing.
        const qint64 stale = now - LastUsedIntervalMs;
        const quint64 before = m_store.commitCount();
        auto w = m_store.write([&] {
            if (v.kind == VerifiedToken::Kind::Api)
                m_store.run(
                    QStringLiteral("UPDATE api_tokens SET last_used_at = ?, last_used_addr = ? "
                                   "WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)"),
                    {now, address, v.id, stale});
            else
                m_store.run(
                    QStringLiteral("UPDATE mobile_sessions SET last_active_at = ?, "
                                   "last_active_addr = ? WHERE id = ? AND last_active_at <= ?"),
                    {now, address, v.id, stale});
        });
        if (shared)
            shared->touch(hash, now); // written (or written by another server): not again now
        // Our own last-used write changes nothing the cache holds but that time.
        if (w.ok() && cache && cache->commits == before && m_store.commitCount() == before + 1) {
            cache->commits = before + 1;
            if (auto it = cache->entries.find(hash); it != cache->entries.end())
                it->lastUsedMs = now;
        }
    }
    return v;
}

// ---- audit log ---------------------------------------------------------------------------------

namespace {
QString auditWhere(const AuditQuery &q, const Store &store, QVariantList &binds)
{
    QString where = QStringLiteral(" WHERE 1 = 1");
    if (!q.actor.trimmed().isEmpty()) {
        where += QStringLiteral(" AND actor = ?");
        binds << q.actor.trimmed();
    }
    if (!q.action.trimmed().isEmpty()) {
        where += QStringLiteral(" AND action LIKE ? ESCAPE '\\'");
        binds << Store::likeEscape(q.action.trimmed()) + QLatin1Char('%');
    }
    if (q.since.isValid()) {
        where += QStringLiteral(" AND at >= ?");
        binds << q.since.toMSecsSinceEpoch();
    }
    if (q.until.isValid()) {
        where += QStringLiteral(" AND at < ?");
        binds << q.until.toMSecsSinceEpoch();
    }
    const QString text = q.text.trimmed();
    if (!text.isEmpty()) {
        const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
        where += QStringLiteral(
                     " AND (target %1 ? ESCAPE '\\' OR details %1 ? ESCAPE '\\' OR actor %1 ? "
                     "ESCAPE '\\')")
                     .arg(store.ilike());
        binds << like << like << like;
    }
    return where;
}
} // namespace

Result<QList<AuditEntry>> Service::auditEntries(const Actor &actor, const AuditQuery &query)
{
    QList<AuditEntry> out;
    auto r = visitAuditEntries(actor, query, [&](const AuditEntry &e) {
        out << e;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<qint64> Service::visitAuditEntries(const Actor &actor, const AuditQuery &query,
                                          const std::function<bool(const AuditEntry &)> &visit)
{
    return denyAudited(
        actor, QStringLiteral("audit.read"), QStringLiteral("audit log"), m_store.read([&] {
            const Actor live = liveActor(actor);
            require(live, Permission::AuditView, tr("read the audit log"));
            QVariantList binds;
            QString sql =
                QStringLiteral("SELECT id, at, actor, action, target, outcome, details, address "
                               "FROM audit_log") +
                auditWhere(query, m_store, binds) +
                (query.newestFirst ? QStringLiteral(" ORDER BY at DESC, id DESC")
                                   : QStringLiteral(" ORDER BY at ASC, id ASC"));
            if (query.limit > 0) {
                sql += QStringLiteral(" LIMIT ? OFFSET ?");
                binds << query.limit << query.offset;
            }
            QSqlQuery q = m_store.run(sql, binds, "reading the audit log");
            qint64 n = 0;
            while (q.next()) {
                ++n;
                AuditEntry e;
                e.id = q.value(0).toLongLong();
                e.at = Clock::fromMs(q.value(1));
                e.actor = q.value(2).toString();
                e.action = q.value(3).toString();
                e.target = q.value(4).toString();
                e.outcome = q.value(5).toString();
                e.details = q.value(6).toString();
                e.address = q.value(7).toString();
                if (!visit(e))
                    break;
            }
            return n;
        }));
}

Result<qint64> Service::countAuditEntries(const Actor &actor, const AuditQuery &query)
{
    return denyAudited(actor, QStringLiteral("audit.read"), QStringLiteral("audit log"),
                       m_store.read([&] {
                           const Actor live = liveActor(actor);
                           require(live, Permission::AuditView, tr("read the audit log"));
                           QVariantList binds;
                           const QString sql = QStringLiteral("SELECT COUNT(*) FROM audit_log") +
                                               auditWhere(query, m_store, binds);
                           return m_store.scalar(sql, binds).toLongLong();
                       }));
}

} // namespace td
