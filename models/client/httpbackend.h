// SPDX-License-Identifier: MIT
#pragma once

#include "client/backend.h"
#include "client/serverconnection.h"

#include <functional>

namespace td {

/// The Backend over a tokendesk-server (the admin API under /api/v1, over HTTPS): the server
/// holds the store and decides every rule; this only sends requests and reads the answers back
/// into the domain's records and errors (RecordJson). A 401 answer (the console credential was
/// revoked or expired) emits signedOut() once and answers AuthenticationFailed.
class HttpBackend : public Backend
{
    Q_OBJECT

public:
    /// Signs in with user name and password (POST /api/v1/console/sign-in), then reads the
    /// person and their permissions. The HttpBackend answered is a child of parent.
    static Pending<HttpBackend *> signIn(const QUrl &url, const QString &username,
                                         const SecretBytes &password, QObject *parent);
    /// Goes on with a console credential kept from an earlier sign-in ("Remember me").
    static Pending<HttpBackend *> resume(const QUrl &url, SecretBytes credential, QObject *parent);
    /// The console credential (tdc_), for the keychain; empty once signed out.
    const SecretBytes &credential() const { return m_connection->credential(); }
    QString credentialHint() const override;

    Transport transport() const override { return Transport::Server; }
    QString location() const override;

    Pending<Actor> refreshActor() override;
    Pending<void> signOut() override;
    Pending<void> changeOwnPassword(const SecretBytes &current,
                                    const SecretBytes &newPassword) override;
    Pending<void> changeOwnAccessCode(const SecretBytes &currentPassword, const SecretBytes &code,
                                      int ageDays) override;
    Pending<std::optional<ApiToken>> personalToken() override;
    Pending<CreatedToken> resetPersonalToken(const SecretBytes &currentAccessCode,
                                             const SecretBytes *newAccessCode, int newAgeDays,
                                             const SecretBytes *currentPassword) override;
    Pending<QList<ConsoleSignIn>> consoleSignIns(qint64 userId) override;
    Pending<void> endConsoleSignIn(qint64 signInId) override;

    Pending<Tenant> tenant() override;
    Pending<QString> publicUrl() override;
    Pending<StoreSettings> settings() override;
    Pending<void> updateSettings(const StoreSettings &settings) override;

    Pending<Window<ApiToken>> tokenWindow(const TokenQuery &query,
                                          const WindowRequest &request) override;
    Pending<qint64> tokenCount(const TokenQuery &query) override;
    Pending<qint64> tokenPosition(const TokenQuery &query, qint64 id) override;
    Pending<TokenOwnerCounts> tokenCountsByOwner(const TokenQuery &query) override;
    Pending<ApiToken> token(qint64 id) override;
    Pending<ApiToken> findTokenByValue(const SecretBytes &value) override;
    Pending<void> validateToken(const NewApiToken &request) override;
    Pending<CreatedToken> createToken(const NewApiToken &request) override;
    Pending<void> editTokenScopes(qint64 id, const QStringList &scopes) override;
    Pending<CreatedToken> rotateToken(qint64 id, qint64 overlapSeconds) override;
    Pending<int> revokeTokens(const QList<qint64> &ids) override;
    Pending<BulkRevoke> revokeTokensMatching(const TokenQuery &query, const QList<qint64> &except,
                                             qint64 confirmed) override;
    Pending<BulkDelete> deleteTokensMatching(const TokenQuery &query, const QList<qint64> &except,
                                             qint64 confirmed) override;
    Pending<int> deleteTokens(const QList<qint64> &ids) override;

    Pending<Window<MobileSession>> sessionWindow(const SessionQuery &query,
                                                 const WindowRequest &request) override;
    Pending<qint64> sessionCount(const SessionQuery &query) override;
    Pending<qint64> sessionPosition(const SessionQuery &query, qint64 id) override;
    Pending<MobileSession> session(qint64 id) override;
    Pending<int> revokeSessions(const QList<qint64> &ids) override;
    Pending<BulkRevoke> revokeSessionsMatching(const SessionQuery &query,
                                               const QList<qint64> &except,
                                               qint64 confirmed) override;

    Pending<Window<User>> userWindow(const UserQuery &query, const WindowRequest &request) override;
    Pending<qint64> userCount(const UserQuery &query) override;
    Pending<qint64> userPosition(const UserQuery &query, qint64 id) override;
    Pending<QList<User>> users(const UserQuery &query) override;
    Pending<User> user(qint64 id) override;
    Pending<User> userByName(const QString &username) override;
    Pending<User> createUser(const NewUser &user) override;
    Pending<void> updateUser(qint64 id, const UserChanges &changes) override;
    Pending<void> setPassword(qint64 userId, const SecretBytes &password) override;
    Pending<void> setAccessCode(qint64 userId, const SecretBytes &code, int ageDays) override;
    Pending<DisableResult> disableUser(qint64 userId) override;
    Pending<void> enableUser(qint64 userId) override;
    Pending<void> unlockUser(qint64 userId) override;
    Pending<DisableResult> liveCredentials(qint64 userId) override;

    Pending<QList<Department>> departments() override;
    Pending<Department> createDepartment(const QString &name) override;
    Pending<void> renameDepartment(qint64 id, const QString &name) override;
    Pending<void> deleteDepartment(qint64 id) override;

    Pending<QList<UserType>> userTypes() override;
    Pending<UserType> createUserType(const QString &name, const QString &description,
                                     const QStringList &permissions) override;
    Pending<void> setUserTypePermissions(qint64 id, const QStringList &permissions) override;
    Pending<void> deleteUserType(qint64 id) override;

    Pending<Window<AuditEntry>> auditWindow(const AuditQuery &query,
                                            const WindowRequest &request) override;
    Pending<qint64> auditCount(const AuditQuery &query) override;
    Pending<Overview> overview(int utcOffsetMinutes) override;
    Pending<QList<Webhook>> webhooks() override;
    Pending<WebhookSecret> createWebhook(const NewWebhook &request) override;
    Pending<Webhook> updateWebhook(qint64 id, const QStringList &events, bool enabled) override;
    Pending<void> deleteWebhook(qint64 id) override;
    Pending<WebhookSecret> regenerateWebhookSecret(qint64 id) override;
    Pending<WebhookDeliveryPage> webhookDeliveries(qint64 id, int offset, int limit) override;
    Pending<WebhookDelivery> redeliverWebhook(qint64 id, const QString &deliveryId) override;
    Pending<WebhookDelivery> testWebhook(qint64 id) override;
    Pending<qint64> auditPosition(const AuditQuery &query, qint64 id) override;

    Pending<qint64> exportCsv(const ExportQuery &query, const QString &path,
                              ExportProgress progress = {}) override;

    /// The longest the server holds a change poll (its --change-poll-timeout is at most this).
    static constexpr int MaxChangePollMs = 60 * 1000;
    /// GET /api/v1/changes?after=cursor: the server's change cursor, at once when it moved past
    /// `after` (or with no `after`), else when the store changes or the server's hold ends.
    /// HttpChangeFollower follows it; cancel() aborts the held request.
    Pending<qint64> changesAfter(std::optional<qint64> after);

private:
    HttpBackend(const QUrl &url, QObject *parent);
    using Answer = ServerConnection::Answer;
    template<typename T> using Reader = std::function<Result<T>(const QJsonObject &)>;

    /// Sends one request and reads a 2xx answer's body with read; an error answer becomes the
    /// domain's error (and a 401 ends the sign-in).
    template<typename T>
    Pending<T> call(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                    QByteArray body, Reader<T> read, int transferTimeoutMs = 0);
    Pending<void> command(const QByteArray &verb, const QString &path, QByteArray body = {});
    /// The sign-in ended: forget the credential, emit signedOut() (once).
    void endSignIn();
    /// Reads the actor, then answers this backend (or deletes it and answers the error).
    void finishSignIn(const Pending<HttpBackend *> &out);
    void readUsers(UserQuery query, QList<User> sofar, std::optional<qint64> afterId,
                   Pending<QList<User>> out);

    ServerConnection *m_connection;
    bool m_signedOut = false;
};

} // namespace td
