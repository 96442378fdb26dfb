// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/databaselocation.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <optional>

class QApplication;

namespace td {

class Backend;
class ConsoleContext;
class ServerSignInDialog;
class FirstRunWizard;
class MainWindow;
class SignInDialog;
class Store;

/// tokendesk's command line (everything but Qt's own options such as -style or -platform).
struct ConsoleOptions
{
    /// --database; empty: the store chosen at first run, else the default file.
    QString database;
    /// --lang (de, en_GB, …); empty: the system locale.
    QString language;
    /// --server: a tokendesk-server's https:// address to sign in to instead of a store.
    QString server;
};

/// Parses tokendesk's command line before any window exists (so that --help works without a
/// display). --help, --version: the text on standard output, returns 0; a usage error (unknown
/// option, bad --database, extra argument): one line on standard error, returns 2. Otherwise
/// fills *options and returns std::nullopt. The exit codes are listed in consoleHelpText().
std::optional<int> parseConsoleOptions(const QStringList &arguments, ConsoleOptions *options);
/// Why the console does not open that store itself (empty: it does). The console opens only an
/// SQLite file; a shared PostgreSQL store is reached through a tokendesk-server, so that only
/// servers hold database credentials.
QString whyNotConsoleStore(const DatabaseLocation &location);
/// The text of tokendesk --help (options, environment, files, exit status).
QString consoleHelpText();

/// The console's start: opening the store (a dialog names the file and the cause when it
/// cannot be opened), first run or sign-in, then the main window.
int runConsole(QApplication &app, const ConsoleOptions &options);

/// The start-up flow behind runConsole(), as an object so that tests drive it:
///
/// 1. open the store (an SQLite file); one that cannot be opened gets a dialog naming it and the
///    cause; through a server (setServer()): the kept sign-in or the server's sign-in dialog;
/// 2. an empty store (or no file at the default path) → FirstRunWizard;
/// 3. otherwise SignInDialog; then MainWindow. Sign Out closes it and asks to sign in again.
///
/// Every window is shown with show()/open(), never exec(), so the flow never blocks a test.
class ConsoleApp : public QObject
{
    Q_OBJECT

public:
    /// explicitLocation: given with --database. A missing file there is a mistake to confirm
    /// ("Create a new store?"), not silently a first run.
    ConsoleApp(const DatabaseLocation &location, bool explicitLocation, QObject *parent = nullptr);
    ~ConsoleApp() override;

    void start();

    FirstRunWizard *firstRunWizard() const;
    SignInDialog *signInDialog() const;
    ServerSignInDialog *serverSignInDialog() const;
    /// Works through a tokendesk-server at that address instead of a store (--server, or the
    /// server chosen at first run).
    void setServer(const QUrl &server) { m_server = server; }
    QUrl server() const { return m_server; }
    /// Why the console starts with the first-run wizard although a store was chosen before (a
    /// shared store it no longer opens itself); shown in the wizard.
    void setNotice(const QString &text) { m_notice = text; }
    MainWindow *mainWindow() const;
    ConsoleContext *context() const { return m_context.get(); }
    const DatabaseLocation &location() const { return m_location; }

    /// The QSettings key of the store used last ("store/location"; never with a password).
    static QString storeSettingKey();
    /// The store chosen at first run, else the default file. A shared store remembered by an
    /// older console is not opened: the default, and *notice says why (for setNotice()).
    static DatabaseLocation rememberedStore(QString *notice);
    /// Title and text of the dialog for a store that cannot be opened.
    static QString storeErrorText(const DatabaseLocation &location, const Error &error);

Q_SIGNALS:
    /// The console is done (quit, cancelled, or a store that cannot be opened).
    void finished(int exitCode);
    /// A window of the flow appeared or went away.
    void stageChanged();

private:
    void openStore();
    void afterOpen(Result<std::unique_ptr<Store>> opened);
    void showFirstRun();
    void showSignIn(std::unique_ptr<Store> store);
    void showMainWindow(std::unique_ptr<Store> store, const Actor &actor);
    void showMainWindow(std::unique_ptr<ConsoleContext> context);
    /// Through a server: goes on with a kept sign-in, else asks to sign in.
    void startServer();
    void showServerSignIn(const QString &message = {});
    void signOut();
    void openManageTokens();
    void fail(const Error &error);
    void quit(int code);

    DatabaseLocation m_location;
    bool m_explicit = false;
    QString m_notice;
    std::unique_ptr<Store> m_pendingStore;
    std::unique_ptr<ConsoleContext> m_context;
    QPointer<FirstRunWizard> m_wizard;
    QPointer<SignInDialog> m_signIn;
    QPointer<ServerSignInDialog> m_serverSignIn;
    QUrl m_server;
    QPointer<MainWindow> m_window;
    bool m_signingOut = false;
    QString m_endedMessage; ///< why the server's sign-in ended, for the next sign-in dialog
    bool m_finished = false;
};

} // namespace td
