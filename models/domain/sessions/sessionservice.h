// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/sqlwindow.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <functional>

namespace td {

class Credentials;
class Guard;

/// Mobile sessions: the app signs in with user name and access code and gets a tds_ token
/// once; the console and the CLI list and revoke sessions; the app signs out with its token.
class SessionService
{
    Q_DECLARE_TR_FUNCTIONS(SessionService)

public:
    SessionService(Guard &guard, Credentials &credentials)
        : m_guard(guard)
        , m_credentials(credentials)
    {}

    /// Mobile sign-in with username + access code (throttled like the console's sign-in);
    /// returns the session token once.
    Result<CreatedToken> create(const QString &username, const SecretBytes &accessCode,
                                const QString &deviceName, const QString &platform,
                                const QString &appVersion, const QString &address);
    /// Revokes all of them or none (one transaction, one audit row each).
    Result<int> revoke(const Actor &actor, const QList<qint64> &sessionIds);
    /// Revokes every session of the query (its filters) but `except`, in one transaction with
    /// one audit row per session (sessions.revoke). Sessions revoked already are skipped and
    /// counted. Changes nothing (Conflict) when the number of sessions listed differs from
    /// `confirmed`, the number the person confirmed.
    Result<BulkRevoke> revokeMatching(const Actor &actor, const SessionQuery &query,
                                      const QList<qint64> &except, qint64 confirmed);
    /// Sign-out by the session's own token.
    Result<void> end(QByteArrayView sessionToken, const QString &address);
    Result<MobileSession> session(const Actor &actor, qint64 sessionId);

    /// The list of the query (query.offset and query.limit apply; limit <= 0: all).
    Result<QList<MobileSession>> list(const Actor &actor, const SessionQuery &query);
    Result<qint64> visit(const Actor &actor, const SessionQuery &query,
                         const std::function<bool(const MobileSession &)> &visit);
    /// How many sessions the query lists without offset and limit.
    Result<qint64> count(const Actor &actor, const SessionQuery &query);
    /// The console's list, windowed (SqlWindow over the last-active index): any window of a
    /// million sessions costs what the first does.
    Result<Window<MobileSession>> window(const Actor &actor, const SessionQuery &query,
                                         const WindowRequest &request);
    Result<qint64> position(const Actor &actor, const SessionQuery &query, qint64 id);

private:
    Guard &m_guard;
    Credentials &m_credentials;
};

} // namespace td
