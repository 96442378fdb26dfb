// SPDX-License-Identifier: MIT
#pragma once

#include "adminapi.h"
#include "auththrottle.h"
#include "httpengine.h"

#include "core/types.h"
#include "domain/domain.h"

#include <QCoreApplication>
#include <QHash>

namespace td {

/// The HTTP API of PRODUCT.md ("HTTP API") as plain functions from a request to its answer, over
/// one thread's Domain:
///   GET /healthz · GET /api/v1/me · POST /api/v1/introspect (RFC 7662) ·
///   POST /api/v1/mobile/sessions · DELETE /api/v1/mobile/sessions/current ·
///   POST /api/v1/revoke (RFC 7009) · POST /api/v1/leaks (a secret scanner's leak report)
/// and the admin API (adminapi.h) for the other paths,
/// with bearer authentication and its errors as RFC 6750 defines them and per-client throttling
/// of failed bearer checks (429 + Retry-After). No socket here: the engine (httpengine.h) frames
/// requests and enforces the limits; tests and fuzzers call handle() directly.
class Routes
{
    Q_DECLARE_TR_FUNCTIONS(td::ApiServer)

public:
    /// staticRoutes: fixed 200 answers on GET path that touch no store (the benchmark's
    /// baseline). throttle is shared by every thread of a server.
    Routes(Domain &domain, AuthThrottle &throttle,
           const QHash<QString, QByteArray> *staticRoutes = nullptr,
           const AdminApi::Streams *streams = nullptr, const ChangeFeed *changes = nullptr);

    HttpReply handle(const HttpRequest &request);
    /// See AdminApi::setPublicUrl().
    void setPublicUrl(const QString &url) { m_admin.setPublicUrl(url); }
    /// After handle(): the change poll its answer is to be held for, if any.
    std::optional<AdminApi::ChangePoll> takeChangePoll() { return m_admin.takeChangePoll(); }
    /// The answers when as many change polls are held as the server allows: in all (503), or
    /// from the client's address or with its credential (429); with Retry-After.
    static HttpReply tooManyChangePolls(int status, const QByteArray &note);

    /// True for the requests that hash a secret (mobile sign-in: Argon2id, tens of milliseconds
    /// and 64 MiB): the server runs them on its bounded sign-in pool, never on an I/O thread.
    static bool hashesSecret(const HttpRequest &request);
    /// True for the requests whose answer is streamed (the CSV exports): the server runs them,
    /// and reads their further pages, on its export workers, never on an I/O thread.
    static bool streamsAnswer(const HttpRequest &request);
    /// The answer when the sign-in pool is full (429 + Retry-After).
    static HttpReply tooManySignIns(int retryAfterSeconds);
    /// The answer when as many exports stream as the server allows (503 + Retry-After).
    static HttpReply tooManyExports();
    /// 505: a streamed answer (an export) asked for with HTTP/1.0, which has no chunks, so a
    /// body cut off midway could not be told from a whole one.
    static HttpReply needsChunks();
    /// The answer when the store cannot be reached (503 + Retry-After) or failed (500).
    static HttpReply storeError(const Error &error);

    /// RFC 6750: the credential of the request's one Authorization header ("Bearer <token>"),
    /// unless the client is throttled for failed credentials; else false and *reply.
    static bool presentedCredential(const HttpRequest &request, AuthThrottle &throttle, qint64 now,
                                    QByteArray *token, HttpReply *reply);
    /// 401 invalid_token for a credential that did not verify; counts against the throttle.
    static HttpReply invalidToken(const HttpRequest &request, AuthThrottle &throttle, qint64 now,
                                  const QString &text, const QByteArray &note);
    /// The paths of the bearer endpoints, with their methods (the rest is AdminApi's).
    static QList<std::pair<QByteArray, QByteArray>> endpoints();

    /// The request's path as logged: no query values, a path that holds a token withheld.
    static QByteArray loggablePath(const HttpRequest &request);

private:
    HttpReply dispatch(const HttpRequest &request, const QString &path);
    HttpReply healthz();
    HttpReply me(const HttpRequest &request);
    HttpReply introspect(const HttpRequest &request);
    HttpReply createSession(const HttpRequest &request);
    HttpReply endSession(const HttpRequest &request);
    HttpReply revokeByHolder(const HttpRequest &request);
    HttpReply reportLeaks(const HttpRequest &request);
    /// A leak report's body checked whole (shape, limits, duplicates): the problem to answer
    /// with 400, or none and *reports.
    static std::optional<QString> parseLeakReports(const HttpRequest &request,
                                                   QList<LeakReport> *reports);
    /// RFC 6750: finds and checks the bearer token; on failure *reply is the error to send.
    bool authenticate(const HttpRequest &request, VerifiedToken *verified, QByteArray *token,
                      HttpReply *reply);

    Domain &m_domain;
    AuthThrottle &m_throttle;
    const QHash<QString, QByteArray> *m_static;
    AdminApi m_admin;
};

} // namespace td
