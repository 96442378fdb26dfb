// SPDX-License-Identifier: MIT
// Shared by the console's GUI tests: people of each user type in a fixture store,
// a console context signed in as one of them (over the store, or through a real
// tokendesk-server when TD_TEST_CONSOLE=server), screenshots, audit look-ups.
#pragma once

#include "../server/serverharness.h"
#include "client/httpbackend.h"
#include "consolecontext.h"
#include "itemmodels/windowedtablemodel.h"
#include "platform/credentialvault.h"
#include "testsupport.h"

#include <QDir>
#include <QItemSelectionModel>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <memory>

namespace td::test {

/// How long a GUI test waits for an answer (QTRY_*_WITH_TIMEOUT): over a server, a password
/// or access code is hashed there at full cost, which takes seconds on a busy machine.
constexpr int AnswerMs = 30000;

inline const char *SupportPassword = "Support-Pass#2";
inline const char *StandardPassword = "Standard-Pass#3";

/// Adds a user of that type to the fixture's "Administration" department.
inline bool addUser(Fixture &fx, const QString &name, const QString &type, const char *password,
                    const QString &email = {})
{
    NewUser n;
    n.username = name;
    n.displayName = name.at(0).toUpper() + name.mid(1);
    n.email = email.isEmpty() ? name + QStringLiteral("@example.org") : email;
    n.department = QStringLiteral("Administration");
    n.userType = type;
    n.password = secret(password);
    auto r = fx.domain->accounts.createUser(fx.cli, n);
    if (!r)
        qWarning("addUser(%s): %s", qPrintable(name), qPrintable(r.error().message));
    return r.ok();
}

/// True when the console of this run talks to a tokendesk-server (ctest's NAME.server).
inline bool overServer()
{
    return qEnvironmentVariable("TD_TEST_CONSOLE") == QLatin1String("server");
}

namespace detail {
/// The tokendesk-server of this process (TLS on 127.0.0.1, a throwaway certificate) over the
/// fixture's database; one at a time, replaced when a test signs in to another fixture.
struct ConsoleServer
{
    QTemporaryDir certs;
    QByteArray fingerprint; ///< of the server's certificate, pinned before each sign-in
    std::unique_ptr<ServerProcess> process;
    QString spec; ///< the database it serves
};
inline ConsoleServer &consoleServer()
{
    static ConsoleServer s;
    return s;
}
} // namespace detail

/// Stops the console's server (if one runs), keeping its log for the leak scan. Call it before
/// the fixture's database goes away; the server also stops when the application does.
inline void stopConsoleServer()
{
    auto &s = detail::consoleServer();
    if (!s.process)
        return;
    s.process->stop();
    s.process.reset(); // keeps the log for the leak scan
    s.spec.clear();
}

/// The console's server over fx's database, started when not running yet; null (and why) when
/// it cannot start.
inline ServerProcess *consoleServerFor(Fixture &fx, QString *why)
{
    auto &s = detail::consoleServer();
    if (s.process && s.spec == fx.db->spec())
        return s.process.get();
    stopConsoleServer();
    if (s.fingerprint.isEmpty()) {
        s.fingerprint = fingerprintHex(makeTestCertificate(s.certs.path(), QStringLiteral("gui")));
        if (s.fingerprint.size() != 64) {
            *why = QStringLiteral("openssl made no certificate");
            s.fingerprint.clear();
            return nullptr;
        }
        qAddPostRoutine(stopConsoleServer);
    }
    auto process = std::make_unique<ServerProcess>();
    if (!process->start(fx.db->spec(),
                        QStringList{QStringLiteral("--max-auth-failures"), QStringLiteral("0"),
                                    QStringLiteral("--webhook-key-file"),
                                    s.certs.filePath(QStringLiteral("webhook.key"))} +
                            tlsArguments(s.certs.path(), QStringLiteral("gui")),
                        why))
        return nullptr;
    s.process = std::move(process);
    s.spec = fx.db->spec();
    return s.process.get();
}

/// A console context through the console's server, signed in over HTTP as username.
inline std::unique_ptr<ConsoleContext> serverContext(Fixture &fx, const QString &username,
                                                     const char *password)
{
    QString why;
    ServerProcess *server = consoleServerFor(fx, &why);
    if (!server) {
        qWarning("the console's server: %s", qPrintable(why));
        return nullptr;
    }
    // Pinned for every sign-in: tests clear the settings that hold the pins.
    ServerTrust::pin(server->url(), detail::consoleServer().fingerprint);
    std::optional<Result<HttpBackend *>> answer;
    QObject waiter;
    HttpBackend::signIn(server->url(), username, secret(password), nullptr)
        .then(&waiter, [&](Result<HttpBackend *> r) { answer.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, AnswerMs)) {
        qWarning("signIn(%s) over the server: no answer within %d ms", qPrintable(username),
                 AnswerMs);
        return nullptr;
    }
    if (!*answer) {
        qWarning("signIn(%s) over the server: %s", qPrintable(username),
                 qPrintable(answer->error().message));
        return nullptr;
    }
    HttpBackend *backend = answer->value();
    noteSecret(backend->credential());
    return std::make_unique<ConsoleContext>(backend);
}

/// A console context signed in as username: over a second connection to the fixture's store,
/// or through the console's server when overServer().
inline std::unique_ptr<ConsoleContext> signedInContext(Fixture &fx, const QString &username,
                                                       const char *password)
{
    if (overServer())
        return serverContext(fx, username, password);
    auto store = fx.store->openAnother();
    if (!store) {
        qWarning("openAnother: %s", qPrintable(store.error().message));
        return nullptr;
    }
    Domain probe(*store.value());
    auto actor = probe.accounts.signIn(username, secret(password));
    if (!actor) {
        qWarning("signIn(%s): %s", qPrintable(username), qPrintable(actor.error().message));
        return nullptr;
    }
    return std::make_unique<ConsoleContext>(std::move(store.value()), actor.value());
}

/// Saves a picture of the widget into <build>/screenshots/<name>.png (to look at).
inline bool screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents(); // let pending layouts settle before the picture
    return w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// Audit rows of one action (newest first) as "actor|target|outcome|details".
inline QStringList auditRows(Store &store, const QString &action)
{
    QStringList out;
    (void)store.read([&] {
        QSqlQuery q = store.run(QStringLiteral("SELECT actor, target, outcome, details FROM "
                                               "audit_log WHERE action = ? ORDER BY id DESC"),
                                {action});
        while (q.next())
            out << QStringLiteral("%1|%2|%3|%4")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString());
    });
    return out;
}

/// Waits (at most AnswerMs) until the model has every answer it asked for: true at once over the
/// local store; over a server, once the count and the shown windows arrived.
inline bool settled(const WindowedTableModel *model)
{
    return model && QTest::qWaitFor([&] { return !model->isLoading(); }, AnswerMs);
}

/// Waits (at most AnswerMs) until every row of the model is read, none a placeholder: at once over
/// the local store; over a server, once the count and every window arrived.
inline bool rowsRead(const WindowedTableModel *model)
{
    return model &&
           QTest::qWaitFor(
               [&] {
                   if (model->isLoading())
                       return false;
                   for (int r = 0; r < model->rowCount(); ++r)
                       if (model->index(r, 0).data(WindowedTableModel::LoadingRole).toBool())
                           return false;
                   return true;
               },
               AnswerMs);
}

/// Waits (at most AnswerMs) until that row of the model is read, not a placeholder: at once over
/// the local store. For one row of a list too long for rowsRead(), which reads every window.
inline bool rowRead(const WindowedTableModel *model, int row)
{
    return model &&
           QTest::qWaitFor(
               [&] {
                   return row < model->rowCount() &&
                          !model->index(row, 0).data(WindowedTableModel::LoadingRole).toBool();
               },
               AnswerMs);
}

/// The row of id in the model's current order and filter once the model knows it (-1: not
/// listed); -2 when no answer came within AnswerMs.
inline int locatedRow(WindowedTableModel *model, qint64 id)
{
    std::optional<int> row;
    QObject waiter;
    model->locate(id, &waiter, [&](int r) { row = r; });
    if (!QTest::qWaitFor([&] { return row.has_value(); }, AnswerMs))
        return -2;
    return *row;
}

/// page->selectUser(username), then waits (at most AnswerMs) until that user's row is selected and
/// read. The local store answers at once: there selectUser() itself must say it selected.
template<typename UsersPageT> bool selectUser(UsersPageT *page, const QString &username)
{
    const bool now = page->selectUser(username);
    if (!overServer() && !now)
        return false;
    if (QTest::qWaitFor(
            [&] {
                const QModelIndexList rows = page->view()->selectionModel()->selectedRows();
                return rows.size() == 1 &&
                       page->model()->user(rows.first().row()).username == username;
            },
            AnswerMs))
        return true;
    QStringList shown; // what is selected instead, for the failure's message
    for (const QModelIndex &row : page->view()->selectionModel()->selectedRows())
        shown << QStringLiteral("%1:%2").arg(row.row()).arg(
            page->model()->user(row.row()).username);
    qWarning("selectUser(%s): selected [%s] of %d rows", qPrintable(username),
             qPrintable(shown.join(QLatin1Char(' '))), page->model()->rowCount());
    return false;
}

template<typename T> T *child(QObject *parent, const char *name)
{
    return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
}

/// Reads a keychain key synchronously (for assertions): the outcome and the secret as text.
inline std::pair<CredentialVault::Outcome, QString> readKey(const QString &key)
{
    bool done = false;
    std::pair<CredentialVault::Outcome, QString> out{CredentialVault::Outcome::Failed, {}};
    CredentialVault::instance().read(key, nullptr, [&](CredentialVault::Answer &a) {
        out = {a.outcome, a.ok() ? a.secret.toQString() : a.explanation + a.detail};
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        out.second = QStringLiteral("no answer from the keychain within 10 s");
    return out;
}

} // namespace td::test
