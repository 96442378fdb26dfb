// SPDX-License-Identifier: MIT
#include "noticeservice.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "core/types.h"
#include "domain/guard.h"
#include "domain/webhooks/webhookservice.h"
#include "noticetexts.h"
#include "store/store.h"

#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

namespace td {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;
constexpr int MaxErrorLength = 300;

QString subjectKey(NoticeItem::Subject s)
{
    return s == NoticeItem::Subject::Token ? QStringLiteral("token")
                                           : QStringLiteral("access_code");
}

/// The threshold a credential expiring at `%1` is within (SQL, with three placeholders: now,
/// now + 1 day, now + 7 days: bound as numbers, so that PostgreSQL reads them as bigint).
const char *const ThresholdCase =
    "CASE WHEN %1 <= ? THEN 0 WHEN %1 <= ? THEN 1 WHEN %1 <= ? THEN 7 ELSE 30 END";

QString thresholdCase(const QString &column)
{
    return QString::fromLatin1(ThresholdCase).arg(column);
}

QString oneLine(const QString &text)
{
    return escapeControls(text).simplified();
}

/// One line of a notice about `item` (English source texts, context "Notice").
QString itemLine(const NoticeTexts &t, const NoticeItem &item, const QDateTime &now)
{
    const QString when = NoticeTexts::time(item.expiresAt);
    if (item.subject == NoticeItem::Subject::AccessCode)
        return item.threshold == 0
                   ? t.text(QT_TRANSLATE_NOOP("Notice", "Your access code expired on %1."))
                         .arg(when)
                   : t.text(QT_TRANSLATE_NOOP("Notice", "Your access code expires on %1."))
                         .arg(when);
    if (item.threshold == 0)
        return t.text(QT_TRANSLATE_NOOP("Notice", "API token \"%1\" (hint %2) expired on %3."))
            .arg(oneLine(item.name), item.hint, when);
    const int days = int(std::max<qint64>(0, now.msecsTo(item.expiresAt)) / DayMs);
    const QString in = days < 1 ? t.text(QT_TRANSLATE_NOOP("Notice", "in less than a day"))
                                : t.text(QT_TRANSLATE_N_NOOP("Notice", "in %n day(s)"), days);
    return t.text(QT_TRANSLATE_NOOP("Notice", "API token \"%1\" (hint %2) expires on %3, %4."))
        .arg(oneLine(item.name), item.hint, when, in);
}

QString footer(const NoticeTexts &t)
{
    return t.text(QT_TRANSLATE_NOOP(
        "Notice", "TokenDesk names tokens by their name and hint only; it never sends a "
                  "token's secret. Do not reply to this message."));
}

} // namespace

Store &NoticeService::store() const
{
    return m_guard.store();
}

qint64 NoticeService::retryDelayMs(int attempts, qint64 firstRetryDelayMs)
{
    qint64 delay = std::max<qint64>(1, firstRetryDelayMs);
    for (int i = 1; i < attempts && delay < MaxRetryDelayMs; ++i)
        delay *= 5;
    return std::min(delay, MaxRetryDelayMs);
}

QList<NoticeItem> NoticeService::dueItems(qint64 nowMs, int max, const QString &defaultLanguage)
{
    const qint64 from = nowMs - ExpiredWithinDays * DayMs;
    const qint64 to = nowMs + Thresholds[0] * DayMs;
    const QVariantList bounds = {nowMs, nowMs + DayMs, nowMs + 7 * DayMs};
    const QVariantList branch = bounds + QVariantList{from, to} + bounds;
    const QString tokenThreshold = thresholdCase(QStringLiteral("t.expires_at"));
    const QString codeThreshold = thresholdCase(QStringLiteral("u.access_code_expires_at"));
    const QString userColumns = QStringLiteral(
        "u.id AS user_id, u.username, u.display_name, u.email, u.language, d.name AS department");
    // Both kinds of credential, by user (one e-mail each); the tokens on the expiry index
    // (expires_at, id): the window is a range of it.
    QSqlQuery q = store().run(
        QStringLiteral(
            "SELECT 'token' AS subject, t.id AS subject_id, t.name AS name, t.hint AS hint,"
            " t.expires_at AS expires_at, %1 AS threshold, %3"
            " FROM api_tokens t"
            " JOIN users u ON u.id = t.user_id"
            " JOIN departments d ON d.id = u.department_id"
            " WHERE t.expires_at > ? AND t.expires_at <= ?"
            " AND t.revoked_at IS NULL AND u.disabled_at IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM expiry_notices e"
            "  WHERE e.subject = 'token' AND e.subject_id = t.id"
            "  AND e.expires_at = t.expires_at AND e.threshold = %1)"
            " UNION ALL"
            " SELECT 'access_code', u.id, '', '', u.access_code_expires_at, %2, %3"
            " FROM users u JOIN departments d ON d.id = u.department_id"
            " WHERE u.access_code_expires_at > ? AND u.access_code_expires_at <= ?"
            " AND u.access_code_hash IS NOT NULL AND u.disabled_at IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM expiry_notices e"
            "  WHERE e.subject = 'access_code' AND e.subject_id = u.id"
            "  AND e.expires_at = u.access_code_expires_at AND e.threshold = %2)"
            " ORDER BY user_id, expires_at, subject_id LIMIT ?")
            .arg(tokenThreshold, codeThreshold, userColumns),
        branch + branch + QVariantList{max}, "finding due notices");
    QList<NoticeItem> items;
    while (q.next()) {
        NoticeItem item;
        item.subject = q.value(0).toString() == QLatin1String("token")
                           ? NoticeItem::Subject::Token
                           : NoticeItem::Subject::AccessCode;
        item.id = q.value(1).toLongLong();
        item.name = q.value(2).toString();
        item.hint = q.value(3).toString();
        item.expiresAt = Clock::fromMs(q.value(4));
        item.threshold = q.value(5).toInt();
        item.userId = q.value(6).toLongLong();
        item.username = q.value(7).toString();
        item.displayName = q.value(8).toString();
        item.email = q.value(9).toString();
        item.language = q.value(10).toString();
        if (item.language.isEmpty())
            item.language = defaultLanguage;
        item.department = q.value(11).toString();
        items << item;
    }
    return items;
}

void NoticeService::composeUserMail(const QList<NoticeItem> &items, const QDateTime &now,
                                    QString *subject, QString *body)
{
    const NoticeTexts t(items.value(0).language);
    QStringList expiring;
    QStringList expired;
    for (const NoticeItem &item : items)
        (item.threshold == 0 ? expired : expiring) << QStringLiteral("- ") + itemLine(t, item, now);
    *subject =
        !expiring.isEmpty()
            ? t.text(QT_TRANSLATE_N_NOOP("Notice", "TokenDesk: %n of your credentials expire soon"),
                     int(expiring.size()))
            : t.text(
                  QT_TRANSLATE_N_NOOP("Notice", "TokenDesk: %n of your credentials have expired"),
                  int(expired.size()));
    const NoticeItem &first = items.first();
    QStringList lines;
    lines << t.text(QT_TRANSLATE_NOOP("Notice", "Hello %1,"))
                 .arg(oneLine(first.displayName.isEmpty() ? first.username : first.displayName))
          << QString();
    if (!expiring.isEmpty())
        lines << t.text(QT_TRANSLATE_NOOP("Notice", "These TokenDesk credentials of yours "
                                                    "expire soon:"))
              << expiring << QString();
    if (!expired.isEmpty())
        lines << t.text(QT_TRANSLATE_NOOP("Notice", "These TokenDesk credentials of yours have "
                                                    "expired and no longer work:"))
              << expired << QString();
    lines << t.text(QT_TRANSLATE_NOOP(
                 "Notice", "To keep a token working, renew or rotate it in the TokenDesk "
                           "console (API Tokens) or ask an administrator. A new access code is "
                           "set under Manage Tokens."))
          << QString() << footer(t);
    *body = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

Result<NoticeRun> NoticeService::queueExpiryNotices(const QDateTime &now,
                                                    const QString &defaultLanguage, int batch)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    NoticeRun run;
    for (;;) {
        auto done = store().write([&] {
            QList<NoticeItem> items = dueItems(nowMs, batch, defaultLanguage);
            const bool full = items.size() >= batch;
            // A full batch may have cut the last user's list: they are noticed whole in the
            // next one (unless they alone fill it).
            if (full && items.first().userId != items.last().userId) {
                const qint64 last = items.last().userId;
                while (items.last().userId == last)
                    items.removeLast();
            }
            const bool expiringHooked =
                WebhookOutbox::subscribed(store(), QStringLiteral("token.expiring"));
            const bool expiredHooked =
                WebhookOutbox::subscribed(store(), QStringLiteral("token.expired"));
            QMap<qint64, QList<NoticeItem>> byUser;
            for (const NoticeItem &item : std::as_const(items)) {
                store().run(QStringLiteral("INSERT INTO expiry_notices (subject, subject_id,"
                                           " expires_at, threshold, noticed_at)"
                                           " VALUES (?, ?, ?, ?, ?)"),
                            {subjectKey(item.subject), item.id, item.expiresAt.toMSecsSinceEpoch(),
                             item.threshold, nowMs},
                            "recording a notice");
                if (item.subject == NoticeItem::Subject::Token &&
                    (item.threshold == 0 ? expiredHooked : expiringHooked)) {
                    QJsonObject data = WebhookOutbox::tokenData(store(), item.id);
                    data.insert(QStringLiteral("thresholdDays"), item.threshold);
                    WebhookOutbox::enqueue(store(),
                                           item.threshold == 0 ? QStringLiteral("token.expired")
                                                               : QStringLiteral("token.expiring"),
                                           data);
                }
                if (!item.email.isEmpty())
                    byUser[item.userId] << item;
            }
            int mails = 0;
            for (const QList<NoticeItem> &mine : std::as_const(byUser)) {
                QString subject;
                QString body;
                composeUserMail(mine, now, &subject, &body);
                store().run(QStringLiteral("INSERT INTO mail_outbox (user_id, recipient, kind,"
                                           " subject, body, created_at, next_attempt_at)"
                                           " VALUES (?, ?, 'expiry', ?, ?, ?, ?)"),
                            {mine.first().userId, mine.first().email, subject, body, nowMs, nowMs},
                            "queueing an e-mail");
                ++mails;
            }
            return std::tuple<int, int, bool>(int(items.size()), mails, full);
        });
        if (!done)
            return done.error();
        const auto [credentials, mails, full] = done.value();
        run.credentials += credentials;
        run.mails += mails;
        if (!full)
            return run;
    }
}

void NoticeService::queueLeakNotice(Store &store, qint64 userId, const QString &tokenName,
                                    const QString &hint, const QString &url, const QString &source,
                                    const QDateTime &now)
{
    QSqlQuery q = store.run(QStringLiteral("SELECT username, display_name, email, language"
                                           " FROM users WHERE id = ?"),
                            {userId}, "reading a token's owner");
    if (!q.next() || q.value(2).toString().isEmpty())
        return;
    const NoticeTexts t(q.value(3).toString());
    const QString name =
        q.value(1).toString().isEmpty() ? q.value(0).toString() : q.value(1).toString();
    QStringList body;
    body << t.text(QT_TRANSLATE_NOOP("Notice", "Hello %1,")).arg(oneLine(name)) << QString()
         << t.text(QT_TRANSLATE_NOOP("Notice", "A secret scanner found your API token \"%1\" "
                                               "(hint %2) where others can read it, and "
                                               "TokenDesk has revoked it."))
                .arg(oneLine(tokenName), hint)
         << QString() << t.text(QT_TRANSLATE_NOOP("Notice", "Found at: %1")).arg(oneLine(url))
         << t.text(QT_TRANSLATE_NOOP("Notice", "Seen in: %1")).arg(oneLine(source))
         << t.text(QT_TRANSLATE_NOOP("Notice", "Revoked: %1")).arg(NoticeTexts::time(now))
         << QString()
         << t.text(QT_TRANSLATE_NOOP("Notice", "Remove the token from that place, create a new "
                                               "one in the TokenDesk console (API Tokens) and "
                                               "put it where the old one was used."))
         << QString() << footer(t);
    const qint64 nowMs = now.toMSecsSinceEpoch();
    store.run(QStringLiteral("INSERT INTO mail_outbox (user_id, recipient, kind, subject, body,"
                             " created_at, next_attempt_at) VALUES (?, ?, 'leak', ?, ?, ?, ?)"),
              {userId, q.value(2),
               t.text(QT_TRANSLATE_NOOP("Notice", "TokenDesk: your API token \"%1\" was found "
                                                  "exposed and revoked"))
                   .arg(oneLine(tokenName)),
               body.join(QLatin1Char('\n')) + QLatin1Char('\n'), nowMs, nowMs},
              "queueing an e-mail");
}

Result<int> NoticeService::queueAdminDigest(const QDateTime &since, const QDateTime &now,
                                            const QString &defaultLanguage)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    return store().write([&] {
        struct Line
        {
            NoticeItem item;
            QString owner;
        };
        QList<Line> lines;
        int total = 0;
        QSqlQuery q = store().run(
            QStringLiteral("SELECT e.subject, e.subject_id, e.expires_at, e.threshold,"
                           " t.name, t.hint, u.username, d.name"
                           " FROM expiry_notices e"
                           " LEFT JOIN api_tokens t ON e.subject = 'token' AND t.id = e.subject_id"
                           " JOIN users u ON u.id = CASE WHEN e.subject = 'token' THEN t.user_id"
                           "  ELSE e.subject_id END"
                           " JOIN departments d ON d.id = u.department_id"
                           " WHERE e.noticed_at >= ? AND e.noticed_at < ?"
                           " ORDER BY e.threshold, e.expires_at, e.subject_id"),
            {since.toMSecsSinceEpoch(), nowMs}, "reading the digest");
        while (q.next()) {
            ++total;
            if (lines.size() >= MaxDigestLines)
                continue;
            Line l;
            l.item.subject = q.value(0).toString() == QLatin1String("token")
                                 ? NoticeItem::Subject::Token
                                 : NoticeItem::Subject::AccessCode;
            l.item.id = q.value(1).toLongLong();
            l.item.expiresAt = Clock::fromMs(q.value(2));
            l.item.threshold = q.value(3).toInt();
            l.item.name = q.value(4).toString();
            l.item.hint = q.value(5).toString();
            l.owner = QStringLiteral("%1 (%2)").arg(oneLine(q.value(6).toString()),
                                                    oneLine(q.value(7).toString()));
            lines << l;
        }
        if (total == 0)
            return 0;
        QSqlQuery admins = store().run(
            QStringLiteral("SELECT u.id, u.username, u.display_name, u.email, u.language"
                           " FROM users u JOIN user_type_permissions p"
                           " ON p.user_type_id = u.user_type_id AND p.permission = ?"
                           " WHERE u.disabled_at IS NULL AND u.email <> '' ORDER BY u.id"),
            {Permission::TokensManageAll}, "reading administrators");
        int mails = 0;
        while (admins.next()) {
            const QString language = admins.value(4).toString();
            const NoticeTexts t(language.isEmpty() ? defaultLanguage : language);
            const QString name = admins.value(2).toString().isEmpty() ? admins.value(1).toString()
                                                                      : admins.value(2).toString();
            QStringList body;
            body << t.text(QT_TRANSLATE_NOOP("Notice", "Hello %1,")).arg(oneLine(name)) << QString()
                 << t.text(QT_TRANSLATE_N_NOOP("Notice",
                                               "In the last day TokenDesk told the owners of "
                                               "%n credential(s) that they expire soon or have "
                                               "expired:"),
                           total)
                 << QString();
            for (const Line &l : std::as_const(lines))
                body << QStringLiteral("- %1: %2").arg(l.owner, itemLine(t, l.item, now));
            if (total > lines.size())
                body << t.text(QT_TRANSLATE_N_NOOP("Notice", "… and %n more."),
                               total - int(lines.size()));
            body << QString() << footer(t);
            const QString subject =
                t.text(QT_TRANSLATE_N_NOOP(
                           "Notice", "TokenDesk daily digest: %n credential(s) expire soon or "
                                     "have expired"),
                       total);
            store().run(QStringLiteral("INSERT INTO mail_outbox (user_id, recipient, kind,"
                                       " subject, body, created_at, next_attempt_at)"
                                       " VALUES (?, ?, 'digest', ?, ?, ?, ?)"),
                        {admins.value(0), admins.value(3), subject,
                         body.join(QLatin1Char('\n')) + QLatin1Char('\n'), nowMs, nowMs},
                        "queueing an e-mail");
            ++mails;
        }
        return mails;
    });
}

Result<QList<OutgoingMail>> NoticeService::dueMail(qint64 nowMs, int max)
{
    return store().read([&] {
        QList<OutgoingMail> out;
        QSqlQuery q = store().run(
            QStringLiteral("SELECT id, recipient, subject, body, attempts FROM mail_outbox"
                           " WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?"
                           " ORDER BY next_attempt_at, id LIMIT ?"),
            {nowMs, max}, "reading the outbox");
        while (q.next())
            out << OutgoingMail{q.value(0).toLongLong(), q.value(1).toString(),
                                q.value(2).toString(), q.value(3).toString(), q.value(4).toInt()};
        return out;
    });
}

Result<void> NoticeService::mailSent(qint64 id, qint64 nowMs)
{
    return store().write([&] {
        store().run(QStringLiteral("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1,"
                                   " last_error = '' WHERE id = ?"),
                    {nowMs, id}, "recording a sent e-mail");
    });
}

Result<void> NoticeService::mailFailed(qint64 id, const QString &error, qint64 nowMs,
                                       bool permanent, qint64 firstRetryDelayMs)
{
    return store().write([&] {
        const int attempts =
            store()
                .scalar(QStringLiteral("SELECT attempts FROM mail_outbox WHERE id = ?"), {id})
                .toInt() +
            1;
        const QString why = oneLine(error).left(MaxErrorLength);
        if (permanent || attempts >= MaxMailAttempts)
            store().run(QStringLiteral("UPDATE mail_outbox SET attempts = ?, failed_at = ?,"
                                       " last_error = ? WHERE id = ?"),
                        {attempts, nowMs, why, id}, "recording a failed e-mail");
        else
            store().run(QStringLiteral("UPDATE mail_outbox SET attempts = ?,"
                                       " next_attempt_at = ?, last_error = ? WHERE id = ?"),
                        {attempts, nowMs + retryDelayMs(attempts, firstRetryDelayMs), why, id},
                        "recording a failed e-mail");
    });
}

} // namespace td
