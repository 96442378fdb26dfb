// SPDX-License-Identifier: MIT
#include "migrations.h"

#include "core/permissions.h"

namespace td {

namespace {

QString quoted(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

/// The tenant, settings, departments, user types with their permissions, users.
QStringList storeAndAccountTables()
{
    return {
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
    };
}

/// API tokens and their scopes.
QStringList tokenTables()
{
    return {
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
    };
}

/// Mobile sessions, the audit log, sign-in throttling.
QStringList sessionAndAuditTables()
{
    return {
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
}

/// The scopes of the first schema; later scopes come with their migrations.
QStringList initialScopes()
{
    return {Scope::Collection, Scope::Device,      Scope::Policy,
            Scope::Users,      Scope::Departments, Scope::Introspect};
}

/// The catalogs of scopes and console permissions.
QStringList catalogRows()
{
    QStringList s;
    int position = 0;
    for (const QString &scope : initialScopes()) {
        s << QStringLiteral("INSERT INTO scopes (name, position) VALUES (%1, %2)")
                 .arg(quoted(scope))
                 .arg(position++);
        s << QStringLiteral("INSERT INTO permissions (name, kind) VALUES (%1, 'scope')")
                 .arg(quoted(scope));
    }
    for (const QString &p : Permission::all())
        s << QStringLiteral("INSERT INTO permissions (name, kind) VALUES (%1, 'console')")
                 .arg(quoted(p));
    return s;
}

/// Administrator, Support and Standard with their permissions.
QStringList builtinUserTypeRows()
{
    QStringList s;
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
            if (!isScope(p) || initialScopes().contains(p))
                s << QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                                    "SELECT id, %1 FROM user_types WHERE name_key = %2")
                         .arg(quoted(p), quoted(builtin[i].toCaseFolded()));
    }
    return s;
}

/// The store settings' defaults.
QStringList settingRows()
{
    QStringList s;
    s << QStringLiteral("INSERT INTO settings (key, value) VALUES ('expiring_soon_days', '7')")
      << QStringLiteral("INSERT INTO settings (key, value) VALUES ('max_token_lifetime_days', '0')")
      << QStringLiteral("INSERT INTO settings (key, value) VALUES ('session_lifetime_days', '30')");
    return s;
}

Migration initialSchema()
{
    return {1, QStringLiteral("initial schema"),
            storeAndAccountTables() + tokenTables() + sessionAndAuditTables() + catalogRows() +
                builtinUserTypeRows() + settingRows()};
}

/// The API token list at a million rows: every column of the console's list sorts on
/// an index, and a substring filter does not scan the table.
///  - The names shown for a token's user, department and user type are copied into the token
///    row (set by whoever inserts a token; kept current by triggers when a department or user
///    type is renamed; usernames never change), so that sorting by them walks one index.
///    PostgreSQL refuses a token without them (CHECK). SQLite cannot add that CHECK to a table
///    with rows, and a BEFORE INSERT trigger doing it made every insert write a statement
///    journal (the demo's million tokens took twice as long), so there the tests of both back
///    ends are the guard.
///  - last_used_key and status_key are generated columns, so that "Last Used" (NULL: never) and
///    "Status" (Active < Expiring soon < Expired < Revoked at any moment: unrevoked by expiry,
///    latest first, then revoked) are plain index keys. Every multi-valued sort key is followed
///    by created_at, because SQLite cannot seek on the rowid inside a row value.
///  - Substring search: on SQLite a contentless FTS5 trigram index of name, hint, username and
///    description (the store's trusted_schema=OFF forbids virtual tables in triggers, so the
///    code that inserts or deletes tokens maintains it: see domain/tokens/tokensearch.h); on
///    PostgreSQL a pg_trgm GIN index over the same text, when the extension can be created
///    (otherwise searching still works, by scanning).
/// Columns with the names the token list shows, filled from the rows.
QStringList tokenListNameColumns()
{
    return {
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN user_name TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN department_name TEXT NOT NULL "
                       "DEFAULT ''"),
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN user_type_name TEXT NOT NULL "
                       "DEFAULT ''"),
        QStringLiteral("UPDATE api_tokens SET"
                       " user_name = (SELECT u.username FROM users u"
                       " WHERE u.id = api_tokens.user_id),"
                       " department_name = (SELECT d.name FROM departments d"
                       " WHERE d.id = api_tokens.department_id),"
                       " user_type_name = (SELECT ut.name FROM user_types ut"
                       " WHERE ut.id = api_tokens.user_type_id)"),
    };
}

/// The indexes that deliver every sort order of the token list (both back ends).
QStringList tokenListIndexes()
{
    return {
        QStringLiteral("CREATE INDEX api_tokens_hint ON api_tokens (hint, id)"),
        QStringLiteral("CREATE INDEX api_tokens_scope_list ON api_tokens"
                       " (scope_list, created_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_user_name ON api_tokens"
                       " (user_name, created_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_department_name ON api_tokens"
                       " (department_name, created_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_user_type_name ON api_tokens"
                       " (user_type_name, created_at, id)"),
        QStringLiteral("CREATE INDEX api_tokens_last_used ON api_tokens"
                       " (last_used_key, created_at, id)"),
        // Also the status filters and counts: each status is a range of status_key
        // (TokenList::select), which makes the index on revoked_at unnecessary.
        QStringLiteral("CREATE INDEX api_tokens_status ON api_tokens (status_key, id)"),
        QStringLiteral("DROP INDEX api_tokens_revoked"),
    };
}

/// Status as one number: unrevoked by expiry (latest first), then revoked.
QString statusKeyExpression()
{
    return QStringLiteral("(CASE WHEN revoked_at IS NULL THEN -expires_at"
                          " ELSE 9000000000000000 - expires_at END)");
}

/// SQLite: virtual generated sort keys, rename triggers, the FTS5 trigram search index.
QStringList tokenListSqlite()
{
    const QString statusKey = statusKeyExpression();
    QStringList sqlite = {
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN last_used_key INTEGER"
                       " GENERATED ALWAYS AS (COALESCE(last_used_at, 0)) VIRTUAL"),
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN status_key INTEGER"
                       " GENERATED ALWAYS AS %1 VIRTUAL")
            .arg(statusKey),
    };
    sqlite += tokenListIndexes();
    sqlite += {
        QStringLiteral("CREATE TRIGGER departments_renamed AFTER UPDATE OF name ON departments"
                       " WHEN NEW.name IS NOT OLD.name BEGIN"
                       " UPDATE api_tokens SET department_name = NEW.name"
                       " WHERE department_id = NEW.id; END"),
        QStringLiteral("CREATE TRIGGER user_types_renamed AFTER UPDATE OF name ON user_types"
                       " WHEN NEW.name IS NOT OLD.name BEGIN"
                       " UPDATE api_tokens SET user_type_name = NEW.name"
                       " WHERE user_type_id = NEW.id; END"),
        QStringLiteral("CREATE VIRTUAL TABLE api_tokens_search USING fts5(name, hint, user_name,"
                       " description, content='', columnsize=0, tokenize='trigram')"),
        QStringLiteral("INSERT INTO api_tokens_search (rowid, name, hint, user_name, description)"
                       " SELECT id, name, hint, user_name, description FROM api_tokens"),
    };
    return sqlite;
}

/// PostgreSQL: stored generated sort keys, the CHECK on the names, rename triggers, pg_trgm.
QStringList tokenListPostgresql()
{
    const QString statusKey = statusKeyExpression();
    QStringList postgresql = {
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN last_used_key BIGINT"
                       " GENERATED ALWAYS AS (COALESCE(last_used_at, 0)) STORED"),
        QStringLiteral("ALTER TABLE api_tokens ADD COLUMN status_key BIGINT"
                       " GENERATED ALWAYS AS %1 STORED")
            .arg(statusKey),
        QStringLiteral("ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_names_required"
                       " CHECK (user_name <> '' AND department_name <> ''"
                       " AND user_type_name <> '')"),
    };
    postgresql += tokenListIndexes();
    postgresql += {
        QStringLiteral("CREATE FUNCTION td_departments_renamed() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " UPDATE api_tokens SET department_name = NEW.name"
                       " WHERE department_id = NEW.id; RETURN NULL; END $$"),
        QStringLiteral("CREATE TRIGGER departments_renamed AFTER UPDATE OF name ON departments"
                       " FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name)"
                       " EXECUTE FUNCTION td_departments_renamed()"),
        QStringLiteral("CREATE FUNCTION td_user_types_renamed() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " UPDATE api_tokens SET user_type_name = NEW.name"
                       " WHERE user_type_id = NEW.id; RETURN NULL; END $$"),
        QStringLiteral("CREATE TRIGGER user_types_renamed AFTER UPDATE OF name ON user_types"
                       " FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name)"
                       " EXECUTE FUNCTION td_user_types_renamed()"),
        // pg_trgm is a trusted extension: a database owner may create it. Without the right,
        // or without the contrib files, the store still works and search scans.
        QStringLiteral("DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm;"
                       " EXCEPTION WHEN OTHERS THEN"
                       " RAISE NOTICE 'pg_trgm unavailable: %', SQLERRM; END $$"),
        QStringLiteral("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension"
                       " WHERE extname = 'pg_trgm') THEN"
                       " EXECUTE 'CREATE INDEX api_tokens_search ON api_tokens USING gin ("
                       "(name || chr(10) || hint || chr(10) || user_name || chr(10) ||"
                       " description) gin_trgm_ops)'; END IF; END $$"),
    };
    return postgresql;
}

Migration tokenListAtScale()
{
    return {2, QStringLiteral("token list at scale: sort keys and substring search"),
            tokenListNameColumns(), tokenListSqlite(), tokenListPostgresql()};
}

/// Servers that keep verified credentials in memory (PostgreSQL): every change that can end or
/// alter a credential notifies channel "tokendesk_credentials", from the transaction that makes
/// it (so the notification is sent when, and only if, it commits): "api:<id>" for a token,
/// "session:<id>" for a session, "user:<id>" for a user, "*" for what many credentials share
/// (a user type's permissions or name, a department's name, the tenant). A token's last use is
/// not such a change. Also, on both back ends: the index the pruning of auth_throttle uses.
Migration credentialNotifications()
{
    const QStringList common = {
        QStringLiteral("CREATE INDEX auth_throttle_last_failure ON auth_throttle"
                       " (last_failure_at)"),
    };
    auto rowTrigger = [](const QString &table, const QString &prefix, const QString &columns) {
        QStringList oldCols, newCols;
        for (const QString &c : columns.split(QLatin1Char(','))) {
            oldCols << QStringLiteral("OLD.") + c.trimmed();
            newCols << QStringLiteral("NEW.") + c.trimmed();
        }
        return QStringList{
            QStringLiteral("CREATE TRIGGER %1_changed AFTER UPDATE ON %1 FOR EACH ROW"
                           " WHEN ((%2) IS DISTINCT FROM (%3))"
                           " EXECUTE FUNCTION td_notify_credential('%4')")
                .arg(table, oldCols.join(QStringLiteral(", ")), newCols.join(QStringLiteral(", ")),
                     prefix),
            QStringLiteral("CREATE TRIGGER %1_deleted AFTER DELETE ON %1 FOR EACH ROW"
                           " EXECUTE FUNCTION td_notify_credential('%2')")
                .arg(table, prefix),
        };
    };
    QStringList postgresql = {
        QStringLiteral("CREATE FUNCTION td_notify_credential() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " PERFORM pg_notify('tokendesk_credentials', TG_ARGV[0] || ':' || OLD.id);"
                       " RETURN NULL; END $$"),
        QStringLiteral("CREATE FUNCTION td_notify_credentials_all() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " PERFORM pg_notify('tokendesk_credentials', '*');"
                       " RETURN NULL; END $$"),
    };
    postgresql += rowTrigger(QStringLiteral("api_tokens"), QStringLiteral("api"),
                             QStringLiteral("token_hash, name, scope_list, user_id, department_id,"
                                            " user_type_id, expires_at, revoked_at"));
    postgresql += rowTrigger(QStringLiteral("mobile_sessions"), QStringLiteral("session"),
                             QStringLiteral("token_hash, user_id, device_name, expires_at,"
                                            " revoked_at"));
    postgresql += rowTrigger(QStringLiteral("users"), QStringLiteral("user"),
                             QStringLiteral("username, email, department_id, user_type_id,"
                                            " disabled_at"));
    for (const QString &table : {QStringLiteral("departments"), QStringLiteral("user_types"),
                                 QStringLiteral("user_type_permissions"), QStringLiteral("tenant")})
        postgresql << QStringLiteral("CREATE TRIGGER %1_credentials AFTER INSERT OR UPDATE OR"
                                     " DELETE OR TRUNCATE ON %1 FOR EACH STATEMENT"
                                     " EXECUTE FUNCTION td_notify_credentials_all()")
                          .arg(table);
    return {3, QStringLiteral("credential change notifications"), common, {}, postgresql};
}

/// A user's access code also decides their mobile sessions (a session ends when the access code
/// expires): a change to it notifies the credential channel like the user's other columns.
Migration accessCodeNotifications()
{
    const QStringList postgresql = {
        QStringLiteral("DROP TRIGGER users_changed ON users"),
        QStringLiteral("CREATE TRIGGER users_changed AFTER UPDATE ON users FOR EACH ROW"
                       " WHEN ((OLD.username, OLD.email, OLD.department_id, OLD.user_type_id,"
                       " OLD.disabled_at, OLD.access_code_hash, OLD.access_code_expires_at)"
                       " IS DISTINCT FROM (NEW.username, NEW.email, NEW.department_id,"
                       " NEW.user_type_id, NEW.disabled_at, NEW.access_code_hash,"
                       " NEW.access_code_expires_at))"
                       " EXECUTE FUNCTION td_notify_credential('user')"),
    };
    return {
        4, QStringLiteral("access code changes notify the credential channel"), {}, {}, postgresql};
}

/// Console credentials (tdc_): a person signed in to the admin API of tokendesk-server. Stored
/// as the SHA-256 of the credential, never the credential. A credential ends at expires_at
/// (its last use plus the idle time, moved forward while it is used), at max_expires_at (the
/// absolute lifetime) or when revoked (sign-out, an administrator).
Migration consoleCredentials()
{
    return {5,
            QStringLiteral("console credentials"),
            {
                QStringLiteral("CREATE TABLE console_credentials ("
                               " id @PK@,"
                               " token_hash @BLOB@ NOT NULL,"
                               " hint TEXT NOT NULL,"
                               " user_id @INT@ NOT NULL REFERENCES users(id),"
                               " created_at @INT@ NOT NULL,"
                               " created_from TEXT NOT NULL DEFAULT '',"
                               " last_used_at @INT@ NOT NULL,"
                               " last_used_from TEXT NOT NULL DEFAULT '',"
                               " expires_at @INT@ NOT NULL,"
                               " max_expires_at @INT@ NOT NULL,"
                               " revoked_at @INT@,"
                               " revoked_by TEXT)"),
                QStringLiteral("CREATE UNIQUE INDEX console_credentials_hash ON"
                               " console_credentials (token_hash)"),
                QStringLiteral("CREATE INDEX console_credentials_user ON console_credentials"
                               " (user_id, id)"),
            }};
}

/// Consoles on PostgreSQL follow changes to their lists (ChangeWatcher): every statement that
/// changes a table a list shows notifies channel "tokendesk_lists" with the table's name, from
/// its transaction (sent when, and only if, it commits; one per table and transaction). SQLite
/// needs nothing: the consoles poll `PRAGMA data_version`.
Migration listNotifications()
{
    QStringList postgresql = {
        QStringLiteral("CREATE FUNCTION td_notify_lists() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " PERFORM pg_notify('tokendesk_lists', TG_TABLE_NAME);"
                       " RETURN NULL; END $$"),
    };
    for (const QString &table :
         {QStringLiteral("api_tokens"), QStringLiteral("api_token_scopes"),
          QStringLiteral("mobile_sessions"), QStringLiteral("users"), QStringLiteral("departments"),
          QStringLiteral("user_types"), QStringLiteral("user_type_permissions"),
          QStringLiteral("audit_log"), QStringLiteral("settings")})
        postgresql << QStringLiteral("CREATE TRIGGER %1_lists AFTER INSERT OR UPDATE OR DELETE OR"
                                     " TRUNCATE ON %1 FOR EACH STATEMENT"
                                     " EXECUTE FUNCTION td_notify_lists()")
                          .arg(table);
    return {6, QStringLiteral("list change notifications"), {}, {}, postgresql};
}

/// Rotation (TokenService::rotate): the secret a rotation replaced keeps working until
/// previous_until, found by its hash when the current one does not match.
Migration tokenRotation()
{
    return {7,
            QStringLiteral("token rotation"),
            {
                QStringLiteral("ALTER TABLE api_tokens ADD COLUMN previous_hash @BLOB@"),
                QStringLiteral("ALTER TABLE api_tokens ADD COLUMN previous_hint TEXT"),
                QStringLiteral("ALTER TABLE api_tokens ADD COLUMN previous_until @INT@"),
                QStringLiteral("ALTER TABLE api_tokens ADD COLUMN rotated_at @INT@"),
                QStringLiteral("ALTER TABLE api_tokens ADD COLUMN rotated_by TEXT"),
                QStringLiteral("CREATE UNIQUE INDEX api_tokens_previous_hash ON api_tokens"
                               " (previous_hash)"),
            }};
}

/// "Not used for" (TokenList::select) at a million tokens: one index whose range is the
/// period and that also holds what its counts read (the status for "valid", the department and
/// the user for the preview of "Revoke unused tokens"), so they read no token row.
Migration unusedTokens()
{
    return {8,
            QStringLiteral("stale tokens: the index of \"not used for\""),
            {QStringLiteral("CREATE INDEX api_tokens_unused ON api_tokens"
                            " (last_used_key, created_at, status_key, department_id, user_id)")},
            {},
            {}};
}

/// The Overview place (OverviewService): uses of API tokens per UTC day and user (written with
/// a token's last use, so at most once a minute per token), and partial indexes that answer its
/// other counts without touching the tables: live sessions by expiry and platform, failed
/// console and mobile sign-ins by time.
Migration overviewCounts()
{
    const QString requestDays = QStringLiteral("CREATE TABLE api_request_days ("
                                               " day @INT@ NOT NULL,"
                                               " user_id @INT@ NOT NULL REFERENCES users(id),"
                                               " requests @INT@ NOT NULL,"
                                               " PRIMARY KEY (day, user_id)%1)%2");
    return {9,
            QStringLiteral("overview counts"),
            {
                QStringLiteral("CREATE INDEX mobile_sessions_live_platform ON mobile_sessions"
                               " (expires_at, platform) WHERE revoked_at IS NULL"),
                QStringLiteral("CREATE INDEX audit_log_failed_sign_ins ON audit_log (at)"
                               " WHERE outcome = 'failure'"
                               " AND action IN ('auth.sign_in', 'session.create')"),
            },
            // A sum of days reads the primary key alone: on SQLite the rows live in its b-tree,
            // on PostgreSQL it includes the count (an index-only scan).
            {requestDays.arg(QString(), QStringLiteral(" WITHOUT ROWID")),
             QStringLiteral("CREATE INDEX api_request_days_user ON api_request_days"
                            " (user_id, day)")},
            {requestDays.arg(QStringLiteral(" INCLUDE (requests)"), QString()),
             QStringLiteral("CREATE INDEX api_request_days_user ON api_request_days"
                            " (user_id, day)")}};
}

/// Expiry notices (NoticeService): the language a user's notices are written in ('' the
/// server's), one row per credential, expiry and threshold noticed (so a restart or a second
/// server never notices twice, and a renewed credential is noticed again for its new expiry),
/// and the outbox of e-mails tokendesk-server sends.
Migration expiryNotices()
{
    return {10,
            QStringLiteral("expiry notices"),
            {
                QStringLiteral("ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("CREATE TABLE expiry_notices ("
                               " subject TEXT NOT NULL CHECK (subject IN ('token', 'access_code')),"
                               " subject_id @INT@ NOT NULL,"
                               " expires_at @INT@ NOT NULL,"
                               " threshold INTEGER NOT NULL,"
                               " noticed_at @INT@ NOT NULL,"
                               " PRIMARY KEY (subject, subject_id, expires_at, threshold))"),
                QStringLiteral("CREATE INDEX expiry_notices_noticed ON expiry_notices"
                               " (noticed_at)"),
                QStringLiteral("CREATE TABLE mail_outbox ("
                               " id @PK@,"
                               " user_id @INT@ REFERENCES users(id),"
                               " recipient TEXT NOT NULL,"
                               " kind TEXT NOT NULL,"
                               " subject TEXT NOT NULL,"
                               " body TEXT NOT NULL,"
                               " created_at @INT@ NOT NULL,"
                               " attempts INTEGER NOT NULL DEFAULT 0,"
                               " next_attempt_at @INT@ NOT NULL,"
                               " sent_at @INT@,"
                               " failed_at @INT@,"
                               " last_error TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)"
                               " WHERE sent_at IS NULL AND failed_at IS NULL"),
            }};
}

/// Webhooks (WebhookService): the receivers an administrator registers, their signing secret
/// only encrypted (crypto_secretbox under tokendesk-server's --webhook-key-file, which the store
/// never holds) with its hint, and the outbox of deliveries with each attempt's answer.
/// claimed_until: a server sending a delivery holds it until then, so two never send it at once.
Migration webhooks()
{
    return {
        11,
        QStringLiteral("webhooks"),
        {
            QStringLiteral("CREATE TABLE webhooks ("
                           " id @PK@,"
                           " url TEXT NOT NULL,"
                           " events TEXT NOT NULL,"
                           " secret_ciphertext @BLOB@ NOT NULL,"
                           " secret_nonce @BLOB@ NOT NULL,"
                           " secret_hint TEXT NOT NULL,"
                           " enabled INTEGER NOT NULL DEFAULT 1,"
                           " created_at @INT@ NOT NULL,"
                           " created_by TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE webhook_deliveries ("
                           " id TEXT PRIMARY KEY,"
                           " webhook_id @INT@ NOT NULL REFERENCES webhooks(id)"
                           " ON DELETE CASCADE,"
                           " event TEXT NOT NULL,"
                           " body TEXT NOT NULL,"
                           " created_at @INT@ NOT NULL,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " next_attempt_at @INT@ NOT NULL,"
                           " claimed_until @INT@ NOT NULL DEFAULT 0,"
                           " last_status INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " delivered_at @INT@,"
                           " failed_at @INT@)"),
            QStringLiteral("CREATE INDEX webhook_deliveries_due ON webhook_deliveries"
                           " (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL"),
            QStringLiteral("CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries"
                           " (webhook_id, created_at)"),
        }};
}

/// The scope of secret scanners' leak reports (POST /api/v1/leaks), granted to the built-in
/// Administrator type as every scope is; a token holds it only when chosen for it.
Migration leakReportScope()
{
    const QString scope = quoted(Scope::LeakReport);
    return {
        12,
        QStringLiteral("leak report scope"),
        {
            QStringLiteral("INSERT INTO scopes (name, position) SELECT %1, COALESCE(MAX("
                           "position), -1) + 1 FROM scopes")
                .arg(scope),
            QStringLiteral("INSERT INTO permissions (name, kind) VALUES (%1, 'scope')").arg(scope),
            QStringLiteral("INSERT INTO user_type_permissions (user_type_id, permission) "
                           "SELECT id, %1 FROM user_types WHERE builtin = 1 AND name_key = %2")
                .arg(scope, quoted(BuiltinUserType::Administrator.toCaseFolded())),
        }};
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        initialSchema(),           tokenListAtScale(),   credentialNotifications(),
        accessCodeNotifications(), consoleCredentials(), listNotifications(),
        tokenRotation(),           unusedTokens(),       overviewCounts(),
        expiryNotices(),           webhooks(),           leakReportScope()};
    return list;
}

} // namespace td
