// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "core/webhook.h"
#include "security/secret.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace td {

class Guard;
class Store;

/// A delivery tokendesk-server is to send now, with the secret to sign it (decrypted).
struct DueDelivery
{
    QString id;
    qint64 webhookId = 0;
    QString url;
    QString event;
    QByteArray body;
    int attempts = 0;
    SecretBytes secret;
};

/// Webhooks (PRODUCT.md "Notices"): administrators (settings.manage) register receivers;
/// changes enqueue events in the transaction that makes them (WebhookOutbox); tokendesk-server
/// sends the outbox (app/server/webhookdelivery.*), signed with HMAC-SHA256 over the body.
///
/// The signing secrets are encrypted with crypto_secretbox under the key of the server's
/// --webhook-key-file (setKey()); a process without that key (the console on a local file, the
/// CLI) cannot register or send webhooks and is told so.
class WebhookService
{
    Q_DECLARE_TR_FUNCTIONS(WebhookService)

public:
    /// A signing secret: "whsec_" and 32 random bytes in unpadded base64url (43 characters).
    static constexpr char SecretPrefix[] = "whsec_";
    static constexpr int SecretLength = 6 + 43;
    static constexpr int UrlMaxLength = 2000;
    static constexpr int ErrorMaxLength = 200;
    static constexpr int PageMax = 500;
    /// Waits before the 2nd, 3rd, … attempt; after the last one the delivery counts as failed.
    static QList<qint64> defaultRetrySchedule();
    static constexpr qint64 ClaimMs = 60 * 1000;
    static constexpr const char *TestEvent = "webhook.test";

    explicit WebhookService(Guard &guard)
        : m_guard(guard)
    {}

    /// The secretbox key of this process (32 bytes); empty: webhooks are not available here.
    static void setKey(const QByteArray &key);
    static bool hasKey();
    /// The error of a process without the key.
    static Error unavailableError();

    /// The events a webhook may subscribe to.
    static QStringList eventNames();
    /// "sha256=<hex HMAC-SHA256(secret, body)>", the TokenDesk-Signature-256 header.
    static QByteArray signature(const QByteArray &secret, const QByteArray &body);
    /// Empty when `url` may be a receiver, else the reason (http/https, a host, no user info,
    /// at most UrlMaxLength characters).
    static QString checkUrl(const QString &url);

    Result<QList<Webhook>> list(const Actor &actor);
    Result<WebhookSecret> create(const Actor &actor, const NewWebhook &request);
    Result<Webhook> update(const Actor &actor, qint64 id, const QStringList &events, bool enabled);
    Result<void> remove(const Actor &actor, qint64 id);
    Result<WebhookSecret> regenerateSecret(const Actor &actor, qint64 id);
    /// A webhook's deliveries, newest first.
    Result<WebhookDeliveryPage> deliveries(const Actor &actor, qint64 webhookId, int offset,
                                           int limit);
    /// Sends a delivery again now (its attempts start over).
    Result<WebhookDelivery> redeliver(const Actor &actor, qint64 webhookId,
                                      const QString &deliveryId);
    /// Queues a "webhook.test" event for this webhook alone.
    Result<WebhookDelivery> sendTest(const Actor &actor, qint64 webhookId);

    // ---- tokendesk-server's delivery ----
    /// Claims up to `max` due deliveries of enabled webhooks for ClaimMs (on PostgreSQL with
    /// FOR UPDATE SKIP LOCKED, so two servers never send the same one) and decrypts their
    /// secrets.
    Result<std::vector<DueDelivery>> claimDue(qint64 nowMs, int max);
    /// A 2xx answer.
    Result<void> delivered(const QString &id, int status, qint64 nowMs);
    /// Any other answer or none: tried again after schedule[attempts - 1], or failed when the
    /// schedule is used up.
    Result<void> attemptFailed(const QString &id, int status, const QString &error, qint64 nowMs,
                               const QList<qint64> &schedule);

private:
    Store &store() const;
    Webhook load(qint64 id);
    WebhookDelivery loadDelivery(const QString &id);
    WebhookSecret storeNewSecret(qint64 id);
    QStringList checkedEvents(const QStringList &events);

    Guard &m_guard;
};

/// The outbox: called inside the transaction of a change. Costs one indexed look-up when no
/// enabled webhook subscribes to the event.
class WebhookOutbox
{
public:
    /// Queues `event` with `data` for every enabled webhook subscribed to it.
    static void enqueue(Store &store, const QString &event, const QJsonObject &data);
    /// Whether an enabled webhook subscribes to `event` (to skip building many events' data).
    static bool subscribed(Store &store, const QString &event);
    /// The data of an event about an API token: id, name, hint, username, department,
    /// expiresAt (never its secret).
    static QJsonObject tokenData(Store &store, qint64 tokenId);
    /// token.revoked for each of these tokens.
    static void tokensRevoked(Store &store, const QList<qint64> &tokenIds);
    /// session.revoked for each of these mobile sessions.
    static void sessionsRevoked(Store &store, const QList<qint64> &sessionIds);
    /// The ids `select` (one column, with `binds`) returns when an enabled webhook subscribes
    /// to `event`; none, without running it, when none does. For changes by a condition
    /// (every token of a user), before they are made.
    static QList<qint64> idsIfSubscribed(Store &store, const QString &event, const QString &select,
                                         const QVariantList &binds);
    /// The ids of the enabled webhooks subscribed to `event`.
    static QList<qint64> subscribers(Store &store, const QString &event);
    /// The body of one delivery.
    static QByteArray body(const QString &event, const QString &deliveryId,
                           const QDateTime &occurredAt, const QJsonObject &data);
    /// Inserts one delivery; returns its id.
    static QString insert(Store &store, qint64 webhookId, const QString &event,
                          const QJsonObject &data, qint64 nowMs);
};

} // namespace td
