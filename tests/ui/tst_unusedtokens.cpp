// SPDX-License-Identifier: MIT
// Stale tokens in the console: the API Tokens page's "Not used for" filter, and "Revoke Unused
// Tokens…" (its preview per department and per user and its list, then one revoke of what it
// showed; a change meanwhile revokes nothing). English and German pictures of both go to
// <build>/screenshots/. ui.unused.server runs it through a real tokendesk-server.
#include "../console/guitest.h"
#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "platform/translations.h"
#include "settings/preferencesdialog.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "tokens/revokeunuseddialog.h"
#include "tokens/tokenspage.h"
#include "widgets/confirmdialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
}

class TestUnusedTokensPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void notUsedForFiltersTheList_data();
    void notUsedForFiltersTheList();
    void revokeUnusedPreviewsThenRevokes_data();
    void revokeUnusedPreviewsThenRevokes();
    void aChangeAfterThePreviewRevokesNothing();
    void onlyAdministratorsRevokeUnusedTokens();
    void policyInSettingsInGerman();

private:
    [[nodiscard]] bool openWindow(const QString &user = QStringLiteral("admin"),
                                  const char *password = AdminPassword);
    /// A token of `user` created `ageDays` ago, last used `usedDaysAgo` ago (-1: never).
    qint64 makeToken(const QString &name, const QString &user, int ageDays, int usedDaysAgo);
    RevokeUnusedDialog *openRevokeUnused();
    QStringList listedNames();

    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    TokensPage *m_page = nullptr;
    TokenListModel *m_model = nullptr;
    Actor m_admin;
    QHash<QString, qint64> m_ids;
};

void TestUnusedTokensPage::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
}

void TestUnusedTokensPage::init()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    QVERIFY(m_f.domain->accounts.createDepartment(m_f.cli, QStringLiteral("Research")).ok());
    QVERIFY(addUser(m_f, QStringLiteral("stan"), BuiltinUserType::Standard, StandardPassword));
    NewUser u;
    u.username = QStringLiteral("rita");
    u.email = QStringLiteral("rita@example.org");
    u.department = QStringLiteral("Research");
    u.userType = BuiltinUserType::Standard;
    u.password = secret("Rita-Pass#44");
    QVERIFY(m_f.domain->accounts.createUser(m_f.cli, u).ok());
    auto admin = m_f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    QVERIFY(admin.ok());
    m_admin = admin.value();
    m_ids.clear();
    // Unused for 90 days: deploy-old (never used), rita-report, rita-sync (used 120 days ago),
    // stan-ci; not: fresh (new, never used), busy (used yesterday), stan-60 (used 70 days ago).
    makeToken(QStringLiteral("deploy-old"), QStringLiteral("admin"), 200, -1);
    makeToken(QStringLiteral("rita-report"), QStringLiteral("rita"), 150, -1);
    makeToken(QStringLiteral("rita-sync"), QStringLiteral("rita"), 150, 120);
    makeToken(QStringLiteral("stan-ci"), QStringLiteral("stan"), 100, -1);
    makeToken(QStringLiteral("fresh"), QStringLiteral("stan"), 0, -1);
    makeToken(QStringLiteral("busy"), QStringLiteral("rita"), 300, 1);
    makeToken(QStringLiteral("stan-60"), QStringLiteral("stan"), 100, 70);
    QCOMPARE(m_ids.size(), 7);
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void TestUnusedTokensPage::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    m_context.reset();
    stopConsoleServer();
    m_f = Fixture();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

qint64 TestUnusedTokensPage::makeToken(const QString &name, const QString &user, int ageDays,
                                       int usedDaysAgo)
{
    NewApiToken n;
    n.name = name;
    n.scopes = {Scope::Collection};
    n.username = user;
    n.expiresAt = Clock::now().addDays(90);
    auto created = m_f.domain->tokens.create(m_admin, n);
    if (!created) {
        qWarning() << created.error().message;
        return 0;
    }
    // Its age and last use, as the days gone by would have left them.
    const qint64 now = Clock::nowMs();
    const QVariant used = usedDaysAgo < 0 ? QVariant(QMetaType(QMetaType::LongLong))
                                          : QVariant(now - usedDaysAgo * DayMs);
    const auto set = m_f.store->write([&] {
        m_f.store->run(QStringLiteral("UPDATE api_tokens SET created_at = ?, last_used_at = ?, "
                                      "last_used_addr = ? WHERE id = ?"),
                       {now - ageDays * DayMs, used,
                        usedDaysAgo < 0 ? QVariant(QMetaType(QMetaType::QString))
                                        : QVariant(QStringLiteral("10.1.2.3")),
                        created->id});
    });
    if (!set.ok())
        qWarning() << set.error().message;
    m_ids.insert(name, created->id);
    return created->id;
}

bool TestUnusedTokensPage::openWindow(const QString &user, const char *password)
{
    m_context = signedInContext(m_f, user, password);
    if (!m_context)
        return false;
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1280, 760);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()) ||
        !m_window->showPage(QStringLiteral("tokensPage")))
        return false;
    m_page = child<TokensPage>(m_window.get(), "tokensPage");
    if (!m_page)
        return false;
    m_model = m_page->model();
    return settled(m_model);
}

QStringList TestUnusedTokensPage::listedNames()
{
    QStringList names;
    for (int r = 0; r < m_model->rowCount(); ++r)
        names << m_model->data(m_model->index(r, TokenListModel::NameColumn)).toString();
    names.sort();
    return names;
}

RevokeUnusedDialog *TestUnusedTokensPage::openRevokeUnused()
{
    // Edit ▸ Revoke Unused Tokens…
    auto *edit = m_window->findChild<QMenu *>(QStringLiteral("editMenu"));
    QAction *action = m_page->revokeUnusedAction();
    if (!edit || !edit->actions().contains(action) || !action->isEnabled())
        return nullptr;
    action->trigger();
    RevokeUnusedDialog *dialog = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            dialog =
                m_window->findChild<RevokeUnusedDialog *>(QStringLiteral("revokeUnusedDialog"));
            return dialog && dialog->isVisible();
        },
        AnswerMs);
    return dialog;
}

void TestUnusedTokensPage::notUsedForFiltersTheList_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany);
}

void TestUnusedTokensPage::notUsedForFiltersTheList()
{
    QFETCH(QLocale, locale);
    QVERIFY(Translations::install(*qApp, locale));
    auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    QVERIFY(openWindow());
    QCOMPARE(m_model->rowCount(), 7);
    auto *unused = child<QComboBox>(m_page, "unusedFilter");
    QVERIFY(unused);
    QCOMPARE(unused->currentData().toInt(), 0); // no filter at first
    unused->setCurrentIndex(unused->findData(90));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 4, AnswerMs);
    QVERIFY(rowsRead(m_model));
    QCOMPARE(listedNames(), QStringList({"deploy-old", "rita-report", "rita-sync", "stan-ci"}));
    QVERIFY(screenshot(m_window.get(), QStringLiteral("tokens-unused-filter_%1")
                                           .arg(QString::fromLatin1(QTest::currentDataTag()))));
    unused->setCurrentIndex(unused->findData(60));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 5, AnswerMs); // stan-60 too
    unused->setCurrentIndex(unused->findData(180));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, AnswerMs);
    QVERIFY(rowsRead(m_model));
    QCOMPARE(listedNames(), QStringList({"deploy-old"}));
    unused->setCurrentIndex(unused->findData(TokenQuery::NeverUsed));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 4, AnswerMs);
    QVERIFY(rowsRead(m_model));
    QCOMPARE(listedNames(), QStringList({"deploy-old", "fresh", "rita-report", "stan-ci"}));
    // The status bar counts what the filter lists.
    auto *status = child<QLabel>(m_window.get(), "statusText");
    QTRY_VERIFY2(status->text().contains(QLatin1String(" 4 ")), qPrintable(status->text()));
    unused->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 7, AnswerMs);
}

void TestUnusedTokensPage::revokeUnusedPreviewsThenRevokes_data()
{
    notUsedForFiltersTheList_data();
}

void TestUnusedTokensPage::revokeUnusedPreviewsThenRevokes()
{
    QFETCH(QLocale, locale);
    QVERIFY(Translations::install(*qApp, locale));
    auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    QVERIFY(openWindow());
    RevokeUnusedDialog *dialog = openRevokeUnused();
    QVERIFY(dialog);
    QCOMPARE(dialog->days(), 90); // the default period
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTotal(), 4, AnswerMs);
    // Per department: Administration (deploy-old, stan-ci), Research (the two of rita).
    QTableWidget *departments = dialog->departmentTable();
    QCOMPARE(departments->rowCount(), 2);
    QTableWidget *users = dialog->userTable();
    QCOMPARE(users->rowCount(), 3);
    QCOMPARE(users->item(0, 0)->text(), QStringLiteral("rita")); // most tokens first
    QCOMPARE(users->item(0, 1)->text(), QStringLiteral("2"));
    QCOMPARE(users->item(1, 0)->text(), QStringLiteral("admin"));
    QCOMPARE(users->item(2, 0)->text(), QStringLiteral("stan"));
    QStringList departmentNames;
    for (int r = 0; r < departments->rowCount(); ++r) {
        departmentNames << departments->item(r, 0)->text();
        QCOMPARE(departments->item(r, 1)->text(), QStringLiteral("2"));
    }
    departmentNames.sort();
    QCOMPARE(departmentNames, QStringList({"Administration", "Research"}));
    // The list: the four tokens.
    auto *listModel = qobject_cast<TokenListModel *>(dialog->tokenView()->model());
    QVERIFY(listModel);
    QTRY_COMPARE_WITH_TIMEOUT(listModel->rowCount(), 4, AnswerMs);
    QVERIFY(rowsRead(listModel));
    QVERIFY(dialog->revokeButton()->isEnabled());
    QVERIFY2(dialog->summaryLabel()->text().contains(QLatin1Char('4')),
             qPrintable(dialog->summaryLabel()->text()));
    QVERIFY(screenshot(
        dialog,
        QStringLiteral("revoke-unused_%1").arg(QString::fromLatin1(QTest::currentDataTag()))));

    // Another period counts again.
    dialog->setDays(180);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTotal(), 1, AnswerMs);
    QCOMPARE(dialog->userTable()->rowCount(), 1);
    QCOMPARE(dialog->userTable()->item(0, 0)->text(), QStringLiteral("admin"));
    dialog->setDays(90);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTotal(), 4, AnswerMs);

    // Revoke: the confirmation names the count; declining changes nothing.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    dialog->revokeButton()->click();
    QCOMPARE(m_f.domain->tokens.token(m_admin, m_ids.value("stan-ci"))->status,
             TokenStatus::Active);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->revokeButton()->isEnabled(), AnswerMs);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    dialog->revokeButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTotal(), 0, AnswerMs);
    for (const char *name : {"deploy-old", "rita-report", "rita-sync", "stan-ci"})
        QCOMPARE(m_f.domain->tokens.token(m_admin, m_ids.value(name))->status,
                 TokenStatus::Revoked);
    for (const char *name : {"fresh", "busy", "stan-60"})
        QCOMPARE(m_f.domain->tokens.token(m_admin, m_ids.value(name))->status, TokenStatus::Active);
    QVERIFY(dialog->messageLabel()->isVisible());
    QVERIFY(!dialog->revokeButton()->isEnabled());
    QCOMPARE(auditRows(*m_f.store, QStringLiteral("token.revoke")).size(), 4);
    QVERIFY(auditRows(*m_f.store, QStringLiteral("token.revoke"))
                .first()
                .startsWith(QLatin1String("admin|")));
    // The page behind lists them revoked.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_f.domain->tokens.count(m_admin, RevokeUnusedDialog::query(90)).value(), 0, AnswerMs);
}

void TestUnusedTokensPage::aChangeAfterThePreviewRevokesNothing()
{
    QVERIFY(openWindow());
    RevokeUnusedDialog *dialog = openRevokeUnused();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTotal(), 4, AnswerMs);
    // stan-ci is revoked elsewhere after the preview counted it.
    QVERIFY(m_f.domain->tokens.revoke(m_admin, {m_ids.value("stan-ci")}).ok());
    dialog->revokeButton()->click();
    ConfirmDialog *confirm = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            confirm = dialog->findChild<ConfirmDialog *>(QStringLiteral("revokeTokensDialog"));
            return confirm && confirm->isVisible();
        },
        AnswerMs));
    confirm->confirmButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!confirm->errorText().isEmpty(), AnswerMs);
    QVERIFY2(confirm->errorText().contains(QLatin1String("3 tokens match now")),
             qPrintable(confirm->errorText()));
    QCOMPARE(m_f.domain->tokens.token(m_admin, m_ids.value("deploy-old"))->status,
             TokenStatus::Active);
    confirm->reject();
}

void TestUnusedTokensPage::onlyAdministratorsRevokeUnusedTokens()
{
    QVERIFY(openWindow(QStringLiteral("stan"), StandardPassword));
    QAction *action = m_page->revokeUnusedAction();
    QVERIFY(!action->isEnabled());
    QVERIFY(action->toolTip().contains(QLatin1String("Only administrators")));
    // The filter works on their own list.
    auto *unused = child<QComboBox>(m_page, "unusedFilter");
    unused->setCurrentIndex(unused->findData(90));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, AnswerMs);
    QVERIFY(rowsRead(m_model));
    QCOMPARE(listedNames(), QStringList({"stan-ci"}));
}

void TestUnusedTokensPage::policyInSettingsInGerman()
{
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    QVERIFY(openWindow());
    m_window->findChild<QAction *>(QStringLiteral("actionPreferences"))->trigger();
    PreferencesDialog *d = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            d = m_window->findChild<PreferencesDialog *>(QStringLiteral("preferencesDialog"));
            return d && d->isVisible();
        },
        AnswerMs));
    auto *policy = d->findChild<QComboBox *>(QStringLiteral("unusedPolicyCombo"));
    QTRY_VERIFY_WITH_TIMEOUT(policy->isEnabled(), AnswerMs);
    QCOMPARE(policy->currentText(), QStringLiteral("Nie (aus)"));
    policy->setCurrentIndex(policy->findData(60));
    QCOMPARE(policy->currentText(), QStringLiteral("60 Tagen"));
    QVERIFY(screenshot(d, QStringLiteral("preferences-unused-policy_de")));
    // Saved, the dialog closes and deletes itself (over a server once the answer is there).
    QPointer<PreferencesDialog> guard(d);
    d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), AnswerMs);
    QCOMPARE(m_f.domain->accounts.settings()->unusedTokenPolicyDays, 60);
}

QTEST_MAIN(TestUnusedTokensPage)
#include "tst_unusedtokens.moc"
