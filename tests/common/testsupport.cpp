// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "security/tokencodec.h"

#include "core/clock.h"
#include "leakscanner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace td::test {

StoreKind storeKind()
{
    return qEnvironmentVariable("TD_TEST_BACKEND") == QLatin1String("postgresql")
               ? StoreKind::PostgreSQL
               : StoreKind::SQLite;
}

QString backendName()
{
    return storeKind() == StoreKind::PostgreSQL ? QStringLiteral("postgresql")
                                                : QStringLiteral("sqlite");
}

static QString readState(const QString &name, QString *why)
{
    const QString state = qEnvironmentVariable("TD_TEST_PG_STATE");
    if (state.isEmpty()) {
        if (why)
            *why = QStringLiteral("TD_TEST_PG_STATE is not set: run the test through ctest");
        return {};
    }
    QFile f(state + QLatin1Char('/') + name);
    if (!f.open(QIODevice::ReadOnly)) {
        if (why)
            *why = QStringLiteral("the PostgreSQL fixture is not running (%1 missing); ctest's "
                                  "pg.start must have failed")
                       .arg(f.fileName());
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

QString postgresServerUrl(QString *why)
{
    return readState(QStringLiteral("url"), why);
}

namespace {
int g_counter = 0;

QSqlDatabase maintenanceConnection(const DatabaseLocation &server, QString *why)
{
    const QString name = QStringLiteral("td-test-maint");
    QSqlDatabase db = QSqlDatabase::contains(name)
                          ? QSqlDatabase::database(name, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(server.host());
    db.setPort(server.port());
    db.setUserName(server.user());
    db.setDatabaseName(QStringLiteral("postgres"));
    if (!db.isOpen() && !db.open() && why)
        *why = QStringLiteral("cannot connect to the test PostgreSQL server: %1")
                   .arg(db.lastError().text());
    return db;
}
} // namespace

namespace {
/// Every row of every table of a PostgreSQL database, values as stored (bytea raw): what the
/// leak scan needs of a store, without the cost of a pg_dump process per scratch database.
QByteArray rowDump(const DatabaseLocation &location)
{
    QByteArray out;
    const QString name = QStringLiteral("td-test-leak-dump");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(location.host());
        db.setPort(location.port());
        db.setUserName(location.user());
        db.setDatabaseName(location.databaseName());
        if (!db.open()) {
            out = "cannot open for the leak scan: " + db.lastError().text().toUtf8();
        } else {
            QSqlQuery tables(db);
            tables.exec(QStringLiteral(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE "
                "table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', "
                "'information_schema') ORDER BY 1, 2"));
            QStringList names;
            while (tables.next())
                names << QStringLiteral("\"%1\".\"%2\"")
                             .arg(tables.value(0).toString(), tables.value(1).toString());
            for (const QString &table : std::as_const(names)) {
                out += "-- " + table.toUtf8() + '\n';
                QSqlQuery q(db);
                q.setForwardOnly(true);
                if (!q.exec(QStringLiteral("SELECT * FROM ") + table))
                    out += "error: " + q.lastError().text().toUtf8() + '\n';
                while (q.next()) {
                    for (int i = 0; i < q.record().count(); ++i) {
                        const QVariant v = q.value(i);
                        out += v.typeId() == QMetaType::QByteArray ? v.toByteArray()
                                                                   : v.toString().toUtf8();
                        out += '\t';
                    }
                    out += '\n';
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}
} // namespace

ScratchDatabase::ScratchDatabase()
{
    if (storeKind() == StoreKind::SQLite) {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder");
            return;
        }
        m_location = DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("store.sqlite")));
        m_valid = true;
        return;
    }
    const QString url = postgresServerUrl(&m_error);
    if (url.isEmpty())
        return;
    auto server = DatabaseLocation::parse(url);
    if (!server) {
        m_error = server.error().message;
        return;
    }
    QSqlDatabase db = maintenanceConnection(server.value(), &m_error);
    if (!db.isOpen())
        return;
    m_pgName = QStringLiteral("td_%1_%2_%3")
                   .arg(QCoreApplication::applicationPid())
                   .arg(++g_counter)
                   .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName))) {
        m_error = QStringLiteral("CREATE DATABASE failed: %1").arg(q.lastError().text());
        return;
    }
    auto loc = DatabaseLocation::parse(QStringLiteral("postgresql://%1@%2:%3/%4")
                                           .arg(server->user(), server->host())
                                           .arg(server->port())
                                           .arg(m_pgName));
    m_location = loc.value();
    m_valid = true;
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_valid && qEnvironmentVariableIsSet("TD_LEAK_DIR"))
        keepForLeakScan(QStringLiteral("store-%1.dump").arg(backendName()),
                        m_location.isSqlite() ? dump() : rowDump(m_location));
    if (!m_pgName.isEmpty()) {
        QString why;
        auto server = DatabaseLocation::parse(postgresServerUrl(&why));
        if (server) {
            QSqlDatabase db = maintenanceConnection(server.value(), &why);
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
        }
    }
}

QByteArray ScratchDatabase::dump() const
{
    if (m_location.isSqlite()) {
        QByteArray all;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                                      QStringLiteral("-journal")}) {
            QFile f(m_location.path() + suffix);
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }
    QString why;
    const QString bindir = readState(QStringLiteral("bindir"), &why);
    QProcess p;
    p.start(bindir + QStringLiteral("/pg_dump"),
            {QStringLiteral("-h"), m_location.host(), QStringLiteral("-p"),
             QString::number(m_location.port()), QStringLiteral("-U"), m_location.user(),
             QStringLiteral("--no-owner"), m_location.databaseName()});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return QByteArray("pg_dump failed: ") + p.readAllStandardError();
    return p.readAllStandardOutput();
}

Fixture makeFixture()
{
    Fixture f;
    f.db = std::make_unique<ScratchDatabase>();
    if (!f.db->isValid()) {
        f.error = f.db->error();
        return f;
    }
    auto store = Store::open(f.db->location(), Store::OpenMode::CreateIfMissing);
    if (!store) {
        f.error = store.error().message;
        return f;
    }
    f.store = std::move(store.value());
    f.domain = std::make_unique<Domain>(*f.store);
    auto t = f.domain->accounts.initialize(f.cli, QStringLiteral("admin"), secret(AdminPassword),
                                           QStringLiteral("Administration"));
    if (!t)
        f.error = t.error().message;
    return f;
}

SecretBytes secret(const char *text)
{
    noteSecret(QByteArrayView(text));
    return SecretBytes(QByteArray(text));
}

SecretBytes secret(const QString &text)
{
    noteSecret(text.toUtf8());
    return SecretBytes(text.toUtf8());
}

// ---- leak scan ----

namespace {
QString leakDir()
{
    return qEnvironmentVariable("TD_LEAK_DIR");
}

QString testLeakDir()
{
    const QString root = leakDir();
    if (root.isEmpty())
        return {};
    QString name = qEnvironmentVariable("TD_TEST_NAME");
    if (name.isEmpty())
        name = QCoreApplication::applicationName();
    const QString dir = root + QLatin1Char('/') + name;
    QDir().mkpath(dir);
    return dir;
}
} // namespace

void noteSecret(QByteArrayView secret)
{
    const QString root = leakDir();
    if (root.isEmpty() || secret.size() < 6)
        return;
    QDir().mkpath(root);
    QFile f(root + QStringLiteral("/secrets.list"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append))
        qFatal("cannot write %s", qPrintable(f.fileName()));
    // Hex, one per line: the list itself holds no secret in a form the scan looks for.
    f.write(secret.toByteArray().toHex() + '\n');
}

void noteSecret(const SecretBytes &secret)
{
    noteSecret(QByteArrayView(secret.bytes()));
}

void noteTokensIn(QByteArrayView text)
{
    for (const QByteArray &token : LeakScanner::tokensIn(text))
        noteSecret(token);
}

namespace {
const char QtLogStart[] = "[qt-log ";
const char QtLogEnd[] = " [/qt-log]\n";
} // namespace

QProcessEnvironment loggingEnvironment(QProcessEnvironment env)
{
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    // Qt ends each message with the newline that QtLogEnd ends with.
    env.insert(QStringLiteral("QT_MESSAGE_PATTERN"), QString::fromLatin1(QtLogStart) +
                                                         QStringLiteral("%{category}] %{message}") +
                                                         QString::fromLatin1(QtLogEnd).chopped(1));
    return env;
}

void setLoggingEnvironment()
{
    const QProcessEnvironment env = loggingEnvironment(QProcessEnvironment());
    for (const QString &name : env.keys())
        qputenv(name.toLatin1().constData(), env.value(name).toUtf8());
}

QByteArray withoutQtLog(const QByteArray &text)
{
    QByteArray marked;
    qsizetype at = 0;
    for (qsizetype start = text.indexOf(QtLogStart); start >= 0;
         start = text.indexOf(QtLogStart, at)) {
        const qsizetype end = text.indexOf(QtLogEnd, start);
        if (end < 0)
            break; // cut off: keep the rest as it is
        marked += text.mid(at, start - at);
        at = end + qstrlen(QtLogEnd);
    }
    marked += text.mid(at);
    // Qt's plugin loader reports unloading its plugins (qt.core.library) while the program
    // exits, after the message pattern is gone: those lines come unmarked.
    static const QRegularExpression unloaded(
        QStringLiteral("^\"[^\"\n]*\" unloaded library( \\(faked\\))?\n?"),
        QRegularExpression::MultilineOption);
    return QString::fromUtf8(marked).remove(unloaded).toUtf8();
}

QByteArray takeStandardError(QProcess &process, const QString &name)
{
    const QByteArray err = process.readAllStandardError();
    keepForLeakScan(name, err);
    return withoutQtLog(err);
}

QByteArray takeStandardOutput(QProcess &process, const QString &name)
{
    const QByteArray out = process.readAllStandardOutput();
    keepForLeakScan(name, out);
    return out;
}

void keepCliOutput(const QStringList &args, const QByteArray &out, const QString &name)
{
    noteTokensIn(out);
    const bool printsToken =
        args.contains(QStringLiteral("token")) &&
        (args.contains(QStringLiteral("create")) || args.contains(QStringLiteral("reset")) ||
         args.contains(QStringLiteral("rotate")));
    if (!printsToken)
        keepForLeakScan(name, out);
}

QByteArray takeCliOutput(QProcess &process, const QStringList &args, const QString &name)
{
    const QByteArray out = process.readAllStandardOutput();
    keepCliOutput(args, out, name);
    return out;
}

QByteArray contentDigest(const DatabaseLocation &location, QString *why)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QString error;
    const QString name = QStringLiteral("td-test-content-digest");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            location.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
        if (location.isSqlite()) {
            db.setDatabaseName(location.path());
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        } else {
            db.setHostName(location.host());
            db.setPort(location.port());
            db.setUserName(location.user());
            db.setDatabaseName(location.databaseName());
        }
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery tables(db);
            QStringList names;
            if (tables.exec(location.isSqlite()
                                // Virtual tables (full-text search) keep their rows in
                                // shadow tables, which are read.
                                ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = "
                                                 "'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                                 "ORDER BY 1")
                                : QStringLiteral("SELECT table_name FROM information_schema.tables "
                                                 "WHERE table_type = 'BASE TABLE' AND "
                                                 "table_schema = 'public' ORDER BY 1"))) {
                while (tables.next())
                    names << tables.value(0).toString();
            } else {
                error = tables.lastError().text();
            }
            if (error.isEmpty() && names.isEmpty())
                error = QStringLiteral("no tables");
            for (const QString &table : std::as_const(names)) {
                if (!error.isEmpty())
                    break;
                QSqlQuery q(db);
                q.setForwardOnly(true);
                // Every column, ordered by all of them: the same rows give the same bytes.
                if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table))) {
                    error = q.lastError().text();
                    break;
                }
                QList<QByteArray> rows;
                while (q.next()) {
                    QByteArray row;
                    for (int i = 0; i < q.record().count(); ++i) {
                        const QVariant v = q.value(i);
                        row += (v.isNull() ? QByteArray("NULL")
                                           : (v.typeId() == QMetaType::QByteArray
                                                  ? v.toByteArray().toHex()
                                                  : v.toString().toUtf8())) +
                               '\x1f';
                    }
                    rows << row;
                }
                if (q.lastError().isValid()) {
                    error = q.lastError().text();
                    break;
                }
                std::sort(rows.begin(), rows.end());
                hash.addData(table.toUtf8() + '\x1e');
                for (const QByteArray &row : std::as_const(rows))
                    hash.addData(row + '\x1e');
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty()) {
        if (why)
            *why = QStringLiteral("cannot read %1: %2").arg(location.display(), error);
        return {};
    }
    return hash.result();
}

void keepForLeakScan(const QString &name, const QByteArray &bytes)
{
    const QString dir = testLeakDir();
    if (dir.isEmpty() || bytes.isEmpty())
        return;
    const QFileInfo fi(name);
    QString path = dir + QLatin1Char('/') + name;
    for (int n = 2; QFile::exists(path); ++n)
        path = dir + QLatin1Char('/') + fi.completeBaseName() + QLatin1Char('-') +
               QString::number(n) +
               (fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

void keepFileForLeakScan(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        keepForLeakScan(QFileInfo(path).fileName(), f.readAll());
}

qint64 countRows(Store &store, const QString &table)
{
    auto r = store.read(
        [&] { return store.scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table).toLongLong(); });
    return r.ok() ? r.value() : -1;
}

AuditEntry lastAudit(Store &store)
{
    AuditEntry e;
    (void)store.read([&] {
        QSqlQuery q =
            store.run(QStringLiteral("SELECT id, actor, action, target, outcome, details, "
                                     "address FROM audit_log ORDER BY id DESC LIMIT 1"));
        if (q.next()) {
            e.id = q.value(0).toLongLong();
            e.actor = q.value(1).toString();
            e.action = q.value(2).toString();
            e.target = q.value(3).toString();
            e.outcome = q.value(4).toString();
            e.details = q.value(5).toString();
            e.address = q.value(6).toString();
        }
    });
    return e;
}

} // namespace td::test
