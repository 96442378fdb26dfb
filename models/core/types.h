// SPDX-License-Identifier: MIT
#pragma once

#include "security/secret.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace td {

/// Who performs an operation. Built by AccountService::signIn() (a person), Actor::cli() (the admin
/// CLI, which works with the store's own rights) or Actor::system().
struct Actor
{
    enum class Kind { User, Cli, System };
    Kind kind = Kind::System;
    qint64 userId = 0;         ///< with Kind::User
    QString username;          ///< with Kind::User
    QString label;             ///< as written to the audit log: "alice", "cli:root", "system"
    QString address;           ///< network address or "local"
    QSet<QString> permissions; ///< with Kind::User: the user type's, loaded at sign-in
    qint64 userTypeId = 0;     ///< with Kind::User: as loaded with the permissions

    static Actor cli(const QString &osUser);
    static Actor system(const QString &what = QStringLiteral("system"));
    bool isPerson() const { return kind == Kind::User; }
    /// CLI and system actors hold every permission.
    bool can(const QString &permission) const;
};

struct Tenant
{
    QString id; ///< UUID without braces
    QDateTime createdAt;
};

struct Department
{
    qint64 id = 0;
    QString name;
    QDateTime createdAt;
    qint64 userCount = 0;
};

struct UserType
{
    qint64 id = 0;
    QString name;
    QString description;
    bool builtin = false;
    QStringList permissions; ///< console permissions and API scopes, sorted
    qint64 userCount = 0;
    QStringList scopes() const;
};

struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    qint64 departmentId = 0;
    QString department;
    qint64 userTypeId = 0;
    QString userType;
    QDateTime createdAt;
    QString createdBy;
    QDateTime disabledAt; ///< invalid when enabled
    /// The language of the user's e-mail notices (NoticeLanguage: "en", "de"); empty: the
    /// server's default.
    QString language;
    bool hasAccessCode = false;
    QDateTime accessCodeSetAt;
    QDateTime accessCodeExpiresAt; ///< invalid: never expires (or no access code)
    /// Sign-in locked after repeated failures (per credential kind) until then, as read from the
    /// store; invalid: not locked when read.
    QDateTime passwordLockedUntil;
    QDateTime accessCodeLockedUntil;
    bool enabled() const { return !disabledAt.isValid(); }
    bool locked() const { return passwordLockedUntil.isValid() || accessCodeLockedUntil.isValid(); }
};

enum class TokenStatus { Active, ExpiringSoon, Expired, Revoked };
QString statusName(TokenStatus s);  ///< "active", "expiring", "expired", "revoked"
QString statusTitle(TokenStatus s); ///< translated "Active", "Expiring soon", …
std::optional<TokenStatus> statusFromName(const QString &name);
/// A token's or session's status from its stored times, as the lists show it.
TokenStatus tokenStatusAt(qint64 nowMs, qint64 expiresAtMs, bool revoked, int soonDays);

struct ApiToken
{
    qint64 id = 0;
    QString name;
    QString description;
    QString hint;
    QStringList scopes; ///< as granted
    /// What it may do now (effectiveScopes()): fewer than `scopes` when its user's user type no
    /// longer grants them all.
    QStringList effectiveScopes;
    bool exceedsUserType() const { return effectiveScopes.size() < scopes.size(); }
    qint64 userId = 0;
    QString username;
    qint64 departmentId = 0;
    QString department;
    qint64 userTypeId = 0;
    QString userType;
    bool personal = false;
    QDateTime createdAt;
    QString createdBy;
    QDateTime expiresAt;
    QDateTime lastUsedAt;
    QString lastUsedFrom;
    QDateTime revokedAt;
    QString revokedBy;
    /// The last rotation (TokenService::rotate): when, by whom, the hint of the secret it
    /// replaced and until when that secret works (at or before rotatedAt: not at all). Invalid
    /// and empty for a token never rotated.
    QDateTime rotatedAt;
    QString rotatedBy;
    QString previousHint;
    QDateTime previousUntil;
    TokenStatus status = TokenStatus::Active;
};

struct MobileSession
{
    qint64 id = 0;
    QString hint;
    qint64 userId = 0;
    QString username;
    QString email;
    QString department;
    QString userType;
    QString deviceName;
    QString platform;
    QString appVersion;
    QDateTime createdAt;
    QDateTime lastActiveAt;
    QString lastActiveFrom;
    QDateTime expiresAt;
    QDateTime revokedAt;
    QString revokedBy;
    TokenStatus status = TokenStatus::Active;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QString outcome; ///< "success", "denied", "failure"
    QString details;
    QString address;
};

/// Text from outside (a request, an old store row) made safe for a log line or a terminal:
/// every control character (C0, DEL, C1) becomes \xNN and every invisible format character
/// (bidirectional overrides, zero-width marks: Unicode category Cf) \uNNNN, so nothing can
/// move the cursor, end a line or reorder what a reader sees. Backslashes stay as they are.
/// The one function every output of audit data uses (it is applied when rows are written and
/// when they are read).
QString escapeControls(const QString &text);
/// escapeControls() on every text field of an audit entry.
AuditEntry escaped(AuditEntry entry);

/// A token's plaintext, shown once. Wiped with the object.
struct CreatedToken
{
    qint64 id = 0;
    SecretBytes secret;
    QString hint;
    QDateTime expiresAt;
};

struct NewUser
{
    QString username;
    QString displayName;
    QString email;
    QString department; ///< by name
    QString userType;   ///< by name
    QString language;   ///< of e-mail notices; empty: the server's default
    SecretBytes password;
};

struct UserChanges
{
    std::optional<QString> displayName;
    std::optional<QString> email;
    std::optional<QString> department;
    std::optional<QString> userType;
    std::optional<QString> language;
};

struct NewApiToken
{
    QString name;
    QString description;
    QStringList scopes;
    QString username;
    QString department; ///< empty: the user's department
    QString userType;   ///< empty: the user's user type
    QDateTime expiresAt;
    /// Set when the user confirmed an expiry further away than 12 months.
    bool longLivedConfirmed = false;
};

/// Sort columns of the token list, in the order of the console's columns.
enum class TokenColumn {
    Name,
    Hint,
    Scopes,
    User,
    Department,
    UserType,
    Created,
    Expires,
    LastUsed,
    Status,
    Id
};

struct TokenQuery
{
    QString text;                ///< substring of name, hint, user, description
    QList<TokenStatus> statuses; ///< empty: all
    std::optional<qint64> departmentId;
    std::optional<qint64> userId;
    /// "Not used for": 0 no filter; N > 0 tokens not used in the last N days (never used
    /// ones too) and created more than N days ago; NeverUsed: tokens never used, of any age.
    int unusedDays = 0;
    static constexpr int NeverUsed = -1;
    static constexpr int MaxUnusedDays = 3650;
    /// The periods the console and the CLI offer (days).
    static constexpr int UnusedPeriods[] = {30, 60, 90, 180};
    /// The valid (active or expiring soon) tokens not used for `days` days, by id: what
    /// "Revoke unused tokens", `token revoke-unused` and the unused-token policy revoke.
    static TokenQuery validUnused(int days);
    /// Tokens whose expiry is in [expiresFrom, expiresBefore) (an invalid bound: open), e.g. a
    /// week of the Overview's expiry chart.
    QDateTime expiresFrom;
    QDateTime expiresBefore;
    TokenColumn sortColumn = TokenColumn::Created;
    bool ascending = false;
    qint64 offset = 0;
    qint64 limit = 100; ///< <= 0: no limit
};

struct SessionQuery
{
    QString text;
    bool includeEnded = false; ///< revoked and expired sessions too
    std::optional<qint64> userId;
    qint64 offset = 0;
    qint64 limit = 100;
};

struct AuditQuery
{
    QString actor;
    QString action;  ///< prefix, e.g. "token." or "token.revoke"
    QString outcome; ///< one of outcomes(), or empty: any
    QString text;
    QDateTime since;
    QDateTime until;
    bool newestFirst = true;
    qint64 offset = 0;
    qint64 limit = 100;
};

/// What an audit row's outcome may be: "success", "denied" (a refusal), "failure".
QStringList auditOutcomes();

struct UserQuery
{
    QString text;
    bool includeDisabled = true;
    qint64 offset = 0;
    qint64 limit = 0;
};

struct StoreSettings
{
    int expiringSoonDays = 7;
    int maxTokenLifetimeDays = 0; ///< 0: no hard maximum
    int sessionLifetimeDays = 30;
    /// The unused-token policy: 0 off; else tokendesk-server revokes once a night the valid
    /// tokens not used for that many days (TokenService::applyUnusedTokenPolicy).
    int unusedTokenPolicyDays = 0;

    /// The ranges AccountService::updateSettings accepts (the console's fields use them too).
    static constexpr int MaxExpiringSoonDays = 90;
    static constexpr int MaxTokenLifetimeLimitDays = 3650;
    static constexpr int MaxSessionLifetimeDays = 365;
    static constexpr int MinUnusedTokenPolicyDays = 30;
};

/// What TokenService::verify() answers about a presented bearer token.
struct VerifiedToken
{
    enum class Kind { Api, Session };
    enum class Status { Valid, Malformed, Unknown, Expired, Revoked, UserDisabled };
    Status status = Status::Unknown;
    Kind kind = Kind::Api;
    qint64 id = 0;
    QString name; ///< API token name, or the session's device name
    qint64 userId = 0;
    QString username;
    QString email;
    QString department;
    QString userType;
    QStringList scopes; ///< effective: token scopes ∩ user type permissions
    QDateTime issuedAt;
    QDateTime expiresAt;
    QString tenantId;
    /// Valid when the token was presented with the secret a rotation replaced, which keeps
    /// working until then (TokenService::rotate).
    QDateTime rotatingUntil;
    bool valid() const { return status == Status::Valid; }
};
QString verifyStatusName(VerifiedToken::Status s); ///< "valid", "malformed", "unknown", …

/// A console sign-in (a tdc_ credential of the admin API) as listed: never the credential.
struct ConsoleSignIn
{
    qint64 id = 0;
    qint64 userId = 0;
    QString username;
    QString hint;
    QDateTime createdAt;
    QString createdFrom;
    QDateTime lastUsedAt;
    QString lastUsedFrom;
    QDateTime expiresAt;    ///< when it ends unless used before (idle expiry)
    QDateTime maxExpiresAt; ///< when it ends in any case
    QDateTime revokedAt;
    QString revokedBy;
    /// Not revoked and neither expiry reached at nowMs.
    bool activeAt(qint64 nowMs) const
    {
        return !revokedAt.isValid() && expiresAt.toMSecsSinceEpoch() > nowMs &&
               maxExpiresAt.toMSecsSinceEpoch() > nowMs;
    }
};

/// A new console sign-in: its credential (returned once) and the person it signs in.
struct ConsoleCredential
{
    CreatedToken token;
    Actor actor;
};

/// A revoke of every row of a filter but some (TokenService::revokeMatching,
/// SessionService::revokeMatching): what was revoked and what was skipped.
struct BulkRevoke
{
    int revoked = 0;
    int alreadyRevoked = 0; ///< listed, but revoked (or ended) already
};

/// The tokens of a query counted per department and per user (TokenService::countByOwner):
/// what "Revoke unused tokens…" shows before it revokes.
struct TokenOwnerCounts
{
    struct Group
    {
        qint64 id = 0;
        QString name;
        qint64 count = 0;
    };
    qint64 total = 0;
    QList<Group> departments; ///< every department with tokens, most tokens first
    QList<Group> users;       ///< at most MaxUsers users, most tokens first
    qint64 userCount = 0;     ///< users with tokens (users.size() or more)
    static constexpr int MaxUsers = 100;
};

/// A delete of every token of a filter but some (TokenService::removeMatching).
struct BulkDelete
{
    int deleted = 0;
    int stillValid = 0; ///< listed, but neither revoked nor expired: skipped
};

struct DisableResult
{
    int tokensRevoked = 0;
    int sessionsRevoked = 0;
};

} // namespace td
