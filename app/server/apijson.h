// SPDX-License-Identifier: MIT
#pragma once

// The admin API's JSON: the domain's records as JSON objects (RecordJson, the schemas of
// openapi/tokendesk.yaml), error answers, and strict readers of request bodies and query strings
// that name the first problem (a field missing, of the wrong type, or not known) instead of
// guessing.

#include "httpengine.h"

#include "client/recordjson.h"
#include "core/result.h"
#include "core/types.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

#include <optional>

namespace td::ApiJson {

// The records' JSON (token(), user(), time(), …) is RecordJson's, shared with the console.
using namespace RecordJson;

/// A JSON answer (status 200 unless given).
HttpReply reply(const QJsonObject &body, int status = 200);
/// An error answer: {"error": code, "error_description": text[, "field": field]}.
HttpReply error(int status, const QString &code, const QString &description,
                const QString &field = {});
/// The one mapping of a domain error to its HTTP answer (store errors: 503/500).
HttpReply domainError(const Error &error);
/// The HTTP status of a domain error kind.
int statusFor(Errc code);

/// A request body: a JSON object (Content-Type application/json), read field by field. The
/// first problem is kept; finish() adds one for any field not read. Check ok() (or finish())
/// before acting on anything read.
class Body
{
    Q_DECLARE_TR_FUNCTIONS(td::ApiJson)

public:
    /// An empty body is an empty object when allowEmpty.
    explicit Body(const HttpRequest &request, bool allowEmpty = false);

    QString text(const char *key);                        ///< a required string
    std::optional<QString> optionalText(const char *key); ///< a string, if present
    SecretBytes secret(const char *key);                  ///< a required non-empty string
    std::optional<SecretBytes> optionalSecret(const char *key);
    QStringList texts(const char *key); ///< a required array of strings
    /// A required non-empty array of positive integers (at most 1000).
    QList<qint64> ids(const char *key);
    /// An array of at most 1000 ids, if present (empty when absent or empty).
    QList<qint64> optionalIds(const char *key);
    std::optional<qint64> optionalInteger(const char *key, qint64 min, qint64 max);
    qint64 integer(const char *key, qint64 min, qint64 max); ///< a required whole number
    /// An ISO 8601 time with its zone, if present.
    std::optional<QDateTime> optionalTime(const char *key);
    /// An array of strings each one of `allowed`, if present (empty when absent).
    QStringList optionalChoices(const char *key, const QStringList &allowed);
    bool boolean(const char *key, bool fallback);

    /// 400 for a combination of fields the caller checked (kept if it is the first problem).
    void refuse(const QString &text, const QString &field) { fail(400, text, field); }
    /// True when nothing is wrong so far and every field of the body was read.
    bool finish();
    bool ok() const { return m_status == 0; }
    HttpReply problem() const; ///< the answer for the first problem

private:
    const QJsonValue *find(const char *key);
    void fail(int status, const QString &text, const QString &field = {});
    /// 400: the field is not a whole number within [min, max].
    void failWholeNumber(const char *key, qint64 min, qint64 max);

    QJsonObject m_object;
    QSet<QString> m_read;
    QJsonValue m_current;
    int m_status = 0;
    QString m_text;
    QString m_field;
};

/// A query string read parameter by parameter, as Body: the first problem is kept; finish()
/// adds one for a parameter not read or given twice.
class Query
{
    Q_DECLARE_TR_FUNCTIONS(td::ApiJson)

public:
    explicit Query(const HttpRequest &request);
    QString text(const char *key); ///< empty when absent
    std::optional<qint64> integer(const char *key, qint64 min, qint64 max);
    bool boolean(const char *key, bool fallback);
    std::optional<QDateTime> time(const char *key);
    /// One of `choices`; fallback when absent.
    QString choice(const char *key, const QStringList &choices, const QString &fallback);
    /// A comma-separated list whose items are each one of `choices`.
    QStringList choices(const char *key, const QStringList &choices);
    /// 400 for a combination of parameters the caller checked (kept if it is the first problem).
    void refuse(const QString &text, const QString &field) { fail(text, field); }

    bool finish();
    bool ok() const { return m_status == 0; }
    HttpReply problem() const;

private:
    std::optional<QString> value(const char *key);
    void fail(const QString &text, const QString &field);

    QList<std::pair<QString, QString>> m_items;
    QSet<QString> m_read;
    int m_status = 0;
    QString m_text;
    QString m_field;
};

} // namespace td::ApiJson
