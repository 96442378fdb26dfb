// SPDX-License-Identifier: MIT
// bench_notices: how long tokendesk-server's hourly look for expiry notices takes
// (NoticeService::queueExpiryNotices) in a store of N API tokens, against a baseline in the same
// run: the same decisions from a plain read of every token with its user (what the look costs
// without the expiry index and the record of what was noticed). Prints ONE JSON line with the
// medians of --runs runs.
//
//   bench_notices [--database FILE|postgresql://user@host:port/db] [--tokens N] [--runs R]
//
// Without --database it uses /tmp/tokendesk-bench-notices-N.sqlite, filled once with N demo
// tokens of 2,000 users (DemoGenerator: about 8 % expire within a week, 4 % within 8 to 30
// days).
//   first_ms     the first look: every credential due is recorded and its user's e-mail
//                queued (the records are deleted before each run)
//   steady_ms    the next look with nothing new
//   hour_ms      the look an hour on: the credentials that crossed a threshold in that hour
//   baseline_ms  every token and its user read, the threshold of each decided here
#include "core/clock.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "store/store.h"

#include "benchmachine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace td;
using td::bench::median;
using td::bench::round1;

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_notices: %s\n", qPrintable(why));
    std::exit(1);
}

template<typename T> T must(Result<T> r)
{
    if (!r)
        die(r.error().message);
    if constexpr (!std::is_void_v<T>)
        return std::move(r.value());
}

void prepareStore(Store &store, qint64 tokens)
{
    if (store.isInitialized())
        return;
    std::fprintf(stderr, "bench_notices: creating %lld tokens\n", static_cast<long long>(tokens));
    Domain service(store);
    must(service.accounts.initialize(Actor::cli(QStringLiteral("bench")), QStringLiteral("admin"),
                                     SecretBytes(QByteArray("Bench-Admin#1")),
                                     QStringLiteral("Administration")));
    DemoRequest req;
    req.users = 2000;
    req.tokens = tokens;
    req.sessions = 0;
    req.seed = 20261204;
    must(DemoGenerator(store).generate(Actor::cli(QStringLiteral("bench")), req));
    must(store.read([&] { store.run(QStringLiteral("ANALYZE")); }));
}

/// The same decisions from every row: the threshold of each live token of an enabled user.
qint64 baseline(Store &store, qint64 now)
{
    qint64 due = 0;
    must(store.read([&] {
        QSqlQuery q = store.run(QStringLiteral(
            "SELECT t.id, t.name, t.hint, t.expires_at, t.revoked_at, u.email, u.language,"
            " u.disabled_at FROM api_tokens t JOIN users u ON u.id = t.user_id"));
        while (q.next()) {
            const qint64 expires = q.value(3).toLongLong();
            if (!q.value(4).isNull() || !q.value(7).isNull())
                continue;
            if (expires > now - NoticeService::ExpiredWithinDays * DayMs &&
                expires <= now + NoticeService::Thresholds[0] * DayMs)
                ++due;
        }
    }));
    return due;
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
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (default 3)"),
                                  QStringLiteral("R"), QStringLiteral("3"));
    parser.addOptions({database, tokens, runs});
    parser.process(app);
    const qint64 n = parser.value(tokens).toLongLong();
    const QString spec = parser.isSet(database)
                             ? parser.value(database)
                             : QStringLiteral("/tmp/tokendesk-bench-notices-%1.sqlite").arg(n);
    auto location = DatabaseLocation::parse(spec);
    if (!location)
        die(location.error().message);
    auto store = must(Store::open(location.value(), Store::OpenMode::CreateIfMissing));
    prepareStore(*store, n);
    Domain domain(*store);

    QList<double> first, steady, hour, base;
    qint64 noticed = 0, mails = 0, due = 0, hourNoticed = 0;
    const QDateTime now = Clock::now();
    for (int i = 0; i < std::max(1, parser.value(runs).toInt()); ++i) {
        must(store->write([&] {
            store->run(QStringLiteral("DELETE FROM expiry_notices"));
            store->run(QStringLiteral("DELETE FROM mail_outbox"));
        }));
        QElapsedTimer t;
        t.start();
        const NoticeRun r = must(domain.notices.queueExpiryNotices(now, QStringLiteral("en")));
        first << double(t.nsecsElapsed()) / 1e6;
        noticed = r.credentials;
        mails = r.mails;

        t.restart();
        must(domain.notices.queueExpiryNotices(now, QStringLiteral("en")));
        steady << double(t.nsecsElapsed()) / 1e6;

        t.restart();
        hourNoticed =
            must(domain.notices.queueExpiryNotices(now.addSecs(3600), QStringLiteral("en")))
                .credentials;
        hour << double(t.nsecsElapsed()) / 1e6;

        t.restart();
        due = baseline(*store, now.toMSecsSinceEpoch());
        base << double(t.nsecsElapsed()) / 1e6;
    }
    const QJsonObject out{
        {QStringLiteral("bench"), QStringLiteral("notices")},
        {QStringLiteral("backend"),
         store->isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql")},
        {QStringLiteral("tokens"),
         must(domain.tokens.count(Actor::cli(QStringLiteral("bench")), {}))},
        {QStringLiteral("noticed"), noticed},
        {QStringLiteral("baseline_due"), due},
        {QStringLiteral("mails"), mails},
        {QStringLiteral("runs"), first.size()},
        {QStringLiteral("first_ms"), round1(median(first))},
        {QStringLiteral("steady_ms"), round1(median(steady))},
        {QStringLiteral("hour_ms"), round1(median(hour))},
        {QStringLiteral("hour_noticed"), hourNoticed},
        {QStringLiteral("baseline_ms"), round1(median(base))},
        {QStringLiteral("steady_ratio"), round1(median(base) / std::max(0.001, median(steady)))},
        {QStringLiteral("machine"), td::bench::machine()},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
