// SPDX-License-Identifier: MIT
#pragma once

// The admin API's records as JSON (the schemas of openapi/tokendesk.yaml), in one spelling for
// both ends: the server writes them, the console's HttpBackend reads them back. The readers are
// strict: a missing or mistyped field is an error that names it, never a default. Error answers
// ({"error", "error_description", "field"}) and their mapping to the domain's Errc live here too.

#include "core/overview.h"
#include "core/result.h"
#include "core/types.h"
#include "core/webhook.h"
#include "store/sqlwindow.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace td::RecordJson {

// ---- writers ----
QJsonValue time(const QDateTime &t); ///< ISO 8601 UTC, or null when invalid
QJsonObject token(const ApiToken &t);
QJsonObject session(const MobileSession &s);
QJsonObject user(const User &u);
QJsonObject department(const Department &d);
QJsonObject userType(const UserType &t);
QJsonObject auditEntry(const AuditEntry &e);
QJsonObject consoleSignIn(const ConsoleSignIn &s, qint64 nowMs);
QJsonObject settings(const StoreSettings &s);
QJsonObject tenant(const Tenant &t);
QJsonObject disableResult(const DisableResult &r);
QJsonObject tokenOwnerCounts(const TokenOwnerCounts &c);
QJsonObject overview(const Overview &o);
QJsonObject webhook(const Webhook &w);
QJsonObject webhookDelivery(const WebhookDelivery &d);

// ---- readers: the first missing or mistyped field is the error (Errc::Internal) ----
Result<QDateTime> time(const QJsonValue &v); ///< an ISO 8601 time with its zone, or null
Result<ApiToken> token(const QJsonObject &o);
Result<MobileSession> session(const QJsonObject &o);
Result<User> user(const QJsonObject &o);
Result<Department> department(const QJsonObject &o);
Result<UserType> userType(const QJsonObject &o);
Result<AuditEntry> auditEntry(const QJsonObject &o);
Result<ConsoleSignIn> consoleSignIn(const QJsonObject &o);
Result<StoreSettings> settings(const QJsonObject &o);
Result<Tenant> tenant(const QJsonObject &o);
Result<DisableResult> disableResult(const QJsonObject &o);
Result<TokenOwnerCounts> tokenOwnerCounts(const QJsonObject &o);
Result<Overview> overview(const QJsonObject &o);
Result<Webhook> webhook(const QJsonObject &o);
Result<WebhookDelivery> webhookDelivery(const QJsonObject &o);
/// A whole number field of an answer ({"count": n}, {"position": n}, {"revoked": n}).
Result<qint64> integer(const QJsonObject &o, const char *key);

/// A windowed list: {"offset", "total", "rows", "firstId", "lastId"}, each row read by `row`.
template<typename Row>
Result<Window<Row>> window(const QJsonObject &o, Result<Row> (*row)(const QJsonObject &));
/// {"rows": [...]}, each row read by `row`.
template<typename Row>
Result<QList<Row>> rows(const QJsonObject &o, Result<Row> (*row)(const QJsonObject &));

/// The token list's "sort" names, in the order of TokenColumn.
const QStringList &tokenSortNames();

// ---- errors ----
/// The answer's "error" code of a domain error kind ("invalid_request", "forbidden", …).
QString errorCode(Errc code);
/// The HTTP status of a domain error kind.
int httpStatus(Errc code);
/// {"error": code, "error_description": text[, "field": field]} of a domain error.
QJsonObject error(const Error &e);
/// The domain error an error answer stands for: its Errc (from the code, else the status),
/// message, field, and with 429 the Retry-After seconds.
Error readError(int status, const QJsonObject &body, int retryAfterSeconds);

/// The error of an answer that does not have the shape of its schema.
Error notUnderstood(const QString &what);

namespace detail {
Error rowProblem(const char *list, qsizetype index, const Error &inner);
Result<QJsonArray> array(const QJsonObject &o, const char *key);
} // namespace detail

template<typename Row>
Result<QList<Row>> rows(const QJsonObject &o, Result<Row> (*row)(const QJsonObject &))
{
    auto list = detail::array(o, "rows");
    if (!list)
        return list.error();
    QList<Row> out;
    out.reserve(list->size());
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QJsonValue v = list->at(i);
        if (!v.isObject())
            return detail::rowProblem("rows", i, notUnderstood(QStringLiteral("not an object")));
        auto r = row(v.toObject());
        if (!r)
            return detail::rowProblem("rows", i, r.error());
        out << std::move(r.value());
    }
    return out;
}

template<typename Row>
Result<Window<Row>> window(const QJsonObject &o, Result<Row> (*row)(const QJsonObject &))
{
    auto offset = integer(o, "offset");
    if (!offset)
        return offset.error();
    if (auto total = integer(o, "total"); !total)
        return total.error();
    auto list = rows(o, row);
    if (!list)
        return list.error();
    Window<Row> w;
    w.offset = offset.value();
    w.rows = std::move(list.value());
    return w;
}

} // namespace td::RecordJson
