// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/sqlwindow.h"

#include <QCoreApplication>

namespace td {

class Credentials;
class Guard;
struct UserRow;
class Store;

/// People and the store they live in: setting up a store and its settings, signing in and out,
/// departments, user types, users, their passwords and access codes.
class AccountService
{
    Q_DECLARE_TR_FUNCTIONS(AccountService)

public:
    AccountService(Guard &guard, Credentials &credentials)
        : m_guard(guard)
        , m_credentials(credentials)
    {}

    // ---- store set-up and settings (storesetup.cpp) ----
    /// Creates the tenant, the first department and the first administrator in one transaction.
    Result<Tenant> initialize(const Actor &actor, const QString &adminUsername,
                              const SecretBytes &adminPassword, const QString &departmentName);
    Result<Tenant> tenant();
    Result<StoreSettings> settings();
    Result<void> updateSettings(const Actor &actor, const StoreSettings &settings);

    // ---- signing in (signin.cpp) ----
    /// Console sign-in with username + password. Throttled per account and per address;
    /// every failure is audited; the answer never tells which part was wrong.
    Result<Actor> signIn(const QString &username, const SecretBytes &password,
                         const QString &address = QStringLiteral("local"));
    /// Records that a person signed out of the console (audit only).
    Result<void> signOut(const Actor &actor);
    /// Re-reads a person's permissions and checks the account is still enabled.
    Result<Actor> refresh(const Actor &actor);
    /// A person changes their own password: only with the current one.
    Result<void> changeOwnPassword(const Actor &actor, const SecretBytes &current,
                                   const SecretBytes &newPassword);
    /// A person sets their own access code: only with their current password.
    Result<void> changeOwnAccessCode(const Actor &actor, const SecretBytes &currentPassword,
                                     const SecretBytes &code, int ageDays);

    // ---- console credentials of the admin API (consolesignin.cpp) ----
    /// A console credential ends after this long without use (its expiry moves while used) …
    static constexpr qint64 ConsoleIdleMs = qint64(8) * 3600 * 1000;
    /// … and this long after the sign-in in any case.
    static constexpr qint64 ConsoleMaxLifetimeMs = qint64(7) * 24 * 3600 * 1000;
    /// A use is written to the store at most this often per credential.
    static constexpr qint64 ConsoleTouchMs = qint64(60) * 1000;
    /// Sign-in of a console to the admin API with username + password (throttled and audited
    /// as signIn()); returns a tdc_ credential once, stored only as its hash.
    Result<ConsoleCredential> consoleSignIn(const QString &username, const SecretBytes &password,
                                            const QString &address);
    /// The person a console credential signs in, from the store: AuthenticationFailed (with the
    /// reason) when it is malformed, unknown, revoked, expired or its account disabled. Moves
    /// its idle expiry forward. The actor's permissions are not loaded: every service reads
    /// them again (Guard::live()).
    Result<Actor> consoleAuthenticate(QByteArrayView credential, const QString &address);
    /// Sign-out: revokes the credential itself (audited as auth.sign_out).
    Result<void> consoleSignOut(QByteArrayView credential, const QString &address);
    /// The console sign-ins of a user, newest first (oneself, or with users.view).
    Result<QList<ConsoleSignIn>> consoleSignIns(const Actor &actor, qint64 userId);
    /// Ends a console sign-in: one's own, or as one who manages its user.
    Result<void> endConsoleSignIn(const Actor &actor, qint64 signInId);

    // ---- departments and user types (organisation.cpp) ----
    Result<Department> createDepartment(const Actor &actor, const QString &name);
    Result<void> renameDepartment(const Actor &actor, qint64 id, const QString &name);
    Result<void> deleteDepartment(const Actor &actor, qint64 id);
    Result<QList<Department>> departments(const Actor &actor);

    Result<UserType> createUserType(const Actor &actor, const QString &name,
                                    const QString &description, const QStringList &permissions);
    Result<void> setUserTypePermissions(const Actor &actor, qint64 id,
                                        const QStringList &permissions);
    Result<void> deleteUserType(const Actor &actor, qint64 id);
    Result<QList<UserType>> userTypes(const Actor &actor);

    // ---- users (users.cpp) ----
    Result<User> createUser(const Actor &actor, const NewUser &user);
    Result<void> updateUser(const Actor &actor, qint64 id, const UserChanges &changes);
    /// An administrator sets another user's password (or the CLI does); one's own only through
    /// changeOwnPassword().
    Result<void> setPassword(const Actor &actor, qint64 userId, const SecretBytes &password);
    /// Sets another user's access code (the mobile app's sign-in); 0 days: it never expires.
    /// Ends the user's mobile sessions. One's own only through changeOwnAccessCode().
    Result<void> setAccessCode(const Actor &actor, qint64 userId, const SecretBytes &code,
                               int ageDays);
    /// Disables the account and revokes every live token and session of it, in one transaction.
    Result<DisableResult> disableUser(const Actor &actor, qint64 userId);
    Result<void> enableUser(const Actor &actor, qint64 userId);
    /// How many live tokens and sessions disabling would revoke (for the confirmation).
    Result<DisableResult> liveCredentials(const Actor &actor, qint64 userId);
    Result<User> user(const Actor &actor, qint64 id);
    Result<User> userByName(const Actor &actor, const QString &username);

    // ---- the user list (users.cpp, userquery.h) ----
    /// The list of the query (query.offset and query.limit apply; limit <= 0: all).
    Result<QList<User>> users(const Actor &actor, const UserQuery &query = {});
    /// How many users users() would list without limit and offset.
    Result<qint64> countUsers(const Actor &actor, const UserQuery &query = {});
    /// The console's user list, windowed (SqlWindow over the unique user-name index): any window
    /// of a million users costs what the first does. By user name.
    Result<Window<User>> userWindow(const Actor &actor, const UserQuery &query,
                                    const WindowRequest &request);
    Result<qint64> userPosition(const Actor &actor, const UserQuery &query, qint64 id);

    /// Lifts the sign-in throttle of a user's account (both credential kinds), audited.
    Result<void> unlockUser(const Actor &actor, qint64 userId);

private:
    Store &store() const;
    /// Inside a write: the signed-in person `userId` with the audit row of the sign-in.
    Actor signedIn(qint64 userId, const QString &address, const QString &details);
    Result<void> writePassword(const Actor &actor, qint64 userId, const SecretBytes &password,
                               bool currentChecked);
    Result<void> writeAccessCode(const Actor &actor, qint64 userId, const SecretBytes &code,
                                 int ageDays, bool currentChecked);
    QStringList typePermissionsOf(qint64 userId);
    /// Inside a change: the user, when the live actor may manage them; else PermissionDenied.
    UserRow requireManageable(const Actor &live, qint64 userId, const QString &what);
    void requireAssignable(const Actor &live, qint64 userTypeId);

    Guard &m_guard;
    Credentials &m_credentials;
};

} // namespace td
