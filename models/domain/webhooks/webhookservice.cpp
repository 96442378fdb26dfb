// SPDX-License-Identifier: MIT
#include "webhookservice.h"

#include "client/recordjson.h"
#include "core/clock.h"
#include "core/types.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <sodium.h>

namespace td {

namespace {

QByteArray &processKey()
{
    static QByteArray key;
    return key;
}

/// Events are stored as ",a,b," so that a subscription is a LIKE '%,event,%'.
QString storedEvents(const QStringList &events)
{
    return QLatin1Char(',') + events.join(QLatin1Char(',')) + QLatin1Char(',');
}

QStringList readEvents(const QString &stored)
{
    return stored.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QDateTime timeOrNull(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QString oneLine(const QString &text, int max)
{
    return escapeControls(text).simplified().left(max);
}

const char *const WebhookColumns =
    "id, url, events, secret_hint, enabled, created_at, created_by FROM webhooks";

Webhook readWebhook(const QSqlQuery &q)
{
    Webhook w;
    w.id = q.value(0).toLongLong();
    w.url = q.value(1).toString();
    w.events = readEvents(q.value(2).toString());
    w.secretHint = q.value(3).toString();
    w.enabled = q.value(4).toInt() != 0;
    w.createdAt = timeOrNull(q.value(5));
    w.createdBy = q.value(6).toString();
    return w;
}

const char *const DeliveryColumns =
    "id, webhook_id, event, body, created_at, attempts, next_attempt_at, last_status,"
    " last_error, delivered_at, failed_at FROM webhook_deliveries";

WebhookDelivery readDelivery(const QSqlQuery &q)
{
    WebhookDelivery d;
    d.id = q.value(0).toString();
    d.webhookId = q.value(1).toLongLong();
    d.event = q.value(2).toString();
    d.body = q.value(3).toString();
    d.createdAt = timeOrNull(q.value(4));
    d.attempts = q.value(5).toInt();
    d.nextAttemptAt = timeOrNull(q.value(6));
    d.lastStatus = q.value(7).toInt();
    d.lastError = q.value(8).toString();
    d.deliveredAt = timeOrNull(q.value(9));
    d.failedAt = timeOrNull(q.value(10));
    return d;
}

QString target(qint64 id, const QString &url)
{
    return url.isEmpty() ? QStringLiteral("webhook #%1").arg(id)
                         : QStringLiteral("webhook #%1 %2").arg(id).arg(url);
}

} // namespace

QList<qint64> WebhookService::defaultRetrySchedule()
{
    constexpr qint64 Minute = 60 * 1000;
    return {Minute, 5 * Minute, 30 * Minute, 120 * Minute, 360 * Minute};
}

void WebhookService::setKey(const QByteArray &key)
{
    processKey() = key.size() == crypto_secretbox_KEYBYTES ? key : QByteArray();
}

bool WebhookService::hasKey()
{
    return !processKey().isEmpty();
}

Error WebhookService::unavailableError()
{
    return Error(Errc::Conflict,
                 tr("Webhooks are sent by tokendesk-server and are managed when signed in to "
                    "one."));
}

QStringList WebhookService::eventNames()
{
    return {QStringLiteral("token.expiring"), QStringLiteral("token.expired"),
            QStringLiteral("token.revoked"), QStringLiteral("session.revoked")};
}

QByteArray WebhookService::signature(const QByteArray &secret, const QByteArray &body)
{
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(secret.constData()),
                                size_t(secret.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(body.constData()),
                                  quint64(body.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    return QByteArrayLiteral("sha256=") +
           QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toHex();
}

QString WebhookService::checkUrl(const QString &text)
{
    const QString url = text.trimmed();
    if (url.isEmpty())
        return tr("Enter the URL the events are sent to.");
    if (url.size() > UrlMaxLength)
        return tr("The URL is too long (at most %1 characters).").arg(UrlMaxLength);
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid())
        return tr("The URL is not valid.");
    const QString scheme = u.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return tr("The URL must start with http:// or https://.");
    if (u.host().isEmpty())
        return tr("The URL must name a host.");
    if (!u.userInfo().isEmpty())
        return tr("The URL must not contain a user name or password; the signature "
                  "authenticates the events.");
    if (u.hasFragment())
        return tr("The URL must not contain a fragment (#…).");
    return {};
}

Store &WebhookService::store() const
{
    return m_guard.store();
}

Webhook WebhookService::load(qint64 id)
{
    QSqlQuery q =
        store().run(QStringLiteral("SELECT %1 WHERE id = ?").arg(QLatin1String(WebhookColumns)),
                    {id}, "reading a webhook");
    if (!q.next())
        fail(Errc::NotFound, tr("There is no webhook #%1.").arg(id));
    return readWebhook(q);
}

WebhookDelivery WebhookService::loadDelivery(const QString &id)
{
    QSqlQuery q =
        store().run(QStringLiteral("SELECT %1 WHERE id = ?").arg(QLatin1String(DeliveryColumns)),
                    {id}, "reading a webhook delivery");
    if (!q.next())
        fail(Errc::NotFound, tr("There is no webhook delivery %1.").arg(id),
             QStringLiteral("deliveryId"));
    return readDelivery(q);
}

QStringList WebhookService::checkedEvents(const QStringList &events)
{
    QStringList out;
    for (const QString &e : eventNames())
        if (events.contains(e))
            out << e;
    for (const QString &e : events)
        if (!eventNames().contains(e))
            fail(Errc::InvalidArgument,
                 tr("\"%1\" is not an event. Events: %2.")
                     .arg(oneLine(e, 60), eventNames().join(QStringLiteral(", "))),
                 QStringLiteral("events"));
    if (out.isEmpty())
        fail(Errc::InvalidArgument, tr("Choose at least one event."), QStringLiteral("events"));
    return out;
}

WebhookSecret WebhookService::storeNewSecret(qint64 id)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    QByteArray text = QByteArray(SecretPrefix) +
                      QByteArray(reinterpret_cast<const char *>(raw), sizeof raw)
                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw, sizeof raw);
    QByteArray nonce(crypto_secretbox_NONCEBYTES, Qt::Uninitialized);
    randombytes_buf(nonce.data(), size_t(nonce.size()));
    QByteArray cipher(text.size() + crypto_secretbox_MACBYTES, Qt::Uninitialized);
    crypto_secretbox_easy(reinterpret_cast<unsigned char *>(cipher.data()),
                          reinterpret_cast<const unsigned char *>(text.constData()),
                          quint64(text.size()),
                          reinterpret_cast<const unsigned char *>(nonce.constData()),
                          reinterpret_cast<const unsigned char *>(processKey().constData()));
    WebhookSecret s;
    s.webhookId = id;
    s.hint = QString::fromLatin1(text.right(4));
    store().run(QStringLiteral("UPDATE webhooks SET secret_ciphertext = ?, secret_nonce = ?,"
                               " secret_hint = ? WHERE id = ?"),
                {cipher, nonce, s.hint, id}, "storing a webhook secret");
    s.secret = SecretBytes(std::move(text));
    return s;
}

Result<QList<Webhook>> WebhookService::list(const Actor &actor)
{
    return m_guard.view(actor, [&](const Actor &live) {
        m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
        QList<Webhook> out;
        QSqlQuery q =
            store().run(QStringLiteral("SELECT %1 ORDER BY id").arg(QLatin1String(WebhookColumns)),
                        {}, "listing webhooks");
        while (q.next())
            out << readWebhook(q);
        return out;
    });
}

Result<WebhookSecret> WebhookService::create(const Actor &actor, const NewWebhook &request)
{
    const QString url = request.url.trimmed();
    return m_guard.change(actor, QStringLiteral("webhook.create"), url, [&](const Actor &live) {
        m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
        if (!hasKey())
            throw Failure(unavailableError());
        if (const QString why = checkUrl(url); !why.isEmpty())
            fail(Errc::InvalidArgument, why, QStringLiteral("url"));
        const QStringList events = checkedEvents(request.events);
        const qint64 id = store().insert(
            QStringLiteral("INSERT INTO webhooks (url, events, secret_ciphertext, secret_nonce,"
                           " secret_hint, enabled, created_at, created_by)"
                           " VALUES (?, ?, ?, ?, '', ?, ?, ?)"),
            {url, storedEvents(events), QByteArray(1, '\0'), QByteArray(1, '\0'),
             request.enabled ? 1 : 0, Clock::nowMs(), live.label});
        WebhookSecret s = storeNewSecret(id);
        m_guard.audit(live, QStringLiteral("webhook.create"), target(id, url),
                      QStringLiteral("success"),
                      QStringLiteral("events: %1").arg(events.join(QStringLiteral(", "))));
        return s;
    });
}

Result<Webhook> WebhookService::update(const Actor &actor, qint64 id, const QStringList &events,
                                       bool enabled)
{
    return m_guard.change(
        actor, QStringLiteral("webhook.update"), target(id, {}), [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
            const Webhook w = load(id);
            const QStringList checked = checkedEvents(events);
            store().run(QStringLiteral("UPDATE webhooks SET events = ?, enabled = ? WHERE id = ?"),
                        {storedEvents(checked), enabled ? 1 : 0, id}, "changing a webhook");
            m_guard.audit(
                live, QStringLiteral("webhook.update"), target(id, w.url),
                QStringLiteral("success"),
                QStringLiteral("events: %1; %2")
                    .arg(checked.join(QStringLiteral(", ")),
                         enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")));
            return load(id);
        });
}

Result<void> WebhookService::remove(const Actor &actor, qint64 id)
{
    return m_guard.change(
        actor, QStringLiteral("webhook.delete"), target(id, {}), [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
            const Webhook w = load(id);
            store().run(QStringLiteral("DELETE FROM webhook_deliveries WHERE webhook_id = ?"), {id},
                        "deleting webhook deliveries");
            store().run(QStringLiteral("DELETE FROM webhooks WHERE id = ?"), {id},
                        "deleting a webhook");
            m_guard.audit(live, QStringLiteral("webhook.delete"), target(id, w.url),
                          QStringLiteral("success"));
        });
}

Result<WebhookSecret> WebhookService::regenerateSecret(const Actor &actor, qint64 id)
{
    return m_guard.change(
        actor, QStringLiteral("webhook.regenerate_secret"), target(id, {}), [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
            if (!hasKey())
                throw Failure(unavailableError());
            const Webhook w = load(id);
            WebhookSecret s = storeNewSecret(id);
            m_guard.audit(live, QStringLiteral("webhook.regenerate_secret"), target(id, w.url),
                          QStringLiteral("success"));
            return s;
        });
}

Result<WebhookDeliveryPage> WebhookService::deliveries(const Actor &actor, qint64 webhookId,
                                                       int offset, int limit)
{
    return m_guard.view(actor, [&](const Actor &live) {
        m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
        load(webhookId);
        WebhookDeliveryPage page;
        page.total = store()
                         .scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries"
                                                " WHERE webhook_id = ?"),
                                 {webhookId})
                         .toLongLong();
        QSqlQuery q = store().run(
            QStringLiteral("SELECT %1 WHERE webhook_id = ? ORDER BY created_at DESC, id DESC"
                           " LIMIT ? OFFSET ?")
                .arg(QLatin1String(DeliveryColumns)),
            {webhookId, qBound(1, limit, PageMax), qMax(0, offset)}, "listing webhook deliveries");
        while (q.next())
            page.rows << readDelivery(q);
        return page;
    });
}

Result<WebhookDelivery> WebhookService::redeliver(const Actor &actor, qint64 webhookId,
                                                  const QString &deliveryId)
{
    return m_guard.change(
        actor, QStringLiteral("webhook.redeliver"), target(webhookId, {}), [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
            load(webhookId);
            if (loadDelivery(deliveryId).webhookId != webhookId)
                fail(Errc::NotFound,
                     tr("There is no delivery %1 of webhook #%2.").arg(deliveryId).arg(webhookId),
                     QStringLiteral("deliveryId"));
            store().run(QStringLiteral("UPDATE webhook_deliveries SET attempts = 0,"
                                       " next_attempt_at = ?, claimed_until = 0,"
                                       " delivered_at = NULL, failed_at = NULL, last_error = '',"
                                       " last_status = 0 WHERE id = ?"),
                        {Clock::nowMs(), deliveryId}, "redelivering a webhook event");
            return loadDelivery(deliveryId);
        });
}

Result<WebhookDelivery> WebhookService::sendTest(const Actor &actor, qint64 webhookId)
{
    return m_guard.change(
        actor, QStringLiteral("webhook.test"), target(webhookId, {}), [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("manage webhooks"));
            const Webhook w = load(webhookId);
            const QString id = WebhookOutbox::insert(
                store(), webhookId, QString::fromLatin1(TestEvent),
                {{QStringLiteral("webhookId"), webhookId}, {QStringLiteral("url"), w.url}},
                Clock::nowMs());
            return loadDelivery(id);
        });
}

Result<std::vector<DueDelivery>> WebhookService::claimDue(qint64 nowMs, int max)
{
    if (!hasKey())
        return unavailableError();
    return store().write([&] {
        std::vector<DueDelivery> out;
        const QString lock =
            store().isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF d SKIP LOCKED");
        QSqlQuery q = store().run(
            QStringLiteral("SELECT d.id, d.webhook_id, w.url, d.event, d.body, d.attempts,"
                           " w.secret_ciphertext, w.secret_nonce"
                           " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                           " WHERE d.delivered_at IS NULL AND d.failed_at IS NULL"
                           " AND d.next_attempt_at <= ? AND d.claimed_until <= ? AND w.enabled = 1"
                           " ORDER BY d.next_attempt_at, d.id LIMIT ?%1")
                .arg(lock),
            {nowMs, nowMs, max}, "claiming webhook deliveries");
        while (q.next()) {
            DueDelivery d;
            d.id = q.value(0).toString();
            d.webhookId = q.value(1).toLongLong();
            d.url = q.value(2).toString();
            d.event = q.value(3).toString();
            d.body = q.value(4).toString().toUtf8();
            d.attempts = q.value(5).toInt();
            const QByteArray cipher = q.value(6).toByteArray();
            const QByteArray nonce = q.value(7).toByteArray();
            if (cipher.size() <= int(crypto_secretbox_MACBYTES) ||
                nonce.size() != int(crypto_secretbox_NONCEBYTES))
                continue;
            QByteArray plain(cipher.size() - int(crypto_secretbox_MACBYTES), Qt::Uninitialized);
            if (crypto_secretbox_open_easy(
                    reinterpret_cast<unsigned char *>(plain.data()),
                    reinterpret_cast<const unsigned char *>(cipher.constData()),
                    quint64(cipher.size()),
                    reinterpret_cast<const unsigned char *>(nonce.constData()),
                    reinterpret_cast<const unsigned char *>(processKey().constData())) != 0) {
                // Another key: the delivery cannot be signed here; it fails with a reason.
                d.secret = SecretBytes();
            } else {
                d.secret = SecretBytes(std::move(plain));
            }
            out.push_back(std::move(d));
        }
        q.finish();
        for (const DueDelivery &d : out)
            store().run(
                QStringLiteral("UPDATE webhook_deliveries SET claimed_until = ? WHERE id = ?"),
                {nowMs + ClaimMs, d.id}, "claiming a webhook delivery");
        return out;
    });
}

Result<void> WebhookService::delivered(const QString &id, int status, qint64 nowMs)
{
    return store().write([&] {
        store().run(QStringLiteral("UPDATE webhook_deliveries SET delivered_at = ?,"
                                   " attempts = attempts + 1, last_status = ?, last_error = '',"
                                   " claimed_until = 0 WHERE id = ?"),
                    {nowMs, status, id}, "recording a webhook delivery");
    });
}

Result<void> WebhookService::attemptFailed(const QString &id, int status, const QString &error,
                                           qint64 nowMs, const QList<qint64> &schedule)
{
    return store().write([&] {
        const int attempts =
            store()
                .scalar(QStringLiteral("SELECT attempts FROM webhook_deliveries WHERE id = ?"),
                        {id})
                .toInt() +
            1;
        const QString why = oneLine(error, ErrorMaxLength);
        if (attempts > schedule.size())
            store().run(QStringLiteral("UPDATE webhook_deliveries SET attempts = ?, failed_at = ?,"
                                       " last_status = ?, last_error = ?, claimed_until = 0"
                                       " WHERE id = ?"),
                        {attempts, nowMs, status, why, id}, "recording a failed webhook delivery");
        else
            store().run(QStringLiteral("UPDATE webhook_deliveries SET attempts = ?,"
                                       " next_attempt_at = ?, last_status = ?, last_error = ?,"
                                       " claimed_until = 0 WHERE id = ?"),
                        {attempts, nowMs + schedule.at(attempts - 1), status, why, id},
                        "recording a failed webhook delivery");
    });
}

// ---- the outbox ----

QList<qint64> WebhookOutbox::subscribers(Store &store, const QString &event)
{
    QList<qint64> ids;
    QSqlQuery q =
        store.run(QStringLiteral("SELECT id FROM webhooks WHERE enabled = 1"
                                 " AND events LIKE ? ORDER BY id"),
                  {QStringLiteral("%,") + event + QStringLiteral(",%")}, "finding webhooks");
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QList<qint64> WebhookOutbox::idsIfSubscribed(Store &store, const QString &event,
                                             const QString &select, const QVariantList &binds)
{
    QList<qint64> ids;
    if (subscribers(store, event).isEmpty())
        return ids;
    QSqlQuery q = store.run(select, binds, "finding what a webhook is told about");
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QByteArray WebhookOutbox::body(const QString &event, const QString &deliveryId,
                               const QDateTime &occurredAt, const QJsonObject &data)
{
    const QJsonObject o{{QStringLiteral("event"), event},
                        {QStringLiteral("id"), deliveryId},
                        {QStringLiteral("occurredAt"), RecordJson::time(occurredAt)},
                        {QStringLiteral("data"), data}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString WebhookOutbox::insert(Store &store, qint64 webhookId, const QString &event,
                              const QJsonObject &data, qint64 nowMs)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray b = body(event, id, QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC), data);
    store.run(QStringLiteral("INSERT INTO webhook_deliveries (id, webhook_id, event, body,"
                             " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)"),
              {id, webhookId, event, QString::fromUtf8(b), nowMs, nowMs},
              "queueing a webhook delivery");
    return id;
}

void WebhookOutbox::enqueue(Store &store, const QString &event, const QJsonObject &data)
{
    const QList<qint64> hooks = subscribers(store, event);
    const qint64 now = Clock::nowMs();
    for (qint64 hook : hooks)
        insert(store, hook, event, data, now);
}

bool WebhookOutbox::subscribed(Store &store, const QString &event)
{
    return !subscribers(store, event).isEmpty();
}

QJsonObject WebhookOutbox::tokenData(Store &store, qint64 tokenId)
{
    QSqlQuery q =
        store.run(QStringLiteral("SELECT t.id, t.name, t.hint, u.username, d.name, t.expires_at"
                                 " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                                 " JOIN departments d ON d.id = t.department_id WHERE t.id = ?"),
                  {tokenId}, "reading a token for a webhook");
    if (!q.next())
        return {};
    return {{QStringLiteral("id"), q.value(0).toLongLong()},
            {QStringLiteral("name"), q.value(1).toString()},
            {QStringLiteral("hint"), q.value(2).toString()},
            {QStringLiteral("username"), q.value(3).toString()},
            {QStringLiteral("department"), q.value(4).toString()},
            {QStringLiteral("expiresAt"), RecordJson::time(timeOrNull(q.value(5)))}};
}

void WebhookOutbox::tokensRevoked(Store &store, const QList<qint64> &tokenIds)
{
    const QString event = QStringLiteral("token.revoked");
    const QList<qint64> hooks = subscribers(store, event);
    if (hooks.isEmpty())
        return;
    const qint64 now = Clock::nowMs();
    for (qint64 token : tokenIds) {
        const QJsonObject data = tokenData(store, token);
        for (qint64 hook : hooks)
            insert(store, hook, event, data, now);
    }
}

void WebhookOutbox::sessionsRevoked(Store &store, const QList<qint64> &sessionIds)
{
    const QString event = QStringLiteral("session.revoked");
    const QList<qint64> hooks = subscribers(store, event);
    if (hooks.isEmpty())
        return;
    const qint64 now = Clock::nowMs();
    for (qint64 session : sessionIds) {
        QSqlQuery q =
            store.run(QStringLiteral("SELECT s.id, u.username, s.device_name, s.platform"
                                     " FROM mobile_sessions s JOIN users u ON u.id = s.user_id"
                                     " WHERE s.id = ?"),
                      {session}, "reading a session for a webhook");
        if (!q.next())
            continue;
        const QJsonObject data{{QStringLiteral("id"), q.value(0).toLongLong()},
                               {QStringLiteral("username"), q.value(1).toString()},
                               {QStringLiteral("device"), q.value(2).toString()},
                               {QStringLiteral("platform"), q.value(3).toString()}};
        for (qint64 hook : hooks)
            insert(store, hook, event, data, now);
    }
}

} // namespace td
