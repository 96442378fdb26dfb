// SPDX-License-Identifier: MIT
// Mobile Users Logged In: the windowed model over a large store, and the page in the real main
// window with sessions signed in through the real tokendesk-server; inspect, filter, revoke one
// and many, and the revoked session's next request refused by the server. Screenshots go to
// <build>/screenshots/. ui.sessions.server runs the console through a second, TLS
// tokendesk-server (console/guitest.h) over the same database.
#include "../console/guitest.h"

#include "consolecontext.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "sessions/sessiondialog.h"
#include "sessions/sessionspage.h"
#include "widgets/checkheaderview.h"
#include "widgets/confirmdialog.h"

#include "core/clock.h"
#include "demogenerator.h"
#include "itemmodels/localformat.h"
#include "itemmodels/sessionlistmodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include <tuple>

using namespace td;
using namespace td::test;

namespace {
SessionDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *d = qobject_cast<SessionDialog *>(w); d && d->isVisible())
            return d;
    return nullptr;
}
} // namespace

class TestSessionsPage : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    ServerProcess *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    void addUser(const QString &name, const QString &email, const QString &dept,
                 const QString &type, const char *code)
    {
        const auto departments = svc().accounts.departments(m_f.cli);
        QVERIFY(departments.ok());
        bool known = false;
        for (const Department &d : departments.value())
            known = known || d.name == dept;
        if (!known)
            QVERIFY(svc().accounts.createDepartment(m_f.cli, dept).ok());
        NewUser u;
        u.username = name;
        u.email = email;
        u.department = dept;
        u.userType = type;
        u.password = secret("Passw0rd!long");
        auto r = svc().accounts.createUser(m_f.cli, u);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY(svc().accounts.setAccessCode(m_f.cli, r->id, secret(code), 90).ok());
    }
    /// A sign-in through the server, as the mobile app does it.
    /// alice signed in on two devices, bob on one: their session tokens.
    std::tuple<QByteArray, QByteArray, QByteArray> aliceTwiceAndBob()
    {
        addUser(QStringLiteral("alice"), QStringLiteral("alice@example.org"),
                QStringLiteral("Research"), QStringLiteral("Standard"), "alice-code-1");
        addUser(QStringLiteral("bob"), QStringLiteral("bob@example.org"),
                QStringLiteral("Research"), QStringLiteral("Standard"), "bob-code-22");
        const QByteArray alicePhone =
            signIn(QStringLiteral("alice"), "alice-code-1", QStringLiteral("Alice's Pixel 8"),
                   QStringLiteral("Android 14"));
        const QByteArray aliceTablet =
            signIn(QStringLiteral("alice"), "alice-code-1", QStringLiteral("Galaxy Tab S9"),
                   QStringLiteral("Android 14"));
        const QByteArray bobPhone =
            signIn(QStringLiteral("bob"), "bob-code-22", QStringLiteral("Bob's iPhone"),
                   QStringLiteral("iOS 17.4"));
        return {alicePhone, aliceTablet, bobPhone};
    }

    QByteArray signIn(const QString &user, const char *code, const QString &device,
                      const QString &platform)
    {
        const QJsonObject o{{QStringLiteral("username"), user},
                            {QStringLiteral("access_code"), QString::fromLatin1(code)},
                            {QStringLiteral("device_name"), device},
                            {QStringLiteral("platform"), platform},
                            {QStringLiteral("app_version"), QStringLiteral("4.1.0")}};
        const HttpResult r =
            http(*m_nam, "POST", m_server->url(QStringLiteral("/api/v1/mobile/sessions")),
                 {{"Content-Type", "application/json"}},
                 QJsonDocument(o).toJson(QJsonDocument::Compact));
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.json().value(QStringLiteral("session_token")).toString().toLatin1();
    }
    int me(const QByteArray &token)
    {
        return http(*m_nam, "GET", m_server->url(QStringLiteral("/api/v1/me")), bearer(token))
            .status;
    }
    Domain &svc() { return *m_f.domain; }
    /// Demo sessions (20 users, no tokens), 8 % of them ended.
    bool generateSessions(int sessions, quint32 seed)
    {
        DemoRequest demo;
        demo.users = 20;
        demo.tokens = 0;
        demo.sessions = sessions;
        demo.seed = seed;
        return DemoGenerator(*m_f.store).generate(m_f.cli, demo).ok();
    }
    /// The console signed in as admin: over its own connection to the store, or through the
    /// console's server.
    std::unique_ptr<ConsoleContext> adminContext()
    {
        return signedInContext(m_f, QStringLiteral("admin"), AdminPassword);
    }
    /// The console of adminContext() on Mobile Users Logged In, once the list's count is there.
    SessionsPage *openSessionsPage(std::unique_ptr<ConsoleContext> &context,
                                   std::unique_ptr<MainWindow> &window)
    {
        context = adminContext();
        if (!context)
            return nullptr;
        window = std::make_unique<MainWindow>(*context);
        window->resize(1180, 640);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()) ||
            !window->showPage(QStringLiteral("sessionsPage")))
            return nullptr;
        auto *page = qobject_cast<SessionsPage *>(window->currentPage());
        return page && settled(page->model()) ? page : nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        m_nam = new QNetworkAccessManager;
        m_server = new ServerProcess;
        QString why;
        QVERIFY2(m_server->start(m_f.db->spec(), {}, &why), qPrintable(why));
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }
    void cleanup()
    {
        stopConsoleServer();
        delete m_server;
        m_server = nullptr;
        delete m_nam;
        m_nam = nullptr;
        m_f = Fixture();
    }

    void windowedModel()
    {
        DemoRequest demo;
        demo.users = 40;
        demo.tokens = 10;
        demo.sessions = 3000;
        demo.seed = 7;
        QVERIFY(DemoGenerator(*m_f.store).generate(m_f.cli, demo).ok());
        // The model over the console's backend: the store, or the console's server.
        const std::unique_ptr<ConsoleContext> console = adminContext();
        QVERIFY(console);
        SessionListModel model(console->backend());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 live = svc().sessions.count(m_f.cli, {}).value();
        QVERIFY(live > 100);
        QVERIFY(settled(&model));
        QCOMPARE(model.rowCount(), int(live));
        QCOMPARE(model.columnCount(), int(SessionListModel::ColumnCount));
        // Reading the last row reads one window, not the thousands before it (over a server also
        // up to its two neighbours, read ahead).
        const auto before = model.stats();
        QVERIFY(rowRead(&model, model.rowCount() - 1));
        QVERIFY(model.item(model.rowCount() - 1).has_value());
        const qint64 ahead = model.stats().prefetches - before.prefetches;
        const qint64 asked = model.stats().windowLoads - before.windowLoads - ahead;
        if (overServer()) // its window may be on its way already, asked for ahead of time
            QVERIFY2(asked <= 1 && ahead <= 2,
                     qPrintable(QStringLiteral("%1 %2").arg(asked).arg(ahead)));
        else
            QCOMPARE(asked, qint64(1));
        // …read backwards from the end, not by skipping 2,900 rows. (A server's answer does not
        // say how the server read it: there only the windows asked for are counted, above.)
        if (!overServer())
            QCOMPARE(model.stats().reverseLoads, qint64(1));
        QVERIFY(model.stats().cachedWindows <= model.maxCachedWindows());
        // The window before it is a keyset seek from the cached one (over a server, by row id).
        QVERIFY(rowRead(&model, model.rowCount() - 1 - model.windowSize()));
        QVERIFY(model.item(model.rowCount() - 1 - model.windowSize()).has_value());
        if (!overServer())
            QCOMPARE(model.stats().seekLoads, qint64(1));
        QVERIFY(model.stats().windowLoads - before.windowLoads <= 3);
        // Rows in the model's order are the service's order.
        SessionQuery q;
        q.offset = 150;
        q.limit = 1;
        QVERIFY(rowRead(&model, 150));
        QCOMPARE(model.item(150)->id, svc().sessions.list(m_f.cli, q)->first().id);

        // Filter in SQL; ended sessions on request.
        QVERIFY(rowRead(&model, 0));
        const MobileSession first = *model.item(0);
        model.setFilter(first.username, false);
        SessionQuery byUser;
        byUser.text = first.username;
        QVERIFY(settled(&model));
        QCOMPARE(model.rowCount(), int(svc().sessions.count(m_f.cli, byUser).value()));
        QVERIFY(rowsRead(&model));
        for (int i = 0; i < model.rowCount(); ++i) {
            const MobileSession s = *model.item(i);
            QVERIFY(s.username.contains(first.username) || s.email.contains(first.username) ||
                    s.deviceName.contains(first.username) || s.department.contains(first.username));
        }
        model.setFilter(QString(), true);
        SessionQuery all;
        all.includeEnded = true;
        QVERIFY(settled(&model));
        QCOMPARE(model.rowCount(), int(svc().sessions.count(m_f.cli, all).value()));
        QVERIFY(model.rowCount() > live);

        // Check marks are kept by id across a refresh.
        QVERIFY(rowRead(&model, 5));
        QVERIFY(model.setData(model.index(5, 0), Qt::Checked, Qt::CheckStateRole));
        const qint64 checkedId = model.item(5)->id;
        model.refresh();
        QCOMPARE(model.checkedIds(), QList<qint64>{checkedId});
        QVERIFY(rowRead(&model, 5));
        QCOMPARE(model.data(model.index(5, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    void pageInspectFilterRevoke()
    {
        addUser(QStringLiteral("alice"), QStringLiteral("alice@example.org"),
                QStringLiteral("Research"), QStringLiteral("Standard"), "alice-code-1");
        addUser(QStringLiteral("bob"), QStringLiteral("bob.builder@example.org"),
                QStringLiteral("Field Service"), QStringLiteral("Support"), "bob-code-22");
        addUser(QStringLiteral("carol"), QStringLiteral("carol@example.org"),
                QStringLiteral("Research"), QStringLiteral("Standard"), "carol-code-3");
        const QByteArray alicePhone =
            signIn(QStringLiteral("alice"), "alice-code-1", QStringLiteral("Alice's Pixel 8"),
                   QStringLiteral("Android 14"));
        const QByteArray aliceTablet =
            signIn(QStringLiteral("alice"), "alice-code-1", QStringLiteral("Galaxy Tab S9"),
                   QStringLiteral("Android 14"));
        const QByteArray bobPhone =
            signIn(QStringLiteral("bob"), "bob-code-22", QStringLiteral("Bob's iPhone"),
                   QStringLiteral("iOS 17.4"));
        const QByteArray carolPhone =
            signIn(QStringLiteral("carol"), "carol-code-3", QStringLiteral("Carol's iPhone 15"),
                   QStringLiteral("iOS 17.5"));
        for (const QByteArray &t : {alicePhone, aliceTablet, bobPhone, carolPhone})
            QCOMPARE(me(t), 200);

        std::unique_ptr<ConsoleContext> console;
        std::unique_ptr<MainWindow> shown;
        SessionsPage *page = openSessionsPage(console, shown);
        QVERIFY(page);
        MainWindow &window = *shown;
        QTableView *table = page->findChild<QTableView *>(QStringLiteral("sessionTable"));
        QVERIFY(table);
        SessionListModel *model = page->model();
        QCOMPARE(model->rowCount(), 4);
        const QStringList headers = {QString(),
                                     QStringLiteral("User Name"),
                                     QStringLiteral("Email"),
                                     QStringLiteral("Department"),
                                     QStringLiteral("User Type"),
                                     QStringLiteral("Device"),
                                     QStringLiteral("Last Active"),
                                     QStringLiteral("Client Address"),
                                     QStringLiteral("Expiry Date"),
                                     QStringLiteral("Status")};
        QCOMPARE(model->columnCount(), int(headers.size()));
        for (int c = 0; c < headers.size(); ++c)
            QCOMPARE(model->headerData(c, Qt::Horizontal).toString(), headers[c]);
        auto *statusText = window.findChild<QLabel *>(QStringLiteral("statusText"));
        QVERIFY2(statusText->text().contains(QLatin1String("4 mobile users logged in")),
                 qPrintable(statusText->text()));
        QVERIFY(screenshot(&window, QStringLiteral("sessions-page")));

        // Inspect (Enter on the page): every field of seed 002, and more.
        QVERIFY(rowsRead(model));
        int bobRow = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->item(r)->username == QLatin1String("bob"))
                bobRow = r;
        QVERIFY(bobRow >= 0);
        table->setFocus();
        table->selectRow(bobRow);
        QVERIFY(window.action(Page::Inspect)->isEnabled());
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(openDialog(), AnswerMs); // once the session is read again
        SessionDialog *dialog = openDialog();
        QCOMPARE(dialog->fieldText(QStringLiteral("userName")), QStringLiteral("bob"));
        QCOMPARE(dialog->fieldText(QStringLiteral("email")),
                 QStringLiteral("bob.builder@example.org"));
        QCOMPARE(dialog->fieldText(QStringLiteral("department")), QStringLiteral("Field Service"));
        QCOMPARE(dialog->fieldText(QStringLiteral("userType")), QStringLiteral("Support"));
        QVERIFY(
            dialog->fieldText(QStringLiteral("lastActive")).contains(QLatin1String("127.0.0.1")));
        QVERIFY(dialog
                    ->fieldText(QStringLiteral("expiry")) // in the locale's format
                    .contains(QString::number(QDate::currentDate().addDays(30).year())));
        QCOMPARE(dialog->fieldText(QStringLiteral("device")), QStringLiteral("Bob's iPhone"));
        QVERIFY(dialog->fieldText(QStringLiteral("platform")).contains(QLatin1String("iOS 17.4")));
        QVERIFY(dialog->fieldText(QStringLiteral("token")).startsWith(QStringLiteral("tds_…")));
        QVERIFY(!dialog->fieldText(QStringLiteral("token"))
                     .contains(QString::fromLatin1(bobPhone.mid(4, 20))));
        QCOMPARE(dialog->fieldText(QStringLiteral("status")), QStringLiteral("Active"));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(screenshot(dialog, QStringLiteral("session-inspect")));

        // Revoke from the dialog, after confirmation; the server refuses the session at once.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        dialog->findChild<QPushButton *>(QStringLiteral("revokeSessionButton"))->click();
        QVERIFY(MessageBox::lastText().contains(QLatin1String("bob")));
        QVERIFY(MessageBox::lastText().contains(QLatin1String("Bob's iPhone")));
        // As the store has it once revoked (over a server, after the answers).
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->fieldText(QStringLiteral("status")).startsWith(QLatin1String("Revoked")),
            AnswerMs);
        QVERIFY(
            !dialog->findChild<QPushButton *>(QStringLiteral("revokeSessionButton"))->isEnabled());
        QVERIFY(screenshot(dialog, QStringLiteral("session-inspect-revoked")));
        QCOMPARE(me(bobPhone), 401);
        QCOMPARE(me(alicePhone), 200);
        dialog->close();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, AnswerMs);

        // Filter: by department, through SQL.
        auto *filter = page->findChild<QLineEdit *>(QStringLiteral("sessionFilter"));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("alice"));
        QTRY_COMPARE(model->filterText(), QStringLiteral("alice"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, AnswerMs);
        QVERIFY(screenshot(&window, QStringLiteral("sessions-filtered")));
        filter->clear();
        QTRY_COMPARE(model->filterText(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, AnswerMs);

        // Revoke many: check two rows (the checkbox column), Del, confirm.
        QVERIFY(rowsRead(model));
        QList<qint64> aliceIds;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->item(r)->username == QLatin1String("alice")) {
                QVERIFY(model->setData(model->index(r, SessionListModel::CheckColumn), Qt::Checked,
                                       Qt::CheckStateRole));
                aliceIds << model->item(r)->id;
            }
        }
        QCOMPARE(aliceIds.size(), 2);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("statusText"))
                    ->text()
                    .contains(QLatin1String("checked: 2")));
        QVERIFY(window.action(Page::Revoke)->isEnabled());
        QVERIFY(screenshot(&window, QStringLiteral("sessions-checked")));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        window.action(Page::Revoke)->trigger();
        QVERIFY(MessageBox::lastText().contains(QLatin1String("2 mobile sessions")));
        QCOMPARE(me(alicePhone), 200); // cancelled: nothing changed
        MessageBox::setNextAnswer(QMessageBox::Yes);
        window.action(Page::Revoke)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, AnswerMs);
        QCOMPARE(model->checkedCount(), 0);
        QCOMPARE(me(alicePhone), 401);
        QCOMPARE(me(aliceTablet), 401);
        QCOMPARE(me(carolPhone), 200);

        // Ended sessions on request, with their status.
        page->findChild<QCheckBox *>(QStringLiteral("showEndedSessions"))->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, AnswerMs);
        QVERIFY(rowsRead(model));
        // The status in its own column; Expiry Date is a date, also for a revoked session; the
        // client's address is listed.
        int revoked = 0, withAddress = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const auto session = model->item(r);
            QVERIFY(session);
            const auto cell = [&](int column) {
                return model->data(model->index(r, column)).toString();
            };
            QCOMPARE(cell(SessionListModel::StatusColumn), statusTitle(session->status));
            QCOMPARE(cell(SessionListModel::ExpiryColumn),
                     LocalFormat::dateTime(session->expiresAt));
            QVERIFY(!cell(SessionListModel::ExpiryColumn).contains(QLatin1String("Revoked")));
            QCOMPARE(cell(SessionListModel::ClientAddressColumn), session->lastActiveFrom);
            withAddress += session->lastActiveFrom.isEmpty() ? 0 : 1;
            if (session->status == TokenStatus::Revoked) {
                ++revoked;
                QVERIFY(
                    model->data(model->index(r, SessionListModel::StatusColumn), Qt::ToolTipRole)
                        .toString()
                        .contains(QLatin1String("Revoked")));
            }
        }
        QVERIFY(revoked >= 2);
        QVERIFY(withAddress >= 3); // the mobile sign-ins of this test, through the server
        QVERIFY(screenshot(&window, QStringLiteral("sessions-with-ended")));
    }

    void signOutAllSessionsOfOneUser()
    {
        const auto [alicePhone, aliceTablet, bobPhone] = aliceTwiceAndBob();
        for (const QByteArray &t : {alicePhone, aliceTablet, bobPhone})
            QCOMPARE(me(t), 200);

        std::unique_ptr<ConsoleContext> console;
        std::unique_ptr<MainWindow> shown;
        SessionsPage *page = openSessionsPage(console, shown);
        QVERIFY(page);
        MainWindow &window = *shown;
        SessionListModel *model = page->model();
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(!page->signOutUserAction()->isEnabled()); // no row yet
        QVERIFY(rowsRead(model));
        int aliceRow = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->item(r)->username == QLatin1String("alice"))
                aliceRow = r;
        page->view()->setCurrentIndex(model->index(aliceRow, SessionListModel::UserNameColumn));
        QVERIFY(page->signOutUserAction()->isEnabled());
        QCOMPARE(page->signOutUserAction()->text(),
                 QStringLiteral("Sign Out All Sessions of \u201calice\u201d\u2026"));

        // The real confirmation, looked at, then cancelled: nothing ends.
        MessageBox::setNextAnswer(QMessageBox::NoButton);
        page->signOutUserAction()->trigger();
        ConfirmDialog *confirm = nullptr;
        // Asked once alice's sessions are read (over a server, a moment later).
        QTRY_VERIFY_WITH_TIMEOUT(
            (confirm = window.findChild<ConfirmDialog *>(QStringLiteral("revokeSessionsDialog"))) &&
                confirm->isVisible(),
            AnswerMs);
        QCOMPARE(confirm->confirmButton()->text(), QStringLiteral("Sign Out"));
        QVERIFY(screenshot(confirm, QStringLiteral("sign-out-user-dialog")));
        confirm->reject();
        QCOMPARE(me(alicePhone), 200);
        QCOMPARE(me(aliceTablet), 200);
        // Confirmed: both of alice's devices are signed out, bob's is not.
        (void)MessageBox::takeNextAnswer(QString(), QString()); // forget the question asked above
        MessageBox::setNextAnswer(QMessageBox::Yes);
        page->signOutUserAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!MessageBox::lastText().isEmpty(), AnswerMs);
        const QString asked = MessageBox::lastText();
        QVERIFY2(asked.contains(QLatin1String("Sign out all 2 mobile session")) &&
                     asked.contains(QLatin1String("of alice?")),
                 qPrintable(asked));
        QVERIFY(asked.contains(QLatin1String("Alice's Pixel 8")));
        QVERIFY(asked.contains(QLatin1String("Galaxy Tab S9")));
        QVERIFY(!asked.contains(QLatin1String("Bob's iPhone")));
        // The list follows once they are revoked (over a server, after the answer).
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, AnswerMs);
        QCOMPARE(me(alicePhone), 401);
        QCOMPARE(me(aliceTablet), 401);
        QCOMPARE(me(bobPhone), 200);
        QVERIFY(rowRead(model, 0));
        QCOMPARE(model->item(0)->username, QStringLiteral("bob"));
    }

    void actionsWaitForARowStillBeingRead()
    {
        // Over a server a row is a placeholder until its window arrives. Selected then, Inspect,
        // Revoke and Sign Out say so (not "select a session"), Revoke does not act on the rows
        // already read, and they follow once it is read. The local store reads it at once.
        QVERIFY(generateSessions(200, 11));
        std::unique_ptr<ConsoleContext> console;
        std::unique_ptr<MainWindow> shown;
        SessionsPage *page = openSessionsPage(console, shown);
        QVERIFY(page);
        MainWindow &window = *shown;
        SessionListModel *model = page->model();
        model->setWindowSize(10); // rows beyond the first screen are not read yet
        QVERIFY(settled(model));
        const int last = model->rowCount() - 1;
        QVERIFY2(last >= 100, qPrintable(QString::number(last)));
        const QString reading = QStringLiteral("A selected row is still being read.");
        page->view()->selectRow(last);
        if (overServer()) {
            QVERIFY(model->index(last, 0).data(WindowedTableModel::LoadingRole).toBool());
            for (Page::Action a : {Page::Inspect, Page::Revoke}) {
                QVERIFY(!window.action(a)->isEnabled());
                QCOMPARE(window.action(a)->toolTip(), reading);
            }
            QVERIFY(!page->signOutUserAction()->isEnabled());
            QCOMPARE(page->signOutUserAction()->toolTip(), reading);
        }
        // Read: the actions apply to it, and Sign Out names its user.
        QTRY_VERIFY_WITH_TIMEOUT(window.action(Page::Inspect)->isEnabled(), AnswerMs);
        QVERIFY(window.action(Page::Revoke)->isEnabled());
        const std::optional<MobileSession> s = model->item(last);
        QVERIFY(s);
        QVERIFY(page->signOutUserAction()->isEnabled());
        QCOMPARE(page->signOutUserAction()->text(),
                 QStringLiteral("Sign Out All Sessions of \u201c%1\u201d\u2026").arg(s->username));

        // A read row and one still being read, selected together: Revoke waits for both.
        QVERIFY(rowRead(model, 0));
        const QModelIndex first = model->index(0, SessionListModel::UserNameColumn);
        const QModelIndex middle = model->index(50, SessionListModel::UserNameColumn);
        if (overServer()) // a placeholder until its window arrives: nothing asked for it before
            QVERIFY(middle.data(WindowedTableModel::LoadingRole).toBool());
        QItemSelection both(first, first);
        both.select(middle, middle);
        page->view()->selectionModel()->select(both, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
        if (overServer()) {
            QVERIFY(!window.action(Page::Revoke)->isEnabled());
            QCOMPARE(window.action(Page::Revoke)->toolTip(), reading);
        }
        QTRY_VERIFY_WITH_TIMEOUT(window.action(Page::Revoke)->isEnabled(), AnswerMs);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        window.action(Page::Revoke)->trigger();
        QVERIFY2(MessageBox::lastText().contains(QLatin1String("2 mobile sessions")),
                 qPrintable(MessageBox::lastText()));

        // Every row selected: more than the model keeps by default (10 windows of 10 rows).
        // Each window is read once and kept while it is selected — not evicted by the next
        // one and asked for again, without end over a server — and Revoke covers them all.
        const int rows = model->rowCount();
        const WindowedTableModel::Stats before = model->stats();
        page->view()->selectAll();
        QTRY_VERIFY_WITH_TIMEOUT(window.action(Page::Revoke)->isEnabled(), AnswerMs);
        const qint64 windows = (rows + 9) / 10;
        QVERIFY2(model->stats().windowLoads - before.windowLoads <= windows,
                 qPrintable(QStringLiteral("%1 windows read for %2")
                                .arg(model->stats().windowLoads - before.windowLoads)
                                .arg(windows)));
        QVERIFY(model->stats().cachedRows >= rows);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        window.action(Page::Revoke)->trigger();
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("%1 mobile sessions").arg(rows)),
                 qPrintable(MessageBox::lastText()));
        // Nothing selected any more: the model keeps its default number of windows again.
        page->view()->clearSelection();
        QVERIFY(model->stats().cachedWindows <= model->maxCachedWindows());
    }

    void checkEverySessionOfTheFilter()
    {
        const auto [alicePhone, aliceTablet, bobPhone] = aliceTwiceAndBob();
        std::unique_ptr<ConsoleContext> console;
        std::unique_ptr<MainWindow> shown;
        SessionsPage *page = openSessionsPage(console, shown);
        QVERIFY(page);
        SessionListModel *model = page->model();
        QCOMPARE(model->rowCount(), 3);
        QTest::keyClicks(child<QLineEdit>(page, "sessionFilter"), QStringLiteral("alice"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, AnswerMs);

        // The header's check box: every session of the filter.
        auto *header = qobject_cast<CheckHeaderView *>(page->view()->horizontalHeader());
        QVERIFY(header);
        const QRect box = header->checkBoxRect(SessionListModel::CheckColumn);
        QVERIFY(box.isValid());
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, box.center());
        QCOMPARE(model->checkAllState(), Qt::Checked);
        QCOMPARE(model->checkedCount(), 2);
        QTRY_VERIFY(page->statusText().contains(QLatin1String("checked: 2")));
        QVERIFY(screenshot(shown.get(), QStringLiteral("sessions-check-all")));
        QVERIFY(shown->action(Page::Revoke)->isEnabled());
        MessageBox::setNextAnswer(QMessageBox::Yes);
        shown->action(Page::Revoke)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!MessageBox::lastText().isEmpty(), AnswerMs);
        const QString asked = MessageBox::lastText();
        QVERIFY2(
            asked.contains(QLatin1String("Revoke all 2 mobile sessions that match the filter")),
            qPrintable(asked));
        QVERIFY2(asked.contains(QStringLiteral("Filter: “alice”")), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(me(aliceTablet), 401, AnswerMs);
        QCOMPARE(me(alicePhone), 401);
        QCOMPARE(me(bobPhone), 200);
        QTRY_COMPARE_WITH_TIMEOUT(model->checkedCount(), 0, AnswerMs);
        QCOMPARE(auditRows(*m_f.store, QStringLiteral("session.revoke")).size(), 2);

        // Ctrl+A does the same, and again clears it; the selection stays.
        child<QLineEdit>(page, "sessionFilter")->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, AnswerMs);
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(model->checkAllState(), Qt::Checked);
        QCOMPARE(model->checkedCount(), 1);
        QCOMPARE(Page::selectedRowCount(page->view()), 0);
        QTest::keyClick(page->view(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(model->checkAllState(), Qt::Unchecked);
        QCOMPARE(me(bobPhone), 200);
    }

    void selectingEveryRowOfAHugeListReadsNothing()
    {
        // Every row selected on more sessions than an action takes at once: Revoke says so at
        // once and nothing is read for it (no row of the selection is asked for, let alone all);
        // Ctrl+A checks them all instead, reading nothing either.
        QVERIFY(generateSessions(Page::MaxSelectedRows * 11 / 10 + 100, 5)); // 8 % of them ended
        std::unique_ptr<ConsoleContext> console;
        std::unique_ptr<MainWindow> shown;
        SessionsPage *page = openSessionsPage(console, shown);
        QVERIFY(page);
        SessionListModel *model = page->model();
        QVERIFY(model->rowCount() > Page::MaxSelectedRows);
        QVERIFY(rowRead(model, 0));
        QTest::qWait(50);
        const WindowedTableModel::Stats before = model->stats();
        page->view()->selectAll();
        QCOMPARE(Page::selectedRowCount(page->view()), model->rowCount());
        QAction *revoke = shown->action(Page::Revoke);
        QVERIFY(!revoke->isEnabled());
        QCOMPARE(revoke->toolTip(),
                 QStringLiteral("Act on at most 1,000 sessions at a time, or check every session "
                                "of the filter (Ctrl+A)."));
        QTest::qWait(100);
        QCOMPARE(model->stats().windowLoads, before.windowLoads);
        QCOMPARE(model->stats().countQueries, before.countQueries);
        QVERIFY(model->stats().cachedWindows <= model->maxCachedWindows());

        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(model->checkedCount(), model->rowCount());
        QTRY_VERIFY(revoke->isEnabled());
        QVERIFY2(page->statusText().contains(
                     QStringLiteral("checked: %L1").arg(qint64(model->rowCount()))),
                 qPrintable(page->statusText()));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        revoke->trigger();
        QVERIFY2(
            MessageBox::lastText().contains(
                QStringLiteral("Revoke all %L1 mobile sessions").arg(qint64(model->rowCount()))),
            qPrintable(MessageBox::lastText()));
        QCOMPARE(model->stats().windowLoads, before.windowLoads);
        QCOMPARE(model->stats().countQueries, before.countQueries);
    }

    void lastActiveFromTheServer()
    {
        // The console sees the server's writes of "last active".
        addUser(QStringLiteral("dave"), QStringLiteral("dave@example.org"),
                QStringLiteral("Administration"), QStringLiteral("Standard"), "dave-code-44");
        const QByteArray token = signIn(QStringLiteral("dave"), "dave-code-44",
                                        QStringLiteral("Dave's phone"), QStringLiteral("Android"));
        const qint64 id = svc().sessions.list(m_f.cli, {})->first().id;
        (void)m_f.store->write([&] {
            m_f.store->run(QStringLiteral("UPDATE mobile_sessions SET last_active_at = ?, "
                                          "last_active_addr = 'old' WHERE id = ?"),
                           {Clock::nowMs() - 3600 * 1000, id});
        });
        // The model over the console's backend: the store, or the console's server.
        const std::unique_ptr<ConsoleContext> console = adminContext();
        QVERIFY(console);
        SessionListModel model(console->backend());
        QVERIFY(rowRead(&model, 0));
        QCOMPARE(model.item(0)->lastActiveFrom, QStringLiteral("old"));
        QCOMPARE(me(token), 200);
        model.refresh();
        QVERIFY(rowRead(&model, 0));
        QCOMPARE(model.item(0)->lastActiveFrom, QStringLiteral("127.0.0.1"));
        QVERIFY(model.item(0)->lastActiveAt.secsTo(QDateTime::currentDateTimeUtc()) < 60);
    }
};

QTEST_MAIN(TestSessionsPage)
#include "tst_sessionspage.moc"
