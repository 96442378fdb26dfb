// SPDX-License-Identifier: MIT
// The admin API's users, departments and user types (what the console's Users page does).
#include "adminapi.h"

#include "apijson.h"

namespace td {

using namespace ApiJson;

namespace {

HttpReply noContent()
{
    HttpReply r;
    r.status = 204;
    return r;
}

UserQuery userQuery(Query &q)
{
    UserQuery u;
    u.text = q.text("text");
    u.includeDisabled = q.boolean("includeDisabled", true);
    return u;
}

} // namespace

// ---- users ----

HttpReply AdminApi::users(const Call &c)
{
    Query q(c.request);
    const UserQuery query = userQuery(q);
    WindowRequest w;
    w.offset = q.integer("offset", 0, qint64(1) << 53).value_or(0);
    w.limit = int(q.integer("limit", 1, 500).value_or(100));
    w.total = q.integer("total", 0, qint64(1) << 53).value_or(-1);
    w.afterId = q.integer("afterId", 1, qint64(1) << 53);
    w.beforeId = q.integer("beforeId", 1, qint64(1) << 53);
    if (!q.finish())
        return q.problem();
    if (w.total < 0) {
        auto n = m_domain.accounts.countUsers(c.actor, query);
        if (!n)
            return domainError(n.error());
        w.total = n.value();
    }
    auto r = m_domain.accounts.userWindow(c.actor, query, w);
    if (!r)
        return domainError(r.error());
    QJsonArray rows;
    for (const User &u : r->rows)
        rows.append(ApiJson::user(u));
    return reply({
        {QStringLiteral("offset"), r->offset},
        {QStringLiteral("total"), w.total},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("firstId"),
         r->rows.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r->rows.first().id)},
        {QStringLiteral("lastId"),
         r->rows.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r->rows.last().id)},
    });
}

HttpReply AdminApi::userCount(const Call &c)
{
    Query q(c.request);
    const UserQuery query = userQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.accounts.countUsers(c.actor, query);
    return n ? reply({{QStringLiteral("count"), n.value()}}) : domainError(n.error());
}

HttpReply AdminApi::createUser(const Call &c)
{
    Body b(c.request);
    NewUser u;
    u.username = b.text("username");
    u.displayName = b.optionalText("displayName").value_or(QString());
    u.email = b.optionalText("email").value_or(QString());
    u.department = b.text("department");
    u.userType = b.text("userType");
    u.language = b.optionalText("language").value_or(QString());
    u.password = b.secret("password");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.createUser(c.actor, u);
    return r ? reply(ApiJson::user(r.value()), 201) : domainError(r.error());
}

HttpReply AdminApi::user(const Call &c)
{
    auto u = m_domain.accounts.user(c.actor, c.id);
    return u ? reply(ApiJson::user(u.value())) : domainError(u.error());
}

HttpReply AdminApi::userByName(const Call &c)
{
    Query q(c.request);
    const QString username = q.text("username");
    if (!q.finish())
        return q.problem();
    auto u = m_domain.accounts.userByName(c.actor, username);
    return u ? reply(ApiJson::user(u.value())) : domainError(u.error());
}

HttpReply AdminApi::userPosition(const Call &c)
{
    Query q(c.request);
    const UserQuery query = userQuery(q);
    if (!q.finish())
        return q.problem();
    auto n = m_domain.accounts.userPosition(c.actor, query, c.id);
    return n ? reply({{QStringLiteral("position"), n.value()}}) : domainError(n.error());
}

HttpReply AdminApi::updateUser(const Call &c)
{
    Body b(c.request);
    UserChanges ch;
    ch.displayName = b.optionalText("displayName");
    ch.email = b.optionalText("email");
    ch.department = b.optionalText("department");
    ch.userType = b.optionalText("userType");
    ch.language = b.optionalText("language");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.updateUser(c.actor, c.id, ch);
    return r ? user(c) : domainError(r.error());
}

HttpReply AdminApi::setPassword(const Call &c)
{
    Body b(c.request);
    const SecretBytes password = b.secret("password");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.setPassword(c.actor, c.id, password);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::setAccessCode(const Call &c)
{
    Body b(c.request);
    const SecretBytes code = b.secret("accessCode");
    const auto age = b.optionalInteger("ageDays", 0, 3650);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.setAccessCode(c.actor, c.id, code, int(age.value_or(90)));
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::disableUser(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.disableUser(c.actor, c.id);
    return r ? reply(disableResult(r.value())) : domainError(r.error());
}

HttpReply AdminApi::enableUser(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.enableUser(c.actor, c.id);
    return r ? user(c) : domainError(r.error());
}

HttpReply AdminApi::unlockUser(const Call &c)
{
    Body b(c.request, true);
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.unlockUser(c.actor, c.id);
    return r ? user(c) : domainError(r.error());
}

HttpReply AdminApi::liveCredentials(const Call &c)
{
    auto r = m_domain.accounts.liveCredentials(c.actor, c.id);
    return r ? reply(disableResult(r.value())) : domainError(r.error());
}

// ---- departments ----

HttpReply AdminApi::departments(const Call &c)
{
    auto list = m_domain.accounts.departments(c.actor);
    if (!list)
        return domainError(list.error());
    QJsonArray rows;
    for (const Department &d : list.value())
        rows.append(ApiJson::department(d));
    return reply({{QStringLiteral("rows"), rows}});
}

HttpReply AdminApi::createDepartment(const Call &c)
{
    Body b(c.request);
    const QString name = b.text("name");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.createDepartment(c.actor, name);
    return r ? reply(ApiJson::department(r.value()), 201) : domainError(r.error());
}

HttpReply AdminApi::renameDepartment(const Call &c)
{
    Body b(c.request);
    const QString name = b.text("name");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.renameDepartment(c.actor, c.id, name);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::deleteDepartment(const Call &c)
{
    auto r = m_domain.accounts.deleteDepartment(c.actor, c.id);
    return r ? noContent() : domainError(r.error());
}

// ---- user types ----

HttpReply AdminApi::userTypes(const Call &c)
{
    auto list = m_domain.accounts.userTypes(c.actor);
    if (!list)
        return domainError(list.error());
    QJsonArray rows;
    for (const UserType &t : list.value())
        rows.append(ApiJson::userType(t));
    return reply({{QStringLiteral("rows"), rows}});
}

HttpReply AdminApi::createUserType(const Call &c)
{
    Body b(c.request);
    const QString name = b.text("name");
    const QString description = b.optionalText("description").value_or(QString());
    const QStringList permissions = b.texts("permissions");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.createUserType(c.actor, name, description, permissions);
    return r ? reply(ApiJson::userType(r.value()), 201) : domainError(r.error());
}

HttpReply AdminApi::setUserTypePermissions(const Call &c)
{
    Body b(c.request);
    const QStringList permissions = b.texts("permissions");
    if (!b.finish())
        return b.problem();
    auto r = m_domain.accounts.setUserTypePermissions(c.actor, c.id, permissions);
    return r ? noContent() : domainError(r.error());
}

HttpReply AdminApi::deleteUserType(const Call &c)
{
    auto r = m_domain.accounts.deleteUserType(c.actor, c.id);
    return r ? noContent() : domainError(r.error());
}

} // namespace td
