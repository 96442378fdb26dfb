// SPDX-License-Identifier: MIT
#include "credentialcache.h"

#include <mutex>

namespace td {

void CredentialCache::setLive(bool live)
{
    std::unique_lock lock(m_mutex);
    m_entries.clear();
    m_epoch.fetch_add(1, std::memory_order_acq_rel);
    m_live.store(live, std::memory_order_release);
}

std::optional<CredentialCache::Entry> CredentialCache::find(const QByteArray &hash) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_entries.constFind(hash);
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

void CredentialCache::insert(const QByteArray &hash, const Entry &entry, quint64 epochBeforeRead)
{
    std::unique_lock lock(m_mutex);
    if (!live() || epoch() != epochBeforeRead)
        return; // something changed while the row was read: it may be stale
    if (m_entries.size() >= MaxEntries)
        m_entries.clear();
    m_entries.insert(hash, entry);
}

void CredentialCache::touch(const QByteArray &hash, qint64 lastUsedMs)
{
    std::unique_lock lock(m_mutex);
    if (auto it = m_entries.find(hash); it != m_entries.end())
        it->lastUsedMs = lastUsedMs;
}

void CredentialCache::invalidate(QByteArrayView payload)
{
    const qsizetype colon = payload.indexOf(':');
    bool ok = false;
    const qint64 id = colon > 0 ? payload.sliced(colon + 1).toLongLong(&ok) : 0;
    const QByteArrayView kind = colon > 0 ? payload.first(colon) : QByteArrayView();
    std::unique_lock lock(m_mutex);
    m_epoch.fetch_add(1, std::memory_order_acq_rel);
    if (!ok || (kind != "api" && kind != "session" && kind != "user")) {
        m_entries.clear();
        return;
    }
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const VerifiedToken &t = it->token;
        const bool match =
            kind == "user" ? t.userId == id
                           : t.id == id && (kind == "api") == (t.kind == VerifiedToken::Kind::Api);
        if (match)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

qsizetype CredentialCache::size() const
{
    std::shared_lock lock(m_mutex);
    return m_entries.size();
}

} // namespace td
