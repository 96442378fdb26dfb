// SPDX-License-Identifier: MIT
#include "demogenerator.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/tokens/tokensearch.h"
#include "security/passwordhasher.h"
#include "security/tokencodec.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>
#include <sqlite3.h>

namespace td {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

const char *const Departments[] = {
    "Research",          "Clinical Lab",     "Sequencing Core",    "Bioinformatics",
    "Quality Assurance", "Manufacturing",    "Field Service",      "Finance",
    "IT Operations",     "Customer Support", "Regulatory Affairs", "Sales Engineering",
};
const char *const FirstNames[] = {
    "anna", "ben",  "carla", "david", "elena", "farid", "grace", "hiro",   "ines", "jonas",
    "kira", "liam", "mona",  "nils",  "olga",  "pablo", "quinn", "rosa",   "sven", "tara",
    "ugo",  "vera", "wen",   "xavi",  "yara",  "zeno",  "amir",  "bianca", "chen", "dora",
};
const char *const LastNames[] = {
    "schmidt", "nguyen", "garcia", "okafor", "rossi",  "kowalski", "tanaka", "novak",
    "silva",   "berg",   "dubois", "meyer",  "haddad", "larsen",   "costa",  "fischer",
    "ivanova", "moreau", "patel",  "weber",  "yilmaz", "andersen", "sato",   "keller",
};
const char *const TokenNames[] = {
    "ci-deploy",       "iru-uploader",   "grafana-metrics", "backup-nightly", "lims-sync",
    "sample-import",   "report-export",  "terraform",       "ansible",        "jenkins",
    "data-warehouse",  "qc-dashboard",   "sequencer-feed",  "billing-export", "audit-reader",
    "device-registry", "policy-checker", "support-script",  "jupyter",        "airflow",
};
const char *const Devices[] = {
    "iPhone 15",  "iPhone 14 Pro", "iPad Air",   "Pixel 8",     "Pixel 7a",
    "Galaxy S23", "Galaxy Tab S9", "OnePlus 12", "Xperia 10 V", "Moto g84",
};

template<typename T, size_t N> constexpr int count(const T (&)[N])
{
    return int(N);
}

} // namespace

/// Multi-row INSERT in batches; one prepared statement per batch size.
class BatchInsert
{
public:
    BatchInsert(Store &store, QString head, int columns, int rowsPerStatement)
        : m_store(store)
        , m_head(std::move(head))
        , m_columns(columns)
        , m_rows(rowsPerStatement)
    {
        m_values.reserve(qsizetype(columns) * rowsPerStatement);
        // SQLite: bind through the C API on Qt's own connection. Qt's driver converts and looks
        // up every parameter by name, which made binding most of the cost of a million rows.
        if (m_store.isSqlite()) {
            const QVariant handle = m_store.database().driver()->handle();
            if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
                m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
        }
    }
    ~BatchInsert() { sqlite3_finalize(m_stmt); }
    BatchInsert(const BatchInsert &) = delete;
    BatchInsert &operator=(const BatchInsert &) = delete;
    void add(std::initializer_list<QVariant> row)
    {
        for (const QVariant &v : row)
            m_values << v;
        if (m_values.size() == qsizetype(m_columns) * m_rows)
            flush();
    }
    /// Rows of this batch reference rows of parent: write those first.
    void dependsOn(BatchInsert *parent) { m_parent = parent; }
    void flush()
    {
        if (m_values.isEmpty())
            return;
        if (m_parent)
            m_parent->flush();
        const int rows = int(m_values.size() / m_columns);
        if (m_sqlite) {
            flushSqlite(rows);
            return;
        }
        QSqlQuery *q = nullptr;
        if (rows == m_rows) {
            if (!m_full) {
                m_full = std::make_unique<QSqlQuery>(m_store.prepare(statement(rows)));
            }
            q = m_full.get();
        } else {
            m_tail = std::make_unique<QSqlQuery>(m_store.prepare(statement(rows)));
            q = m_tail.get();
        }
        for (int i = 0; i < m_values.size(); ++i)
            q->bindValue(i, Store::bindable(m_values[i]));
        m_store.exec(*q, "writing demo data");
        m_values.clear();
    }

private:
    [[noreturn]] void failSqlite() const
    {
        m_store.failSql(QSqlError(QStringLiteral("Unable to write demo data"),
                                  QString::fromUtf8(sqlite3_errmsg(m_sqlite)),
                                  QSqlError::StatementError,
                                  QString::number(sqlite3_extended_errcode(m_sqlite))),
                        "writing demo data");
    }
    void flushSqlite(int rows)
    {
        if (!m_stmt) {
            const QByteArray sql = statement(1).toUtf8();
            if (sqlite3_prepare_v2(m_sqlite, sql.constData(), int(sql.size()), &m_stmt, nullptr) !=
                SQLITE_OK)
                failSqlite();
        }
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < m_columns; ++c) {
                const QVariant &v = m_values[r * m_columns + c];
                const int i = c + 1;
                int rc = SQLITE_OK;
                if (v.isNull()) { // no value at all: NULL (as Qt binds it)
                    rc = sqlite3_bind_null(m_stmt, i);
                } else if (v.metaType() == QMetaType::fromType<QString>()) {
                    const QString &text = *static_cast<const QString *>(v.constData());
                    // A null QString means '' (Store::bindable); utf16() is never null.
                    rc = sqlite3_bind_text16(m_stmt, i, text.utf16(), int(text.size() * 2),
                                             SQLITE_STATIC);
                } else if (v.metaType() == QMetaType::fromType<QByteArray>()) {
                    const QByteArray &bytes = *static_cast<const QByteArray *>(v.constData());
                    rc = sqlite3_bind_blob(m_stmt, i, bytes.constData(), int(bytes.size()),
                                           SQLITE_STATIC);
                } else {
                    rc = sqlite3_bind_int64(m_stmt, i, v.toLongLong());
                }
                if (rc != SQLITE_OK)
                    failSqlite();
            }
            if (sqlite3_step(m_stmt) != SQLITE_DONE)
                failSqlite();
            sqlite3_reset(m_stmt);
        }
        sqlite3_clear_bindings(m_stmt);
        m_values.clear();
    }

    QString statement(int rows) const
    {
        QString one(QLatin1Char('('));
        for (int c = 0; c < m_columns; ++c)
            one += c ? QStringLiteral(", ?") : QStringLiteral("?");
        one += QLatin1Char(')');
        QStringList all;
        all.reserve(rows);
        for (int r = 0; r < rows; ++r)
            all << one;
        return m_head + QStringLiteral(" VALUES ") + all.join(QLatin1String(", "));
    }
    Store &m_store;
    QString m_head;
    int m_columns;
    int m_rows;
    QVariantList m_values;
    std::unique_ptr<QSqlQuery> m_full;
    std::unique_ptr<QSqlQuery> m_tail;
    BatchInsert *m_parent = nullptr;
    sqlite3 *m_sqlite = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

namespace {
/// One unusable password hash for every demo user: a random secret nobody ever sees.
QString unusablePasswordHash()
{
    initSodium();
    QByteArray random(32, Qt::Uninitialized);
    randombytes_buf(random.data(), size_t(random.size()));
    return QString::fromLatin1(PasswordHasher::hash(SecretBytes(random)));
}

} // namespace

/// One run of the generator: the request, the random source, and what each step leaves for the
/// next (department ids, user types, the users written).
struct DemoGenerator::Run
{
    struct TypeInfo
    {
        qint64 id;
        QString name;
        QStringList scopes;
    };
    struct DemoUser
    {
        qint64 id;
        qint64 dept;
        int type;
        QString username;
    };

    Run(const Actor &a, const DemoRequest &r, const std::function<void(qint64, qint64)> &p,
        QRandomGenerator random)
        : actor(a)
        , req(r)
        , progress(p)
        , rng(random)
    {}

    const Actor &actor;
    const DemoRequest &req;
    const std::function<void(qint64, qint64)> &progress;
    QRandomGenerator rng;
    QString unusableHash;
    qint64 now = 0;
    qint64 total = 0;
    DemoSummary summary;
    QList<qint64> deptIds;
    QHash<qint64, QString> deptNames;
    QList<TypeInfo> types;
    QList<DemoUser> users;
    const QVariant nullInt{QMetaType::fromType<qint64>()};
    const QVariant nullText{QMetaType::fromType<QString>()};

    const DemoUser &randomUser() { return users[int(rng.bounded(qint64(users.size())))]; }
};

DemoGenerator::DemoGenerator(Store &store)
    : m_store(store)
{}

int DemoGenerator::rowsPerStatement(int columns) const
{
    // PostgreSQL: multi-row statements save round trips. SQLite: one prepared single-row
    // statement is fastest, because Qt's driver looks up every parameter by name, linearly in the
    // statement's parameter count (measured: 3.9 s per 200,000 tokens with one row, 6.8 s with 15).
    return m_store.isSqlite() ? 1 : std::max(1, 4000 / columns);
}

Result<void> DemoGenerator::check(const Actor &actor, const DemoRequest &req)
{
    if (req.users < 1 || req.users > 1000000)
        return Error(Errc::InvalidArgument, tr("--users must be 1 to 1000000."),
                     QStringLiteral("users"));
    if (req.tokens < 0 || req.tokens > 10000000)
        return Error(Errc::InvalidArgument, tr("--tokens must be 0 to 10000000."),
                     QStringLiteral("tokens"));
    if (req.sessions < 0 || req.sessions > 10000000)
        return Error(Errc::InvalidArgument, tr("--sessions must be 0 to 10000000."),
                     QStringLiteral("sessions"));
    if (!m_store.isInitialized())
        return m_store.notInitializedError();
    if (actor.isPerson())
        return Error(Errc::PermissionDenied, tr("Demo data is generated from the admin CLI only."));
    return {};
}

void DemoGenerator::setBulkPragmas(bool bulk)
{
    if (!m_store.isSqlite())
        return;
    // Index inserts at random keys (the SHA-256 lookup hash) need the index pages in memory;
    // SQLite's default 2 MB cache makes a million of them disk-bound. Building the deferred
    // indexes sorts a million keys each: let SQLite's sorter use a second core.
    (void)m_store.read([&] {
        m_store.run(bulk ? QStringLiteral("PRAGMA cache_size = -524288")
                         : QStringLiteral("PRAGMA cache_size = -2000"));
        m_store.run(bulk ? QStringLiteral("PRAGMA threads = 2")
                         : QStringLiteral("PRAGMA threads = 0"));
    });
}

void DemoGenerator::writeDepartments(Run &run)
{
    // Reuse existing ones of the same name.
    for (int i = 0; i < count(Departments); ++i) {
        const QString name = QString::fromLatin1(Departments[i]);
        QVariant id = m_store.scalar(
            QStringLiteral("SELECT id FROM departments WHERE name_key = ?"), {name.toCaseFolded()});
        if (!id.isValid()) {
            id = m_store.insert(QStringLiteral("INSERT INTO departments (name, name_key, "
                                               "created_at) VALUES (?, ?, ?)"),
                                {name, name.toCaseFolded(), run.now});
            ++run.summary.departments;
        }
        run.deptIds << id.toLongLong();
        run.deptNames.insert(id.toLongLong(), name);
    }
}

void DemoGenerator::readUserTypes(Run &run)
{
    for (const QString &name :
         {BuiltinUserType::Standard, BuiltinUserType::Support, BuiltinUserType::Administrator}) {
        Run::TypeInfo t;
        t.name = name;
        t.id = m_store
                   .scalar(QStringLiteral("SELECT id FROM user_types WHERE name_key = ?"),
                           {name.toCaseFolded()})
                   .toLongLong();
        QSqlQuery q = m_store.run(QStringLiteral("SELECT p.permission FROM user_type_permissions p "
                                                 "JOIN scopes s ON s.name = p.permission WHERE "
                                                 "p.user_type_id = ? ORDER BY s.position"),
                                  {t.id});
        // Demo tokens get the scopes of everyday use, not one a token holds only when chosen
        // for it (a secret scanner's leak_report).
        while (q.next())
            if (const QString scope = q.value(0).toString(); !Scope::chosenOnly(scope))
                t.scopes << scope;
        run.types << t;
    }
}

void DemoGenerator::writeUsers(Run &run)
{
    run.users.reserve(run.req.users);
    const qint64 firstNew =
        m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM users")).toLongLong();
    {
        const QString suffixBase = QString::number(firstNew);
        BatchInsert ins(m_store,
                        QStringLiteral("INSERT INTO users (username, display_name, email, "
                                       "department_id, user_type_id, password_hash, created_at, "
                                       "created_by)"),
                        8, rowsPerStatement(8));
        QRandomGenerator &rng = run.rng;
        for (int i = 0; i < run.req.users; ++i) {
            const QString first = QString::fromLatin1(FirstNames[rng.bounded(count(FirstNames))]);
            const QString last = QString::fromLatin1(LastNames[rng.bounded(count(LastNames))]);
            const QString username =
                QStringLiteral("%1.%2%3-%4").arg(first, last).arg(i).arg(suffixBase);
            const int roll = int(rng.bounded(100));
            const int type = roll < 85 ? 0 : (roll < 97 ? 1 : 2);
            const qint64 dept = run.deptIds[int(rng.bounded(qint64(run.deptIds.size())))];
            QString display = first;
            display[0] = display[0].toUpper();
            QString lastCap = last;
            lastCap[0] = lastCap[0].toUpper();
            ins.add({username, display + QLatin1Char(' ') + lastCap,
                     username + QStringLiteral("@example.org"), dept, run.types[type].id,
                     run.unusableHash, run.now - qint64(rng.bounded(400)) * DayMs,
                     run.actor.label});
            run.users << Run::DemoUser{0, dept, type, username};
        }
        ins.flush();
    }
    QSqlQuery q =
        m_store.run(QStringLiteral("SELECT id FROM users WHERE id > ? ORDER BY id"), {firstNew});
    int i = 0;
    while (q.next() && i < run.users.size())
        run.users[i++].id = q.value(0).toLongLong();
    run.summary.users = int(run.users.size());
    if (run.progress)
        run.progress(run.summary.users, run.total);
}

QList<std::pair<QString, QString>> DemoGenerator::dropTokenIndexes()
{
    // Bulk load: the token list's secondary indexes (migration 2) are dropped and built again
    // after the rows are in, which is several times faster than keeping them up to date row by
    // row; all in this transaction. Unique indexes stay.
    QList<std::pair<QString, QString>> dropped;
    QSqlQuery q = m_store.run(
        m_store.isSqlite()
            ? QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                             "tbl_name = 'api_tokens' AND sql IS NOT NULL AND sql NOT LIKE "
                             "'CREATE UNIQUE%'")
            : QStringLiteral("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                             "current_schema() AND tablename = 'api_tokens' AND indexdef NOT "
                             "LIKE 'CREATE UNIQUE%'"));
    while (q.next())
        dropped.append({q.value(0).toString(), q.value(1).toString()});
    q.finish();
    for (const auto &index : dropped)
        m_store.run(QStringLiteral("DROP INDEX %1").arg(index.first));
    return dropped;
}

void DemoGenerator::addToken(Run &run, BatchInsert &tokens, BatchInsert &scopeRows, qint64 id)
{
    QRandomGenerator &rng = run.rng;
    const qint64 now = run.now;
    const Run::DemoUser &u = run.randomUser();
    const Run::TypeInfo &type = run.types[u.type];
    const SecretBytes secret = TokenCodec::generate(TokenKind::Api);
    QStringList scopes;
    for (const QString &s : type.scopes)
        if (rng.bounded(100) < 45)
            scopes << s;
    if (scopes.isEmpty())
        scopes << type.scopes.first();
    qint64 created = now - qint64(rng.bounded(365 * 24)) * 3600 * 1000;
    const int roll = int(rng.bounded(100));
    qint64 expires;
    const QVariant &nullInt = run.nullInt;
    const QVariant &nullText = run.nullText;
    QVariant revokedAt = nullInt, revokedBy = nullText;
    if (roll < 70)
        expires = now + (8 + qint64(rng.bounded(360))) * DayMs;
    else if (roll < 78)
        expires = now + qint64(rng.bounded(7 * 24) + 1) * 3600 * 1000;
    else if (roll < 90) { // expired: some time between creation and now
        created = std::min(created, now - 2 * DayMs);
        expires = created + DayMs +
                  qint64(rng.bounded(quint64(std::max<qint64>(1, now - created - DayMs))));
    } else {
        expires = now + qint64(rng.bounded(300) + 1) * DayMs;
        revokedAt = created + qint64(rng.bounded(quint64(std::max<qint64>(1, now - created))));
        revokedBy = run.actor.label;
    }
    QVariant lastUsed = nullInt, lastAddr = nullText;
    if (rng.bounded(100) < 60) {
        lastUsed =
            std::min(std::min(now, expires),
                     created + qint64(rng.bounded(quint64(std::max<qint64>(1, now - created)))));
        lastAddr = QStringLiteral("10.%1.%2.%3")
                       .arg(rng.bounded(256))
                       .arg(rng.bounded(256))
                       .arg(rng.bounded(1, 255));
    }
    // Unique per user among live tokens: the running number makes sure.
    const QString name = QStringLiteral("%1-%2")
                             .arg(QString::fromLatin1(TokenNames[rng.bounded(count(TokenNames))]))
                             .arg(id);
    const QString hint = TokenCodec::hint(secret.bytes());
    tokens.add({id,
                TokenCodec::lookupHash(secret.bytes()),
                hint,
                name,
                QString(),
                scopes.join(QLatin1Char(',')),
                u.id,
                u.dept,
                type.id,
                0,
                created,
                run.actor.label,
                expires,
                lastUsed,
                lastAddr,
                revokedAt,
                revokedBy,
                u.username,
                run.deptNames.value(u.dept),
                type.name});
    for (const QString &s : scopes)
        scopeRows.add({id, s});
}

void DemoGenerator::writeTokens(Run &run)
{
    // Ids are assigned in insertion order in both back ends, so the scope rows can follow
    // without reading ids back.
    const qint64 firstToken =
        m_store.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM api_tokens")).toLongLong();
    BatchInsert tokens(m_store,
                       QStringLiteral("INSERT INTO api_tokens (id, token_hash, hint, name, "
                                      "description, scope_list, user_id, department_id, "
                                      "user_type_id, personal, created_at, created_by, "
                                      "expires_at, last_used_at, last_used_addr, revoked_at, "
                                      "revoked_by, user_name, department_name, user_type_name)"),
                       20, rowsPerStatement(20));
    BatchInsert scopeRows(m_store, QStringLiteral("INSERT INTO api_token_scopes (token_id, scope)"),
                          2, rowsPerStatement(2));
    scopeRows.dependsOn(&tokens);
    const QList<std::pair<QString, QString>> deferredIndexes =
        run.req.tokens >= run.req.rebuildIndexesFrom ? dropTokenIndexes()
                                                     : QList<std::pair<QString, QString>>();
    for (qint64 i = 0; i < run.req.tokens; ++i) {
        addToken(run, tokens, scopeRows, firstToken + 1 + i);
        if (run.progress && (i + 1) % 50000 == 0)
            run.progress(run.summary.users + i + 1, run.total);
    }
    tokens.flush();
    scopeRows.flush();
    for (const auto &index : deferredIndexes)
        m_store.run(index.second, {}, "building an index");
    // The Overview's requests per day: each demo token's last use, counted on its day.
    m_store.run(QStringLiteral("INSERT INTO api_request_days (day, user_id, requests)"
                               " SELECT last_used_at / %1, user_id, COUNT(*) FROM api_tokens"
                               " WHERE id > ? AND last_used_at IS NOT NULL GROUP BY 1, 2"
                               " ON CONFLICT (day, user_id) DO UPDATE"
                               " SET requests = api_request_days.requests + excluded.requests")
                    .arg(24LL * 3600 * 1000),
                {firstToken}, "counting the demo tokens' requests");
    // SQLite's search index is kept by the writers (domain/tokens/tokensearch.h).
    TokenSearch::addAllAfter(m_store, firstToken);
    if (!m_store.isSqlite() && run.req.tokens > 0)
        m_store.run(QStringLiteral("SELECT setval(pg_get_serial_sequence('api_tokens', 'id'), "
                                   "(SELECT MAX(id) FROM api_tokens))"));
    run.summary.tokens = run.req.tokens;
}

void DemoGenerator::writeSessions(Run &run)
{
    BatchInsert sessions(m_store,
                         QStringLiteral("INSERT INTO mobile_sessions (token_hash, hint, user_id, "
                                        "device_name, platform, app_version, created_at, "
                                        "last_active_at, last_active_addr, expires_at, "
                                        "revoked_at, revoked_by)"),
                         12, rowsPerStatement(12));
    const QVariant nullInt(QMetaType::fromType<qint64>());
    const QVariant nullText(QMetaType::fromType<QString>());
    QRandomGenerator &rng = run.rng;
    const qint64 now = run.now;
    for (qint64 i = 0; i < run.req.sessions; ++i) {
        const Run::DemoUser &u = run.randomUser();
        const SecretBytes secret = TokenCodec::generate(TokenKind::Session);
        const int d = int(rng.bounded(count(Devices)));
        const QString device = QString::fromLatin1(Devices[d]);
        const bool ios = device.startsWith(QLatin1String("iP"));
        const qint64 created = now - qint64(rng.bounded(29 * 24)) * 3600 * 1000;
        const qint64 active = std::min(
            now, created + qint64(rng.bounded(quint64(std::max<qint64>(1, now - created)))));
        const bool revoked = rng.bounded(100) < 8;
        sessions.add(
            {TokenCodec::lookupHash(secret.bytes()), TokenCodec::hint(secret.bytes()), u.id, device,
             ios ? QStringLiteral("iOS") : QStringLiteral("Android"),
             QStringLiteral("3.%1.%2").arg(rng.bounded(4, 9)).arg(rng.bounded(10)), created, active,
             QStringLiteral("192.168.%1.%2").arg(rng.bounded(256)).arg(rng.bounded(1, 255)),
             created + 30 * DayMs, revoked ? QVariant(active) : nullInt,
             revoked ? QVariant(run.actor.label) : nullText});
    }
    sessions.flush();
    run.summary.sessions = run.req.sessions;
}

void DemoGenerator::writeAudit(const Run &run)
{
    m_store.run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, "
                               "details, address) VALUES (?, ?, 'demo.generate', 'store', "
                               "'success', ?, ?)"),
                {Clock::nowMs(), run.actor.label,
                 QStringLiteral("%1 departments, %2 users, %3 API tokens, %4 mobile sessions")
                     .arg(run.summary.departments)
                     .arg(run.summary.users)
                     .arg(run.summary.tokens)
                     .arg(run.summary.sessions),
                 run.actor.address});
}

Result<DemoSummary> DemoGenerator::generate(const Actor &actor, const DemoRequest &req,
                                            const std::function<void(qint64, qint64)> &progress)
{
    if (auto ok = check(actor, req); !ok)
        return ok.error();
    const QString unusableHash = unusablePasswordHash();
    QElapsedTimer timer;
    timer.start();
    Run run(actor, req, progress,
            req.seed ? QRandomGenerator(req.seed) : QRandomGenerator::securelySeeded());
    run.unusableHash = unusableHash;
    run.total = req.users + req.tokens + req.sessions;
    setBulkPragmas(true);
    auto result = m_store.write([&] {
        run.summary = DemoSummary();
        run.deptIds.clear();
        run.deptNames.clear();
        run.types.clear();
        run.users.clear();
        run.now = Clock::nowMs();
        writeDepartments(run);
        readUserTypes(run);
        writeUsers(run);
        writeTokens(run);
        writeSessions(run);
        writeAudit(run);
        return run.summary;
    });
    setBulkPragmas(false);
    if (!result)
        return result.error();
    DemoSummary s = result.value();
    s.milliseconds = timer.elapsed();
    if (progress)
        progress(run.total, run.total);
    return s;
}

} // namespace td
