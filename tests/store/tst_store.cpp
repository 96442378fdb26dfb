// SPDX-License-Identifier: MIT
// The store on SQLite and on PostgreSQL: migrations from empty, refusal of a newer schema and of
// foreign or damaged databases (nothing overwritten), transactions that roll back completely,
// and the back end's durability settings.
#include "core/permissions.h"
#include "store/migrations.h"
#include "store/store.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>

#include <sys/stat.h>

using namespace td;
using namespace td::test;

namespace {
QStringList tablesOf(Store &s)
{
    QStringList out;
    (void)s.read([&] {
        QSqlQuery q = s.run(
            s.isSqlite() ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%' ORDER BY name")
                         : QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = "
                                          "current_schema() ORDER BY tablename"));
        while (q.next())
            out << q.value(0).toString();
    });
    return out;
}
} // namespace

// ---- both back ends ----------------------------------------------------------------------------

class TestStoreCommon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesAnEmptyStore();
    void reopeningDoesNotMigrateAgain();
    void refusesANewerSchema();
    void refusesAForeignDatabase();
    void existingOnlyRefusesAnUninitialisedStore();
    void failedTransactionLeavesNothing();
    void failedCommitLeavesNothing();
    void nestedWritesJoinTheOuterTransaction();
    void seededCatalogs();
    void leakReportScopeReachesAnOlderStore();
};

void TestStoreCommon::leakReportScopeReachesAnOlderStore()
{
    // A store from before migration 12, with a user type of its own: the upgrade adds the scope
    // to the catalogue and grants it to the built-in Administrator type only.
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    {
        auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
        QVERIFY(store.ok());
        Store &s = *store.value();
        auto r = s.write([&] {
            for (const char *statement :
                 {"DELETE FROM user_type_permissions WHERE permission = 'leak_report'",
                  "DELETE FROM permissions WHERE name = 'leak_report'",
                  "DELETE FROM scopes WHERE name = 'leak_report'",
                  "DELETE FROM schema_migrations WHERE version = 12",
                  "INSERT INTO user_types (name, name_key, description, builtin, created_at) "
                  "VALUES ('Scanners', 'scanners', '', 0, 0)"})
                s.run(QLatin1String(statement));
        });
        QVERIFY(r.ok());
    }
    auto again = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(again.ok());
    Store &s = *again.value();
    QCOMPARE(s.schemaVersion(), Store::latestSchemaVersion());
    auto grantedTo = s.read([&] {
        QStringList out;
        QSqlQuery q = s.run(
            QStringLiteral("SELECT t.name FROM user_type_permissions p JOIN user_types t ON t.id = "
                           "p.user_type_id WHERE p.permission = 'leak_report' ORDER BY t.name"));
        while (q.next())
            out << q.value(0).toString();
        return out;
    });
    QCOMPARE(grantedTo.value(), QStringList{QStringLiteral("Administrator")});
    auto position = s.read([&] {
        return s.scalar(QStringLiteral("SELECT position FROM scopes WHERE name = 'leak_report'"))
            .toInt();
    });
    QCOMPARE(position.value(), int(Scope::all().indexOf(Scope::LeakReport)));
}

void TestStoreCommon::migratesAnEmptyStore()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    QCOMPARE(store.value()->schemaVersion(), Store::latestSchemaVersion());
    const QStringList tables = tablesOf(*store.value());
    for (const char *t :
         {"tenant", "departments", "user_types", "user_type_permissions", "users", "scopes",
          "permissions", "api_tokens", "api_token_scopes", "mobile_sessions", "audit_log",
          "auth_throttle", "settings", "schema_migrations"})
        QVERIFY2(tables.contains(QLatin1String(t)), t);
    QCOMPARE(countRows(*store.value(), QStringLiteral("schema_migrations")),
             qint64(migrations().size()));
    QVERIFY(!store.value()->isInitialized());
}

void TestStoreCommon::reopeningDoesNotMigrateAgain()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    {
        auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
        QVERIFY(store.ok());
    }
    auto again = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(again.ok());
    QCOMPARE(countRows(*again.value(), QStringLiteral("schema_migrations")),
             qint64(migrations().size()));
    QCOMPARE(countRows(*again.value(), QStringLiteral("user_types")), qint64(3));
}

void TestStoreCommon::refusesANewerSchema()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    {
        auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
        QVERIFY(store.ok());
        auto r = store.value()->write([&] {
            store.value()->run(
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                               "VALUES (999, 'from the future', 0)"));
        });
        QVERIFY(r.ok());
    }
    const QByteArray before = db.dump();
    QString why;
    const QByteArray rowsBefore = contentDigest(db.location(), &why);
    QVERIFY2(!rowsBefore.isEmpty(), qPrintable(why));
    for (auto mode : {Store::OpenMode::ExistingOnly, Store::OpenMode::CreateIfMissing}) {
        auto store = Store::open(db.location(), mode);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, Errc::SchemaTooNew);
        QVERIFY2(store.error().message.contains(db.location().display()),
                 qPrintable(store.error().message));
        QVERIFY(store.error().message.contains(QLatin1String("999")));
    }
    if (db.location().isSqlite())
        QCOMPARE(db.dump(), before);                          // not a byte changed
    QCOMPARE(contentDigest(db.location(), &why), rowsBefore); // not a row (both back ends)
}

void TestStoreCommon::refusesAForeignDatabase()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    {
        // Some other program's database at the same place.
        QSqlDatabase raw = QSqlDatabase::addDatabase(
            db.location().isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
            QStringLiteral("foreign"));
        if (db.location().isSqlite()) {
            raw.setDatabaseName(db.location().path());
        } else {
            raw.setHostName(db.location().host());
            raw.setPort(db.location().port());
            raw.setUserName(db.location().user());
            raw.setDatabaseName(db.location().databaseName());
        }
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(
            QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO invoices VALUES (1, 100)")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, Errc::StoreCorrupt);
    QVERIFY2(store.error().message.contains(QLatin1String("invoices")),
             qPrintable(store.error().message));
    QVERIFY(db.dump().contains("invoices"));
    QVERIFY(!db.dump().contains("api_tokens"));
}

void TestStoreCommon::existingOnlyRefusesAnUninitialisedStore()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    if (db.location().isSqlite()) {
        auto store = Store::open(db.location(), Store::OpenMode::ExistingOnly);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, Errc::StoreMissing);
        QVERIFY(store.error().message.contains(db.location().path()));
        QVERIFY2(!QFileInfo::exists(db.location().path()), "a missing file must not be created");
    } else {
        auto store = Store::open(db.location(), Store::OpenMode::ExistingOnly);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, Errc::StoreMissing);
        QVERIFY(tablesOf(*Store::open(db.location(), Store::OpenMode::CreateIfMissing).value())
                    .contains(QStringLiteral("api_tokens")));
    }
}

void TestStoreCommon::failedTransactionLeavesNothing()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    auto r = s.write([&] {
        s.run(QStringLiteral(
            "INSERT INTO departments (name, name_key, created_at) VALUES ('A', 'a', 1)"));
        s.run(QStringLiteral(
            "INSERT INTO audit_log (at, actor, action, outcome) VALUES (1, 'x', 'y', 'success')"));
        fail(Errc::InvalidArgument, QStringLiteral("stop halfway"));
    });
    QCOMPARE(r.code(), Errc::InvalidArgument);
    QCOMPARE(r.error().message, QStringLiteral("stop halfway"));
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(0));
    QCOMPARE(countRows(s, QStringLiteral("audit_log")), qint64(0));
    // An SQL error halfway (a unique violation) rolls back too, and is reported as such.
    auto dup = s.write([&] {
        s.run(QStringLiteral(
            "INSERT INTO departments (name, name_key, created_at) VALUES ('B', 'b', 1)"));
        s.run(QStringLiteral(
            "INSERT INTO departments (name, name_key, created_at) VALUES ('B', 'b', 1)"));
    });
    QCOMPARE(dup.code(), Errc::AlreadyExists);
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(0));
    QVERIFY(!s.inTransaction());
}

void TestStoreCommon::failedCommitLeavesNothing()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    s.failNextCommitForTesting();
    auto r = s.write([&] {
        s.run(QStringLiteral(
            "INSERT INTO departments (name, name_key, created_at) VALUES ('A', 'a', 1)"));
    });
    QVERIFY(!r.ok());
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(0));
    auto ok = s.write([&] {
        s.run(QStringLiteral(
            "INSERT INTO departments (name, name_key, created_at) VALUES ('A', 'a', 1)"));
    });
    QVERIFY(ok.ok());
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(1));
}

void TestStoreCommon::nestedWritesJoinTheOuterTransaction()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    auto r = s.write([&] {
        auto inner = s.write([&] {
            s.run(QStringLiteral(
                "INSERT INTO departments (name, name_key, created_at) VALUES ('A', 'a', 1)"));
        });
        QVERIFY(inner.ok());
        fail(Errc::Conflict, QStringLiteral("outer fails after the inner write"));
    });
    QCOMPARE(r.code(), Errc::Conflict);
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(0));
}

void TestStoreCommon::seededCatalogs()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    QCOMPARE(countRows(s, QStringLiteral("departments")), qint64(0)); // none until created
    QCOMPARE(countRows(s, QStringLiteral("scopes")), qint64(Scope::all().size()));
    // Every scope of the catalogue, in its order (later ones come with their migrations), and
    // the Administrator type grants each.
    QStringList scopes;
    QStringList adminScopes;
    (void)s.read([&] {
        QSqlQuery q = s.run(QStringLiteral("SELECT name FROM scopes ORDER BY position"));
        while (q.next())
            scopes << q.value(0).toString();
        q = s.run(QStringLiteral("SELECT p.permission FROM user_type_permissions p JOIN "
                                 "user_types t ON t.id = p.user_type_id JOIN scopes c ON c.name "
                                 "= p.permission WHERE t.name = 'Administrator' ORDER BY "
                                 "c.position"));
        while (q.next())
            adminScopes << q.value(0).toString();
    });
    QCOMPARE(scopes, Scope::all());
    QCOMPARE(adminScopes, Scope::all());
    QStringList types;
    (void)s.read([&] {
        QSqlQuery q = s.run(QStringLiteral("SELECT name FROM user_types ORDER BY id"));
        while (q.next())
            types << q.value(0).toString();
    });
    QCOMPARE(types, (QStringList{QStringLiteral("Administrator"), QStringLiteral("Support"),
                                 QStringLiteral("Standard")}));
}

// ---- SQLite only -------------------------------------------------------------------------------

class TestStoreSqlite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileIsPrivateAndDurable();
    void missingFileIsNotCreated();
    void damagedFileIsRefusedAndKept();
    void directoryIsRefused();
    void emptyFileCountsAsUninitialised();
};

void TestStoreSqlite::fileIsPrivateAndDurable()
{
    ScratchDatabase db;
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(db.location().path()).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    Store &s = *store.value();
    auto pragma = [&](const char *name) {
        return s
            .read([&] {
                return s.scalar(QStringLiteral("PRAGMA ") + QLatin1String(name)).toString();
            })
            .value();
    };
    QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
    QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
    QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
    QVERIFY(pragma("busy_timeout").toInt() >= 1000);
    // The -wal file the first write creates is private too.
    QVERIFY(s.write([&] { s.run(QStringLiteral("UPDATE settings SET value = value")); }).ok());
    QCOMPARE(
        ::stat(QFile::encodeName(db.location().path() + QStringLiteral("-wal")).constData(), &st),
        0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    // A write transaction holds SQLite's write lock from its first statement (BEGIN IMMEDIATE):
    // a second connection cannot start one meanwhile.
    auto other = s.openAnother();
    QVERIFY(other.ok());
    Store &o = *other.value();
    bool blockedInside = false;
    QVERIFY(s.write([&] {
                 QSqlQuery probe(o.database());
                 QVERIFY(probe.exec(QStringLiteral("PRAGMA busy_timeout = 0")));
                 blockedInside = !probe.exec(QStringLiteral("BEGIN IMMEDIATE"));
             }).ok());
    QVERIFY2(blockedInside, "the write transaction did not take the write lock up front");
}

void TestStoreSqlite::missingFileIsNotCreated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/none.sqlite"));
    auto store = Store::open(DatabaseLocation::sqlite(path), Store::OpenMode::ExistingOnly);
    QCOMPARE(store.code(), Errc::StoreMissing);
    QVERIFY(store.error().message.contains(path));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nested"))));
}

void TestStoreSqlite::damagedFileIsRefusedAndKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("junk.sqlite"));
    QByteArray junk;
    for (int i = 0; i < 8192; ++i)
        junk += char((i * 131 + 7) % 251);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(junk);
    }
    for (auto mode : {Store::OpenMode::ExistingOnly, Store::OpenMode::CreateIfMissing}) {
        auto store = Store::open(DatabaseLocation::sqlite(path), mode);
        QCOMPARE(store.code(), Errc::StoreCorrupt);
        QVERIFY2(store.error().message.contains(path), qPrintable(store.error().message));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), junk);
}

void TestStoreSqlite::directoryIsRefused()
{
    QTemporaryDir dir;
    auto store =
        Store::open(DatabaseLocation::sqlite(dir.path()), Store::OpenMode::CreateIfMissing);
    QCOMPARE(store.code(), Errc::StoreUnavailable);
    QVERIFY(store.error().message.contains(QLatin1String("directory")));
}

void TestStoreSqlite::emptyFileCountsAsUninitialised()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    auto store = Store::open(DatabaseLocation::sqlite(path), Store::OpenMode::ExistingOnly);
    QCOMPARE(store.code(), Errc::StoreMissing);
    QCOMPARE(QFileInfo(path).size(), qint64(0));
}

// ---- PostgreSQL only ---------------------------------------------------------------------------

class TestStorePostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAreSerializable();
    void unknownDatabaseIsNamed();
    void passwordInUrlIsRefused();
    void serializationFailuresAreRetried();
};

void TestStorePostgres::writesAreSerializable()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    auto level =
        s.write([&] { return s.scalar(QStringLiteral("SHOW transaction_isolation")).toString(); });
    QVERIFY(level.ok());
    QCOMPARE(level.value(), QStringLiteral("serializable"));
}

void TestStorePostgres::unknownDatabaseIsNamed()
{
    QString why;
    const QString url = postgresServerUrl(&why);
    QVERIFY2(!url.isEmpty(), qPrintable(why));
    QString missing = url;
    missing.replace(QLatin1String("/postgres"), QLatin1String("/no_such_db_here"));
    auto loc = DatabaseLocation::parse(missing);
    QVERIFY(loc.ok());
    auto store = Store::open(loc.value(), Store::OpenMode::CreateIfMissing);
    QCOMPARE(store.code(), Errc::StoreUnavailable);
    QVERIFY2(store.error().message.contains(QLatin1String("no_such_db_here")),
             qPrintable(store.error().message));
}

void TestStorePostgres::passwordInUrlIsRefused()
{
    auto loc = DatabaseLocation::parse(QStringLiteral("postgresql://me:secret@127.0.0.1:5432/db"));
    QCOMPARE(loc.code(), Errc::InvalidArgument);
    QVERIFY(!loc.error().message.contains(QLatin1String("secret")));
    QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql://me@127.0.0.1:5432/")).code(),
             Errc::InvalidArgument);
    QCOMPARE(DatabaseLocation::parse(QStringLiteral("mysql://me@h/db")).code(),
             Errc::InvalidArgument);
    auto good =
        DatabaseLocation::parse(QStringLiteral("postgresql://me@db.example.org:6543/tokens"));
    QVERIFY(good.ok());
    QCOMPARE(good->host(), QStringLiteral("db.example.org"));
    QCOMPARE(good->port(), 6543);
    QCOMPARE(good->databaseName(), QStringLiteral("tokens"));
    QCOMPARE(good->display(), QStringLiteral("postgresql://me@db.example.org:6543/tokens"));
}

void TestStorePostgres::serializationFailuresAreRetried()
{
    ScratchDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    auto store = Store::open(db.location(), Store::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    Store &s = *store.value();
    auto other = s.openAnother();
    QVERIFY(other.ok());
    Store &o = *other.value();
    QVERIFY(s.write([&] {
                 s.run(QStringLiteral(
                     "UPDATE settings SET value = '7' WHERE key = 'expiring_soon_days'"));
             }).ok());
    // The first attempt reads, then another connection commits a change to the same row, so the
    // first attempt's write fails with 40001; the store runs it again and the second attempt wins.
    int attempts = 0;
    auto r = s.write([&] {
        ++attempts;
        const int v =
            s.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'expiring_soon_days'"))
                .toInt();
        if (attempts == 1) {
            QSqlQuery q(o.database());
            q.exec(
                QStringLiteral("UPDATE settings SET value = '9' WHERE key = 'expiring_soon_days'"));
        }
        s.run(QStringLiteral("UPDATE settings SET value = ? WHERE key = 'expiring_soon_days'"),
              {QString::number(v + 1)});
        return v + 1;
    });
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(attempts, 2);
    QCOMPARE(r.value(), 10);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestStoreCommon common;
        status |= QTest::qExec(&common, argc, argv);
    }
    if (storeKind() == StoreKind::SQLite) {
        TestStoreSqlite sqlite;
        status |= QTest::qExec(&sqlite, argc, argv);
    } else {
        TestStorePostgres pg;
        status |= QTest::qExec(&pg, argc, argv);
    }
    return status;
}

#include "tst_store.moc"
