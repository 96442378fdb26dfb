// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace td {

class Store;

/// The seam for remembering verified credentials between requests (TokenVerifier). An entry
/// may only be used while nothing was committed to the store since it was read: a revocation,
/// a disabled user or a changed user type must count from the very next request. Each back end
/// learns of other connections' commits its own way; makeVerificationCache() picks the one for
/// the store, or none.
class VerificationCache
{
public:
    struct Entry
    {
        VerifiedToken token; ///< status decided at use; scopes already effective
        bool revoked = false;
        bool disabled = false;
        qint64 lastUsedMs = 0;
    };

    virtual ~VerificationCache() = default;
    /// Inside the verification's read, before find(): forgets every entry when the store changed
    /// since they were read. `otherConnections` false: only this connection's own commits are
    /// looked at (the caller already looked at the others' for this request, see
    /// TokenVerifier::beginBatch()).
    virtual void revalidate(Store &store, bool otherConnections) = 0;
    virtual std::optional<Entry> find(const QByteArray &hash) const = 0;
    virtual void insert(const QByteArray &hash, const Entry &entry) = 0;
    /// After the verifier's own last-used write (commitsBefore: Store::commitCount() before it):
    /// the entries stay valid when that write was the only commit, and the entry notes the time.
    virtual void ownLastUsedWritten(Store &store, quint64 commitsBefore, const QByteArray &hash,
                                    qint64 nowMs) = 0;
};

/// SQLite: a cache kept valid by `PRAGMA data_version` (changes when another connection commits)
/// and Store::commitCount() (this one's commits). PostgreSQL: none yet (every verification
/// reads the store).
std::unique_ptr<VerificationCache> makeVerificationCache(Store &store);

} // namespace td
