// SPDX-License-Identifier: MIT
// The token list: one select (tokenquery.h) for the console's window and count and for every
// plain list (exports, the CLI).
#include "tokenservice.h"

#include "tokenquery.h"

#include "core/clock.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"

namespace td {

Result<QList<ApiToken>> TokenService::list(const Actor &actor, const TokenQuery &query)
{
    return collect<ApiToken>(
        [&](const std::function<bool(const ApiToken &)> &v) { return visit(actor, query, v); });
}

Result<qint64> TokenService::visit(const Actor &actor, const TokenQuery &query,
                                   const std::function<bool(const ApiToken &)> &visit)
{
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings s = Records::loadSettings(store());
        const qint64 now = Clock::nowMs();
        const TokenList::Grants grants = TokenList::grants(store());
        return visitList<ApiToken>(
            store(), TokenList::select(store(), live, query, now, s.expiringSoonDays),
            TokenList::columns(), query.offset, query.limit, "listing tokens",
            [&](const QSqlQuery &q) { return TokenList::read(q, now, s.expiringSoonDays, grants); },
            visit);
    });
}

Result<qint64> TokenService::count(const Actor &actor, const TokenQuery &query)
{
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings s = Records::loadSettings(store());
        return TokenList::count(
            store(), TokenList::select(store(), live, query, Clock::nowMs(), s.expiringSoonDays));
    });
}

Result<TokenOwnerCounts> TokenService::countByOwner(const Actor &actor, const TokenQuery &query)
{
    return m_guard.view(actor, [&](const Actor &live) {
        m_guard.require(Authz::mayManageAllTokens(live),
                        tr("count every user's tokens per department and user"));
        const StoreSettings s = Records::loadSettings(store());
        return TokenList::countByOwner(
            store(), TokenList::select(store(), live, query, Clock::nowMs(), s.expiringSoonDays));
    });
}

Result<Window<ApiToken>> TokenService::window(const Actor &actor, const TokenQuery &query,
                                              const WindowRequest &request)
{
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings s = Records::loadSettings(store());
        const qint64 now = Clock::nowMs();
        const TokenList::Grants grants = TokenList::grants(store());
        WindowedSelect sel = TokenList::select(store(), live, query, now, s.expiringSoonDays);
        WindowRequest r = request;
        if (r.total < 0)
            r.total = TokenList::count(store(), sel);
        if (!sel.conditions.isEmpty() || !sel.idSet.isEmpty())
            sel.tableRows =
                store()
                    .scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM api_tokens"))
                    .toLongLong();
        return readWindow<ApiToken>(store(), SqlWindow::ids(store(), sel, r), r.offset,
                                    TokenList::columns(), QStringLiteral("t.id"), "reading tokens",
                                    [&](const QSqlQuery &q) {
                                        return TokenList::read(q, now, s.expiringSoonDays, grants);
                                    });
    });
}

Result<qint64> TokenService::position(const Actor &actor, const TokenQuery &query, qint64 tokenId)
{
    return m_guard.view(actor, [&](const Actor &live) {
        const StoreSettings s = Records::loadSettings(store());
        return SqlWindow::position(
            store(), TokenList::select(store(), live, query, Clock::nowMs(), s.expiringSoonDays),
            tokenId);
    });
}

} // namespace td
