// SPDX-License-Identifier: MIT
// bench_server: tokendesk-server's request path under load, against nginx in the same run
// (built with the tests, not run by ctest).
//
// Starts nginx (Debian's nginx-light: one worker, a static 200) as the anchor and serves, with
// ApiServer (the library behind tokendesk-server, access log on, written as the server writes
// it), a store of --tokens demo API tokens plus --real real ones whose plaintext the load rotates
// through: one server on SQLite, one on PostgreSQL (a throwaway cluster started with
// scripts/pg-fixture.sh, or --postgresql URL). wrk (1 thread, --connections connections, the
// same Lua request() for every target, so the client costs the same) measures, each --runs
// times, interleaved: nginx, the server's static route, GET /api/v1/me on SQLite and on
// PostgreSQL, POST /api/v1/introspect on both. Then, optionally: GET /api/v1/me while
// --sign-in-streams clients sign in without pause (from other loopback addresses), and the
// delay from a committed revocation to the first refusal on two tokendesk-server processes on
// the PostgreSQL store (--propagation N revocations). Prints a table, then one JSON line.
//
//   bench_server [--tokens 100000] [--real 200] [--seconds 10] [--runs 3] [--connections 32]
//                [--threads 1] [--postgresql auto|URL|none] [--sign-in-streams 6]
//                [--propagation 1000] [--sign-in-niceness 5] [--busy-threads 0]
#include "accesslog.h"
#include "apiserver.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "security/secret.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace td;

namespace {

struct Figures
{
    double rps = 0;
    double p50 = 0; ///< ms
    double p99 = 0; ///< ms
    qint64 requests = 0;
    qint64 errors = 0;
};

QString g_dir;

const char *const WrkScript = R"LUA(
-- args: tokenfile|- mode(get|introspect) callertoken|-
local tokens = {}
local mode = "get"
local caller = nil
local n = 0
function init(args)
  if args[1] and args[1] ~= "-" then
    for line in io.lines(args[1]) do if #line > 0 then tokens[#tokens + 1] = line end end
  end
  mode = args[2] or "get"
  if args[3] and args[3] ~= "-" then caller = args[3] end
end
function request()
  n = n + 1
  local headers = {}
  if mode == "introspect" then
    headers["Authorization"] = "Bearer " .. caller
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", wrk.path, headers, "token=" .. tokens[(n % #tokens) + 1])
  end
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] end
  return wrk.format("GET", wrk.path, headers, nil)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"errors":%d,"seconds":%.3f,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99)))
end
)LUA";

Figures wrk(quint16 port, const QString &path, double seconds, int connections,
            const QString &tokenFile = QStringLiteral("-"),
            const QString &mode = QStringLiteral("get"),
            const QString &caller = QStringLiteral("-"))
{
    QProcess p;
    p.start(QStringLiteral("wrk"),
            {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections),
             QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency"),
             QStringLiteral("-s"), g_dir + QStringLiteral("/bench.lua"),
             QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path), QStringLiteral("--"),
             tokenFile, mode, caller});
    p.waitForFinished(int(seconds * 1000) + 60000);
    Figures f;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (!line.startsWith('{'))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        f.requests = o.value(QStringLiteral("requests")).toInteger();
        f.errors = o.value(QStringLiteral("errors")).toInteger();
        const double s = o.value(QStringLiteral("seconds")).toDouble();
        f.rps = s > 0 ? double(f.requests) / s : 0;
        f.p50 = o.value(QStringLiteral("p50_us")).toDouble() / 1000.0;
        f.p99 = o.value(QStringLiteral("p99_us")).toDouble() / 1000.0;
    }
    if (f.requests == 0)
        std::fprintf(stderr, "wrk failed: %s\n", p.readAllStandardError().constData());
    return f;
}

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

/// One blocking HTTP/1.1 exchange on a kept-alive socket; returns the status (0: failed).
int exchange(int fd, const QByteArray &request)
{
    if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
        return 0;
    QByteArray in;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return 0;
        in.append(buf, n);
        const qsizetype end = in.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const qsizetype cl = in.indexOf("Content-Length: ");
        const qsizetype length =
            cl >= 0 && cl < end ? in.mid(cl + 16, 10).split('\r').first().toLongLong() : 0;
        if (in.size() >= end + 4 + length)
            return in.mid(9, 3).toInt();
    }
}

int connectTo(quint16 port, const char *source = "127.0.0.1")
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    ::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

struct Bench
{
    std::unique_ptr<Store> store;
    std::unique_ptr<Domain> domain;
    std::unique_ptr<ApiServer> server;
    quint16 port = 0;
    QString tokenFile;
    QByteArray introspector;
    QStringList realTokens;
};

const Actor g_cli = Actor::cli(QStringLiteral("bench"));

/// A store with demo tokens and `real` real ones (plaintext in a 0600 file), served.
bool prepare(Bench &b, const DatabaseLocation &location, qint64 demoTokens, int real,
             const ApiServer::Options &options, const QString &name)
{
    auto opened = Store::open(location, Store::OpenMode::CreateIfMissing);
    if (!opened) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(opened.error().message));
        return false;
    }
    b.store = std::move(opened.value());
    b.domain = std::make_unique<Domain>(*b.store);
    if (!b.store->isInitialized()) {
        auto t = b.domain->accounts.initialize(g_cli, QStringLiteral("admin"),
                                               SecretBytes(QByteArray("AdminPass#1")),
                                               QStringLiteral("Administration"));
        if (!t) {
            std::fprintf(stderr, "init: %s\n", qPrintable(t.error().message));
            return false;
        }
        QElapsedTimer timer;
        timer.start();
        DemoRequest demo;
        demo.users = 500;
        demo.tokens = demoTokens;
        demo.sessions = 1000;
        demo.seed = 42;
        auto generated = DemoGenerator(*b.store).generate(g_cli, demo);
        if (!generated) {
            std::fprintf(stderr, "demo: %s\n", qPrintable(generated.error().message));
            return false;
        }
        std::printf("%s: %lld demo tokens in %lld ms\n", qPrintable(name),
                    qlonglong(generated->tokens), timer.elapsed());
    }
    QStringList users;
    (void)b.store->read([&] {
        QSqlQuery q = b.store->run(QStringLiteral(
            "SELECT username FROM users WHERE disabled_at IS NULL ORDER BY id LIMIT 50"));
        while (q.next())
            users << q.value(0).toString();
    });
    QFile file(g_dir + QStringLiteral("/tokens-%1.txt").arg(name));
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return false;
    for (int i = 0; i < real; ++i) {
        NewApiToken t;
        t.name = QStringLiteral("bench-%1-%2").arg(name).arg(i);
        t.scopes = {Scope::Collection, Scope::Device};
        t.username = users.at(i % users.size());
        t.expiresAt = Clock::now().addDays(90);
        auto c = b.domain->tokens.create(g_cli, t);
        if (!c) {
            std::fprintf(stderr, "token: %s\n", qPrintable(c.error().message));
            return false;
        }
        file.write(c->secret.bytes() + '\n');
        b.realTokens << QString::fromLatin1(c->secret.bytes());
    }
    file.close();
    b.tokenFile = file.fileName();
    NewApiToken t;
    t.name = QStringLiteral("bench-introspector-%1").arg(name);
    t.scopes = {Scope::Introspect};
    t.username = QStringLiteral("admin");
    t.expiresAt = Clock::now().addDays(90);
    auto c = b.domain->tokens.create(g_cli, t);
    if (!c)
        return false;
    b.introspector = c->secret.bytes();

    b.server = std::make_unique<ApiServer>(*b.store, options);
    b.server->addStaticRoute(QStringLiteral("/bench/static"), QByteArray("{\"status\":\"ok\"}"));
    QString error;
    b.port = b.server->start(QHostAddress(QHostAddress::LocalHost), 0, &error);
    if (!b.port) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    // Warm-up: every real token once (its last-use write is done), then a second of load.
    wrk(b.port, QStringLiteral("/api/v1/me"), 2, 8, b.tokenFile);
    return true;
}

QJsonObject json(const Figures &f, double nginxRps)
{
    return {{QStringLiteral("rps"), qRound(f.rps)},
            {QStringLiteral("p50_ms"), qRound(f.p50 * 100) / 100.0},
            {QStringLiteral("p99_ms"), qRound(f.p99 * 100) / 100.0},
            {QStringLiteral("ratio_to_nginx"),
             nginxRps > 0 ? qRound(f.rps / nginxRps * 1000) / 1000.0 : 0}};
}

/// The delay from a committed revocation to the first refusal, on two server processes.
QJsonObject propagation(const QString &serverBin, const DatabaseLocation &pg, int count)
{
    QProcess servers[2];
    quint16 ports[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
        servers[i].setProcessChannelMode(QProcess::SeparateChannels);
        servers[i].start(serverBin,
                         {QStringLiteral("--database"), pg.display(), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-access-log"),
                          QStringLiteral("--max-auth-failures"), QStringLiteral("0")});
        if (!servers[i].waitForReadyRead(15000))
            return {{QStringLiteral("error"), QStringLiteral("server did not start")}};
        ports[i] = quint16(QUrl(QString::fromLatin1(servers[i].readLine().trimmed())).port());
    }
    auto opened = Store::open(pg);
    if (!opened)
        return {{QStringLiteral("error"), opened.error().message}};
    Domain service(*opened.value());
    int fds[2] = {connectTo(ports[0]), connectTo(ports[1])};
    std::vector<double> delays[2];
    int failures = 0;
    for (int i = 0; i < count; ++i) {
        NewApiToken t;
        t.name =
            QStringLiteral("propagation-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(i);
        t.scopes = {Scope::Collection};
        t.username = QStringLiteral("admin");
        t.expiresAt = Clock::now().addDays(1);
        auto c = service.tokens.create(g_cli, t);
        if (!c)
            return {{QStringLiteral("error"), c.error().message}};
        const QByteArray request = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                   c->secret.bytes() + "\r\n\r\n";
        for (int s = 0; s < 2; ++s)
            if (exchange(fds[s], request) != 200) // now cached on both
                ++failures;
        if (!service.tokens.revoke(g_cli, {c->id}))
            return {{QStringLiteral("error"), QStringLiteral("revoke failed")}};
        const auto committed = std::chrono::steady_clock::now();
        bool refused[2] = {false, false};
        while (!refused[0] || !refused[1]) {
            for (int s = 0; s < 2; ++s) {
                if (refused[s])
                    continue;
                const int status = exchange(fds[s], request);
                if (status == 401) {
                    refused[s] = true;
                    delays[s].push_back(std::chrono::duration<double, std::milli>(
                                            std::chrono::steady_clock::now() - committed)
                                            .count());
                } else if (status != 200) {
                    ++failures;
                    refused[s] = true;
                }
            }
        }
    }
    for (int fd : fds)
        ::close(fd);
    for (QProcess &p : servers) {
        p.terminate();
        p.waitForFinished(10000);
    }
    std::vector<double> all = delays[0];
    all.insert(all.end(), delays[1].begin(), delays[1].end());
    return {{QStringLiteral("revocations"), count},
            {QStringLiteral("servers"), 2},
            {QStringLiteral("p50_ms"), qRound(percentile(all, 0.5) * 1000) / 1000.0},
            {QStringLiteral("p99_ms"), qRound(percentile(all, 0.99) * 1000) / 1000.0},
            {QStringLiteral("max_ms"), qRound(percentile(all, 1.0) * 1000) / 1000.0},
            {QStringLiteral("failures"), failures}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    initSodium();
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption tokensOpt(QStringLiteral("tokens"), QStringLiteral("Demo tokens."),
                                       QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption realOpt(QStringLiteral("real"),
                                     QStringLiteral("Real tokens the load rotates through."),
                                     QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
                                        QStringLiteral("Load duration per run."),
                                        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs (median)."),
                                     QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption connOpt(QStringLiteral("connections"),
                                     QStringLiteral("Keep-alive connections."), QStringLiteral("N"),
                                     QStringLiteral("32"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
                                        QStringLiteral("The server's I/O threads."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption pgOpt(QStringLiteral("postgresql"),
                                   QStringLiteral("auto (a throwaway cluster), a URL, or none."),
                                   QStringLiteral("auto|URL|none"), QStringLiteral("auto"));
    const QCommandLineOption signInOpt(
        QStringLiteral("sign-in-streams"),
        QStringLiteral("Sign-in streams during a /me run (0: none)."), QStringLiteral("N"),
        QStringLiteral("6"));
    const QCommandLineOption propagationOpt(
        QStringLiteral("propagation"),
        QStringLiteral("Revocations to time on two servers (0: none)."), QStringLiteral("N"),
        QStringLiteral("1000"));
    const QCommandLineOption nicenessOpt(
        QStringLiteral("sign-in-niceness"),
        QStringLiteral("The sign-in threads' nice value (the server's --sign-in-niceness)."),
        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption busyOpt(
        QStringLiteral("busy-threads"),
        QStringLiteral("Threads that only spin (nice 0) during the sign-in run: other work on "
                       "the machine."),
        QStringLiteral("N"), QStringLiteral("0"));
    p.addOptions({tokensOpt, realOpt, secondsOpt, runsOpt, connOpt, threadsOpt, pgOpt, signInOpt,
                  propagationOpt, nicenessOpt, busyOpt});
    p.process(app);
    const qint64 demoTokens = p.value(tokensOpt).toLongLong();
    const int real = std::max(1, p.value(realOpt).toInt());
    const double seconds = p.value(secondsOpt).toDouble();
    const int runs = std::max(1, p.value(runsOpt).toInt());
    const int connections = std::max(1, p.value(connOpt).toInt());
    const int threads = std::max(1, p.value(threadsOpt).toInt());
    const int signInStreams = p.value(signInOpt).toInt();
    const int revocations = p.value(propagationOpt).toInt();
    const int signInNiceness = std::clamp(p.value(nicenessOpt).toInt(), 0, 19);
    const int busyThreads = std::max(0, p.value(busyOpt).toInt());

    QTemporaryDir dir;
    g_dir = dir.path();
    {
        QFile lua(g_dir + QStringLiteral("/bench.lua"));
        if (!lua.open(QIODevice::WriteOnly))
            return 1;
        lua.write(WrkScript);
    }
    std::printf("bench_server: %d CPU(s), load average at start %s\n", QThread::idealThreadCount(),
                qPrintable(loadAverage()));

    // ---- nginx, the anchor ----
    const quint16 nginxPort = freePort();
    {
        QFile conf(g_dir + QStringLiteral("/nginx.conf"));
        if (!conf.open(QIODevice::WriteOnly))
            return 1;
        conf.write(
            QStringLiteral(
                "worker_processes 1; daemon off; pid %1/nginx.pid; error_log %1/error.log;\n"
                "events { worker_connections 1024; }\n"
                "http { access_log off; client_body_temp_path %1; proxy_temp_path %1;\n"
                "  fastcgi_temp_path %1; uwsgi_temp_path %1; scgi_temp_path %1;\n"
                "  server { listen 127.0.0.1:%2; location / { default_type application/json;\n"
                "    return 200 '{\"status\":\"ok\"}'; } } }\n")
                .arg(g_dir)
                .arg(nginxPort)
                .toUtf8());
    }
    QProcess nginx;
    nginx.start(QStringLiteral("nginx"),
                {QStringLiteral("-c"), g_dir + QStringLiteral("/nginx.conf"), QStringLiteral("-p"),
                 g_dir, QStringLiteral("-e"), g_dir + QStringLiteral("/error.log")});
    if (!nginx.waitForStarted(5000)) {
        std::fprintf(stderr, "nginx does not start (Debian package nginx-light)\n");
        return 1;
    }
    QThread::msleep(300);

    // ---- the servers: access log on, written by its own thread as tokendesk-server does ----
    QFile logFile(g_dir + QStringLiteral("/access.log"));
    if (!logFile.open(QIODevice::WriteOnly))
        return 1;
    AccessLogWriter accessLog(logFile.handle());
    ApiServer::Options options;
    options.throttle.maxFailures = 0;
    options.threads = threads;
    options.signInNiceness = signInNiceness;
    options.accessLog = [&accessLog](const QByteArray &line) {
        accessLog.write(line);
    };

    Bench sqlite;
    if (!prepare(sqlite, DatabaseLocation::sqlite(g_dir + QStringLiteral("/bench.sqlite")),
                 demoTokens, real, options, QStringLiteral("sqlite")))
        return 1;
    Bench pg;
    QString pgState;
    std::optional<DatabaseLocation> pgLocation;
    const QString pgSpec = p.value(pgOpt);
    if (pgSpec == QLatin1String("auto")) {
        pgState = g_dir + QStringLiteral("/pg");
        const int rc = QProcess::execute(QStringLiteral("bash"),
                                         {QStringLiteral(TD_SOURCE_DIR "/scripts/pg-fixture.sh"),
                                          QStringLiteral("start"), pgState});
        QFile url(pgState + QStringLiteral("/url"));
        if (rc != 0 || !url.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot start a throwaway PostgreSQL\n");
            return 1;
        }
        pgLocation = DatabaseLocation::parse(QString::fromLatin1(url.readAll().trimmed())).value();
    } else if (pgSpec != QLatin1String("none")) {
        auto parsed = DatabaseLocation::parse(pgSpec);
        if (!parsed) {
            std::fprintf(stderr, "%s\n", qPrintable(parsed.error().message));
            return 2;
        }
        pgLocation = parsed.value();
    }
    if (pgLocation &&
        !prepare(pg, *pgLocation, demoTokens, real, options, QStringLiteral("postgresql")))
        return 1;

    std::printf("load: wrk 1 thread x %d connections, %.0f s per run, %d runs (median); server "
                "I/O threads: %d; %d real tokens rotating over %lld demo tokens\n\n",
                connections, seconds, runs, threads, real, demoTokens);
    struct Target
    {
        Target(const char *n, std::function<Figures()> r)
            : name(n)
            , run(std::move(r))
        {}
        const char *name;
        std::function<Figures()> run;
        std::vector<double> rps, p50, p99;
        qint64 errors = 0;
    };
    std::vector<Target> targets;
    targets.emplace_back("nginx",
                         [&] { return wrk(nginxPort, QStringLiteral("/"), seconds, connections); });
    targets.emplace_back("static", [&] {
        return wrk(sqlite.port, QStringLiteral("/bench/static"), seconds, connections);
    });
    targets.emplace_back("me_sqlite", [&] {
        return wrk(sqlite.port, QStringLiteral("/api/v1/me"), seconds, connections,
                   sqlite.tokenFile);
    });
    if (pg.server)
        targets.emplace_back("me_postgresql", [&] {
            return wrk(pg.port, QStringLiteral("/api/v1/me"), seconds, connections, pg.tokenFile);
        });
    targets.emplace_back("introspect_sqlite", [&] {
        return wrk(sqlite.port, QStringLiteral("/api/v1/introspect"), seconds, connections,
                   sqlite.tokenFile, QStringLiteral("introspect"),
                   QString::fromLatin1(sqlite.introspector));
    });
    if (pg.server)
        targets.emplace_back("introspect_postgresql", [&] {
            return wrk(pg.port, QStringLiteral("/api/v1/introspect"), seconds, connections,
                       pg.tokenFile, QStringLiteral("introspect"),
                       QString::fromLatin1(pg.introspector));
        });
    for (int r = 0; r < runs; ++r) {
        for (Target &t : targets) {
            const Figures f = t.run();
            t.rps.push_back(f.rps);
            t.p50.push_back(f.p50);
            t.p99.push_back(f.p99);
            t.errors += f.errors + (f.requests == 0 ? 1 : 0);
            std::printf("run %d %-22s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %lld\n",
                        r + 1, t.name, f.rps, f.p50, f.p99, f.errors);
            std::fflush(stdout);
        }
    }
    const double nginxRps = median(targets.front().rps);
    QJsonObject out{{QStringLiteral("cpus"), QThread::idealThreadCount()},
                    {QStringLiteral("load_average_at_start"), loadAverage()},
                    {QStringLiteral("connections"), connections},
                    {QStringLiteral("io_threads"), threads},
                    {QStringLiteral("runs"), runs},
                    {QStringLiteral("seconds"), seconds},
                    {QStringLiteral("store_tokens"), demoTokens + real},
                    {QStringLiteral("rotating_tokens"), real}};
    std::printf("\n%-24s %10s %8s %8s %8s\n", "(medians)", "req/s", "p50 ms", "p99 ms", "x nginx");
    qint64 errors = 0;
    for (Target &t : targets) {
        Figures f;
        f.rps = median(t.rps);
        f.p50 = median(t.p50);
        f.p99 = median(t.p99);
        errors += t.errors;
        out.insert(QLatin1String(t.name), json(f, nginxRps));
        std::printf("%-24s %10.0f %8.2f %8.2f %8.3f\n", t.name, f.rps, f.p50, f.p99,
                    f.rps / nginxRps);
    }

    // ---- /me while clients sign in without pause (Argon2id on the sign-in pool) ----
    if (signInStreams > 0) {
        std::vector<QByteArray> bodies;
        for (int i = 0; i < signInStreams; ++i) {
            NewUser u;
            u.username = QStringLiteral("signin%1").arg(i);
            u.email = u.username + QStringLiteral("@example.org");
            u.department = QStringLiteral("Administration");
            u.userType = QStringLiteral("Standard");
            u.password = SecretBytes(QByteArray("Passw0rd!long"));
            auto user = sqlite.domain->accounts.createUser(g_cli, u);
            if (!user)
                break;
            (void)sqlite.domain->accounts.setAccessCode(
                g_cli, user->id, SecretBytes(QByteArray("bench-code-4711")), 90);
            bodies.push_back(
                QJsonDocument(
                    QJsonObject{{QStringLiteral("username"), u.username},
                                {QStringLiteral("access_code"), QStringLiteral("bench-code-4711")},
                                {QStringLiteral("device_name"), QStringLiteral("b")},
                                {QStringLiteral("platform"), QStringLiteral("b")},
                                {QStringLiteral("app_version"), QStringLiteral("1")}})
                    .toJson(QJsonDocument::Compact));
        }
        std::atomic<bool> stop{false};
        std::atomic<int> created{0}, busy{0}, other{0};
        std::vector<std::thread> streams;
        for (int i = 0; i < int(bodies.size()); ++i)
            streams.emplace_back([&, i] {
                const QByteArray source = "127.0.1." + QByteArray::number(10 + i);
                const QByteArray request = "POST /api/v1/mobile/sessions HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Type: application/json\r\nContent-Length: " +
                                           QByteArray::number(bodies[size_t(i)].size()) +
                                           "\r\n\r\n" + bodies[size_t(i)];
                int fd = -1;
                while (!stop) {
                    if (fd < 0)
                        fd = connectTo(sqlite.port, source.constData());
                    const int status = exchange(fd, request);
                    if (status == 201)
                        ++created;
                    else if (status == 429) {
                        ++busy;
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    } else {
                        ++other;
                        ::close(fd);
                        fd = -1;
                    }
                }
                if (fd >= 0)
                    ::close(fd);
            });
        std::vector<std::thread> spinners; // other work on the machine, at nice 0
        for (int i = 0; i < busyThreads; ++i)
            spinners.emplace_back([&stop] {
                volatile unsigned long x = 0;
                while (!stop)
                    for (int k = 0; k < 100000; ++k)
                        x = x + 1;
            });
        QElapsedTimer signInClock;
        signInClock.start();
        std::vector<double> rps, p50, p99;
        for (int r = 0; r < runs; ++r) {
            const Figures f = wrk(sqlite.port, QStringLiteral("/api/v1/me"), seconds, connections,
                                  sqlite.tokenFile);
            rps.push_back(f.rps);
            p50.push_back(f.p50);
            p99.push_back(f.p99);
            std::printf("run %d me_sqlite with %zu sign-in streams %9.0f req/s  p50 %6.2f ms  p99 "
                        "%6.2f ms\n",
                        r + 1, bodies.size(), f.rps, f.p50, f.p99);
            std::fflush(stdout);
        }
        stop = true;
        const double signInSeconds = signInClock.elapsed() / 1000.0;
        for (std::thread &t : streams)
            t.join();
        for (std::thread &t : spinners)
            t.join();
        std::printf("sign-ins (nice %d, %d busy thread(s)): %d created in %.1f s = %.2f/s, %d "
                    "refused busy, %d other\n",
                    signInNiceness, busyThreads, created.load(), signInSeconds,
                    created.load() / signInSeconds, busy.load(), other.load());
        Figures f;
        f.rps = median(rps);
        f.p50 = median(p50);
        f.p99 = median(p99);
        QJsonObject o = json(f, nginxRps);
        o.insert(QStringLiteral("sign_in_streams"), int(bodies.size()));
        o.insert(QStringLiteral("sign_ins_created"), created.load());
        o.insert(QStringLiteral("sign_ins_refused_busy"), busy.load());
        o.insert(QStringLiteral("sign_ins_other"), other.load());
        o.insert(QStringLiteral("sign_ins_per_second"), created.load() / signInSeconds);
        o.insert(QStringLiteral("sign_in_niceness"), signInNiceness);
        o.insert(QStringLiteral("busy_threads"), busyThreads);
        out.insert(QStringLiteral("me_sqlite_during_sign_ins"), o);
    }

    // ---- revocation propagation: two server processes on the PostgreSQL store ----
    if (pgLocation && revocations > 0) {
        const QJsonObject o = propagation(QStringLiteral(TD_SERVER_BIN), *pgLocation, revocations);
        std::printf(
            "\nrevocation to first refusal, 2 servers, %d revocations: p50 %.3f ms, p99 %.3f "
            "ms, max %.3f ms\n",
            revocations, o.value(QStringLiteral("p50_ms")).toDouble(),
            o.value(QStringLiteral("p99_ms")).toDouble(),
            o.value(QStringLiteral("max_ms")).toDouble());
        out.insert(QStringLiteral("revocation_propagation"), o);
    }
    out.insert(QStringLiteral("load_average_at_end"), loadAverage());
    out.insert(QStringLiteral("errors"), errors);

    sqlite.server.reset();
    pg.server.reset();
    nginx.terminate();
    nginx.waitForFinished(5000);
    if (!pgState.isEmpty())
        QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral(TD_SOURCE_DIR "/scripts/pg-fixture.sh"),
                           QStringLiteral("stop"), pgState});
    std::printf("\n%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return errors == 0 ? 0 : 1;
}
