// SPDX-License-Identifier: MIT
// The admin API's lists: API tokens, mobile sessions and the audit log (windows with keyset
// cursors, counts) and the changes to tokens and sessions.
#include "adminapi.h"

#include "apijson.h"
#include "routes.h"

#include <QDateTime>

#include <climits>

namespace td {

using namespace ApiJson;

namespace {

/// The paging of a windowed list: offset, limit, total, afterId, beforeId.
WindowRequest windowRequest(Query &q)
{
    WindowRequest r;
    r.offset = q.integer("offset", 0, qint64(1) << 53).value_or(0);
    r.limit = int(q.integer("limit", 1, 500).value_or(100));
    r.total = q.integer("total", 0, qint64(1) << 53).value_or(-1);
    r.afterId = q.integer("afterId", 1, qint64(1) << 53);
    r.beforeId = q.integer("beforeId", 1, qint64(1) << 53);
    return r;
}

/// {"offset", "total", "rows", "firstId", "lastId"}: afterId=lastId with offset+rows reads on.
template<typename Row>
HttpReply windowReply(const Window<Row> &w, qint64 total, QJsonObject (*toJson)(const Row &))
{
    QJsonArray rows;
    for (const Row &row : w.rows)
        rows.append(toJson(row));
    return reply({
        {QStringLiteral("offset"), w.offset},
        {QStringLiteral("total"), total},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("firstId"),
         w.rows.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(w.rows.first().id)},
        {QStringLiteral("lastId"),
         w.rows.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(w.rows.last().id)},
    });
}

HttpReply countReply(qint64 n)
{
    return reply({{QStringLiteral("count"), n}});
}

HttpReply noContent()
{
    HttpReply r;
    r.status = 204;
    return r;
}

const QStringList Statuses = {QStringLiteral("active"), QStringLiteral("expiring"),
                              QStringLiteral("expired"), QStringLiteral("revoked")};

/// The filters and order of the token list (GET /tokens, /tokens/count, /tokens/{id}/position).
TokenQuery tokenQuery(Query &q)
{
    TokenQuery t;
    t.text = q.text("text");
    for (const QString &s : q.choices("status", Statuses))
        t.statuses << *statusFromName(s);
    t.departmentId = q.integer("departmentId", 1, qint64(1) << 53);
    t.userId = q.integer("userId", 1, qint64(1) << 53);
    const std::optional<qint64> unused = q.integer("unusedDays", 1, TokenQuery::MaxUnusedDays);
    const bool never = q.boolean("neverUsed", false);
    if (never && unused)
        q.refuse(ApiJson::Query::tr("Give either neverUsed or unusedDays, not both."),
                 QStringLiteral("neverUsed"));
    if (never)
        t.unusedDays = TokenQuery::NeverUsed;
    else if (unused)
        t.unusedDays = int(*unused);
    t.expiresFrom = q.time("expiresFrom").value_or(QDateTime());
    t.expiresBefore = q.time("expiresBefore").value_or(QDateTime());
    const QStringList &sorts = RecordJson::tokenSortNames();
    t.sortColumn = TokenColumn(sorts.indexOf(q.choice("sort", sorts, QStringLiteral("created"))));
    t.ascending = q.choice("order", {QStringLiteral("asc"), QStringLiteral("desc")},
                           QStringLiteral("desc")) == QLatin1String("asc");
    return t;
}

SessionQuery sessionQuery(Query &q)
{
    SessionQuery s;
    s.text = q.text("text");
    s.includeEnded = q.boolean("includeEnded", false);
    s.userId = q.integer("userId", 1, qint64(1) << 53);
    return s;
}

AuditQuery auditQuery(Query &q)
{
    AuditQuery a;
    a.actor = q.text("actor");
    a.action = q.text("action");
    a.outcome = q.choice("outcome", auditOutcomes(), QString());
    a.text = q.text("text");
    a.since = q.time("since").value_or(QDateTime());
    a.until = q.time("until").value_or(QDateTime());
    a.newestFirst = q.choice("order", {QStringLiteral("newest"), QStringLiteral("oldest")},
                             QStringLiteral("newest")) == QLatin1String("newest");
    return a;
}

/// A new token from a body; without "username", the caller's own.
NewApiToken newToken(Body &b, const Actor &caller)
{
    NewApiToken t;
    t.name = b.text("name");
    t.description = b.optionalText("description").value_or(QString());
    t.scopes = b.texts("scopes");
    t.username = b.optionalText("username").value_or(caller.username);
    t.department = b.optionalText("department").value_or(QString());
    t.userType = b.optionalText("userType").value_or(QString());
    const QString expires = b.text("expiresAt");
    t.expiresAt = QDateTime::fromString(expires, Qt::ISODateWithMs);
    if (b.ok() && (!t.expiresAt.isValid() || t.expiresAt.timeSpec() == Qt::LocalTime))
        t.expiresAt = QDateTime(); // the domain names the field
    t.longLivedConfirmed = b.boolean("longLivedConfirmed", false);
    return t;
}

} // namespace

// ---- API tokens ----

HttpReply AdminApi::tokens(const Call &c)
{
    Query q(c.request);
    const TokenQuery query = tokenQuery(q);
    WindowRequest w = windowRequest(q);
    if (!q.finish())
        return q.problem();
    if (w.total < 0) {
        auto n = m_domain.tokens.count(c.actor, query);
        if (!n)
            return domainError(n.error());
        w.total = n.value();
    }
    auto r = m_domain.tokens.window(c.actor, query, w);
    if (!r)
        return domainError(r.error());
    return windowReply(r.value(), w.total, ApiJson::token);
}

HttpReply AdminApi::tokenCount(const Call &c)
{
    Query q(c.request);
    TokenQuery query = tokenQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.tokens.count(c.actor, query);
    return n ? countReply(n.value()) : domainError(n.error());
}

HttpReply AdminApi::tokenOwnerCounts(const Call &c)
{
    Query q(c.request);
    TokenQuery query = tokenQuery(q);
    if (!q.finish())
        return q.problem();
    auto r = m_domain.tokens.countByOwner(c.actor, query);
    return r ? reply(RecordJson::tokenOwnerCounts(r.value())) : domainError(r.error());
}

HttpReply AdminApi::tokenPosition(const Call &c)
{
    Query q(c.request);
    TokenQuery query = tokenQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.tokens.position(c.actor, query, c.id);
    return n ? reply({{QStringLiteral("position"), n.value()}}) : domainError(n.error());
}

HttpReply AdminApi::createToken(const Call &c)
{
    Body b(c.request);
    const NewApiToken t = newToken(b, c.actor);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.create(c.actor, t);
    if (!r)
        return domainError(r.error());
    return secretToken(c, r.value(), 201);
}

HttpReply AdminApi::validateToken(const Call &c)
{
    Body b(c.request);
    const NewApiToken t = newToken(b, c.actor);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.validate(c.actor, t);
    return r ? reply({{QStringLiteral("valid"), true},
                      {QStringLiteral("longLived"), TokenService::isLongLived(t.expiresAt)}})
             : domainError(r.error());
}

HttpReply AdminApi::token(const Call &c)
{
    auto t = m_domain.tokens.token(c.actor, c.id);
    return t ? reply(ApiJson::token(t.value())) : domainError(t.error());
}

HttpReply AdminApi::editTokenScopes(const Call &c)
{
    Body b(c.request);
    const QStringList scopes = b.texts("scopes");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.editScopes(c.actor, c.id, scopes);
    if (!r)
        return domainError(r.error());
    return token(c);
}

HttpReply AdminApi::revokeToken(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.revoke(c.actor, {c.id});
    if (!r)
        return domainError(r.error());
    return token(c);
}

HttpReply AdminApi::rotateToken(const Call &c)
{
    Body b(c.request);
    const qint64 overlap = b.integer("overlapSeconds", 0, 7 * 24 * 3600);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.rotate(c.actor, c.id, overlap);
    if (!r)
        return domainError(r.error());
    return secretToken(c, r.value(), 200);
}

HttpReply AdminApi::revokeTokens(const Call &c)
{
    Body b(c.request);
    const QList<qint64> ids = b.ids("ids");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.revoke(c.actor, ids);
    return r ? reply({{QStringLiteral("revoked"), r.value()}}) : domainError(r.error());
}

static HttpReply bulkRevokeReply(const BulkRevoke &r)
{
    return reply({{QStringLiteral("revoked"), r.revoked},
                  {QStringLiteral("alreadyRevoked"), r.alreadyRevoked}});
}

/// The body of revoke-matching and delete-matching: the token list's filters, the ids not to
/// change and the number confirmed.
struct TokenMatching
{
    TokenQuery query;
    QList<qint64> except;
    qint64 confirmed = 0;
};

static TokenMatching tokenMatching(Body &b)
{
    TokenMatching m;
    m.query.text = b.optionalText("text").value_or(QString());
    for (const QString &s : b.optionalChoices("statuses", Statuses))
        m.query.statuses << *statusFromName(s);
    m.query.departmentId = b.optionalInteger("departmentId", 1, qint64(1) << 53);
    m.query.userId = b.optionalInteger("userId", 1, qint64(1) << 53);
    const std::optional<qint64> unused =
        b.optionalInteger("unusedDays", 1, TokenQuery::MaxUnusedDays);
    const bool never = b.boolean("neverUsed", false);
    if (never && unused)
        b.refuse(ApiJson::Body::tr("Give either neverUsed or unusedDays, not both."),
                 QStringLiteral("neverUsed"));
    if (never)
        m.query.unusedDays = TokenQuery::NeverUsed;
    else if (unused)
        m.query.unusedDays = int(*unused);
    m.query.expiresFrom = b.optionalTime("expiresFrom").value_or(QDateTime());
    m.query.expiresBefore = b.optionalTime("expiresBefore").value_or(QDateTime());
    m.except = b.optionalIds("except");
    m.confirmed = b.integer("confirmed", 0, qint64(1) << 53);
    return m;
}

HttpReply AdminApi::revokeMatchingTokens(const Call &c)
{
    Body b(c.request);
    const TokenMatching m = tokenMatching(b);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.revokeMatching(c.actor, m.query, m.except, m.confirmed);
    return r ? bulkRevokeReply(r.value()) : domainError(r.error());
}

HttpReply AdminApi::deleteMatchingTokens(const Call &c)
{
    Body b(c.request);
    const TokenMatching m = tokenMatching(b);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.removeMatching(c.actor, m.query, m.except, m.confirmed);
    if (!r)
        return domainError(r.error());
    return reply(
        {{QStringLiteral("deleted"), r->deleted}, {QStringLiteral("stillValid"), r->stillValid}});
}

HttpReply AdminApi::deleteToken(const Call &c)
{
    auto r = m_domain.tokens.remove(c.actor, {c.id});
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::deleteTokens(const Call &c)
{
    Body b(c.request);
    const QList<qint64> ids = b.ids("ids");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.tokens.remove(c.actor, ids);
    return r ? reply({{QStringLiteral("deleted"), r.value()}}) : domainError(r.error());
}

HttpReply AdminApi::findToken(const Call &c)
{
    Body b(c.request);
    const SecretBytes value = b.secret("value");
    if (!b.finish())
        return b.problem();
    auto t = m_domain.tokens.findByValue(c.actor, value.bytes());
    return t ? reply(ApiJson::token(t.value())) : domainError(t.error());
}

// ---- mobile sessions ----

HttpReply AdminApi::sessions(const Call &c)
{
    Query q(c.request);
    const SessionQuery query = sessionQuery(q);
    WindowRequest w = windowRequest(q);
    if (!q.finish())
        return q.problem();
    if (w.total < 0) {
        auto n = m_domain.sessions.count(c.actor, query);
        if (!n)
            return domainError(n.error());
        w.total = n.value();
    }
    auto r = m_domain.sessions.window(c.actor, query, w);
    if (!r)
        return domainError(r.error());
    return windowReply(r.value(), w.total, ApiJson::session);
}

HttpReply AdminApi::sessionCount(const Call &c)
{
    Query q(c.request);
    const SessionQuery query = sessionQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.sessions.count(c.actor, query);
    return n ? countReply(n.value()) : domainError(n.error());
}

HttpReply AdminApi::session(const Call &c)
{
    auto s = m_domain.sessions.session(c.actor, c.id);
    return s ? reply(ApiJson::session(s.value())) : domainError(s.error());
}

HttpReply AdminApi::sessionPosition(const Call &c)
{
    Query q(c.request);
    const SessionQuery query = sessionQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.sessions.position(c.actor, query, c.id);
    return n ? reply({{QStringLiteral("position"), n.value()}}) : domainError(n.error());
}

HttpReply AdminApi::revokeMatchingSessions(const Call &c)
{
    Body b(c.request);
    SessionQuery q;
    q.text = b.optionalText("text").value_or(QString());
    q.includeEnded = b.boolean("includeEnded", false);
    q.userId = b.optionalInteger("userId", 1, qint64(1) << 53);
    const QList<qint64> except = b.optionalIds("except");
    const qint64 confirmed = b.integer("confirmed", 0, qint64(1) << 53);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.sessions.revokeMatching(c.actor, q, except, confirmed);
    return r ? bulkRevokeReply(r.value()) : domainError(r.error());
}

HttpReply AdminApi::revokeSession(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.sessions.revoke(c.actor, {c.id});
    if (!r)
        return domainError(r.error());
    return session(c);
}

HttpReply AdminApi::revokeSessions(const Call &c)
{
    Body b(c.request);
    const QList<qint64> ids = b.ids("ids");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.sessions.revoke(c.actor, ids);
    return r ? reply({{QStringLiteral("revoked"), r.value()}}) : domainError(r.error());
}

// ---- the audit log ----

HttpReply AdminApi::auditLog(const Call &c)
{
    Query q(c.request);
    const AuditQuery query = auditQuery(q);
    WindowRequest w = windowRequest(q);
    if (!q.finish())
        return q.problem();
    if (w.total < 0) {
        auto n = m_domain.audit.count(c.actor, query);
        if (!n)
            return domainError(n.error());
        w.total = n.value();
    }
    auto r = m_domain.audit.window(c.actor, query, w);
    if (!r)
        return domainError(r.error());
    return windowReply(r.value(), w.total, ApiJson::auditEntry);
}

HttpReply AdminApi::auditCount(const Call &c)
{
    Query q(c.request);
    const AuditQuery query = auditQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.audit.count(c.actor, query);
    return n ? countReply(n.value()) : domainError(n.error());
}

HttpReply AdminApi::overview(const Call &c)
{
    Query q(c.request);
    // Absent: UTC. Any int passes here; the domain says which offsets it takes.
    const qint64 offset = q.integer("utcOffsetMinutes", INT_MIN, INT_MAX).value_or(0);
    if (!q.finish())
        return q.problem();
    auto o = m_domain.overview.read(c.actor, int(offset));
    return o ? reply(RecordJson::overview(o.value())) : domainError(o.error());
}

HttpReply AdminApi::auditPosition(const Call &c)
{
    Query q(c.request);
    const AuditQuery query = auditQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.audit.position(c.actor, query, c.id);
    return n ? reply({{QStringLiteral("position"), n.value()}}) : domainError(n.error());
}

// ---- CSV exports ----

HttpReply AdminApi::tokenExport(const Call &c)
{
    Query q(c.request);
    const TokenQuery query = tokenQuery(q);
    if (!q.finish())
        return q.problem();
    return exportCsv(c, query, "api-tokens.csv");
}

HttpReply AdminApi::sessionExport(const Call &c)
{
    Query q(c.request);
    const SessionQuery query = sessionQuery(q);
    if (!q.finish())
        return q.problem();
    return exportCsv(c, query, "mobile-sessions.csv");
}

HttpReply AdminApi::auditExport(const Call &c)
{
    Query q(c.request);
    const AuditQuery query = auditQuery(q);
    if (!q.finish())
        return q.problem();
    return exportCsv(c, query, "audit-log.csv");
}

HttpReply AdminApi::exportCsv(const Call &c, const ExportQuery &query, const QByteArray &fileName)
{
    if (c.request.version < 11)
        return Routes::needsChunks(); // whatever its size: a client learns it at once
    auto pager = std::make_shared<CsvExport::Pager>(c.actor, query);
    std::shared_ptr<HttpBodyStream> stream;
    if (m_streams && *m_streams)
        stream = (*m_streams)([pager](Domain &domain, bool *last) {
            auto page = pager->next(domain);
            *last = pager->atEnd();
            return page;
        });
    if (!stream)
        return Routes::tooManyExports();
    // The first page here: a refusal (the list's own permission check) is an answer of its own.
    auto first = pager->next(m_domain);
    if (!first)
        return domainError(first.error());
    HttpReply r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplaceBack("Content-Disposition", "attachment; filename=\"" + fileName + '"');
    r.body = first.value();
    if (!pager->atEnd())
        r.stream = std::move(stream);
    return r;
}

} // namespace td
