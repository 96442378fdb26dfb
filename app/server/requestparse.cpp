// SPDX-License-Identifier: MIT
#include "requestparse.h"

#include "security/tokencodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

#include <cstdio>
#include <ctime>
#include <optional>

namespace td::RequestParse {

QByteArray mediaType(const QByteArray &contentType)
{
    QByteArray type = contentType;
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

namespace {

/// The first `name` field of an application/x-www-form-urlencoded body, as the bytes it
/// encodes ('+' a space, %XX a byte); nullopt when there is none. Bytes, not QUrlQuery's text:
/// its decoder rewrites some valid UTF-8 (noncharacters such as U+3FFFF), so a value would not
/// come back as sent.
std::optional<QByteArray> formValue(const QByteArray &body, QByteArrayView name)
{
    auto decode = [](QByteArray bytes) {
        return QByteArray::fromPercentEncoding(bytes.replace('+', ' '));
    };
    for (const QByteArray &field : body.split('&')) {
        const qsizetype eq = field.indexOf('=');
        if (decode(eq < 0 ? field : field.left(eq)) == name)
            return eq < 0 ? QByteArray() : decode(field.mid(eq + 1));
    }
    return std::nullopt;
}

} // namespace

bool looksLikeToken(QStringView text)
{
    for (const TokenCodec::PrefixEntry &e : TokenCodec::Prefixes)
        if (text.contains(QLatin1String(e.prefix)))
            return true;
    return false;
}

BearerCredentials findBearer(const QList<QByteArray> &authorization, const QUrl &url,
                             const QByteArray &contentType, const QByteArray &body)
{
    BearerCredentials out;
    out.headerCount = authorization.size();
    bool inQuery = false;
    if (url.hasQuery()) {
        const QUrlQuery query(url);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
            if (key == QLatin1String("access_token") || looksLikeToken(key) ||
                looksLikeToken(value))
                inQuery = true;
    }
    bool inBody = false;
    if (mediaType(contentType) == "application/x-www-form-urlencoded") {
        inBody = formValue(body, "access_token").has_value();
    }
    const int ways = (authorization.isEmpty() ? 0 : 1) + (inQuery ? 1 : 0) + (inBody ? 1 : 0);
    if (authorization.size() > 1)
        out.problem = BearerProblem::SeveralHeaders;
    else if (ways > 1)
        out.problem = BearerProblem::SentTwice;
    else if (inQuery)
        out.problem = BearerProblem::InQuery;
    else if (inBody)
        out.problem = BearerProblem::InBody;
    else if (authorization.isEmpty())
        out.problem = BearerProblem::NoCredentials;
    if (out.problem != BearerProblem::NoCredentials || authorization.isEmpty())
        return out;

    const QByteArray header = authorization.first().trimmed();
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = space < 0 ? header : header.left(space);
    if (scheme.compare("Bearer", Qt::CaseInsensitive) != 0) {
        out.problem = BearerProblem::WrongScheme;
        return out;
    }
    const QByteArray value = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (value.isEmpty() || value.contains(' ') || value.contains('\t')) {
        out.problem = BearerProblem::BadHeader;
        return out;
    }
    out.problem = BearerProblem::None;
    out.token = value;
    return out;
}

IntrospectRequest parseIntrospectRequest(const QByteArray &contentType, const QByteArray &body)
{
    IntrospectRequest out;
    const QByteArray type = mediaType(contentType);
    if (type == "application/x-www-form-urlencoded") {
        out.token = formValue(body, "token").value_or(QByteArray());
    } else if (type == "application/json") {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!repeatedMemberName(body).isNull()) {
            out.problem = BodyProblem::RepeatedField;
            return out;
        }
        out.token = doc.object().value(QStringLiteral("token")).toString().toUtf8();
    } else {
        out.problem = BodyProblem::UnsupportedType;
        return out;
    }
    if (out.token.isEmpty())
        out.problem = BodyProblem::MissingField;
    return out;
}

QString repeatedMemberName(const QByteArray &json, int objectDepth)
{
    QSet<QString> seen;
    int depth = 0;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '{' || c == '[') {
            if (++depth == objectDepth)
                seen.clear(); // the next object at that depth
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < json.size() && json.at(i) != '"'; ++i)
                if (json.at(i) == '\\')
                    ++i;
            if (depth != objectDepth)
                continue;
            qsizetype next = i + 1;
            while (next < json.size() && QByteArrayView(" \t\r\n").contains(json.at(next)))
                ++next;
            if (next >= json.size() || json.at(next) != ':')
                continue; // a value, not a name
            const QByteArray raw = '[' + json.mid(start, i - start + 1) + ']';
            const QString name = QJsonDocument::fromJson(raw).array().at(0).toString();
            if (seen.contains(name))
                return name;
            seen.insert(name);
        }
    }
    return {};
}

QStringList sessionRequestFields()
{
    return {QStringLiteral("username"), QStringLiteral("access_code"),
            QStringLiteral("device_name"), QStringLiteral("platform"),
            QStringLiteral("app_version")};
}

SessionRequest parseSessionRequest(const QByteArray &contentType, const QByteArray &body)
{
    SessionRequest out;
    if (mediaType(contentType) != "application/json") {
        out.problem = BodyProblem::UnsupportedType;
        return out;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out.problem = BodyProblem::NotJsonObject;
        return out;
    }
    if (const QString twice = repeatedMemberName(body); !twice.isNull()) {
        out.problem = BodyProblem::RepeatedField;
        out.field = twice.left(100);
        return out;
    }
    const QJsonObject o = doc.object();
    QString *targets[] = {&out.username, &out.accessCode, &out.deviceName, &out.platform,
                          &out.appVersion};
    const QStringList fields = sessionRequestFields();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QJsonValue value = o.value(fields[i]);
        if (!value.isString() || value.toString().trimmed().isEmpty()) {
            out = SessionRequest{};
            out.problem = BodyProblem::MissingField;
            out.field = fields[i];
            return out;
        }
        *targets[i] = value.toString();
    }
    return out;
}

QByteArray quotedString(const QString &text)
{
    QByteArray out = text.toUtf8();
    for (char &c : out)
        if (c == '"' || c == '\\' || uchar(c) < 0x20 || uchar(c) == 0x7f)
            c = '\'';
    return '"' + out + '"';
}

QByteArray isoUtc(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const time_t secs = time_t(t.toSecsSinceEpoch());
    tm parts{};
    gmtime_r(&secs, &parts);
    char buf[64];
    const int n =
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900,
                      parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    return QByteArray(buf, n);
}

JsonOut::JsonOut()
{
    m_out.reserve(512);
    m_out += '{';
}

JsonOut &JsonOut::str(const char *key, const QString &value)
{
    return raw(key, quote(value.toUtf8()));
}

JsonOut &JsonOut::latin(const char *key, const QByteArray &value)
{
    return raw(key, quote(value));
}

JsonOut &JsonOut::num(const char *key, qint64 value)
{
    return raw(key, QByteArray::number(value));
}

JsonOut &JsonOut::boolean(const char *key, bool value)
{
    return raw(key, value ? "true" : "false");
}

JsonOut &JsonOut::time(const char *key, const QDateTime &t)
{
    return raw(key, t.isValid() ? quote(isoUtc(t)) : QByteArray("null"));
}

JsonOut &JsonOut::list(const char *key, const QStringList &values)
{
    QByteArray a = "[";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            a += ',';
        a += quote(values[i].toUtf8());
    }
    a += ']';
    return raw(key, a);
}

QByteArray JsonOut::done()
{
    m_out += '}';
    return std::move(m_out);
}

JsonOut &JsonOut::raw(const char *key, const QByteArray &value)
{
    if (m_out.size() > 1)
        m_out += ',';
    m_out += '"';
    m_out += key;
    m_out += "\":";
    m_out += value;
    return *this;
}

QByteArray JsonOut::quote(const QByteArray &utf8)
{
    QByteArray q;
    q.reserve(utf8.size() + 2);
    q += '"';
    for (char c : utf8) {
        if (c == '"' || c == '\\') {
            q += '\\';
            q += c;
        } else if (uchar(c) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(uchar(c)));
            q += esc;
        } else {
            q += c;
        }
    }
    q += '"';
    return q;
}

} // namespace td::RequestParse
