// SPDX-License-Identifier: MIT
#include "admincli.h"
#include "clijson.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/demogenerator.h"
#include "domain/service.h"
#include "security/credentialpolicy.h"
#include "security/tokencodec.h"
#include "store/appinfo.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace td {

namespace {

const QString Program = QStringLiteral("tokendesk-admin");

const char *const Overview =
    R"(Usage: tokendesk-admin [--database FILE|postgresql://user@host:port/db] COMMAND ...

Administers a TokenDesk store from scripts and headless machines. The database comes from
--database, else $TOKENDESK_DATABASE, else ~/.local/share/tokendesk/tokendesk.sqlite.
Secrets are read from standard input, never from arguments.

Commands:
  init --admin-user NAME --password-stdin [--department NAME]
  department add NAME | department list [--json]
  user-type list [--json]
  user add NAME --email E --department D --user-type T --password-stdin [--display-name X]
  user list [--json] | user disable NAME | user enable NAME | user passwd NAME --password-stdin
  token create --name N --user U --scope a,b --expires DATE|+Nd [--department D]
               [--user-type T] [--description TEXT] [--allow-long-expiry]
  token list [--json] [--status active|expiring|expired|revoked] [--user U] [--limit N]
  token edit-scope ID --scope a,b
  token revoke ID... | token delete ID...
  token verify                      (token on standard input; prints its status)
  token reset USER --access-code-stdin
  access-code set USER --age 30|60|90|180|365|never --access-code-stdin
  session list [--json] [--all] | session revoke ID...
  audit list [--json] [--since DATE] [--actor A] [--action PREFIX] [--limit N]
  demo --users N --tokens N --sessions N [--seed S]

Options:
  --database FILE|URL  the store (else $TOKENDESK_DATABASE, else the default file)
  -h, --help           this help (COMMAND --help: the options of that command)
  -v, --version        the version

Each command takes --help. Times are ISO 8601 UTC.

Environment:
  TOKENDESK_DATABASE   the store when --database is not given
  PGPASSWORD, PGPASSFILE  the PostgreSQL password (never on the command line)

Files:
  ~/.local/share/tokendesk/tokendesk.sqlite  the default store

Exit codes:
  0 success            1 internal error        2 invalid input or usage
  3 not found          4 conflict / exists     5 permission denied
  6 authentication failed, throttled or expired credential
  7 store missing, locked, read-only, damaged, newer schema or unreachable
  (token verify: 0 when the token is active, 8 when it is not)
)";

QString oneLine(QString s)
{
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    s.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return s.simplified();
}

QString osUser(const QProcessEnvironment &env)
{
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return env.value(QStringLiteral("USER"), QStringLiteral("unknown"));
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QStringLiteral("-");
}

/// A plain text table with aligned columns.
class Table
{
public:
    explicit Table(QStringList header)
        : m_rows{std::move(header)}
    {}
    void add(QStringList row) { m_rows << std::move(row); }
    void print(QTextStream &out) const
    {
        QList<qsizetype> width(m_rows.first().size(), 0);
        for (const QStringList &r : m_rows)
            for (qsizetype c = 0; c < r.size(); ++c)
                width[c] = std::max(width[c], r[c].size());
        for (const QStringList &r : m_rows) {
            QString line;
            for (qsizetype c = 0; c < r.size(); ++c)
                line += c + 1 < r.size() ? r[c].leftJustified(width[c] + 2) : r[c];
            out << line.trimmed() << '\n';
        }
    }

private:
    QList<QStringList> m_rows;
};

struct UsageError
{
    QString message;
};

class Cli
{
public:
    Cli(QIODevice &in, QIODevice &out, QIODevice &err, const QProcessEnvironment &env)
        : m_in(in)
        , m_out(&out)
        , m_err(&err)
        , m_env(env)
    {
        m_actor = Actor::cli(osUser(env));
    }
    ~Cli()
    {
        m_out.flush();
        m_err.flush();
    }

    int run(QStringList args);

private:
    // ---- plumbing ----
    int failWith(const Error &e)
    {
        m_err << Program << ": " << oneLine(e.message) << '\n';
        m_err.flush();
        return exitCodeFor(e.code);
    }
    int usage(const QString &message)
    {
        m_err << Program << ": " << oneLine(message) << '\n';
        m_err.flush();
        return 2;
    }
    /// Parses a command's own options; throws UsageError. Returns the positional arguments.
    QStringList parse(QCommandLineParser &p, const QString &command, const QStringList &args,
                      const QList<QCommandLineOption> &options, int minPos, int maxPos,
                      const QString &positionalHelp = {})
    {
        p.setApplicationDescription(QStringLiteral("tokendesk-admin %1").arg(command));
        p.addOptions(options);
        p.addOption(m_dbOption);
        const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                      QStringLiteral("Show this help."));
        p.addOption(help);
        if (!positionalHelp.isEmpty())
            p.addPositionalArgument(QStringLiteral("args"), positionalHelp);
        if (!p.parse(QStringList{Program + QLatin1Char(' ') + command} + args))
            throw UsageError{
                QStringLiteral("%1: %2 (see %3 %1 --help)").arg(command, p.errorText(), Program)};
        if (p.isSet(help)) {
            m_out << p.helpText();
            throw 0; // handled by run(): exit 0 after help
        }
        if (p.isSet(m_dbOption))
            m_database = p.value(m_dbOption);
        const QStringList pos = p.positionalArguments();
        if (pos.size() < minPos)
            throw UsageError{
                QStringLiteral("%1: missing %2 (see %3 %1 --help)")
                    .arg(command,
                         positionalHelp.isEmpty() ? QStringLiteral("argument") : positionalHelp,
                         Program)};
        if (maxPos >= 0 && pos.size() > maxPos)
            throw UsageError{QStringLiteral("%1: unexpected argument \"%2\" (see %3 %1 --help)")
                                 .arg(command, pos.value(maxPos), Program)};
        return pos;
    }
    QString required(const QCommandLineParser &p, const QString &name, const QString &command)
    {
        const QString v = p.value(name);
        if (v.trimmed().isEmpty())
            throw UsageError{QStringLiteral("%1: --%2 is required (see %3 %1 --help)")
                                 .arg(command, name, Program)};
        return v;
    }
    std::optional<Error> openStore(Store::OpenMode mode = Store::OpenMode::ExistingOnly)
    {
        QString spec = m_database;
        if (spec.isEmpty())
            spec = m_env.value(QStringLiteral("TOKENDESK_DATABASE"));
        DatabaseLocation loc;
        if (spec.isEmpty()) {
            loc = DatabaseLocation::defaultLocation();
        } else {
            auto parsed = DatabaseLocation::parse(spec);
            if (!parsed)
                return parsed.error();
            loc = parsed.value();
        }
        auto store = Store::open(loc, mode);
        if (!store)
            return store.error();
        m_store = std::move(store.value());
        if (mode == Store::OpenMode::ExistingOnly && !m_store->isInitialized())
            return m_store->notInitializedError();
        m_service.emplace(*m_store);
        return std::nullopt;
    }
    /// One line from standard input, without its line break. Empty → error.
    Result<SecretBytes> readSecret(const QString &what)
    {
        QByteArray line = m_in.readLine(4096);
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            secureWipe(line);
            return Error(Errc::InvalidArgument,
                         QStringLiteral("no %1 on standard input").arg(what));
        }
        return SecretBytes(std::move(line));
    }
    qint64 parseId(const QString &s, const QString &what)
    {
        bool ok = false;
        const qint64 id = s.toLongLong(&ok);
        if (!ok || id <= 0)
            throw UsageError{
                QStringLiteral("\"%1\" is not a %2 id (a positive number)").arg(s, what)};
        return id;
    }
    QList<qint64> parseIds(const QStringList &list, const QString &what)
    {
        QList<qint64> ids;
        for (const QString &s : list)
            ids << parseId(s, what);
        return ids;
    }
    static QStringList splitList(const QString &s)
    {
        QStringList out;
        for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                out << part.trimmed();
        return out;
    }
    std::optional<QDateTime> parseDate(const QString &s, bool endOfDay)
    {
        static const QRegularExpression relative(QStringLiteral("^\\+(\\d{1,5})d$"));
        const QString t = s.trimmed();
        if (auto m = relative.match(t); m.hasMatch())
            return Clock::now().addDays(m.captured(1).toLongLong());
        QDate d = QDate::fromString(t, Qt::ISODate);
        if (d.isValid() && t.size() == 10)
            return endOfDay ? QDateTime(d, QTime(23, 59, 59), Qt::UTC)
                            : QDateTime(d, QTime(0, 0), Qt::UTC);
        QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
        if (dt.isValid()) {
            if (dt.timeSpec() == Qt::LocalTime)
                dt.setTimeSpec(Qt::UTC);
            return dt.toUTC();
        }
        return std::nullopt;
    }

    // ---- commands ----
    int cmdInit(const QStringList &args);
    int cmdDepartment(const QStringList &args);
    int cmdUserType(const QStringList &args);
    int cmdUser(const QStringList &args);
    int cmdToken(const QStringList &args);
    int cmdAccessCode(const QStringList &args);
    int cmdSession(const QStringList &args);
    int cmdAudit(const QStringList &args);
    int cmdDemo(const QStringList &args);

    QIODevice &m_in;
    QTextStream m_out;
    QTextStream m_err;
    QProcessEnvironment m_env;
    Actor m_actor;
    QString m_database;
    QCommandLineOption m_dbOption{
        QStringLiteral("database"),
        QStringLiteral("SQLite file or postgresql://user@host:port/dbname."),
        QStringLiteral("FILE|URL")};
    std::unique_ptr<Store> m_store;
    std::optional<Service> m_service;
};

int Cli::run(QStringList args)
{
    // Global options before the command; everything from the command on is the command's.
    QCommandLineParser global;
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help = global.addHelpOption();
    const QCommandLineOption version = global.addVersionOption();
    global.addOption(m_dbOption);
    if (!global.parse(args))
        return usage(QStringLiteral("%1 (see %2 --help)").arg(global.errorText(), Program));
    if (global.isSet(help) || global.isSet(QStringLiteral("help-all"))) {
        m_out << Overview;
        return 0;
    }
    if (global.isSet(version)) {
        m_out << Program << ' ' << versionString() << '\n';
        return 0;
    }
    if (global.isSet(m_dbOption))
        m_database = global.value(m_dbOption);
    args = global.positionalArguments();
    if (args.isEmpty())
        return usage(QStringLiteral("no command given (see %1 --help)").arg(Program));
    const QString command = args.takeFirst();
    try {
        if (command == QLatin1String("init"))
            return cmdInit(args);
        if (command == QLatin1String("department"))
            return cmdDepartment(args);
        if (command == QLatin1String("user-type"))
            return cmdUserType(args);
        if (command == QLatin1String("user"))
            return cmdUser(args);
        if (command == QLatin1String("token"))
            return cmdToken(args);
        if (command == QLatin1String("access-code"))
            return cmdAccessCode(args);
        if (command == QLatin1String("session"))
            return cmdSession(args);
        if (command == QLatin1String("audit"))
            return cmdAudit(args);
        if (command == QLatin1String("demo"))
            return cmdDemo(args);
        if (command == QLatin1String("help")) {
            m_out << Overview;
            return 0;
        }
        return usage(
            QStringLiteral("unknown command \"%1\" (see %2 --help)").arg(command, Program));
    } catch (const UsageError &e) {
        return usage(e.message);
    } catch (int) {
        return 0; // --help of a command
    }
}

// ---- init ---------------------------------------------------------------------------------------

int Cli::cmdInit(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption admin(QStringLiteral("admin-user"),
                                   QStringLiteral("Username of the first administrator."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption pw(
        QStringLiteral("password-stdin"),
        QStringLiteral("Read the administrator's password from standard input."));
    const QCommandLineOption dept(QStringLiteral("department"),
                                  QStringLiteral("First department (default \"Administration\")."),
                                  QStringLiteral("NAME"));
    parse(p, QStringLiteral("init"), args, {admin, pw, dept}, 0, 0);
    const QString user = required(p, QStringLiteral("admin-user"), QStringLiteral("init"));
    if (!p.isSet(pw))
        throw UsageError{QStringLiteral(
            "init: --password-stdin is required (passwords are never taken from arguments)")};
    if (QString why = CredentialPolicy::checkUsername(CredentialPolicy::canonicalUsername(user));
        !why.isEmpty())
        return failWith(Error(Errc::InvalidArgument, why));
    auto password = readSecret(QStringLiteral("password"));
    if (!password)
        return failWith(password.error());
    if (QString why = CredentialPolicy::checkPassword(password.value(),
                                                      CredentialPolicy::canonicalUsername(user));
        !why.isEmpty())
        return failWith(Error(Errc::InvalidArgument, why));
    if (auto e = openStore(Store::OpenMode::CreateIfMissing))
        return failWith(*e);
    auto tenant = m_service->initialize(m_actor, user, password.value(), p.value(dept));
    if (!tenant)
        return failWith(tenant.error());
    m_err << "Initialised " << m_store->location().display() << " (tenant " << tenant->id
          << "); administrator " << CredentialPolicy::canonicalUsername(user) << ".\n";
    return 0;
}

// ---- departments and user types -----------------------------------------------------------------

int Cli::cmdDepartment(const QStringList &args)
{
    if (args.isEmpty())
        throw UsageError{QStringLiteral("department: add or list? (see %1 --help)").arg(Program)};
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    if (sub == QLatin1String("add")) {
        const QStringList pos =
            parse(p, QStringLiteral("department add"), rest, {}, 1, 1, QStringLiteral("NAME"));
        if (auto e = openStore())
            return failWith(*e);
        auto d = m_service->createDepartment(m_actor, pos.first());
        if (!d)
            return failWith(d.error());
        m_err << "Department #" << d->id << " \"" << d->name << "\" created.\n";
        return 0;
    }
    if (sub == QLatin1String("list")) {
        parse(p, QStringLiteral("department list"), rest, {json}, 0, 0);
        if (auto e = openStore())
            return failWith(*e);
        auto list = m_service->departments(m_actor);
        if (!list)
            return failWith(list.error());
        if (p.isSet(json)) {
            CliJson::ArrayWriter w(m_out);
            for (const Department &d : list.value())
                w.add(CliJson::department(d));
            w.finish();
        } else {
            Table t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("USERS"),
                     QStringLiteral("CREATED (UTC)")});
            for (const Department &d : list.value())
                t.add({QString::number(d.id), d.name, QString::number(d.userCount),
                       timeText(d.createdAt)});
            t.print(m_out);
        }
        return 0;
    }
    throw UsageError{QStringLiteral("department: unknown subcommand \"%1\" (add, list)").arg(sub)};
}

int Cli::cmdUserType(const QStringList &args)
{
    if (args.isEmpty() || args.first() != QLatin1String("list"))
        throw UsageError{
            QStringLiteral("user-type: only \"list\" is available (see %1 --help)").arg(Program)};
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    parse(p, QStringLiteral("user-type list"), args.mid(1), {json}, 0, 0);
    if (auto e = openStore())
        return failWith(*e);
    auto list = m_service->userTypes(m_actor);
    if (!list)
        return failWith(list.error());
    if (p.isSet(json)) {
        CliJson::ArrayWriter w(m_out);
        for (const UserType &t : list.value())
            w.add(CliJson::userType(t));
        w.finish();
    } else {
        Table tb({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("USERS"),
                  QStringLiteral("PERMISSIONS")});
        for (const UserType &t : list.value())
            tb.add({QString::number(t.id), t.name, QString::number(t.userCount),
                    t.permissions.join(QLatin1Char(','))});
        tb.print(m_out);
    }
    return 0;
}

// ---- users
// ----------------------------------------------------------------------------------------

int Cli::cmdUser(const QStringList &args)
{
    if (args.isEmpty())
        throw UsageError{
            QStringLiteral("user: add, list, disable, enable or passwd? (see %1 --help)")
                .arg(Program)};
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    const QCommandLineOption pw(QStringLiteral("password-stdin"),
                                QStringLiteral("Read the password from standard input."));
    if (sub == QLatin1String("add")) {
        const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("Email address."),
                                       QStringLiteral("E"));
        const QCommandLineOption dept(QStringLiteral("department"),
                                      QStringLiteral("Department (must exist)."),
                                      QStringLiteral("D"));
        const QCommandLineOption type(
            QStringLiteral("user-type"),
            QStringLiteral("Administrator, Support, Standard or another user type."),
            QStringLiteral("T"));
        const QCommandLineOption display(QStringLiteral("display-name"),
                                         QStringLiteral("Full name."), QStringLiteral("X"));
        const QStringList pos =
            parse(p, QStringLiteral("user add"), rest, {email, dept, type, display, pw}, 1, 1,
                  QStringLiteral("NAME"));
        NewUser n;
        n.username = pos.first();
        n.email = required(p, QStringLiteral("email"), QStringLiteral("user add"));
        n.department = required(p, QStringLiteral("department"), QStringLiteral("user add"));
        n.userType = required(p, QStringLiteral("user-type"), QStringLiteral("user add"));
        n.displayName = p.value(display);
        if (!p.isSet(pw))
            throw UsageError{QStringLiteral("user add: --password-stdin is required (passwords are "
                                            "never taken from arguments)")};
        auto password = readSecret(QStringLiteral("password"));
        if (!password)
            return failWith(password.error());
        n.password = std::move(password.value());
        if (auto e = openStore())
            return failWith(*e);
        auto u = m_service->createUser(m_actor, n);
        if (!u)
            return failWith(u.error());
        m_err << "User #" << u->id << ' ' << u->username << " created (" << u->department << ", "
              << u->userType << ").\n";
        return 0;
    }
    if (sub == QLatin1String("list")) {
        const QCommandLineOption filter(
            QStringLiteral("filter"),
            QStringLiteral("Only users whose name, email or department contains TEXT."),
            QStringLiteral("TEXT"));
        parse(p, QStringLiteral("user list"), rest, {json, filter}, 0, 0);
        if (auto e = openStore())
            return failWith(*e);
        UserQuery q;
        q.text = p.value(filter);
        auto list = m_service->users(m_actor, q);
        if (!list)
            return failWith(list.error());
        if (p.isSet(json)) {
            CliJson::ArrayWriter w(m_out);
            for (const User &u : list.value())
                w.add(CliJson::user(u));
            w.finish();
        } else {
            Table t({QStringLiteral("ID"), QStringLiteral("USERNAME"), QStringLiteral("EMAIL"),
                     QStringLiteral("DEPARTMENT"), QStringLiteral("USER TYPE"),
                     QStringLiteral("STATUS")});
            for (const User &u : list.value())
                t.add({QString::number(u.id), u.username, u.email, u.department, u.userType,
                       u.enabled() ? QStringLiteral("enabled") : QStringLiteral("disabled")});
            t.print(m_out);
        }
        return 0;
    }
    if (sub == QLatin1String("disable") || sub == QLatin1String("enable") ||
        sub == QLatin1String("passwd")) {
        const bool passwd = sub == QLatin1String("passwd");
        const QStringList pos =
            parse(p, QStringLiteral("user ") + sub, rest,
                  passwd ? QList<QCommandLineOption>{pw} : QList<QCommandLineOption>{}, 1, 1,
                  QStringLiteral("NAME"));
        std::optional<SecretBytes> password;
        if (passwd) {
            if (!p.isSet(pw))
                throw UsageError{QStringLiteral("user passwd: --password-stdin is required")};
            auto s = readSecret(QStringLiteral("password"));
            if (!s)
                return failWith(s.error());
            password = std::move(s.value());
        }
        if (auto e = openStore())
            return failWith(*e);
        auto u = m_service->userByName(m_actor, pos.first());
        if (!u)
            return failWith(u.error());
        if (sub == QLatin1String("disable")) {
            auto r = m_service->disableUser(m_actor, u->id);
            if (!r)
                return failWith(r.error());
            m_err << "User " << u->username << " disabled; revoked " << r->tokensRevoked
                  << " API token(s) and " << r->sessionsRevoked << " mobile session(s).\n";
        } else if (sub == QLatin1String("enable")) {
            if (auto r = m_service->enableUser(m_actor, u->id); !r)
                return failWith(r.error());
            m_err << "User " << u->username << " enabled.\n";
        } else {
            if (auto r = m_service->setPassword(m_actor, u->id, *password); !r)
                return failWith(r.error());
            m_err << "Password of " << u->username << " set.\n";
        }
        return 0;
    }
    throw UsageError{
        QStringLiteral("user: unknown subcommand \"%1\" (add, list, disable, enable, passwd)")
            .arg(sub)};
}

// ---- tokens
// ---------------------------------------------------------------------------------------

int Cli::cmdToken(const QStringList &args)
{
    if (args.isEmpty())
        throw UsageError{
            QStringLiteral(
                "token: create, list, edit-scope, revoke, delete, verify or reset? (see %1 --help)")
                .arg(Program)};
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    const QCommandLineOption scope(
        QStringLiteral("scope"),
        QStringLiteral("Comma-separated scopes: %1.").arg(Scope::all().join(QLatin1Char(','))),
        QStringLiteral("a,b"));

    if (sub == QLatin1String("create")) {
        const QCommandLineOption name(
            QStringLiteral("name"),
            QStringLiteral("Token name (unique among the user's live tokens)."),
            QStringLiteral("N"));
        const QCommandLineOption user(QStringLiteral("user"),
                                      QStringLiteral("The user the token acts for."),
                                      QStringLiteral("U"));
        const QCommandLineOption expires(
            QStringLiteral("expires"),
            QStringLiteral("Expiry: YYYY-MM-DD (end of day, UTC), an ISO 8601 time, or +Nd."),
            QStringLiteral("DATE|+Nd"));
        const QCommandLineOption dept(QStringLiteral("department"),
                                      QStringLiteral("Department (default: the user's)."),
                                      QStringLiteral("D"));
        const QCommandLineOption type(QStringLiteral("user-type"),
                                      QStringLiteral("User type (default: the user's)."),
                                      QStringLiteral("T"));
        const QCommandLineOption desc(QStringLiteral("description"),
                                      QStringLiteral("What the token is for."),
                                      QStringLiteral("TEXT"));
        const QCommandLineOption longOk(
            QStringLiteral("allow-long-expiry"),
            QStringLiteral("Confirm an expiry more than 12 months away."));
        parse(p, QStringLiteral("token create"), rest,
              {name, user, scope, expires, dept, type, desc, longOk}, 0, 0);
        NewApiToken r;
        r.name = required(p, QStringLiteral("name"), QStringLiteral("token create"));
        r.username = required(p, QStringLiteral("user"), QStringLiteral("token create"));
        r.scopes = splitList(required(p, QStringLiteral("scope"), QStringLiteral("token create")));
        const QString exp = required(p, QStringLiteral("expires"), QStringLiteral("token create"));
        const auto when = parseDate(exp, true);
        if (!when)
            throw UsageError{
                QStringLiteral(
                    "token create: --expires \"%1\" is not a date (YYYY-MM-DD, ISO 8601 or +Nd)")
                    .arg(exp)};
        r.expiresAt = *when;
        r.department = p.value(dept);
        r.userType = p.value(type);
        r.description = p.value(desc);
        r.longLivedConfirmed = p.isSet(longOk);
        if (auto e = openStore())
            return failWith(*e);
        auto created = m_service->createApiToken(m_actor, r);
        if (!created) {
            Error e = created.error();
            if (e.field == QLatin1String("expires") &&
                e.message.contains(QLatin1String("12 months")))
                e.message += QStringLiteral(" Add --allow-long-expiry to confirm.");
            return failWith(e);
        }
        m_out << created->secret.bytes() << '\n';
        m_out.flush();
        m_err << "Created API token #" << created->id << " (" << created->hint << "), expires "
              << Clock::iso(created->expiresAt) << ". It is shown only this once.\n";
        return 0;
    }
    if (sub == QLatin1String("list")) {
        const QCommandLineOption status(
            QStringLiteral("status"),
            QStringLiteral("active, expiring, expired or revoked (comma-separated for several)."),
            QStringLiteral("S"));
        const QCommandLineOption user(QStringLiteral("user"),
                                      QStringLiteral("Only this user's tokens."),
                                      QStringLiteral("U"));
        const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N rows."),
                                       QStringLiteral("N"));
        const QCommandLineOption filter(
            QStringLiteral("filter"),
            QStringLiteral("Only tokens whose name, hint, user or description contains TEXT."),
            QStringLiteral("TEXT"));
        parse(p, QStringLiteral("token list"), rest, {json, status, user, limit, filter}, 0, 0);
        TokenQuery q;
        q.sortColumn = TokenColumn::Id;
        q.ascending = true;
        q.limit = 0;
        q.text = p.value(filter);
        for (const QString &s : splitList(p.value(status))) {
            const auto st = statusFromName(s.toLower());
            if (!st)
                throw UsageError{
                    QStringLiteral(
                        "token list: unknown status \"%1\" (active, expiring, expired, revoked)")
                        .arg(s)};
            q.statuses << *st;
        }
        if (p.isSet(limit)) {
            bool ok = false;
            q.limit = p.value(limit).toLongLong(&ok);
            if (!ok || q.limit <= 0)
                throw UsageError{QStringLiteral("token list: --limit must be a positive number")};
        }
        if (auto e = openStore())
            return failWith(*e);
        if (p.isSet(user)) {
            auto u = m_service->userByName(m_actor, p.value(user));
            if (!u)
                return failWith(u.error());
            q.userId = u->id;
        }
        if (p.isSet(json)) {
            CliJson::ArrayWriter w(m_out);
            auto r = m_service->visitTokens(m_actor, q, [&](const ApiToken &t) {
                w.add(CliJson::apiToken(t));
                return true;
            });
            if (!r)
                return failWith(r.error()); // the partial array on stdout is followed by the error
            w.finish();
        } else {
            Table t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TOKEN"),
                     QStringLiteral("SCOPE"), QStringLiteral("USER"), QStringLiteral("DEPARTMENT"),
                     QStringLiteral("USER TYPE"), QStringLiteral("EXPIRES (UTC)"),
                     QStringLiteral("LAST USED (UTC)"), QStringLiteral("STATUS")});
            auto r = m_service->visitTokens(m_actor, q, [&](const ApiToken &tk) {
                t.add({QString::number(tk.id), tk.name, tk.hint, tk.scopes.join(QLatin1Char(',')),
                       tk.username, tk.department, tk.userType, timeText(tk.expiresAt),
                       timeText(tk.lastUsedAt), statusName(tk.status)});
                return true;
            });
            if (!r)
                return failWith(r.error());
            t.print(m_out);
        }
        return 0;
    }
    if (sub == QLatin1String("edit-scope")) {
        const QStringList pos =
            parse(p, QStringLiteral("token edit-scope"), rest, {scope}, 1, 1, QStringLiteral("ID"));
        const qint64 id = parseId(pos.first(), QStringLiteral("token"));
        const QStringList scopes =
            splitList(required(p, QStringLiteral("scope"), QStringLiteral("token edit-scope")));
        if (auto e = openStore())
            return failWith(*e);
        if (auto r = m_service->editTokenScopes(m_actor, id, scopes); !r)
            return failWith(r.error());
        m_err << "Scope of token #" << id << " is now " << scopes.join(QLatin1Char(',')) << ".\n";
        return 0;
    }
    if (sub == QLatin1String("revoke") || sub == QLatin1String("delete")) {
        const QStringList pos =
            parse(p, QStringLiteral("token ") + sub, rest, {}, 1, -1, QStringLiteral("ID..."));
        const QList<qint64> ids = parseIds(pos, QStringLiteral("token"));
        if (auto e = openStore())
            return failWith(*e);
        auto r = sub == QLatin1String("revoke") ? m_service->revokeTokens(m_actor, ids)
                                                : m_service->deleteTokens(m_actor, ids);
        if (!r)
            return failWith(r.error());
        m_err << (sub == QLatin1String("revoke") ? "Revoked " : "Deleted ") << r.value()
              << " token(s).\n";
        return 0;
    }
    if (sub == QLatin1String("verify")) {
        parse(p, QStringLiteral("token verify"), rest, {}, 0, 0);
        auto token = readSecret(QStringLiteral("token"));
        if (!token)
            return failWith(token.error());
        const QByteArray trimmed = token->bytes().trimmed();
        TokenKind kind;
        const auto shape = TokenCodec::check(trimmed, &kind);
        if (shape != TokenCodec::ParseError::None) {
            // Decided without opening the store.
            m_out << "malformed: " << TokenCodec::describe(shape) << '\n';
            return 8;
        }
        if (auto e = openStore())
            return failWith(*e);
        auto v = m_service->verifyToken(trimmed, QStringLiteral("cli"));
        if (!v)
            return failWith(v.error());
        if (!v->valid()) {
            m_out << verifyStatusName(v->status) << '\n';
            return 8;
        }
        m_out << "active: "
              << (v->kind == VerifiedToken::Kind::Api ? "API token #" : "mobile session #") << v->id
              << " \"" << v->name << "\" of " << v->username << "; scopes "
              << (v->scopes.isEmpty() ? QStringLiteral("(none)") : v->scopes.join(QLatin1Char(',')))
              << "; " << v->department << " / " << v->userType << "; expires "
              << Clock::iso(v->expiresAt) << '\n';
        return 0;
    }
    if (sub == QLatin1String("reset")) {
        const QCommandLineOption code(
            QStringLiteral("access-code-stdin"),
            QStringLiteral("Read the user's current access code from standard input."));
        const QStringList pos =
            parse(p, QStringLiteral("token reset"), rest, {code}, 1, 1, QStringLiteral("USER"));
        if (!p.isSet(code))
            throw UsageError{QStringLiteral(
                "token reset: --access-code-stdin is required (the user's access code)")};
        auto secret = readSecret(QStringLiteral("access code"));
        if (!secret)
            return failWith(secret.error());
        if (auto e = openStore())
            return failWith(*e);
        auto u = m_service->userByName(m_actor, pos.first());
        if (!u)
            return failWith(u.error());
        auto created = m_service->resetPersonalToken(m_actor, u->id, secret.value());
        if (!created)
            return failWith(created.error());
        m_out << created->secret.bytes() << '\n';
        m_out.flush();
        m_err << "New personal API token #" << created->id << " (" << created->hint << ") for "
              << u->username
              << "; the previous one is revoked. Give the new token to scripts and uploader "
                 "accounts that used the old one.\n";
        return 0;
    }
    throw UsageError{QStringLiteral("token: unknown subcommand \"%1\"").arg(sub)};
}

// ---- access codes -----------------------------------------------------------------------------

int Cli::cmdAccessCode(const QStringList &args)
{
    if (args.isEmpty() || args.first() != QLatin1String("set"))
        throw UsageError{
            QStringLiteral("access-code: only \"set\" is available (see %1 --help)").arg(Program)};
    QCommandLineParser p;
    const QCommandLineOption age(QStringLiteral("age"),
                                 QStringLiteral("30, 60, 90, 180, 365 or never."),
                                 QStringLiteral("DAYS"));
    const QCommandLineOption code(QStringLiteral("access-code-stdin"),
                                  QStringLiteral("Read the new access code from standard input."));
    const QStringList pos = parse(p, QStringLiteral("access-code set"), args.mid(1), {age, code}, 1,
                                  1, QStringLiteral("USER"));
    const QString ageText =
        required(p, QStringLiteral("age"), QStringLiteral("access-code set")).trimmed().toLower();
    int days = -1;
    if (ageText == QLatin1String("never"))
        days = 0;
    else {
        bool ok = false;
        days = ageText.toInt(&ok);
        if (!ok || days <= 0)
            days = -1;
    }
    if (days < 0 || !CredentialPolicy::isValidAccessCodeAge(days))
        throw UsageError{
            QStringLiteral("access-code set: --age must be 30, 60, 90, 180, 365 or never")};
    if (!p.isSet(code))
        throw UsageError{QStringLiteral("access-code set: --access-code-stdin is required")};
    auto secret = readSecret(QStringLiteral("access code"));
    if (!secret)
        return failWith(secret.error());
    if (auto e = openStore())
        return failWith(*e);
    auto u = m_service->userByName(m_actor, pos.first());
    if (!u)
        return failWith(u.error());
    if (auto r = m_service->setAccessCode(m_actor, u->id, secret.value(), days); !r)
        return failWith(r.error());
    m_err << "Access code of " << u->username << " set ("
          << (days ? QStringLiteral("%1 days").arg(days) : QStringLiteral("never expires"))
          << ").\n";
    return 0;
}

// ---- sessions
// -------------------------------------------------------------------------------------

int Cli::cmdSession(const QStringList &args)
{
    if (args.isEmpty())
        throw UsageError{QStringLiteral("session: list or revoke? (see %1 --help)").arg(Program)};
    const QString sub = args.first();
    QCommandLineParser p;
    if (sub == QLatin1String("list")) {
        const QCommandLineOption json(QStringLiteral("json"),
                                      QStringLiteral("Print a JSON array."));
        const QCommandLineOption all(QStringLiteral("all"),
                                     QStringLiteral("Include revoked and expired sessions."));
        parse(p, QStringLiteral("session list"), args.mid(1), {json, all}, 0, 0);
        if (auto e = openStore())
            return failWith(*e);
        SessionQuery q;
        q.includeEnded = p.isSet(all);
        q.limit = 0;
        auto status = [](const MobileSession &s) {
            return statusName(s.status == TokenStatus::ExpiringSoon ? TokenStatus::Active
                                                                    : s.status);
        };
        if (p.isSet(json)) {
            CliJson::ArrayWriter w(m_out);
            auto r = m_service->visitSessions(m_actor, q, [&](const MobileSession &s) {
                w.add(CliJson::session(s));
                return true;
            });
            if (!r)
                return failWith(r.error());
            w.finish();
        } else {
            Table t({QStringLiteral("ID"), QStringLiteral("USER"), QStringLiteral("EMAIL"),
                     QStringLiteral("DEPARTMENT"), QStringLiteral("USER TYPE"),
                     QStringLiteral("DEVICE"), QStringLiteral("LAST ACTIVE (UTC)"),
                     QStringLiteral("EXPIRES (UTC)"), QStringLiteral("STATUS")});
            auto r = m_service->visitSessions(m_actor, q, [&](const MobileSession &s) {
                t.add({QString::number(s.id), s.username, s.email, s.department, s.userType,
                       s.deviceName, timeText(s.lastActiveAt), timeText(s.expiresAt), status(s)});
                return true;
            });
            if (!r)
                return failWith(r.error());
            t.print(m_out);
        }
        return 0;
    }
    if (sub == QLatin1String("revoke")) {
        const QStringList pos = parse(p, QStringLiteral("session revoke"), args.mid(1), {}, 1, -1,
                                      QStringLiteral("ID..."));
        const QList<qint64> ids = parseIds(pos, QStringLiteral("session"));
        if (auto e = openStore())
            return failWith(*e);
        auto r = m_service->revokeSessions(m_actor, ids);
        if (!r)
            return failWith(r.error());
        m_err << "Revoked " << r.value() << " mobile session(s).\n";
        return 0;
    }
    throw UsageError{QStringLiteral("session: unknown subcommand \"%1\" (list, revoke)").arg(sub)};
}

// ---- audit
// ----------------------------------------------------------------------------------------

int Cli::cmdAudit(const QStringList &args)
{
    if (args.isEmpty() || args.first() != QLatin1String("list"))
        throw UsageError{
            QStringLiteral("audit: only \"list\" is available (see %1 --help)").arg(Program)};
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral(
            "Only entries at or after DATE (YYYY-MM-DD, ISO 8601, or -Nd for N days ago)."),
        QStringLiteral("DATE"));
    const QCommandLineOption actor(
        QStringLiteral("actor"),
        QStringLiteral("Only entries by this actor (e.g. alice or cli:root)."),
        QStringLiteral("A"));
    const QCommandLineOption action(
        QStringLiteral("action"),
        QStringLiteral("Only actions starting with PREFIX (e.g. token.)."),
        QStringLiteral("PREFIX"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N entries."),
                                   QStringLiteral("N"));
    parse(p, QStringLiteral("audit list"), args.mid(1), {json, since, actor, action, limit}, 0, 0);
    AuditQuery q;
    q.newestFirst = false;
    q.limit = 0;
    q.actor = p.value(actor);
    q.action = p.value(action);
    if (p.isSet(since)) {
        QString s = p.value(since).trimmed();
        std::optional<QDateTime> when;
        static const QRegularExpression ago(QStringLiteral("^-(\\d{1,5})d$"));
        if (auto m = ago.match(s); m.hasMatch())
            when = Clock::now().addDays(-m.captured(1).toLongLong());
        else
            when = parseDate(s, false);
        if (!when)
            throw UsageError{
                QStringLiteral(
                    "audit list: --since \"%1\" is not a date (YYYY-MM-DD, ISO 8601 or -Nd)")
                    .arg(s)};
        q.since = *when;
    }
    if (p.isSet(limit)) {
        bool ok = false;
        q.limit = p.value(limit).toLongLong(&ok);
        if (!ok || q.limit <= 0)
            throw UsageError{QStringLiteral("audit list: --limit must be a positive number")};
    }
    if (auto e = openStore())
        return failWith(*e);
    if (p.isSet(json)) {
        CliJson::ArrayWriter w(m_out);
        auto r = m_service->visitAuditEntries(m_actor, q, [&](const AuditEntry &e) {
            w.add(CliJson::auditEntry(e));
            return true;
        });
        if (!r)
            return failWith(r.error());
        w.finish();
    } else {
        Table t({QStringLiteral("ID"), QStringLiteral("TIME (UTC)"), QStringLiteral("ACTOR"),
                 QStringLiteral("ACTION"), QStringLiteral("TARGET"), QStringLiteral("OUTCOME"),
                 QStringLiteral("DETAILS")});
        auto r = m_service->visitAuditEntries(m_actor, q, [&](const AuditEntry &e) {
            t.add({QString::number(e.id),
                   e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.actor, e.action,
                   e.target, e.outcome, oneLine(e.details)});
            return true;
        });
        if (!r)
            return failWith(r.error());
        t.print(m_out);
    }
    return 0;
}

// ---- demo
// -----------------------------------------------------------------------------------------

int Cli::cmdDemo(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption users(QStringLiteral("users"),
                                   QStringLiteral("Number of users (default 50)."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption tokens(QStringLiteral("tokens"),
                                    QStringLiteral("Number of API tokens (default 500)."),
                                    QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption sessions(QStringLiteral("sessions"),
                                      QStringLiteral("Number of mobile sessions (default 100)."),
                                      QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed for repeatable data."),
                                  QStringLiteral("S"), QStringLiteral("0"));
    parse(p, QStringLiteral("demo"), args, {users, tokens, sessions, seed}, 0, 0);
    auto number = [&](const QCommandLineOption &o, const char *name) {
        bool ok = false;
        const qint64 v = p.value(o).toLongLong(&ok);
        if (!ok || v < 0)
            throw UsageError{
                QStringLiteral("demo: --%1 must be a whole number").arg(QLatin1String(name))};
        return v;
    };
    DemoRequest r;
    r.users = int(std::min<qint64>(number(users, "users"), INT_MAX));
    r.tokens = number(tokens, "tokens");
    r.sessions = number(sessions, "sessions");
    r.seed = quint32(number(seed, "seed"));
    if (auto e = openStore())
        return failWith(*e);
    DemoGenerator gen(*m_store);
    auto s = gen.generate(m_actor, r);
    if (!s)
        return failWith(s.error());
    m_err << "Demo data: " << s->departments << " new departments, " << s->users << " users, "
          << s->tokens << " API tokens, " << s->sessions << " mobile sessions in "
          << s->milliseconds << " ms.\n";
    return 0;
}

} // namespace

int runAdminCli(const QStringList &arguments, QIODevice &in, QIODevice &out, QIODevice &err,
                const QProcessEnvironment &env)
{
    initSodium();
    Cli cli(in, out, err, env);
    return cli.run(arguments);
}

} // namespace td
