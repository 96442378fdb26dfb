// SPDX-License-Identifier: MIT
#include "permissions.h"

namespace td {

namespace Scope {
QStringList all()
{
    return {Collection, Device, Policy, Users, Departments, Introspect, LeakReport};
}

bool chosenOnly(const QString &scope)
{
    return scope == LeakReport;
}

QStringList app()
{
    return {Collection, Device, Policy};
}

QString title(const QString &scope)
{
    if (scope == Collection)
        return QCoreApplication::translate("Scope", "Collection");
    if (scope == Device)
        return QCoreApplication::translate("Scope", "Device");
    if (scope == Policy)
        return QCoreApplication::translate("Scope", "Policy");
    if (scope == Users)
        return QCoreApplication::translate("Scope", "Users");
    if (scope == Departments)
        return QCoreApplication::translate("Scope", "Departments");
    if (scope == Introspect)
        return QCoreApplication::translate("Scope", "Introspect");
    if (scope == LeakReport)
        return QCoreApplication::translate("Scope", "Leak report");
    return scope;
}

QString description(const QString &scope)
{
    if (scope == Collection)
        return QCoreApplication::translate("Scope", "Read and upload the data collections of "
                                                    "the token's department.");
    if (scope == Device)
        return QCoreApplication::translate("Scope", "Register devices and read their status.");
    if (scope == Policy)
        return QCoreApplication::translate("Scope", "Read and apply the department's policies.");
    if (scope == Users)
        return QCoreApplication::translate("Scope", "Read and change user accounts in the "
                                                    "department.");
    if (scope == Departments)
        return QCoreApplication::translate("Scope", "Read and change departments.");
    if (scope == Introspect)
        return QCoreApplication::translate("Scope", "Ask TokenDesk whether other tokens are valid "
                                                    "(RFC 7662 introspection).");
    if (scope == LeakReport)
        return QCoreApplication::translate("Scope", "Report tokens a secret scanner found "
                                                    "published: each valid one is revoked. "
                                                    "Reads no token.");
    return {};
}
} // namespace Scope

namespace Permission {
QStringList all()
{
    return {TokensManageAll, TokensViewAll, TokensManageOwn, TokensResetOwn, SessionsView,
            SessionsRevoke,  UsersView,     UsersManage,     AuditView,      SettingsManage};
}

QString description(const QString &p)
{
    if (p == TokensManageAll)
        return QCoreApplication::translate("Permission", "Create, edit, revoke and delete every "
                                                         "user's API tokens");
    if (p == TokensViewAll)
        return QCoreApplication::translate("Permission", "See every API token (metadata only)");
    if (p == TokensManageOwn)
        return QCoreApplication::translate("Permission", "Create, edit and revoke one's own API "
                                                         "tokens");
    if (p == TokensResetOwn)
        return QCoreApplication::translate("Permission", "Set one's access code and reset one's "
                                                         "personal API token");
    if (p == SessionsView)
        return QCoreApplication::translate("Permission", "See mobile sessions");
    if (p == SessionsRevoke)
        return QCoreApplication::translate("Permission", "End mobile sessions");
    if (p == UsersView)
        return QCoreApplication::translate("Permission", "See users, departments and user types");
    if (p == UsersManage)
        return QCoreApplication::translate("Permission", "Create, edit and disable users, "
                                                         "departments and user types");
    if (p == AuditView)
        return QCoreApplication::translate("Permission", "Read the audit log");
    if (p == SettingsManage)
        return QCoreApplication::translate("Permission", "Change store-wide settings");
    return {};
}
} // namespace Permission

QStringList allGrantableNames()
{
    return Permission::all() + Scope::all();
}

bool isScope(const QString &name)
{
    return Scope::all().contains(name);
}

namespace BuiltinUserType {
QStringList permissionsOf(const QString &userType)
{
    if (userType == Administrator)
        return allGrantableNames();
    if (userType == Support)
        return {Permission::TokensViewAll,
                Permission::TokensResetOwn,
                Permission::SessionsView,
                Permission::SessionsRevoke,
                Permission::UsersView,
                Permission::AuditView,
                Scope::Collection,
                Scope::Device,
                Scope::Policy,
                Scope::Users,
                Scope::Introspect};
    if (userType == Standard)
        return {Permission::TokensManageOwn, Permission::TokensResetOwn, Scope::Collection,
                Scope::Device, Scope::Policy};
    return {};
}

QString shownDescription(const QString &stored)
{
    // The texts store/migrations.cpp writes for Administrator, Support and Standard.
    static const char *const stock[] = {
        QT_TRANSLATE_NOOP("BuiltinUserType", "Everything: users, departments, user types, every "
                                             "API token and mobile session, the audit log."),
        QT_TRANSLATE_NOOP("BuiltinUserType", "Inspects users, API tokens (metadata only) and "
                                             "mobile sessions; ends mobile sessions."),
        QT_TRANSLATE_NOOP("BuiltinUserType", "Sees and manages only their own tokens; sets their "
                                             "own access code."),
    };
    for (const char *text : stock)
        if (stored == QLatin1String(text))
            return QCoreApplication::translate("BuiltinUserType", text);
    return stored;
}
} // namespace BuiltinUserType

QStringList effectiveScopes(const QStringList &tokenScopes, const QStringList &userTypeGrants,
                            const QStringList &boundTypeGrants)
{
    QStringList out;
    for (const QString &s : tokenScopes)
        if (userTypeGrants.contains(s) && boundTypeGrants.contains(s))
            out << s;
    return out;
}

} // namespace td
