// SPDX-License-Identifier: MIT
#include "servermain.h"
#include "security/secret.h"

#include "accesslog.h"
#include "apiserver.h"
#include "nightlyjobs.h"
#include "noticejobs.h"
#include "webhookdelivery.h"

#include "core/serveraddress.h"
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
#include <memory>
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

/// The program's options (read back by name).
void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "The HTTP API of TokenDesk: verifies bearer tokens (API and mobile session tokens) "
        "against a TokenDesk store and signs mobile users in and out.\n\n"
        "Endpoints: GET /healthz, GET /api/v1/me, POST /api/v1/introspect (RFC 7662),\n"
        "POST /api/v1/mobile/sessions, DELETE /api/v1/mobile/sessions/current, and the "
        "console's admin API (GET /api/v1/changes: a long poll that answers when the store "
        "changed).\n\n"
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
    const QCommandLineOption signInNiceness(
        QStringLiteral("sign-in-niceness"),
        QStringLiteral("CPU priority (nice, 0-19) of the threads that hash sign-ins: higher "
                       "yields more to answering requests and to other work on the machine "
                       "(default 5)."),
        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption credentialCache(
        QStringLiteral("credential-cache"),
        QStringLiteral("PostgreSQL: keep verified tokens and sessions in memory, invalidated by "
                       "the database's notifications (default on; a change reaches the server "
                       "within milliseconds instead of with the next request)."),
        QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption maxExports(
        QStringLiteral("max-exports"),
        QStringLiteral("CSV exports streaming at once; more are answered 503 (default 4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption exportThreads(
        QStringLiteral("export-threads"),
        QStringLiteral("Threads that read the pages of CSV exports, each with its own database "
                       "connection (default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        QStringLiteral("The address clients reach this server at (behind a proxy, the proxy's), "
                       "such as https://tokens.example.org; consoles show it in their examples "
                       "(default: the address they connected to)."),
        QStringLiteral("URL"));
    const QCommandLineOption mailConfig(
        QStringLiteral("mail-config"),
        QStringLiteral("Send e-mail notices of expiring tokens and access codes over SMTP with the "
                       "settings of FILE (INI, mode 600: it holds the SMTP password; README.md, "
                       "\"Expiry notices\"). Without it no e-mail is sent."),
        QStringLiteral("FILE"));
    const QCommandLineOption webhookKeyFile(
        QStringLiteral("webhook-key-file"),
        QStringLiteral("Send webhooks: FILE holds the key that encrypts their signing secrets in "
                       "the store (32 bytes, mode 600; created when missing; all servers of one "
                       "deployment share it). Without it webhooks can be neither registered nor "
                       "sent."),
        QStringLiteral("FILE"));
    const QCommandLineOption webhookRetrySchedule(
        QStringLiteral("webhook-retry-schedule"),
        QStringLiteral("Seconds to wait before each further attempt of a webhook delivery; after "
                       "the last the delivery fails (default 60,300,1800,7200,21600)."),
        QStringLiteral("S,S,..."));
    const QCommandLineOption webhookInterval(
        QStringLiteral("webhook-interval"),
        QStringLiteral("Seconds between two looks at the webhook outbox (default 5)."),
        QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption changePollTimeout(
        QStringLiteral("change-poll-timeout"),
        QStringLiteral("Seconds a change poll (GET /api/v1/changes) is held when nothing changes "
                       "(default 25)."),
        QStringLiteral("S"), QStringLiteral("25"));
    const QCommandLineOption maxChangePolls(
        QStringLiteral("max-change-polls"),
        QStringLiteral("Change polls held at once; more are answered 503 (default 256)."),
        QStringLiteral("N"), QStringLiteral("256"));
    const QCommandLineOption maxChangePollsPerAddress(
        QStringLiteral("max-change-polls-per-address"),
        QStringLiteral("Change polls held for one client address; more are answered 429 "
                       "(default 8)."),
        QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption maxChangePollsPerCredential(
        QStringLiteral("max-change-polls-per-credential"),
        QStringLiteral("Change polls held for one console credential; more are answered 429 "
                       "(default 4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    parser.addOptions({database,
                       listen,
                       tlsCert,
                       tlsKey,
                       maxFailures,
                       maxBody,
                       quiet,
                       threads,
                       maxConnections,
                       maxPerAddress,
                       requestTimeout,
                       idleTimeout,
                       maxSignIns,
                       signInNiceness,
                       credentialCache,
                       maxExports,
                       exportThreads,
                       publicUrl,
                       mailConfig,
                       webhookKeyFile,
                       webhookRetrySchedule,
                       webhookInterval,
                       changePollTimeout,
                       maxChangePolls,
                       maxChangePollsPerAddress,
                       maxChangePollsPerCredential});
}

const char *const HelpEpilogue = R"(
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
)";

/// --help, --version and stray arguments: the exit code when the program ends here.
std::optional<int> answerWithoutServing(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        const QByteArray help = (parser.helpText() + QLatin1String(HelpEpilogue)).toUtf8();
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
    return std::nullopt;
}

/// The limits and timeouts of the options; the message of the first wrong one.
QString parseLimits(const QCommandLineParser &parser, ApiServer::Options &options)
{
    if (!positiveInt(parser.value(QStringLiteral("max-auth-failures")),
                     &options.throttle.maxFailures))
        return QStringLiteral("--max-auth-failures takes a number >= 0");
    int bodyLimit = 0;
    if (!positiveInt(parser.value(QStringLiteral("max-body-bytes")), &bodyLimit) || bodyLimit < 256)
        return QStringLiteral("--max-body-bytes takes a number >= 256");
    options.limits.maxBodyBytes = bodyLimit;
    struct Count
    {
        const char *option;
        int *target;
        int minimum;
        int maximum;
    };
    int requestSeconds = 0;
    int idleSeconds = 0;
    int pollSeconds = 0;
    const Count counts[] = {
        {"threads", &options.threads, 1, 64},
        {"max-connections", &options.limits.maxConnections, 1, 100000},
        {"max-connections-per-address", &options.limits.maxConnectionsPerAddress, 1, 100000},
        {"request-timeout", &requestSeconds, 1, 3600},
        {"idle-timeout", &idleSeconds, 1, 86400},
        {"max-sign-ins", &options.maxSignIns, 1, 1000},
        {"sign-in-niceness", &options.signInNiceness, 0, 19},
        {"max-exports", &options.maxExports, 1, 1000},
        {"export-threads", &options.exportThreads, 1, 64},
        // Under the console's transfer timeout for a poll (HttpBackend::MaxChangePollMs).
        {"change-poll-timeout", &pollSeconds, 1, 55},
        {"max-change-polls", &options.changePolls.total, 1, 100000},
        {"max-change-polls-per-address", &options.changePolls.perAddress, 1, 100000},
        {"max-change-polls-per-credential", &options.changePolls.perCredential, 1, 100000},
    };
    for (const Count &c : counts) {
        if (!positiveInt(parser.value(QLatin1String(c.option)), c.target) ||
            *c.target < c.minimum || *c.target > c.maximum)
            return QStringLiteral("--%1 takes a number from %2 to %3")
                .arg(QLatin1String(c.option))
                .arg(c.minimum)
                .arg(c.maximum);
    }
    const QString cache = parser.value(QStringLiteral("credential-cache"));
    if (cache != QLatin1String("on") && cache != QLatin1String("off"))
        return QStringLiteral("--credential-cache takes on or off, not \"%1\"").arg(cache);
    options.credentialCache = cache == QLatin1String("on");
    if (parser.isSet(QStringLiteral("public-url"))) {
        const QString url = parser.value(QStringLiteral("public-url"));
        if (const QString why = ServerAddress::whyNot(url); !why.isEmpty())
            return QStringLiteral("--public-url: ") + why;
        options.publicUrl = ServerAddress::normalized(url);
    }
    options.limits.headerTimeoutMs = requestSeconds * 1000;
    options.limits.writeTimeoutMs = requestSeconds * 1000;
    options.limits.handshakeTimeoutMs = requestSeconds * 1000;
    options.limits.idleTimeoutMs = idleSeconds * 1000;
    options.changePolls.timeoutMs = pollSeconds * 1000;
    return {};
}

/// Where to listen, how, and with which TLS files.
struct ServerSetup
{
    QHostAddress address;
    quint16 port = 0;
    ApiServer::Options options;
    bool tls = false;
    HttpEngine::TlsFiles tlsFiles;
    QString tlsNames;                   ///< "cert / key", for errors
    std::unique_ptr<MailSettings> mail; ///< --mail-config
    bool webhooks = false;              ///< --webhook-key-file
    WebhookSender::Options webhookOptions;
};

/// The setup from the options; the message of the first wrong one.
QString parseSetup(const QCommandLineParser &parser, ServerSetup &setup)
{
    const QString listen = parser.value(QStringLiteral("listen"));
    if (!parseListen(listen, &setup.address, &setup.port))
        return QStringLiteral("--listen takes HOST:PORT, e.g. 127.0.0.1:8080, not \"%1\"")
            .arg(listen);
    if (QString error = parseLimits(parser, setup.options); !error.isEmpty())
        return error;
    if (const QString mail = parser.value(QStringLiteral("mail-config")); !mail.isEmpty()) {
        QString error;
        setup.mail = MailSettings::load(mail, &error);
        if (!setup.mail)
            return QStringLiteral("--mail-config: %1").arg(error);
    }
    if (const QString keyFile = parser.value(QStringLiteral("webhook-key-file"));
        !keyFile.isEmpty()) {
        QString error;
        const QByteArray key = loadOrCreateWebhookKey(keyFile, &error);
        if (key.isEmpty())
            return QStringLiteral("--webhook-key-file: %1").arg(error);
        WebhookService::setKey(key);
        setup.webhooks = true;
    }
    if (const QString schedule = parser.value(QStringLiteral("webhook-retry-schedule"));
        !schedule.isEmpty()) {
        setup.webhookOptions.retryScheduleMs = WebhookSender::parseSchedule(schedule);
        if (setup.webhookOptions.retryScheduleMs.isEmpty())
            return QStringLiteral("--webhook-retry-schedule takes seconds separated by commas, "
                                  "e.g. 60,300,1800, not \"%1\"")
                .arg(schedule);
    }
    {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("webhook-interval")).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600)
            return QStringLiteral("--webhook-interval takes 1 to 3600 seconds");
        setup.webhookOptions.intervalMs = seconds * 1000;
    }
    const QString cert = QStringLiteral("tls-cert");
    const QString key = QStringLiteral("tls-key");
    if (parser.isSet(cert) != parser.isSet(key))
        return QStringLiteral("--tls-cert and --tls-key go together");
    setup.tls = parser.isSet(cert);
    if (!setup.tls)
        return {};
    setup.tlsNames = QStringLiteral("%1 / %2").arg(parser.value(cert), parser.value(key));
    QString error;
    setup.tlsFiles.certificateChainPem = readFile(parser.value(cert), &error);
    if (error.isEmpty())
        setup.tlsFiles.privateKeyPem = readFile(parser.value(key), &error);
    return error;
}

/// Opens the store of --database / $TOKENDESK_DATABASE / the default; the exit code on failure.
std::optional<int> openStore(const QCommandLineParser &parser, DatabaseLocation &location,
                             std::unique_ptr<Store> &store)
{
    QString spec = parser.value(QStringLiteral("database"));
    if (spec.isEmpty())
        spec = qEnvironmentVariable("TOKENDESK_DATABASE");
    location = DatabaseLocation::defaultLocation();
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
    store = std::move(opened.value());
    if (!store->isInitialized()) {
        printErr(store->notInitializedError().message);
        return exitCodeFor(Errc::StoreMissing);
    }
    return std::nullopt;
}

/// SIGTERM / SIGINT → a byte in a pipe → quit the event loop (no Qt calls in the handler).
std::unique_ptr<QSocketNotifier> quitOnSignals(QCoreApplication &app)
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return nullptr;
    auto notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(notifier.get(), &QSocketNotifier::activated, &app, [&app] {
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
    return notifier;
}

/// Listens, prints the base URL, serves until a signal; the exit code.
int serve(QCoreApplication &app, Store &store, ServerSetup &setup, const DatabaseLocation &location)
{
    ApiServer server(store, setup.options);
    QString error;
    if (setup.tls && !server.enableTls(std::move(setup.tlsFiles), &error)) {
        printErr(QStringLiteral("%1: %2").arg(setup.tlsNames, error));
        return 2;
    }
    const quint16 actual = server.start(setup.address, setup.port, &error);
    if (actual == 0) {
        printErr(error);
        return 1;
    }
    const QString host = setup.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(setup.address.toString())
                             : setup.address.toString();
    const QString url =
        QStringLiteral("%1://%2:%3")
            .arg(server.tlsEnabled() ? QStringLiteral("https") : QStringLiteral("http"), host)
            .arg(actual);
    std::printf("%s\n", qPrintable(url));
    std::fflush(stdout);
    printErr(QStringLiteral("serving %1 on %2 (pid %3)")
                 .arg(location.display(), url)
                 .arg(QCoreApplication::applicationPid()));
    NightlyJobs nightly(store);
    nightly.start();
    std::unique_ptr<NoticeJobs> notices;
    if (setup.mail) {
        notices = std::make_unique<NoticeJobs>(location, std::move(setup.mail));
        notices->start();
    }
    std::unique_ptr<WebhookSender> webhooks;
    if (setup.webhooks) {
        webhooks = std::make_unique<WebhookSender>(location, setup.webhookOptions);
        webhooks->start();
    }
    const int rc = app.exec();
    server.stop();
    return rc;
}

} // namespace

int runServer(QCoreApplication &app)
{
    initSodium();
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(app.arguments())) {
        printErr(parser.errorText() + QStringLiteral(" (see tokendesk-server --help)"));
        return 2;
    }
    if (const auto rc = answerWithoutServing(parser))
        return *rc;
    ServerSetup setup;
    if (const QString error = parseSetup(parser, setup); !error.isEmpty()) {
        printErr(error);
        return 2;
    }
    DatabaseLocation location;
    std::unique_ptr<Store> store;
    if (const auto rc = openStore(parser, location, store))
        return *rc;

    // Written by a thread of its own: a slow reader of standard error never holds up a request.
    std::optional<AccessLogWriter> accessLog;
    if (!parser.isSet(QStringLiteral("no-access-log"))) {
        std::fflush(stderr);
        accessLog.emplace(STDERR_FILENO);
        setup.options.accessLog = [&accessLog](const QByteArray &line) {
            accessLog->write(line);
        };
    }
    const std::unique_ptr<QSocketNotifier> quitter = quitOnSignals(app);
    if (!quitter) {
        printErr(QStringLiteral("cannot create the signal pipe"));
        return 1;
    }
    const int rc = serve(app, *store, setup, location);
    store.reset();
    accessLog.reset(); // the last lines out before "stopped"
    printErr(QStringLiteral("stopped"));
    return rc;
}

} // namespace td
