// SPDX-License-Identifier: MIT
#pragma once

#include "store/databaselocation.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace td {

class BackgroundJob;

class Store;

/// tokendesk-server's webhook key (--webhook-key-file): 32 random bytes that encrypt the
/// webhooks' signing secrets in the store (crypto_secretbox). Created with mode 0600 when
/// missing; refused when others may read it or it is not 32 bytes. All servers of one
/// deployment share the file.
QByteArray loadOrCreateWebhookKey(const QString &path, QString *error);

/// Sends the webhook outbox (WebhookService), on a thread of its own with its own store
/// connection: every `intervalMs` it claims the due deliveries and POSTs them at once, each
/// signed (TokenDesk-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>) with its event and
/// delivery id in headers; 10 s per attempt, redirects not followed, a 2xx answer is success.
/// Anything else is tried again after the retry schedule, then the delivery fails. Claims keep
/// two servers of one deployment from sending the same delivery.
class WebhookSender : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int intervalMs = 5000;
        int perTick = 20;
        int timeoutMs = 10000;
        /// Waits before the 2nd, 3rd, … attempt (WebhookService::defaultRetrySchedule()).
        QList<qint64> retryScheduleMs;
    };

    WebhookSender(DatabaseLocation location, Options options);
    ~WebhookSender() override;

    /// Starts the thread.
    void start();

    struct Tick
    {
        int sent = 0;   ///< answered 2xx
        int failed = 0; ///< any other answer, or none
    };
    /// One look on the calling thread's `store` (tests call it directly): claims what is due at
    /// nowMs and sends it, returning when every attempt has its answer.
    Tick tick(Store &store, qint64 nowMs);

    /// "30,120" (seconds) into a schedule in ms; empty on a bad list.
    static QList<qint64> parseSchedule(const QString &text);

private:
    DatabaseLocation m_location;
    Options m_options;
    QNetworkAccessManager *m_network = nullptr; ///< created on the thread that first ticks
    std::unique_ptr<BackgroundJob> m_job;
};

} // namespace td
