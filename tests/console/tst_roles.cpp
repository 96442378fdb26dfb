// SPDX-License-Identifier: MIT
// The role matrix in the console: for each user type, what the window offers (enabled, or
// disabled with a tooltip saying why) is exactly what the type allows — and the domain layer
// refuses the rest anyway, with an audit row.
#include "account/managetokensdialog.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "guitest.h"
#include "mainwindow.h"
#include "store/appinfo.h"
#include "users/departmentspanel.h"
#include "users/userdialog.h"
#include "users/usersmodel.h"
#include "users/userspage.h"
#include "users/usertypespanel.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {
const char *ViewerPassword = "Viewer-Pass#4";

QListWidgetItem *placeItem(MainWindow &w, const QString &page)
{
    auto *nav = w.findChild<QListWidget *>(QStringLiteral("navigation"));
    for (int i = 0; nav && i < nav->count(); ++i)
        if (nav->item(i)->data(Qt::UserRole).toString() == page)
            return nav->item(i);
    return nullptr;
}

bool placeOpen(MainWindow &w, const QString &page)
{
    QListWidgetItem *item = placeItem(w, page);
    return item && item->flags().testFlag(Qt::ItemIsEnabled);
}
} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void matrix_data();
    void matrix();
    void tokenVisibilityByType();

private:
    Fixture m_fx;
};

void TestRoles::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    QVERIFY(addUser(m_fx, QStringLiteral("sam"), QStringLiteral("Support"), SupportPassword));
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    QVERIFY(addUser(m_fx, QStringLiteral("alice"), QStringLiteral("Standard"), StandardPassword));
    // A user type of the administrators' making: sees users and the log, nothing else.
    QVERIFY(m_fx.domain->accounts.createUserType(m_fx.cli, QStringLiteral("Viewer"), QString(),
                                                 {Permission::UsersView, Permission::AuditView}));
    QVERIFY(addUser(m_fx, QStringLiteral("vera"), QStringLiteral("Viewer"), ViewerPassword));
}

void TestRoles::cleanup()
{
    QSettings().clear();
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            delete w;
}

void TestRoles::cleanupTestCase()
{
    stopConsoleServer();
    m_fx = Fixture();
}

void TestRoles::matrix_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("seeUsers");
    QTest::addColumn<bool>("manageUsers");
    QTest::addColumn<bool>("readAudit");
    QTest::addColumn<bool>("resetOwn");
    QTest::newRow("Administrator")
        << "admin" << QString::fromLatin1(AdminPassword) << true << true << true << true;
    QTest::newRow("Support") << "sam" << QString::fromLatin1(SupportPassword) << true << false
                             << true << true;
    QTest::newRow("Standard") << "stan" << QString::fromLatin1(StandardPassword) << false << false
                              << false << true;
    QTest::newRow("Viewer (custom)")
        << "vera" << QString::fromLatin1(ViewerPassword) << true << false << true << false;
}

void TestRoles::matrix()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(bool, seeUsers);
    QFETCH(bool, manageUsers);
    QFETCH(bool, readAudit);
    QFETCH(bool, resetOwn);
    auto ctx = signedInContext(m_fx, user, password.toLatin1().constData());
    QVERIFY(ctx);
    const QString tag =
        QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(' '), 0, 0);

    // ---- places ----
    MainWindow w(*ctx);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(placeOpen(w, QStringLiteral("usersPage")), seeUsers);
    QCOMPARE(placeOpen(w, QStringLiteral("auditPage")), readAudit);
    QCOMPARE(w.showPage(QStringLiteral("usersPage")), seeUsers);
    QCOMPARE(w.showPage(QStringLiteral("auditPage")), readAudit);
    if (!seeUsers)
        QVERIFY(placeItem(w, QStringLiteral("usersPage"))
                    ->toolTip()
                    .contains(QLatin1String("does not allow")));
    if (!readAudit)
        QVERIFY(placeItem(w, QStringLiteral("auditPage"))
                    ->toolTip()
                    .contains(QLatin1String("does not allow")));
    QVERIFY(placeOpen(w, QStringLiteral("tokensPage"))); // everyone has tokens (their own)
    screenshot(&w, QStringLiteral("roles-%1").arg(tag.toLower()));

    // ---- the Users place ----
    if (seeUsers) {
        QVERIFY(w.showPage(QStringLiteral("usersPage")));
        auto *page = qobject_cast<UsersPage *>(w.currentPage());
        QVERIFY(page);
        auto *newUser = child<QPushButton>(page, "newUserButton");
        QCOMPARE(newUser->isEnabled(), manageUsers);
        QCOMPARE(w.action(Page::New)->isEnabled(), manageUsers);
        if (!manageUsers) {
            QVERIFY(newUser->toolTip().contains(QLatin1String("does not allow")));
            QVERIFY(w.action(Page::New)->toolTip().contains(QLatin1String("does not allow")));
        }
        QVERIFY(selectUser(page, QStringLiteral("alice")));
        QCOMPARE(child<QPushButton>(page, "disableUserButton")->isEnabled(), manageUsers);
        if (!manageUsers)
            QVERIFY(child<QPushButton>(page, "disableUserButton")
                        ->toolTip()
                        .contains(QLatin1String("does not allow")));
        QVERIFY(w.action(Page::Inspect)->isEnabled()); // everyone who sees users may look
        page->triggerInspect();
        auto *dialog = page->findChild<UserDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->mode(), manageUsers ? UserDialog::Mode::Edit : UserDialog::Mode::View);
        QCOMPARE(child<QPushButton>(dialog, "saveButton") != nullptr, manageUsers);
        QCOMPARE(child<QLineEdit>(dialog, "displayNameEdit")->isReadOnly(), !manageUsers);
        if (!manageUsers)
            screenshot(dialog, QStringLiteral("user-dialog-view"));
        dialog->reject();
        auto *departments = page->findChild<DepartmentsPanel *>();
        QCOMPARE(child<QLineEdit>(departments, "newDepartmentEdit")->isEnabled(), manageUsers);
        QCOMPARE(child<QPushButton>(page->findChild<UserTypesPanel *>(), "newUserTypeButton")
                     ->isEnabled(),
                 manageUsers);
    }

    // ---- Settings ▸ Manage Tokens (everyone opens it; only reset_own may use it) ----
    ManageTokensDialog manage(*ctx);
    manage.show();
    // What it offers once the account is read (over a server, a moment later).
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(&manage, "tokenStatusValue")->text().isEmpty(),
                             AnswerMs);
    child<QLineEdit>(&manage, "newAccessCodeEdit")->setText(QStringLiteral("Kx9#mQ2w"));
    child<QLineEdit>(&manage, "currentPasswordEdit")->setText(password);
    child<QLineEdit>(&manage, "repeatAccessCodeEdit")->setText(QStringLiteral("Kx9#mQ2w"));
    auto *generate = child<QPushButton>(&manage, "saveAndGenerateButton");
    QCOMPARE(generate->isEnabled(), resetOwn);
    if (!resetOwn) {
        QVERIFY(generate->toolTip().contains(QLatin1String("does not allow")));
        QVERIFY(child<QPushButton>(&manage, "setNewAccessCodeButton")
                    ->toolTip()
                    .contains(QLatin1String("does not allow")));
        QVERIFY(child<QLabel>(&manage, "notAllowedLabel")->isVisible());
        screenshot(&manage, QStringLiteral("manage-tokens-not-allowed"));
    }
    manage.close();

    // ---- the domain refuses what the window does not offer, and says so in the log ----
    Domain &svc = *m_fx.domain;
    const Actor &me = ctx->actor();
    auto alice = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"));
    if (!manageUsers) {
        NewUser n;
        n.username = QStringLiteral("intruder");
        n.department = QStringLiteral("Administration");
        n.userType = QStringLiteral("Administrator");
        n.password = secret("Intruder#Pass1");
        QCOMPARE(svc.accounts.createUser(me, n).code(), Errc::PermissionDenied);
        QCOMPARE(lastAudit(*m_fx.store).outcome, QStringLiteral("denied"));
        QCOMPARE(lastAudit(*m_fx.store).actor, user);
        QCOMPARE(svc.accounts.disableUser(me, alice->id).code(), Errc::PermissionDenied);
        QCOMPARE(svc.accounts.createDepartment(me, QStringLiteral("Shadow")).code(),
                 Errc::PermissionDenied);
        QVERIFY(m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"))->enabled());
    }
    if (!seeUsers) {
        auto listed = svc.accounts.users(me);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1); // only themselves
        QCOMPARE(listed->first().username, user);
        QCOMPARE(svc.accounts.user(me, alice->id).code(), Errc::PermissionDenied);
    }
    if (!readAudit) {
        QCOMPARE(svc.audit.count(me, {}).code(), Errc::PermissionDenied);
        QCOMPARE(svc.audit.window(me, {}, WindowRequest{}).code(), Errc::PermissionDenied);
        QCOMPARE(svc.audit.entries(me, {}).code(), Errc::PermissionDenied);
    } else {
        QVERIFY(svc.audit.count(me, {}));
    }
    if (!resetOwn) {
        const SecretBytes code = secret("Kx9#mQ2w");
        QCOMPARE(svc.tokens.resetPersonalToken(me, me.userId, SecretBytes(), &code, 90).code(),
                 Errc::PermissionDenied);
        QCOMPARE(lastAudit(*m_fx.store).action, QStringLiteral("token.reset"));
        QCOMPARE(lastAudit(*m_fx.store).outcome, QStringLiteral("denied"));
    }
}

void TestRoles::tokenVisibilityByType()
{
    // Standard users see only their own tokens; Support sees every token but changes none and
    // may end mobile sessions.
    for (const QString &owner : {QStringLiteral("alice"), QStringLiteral("stan")}) {
        NewApiToken t;
        t.name = QStringLiteral("token of ") + owner;
        t.scopes = {QStringLiteral("collection")};
        t.username = owner;
        t.expiresAt = Clock::now().addDays(30);
        QVERIFY(m_fx.domain->tokens.create(m_fx.cli, t));
    }
    auto stan = signedInContext(m_fx, QStringLiteral("stan"), StandardPassword);
    auto sam = signedInContext(m_fx, QStringLiteral("sam"), SupportPassword);
    TokenQuery all;
    all.limit = 0;
    auto stanTokens = m_fx.domain->tokens.list(stan->actor(), all);
    QVERIFY(stanTokens);
    QCOMPARE(stanTokens->size(), 1);
    QCOMPARE(stanTokens->first().username, QStringLiteral("stan"));
    auto samTokens = m_fx.domain->tokens.list(sam->actor(), all);
    QVERIFY(samTokens);
    QVERIFY(samTokens->size() >= 2);
    QCOMPARE(m_fx.domain->tokens.revoke(sam->actor(), {samTokens->first().id}).code(),
             Errc::PermissionDenied);
    QCOMPARE(m_fx.domain->tokens.revoke(stan->actor(), {stanTokens->first().id}).value(), 1);

    auto alice = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("alice"));
    QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, alice->id, secret("Alice#Code9"), 90));
    auto session = m_fx.domain->sessions.create(QStringLiteral("alice"), secret("Alice#Code9"),
                                                QStringLiteral("Phone"), QStringLiteral("ios"),
                                                QStringLiteral("3.0"), QStringLiteral("10.1.1.1"));
    QVERIFY(session);
    // (A session Standard users cannot see is "not found" to them: its existence is not told.)
    const Errc refused = m_fx.domain->sessions.revoke(stan->actor(), {session->id}).code();
    QVERIFY(refused == Errc::PermissionDenied || refused == Errc::NotFound);
    QVERIFY(m_fx.domain->tokens.verify(session->secret.bytes(), {})->valid());
    QCOMPARE(m_fx.domain->sessions.revoke(sam->actor(), {session->id}).value(), 1);
}

QTEST_MAIN(TestRoles)
#include "tst_roles.moc"
