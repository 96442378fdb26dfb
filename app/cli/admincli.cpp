// SPDX-License-Identifier: MIT
#include "admincli.h"
#include "clijson.h"
#include "demogenerator.h"

#include "core/clock.h"
#include "core/permissions.h"
#include "domain/domain.h"
#include "security/credentialpolicy.h"
#include "security/tokencodec.h"
#include "store/appinfo.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <climits>
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
                [--language en|de]
  user language NAME en|de|default   (the language of the user's e-mail notices)
  user list [--json] | user disable NAME | user enable NAME | user unlock NAME
  user passwd NAME --password-stdin (an administrator sets another user's password)
  passwd USER          (self-service: current password, then the new one, on standard input)
  token create --name N --user U --scope a,b --expires DATE|+Nd [--department D]
               [--user-type T] [--description TEXT] [--allow-long-expiry]
  token list [--json] [--status active|expiring|expired|revoked] [--user U] [--limit N]
             [--unused-for DAYS|never]
  token revoke-unused --unused-for DAYS [--dry-run] [--json] [--confirm N]
                       (revokes the valid tokens not used for DAYS days; --dry-run shows the
                        counts per department and user and the list first)
  token edit-scope ID --scope a,b
  token rotate ID [--overlap none|1h|1d|7d]   (new secret on stdout; the old one works that long)
  token revoke ID... | token delete ID...
  token verify [--json]             (token on standard input; prints its status and record)
  token report-leak --url U --source S [--json]
                       (tokens found published, one a line on standard input: each valid one
                        is revoked and audited with where it was found; one answer a line)
  token reset USER --access-code-stdin
  access-code set USER --age 30|60|90|180|365|never --access-code-stdin
  access-code change USER --age 30|60|90|180|365|never
                       (self-service: current password, then the new access code, on stdin)
  session list [--json] [--all] | session revoke ID...
  audit list [--json] [--since DATE] [--until DATE] [--actor A] [--action PREFIX]
             [--outcome success|denied|failure] [--filter TEXT] [--limit N]
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

/// The exit code of `token verify` for a token that is well-formed but not active.
constexpr int InactiveTokenExit = 8;

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

/// The one way a command ends other than by finishing: its exit code and, unless empty, the one
/// line for standard error. Usage mistakes (2), every error of the domain or the store (its
/// exit code, exitCodeFor()), `--help` of a command (0) and an inactive token in `token verify`
/// (8) all leave through it.
struct Exit
{
    int code = 0;
    QString message;
};

[[noreturn]] void usageError(const QString &message)
{
    throw Exit{exitCodeFor(Errc::InvalidArgument), message};
}

[[noreturn]] void failWith(const Error &e)
{
    throw Exit{exitCodeFor(e.code), e.message};
}

/// The value of a domain result, or the command ends with its error.
template<typename T> T must(Result<T> &&r)
{
    if (!r)
        failWith(r.error());
    return std::move(r).value();
}

void must(Result<void> &&r)
{
    if (!r)
        failWith(r.error());
}

QStringList splitList(const QString &s)
{
    QStringList out;
    for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

/// YYYY-MM-DD (start or end of that day, UTC), an ISO 8601 time, or +Nd from now.
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

/// A date in the past for the audit filters: -Nd for N days ago, else parseDate().
QDateTime pastDate(const QString &text, const QString &option)
{
    static const QRegularExpression ago(QStringLiteral("^-(\\d{1,5})d$"));
    const QString s = text.trimmed();
    std::optional<QDateTime> when;
    if (auto m = ago.match(s); m.hasMatch())
        when = Clock::now().addDays(-m.captured(1).toLongLong());
    else
        when = parseDate(s, false);
    if (!when)
        usageError(
            QStringLiteral("audit list: --%1 \"%2\" is not a date (YYYY-MM-DD, ISO 8601 or -Nd)")
                .arg(option, s));
    return *when;
}

qint64 parseId(const QString &s, const QString &what)
{
    bool ok = false;
    const qint64 id = s.toLongLong(&ok);
    if (!ok || id <= 0)
        usageError(QStringLiteral("\"%1\" is not a %2 id (a positive number)").arg(s, what));
    return id;
}

QList<qint64> parseIds(const QStringList &list, const QString &what)
{
    QList<qint64> ids;
    for (const QString &s : list)
        ids << parseId(s, what);
    return ids;
}

qint64 parseLimit(const QString &text, const QString &command)
{
    bool ok = false;
    const qint64 limit = text.toLongLong(&ok);
    if (!ok || limit <= 0)
        usageError(QStringLiteral("%1: --limit must be a positive number").arg(command));
    return limit;
}

/// --unused-for: a number of days (1 to TokenQuery::MaxUnusedDays) or, when allowed, "never".
int parseUnusedFor(const QString &text, const QString &command, bool allowNever)
{
    if (allowNever && text == QLatin1String("never"))
        return TokenQuery::NeverUsed;
    bool ok = false;
    const int days = text.toInt(&ok);
    if (!ok || days < 1 || days > TokenQuery::MaxUnusedDays)
        usageError(QStringLiteral("%1: --unused-for must be a number of days from 1 to %2%3")
                       .arg(command)
                       .arg(TokenQuery::MaxUnusedDays)
                       .arg(allowNever ? QStringLiteral(" or \"never\"") : QString()));
    return days;
}

QCommandLineOption unusedForOption(const QString &help)
{
    return QCommandLineOption(QStringLiteral("unused-for"), help, QStringLiteral("DAYS"));
}

const QCommandLineOption JsonOption(QStringLiteral("json"), QStringLiteral("Print a JSON array."));

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
    /// Parses a command's own options (ends with Exit on a mistake or after --help). Returns
    /// the positional arguments.
    QStringList parse(QCommandLineParser &p, const QString &command, const QStringList &args,
                      const QList<QCommandLineOption> &options, int minPos, int maxPos,
                      const QString &positionalHelp = {});
    QString required(const QCommandLineParser &p, const QString &name, const QString &command);
    /// Opens the store (--database, $TOKENDESK_DATABASE or the default) and the domain over it.
    Domain &open(Store::OpenMode mode = Store::OpenMode::ExistingOnly);
    /// One line from standard input, without its line break; empty ends the command.
    SecretBytes readSecret(const QString &what);
    void dispatch(const QString &command, const QStringList &args);

    // ---- commands ----
    void init(const QStringList &args);
    void department(const QStringList &args);
    void userType(const QStringList &args);
    void user(const QStringList &args);
    void userAdd(const QStringList &args);
    void userList(const QStringList &args);
    void userChange(const QString &sub, const QStringList &args);
    void userLanguage(const QStringList &args);
    void token(const QStringList &args);
    void tokenCreate(const QStringList &args);
    void tokenList(const QStringList &args);
    void tokenEditScope(const QStringList &args);
    void tokenRotate(const QStringList &args);
    void tokenRevokeOrDelete(const QString &sub, const QStringList &args);
    void tokenRevokeUnused(const QStringList &args);
    void tokenVerify(const QStringList &args);
    void tokenReportLeak(const QStringList &args);
    void printVerified(const VerifiedToken &v, const std::optional<ApiToken> &record);
    void tokenReset(const QStringList &args);
    void accessCode(const QStringList &args);
    void session(const QStringList &args);
    void sessionList(const QStringList &args);
    void audit(const QStringList &args);
    void passwd(const QStringList &args);
    /// Self-service: signs in as the user with their current password.
    Actor signInAs(const QString &username, const SecretBytes &current);
    void demo(const QStringList &args);

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
    std::unique_ptr<Domain> m_domain;
};

QStringList Cli::parse(QCommandLineParser &p, const QString &command, const QStringList &args,
                       const QList<QCommandLineOption> &options, int minPos, int maxPos,
                       const QString &positionalHelp)
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
        usageError(
            QStringLiteral("%1: %2 (see %3 %1 --help)").arg(command, p.errorText(), Program));
    if (p.isSet(help)) {
        m_out << p.helpText();
        throw Exit{0, {}};
    }
    if (p.isSet(m_dbOption))
        m_database = p.value(m_dbOption);
    QStringList pos = p.positionalArguments();
    if (pos.size() < minPos)
        usageError(QStringLiteral("%1: missing %2 (see %3 %1 --help)")
                       .arg(command,
                            positionalHelp.isEmpty() ? QStringLiteral("argument") : positionalHelp,
                            Program));
    if (maxPos >= 0 && pos.size() > maxPos)
        usageError(QStringLiteral("%1: unexpected argument \"%2\" (see %3 %1 --help)")
                       .arg(command, pos.value(maxPos), Program));
    return pos;
}

QString Cli::required(const QCommandLineParser &p, const QString &name, const QString &command)
{
    QString v = p.value(name);
    if (v.trimmed().isEmpty())
        usageError(
            QStringLiteral("%1: --%2 is required (see %3 %1 --help)").arg(command, name, Program));
    return v;
}

Domain &Cli::open(Store::OpenMode mode)
{
    QString spec = m_database;
    if (spec.isEmpty())
        spec = m_env.value(QStringLiteral("TOKENDESK_DATABASE"));
    const DatabaseLocation location =
        spec.isEmpty() ? DatabaseLocation::defaultLocation() : must(DatabaseLocation::parse(spec));
    m_store = must(Store::open(location, mode));
    if (mode == Store::OpenMode::ExistingOnly && !m_store->isInitialized())
        failWith(m_store->notInitializedError());
    m_domain = std::make_unique<Domain>(*m_store);
    return *m_domain;
}

SecretBytes Cli::readSecret(const QString &what)
{
    QByteArray line = m_in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        secureWipe(line);
        failWith(Error(Errc::InvalidArgument, QStringLiteral("no %1 on standard input").arg(what)));
    }
    return SecretBytes(std::move(line));
}

int Cli::run(QStringList args)
{
    try {
        // Global options before the command; everything from the command on is the command's.
        QCommandLineParser global;
        global.setOptionsAfterPositionalArgumentsMode(
            QCommandLineParser::ParseAsPositionalArguments);
        const QCommandLineOption help = global.addHelpOption();
        const QCommandLineOption version = global.addVersionOption();
        global.addOption(m_dbOption);
        if (!global.parse(args))
            usageError(QStringLiteral("%1 (see %2 --help)").arg(global.errorText(), Program));
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
            usageError(QStringLiteral("no command given (see %1 --help)").arg(Program));
        const QString command = args.takeFirst();
        dispatch(command, args);
        return 0;
    } catch (const Exit &exit) {
        if (!exit.message.isEmpty()) {
            m_err << Program << ": " << oneLine(exit.message) << '\n';
            m_err.flush();
        }
        return exit.code;
    }
}

void Cli::dispatch(const QString &command, const QStringList &args)
{
    using Command = void (Cli::*)(const QStringList &);
    static const QList<std::pair<QString, Command>> commands = {
        {QStringLiteral("init"), &Cli::init},
        {QStringLiteral("department"), &Cli::department},
        {QStringLiteral("user-type"), &Cli::userType},
        {QStringLiteral("user"), &Cli::user},
        {QStringLiteral("token"), &Cli::token},
        {QStringLiteral("access-code"), &Cli::accessCode},
        {QStringLiteral("passwd"), &Cli::passwd},
        {QStringLiteral("session"), &Cli::session},
        {QStringLiteral("audit"), &Cli::audit},
        {QStringLiteral("demo"), &Cli::demo},
    };
    for (const auto &[name, run] : commands)
        if (command == name)
            return (this->*run)(args);
    if (command == QLatin1String("help")) {
        m_out << Overview;
        return;
    }
    usageError(QStringLiteral("unknown command \"%1\" (see %2 --help)").arg(command, Program));
}

// ---- init ---------------------------------------------------------------------------------------

void Cli::init(const QStringList &args)
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
        usageError(QStringLiteral(
            "init: --password-stdin is required (passwords are never taken from arguments)"));
    const QString username = CredentialPolicy::canonicalUsername(user);
    if (QString why = CredentialPolicy::checkUsername(username); !why.isEmpty())
        failWith(Error(Errc::InvalidArgument, why));
    const SecretBytes password = readSecret(QStringLiteral("password"));
    if (QString why = CredentialPolicy::checkPassword(password, username); !why.isEmpty())
        failWith(Error(Errc::InvalidArgument, why));
    Domain &domain = open(Store::OpenMode::CreateIfMissing);
    const Tenant tenant = must(domain.accounts.initialize(m_actor, user, password, p.value(dept)));
    m_err << "Initialised " << m_store->location().display() << " (tenant " << tenant.id
          << "); administrator " << username << ".\n";
}

// ---- departments and user types -----------------------------------------------------------------

void Cli::department(const QStringList &args)
{
    if (args.isEmpty())
        usageError(QStringLiteral("department: add or list? (see %1 --help)").arg(Program));
    const QString &sub = args.first();
    QCommandLineParser p;
    if (sub == QLatin1String("add")) {
        const QStringList pos = parse(p, QStringLiteral("department add"), args.mid(1), {}, 1, 1,
                                      QStringLiteral("NAME"));
        const Department d = must(open().accounts.createDepartment(m_actor, pos.first()));
        m_err << "Department #" << d.id << " \"" << d.name << "\" created.\n";
        return;
    }
    if (sub != QLatin1String("list"))
        usageError(QStringLiteral("department: unknown subcommand \"%1\" (add, list)").arg(sub));
    parse(p, QStringLiteral("department list"), args.mid(1), {JsonOption}, 0, 0);
    const QList<Department> list = must(open().accounts.departments(m_actor));
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        for (const Department &d : list)
            w.add(CliJson::department(d));
        w.finish();
        return;
    }
    Table t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("USERS"),
             QStringLiteral("CREATED (UTC)")});
    for (const Department &d : list)
        t.add({QString::number(d.id), d.name, QString::number(d.userCount), timeText(d.createdAt)});
    t.print(m_out);
}

void Cli::userType(const QStringList &args)
{
    if (args.isEmpty() || args.first() != QLatin1String("list"))
        usageError(
            QStringLiteral("user-type: only \"list\" is available (see %1 --help)").arg(Program));
    QCommandLineParser p;
    parse(p, QStringLiteral("user-type list"), args.mid(1), {JsonOption}, 0, 0);
    const QList<UserType> list = must(open().accounts.userTypes(m_actor));
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        for (const UserType &t : list)
            w.add(CliJson::userType(t));
        w.finish();
        return;
    }
    Table tb({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("USERS"),
              QStringLiteral("PERMISSIONS")});
    for (const UserType &t : list)
        tb.add({QString::number(t.id), t.name, QString::number(t.userCount),
                t.permissions.join(QLatin1Char(','))});
    tb.print(m_out);
}

// ---- users
// ----------------------------------------------------------------------------------------

void Cli::user(const QStringList &args)
{
    if (args.isEmpty())
        usageError(
            QStringLiteral("user: add, list, disable, enable, passwd or language? (see %1 --help)")
                .arg(Program));
    const QString &sub = args.first();
    if (sub == QLatin1String("add"))
        return userAdd(args.mid(1));
    if (sub == QLatin1String("list"))
        return userList(args.mid(1));
    if (sub == QLatin1String("disable") || sub == QLatin1String("enable") ||
        sub == QLatin1String("passwd") || sub == QLatin1String("unlock"))
        return userChange(sub, args.mid(1));
    if (sub == QLatin1String("language"))
        return userLanguage(args.mid(1));
    usageError(
        QStringLiteral("user: unknown subcommand \"%1\" (add, list, disable, enable, unlock, "
                       "passwd, language)")
            .arg(sub));
}

void Cli::userAdd(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("Email address."),
                                   QStringLiteral("E"));
    const QCommandLineOption dept(QStringLiteral("department"),
                                  QStringLiteral("Department (must exist)."), QStringLiteral("D"));
    const QCommandLineOption type(
        QStringLiteral("user-type"),
        QStringLiteral("Administrator, Support, Standard or another user type."),
        QStringLiteral("T"));
    const QCommandLineOption display(QStringLiteral("display-name"), QStringLiteral("Full name."),
                                     QStringLiteral("X"));
    const QCommandLineOption pw(QStringLiteral("password-stdin"),
                                QStringLiteral("Read the password from standard input."));
    const QCommandLineOption language(
        QStringLiteral("language"),
        QStringLiteral("Language of the user's e-mail notices: en or de (default: the "
                       "server's)."),
        QStringLiteral("L"));
    const QStringList pos =
        parse(p, QStringLiteral("user add"), args, {email, dept, type, display, pw, language}, 1, 1,
              QStringLiteral("NAME"));
    NewUser n;
    n.username = pos.first();
    n.email = required(p, QStringLiteral("email"), QStringLiteral("user add"));
    n.department = required(p, QStringLiteral("department"), QStringLiteral("user add"));
    n.userType = required(p, QStringLiteral("user-type"), QStringLiteral("user add"));
    n.displayName = p.value(display);
    n.language = p.value(language);
    if (!p.isSet(pw))
        usageError(QStringLiteral("user add: --password-stdin is required (passwords are never "
                                  "taken from arguments)"));
    n.password = readSecret(QStringLiteral("password"));
    const User u = must(open().accounts.createUser(m_actor, n));
    m_err << "User #" << u.id << ' ' << u.username << " created (" << u.department << ", "
          << u.userType << ").\n";
}

void Cli::userList(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption filter(
        QStringLiteral("filter"),
        QStringLiteral("Only users whose name, email or department contains TEXT."),
        QStringLiteral("TEXT"));
    parse(p, QStringLiteral("user list"), args, {JsonOption, filter}, 0, 0);
    UserQuery q;
    q.text = p.value(filter);
    const QList<User> list = must(open().accounts.users(m_actor, q));
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        for (const User &u : list)
            w.add(CliJson::user(u));
        w.finish();
        return;
    }
    Table t({QStringLiteral("ID"), QStringLiteral("USERNAME"), QStringLiteral("EMAIL"),
             QStringLiteral("DEPARTMENT"), QStringLiteral("USER TYPE"), QStringLiteral("STATUS")});
    for (const User &u : list)
        t.add({QString::number(u.id), u.username, u.email, u.department, u.userType,
               u.enabled() ? QStringLiteral("enabled") : QStringLiteral("disabled")});
    t.print(m_out);
}

void Cli::userChange(const QString &sub, const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption pw(QStringLiteral("password-stdin"),
                                QStringLiteral("Read the password from standard input."));
    const bool passwd = sub == QLatin1String("passwd");
    const QStringList pos =
        parse(p, QStringLiteral("user ") + sub, args,
              passwd ? QList<QCommandLineOption>{pw} : QList<QCommandLineOption>{}, 1, 1,
              QStringLiteral("NAME"));
    std::optional<SecretBytes> password;
    if (passwd) {
        if (!p.isSet(pw))
            usageError(QStringLiteral("user passwd: --password-stdin is required"));
        password = readSecret(QStringLiteral("password"));
    }
    AccountService &accounts = open().accounts;
    const User u = must(accounts.userByName(m_actor, pos.first()));
    if (sub == QLatin1String("disable")) {
        const DisableResult r = must(accounts.disableUser(m_actor, u.id));
        m_err << "User " << u.username << " disabled; revoked " << r.tokensRevoked
              << " API token(s) and " << r.sessionsRevoked << " mobile session(s).\n";
    } else if (sub == QLatin1String("enable")) {
        must(accounts.enableUser(m_actor, u.id));
        m_err << "User " << u.username << " enabled.\n";
    } else if (sub == QLatin1String("unlock")) {
        must(accounts.unlockUser(m_actor, u.id));
        m_err << "Sign-in of " << u.username << " unlocked.\n";
    } else {
        must(accounts.setPassword(m_actor, u.id, *password));
        m_err << "Password of " << u.username << " set.\n";
    }
}

void Cli::userLanguage(const QStringList &args)
{
    QCommandLineParser p;
    const QStringList pos = parse(p, QStringLiteral("user language"), args, {}, 2, 2,
                                  QStringLiteral("NAME en|de|default"));
    const QString language = pos.at(1) == QLatin1String("default") ? QString() : pos.at(1);
    AccountService &accounts = open().accounts;
    const User u = must(accounts.userByName(m_actor, pos.first()));
    UserChanges c;
    c.language = language;
    must(accounts.updateUser(m_actor, u.id, c));
    m_err << "Notices to " << u.username << " are written in "
          << (language.isEmpty() ? QStringLiteral("the server's default language") : language)
          << ".\n";
}

// ---- tokens
// ---------------------------------------------------------------------------------------

void Cli::token(const QStringList &args)
{
    if (args.isEmpty())
        usageError(
            QStringLiteral(
                "token: create, list, edit-scope, rotate, revoke, revoke-unused, delete, verify, "
                "report-leak or reset? (see %1 --help)")
                .arg(Program));
    const QString &sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("create"))
        return tokenCreate(rest);
    if (sub == QLatin1String("list"))
        return tokenList(rest);
    if (sub == QLatin1String("edit-scope"))
        return tokenEditScope(rest);
    if (sub == QLatin1String("rotate"))
        return tokenRotate(rest);
    if (sub == QLatin1String("revoke") || sub == QLatin1String("delete"))
        return tokenRevokeOrDelete(sub, rest);
    if (sub == QLatin1String("revoke-unused"))
        return tokenRevokeUnused(rest);
    if (sub == QLatin1String("verify"))
        return tokenVerify(rest);
    if (sub == QLatin1String("report-leak"))
        return tokenReportLeak(rest);
    if (sub == QLatin1String("reset"))
        return tokenReset(rest);
    usageError(QStringLiteral("token: unknown subcommand \"%1\"").arg(sub));
}

QCommandLineOption scopeOption()
{
    return QCommandLineOption(
        QStringLiteral("scope"),
        QStringLiteral("Comma-separated scopes: %1.").arg(Scope::all().join(QLatin1Char(','))),
        QStringLiteral("a,b"));
}

void Cli::tokenCreate(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Token name (unique among the user's live tokens)."),
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
                                  QStringLiteral("What the token is for."), QStringLiteral("TEXT"));
    const QCommandLineOption longOk(QStringLiteral("allow-long-expiry"),
                                    QStringLiteral("Confirm an expiry more than 12 months away."));
    const QString command = QStringLiteral("token create");
    parse(p, command, args, {name, user, scopeOption(), expires, dept, type, desc, longOk}, 0, 0);
    NewApiToken r;
    r.name = required(p, QStringLiteral("name"), command);
    r.username = required(p, QStringLiteral("user"), command);
    r.scopes = splitList(required(p, QStringLiteral("scope"), command));
    const QString exp = required(p, QStringLiteral("expires"), command);
    const auto when = parseDate(exp, true);
    if (!when)
        usageError(QStringLiteral(
                       "token create: --expires \"%1\" is not a date (YYYY-MM-DD, ISO 8601 or +Nd)")
                       .arg(exp));
    r.expiresAt = *when;
    r.department = p.value(dept);
    r.userType = p.value(type);
    r.description = p.value(desc);
    r.longLivedConfirmed = p.isSet(longOk);
    auto created = open().tokens.create(m_actor, r);
    if (!created) {
        Error e = created.error();
        // The refusal the option answers: a long-lived expiry that was not confirmed.
        if (e.field == QLatin1String("expires") && !r.longLivedConfirmed &&
            TokenService::isLongLived(r.expiresAt))
            e.message += QStringLiteral(" Add --allow-long-expiry to confirm.");
        failWith(e);
    }
    m_out << created->secret.bytes() << '\n';
    m_out.flush();
    m_err << "Created API token #" << created->id << " (" << created->hint << "), expires "
          << Clock::iso(created->expiresAt) << ". It is shown only this once.\n";
}

void Cli::tokenList(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption status(
        QStringLiteral("status"),
        QStringLiteral("active, expiring, expired or revoked (comma-separated for several)."),
        QStringLiteral("S"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("Only this user's tokens."), QStringLiteral("U"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N rows."),
                                   QStringLiteral("N"));
    const QCommandLineOption filter(
        QStringLiteral("filter"),
        QStringLiteral("Only tokens whose name, hint, user or description contains TEXT."),
        QStringLiteral("TEXT"));
    const QCommandLineOption unused = unusedForOption(
        QStringLiteral("Only tokens not used for DAYS days (never used ones too) and older, or "
                       "\"never\": only tokens never used."));
    parse(p, QStringLiteral("token list"), args, {JsonOption, status, user, limit, filter, unused},
          0, 0);
    TokenQuery q;
    q.sortColumn = TokenColumn::Id;
    q.ascending = true;
    q.limit = 0;
    q.text = p.value(filter);
    for (const QString &s : splitList(p.value(status))) {
        const auto st = statusFromName(s.toLower());
        if (!st)
            usageError(QStringLiteral(
                           "token list: unknown status \"%1\" (active, expiring, expired, revoked)")
                           .arg(s));
        q.statuses << *st;
    }
    if (p.isSet(limit))
        q.limit = parseLimit(p.value(limit), QStringLiteral("token list"));
    if (p.isSet(unused))
        q.unusedDays = parseUnusedFor(p.value(unused), QStringLiteral("token list"), true);
    Domain &domain = open();
    if (p.isSet(user))
        q.userId = must(domain.accounts.userByName(m_actor, p.value(user))).id;
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        // On an error, the partial array on stdout is followed by the error.
        must(domain.tokens.visit(m_actor, q, [&](const ApiToken &t) {
            w.add(CliJson::apiToken(t));
            return true;
        }));
        w.finish();
        return;
    }
    Table t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TOKEN"),
             QStringLiteral("SCOPE"), QStringLiteral("USER"), QStringLiteral("DEPARTMENT"),
             QStringLiteral("USER TYPE"), QStringLiteral("EXPIRES (UTC)"),
             QStringLiteral("LAST USED (UTC)"), QStringLiteral("STATUS")});
    must(domain.tokens.visit(m_actor, q, [&](const ApiToken &tk) {
        // A scope its user's type no longer grants is listed but marked "(not granted)".
        QStringList scopes;
        for (const QString &sc : tk.scopes)
            scopes << (tk.effectiveScopes.contains(sc) ? sc : sc + QStringLiteral("(not granted)"));
        t.add({QString::number(tk.id), tk.name, tk.hint, scopes.join(QLatin1Char(',')), tk.username,
               tk.department, tk.userType, timeText(tk.expiresAt), timeText(tk.lastUsedAt),
               statusName(tk.status)});
        return true;
    }));
    t.print(m_out);
}

void Cli::tokenEditScope(const QStringList &args)
{
    QCommandLineParser p;
    const QStringList pos = parse(p, QStringLiteral("token edit-scope"), args, {scopeOption()}, 1,
                                  1, QStringLiteral("ID"));
    const qint64 id = parseId(pos.first(), QStringLiteral("token"));
    const QStringList scopes =
        splitList(required(p, QStringLiteral("scope"), QStringLiteral("token edit-scope")));
    must(open().tokens.editScopes(m_actor, id, scopes));
    m_err << "Scope of token #" << id << " is now " << scopes.join(QLatin1Char(',')) << ".\n";
}

void Cli::tokenRotate(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption overlap(
        QStringLiteral("overlap"),
        QStringLiteral("How long the old secret keeps working: none, 1h, 1d (default) or 7d."),
        QStringLiteral("O"));
    const QString command = QStringLiteral("token rotate");
    const QStringList pos = parse(p, command, args, {overlap}, 1, 1, QStringLiteral("ID"));
    const qint64 id = parseId(pos.first(), QStringLiteral("token"));
    static const QList<std::pair<QString, qint64>> overlaps = {
        {QStringLiteral("none"), 0},
        {QStringLiteral("1h"), 3600},
        {QStringLiteral("1d"), 24 * 3600},
        {QStringLiteral("7d"), 7 * 24 * 3600}};
    std::optional<qint64> seconds;
    if (!p.isSet(overlap))
        seconds = TokenService::DefaultRotationOverlap;
    for (const auto &[word, s] : overlaps)
        if (p.value(overlap) == word)
            seconds = s;
    if (!seconds)
        usageError(QStringLiteral("%1: --overlap \"%2\" is not one of none, 1h, 1d, 7d")
                       .arg(command, p.value(overlap)));
    const CreatedToken rotated = must(open().tokens.rotate(m_actor, id, *seconds));
    const ApiToken t = must(open().tokens.token(m_actor, id));
    m_out << rotated.secret.bytes() << '\n';
    m_out.flush();
    m_err << "Rotated API token #" << id << ": the new secret (" << rotated.hint
          << ") is shown only this once; ";
    if (t.previousUntil > t.rotatedAt)
        m_err << "the old one (" << t.previousHint << ") works until "
              << Clock::iso(t.previousUntil) << ".\n";
    else
        m_err << "the old one (" << t.previousHint << ") no longer works.\n";
}

void Cli::tokenRevokeOrDelete(const QString &sub, const QStringList &args)
{
    QCommandLineParser p;
    const QStringList pos =
        parse(p, QStringLiteral("token ") + sub, args, {}, 1, -1, QStringLiteral("ID..."));
    const QList<qint64> ids = parseIds(pos, QStringLiteral("token"));
    TokenService &tokens = open().tokens;
    const bool revoke = sub == QLatin1String("revoke");
    const int n = must(revoke ? tokens.revoke(m_actor, ids) : tokens.remove(m_actor, ids));
    m_err << (revoke ? "Revoked " : "Deleted ") << n << " token(s).\n";
}

void Cli::tokenRevokeUnused(const QStringList &args)
{
    const QString command = QStringLiteral("token revoke-unused");
    QCommandLineParser p;
    const QCommandLineOption unused = unusedForOption(
        QStringLiteral("Revoke the valid tokens not used for DAYS days (never used ones too) and "
                       "created before."));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"),
        QStringLiteral("Revoke nothing: print the counts per department and user and the list."));
    const QCommandLineOption confirm(
        QStringLiteral("confirm"),
        QStringLiteral("Revoke only if exactly N tokens match (the count of a dry run)."),
        QStringLiteral("N"));
    parse(p, command, args, {unused, dryRun, confirm, JsonOption}, 0, 0);
    const TokenQuery q = TokenQuery::validUnused(
        parseUnusedFor(required(p, QStringLiteral("unused-for"), command), command, false));
    std::optional<qint64> confirmed;
    if (p.isSet(confirm)) {
        bool ok = false;
        confirmed = p.value(confirm).toLongLong(&ok);
        if (!ok || *confirmed < 0)
            usageError(QStringLiteral("%1: --confirm must be a number of tokens").arg(command));
    }
    if (p.isSet(JsonOption) && !p.isSet(dryRun))
        usageError(QStringLiteral("%1: --json goes with --dry-run").arg(command));
    Domain &domain = open();
    const TokenOwnerCounts counts = must(domain.tokens.countByOwner(m_actor, q));
    if (p.isSet(dryRun)) {
        if (p.isSet(JsonOption)) {
            QJsonObject o = CliJson::tokenOwnerCounts(counts);
            QJsonArray tokens;
            must(domain.tokens.visit(m_actor, q, [&](const ApiToken &t) {
                tokens.append(CliJson::apiToken(t));
                return true;
            }));
            o.insert(QStringLiteral("tokens"), tokens);
            m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return;
        }
        m_out << counts.total << " token(s) not used for " << q.unusedDays
              << " days would be revoked.\n\n";
        Table departments({QStringLiteral("DEPARTMENT"), QStringLiteral("TOKENS")});
        for (const TokenOwnerCounts::Group &g : counts.departments)
            departments.add({g.name, QString::number(g.count)});
        departments.print(m_out);
        m_out << '\n';
        Table users({QStringLiteral("USER"), QStringLiteral("TOKENS")});
        for (const TokenOwnerCounts::Group &g : counts.users)
            users.add({g.name, QString::number(g.count)});
        users.print(m_out);
        if (counts.userCount > counts.users.size())
            m_out << "… and " << counts.userCount - counts.users.size() << " more user(s)\n";
        m_out << '\n';
        Table list({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TOKEN"),
                    QStringLiteral("USER"), QStringLiteral("DEPARTMENT"),
                    QStringLiteral("CREATED (UTC)"), QStringLiteral("LAST USED (UTC)")});
        must(domain.tokens.visit(m_actor, q, [&](const ApiToken &t) {
            list.add({QString::number(t.id), t.name, t.hint, t.username, t.department,
                      timeText(t.createdAt), timeText(t.lastUsedAt)});
            return true;
        }));
        list.print(m_out);
        return;
    }
    const BulkRevoke done =
        must(domain.tokens.revokeMatching(m_actor, q, {}, confirmed.value_or(counts.total)));
    m_err << "Revoked " << done.revoked << " token(s) not used for " << q.unusedDays << " days.\n";
}

void Cli::tokenVerify(const QStringList &args)
{
    QCommandLineParser p;
    parse(p, QStringLiteral("token verify"), args, {JsonOption}, 0, 0);
    const bool json = p.isSet(JsonOption);
    const SecretBytes token = readSecret(QStringLiteral("token"));
    const QByteArray trimmed = token.bytes().trimmed();
    TokenKind kind;
    const auto shape = TokenCodec::check(trimmed, &kind);
    if (shape != TokenCodec::ParseError::None) {
        // Decided without opening the store.
        if (json)
            m_out << QJsonDocument(
                         QJsonObject{{QStringLiteral("status"), QStringLiteral("malformed")},
                                     {QStringLiteral("reason"), TokenCodec::describe(shape)}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
        else
            m_out << "malformed: " << TokenCodec::describe(shape) << '\n';
        throw Exit{InactiveTokenExit, {}};
    }
    Domain &domain = open();
    const VerifiedToken v = must(domain.tokens.verify(trimmed, QStringLiteral("cli")));
    // An API token's record whatever its status (revoked, expired): what one needs to know
    // about a token that leaked.
    std::optional<ApiToken> record;
    if (kind == TokenKind::Api && v.status != VerifiedToken::Status::Unknown)
        if (auto found = domain.tokens.findByValue(m_actor, trimmed))
            record = found.value();
    if (json)
        printVerified(v, record);
    else if (record && !v.valid())
        m_out << verifyStatusName(v.status) << ": API token #" << record->id << " \""
              << record->name << "\" of " << record->username << "; " << record->department << " / "
              << record->userType << "; status " << statusName(record->status) << "; expires "
              << Clock::iso(record->expiresAt)
              << (record->revokedAt.isValid() ? "; revoked " + Clock::iso(record->revokedAt)
                                              : QString())
              << '\n';
    else if (!v.valid())
        m_out << verifyStatusName(v.status) << '\n';
    else
        m_out << "active: "
              << (v.kind == VerifiedToken::Kind::Api ? "API token #" : "mobile session #") << v.id
              << " \"" << v.name << "\" of " << v.username << "; scopes "
              << (v.scopes.isEmpty() ? QStringLiteral("(none)") : v.scopes.join(QLatin1Char(',')))
              << "; " << v.department << " / " << v.userType << "; expires "
              << Clock::iso(v.expiresAt) << '\n';
    if (!v.valid())
        throw Exit{InactiveTokenExit, {}};
}

void Cli::tokenReportLeak(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption url(
        QStringLiteral("url"), QStringLiteral("Where the tokens were found."), QStringLiteral("U"));
    const QCommandLineOption source(QStringLiteral("source"),
                                    QStringLiteral("What was looked at (commit, issue, …)."),
                                    QStringLiteral("S"));
    parse(p, QStringLiteral("token report-leak"), args, {url, source, JsonOption}, 0, 0);
    if (!p.isSet(url) || !p.isSet(source))
        usageError(QStringLiteral("token report-leak: --url and --source are required"));
    QList<LeakReport> reports;
    while (!m_in.atEnd()) {
        QByteArray line = m_in.readLine(4096).trimmed();
        if (!line.isEmpty())
            reports.append({line, p.value(url), p.value(source)});
        secureWipe(line);
    }
    if (reports.isEmpty())
        usageError(QStringLiteral("token report-leak: no token on standard input"));
    Domain &domain = open();
    auto answer = domain.tokens.revokeLeaked(m_actor, reports);
    for (LeakReport &r : reports)
        secureWipe(r.token);
    const QList<LeakVerdict> verdicts = must(std::move(answer));
    static const char *const names[] = {"revoked", "already_revoked", "expired", "unknown",
                                        "invalid"};
    for (qsizetype i = 0; i < verdicts.size(); ++i) {
        const LeakVerdict &v = verdicts.at(i);
        const QLatin1String result(names[int(v.outcome)]);
        if (p.isSet(JsonOption))
            m_out << QJsonDocument(QJsonObject{{QStringLiteral("index"), int(i)},
                                               {QStringLiteral("result"), result},
                                               {QStringLiteral("hint"), v.hint}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
        else
            m_out << (i + 1) << ": " << result << (v.hint.isEmpty() ? QString() : ' ' + v.hint)
                  << '\n';
    }
}

void Cli::printVerified(const VerifiedToken &v, const std::optional<ApiToken> &record)
{
    QJsonObject o{{QStringLiteral("status"), verifyStatusName(v.status)},
                  {QStringLiteral("kind"), v.kind == VerifiedToken::Kind::Api
                                               ? QStringLiteral("api_token")
                                               : QStringLiteral("mobile_session")}};
    if (record) {
        o.insert(QStringLiteral("token"), CliJson::apiToken(*record));
    } else if (v.status != VerifiedToken::Status::Unknown) {
        o.insert(QStringLiteral("id"), v.id);
        o.insert(QStringLiteral("name"), v.name);
        o.insert(QStringLiteral("user"), v.username);
        o.insert(QStringLiteral("department"), v.department);
        o.insert(QStringLiteral("user_type"), v.userType);
        o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(v.scopes));
        o.insert(QStringLiteral("expires_at"), CliJson::time(v.expiresAt));
    }
    m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
}

void Cli::tokenReset(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption code(
        QStringLiteral("access-code-stdin"),
        QStringLiteral("Read the user's current access code from standard input."));
    const QStringList pos =
        parse(p, QStringLiteral("token reset"), args, {code}, 1, 1, QStringLiteral("USER"));
    if (!p.isSet(code))
        usageError(QStringLiteral(
            "token reset: --access-code-stdin is required (the user's access code)"));
    const SecretBytes secret = readSecret(QStringLiteral("access code"));
    Domain &domain = open();
    const User u = must(domain.accounts.userByName(m_actor, pos.first()));
    const CreatedToken created = must(domain.tokens.resetPersonalToken(m_actor, u.id, secret));
    m_out << created.secret.bytes() << '\n';
    m_out.flush();
    m_err << "New personal API token #" << created.id << " (" << created.hint << ") for "
          << u.username
          << "; the previous one is revoked. Give the new token to scripts and uploader "
             "accounts that used the old one.\n";
}

// ---- access codes -----------------------------------------------------------------------------

void Cli::accessCode(const QStringList &args)
{
    const bool change = !args.isEmpty() && args.first() == QLatin1String("change");
    if (args.isEmpty() || (args.first() != QLatin1String("set") && !change))
        usageError(QStringLiteral("access-code: set or change? (see %1 --help)").arg(Program));
    const QString command = QStringLiteral("access-code ") + args.first();
    QCommandLineParser p;
    const QCommandLineOption age(QStringLiteral("age"),
                                 QStringLiteral("30, 60, 90, 180, 365 or never."),
                                 QStringLiteral("DAYS"));
    const QCommandLineOption code(QStringLiteral("access-code-stdin"),
                                  QStringLiteral("Read the new access code from standard input."));
    const QStringList pos =
        parse(p, command, args.mid(1),
              change ? QList<QCommandLineOption>{age} : QList<QCommandLineOption>{age, code}, 1, 1,
              QStringLiteral("USER"));
    const QString ageText = required(p, QStringLiteral("age"), command).trimmed().toLower();
    int days = -1;
    if (ageText == QLatin1String("never")) {
        days = 0;
    } else {
        bool ok = false;
        days = ageText.toInt(&ok);
        if (!ok || days <= 0)
            days = -1;
    }
    if (days < 0 || !CredentialPolicy::isValidAccessCodeAge(days))
        usageError(command + QStringLiteral(": --age must be 30, 60, 90, 180, 365 or never"));
    if (change) {
        const SecretBytes current = readSecret(QStringLiteral("current password"));
        const SecretBytes secret = readSecret(QStringLiteral("new access code"));
        const Actor self = signInAs(pos.first(), current);
        must(m_domain->accounts.changeOwnAccessCode(self, current, secret, days));
        m_err << "Access code of " << self.username << " changed ("
              << (days ? QStringLiteral("%1 days").arg(days) : QStringLiteral("never expires"))
              << "); the mobile sessions opened with the old one are ended.\n";
        return;
    }
    if (!p.isSet(code))
        usageError(QStringLiteral("access-code set: --access-code-stdin is required"));
    const SecretBytes secret = readSecret(QStringLiteral("access code"));
    AccountService &accounts = open().accounts;
    const User u = must(accounts.userByName(m_actor, pos.first()));
    must(accounts.setAccessCode(m_actor, u.id, secret, days));
    m_err << "Access code of " << u.username << " set ("
          << (days ? QStringLiteral("%1 days").arg(days) : QStringLiteral("never expires"))
          << ").\n";
}

// ---- self-service
// ---------------------------------------------------------------------------------

Actor Cli::signInAs(const QString &username, const SecretBytes &current)
{
    Domain &domain = open();
    return must(domain.accounts.signIn(username, current));
}

void Cli::passwd(const QStringList &args)
{
    QCommandLineParser p;
    const QStringList pos =
        parse(p, QStringLiteral("passwd"), args, {}, 1, 1, QStringLiteral("USER"));
    const SecretBytes current = readSecret(QStringLiteral("current password"));
    const SecretBytes next = readSecret(QStringLiteral("new password"));
    const Actor self = signInAs(pos.first(), current);
    must(m_domain->accounts.changeOwnPassword(self, current, next));
    m_err << "Password of " << self.username << " changed.\n";
}

// ---- sessions
// -------------------------------------------------------------------------------------

void Cli::session(const QStringList &args)
{
    if (args.isEmpty())
        usageError(QStringLiteral("session: list or revoke? (see %1 --help)").arg(Program));
    const QString &sub = args.first();
    if (sub == QLatin1String("list"))
        return sessionList(args.mid(1));
    if (sub != QLatin1String("revoke"))
        usageError(QStringLiteral("session: unknown subcommand \"%1\" (list, revoke)").arg(sub));
    QCommandLineParser p;
    const QStringList pos =
        parse(p, QStringLiteral("session revoke"), args.mid(1), {}, 1, -1, QStringLiteral("ID..."));
    const QList<qint64> ids = parseIds(pos, QStringLiteral("session"));
    const int n = must(open().sessions.revoke(m_actor, ids));
    m_err << "Revoked " << n << " mobile session(s).\n";
}

void Cli::sessionList(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("Include revoked and expired sessions."));
    parse(p, QStringLiteral("session list"), args, {JsonOption, all}, 0, 0);
    SessionService &sessions = open().sessions;
    SessionQuery q;
    q.includeEnded = p.isSet(all);
    q.limit = 0;
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        must(sessions.visit(m_actor, q, [&](const MobileSession &s) {
            w.add(CliJson::session(s));
            return true;
        }));
        w.finish();
        return;
    }
    auto status = [](const MobileSession &s) {
        return statusName(s.status == TokenStatus::ExpiringSoon ? TokenStatus::Active : s.status);
    };
    Table t({QStringLiteral("ID"), QStringLiteral("USER"), QStringLiteral("EMAIL"),
             QStringLiteral("DEPARTMENT"), QStringLiteral("USER TYPE"), QStringLiteral("DEVICE"),
             QStringLiteral("LAST ACTIVE (UTC)"), QStringLiteral("EXPIRES (UTC)"),
             QStringLiteral("STATUS")});
    must(sessions.visit(m_actor, q, [&](const MobileSession &s) {
        t.add({QString::number(s.id), s.username, s.email, s.department, s.userType, s.deviceName,
               timeText(s.lastActiveAt), timeText(s.expiresAt), status(s)});
        return true;
    }));
    t.print(m_out);
}

// ---- audit
// ----------------------------------------------------------------------------------------

void Cli::audit(const QStringList &args)
{
    if (args.isEmpty() || args.first() != QLatin1String("list"))
        usageError(
            QStringLiteral("audit: only \"list\" is available (see %1 --help)").arg(Program));
    QCommandLineParser p;
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral(
            "Only entries at or after DATE (YYYY-MM-DD, ISO 8601, or -Nd for N days ago)."),
        QStringLiteral("DATE"));
    const QCommandLineOption until(
        QStringLiteral("until"),
        QStringLiteral("Only entries before DATE (YYYY-MM-DD, ISO 8601, or -Nd for N days ago)."),
        QStringLiteral("DATE"));
    const QCommandLineOption actor(
        QStringLiteral("actor"),
        QStringLiteral("Only entries by this actor (e.g. alice or cli:root)."),
        QStringLiteral("A"));
    const QCommandLineOption action(
        QStringLiteral("action"),
        QStringLiteral("Only actions starting with PREFIX (e.g. token.), in any case."),
        QStringLiteral("PREFIX"));
    const QCommandLineOption filter(
        QStringLiteral("filter"),
        QStringLiteral("Only entries whose actor, action, target or details contain TEXT."),
        QStringLiteral("TEXT"));
    const QCommandLineOption outcome(
        QStringLiteral("outcome"),
        QStringLiteral("Only entries with this outcome: success, denied or failure."),
        QStringLiteral("O"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N entries."),
                                   QStringLiteral("N"));
    parse(p, QStringLiteral("audit list"), args.mid(1),
          {JsonOption, since, until, actor, action, outcome, filter, limit}, 0, 0);
    // The console's filters (AuditList::select), oldest first.
    AuditQuery q;
    q.newestFirst = false;
    q.limit = 0;
    q.actor = p.value(actor);
    q.action = p.value(action);
    q.outcome = p.value(outcome);
    q.text = p.value(filter);
    if (p.isSet(since))
        q.since = pastDate(p.value(since), QStringLiteral("since"));
    if (p.isSet(until))
        q.until = pastDate(p.value(until), QStringLiteral("until"));
    if (p.isSet(limit))
        q.limit = parseLimit(p.value(limit), QStringLiteral("audit list"));
    AuditService &log = open().audit;
    if (p.isSet(JsonOption)) {
        CliJson::ArrayWriter w(m_out);
        must(log.visit(m_actor, q, [&](const AuditEntry &e) {
            w.add(CliJson::auditEntry(e));
            return true;
        }));
        w.finish();
        return;
    }
    Table t({QStringLiteral("ID"), QStringLiteral("TIME (UTC)"), QStringLiteral("ACTOR"),
             QStringLiteral("ACTION"), QStringLiteral("TARGET"), QStringLiteral("OUTCOME"),
             QStringLiteral("DETAILS")});
    must(log.visit(m_actor, q, [&](const AuditEntry &e) {
        t.add({QString::number(e.id), e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
               e.actor, e.action, e.target, e.outcome, oneLine(e.details)});
        return true;
    }));
    t.print(m_out);
}

// ---- demo
// -----------------------------------------------------------------------------------------

void Cli::demo(const QStringList &args)
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
            usageError(
                QStringLiteral("demo: --%1 must be a whole number").arg(QLatin1String(name)));
        return v;
    };
    DemoRequest r;
    r.users = int(std::min<qint64>(number(users, "users"), INT_MAX));
    r.tokens = number(tokens, "tokens");
    r.sessions = number(sessions, "sessions");
    r.seed = quint32(number(seed, "seed"));
    open();
    const DemoSummary s = must(DemoGenerator(*m_store).generate(m_actor, r));
    m_err << "Demo data: " << s.departments << " new departments, " << s.users << " users, "
          << s.tokens << " API tokens, " << s.sessions << " mobile sessions in " << s.milliseconds
          << " ms.\n";
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
