// SPDX-License-Identifier: MIT
// API tokens: create, edit scope, revoke, delete.
#include "tokenservice.h"

#include "domain/notices/noticeservice.h"
#include "domain/webhooks/webhookservice.h"

#include "tokenquery.h"
#include "tokensearch.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "core/requestlimits.h"
#include "domain/accounts/credentials.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/credentialpolicy.h"
#include "security/tokencodec.h"

namespace td {

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
constexpr int LongLivedDays = 365; // "over 12 months asks for a deliberate confirmation"
constexpr qint64 LatestExpiryMs = 253402300799999; // 9999-12-31T23:59:59.999Z
constexpr qsizetype IdChunk = 500;

QString selectionTarget(const QList<qint64> &ids)
{
    return ids.size() == 1 ? QStringLiteral("token #%1").arg(ids.first())
                           : QStringLiteral("%1 tokens").arg(ids.size());
}
} // namespace

TokenService::TokenService(Guard &guard, Credentials &credentials)
    : m_guard(guard)
    , m_credentials(credentials)
    , m_verifier(guard.store())
{}

Store &TokenService::store() const
{
    return m_guard.store();
}

// ---- checking a request ------------------------------------------------------------------------

bool TokenService::isLongLived(const QDateTime &expiresAt)
{
    return expiresAt.isValid() &&
           expiresAt.toMSecsSinceEpoch() > Clock::nowMs() + LongLivedDays * DayMs + DayMs;
}

QStringList TokenService::normalizeScopes(const QStringList &scopes)
{
    QSet<QString> wanted;
    for (const QString &raw : scopes) {
        const QString s = raw.trimmed().toLower();
        if (s.isEmpty())
            continue;
        if (!isScope(s))
            fail(Errc::InvalidArgument,
                 tr("Unknown scope \"%1\" (known scopes: %2).")
                     .arg(raw.trimmed(), Scope::all().join(QLatin1String(", "))),
                 QStringLiteral("scopes"));
        wanted.insert(s);
    }
    if (wanted.isEmpty())
        fail(Errc::InvalidArgument, tr("Choose at least one scope."), QStringLiteral("scopes"));
    QStringList ordered; // catalog order, so "collection,device" is always written the same way
    for (const QString &s : Scope::all())
        if (wanted.contains(s))
            ordered << s;
    return ordered;
}

void TokenService::requireGranted(const QStringList &scopes, qint64 userTypeId,
                                  const QString &typeName)
{
    const QStringList granted = Records::userTypePermissions(store(), userTypeId);
    for (const QString &s : scopes)
        if (!granted.contains(s))
            fail(Errc::InvalidArgument,
                 tr("The user type %1 does not grant the scope \"%2\".").arg(typeName, s),
                 QStringLiteral("scopes"));
}

void TokenService::requireNameFree(qint64 userId, const QString &username, const QString &name,
                                   bool personal)
{
    if (!store()
             .scalar(QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? AND name = ? AND "
                                    "revoked_at IS NULL"),
                     {userId, name})
             .isValid())
        return;
    if (personal)
        fail(Errc::AlreadyExists,
             tr("Another live token of %1 is named \"%2\"; rename or revoke it first.")
                 .arg(username, name));
    fail(Errc::AlreadyExists,
         tr("%1 already has a token named \"%2\"; choose another name or revoke that token "
            "first.")
             .arg(username, name),
         QStringLiteral("name"));
}

void TokenService::planOwner(const Actor &live, const NewApiToken &r, Plan &p)
{
    if (r.username.trimmed().isEmpty())
        fail(Errc::InvalidArgument, tr("Select the user the token acts for."),
             QStringLiteral("user"));
    const auto user = Records::findUser(store(), CredentialPolicy::canonicalUsername(r.username));
    if (!user)
        fail(Errc::NotFound, tr("There is no user \"%1\".").arg(r.username.trimmed()),
             QStringLiteral("user"));
    if (!user->user.enabled())
        fail(Errc::Conflict, tr("The user %1 is disabled.").arg(user->user.username),
             QStringLiteral("user"));
    p.userId = user->user.id;
    p.username = user->user.username;

    if (!Authz::mayManageAllTokens(live)) {
        m_guard.require(Authz::isSelf(live, p.userId), tr("create tokens for other users"));
        m_guard.require(Authz::mayCreateTokens(live), tr("create API tokens"));
    }
    p.departmentId =
        r.department.trimmed().isEmpty()
            ? user->user.departmentId
            : Records::departmentIdByName(store(), r.department, QStringLiteral("department"));
    p.userTypeId = r.userType.trimmed().isEmpty()
                       ? user->user.userTypeId
                       : Records::userTypeIdByName(store(), r.userType, QStringLiteral("userType"));
    if ((p.departmentId != user->user.departmentId || p.userTypeId != user->user.userTypeId) &&
        !Authz::mayManageAllTokens(live))
        fail(Errc::PermissionDenied,
             tr("Only an administrator may bind a token to another department or user type."),
             QStringLiteral("department"));
}

void TokenService::planExpiry(const NewApiToken &r, Plan &p)
{
    const qint64 now = Clock::nowMs();
    if (!r.expiresAt.isValid())
        fail(Errc::InvalidArgument, tr("Choose an expiry date."), QStringLiteral("expires"));
    p.expiresAtMs = r.expiresAt.toMSecsSinceEpoch();
    // ISO 8601 (and every export and JSON answer) writes four-digit years.
    if (p.expiresAtMs > LatestExpiryMs)
        fail(Errc::InvalidArgument, tr("The expiry date must be on or before 9999-12-31 (UTC)."),
             QStringLiteral("expires"));
    if (p.expiresAtMs <= now + 60LL * 1000)
        fail(Errc::InvalidArgument, tr("The expiry date must be in the future."),
             QStringLiteral("expires"));
    const StoreSettings settings = Records::loadSettings(store());
    if (settings.maxTokenLifetimeDays > 0 &&
        p.expiresAtMs > now + settings.maxTokenLifetimeDays * DayMs)
        fail(Errc::InvalidArgument,
             tr("Tokens may live at most %n day(s) (store setting).", nullptr,
                settings.maxTokenLifetimeDays),
             QStringLiteral("expires"));
    if (isLongLived(r.expiresAt) && !r.longLivedConfirmed)
        fail(Errc::InvalidArgument,
             tr("The expiry is more than 12 months away; confirm that a token this long-lived is "
                "needed."),
             QStringLiteral("expires"));
}

TokenService::Plan TokenService::plan(const Actor &live, const NewApiToken &r)
{
    Plan p;
    p.name = r.name.trimmed();
    if (QString why = Records::checkName(p.name, tr("token name")); !why.isEmpty())
        fail(Errc::InvalidArgument, why, QStringLiteral("name"));
    p.description = r.description.trimmed();
    if (QString why = Records::checkFreeText(p.description, Records::DescriptionMaxLength, true);
        !why.isEmpty())
        fail(Errc::InvalidArgument, why, QStringLiteral("description"));
    p.scopes = normalizeScopes(r.scopes);
    planOwner(live, r, p);
    // A scope the user type does not grant would be dead weight; refuse it while the person
    // creating the token can still see why.
    requireGranted(
        p.scopes, p.userTypeId,
        store()
            .scalar(QStringLiteral("SELECT name FROM user_types WHERE id = ?"), {p.userTypeId})
            .toString());
    planExpiry(r, p);
    requireNameFree(p.userId, p.username, p.name, false);
    return p;
}

CreatedToken TokenService::insert(const Actor &live, const Plan &p, bool personal)
{
    CreatedToken created;
    created.secret = TokenCodec::generate(TokenKind::Api);
    created.hint = TokenCodec::hint(created.secret.bytes());
    created.expiresAt = Clock::fromMs(p.expiresAtMs);
    const qint64 now = Clock::nowMs();
    // The user, department and user type names are copied into the row for sorting (migration 2).
    created.id = store().insert(
        QStringLiteral("INSERT INTO api_tokens (token_hash, hint, name, description, scope_list, "
                       "user_id, department_id, user_type_id, personal, created_at, created_by, "
                       "expires_at, user_name, department_name, user_type_name) VALUES (?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT name FROM departments WHERE id = ?), "
                       "(SELECT name FROM user_types WHERE id = ?))"),
        {TokenCodec::lookupHash(created.secret.bytes()), created.hint, p.name, p.description,
         p.scopes.join(QLatin1Char(',')), p.userId, p.departmentId, p.userTypeId, personal ? 1 : 0,
         now, live.label, p.expiresAtMs, p.username, p.departmentId, p.userTypeId});
    for (const QString &s : p.scopes)
        store().run(QStringLiteral("INSERT INTO api_token_scopes (token_id, scope) VALUES (?, ?)"),
                    {created.id, s});
    TokenSearch::add(store(), created.id, p.name, created.hint, p.username, p.description);
    return created;
}

// ---- the operations
// ------------------------------------------------------------------------------

Result<void> TokenService::validate(const Actor &actor, const NewApiToken &request)
{
    return m_guard.view(actor, [&](const Actor &live) { (void)plan(live, request); });
}

Result<CreatedToken> TokenService::create(const Actor &actor, const NewApiToken &request)
{
    const QString target = QStringLiteral("token \"%1\" for %2")
                               .arg(request.name.trimmed(), request.username.trimmed());
    return m_guard.change(actor, QStringLiteral("token.create"), target, [&](const Actor &live) {
        const Plan p = plan(live, request);
        CreatedToken created = insert(live, p, false);
        m_guard.audit(live, QStringLiteral("token.create"),
                      TokenList::target(created.id, p.name, created.hint, p.username),
                      QStringLiteral("success"),
                      QStringLiteral("scopes %1; expires %2")
                          .arg(p.scopes.join(QLatin1Char(',')), Clock::iso(created.expiresAt)));
        return created;
    });
}

ApiToken TokenService::load(const Actor &live, qint64 id)
{
    const StoreSettings s = Records::loadSettings(store());
    QSqlQuery q = store().run(
        QStringLiteral("SELECT ") + TokenList::columns() + QStringLiteral(" WHERE t.id = ?"), {id});
    if (!q.next())
        fail(Errc::NotFound, tr("There is no API token with id %1.").arg(id),
             QStringLiteral("token"));
    ApiToken t = TokenList::read(q, Clock::nowMs(), s.expiringSoonDays, TokenList::grants(store()));
    if (!Authz::mayViewToken(live, t))
        // Same words as a missing token: a Standard user learns nothing about others' tokens.
        fail(Errc::NotFound, tr("There is no API token with id %1.").arg(id),
             QStringLiteral("token"));
    return t;
}

void TokenService::requireChange(const Actor &live, const ApiToken &t, const QString &what)
{
    m_guard.require(Authz::mayChangeToken(live, t), what);
}

Result<void> TokenService::editScopes(const Actor &actor, qint64 tokenId, const QStringList &scopes)
{
    const QString target = QStringLiteral("token #%1").arg(tokenId);
    return m_guard.change(
        actor, QStringLiteral("token.edit_scope"), target, [&](const Actor &live) {
            const ApiToken t = load(live, tokenId);
            requireChange(live, t, tr("edit this token"));
            if (t.status == TokenStatus::Revoked)
                fail(
                    Errc::Conflict,
                    tr("The token \"%1\" is revoked; its scope can no longer change.").arg(t.name));
            if (t.status == TokenStatus::Expired)
                fail(Errc::Conflict,
                     tr("The token \"%1\" has expired; its scope can no longer change.")
                         .arg(t.name));
            const QStringList wanted = normalizeScopes(scopes);
            requireGranted(wanted, t.userTypeId, t.userType);
            if (wanted == t.scopes)
                return; // nothing to change, nothing to audit
            store().run(QStringLiteral("DELETE FROM api_token_scopes WHERE token_id = ?"),
                        {tokenId});
            for (const QString &s : wanted)
                store().run(
                    QStringLiteral("INSERT INTO api_token_scopes (token_id, scope) VALUES (?, ?)"),
                    {tokenId, s});
            store().run(QStringLiteral("UPDATE api_tokens SET scope_list = ? WHERE id = ?"),
                        {wanted.join(QLatin1Char(',')), tokenId});
            m_guard.audit(live, QStringLiteral("token.edit_scope"), TokenList::target(t),
                          QStringLiteral("success"),
                          QStringLiteral("scopes %1 → %2")
                              .arg(t.scopes.join(QLatin1Char(',')), wanted.join(QLatin1Char(','))));
        });
}

QList<qint64> TokenService::rotationOverlaps()
{
    return {0, 3600, 24 * 3600, 7 * 24 * 3600};
}

std::optional<Error> TokenService::whyNotRotate(const Actor &actor, const ApiToken &t)
{
    if (!Authz::mayChangeToken(actor, t))
        return Error(Errc::PermissionDenied,
                     tr("Your user type does not allow you to rotate the tokens of other users."));
    if (t.personal)
        return Error(Errc::Conflict,
                     tr("The token \"%1\" is a personal token: its user renews it under Manage "
                        "Tokens, behind their access code.")
                         .arg(t.name));
    if (t.status == TokenStatus::Revoked)
        return Error(Errc::Conflict,
                     tr("The token \"%1\" is revoked; it can no longer be rotated.").arg(t.name));
    if (t.status == TokenStatus::Expired)
        return Error(Errc::Conflict,
                     tr("The token \"%1\" has expired; it can no longer be rotated.").arg(t.name));
    return std::nullopt;
}

Result<CreatedToken> TokenService::rotate(const Actor &actor, qint64 tokenId, qint64 overlapSeconds)
{
    const QString target = QStringLiteral("token #%1").arg(tokenId);
    if (!rotationOverlaps().contains(overlapSeconds))
        return Error(Errc::InvalidArgument,
                     tr("The old secret can keep working for none, 1 hour, 1 day or 7 days "
                        "(3600, 86400 or 604800 seconds), not %1 seconds.")
                         .arg(overlapSeconds),
                     QStringLiteral("overlap"));
    return m_guard.change(actor, QStringLiteral("token.rotate"), target, [&](const Actor &live) {
        const ApiToken t = load(live, tokenId);
        if (const auto refusal = whyNotRotate(live, t))
            fail(refusal->code, refusal->message, QStringLiteral("token"));
        const qint64 now = Clock::nowMs();
        const qint64 until = std::min(now + overlapSeconds * 1000, t.expiresAt.toMSecsSinceEpoch());
        CreatedToken created;
        created.id = tokenId;
        created.secret = TokenCodec::generate(TokenKind::Api);
        created.hint = TokenCodec::hint(created.secret.bytes());
        created.expiresAt = t.expiresAt;
        TokenSearch::remove(store(), {tokenId}); // told what was indexed: before the hint changes
        // The replaced secret stays known (verified until previous_until, then refused as
        // revoked, and found by Find Token by Value); the one replaced before it is forgotten.
        // The right-hand sides read the row as it was.
        store().run(QStringLiteral("UPDATE api_tokens SET previous_hash = token_hash, "
                                   "previous_hint = hint, previous_until = ?, token_hash = ?, "
                                   "hint = ?, rotated_at = ?, rotated_by = ? WHERE id = ?"),
                    {until, TokenCodec::lookupHash(created.secret.bytes()), created.hint, now,
                     live.label, tokenId},
                    "rotating a token");
        TokenSearch::add(store(), tokenId, t.name, created.hint, t.username, t.description);
        m_guard.audit(
            live, QStringLiteral("token.rotate"),
            TokenList::target(tokenId, t.name, created.hint, t.username), QStringLiteral("success"),
            until > now ? QStringLiteral("replaces %1, which works until %2")
                              .arg(t.hint, Clock::iso(Clock::fromMs(until)))
                        : QStringLiteral("replaces %1, which stopped working").arg(t.hint));
        return created;
    });
}

void TokenService::markRevoked(const Actor &live, const QList<qint64> &ids, qint64 nowMs)
{
    for (qsizetype i = 0; i < ids.size(); i += IdChunk) {
        const QList<qint64> chunk = ids.mid(i, IdChunk);
        QVariantList binds = {nowMs, live.label};
        for (qint64 id : chunk)
            binds << id;
        store().run(QStringLiteral("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE "
                                   "revoked_at IS NULL AND id IN (%1)")
                        .arg(Records::placeholders(chunk.size())),
                    binds, "revoking tokens");
    }
    WebhookOutbox::tokensRevoked(store(), ids);
}

Result<int> TokenService::revoke(const Actor &actor, const QList<qint64> &tokenIds)
{
    const QList<qint64> ids = Records::uniqueIds(tokenIds);
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No token was selected."), QStringLiteral("tokens"));
    return m_guard.change(
        actor, QStringLiteral("token.revoke"), selectionTarget(ids), [&](const Actor &live) {
            QList<ApiToken> tokens;
            tokens.reserve(ids.size());
            for (qint64 id : ids) {
                ApiToken t = load(live, id);
                requireChange(live, t, tr("revoke this token"));
                if (t.status == TokenStatus::Revoked)
                    fail(Errc::Conflict,
                         tr("The token #%1 \"%2\" is already revoked.").arg(id).arg(t.name),
                         QStringLiteral("tokens"));
                tokens << t;
            }
            markRevoked(live, ids, Clock::nowMs());
            for (const ApiToken &t : tokens)
                m_guard.audit(live, QStringLiteral("token.revoke"), TokenList::target(t),
                              QStringLiteral("success"),
                              tokens.size() > 1
                                  ? QStringLiteral("bulk revoke of %1 tokens").arg(tokens.size())
                                  : QString());
            return int(tokens.size());
        });
}

void TokenService::visitMatching(const Actor &live, const TokenQuery &query,
                                 const QList<qint64> &except, qint64 confirmed,
                                 const std::function<void(const ApiToken &)> &visit)
{
    const QSet<qint64> skip(except.cbegin(), except.cend());
    const StoreSettings settings = Records::loadSettings(store());
    const qint64 now = Clock::nowMs();
    TokenQuery all = query;
    all.offset = 0;
    all.limit = 0;
    qint64 listed = 0;
    visitList<ApiToken>(
        store(), TokenList::select(store(), live, all, now, settings.expiringSoonDays),
        TokenList::columns(), 0, 0, "listing the tokens of a filter",
        [&](const QSqlQuery &q) { return TokenList::read(q, now, settings.expiringSoonDays, {}); },
        [&](const ApiToken &t) {
            if (!skip.contains(t.id)) {
                ++listed;
                visit(t);
            }
            return true;
        });
    if (listed != confirmed)
        fail(Errc::Conflict, tr("The list changed: %L1 tokens match now; look again.").arg(listed),
             QStringLiteral("confirmed"));
}

Result<BulkRevoke> TokenService::revokeMatching(const Actor &actor, const TokenQuery &query,
                                                const QList<qint64> &except, qint64 confirmed)
{
    return m_guard.change(
        actor, QStringLiteral("token.revoke"),
        QStringLiteral("%1 tokens of a filter").arg(confirmed), [&](const Actor &live) {
            m_guard.require(Authz::mayManageAllTokens(live), tr("revoke every token of a filter"));
            BulkRevoke done;
            QList<qint64> ids;
            QStringList targets;
            visitMatching(live, query, except, confirmed, [&](const ApiToken &t) {
                if (t.status == TokenStatus::Revoked) {
                    ++done.alreadyRevoked;
                } else {
                    ids << t.id;
                    targets << TokenList::target(t);
                }
            });
            markRevoked(live, ids, Clock::nowMs());
            const QString details =
                QStringLiteral("bulk revoke of %1 tokens (every token of a filter)")
                    .arg(ids.size());
            for (const QString &target : std::as_const(targets))
                m_guard.audit(live, QStringLiteral("token.revoke"), target,
                              QStringLiteral("success"), details);
            done.revoked = int(ids.size());
            return done;
        });
}

Result<BulkDelete> TokenService::removeMatching(const Actor &actor, const TokenQuery &query,
                                                const QList<qint64> &except, qint64 confirmed)
{
    return m_guard.change(
        actor, QStringLiteral("token.delete"),
        QStringLiteral("%1 tokens of a filter").arg(confirmed), [&](const Actor &live) {
            m_guard.require(Authz::mayDeleteTokens(live), tr("delete tokens"));
            BulkDelete done;
            QList<qint64> ids;
            QList<std::pair<QString, QString>> audited; // target, details
            visitMatching(live, query, except, confirmed, [&](const ApiToken &t) {
                if (t.status != TokenStatus::Revoked && t.status != TokenStatus::Expired) {
                    ++done.stillValid;
                    return;
                }
                ids << t.id;
                audited.append(
                    {TokenList::target(t),
                     QStringLiteral("was %1 (every token of a filter)").arg(statusName(t.status))});
            });
            deleteRows(ids);
            for (const auto &[target, details] : std::as_const(audited))
                m_guard.audit(live, QStringLiteral("token.delete"), target,
                              QStringLiteral("success"), details);
            done.deleted = int(ids.size());
            return done;
        });
}

void TokenService::deleteRows(const QList<qint64> &ids)
{
    for (qsizetype i = 0; i < ids.size(); i += IdChunk) {
        const QList<qint64> chunk = ids.mid(i, IdChunk);
        TokenSearch::remove(store(), chunk);
        QVariantList binds;
        for (qint64 id : chunk)
            binds << id;
        store().run(QStringLiteral("DELETE FROM api_token_scopes WHERE token_id IN (%1)")
                        .arg(Records::placeholders(chunk.size())),
                    binds);
        store().run(QStringLiteral("DELETE FROM api_tokens WHERE id IN (%1)")
                        .arg(Records::placeholders(chunk.size())),
                    binds, "deleting tokens");
    }
}

Result<bool> TokenService::revokeByHolder(QByteArrayView value, const QString &address)
{
    TokenKind kind;
    if (TokenCodec::check(value, &kind) != TokenCodec::ParseError::None || kind != TokenKind::Api)
        return false;
    const QByteArray hash = TokenCodec::lookupHash(value);
    return store().write([&] {
        const qint64 now = Clock::nowMs();
        // A rotation's replaced secret still in its overlap revokes the whole token too.
        const std::optional<HeldToken> held = heldToken(hash, now);
        if (!held || !held->stillWorks)
            return false;
        const ApiToken &t = held->token;
        const Actor holder = Records::person(t.userId, t.username, address);
        markRevoked(holder, {t.id}, now);
        m_guard.audit(holder, QStringLiteral("token.revoke"), TokenList::target(t),
                      QStringLiteral("success"),
                      QStringLiteral("revoked by its holder (POST /api/v1/revoke)"));
        return true;
    });
}

std::optional<TokenService::HeldToken> TokenService::heldToken(const QByteArray &hash, qint64 nowMs)
{
    HeldToken held;
    QSqlQuery q = store().run(QStringLiteral("SELECT ") + TokenList::columns() +
                                  QStringLiteral(" WHERE t.token_hash = ?"),
                              {hash});
    if (!q.next()) {
        q.finish();
        q = store().run(QStringLiteral("SELECT ") + TokenList::columns() +
                            QStringLiteral(" WHERE t.previous_hash = ?"),
                        {hash});
        if (!q.next())
            return std::nullopt;
        held.replacedSecret = true;
    }
    held.token = TokenList::read(q, nowMs, 0, {});
    q.finish();
    const ApiToken &t = held.token;
    const bool overlapEnded = held.replacedSecret && (!t.previousUntil.isValid() ||
                                                      t.previousUntil.toMSecsSinceEpoch() <= nowMs);
    held.stillWorks =
        t.status != TokenStatus::Revoked && t.status != TokenStatus::Expired && !overlapEnded;
    return held;
}

Result<QList<LeakVerdict>> TokenService::revokeLeaked(const Actor &reporter,
                                                      const QList<LeakReport> &reports)
{
    using Outcome = LeakVerdict::Outcome;
    for (qsizetype i = 0; i < reports.size(); ++i)
        if (const auto problem = leakReportProblem(reports.at(i)))
            return Error(Errc::InvalidArgument, tr("Report %1: %2").arg(i).arg(*problem),
                         QStringLiteral("reports"));
    return store().write([&] {
        const qint64 now = Clock::nowMs();
        QList<LeakVerdict> verdicts;
        verdicts.reserve(reports.size());
        for (const LeakReport &report : reports) {
            LeakVerdict &verdict = verdicts.emplaceBack();
            TokenKind kind;
            if (TokenCodec::check(report.token, &kind) != TokenCodec::ParseError::None ||
                kind != TokenKind::Api)
                continue;
            verdict.hint = TokenCodec::hint(report.token);
            // By the hash, as a verification finds it.
            const std::optional<HeldToken> held =
                heldToken(TokenCodec::lookupHash(report.token), now);
            if (!held) {
                verdict.outcome = Outcome::Unknown;
                continue;
            }
            const ApiToken &t = held->token;
            if (t.status == TokenStatus::Revoked) {
                verdict.outcome = Outcome::AlreadyRevoked;
                continue;
            }
            if (!held->stillWorks) {
                verdict.outcome = Outcome::Expired;
                continue;
            }
            // A live secret, current or replaced: the whole token goes, since whoever
            // published one may hold the other.
            markRevoked(reporter, {t.id}, now);
            m_guard.audit(reporter, QStringLiteral("token.revoke"), TokenList::target(t),
                          QStringLiteral("success"),
                          QStringLiteral("reported as leaked: found at %1 (source: %2)")
                              .arg(report.url, report.source));
            leakRevoked(t, report);
            verdict.outcome = Outcome::Revoked;
        }
        return verdicts;
    });
}

std::optional<QString> TokenService::leakReportProblem(const LeakReport &report)
{
    if (report.token.size() > RequestLimits::MaxLeakToken)
        return tr("\"token\" is longer than %1 characters.").arg(RequestLimits::MaxLeakToken);
    const std::pair<const char *, const QString *> fields[] = {{"url", &report.url},
                                                               {"source", &report.source}};
    for (const auto &[name, text] : fields) {
        const int max =
            text == &report.url ? RequestLimits::MaxLeakUrl : RequestLimits::MaxLeakSource;
        if (text->isEmpty())
            return tr("\"%1\" is empty.").arg(QLatin1String(name));
        if (text->size() > max)
            return tr("\"%1\" is longer than %2 characters.").arg(QLatin1String(name)).arg(max);
        for (const QChar c : *text)
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
                c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
                return tr("\"%1\" contains a control character.").arg(QLatin1String(name));
    }
    return std::nullopt;
}

void TokenService::leakRevoked(const ApiToken &token, const LeakReport &report)
{
    // token.revoked webhooks come from markRevoked(); the owner's e-mail joins here (sent by
    // tokendesk-server's outbox).
    NoticeService::queueLeakNotice(store(), token.userId, token.name, token.hint, report.url,
                                   report.source, Clock::now());
}

Result<int> TokenService::remove(const Actor &actor, const QList<qint64> &tokenIds)
{
    const QList<qint64> ids = Records::uniqueIds(tokenIds);
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No token was selected."), QStringLiteral("tokens"));
    return m_guard.change(
        actor, QStringLiteral("token.delete"), selectionTarget(ids), [&](const Actor &live) {
            m_guard.require(Authz::mayDeleteTokens(live), tr("delete tokens"));
            QList<ApiToken> tokens;
            for (qint64 id : ids) {
                ApiToken t = load(live, id);
                if (t.status != TokenStatus::Revoked && t.status != TokenStatus::Expired)
                    fail(Errc::Conflict,
                         tr("The token #%1 \"%2\" is still valid; revoke it before deleting it.")
                             .arg(id)
                             .arg(t.name),
                         QStringLiteral("tokens"));
                tokens << t;
            }
            deleteRows(ids);
            for (const ApiToken &t : tokens)
                m_guard.audit(live, QStringLiteral("token.delete"), TokenList::target(t),
                              QStringLiteral("success"),
                              QStringLiteral("was %1").arg(statusName(t.status)));
            return int(tokens.size());
        });
}

Result<ApiToken> TokenService::token(const Actor &actor, qint64 tokenId)
{
    return m_guard.view(actor, [&](const Actor &live) { return load(live, tokenId); });
}

Result<ApiToken> TokenService::findByValue(const Actor &actor, QByteArrayView value)
{
    TokenKind kind;
    if (const auto shape = TokenCodec::check(value, &kind); shape != TokenCodec::ParseError::None)
        return Error(Errc::InvalidArgument,
                     tr("This is not a TokenDesk token: %1").arg(TokenCodec::describe(shape)),
                     QStringLiteral("token"));
    if (kind != TokenKind::Api)
        return Error(Errc::InvalidArgument,
                     kind == TokenKind::Session
                         ? tr("This is a mobile session token, not an API token: look for it on "
                              "the Mobile Sessions page.")
                         : tr("This is a TokenDesk credential, but not an API token."),
                     QStringLiteral("token"));
    const QByteArray hash = TokenCodec::lookupHash(value);
    return m_guard.view(actor, [&](const Actor &live) {
        // A secret its token's last rotation replaced names that token too.
        QSqlQuery q = store().run(QStringLiteral("SELECT id FROM api_tokens WHERE token_hash = ? "
                                                 "UNION ALL SELECT id FROM api_tokens WHERE "
                                                 "previous_hash = ?"),
                                  {hash, hash});
        if (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            q.finish();
            try {
                return load(live, id);
            } catch (const Failure &f) {
                if (f.error.code != Errc::NotFound) // not the actor's to see: the same words
                    throw;
            }
        }
        fail(Errc::NotFound,
             tr("No API token you can see has this value. Its checksum is right, so it is a "
                "TokenDesk token: it was deleted, belongs to another store, or is not yours "
                "to see."),
             QStringLiteral("token"));
    });
}

Result<VerifiedToken> TokenService::verify(QByteArrayView token, const QString &address)
{
    return m_verifier.verify(token, address);
}

} // namespace td
