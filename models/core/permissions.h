// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace td {

/// API scopes: what a token may do in the web service. A user type grants a subset of them; a
/// token's effective scopes are its own scopes ∩ its user type's.
namespace Scope {
inline const QString Collection = QStringLiteral("collection");
inline const QString Device = QStringLiteral("device");
inline const QString Policy = QStringLiteral("policy");
inline const QString Users = QStringLiteral("users");
inline const QString Departments = QStringLiteral("departments");
inline const QString Introspect = QStringLiteral("introspect");
/// A secret scanner reports tokens it found (POST /api/v1/leaks): every valid one is revoked.
/// Nothing else: it reads no token, and a token holds it only when chosen for it by name.
inline const QString LeakReport = QStringLiteral("leak_report");
QStringList all();
/// Scopes a token holds only when they are chosen for it by name: never by a personal token,
/// which otherwise holds every scope its user type grants.
bool chosenOnly(const QString &scope);
/// What a mobile session may do: the app's scopes (collection, device, policy), never the
/// administrative ones, whatever its user's type grants beyond them.
QStringList app();
QString title(const QString &scope);
QString description(const QString &scope);
} // namespace Scope

/// Console permissions: what a person of a user type may do in TokenDesk itself.
namespace Permission {
inline const QString TokensManageAll = QStringLiteral("tokens.manage_all");
inline const QString TokensViewAll = QStringLiteral("tokens.view_all");
inline const QString TokensManageOwn = QStringLiteral("tokens.manage_own");
inline const QString TokensResetOwn = QStringLiteral("tokens.reset_own");
inline const QString SessionsView = QStringLiteral("sessions.view");
inline const QString SessionsRevoke = QStringLiteral("sessions.revoke");
inline const QString UsersView = QStringLiteral("users.view");
inline const QString UsersManage = QStringLiteral("users.manage");
inline const QString AuditView = QStringLiteral("audit.view");
inline const QString SettingsManage = QStringLiteral("settings.manage");
QStringList all();
QString description(const QString &permission);
} // namespace Permission

/// What a token may do now: its own scopes ∩ the permissions of its user's current user type ∩
/// those of the user type it was bound to (the user's at creation unless an administrator chose
/// another). Checked at every verification and shown by every token list.
QStringList effectiveScopes(const QStringList &tokenScopes, const QStringList &userTypeGrants,
                            const QStringList &boundTypeGrants);

/// Every name a user type may hold: the console permissions and the API scopes.
QStringList allGrantableNames();
bool isScope(const QString &name);

/// The three seeded user types.
namespace BuiltinUserType {
inline const QString Administrator = QStringLiteral("Administrator");
inline const QString Support = QStringLiteral("Support");
inline const QString Standard = QStringLiteral("Standard");
QStringList permissionsOf(const QString &userType);
/// A user type's description as shown: the stock English descriptions of the built-in types
/// (stored by the first migration) in the user's language, any other text as it is.
QString shownDescription(const QString &stored);
} // namespace BuiltinUserType

} // namespace td
