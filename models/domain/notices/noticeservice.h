// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace td {

class Guard;
class Store;

/// One credential a notice is about: an API token, or a user's access code.
struct NoticeItem
{
    enum class Subject { Token, AccessCode };
    Subject subject = Subject::Token;
    qint64 id = 0; ///< the token's id, or the user's for an access code
    QString name;  ///< the token's name (empty for an access code)
    QString hint;  ///< the token's hint (never its secret)
    QDateTime expiresAt;
    int threshold = 0; ///< days before expiry (30, 7, 1); 0: expired
    qint64 userId = 0;
    QString username;
    QString displayName;
    QString email;
    QString department;
    QString language; ///< the user's, or the default
};

struct NoticeRun
{
    int credentials = 0; ///< credentials noticed (recorded) in this run
    int mails = 0;       ///< e-mails queued
};

/// An e-mail of the outbox, due to be sent.
struct OutgoingMail
{
    qint64 id = 0;
    QString recipient;
    QString subject;
    QString body;
    int attempts = 0;
};

/// Expiry notices (PRODUCT.md "Notices"): finds the API tokens and access codes that expire in
/// 30, 7 or 1 days or have just expired, records each credential, expiry and threshold once
/// (expiry_notices; a renewed credential is noticed again for its new expiry), and queues one
/// e-mail per user and run in the user's language, plus a daily digest for administrators; an
/// API token noticed is also the webhook event token.expiring (token.expired at 0), in the same
/// transaction. The
/// texts name a token by its name and hint, never its secret. tokendesk-server runs it (one
/// server of a deployment at a time) and sends the outbox.
class NoticeService
{
    Q_DECLARE_TR_FUNCTIONS(NoticeService)

public:
    /// The thresholds, in days before expiry; a credential gets the smallest one it is within.
    static constexpr int Thresholds[] = {30, 7, 1};
    /// A credential that expired longer ago than this is not noticed (a new deployment does not
    /// mail about old ones).
    static constexpr int ExpiredWithinDays = 7;
    /// Attempts at an e-mail before it counts as failed.
    static constexpr int MaxMailAttempts = 6;
    /// The longest wait between two attempts.
    static constexpr qint64 MaxRetryDelayMs = 6LL * 3600 * 1000;
    /// Lines of the digest before "and N more".
    static constexpr int MaxDigestLines = 100;

    explicit NoticeService(Guard &guard)
        : m_guard(guard)
    {}

    /// Records and queues what is due at `now`, in batches of about `batch` credentials (whole
    /// users), each batch one transaction. `defaultLanguage`: for users without a language of their
    /// own.
    Result<NoticeRun> queueExpiryNotices(const QDateTime &now, const QString &defaultLanguage,
                                         int batch = 20000);
    /// The administrators' digest of what was noticed in [since, now): one e-mail to every
    /// enabled user with an address whose user type may manage all tokens. Nothing when
    /// nothing was noticed. Returns the e-mails queued.
    Result<int> queueAdminDigest(const QDateTime &since, const QDateTime &now,
                                 const QString &defaultLanguage);

    /// Outbox: the e-mails due at `nowMs`, oldest first.
    Result<QList<OutgoingMail>> dueMail(qint64 nowMs, int max);
    Result<void> mailSent(qint64 id, qint64 nowMs);
    /// A failed attempt: tried again after retryDelayMs(), or failed for good after
    /// MaxMailAttempts or when `permanent` (the server refused the recipient).
    Result<void> mailFailed(qint64 id, const QString &error, qint64 nowMs, bool permanent,
                            qint64 firstRetryDelayMs = 60 * 1000);
    /// The wait after the `attempts`-th failed attempt: first, then ×5 each time, at most
    /// MaxRetryDelayMs.
    static qint64 retryDelayMs(int attempts, qint64 firstRetryDelayMs);

    /// Queues the e-mail that tells a token's owner it was reported as leaked (at `url`, seen
    /// in `source`) and revoked, in their language (English when they chose none): inside the
    /// transaction of the revocation (TokenService::revokeLeaked). Nothing without an address.
    static void queueLeakNotice(Store &store, qint64 userId, const QString &tokenName,
                                const QString &hint, const QString &url, const QString &source,
                                const QDateTime &now);

    /// The e-mail of one user's notices, in their language (tests read it back too).
    static void composeUserMail(const QList<NoticeItem> &items, const QDateTime &now,
                                QString *subject, QString *body);

private:
    QList<NoticeItem> dueItems(qint64 nowMs, int max, const QString &defaultLanguage);
    Store &store() const;

    Guard &m_guard;
};

} // namespace td
