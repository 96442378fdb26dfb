// SPDX-License-Identifier: MIT
#pragma once

#include "auththrottle.h"
#include "httpengine.h"

#include "client/csvexport.h"
#include "domain/domain.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace td {

class ChangeFeed;

/// The admin API under /api/v1 (openapi/tokendesk.yaml): what the console does, for a person
/// signed in with a console credential (tdc_, from POST /api/v1/console/sign-in). Every handler
/// authenticates the credential and calls the domain, which authorizes the call from the
/// caller's current user type and audits it with the person and the client address as actor;
/// no rule is decided here. Plain functions from request to answer, like routes.h.
class AdminApi
{
    Q_DECLARE_TR_FUNCTIONS(td::ApiServer)

public:
    /// The next part of a streamed body, read with the Domain of the thread that runs it: the
    /// bytes (*last set when they end the body), or the error that cuts the body off.
    using Pages = std::function<Result<QByteArray>(Domain &domain, bool *last)>;
    /// Makes the body stream of an answer whose further parts are read on the server's export
    /// workers (never on an I/O thread); null when as many exports run as the server allows.
    using Streams = std::function<std::shared_ptr<HttpBodyStream>(Pages pages)>;

    /// Without `streams` (tests and fuzzers that call handle() without a server) the export
    /// routes answer 503.
    /// Without `changes` the change stream answers cursor 0 at once and holds nothing.
    AdminApi(Domain &domain, AuthThrottle &throttle, const Streams *streams = nullptr,
             const ChangeFeed *changes = nullptr)
        : m_domain(domain)
        , m_throttle(throttle)
        , m_streams(streams)
        , m_changes(changes)
    {}

    /// A change poll to hold (GET /api/v1/changes at the current cursor): the server holds the
    /// answer until the cursor moves or its timeout, then answers it again.
    struct ChangePoll
    {
        quint64 after = 0;
        QByteArray credentialKey; ///< a digest of the credential, for the per-credential limit
    };
    /// The hold the last request asks for, if any (taken: asked once).
    std::optional<ChangePoll> takeChangePoll() { return std::exchange(m_changePoll, {}); }

    /// One request of a handler: the authenticated person, the path's {id}, the query.
    struct Call
    {
        const HttpRequest &request;
        Actor actor;
        qint64 id = 0;
    };
    using Handler = HttpReply (AdminApi::*)(const Call &call);

    struct Route
    {
        const char *method;
        const char *path; ///< with "{id}" for a positive integer segment
        Handler handler;
        bool hashesSecret = false; ///< runs on the sign-in pool (Argon2id)
        bool authenticated = true; ///< needs a console credential
        bool streams = false;      ///< a streamed answer: runs on the export workers
    };
    /// Every route of the admin API, in the order they are matched.
    static const std::vector<Route> &routes();
    /// The address clients reach the server at (--public-url), announced by GET /api/v1/server
    /// for the consoles' examples; empty: not announced.
    void setPublicUrl(const QString &url) { m_publicUrl = url; }

    /// The answer for a request under /api/v1 that is not one of the bearer endpoints; nullopt
    /// when no route has that path.
    std::optional<HttpReply> handle(const HttpRequest &request, const QString &path);
    /// True for the routes that hash a secret (POST, PUT and PATCH only).
    static bool hashesSecret(const QByteArray &method, const QString &path);
    /// True for the routes that stream their answer (the CSV exports, GET only).
    static bool streamsAnswer(const QByteArray &method, const QString &path);

private:
    bool authenticate(const HttpRequest &request, Actor *actor, HttpReply *reply);

    // ---- console sign-in (adminapi.cpp) ----
    HttpReply signIn(const Call &c);
    HttpReply signOut(const Call &c);
    HttpReply account(const Call &c);
    HttpReply changeOwnPassword(const Call &c);
    HttpReply changeOwnAccessCode(const Call &c);
    HttpReply personalToken(const Call &c);
    HttpReply resetPersonalToken(const Call &c);
    HttpReply consoleSignIns(const Call &c);
    HttpReply endConsoleSignIn(const Call &c);
    HttpReply permissions(const Call &c);
    HttpReply tenant(const Call &c);
    HttpReply serverInfo(const Call &c);
    HttpReply settings(const Call &c);
    HttpReply updateSettings(const Call &c);
    HttpReply changes(const Call &c);

    // ---- API tokens and mobile sessions (adminlists.cpp) ----
    HttpReply tokens(const Call &c);
    HttpReply tokenCount(const Call &c);
    HttpReply tokenOwnerCounts(const Call &c);
    HttpReply tokenPosition(const Call &c);
    HttpReply createToken(const Call &c);
    /// A token's new secret, once, with the token as it is now (never stored by a cache).
    HttpReply secretToken(const Call &c, const CreatedToken &created, int status);
    HttpReply validateToken(const Call &c);
    HttpReply token(const Call &c);
    HttpReply editTokenScopes(const Call &c);
    HttpReply revokeToken(const Call &c);
    HttpReply rotateToken(const Call &c);
    HttpReply revokeTokens(const Call &c);
    HttpReply revokeMatchingTokens(const Call &c);
    HttpReply deleteMatchingTokens(const Call &c);
    HttpReply deleteToken(const Call &c);
    HttpReply deleteTokens(const Call &c);
    HttpReply findToken(const Call &c);
    HttpReply sessions(const Call &c);
    HttpReply sessionCount(const Call &c);
    HttpReply session(const Call &c);
    HttpReply sessionPosition(const Call &c);
    HttpReply revokeSession(const Call &c);
    HttpReply revokeSessions(const Call &c);
    HttpReply revokeMatchingSessions(const Call &c);
    HttpReply auditLog(const Call &c);
    HttpReply auditCount(const Call &c);
    HttpReply overview(const Call &c);
    HttpReply webhooks(const Call &c);
    HttpReply createWebhook(const Call &c);
    HttpReply updateWebhook(const Call &c);
    HttpReply deleteWebhook(const Call &c);
    HttpReply regenerateWebhookSecret(const Call &c);
    HttpReply webhookDeliveries(const Call &c);
    HttpReply testWebhook(const Call &c);
    HttpReply redeliverWebhook(const Call &c);
    /// The answer that shows a webhook's signing secret, once.
    HttpReply webhookSecret(const Call &c, const WebhookSecret &created, int status);
    HttpReply auditPosition(const Call &c);
    HttpReply tokenExport(const Call &c);
    HttpReply sessionExport(const Call &c);
    HttpReply auditExport(const Call &c);
    /// A CSV export (CsvExport) of the query, streamed page by page; authorized like the list.
    HttpReply exportCsv(const Call &c, const ExportQuery &query, const QByteArray &fileName);

    // ---- users, departments, user types (adminusers.cpp) ----
    HttpReply users(const Call &c);
    HttpReply userCount(const Call &c);
    HttpReply createUser(const Call &c);
    HttpReply user(const Call &c);
    HttpReply userByName(const Call &c);
    HttpReply userPosition(const Call &c);
    HttpReply updateUser(const Call &c);
    HttpReply setPassword(const Call &c);
    HttpReply setAccessCode(const Call &c);
    HttpReply disableUser(const Call &c);
    HttpReply enableUser(const Call &c);
    HttpReply unlockUser(const Call &c);
    HttpReply liveCredentials(const Call &c);
    HttpReply departments(const Call &c);
    HttpReply createDepartment(const Call &c);
    HttpReply renameDepartment(const Call &c);
    HttpReply deleteDepartment(const Call &c);
    HttpReply userTypes(const Call &c);
    HttpReply createUserType(const Call &c);
    HttpReply setUserTypePermissions(const Call &c);
    HttpReply deleteUserType(const Call &c);

    Domain &m_domain;
    AuthThrottle &m_throttle;
    const Streams *m_streams;
    QString m_publicUrl;
    const ChangeFeed *m_changes;
    std::optional<ChangePoll> m_changePoll;
};

} // namespace td
