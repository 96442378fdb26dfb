// SPDX-License-Identifier: MIT
#pragma once

#include "accounts/accountservice.h"
#include "accounts/credentials.h"
#include "audit/auditservice.h"
#include "guard.h"
#include "notices/noticeservice.h"
#include "overview/overviewservice.h"
#include "sessions/sessionservice.h"
#include "tokens/tokenservice.h"
#include "webhooks/webhookservice.h"

namespace td {

class Store;

/// The domain operations of TokenDesk over one store, one service per subject, for every front
/// end (console, HTTP server, CLI): `domain.tokens.create(actor, request)`.
///
/// Every rule lives in these services: validation with field-specific messages, permission
/// checks (authz.h: a front end shows what is not allowed disabled; the service refuses it
/// anyway and audits the refusal), one transaction per change with its audit row (guard.h),
/// throttling of failed sign-ins. Plaintext secrets enter as SecretBytes and leave only once,
/// in a CreatedToken; the store sees hashes and hints.
///
/// Bound to the store's thread, as the store is. Not copyable: the services refer to each other.
struct Domain
{
    explicit Domain(Store &store)
        : guard(store)
        , credentials(guard)
        , accounts(guard, credentials)
        , tokens(guard, credentials)
        , sessions(guard, credentials)
        , audit(guard)
        , overview(guard)
        , notices(guard)
        , webhooks(guard)
    {}
    Domain(const Domain &) = delete;
    Domain &operator=(const Domain &) = delete;

    Store &store() const { return guard.store(); }

    Guard guard;
    Credentials credentials;
    AccountService accounts;
    TokenService tokens;
    SessionService sessions;
    AuditService audit;
    OverviewService overview;
    NoticeService notices;
    WebhookService webhooks;
};

} // namespace td
