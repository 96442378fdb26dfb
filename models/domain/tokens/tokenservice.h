// SPDX-License-Identifier: MIT
#pragma once

#include "verification.h"

#include "core/result.h"
#include "core/types.h"
#include "store/sqlwindow.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace td {

class Credentials;
struct UserRow;
class Guard;

/// One token a secret scanner found (POST /api/v1/leaks): its whole value and where it was seen.
struct LeakReport
{
    QByteArray token;
    QString url;    ///< where it was found (at most RequestLimits::MaxLeakUrl characters)
    QString source; ///< what the scanner looked at: "commit", "issue", … (MaxLeakSource)
};

/// What became of one LeakReport. Revoked: it was valid and is revoked now. The others change
/// nothing: AlreadyRevoked, Expired (or a rotation's replaced secret whose overlap ended),
/// Unknown (a well-formed API token value no token has), Invalid (not an API token: wrong
/// shape or checksum, or a mobile session token).
struct LeakVerdict
{
    enum class Outcome { Revoked, AlreadyRevoked, Expired, Unknown, Invalid };
    Outcome outcome = Outcome::Invalid;
    QString hint; ///< the value's hint (prefix + last four) when it is a well-formed API token
};

/// API tokens: create, edit scope, revoke, delete, list; the personal token of Manage Tokens;
/// verification (verification.h). Plaintext tokens leave only once, in a CreatedToken; the
/// store sees hashes and hints.
class TokenService
{
    Q_DECLARE_TR_FUNCTIONS(TokenService)

public:
    TokenService(Guard &guard, Credentials &credentials);

    /// An expiry more than 12 months away (365 days and a day of slack for "1 year" across a
    /// leap day): create() refuses it unless the request says it was confirmed.
    static bool isLongLived(const QDateTime &expiresAt);
    Result<CreatedToken> create(const Actor &actor, const NewApiToken &request);
    /// Checks a NewApiToken without creating it: the first problem, with its field.
    Result<void> validate(const Actor &actor, const NewApiToken &request);
    /// The overlaps rotate() offers, in seconds: none, an hour, a day, seven days.
    static QList<qint64> rotationOverlaps();
    /// What the console and the CLI offer first: a day.
    static constexpr qint64 DefaultRotationOverlap = 24 * 3600;
    /// A new secret for the same token record — name, scopes, user, department, description and
    /// expiry stay — returned once. The secret it replaces keeps working for `overlapSeconds`
    /// (one of rotationOverlaps(), never past the token's expiry), then stops; a secret an
    /// earlier rotation replaced stops now. Refused for a revoked or expired token and for a
    /// personal token (Manage Tokens renews that behind its access code).
    Result<CreatedToken> rotate(const Actor &actor, qint64 tokenId, qint64 overlapSeconds);
    /// Why rotate() refuses this token to this person (the console's Rotate action says the
    /// same): none when it does not.
    static std::optional<Error> whyNotRotate(const Actor &actor, const ApiToken &token);
    /// Only the scopes of an existing token can change.
    Result<void> editScopes(const Actor &actor, qint64 tokenId, const QStringList &scopes);
    /// Revokes all of them or none (one transaction, one audit row each).
    Result<int> revoke(const Actor &actor, const QList<qint64> &tokenIds);
    /// Revokes every token of the query (its filters; not its order, offset or limit) but
    /// `except`, as the console's "check all" does, in one transaction with one audit row per
    /// token (administrators only). Tokens revoked already are skipped and counted. Changes
    /// nothing (Conflict) when the number of tokens listed differs from `confirmed`, the number
    /// the person confirmed: the list changed meanwhile.
    Result<BulkRevoke> revokeMatching(const Actor &actor, const TokenQuery &query,
                                      const QList<qint64> &except, qint64 confirmed);
    /// The unused-token policy (StoreSettings::unusedTokenPolicyDays; 0: off): revokes the
    /// valid tokens not used for that many days with revokeMatching(), as the actor
    /// unusedTokenPolicyActor() ("policy:unused-tokens"), which the audit rows name. What
    /// tokendesk-server runs once a night; nothing when the policy is off.
    Result<BulkRevoke> applyUnusedTokenPolicy();
    static Actor unusedTokenPolicyActor();
    /// Revokes the API token whose whole value this is, for whoever holds it (RFC 7009: holding
    /// the token is the right to end it; POST /api/v1/revoke). True when it was active and is
    /// revoked now; false for anything else (not a token, not an API token, unknown, already
    /// revoked or expired), which the endpoint does not tell apart. Audited as its user's,
    /// from `address`.
    Result<bool> revokeByHolder(QByteArrayView value, const QString &address);
    /// Leak reports of a secret scanner (POST /api/v1/leaks, scope leak_report; the server has
    /// checked the request's shape and limits): every report naming a valid API token revokes
    /// it through the normal revoke (token.revoked webhooks), with an audit row that says where
    /// it was found, and notifies its owner (leakRevoked()). One transaction for the batch: a
    /// failure revokes none. The reporter, whose token's user is the actor of the audit rows,
    /// needs no console permission: the scope is the right. One verdict per report, in order;
    /// InvalidArgument and nothing looked up when a report has a leakReportProblem().
    Result<QList<LeakVerdict>> revokeLeaked(const Actor &reporter,
                                            const QList<LeakReport> &reports);
    /// Why revokeLeaked() must not get this report, checked for every report before any is:
    /// a token value longer than RequestLimits::MaxLeakToken, a url or source empty, longer
    /// than MaxLeakUrl or MaxLeakSource, or with a control character (they are shown in the
    /// audit log). None when it is fine. The server and the CLI refuse the whole batch then.
    static std::optional<QString> leakReportProblem(const LeakReport &report);
    /// Deletes revoked or expired tokens (administrators only).
    Result<int> remove(const Actor &actor, const QList<qint64> &tokenIds);
    /// Deletes every revoked or expired token of the query (its filters) but `except`, in one
    /// transaction with one audit row per token (administrators only); tokens still valid are
    /// skipped and counted. Changes nothing (Conflict) when the number of tokens listed differs
    /// from `confirmed`.
    Result<BulkDelete> removeMatching(const Actor &actor, const TokenQuery &query,
                                      const QList<qint64> &except, qint64 confirmed);
    Result<ApiToken> token(const Actor &actor, qint64 tokenId);
    /// The API token whose whole value this is (any status), for someone who found a token
    /// somewhere: checks its shape and checksum, then looks up its hash. A token the actor may
    /// not see reads as unknown, like one that does not exist. Nothing is written or audited.
    Result<ApiToken> findByValue(const Actor &actor, QByteArrayView value);

    // ---- the token list (tokenlist.cpp, tokenquery.h) ----
    /// The list of the query (query.offset and query.limit apply; limit <= 0: all).
    Result<QList<ApiToken>> list(const Actor &actor, const TokenQuery &query);
    /// Streams the rows of a query (exports, the CLI): visit() returns false to stop. Returns
    /// the number of rows visited.
    Result<qint64> visit(const Actor &actor, const TokenQuery &query,
                         const std::function<bool(const ApiToken &)> &visit);
    Result<qint64> count(const Actor &actor, const TokenQuery &query);
    /// The tokens of the query counted per department and per user (administrators only): the
    /// preview of "Revoke unused tokens…" before revokeMatching().
    Result<TokenOwnerCounts> countByOwner(const Actor &actor, const TokenQuery &query);
    /// One window of a token query for windowed views (the console's list): the rows at
    /// request.offset in the query's order (query.offset and query.limit are ignored), read with
    /// a keyset seek next to a known window or from the nearer end of the result, on indexes.
    Result<Window<ApiToken>> window(const Actor &actor, const TokenQuery &query,
                                    const WindowRequest &request);
    /// The 0-based position of a token in the query's order; -1 when the query does not list it.
    Result<qint64> position(const Actor &actor, const TokenQuery &query, qint64 tokenId);

    // ---- the personal token of Manage Tokens (personaltoken.cpp) ----
    /// The user's live personal token, if any.
    Result<std::optional<ApiToken>> personalToken(const Actor &actor, qint64 userId);
    /// "Save and Generate": verifies the current access code when the user has one, sets the
    /// new access code when given, revokes the personal API token and creates a new one — all
    /// in one transaction. The new token is returned once.
    /// A person setting their own new access code this way gives their current password too.
    Result<CreatedToken> resetPersonalToken(const Actor &actor, qint64 userId,
                                            const SecretBytes &currentAccessCode,
                                            const SecretBytes *newAccessCode = nullptr,
                                            int newAgeDays = 90,
                                            const SecretBytes *currentPassword = nullptr);

    // ---- verification (HTTP server, CLI `token verify`) ----
    Result<VerifiedToken> verify(QByteArrayView token, const QString &address);
    /// A server's cache of verified credentials shared by its threads (verification.h).
    void setCredentialCache(std::shared_ptr<CredentialCache> cache)
    {
        m_verifier.setSharedCache(std::move(cache));
    }
    /// Verifications of requests that had all arrived share one look at other connections'
    /// commits (TokenVerifier::beginBatch()).
    void beginVerificationBatch() { m_verifier.beginBatch(); }
    void endVerificationBatch() { m_verifier.endBatch(); }

private:
    /// The API token a presented value belongs to, found by its hash as a verification finds
    /// it: the current secret, else one a rotation replaced. `stillWorks`: the token is neither
    /// revoked nor expired and, for a replaced secret, its overlap has not ended.
    struct HeldToken
    {
        ApiToken token;
        bool replacedSecret = false;
        bool stillWorks = false;
    };
    std::optional<HeldToken> heldToken(const QByteArray &hash, qint64 nowMs);
    /// A checked request, ready to insert.
    struct Plan
    {
        QString name;
        QString description;
        QStringList scopes;
        qint64 userId = 0;
        QString username;
        qint64 departmentId = 0;
        qint64 userTypeId = 0;
        qint64 expiresAtMs = 0;
    };
    Store &store() const;
    Plan plan(const Actor &live, const NewApiToken &request);
    void planOwner(const Actor &live, const NewApiToken &request, Plan &p);
    void planExpiry(const NewApiToken &request, Plan &p);
    QStringList normalizeScopes(const QStringList &scopes);
    void requireGranted(const QStringList &scopes, qint64 userTypeId, const QString &typeName);
    /// AlreadyExists when the user has a live token of that name.
    void requireNameFree(qint64 userId, const QString &username, const QString &name,
                         bool personal);
    CreatedToken insert(const Actor &live, const Plan &plan, bool personal);
    ApiToken load(const Actor &live, qint64 id);
    void requireChange(const Actor &live, const ApiToken &token, const QString &what);
    /// Deletes the tokens with their scopes and search entries (no checks, no audit rows).
    void deleteRows(const QList<qint64> &ids);
    /// The tokens of the query but `except`, read in the current transaction: visit() sees
    /// each; Conflict when their number is not `confirmed`.
    void visitMatching(const Actor &live, const TokenQuery &query, const QList<qint64> &except,
                       qint64 confirmed, const std::function<void(const ApiToken &)> &visit);
    /// Tells the owner of a token revokeLeaked() revoked, in its transaction: the owner's e-mail
    /// is queued here.
    void leakRevoked(const ApiToken &token, const LeakReport &report);
    /// Marks the tokens revoked (no checks, no audit rows: the callers write those).
    void markRevoked(const Actor &live, const QList<qint64> &ids, qint64 nowMs);
    Plan personalPlan(const UserRow &user, qint64 accessExpiresMs, qint64 nowMs);
    /// Save and Generate before its transaction: the new access code's rules, the current
    /// access code (throttled like a sign-in). Returns the new access code's hash, or empty.
    Result<QByteArray> checkResetCredentials(const Actor &actor, const User &user,
                                             const SecretBytes &currentAccessCode,
                                             const SecretBytes *newAccessCode, int newAgeDays);
    /// Save and Generate's transaction: the new access code, the old personal tokens revoked,
    /// the new one with its audit row.
    CreatedToken replacePersonalToken(const Actor &live, qint64 userId,
                                      const QByteArray &newAccessCodeHash, int newAgeDays);

    Guard &m_guard;
    Credentials &m_credentials;
    TokenVerifier m_verifier;
};

} // namespace td
