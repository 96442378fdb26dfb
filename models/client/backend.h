// SPDX-License-Identifier: MIT
#pragma once

#include "client/csvexport.h"
#include "client/pending.h"
#include "core/overview.h"
#include "core/types.h"
#include "core/webhook.h"
#include "store/sqlwindow.h"

#include <QObject>

#include <optional>

namespace td {

/// Everything the console does, for the person signed in, over one of two transports: the
/// local store in this process (LocalBackend, the embedded SQLite default) or a
/// tokendesk-server over HTTPS (HttpBackend: the server holds the store's credentials and
/// enforces every role). Pages, dialogs and item models call only this interface, so they work
/// the same over both; the rules stay in the domain services behind it.
///
/// Every call answers with a Pending (pending.h): at once over the local store, later over the
/// network. Errors are the domain's (Errc with message and field); a transport adds
/// StoreUnavailable (server down, timeout, TLS refused) and AuthenticationFailed (the console's
/// sign-in ended: signedOut() is emitted too).
class Backend : public QObject
{
    Q_OBJECT

public:
    enum class Transport { Local, Server };
    using QObject::QObject;

    virtual Transport transport() const = 0;
    /// Where the data lives, for the window title and the status bar: a file or an https URL.
    virtual QString location() const = 0;
    /// The person signed in, with the permissions of their user type as last read (pages show
    /// what is not allowed disabled; the domain refuses it anyway).
    const Actor &actor() const { return m_actor; }
    bool can(const QString &permission) const { return m_actor.can(permission); }
    /// The hint of this console's own console credential (tdc_…abcd), to tell its sign-in
    /// among a user's; empty over the local store.
    virtual QString credentialHint() const { return {}; }

    // ---- the person signed in ----
    /// Reads the actor's permissions again; emits actorChanged() when they changed.
    virtual Pending<Actor> refreshActor() = 0;
    /// Ends the sign-in (over a server: revokes the console credential). Emits signedOut().
    virtual Pending<void> signOut() = 0;
    virtual Pending<void> changeOwnPassword(const SecretBytes &current,
                                            const SecretBytes &newPassword) = 0;
    virtual Pending<void> changeOwnAccessCode(const SecretBytes &currentPassword,
                                              const SecretBytes &code, int ageDays) = 0;
    virtual Pending<std::optional<ApiToken>> personalToken() = 0;
    /// Manage Tokens' Save and Generate (TokenService::resetPersonalToken for oneself).
    virtual Pending<CreatedToken> resetPersonalToken(const SecretBytes &currentAccessCode,
                                                     const SecretBytes *newAccessCode,
                                                     int newAgeDays,
                                                     const SecretBytes *currentPassword) = 0;
    virtual Pending<QList<ConsoleSignIn>> consoleSignIns(qint64 userId) = 0;
    virtual Pending<void> endConsoleSignIn(qint64 signInId) = 0;

    // ---- the store ----
    virtual Pending<Tenant> tenant() = 0;
    /// Where clients reach the server, as it announces it (tokendesk-server --public-url), for
    /// the examples; empty when it announces none, and over the local store.
    virtual Pending<QString> publicUrl() = 0;
    virtual Pending<StoreSettings> settings() = 0;
    virtual Pending<void> updateSettings(const StoreSettings &settings) = 0;

    // ---- API tokens ----
    virtual Pending<Window<ApiToken>> tokenWindow(const TokenQuery &query,
                                                  const WindowRequest &request) = 0;
    virtual Pending<qint64> tokenCount(const TokenQuery &query) = 0;
    virtual Pending<qint64> tokenPosition(const TokenQuery &query, qint64 id) = 0;
    /// The tokens of the query counted per department and per user (administrators only;
    /// TokenService::countByOwner): what "Revoke unused tokens…" previews.
    virtual Pending<TokenOwnerCounts> tokenCountsByOwner(const TokenQuery &query) = 0;
    virtual Pending<ApiToken> token(qint64 id) = 0;
    virtual Pending<ApiToken> findTokenByValue(const SecretBytes &value) = 0;
    virtual Pending<void> validateToken(const NewApiToken &request) = 0;
    virtual Pending<CreatedToken> createToken(const NewApiToken &request) = 0;
    virtual Pending<void> editTokenScopes(qint64 id, const QStringList &scopes) = 0;
    /// A new secret for the token, shown once; the old one works for `overlapSeconds` more
    /// (TokenService::rotate).
    virtual Pending<CreatedToken> rotateToken(qint64 id, qint64 overlapSeconds) = 0;
    virtual Pending<int> revokeTokens(const QList<qint64> &ids) = 0;
    virtual Pending<int> deleteTokens(const QList<qint64> &ids) = 0;
    /// Revokes every token of the query's filters but `except` (at most 1000), when
    /// `confirmed` tokens are listed so (TokenService::revokeMatching).
    virtual Pending<BulkRevoke> revokeTokensMatching(const TokenQuery &query,
                                                     const QList<qint64> &except,
                                                     qint64 confirmed) = 0;
    /// Deletes every revoked or expired token of the query's filters but `except`
    /// (TokenService::removeMatching).
    virtual Pending<BulkDelete> deleteTokensMatching(const TokenQuery &query,
                                                     const QList<qint64> &except,
                                                     qint64 confirmed) = 0;

    // ---- mobile sessions ----
    virtual Pending<Window<MobileSession>> sessionWindow(const SessionQuery &query,
                                                         const WindowRequest &request) = 0;
    virtual Pending<qint64> sessionCount(const SessionQuery &query) = 0;
    virtual Pending<qint64> sessionPosition(const SessionQuery &query, qint64 id) = 0;
    virtual Pending<MobileSession> session(qint64 id) = 0;
    virtual Pending<int> revokeSessions(const QList<qint64> &ids) = 0;
    /// SessionService::revokeMatching.
    virtual Pending<BulkRevoke> revokeSessionsMatching(const SessionQuery &query,
                                                       const QList<qint64> &except,
                                                       qint64 confirmed) = 0;

    // ---- users, departments, user types ----
    virtual Pending<Window<User>> userWindow(const UserQuery &query,
                                             const WindowRequest &request) = 0;
    virtual Pending<qint64> userCount(const UserQuery &query) = 0;
    virtual Pending<qint64> userPosition(const UserQuery &query, qint64 id) = 0;
    /// The users of the query (offset and limit apply), e.g. for a completer.
    virtual Pending<QList<User>> users(const UserQuery &query) = 0;
    virtual Pending<User> user(qint64 id) = 0;
    virtual Pending<User> userByName(const QString &username) = 0;
    virtual Pending<User> createUser(const NewUser &user) = 0;
    virtual Pending<void> updateUser(qint64 id, const UserChanges &changes) = 0;
    virtual Pending<void> setPassword(qint64 userId, const SecretBytes &password) = 0;
    virtual Pending<void> setAccessCode(qint64 userId, const SecretBytes &code, int ageDays) = 0;
    virtual Pending<DisableResult> disableUser(qint64 userId) = 0;
    virtual Pending<void> enableUser(qint64 userId) = 0;
    virtual Pending<void> unlockUser(qint64 userId) = 0;
    /// How many live tokens and sessions disabling would revoke.
    virtual Pending<DisableResult> liveCredentials(qint64 userId) = 0;

    virtual Pending<QList<Department>> departments() = 0;
    virtual Pending<Department> createDepartment(const QString &name) = 0;
    virtual Pending<void> renameDepartment(qint64 id, const QString &name) = 0;
    virtual Pending<void> deleteDepartment(qint64 id) = 0;

    virtual Pending<QList<UserType>> userTypes() = 0;
    virtual Pending<UserType> createUserType(const QString &name, const QString &description,
                                             const QStringList &permissions) = 0;
    virtual Pending<void> setUserTypePermissions(qint64 id, const QStringList &permissions) = 0;
    virtual Pending<void> deleteUserType(qint64 id) = 0;

    // ---- the audit log ----
    virtual Pending<Window<AuditEntry>> auditWindow(const AuditQuery &query,
                                                    const WindowRequest &request) = 0;
    virtual Pending<qint64> auditCount(const AuditQuery &query) = 0;
    virtual Pending<qint64> auditPosition(const AuditQuery &query, qint64 id) = 0;

    // ---- the Overview place ----
    /// OverviewService::read: the counts the person may see; failed sign-ins per day of the
    /// calendar `utcOffsetMinutes` east of UTC (the console's local time).
    virtual Pending<Overview> overview(int utcOffsetMinutes) = 0;

    // ---- webhooks (administrators; only over a tokendesk-server with a webhook key) ----
    virtual Pending<QList<Webhook>> webhooks() = 0;
    virtual Pending<WebhookSecret> createWebhook(const NewWebhook &request) = 0;
    virtual Pending<Webhook> updateWebhook(qint64 id, const QStringList &events, bool enabled) = 0;
    virtual Pending<void> deleteWebhook(qint64 id) = 0;
    virtual Pending<WebhookSecret> regenerateWebhookSecret(qint64 id) = 0;
    virtual Pending<WebhookDeliveryPage> webhookDeliveries(qint64 id, int offset, int limit) = 0;
    virtual Pending<WebhookDelivery> redeliverWebhook(qint64 id, const QString &deliveryId) = 0;
    virtual Pending<WebhookDelivery> testWebhook(qint64 id) = 0;

    // ---- CSV exports ----
    /// Called now and then, in the caller's thread, with the rows written so far.
    using ExportProgress = std::function<void(qint64 rows)>;
    /// Writes every row of the query (API tokens or audit log: its filters and order) to `path`
    /// as the console's CSV (CsvExport: the same bytes over both transports), mode 0600, and
    /// answers the number of rows. The rows go to a temporary file beside `path` that replaces
    /// it only at the end: a failure leaves no file and an older one at `path` as it was, and
    /// so does cancel(), by the time it returns. Authorized like the list it exports.
    virtual Pending<qint64> exportCsv(const ExportQuery &query, const QString &path,
                                      ExportProgress progress = {}) = 0;

Q_SIGNALS:
    /// actor() changed (refreshActor() read other permissions).
    void actorChanged();
    /// The sign-in ended: signed out here, or over a server the credential was revoked or
    /// expired (a request answered 401). The console returns to its sign-in.
    void signedOut();

protected:
    /// Sets actor() and emits actorChanged() when the permissions or the user type differ.
    void setActor(const Actor &actor)
    {
        const bool changed = actor.permissions != m_actor.permissions ||
                             actor.userTypeId != m_actor.userTypeId ||
                             actor.userId != m_actor.userId;
        m_actor = actor;
        if (changed)
            Q_EMIT actorChanged();
    }

private:
    Actor m_actor;
};

} // namespace td
