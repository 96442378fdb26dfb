// SPDX-License-Identifier: MIT
// Setting up a store (tenant, first department and administrator) and its settings.
#include "accountservice.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/authz.h"
#include "domain/guard.h"
#include "domain/records.h"
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

#include <QUuid>

namespace td {

Store &AccountService::store() const
{
    return m_guard.store();
}

Result<Tenant> AccountService::initialize(const Actor &actor, const QString &adminUsername,
                                          const SecretBytes &adminPassword,
                                          const QString &departmentName)
{
    const QString username = CredentialPolicy::canonicalUsername(adminUsername);
    if (QString why = CredentialPolicy::checkUsername(username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("username"));
    if (QString why = CredentialPolicy::checkPassword(adminPassword, username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));
    const QString dept = departmentName.trimmed().isEmpty() ? QStringLiteral("Administration")
                                                            : departmentName.trimmed();
    if (QString why = Records::checkName(dept, tr("department name")); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("department"));

    const SecretBytes normalized = CredentialPolicy::normalize(adminPassword);
    const QByteArray hash = PasswordHasher::hash(normalized);
    return store().write([&] {
        if (store().scalar(QStringLiteral("SELECT COUNT(*) FROM tenant")).toInt() > 0)
            fail(Errc::AlreadyExists, tr("%1 is already initialised; nothing was changed.")
                                          .arg(store().location().display()));
        const qint64 now = Clock::nowMs();
        Tenant t;
        t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        t.createdAt = Clock::fromMs(now);
        store().run(
            QStringLiteral("INSERT INTO tenant (id, tenant_uuid, created_at) VALUES (1, ?, ?)"),
            {t.id, now});
        const qint64 deptId = store().insert(
            QStringLiteral("INSERT INTO departments (name, name_key, created_at) VALUES (?, ?, ?)"),
            {dept, dept.toCaseFolded(), now});
        const qint64 typeId = Records::userTypeIdByName(store(), BuiltinUserType::Administrator,
                                                        QStringLiteral("userType"));
        const qint64 userId = store().insert(
            QStringLiteral("INSERT INTO users (username, display_name, email, department_id, "
                           "user_type_id, password_hash, created_at, created_by) "
                           "VALUES (?, ?, '', ?, ?, ?, ?, ?)"),
            {username, username, deptId, typeId, QString::fromLatin1(hash), now, actor.label});
        m_guard.audit(actor, QStringLiteral("store.init"), QStringLiteral("tenant %1").arg(t.id),
                      QStringLiteral("success"),
                      QStringLiteral("first administrator %1 (user #%2) in department %3")
                          .arg(username)
                          .arg(userId)
                          .arg(dept));
        return t;
    });
}

Result<Tenant> AccountService::tenant()
{
    return store().read([&] {
        QSqlQuery q = store().run(QStringLiteral("SELECT tenant_uuid, created_at FROM tenant"));
        if (!q.next())
            throw Failure{store().notInitializedError()};
        Tenant t;
        t.id = q.value(0).toString();
        t.createdAt = Clock::fromMs(q.value(1));
        return t;
    });
}

Result<StoreSettings> AccountService::settings()
{
    return store().read([&] { return Records::loadSettings(store()); });
}

Result<void> AccountService::updateSettings(const Actor &actor, const StoreSettings &s)
{
    if (s.expiringSoonDays < 1 || s.expiringSoonDays > StoreSettings::MaxExpiringSoonDays)
        return Error(
            Errc::InvalidArgument,
            tr("\"Expiring soon\" must be 1 to %1 days.").arg(StoreSettings::MaxExpiringSoonDays),
            QStringLiteral("expiringSoonDays"));
    if (s.maxTokenLifetimeDays < 0 ||
        s.maxTokenLifetimeDays > StoreSettings::MaxTokenLifetimeLimitDays)
        return Error(Errc::InvalidArgument,
                     tr("The maximum token lifetime must be 0 (none) to %1 days.")
                         .arg(StoreSettings::MaxTokenLifetimeLimitDays),
                     QStringLiteral("maxTokenLifetimeDays"));
    if (s.sessionLifetimeDays < 1 || s.sessionLifetimeDays > StoreSettings::MaxSessionLifetimeDays)
        return Error(Errc::InvalidArgument,
                     tr("The session lifetime must be 1 to %1 days.")
                         .arg(StoreSettings::MaxSessionLifetimeDays),
                     QStringLiteral("sessionLifetimeDays"));
    if (s.unusedTokenPolicyDays != 0 &&
        (s.unusedTokenPolicyDays < StoreSettings::MinUnusedTokenPolicyDays ||
         s.unusedTokenPolicyDays > TokenQuery::MaxUnusedDays))
        return Error(Errc::InvalidArgument,
                     tr("The unused-token policy must be off (0) or %1 to %2 days.")
                         .arg(StoreSettings::MinUnusedTokenPolicyDays)
                         .arg(TokenQuery::MaxUnusedDays),
                     QStringLiteral("unusedTokenPolicyDays"));
    return m_guard.change(
        actor, QStringLiteral("settings.update"), QStringLiteral("settings"),
        [&](const Actor &live) {
            m_guard.require(Authz::mayChangeSettings(live), tr("change settings"));
            const QList<std::pair<QString, int>> values = {
                {QStringLiteral("expiring_soon_days"), s.expiringSoonDays},
                {QStringLiteral("max_token_lifetime_days"), s.maxTokenLifetimeDays},
                {QStringLiteral("session_lifetime_days"), s.sessionLifetimeDays}};
            for (const auto &[k, v] : values)
                store().run(QStringLiteral("UPDATE settings SET value = ? WHERE key = ?"),
                            {QString::number(v), k});
            // A store older than the policy has no row for it yet (absent: off).
            store().run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                        {QStringLiteral("unused_token_policy_days"),
                         QString::number(s.unusedTokenPolicyDays)});
            m_guard.audit(
                live, QStringLiteral("settings.update"), QStringLiteral("settings"),
                QStringLiteral("success"),
                QStringLiteral("expiring soon %1 d, max token lifetime %2 d, session lifetime %3 "
                               "d, revoke tokens unused for %4 d (0: off)")
                    .arg(s.expiringSoonDays)
                    .arg(s.maxTokenLifetimeDays)
                    .arg(s.sessionLifetimeDays)
                    .arg(s.unusedTokenPolicyDays));
        });
}

} // namespace td
