// SPDX-License-Identifier: MIT
#include "apijson.h"

#include "core/requestlimits.h"
#include "requestparse.h"
#include "routes.h"

#include <QJsonDocument>

#include <cmath>

namespace td::ApiJson {

HttpReply reply(const QJsonObject &body, int status)
{
    HttpReply r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

HttpReply error(int status, const QString &code, const QString &description, const QString &field)
{
    QJsonObject o{{QStringLiteral("error"), code},
                  {QStringLiteral("error_description"), description}};
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field);
    HttpReply r = reply(o, status);
    r.logNote = "error=" + code.toLatin1();
    return r;
}

int statusFor(Errc code)
{
    return httpStatus(code);
}

HttpReply domainError(const Error &e)
{
    const int status = statusFor(e.code);
    if (status >= 500)
        return Routes::storeError(e);
    HttpReply r = error(status, errorCode(e.code), e.message, e.field);
    if (e.code == Errc::Throttled)
        r.headers.emplaceBack("Retry-After", QByteArray::number(std::max(1, e.retryAfterSeconds)));
    return r;
}

// ---- Body ----

Body::Body(const HttpRequest &request, bool allowEmpty)
{
    if (allowEmpty && request.body.trimmed().isEmpty())
        return;
    if (RequestParse::mediaType(request.header("Content-Type")) != "application/json") {
        fail(415, tr("Send a JSON object (Content-Type: application/json)."));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        fail(400, tr("The body is not valid JSON: %1 at byte %2.")
                      .arg(parseError.errorString())
                      .arg(parseError.offset));
    else if (!doc.isObject())
        fail(400, tr("The body must be a JSON object."));
    else if (const QString twice = RequestParse::repeatedMemberName(request.body); !twice.isNull())
        fail(400, tr("The field \"%1\" appears twice.").arg(twice.left(100)), twice.left(100));
    else
        m_object = doc.object();
}

void Body::fail(int status, const QString &text, const QString &field)
{
    if (m_status != 0)
        return;
    m_status = status;
    m_text = text;
    m_field = field;
}

const QJsonValue *Body::find(const char *key)
{
    const QString k = QLatin1String(key);
    m_read.insert(k);
    const auto it = m_object.constFind(k);
    if (it == m_object.constEnd())
        return nullptr;
    m_current = it.value();
    return &m_current;
}

QString Body::text(const char *key)
{
    const auto v = optionalText(key);
    if (!v) {
        fail(400, tr("The field \"%1\" is missing.").arg(QLatin1String(key)), QLatin1String(key));
        return {};
    }
    return *v;
}

std::optional<QString> Body::optionalText(const char *key)
{
    const QJsonValue *v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        fail(400, tr("The field \"%1\" must be a string.").arg(QLatin1String(key)),
             QLatin1String(key));
        return QString();
    }
    return v->toString();
}

/// One rule for a time in a query string or a body: ISO 8601 with its zone.
static QDateTime isoTime(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() != Qt::LocalTime ? t : QDateTime();
}

std::optional<QDateTime> Body::optionalTime(const char *key)
{
    const std::optional<QString> text = optionalText(key);
    if (!text)
        return std::nullopt;
    const QDateTime t = isoTime(*text);
    if (!t.isValid()) {
        fail(400,
             tr("The field \"%1\" must be a time in ISO 8601 with its zone, e.g. "
                "2026-01-31T12:00:00Z.")
                 .arg(QLatin1String(key)),
             QLatin1String(key));
        return std::nullopt;
    }
    return t;
}

SecretBytes Body::secret(const char *key)
{
    auto s = optionalSecret(key);
    if (!s) {
        fail(400, tr("The field \"%1\" is missing.").arg(QLatin1String(key)), QLatin1String(key));
        return {};
    }
    return std::move(*s);
}

std::optional<SecretBytes> Body::optionalSecret(const char *key)
{
    const QJsonValue *v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        fail(400, tr("The field \"%1\" must be a string.").arg(QLatin1String(key)),
             QLatin1String(key));
        return SecretBytes();
    }
    QString text = v->toString();
    m_current = QJsonValue();
    return SecretBytes::fromString(text);
}

QStringList Body::texts(const char *key)
{
    const QJsonValue *v = find(key);
    QStringList out;
    if (!v || !v->isArray()) {
        fail(400, tr("The field \"%1\" must be an array of strings.").arg(QLatin1String(key)),
             QLatin1String(key));
        return out;
    }
    for (const QJsonValue &item : v->toArray()) {
        if (!item.isString()) {
            fail(400, tr("The field \"%1\" must be an array of strings.").arg(QLatin1String(key)),
                 QLatin1String(key));
            return {};
        }
        out << item.toString();
    }
    return out;
}

namespace {
/// A JSON number that is a whole number within [min, max].
std::optional<qint64> wholeNumber(const QJsonValue &v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}
} // namespace

QList<qint64> Body::ids(const char *key)
{
    const QJsonValue *v = find(key);
    QList<qint64> out;
    const QString problem =
        tr("The field \"%1\" must be an array of 1 to %2 ids (positive integers).")
            .arg(QLatin1String(key))
            .arg(RequestLimits::MaxIds);
    if (!v || !v->isArray() || v->toArray().isEmpty() ||
        v->toArray().size() > RequestLimits::MaxIds) {
        fail(400, problem, QLatin1String(key));
        return out;
    }
    for (const QJsonValue &item : v->toArray()) {
        const auto id = wholeNumber(item, 1, qint64(1) << 53);
        if (!id) {
            fail(400, problem, QLatin1String(key));
            return {};
        }
        out << *id;
    }
    return out;
}

QList<qint64> Body::optionalIds(const char *key)
{
    const QJsonValue *v = find(key);
    if (!v)
        return {};
    if (v->isArray() && v->toArray().isEmpty())
        return {};
    return ids(key);
}

qint64 Body::integer(const char *key, qint64 min, qint64 max)
{
    if (!m_object.contains(QLatin1String(key))) {
        failWholeNumber(key, min, max);
        return 0;
    }
    return optionalInteger(key, min, max).value_or(0);
}

void Body::failWholeNumber(const char *key, qint64 min, qint64 max)
{
    fail(400,
         tr("The field \"%1\" must be a whole number from %2 to %3.")
             .arg(QLatin1String(key))
             .arg(min)
             .arg(max),
         QLatin1String(key));
}

QStringList Body::optionalChoices(const char *key, const QStringList &allowed)
{
    if (!m_object.contains(QLatin1String(key))) {
        find(key);
        return {};
    }
    const QStringList values = texts(key);
    for (const QString &v : values)
        if (!allowed.contains(v)) {
            fail(400,
                 tr("The field \"%1\" may hold only: %2.")
                     .arg(QLatin1String(key), allowed.join(QStringLiteral(", "))),
                 QLatin1String(key));
            return {};
        }
    return values;
}

std::optional<qint64> Body::optionalInteger(const char *key, qint64 min, qint64 max)
{
    const QJsonValue *v = find(key);
    if (!v)
        return std::nullopt;
    const auto n = wholeNumber(*v, min, max);
    if (!n)
        failWholeNumber(key, min, max);
    return n;
}

bool Body::boolean(const char *key, bool fallback)
{
    const QJsonValue *v = find(key);
    if (!v)
        return fallback;
    if (!v->isBool()) {
        fail(400, tr("The field \"%1\" must be true or false.").arg(QLatin1String(key)),
             QLatin1String(key));
        return fallback;
    }
    return v->toBool();
}

bool Body::finish()
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!m_read.contains(it.key())) {
            fail(400, tr("The field \"%1\" is not known here.").arg(it.key().left(100)),
                 it.key().left(100));
            break;
        }
    return ok();
}

HttpReply Body::problem() const
{
    return error(m_status, QStringLiteral("invalid_request"), m_text, m_field);
}

// ---- Query ----

Query::Query(const HttpRequest &request)
{
    const QUrl url = QUrl::fromEncoded(request.target);
    if (url.hasQuery())
        m_items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
}

void Query::fail(const QString &text, const QString &field)
{
    if (m_status != 0)
        return;
    m_status = 400;
    m_text = text;
    m_field = field;
}

std::optional<QString> Query::value(const char *key)
{
    const QString k = QLatin1String(key);
    m_read.insert(k);
    std::optional<QString> found;
    for (const auto &[name, value] : std::as_const(m_items))
        if (name == k) {
            if (found) {
                fail(tr("The parameter \"%1\" is given twice.").arg(k), k);
                return std::nullopt;
            }
            found = value;
        }
    return found;
}

QString Query::text(const char *key)
{
    const auto v = value(key);
    if (v && v->size() > 200) {
        fail(tr("The parameter \"%1\" is longer than 200 characters.").arg(QLatin1String(key)),
             QLatin1String(key));
        return {};
    }
    return v.value_or(QString());
}

std::optional<qint64> Query::integer(const char *key, qint64 min, qint64 max)
{
    const auto v = value(key);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 n = v->toLongLong(&ok);
    if (!ok || n < min || n > max) {
        fail(tr("The parameter \"%1\" must be a whole number from %2 to %3.")
                 .arg(QLatin1String(key))
                 .arg(min)
                 .arg(max),
             QLatin1String(key));
        return std::nullopt;
    }
    return n;
}

bool Query::boolean(const char *key, bool fallback)
{
    const auto v = value(key);
    if (!v)
        return fallback;
    if (*v == QLatin1String("true"))
        return true;
    if (*v == QLatin1String("false"))
        return false;
    fail(tr("The parameter \"%1\" must be true or false.").arg(QLatin1String(key)),
         QLatin1String(key));
    return fallback;
}

std::optional<QDateTime> Query::time(const char *key)
{
    const auto v = value(key);
    if (!v)
        return std::nullopt;
    const QDateTime t = isoTime(*v);
    if (!t.isValid()) {
        fail(tr("The parameter \"%1\" must be a time in ISO 8601 with its zone, e.g. "
                "2026-01-31T12:00:00Z.")
                 .arg(QLatin1String(key)),
             QLatin1String(key));
        return std::nullopt;
    }
    return t;
}

QString Query::choice(const char *key, const QStringList &choices, const QString &fallback)
{
    const auto v = value(key);
    if (!v)
        return fallback;
    if (!choices.contains(*v)) {
        fail(tr("The parameter \"%1\" must be one of: %2.")
                 .arg(QLatin1String(key), choices.join(QStringLiteral(", "))),
             QLatin1String(key));
        return fallback;
    }
    return *v;
}

QStringList Query::choices(const char *key, const QStringList &choices)
{
    const auto v = value(key);
    if (!v)
        return {};
    const QStringList items = v->split(QLatin1Char(','));
    for (const QString &item : items)
        if (!choices.contains(item)) {
            fail(tr("The parameter \"%1\" takes a comma-separated list of: %2.")
                     .arg(QLatin1String(key), choices.join(QStringLiteral(", "))),
                 QLatin1String(key));
            return {};
        }
    return items;
}

bool Query::finish()
{
    for (const auto &[name, value] : std::as_const(m_items)) {
        (void)value;
        if (!m_read.contains(name)) {
            fail(tr("The parameter \"%1\" is not known here.").arg(name.left(100)), name.left(100));
            break;
        }
    }
    return ok();
}

HttpReply Query::problem() const
{
    return error(m_status, QStringLiteral("invalid_request"), m_text, m_field);
}

} // namespace td::ApiJson
