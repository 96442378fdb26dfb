// SPDX-License-Identifier: MIT
// bench_token_view: how the console's API token list (TokenListModel) answers at N tokens,
// against a baseline of a plain QSqlTableModel + QSortFilterProxyModel over the same store, in
// the same run. Prints ONE JSON line with the medians of --runs runs (default 5).
//
//   bench_token_view [--database FILE|postgresql://user@host:port/db] [--tokens N] [--runs R]
//                    [--filter TEXT]
//
// Without --database it uses /tmp/tokendesk-bench-N.sqlite. A store that has no TokenDesk
// schema yet is initialised and filled with N demo tokens (DemoGenerator; 2,000 users), which
// takes a while once. Every measurement runs in a fresh child process (so RSS growth is its own):
//   open_ms      model created → row count known and the first screen (40 rows × all columns)
//                read
//   sort_ms      from a freshly opened list: sort by Token Name → first screen read
//   filter_ms    from a freshly opened list: a 3-letter text filter → count + first screen
//   last_row_ms  from a freshly opened list: the last screen (scrolling to the end)
//   rss_mb       resident memory growth of the child over all of them
//   middle_row_ms (extra) from a freshly opened list: the screen at row N/2, the worst case
//   filter_name_sorted_ms (extra, model only) the filter while sorted by Token Name
// With --delay-ms D the model alone runs over a DelayedBackend (tests/common) that answers every
// count, window and position D ms later, as a server would, and prints its own JSON line: the
// time until the first screen shows real rows (open, after sorting, after filtering, the last
// screen) and the longest stall of the event loop meanwhile (a 1 ms QTimer's longest gap beyond
// its interval). The delayed backend computes its answers in this process at once, so a stall
// includes the local SQL of the answers asked for in one turn (longest_answer_ms: the longest
// one, what a server would do elsewhere); max_stall_model_ms leaves that time out, leaving the
// model's own work. The delay itself never blocks.
// With --server the model alone runs over HttpBackend against a real tokendesk-server on
// 127.0.0.1 (TLS with a throwaway certificate, pinned; the binary next to this one's build:
// ../app/tokendesk-server) on the same store, and prints the same figures; --rtt-ms R puts a
// TCP relay in between (its own thread) that holds every chunk R/2 ms each way, a network with
// R ms of round trip. Here max_stall_ms is the console's own: the server computes elsewhere.
// The baseline does the same with QSqlTableModel("api_tokens") + QSortFilterProxyModel: to show
// a correct first screen after sorting or filtering in the proxy, or to reach the last row, it
// must fetch every row first (fetchMore until canFetchMore() is false), which is what it costs.
#include "client/httpbackend.h"
#include "client/localbackend.h"
#include "delayedbackend.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "itemmodels/tokenlistmodel.h"
#include "security/secret.h"
#include "store/store.h"
#include "testsupport.h"

#include "benchmachine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QSslCertificate>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace td;

namespace {

constexpr int ScreenRows = 40;
const char *BenchPassword = "Bench-Admin#1";

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Reads a screen of rows the way a view paints them: every column's display text.
qint64 readScreen(const QAbstractItemModel &m, int first)
{
    qint64 chars = 0;
    const int last = std::min(m.rowCount(), first + ScreenRows);
    for (int r = std::max(0, first); r < last; ++r)
        for (int c = 0; c < m.columnCount(); ++c)
            chars += m.data(m.index(r, c)).toString().size();
    return chars;
}

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_token_view: %s\n", qPrintable(message));
    std::exit(1);
}

std::unique_ptr<Store> openStore(const QString &spec)
{
    auto location = DatabaseLocation::parse(spec);
    if (!location)
        die(location.error().message);
    auto store = Store::open(location.value(), Store::OpenMode::ExistingOnly);
    if (!store)
        die(store.error().message);
    return std::move(store.value());
}

// ---- the children ------------------------------------------------------------------------------

QJsonObject runOurs(const QString &spec, const QString &filter)
{
    std::unique_ptr<Store> store = openStore(spec);
    Domain service(*store);
    auto signedIn =
        service.accounts.signIn(QStringLiteral("admin"), SecretBytes(QByteArray(BenchPassword)));
    const Actor actor = signedIn ? signedIn.value() : Actor::cli(QStringLiteral("bench"));
    LocalBackend backend(*store, actor);
    const double rss0 = rssMb();
    QJsonObject out;

    QElapsedTimer t;
    t.start();
    auto model = std::make_unique<TokenListModel>(backend);
    const qint64 rows = model->rowCount();
    readScreen(*model, 0);
    out[QStringLiteral("open_ms")] = ms(t);
    out[QStringLiteral("rows")] = rows;

    model = std::make_unique<TokenListModel>(backend);
    readScreen(*model, 0);
    t.restart();
    model->sort(TokenListModel::NameColumn, Qt::AscendingOrder);
    readScreen(*model, 0);
    out[QStringLiteral("sort_ms")] = ms(t);

    model = std::make_unique<TokenListModel>(backend);
    readScreen(*model, 0);
    t.restart();
    model->setFilter({filter, {}, {}, {}});
    out[QStringLiteral("filter_rows")] = model->rowCount();
    readScreen(*model, 0);
    out[QStringLiteral("filter_ms")] = ms(t);

    model = std::make_unique<TokenListModel>(backend);
    readScreen(*model, 0);
    t.restart();
    readScreen(*model, model->rowCount() - ScreenRows);
    out[QStringLiteral("last_row_ms")] = ms(t);
    out[QStringLiteral("last_row_id")] = model->idAt(model->rowCount() - 1);

    // Not a target either: filtering while sorted by the column the filter matches (the
    // matches cluster in one stretch of the order index, so they are read first and sorted).
    model = std::make_unique<TokenListModel>(backend);
    model->sort(TokenListModel::NameColumn, Qt::AscendingOrder);
    readScreen(*model, 0);
    t.restart();
    model->setFilter({filter, {}, {}, {}});
    readScreen(*model, 0);
    out[QStringLiteral("filter_name_sorted_ms")] = ms(t);

    // Not a target, but the honest worst case: a jump into the middle, where neither end nor a
    // neighbouring window helps (an OFFSET over half the rows of an index).
    model = std::make_unique<TokenListModel>(backend);
    readScreen(*model, 0);
    t.restart();
    readScreen(*model, model->rowCount() / 2);
    out[QStringLiteral("middle_row_ms")] = ms(t);

    out[QStringLiteral("rss_mb")] = rssMb() - rss0;
    out[QStringLiteral("cached_rows")] = model->stats().cachedRows;
    return out;
}

/// The longest time the event loop did not run a 1 ms timer, beyond its interval: in all, and
/// without the time the delayed backend spent computing answers meanwhile (what is left is the
/// model's own work).
class StallProbe
{
public:
    /// answerMs: the milliseconds spent computing answers in this process so far (0: none).
    explicit StallProbe(std::function<double()> answerMs)
        : m_answerMs(std::move(answerMs))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const double gap = ms(m_since) - 1.0;
            const double answers = m_answerMs() - m_answersBefore;
            m_longest = std::max(m_longest, gap);
            m_longestOwn = std::max(m_longestOwn, gap - answers);
            m_answersBefore = m_answerMs();
            m_since.restart();
        });
        m_since.start();
        m_timer.start();
    }
    double longestMs() const { return m_longest; }
    double longestOwnMs() const { return m_longestOwn; }

private:
    std::function<double()> m_answerMs;
    QTimer m_timer;
    QElapsedTimer m_since;
    double m_answersBefore = 0;
    double m_longest = 0;
    double m_longestOwn = 0;
};

/// Paints the screen at `first` as a view would whenever the model says something changed,
/// until every row of it is there (no placeholder left); the milliseconds that took.
double untilScreenShown(TokenListModel &m, int first, const std::function<void()> &start)
{
    QElapsedTimer t;
    t.start();
    QEventLoop loop;
    auto shown = [&] {
        const int from = std::max(0, first < 0 ? m.rowCount() - ScreenRows : first);
        readScreen(m, from);
        if (m.rowCount() == 0 || m.isLoading())
            return false;
        for (int r = from; r < std::min(m.rowCount(), from + ScreenRows); ++r)
            if (m.index(r, TokenListModel::NameColumn)
                    .data(WindowedTableModel::LoadingRole)
                    .toBool())
                return false;
        return true;
    };
    auto paint = [&] {
        if (shown())
            loop.quit();
    };
    QList<QMetaObject::Connection> c;
    c << QObject::connect(&m, &QAbstractItemModel::dataChanged, &loop, paint)
      << QObject::connect(&m, &QAbstractItemModel::rowsInserted, &loop, paint)
      << QObject::connect(&m, &QAbstractItemModel::modelReset, &loop, paint)
      << QObject::connect(&m, &WindowedTableModel::reloaded, &loop, paint);
    QTimer::singleShot(60 * 1000, &loop, [] { die(QStringLiteral("the screen never came")); });
    start();
    if (!shown())
        loop.exec();
    for (const auto &connection : c)
        QObject::disconnect(connection);
    return ms(t);
}

/// Over a backend whose answers come later: until the first screen shows real rows when the
/// list opens, after sorting by name, after filtering, and at the last screen.
void measureShown(Backend &backend, const QString &filter, QJsonObject &out)
{
    QElapsedTimer created;
    created.start();
    auto model = std::make_unique<TokenListModel>(backend); // asks for the count
    const double creating = ms(created);
    out[QStringLiteral("open_ms")] = creating + untilScreenShown(*model, 0, [] {});
    out[QStringLiteral("rows")] = model->rowCount();
    out[QStringLiteral("sort_ms")] = untilScreenShown(
        *model, 0, [&] { model->sort(TokenListModel::NameColumn, Qt::AscendingOrder); });
    out[QStringLiteral("filter_ms")] = untilScreenShown(*model, 0, [&] {
        model->setFilter({filter, {}, {}, {}});
    });
    out[QStringLiteral("filter_rows")] = model->rowCount();
    // As documented and as runOurs measures it: a freshly opened list (its count known, the
    // first screen shown), then the last screen.
    model = std::make_unique<TokenListModel>(backend);
    untilScreenShown(*model, 0, [] {});
    out[QStringLiteral("last_row_ms")] = untilScreenShown(*model, -1, [] {});
}

QJsonObject runDelayed(const QString &spec, const QString &filter, int delayMs)
{
    std::unique_ptr<Store> store = openStore(spec);
    Domain service(*store);
    auto signedIn =
        service.accounts.signIn(QStringLiteral("admin"), SecretBytes(QByteArray(BenchPassword)));
    const Actor actor = signedIn ? signedIn.value() : Actor::cli(QStringLiteral("bench"));
    LocalBackend local(*store, actor);
    test::DelayedBackend backend(local, delayMs);
    QJsonObject out;
    StallProbe probe([&backend] { return backend.answerMsTotal(); });

    measureShown(backend, filter, out);
    out[QStringLiteral("requests")] = int(backend.requests().size());
    out[QStringLiteral("cancelled")] = backend.cancelledCount();
    out[QStringLiteral("max_stall_ms")] = probe.longestMs();
    out[QStringLiteral("longest_answer_ms")] = backend.longestAnswerMs();
    out[QStringLiteral("max_stall_model_ms")] = probe.longestOwnMs();
    return out;
}

/// A TCP relay on 127.0.0.1 that holds every chunk `delayMs` before passing it on, both ways:
/// a network with twice that round trip. Lives on its own thread.
class DelayingRelay : public QTcpServer
{
public:
    DelayingRelay(quint16 target, int delayMs)
        : m_target(target)
        , m_delayMs(delayMs)
    {}

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *client = new QTcpSocket(this);
        client->setSocketDescriptor(handle);
        auto *server = new QTcpSocket(this);
        server->connectToHost(QHostAddress::LocalHost, m_target);
        relay(client, server);
        relay(server, client);
        auto close = [client, server] {
            client->disconnectFromHost();
            server->disconnectFromHost();
        };
        connect(client, &QTcpSocket::disconnected, this, close);
        connect(server, &QTcpSocket::disconnected, this, close);
    }

private:
    void relay(QTcpSocket *from, QTcpSocket *to)
    {
        connect(from, &QTcpSocket::readyRead, this, [this, from, to] {
            const QByteArray bytes = from->readAll();
            QTimer::singleShot(m_delayMs, Qt::PreciseTimer, to, [to, bytes] {
                if (to->state() == QAbstractSocket::ConnectedState ||
                    to->state() == QAbstractSocket::ConnectingState)
                    to->write(bytes);
            });
        });
    }
    quint16 m_target;
    int m_delayMs;
};

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        die(program + QStringLiteral(" failed: ") +
            QString::fromLocal8Bit(p.readAllStandardError()));
    return QString::fromLocal8Bit(p.readAllStandardOutput());
}

/// The list over HttpBackend against a real tokendesk-server (see the header).
QJsonObject runServer(const QString &spec, const QString &filter, int rttMs)
{
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path()); // pins here
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    run(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
         QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
         QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
         QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    test::endWithThisProcess(server); // die() exits without stopping it
    server.start(QCoreApplication::applicationDirPath() +
                     QStringLiteral("/../app/tokendesk-server"),
                 {QStringLiteral("--database"), spec, QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"), cert,
                  QStringLiteral("--tls-key"), key, QStringLiteral("--no-access-log")});
    if (!server.waitForReadyRead(60000))
        die(QStringLiteral("tokendesk-server did not start"));
    QUrl url(QString::fromLatin1(server.readLine().trimmed()));
    QThread relayThread;
    std::unique_ptr<DelayingRelay> relay;
    if (rttMs > 0) {
        relay = std::make_unique<DelayingRelay>(quint16(url.port()), rttMs / 2);
        if (!relay->listen(QHostAddress::LocalHost, 0))
            die(QStringLiteral("the relay cannot listen"));
        relay->moveToThread(&relayThread);
        relayThread.start();
        url.setPort(relay->serverPort());
    }
    ServerTrust::pin(url, ServerTrust::fingerprint(QSslCertificate::fromPath(cert).value(0)));

    QJsonObject out;
    HttpBackend *backend = nullptr;
    {
        QEventLoop loop;
        HttpBackend::signIn(url, QStringLiteral("admin"), SecretBytes(QByteArray(BenchPassword)),
                            qApp)
            .then(&loop, [&](Result<HttpBackend *> b) {
                if (!b)
                    die(QStringLiteral("sign-in: ") + b.error().message);
                backend = b.value();
                loop.quit();
            });
        if (!backend)
            loop.exec();
    }
    StallProbe probe([] { return 0.0; });
    measureShown(*backend, filter, out);
    out[QStringLiteral("max_stall_ms")] = probe.longestMs();
    delete backend;
    if (relay) {
        QMetaObject::invokeMethod(
            relay.get(), [&] { relay.reset(); }, Qt::BlockingQueuedConnection);
        relayThread.quit();
        relayThread.wait();
    }
    server.terminate();
    server.waitForFinished(10000);
    return out;
}

/// The baseline's filter: the same four texts as the service searches, case-insensitively.
class BaselineProxy : public QSortFilterProxyModel
{
public:
    void setColumns(QList<int> columns) { m_columns = std::move(columns); }
    void setText(const QString &text)
    {
        m_text = text;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_text.isEmpty())
            return true;
        for (int c : m_columns)
            if (sourceModel()
                    ->index(row, c, parent)
                    .data()
                    .toString()
                    .contains(m_text, Qt::CaseInsensitive))
                return true;
        return false;
    }

private:
    QList<int> m_columns;
    QString m_text;
};

struct Baseline
{
    QSqlTableModel table;
    BaselineProxy proxy;
    explicit Baseline(const QSqlDatabase &db)
        : table(nullptr, db)
    {
        table.setTable(QStringLiteral("api_tokens"));
        table.setEditStrategy(QSqlTableModel::OnManualSubmit);
        if (!table.select())
            die(QStringLiteral("QSqlTableModel::select: ") + table.lastError().text());
        proxy.setSourceModel(&table);
        const QSqlRecord r = table.record();
        proxy.setColumns({r.indexOf(QStringLiteral("name")), r.indexOf(QStringLiteral("hint")),
                          r.indexOf(QStringLiteral("user_name")),
                          r.indexOf(QStringLiteral("description"))});
    }
    void fetchAll()
    {
        while (table.canFetchMore())
            table.fetchMore();
    }
};

QJsonObject runBaseline(const QString &spec, const QString &filter)
{
    std::unique_ptr<Store> store = openStore(spec);
    const QSqlDatabase db = store->database();
    const double rss0 = rssMb();
    QJsonObject out;

    QElapsedTimer t;
    t.start();
    auto b = std::make_unique<Baseline>(db);
    readScreen(b->proxy, 0);
    out[QStringLiteral("open_ms")] = ms(t);

    b = std::make_unique<Baseline>(db);
    readScreen(b->proxy, 0);
    t.restart();
    b->proxy.sort(b->table.fieldIndex(QStringLiteral("name")), Qt::AscendingOrder);
    b->fetchAll(); // the proxy sorts what is loaded: all of it, for a correct first screen
    readScreen(b->proxy, 0);
    out[QStringLiteral("sort_ms")] = ms(t);

    b = std::make_unique<Baseline>(db);
    readScreen(b->proxy, 0);
    t.restart();
    b->proxy.setText(filter);
    b->fetchAll();
    out[QStringLiteral("filter_rows")] = b->proxy.rowCount();
    readScreen(b->proxy, 0);
    out[QStringLiteral("filter_ms")] = ms(t);

    b = std::make_unique<Baseline>(db);
    readScreen(b->proxy, 0);
    t.restart();
    b->fetchAll(); // scrolling to the end
    readScreen(b->proxy, b->proxy.rowCount() - ScreenRows);
    out[QStringLiteral("last_row_ms")] = ms(t);
    out[QStringLiteral("rows")] = b->proxy.rowCount();
    t.restart();
    readScreen(b->proxy, b->proxy.rowCount() / 2); // loaded by now
    out[QStringLiteral("middle_row_ms")] = ms(t);

    out[QStringLiteral("rss_mb")] = rssMb() - rss0;
    return out;
}

// ---- the parent --------------------------------------------------------------------------------

void prepareStore(const QString &spec, qint64 tokens)
{
    auto location = DatabaseLocation::parse(spec);
    if (!location)
        die(location.error().message);
    auto store = Store::open(location.value(), Store::OpenMode::CreateIfMissing);
    if (!store)
        die(store.error().message);
    Domain service(*store.value());
    if (store.value()->isInitialized())
        return;
    std::fprintf(stderr, "bench_token_view: creating %lld demo tokens in %s …\n",
                 static_cast<long long>(tokens), qPrintable(location->display()));
    auto init = service.accounts.initialize(
        Actor::cli(QStringLiteral("bench")), QStringLiteral("admin"),
        SecretBytes(QByteArray(BenchPassword)), QStringLiteral("Administration"));
    if (!init)
        die(init.error().message);
    DemoRequest req;
    req.users = 2000;
    req.tokens = tokens;
    req.sessions = 0;
    req.seed = 20240601;
    auto demo = DemoGenerator(*store.value()).generate(Actor::cli(QStringLiteral("bench")), req);
    if (!demo)
        die(demo.error().message);
    std::fprintf(stderr, "bench_token_view: demo data written in %lld ms\n",
                 static_cast<long long>(demo->milliseconds));
    if (!store.value()->isSqlite()) {
        // Steady state: statistics and the visibility map, as autovacuum leaves them soon after.
        auto r =
            store.value()->read([&] { store.value()->run(QStringLiteral("VACUUM (ANALYZE)")); });
        if (!r)
            die(r.error().message);
    }
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

QJsonObject runChild(const QString &kind, const QString &spec, const QString &filter,
                     int delayMs = 0, const QStringList &extra = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QStringList args = QStringList{QStringLiteral("--child"),    kind,
                                         QStringLiteral("--database"), spec,
                                         QStringLiteral("--filter"),   filter,
                                         QStringLiteral("--delay-ms"), QString::number(delayMs)} +
                             extra;
    p.start(QCoreApplication::applicationFilePath(), args);
    if (!p.waitForFinished(30 * 60 * 1000) || p.exitCode() != 0)
        die(QStringLiteral("the %1 run failed").arg(kind));
    const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput());
    if (!doc.isObject())
        die(QStringLiteral("the %1 run printed no JSON").arg(kind));
    return doc.object();
}

using td::bench::machine;

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
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs (default 5)"),
                                  QStringLiteral("R"), QStringLiteral("5"));
    const QCommandLineOption filter(QStringLiteral("filter"),
                                    QStringLiteral("The typed filter (default \"jen\")"),
                                    QStringLiteral("TEXT"), QStringLiteral("jen"));
    const QCommandLineOption child(QStringLiteral("child"), QStringLiteral("internal"),
                                   QStringLiteral("ours|baseline|delayed|server"));
    const QCommandLineOption serverMode(
        QStringLiteral("server"),
        QStringLiteral("Only the model, over HttpBackend and a real tokendesk-server (TLS)"));
    const QCommandLineOption rtt(QStringLiteral("rtt-ms"),
                                 QStringLiteral("With --server: R ms of round trip added"),
                                 QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption delay(
        QStringLiteral("delay-ms"),
        QStringLiteral("Only the model, over a backend answering D ms later (a server)"),
        QStringLiteral("D"));
    parser.addOptions({database, tokens, runs, filter, child, delay, serverMode, rtt});
    parser.process(app);

    const qint64 n = parser.value(tokens).toLongLong();
    const QString spec = parser.isSet(database)
                             ? parser.value(database)
                             : QStringLiteral("/tmp/tokendesk-bench-%1.sqlite").arg(n);
    const QString text = parser.value(filter);

    const int delayMs = parser.value(delay).toInt();
    if (parser.isSet(child)) {
        const QString kind = parser.value(child);
        const QJsonObject o = kind == QLatin1String("baseline")  ? runBaseline(spec, text)
                              : kind == QLatin1String("delayed") ? runDelayed(spec, text, delayMs)
                              : kind == QLatin1String("server")
                                  ? runServer(spec, text, parser.value(rtt).toInt())
                                  : runOurs(spec, text);
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    prepareStore(spec, n);
    if (parser.isSet(serverMode)) {
        const QStringList timed = {QStringLiteral("open_ms"), QStringLiteral("sort_ms"),
                                   QStringLiteral("filter_ms"), QStringLiteral("last_row_ms"),
                                   QStringLiteral("max_stall_ms")};
        QHash<QString, QList<double>> figures;
        QJsonObject last;
        for (int i = 0; i < std::max(1, parser.value(runs).toInt()); ++i) {
            last = runChild(QStringLiteral("server"), spec, text, 0,
                            {QStringLiteral("--rtt-ms"), parser.value(rtt)});
            for (const QString &f : timed)
                figures[f] << last.value(f).toDouble();
        }
        QJsonObject out;
        out[QStringLiteral("transport")] = QStringLiteral("HttpBackend, tokendesk-server, TLS");
        out[QStringLiteral("rtt_ms")] = parser.value(rtt).toInt();
        out[QStringLiteral("tokens")] = last.value(QStringLiteral("rows"));
        out[QStringLiteral("filter")] = text;
        out[QStringLiteral("filter_rows")] = last.value(QStringLiteral("filter_rows"));
        for (const QString &f : timed)
            out[f] = std::round(median(figures[f]) * 10) / 10;
        out[QStringLiteral("machine")] = machine();
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (parser.isSet(delay)) {
        const QStringList delayed = {QStringLiteral("open_ms"),
                                     QStringLiteral("sort_ms"),
                                     QStringLiteral("filter_ms"),
                                     QStringLiteral("last_row_ms"),
                                     QStringLiteral("max_stall_ms"),
                                     QStringLiteral("longest_answer_ms"),
                                     QStringLiteral("max_stall_model_ms"),
                                     QStringLiteral("last_after_clear_ms")};
        QHash<QString, QList<double>> figures;
        QJsonObject last;
        for (int i = 0; i < std::max(1, parser.value(runs).toInt()); ++i) {
            last = runChild(QStringLiteral("delayed"), spec, text, delayMs);
            for (const QString &f : delayed)
                figures[f] << last.value(f).toDouble();
        }
        QJsonObject out;
        out[QStringLiteral("delay_ms")] = delayMs;
        out[QStringLiteral("tokens")] = last.value(QStringLiteral("rows"));
        out[QStringLiteral("filter")] = text;
        out[QStringLiteral("filter_rows")] = last.value(QStringLiteral("filter_rows"));
        for (const QString &f : delayed)
            out[f] = std::round(median(figures[f]) * 10) / 10;
        out[QStringLiteral("requests")] = last.value(QStringLiteral("requests"));
        out[QStringLiteral("cancelled")] = last.value(QStringLiteral("cancelled"));
        out[QStringLiteral("machine")] = machine();
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    const QStringList figures = {QStringLiteral("open_ms"),   QStringLiteral("sort_ms"),
                                 QStringLiteral("filter_ms"), QStringLiteral("last_row_ms"),
                                 QStringLiteral("rss_mb"),    QStringLiteral("middle_row_ms")};
    QHash<QString, QList<double>> ours, base;
    qint64 rows = 0, filterRows = 0, baseFilterRows = 0;
    const int r = std::max(1, parser.value(runs).toInt());
    for (int i = 0; i < r; ++i) {
        const QJsonObject o = runChild(QStringLiteral("ours"), spec, text);
        const QJsonObject b = runChild(QStringLiteral("baseline"), spec, text);
        for (const QString &f : figures) {
            ours[f] << o.value(f).toDouble();
            base[f] << b.value(f).toDouble();
        }
        ours[QStringLiteral("filter_name_sorted_ms")]
            << o.value(QStringLiteral("filter_name_sorted_ms")).toDouble();
        rows = o.value(QStringLiteral("rows")).toInteger();
        filterRows = o.value(QStringLiteral("filter_rows")).toInteger();
        baseFilterRows = b.value(QStringLiteral("filter_rows")).toInteger();
        if (rows != b.value(QStringLiteral("rows")).toInteger() || filterRows != baseFilterRows)
            die(QStringLiteral("the model and the baseline disagree: %1/%2 rows, %3/%4 matches")
                    .arg(rows)
                    .arg(b.value(QStringLiteral("rows")).toInteger())
                    .arg(filterRows)
                    .arg(baseFilterRows));
    }
    auto round1 = [](double v) {
        return std::round(v * 10) / 10;
    };
    QJsonObject out;
    out[QStringLiteral("backend")] = spec.startsWith(QLatin1String("postgres"))
                                         ? QStringLiteral("postgresql")
                                         : QStringLiteral("sqlite");
    out[QStringLiteral("tokens")] = rows;
    out[QStringLiteral("filter")] = text;
    out[QStringLiteral("filter_rows")] = filterRows;
    out[QStringLiteral("runs")] = r;
    QJsonObject baseline, ratio;
    for (const QString &f : figures) {
        out[f] = round1(median(ours[f]));
        baseline[f] = round1(median(base[f]));
        const QString key = f.left(f.lastIndexOf(QLatin1Char('_')));
        ratio[key] = median(ours[f]) > 0 ? round1(median(base[f]) / median(ours[f])) : 0.0;
    }
    out[QStringLiteral("filter_name_sorted_ms")] =
        round1(median(ours[QStringLiteral("filter_name_sorted_ms")]));
    out[QStringLiteral("baseline")] = baseline;
    out[QStringLiteral("ratio_baseline_over_ours")] = ratio;
    out[QStringLiteral("machine")] = machine();
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
