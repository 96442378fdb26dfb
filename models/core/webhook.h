// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "security/secret.h"

namespace td {

/// A receiver an administrator registered: its URL, the events it subscribes to and the hint
/// of its signing secret (the secret itself is shown once and stored only encrypted).
struct Webhook
{
    qint64 id = 0;
    QString url;
    QStringList events;
    QString secretHint;
    bool enabled = true;
    QDateTime createdAt;
    QString createdBy;
};

/// One event for one webhook, and the answer of its last attempt.
struct WebhookDelivery
{
    QString id; ///< a UUID, sent as TokenDesk-Delivery and in the body
    qint64 webhookId = 0;
    QString event;
    QString body;
    QDateTime createdAt;
    int attempts = 0;
    QDateTime nextAttemptAt;
    int lastStatus = 0; ///< the HTTP status of the last attempt; 0: no answer
    QString lastError;
    QDateTime deliveredAt;
    QDateTime failedAt;
};

/// A page of a webhook's deliveries, newest first.
struct WebhookDeliveryPage
{
    QList<WebhookDelivery> rows;
    qint64 total = 0;
};

struct NewWebhook
{
    QString url;
    QStringList events;
    bool enabled = true;
};

/// The signing secret of a webhook, shown once after registration or "Regenerate Secret".
struct WebhookSecret
{
    qint64 webhookId = 0;
    SecretBytes secret;
    QString hint;
};

} // namespace td
