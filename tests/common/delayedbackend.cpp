// SPDX-License-Identifier: MIT
#include "delayedbackend.h"

#include <QElapsedTimer>

#include <algorithm>

namespace td::test {

DelayedBackend::DelayedBackend(td::Backend &inner, int delayMs, QObject *parent)
    : td::Backend(parent)
    , m_inner(inner)
    , m_delayMs(delayMs)
{
    setActor(inner.actor());
    connect(&inner, &td::Backend::actorChanged, this, [this] { setActor(m_inner.actor()); });
    connect(&inner, &td::Backend::signedOut, this, &td::Backend::signedOut);
}

QString DelayedBackend::location() const
{
    return m_inner.location();
}

void DelayedBackend::setAtOnce(Kind kind, bool atOnce)
{
    m_atOnce.removeAll(kind);
    if (atOnce)
        m_atOnce << kind;
}

void DelayedBackend::failNext(Kind kind, const QString &message)
{
    m_failures.append({kind, message});
}

QList<std::shared_ptr<const DelayedBackend::Request>> DelayedBackend::requests() const
{
    return {m_requests.cbegin(), m_requests.cend()};
}

QList<std::shared_ptr<const DelayedBackend::Request>> DelayedBackend::requests(Kind kind) const
{
    QList<std::shared_ptr<const Request>> out;
    for (const auto &r : m_requests)
        if (r->kind == kind)
            out << r;
    return out;
}

int DelayedBackend::inFlight() const
{
    int n = 0;
    for (const auto &r : m_requests)
        n += !r->answered && !r->cancelled;
    return n;
}

int DelayedBackend::cancelledCount() const
{
    int n = 0;
    for (const auto &r : m_requests)
        n += r->cancelled;
    return n;
}

template<typename Ask>
auto DelayedBackend::later(Ask ask, Kind kind, const WindowRequest *window,
                           std::optional<qint64> id) -> decltype(ask())
{
    using P = decltype(ask());
    auto request = std::make_shared<Request>();
    request->kind = kind;
    if (window)
        request->window = *window;
    request->id = id.value_or(0);
    m_requests << request;

    // The wrapped backend answers now (the local store); the answer travels for the delay.
    QElapsedTimer took;
    took.start();
    const P inner = ask();
    auto answer = inner.takeIfReady();
    const double answerMs = double(took.nsecsElapsed()) / 1e6;
    m_longestAnswerMs = std::max(m_longestAnswerMs, answerMs);
    m_answerMsTotal += answerMs;
    Q_ASSERT(answer);
    for (qsizetype i = 0; i < m_failures.size(); ++i) {
        if (m_failures.at(i).first == kind) {
            answer.emplace(Error(Errc::StoreUnavailable, m_failures.takeAt(i).second));
            request->failed = true;
            break;
        }
    }
    if (m_atOnce.contains(kind)) {
        request->answered = true;
        return P::ready(std::move(*answer));
    }
    P out;
    out.onCancel([request] { request->cancelled = true; });
    QTimer::singleShot(m_delayMs, this, [out, request, result = std::move(*answer)]() mutable {
        if (request->cancelled)
            return;
        request->answered = true;
        out.resolve(std::move(result));
    });
    return out;
}

Pending<Actor> DelayedBackend::refreshActor()
{
    return m_inner.refreshActor();
}

Pending<void> DelayedBackend::signOut()
{
    return m_inner.signOut();
}

Pending<qint64> DelayedBackend::exportCsv(const ExportQuery &query, const QString &path,
                                          ExportProgress progress)
{
    return m_inner.exportCsv(query, path, std::move(progress));
}

Pending<void> DelayedBackend::changeOwnPassword(const SecretBytes &current,
                                                const SecretBytes &newPassword)
{
    return m_inner.changeOwnPassword(current, newPassword);
}

Pending<void> DelayedBackend::changeOwnAccessCode(const SecretBytes &currentPassword,
                                                  const SecretBytes &code, int ageDays)
{
    return m_inner.changeOwnAccessCode(currentPassword, code, ageDays);
}

Pending<std::optional<ApiToken>> DelayedBackend::personalToken()
{
    return m_inner.personalToken();
}

Pending<CreatedToken> DelayedBackend::resetPersonalToken(const SecretBytes &currentAccessCode,
                                                         const SecretBytes *newAccessCode,
                                                         int newAgeDays,
                                                         const SecretBytes *currentPassword)
{
    return m_inner.resetPersonalToken(currentAccessCode, newAccessCode, newAgeDays,
                                      currentPassword);
}

Pending<QList<ConsoleSignIn>> DelayedBackend::consoleSignIns(qint64 userId)
{
    return m_inner.consoleSignIns(userId);
}

Pending<void> DelayedBackend::endConsoleSignIn(qint64 signInId)
{
    return m_inner.endConsoleSignIn(signInId);
}

Pending<QString> DelayedBackend::publicUrl()
{
    return m_inner.publicUrl();
}

Pending<Tenant> DelayedBackend::tenant()
{
    return m_inner.tenant();
}

Pending<StoreSettings> DelayedBackend::settings()
{
    return m_inner.settings();
}

Pending<void> DelayedBackend::updateSettings(const StoreSettings &settings)
{
    return m_inner.updateSettings(settings);
}

Pending<Window<ApiToken>> DelayedBackend::tokenWindow(const TokenQuery &query,
                                                      const WindowRequest &request)
{
    return later([&] { return m_inner.tokenWindow(query, request); }, Kind::Window, &request,
                 std::nullopt);
}

Pending<qint64> DelayedBackend::tokenCount(const TokenQuery &query)
{
    return later([&] { return m_inner.tokenCount(query); }, Kind::Count, nullptr, std::nullopt);
}

Pending<TokenOwnerCounts> DelayedBackend::tokenCountsByOwner(const TokenQuery &query)
{
    return m_inner.tokenCountsByOwner(query);
}

Pending<qint64> DelayedBackend::tokenPosition(const TokenQuery &query, qint64 id)
{
    return later([&] { return m_inner.tokenPosition(query, id); }, Kind::Position, nullptr, id);
}

Pending<ApiToken> DelayedBackend::token(qint64 id)
{
    return m_inner.token(id);
}

Pending<ApiToken> DelayedBackend::findTokenByValue(const SecretBytes &value)
{
    return m_inner.findTokenByValue(value);
}

Pending<void> DelayedBackend::validateToken(const NewApiToken &request)
{
    return m_inner.validateToken(request);
}

Pending<CreatedToken> DelayedBackend::createToken(const NewApiToken &request)
{
    return m_inner.createToken(request);
}

Pending<void> DelayedBackend::editTokenScopes(qint64 id, const QStringList &scopes)
{
    return m_inner.editTokenScopes(id, scopes);
}

Pending<Overview> DelayedBackend::overview(int utcOffsetMinutes)
{
    return m_inner.overview(utcOffsetMinutes);
}

Pending<QList<Webhook>> DelayedBackend::webhooks()
{
    return m_inner.webhooks();
}

Pending<WebhookSecret> DelayedBackend::createWebhook(const NewWebhook &request)
{
    return m_inner.createWebhook(request);
}

Pending<Webhook> DelayedBackend::updateWebhook(qint64 id, const QStringList &events, bool enabled)
{
    return m_inner.updateWebhook(id, events, enabled);
}

Pending<void> DelayedBackend::deleteWebhook(qint64 id)
{
    return m_inner.deleteWebhook(id);
}

Pending<WebhookSecret> DelayedBackend::regenerateWebhookSecret(qint64 id)
{
    return m_inner.regenerateWebhookSecret(id);
}

Pending<WebhookDeliveryPage> DelayedBackend::webhookDeliveries(qint64 id, int offset, int limit)
{
    return m_inner.webhookDeliveries(id, offset, limit);
}

Pending<WebhookDelivery> DelayedBackend::redeliverWebhook(qint64 id, const QString &deliveryId)
{
    return m_inner.redeliverWebhook(id, deliveryId);
}

Pending<WebhookDelivery> DelayedBackend::testWebhook(qint64 id)
{
    return m_inner.testWebhook(id);
}

Pending<CreatedToken> DelayedBackend::rotateToken(qint64 id, qint64 overlapSeconds)
{
    return m_inner.rotateToken(id, overlapSeconds);
}

Pending<BulkRevoke> DelayedBackend::revokeTokensMatching(const TokenQuery &query,
                                                         const QList<qint64> &except,
                                                         qint64 confirmed)
{
    return m_inner.revokeTokensMatching(query, except, confirmed);
}

Pending<BulkDelete> DelayedBackend::deleteTokensMatching(const TokenQuery &query,
                                                         const QList<qint64> &except,
                                                         qint64 confirmed)
{
    return m_inner.deleteTokensMatching(query, except, confirmed);
}

Pending<int> DelayedBackend::revokeTokens(const QList<qint64> &ids)
{
    return m_inner.revokeTokens(ids);
}

Pending<int> DelayedBackend::deleteTokens(const QList<qint64> &ids)
{
    return m_inner.deleteTokens(ids);
}

Pending<Window<MobileSession>> DelayedBackend::sessionWindow(const SessionQuery &query,
                                                             const WindowRequest &request)
{
    return later([&] { return m_inner.sessionWindow(query, request); }, Kind::Window, &request,
                 std::nullopt);
}

Pending<qint64> DelayedBackend::sessionCount(const SessionQuery &query)
{
    return later([&] { return m_inner.sessionCount(query); }, Kind::Count, nullptr, std::nullopt);
}

Pending<qint64> DelayedBackend::sessionPosition(const SessionQuery &query, qint64 id)
{
    return later([&] { return m_inner.sessionPosition(query, id); }, Kind::Position, nullptr, id);
}

Pending<MobileSession> DelayedBackend::session(qint64 id)
{
    return m_inner.session(id);
}

Pending<BulkRevoke> DelayedBackend::revokeSessionsMatching(const SessionQuery &query,
                                                           const QList<qint64> &except,
                                                           qint64 confirmed)
{
    return m_inner.revokeSessionsMatching(query, except, confirmed);
}

Pending<int> DelayedBackend::revokeSessions(const QList<qint64> &ids)
{
    return m_inner.revokeSessions(ids);
}

Pending<Window<User>> DelayedBackend::userWindow(const UserQuery &query,
                                                 const WindowRequest &request)
{
    return later([&] { return m_inner.userWindow(query, request); }, Kind::Window, &request,
                 std::nullopt);
}

Pending<qint64> DelayedBackend::userCount(const UserQuery &query)
{
    return later([&] { return m_inner.userCount(query); }, Kind::Count, nullptr, std::nullopt);
}

Pending<qint64> DelayedBackend::userPosition(const UserQuery &query, qint64 id)
{
    return later([&] { return m_inner.userPosition(query, id); }, Kind::Position, nullptr, id);
}

Pending<QList<User>> DelayedBackend::users(const UserQuery &query)
{
    return m_inner.users(query);
}

Pending<User> DelayedBackend::user(qint64 id)
{
    return m_inner.user(id);
}

Pending<User> DelayedBackend::userByName(const QString &username)
{
    return m_inner.userByName(username);
}

Pending<User> DelayedBackend::createUser(const NewUser &user)
{
    return m_inner.createUser(user);
}

Pending<void> DelayedBackend::updateUser(qint64 id, const UserChanges &changes)
{
    return m_inner.updateUser(id, changes);
}

Pending<void> DelayedBackend::setPassword(qint64 userId, const SecretBytes &password)
{
    return m_inner.setPassword(userId, password);
}

Pending<void> DelayedBackend::setAccessCode(qint64 userId, const SecretBytes &code, int ageDays)
{
    return m_inner.setAccessCode(userId, code, ageDays);
}

Pending<DisableResult> DelayedBackend::disableUser(qint64 userId)
{
    return m_inner.disableUser(userId);
}

Pending<void> DelayedBackend::enableUser(qint64 userId)
{
    return m_inner.enableUser(userId);
}

Pending<void> DelayedBackend::unlockUser(qint64 userId)
{
    return m_inner.unlockUser(userId);
}

Pending<DisableResult> DelayedBackend::liveCredentials(qint64 userId)
{
    return m_inner.liveCredentials(userId);
}

Pending<QList<Department>> DelayedBackend::departments()
{
    return m_inner.departments();
}

Pending<Department> DelayedBackend::createDepartment(const QString &name)
{
    return m_inner.createDepartment(name);
}

Pending<void> DelayedBackend::renameDepartment(qint64 id, const QString &name)
{
    return m_inner.renameDepartment(id, name);
}

Pending<void> DelayedBackend::deleteDepartment(qint64 id)
{
    return m_inner.deleteDepartment(id);
}

Pending<QList<UserType>> DelayedBackend::userTypes()
{
    return m_inner.userTypes();
}

Pending<UserType> DelayedBackend::createUserType(const QString &name, const QString &description,
                                                 const QStringList &permissions)
{
    return m_inner.createUserType(name, description, permissions);
}

Pending<void> DelayedBackend::setUserTypePermissions(qint64 id, const QStringList &permissions)
{
    return m_inner.setUserTypePermissions(id, permissions);
}

Pending<void> DelayedBackend::deleteUserType(qint64 id)
{
    return m_inner.deleteUserType(id);
}

Pending<Window<AuditEntry>> DelayedBackend::auditWindow(const AuditQuery &query,
                                                        const WindowRequest &request)
{
    return later([&] { return m_inner.auditWindow(query, request); }, Kind::Window, &request,
                 std::nullopt);
}

Pending<qint64> DelayedBackend::auditCount(const AuditQuery &query)
{
    return later([&] { return m_inner.auditCount(query); }, Kind::Count, nullptr, std::nullopt);
}

Pending<qint64> DelayedBackend::auditPosition(const AuditQuery &query, qint64 id)
{
    return later([&] { return m_inner.auditPosition(query, id); }, Kind::Position, nullptr, id);
}

} // namespace td::test
