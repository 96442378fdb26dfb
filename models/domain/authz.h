// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

namespace td::Authz {

/// "May this actor see or change this?": the one place that answers it. The domain services
/// refuse what these deny (and audit the refusal); the console asks the same functions to show
/// an action disabled, with a reason of its own words. CLI and system actors hold every
/// permission; a person holds their user type's, as loaded by Guard::live() or at sign-in.

/// The person is the user with that id.
bool isSelf(const Actor &actor, qint64 userId);

// ---- API tokens ----
/// Every user's tokens are visible (tokens.view_all or tokens.manage_all); else only one's own.
bool seesAllTokens(const Actor &actor);
bool mayViewToken(const Actor &actor, const ApiToken &token);
/// Create tokens at all (for oneself at least): tokens.manage_all or tokens.manage_own.
bool mayCreateTokens(const Actor &actor);
/// Create, change and delete every user's tokens, and bind a token to another department or
/// user type than its user's: tokens.manage_all.
bool mayManageAllTokens(const Actor &actor);
/// Edit the scope of or revoke this token: every token with tokens.manage_all; one's own with
/// tokens.manage_own, or one's personal token with tokens.reset_own.
bool mayChangeToken(const Actor &actor, const ApiToken &token);
/// Delete revoked or expired tokens: administrators (tokens.manage_all).
bool mayDeleteTokens(const Actor &actor);
/// Set one's own access code and reset one's personal token (tokens.reset_own). A person may
/// do that only for themselves; the CLI for anyone.
bool mayResetPersonalToken(const Actor &actor, qint64 userId);

// ---- mobile sessions ----
bool seesAllSessions(const Actor &actor);
bool mayViewSession(const Actor &actor, qint64 ownerId);
/// End other users' sessions (sessions.revoke).
bool mayRevokeAnySession(const Actor &actor);
/// End this session: one's own always, others' with sessions.revoke.
bool mayRevokeSession(const Actor &actor, qint64 ownerId);

// ---- users, departments, user types, settings ----
bool seesAllUsers(const Actor &actor);
bool mayViewUser(const Actor &actor, qint64 userId);
/// Create, edit, disable and enable users; departments and user types (users.manage), within
/// the ceilings below.
bool mayManageUsers(const Actor &actor);

// Privilege ceilings: nobody grants, assigns or edits a permission set larger than their own,
// nobody changes their own user type or its permissions, and only a holder of every permission
// of a user's type manages that user (edits, disables, sets their password or access code).
/// The actor holds every one of these permissions (CLI and system actors hold all).
bool holdsAll(const Actor &actor, const QStringList &permissions);
/// Give a user (new or existing) a user type with these permissions.
bool mayAssignUserType(const Actor &actor, const QStringList &typePermissions);
/// Change this user's user type: never one's own.
bool mayChangeUserTypeOf(const Actor &actor, qint64 userId);
/// Create a user type with these permissions.
bool mayCreateUserType(const Actor &actor, const QStringList &permissions);
/// Change (or delete: newPermissions empty) the user type `typeId` that holds `current`.
bool mayEditUserType(const Actor &actor, qint64 typeId, const QStringList &current,
                     const QStringList &newPermissions);
/// Edit, disable or enable a user whose user type holds `targetPermissions`.
bool mayManageUser(const Actor &actor, qint64 userId, const QStringList &targetPermissions);

/// Set another user's password (one's own changes only with the current password:
/// AccountService::changeOwnPassword).
bool maySetPassword(const Actor &actor, qint64 userId, const QStringList &targetPermissions);
/// Set another user's access code: as maySetPassword(). One's own (tokens.reset_own) takes the
/// current password: mayChangeOwnAccessCode().
bool maySetAccessCode(const Actor &actor, qint64 userId, const QStringList &targetPermissions);
bool mayChangeOwnAccessCode(const Actor &actor);
/// End a console sign-in of this user: one's own, or as one who manages the user.
bool mayEndConsoleSignIn(const Actor &actor, qint64 userId, const QStringList &targetPermissions);
bool mayChangeSettings(const Actor &actor);

// ---- audit log ----
bool mayReadAudit(const Actor &actor);

} // namespace td::Authz
