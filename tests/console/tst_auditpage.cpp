// SPDX-License-Identifier: MIT
// The Audit Log place: every entry, newest first; filters by actor, action, date range and text
// (compared with plain SQL); the selected entry in full; CSV export (same rows, quoting, no
// formulas, 0600); a long log read in windows, not loaded whole.
#include "audit/auditpage.h"
#include "core/clock.h"
#include "guitest.h"
#include "itemmodels/auditlogmodel.h"
#include "mainwindow.h"
#include "page.h"
#include "platform/translations.h"
#include "store/appinfo.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSettings>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

class TestAuditPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsEveryEntryNewestFirst();
    void filters();
    void exportCsv();
    void targetAndDetailsInTheReadersLanguage();
    void longLogIsReadInWindows();

private:
    qint64 sqlCount(const QString &where, const QVariantList &binds = {});
    AuditPage *openPage();
    QByteArray exportThroughAction(AuditPage *page, const QString &path);
    void exportLongLog(AuditPage *page, qint64 all);

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestAuditPage::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
}

void TestAuditPage::init()
{
    QSettings().clear(); // each case starts with the default layout (newest first)
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    // Some history: three days ago a user and a department; today sign-ins (one of them wrong,
    // with a name a spreadsheet would run as a formula), a token and a disabled user.
    Clock::setOffsetForTesting(-3 * 24 * 3600 * 1000LL);
    QVERIFY(addUser(m_fx, QStringLiteral("stan"), QStringLiteral("Standard"), StandardPassword));
    QVERIFY(m_fx.domain->accounts.createDepartment(m_fx.cli, QStringLiteral("Research, \"Lab\"")));
    Clock::setOffsetForTesting(0);
    Domain svc(*m_fx.store);
    // Sign-in now refuses such a name before anything else (no audit row); a store an older
    // version wrote may still hold its failure.
    QCOMPARE(svc.accounts.signIn(QStringLiteral("=1+2"), secret("Wrong-Secret#1")).code(),
             Errc::InvalidArgument);
    QVERIFY(m_fx.store->write([&] {
        m_fx.store->run(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, "
                                       "details, address) VALUES (?, '=1+2', 'auth.sign_in', "
                                       "'user =1+2', 'failure', 'unknown username', 'local')"),
                        {Clock::nowMs()});
    }));
    QVERIFY(svc.accounts.signIn(QStringLiteral("stan"), secret(StandardPassword)));
    NewApiToken t;
    t.name = QStringLiteral("nightly export");
    t.scopes = {QStringLiteral("collection")};
    t.username = QStringLiteral("stan");
    t.expiresAt = Clock::now().addDays(30);
    QVERIFY(m_fx.domain->tokens.create(m_fx.cli, t));
    m_ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(m_ctx);
    auto stan = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("stan"));
    QVERIFY(m_fx.domain->accounts.disableUser(m_ctx->actor(), stan->id));
}

void TestAuditPage::cleanup()
{
    Clock::setOffsetForTesting(0);
    m_window.reset();
    m_ctx.reset();
    stopConsoleServer();
    m_fx = Fixture();
}

qint64 TestAuditPage::sqlCount(const QString &where, const QVariantList &binds)
{
    auto r = m_fx.store->read([&] {
        return m_fx.store
            ->scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE ") + where, binds)
            .toLongLong();
    });
    return r ? r.value() : -1;
}

AuditPage *TestAuditPage::openPage()
{
    m_window = std::make_unique<MainWindow>(*m_ctx);
    m_window->show();
    if (!m_window->showPage(QStringLiteral("auditPage")))
        return nullptr;
    auto *page = qobject_cast<AuditPage *>(m_window->currentPage());
    // The count is there (over a server, a moment later).
    return page && settled(page->model()) ? page : nullptr;
}

/// Runs the Export action into path (over either transport: Backend::exportCsv) and answers
/// the file's bytes once the page says it was written.
QByteArray TestAuditPage::exportThroughAction(AuditPage *page, const QString &path)
{
    AuditPage::setNextExportFileForTesting(path);
    if (!m_window->action(Page::Export)->isEnabled()) {
        qWarning("Export is disabled: %s", qPrintable(m_window->action(Page::Export)->toolTip()));
        return {};
    }
    m_window->action(Page::Export)->trigger(); // a job: a worker thread, or the server's stream
    QLabel *message = child<QLabel>(page, "auditMessage");
    if (!QTest::qWaitFor(
            [&] {
                return message->text().contains(QLatin1String("exported")) &&
                       message->text().contains(path);
            },
            AnswerMs)) {
        qWarning("no export: %s", qPrintable(message->text()));
        return {};
    }
    keepFileForLeakScan(path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if ((f.permissions() & (QFile::ReadGroup | QFile::ReadOther)) != QFileDevice::Permissions())
        return QByteArrayLiteral("readable by others");
    return f.readAll();
}

void TestAuditPage::listsEveryEntryNewestFirst()
{
    AuditPage *page = openPage();
    QVERIFY(page);
    AuditLogModel *model = page->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 all = countRows(*m_fx.store, QStringLiteral("audit_log"));
    QVERIFY(all >= 8);
    QCOMPARE(model->rowCount(), all);
    QVERIFY(rowsRead(model));
    QCOMPARE(model->index(0, 0).data(AuditLogModel::IdRole).toLongLong(),
             lastAudit(*m_fx.store).id);
    QCOMPARE(model->index(0, AuditLogModel::Action).data().toString(),
             QStringLiteral("Disable user"));
    QCOMPARE(model->index(0, AuditLogModel::Actor_).data().toString(), QStringLiteral("admin"));
    // The oldest entry is from three days ago.
    QCOMPARE(model->index(all - 1, AuditLogModel::Action).data().toString(),
             QStringLiteral("Create user"));
    QVERIFY(m_window->action(Page::Export)->isEnabled()); // over either transport
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("statusText"))->text(),
             QStringLiteral("%1 entries").arg(all));

    // The selected entry in full.
    page->view()->selectRow(0);
    auto *details = child<QPlainTextEdit>(page, "auditDetails");
    QVERIFY2(details->toPlainText().contains(QLatin1String("user.disable")) &&
                 details->toPlainText().contains(QLatin1String("revoked 1 API token")),
             qPrintable(details->toPlainText()));
    screenshot(m_window.get(), QStringLiteral("audit-log"));

    // Oldest first by the Time header; the other columns do not sort.
    page->view()->horizontalHeader()->setSortIndicator(AuditLogModel::Time, Qt::AscendingOrder);
    QVERIFY(rowsRead(model));
    QCOMPARE(model->index(0, AuditLogModel::Action).data().toString(),
             QStringLiteral("Create user"));
    page->view()->horizontalHeader()->setSortIndicator(AuditLogModel::Actor_, Qt::AscendingOrder);
    QCOMPARE(page->view()->horizontalHeader()->sortIndicatorSection(), int(AuditLogModel::Time));
    QVERIFY(rowsRead(model));
    QCOMPARE(model->index(0, AuditLogModel::Action).data().toString(),
             QStringLiteral("Create user"));

    // A new change shows after a refresh (F5) and, through dataChanged, by itself.
    QVERIFY(m_fx.domain->accounts.createDepartment(m_ctx->actor(), QStringLiteral("Later")));
    Q_EMIT m_ctx->dataChanged();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), all + 1, AnswerMs);
}

void TestAuditPage::filters()
{
    AuditPage *page = openPage();
    QVERIFY(page);
    AuditLogModel *model = page->model();
    auto *actor = child<QLineEdit>(page, "auditActorFilter");
    auto *action = child<QComboBox>(page, "auditActionFilter");
    auto *text = child<QLineEdit>(page, "auditTextFilter");

    actor->setText(QStringLiteral("admin"));
    QTest::keyClick(actor, Qt::Key_Return);
    QVERIFY(rowsRead(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("actor = 'admin'")));
    QVERIFY(model->rowCount() >= 2);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->index(r, AuditLogModel::Actor_).data().toString(), QStringLiteral("admin"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("statusText"))
                ->text()
                .contains(QLatin1String("match the filter")));
    actor->clear();
    QTest::keyClick(actor, Qt::Key_Return);

    action->setCurrentIndex(action->findText(QStringLiteral("Users")));
    QVERIFY(rowsRead(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("action LIKE 'user.%'")));
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, 0).data(Qt::DisplayRole).isValid() &&
                model->item(model->index(r, 0))->action.startsWith(QLatin1String("user.")));
    action->setCurrentIndex(action->findText(QStringLiteral("Sign-in and sign-out")));
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("action LIKE 'auth.%'")));
    screenshot(m_window.get(), QStringLiteral("audit-log-filtered"));
    action->setCurrentIndex(0);

    // Refusals only (a refused change is audited as "denied").
    auto *outcome = child<QComboBox>(page, "auditOutcomeFilter");
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("denied")));
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("outcome = 'denied'")));
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->item(model->index(r, 0))->outcome, QStringLiteral("denied"));
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("success")));
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("outcome = 'success'")));
    QVERIFY(model->rowCount() > 0);
    outcome->setCurrentIndex(0);

    text->setText(QStringLiteral("nightly"));
    QTest::keyClick(text, Qt::Key_Return);
    QVERIFY(rowsRead(model));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->item(model->index(0, 0))->action, QStringLiteral("token.create"));
    text->setText(QStringLiteral("%"));
    QTest::keyClick(text, Qt::Key_Return);
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), 0); // a literal percent sign, not a wildcard
    QVERIFY(!m_window->action(Page::Export)->isEnabled());
    text->clear();
    QTest::keyClick(text, Qt::Key_Return);

    // Dates: "From today" hides the entries of three days ago; "To" includes its own day.
    const qint64 startOfToday = Clock::now().toLocalTime().date().startOfDay().toMSecsSinceEpoch();
    child<QCheckBox>(page, "auditSinceCheck")->setChecked(true);
    child<QDateEdit>(page, "auditSinceEdit")->setDate(Clock::now().toLocalTime().date());
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("at >= ?"), {startOfToday}));
    QVERIFY(model->rowCount() < countRows(*m_fx.store, QStringLiteral("audit_log")));
    child<QCheckBox>(page, "auditSinceCheck")->setChecked(false);
    child<QCheckBox>(page, "auditUntilCheck")->setChecked(true);
    child<QDateEdit>(page, "auditUntilEdit")
        ->setDate(Clock::now().toLocalTime().date().addDays(-3));
    const qint64 endOfThreeDaysAgo =
        Clock::now().toLocalTime().date().addDays(-2).startOfDay().toMSecsSinceEpoch();
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), sqlCount(QStringLiteral("at < ?"), {endOfThreeDaysAgo}));
    QCOMPARE(model->rowCount(), 2); // user.create, department.create
    // A "To" before the "From": said, and the list is left as it was.
    child<QCheckBox>(page, "auditSinceCheck")->setChecked(true);
    QVERIFY(child<QLabel>(page, "auditMessage")->text().contains(QLatin1String("before")));
}

void TestAuditPage::exportCsv()
{
    AuditPage *page = openPage();
    QVERIFY(page);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    const QByteArray csv = exportThroughAction(page, path);
    QVERIFY(csv.startsWith("time,actor,action,target,outcome,details,address\r\n"));
    const qint64 all = countRows(*m_fx.store, QStringLiteral("audit_log"));
    QCOMPARE(csv.count("\r\n"), all + 1);
    // Newest first, like the list; times in ISO 8601 UTC.
    const QList<QByteArray> lines = csv.split('\n');
    QVERIFY2(lines.at(1).contains(",admin,user.disable,"), lines.at(1).constData());
    QVERIFY(lines.at(1).split(',').first().endsWith("Z"));
    // A cell a spreadsheet would run is defused; quotes and commas are quoted.
    QVERIFY2(csv.contains(",'=1+2,auth.sign_in,user =1+2,failure,unknown username,"),
             csv.constData());
    QVERIFY2(csv.contains("\"department #2 \"\"Research, \"\"Lab\"\"\"\"\""), csv.constData());
    // No secret.
    QVERIFY(!csv.contains("Wrong-Secret#1"));
    QVERIFY(!csv.contains(StandardPassword));

    // The export follows the filter.
    child<QComboBox>(page, "auditActionFilter")
        ->setCurrentIndex(
            child<QComboBox>(page, "auditActionFilter")->findText(QStringLiteral("API tokens")));
    const QByteArray tokens = exportThroughAction(page, dir.filePath(QStringLiteral("tokens.csv")));
    QCOMPARE(tokens.count("\r\n"), sqlCount(QStringLiteral("action LIKE 'token.%'")) + 1);
    QVERIFY(tokens.contains(",token.") && !tokens.contains(",user.disable,"));
    QString error;
    if (overServer()) {
        // The page's own synchronous export reads the local store: refused, nothing written.
        const QString direct = dir.filePath(QStringLiteral("direct.csv"));
        QCOMPARE(page->exportCsv(direct, &error), -1);
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(direct));
        return;
    }
    QCOMPARE(page->exportCsv(path, &error), sqlCount(QStringLiteral("action LIKE 'token.%'")));
    QVERIFY(error.isEmpty());
    keepFileForLeakScan(path);
    // An unwritable place is said, not ignored.
    QCOMPARE(page->exportCsv(dir.filePath(QStringLiteral("no/such/dir/a.csv")), &error), -1);
    QVERIFY(error.contains(QLatin1String("Cannot write")));
}

void TestAuditPage::targetAndDetailsInTheReadersLanguage()
{
    // The log keeps English (exports, the CLI and filters read it); German shows German.
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    const auto english = qScopeGuard(
        [] { Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); });
    AuditPage *page = openPage();
    QVERIFY(page);
    AuditLogModel *model = page->model();
    QVERIFY(rowsRead(model));
    int created = -1;
    int disabled = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto e = model->item(model->index(row, 0));
        QVERIFY(e);
        if (e->action == QLatin1String("token.create"))
            created = row;
        else if (e->action == QLatin1String("user.disable"))
            disabled = row;
    }
    QVERIFY(created >= 0 && disabled >= 0);
    const auto stored = model->item(model->index(created, 0));
    QVERIFY2(stored->target.startsWith(QLatin1String("token #")) &&
                 stored->target.endsWith(QLatin1String(") of stan")),
             qPrintable(stored->target));
    QVERIFY2(stored->details.startsWith(QLatin1String("scopes collection; expires ")),
             qPrintable(stored->details));

    const QString target = model->index(created, AuditLogModel::Target).data().toString();
    const QString hint =
        stored->target.section(QLatin1Char('('), 1).section(QLatin1Char(')'), 0, 0);
    QCOMPARE(target,
             QStringLiteral("Token #%1 „nightly export“ (%2) von stan")
                 .arg(stored->target.section(QLatin1Char('#'), 1).section(QLatin1Char(' '), 0, 0),
                      hint));
    const QString details = model->index(created, AuditLogModel::Details).data().toString();
    QCOMPARE(details, QStringLiteral("Bereiche collection; läuft ab ") +
                          stored->details.section(QLatin1String("expires "), 1));
    QCOMPARE(model->index(disabled, AuditLogModel::Details).data().toString(),
             QStringLiteral("1 API-Token(s) und 0 mobile Sitzung(en) widerrufen"));
    QCOMPARE(model->index(disabled, AuditLogModel::Target).data(Qt::ToolTipRole).toString(),
             model->index(disabled, AuditLogModel::Target).data().toString());
    QVERIFY(model->index(disabled, AuditLogModel::Target)
                .data()
                .toString()
                .startsWith(QLatin1String("Benutzer #")));
    // The selected entry in full, in German too.
    page->view()->selectRow(created);
    auto *pane = child<QPlainTextEdit>(page, "auditDetails");
    QVERIFY2(pane->toPlainText().contains(target) && pane->toPlainText().contains(details),
             qPrintable(pane->toPlainText()));
    screenshot(m_window.get(), QStringLiteral("de_audit-log"));

    // Exported as stored: English (the page's own message read in English here).
    Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    QTemporaryDir dir;
    const QByteArray csv = exportThroughAction(page, dir.filePath(QStringLiteral("audit-de.csv")));
    QVERIFY(csv.contains(",scopes collection; expires "));
    QVERIFY(csv.contains(") of stan\","));
    QVERIFY(!csv.contains("Bereiche"));
}

void TestAuditPage::longLogIsReadInWindows()
{
    constexpr int Extra = 30000;
    QVERIFY(m_fx.store->write([&] {
        QSqlQuery q = m_fx.store->prepare(QStringLiteral(
            "INSERT INTO audit_log (at, actor, action, target, outcome, details, address) "
            "VALUES (?, ?, ?, ?, ?, '', 'local')"));
        const qint64 base = Clock::nowMs() - 400LL * 24 * 3600 * 1000;
        for (int i = 0; i < Extra; ++i) {
            q.bindValue(0, base + i * 1000LL);
            q.bindValue(1, i % 10 == 0 ? QStringLiteral("bulkadmin") : QStringLiteral("robot"));
            q.bindValue(2, i % 3 == 0 ? QStringLiteral("token.revoke")
                                      : QStringLiteral("auth.sign_in"));
            q.bindValue(3, QStringLiteral("bulk %1").arg(i));
            q.bindValue(4, QStringLiteral("success"));
            m_fx.store->exec(q, "bulk audit");
        }
    }));
    AuditPage *page = openPage();
    QVERIFY(page);
    AuditLogModel *model = page->model();
    const qint64 all = countRows(*m_fx.store, QStringLiteral("audit_log"));
    QCOMPARE(model->rowCount(), all);
    page->view()->scrollToBottom();
    QCoreApplication::processEvents();
    // The oldest bulk row is last; only a few windows were read for that.
    QTRY_COMPARE_WITH_TIMEOUT(
        model->index(model->rowCount() - 1, AuditLogModel::Target).data().toString(),
        QStringLiteral("bulk 0"), AnswerMs);
    const auto stats = model->stats();
    QVERIFY2(stats.cachedRows <= model->maxCachedWindows() * model->windowSize(),
             qPrintable(QString::number(stats.cachedRows)));
    if (!overServer()) // the server's answer does not say how it read the window
        QVERIFY(stats.reverseLoads >= 1);
    QVERIFY2(stats.windowLoads < 20, qPrintable(QString::number(stats.windowLoads)));
    // An export of the long log can be cancelled; then no file is left behind.
    exportLongLog(page, all);
    // Filters on the big log agree with SQL.
    auto *actor = child<QLineEdit>(page, "auditActorFilter");
    actor->setText(QStringLiteral("bulkadmin"));
    QTest::keyClick(actor, Qt::Key_Return);
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), Extra / 10);
    child<QComboBox>(page, "auditActionFilter")
        ->setCurrentIndex(
            child<QComboBox>(page, "auditActionFilter")->findText(QStringLiteral("API tokens")));
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(),
             sqlCount(QStringLiteral("actor = 'bulkadmin' AND action LIKE 'token.%'")));
    page->view()->scrollToBottom();
    QCoreApplication::processEvents();
    QTRY_COMPARE_WITH_TIMEOUT(
        model->index(model->rowCount() - 1, AuditLogModel::Target).data().toString(),
        QStringLiteral("bulk 0"), AnswerMs);
}

void TestAuditPage::exportLongLog(AuditPage *page, qint64 all)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.csv"));
    if (overServer()) { // streamed by the server (its cancel: client.backend)
        const QByteArray csv = exportThroughAction(page, dir.filePath(QStringLiteral("long.csv")));
        QCOMPARE(csv.count("\r\n"), all + 1);
        return;
    }
    QString error;
    qint64 progressCalls = 0;
    QCOMPARE(page->exportCsv(path, &error,
                             [&](qint64 done) {
                                 ++progressCalls;
                                 return done < 10000;
                             }),
             -1);
    QCOMPARE(progressCalls, 2);
    QVERIFY(error.contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(page->exportCsv(path, &error), all);
    keepFileForLeakScan(path);
}

QTEST_MAIN(TestAuditPage)
#include "tst_auditpage.moc"
