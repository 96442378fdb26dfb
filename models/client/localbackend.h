// SPDX-License-Identifier: MIT
#pragma once

#include "client/backend.h"
#include "domain/domain.h"

#include <QPointer>
#include <QThread>

namespace td {

class Store;

/// The Backend over a store this process opened itself (the embedded SQLite default, or a
/// store the CLI's tests open): every call goes straight to the domain services, as the
/// signed-in actor, and answers at once. Bound to the store's thread.
class LocalBackend : public Backend
{
    Q_OBJECT

public:
    LocalBackend(Store &store, const Actor &actor, QObject *parent = nullptr);
    ~LocalBackend() override;

    Transport transport() const override { return Transport::Local; }
    QString location() const override;
    Domain &domain() { return m_domain; }

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
    Pending<qint64> auditPosition(const AuditQuery &query, qint64 id) override;

    Pending<Overview> overview(int utcOffsetMinutes) override;
    Pending<QList<Webhook>> webhooks() override;
    Pending<WebhookSecret> createWebhook(const NewWebhook &request) override;
    Pending<Webhook> updateWebhook(qint64 id, const QStringList &events, bool enabled) override;
    Pending<void> deleteWebhook(qint64 id) override;
    Pending<WebhookSecret> regenerateWebhookSecret(qint64 id) override;
    Pending<WebhookDeliveryPage> webhookDeliveries(qint64 id, int offset, int limit) override;
    Pending<WebhookDelivery> redeliverWebhook(qint64 id, const QString &deliveryId) override;
    Pending<WebhookDelivery> testWebhook(qint64 id) override;

    /// On a thread of its own with its own connection to the store (a connection belongs to
    /// one thread); cancel() waits for it to let go of the temporary file.
    Pending<qint64> exportCsv(const ExportQuery &query, const QString &path,
                              ExportProgress progress = {}) override;

private:
    Domain m_domain;
    QList<QPointer<QThread>> m_exports; ///< running exports (exportCsv)
};

} // namespace td
