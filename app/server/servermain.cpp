// SPDX-License-Identifier: MIT
#include "servermain.h"
#include "security/secret.h"

#include "accesslog.h"
#include "apiserver.h"

#include "domain/domain.h"
#include "store/appinfo.h"
#include "store/databaselocation.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace td {

namespace {

const char *const Program = "tokendesk-server";

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    const ssize_t n = ::write(g_signalPipe[1], &c, 1);
    (void)n;
}

void printErr(const QString &message)
{
    QByteArray line = QByteArray(Program) + ": " + message.simplified().toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

bool parseListen(const QString &spec, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = spec.left(colon);
    bool ok = false;
    const uint p = spec.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        *address = QHostAddress(QHostAddress::LocalHost);
    else if (host == QLatin1String("*"))
        *address = QHostAddress(QHostAddress::Any);
    else if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

QByteArray readFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}

bool positiveInt(const QString &text, int *out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 0)
        return false;
    *out = v;
    return true;
}

} // namespace

int runServer(QCoreApplication &app)
{
    initSodium();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The HTTP API of TokenDesk: verifies bearer tokens (API and mobile session tokens) "
        "against a TokenDesk store and signs mobile users in and out.\n\n"
        "Endpoints: GET /healthz, GET /api/v1/me, POST /api/v1/introspect (RFC 7662),\n"
        "POST /api/v1/mobile/sessions, DELETE /api/v1/mobile/sessions/current.\n\n"
        "The database is --database, else $TOKENDESK_DATABASE, else the embedded default "
        "(~/.local/share/tokendesk/tokendesk.sqlite). A PostgreSQL password comes from "
        "libpq's environment (PGPASSWORD, ~/.pgpass), never from the command line.\n"
        "On start the server prints its base URL (e.g. http://127.0.0.1:8080) as one line on "
        "standard output; standard error gets one access-log line per request, without "
        "tokens, bodies or query values. SIGTERM or SIGINT stop it cleanly."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("The store: an SQLite file or "
                                                     "postgresql://user@host:port/dbname."),
                                      QStringLiteral("FILE|URL"));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on (default 127.0.0.1:8080; port 0: the "
                       "system picks one; [::1]:8080 for IPv6; *:8080 for every address)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate (chain): serve HTTPS."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("PEM private key of --tls-cert (RSA or EC, "
                                                   "not encrypted)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption maxFailures(
        QStringLiteral("max-auth-failures"),
        QStringLiteral("Invalid bearer tokens from one address within a minute before it is "
                       "refused with 429 for a minute (default 10; 0: never)."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-bytes"),
                                     QStringLiteral("Largest request body (default 16384)."),
                                     QStringLiteral("N"), QStringLiteral("16384"));
    const QCommandLineOption quiet(QStringLiteral("no-access-log"),
                                   QStringLiteral("Do not write the access log."));
    const QCommandLineOption threads(
        QStringLiteral("threads"),
        QStringLiteral("I/O threads, each with its own database connection (default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("Open connections at once; more are answered 503 (default 512)."),
        QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption maxPerAddress(
        QStringLiteral("max-connections-per-address"),
        QStringLiteral("Open connections from one client address (an IPv6 client: its /64); "
                       "more are answered 429 (default 32)."),
        QStringLiteral("N"), QStringLiteral("32"));
    const QCommandLineOption requestTimeout(
        QStringLiteral("request-timeout"),
        QStringLiteral("Seconds for a request's head, for its body, for the client to read an "
                       "answer and for a TLS handshake, each (default 10)."),
        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        QStringLiteral("Seconds a kept-alive connection may wait for its next request "
                       "(default 60)."),
        QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption maxSignIns(
        QStringLiteral("max-sign-ins"),
        QStringLiteral("Mobile sign-ins held at once (hashing or waiting for it); more are "
                       "answered 429 (default 4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption credentialCache(
        QStringLiteral("credential-cache"),
        QStringLiteral("PostgreSQL: keep verified tokens and sessions in memory, invalidated by "
                       "the database's notifications (default on; a change reaches the server "
                       "within milliseconds instead of with the next request)."),
        QStringLiteral("on|off"), QStringLiteral("on"));
    parser.addOptions({database, listen, tlsCert, tlsKey, maxFailures, maxBody, quiet, threads,
                       maxConnections, maxPerAddress, requestTimeout, idleTimeout, maxSignIns,
                       credentialCache});
    if (!parser.parse(app.arguments())) {
        printErr(parser.errorText() + QStringLiteral(" (see tokendesk-server --help)"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        const QByteArray help = (parser.helpText() + QStringLiteral(R"(
Environment:
  TOKENDESK_DATABASE      the store when --database is not given
  PGPASSWORD, PGPASSFILE  the PostgreSQL password (libpq)

Files:
  ~/.local/share/tokendesk/tokendesk.sqlite  the default store

Exit status:
  0  stopped cleanly by SIGTERM or SIGINT, or --help / --version
  1  cannot listen on the address, or an internal error
  2  invalid command line (unknown option, bad value, unreadable or unusable TLS files)
  7  the store is missing, not initialised, locked, damaged, newer or unreachable
)"))
                                    .toUtf8();
        std::fwrite(help.constData(), 1, size_t(help.size()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", Program, qPrintable(versionString()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("unexpected argument \"%1\" (see --help)")
                     .arg(parser.positionalArguments().first()));
        return 2;
    }

    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listen), &address, &port)) {
        printErr(QStringLiteral("--listen takes HOST:PORT, e.g. 127.0.0.1:8080, not \"%1\"")
                     .arg(parser.value(listen)));
        return 2;
    }
    ApiServer::Options options;
    if (!positiveInt(parser.value(maxFailures), &options.throttle.maxFailures)) {
        printErr(QStringLiteral("--max-auth-failures takes a number >= 0"));
        return 2;
    }
    int bodyLimit = 0;
    if (!positiveInt(parser.value(maxBody), &bodyLimit) || bodyLimit < 256) {
        printErr(QStringLiteral("--max-body-bytes takes a number >= 256"));
        return 2;
    }
    options.limits.maxBodyBytes = bodyLimit;
    struct Count
    {
        const QCommandLineOption &option;
        int *target;
        int minimum;
        int maximum;
    };
    int requestSeconds = 0;
    int idleSeconds = 0;
    const Count counts[] = {
        {threads, &options.threads, 1, 64},
        {maxConnections, &options.limits.maxConnections, 1, 100000},
        {maxPerAddress, &options.limits.maxConnectionsPerAddress, 1, 100000},
        {requestTimeout, &requestSeconds, 1, 3600},
        {idleTimeout, &idleSeconds, 1, 86400},
        {maxSignIns, &options.maxSignIns, 1, 1000},
    };
    for (const Count &c : counts) {
        if (!positiveInt(parser.value(c.option), c.target) || *c.target < c.minimum ||
            *c.target > c.maximum) {
            printErr(QStringLiteral("--%1 takes a number from %2 to %3")
                         .arg(c.option.names().first())
                         .arg(c.minimum)
                         .arg(c.maximum));
            return 2;
        }
    }
    const QString cache = parser.value(credentialCache);
    if (cache != QLatin1String("on") && cache != QLatin1String("off")) {
        printErr(QStringLiteral("--credential-cache takes on or off, not \"%1\"").arg(cache));
        return 2;
    }
    options.credentialCache = cache == QLatin1String("on");
    options.limits.headerTimeoutMs = requestSeconds * 1000;
    options.limits.writeTimeoutMs = requestSeconds * 1000;
    options.limits.handshakeTimeoutMs = requestSeconds * 1000;
    options.limits.idleTimeoutMs = idleSeconds * 1000;
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey)) {
        printErr(QStringLiteral("--tls-cert and --tls-key go together"));
        return 2;
    }

    HttpEngine::TlsFiles tls;
    if (parser.isSet(tlsCert)) {
        QString error;
        tls.certificateChainPem = readFile(parser.value(tlsCert), &error);
        if (error.isEmpty())
            tls.privateKeyPem = readFile(parser.value(tlsKey), &error);
        if (!error.isEmpty()) {
            printErr(error);
            return 2;
        }
    }

    QString spec = parser.value(database);
    if (spec.isEmpty())
        spec = qEnvironmentVariable("TOKENDESK_DATABASE");
    DatabaseLocation location = DatabaseLocation::defaultLocation();
    if (!spec.isEmpty()) {
        auto parsed = DatabaseLocation::parse(spec);
        if (!parsed) {
            printErr(parsed.error().message);
            return 2;
        }
        location = parsed.value();
    }
    auto opened = Store::open(location, Store::OpenMode::ExistingOnly);
    if (!opened) {
        printErr(opened.error().message);
        return exitCodeFor(opened.error().code);
    }
    std::unique_ptr<Store> store = std::move(opened.value());
    if (!store->isInitialized()) {
        printErr(store->notInitializedError().message);
        return exitCodeFor(Errc::StoreMissing);
    }

    // Written by a thread of its own: a slow reader of standard error never holds up a request.
    std::optional<AccessLogWriter> accessLog;
    if (!parser.isSet(quiet)) {
        std::fflush(stderr);
        accessLog.emplace(STDERR_FILENO);
        options.accessLog = [&accessLog](const QByteArray &line) {
            accessLog->write(line);
        };
    }

    // SIGTERM / SIGINT → a byte in a pipe → quit the event loop (no Qt calls in the handler).
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        printErr(QStringLiteral("cannot create the signal pipe"));
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&app] {
        char buf[16];
        while (::read(g_signalPipe[0], buf, sizeof buf) > 0) {
        }
        app.quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    int rc = 0;
    {
        ApiServer server(*store, options);
        if (parser.isSet(tlsCert)) {
            QString error;
            if (!server.enableTls(std::move(tls), &error)) {
                printErr(QStringLiteral("%1 / %2: %3")
                             .arg(parser.value(tlsCert), parser.value(tlsKey), error));
                return 2;
            }
        }
        QString error;
        const quint16 actual = server.start(address, port, &error);
        if (actual == 0) {
            printErr(error);
            return 1;
        }
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QStringLiteral("[%1]").arg(address.toString())
                                 : address.toString();
        const QString url =
            QStringLiteral("%1://%2:%3")
                .arg(server.tlsEnabled() ? QStringLiteral("https") : QStringLiteral("http"), host)
                .arg(actual);
        std::printf("%s\n", qPrintable(url));
        std::fflush(stdout);
        printErr(QStringLiteral("serving %1 on %2 (pid %3)")
                     .arg(location.display(), url)
                     .arg(QCoreApplication::applicationPid()));
        rc = app.exec();
        server.stop();
    }
    store.reset();
    accessLog.reset(); // the last lines out before "stopped"
    printErr(QStringLiteral("stopped"));
    return rc;
}

} // namespace td
