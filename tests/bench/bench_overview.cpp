// SPDX-License-Identifier: MIT
// bench_overview: how long the Overview's figures take to read (OverviewService::read, what the
// console's Overview place asks for when it opens) in a store of N API tokens, against a
// baseline in the same run: the same figures from a plain scan of every row (what they cost
// without the aggregates on indexes). Prints ONE JSON line with the medians of --runs runs.
//
//   bench_overview [--database FILE|postgresql://user@host:port/db] [--tokens N]
//                  [--sessions S] [--audit A] [--runs R]
//
// Without --database it uses /tmp/tokendesk-bench-overview-N.sqlite. A store without a TokenDesk
// schema is initialised and filled once: N demo tokens and S sessions (DemoGenerator, 2,000
// users), a count of requests for every user on each of the last 60 days, and A audit rows
// over the last 60 days of which one in twenty is a failed sign-in.
//   overview_ms        OverviewService::read as the administrator (every figure), median
//   overview_first_ms  the first read of the run (caches cold for this process)
//   overview_own_ms    the same as a Standard user (their own tokens and sessions)
//   baseline_ms        the same figures by reading every token, session and audit row
//   token_list_ms      for scale: the API Tokens list's count and first 40 rows
#include "core/clock.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "store/store.h"

#include "benchmachine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

using namespace td;
using td::bench::median;
using td::bench::round1;

namespace {

const char *BenchPassword = "Bench-Admin#1";
constexpr qint64 DayMs = 24LL * 3600 * 1000;

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_overview: %s\n", qPrintable(why));
    std::exit(1);
}

template<typename T> T must(Result<T> r)
{
    if (!r)
        die(r.error().message);
    if constexpr (!std::is_void_v<T>)
        return std::move(r.value());
}

using td::bench::machine;

/// Requests per user and day, and audit rows with failed sign-ins among them.
void fillCounts(Store &store, int users, qint64 auditRows)
{
    QRandomGenerator rng(20261204);
    const qint64 now = Clock::nowMs();
    must(store.write([&] {
        QSqlQuery q = store.prepare(QStringLiteral(
            "INSERT INTO api_request_days (day, user_id, requests) SELECT ?, id, ? FROM users "
            "WHERE id = ? ON CONFLICT (day, user_id) DO UPDATE SET requests = "
            "excluded.requests"));
        for (qint64 day = now / DayMs - 59; day <= now / DayMs; ++day)
            for (int user = 1; user <= users + 1; ++user) {
                q.addBindValue(day);
                q.addBindValue(qint64(rng.bounded(2000)));
                q.addBindValue(qint64(user));
                store.exec(q, "filling requests");
            }
        QSqlQuery a = store.prepare(
            QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, details, "
                           "address) VALUES (?, ?, ?, 'user demo', ?, '', '10.0.0.1')"));
        for (qint64 i = 0; i < auditRows; ++i) {
            const bool failed = i % 20 == 0;
            a.addBindValue(now - qint64(rng.bounded(60 * 24 * 3600)) * 1000);
            a.addBindValue(QStringLiteral("demo%1").arg(i % 2000));
            a.addBindValue(
                failed
                    ? (i % 40 ? QStringLiteral("auth.sign_in") : QStringLiteral("session.create"))
                    : (i % 3 ? QStringLiteral("token.create") : QStringLiteral("auth.sign_in")));
            a.addBindValue(failed ? QStringLiteral("failure") : QStringLiteral("success"));
            store.exec(a, "filling the audit log");
        }
    }));
}

void prepareStore(Store &store, qint64 tokens, qint64 sessions, qint64 auditRows)
{
    Domain service(store);
    if (store.isInitialized())
        return;
    std::fprintf(stderr, "bench_overview: creating %lld tokens, %lld sessions, %lld audit rows\n",
                 static_cast<long long>(tokens), static_cast<long long>(sessions),
                 static_cast<long long>(auditRows));
    QElapsedTimer t;
    t.start();
    must(service.accounts.initialize(Actor::cli(QStringLiteral("bench")), QStringLiteral("admin"),
                                     SecretBytes(QByteArray(BenchPassword)),
                                     QStringLiteral("Administration")));
    DemoRequest req;
    req.users = 2000;
    req.tokens = tokens;
    req.sessions = sessions;
    req.seed = 20240601;
    must(DemoGenerator(store).generate(Actor::cli(QStringLiteral("bench")), req));
    fillCounts(store, req.users, auditRows);
    NewUser u;
    u.username = QStringLiteral("bench-standard");
    u.email = QStringLiteral("bench-standard@example.org");
    u.department = QStringLiteral("Administration");
    u.userType = BuiltinUserType::Standard;
    u.password = SecretBytes(QByteArray(BenchPassword));
    must(service.accounts.createUser(Actor::cli(QStringLiteral("bench")), u));
    if (!store.isSqlite())
        must(store.read([&] { store.run(QStringLiteral("VACUUM (ANALYZE)")); }));
    else
        must(store.read([&] { store.run(QStringLiteral("ANALYZE")); }));
    std::fprintf(stderr, "bench_overview: store filled in %lld ms\n",
                 static_cast<long long>(t.elapsed()));
}

/// The baseline: the same figures from every row, bucketed here.
qint64 baseline(Store &store)
{
    const qint64 now = Clock::nowMs();
    qint64 checksum = 0;
    must(store.read([&] {
        QList<qint64> weeks(Overview::Weeks, 0);
        QSqlQuery t = store.run(QStringLiteral("SELECT expires_at, revoked_at FROM api_tokens"));
        while (t.next()) {
            const qint64 week = (t.value(0).toLongLong() - now) / (7 * DayMs);
            if (t.value(1).isNull() && t.value(0).toLongLong() > now && week < Overview::Weeks)
                ++weeks[week];
        }
        QHash<QString, qint64> platforms;
        QSqlQuery s = store.run(
            QStringLiteral("SELECT platform, expires_at, revoked_at FROM mobile_sessions"));
        while (s.next())
            if (s.value(2).isNull() && s.value(1).toLongLong() > now)
                ++platforms[s.value(0).toString()];
        QList<qint64> days(Overview::Days, 0);
        QSqlQuery a = store.run(QStringLiteral("SELECT at, action, outcome FROM audit_log"));
        const qint64 first = now / DayMs - (Overview::Days - 1);
        while (a.next()) {
            const qint64 day = a.value(0).toLongLong() / DayMs - first;
            const QString action = a.value(1).toString();
            if (day >= 0 && a.value(2).toString() == QLatin1String("failure") &&
                (action == QLatin1String("auth.sign_in") ||
                 action == QLatin1String("session.create")))
                ++days[day];
        }
        QSqlQuery r = store.run(
            QStringLiteral("SELECT day, SUM(requests) FROM api_request_days WHERE day >= ? "
                           "GROUP BY day"),
            {first});
        while (r.next())
            checksum += r.value(1).toLongLong();
        for (qint64 n : weeks + days)
            checksum += n;
        for (qint64 n : std::as_const(platforms))
            checksum += n;
    }));
    return checksum;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("SQLite file or postgresql:// URL"),
                                      QStringLiteral("FILE|URL"));
    const QCommandLineOption tokens(QStringLiteral("tokens"),
                                    QStringLiteral("Tokens in a new store (default 1000000)"),
                                    QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption sessions(QStringLiteral("sessions"),
                                      QStringLiteral("Sessions in a new store (default 200000)"),
                                      QStringLiteral("S"), QStringLiteral("200000"));
    const QCommandLineOption audit(QStringLiteral("audit"),
                                   QStringLiteral("Audit rows in a new store (default 500000)"),
                                   QStringLiteral("A"), QStringLiteral("500000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (default 7)"),
                                  QStringLiteral("R"), QStringLiteral("7"));
    parser.addOptions({database, tokens, sessions, audit, runs});
    parser.process(app);
    const qint64 n = parser.value(tokens).toLongLong();
    const QString spec = parser.isSet(database)
                             ? parser.value(database)
                             : QStringLiteral("/tmp/tokendesk-bench-overview-%1.sqlite").arg(n);
    auto location = DatabaseLocation::parse(spec);
    if (!location)
        die(location.error().message);
    auto store = must(Store::open(location.value(), Store::OpenMode::CreateIfMissing));
    prepareStore(*store, n, parser.value(sessions).toLongLong(), parser.value(audit).toLongLong());

    PasswordHasher::setCostForTesting(1, 8 * 1024); // signing in is not what this measures
    Domain domain(*store);
    const Actor admin = must(
        domain.accounts.signIn(QStringLiteral("admin"), SecretBytes(QByteArray(BenchPassword))));
    const Actor standard = must(domain.accounts.signIn(QStringLiteral("bench-standard"),
                                                       SecretBytes(QByteArray(BenchPassword))));
    const qint64 tokenRows = must(domain.tokens.count(admin, {}));

    QList<double> ours, own, base, list;
    double first = -1;
    qint64 expiring = 0;
    for (int i = 0; i < std::max(1, parser.value(runs).toInt()); ++i) {
        QElapsedTimer t;
        t.start();
        const Overview o = must(domain.overview.read(admin, 60));
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (first < 0)
            first = ms;
        ours << ms;
        expiring = std::accumulate(o.expiringPerWeek.begin(), o.expiringPerWeek.end(), qint64(0));

        t.restart();
        must(domain.overview.read(standard, 60));
        own << double(t.nsecsElapsed()) / 1e6;

        t.restart();
        baseline(*store);
        base << double(t.nsecsElapsed()) / 1e6;

        t.restart();
        must(domain.tokens.count(admin, {}));
        WindowRequest w;
        w.limit = 40;
        must(domain.tokens.window(admin, {}, w));
        list << double(t.nsecsElapsed()) / 1e6;
    }
    QJsonObject out{
        {QStringLiteral("bench"), QStringLiteral("overview")},
        {QStringLiteral("backend"),
         store->isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql")},
        {QStringLiteral("tokens"), tokenRows},
        {QStringLiteral("expiring_12_weeks"), expiring},
        {QStringLiteral("runs"), ours.size()},
        {QStringLiteral("overview_ms"), round1(median(ours))},
        {QStringLiteral("overview_first_ms"), round1(first)},
        {QStringLiteral("overview_own_ms"), round1(median(own))},
        {QStringLiteral("baseline_ms"), round1(median(base))},
        {QStringLiteral("ratio"), round1(median(base) / std::max(0.001, median(ours)))},
        {QStringLiteral("token_list_ms"), round1(median(list))},
        {QStringLiteral("machine"), machine()},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
