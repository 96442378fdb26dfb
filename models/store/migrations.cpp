// SPDX-License-Identifier: MIT
#include "migrations.h"

#include "domain/permissions.h"

namespace td {

namespace {

QString quoted(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

Migration initialSchema()
{
    QStringList s = {
        QStringLiteral("CREATE TABLE tenant ("
                       " id INTEGER PRIMARY KEY CHECK (id = 1),"
                       " tenant_uuid TEXT NOT NULL,"
                       " created_at @INT@ NOT NULL)"),
        QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE departments ("
                       " id @PK@,"
                       " name TEXT NOT NULL,"
                       " name_key TEXT NOT NULL UNIQUE,"
                       " created_at @INT@ NOT NULL)"),
        QStringLiteral("CREATE TABLE user_types ("
                       " id @PK@,"
                       " name TEXT NOT NULL,"
                       " name_key TEXT NOT NULL UNIQUE,"
                       " description TEXT NOT NULL DEFAULT '',"
                       " builtin INTEGER NOT NULL DEFAULT 0,"
                       " created_at @INT@ NOT NULL)"),
        QStringLiteral("CREATE TABLE permissions ("
                       " name TEXT PRIMARY KEY,"
                       " kind TEXT NOT NULL CHECK (kind IN ('console', 'scope')))"),
        QStringLiteral("CREATE TABLE scopes (name TEXT PRIMARY KEY, position INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE user_type_permissions ("
                       " user_type_id @INT@ NOT NULL REFERENCES user_types(id) ON DELETE CASCADE,"
                       " permission TEXT NOT NULL REFERENCES permissions(name),"
                       " PRIMARY KEY (user_type_id, permission))"),
        QStringLiteral("CREATE TABLE users ("
                       " id @PK@,"
                       " username TEXT NOT NULL UNIQUE,"
                       " display_name TEXT NOT NULL DEFAULT '',"
                       " email TEXT NOT NULL DEFAULT '',"
                       " department_id @INT@ NOT NULL REFERENCES departments(id),"
                       " user_type_id @INT@ NOT NULL REFERENCES user_types(id),"
                       " password_hash TEXT NOT NULL,"
                       " access_code_hash TEXT,"
                       " access_code_set_at @INT@,"
                       " access_code_expires_at @INT@,"
                       " created_at @INT@ NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " disabled_at @INT@,"
                       " disabled_by TEXT)"),
        QStringLiteral("CREATE INDEX users_department ON users (department_id)"),
        QStringLiteral("CREATE INDEX users_user_type ON users (user_type_id)"),
        QStringLiteral("CREATE TABLE api_tokens ("
                       " id @PK@,"
                       " token_hash @BLOB@ NOT NULL,"
                       " hint TEXT NOT NULL,"
                       " name TEXT NOT NULL,"
                       " description TEXT NOT NULL DEFAULT '',"
                       " scope_list TEXT NOT NULL,"
                       " user_id @INT@ NOT NULL REFERENCES users(id),"
                       " department_id @INT@ NOT NULL REFERENCES departments(id),"
                       " user_type_id @INT@ NOT NULL REFERENCES user_types(id),"
                       " personal INTEGER NOT NULL DEFAULT 0,"
                       " created_at @INT@ NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " expires_at @INT@ NOT NULL,"
                       " last_used_at @INT@,"
                       " last_used_addr TEXT,"
                       " revoked_at @INT@,"
                       " revoked_by TEXT)"),
        QStringLiteral("CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash)"),
        // A name is unique among a user's tokens that are not revoked.
        QStringLiteral("CREATE UNIQUE INDEX api_tokens_user_live_name ON api_tokens (user_id, name)"
                       " WHERE revoked_at IS NULL"),
        QStringLiteral("CREATE INDEX api_tokens_user ON api_tokens (user_id, id)"),
        QStringLiteral("CREATE INDEX api_tokens_department ON api_tokens (department_id, id)"),
        QStringLiteral("CREATE INDEX api_tokens_created ON api_tokens (created_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_expires ON api_tokens (expires_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_name ON api_tokens (name, id)"),
        QStringLiteral("CREATE INDEX api_tokens_revoked ON api_tokens (revoked_at, id)"),
        QStringLiteral("CREATE TABLE api_token_scopes ("
                       " token_id @INT@ NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,"
                       " scope TEXT NOT NULL REFERENCES scopes(name),"
                       " PRIMARY KEY (token_id, scope))"),
        QStringLiteral("CREATE TABLE mobile_sessions ("
                       " id @PK@,"
                       " token_hash @BLOB@ NOT NULL,"
                       " hint TEXT NOT NULL,"
                       " user_id @INT@ NOT NULL REFERENCES users(id),"
                       " device_name TEXT NOT NULL,"
                       " platform TEXT NOT NULL,"
                       " app_version TEXT NOT NULL,"
                       " created_at @INT@ NOT NULL,"
                       " last_active_at @INT@ NOT NULL,"
                       " last_active_addr TEXT NOT NULL DEFAULT '',"
                       " expires_at @INT@ NOT NULL,"
                       " revoked_at @INT@,"
                       " revoked_by TEXT)"),
        QStringLiteral("CREATE UNIQUE INDEX mobile_sessions_hash ON mobile_sessions (token_hash)"),
        QStringLiteral("CREATE INDEX mobile_sessions_user ON mobile_sessions (user_id, id)"),
        QStringLiteral("CREATE INDEX mobile_sessions_last_active ON mobile_sessions"
                       " (last_active_at, id)"),
        QStringLiteral("CREATE INDEX mobile_sessions_expires ON mobile_sessions (expires_at, id)"),
        QStringLiteral("CREATE TABLE audit_log ("
                       " id @PK@,"
                       " at @INT@ NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " target TEXT NOT NULL DEFAULT '',"
                       " outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),"
                       " details TEXT NOT NULL DEFAULT '',"
                       " address TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at, id)"),
        QStringLiteral("CREATE INDEX audit_log_actor ON audit_log (actor, at)"),
        QStringLiteral("CREATE INDEX audit_log_action ON audit_log (action, at)"),
        QStringLiteral("CREATE TABLE auth_throttle ("
                       " key TEXT PRIMARY KEY,"
                       " failures INTEGER NOT NULL,"
                       " last_failure_at @INT@ NOT NULL,"
                       " blocked_until @INT@ NOT NULL)"),
    };

    // Seeded catalogs.
    int position = 0;
    for (const QString &scope : Scope::all()) {
        s << QStringLiteral("INSERT INTO scopes (name, position) VALUES (%1, %2)")
                 .arg(quoted(scope))
                 .arg(position++);
        s << QStringLiteral("INSERT INTO permissions (name, kind) VALUES (%1, 'scope')")
                 .arg(quoted(scope));
    }
    for (const QString &p : Permission::all())
        s << QStringLiteral("INSERT INTO permissions (name, kind) VALUES (%1, 'console')")
                 .arg(quoted(p));
    const QStringList builtin = {BuiltinUserType::Administrator, BuiltinUserType::Support,
                                 BuiltinUserType::Standard};
    const QStringList descriptions = {
        QStringLiteral("Everything: users, departments, user types, every API token and mobile "
                       "session, the audit log."),
        QStringLiteral("Inspects users, API tokens (metadata only) and mobile sessions; ends "
                       "mobile sessions."),
        QStringLiteral("Sees and manages only their own tokens; sets their own access code."),
    };
    for (int i = 0; i < builtin.size(); ++i) {
        s << QStringLiteral("INSERT INTO user_types (name, name_key, description, builtin, "
                            "created_at) VALUES (%1, %2, %3, 1, 0)")
                 .arg(quoted(builtin[i]), quoted(builtin[i].toCaseFolded()),
                      quoted(descriptions[i]));
        for (const QString &p : BuiltinUserType::permissionsOf(builtin[i]))
            s << QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                                "SELECT id, %1 FROM user_types WHERE name_key = %2")
                     .arg(quoted(p), quoted(builtin[i].toCaseFolded()));
    }
    s << QStringLiteral("INSERT INTO settings (key, value) VALUES ('expiring_soon_days', '7')")
      << QStringLiteral("INSERT INTO settings (key, value) VALUES ('max_token_lifetime_days', '0')")
      << QStringLiteral("INSERT INTO settings (key, value) VALUES ('session_lifetime_days', '30')");
    return {1, QStringLiteral("initial schema"), s};
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {initialSchema()};
    return list;
}

} // namespace td
