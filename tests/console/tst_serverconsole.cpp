// SPDX-License-Identifier: MIT
// The console (ConsoleApp, in this process) through a real tokendesk-server with TLS on
// 127.0.0.1 and a fresh self-signed certificate: the certificate question (cancel, trust and
// pin, a changed certificate refused), a wrong password, the server enforcing roles, a revoke
// through the tokens page, "Keep me signed in" against a REAL keychain (ctest wraps this
// program in its own session bus with an unlocked gnome-keyring), sign-out, and a sign-in the
// server ends.
#include "../server/serverharness.h"
#include "account/serversignindialog.h"
#include "client/httpbackend.h"
#include "consoleapp.h"
#include "core/clock.h"
#include "guitest.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/credentialvault.h"
#include "platform/messagebox.h"
#include "security/passwordhasher.h"
#include "store/appinfo.h"
#include "tokens/tokenspage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

const char *WrongPassword = "Wrong-Guess#4711";

} // namespace

class TestServerConsole : public QObject
{
    Q_OBJECT

private:
    Fixture m_fx;
    QTemporaryDir m_certs;
    ServerProcess m_server;
    QString m_opensslA; ///< openssl's "AB:CD:…" SHA-256 of cert-a.pem (the server's)
    QByteArray m_fingerprintA;
    QByteArray m_fingerprintB;
    qint64 m_stanId = 0;
    qint64 m_adminToken = 0; ///< one of admin's tokens
    qint64 m_stanToken = 0;

    QUrl url() const { return m_server.url(); }

    template<typename T> Result<T> wait(const Pending<T> &p)
    {
        auto got = std::make_shared<std::optional<Result<T>>>();
        p.then(this, [got](Result<T> r) { got->emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return got->has_value(); }, 20000))
            return Error(Errc::Internal, QStringLiteral("no answer within 20 s"));
        return std::move(**got);
    }

    bool makeCertificate(const QString &name, QByteArray *fingerprint, QString *colons = nullptr)
    {
        const QString openssl = makeTestCertificate(m_certs.path(), name);
        if (colons)
            *colons = openssl;
        *fingerprint = fingerprintHex(openssl);
        return fingerprint->size() == 64;
    }
    QStringList tlsArgs(const QString &name) const { return tlsArguments(m_certs.path(), name); }
    /// A client that trusts cert-a (for requests of our own to the server).
    QSslConfiguration trustingCertA() const
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setCaCertificates(
            QSslCertificate::fromPath(m_certs.path() + QStringLiteral("/cert-a.pem")));
        return conf;
    }
    /// The status of GET /api/v1/account with that console credential.
    int accountStatus(const QByteArray &credential)
    {
        QNetworkAccessManager nam;
        const QSslConfiguration tls = trustingCertA();
        return http(nam, "GET", m_server.url(QStringLiteral("/api/v1/account")), bearer(credential),
                    {}, &tls)
            .status;
    }

    qint64 newToken(const QString &owner, const QString &name)
    {
        NewApiToken t;
        t.name = name;
        t.scopes = {QStringLiteral("collection")};
        t.username = owner;
        t.expiresAt = Clock::now().addDays(30);
        auto created = m_fx.domain->tokens.create(m_fx.cli, t);
        if (!created)
            return 0;
        noteSecret(created->secret);
        return created->id;
    }
    /// The token as the store behind the server holds it.
    ApiToken storeToken(qint64 id)
    {
        auto t = m_fx.domain->tokens.token(m_fx.cli, id);
        return t ? t.value() : ApiToken();
    }
    QStringList storeTokenNames()
    {
        TokenQuery all;
        all.limit = 0;
        QStringList names;
        if (auto list = m_fx.domain->tokens.list(m_fx.cli, all))
            for (const ApiToken &t : list.value())
                names << t.name;
        names.sort();
        return names;
    }

    /// Fills in the server sign-in dialog and presses Sign In.
    static void typeSignIn(ServerSignInDialog *d, const QString &user, const char *password,
                           bool keep = false)
    {
        child<QLineEdit>(d, "usernameEdit")->setText(user);
        child<QLineEdit>(d, "passwordEdit")->setText(QString::fromLatin1(password));
        child<QCheckBox>(d, "keepSignedInCheck")->setChecked(keep);
        child<QPushButton>(d, "signInButton")->click();
    }
    /// A console through the server, signed in as user (the certificate is pinned by then).
    std::unique_ptr<ConsoleApp> signedInConsole(const QString &user, const char *password,
                                                bool keep = false)
    {
        auto app = std::make_unique<ConsoleApp>(DatabaseLocation::defaultLocation(), false);
        app->setServer(url());
        app->start();
        if (!QTest::qWaitFor([&] { return app->serverSignInDialog() != nullptr; }, 10000))
            return nullptr;
        typeSignIn(app->serverSignInDialog(), user, password, keep);
        if (!QTest::qWaitFor([&] { return app->mainWindow() != nullptr; }, 20000))
            return nullptr;
        return app;
    }
    static QString messageOf(ServerSignInDialog *d)
    {
        return d ? child<QLabel>(d, "messageLabel")->text() : QStringLiteral("(no dialog)");
    }
    static bool idle(ServerSignInDialog *d)
    {
        return d && child<QLineEdit>(d, "passwordEdit")->isEnabled();
    }
    /// Every console sign-in of that user ended, through the server as admin.
    bool endConsoleSignInsOf(qint64 userId)
    {
        auto admin =
            wait(HttpBackend::signIn(url(), QStringLiteral("admin"), secret(AdminPassword), this));
        if (!admin)
            return false;
        noteSecret(admin.value()->credential());
        std::unique_ptr<HttpBackend> owned(admin.value());
        auto list = wait(owned->consoleSignIns(userId));
        if (!list)
            return false;
        for (const ConsoleSignIn &s : list.value())
            if (s.activeAt(Clock::nowMs()) && !wait(owned->endConsoleSignIn(s.id)))
                return false;
        (void)wait(owned->signOut());
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        setApplicationIdentity(QStringLiteral("tokendesk"));
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        QVERIFY2(!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
                 "no session bus: run through ctest, which wraps this test in dbus-run-session");
        // The keyring must really work here.
        bool done = false;
        CredentialVault::Answer written;
        CredentialVault::instance().write(QStringLiteral("test-probe"), secret("probe-value"),
                                          nullptr, [&](CredentialVault::Answer &a) {
                                              written.outcome = a.outcome;
                                              written.detail = a.detail;
                                              done = true;
                                          });
        QVERIFY2(QTest::qWaitFor([&] { return done; }, 10000), "the keyring did not answer");
        QVERIFY2(written.ok(),
                 qPrintable(QStringLiteral("the keyring could not store: ") + written.detail));

        QVERIFY(m_certs.isValid());
        QVERIFY(makeCertificate(QStringLiteral("cert-a"), &m_fingerprintA, &m_opensslA));
        QVERIFY(makeCertificate(QStringLiteral("cert-b"), &m_fingerprintB));
        QVERIFY(m_fingerprintA != m_fingerprintB);

        m_fx = makeFixture();
        QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
        QVERIFY(
            addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
        auto stan = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("stan"));
        QVERIFY(stan.ok());
        m_stanId = stan->id;
        m_adminToken = newToken(QStringLiteral("admin"), QStringLiteral("admin-deploy"));
        QVERIFY(newToken(QStringLiteral("admin"), QStringLiteral("admin-backup")));
        m_stanToken = newToken(QStringLiteral("stan"), QStringLiteral("stan-laptop"));
        QVERIFY(m_adminToken && m_stanToken);

        QString why;
        QVERIFY2(
            m_server.start(m_fx.db->spec(),
                           QStringList{QStringLiteral("--max-auth-failures"), QStringLiteral("0")} +
                               tlsArgs(QStringLiteral("cert-a")),
                           &why),
            qPrintable(why));
        QCOMPARE(url().scheme(), QStringLiteral("https"));
        QVERIFY(ServerTrust::pinned(url()).isEmpty());
    }

    void cleanup()
    {
        MessageBox::setNextAnswer(QMessageBox::NoButton);
        ServerSignInDialog::setCertificateAnswerForTesting(std::nullopt);
        QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
    }

    void cleanupTestCase()
    {
        m_server.stop();
        keepForLeakScan(QStringLiteral("server.log"), m_server.log());
        if (m_fx.db)
            keepForLeakScan(QStringLiteral("store.dump"), m_fx.db->dump());
    }

    /// An unknown certificate is shown with openssl's fingerprint; Cancel connects to nothing
    /// and pins nothing; Trust and Connect pins it and opens the main window over the server.
    void unknownCertificateIsAskedAndPinned()
    {
        ConsoleApp app(DatabaseLocation::defaultLocation(), false);
        app.setServer(url());
        app.start();
        QTRY_VERIFY(app.serverSignInDialog());
        QPointer<ServerSignInDialog> d = app.serverSignInDialog();
        QCOMPARE(child<QLineEdit>(d, "serverUrlEdit")->text(), url().toString());
        typeSignIn(d, QStringLiteral("admin"), AdminPassword);
        QTRY_VERIFY(!d || d->findChild<CertificateDialog *>());
        QVERIFY2(d, "signed in without asking about the certificate");
        QPointer<CertificateDialog> question = d->findChild<CertificateDialog *>();
        QVERIFY(QTest::qWaitForWindowExposed(question));
        const QString shown = child<QLabel>(question, "fingerprintValue")->text();
        QCOMPARE(shown, CertificateDialog::groupedFingerprint(m_fingerprintA));
        // The same bytes as openssl reports, in lines of 8.
        QCOMPARE(QString(shown).replace(QLatin1Char('\n'), QLatin1Char(':')), m_opensslA);
        QCOMPARE(shown.count(QLatin1Char('\n')), 3);
        screenshot(question, QStringLiteral("server-certificate-question"));

        question->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        QTRY_VERIFY(!question);
        QTRY_VERIFY(idle(d));
        QCOMPARE(messageOf(d),
                 QStringLiteral("Not connected: the server's certificate was not trusted."));
        QVERIFY(ServerTrust::pinned(url()).isEmpty());
        QVERIFY(!app.mainWindow());
        QVERIFY(!app.context());
        QVERIFY(d->isVisible());

        // Again, and trusted this time.
        child<QPushButton>(d, "signInButton")->click();
        QTRY_VERIFY(d && d->findChild<CertificateDialog *>());
        question = d->findChild<CertificateDialog *>();
        child<QPushButton>(question, "trustButton")->click();
        QTRY_VERIFY(app.mainWindow());
        QCOMPARE(ServerTrust::pinned(url()), m_fingerprintA);
        QVERIFY(app.context() && !app.context()->isLocal());
        QTRY_VERIFY(!d);

        MainWindow *window = app.mainWindow();
        QVERIFY(window->showPage(QStringLiteral("tokensPage")));
        auto *page = qobject_cast<TokensPage *>(window->currentPage());
        QVERIFY(page);
        const QStringList expected = storeTokenNames();
        QVERIFY(expected.contains(QStringLiteral("admin-deploy")));
        QTRY_COMPARE(page->model()->rowCount(), int(expected.size()));
        const auto listed = [page] {
            QStringList names;
            for (int row = 0; row < page->model()->rowCount(); ++row)
                names << page->model()->index(row, TokenListModel::NameColumn).data().toString();
            names.sort();
            return names;
        };
        QTRY_COMPARE(listed(), expected);
        const QString status = child<QLabel>(window, "signedInUser")->text();
        QVERIFY2(status.contains(QStringLiteral("127.0.0.1:%1").arg(url().port())),
                 qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("admin")), qPrintable(status));
        QVERIFY(window->windowTitle().contains(QLatin1String("127.0.0.1")));
        screenshot(window, QStringLiteral("server-console-tokens"));
        window->close();
        QTRY_VERIFY(!app.mainWindow());
    }

    /// A wrong password: the dialog stays with the server's answer; the password is in no log.
    void wrongPasswordKeepsTheDialog()
    {
        // What the server answers to it, asked directly.
        auto direct =
            wait(HttpBackend::signIn(url(), QStringLiteral("admin"), secret(WrongPassword), this));
        QCOMPARE(direct.code(), Errc::AuthenticationFailed);
        const QString serverMessage = direct.error().message;
        QVERIFY(!serverMessage.isEmpty());

        ConsoleApp app(DatabaseLocation::defaultLocation(), false);
        app.setServer(url());
        app.start();
        QTRY_VERIFY(app.serverSignInDialog());
        QPointer<ServerSignInDialog> d = app.serverSignInDialog();
        typeSignIn(d, QStringLiteral("admin"), WrongPassword);
        QTRY_VERIFY(idle(d) && messageOf(d) == serverMessage);
        QVERIFY(!d->findChild<CertificateDialog *>()); // pinned: no question
        QVERIFY(d->isVisible());
        QVERIFY(!app.mainWindow());
        QVERIFY(!app.context());
        QVERIFY(!m_server.log().contains(WrongPassword));
        QVERIFY(!m_server.log().contains(AdminPassword));
    }

    /// The server presents another certificate than the pinned one: refused, both named.
    void changedCertificateIsRefused()
    {
        ServerProcess other;
        QString why;
        QVERIFY2(other.start(m_fx.db->spec(), tlsArgs(QStringLiteral("cert-b")), &why),
                 qPrintable(why));
        ServerTrust::pin(other.url(), m_fingerprintA);

        ConsoleApp app(DatabaseLocation::defaultLocation(), false);
        app.setServer(other.url());
        app.start();
        QTRY_VERIFY(app.serverSignInDialog());
        QPointer<ServerSignInDialog> d = app.serverSignInDialog();
        typeSignIn(d, QStringLiteral("admin"), AdminPassword);
        QTRY_VERIFY(idle(d) && !messageOf(d).isEmpty());
        const QString message = messageOf(d);
        QVERIFY2(message.contains(CertificateDialog::groupedFingerprint(m_fingerprintA)),
                 qPrintable(message));
        QVERIFY2(message.contains(CertificateDialog::groupedFingerprint(m_fingerprintB)),
                 qPrintable(message));
        QVERIFY(message.contains(QLatin1String("changed")));
        QVERIFY(!d->findChild<CertificateDialog *>()); // not asked: refused
        QVERIFY(!app.mainWindow());
        QVERIFY(!app.context());
        QCOMPARE(ServerTrust::pinned(other.url()), m_fingerprintA); // the pin stays
        // Nothing reached the server behind it: no sign-in was attempted there.
        QVERIFY(!other.log().contains("/console/sign-in"));
        screenshot(d, QStringLiteral("server-certificate-changed"));
        QCOMPARE(other.stop(), 0);
        keepForLeakScan(QStringLiteral("other-server.log"), other.log());
    }

    /// The examples name the address clients use: the one a server announces (--public-url,
    /// behind a proxy), else the one the console signed in to.
    void examplesUseTheAnnouncedAddress()
    {
        auto direct =
            wait(HttpBackend::signIn(url(), QStringLiteral("admin"), secret(AdminPassword), this));
        QVERIFY(direct);
        noteSecret(direct.value()->credential());
        ConsoleContext plain(direct.value());
        QCOMPARE(wait(plain.backend().publicUrl()).value(), QString());
        QCOMPARE(plain.serverUrl(), plain.backend().location());
        QVERIFY(wait(plain.backend().signOut()));

        ServerProcess proxied;
        QString why;
        QVERIFY2(proxied.start(m_fx.db->spec(),
                               tlsArgs(QStringLiteral("cert-a")) +
                                   QStringList{QStringLiteral("--public-url"),
                                               QStringLiteral(" https://tokens.example.org/ ")},
                               &why),
                 qPrintable(why));
        ServerTrust::pin(proxied.url(), m_fingerprintA);
        auto behind = wait(HttpBackend::signIn(proxied.url(), QStringLiteral("admin"),
                                               secret(AdminPassword), this));
        QVERIFY(behind);
        noteSecret(behind.value()->credential());
        ConsoleContext context(behind.value());
        QTRY_COMPARE(context.serverUrl(), QStringLiteral("https://tokens.example.org"));
        QVERIFY(context.backend().location() != context.serverUrl());
        QVERIFY(wait(context.backend().signOut()));
        QCOMPARE(proxied.stop(), 0);
        keepForLeakScan(QStringLiteral("proxied-server.log"), proxied.log());
    }

    /// Signed in as a Standard user, an administrator's action is refused by the server itself.
    void serverEnforcesTheRole()
    {
        auto app = signedInConsole(QStringLiteral("stan"), StandardPassword);
        QVERIFY(app);
        ConsoleContext *context = app->context();
        QVERIFY(context && !context->isLocal());
        QCOMPARE(context->backend().transport(), td::Backend::Transport::Server);
        // The console is not asked (its own checks are skipped here): the server refuses.
        // Settings are the administrator's: PermissionDenied, and the store keeps its value.
        const auto before = m_fx.domain->accounts.settings();
        QVERIFY(before.ok());
        StoreSettings changed = before.value();
        changed.expiringSoonDays = before->expiringSoonDays == 14 ? 21 : 14;
        auto denied = wait(context->backend().updateSettings(changed));
        QCOMPARE(denied.code(), Errc::PermissionDenied);
        QCOMPARE(m_fx.domain->accounts.settings()->expiringSoonDays, before->expiringSoonDays);
        // Another's token: refused in the same words as a missing one (a Standard user learns
        // nothing about it), and the store keeps it as it was.
        auto revoked = wait(context->backend().revokeTokens({m_adminToken}));
        QCOMPARE(revoked.code(), Errc::NotFound);
        QVERIFY(!storeToken(m_adminToken).revokedAt.isValid());
        QVERIFY(storeToken(m_adminToken).status != TokenStatus::Revoked);
        auto deleted = wait(context->backend().deleteTokens({m_adminToken}));
        QCOMPARE(deleted.code(), Errc::PermissionDenied);    // not a Standard user's to delete
        QCOMPARE(storeToken(m_adminToken).id, m_adminToken); // still there
        // Their own token they may revoke: the refusals above were about whose it is.
        auto own = wait(context->backend().revokeTokens({m_stanToken}));
        QVERIFY2(own.ok(), qPrintable(own.ok() ? QString() : own.error().message));
        QCOMPARE(own.value(), 1);
        QCOMPARE(storeToken(m_stanToken).status, TokenStatus::Revoked);
        app->mainWindow()->close();
        QTRY_VERIFY(!app->mainWindow());
    }

    /// Revoke on the tokens page goes through the server into its store.
    void revokeThroughTheTokensPage()
    {
        const qint64 id = newToken(QStringLiteral("admin"), QStringLiteral("revoke-me"));
        QVERIFY(id);
        auto app = signedInConsole(QStringLiteral("admin"), AdminPassword);
        QVERIFY(app);
        MainWindow *window = app->mainWindow();
        QVERIFY(window->showPage(QStringLiteral("tokensPage")));
        auto *page = qobject_cast<TokensPage *>(window->currentPage());
        QVERIFY(page);
        // Selected once the list has it (again, if a late answer of the list resets it).
        QTRY_VERIFY2(page->selectToken(id) && window->action(Page::Revoke)->isEnabled(),
                     qPrintable(QStringLiteral("rows %1, found %2, targets %3, why: %4")
                                    .arg(page->model()->rowCount())
                                    .arg(page->selectToken(id))
                                    .arg(page->targets().size())
                                    .arg(window->action(Page::Revoke)->toolTip())));
        QCOMPARE(page->targets().size(), 1);
        QCOMPARE(page->targets().constFirst().id, id);
        MessageBox::setNextAnswer(QMessageBox::Yes); // the confirmation
        window->action(Page::Revoke)->trigger();
        QTRY_COMPARE(storeToken(id).status, TokenStatus::Revoked);
        QVERIFY(storeToken(id).revokedAt.isValid());
        QVERIFY(storeToken(m_adminToken).status != TokenStatus::Revoked); // only that one
        QCOMPARE(auditRows(*m_fx.store, QStringLiteral("token.revoke"))
                     .value(0)
                     .section(QLatin1Char('|'), 0, 0),
                 QStringLiteral("admin"));
        window->close();
        QTRY_VERIFY(!app->mainWindow());
    }

    /// "Keep me signed in": the keychain holds the console credential, the next start goes on
    /// without asking, and Sign Out removes it and revokes it on the server.
    void keepMeSignedIn()
    {
        const QString key = CredentialVault::serverKey(url());
        QCOMPARE(readKey(key).first, CredentialVault::Outcome::NotFound);
        {
            auto app = signedInConsole(QStringLiteral("admin"), AdminPassword, true);
            QVERIFY(app);
            app->mainWindow()->close();
            QTRY_VERIFY(!app->mainWindow());
        }
        QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
        const auto kept = readKey(key);
        QCOMPARE(kept.first, CredentialVault::Outcome::Ok);
        const QByteArray credential = kept.second.toUtf8();
        noteSecret(credential);
        QVERIFY(credential.startsWith("tdc_"));
        QVERIFY(!credential.contains(AdminPassword));
        QCOMPARE(accountStatus(credential), 200);

        // A new console over the same settings: straight into the main window.
        ConsoleApp app(DatabaseLocation::defaultLocation(), false);
        app.setServer(url());
        bool asked = false;
        connect(&app, &ConsoleApp::stageChanged, this,
                [&] { asked = asked || app.serverSignInDialog(); });
        app.start();
        QTRY_VERIFY(app.mainWindow());
        QVERIFY(!asked);
        QVERIFY(!app.serverSignInDialog());
        QVERIFY(child<QLabel>(app.mainWindow(), "signedInUser")
                    ->text()
                    .contains(QLatin1String("admin")));

        // Sign Out: the keychain entry goes, and the server no longer takes the credential.
        QPointer<MainWindow> window = app.mainWindow();
        window->findChild<QAction *>(QStringLiteral("actionSignOut"))->trigger();
        QTRY_VERIFY(!window);
        QTRY_VERIFY(app.serverSignInDialog());
        QVERIFY(!app.context());
        QTRY_COMPARE(CredentialVault::instance().pendingJobs(), 0);
        QCOMPARE(readKey(key).first, CredentialVault::Outcome::NotFound);
        QCOMPARE(accountStatus(credential), 401);
    }

    /// The server ends the console's sign-in: its next request returns it to the sign-in.
    void serverEndsTheSignIn()
    {
        auto app = signedInConsole(QStringLiteral("stan"), StandardPassword);
        QVERIFY(app);
        QPointer<MainWindow> window = app->mainWindow();
        QVERIFY(endConsoleSignInsOf(m_stanId));
        // Nothing to click: the console's held change poll is answered 401 (woken by the change,
        // or at the server's timeout at the latest), which ends the sign-in.
        QTRY_VERIFY_WITH_TIMEOUT(!window, AnswerMs);
        QTRY_VERIFY(app->serverSignInDialog());
        QVERIFY(!app->context());
        const QString message = messageOf(app->serverSignInDialog());
        QVERIFY2(message.contains(QLatin1String("ended your sign-in")), qPrintable(message));
        QCOMPARE(child<QLineEdit>(app->serverSignInDialog(), "usernameEdit")->text(),
                 QStringLiteral("stan"));
        screenshot(app->serverSignInDialog(), QStringLiteral("server-sign-in-ended"));
        // Signing in again works.
        typeSignIn(app->serverSignInDialog(), QStringLiteral("stan"), StandardPassword);
        QTRY_VERIFY(app->mainWindow());
        app->mainWindow()->close();
        QTRY_VERIFY(!app->mainWindow());
    }
};

QTEST_MAIN(TestServerConsole)
#include "tst_serverconsole.moc"
