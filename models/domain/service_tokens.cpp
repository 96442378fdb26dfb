// SPDX-License-Identifier: MIT
// API tokens: create, edit scope, revoke, delete, list; the personal token of Manage Tokens.
#include "service_p.h"

#include "core/permissions.h"
#include "domain/tokensearch.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"
#include "security/tokencodec.h"
#include "store/sqlwindow.h"

#include <QRegularExpression>

namespace td {

using namespace detail;

namespace {
constexpr int LongLivedDays = 365; // "over 12 months asks for a deliberate confirmation"
constexpr qint64 LatestExpiryMs = 253402300799999; // 9999-12-31T23:59:59.999Z
constexpr qsizetype IdChunk = 500;
const QString PersonalTokenName = QStringLiteral("Personal API token");
} // namespace

QStringList Service::normalizeScopes(const QStringList &scopes)
{
    QSet<QString> wanted;
    for (const QString &raw : scopes) {
        const QString s = raw.trimmed().toLower();
        if (s.isEmpty())
            continue;
        if (!isScope(s))
            fail(Errc::InvalidArgument,
                 tr("Unknown scope \"%1\" (known scopes: %2).")
                     .arg(raw.trimmed(), Scope::all().join(QLatin1String(", "))),
                 QStringLiteral("scopes"));
        wanted.insert(s);
    }
    if (wanted.isEmpty())
        fail(Errc::InvalidArgument, tr("Choose at least one scope."), QStringLiteral("scopes"));
    QStringList ordered; // catalog order, so "collection,device" is always written the same way
    for (const QString &s : Scope::all())
        if (wanted.contains(s))
            ordered << s;
    return ordered;
}

QString Service::tokenTarget(const ApiToken &t) const
{
    return QStringLiteral("token #%1 \"%2\" (%3) of %4").arg(t.id).arg(t.name, t.hint, t.username);
}

Service::NewTokenPlan Service::planToken(const Actor &live, const NewApiToken &r)
{
    NewTokenPlan p;
    p.name = r.name.trimmed();
    if (QString why = checkName(p.name, tr("token name")); !why.isEmpty())
        fail(Errc::InvalidArgument, why, QStringLiteral("name"));
    p.description = r.description.trimmed();
    if (QString why = checkFreeText(p.description, DescriptionMaxLength, true); !why.isEmpty())
        fail(Errc::InvalidArgument, why, QStringLiteral("description"));
    p.scopes = normalizeScopes(r.scopes);

    if (r.username.trimmed().isEmpty())
        fail(Errc::InvalidArgument, tr("Select the user the token acts for."),
             QStringLiteral("user"));
    const auto user = findUser(CredentialPolicy::canonicalUsername(r.username));
    if (!user)
        fail(Errc::NotFound, tr("There is no user \"%1\".").arg(r.username.trimmed()),
             QStringLiteral("user"));
    if (!user->user.enabled())
        fail(Errc::Conflict, tr("The user %1 is disabled.").arg(user->user.username),
             QStringLiteral("user"));
    p.userId = user->user.id;
    p.username = user->user.username;

    const bool own = live.isPerson() && live.userId == p.userId;
    if (!live.can(Permission::TokensManageAll)) {
        if (!own)
            require(live, Permission::TokensManageAll, tr("create tokens for other users"));
        require(live, Permission::TokensManageOwn, tr("create API tokens"));
    }
    p.departmentId = r.department.trimmed().isEmpty()
                         ? user->user.departmentId
                         : departmentIdByName(r.department, QStringLiteral("department"));
    p.userTypeId = r.userType.trimmed().isEmpty()
                       ? user->user.userTypeId
                       : userTypeIdByName(r.userType, QStringLiteral("userType"));
    if ((p.departmentId != user->user.departmentId || p.userTypeId != user->user.userTypeId) &&
        !live.can(Permission::TokensManageAll))
        fail(Errc::PermissionDenied,
             tr("Only an administrator may bind a token to another department or user type."),
             QStringLiteral("department"));

    // A scope the user type does not grant would be dead weight; refuse it while the person
    // creating the token can still see why.
    const QStringList granted = userTypePermissions(p.userTypeId);
    const QString typeName =
        m_store.scalar(QStringLiteral("SELECT name FROM user_types WHERE id = ?"), {p.userTypeId})
            .toString();
    for (const QString &s : p.scopes)
        if (!granted.contains(s))
            fail(Errc::InvalidArgument,
                 tr("The user type %1 does not grant the scope \"%2\".").arg(typeName, s),
                 QStringLiteral("scopes"));

    const qint64 now = Clock::nowMs();
    if (!r.expiresAt.isValid())
        fail(Errc::InvalidArgument, tr("Choose an expiry date."), QStringLiteral("expires"));
    p.expiresAtMs = r.expiresAt.toMSecsSinceEpoch();
    // ISO 8601 (and every export and JSON answer) writes four-digit years.
    if (p.expiresAtMs > LatestExpiryMs)
        fail(Errc::InvalidArgument, tr("The expiry date must be on or before 9999-12-31 (UTC)."),
             QStringLiteral("expires"));
    if (p.expiresAtMs <= now + 60 * 1000)
        fail(Errc::InvalidArgument, tr("The expiry date must be in the future."),
             QStringLiteral("expires"));
    const StoreSettings settings = loadSettings();
    if (settings.maxTokenLifetimeDays > 0 &&
        p.expiresAtMs > now + settings.maxTokenLifetimeDays * DayMs)
        fail(Errc::InvalidArgument,
             tr("Tokens may live at most %n day(s) (store setting).", nullptr,
                settings.maxTokenLifetimeDays),
             QStringLiteral("expires"));
    if (p.expiresAtMs > now + LongLivedDays * DayMs + DayMs && !r.longLivedConfirmed)
        fail(Errc::InvalidArgument,
             tr("The expiry is more than 12 months away; confirm that a token this long-lived is "
                "needed."),
             QStringLiteral("expires"));

    if (m_store
            .scalar(QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? AND name = ? AND "
                                   "revoked_at IS NULL"),
                    {p.userId, p.name})
            .isValid())
        fail(Errc::AlreadyExists,
             tr("%1 already has a token named \"%2\"; choose another name or revoke that token "
                "first.")
                 .arg(p.username, p.name),
             QStringLiteral("name"));
    return p;
}

qint64 Service::insertToken(const Actor &live, const NewTokenPlan &p, const QByteArray &hash,
                            const QString &hint, bool personal)
{
    const qint64 now = Clock::nowMs();
    // The user, department and user type names are copied into the row for sorting (migration 2).
    const qint64 id = m_store.insert(
        QStringLiteral("INSERT INTO api_tokens (token_hash, hint, name, description, scope_list, "
                       "user_id, department_id, user_type_id, personal, created_at, created_by, "
                       "expires_at, user_name, department_name, user_type_name) VALUES (?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT name FROM departments WHERE id = ?), "
                       "(SELECT name FROM user_types WHERE id = ?))"),
        {hash, hint, p.name, p.description, p.scopes.join(QLatin1Char(',')), p.userId,
         p.departmentId, p.userTypeId, personal ? 1 : 0, now, live.label, p.expiresAtMs, p.username,
         p.departmentId, p.userTypeId});
    for (const QString &s : p.scopes)
        m_store.run(QStringLiteral("INSERT INTO api_token_scopes (token_id, scope) VALUES (?, ?)"),
                    {id, s});
    TokenSearch::add(m_store, id, p.name, hint, p.username, p.description);
    return id;
}

Result<void> Service::validateNewToken(const Actor &actor, const NewApiToken &request)
{
    return m_store.read([&] { (void)planToken(liveActor(actor), request); });
}

Result<CreatedToken> Service::createApiToken(const Actor &actor, const NewApiToken &request)
{
    const QString target = QStringLiteral("token \"%1\" for %2")
                               .arg(request.name.trimmed(), request.username.trimmed());
    return denyAudited(actor, QStringLiteral("token.create"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        const NewTokenPlan plan = planToken(live, request);
        CreatedToken created;
        created.secret = TokenCodec::generate(TokenKind::Api);
        created.hint = TokenCodec::hint(created.secret.bytes());
        created.expiresAt = Clock::fromMs(plan.expiresAtMs);
        created.id = insertToken(live, plan, TokenCodec::lookupHash(created.secret.bytes()),
                                 created.hint, false);
        audit(live, QStringLiteral("token.create"),
              QStringLiteral("token #%1 \"%2\" (%3) of %4")
                  .arg(created.id)
                  .arg(plan.name, created.hint, plan.username),
              QStringLiteral("success"),
              QStringLiteral("scopes %1; expires %2")
                  .arg(plan.scopes.join(QLatin1Char(',')), Clock::iso(created.expiresAt)));
        return created;
    }));
}

ApiToken Service::loadToken(const Actor &live, qint64 id)
{
    const StoreSettings s = loadSettings();
    QSqlQuery q = m_store.run(
        QStringLiteral("SELECT ") + tokenColumns() + QStringLiteral(" WHERE t.id = ?"), {id});
    if (!q.next())
        fail(Errc::NotFound, tr("There is no API token with id %1.").arg(id),
             QStringLiteral("token"));
    ApiToken t = readToken(q, Clock::nowMs(), s.expiringSoonDays);
    const bool own = live.isPerson() && live.userId == t.userId;
    if (!own && !live.can(Permission::TokensViewAll) && !live.can(Permission::TokensManageAll))
        // Same words as a missing token: a Standard user learns nothing about others' tokens.
        fail(Errc::NotFound, tr("There is no API token with id %1.").arg(id),
             QStringLiteral("token"));
    return t;
}

void Service::checkTokenWrite(const Actor &live, const ApiToken &t, const QString &what)
{
    if (live.can(Permission::TokensManageAll))
        return;
    const bool own = live.isPerson() && live.userId == t.userId;
    if (!own)
        require(live, Permission::TokensManageAll, what);
    // One's own tokens: manage_own, or reset_own for the personal token.
    if (!(live.can(Permission::TokensManageOwn) ||
          (t.personal && live.can(Permission::TokensResetOwn))))
        require(live, Permission::TokensManageOwn, what);
}

Result<void> Service::editTokenScopes(const Actor &actor, qint64 tokenId, const QStringList &scopes)
{
    const QString target = QStringLiteral("token #%1").arg(tokenId);
    return denyAudited(actor, QStringLiteral("token.edit_scope"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        const ApiToken t = loadToken(live, tokenId);
        checkTokenWrite(live, t, tr("edit this token"));
        if (t.status == TokenStatus::Revoked)
            fail(Errc::Conflict,
                 tr("The token \"%1\" is revoked; its scope can no longer change.").arg(t.name));
        if (t.status == TokenStatus::Expired)
            fail(Errc::Conflict,
                 tr("The token \"%1\" has expired; its scope can no longer change.").arg(t.name));
        const QStringList wanted = normalizeScopes(scopes);
        const QStringList granted = userTypePermissions(t.userTypeId);
        for (const QString &s : wanted)
            if (!granted.contains(s))
                fail(Errc::InvalidArgument,
                     tr("The user type %1 does not grant the scope \"%2\".").arg(t.userType, s),
                     QStringLiteral("scopes"));
        if (wanted == t.scopes)
            return; // nothing to change, nothing to audit
        m_store.run(QStringLiteral("DELETE FROM api_token_scopes WHERE token_id = ?"), {tokenId});
        for (const QString &s : wanted)
            m_store.run(
                QStringLiteral("INSERT INTO api_token_scopes (token_id, scope) VALUES (?, ?)"),
                {tokenId, s});
        m_store.run(QStringLiteral("UPDATE api_tokens SET scope_list = ? WHERE id = ?"),
                    {wanted.join(QLatin1Char(',')), tokenId});
        audit(live, QStringLiteral("token.edit_scope"), tokenTarget(t), QStringLiteral("success"),
              QStringLiteral("scopes %1 → %2")
                  .arg(t.scopes.join(QLatin1Char(',')), wanted.join(QLatin1Char(','))));
    }));
}

Result<int> Service::revokeTokens(const Actor &actor, const QList<qint64> &tokenIds)
{
    QList<qint64> ids;
    for (qint64 id : tokenIds)
        if (!ids.contains(id))
            ids << id;
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No token was selected."), QStringLiteral("tokens"));
    const QString target = ids.size() == 1 ? QStringLiteral("token #%1").arg(ids.first())
                                           : QStringLiteral("%1 tokens").arg(ids.size());
    return denyAudited(actor, QStringLiteral("token.revoke"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        const qint64 now = Clock::nowMs();
        QList<ApiToken> tokens;
        tokens.reserve(ids.size());
        for (qint64 id : ids) {
            ApiToken t = loadToken(live, id);
            checkTokenWrite(live, t, tr("revoke this token"));
            if (t.status == TokenStatus::Revoked)
                fail(Errc::Conflict,
                     tr("The token #%1 \"%2\" is already revoked.").arg(id).arg(t.name),
                     QStringLiteral("tokens"));
            tokens << t;
        }
        for (qsizetype i = 0; i < ids.size(); i += IdChunk) {
            const QList<qint64> chunk = ids.mid(i, IdChunk);
            QVariantList binds = {now, live.label};
            for (qint64 id : chunk)
                binds << id;
            m_store.run(QStringLiteral("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE "
                                       "revoked_at IS NULL AND id IN (%1)")
                            .arg(placeholders(chunk.size())),
                        binds, "revoking tokens");
        }
        for (const ApiToken &t : tokens)
            audit(live, QStringLiteral("token.revoke"), tokenTarget(t), QStringLiteral("success"),
                  tokens.size() > 1 ? QStringLiteral("bulk revoke of %1 tokens").arg(tokens.size())
                                    : QString());
        return int(tokens.size());
    }));
}

Result<int> Service::deleteTokens(const Actor &actor, const QList<qint64> &tokenIds)
{
    QList<qint64> ids;
    for (qint64 id : tokenIds)
        if (!ids.contains(id))
            ids << id;
    if (ids.isEmpty())
        return Error(Errc::InvalidArgument, tr("No token was selected."), QStringLiteral("tokens"));
    const QString target = ids.size() == 1 ? QStringLiteral("token #%1").arg(ids.first())
                                           : QStringLiteral("%1 tokens").arg(ids.size());
    return denyAudited(actor, QStringLiteral("token.delete"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        require(live, Permission::TokensManageAll, tr("delete tokens"));
        QList<ApiToken> tokens;
        for (qint64 id : ids) {
            ApiToken t = loadToken(live, id);
            if (t.status != TokenStatus::Revoked && t.status != TokenStatus::Expired)
                fail(Errc::Conflict,
                     tr("The token #%1 \"%2\" is still valid; revoke it before deleting it.")
                         .arg(id)
                         .arg(t.name),
                     QStringLiteral("tokens"));
            tokens << t;
        }
        for (qsizetype i = 0; i < ids.size(); i += IdChunk) {
            const QList<qint64> chunk = ids.mid(i, IdChunk);
            TokenSearch::remove(m_store, chunk);
            QVariantList binds;
            for (qint64 id : chunk)
                binds << id;
            m_store.run(QStringLiteral("DELETE FROM api_token_scopes WHERE token_id IN (%1)")
                            .arg(placeholders(chunk.size())),
                        binds);
            m_store.run(QStringLiteral("DELETE FROM api_tokens WHERE id IN (%1)")
                            .arg(placeholders(chunk.size())),
                        binds, "deleting tokens");
        }
        for (const ApiToken &t : tokens)
            audit(live, QStringLiteral("token.delete"), tokenTarget(t), QStringLiteral("success"),
                  QStringLiteral("was %1").arg(statusName(t.status)));
        return int(tokens.size());
    }));
}

Result<ApiToken> Service::token(const Actor &actor, qint64 tokenId)
{
    return m_store.read([&] { return loadToken(liveActor(actor), tokenId); });
}

namespace {

struct TokenOrder
{
    QStringList keys;
    const char *sqliteIndex;
};

/// The ORDER BY keys of each column and the index (migration 2) that delivers them.
TokenOrder tokenOrder(TokenColumn column)
{
    const QString created = QStringLiteral("t.created_at");
    switch (column) {
    case TokenColumn::Name:
        return {{QStringLiteral("t.name")}, "api_tokens_name"};
    case TokenColumn::Hint:
        return {{QStringLiteral("t.hint")}, "api_tokens_hint"};
    case TokenColumn::Scopes:
        return {{QStringLiteral("t.scope_list"), created}, "api_tokens_scope_list"};
    case TokenColumn::User:
        return {{QStringLiteral("t.user_name"), created}, "api_tokens_user_name"};
    case TokenColumn::Department:
        return {{QStringLiteral("t.department_name"), created}, "api_tokens_department_name"};
    case TokenColumn::UserType:
        return {{QStringLiteral("t.user_type_name"), created}, "api_tokens_user_type_name"};
    case TokenColumn::Created:
        return {{created}, "api_tokens_created"};
    case TokenColumn::Expires:
        return {{QStringLiteral("t.expires_at")}, "api_tokens_expires"};
    case TokenColumn::LastUsed:
        return {{QStringLiteral("t.last_used_key"), created}, "api_tokens_last_used"};
    case TokenColumn::Status:
        return {{QStringLiteral("t.status_key")}, "api_tokens_status"};
    case TokenColumn::Id:
        break;
    }
    return {{}, ""};
}

} // namespace

WindowedSelect Service::tokenSelect(const Actor &live, const TokenQuery &q, qint64 now,
                                    int soonDays)
{
    WindowedSelect sel;
    sel.from = QStringLiteral("api_tokens t");
    sel.id = QStringLiteral("t.id");
    if (!live.can(Permission::TokensViewAll) && !live.can(Permission::TokensManageAll)) {
        sel.conditions << QStringLiteral("t.user_id = ?");
        sel.binds << live.userId;
    }
    if (q.userId) {
        sel.conditions << QStringLiteral("t.user_id = ?");
        sel.binds << *q.userId;
    }
    if (q.departmentId) {
        sel.conditions << QStringLiteral("t.department_id = ?");
        sel.binds << *q.departmentId;
    }
    if (!q.statuses.isEmpty()) {
        // Each status is a range of status_key (migration 2): -expires_at while not revoked
        // (expires_at > 0), 9e15 - expires_at once revoked; so one index answers them all.
        QStringList parts;
        const qint64 soon = now + soonDays * DayMs;
        for (TokenStatus s : q.statuses) {
            switch (s) {
            case TokenStatus::Revoked:
                parts << QStringLiteral("t.status_key > 0");
                break;
            case TokenStatus::Expired: // not revoked, expires_at <= now
                parts << QStringLiteral("(t.status_key >= ? AND t.status_key < 0)");
                sel.binds << -now;
                break;
            case TokenStatus::ExpiringSoon: // not revoked, now < expires_at <= soon
                parts << QStringLiteral("(t.status_key >= ? AND t.status_key < ?)");
                sel.binds << -soon << -now;
                break;
            case TokenStatus::Active: // not revoked, expires_at > soon
                parts << QStringLiteral("t.status_key < ?");
                sel.binds << -soon;
                break;
            }
        }
        sel.conditions << parts.join(QLatin1String(" OR "));
    }
    QString text = q.text.trimmed();
    text.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]")));
    if (!text.isEmpty()) {
        if (TokenSearch::maintainedByCode(m_store) && TokenSearch::indexable(text)) {
            sel.idSet = QStringLiteral("SELECT rowid FROM api_tokens_search WHERE "
                                       "api_tokens_search MATCH ?");
            sel.idSetBinds << TokenSearch::matchPhrase(text);
        } else {
            const QString like = QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
            if (m_store.isSqlite()) {
                // Fewer than three characters: the trigram index cannot help; scan.
                sel.conditions << QStringLiteral(
                    "t.name LIKE ? ESCAPE '\\' OR t.hint LIKE ? ESCAPE '\\' OR "
                    "t.user_name LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\'");
                sel.binds << like << like << like << like;
            } else {
                // The pg_trgm index of migration 2 covers exactly this expression.
                sel.conditions << TokenSearch::textExpression(QStringLiteral("t")) +
                                      QStringLiteral(" ILIKE ? ESCAPE '\\'");
                sel.binds << like;
                sel.textSearch = true;
            }
        }
    }
    const TokenOrder order = tokenOrder(q.sortColumn);
    sel.keys = order.keys;
    sel.sqliteOrderIndex = QString::fromLatin1(order.sqliteIndex);
    sel.ascending = q.ascending;
    return sel;
}

qint64 Service::countSelected(const WindowedSelect &sel)
{
    // Only a text filter: the FTS5 table counts its matches without touching the tokens.
    if (sel.conditions.isEmpty() && !sel.idSet.isEmpty())
        return m_store
            .scalar(QStringLiteral("SELECT COUNT(*) FROM (") + sel.idSet + QLatin1Char(')'),
                    sel.idSetBinds)
            .toLongLong();
    return SqlWindow::count(m_store, sel);
}

Result<QList<ApiToken>> Service::tokens(const Actor &actor, const TokenQuery &query)
{
    QList<ApiToken> out;
    auto r = visitTokens(actor, query, [&](const ApiToken &t) {
        out << t;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<qint64> Service::visitTokens(const Actor &actor, const TokenQuery &query,
                                    const std::function<bool(const ApiToken &)> &visit)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings s = loadSettings();
        const qint64 now = Clock::nowMs();
        const WindowedSelect sel = tokenSelect(live, query, now, s.expiringSoonDays);
        QString sql = QStringLiteral("SELECT ") + tokenColumns();
        QStringList where = sel.conditions;
        QVariantList binds = sel.binds;
        if (!sel.idSet.isEmpty()) {
            where << QStringLiteral("t.id IN (") + sel.idSet + QLatin1Char(')');
            binds += sel.idSetBinds;
        }
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE (") + where.join(QLatin1String(") AND (")) +
                   QLatin1Char(')');
        const QString dir = query.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
        QStringList order;
        for (const QString &k : sel.keys)
            order << k + dir;
        order << QStringLiteral("t.id") + dir;
        sql += QStringLiteral(" ORDER BY ") + order.join(QLatin1String(", "));
        if (query.limit > 0) {
            sql += QStringLiteral(" LIMIT ? OFFSET ?");
            binds << query.limit << query.offset;
        }
        QSqlQuery q = m_store.run(sql, binds, "listing tokens");
        qint64 n = 0;
        while (q.next()) {
            ++n;
            if (!visit(readToken(q, now, s.expiringSoonDays)))
                break;
        }
        return n;
    });
}

Result<qint64> Service::countTokens(const Actor &actor, const TokenQuery &query)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings s = loadSettings();
        return countSelected(tokenSelect(live, query, Clock::nowMs(), s.expiringSoonDays));
    });
}

Result<Window<ApiToken>> Service::tokenWindow(const Actor &actor, const TokenQuery &query,
                                              const WindowRequest &request)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings s = loadSettings();
        const qint64 now = Clock::nowMs();
        WindowedSelect sel = tokenSelect(live, query, now, s.expiringSoonDays);
        WindowRequest r = request;
        if (r.total < 0)
            r.total = countSelected(sel);
        if (!sel.conditions.isEmpty() || !sel.idSet.isEmpty())
            sel.tableRows =
                m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM api_tokens"))
                    .toLongLong();
        return readWindow<ApiToken>(
            m_store, SqlWindow::ids(m_store, sel, r), r.offset, tokenColumns(),
            QStringLiteral("t.id"), "reading tokens",
            [&](const QSqlQuery &q) { return readToken(q, now, s.expiringSoonDays); });
    });
}

Result<qint64> Service::tokenPosition(const Actor &actor, const TokenQuery &query, qint64 tokenId)
{
    return m_store.read([&] {
        const Actor live = liveActor(actor);
        const StoreSettings s = loadSettings();
        return SqlWindow::position(
            m_store, tokenSelect(live, query, Clock::nowMs(), s.expiringSoonDays), tokenId);
    });
}

// ---- the personal token ----------------------------------------------------------------------

Result<std::optional<ApiToken>> Service::personalToken(const Actor &actor, qint64 userId)
{
    return m_store.read([&]() -> std::optional<ApiToken> {
        const Actor live = liveActor(actor);
        if (!(live.isPerson() && live.userId == userId))
            require(live, Permission::TokensViewAll, tr("see other users' tokens"));
        const QVariant id =
            m_store.scalar(QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? "
                                          "AND personal = 1 AND revoked_at IS NULL "
                                          "ORDER BY id DESC LIMIT 1"),
                           {userId});
        if (!id.isValid())
            return std::nullopt;
        return loadToken(live, id.toLongLong());
    });
}

Result<CreatedToken> Service::resetPersonalToken(const Actor &actor, qint64 userId,
                                                 const SecretBytes &currentAccessCode,
                                                 const SecretBytes *newAccessCode, int newAgeDays)
{
    auto row = m_store.read([&] {
        const Actor live = liveActor(actor);
        if (live.isPerson() && live.userId != userId)
            fail(Errc::PermissionDenied,
                 tr("Only %1 can reset their own API token.").arg(loadUser(userId).user.username));
        if (live.isPerson())
            require(live, Permission::TokensResetOwn, tr("reset your API token"));
        return loadUser(userId);
    });
    if (!row)
        return denyAudited(actor, QStringLiteral("token.reset"),
                           QStringLiteral("personal token of user #%1").arg(userId),
                           Result<CreatedToken>(row.error()));
    const User u = row->user;
    const QString target = QStringLiteral("personal token of %1").arg(u.username);

    // The new access code is checked before anything else so that a typo costs nothing.
    QByteArray newHash;
    if (newAccessCode) {
        if (QString why = CredentialPolicy::checkAccessCode(*newAccessCode, u.username);
            !why.isEmpty())
            return Error(Errc::InvalidArgument, why, QStringLiteral("accessCode"));
        if (!CredentialPolicy::isValidAccessCodeAge(newAgeDays))
            return Error(Errc::InvalidArgument,
                         tr("The access code age must be 30, 60, 90, 180 or 365 days, or never."),
                         QStringLiteral("age"));
    }
    if (u.hasAccessCode) {
        auto ok = checkCredential(true, u.username, currentAccessCode, actor.address,
                                  QStringLiteral("token.reset"));
        if (!ok) {
            if (ok.code() == Errc::AuthenticationFailed)
                return Error(Errc::AuthenticationFailed, tr("The current access code is wrong."),
                             QStringLiteral("currentAccessCode"));
            return ok.error();
        }
        if (u.accessCodeExpiresAt.isValid() && u.accessCodeExpiresAt <= Clock::now() &&
            !newAccessCode)
            return Error(Errc::CredentialExpired,
                         tr("Your access code has expired; set a new access code to generate a "
                            "token."),
                         QStringLiteral("accessCode"));
    } else if (!newAccessCode) {
        return Error(Errc::InvalidArgument,
                     tr("%1 has no access code yet: set a new access code first.").arg(u.username),
                     QStringLiteral("accessCode"));
    }
    if (newAccessCode)
        newHash = PasswordHasher::hash(CredentialPolicy::normalize(*newAccessCode));

    return denyAudited(actor, QStringLiteral("token.reset"), target, m_store.write([&] {
        const Actor live = liveActor(actor);
        const UserRow current = loadUser(userId);
        if (!current.user.enabled())
            fail(Errc::Conflict, tr("The user %1 is disabled.").arg(current.user.username));
        const qint64 now = Clock::nowMs();
        qint64 accessExpires = current.user.accessCodeExpiresAt.isValid()
                                   ? current.user.accessCodeExpiresAt.toMSecsSinceEpoch()
                                   : 0;
        if (newAccessCode) {
            accessExpires = newAgeDays > 0 ? now + newAgeDays * DayMs : 0;
            m_store.run(
                QStringLiteral("UPDATE users SET access_code_hash = ?, access_code_set_at = ?, "
                               "access_code_expires_at = ? WHERE id = ?"),
                {QString::fromLatin1(newHash), now,
                 accessExpires > 0 ? QVariant(accessExpires)
                                   : QVariant(QMetaType::fromType<qint64>()),
                 userId});
            audit(live, QStringLiteral("access_code.set"),
                  QStringLiteral("user #%1 %2").arg(userId).arg(current.user.username),
                  QStringLiteral("success"),
                  newAgeDays > 0 ? QStringLiteral("age %1 days").arg(newAgeDays)
                                 : QStringLiteral("age never"));
        }
        // Revoke the old personal token(s) first: the name is unique among live tokens.
        QStringList revoked;
        QSqlQuery q =
            m_store.run(QStringLiteral("SELECT id, hint FROM api_tokens WHERE user_id = ? AND "
                                       "personal = 1 AND revoked_at IS NULL"),
                        {userId});
        QList<qint64> oldIds;
        while (q.next()) {
            oldIds << q.value(0).toLongLong();
            revoked << QStringLiteral("#%1 (%2)")
                           .arg(q.value(0).toLongLong())
                           .arg(q.value(1).toString());
        }
        q.finish();
        for (qint64 id : oldIds)
            m_store.run(
                QStringLiteral("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?"),
                {now, live.label, id});

        NewTokenPlan plan;
        plan.name = PersonalTokenName;
        plan.userId = userId;
        plan.username = current.user.username;
        plan.departmentId = current.user.departmentId;
        plan.userTypeId = current.user.userTypeId;
        const QStringList granted = userTypePermissions(plan.userTypeId);
        for (const QString &s : Scope::all())
            if (granted.contains(s))
                plan.scopes << s;
        if (plan.scopes.isEmpty())
            fail(Errc::Conflict, tr("The user type %1 grants no API scope, so a personal token "
                                    "would be useless.")
                                     .arg(current.user.userType));
        // The personal token lives as long as the access code (a year when that never expires),
        // and never beyond the store's maximum lifetime.
        qint64 expires = accessExpires > now ? accessExpires : now + 365 * DayMs;
        const StoreSettings s = loadSettings();
        if (s.maxTokenLifetimeDays > 0)
            expires = std::min(expires, now + s.maxTokenLifetimeDays * DayMs);
        plan.expiresAtMs = expires;
        plan.description = QStringLiteral("Personal token generated with Save and Generate.");
        if (m_store
                .scalar(
                    QStringLiteral("SELECT id FROM api_tokens WHERE user_id = ? AND name = ? AND "
                                   "revoked_at IS NULL"),
                    {userId, plan.name})
                .isValid())
            fail(Errc::AlreadyExists,
                 tr("Another live token of %1 is named \"%2\"; rename or revoke it first.")
                     .arg(plan.username, plan.name));

        CreatedToken created;
        created.secret = TokenCodec::generate(TokenKind::Api);
        created.hint = TokenCodec::hint(created.secret.bytes());
        created.expiresAt = Clock::fromMs(expires);
        created.id = insertToken(live, plan, TokenCodec::lookupHash(created.secret.bytes()),
                                 created.hint, true);
        audit(live, QStringLiteral("token.reset"),
              QStringLiteral("token #%1 \"%2\" (%3) of %4")
                  .arg(created.id)
                  .arg(plan.name, created.hint, plan.username),
              QStringLiteral("success"),
              revoked.isEmpty()
                  ? QStringLiteral("first personal token")
                  : QStringLiteral("replaces %1").arg(revoked.join(QLatin1String(", "))));
        return created;
    }));
}

} // namespace td
