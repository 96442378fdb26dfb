// SPDX-License-Identifier: MIT
#include "localbackend.h"

#include "store/store.h"

#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>

namespace td {

namespace {

template<typename T> Pending<T> now(Result<T> r)
{
    return Pending<T>::ready(std::move(r));
}

/// One export on a thread of its own. (QThread::create() would bring in std::async and, with
/// it, a thread-local that links the console against the dynamic loader itself.)
class ExportThread : public QThread
{
public:
    ExportThread(DatabaseLocation location, Actor actor, ExportQuery query, QString path)
        : m_location(std::move(location))
        , m_actor(std::move(actor))
        , m_query(std::move(query))
        , m_path(std::move(path))
    {
        setObjectName(QStringLiteral("csvExport"));
    }

    std::atomic<qint64> written{0};
    std::atomic<bool> cancel{false};
    Result<qint64> result = Error(Errc::Internal, QStringLiteral("the export did not run"));

protected:
    void run() override
    {
        auto store = Store::open(m_location, Store::OpenMode::ExistingOnly);
        if (!store) {
            result = store.error();
            return;
        }
        Domain domain(*store.value());
        result = CsvExport::writeFile(
            m_path, CsvExport::header(m_query),
            [&](const CsvExport::Row &row) {
                return CsvExport::visit(domain, m_actor, m_query, [&](const QStringList &fields) {
                    if (cancel.load(std::memory_order_relaxed))
                        return false;
                    written.fetch_add(1, std::memory_order_relaxed);
                    return row(fields);
                });
            },
            [this](qint64) { return !cancel.load(std::memory_order_relaxed); });
    }

private:
    DatabaseLocation m_location;
    Actor m_actor;
    ExportQuery m_query;
    QString m_path;
};

} // namespace

LocalBackend::LocalBackend(Store &store, const Actor &actor, QObject *parent)
    : Backend(parent)
    , m_domain(store)
{
    setActor(actor);
}

LocalBackend::~LocalBackend()
{
    // A closing console leaves no thread (and no temporary file) behind.
    for (const QPointer<QThread> &thread : std::as_const(m_exports)) {
        if (auto *t = static_cast<ExportThread *>(thread.data())) {
            t->cancel.store(true);
            t->wait();
            delete t;
        }
    }
}

QString LocalBackend::location() const
{
    return m_domain.store().location().display();
}

Pending<Actor> LocalBackend::refreshActor()
{
    auto r = m_domain.accounts.refresh(actor());
    if (r)
        setActor(r.value());
    return now(std::move(r));
}

Pending<void> LocalBackend::signOut()
{
    auto r = m_domain.accounts.signOut(actor());
    Q_EMIT signedOut();
    return now(std::move(r));
}

Pending<void> LocalBackend::changeOwnPassword(const SecretBytes &current,
                                              const SecretBytes &newPassword)
{
    return now(m_domain.accounts.changeOwnPassword(actor(), current, newPassword));
}

Pending<void> LocalBackend::changeOwnAccessCode(const SecretBytes &currentPassword,
                                                const SecretBytes &code, int ageDays)
{
    return now(m_domain.accounts.changeOwnAccessCode(actor(), currentPassword, code, ageDays));
}

Pending<std::optional<ApiToken>> LocalBackend::personalToken()
{
    return now(m_domain.tokens.personalToken(actor(), actor().userId));
}

Pending<CreatedToken> LocalBackend::resetPersonalToken(const SecretBytes &currentAccessCode,
                                                       const SecretBytes *newAccessCode,
                                                       int newAgeDays,
                                                       const SecretBytes *currentPassword)
{
    return now(m_domain.tokens.resetPersonalToken(actor(), actor().userId, currentAccessCode,
                                                  newAccessCode, newAgeDays, currentPassword));
}

Pending<QList<ConsoleSignIn>> LocalBackend::consoleSignIns(qint64 userId)
{
    return now(m_domain.accounts.consoleSignIns(actor(), userId));
}

Pending<void> LocalBackend::endConsoleSignIn(qint64 signInId)
{
    return now(m_domain.accounts.endConsoleSignIn(actor(), signInId));
}

Pending<QString> LocalBackend::publicUrl()
{
    return now(Result<QString>(QString()));
}

Pending<Tenant> LocalBackend::tenant()
{
    return now(m_domain.accounts.tenant());
}

Pending<StoreSettings> LocalBackend::settings()
{
    return now(m_domain.accounts.settings());
}

Pending<void> LocalBackend::updateSettings(const StoreSettings &settings)
{
    return now(m_domain.accounts.updateSettings(actor(), settings));
}

Pending<Window<ApiToken>> LocalBackend::tokenWindow(const TokenQuery &query,
                                                    const WindowRequest &request)
{
    return now(m_domain.tokens.window(actor(), query, request));
}

Pending<qint64> LocalBackend::tokenCount(const TokenQuery &query)
{
    return now(m_domain.tokens.count(actor(), query));
}

Pending<qint64> LocalBackend::tokenPosition(const TokenQuery &query, qint64 id)
{
    return now(m_domain.tokens.position(actor(), query, id));
}

Pending<TokenOwnerCounts> LocalBackend::tokenCountsByOwner(const TokenQuery &query)
{
    return now(m_domain.tokens.countByOwner(actor(), query));
}

Pending<ApiToken> LocalBackend::token(qint64 id)
{
    return now(m_domain.tokens.token(actor(), id));
}

Pending<ApiToken> LocalBackend::findTokenByValue(const SecretBytes &value)
{
    return now(m_domain.tokens.findByValue(actor(), value.bytes()));
}

Pending<void> LocalBackend::validateToken(const NewApiToken &request)
{
    return now(m_domain.tokens.validate(actor(), request));
}

Pending<CreatedToken> LocalBackend::createToken(const NewApiToken &request)
{
    return now(m_domain.tokens.create(actor(), request));
}

Pending<void> LocalBackend::editTokenScopes(qint64 id, const QStringList &scopes)
{
    return now(m_domain.tokens.editScopes(actor(), id, scopes));
}

Pending<CreatedToken> LocalBackend::rotateToken(qint64 id, qint64 overlapSeconds)
{
    return now(m_domain.tokens.rotate(actor(), id, overlapSeconds));
}

Pending<BulkRevoke> LocalBackend::revokeTokensMatching(const TokenQuery &query,
                                                       const QList<qint64> &except,
                                                       qint64 confirmed)
{
    return now(m_domain.tokens.revokeMatching(actor(), query, except, confirmed));
}

Pending<BulkDelete> LocalBackend::deleteTokensMatching(const TokenQuery &query,
                                                       const QList<qint64> &except,
                                                       qint64 confirmed)
{
    return now(m_domain.tokens.removeMatching(actor(), query, except, confirmed));
}

Pending<int> LocalBackend::revokeTokens(const QList<qint64> &ids)
{
    return now(m_domain.tokens.revoke(actor(), ids));
}

Pending<int> LocalBackend::deleteTokens(const QList<qint64> &ids)
{
    return now(m_domain.tokens.remove(actor(), ids));
}

Pending<Window<MobileSession>> LocalBackend::sessionWindow(const SessionQuery &query,
                                                           const WindowRequest &request)
{
    return now(m_domain.sessions.window(actor(), query, request));
}

Pending<qint64> LocalBackend::sessionCount(const SessionQuery &query)
{
    return now(m_domain.sessions.count(actor(), query));
}

Pending<qint64> LocalBackend::sessionPosition(const SessionQuery &query, qint64 id)
{
    return now(m_domain.sessions.position(actor(), query, id));
}

Pending<MobileSession> LocalBackend::session(qint64 id)
{
    return now(m_domain.sessions.session(actor(), id));
}

Pending<BulkRevoke> LocalBackend::revokeSessionsMatching(const SessionQuery &query,
                                                         const QList<qint64> &except,
                                                         qint64 confirmed)
{
    return now(m_domain.sessions.revokeMatching(actor(), query, except, confirmed));
}

Pending<int> LocalBackend::revokeSessions(const QList<qint64> &ids)
{
    return now(m_domain.sessions.revoke(actor(), ids));
}

Pending<Window<User>> LocalBackend::userWindow(const UserQuery &query, const WindowRequest &request)
{
    return now(m_domain.accounts.userWindow(actor(), query, request));
}

Pending<qint64> LocalBackend::userCount(const UserQuery &query)
{
    return now(m_domain.accounts.countUsers(actor(), query));
}

Pending<qint64> LocalBackend::userPosition(const UserQuery &query, qint64 id)
{
    return now(m_domain.accounts.userPosition(actor(), query, id));
}

Pending<QList<User>> LocalBackend::users(const UserQuery &query)
{
    return now(m_domain.accounts.users(actor(), query));
}

Pending<User> LocalBackend::user(qint64 id)
{
    return now(m_domain.accounts.user(actor(), id));
}

Pending<User> LocalBackend::userByName(const QString &username)
{
    return now(m_domain.accounts.userByName(actor(), username));
}

Pending<User> LocalBackend::createUser(const NewUser &user)
{
    return now(m_domain.accounts.createUser(actor(), user));
}

Pending<void> LocalBackend::updateUser(qint64 id, const UserChanges &changes)
{
    return now(m_domain.accounts.updateUser(actor(), id, changes));
}

Pending<void> LocalBackend::setPassword(qint64 userId, const SecretBytes &password)
{
    return now(m_domain.accounts.setPassword(actor(), userId, password));
}

Pending<void> LocalBackend::setAccessCode(qint64 userId, const SecretBytes &code, int ageDays)
{
    return now(m_domain.accounts.setAccessCode(actor(), userId, code, ageDays));
}

Pending<DisableResult> LocalBackend::disableUser(qint64 userId)
{
    return now(m_domain.accounts.disableUser(actor(), userId));
}

Pending<void> LocalBackend::enableUser(qint64 userId)
{
    return now(m_domain.accounts.enableUser(actor(), userId));
}

Pending<void> LocalBackend::unlockUser(qint64 userId)
{
    return now(m_domain.accounts.unlockUser(actor(), userId));
}

Pending<DisableResult> LocalBackend::liveCredentials(qint64 userId)
{
    return now(m_domain.accounts.liveCredentials(actor(), userId));
}

Pending<QList<Department>> LocalBackend::departments()
{
    return now(m_domain.accounts.departments(actor()));
}

Pending<Department> LocalBackend::createDepartment(const QString &name)
{
    return now(m_domain.accounts.createDepartment(actor(), name));
}

Pending<void> LocalBackend::renameDepartment(qint64 id, const QString &name)
{
    return now(m_domain.accounts.renameDepartment(actor(), id, name));
}

Pending<void> LocalBackend::deleteDepartment(qint64 id)
{
    return now(m_domain.accounts.deleteDepartment(actor(), id));
}

Pending<QList<UserType>> LocalBackend::userTypes()
{
    return now(m_domain.accounts.userTypes(actor()));
}

Pending<UserType> LocalBackend::createUserType(const QString &name, const QString &description,
                                               const QStringList &permissions)
{
    return now(m_domain.accounts.createUserType(actor(), name, description, permissions));
}

Pending<void> LocalBackend::setUserTypePermissions(qint64 id, const QStringList &permissions)
{
    return now(m_domain.accounts.setUserTypePermissions(actor(), id, permissions));
}

Pending<void> LocalBackend::deleteUserType(qint64 id)
{
    return now(m_domain.accounts.deleteUserType(actor(), id));
}

Pending<Window<AuditEntry>> LocalBackend::auditWindow(const AuditQuery &query,
                                                      const WindowRequest &request)
{
    return now(m_domain.audit.window(actor(), query, request));
}

Pending<Overview> LocalBackend::overview(int utcOffsetMinutes)
{
    return now(m_domain.overview.read(actor(), utcOffsetMinutes));
}

Pending<qint64> LocalBackend::auditCount(const AuditQuery &query)
{
    return now(m_domain.audit.count(actor(), query));
}

Pending<qint64> LocalBackend::auditPosition(const AuditQuery &query, qint64 id)
{
    return now(m_domain.audit.position(actor(), query, id));
}

Pending<qint64> LocalBackend::exportCsv(const ExportQuery &query, const QString &path,
                                        ExportProgress progress)
{
    Pending<qint64> out;
    auto *thread = new ExportThread(m_domain.store().location(), actor(), query, path);
    m_exports.removeAll(nullptr);
    m_exports << thread;
    auto *ticker = new QTimer(thread);
    ticker->setInterval(250);
    connect(ticker, &QTimer::timeout, this, [thread, progress, out] {
        if (progress && !out.isCancelled())
            progress(thread->written.load(std::memory_order_relaxed));
    });
    connect(thread, &QThread::finished, this, [thread, ticker, out, progress] {
        ticker->stop();
        if (progress && thread->result && !out.isCancelled())
            progress(thread->result.value());
        out.resolve(std::move(thread->result));
        thread->deleteLater();
    });
    out.onCancel([thread = QPointer<ExportThread>(thread)] {
        if (!thread)
            return;
        thread->cancel.store(true);
        thread->wait(); // the temporary file is gone when cancel() returns
    });
    ticker->start();
    thread->start();
    return out;
}

// ---- webhooks: sent by tokendesk-server, managed only when signed in to one ----

Pending<QList<Webhook>> LocalBackend::webhooks()
{
    return now(Result<QList<Webhook>>(WebhookService::unavailableError()));
}

Pending<WebhookSecret> LocalBackend::createWebhook(const NewWebhook &)
{
    return now(Result<WebhookSecret>(WebhookService::unavailableError()));
}

Pending<Webhook> LocalBackend::updateWebhook(qint64, const QStringList &, bool)
{
    return now(Result<Webhook>(WebhookService::unavailableError()));
}

Pending<void> LocalBackend::deleteWebhook(qint64)
{
    return now(Result<void>(WebhookService::unavailableError()));
}

Pending<WebhookSecret> LocalBackend::regenerateWebhookSecret(qint64)
{
    return now(Result<WebhookSecret>(WebhookService::unavailableError()));
}

Pending<WebhookDeliveryPage> LocalBackend::webhookDeliveries(qint64, int, int)
{
    return now(Result<WebhookDeliveryPage>(WebhookService::unavailableError()));
}

Pending<WebhookDelivery> LocalBackend::redeliverWebhook(qint64, const QString &)
{
    return now(Result<WebhookDelivery>(WebhookService::unavailableError()));
}

Pending<WebhookDelivery> LocalBackend::testWebhook(qint64)
{
    return now(Result<WebhookDelivery>(WebhookService::unavailableError()));
}

} // namespace td
