// SPDX-License-Identifier: MIT
#pragma once

#include "client/backend.h"

#include <QList>
#include <QTimer>

#include <memory>
#include <optional>

namespace td::test {

/// A Backend as slow as a network, for the item models' tests and the benchmark: it wraps
/// another Backend (a LocalBackend) and answers the windows, counts and positions of the four
/// lists `delayMs` later through a QTimer (every other call answers at once, as the wrapped one
/// does). It records each of those requests (what was asked, whether it was cancelled or
/// answered) and can make the next one of a kind fail.
class DelayedBackend : public td::Backend
{
    Q_OBJECT

public:
    enum class Kind { Window, Count, Position };
    struct Request
    {
        Kind kind = Kind::Window;
        WindowRequest window; ///< Kind::Window
        qint64 id = 0;        ///< Kind::Position
        bool cancelled = false;
        bool answered = false;
        bool failed = false;
    };

    DelayedBackend(td::Backend &inner, int delayMs, QObject *parent = nullptr);

    void setDelay(int ms) { m_delayMs = ms; }
    int delay() const { return m_delayMs; }
    /// Requests of that kind answer at once (as the local store does), the others later.
    void setAtOnce(Kind kind, bool atOnce);
    /// The next request of that kind answers this error (StoreUnavailable) after the delay.
    void failNext(Kind kind, const QString &message);

    /// Every delayed request so far, oldest first.
    QList<std::shared_ptr<const Request>> requests() const;
    QList<std::shared_ptr<const Request>> requests(Kind kind) const;
    /// Requests neither answered nor cancelled yet.
    int inFlight() const;
    int cancelledCount() const;
    void clearRequests() { m_requests.clear(); }
    /// The longest time the wrapped backend took to answer one delayed request (in this
    /// process, blocking: the work a server would do elsewhere).
    double longestAnswerMs() const { return m_longestAnswerMs; }
    /// The time the wrapped backend took for all delayed requests together.
    double answerMsTotal() const { return m_answerMsTotal; }

    Transport transport() const override { return Transport::Server; }
    QString location() const override;

    Pending<Actor> refreshActor() override;
    Pending<void> signOut() override;
    /// Exports are the wrapped transport's (not delayed: they report their own progress).
    Pending<qint64> exportCsv(const td::ExportQuery &query, const QString &path,
                              ExportProgress progress = {}) override;
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
    Pending<Overview> overview(int utcOffsetMinutes) override;
    Pending<QList<Webhook>> webhooks() override;
    Pending<WebhookSecret> createWebhook(const NewWebhook &request) override;
    Pending<Webhook> updateWebhook(qint64 id, const QStringList &events, bool enabled) override;
    Pending<void> deleteWebhook(qint64 id) override;
    Pending<WebhookSecret> regenerateWebhookSecret(qint64 id) override;
    Pending<WebhookDeliveryPage> webhookDeliveries(qint64 id, int offset, int limit) override;
    Pending<WebhookDelivery> redeliverWebhook(qint64 id, const QString &deliveryId) override;
    Pending<WebhookDelivery> testWebhook(qint64 id) override;
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

private:
    /// Asks the wrapped backend now and hands its answer over `delay()` ms later.
    template<typename Ask>
    auto later(Ask ask, Kind kind, const WindowRequest *window, std::optional<qint64> id)
        -> decltype(ask());

    td::Backend &m_inner;
    int m_delayMs = 0;
    QList<Kind> m_atOnce;
    QList<std::shared_ptr<Request>> m_requests;
    QList<std::pair<Kind, QString>> m_failures;
    double m_longestAnswerMs = 0;
    double m_answerMsTotal = 0;
};

} // namespace td::test
