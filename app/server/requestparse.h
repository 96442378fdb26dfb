// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace td::RequestParse {

/// The parsing of ApiServer's requests as pure functions: no socket, no store, no server. The
/// fuzz targets in tests/fuzz call these directly.

/// "application/json; charset=utf-8" -> "application/json" (lower case, trimmed).
QByteArray mediaType(const QByteArray &contentType);

/// True when the text contains a token prefix (TokenCodec::Prefixes).
bool looksLikeToken(QStringView text);

enum class BearerProblem {
    None,           ///< token holds the bearer token
    NoCredentials,  ///< no Authorization header (401, challenge without an error code)
    SeveralHeaders, ///< more than one Authorization header
    SentTwice,      ///< header, query and form body: more than one of them
    InQuery,        ///< the token is in the URL (refused: URLs end up in logs)
    InBody,         ///< the token is in a form body (RFC 6750 2.2, refused)
    WrongScheme,    ///< not "Bearer" (401, challenge without an error code)
    BadHeader,      ///< "Bearer" without exactly one token after it
};

struct BearerCredentials
{
    BearerProblem problem = BearerProblem::NoCredentials;
    qsizetype headerCount = 0;
    QByteArray token; ///< only with BearerProblem::None: non-empty, no space or tab
};

/// RFC 6750: where did the client put a token (header, form body, URI query), and is the one
/// Authorization header "Bearer <token>"? authorization holds the value of every Authorization
/// header of the request (the name compared case-insensitively by the caller).
BearerCredentials findBearer(const QList<QByteArray> &authorization, const QUrl &url,
                             const QByteArray &contentType, const QByteArray &body);

enum class BodyProblem {
    None,
    UnsupportedType, ///< 415
    NotJsonObject,   ///< 400: the body does not parse as a JSON object
    MissingField,    ///< 400: a required field is missing, not a string, or blank
    RepeatedField,   ///< 400: the JSON object names a field twice
};

/// The first member name the top-level object of `json` (already parsed as valid JSON by
/// QJsonDocument, which keeps only the last of equal names) has twice, or a null string. Each
/// name is decoded by QJsonDocument too, so "name" and "n\u0061me" are the same. Every JSON
/// body the server reads is refused when it has one. With objectDepth 2, the first name any
/// object of a top-level array has twice (a leak report's items).
QString repeatedMemberName(const QByteArray &json, int objectDepth = 1);

/// POST /api/v1/introspect (RFC 7662 2.1): form-encoded "token=...", or a JSON object.
struct IntrospectRequest
{
    BodyProblem problem = BodyProblem::None;
    QByteArray token; ///< the token to introspect (a secret: wipe it after use)
};
IntrospectRequest parseIntrospectRequest(const QByteArray &contentType, const QByteArray &body);

/// POST /api/v1/mobile/sessions: a JSON object with five non-blank strings.
struct SessionRequest
{
    BodyProblem problem = BodyProblem::None;
    QString field; ///< with MissingField: the first field that is missing; RepeatedField: it
    QString username;
    QString accessCode; ///< a secret: hand it to SecretBytes::fromString, which wipes it
    QString deviceName;
    QString platform;
    QString appVersion;
};
SessionRequest parseSessionRequest(const QByteArray &contentType, const QByteArray &body);
/// The field names of SessionRequest in the JSON body, in the order they are checked.
QStringList sessionRequestFields();

/// A quoted-string for WWW-Authenticate (RFC 9110 5.6.4): quotes, backslashes and control
/// characters become apostrophes.
QByteArray quotedString(const QString &text);

/// ISO 8601 UTC with 'Z' (as Clock::iso), without QDateTime's formatter on the hot path.
QByteArray isoUtc(const QDateTime &t);

/// A JSON object written straight into bytes (the 200 answers are built on every request;
/// QJsonObject + toJson cost more than the verification itself).
class JsonOut
{
public:
    JsonOut();
    JsonOut &str(const char *key, const QString &value);
    JsonOut &latin(const char *key, const QByteArray &value);
    JsonOut &num(const char *key, qint64 value);
    JsonOut &boolean(const char *key, bool value);
    JsonOut &time(const char *key, const QDateTime &t);
    JsonOut &list(const char *key, const QStringList &values);
    QByteArray done();

    /// A JSON string literal of UTF-8 text: quotes, backslashes and controls escaped.
    static QByteArray quote(const QByteArray &utf8);

private:
    JsonOut &raw(const char *key, const QByteArray &value);
    QByteArray m_out;
};

} // namespace td::RequestParse
