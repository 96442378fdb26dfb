// SPDX-License-Identifier: MIT
#pragma once

#include "verificationcache.h"

#include "core/result.h"
#include "core/types.h"
#include "security/tokencodec.h"

#include <QByteArrayView>

#include <memory>

namespace td {

class CredentialCache;
class Store;

/// Token verification for the HTTP server and `tokendesk-admin token verify`: the token's format
/// first (no query for a malformed one), then one prepared statement for the credential, its
/// user, the user type's permissions and the tenant, remembered by a VerificationCache where the
/// store has one. Records last use (time, address) at most once a minute per token.
class TokenVerifier
{
public:
    explicit TokenVerifier(Store &store);
    ~TokenVerifier();
    TokenVerifier(const TokenVerifier &) = delete;
    TokenVerifier &operator=(const TokenVerifier &) = delete;

    Result<VerifiedToken> verify(QByteArrayView token, const QString &address);
    /// Verified credentials shared by a server's threads and invalidated by the store's own
    /// notifications (PostgreSQL: credentialcache.h); used while it is live. Null: none.
    void setSharedCache(std::shared_ptr<CredentialCache> cache) { m_shared = std::move(cache); }

    /// Until endBatch(), verifications share one look at what other connections committed (on
    /// SQLite one `PRAGMA data_version`, taken by the first of them): only for a batch of
    /// requests that had all arrived before beginBatch(), so a commit made before any of them
    /// was sent is still seen. This connection's own commits count on every verification.
    void beginBatch()
    {
        m_inBatch = true;
        m_batchLooked = false;
    }
    void endBatch() { m_inBatch = false; }

private:
    /// The stored row of a well-formed token (cached or read); false when there is none.
    bool lookup(TokenKind kind, const QByteArray &hash, VerificationCache::Entry &entry);
    void recordUse(const VerifiedToken &v, const QByteArray &hash, qint64 lastUsedMs,
                   const QString &address, CredentialCache *shared);

    Store &m_store;
    std::unique_ptr<VerificationCache> m_cache; ///< created at the first verification
    bool m_cacheChosen = false;
    bool m_inBatch = false;
    bool m_batchLooked = false; ///< other connections' commits looked at in this batch
    std::shared_ptr<CredentialCache> m_shared;
};

} // namespace td
