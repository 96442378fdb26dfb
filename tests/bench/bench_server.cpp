// SPDX-License-Identifier: MIT
// bench_server: tokendesk-server's request path under load (built, not run by ctest).
//
// Builds a store of 100,000 API tokens (DemoGenerator) plus 1,000 real ones created through the
// Service (their plaintext is needed for the load), serves it with ApiServer (the library behind
// tokendesk-server, access log on) in this process, and runs the load from a second process
// (this program with --client): N keep-alive connections, each sending GET /api/v1/me with the
// next valid token as soon as the previous answer is in, for D seconds. Then the same against a
// static 200 answer of the same server (no store, no auth) as the baseline. Prints requests/s,
// p50 and p99 latency of each (median of R runs) and the ratio.
//
//   bench_server [--tokens 100000] [--real 1000] [--seconds 10] [--runs 3] [--connections 16]
//                [--database postgresql://…]   (default: a fresh SQLite file)
#include "apiserver.h"

#include "core/clock.h"
#include "demogenerator.h"
#include "domain/domain.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace td;

namespace {

// ---- the load client (a second process) --------------------------------------------------------

struct Conn
{
    int fd = -1;
    std::string out;
    size_t sent = 0;
    std::string in;
    std::chrono::steady_clock::time_point started;
};

int runClient(const QStringList &args)
{
    // --client PORT PATH TOKENFILE SECONDS CONNECTIONS
    const int port = args.value(0).toInt();
    const std::string path = args.value(1).toStdString();
    const QString tokenFile = args.value(2);
    const double seconds = args.value(3).toDouble();
    const int nconn = args.value(4).toInt();
    std::vector<std::string> tokens;
    if (!tokenFile.isEmpty() && tokenFile != QLatin1String("-")) {
        QFile f(tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return 3;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                tokens.push_back(line.trimmed().toStdString());
    }
    const bool warmup = seconds <= 0; // one request per token, then stop
    size_t next = 0;
    auto request = [&]() {
        std::string r = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!tokens.empty()) {
            r += "Authorization: Bearer " + tokens[next % tokens.size()] + "\r\n";
            ++next;
        }
        r += "\r\n";
        return r;
    };

    const int ep = epoll_create1(0);
    std::vector<Conn> conns(static_cast<size_t>(nconn));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (size_t i = 0; i < conns.size(); ++i) {
        Conn &c = conns[i];
        c.fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            return 4;
        fcntl(c.fd, F_SETFL, O_NONBLOCK);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
    }
    std::vector<uint32_t> latenciesUs;
    latenciesUs.reserve(2'000'000);
    long errors = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const auto deadline = t0 + std::chrono::microseconds(qint64(seconds * 1e6));
    auto send = [&](Conn &c) {
        c.out = request();
        c.sent = 0;
        c.in.clear();
        c.started = std::chrono::steady_clock::now();
        while (c.sent < c.out.size()) {
            const ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, 0);
            if (n <= 0)
                break;
            c.sent += size_t(n);
        }
    };
    for (Conn &c : conns)
        send(c);
    size_t inflight = conns.size();
    std::vector<epoll_event> events(conns.size());
    char buf[65536];
    while (inflight > 0) {
        const int n = epoll_wait(ep, events.data(), int(events.size()), 1000);
        if (n < 0 && errno != EINTR)
            return 5;
        for (int e = 0; e < n; ++e) {
            Conn &c = conns[events[size_t(e)].data.u64];
            for (;;) {
                const ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
                if (r <= 0)
                    break;
                c.in.append(buf, size_t(r));
            }
            const size_t headEnd = c.in.find("\r\n\r\n");
            if (headEnd == std::string::npos)
                continue;
            size_t length = 0;
            const size_t cl = c.in.find("Content-Length: ");
            if (cl != std::string::npos && cl < headEnd)
                length = std::strtoul(c.in.c_str() + cl + 16, nullptr, 10);
            if (c.in.size() < headEnd + 4 + length)
                continue;
            const auto now = std::chrono::steady_clock::now();
            if (c.in.compare(9, 3, "200") != 0)
                ++errors;
            latenciesUs.push_back(uint32_t(
                std::chrono::duration_cast<std::chrono::microseconds>(now - c.started).count()));
            const bool more = warmup ? next < tokens.size() : now < deadline;
            if (more) {
                send(c);
            } else {
                --inflight;
                ::close(c.fd);
            }
        }
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::sort(latenciesUs.begin(), latenciesUs.end());
    auto pct = [&](double p) {
        if (latenciesUs.empty())
            return 0u;
        return latenciesUs[std::min(latenciesUs.size() - 1,
                                    size_t(p * double(latenciesUs.size())))];
    };
    std::printf("{\"requests\":%zu,\"errors\":%ld,\"seconds\":%.3f,\"rps\":%.1f,\"p50_us\":%u,"
                "\"p99_us\":%u,\"max_us\":%u}\n",
                latenciesUs.size(), errors, elapsed, double(latenciesUs.size()) / elapsed,
                pct(0.50), pct(0.99), latenciesUs.empty() ? 0u : latenciesUs.back());
    return errors == 0 ? 0 : 6;
}

// ---- the server side ---------------------------------------------------------------------------

struct Figures
{
    double rps = 0;
    double p50 = 0;
    double p99 = 0;
    qint64 requests = 0;
    qint64 errors = 0;
};

Figures runLoad(quint16 port, const QString &path, const QString &tokenFile, double seconds,
                int connections)
{
    QProcess client;
    client.setProcessChannelMode(QProcess::SeparateChannels);
    QEventLoop loop;
    QObject::connect(&client, &QProcess::finished, &loop, &QEventLoop::quit);
    client.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--client"), QString::number(port), path, tokenFile,
                  QString::number(seconds), QString::number(connections)});
    loop.exec(); // the server answers while the client runs
    const QJsonObject o = QJsonDocument::fromJson(client.readAllStandardOutput()).object();
    Figures f;
    f.rps = o.value(QStringLiteral("rps")).toDouble();
    f.p50 = o.value(QStringLiteral("p50_us")).toDouble() / 1000.0;
    f.p99 = o.value(QStringLiteral("p99_us")).toDouble() / 1000.0;
    f.requests = o.value(QStringLiteral("requests")).toInteger();
    f.errors = o.value(QStringLiteral("errors")).toInteger();
    if (client.exitCode() != 0)
        std::fprintf(stderr, "client exited with %d: %s\n", client.exitCode(),
                     client.readAllStandardError().constData());
    return f;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    return QStringLiteral("unknown CPU");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--client") == 0) {
        QStringList args;
        for (int i = 2; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        return runClient(args);
    }
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption tokensOpt(QStringLiteral("tokens"), QStringLiteral("Demo tokens."),
                                       QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption realOpt(QStringLiteral("real"),
                                     QStringLiteral("Real tokens used by the load."),
                                     QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
                                        QStringLiteral("Load duration per run."),
                                        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs (median)."),
                                     QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption connOpt(QStringLiteral("connections"),
                                     QStringLiteral("Keep-alive connections."), QStringLiteral("N"),
                                     QStringLiteral("16"));
    const QCommandLineOption dbOpt(QStringLiteral("database"),
                                   QStringLiteral("postgresql://… (default: fresh SQLite)."),
                                   QStringLiteral("URL"));
    p.addOptions({tokensOpt, realOpt, secondsOpt, runsOpt, connOpt, dbOpt});
    p.process(app);
    const qint64 demoTokens = p.value(tokensOpt).toLongLong();
    const int realTokens = p.value(realOpt).toInt();
    const double seconds = p.value(secondsOpt).toDouble();
    const int runs = std::max(1, p.value(runsOpt).toInt());
    const int connections = std::max(1, p.value(connOpt).toInt());

    QTemporaryDir dir;
    DatabaseLocation location =
        DatabaseLocation::sqlite(dir.filePath(QStringLiteral("bench.sqlite")));
    if (p.isSet(dbOpt)) {
        auto parsed = DatabaseLocation::parse(p.value(dbOpt));
        if (!parsed) {
            std::fprintf(stderr, "%s\n", qPrintable(parsed.error().message));
            return 2;
        }
        location = parsed.value();
    }
    auto opened = Store::open(location, Store::OpenMode::CreateIfMissing);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Store &store = *opened.value();
    Domain service(store);
    const Actor cli = Actor::cli(QStringLiteral("bench"));
    if (auto t = service.accounts.initialize(cli, QStringLiteral("admin"),
                                             SecretBytes(QByteArray("AdminPass#1")),
                                             QStringLiteral("Administration"));
        !t) {
        std::fprintf(stderr, "init: %s\n", qPrintable(t.error().message));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    DemoRequest demo;
    demo.users = 500;
    demo.tokens = demoTokens;
    demo.sessions = 1000;
    demo.seed = 42;
    auto generated = DemoGenerator(store).generate(cli, demo);
    if (!generated) {
        std::fprintf(stderr, "demo: %s\n", qPrintable(generated.error().message));
        return 1;
    }
    const qint64 demoMs = timer.restart();

    // Real tokens, their plaintext in a 0600 file for the client process only.
    QStringList users;
    (void)store.read([&] {
        QSqlQuery q = store.run(QStringLiteral("SELECT username FROM users WHERE disabled_at IS "
                                               "NULL ORDER BY id LIMIT 50"));
        while (q.next())
            users << q.value(0).toString();
    });
    QFile tokenFile(dir.filePath(QStringLiteral("tokens.txt")));
    if (!tokenFile.open(QIODevice::WriteOnly) ||
        !tokenFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return 1;
    auto made = store.write([&] {
        for (int i = 0; i < realTokens; ++i) {
            NewApiToken t;
            t.name = QStringLiteral("bench-%1").arg(i);
            t.scopes = {QStringLiteral("collection"), QStringLiteral("device")};
            t.username = users.at(i % users.size());
            t.expiresAt = Clock::now().addDays(90);
            auto c = service.tokens.create(cli, t);
            if (!c)
                throw Failure{c.error()};
            tokenFile.write(c->secret.bytes() + '\n');
        }
    });
    tokenFile.close();
    if (!made) {
        std::fprintf(stderr, "tokens: %s\n", qPrintable(made.error().message));
        return 1;
    }
    const qint64 realMs = timer.restart();
    const qint64 total = store
                             .read([&] {
                                 return store
                                     .scalar(QStringLiteral("SELECT COUNT(*) FROM "
                                                            "api_tokens"))
                                     .toLongLong();
                             })
                             .value();

    // The access log stays on, one write() per line, as tokendesk-server does on stderr.
    QFile logFile(dir.filePath(QStringLiteral("access.log")));
    if (!logFile.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return 1;
    qint64 logLines = 0;
    ApiServer::Options options;
    options.throttle.maxFailures = 0;
    options.accessLog = [&](const QByteArray &line) {
        logFile.write(line + '\n');
        ++logLines;
    };
    ApiServer server(store, options);
    server.addStaticRoute(QStringLiteral("/bench/static"), QByteArray("{\"status\":\"ok\"}"));
    QString error;
    const quint16 port = server.start(QHostAddress(QHostAddress::LocalHost), 0, &error);
    if (!port) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }

    std::printf("bench_server: %d CPU(s), %s; Qt %s; %s store\n", QThread::idealThreadCount(),
                qPrintable(cpuModel()), qVersion(), store.isSqlite() ? "SQLite" : "PostgreSQL");
    std::printf("store: %lld API tokens (%lld demo in %lld ms, %d real in %lld ms)\n", total,
                qlonglong(generated->tokens), demoMs, realTokens, realMs);
    // Warm-up: every real token once, so its last-used write (at most once a minute) is done
    // and the measured burst is what the issue asks about: reads only.
    const Figures warm = runLoad(port, QStringLiteral("/api/v1/me"), tokenFile.fileName(), 0, 8);
    std::printf("warm-up: %lld requests (one per real token), %lld errors\n", warm.requests,
                warm.errors);
    std::printf("load: %d keep-alive connections, %.0f s per run, %d runs (median)\n\n",
                connections, seconds, runs);

    std::vector<double> aRps, aP50, aP99, sRps, sP50, sP99;
    qint64 failures = 0;
    for (int r = 0; r < runs; ++r) {
        const Figures a =
            runLoad(port, QStringLiteral("/api/v1/me"), tokenFile.fileName(), seconds, connections);
        const Figures s = runLoad(port, QStringLiteral("/bench/static"), QStringLiteral("-"),
                                  seconds, connections);
        std::printf("run %d: GET /api/v1/me %8.0f req/s p50 %.2f ms p99 %.2f ms | static "
                    "%8.0f req/s p50 %.2f ms p99 %.2f ms\n",
                    r + 1, a.rps, a.p50, a.p99, s.rps, s.p50, s.p99);
        std::fflush(stdout);
        failures += a.errors + s.errors;
        aRps.push_back(a.rps);
        aP50.push_back(a.p50);
        aP99.push_back(a.p99);
        sRps.push_back(s.rps);
        sP50.push_back(s.p50);
        sP99.push_back(s.p99);
    }
    const qint64 writes = store
                              .read([&] {
                                  return store
                                      .scalar(QStringLiteral(
                                          "SELECT COUNT(*) FROM api_tokens "
                                          "WHERE last_used_at IS NOT NULL AND name LIKE 'bench-%'"))
                                      .toLongLong();
                              })
                              .value();
    std::printf("\n%-28s %12s %10s %10s\n", "", "requests/s", "p50 ms", "p99 ms");
    std::printf("%-28s %12.0f %10.2f %10.2f\n", "GET /api/v1/me (bearer)", median(aRps),
                median(aP50), median(aP99));
    std::printf("%-28s %12.0f %10.2f %10.2f\n", "static 200 (baseline)", median(sRps), median(sP50),
                median(sP99));
    std::printf("authenticated / static: %.2f\n", median(aRps) / median(sRps));
    std::printf("non-200 answers: %lld; access-log lines: %lld; tokens with last_used set: %lld "
                "(of %d used)\n",
                failures, logLines, writes, realTokens);
    std::printf("targets: >= 10000 req/s %s, p99 <= 10 ms %s, >= 0.5x static %s\n",
                median(aRps) >= 10000 ? "met" : "MISSED", median(aP99) <= 10 ? "met" : "MISSED",
                median(aRps) >= 0.5 * median(sRps) ? "met" : "MISSED");
    return failures == 0 ? 0 : 1;
}
