// SPDX-License-Identifier: MIT
#include "clijson.h"

#include "core/clock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace td::CliJson {

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(Clock::iso(t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject department(const Department &d)
{
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("name"), d.name},
            {QStringLiteral("users"), d.userCount},
            {QStringLiteral("created_at"), time(d.createdAt)}};
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
            {QStringLiteral("user_count"), c.userCount},
            {QStringLiteral("departments"), groups(c.departments)},
            {QStringLiteral("users"), groups(c.users)}};
}

QJsonObject userType(const UserType &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("builtin"), t.builtin},
            {QStringLiteral("users"), t.userCount},
            {QStringLiteral("permissions"), QJsonArray::fromStringList(t.permissions)}};
}

QJsonObject user(const User &u)
{
    return {{QStringLiteral("id"), u.id},
            {QStringLiteral("username"), u.username},
            {QStringLiteral("display_name"), u.displayName},
            {QStringLiteral("email"), u.email},
            {QStringLiteral("language"), u.language},
            {QStringLiteral("department"), u.department},
            {QStringLiteral("user_type"), u.userType},
            {QStringLiteral("enabled"), u.enabled()},
            {QStringLiteral("has_access_code"), u.hasAccessCode},
            {QStringLiteral("access_code_expires_at"), time(u.accessCodeExpiresAt)},
            {QStringLiteral("password_locked_until"), time(u.passwordLockedUntil)},
            {QStringLiteral("access_code_locked_until"), time(u.accessCodeLockedUntil)},
            {QStringLiteral("created_at"), time(u.createdAt)},
            {QStringLiteral("disabled_at"), time(u.disabledAt)}};
}

QJsonObject apiToken(const ApiToken &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("hint"), t.hint},
            {QStringLiteral("description"), t.description},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(t.scopes)},
            {QStringLiteral("effective_scopes"), QJsonArray::fromStringList(t.effectiveScopes)},
            {QStringLiteral("exceeds_user_type"), t.exceedsUserType()},
            {QStringLiteral("user"), t.username},
            {QStringLiteral("department"), t.department},
            {QStringLiteral("user_type"), t.userType},
            {QStringLiteral("personal"), t.personal},
            {QStringLiteral("created_at"), time(t.createdAt)},
            {QStringLiteral("created_by"), t.createdBy},
            {QStringLiteral("expires_at"), time(t.expiresAt)},
            {QStringLiteral("last_used_at"), time(t.lastUsedAt)},
            {QStringLiteral("last_used_from"),
             t.lastUsedFrom.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.lastUsedFrom)},
            {QStringLiteral("revoked_at"), time(t.revokedAt)},
            {QStringLiteral("status"), statusName(t.status)}};
}

QJsonObject session(const MobileSession &s)
{
    const TokenStatus status =
        s.status == TokenStatus::ExpiringSoon ? TokenStatus::Active : s.status;
    return {{QStringLiteral("id"), s.id},
            {QStringLiteral("hint"), s.hint},
            {QStringLiteral("user"), s.username},
            {QStringLiteral("email"), s.email},
            {QStringLiteral("department"), s.department},
            {QStringLiteral("user_type"), s.userType},
            {QStringLiteral("device"), s.deviceName},
            {QStringLiteral("platform"), s.platform},
            {QStringLiteral("app_version"), s.appVersion},
            {QStringLiteral("created_at"), time(s.createdAt)},
            {QStringLiteral("last_active_at"), time(s.lastActiveAt)},
            {QStringLiteral("last_active_from"), s.lastActiveFrom},
            {QStringLiteral("expires_at"), time(s.expiresAt)},
            {QStringLiteral("revoked_at"), time(s.revokedAt)},
            {QStringLiteral("status"), statusName(status)}};
}

QJsonObject auditEntry(const AuditEntry &e)
{
    return {{QStringLiteral("id"), e.id},           {QStringLiteral("at"), time(e.at)},
            {QStringLiteral("actor"), e.actor},     {QStringLiteral("action"), e.action},
            {QStringLiteral("target"), e.target},   {QStringLiteral("outcome"), e.outcome},
            {QStringLiteral("details"), e.details}, {QStringLiteral("address"), e.address}};
}

ArrayWriter::ArrayWriter(QTextStream &out)
    : m_out(out)
{
    m_out << '[';
}

void ArrayWriter::add(const QJsonObject &o)
{
    m_out << (m_first ? "\n" : ",\n")
          << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    m_first = false;
}

void ArrayWriter::finish()
{
    m_out << (m_first ? "]\n" : "\n]\n");
}

} // namespace td::CliJson
