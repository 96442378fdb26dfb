// SPDX-License-Identifier: MIT
#include "recordjson.h"

#include "core/clock.h"

#include <cmath>
#include <optional>

namespace td::RecordJson {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(td::RecordJson)
};

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

/// A JSON number that is whole and that a qint64 holds exactly (at most 9e15 either way), or
/// nothing: what every whole-number field of an answer must be.
std::optional<qint64> wholeNumber(const QJsonValue &v)
{
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15)
        return std::nullopt;
    return qint64(d);
}

/// Reads the fields of one record; the first problem is kept and names its field.
class Reader
{
public:
    Reader(const QJsonObject &o, const char *record)
        : m_o(o)
        , m_record(record)
    {}

    qint64 integer(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (const auto n = wholeNumber(v))
            return *n;
        problem(key, v, Tr::tr("a whole number"));
        return 0;
    }
    QString text(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isString())
            problem(key, v, Tr::tr("a string"));
        return v.toString();
    }
    /// A string or null (null reads as empty).
    QString textOrNull(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isNull())
            return {};
        if (!v.isString())
            problem(key, v, Tr::tr("a string or null"));
        return v.toString();
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isBool())
            problem(key, v, Tr::tr("true or false"));
        return v.toBool();
    }
    QStringList texts(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        QStringList out;
        bool ok = v.isArray();
        for (const QJsonValue &item : v.toArray()) {
            ok = ok && item.isString();
            out << item.toString();
        }
        if (!ok)
            problem(key, v, Tr::tr("an array of strings"));
        return ok ? out : QStringList();
    }
    /// A time with its zone, or null (an invalid QDateTime).
    QDateTime time(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        auto t = RecordJson::time(v);
        if (!t) {
            problem(key, v, Tr::tr("a time in ISO 8601 with its zone, or null"));
            return {};
        }
        return t.value();
    }
    /// A time that must be there (not null).
    QDateTime requiredTime(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        const QDateTime t = time(key);
        if (!t.isValid())
            problem(key, v, Tr::tr("a time in ISO 8601 with its zone"));
        return t;
    }
    /// An array of `count` whole numbers of at least 0.
    QList<qint64> counts(const char *key, qsizetype count)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        QList<qint64> out;
        bool ok = v.isArray() && v.toArray().size() == count;
        for (const QJsonValue &item : v.toArray()) {
            const auto n = wholeNumber(item); // checked before it is converted
            ok = ok && n && *n >= 0;
            out << n.value_or(0);
        }
        if (!ok)
            problem(key, v, Tr::tr("an array of %n whole number(s)", nullptr, int(count)));
        return ok ? out : QList<qint64>();
    }
    /// A date (YYYY-MM-DD), or null (an invalid QDate).
    QDate date(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isNull())
            return {};
        const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
        if (!v.isString() || !d.isValid())
            problem(key, v, Tr::tr("a date (YYYY-MM-DD) or null"));
        return d;
    }
    TokenStatus status(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        const auto s = statusFromName(v.toString());
        if (!v.isString() || !s) {
            problem(key, v, Tr::tr("one of active, expiring, expired, revoked"));
            return TokenStatus::Active;
        }
        return *s;
    }

    template<typename T> Result<T> finish(T value) const
    {
        if (m_error)
            return *m_error;
        return value;
    }

private:
    void problem(const char *key, const QJsonValue &v, const QString &expected)
    {
        if (m_error)
            return;
        // %1.%2: the schema's name in openapi/tokendesk.yaml and the field, e.g. Token.scopes.
        const QString what =
            v.isUndefined()
                ? Tr::tr("%1.%2 is missing").arg(m_record, QLatin1String(key))
                : Tr::tr("%1.%2 must be %3").arg(m_record, QLatin1String(key), expected);
        m_error = notUnderstood(what);
    }

    const QJsonObject &m_o;
    QString m_record;
    std::optional<Error> m_error;
};

} // namespace

// ---- writers ----

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(Clock::iso(t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject token(const ApiToken &t)
{
    return {
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("description"), t.description},
        {QStringLiteral("hint"), t.hint},
        {QStringLiteral("scopes"), strings(t.scopes)},
        {QStringLiteral("effectiveScopes"), strings(t.effectiveScopes)},
        {QStringLiteral("userId"), t.userId},
        {QStringLiteral("username"), t.username},
        {QStringLiteral("departmentId"), t.departmentId},
        {QStringLiteral("department"), t.department},
        {QStringLiteral("userTypeId"), t.userTypeId},
        {QStringLiteral("userType"), t.userType},
        {QStringLiteral("personal"), t.personal},
        {QStringLiteral("createdAt"), time(t.createdAt)},
        {QStringLiteral("createdBy"), t.createdBy},
        {QStringLiteral("expiresAt"), time(t.expiresAt)},
        {QStringLiteral("lastUsedAt"), time(t.lastUsedAt)},
        {QStringLiteral("lastUsedFrom"), orNull(t.lastUsedFrom)},
        {QStringLiteral("revokedAt"), time(t.revokedAt)},
        {QStringLiteral("revokedBy"), orNull(t.revokedBy)},
        {QStringLiteral("rotatedAt"), time(t.rotatedAt)},
        {QStringLiteral("rotatedBy"), orNull(t.rotatedBy)},
        {QStringLiteral("previousHint"), orNull(t.previousHint)},
        {QStringLiteral("previousUntil"), time(t.previousUntil)},
        {QStringLiteral("status"), statusName(t.status)},
    };
}

QJsonObject session(const MobileSession &s)
{
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("hint"), s.hint},
        {QStringLiteral("userId"), s.userId},
        {QStringLiteral("username"), s.username},
        {QStringLiteral("email"), s.email},
        {QStringLiteral("department"), s.department},
        {QStringLiteral("userType"), s.userType},
        {QStringLiteral("deviceName"), s.deviceName},
        {QStringLiteral("platform"), s.platform},
        {QStringLiteral("appVersion"), s.appVersion},
        {QStringLiteral("createdAt"), time(s.createdAt)},
        {QStringLiteral("lastActiveAt"), time(s.lastActiveAt)},
        {QStringLiteral("lastActiveFrom"), orNull(s.lastActiveFrom)},
        {QStringLiteral("expiresAt"), time(s.expiresAt)},
        {QStringLiteral("revokedAt"), time(s.revokedAt)},
        {QStringLiteral("revokedBy"), orNull(s.revokedBy)},
        {QStringLiteral("status"), statusName(s.status)},
    };
}

QJsonObject user(const User &u)
{
    return {
        {QStringLiteral("id"), u.id},
        {QStringLiteral("username"), u.username},
        {QStringLiteral("displayName"), u.displayName},
        {QStringLiteral("email"), u.email},
        {QStringLiteral("language"), u.language},
        {QStringLiteral("departmentId"), u.departmentId},
        {QStringLiteral("department"), u.department},
        {QStringLiteral("userTypeId"), u.userTypeId},
        {QStringLiteral("userType"), u.userType},
        {QStringLiteral("createdAt"), time(u.createdAt)},
        {QStringLiteral("createdBy"), u.createdBy},
        {QStringLiteral("enabled"), u.enabled()},
        {QStringLiteral("disabledAt"), time(u.disabledAt)},
        {QStringLiteral("hasAccessCode"), u.hasAccessCode},
        {QStringLiteral("accessCodeSetAt"), time(u.accessCodeSetAt)},
        {QStringLiteral("accessCodeExpiresAt"), time(u.accessCodeExpiresAt)},
        {QStringLiteral("locked"), u.locked()},
        {QStringLiteral("passwordLockedUntil"), time(u.passwordLockedUntil)},
        {QStringLiteral("accessCodeLockedUntil"), time(u.accessCodeLockedUntil)},
    };
}

QJsonObject department(const Department &d)
{
    return {
        {QStringLiteral("id"), d.id},
        {QStringLiteral("name"), d.name},
        {QStringLiteral("createdAt"), time(d.createdAt)},
        {QStringLiteral("userCount"), d.userCount},
    };
}

QJsonObject userType(const UserType &t)
{
    return {
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("description"), t.description},
        {QStringLiteral("builtin"), t.builtin},
        {QStringLiteral("permissions"), strings(t.permissions)},
        {QStringLiteral("userCount"), t.userCount},
    };
}

QJsonObject auditEntry(const AuditEntry &e)
{
    return {
        {QStringLiteral("id"), e.id},           {QStringLiteral("at"), time(e.at)},
        {QStringLiteral("actor"), e.actor},     {QStringLiteral("action"), e.action},
        {QStringLiteral("target"), e.target},   {QStringLiteral("outcome"), e.outcome},
        {QStringLiteral("details"), e.details}, {QStringLiteral("address"), e.address},
    };
}

QJsonObject consoleSignIn(const ConsoleSignIn &s, qint64 nowMs)
{
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("userId"), s.userId},
        {QStringLiteral("username"), s.username},
        {QStringLiteral("hint"), s.hint},
        {QStringLiteral("createdAt"), time(s.createdAt)},
        {QStringLiteral("createdFrom"), s.createdFrom},
        {QStringLiteral("lastUsedAt"), time(s.lastUsedAt)},
        {QStringLiteral("lastUsedFrom"), s.lastUsedFrom},
        {QStringLiteral("expiresAt"), time(s.expiresAt)},
        {QStringLiteral("maxExpiresAt"), time(s.maxExpiresAt)},
        {QStringLiteral("revokedAt"), time(s.revokedAt)},
        {QStringLiteral("revokedBy"), orNull(s.revokedBy)},
        {QStringLiteral("active"), s.activeAt(nowMs)},
    };
}

QJsonObject settings(const StoreSettings &s)
{
    return {
        {QStringLiteral("expiringSoonDays"), s.expiringSoonDays},
        {QStringLiteral("maxTokenLifetimeDays"), s.maxTokenLifetimeDays},
        {QStringLiteral("sessionLifetimeDays"), s.sessionLifetimeDays},
        {QStringLiteral("unusedTokenPolicyDays"), s.unusedTokenPolicyDays},
    };
}

QJsonObject tenant(const Tenant &t)
{
    return {{QStringLiteral("id"), t.id}, {QStringLiteral("createdAt"), time(t.createdAt)}};
}

QJsonObject disableResult(const DisableResult &r)
{
    return {{QStringLiteral("tokensRevoked"), r.tokensRevoked},
            {QStringLiteral("sessionsRevoked"), r.sessionsRevoked}};
}

QJsonObject webhook(const Webhook &w)
{
    return {
        {QStringLiteral("id"), w.id},
        {QStringLiteral("url"), w.url},
        {QStringLiteral("events"), strings(w.events)},
        {QStringLiteral("secretHint"), w.secretHint},
        {QStringLiteral("enabled"), w.enabled},
        {QStringLiteral("createdAt"), time(w.createdAt)},
        {QStringLiteral("createdBy"), w.createdBy},
    };
}

QJsonObject webhookDelivery(const WebhookDelivery &d)
{
    return {
        {QStringLiteral("id"), d.id},
        {QStringLiteral("webhookId"), d.webhookId},
        {QStringLiteral("event"), d.event},
        {QStringLiteral("body"), d.body},
        {QStringLiteral("createdAt"), time(d.createdAt)},
        {QStringLiteral("attempts"), d.attempts},
        {QStringLiteral("nextAttemptAt"), time(d.nextAttemptAt)},
        {QStringLiteral("lastStatus"), d.lastStatus},
        {QStringLiteral("lastError"), d.lastError},
        {QStringLiteral("deliveredAt"), time(d.deliveredAt)},
        {QStringLiteral("failedAt"), time(d.failedAt)},
    };
}

QJsonObject tokenOwnerCounts(const TokenOwnerCounts &c)
{
    const auto groups = [](const QList<TokenOwnerCounts::Group> &list) {
        QJsonArray out;
        for (const TokenOwnerCounts::Group &g : list)
            out.append(QJsonObject{{QStringLiteral("id"), g.id},
                                   {QStringLiteral("name"), g.name},
                                   {QStringLiteral("count"), g.count}});
        return out;
    };
    return {{QStringLiteral("total"), c.total},
            {QStringLiteral("userCount"), c.userCount},
            {QStringLiteral("departments"), groups(c.departments)},
            {QStringLiteral("users"), groups(c.users)}};
}

QJsonObject overview(const Overview &o)
{
    auto counts = [](const QList<qint64> &list) {
        QJsonArray a;
        for (qint64 n : list)
            a.append(n);
        return a;
    };
    auto date = [](const QDate &d) {
        return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
    };
    QJsonArray platforms;
    for (const Overview::PlatformCount &p : o.sessionsPerPlatform)
        platforms.append(QJsonObject{{QStringLiteral("platform"), p.platform},
                                     {QStringLiteral("sessions"), p.sessions}});
    return {{QStringLiteral("at"), time(o.at)},
            {QStringLiteral("everyonesTokens"), o.everyonesTokens},
            {QStringLiteral("expiringPerWeek"), counts(o.expiringPerWeek)},
            {QStringLiteral("firstRequestDay"), date(o.firstRequestDay)},
            {QStringLiteral("requestsPerDay"), counts(o.requestsPerDay)},
            {QStringLiteral("everyonesSessions"), o.everyonesSessions},
            {QStringLiteral("sessionsPerPlatform"), platforms},
            {QStringLiteral("otherSessions"), o.otherSessions},
            {QStringLiteral("failedSignInsShown"), o.failedSignInsShown},
            {QStringLiteral("firstFailedSignInDay"), date(o.firstFailedSignInDay)},
            {QStringLiteral("failedSignInsPerDay"), counts(o.failedSignInsPerDay)}};
}

// ---- readers ----

Error notUnderstood(const QString &what)
{
    return Error(Errc::Internal, Tr::tr("The server's answer is not understood: %1.").arg(what));
}

Result<QDateTime> time(const QJsonValue &v)
{
    if (v.isNull())
        return QDateTime();
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !t.isValid() || t.timeSpec() == Qt::LocalTime)
        return notUnderstood(Tr::tr("a time must be in ISO 8601 with its zone"));
    return t.toUTC();
}

Result<qint64> integer(const QJsonObject &o, const char *key)
{
    Reader r(o, "answer");
    const qint64 n = r.integer(key);
    return r.finish(n);
}

Result<ApiToken> token(const QJsonObject &o)
{
    Reader r(o, "Token");
    ApiToken t;
    t.id = r.integer("id");
    t.name = r.text("name");
    t.description = r.text("description");
    t.hint = r.text("hint");
    t.scopes = r.texts("scopes");
    t.effectiveScopes = r.texts("effectiveScopes");
    t.userId = r.integer("userId");
    t.username = r.text("username");
    t.departmentId = r.integer("departmentId");
    t.department = r.text("department");
    t.userTypeId = r.integer("userTypeId");
    t.userType = r.text("userType");
    t.personal = r.boolean("personal");
    t.createdAt = r.requiredTime("createdAt");
    t.createdBy = r.text("createdBy");
    t.expiresAt = r.requiredTime("expiresAt");
    t.lastUsedAt = r.time("lastUsedAt");
    t.lastUsedFrom = r.textOrNull("lastUsedFrom");
    t.revokedAt = r.time("revokedAt");
    t.revokedBy = r.textOrNull("revokedBy");
    t.rotatedAt = r.time("rotatedAt");
    t.rotatedBy = r.textOrNull("rotatedBy");
    t.previousHint = r.textOrNull("previousHint");
    t.previousUntil = r.time("previousUntil");
    t.status = r.status("status");
    return r.finish(std::move(t));
}

Result<MobileSession> session(const QJsonObject &o)
{
    Reader r(o, "Session");
    MobileSession s;
    s.id = r.integer("id");
    s.hint = r.text("hint");
    s.userId = r.integer("userId");
    s.username = r.text("username");
    s.email = r.text("email");
    s.department = r.text("department");
    s.userType = r.text("userType");
    s.deviceName = r.text("deviceName");
    s.platform = r.text("platform");
    s.appVersion = r.text("appVersion");
    s.createdAt = r.requiredTime("createdAt");
    s.lastActiveAt = r.time("lastActiveAt");
    s.lastActiveFrom = r.textOrNull("lastActiveFrom");
    s.expiresAt = r.requiredTime("expiresAt");
    s.revokedAt = r.time("revokedAt");
    s.revokedBy = r.textOrNull("revokedBy");
    s.status = r.status("status");
    return r.finish(std::move(s));
}

Result<User> user(const QJsonObject &o)
{
    Reader r(o, "User");
    User u;
    u.id = r.integer("id");
    u.username = r.text("username");
    u.displayName = r.text("displayName");
    u.email = r.text("email");
    u.language = r.text("language");
    u.departmentId = r.integer("departmentId");
    u.department = r.text("department");
    u.userTypeId = r.integer("userTypeId");
    u.userType = r.text("userType");
    u.createdAt = r.requiredTime("createdAt");
    u.createdBy = r.text("createdBy");
    u.disabledAt = r.time("disabledAt");
    u.hasAccessCode = r.boolean("hasAccessCode");
    u.accessCodeSetAt = r.time("accessCodeSetAt");
    u.accessCodeExpiresAt = r.time("accessCodeExpiresAt");
    u.passwordLockedUntil = r.time("passwordLockedUntil");
    u.accessCodeLockedUntil = r.time("accessCodeLockedUntil");
    return r.finish(std::move(u));
}

Result<Department> department(const QJsonObject &o)
{
    Reader r(o, "Department");
    Department d;
    d.id = r.integer("id");
    d.name = r.text("name");
    d.createdAt = r.requiredTime("createdAt");
    d.userCount = r.integer("userCount");
    return r.finish(std::move(d));
}

Result<UserType> userType(const QJsonObject &o)
{
    Reader r(o, "UserType");
    UserType t;
    t.id = r.integer("id");
    t.name = r.text("name");
    t.description = r.text("description");
    t.builtin = r.boolean("builtin");
    t.permissions = r.texts("permissions");
    t.userCount = r.integer("userCount");
    return r.finish(std::move(t));
}

Result<AuditEntry> auditEntry(const QJsonObject &o)
{
    Reader r(o, "AuditEntry");
    AuditEntry e;
    e.id = r.integer("id");
    e.at = r.requiredTime("at");
    e.actor = r.text("actor");
    e.action = r.text("action");
    e.target = r.text("target");
    e.outcome = r.text("outcome");
    e.details = r.text("details");
    e.address = r.text("address");
    return r.finish(std::move(e));
}

Result<ConsoleSignIn> consoleSignIn(const QJsonObject &o)
{
    Reader r(o, "ConsoleSignIn");
    ConsoleSignIn s;
    s.id = r.integer("id");
    s.userId = r.integer("userId");
    s.username = r.text("username");
    s.hint = r.text("hint");
    s.createdAt = r.requiredTime("createdAt");
    s.createdFrom = r.text("createdFrom");
    s.lastUsedAt = r.requiredTime("lastUsedAt");
    s.lastUsedFrom = r.text("lastUsedFrom");
    s.expiresAt = r.requiredTime("expiresAt");
    s.maxExpiresAt = r.requiredTime("maxExpiresAt");
    s.revokedAt = r.time("revokedAt");
    s.revokedBy = r.textOrNull("revokedBy");
    return r.finish(std::move(s));
}

Result<StoreSettings> settings(const QJsonObject &o)
{
    Reader r(o, "Settings");
    StoreSettings s;
    s.expiringSoonDays = int(r.integer("expiringSoonDays"));
    s.maxTokenLifetimeDays = int(r.integer("maxTokenLifetimeDays"));
    s.sessionLifetimeDays = int(r.integer("sessionLifetimeDays"));
    s.unusedTokenPolicyDays = int(r.integer("unusedTokenPolicyDays"));
    return r.finish(s);
}

Result<Tenant> tenant(const QJsonObject &o)
{
    Reader r(o, "Tenant");
    Tenant t;
    t.id = r.text("id");
    t.createdAt = r.requiredTime("createdAt");
    return r.finish(std::move(t));
}

Result<Webhook> webhook(const QJsonObject &o)
{
    Reader r(o, "Webhook");
    Webhook w;
    w.id = r.integer("id");
    w.url = r.text("url");
    w.events = r.texts("events");
    w.secretHint = r.text("secretHint");
    w.enabled = r.boolean("enabled");
    w.createdAt = r.requiredTime("createdAt");
    w.createdBy = r.text("createdBy");
    return r.finish(std::move(w));
}

Result<WebhookDelivery> webhookDelivery(const QJsonObject &o)
{
    Reader r(o, "WebhookDelivery");
    WebhookDelivery d;
    d.id = r.text("id");
    d.webhookId = r.integer("webhookId");
    d.event = r.text("event");
    d.body = r.text("body");
    d.createdAt = r.requiredTime("createdAt");
    d.attempts = int(r.integer("attempts"));
    d.nextAttemptAt = r.time("nextAttemptAt");
    d.lastStatus = int(r.integer("lastStatus"));
    d.lastError = r.text("lastError");
    d.deliveredAt = r.time("deliveredAt");
    d.failedAt = r.time("failedAt");
    return r.finish(std::move(d));
}

Result<Overview> overview(const QJsonObject &o)
{
    Reader r(o, "Overview");
    Overview v;
    v.at = r.requiredTime("at");
    v.everyonesTokens = r.boolean("everyonesTokens");
    v.expiringPerWeek = r.counts("expiringPerWeek", Overview::Weeks);
    v.firstRequestDay = r.date("firstRequestDay");
    v.requestsPerDay = r.counts("requestsPerDay", Overview::Days);
    v.everyonesSessions = r.boolean("everyonesSessions");
    auto platforms = detail::array(o, "sessionsPerPlatform");
    if (!platforms)
        return platforms.error();
    for (qsizetype i = 0; i < platforms->size(); ++i) {
        const QJsonObject item = platforms->at(i).toObject();
        Reader p(item, "PlatformCount");
        Overview::PlatformCount c;
        c.platform = p.text("platform");
        c.sessions = p.integer("sessions");
        auto read = p.finish(c);
        if (!read)
            return detail::rowProblem("sessionsPerPlatform", i, read.error());
        v.sessionsPerPlatform << read.value();
    }
    v.otherSessions = r.integer("otherSessions");
    v.failedSignInsShown = r.boolean("failedSignInsShown");
    v.firstFailedSignInDay = r.date("firstFailedSignInDay");
    v.failedSignInsPerDay =
        r.counts("failedSignInsPerDay", v.failedSignInsShown ? Overview::Days : 0);
    return r.finish(std::move(v));
}

Result<DisableResult> disableResult(const QJsonObject &o)
{
    Reader r(o, "DisableResult");
    DisableResult d;
    d.tokensRevoked = int(r.integer("tokensRevoked"));
    d.sessionsRevoked = int(r.integer("sessionsRevoked"));
    return r.finish(d);
}

Result<TokenOwnerCounts> tokenOwnerCounts(const QJsonObject &o)
{
    Reader r(o, "TokenOwnerCounts");
    TokenOwnerCounts c;
    c.total = r.integer("total");
    c.userCount = r.integer("userCount");
    for (const char *key : {"departments", "users"}) {
        auto list = detail::array(o, key);
        if (!list)
            return list.error();
        QList<TokenOwnerCounts::Group> &groups =
            qstrcmp(key, "users") == 0 ? c.users : c.departments;
        for (qsizetype i = 0; i < list->size(); ++i) {
            Reader g(list->at(i).toObject(), "TokenOwnerCount");
            TokenOwnerCounts::Group group;
            group.id = g.integer("id");
            group.name = g.text("name");
            group.count = g.integer("count");
            auto read = g.finish(group);
            if (!read)
                return detail::rowProblem(key, i, read.error());
            groups << read.value();
        }
    }
    return r.finish(c);
}

namespace detail {

Error rowProblem(const char *list, qsizetype index, const Error &inner)
{
    Error e = inner;
    e.message =
        Tr::tr("%1 (item %2 of \"%3\")").arg(inner.message).arg(index).arg(QLatin1String(list));
    return e;
}

Result<QJsonArray> array(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isArray())
        return notUnderstood(Tr::tr("the field \"%1\" must be an array").arg(QLatin1String(key)));
    return v.toArray();
}

} // namespace detail

const QStringList &tokenSortNames()
{
    static const QStringList names = {
        QStringLiteral("name"),    QStringLiteral("hint"),       QStringLiteral("scopes"),
        QStringLiteral("user"),    QStringLiteral("department"), QStringLiteral("userType"),
        QStringLiteral("created"), QStringLiteral("expires"),    QStringLiteral("lastUsed"),
        QStringLiteral("status"),  QStringLiteral("id")};
    return names;
}

// ---- errors ----

namespace {

struct Wire
{
    Errc code;
    const char *name;
    int status;
};
// The one table of domain error kinds on the wire. Store errors all answer 503
// temporarily_unavailable (Routes::storeError), read back as StoreUnavailable.
constexpr Wire WireErrors[] = {
    {Errc::InvalidArgument, "invalid_request", 400},
    {Errc::AuthenticationFailed, "invalid_grant", 400},
    {Errc::CredentialExpired, "credential_expired", 400},
    {Errc::NotFound, "not_found", 404},
    {Errc::AlreadyExists, "already_exists", 409},
    {Errc::Conflict, "conflict", 409},
    {Errc::PermissionDenied, "forbidden", 403},
    {Errc::Throttled, "too_many_requests", 429},
    {Errc::StoreUnavailable, "temporarily_unavailable", 503},
    {Errc::Internal, "server_error", 500},
};

} // namespace

QString errorCode(Errc code)
{
    for (const Wire &w : WireErrors)
        if (w.code == code)
            return QLatin1String(w.name);
    return httpStatus(code) == 503 ? QStringLiteral("temporarily_unavailable")
                                   : QStringLiteral("server_error");
}

int httpStatus(Errc code)
{
    switch (code) {
    case Errc::Ok:
        return 200;
    case Errc::StoreMissing:
    case Errc::StoreLocked:
    case Errc::StoreReadOnly:
    case Errc::StoreCorrupt:
    case Errc::SchemaTooNew:
    case Errc::StoreUnavailable:
        return 503;
    default:
        break;
    }
    for (const Wire &w : WireErrors)
        if (w.code == code)
            return w.status;
    return 500;
}

QJsonObject error(const Error &e)
{
    QJsonObject o{{QStringLiteral("error"), errorCode(e.code)},
                  {QStringLiteral("error_description"), e.message}};
    if (!e.field.isEmpty())
        o.insert(QStringLiteral("field"), e.field);
    return o;
}

Error readError(int status, const QJsonObject &body, int retryAfterSeconds)
{
    const QString code = body.value(QStringLiteral("error")).toString();
    Error e(Errc::Internal, body.value(QStringLiteral("error_description")).toString(),
            body.value(QStringLiteral("field")).toString());
    bool known = false;
    for (const Wire &w : WireErrors)
        if (code == QLatin1String(w.name)) {
            e.code = w.code;
            known = true;
        }
    if (status == 401) { // a bearer credential refused: the sign-in ended
        e.code = Errc::AuthenticationFailed;
        known = true;
    }
    if (!known) {
        for (const Wire &w : WireErrors) // an unknown code: the first kind of its status
            if (w.status == status) {
                e.code = w.code;
                break;
            }
    }
    if (e.message.isEmpty())
        e.message = Tr::tr("The server answered HTTP %1.").arg(status);
    if (e.code == Errc::Throttled)
        e.retryAfterSeconds = std::max(1, retryAfterSeconds);
    return e;
}

} // namespace td::RecordJson
