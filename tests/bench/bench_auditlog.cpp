// SPDX-License-Identifier: MIT
// bench_auditlog: the console's Audit Log at a million entries (built, not run by ctest).
//
// Fills a store with N audit entries (one prepared INSERT, one transaction; 10 actors, 6
// actions, one a second apart), then times what the Audit Log page does — the count, the first,
// middle and last window, a window next to a cached one (keyset seek), filters by actor, action
// prefix, date range and text, a CSV export of everything — through the same code the page uses
// (AuditService::count / window, AuditPage::exportCsv, AuditLogModel scrolled to the
// end). Baselines in the same run: plain LIMIT/OFFSET for the last window and an action filter
// written as LIKE 'prefix%'. Prints the median of R runs of each, and the ratios.
//
//   bench_auditlog [--rows 1000000] [--runs 5] [--database postgresql://…]
#include "audit/auditpage.h"
#include "consolecontext.h"
#include "core/clock.h"
#include "itemmodels/auditlogmodel.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace td;

namespace {

double medianMs(int runs, const std::function<void()> &f)
{
    QList<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        t << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(t.begin(), t.end());
    return t.at(t.size() / 2);
}

void row(const char *what, double ms, const QString &note = {})
{
    std::printf("  %-52s %10.2f ms  %s\n", what, ms, qPrintable(note));
}

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_auditlog: %s\n", qPrintable(why));
    std::exit(1);
}

template<typename T> T must(Result<T> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().message));
    return std::move(r).value();
}

void must(Result<void> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().message));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("audit entries"),
                                     QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("runs per figure"),
                                     QStringLiteral("R"), QStringLiteral("5"));
    const QCommandLineOption dbOpt(QStringLiteral("database"),
                                   QStringLiteral("postgresql://… (default: a fresh SQLite file)"),
                                   QStringLiteral("URL"));
    p.addOptions({rowsOpt, runsOpt, dbOpt});
    p.process(app);
    const qint64 rows = p.value(rowsOpt).toLongLong();
    const int runs = std::max(1, p.value(runsOpt).toInt());

    QTemporaryDir dir;
    DatabaseLocation where = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("a.sqlite")));
    if (p.isSet(dbOpt))
        where = must(DatabaseLocation::parse(p.value(dbOpt)), "--database");
    auto store = must(Store::open(where, Store::OpenMode::CreateIfMissing), "open");
    Domain service(*store);
    if (!store->isInitialized())
        (void)must(service.accounts.initialize(Actor::cli(QStringLiteral("bench")),
                                               QStringLiteral("admin"),
                                               SecretBytes(QByteArray("Bench-Admin#1")), {}),
                   "init");

    std::printf("bench_auditlog: %lld entries, %s, median of %d runs\n", rows,
                where.isSqlite() ? "SQLite" : "PostgreSQL", runs);
    std::printf("machine: %s, %d cores, Qt %s\n", qPrintable(QSysInfo::prettyProductName()),
                QThread::idealThreadCount(), qVersion());

    // ---- fill ----
    const QStringList actors = {QStringLiteral("admin"),    QStringLiteral("alice"),
                                QStringLiteral("bob"),      QStringLiteral("carol"),
                                QStringLiteral("cli:root"), QStringLiteral("dave"),
                                QStringLiteral("erin"),     QStringLiteral("frank"),
                                QStringLiteral("grace"),    QStringLiteral("rare")};
    const QStringList actions = {QStringLiteral("auth.sign_in"), QStringLiteral("token.create"),
                                 QStringLiteral("token.revoke"), QStringLiteral("session.create"),
                                 QStringLiteral("user.update"),  QStringLiteral("access_code.set")};
    const qint64 start = Clock::nowMs() - rows * 1000;
    QElapsedTimer fill;
    fill.start();
    must(store->write([&] {
        QSqlQuery q = store->prepare(
            QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, details, "
                           "address) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (qint64 i = 0; i < rows; ++i) {
            // "rare" acts once in a thousand entries.
            const QString &actor = i % 1000 == 7 ? actors.last() : actors.at(int(i % 9));
            q.bindValue(0, start + i * 1000);
            q.bindValue(1, actor);
            q.bindValue(2, actions.at(int(i % 6)));
            q.bindValue(3, QStringLiteral("token #%1").arg(i));
            q.bindValue(4, i % 50 == 0 ? QStringLiteral("failure") : QStringLiteral("success"));
            q.bindValue(5, i % 97 == 0 ? QStringLiteral("needle %1").arg(i) : QStringLiteral(""));
            q.bindValue(6, QStringLiteral("10.0.%1.%2").arg(i % 250).arg(i % 200));
            store->exec(q, "filling");
        }
    }),
         "fill");
    if (!where.isSqlite())
        (void)store->read([&] { store->run(QStringLiteral("ANALYZE audit_log")); });
    std::printf("  filled in %.1f s\n\n", double(fill.elapsed()) / 1000.0);

    Actor admin = must(
        service.accounts.signIn(QStringLiteral("admin"), SecretBytes(QByteArray("Bench-Admin#1"))),
        "sign in");
    const qint64 total = must(service.audit.count(admin, {}), "count");

    auto window = [&](const AuditQuery &q, qint64 offset, qint64 n, QVariantList after = {}) {
        WindowRequest r;
        r.offset = offset;
        r.limit = 200;
        r.total = n;
        r.after = std::move(after);
        return must(service.audit.window(admin, q, r), "window");
    };

    std::printf("windows (200 rows, newest first):\n");
    AuditQuery none;
    row("count, no filter", medianMs(runs, [&] { (void)service.audit.count(admin, none); }));
    row("first window", medianMs(runs, [&] { (void)window(none, 0, total); }));
    const double middle = medianMs(runs, [&] { (void)window(none, total / 2, total); });
    row("middle window (offset from the nearer end)", middle);
    const double last = medianMs(runs, [&] { (void)window(none, total - 200, total); });
    row("last window (read backwards from the end)", last);
    const auto w1 = window(none, total / 2, total);
    row("window after a cached one (keyset seek)",
        medianMs(runs, [&] { (void)window(none, total / 2 + 200, total, w1.lastKey); }));
    const double naiveLast = medianMs(runs, [&] {
        (void)store->read([&] {
            QSqlQuery q = store->run(QStringLiteral("SELECT id, at, actor, action, target, "
                                                    "outcome, details, address FROM audit_log "
                                                    "ORDER BY at DESC, id DESC LIMIT 200 OFFSET ?"),
                                     {total - 200});
            while (q.next()) {
            }
        });
    });
    row("baseline: last window by plain LIMIT/OFFSET", naiveLast,
        QStringLiteral("windowed is %1x faster").arg(naiveLast / last, 0, 'f', 1));

    std::printf("\nfilters (count + first window):\n");
    auto filtered = [&](const char *what, const AuditQuery &q) {
        qint64 n = 0;
        const double ms = medianMs(runs, [&] {
            n = must(service.audit.count(admin, q), "count");
            (void)window(q, 0, n);
        });
        const double lastMs =
            medianMs(runs, [&] { (void)window(q, std::max<qint64>(0, n - 200), n); });
        row(what, ms, QStringLiteral("%1 rows; last window %2 ms").arg(n).arg(lastMs, 0, 'f', 2));
        return ms;
    };
    AuditQuery q;
    q.actor = QStringLiteral("alice");
    filtered("actor = alice (1 in 9)", q);
    q.actor = QStringLiteral("rare");
    filtered("actor = rare (1 in 1000)", q);
    q = {};
    q.action = QStringLiteral("token.");
    const double range = filtered("action prefix token. (range on the index)", q);
    const double likeMs = medianMs(runs, [&] {
        (void)store->read([&] {
            return store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action LIKE ? "
                                        "ESCAPE '\\'"),
                         {QStringLiteral("token.%")})
                .toLongLong();
        });
    });
    row("baseline: action LIKE 'token.%' (count only)", likeMs,
        QStringLiteral("range count+window is %1x the LIKE count's time")
            .arg(range / likeMs, 0, 'f', 2));
    q = {};
    q.since = Clock::fromMs(start + (rows - 86400) * 1000);
    filtered("last day (at >= since)", q);
    q = {};
    q.text = QStringLiteral("needle 4");
    filtered("text \"needle 4\" (scan)", q);

    std::printf("\nmodel and page:\n");
    {
        ConsoleContext ctx(must(store->openAnother(), "open another"), admin);
        AuditLogModel model(ctx.backend());
        const double scroll = medianMs(runs, [&] {
            model.refresh();
            const int n = model.rowCount();
            (void)model.index(0, AuditLogModel::Target).data();
            (void)model.index(n - 1, AuditLogModel::Target).data();
        });
        row("AuditLogModel: reset, first row, last row", scroll,
            QStringLiteral("%1 windows cached").arg(model.stats().cachedWindows));

        AuditPage page(ctx);
        const QString csv = dir.filePath(QStringLiteral("audit.csv"));
        QString error;
        qint64 written = 0;
        const double exportMs =
            medianMs(std::min(runs, 3), [&] { written = page.exportCsv(csv, &error); });
        if (written < 0)
            die(error);
        row("CSV export of every entry", exportMs,
            QStringLiteral("%1 rows, %2 MB, %3 rows/s")
                .arg(written)
                .arg(double(QFile(csv).size()) / 1e6, 0, 'f', 1)
                .arg(double(written) / (exportMs / 1000.0), 0, 'f', 0));
    }
    return 0;
}
