// SPDX-License-Identifier: MIT
// The unused-token policy: what tokendesk-server runs once a night.
#include "tokenservice.h"

#include "domain/guard.h"
#include "domain/records.h"

namespace td {

Actor TokenService::unusedTokenPolicyActor()
{
    return Actor::system(QStringLiteral("policy:unused-tokens"));
}

Result<BulkRevoke> TokenService::applyUnusedTokenPolicy()
{
    const Actor policy = unusedTokenPolicyActor();
    auto settings = store().read([&] { return Records::loadSettings(store()); });
    if (!settings)
        return settings.error();
    if (settings->unusedTokenPolicyDays <= 0)
        return BulkRevoke{};
    const TokenQuery q = TokenQuery::validUnused(settings->unusedTokenPolicyDays);
    // A token used or revoked between the count and the revoke changes the count: once more.
    for (int attempt = 0;; ++attempt) {
        auto n = count(policy, q);
        if (!n)
            return n.error();
        if (n.value() == 0)
            return BulkRevoke{};
        auto done = revokeMatching(policy, q, {}, n.value());
        if (done || done.code() != Errc::Conflict || attempt > 0)
            return done;
    }
}

} // namespace td
