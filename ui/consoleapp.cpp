// SPDX-License-Identifier: MIT
#include "consoleapp.h"

#include "account/firstrunwizard.h"
#include "account/managetokensdialog.h"
#include "account/serversignindialog.h"
#include "account/signindialog.h"
#include "client/httpbackend.h"
#include "consolecontext.h"
#include "mainwindow.h"
#include "platform/credentialvault.h"
#include "platform/messagebox.h"
#include "platform/translations.h"
#include "security/secret.h"
#include "store/appinfo.h"
#include "store/store.h"
#include "widgets/accessibility.h"
#include "widgets/layoutmemory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace td {

namespace {

// Options QGuiApplication and QApplication take themselves (-style fusion, -platform offscreen,
// …): accepted here, hidden from --help, left to Qt.
const char *const QtValueOptions[] = {
    "platform",        "platformpluginpath", "platformtheme", "plugin",
    "qwindowgeometry", "qwindowtitle",       "qwindowicon",   "session",
    "display",         "geometry",           "title",         "name",
    "style",           "stylesheet",         "qmljsdebugger"};
const char *const QtFlagOptions[] = {"reverse", "widgetcount", "nograb", "dograb", "sync"};

void writeTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

/// `path` with the home folder written as ~, as the help shows paths.
QString homeRelative(const QString &path)
{
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QLatin1Char('~') + path.mid(home.size())
                                                    : path;
}

QString exitStatusText()
{
    // The files as this user's console finds them (QSettings and the default store decide).
    const QString store = homeRelative(DatabaseLocation::defaultLocation().path());
    const QString settings = homeRelative(QSettings().fileName());
    return QObject::tr(
               "Environment:\n"
               "  QT_SCALE_FACTOR, QT_QPA_PLATFORM  Qt's display settings\n"
               "\n"
               "Files:\n"
               "  %1  the default store\n"
               "  %2  window layout and the store chosen at first run (never a password)\n"
               "\n"
               "Exit status:\n"
               "  0  the console was closed, or --help / --version\n"
               "  1  internal error\n"
               "  2  invalid command line (unknown option, bad --database or --server, "
               "both given, a shared store given to --database, extra argument)\n"
               "  7  the store cannot be opened (missing, locked, read-only, damaged or newer "
               "schema)\n")
        .arg(store, settings);
}

struct ConsoleParser
{
    QCommandLineParser parser;
    QCommandLineOption database{QStringLiteral("database"),
                                QObject::tr("The store on this computer: an SQLite file "
                                            "(default: the store chosen at first run). A shared "
                                            "store is reached through its server (--server)."),
                                QStringLiteral("FILE")};
    QCommandLineOption server{QStringLiteral("server"),
                              QObject::tr("Work through the tokendesk-server at this https:// "
                                          "address instead of a store (default: the server "
                                          "chosen at first run, if any)."),
                              QStringLiteral("URL")};
    QCommandLineOption lang{QStringLiteral("lang"),
                            QObject::tr("The language and formats of the console, such as de or "
                                        "en_GB (default: the system's, from LANGUAGE, LC_ALL, "
                                        "LC_MESSAGES or LANG)."),
                            QStringLiteral("LANG")};

    ConsoleParser()
    {
        parser.setApplicationDescription(
            QObject::tr("TokenDesk console: API tokens and mobile sessions."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(database);
        parser.addOption(server);
        parser.addOption(lang);
        for (const char *name : QtValueOptions) {
            QCommandLineOption o(QString::fromLatin1(name), QString(), QStringLiteral("value"));
            o.setFlags(QCommandLineOption::HiddenFromHelp);
            parser.addOption(o);
        }
        for (const char *name : QtFlagOptions) {
            QCommandLineOption o(QString::fromLatin1(name), QString());
            o.setFlags(QCommandLineOption::HiddenFromHelp);
            parser.addOption(o);
        }
    }
};

} // namespace

QString whyNotConsoleStore(const DatabaseLocation &location)
{
    if (location.isSqlite())
        return {};
    return QObject::tr("The console opens only a store on this computer (an SQLite file); a "
                       "shared PostgreSQL store is reached through the TokenDesk server in front "
                       "of it.");
}

QString consoleHelpText()
{
    ConsoleParser p;
    return p.parser.helpText() + QLatin1Char('\n') + exitStatusText();
}

std::optional<int> parseConsoleOptions(const QStringList &arguments, ConsoleOptions *options)
{
    // --help in the user's language too.
    if (auto *app = QCoreApplication::instance())
        Translations::install(*app,
                              Translations::localeFor(Translations::languageArgument(arguments)));
    ConsoleParser p;
    if (!p.parser.parse(arguments)) {
        writeTo(stderr, QStringLiteral("tokendesk: %1 (see tokendesk --help)\n")
                            .arg(p.parser.errorText().simplified()));
        return 2;
    }
    if (p.parser.isSet(QStringLiteral("help")) || p.parser.isSet(QStringLiteral("help-all"))) {
        QString text = p.parser.helpText();
        if (p.parser.isSet(QStringLiteral("help-all"))) {
            QStringList qt;
            for (const char *name : QtValueOptions)
                qt << QStringLiteral("-%1 <value>").arg(QLatin1String(name));
            for (const char *name : QtFlagOptions)
                qt << QLatin1Char('-') + QLatin1String(name);
            text += QLatin1Char('\n') +
                    QObject::tr("Qt's own options (see the QApplication "
                                "documentation):") +
                    QStringLiteral("\n  ") + qt.join(QLatin1Char(' ')) + QLatin1Char('\n');
        }
        writeTo(stdout, text + QLatin1Char('\n') + exitStatusText());
        return 0;
    }
    if (p.parser.isSet(QStringLiteral("version"))) {
        writeTo(stdout, QStringLiteral("tokendesk %1\n").arg(versionString()));
        return 0;
    }
    if (!p.parser.positionalArguments().isEmpty()) {
        writeTo(stderr, QStringLiteral("tokendesk: unexpected argument \"%1\" (see tokendesk "
                                       "--help)\n")
                            .arg(p.parser.positionalArguments().constFirst()));
        return 2;
    }
    if (p.parser.isSet(p.database)) {
        auto parsed = DatabaseLocation::parse(p.parser.value(p.database));
        if (!parsed) {
            writeTo(stderr, QStringLiteral("tokendesk: --database: %1\n")
                                .arg(parsed.error().message.simplified()));
            return 2;
        }
        if (const QString why = whyNotConsoleStore(parsed.value()); !why.isEmpty()) {
            writeTo(stderr, QStringLiteral("tokendesk: --database: %1 (tokendesk --server "
                                           "https://…)\n")
                                .arg(why));
            return 2;
        }
        options->database = p.parser.value(p.database);
    }
    if (p.parser.isSet(p.server)) {
        if (p.parser.isSet(p.database)) {
            writeTo(stderr, QStringLiteral("tokendesk: --server and --database exclude each "
                                           "other: the console works through a server or on a "
                                           "store\n"));
            return 2;
        }
        if (const QString why = ServerTrust::whyNotUrl(p.parser.value(p.server)); !why.isEmpty()) {
            writeTo(stderr, QStringLiteral("tokendesk: --server: %1\n").arg(why));
            return 2;
        }
        options->server = p.parser.value(p.server).trimmed();
    }
    if (p.parser.isSet(p.lang))
        options->language = p.parser.value(p.lang);
    return std::nullopt;
}

int runConsole(QApplication &app, const ConsoleOptions &options)
{
    initSodium();
    setApplicationIdentity(QStringLiteral("tokendesk"));
    // Before any text is made: the system locale (LANG, LC_MESSAGES, LANGUAGE) or --lang.
    Translations::install(app, Translations::localeFor(options.language));
    QApplication::setApplicationDisplayName(QObject::tr("TokenDesk"));
    Accessibility::install();

    DatabaseLocation location = DatabaseLocation::defaultLocation();
    bool explicitLocation = false;
    QString notice;
    if (!options.database.isEmpty()) {
        auto parsed = DatabaseLocation::parse(options.database);
        if (!parsed) // parseConsoleOptions() has checked it
            return 2;
        location = parsed.value();
        explicitLocation = true;
    } else {
        location = ConsoleApp::rememberedStore(&notice);
    }

    // Windows come and go (wizard → sign-in → main window → sign-in): the flow decides when
    // the console is done.
    QApplication::setQuitOnLastWindowClosed(false);
    ConsoleApp console(location, explicitLocation);
    console.setNotice(notice);
    if (!options.server.isEmpty())
        console.setServer(QUrl(options.server));
    else if (const QString server = QSettings().value(ServerSignInDialog::serverKey()).toString();
             !explicitLocation && !server.isEmpty())
        console.setServer(QUrl(server)); // chosen at first run
    QObject::connect(&console, &ConsoleApp::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    QTimer::singleShot(0, &console, &ConsoleApp::start);
    return app.exec();
}

// ---------------------------------------------------------------------------------------------

ConsoleApp::ConsoleApp(const DatabaseLocation &location, bool explicitLocation, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_explicit(explicitLocation)
{}

ConsoleApp::~ConsoleApp()
{
    m_finished = true; // no signals from windows torn down with us
    delete m_wizard.data();
    delete m_signIn.data();
    delete m_serverSignIn.data();
    delete m_window.data(); // before the context its pages refer to
    m_context.reset();
}

FirstRunWizard *ConsoleApp::firstRunWizard() const
{
    return m_wizard;
}

ServerSignInDialog *ConsoleApp::serverSignInDialog() const
{
    return m_serverSignIn;
}

SignInDialog *ConsoleApp::signInDialog() const
{
    return m_signIn;
}

MainWindow *ConsoleApp::mainWindow() const
{
    return m_window;
}

QString ConsoleApp::storeSettingKey()
{
    return QStringLiteral("store/location");
}

DatabaseLocation ConsoleApp::rememberedStore(QString *notice)
{
    // The store chosen at first run (never with a password in it).
    const QString last = QSettings().value(storeSettingKey()).toString();
    auto parsed = DatabaseLocation::parse(last);
    if (last.isEmpty() || !parsed)
        return DatabaseLocation::defaultLocation();
    if (const QString why = whyNotConsoleStore(parsed.value()); !why.isEmpty()) {
        // A shared store that an older console opened itself: now reached through its server.
        if (notice)
            *notice = tr("This console used the shared store %1.").arg(parsed->display()) +
                      QLatin1Char(' ') + why;
        return DatabaseLocation::defaultLocation();
    }
    return parsed.value();
}

QString ConsoleApp::storeErrorText(const DatabaseLocation &location, const Error &error)
{
    QString cause;
    switch (error.code) {
    case Errc::StoreMissing:
        cause = tr("Cause: there is no TokenDesk store there.");
        break;
    case Errc::StoreLocked:
        cause = tr("Cause: another program holds the database locked.");
        break;
    case Errc::StoreReadOnly:
        cause = tr("Cause: the database is read-only (the file, its folder or the account "
                   "may not write).");
        break;
    case Errc::StoreCorrupt:
        cause = tr("Cause: the file is damaged or is not a TokenDesk store.");
        break;
    case Errc::SchemaTooNew:
        cause = tr("Cause: it was written by a newer TokenDesk.");
        break;
    case Errc::StoreUnavailable:
        cause = tr("Cause: the database cannot be reached, read or written.");
        break;
    default:
        cause = tr("Cause: an unexpected error.");
        break;
    }
    return tr("TokenDesk cannot open the store %1.").arg(location.display()) + QLatin1Char('\n') +
           cause;
}

void ConsoleApp::start()
{
    if (m_server.isValid() && !m_server.isEmpty()) {
        startServer();
        return;
    }
    if (!m_notice.isEmpty()) {
        showFirstRun();
        return;
    }
    openStore();
}

void ConsoleApp::openStore()
{
    if (m_location.isSqlite() && !QFileInfo::exists(m_location.path())) {
        if (!m_explicit) {
            showFirstRun();
            return;
        }
        const auto answer = MessageBox::question(
            nullptr, tr("No TokenDesk store"),
            tr("There is no TokenDesk store at %1.").arg(m_location.path()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
            tr("Create a new, empty store there? Choose Cancel if the path is mistyped."),
            {{QMessageBox::Yes, tr("Create New Store…")}, {QMessageBox::Cancel, tr("Quit")}});
        if (answer == QMessageBox::Yes)
            showFirstRun();
        else
            quit(exitCodeFor(Errc::StoreMissing));
        return;
    }
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto opened = Store::open(m_location, Store::OpenMode::ExistingOnly);
    QApplication::restoreOverrideCursor();
    afterOpen(std::move(opened));
}

void ConsoleApp::afterOpen(Result<std::unique_ptr<Store>> opened)
{
    if (opened) {
        if (!opened.value()->isInitialized()) {
            showFirstRun(); // a schema without a tenant: set-up was interrupted
            return;
        }
        showSignIn(std::move(opened.value()));
        return;
    }
    const Error &e = opened.error();
    // An empty file is a store that was never set up. A file with foreign tables is StoreCorrupt
    // and stays untouched.
    if (e.code == Errc::StoreMissing) {
        showFirstRun();
        return;
    }
    fail(e);
}

void ConsoleApp::showFirstRun()
{
    m_wizard = new FirstRunWizard(m_location);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_wizard->setNotice(m_notice);
    connect(m_wizard, &QDialog::finished, this, [this](int result) {
        FirstRunWizard *w = m_wizard;
        if (!w || m_finished)
            return;
        if (result != QDialog::Accepted) {
            quit(0);
            return;
        }
        if (const QUrl server = w->serverUrl(); server.isValid() && !server.isEmpty()) {
            m_server = server;
            QSettings().setValue(ServerSignInDialog::serverKey(), server.toString());
            showServerSignIn();
            return;
        }
        QSettings().remove(ServerSignInDialog::serverKey()); // a store here from now on
        std::unique_ptr<Store> store = w->takeStore();
        m_location = w->location();
        QSettings().setValue(storeSettingKey(), m_location.display());
        if (w->existingStore() || !w->actor().isPerson())
            showSignIn(std::move(store));
        else
            showMainWindow(std::move(store), w->actor());
    });
    m_wizard->show();
    Q_EMIT stageChanged();
}

void ConsoleApp::showSignIn(std::unique_ptr<Store> store)
{
    m_pendingStore = std::move(store);
    m_signIn = new SignInDialog(*m_pendingStore, m_location);
    m_signIn->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_signIn, &QDialog::finished, this, [this](int result) {
        SignInDialog *d = m_signIn;
        if (!d || m_finished)
            return;
        if (result != QDialog::Accepted) {
            quit(0);
            return;
        }
        const Actor actor = d->actor();
        // The dialog's service refers to the store: let it go before the store moves on.
        m_signIn = nullptr;
        showMainWindow(std::move(m_pendingStore), actor);
    });
    m_signIn->show();
    Q_EMIT stageChanged();
}

void ConsoleApp::showMainWindow(std::unique_ptr<Store> store, const Actor &actor)
{
    showMainWindow(std::make_unique<ConsoleContext>(std::move(store), actor));
}

void ConsoleApp::startServer()
{
    // A sign-in kept with "Keep me signed in" (the keychain holds the credential, never the
    // password).
    const QString key = CredentialVault::serverKey(m_server);
    CredentialVault::instance().read(key, this, [this, key](CredentialVault::Answer &a) {
        if (!a.ok()) {
            showServerSignIn();
            return;
        }
        QApplication::setOverrideCursor(Qt::BusyCursor);
        HttpBackend::resume(m_server, std::move(a.secret), this)
            .then(this, [this, key](Result<HttpBackend *> backend) {
                QApplication::restoreOverrideCursor();
                if (backend) {
                    showMainWindow(std::make_unique<ConsoleContext>(backend.value()));
                    return;
                }
                if (backend.code() == Errc::AuthenticationFailed) {
                    CredentialVault::instance().remove(key, nullptr, {});
                    showServerSignIn(tr("Your sign-in ended (it was not used for 8 hours, is a "
                                        "week old, or was ended). Sign in again."));
                    return;
                }
                showServerSignIn(backend.error().message);
            });
    });
}

void ConsoleApp::showServerSignIn(const QString &message)
{
    m_serverSignIn = new ServerSignInDialog(m_server);
    m_serverSignIn->setAttribute(Qt::WA_DeleteOnClose);
    if (!message.isEmpty())
        m_serverSignIn->setMessage(message, true);
    connect(m_serverSignIn, &QDialog::finished, this, [this](int result) {
        ServerSignInDialog *d = m_serverSignIn;
        if (!d || m_finished)
            return;
        if (result != QDialog::Accepted) {
            quit(0);
            return;
        }
        m_server = d->server();
        showMainWindow(std::make_unique<ConsoleContext>(d->takeBackend()));
    });
    m_serverSignIn->show();
    Q_EMIT stageChanged();
}

void ConsoleApp::showMainWindow(std::unique_ptr<ConsoleContext> context)
{
    m_context = std::move(context);
    if (!m_context->isLocal()) {
        // The server ended the sign-in (revoked, expired, account disabled): back to sign-in.
        connect(&m_context->backend(), &Backend::signedOut, this, [this] {
            if (m_signingOut || !m_window)
                return;
            CredentialVault::instance().remove(CredentialVault::serverKey(m_server), nullptr, {});
            m_signingOut = true;
            m_endedMessage = tr("The server ended your sign-in (an administrator ended it, or it "
                                "expired). Sign in again.");
            m_window->close();
        });
    }
    m_window = new MainWindow(*m_context);
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_window, &MainWindow::signOutRequested, this, &ConsoleApp::signOut);
    connect(m_window, &MainWindow::manageTokensRequested, this, &ConsoleApp::openManageTokens);
    connect(m_window, &QObject::destroyed, this, [this] {
        if (m_finished)
            return;
        if (!m_signingOut) {
            quit(0);
            return;
        }
        m_signingOut = false;
        const bool local = m_context->isLocal();
        m_context.reset(); // closes the store (or lets the server go); sign-in opens it again
        if (local) {
            openStore();
        } else {
            showServerSignIn(m_endedMessage);
            m_endedMessage.clear();
        }
    });
    m_window->show();
    Q_EMIT stageChanged();
}

void ConsoleApp::signOut()
{
    if (!m_window || !m_context || m_signingOut)
        return;
    m_signingOut = true;
    // Over a server the sign-out revokes the console's credential: wait for the answer (a
    // failure cannot keep anyone signed in here, so the window closes either way).
    if (!m_context->isLocal()) // the keychain's sign-in ends with it
        CredentialVault::instance().remove(CredentialVault::serverKey(m_server), nullptr, {});
    m_context->backend().signOut().then(this, [this](const Result<void> &) {
        if (m_window)
            m_window->close(); // saves the layout; deleted later, then sign-in opens
    });
}

void ConsoleApp::openManageTokens()
{
    if (!m_window || !m_context)
        return;
    if (auto *open = m_window->findChild<ManageTokensDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *d = new ManageTokensDialog(*m_context, m_window);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->open();
}

void ConsoleApp::fail(const Error &error)
{
    // Most store messages already say that nothing was changed; say it once.
    QString nothingChanged = tr("Nothing was changed.");
    const QString phrase = nothingChanged.chopped(1); // without the full stop
    const bool said = error.message.contains(phrase, Qt::CaseInsensitive);
    MessageBox::critical(nullptr, tr("Cannot open the TokenDesk store"),
                         storeErrorText(m_location, error),
                         said ? error.message : error.message + QLatin1Char('\n') + nothingChanged);
    quit(exitCodeFor(error.code));
}

void ConsoleApp::quit(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(code);
}

} // namespace td
