// SPDX-License-Identifier: MIT
#include "verificationcache.h"

#include "store/store.h"

#include <QHash>

namespace td {

namespace {

/// Verified rows of this connection, valid only as long as nothing was committed to the store:
/// SQLite's `PRAGMA data_version` changes whenever another connection (console, CLI, a second
/// server) commits, and Store::commitCount() when this one does. Both are checked on every
/// verification (the pragma once per batch, TokenVerifier::beginBatch()), so an unchanged store
/// answers from memory after at most one cheap pragma.
class SqliteDataVersionCache final : public VerificationCache
{
public:
    void revalidate(Store &store, bool otherConnections) override
    {
        qint64 version = m_dataVersion;
        if (otherConnections || version == -1) {
            QSqlQuery &dv =
                store.runCached(QStringLiteral("PRAGMA data_version"), {}, "checking for changes");
            version = dv.next() ? dv.value(0).toLongLong() : -1;
            dv.finish();
        }
        if (version != m_dataVersion || store.commitCount() != m_commits) {
            m_entries.clear();
            m_dataVersion = version;
            m_commits = store.commitCount();
        }
    }
    std::optional<Entry> find(const QByteArray &hash) const override
    {
        if (auto it = m_entries.constFind(hash); it != m_entries.cend())
            return *it;
        return std::nullopt;
    }
    void insert(const QByteArray &hash, const Entry &entry) override
    {
        if (m_entries.size() >= MaxEntries)
            m_entries.clear();
        m_entries.insert(hash, entry);
    }
    void ownLastUsedWritten(Store &store, quint64 commitsBefore, const QByteArray &hash,
                            qint64 nowMs) override
    {
        // Our own last-used write changes nothing the cache holds but that time.
        if (m_commits != commitsBefore || store.commitCount() != commitsBefore + 1)
            return;
        m_commits = commitsBefore + 1;
        if (auto it = m_entries.find(hash); it != m_entries.end())
            it->lastUsedMs = nowMs;
    }

private:
    static constexpr qsizetype MaxEntries = 50000;
    qint64 m_dataVersion = -1;
    quint64 m_commits = 0;
    QHash<QByteArray, Entry> m_entries;
};

} // namespace

std::unique_ptr<VerificationCache> makeVerificationCache(Store &store)
{
    if (store.isSqlite())
        return std::make_unique<SqliteDataVersionCache>();
    return nullptr;
}

} // namespace td
