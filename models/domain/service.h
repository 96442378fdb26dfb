// SPDX-License-Identifier: MIT
#pragma once

#include "domain/result.h"
#include "domain/types.h"
#include "store/sqlwindow.h"
#include "store/store.h"

#include <QCoreApplication>

#include <functional>
#include <memory>
#include <optional>

namespace td {

class CredentialCache;

/// The domain operations of TokenDesk, used by every front end (console, HTTP server, CLI).
///
/// Every rule lives here: validation with field-specific messages, permission checks by user
/// type (a front end hides what is not allowed; this refuses it anyway), one transaction per
/// change with its audit row, throttling of failed sign-ins. Plaintext secrets enter as
/// SecretBytes and leave only once, in a CreatedToken; the store sees hashes and hints.
class Service
{
    Q_DECLARE_TR_FUNCTIONS(Service)

public:
    explicit Service(Store &store);
    Store &store() { return m_store; }

    // ---- store set-up and settings ----
    /// Creates the tenant, the first department and the first administrator in one transaction.
    Result<Tenant> initialize(const Actor &actor, const QString &adminUsername,
                              const SecretBytes &adminPassword, const QString &departmentName);
    Result<Tenant> tenant();
    Result<StoreSettings> settings();
    Result<void> updateSettings(const Actor &actor, const StoreSettings &settings);

    // ---- authentication ----
    /// Console sign-in with username + password. Throttled per account and per address;
    /// every failure is audited; the answer never tells which part was wrong.
    Result<Actor> signIn(const QString &username, const SecretBytes &password,
                         const QString &address = QStringLiteral("local"));
    /// Records that a person signed out of the console (audit only).
    Result<void> signOut(const Actor &actor);
    /// Re-reads a person's permissions and checks the account is still enabled.
    Result<Actor> refresh(const Actor &actor);
    Result<void> changeOwnPassword(const Actor &actor, const SecretBytes &current,
                                   const SecretBytes &newPassword);

    // ---- departments and user types ----
    Result<Department> createDepartment(const Actor &actor, const QString &name);
    Result<void> renameDepartment(const Actor &actor, qint64 id, const QString &name);
    Result<void> deleteDepartment(const Actor &actor, qint64 id);
    Result<QList<Department>> departments(const Actor &actor);

    Result<UserType> createUserType(const Actor &actor, const QString &name,
                                    const QString &description, const QStringList &permissions);
    Result<void> setUserTypePermissions(const Actor &actor, qint64 id,
                                        const QStringList &permissions);
    Result<void> deleteUserType(const Actor &actor, qint64 id);
    Result<QList<UserType>> userTypes(const Actor &actor);

    // ---- users ----
    Result<User> createUser(const Actor &actor, const NewUser &user);
    Result<void> updateUser(const Actor &actor, qint64 id, const UserChanges &changes);
    /// An administrator sets another user's password (or the CLI does).
    Result<void> setPassword(const Actor &actor, qint64 userId, const SecretBytes &password);
    /// Disables the account and revokes every live token and session of it, in one transaction.
    Result<DisableResult> disableUser(const Actor &actor, qint64 userId);
    Result<void> enableUser(const Actor &actor, qint64 userId);
    /// How many live tokens and sessions disabling would revoke (for the confirmation).
    Result<DisableResult> liveCredentials(const Actor &actor, qint64 userId);
    Result<User> user(const Actor &actor, qint64 id);
    Result<User> userByName(const Actor &actor, const QString &username);
    Result<QList<User>> users(const Actor &actor, const UserQuery &query = {});
    /// How many users users() would list without limit and offset.
    Result<qint64> countUsers(const Actor &actor, const UserQuery &query = {});
    /// The console's user list, windowed (SqlWindow over the unique user-name index): any window
    /// of a million users costs what the first does. By user name.
    Result<Window<User>> userWindow(const Actor &actor, const UserQuery &query,
                                    const WindowRequest &request);
    Result<qint64> userPosition(const Actor &actor, const UserQuery &query, qint64 id);

    // ---- API tokens ----
    Result<CreatedToken> createApiToken(const Actor &actor, const NewApiToken &request);
    /// Only the scopes of an existing token can change.
    Result<void> editTokenScopes(const Actor &actor, qint64 tokenId, const QStringList &scopes);
    /// Revokes all of them or none (one transaction, one audit row each).
    Result<int> revokeTokens(const Actor &actor, const QList<qint64> &tokenIds);
    /// Deletes revoked or expired tokens (administrators only).
    Result<int> deleteTokens(const Actor &actor, const QList<qint64> &tokenIds);
    Result<ApiToken> token(const Actor &actor, qint64 tokenId);
    Result<QList<ApiToken>> tokens(const Actor &actor, const TokenQuery &query);
    /// Streams the rows of a query (for exports and the CLI): visit() returns false to stop.
    /// Returns the number of rows visited.
    Result<qint64> visitTokens(const Actor &actor, const TokenQuery &query,
                               const std::function<bool(const ApiToken &)> &visit);
    Result<qint64> countTokens(const Actor &actor, const TokenQuery &query);
    /// One window of a token query for windowed views (the console's list): the rows at
    /// request.offset in the query's order (query.offset and query.limit are ignored), read with
    /// a keyset seek next to a known window or from the nearer end of the result, on indexes.
    Result<Window<ApiToken>> tokenWindow(const Actor &actor, const TokenQuery &query,
                                         const WindowRequest &request);
    /// The 0-based position of a token in the query's order; -1 when the query does not list it.
    Result<qint64> tokenPosition(const Actor &actor, const TokenQuery &query, qint64 tokenId);
    /// Checks a NewApiToken without creating it: the first problem, with its field.
    Result<void> validateNewToken(const Actor &actor, const NewApiToken &request);

    // ---- access codes and the personal token (Manage Tokens, seed 000) ----
    Result<void> setAccessCode(const Actor &actor, qint64 userId, const SecretBytes &code,
                               int ageDays);
    /// "Save and Generate": verifies the current access code when the user has one, sets the
    /// new access code when given, revokes the personal API token and creates a new one — all
    /// in one transaction. The new token is returned once.
    Result<CreatedToken> resetPersonalToken(const Actor &actor, qint64 userId,
                                            const SecretBytes &currentAccessCode,
                                            const SecretBytes *newAccessCode = nullptr,
                                            int newAgeDays = 90);
    /// The user's live personal token, if any.
    Result<std::optional<ApiToken>> personalToken(const Actor &actor, qint64 userId);

    // ---- mobile sessions ----
    /// Mobile sign-in with username + access code; returns the tds_ session token once.
    Result<CreatedToken> createMobileSession(const QString &username, const SecretBytes &accessCode,
                                             const QString &deviceName, const QString &platform,
                                             const QString &appVersion, const QString &address);
    Result<int> revokeSessions(const Actor &actor, const QList<qint64> &sessionIds);
    /// Sign-out by the session's own token.
    Result<void> endSession(QByteArrayView sessionToken, const QString &address);
    Result<MobileSession> session(const Actor &actor, qint64 sessionId);
    Result<QList<MobileSession>> sessions(const Actor &actor, const SessionQuery &query);
    Result<qint64> visitSessions(const Actor &actor, const SessionQuery &query,
                                 const std::function<bool(const MobileSession &)> &visit);
    Result<qint64> countSessions(const Actor &actor, const SessionQuery &query);
    /// The console's session list, windowed (SqlWindow over the last-active index): any window
    /// of a million sessions costs what the first does. Newest activity first.
    Result<qint64> countSessionWindow(const Actor &actor, const SessionQuery &query);
    Result<Window<MobileSession>> sessionWindow(const Actor &actor, const SessionQuery &query,
                                                const WindowRequest &request);
    Result<qint64> sessionPosition(const Actor &actor, const SessionQuery &query, qint64 id);

    // ---- verification (HTTP server, CLI `token verify`) ----
    /// Checks the token's format first (no query for a malformed one), then the store. Records
    /// last use (time, address) at most once a minute per token.
    Result<VerifiedToken> verifyToken(QByteArrayView token, const QString &address);
    /// Verified credentials shared by a server's threads and invalidated by the store's own
    /// notifications (PostgreSQL: credentialcache.h); used while it is live. Null: none.
    void setCredentialCache(std::shared_ptr<CredentialCache> cache)
    {
        m_credentialCache = std::move(cache);
    }

    // ---- audit log ----
    Result<QList<AuditEntry>> auditEntries(const Actor &actor, const AuditQuery &query);
    Result<qint64> visitAuditEntries(const Actor &actor, const AuditQuery &query,
                                     const std::function<bool(const AuditEntry &)> &visit);
    Result<qint64> countAuditEntries(const Actor &actor, const AuditQuery &query);
    /// The console's audit list, windowed (SqlWindow): the filters of AuditQuery on indexes
    /// (actor exact, action prefix as a range, time range; the text filter scans), ordered by
    /// time (query.newestFirst); offset and limit of the query are ignored.
    Result<qint64> countAuditWindow(const Actor &actor, const AuditQuery &query);
    Result<Window<AuditEntry>> auditWindow(const Actor &actor, const AuditQuery &query,
                                           const WindowRequest &request);
    /// Streams that list (the same filter and order) for an export; visit() returns false to
    /// stop. Returns the number of entries visited.
    Result<qint64> visitAuditWindow(const Actor &actor, const AuditQuery &query,
                                    const std::function<bool(const AuditEntry &)> &visit);
    /// Position of an entry in that list, -1 when the filter hides it.
    Result<qint64> auditPosition(const Actor &actor, const AuditQuery &query, qint64 id);

    /// Status from the stored times, as the list shows it.
    static TokenStatus statusAt(qint64 nowMs, qint64 expiresAtMs, bool revoked, int soonDays);

    // Internal records, defined in service_p.h.
    struct UserRow;
    struct NewTokenPlan;

private:
    Actor liveActor(const Actor &actor);
    void require(const Actor &live, const QString &permission, const QString &what);
    void audit(const Actor &actor, const QString &action, const QString &target,
               const QString &outcome, const QString &details = {});
    void auditApart(const Actor &actor, const QString &action, const QString &target,
                    const QString &outcome, const QString &details = {});
    template<typename T>
    Result<T> denyAudited(const Actor &actor, const QString &action, const QString &target,
                          Result<T> &&result);
    UserRow loadUser(qint64 id);
    std::optional<UserRow> findUser(const QString &canonicalName);
    qint64 departmentIdByName(const QString &name, const QString &field);
    qint64 userTypeIdByName(const QString &name, const QString &field);
    QStringList userTypePermissions(qint64 userTypeId);
    QStringList normalizeScopes(const QStringList &scopes);
    StoreSettings loadSettings();
    ApiToken loadToken(const Actor &live, qint64 id);
    void checkTokenWrite(const Actor &live, const ApiToken &token, const QString &what);
    QString tokenTarget(const ApiToken &t) const;
    NewTokenPlan planToken(const Actor &live, const NewApiToken &request);
    qint64 insertToken(const Actor &live, const NewTokenPlan &plan, const QByteArray &hash,
                       const QString &hint, bool personal);
    /// Verifies a password or access code with throttling. Returns the user id on success.
    Result<qint64> checkCredential(bool accessCode, const QString &username,
                                   const SecretBytes &secret, const QString &address,
                                   const QString &action);
    qint64 throttledUntil(const QString &key, qint64 now);
    void recordFailure(const QString &key, qint64 now);
    WindowedSelect auditSelect(const AuditQuery &query);
    WindowedSelect sessionSelect(const Actor &live, const SessionQuery &query);
    WindowedSelect userSelect(const Actor &live, const UserQuery &query);
    /// The token query as a pageable select: permission scope, filters, order (migration 2).
    WindowedSelect tokenSelect(const Actor &live, const TokenQuery &q, qint64 now, int soonDays);
    qint64 countSelected(const WindowedSelect &select);

    Store &m_store;
    QString m_tenantCache;
    struct VerifyCache;
    std::shared_ptr<VerifyCache> m_verifyCache; ///< SQLite only; see verifyToken()
    std::shared_ptr<CredentialCache> m_credentialCache;
};

/// CLI and GUI helpers: a one-line description of the Errc for exit codes and titles.
int exitCodeFor(Errc code);

} // namespace td
