// SPDX-License-Identifier: MIT
#include "verification.h"

#include "credentialcache.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/overview/overviewservice.h"
#include "store/store.h"

namespace td {

namespace {
constexpr qint64 LastUsedIntervalMs = 60LL * 1000;

/// One statement per kind: the credential, its user with the user's current department and user
/// type, that type's permissions, the tenant; for a token also the permissions of the user type
/// it was bound to, for a session the access code's expiry. `previous`: the API token whose
/// secret a rotation replaced, with the time that secret stops (TokenService::rotate).
QString lookupStatement(TokenKind kind, bool sqlite, bool previous = false)
{
    const QString permissions =
        sqlite ? QStringLiteral("(SELECT group_concat(p.permission, ',') FROM "
                                "user_type_permissions p WHERE p.user_type_id = %1)")
               : QStringLiteral("(SELECT string_agg(p.permission, ',') FROM "
                                "user_type_permissions p WHERE p.user_type_id = %1)");
    const QString tenant = QStringLiteral("(SELECT tenant_uuid FROM tenant WHERE id = 1)");
    if (kind == TokenKind::Api)
        return QStringLiteral(
                   "SELECT t.id, t.name, t.user_id, u.username, u.email, d.name, ut.name, "
                   "t.scope_list, t.created_at, t.expires_at, t.revoked_at, u.disabled_at, "
                   "%1, t.last_used_at, %2, %3, NULL, %4 FROM api_tokens t "
                   "JOIN users u ON u.id = t.user_id JOIN departments d ON d.id = "
                   "u.department_id JOIN user_types ut ON ut.id = u.user_type_id "
                   "WHERE %5 = ?")
            .arg(permissions.arg(QStringLiteral("u.user_type_id")), tenant,
                 permissions.arg(QStringLiteral("t.user_type_id")),
                 previous ? QStringLiteral("t.previous_until") : QStringLiteral("NULL"),
                 previous ? QStringLiteral("t.previous_hash") : QStringLiteral("t.token_hash"));
    return QStringLiteral("SELECT s.id, s.device_name, s.user_id, u.username, u.email, d.name, "
                          "ut.name, NULL, s.created_at, s.expires_at, s.revoked_at, "
                          "u.disabled_at, %1, s.last_active_at, %2, NULL, "
                          "u.access_code_expires_at, NULL FROM mobile_sessions s "
                          "JOIN users u ON u.id = s.user_id JOIN departments d ON d.id = "
                          "u.department_id JOIN user_types ut ON ut.id = u.user_type_id "
                          "WHERE s.token_hash = ?")
        .arg(permissions.arg(QStringLiteral("u.user_type_id")), tenant);
}

VerifiedToken::Kind verifiedKind(TokenKind kind)
{
    return kind == TokenKind::Api ? VerifiedToken::Kind::Api : VerifiedToken::Kind::Session;
}
} // namespace

TokenVerifier::TokenVerifier(Store &store)
    : m_store(store)
{}

TokenVerifier::~TokenVerifier() = default;

bool TokenVerifier::lookup(TokenKind kind, const QByteArray &hash, VerificationCache::Entry &entry)
{
    if (m_cache) {
        m_cache->revalidate(m_store, !(m_inBatch && m_batchLooked));
        m_batchLooked = m_inBatch;
        if (auto cached = m_cache->find(hash)) {
            entry = *cached;
            return true;
        }
    }
    // Prepared once per connection. A secret that is not a token's current one may be the one
    // its last rotation replaced.
    QSqlQuery *found = nullptr;
    for (const bool previous : {false, true}) {
        if (previous && kind != TokenKind::Api)
            break;
        QSqlQuery &q = m_store.runCached(lookupStatement(kind, m_store.isSqlite(), previous),
                                         {hash}, "verifying a token");
        if (q.next()) {
            found = &q;
            break;
        }
        q.finish();
    }
    if (!found)
        return false;
    QSqlQuery &q = *found;
    VerifiedToken &t = entry.token;
    t.kind = verifiedKind(kind);
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.userId = q.value(2).toLongLong();
    t.username = q.value(3).toString();
    t.email = q.value(4).toString();
    t.department = q.value(5).toString();
    t.userType = q.value(6).toString();
    const QStringList tokenScopes =
        kind == TokenKind::Api ? q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)
                               : Scope::app();
    t.issuedAt = Clock::fromMs(q.value(8));
    t.expiresAt = Clock::fromMs(q.value(9));
    entry.revoked = !q.value(10).isNull();
    entry.disabled = !q.value(11).isNull();
    const QStringList granted = q.value(12).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    entry.lastUsedMs = q.value(13).isNull() ? 0 : q.value(13).toLongLong();
    t.tenantId = q.value(14).toString();
    const QStringList bound =
        kind == TokenKind::Api ? q.value(15).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)
                               : granted;
    // A session ends when its access code does.
    if (!q.value(16).isNull())
        t.expiresAt = std::min(t.expiresAt, Clock::fromMs(q.value(16)));
    t.rotatingUntil = Clock::fromMs(q.value(17));
    q.finish();
    t.scopes = effectiveScopes(tokenScopes, granted, bound);
    if (m_cache)
        m_cache->insert(hash, entry);
    return true;
}

void TokenVerifier::recordUse(const VerifiedToken &v, const QByteArray &hash, qint64 lastUsedMs,
                              const QString &address, CredentialCache *shared)
{
    const qint64 now = Clock::nowMs();
    if (now - lastUsedMs < LastUsedIntervalMs)
        return;
    // At most once a minute per credential, so a burst of requests stays reads. The guard in the
    // WHERE clause keeps two servers from both writing.
    const qint64 stale = now - LastUsedIntervalMs;
    const quint64 before = m_store.commitCount();
    auto w = m_store.write([&] {
        if (v.kind == VerifiedToken::Kind::Api) {
            const QSqlQuery q = m_store.run(
                QStringLiteral("UPDATE api_tokens SET last_used_at = ?, last_used_addr = ? "
                               "WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)"),
                {now, address, v.id, stale});
            // The Overview's requests per day: counted by the one server that wrote.
            if (q.numRowsAffected() > 0)
                OverviewService::countRequest(m_store, v.userId, now);
        } else
            m_store.run(QStringLiteral("UPDATE mobile_sessions SET last_active_at = ?, "
                                       "last_active_addr = ? WHERE id = ? AND last_active_at <= ?"),
                        {now, address, v.id, stale});
    });
    if (shared)
        shared->touch(hash, now); // written (or written by another server): not again now
    if (w.ok() && m_cache)
        m_cache->ownLastUsedWritten(m_store, before, hash, now);
}

Result<VerifiedToken> TokenVerifier::verify(QByteArrayView token, const QString &address)
{
    VerifiedToken v;
    TokenKind kind;
    if (TokenCodec::check(token, &kind) != TokenCodec::ParseError::None) {
        v.status = VerifiedToken::Status::Malformed; // decided without touching the store
        return v;
    }
    if (kind == TokenKind::Console) {
        // A console credential opens the admin API only, never a bearer endpoint.
        v.status = VerifiedToken::Status::Unknown;
        return v;
    }
    if (!m_cacheChosen) {
        m_cache = makeVerificationCache(m_store);
        m_cacheChosen = true;
    }
    const QByteArray hash = TokenCodec::lookupHash(token);
    VerificationCache::Entry entry;
    // The shared cache of a server on PostgreSQL, while its notifications come in.
    CredentialCache *shared = m_shared && m_shared->live() ? m_shared.get() : nullptr;
    quint64 sharedEpoch = 0;
    bool fromShared = false;
    if (shared) {
        if (auto hit = shared->find(hash)) {
            entry = *hit;
            fromShared = true;
        } else {
            sharedEpoch = shared->epoch();
        }
    }
    auto found =
        fromShared ? Result<bool>(true) : m_store.read([&] { return lookup(kind, hash, entry); });
    if (!found)
        return found.error();
    if (shared && found.value() && !fromShared)
        shared->insert(hash, entry, sharedEpoch);
    if (!found.value()) {
        v.kind = verifiedKind(kind);
        v.status = VerifiedToken::Status::Unknown;
        return v;
    }
    v = entry.token;
    const qint64 now = Clock::nowMs();
    if (entry.revoked)
        v.status = VerifiedToken::Status::Revoked;
    else if (v.rotatingUntil.isValid() && v.rotatingUntil.toMSecsSinceEpoch() <= now)
        v.status = VerifiedToken::Status::Revoked; // the replaced secret's overlap is over
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
    recordUse(v, hash, entry.lastUsedMs, address, shared);
    return v;
}

} // namespace td
