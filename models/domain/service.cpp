// SPDX-License-Identifier: MIT
#include "service_p.h"

#include "domain/permissions.h"
#include "security/clientaddress.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

#include <QRegularExpression>
#include <QUuid>

namespace td {

// ---- Actor and statuses ---------------------------------------------------------------------

Actor Actor::cli(const QString &osUser)
{
    Actor a;
    a.kind = Kind::Cli;
    a.label = QStringLiteral("cli:") + (osUser.isEmpty() ? QStringLiteral("unknown") : osUser);
    a.address = QStringLiteral("local");
    return a;
}

Actor Actor::system(const QString &what)
{
    Actor a;
    a.kind = Kind::System;
    a.label = what;
    a.address = QStringLiteral("local");
    return a;
}

bool Actor::can(const QString &permission) const
{
    return kind != Kind::User || permissions.contains(permission);
}

QStringList UserType::scopes() const
{
    QStringList out;
    for (const QString &s : Scope::all())
        if (permissions.contains(s))
            out << s;
    return out;
}

QString statusName(TokenStatus s)
{
    switch (s) {
    case TokenStatus::Active:
        return QStringLiteral("active");
    case TokenStatus::ExpiringSoon:
        return QStringLiteral("expiring");
    case TokenStatus::Expired:
        return QStringLiteral("expired");
    case TokenStatus::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
}

QString statusTitle(TokenStatus s)
{
    switch (s) {
    case TokenStatus::Active:
        return QCoreApplication::translate("TokenStatus", "Active");
    case TokenStatus::ExpiringSoon:
        return QCoreApplication::translate("TokenStatus", "Expiring soon");
    case TokenStatus::Expired:
        return QCoreApplication::translate("TokenStatus", "Expired");
    case TokenStatus::Revoked:
        return QCoreApplication::translate("TokenStatus", "Revoked");
    }
    return {};
}

std::optional<TokenStatus> statusFromName(const QString &name)
{
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::ExpiringSoon, TokenStatus::Expired,
                          TokenStatus::Revoked})
        if (statusName(s) == name)
            return s;
    return std::nullopt;
}

QString verifyStatusName(VerifiedToken::Status s)
{
    switch (s) {
    case VerifiedToken::Status::Valid:
        return QStringLiteral("valid");
    case VerifiedToken::Status::Malformed:
        return QStringLiteral("malformed");
    case VerifiedToken::Status::Unknown:
        return QStringLiteral("unknown");
    case VerifiedToken::Status::Expired:
        return QStringLiteral("expired");
    case VerifiedToken::Status::Revoked:
        return QStringLiteral("revoked");
    case VerifiedToken::Status::UserDisabled:
        return QStringLiteral("user-disabled");
    }
    return {};
}

TokenStatus Service::statusAt(qint64 nowMs, qint64 expiresAtMs, bool revoked, int soonDays)
{
    if (revoked)
        return TokenStatus::Revoked;
    if (expiresAtMs <= nowMs)
        return TokenStatus::Expired;
    if (expiresAtMs <= nowMs + soonDays * detail::DayMs)
        return TokenStatus::ExpiringSoon;
    return TokenStatus::Active;
}

int exitCodeFor(Errc code)
{
    switch (code) {
    case Errc::Ok:
        return 0;
    case Errc::InvalidArgument:
        return 2;
    case Errc::NotFound:
        return 3;
    case Errc::AlreadyExists:
    case Errc::Conflict:
        return 4;
    case Errc::PermissionDenied:
        return 5;
    case Errc::AuthenticationFailed:
    case Errc::Throttled:
    case Errc::CredentialExpired:
        return 6;
    case Errc::StoreMissing:
    case Errc::StoreLocked:
    case Errc::StoreReadOnly:
    case Errc::StoreCorrupt:
    case Errc::SchemaTooNew:
    case Errc::StoreUnavailable:
        return 7;
    case Errc::Internal:
        return 1;
    }
    return 1;
}

// ---- helpers shared by the service's files ----------------------------------------------------

namespace detail {

QString checkName(const QString &trimmed, const QString &what, int maxLength)
{
    if (trimmed.isEmpty())
        return Service::tr("Enter a %1.").arg(what);
    if (trimmed.size() > maxLength)
        return Service::tr("The %1 has %2 characters; at most %3 are allowed.")
            .arg(what)
            .arg(trimmed.size())
            .arg(maxLength);
    for (QChar c : trimmed) {
        const auto cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Separator_Line ||
            cat == QChar::Separator_Paragraph)
            return Service::tr("The %1 must not contain control characters or line breaks.")
                .arg(what);
    }
    return {};
}

QString checkFreeText(const QString &text, int maxLength, bool allowNewlines)
{
    if (text.size() > maxLength)
        return Service::tr("At most %1 characters are allowed (%2 given).")
            .arg(maxLength)
            .arg(text.size());
    for (QChar c : text) {
        if (allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\t')))
            continue;
        if (c.category() == QChar::Other_Control)
            return Service::tr("Control characters are not allowed.");
    }
    return {};
}

QString checkEmail(const QString &email)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s]{1,64}@[^@\\s.][^@\\s]*\\.[^@\\s]+$"));
    if (email.size() > 254 || !re.match(email).hasMatch())
        return Service::tr("Enter an email address such as name@example.org.");
    return {};
}

QString placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

QString joinIds(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1String(", "));
}

QString userColumns()
{
    return QStringLiteral(
        "u.id, u.username, u.display_name, u.email, u.department_id, d.name, u.user_type_id, "
        "ut.name, u.created_at, u.created_by, u.disabled_at, u.access_code_hash, "
        "u.access_code_set_at, u.access_code_expires_at, u.password_hash "
        "FROM users u JOIN departments d ON d.id = u.department_id "
        "JOIN user_types ut ON ut.id = u.user_type_id");
}

Service::UserRow readUser(const QSqlQuery &q)
{
    Service::UserRow r;
    User &u = r.user;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.email = q.value(3).toString();
    u.departmentId = q.value(4).toLongLong();
    u.department = q.value(5).toString();
    u.userTypeId = q.value(6).toLongLong();
    u.userType = q.value(7).toString();
    u.createdAt = Clock::fromMs(q.value(8));
    u.createdBy = q.value(9).toString();
    u.disabledAt = Clock::fromMs(q.value(10));
    r.accessCodeHash = q.value(11).toByteArray();
    u.hasAccessCode = !r.accessCodeHash.isEmpty();
    u.accessCodeSetAt = Clock::fromMs(q.value(12));
    u.accessCodeExpiresAt = Clock::fromMs(q.value(13));
    r.passwordHash = q.value(14).toByteArray();
    return r;
}

QString tokenColumns()
{
    return QStringLiteral(
        "t.id, t.name, t.description, t.hint, t.scope_list, t.user_id, u.username, "
        "t.department_id, d.name, t.user_type_id, ut.name, t.personal, t.created_at, "
        "t.created_by, t.expires_at, t.last_used_at, t.last_used_addr, t.revoked_at, t.revoked_by "
        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "JOIN departments d ON d.id = t.department_id "
        "JOIN user_types ut ON ut.id = t.user_type_id");
}

ApiToken readToken(const QSqlQuery &q, qint64 now, int soonDays)
{
    ApiToken t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.description = q.value(2).toString();
    t.hint = q.value(3).toString();
    t.scopes = q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    t.userId = q.value(5).toLongLong();
    t.username = q.value(6).toString();
    t.departmentId = q.value(7).toLongLong();
    t.department = q.value(8).toString();
    t.userTypeId = q.value(9).toLongLong();
    t.userType = q.value(10).toString();
    t.personal = q.value(11).toInt() != 0;
    t.createdAt = Clock::fromMs(q.value(12));
    t.createdBy = q.value(13).toString();
    t.expiresAt = Clock::fromMs(q.value(14));
    t.lastUsedAt = Clock::fromMs(q.value(15));
    t.lastUsedFrom = q.value(16).toString();
    t.revokedAt = Clock::fromMs(q.value(17));
    t.revokedBy = q.value(18).toString();
    t.status = Service::statusAt(now, q.value(14).toLongLong(), t.revokedAt.isValid(), soonDays);
    return t;
}

} // namespace detail

// ---- the service: common parts ---------------------------------------------------------------

Service::Service(Store &store)
    : m_store(store)
{}

void Service::audit(const Actor &actor, const QString &action, const QString &target,
                    const QString &outcome, const QString &details)
{
    m_store.run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, "
                               "details, address) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {Clock::nowMs(), actor.label, action, target, outcome, details,
                 actor.address.isEmpty() ? QStringLiteral("local") : actor.address},
                "writing the audit log");
}

void Service::auditApart(const Actor &actor, const QString &action, const QString &target,
                         const QString &outcome, const QString &details)
{
    // Refusals and failures are recorded in a transaction of their own: the change they
    // belonged to was rolled back. If even this fails, the caller still gets the original error.
    (void)m_store.write([&] { audit(actor, action, target, outcome, details); });
}

Actor Service::liveActor(const Actor &actor)
{
    if (!actor.isPerson())
        return actor;
    QSqlQuery q = m_store.run(QStringLiteral("SELECT u.disabled_at, u.user_type_id, ut.name "
                                             "FROM users u JOIN user_types ut ON ut.id = "
                                             "u.user_type_id WHERE u.id = ?"),
                              {actor.userId});
    if (!q.next() || !q.value(0).isNull())
        fail(Errc::PermissionDenied, tr("Your account is disabled or no longer exists; sign in "
                                        "again."));
    const qint64 typeId = q.value(1).toLongLong();
    Actor live = actor;
    const QStringList perms = userTypePermissions(typeId);
    live.permissions = QSet<QString>(perms.begin(), perms.end());
    return live;
}

void Service::require(const Actor &live, const QString &permission, const QString &what)
{
    if (!live.can(permission))
        fail(Errc::PermissionDenied, tr("Your user type does not allow you to %1.").arg(what));
}

QStringList Service::userTypePermissions(qint64 userTypeId)
{
    QSqlQuery q = m_store.run(QStringLiteral("SELECT permission FROM user_type_permissions WHERE "
                                             "user_type_id = ? ORDER BY permission"),
                              {userTypeId});
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

StoreSettings Service::loadSettings()
{
    StoreSettings s;
    QSqlQuery q = m_store.run(QStringLiteral("SELECT key, value FROM settings"));
    while (q.next()) {
        const QString k = q.value(0).toString();
        const int v = q.value(1).toInt();
        if (k == QLatin1String("expiring_soon_days"))
            s.expiringSoonDays = v;
        else if (k == QLatin1String("max_token_lifetime_days"))
            s.maxTokenLifetimeDays = v;
        else if (k == QLatin1String("session_lifetime_days"))
            s.sessionLifetimeDays = v;
    }
    return s;
}

Service::UserRow Service::loadUser(qint64 id)
{
    QSqlQuery q = m_store.run(QStringLiteral("SELECT ") + detail::userColumns() +
                                  QStringLiteral(" WHERE u.id = ?"),
                              {id});
    if (!q.next())
        fail(Errc::NotFound, tr("There is no user with id %1.").arg(id), QStringLiteral("user"));
    return detail::readUser(q);
}

std::optional<Service::UserRow> Service::findUser(const QString &canonicalName)
{
    QSqlQuery q = m_store.run(QStringLiteral("SELECT ") + detail::userColumns() +
                                  QStringLiteral(" WHERE u.username = ?"),
                              {canonicalName});
    if (!q.next())
        return std::nullopt;
    return detail::readUser(q);
}

qint64 Service::departmentIdByName(const QString &name, const QString &field)
{
    const QVariant id =
        m_store.scalar(QStringLiteral("SELECT id FROM departments WHERE name_key = ?"),
                       {name.trimmed().toCaseFolded()});
    if (!id.isValid())
        fail(Errc::NotFound,
             tr("There is no department \"%1\"; create it first (department add).")
                 .arg(name.trimmed()),
             field);
    return id.toLongLong();
}

qint64 Service::userTypeIdByName(const QString &name, const QString &field)
{
    const QVariant id =
        m_store.scalar(QStringLiteral("SELECT id FROM user_types WHERE name_key = ?"),
                       {name.trimmed().toCaseFolded()});
    if (!id.isValid()) {
        QStringList names;
        QSqlQuery q = m_store.run(QStringLiteral("SELECT name FROM user_types ORDER BY name"));
        while (q.next())
            names << q.value(0).toString();
        fail(Errc::NotFound,
             tr("There is no user type \"%1\" (known: %2).")
                 .arg(name.trimmed(), names.join(QLatin1String(", "))),
             field);
    }
    return id.toLongLong();
}

// ---- set-up and settings ----------------------------------------------------------------------

Result<Tenant> Service::initialize(const Actor &actor, const QString &adminUsername,
                                   const SecretBytes &adminPassword, const QString &departmentName)
{
    const QString username = CredentialPolicy::canonicalUsername(adminUsername);
    if (QString why = CredentialPolicy::checkUsername(username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("username"));
    if (QString why = CredentialPolicy::checkPassword(adminPassword, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));
    const QString dept = departmentName.trimmed().isEmpty() ? QStringLiteral("Administration")
                                                            : departmentName.trimmed();
    if (QString why = detail::checkName(dept, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("department"));

    const SecretBytes normalized = CredentialPolicy::normalize(adminPassword);
    const QByteArray hash = PasswordHasher::hash(normalized);
    return m_store.write([&] {
        if (m_store.scalar(QStringLiteral("SELECT COUNT(*) FROM tenant")).toInt() > 0)
            fail(Errc::AlreadyExists, tr("%1 is already initialised; nothing was changed.")
                                          .arg(m_store.location().display()));
        const qint64 now = Clock::nowMs();
        Tenant t;
        t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        t.createdAt = Clock::fromMs(now);
        m_store.run(
            QStringLiteral("INSERT INTO tenant (id, tenant_uuid, created_at) VALUES (1, ?, ?)"),
            {t.id, now});
        const qint64 deptId = m_store.insert(
            QStringLiteral("INSERT INTO departments (name, name_key, created_at) VALUES (?, ?, ?)"),
            {dept, dept.toCaseFolded(), now});
        const qint64 typeId =
            userTypeIdByName(BuiltinUserType::Administrator, QStringLiteral("userType"));
        const qint64 userId = m_store.insert(
            QStringLiteral("INSERT INTO users (username, display_name, email, department_id, "
                           "user_type_id, password_hash, created_at, created_by) "
                           "VALUES (?, ?, '', ?, ?, ?, ?, ?)"),
            {username, username, deptId, typeId, QString::fromLatin1(hash), now, actor.label});
        audit(actor, QStringLiteral("store.init"), QStringLiteral("tenant %1").arg(t.id),
              QStringLiteral("success"),
              QStringLiteral("first administrator %1 (user #%2) in department %3")
                  .arg(username)
                  .arg(userId)
                  .arg(dept));
        return t;
    });
}

Result<Tenant> Service::tenant()
{
    return m_store.read([&] {
        QSqlQuery q = m_store.run(QStringLiteral("SELECT tenant_uuid, created_at FROM tenant"));
        if (!q.next())
            throw Failure{m_store.notInitializedError()};
        Tenant t;
        t.id = q.value(0).toString();
        t.createdAt = Clock::fromMs(q.value(1));
        m_tenantCache = t.id;
        return t;
    });
}

Result<StoreSettings> Service::settings()
{
    return m_store.read([&] { return loadSettings(); });
}

Result<void> Service::updateSettings(const Actor &actor, const StoreSettings &s)
{
    if (s.expiringSoonDays < 1 || s.expiringSoonDays > 90)
        return Error(Errc::InvalidArgument, tr("\"Expiring soon\" must be 1 to 90 days."),
                     QStringLiteral("expiringSoonDays"));
    if (s.maxTokenLifetimeDays < 0 || s.maxTokenLifetimeDays > 3650)
        return Error(Errc::InvalidArgument,
                     tr("The maximum token lifetime must be 0 (none) to 3650 days."),
                     QStringLiteral("maxTokenLifetimeDays"));
    if (s.sessionLifetimeDays < 1 || s.sessionLifetimeDays > 365)
        return Error(Errc::InvalidArgument, tr("The session lifetime must be 1 to 365 days."),
                     QStringLiteral("sessionLifetimeDays"));
    return denyAudited(
        actor, QStringLiteral("settings.update"), QStringLiteral("settings"), m_store.write([&] {
            const Actor live = liveActor(actor);
            require(live, Permission::SettingsManage, tr("change settings"));
            const QList<std::pair<QString, int>> values = {
                {QStringLiteral("expiring_soon_days"), s.expiringSoonDays},
                {QStringLiteral("max_token_lifetime_days"), s.maxTokenLifetimeDays},
                {QStringLiteral("session_lifetime_days"), s.sessionLifetimeDays}};
            for (const auto &[k, v] : values)
                m_store.run(QStringLiteral("UPDATE settings SET value = ? WHERE key = ?"),
                            {QString::number(v), k});
            audit(
                live, QStringLiteral("settings.update"), QStringLiteral("settings"),
                QStringLiteral("success"),
                QStringLiteral("expiring soon %1 d, max token lifetime %2 d, session lifetime %3 d")
                    .arg(s.expiringSoonDays)
                    .arg(s.maxTokenLifetimeDays)
                    .arg(s.sessionLifetimeDays));
        }));
}

// ---- authentication and throttling ------------------------------------------------------------

namespace {
constexpr qint64 ThrottleWindowMs = 15 * 60 * 1000;
constexpr int LockAfterFailures = 10;
constexpr qint64 LockMs = 15 * 60 * 1000;

qint64 delayAfter(int failures)
{
    if (failures < 3)
        return 0;
    if (failures >= LockAfterFailures)
        return LockMs;
    return std::min<qint64>(qint64(1000) << (failures - 3), 60 * 1000);
}
} // namespace

qint64 Service::throttledUntil(const QString &key, qint64 now)
{
    const QVariant until = m_store.scalar(
        QStringLiteral("SELECT blocked_until FROM auth_throttle WHERE key = ?"), {key});
    if (!until.isValid() || until.toLongLong() <= now)
        return 0;
    return until.toLongLong();
}

void Service::recordFailure(const QString &key, qint64 now)
{
    QSqlQuery q = m_store.run(
        QStringLiteral("SELECT failures, last_failure_at FROM auth_throttle WHERE key = ?"), {key});
    int failures = 0;
    bool exists = false;
    if (q.next()) {
        exists = true;
        failures = q.value(0).toInt();
        if (q.value(1).toLongLong() < now - ThrottleWindowMs)
            failures = 0;
    }
    q.finish();
    ++failures;
    const qint64 until = now + delayAfter(failures);
    if (exists)
        m_store.run(QStringLiteral("UPDATE auth_throttle SET failures = ?, last_failure_at = ?, "
                                   "blocked_until = ? WHERE key = ?"),
                    {failures, now, until, key});
    else
        m_store.run(QStringLiteral("INSERT INTO auth_throttle (key, failures, last_failure_at, "
                                   "blocked_until) VALUES (?, ?, ?, ?)"),
                    {key, failures, now, until});
    // Rows whose window and block are over count for nothing: a client rotating addresses
    // would otherwise grow the table for ever. Each new row prunes them (on an index).
    if (!exists)
        m_store.run(QStringLiteral("DELETE FROM auth_throttle WHERE last_failure_at < ? AND "
                                   "blocked_until <= ?"),
                    {now - ThrottleWindowMs, now});
}

Result<qint64> Service::checkCredential(bool accessCode, const QString &rawUsername,
                                        const SecretBytes &secret, const QString &address,
                                        const QString &action)
{
    const QString username = CredentialPolicy::canonicalUsername(rawUsername);
    const QString userKey = QStringLiteral("user:") + username;
    // Per-address throttling is for network clients. Every console on every computer signs in
    // from "local": counting those together would let one person's typos lock out everybody.
    const bool networkAddress = !address.isEmpty() && address != QLatin1String("local");
    const QString addrKey =
        networkAddress ? QStringLiteral("addr:") + clientKey(address) : QString();
    Actor who = Actor::system(username.isEmpty() ? QStringLiteral("anonymous") : username);
    who.address = address;
    const QString generic = accessCode ? tr("Unknown username or wrong access code.")
                                       : tr("Unknown username or wrong password.");

    // 1. Throttled? (no hashing, no counting: the attempt is refused outright)
    auto blocked = m_store.read([&] {
        const qint64 now = Clock::nowMs();
        qint64 until = throttledUntil(userKey, now);
        if (!addrKey.isEmpty())
            until = std::max(until, throttledUntil(addrKey, now));
        return until > now ? until - now : 0;
    });
    if (!blocked)
        return blocked.error();
    if (blocked.value() > 0) {
        const int seconds = int((blocked.value() + 999) / 1000);
        auditApart(who, action, QStringLiteral("user %1").arg(username), QStringLiteral("failure"),
                   QStringLiteral("throttled: retry after %1 s").arg(seconds));
        Error e(Errc::Throttled,
                tr("Too many failed attempts. Try again in %n second(s).", nullptr, seconds));
        e.retryAfterSeconds = seconds;
        return e;
    }

    // 2. Verify outside any transaction: Argon2id takes tens of milliseconds.
    auto row = m_store.read([&] { return findUser(username); });
    if (!row)
        return row.error();
    bool good = false;
    const SecretBytes normalized = CredentialPolicy::normalize(secret);
    if (!row.value()) {
        PasswordHasher::burnVerification(normalized);
    } else {
        const QByteArray &hash =
            accessCode ? row.value()->accessCodeHash : row.value()->passwordHash;
        if (hash.isEmpty())
            PasswordHasher::burnVerification(normalized);
        else
            good = PasswordHasher::verify(hash, normalized);
    }

    if (!good) {
        auto w = m_store.write([&] {
            const qint64 now = Clock::nowMs();
            recordFailure(userKey, now);
            if (!addrKey.isEmpty())
                recordFailure(addrKey, now);
            audit(who, action, QStringLiteral("user %1").arg(username), QStringLiteral("failure"),
                  row.value() ? (accessCode && !row.value()->user.hasAccessCode
                                     ? QStringLiteral("no access code set")
                                     : (accessCode ? QStringLiteral("wrong access code")
                                                   : QStringLiteral("wrong password")))
                              : QStringLiteral("unknown username"));
        });
        if (!w)
            return w.error();
        return Error(Errc::AuthenticationFailed, generic);
    }

    const UserRow &u = *row.value();
    if (!u.user.enabled()) {
        auditApart(who, action, QStringLiteral("user %1").arg(username), QStringLiteral("denied"),
                   QStringLiteral("account disabled"));
        return Error(Errc::PermissionDenied, tr("This account is disabled. Ask an administrator."));
    }
    // Success: forget this account's failures; upgrade an old hash.
    auto w = m_store.write([&] {
        m_store.run(QStringLiteral("DELETE FROM auth_throttle WHERE key = ?"), {userKey});
        const QByteArray &hash = accessCode ? u.accessCodeHash : u.passwordHash;
        if (PasswordHasher::needsRehash(hash)) {
            const QString column =
                accessCode ? QStringLiteral("access_code_hash") : QStringLiteral("password_hash");
            m_store.run(QStringLiteral("UPDATE users SET %1 = ? WHERE id = ?").arg(column),
                        {QString::fromLatin1(PasswordHasher::hash(normalized)), u.user.id});
        }
    });
    if (!w)
        return w.error();
    return u.user.id;
}

Result<Actor> Service::signIn(const QString &username, const SecretBytes &password,
                              const QString &address)
{
    auto id = checkCredential(false, username, password, address, QStringLiteral("auth.sign_in"));
    if (!id)
        return id.error();
    return m_store.write([&] {
        const UserRow u = loadUser(id.value());
        Actor a;
        a.kind = Actor::Kind::User;
        a.userId = u.user.id;
        a.username = u.user.username;
        a.label = u.user.username;
        a.address = address;
        a = liveActor(a);
        audit(a, QStringLiteral("auth.sign_in"), QStringLiteral("user %1").arg(a.username),
              QStringLiteral("success"), QStringLiteral("user type %1").arg(u.user.userType));
        return a;
    });
}

Result<Actor> Service::refresh(const Actor &actor)
{
    return m_store.read([&] { return liveActor(actor); });
}

Result<void> Service::changeOwnPassword(const Actor &actor, const SecretBytes &current,
                                        const SecretBytes &newPassword)
{
    if (!actor.isPerson())
        return Error(Errc::InvalidArgument, tr("Only a signed-in person has an own password."));
    auto ok = checkCredential(false, actor.username, current, actor.address,
                              QStringLiteral("user.password"));
    if (!ok)
        return ok.error();
    return setPassword(actor, actor.userId, newPassword);
}

} // namespace td
