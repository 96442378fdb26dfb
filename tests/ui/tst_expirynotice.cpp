// SPDX-License-Identifier: MIT
// The console's expiry notice: what of the signed-in person's own expires within the week (their
// valid API tokens, their access code) in the status bar, a notice on start that can be
// dismissed, and a tray notification whenever more expires than before; other people's tokens,
// revoked ones and ones further away do not count. ui.expiry.server runs it through a real
// tokendesk-server (the change stream brings the changes).
#include "../console/guitest.h"
#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "mainwindow.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "tokens/expirywatch.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QToolButton>

using namespace td;
using namespace td::test;

namespace {
constexpr qint64 DayMs = 24LL * 3600 * 1000;
}

class TestExpiryNotice : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    qint64 makeToken(const QString &name, const QString &user, qint64 inMs)
    {
        NewApiToken n;
        n.name = name;
        n.scopes = {Scope::Collection};
        n.username = user;
        n.expiresAt = Clock::now().addMSecs(inMs);
        auto created = m_f.domain->tokens.create(m_f.cli, n);
        if (!created) {
            qWarning() << created.error().message;
            return 0;
        }
        noteSecret(created->secret);
        return created->id;
    }
    QLabel *statusLabel() { return child<QLabel>(m_window.get(), "expiryStatus"); }
    QFrame *banner() { return child<QFrame>(m_window.get(), "expiryBanner"); }
    QString statusText() { return statusLabel()->isVisible() ? statusLabel()->text() : QString(); }
    [[nodiscard]] bool open(const QString &user, const char *password)
    {
        m_context = signedInContext(m_f, user, password);
        if (!m_context)
            return false;
        m_window = std::make_unique<MainWindow>(*m_context);
        m_window->resize(1100, 700);
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get()) &&
               QTest::qWaitFor([&] { return m_window->expiryWatch()->hasRead(); }, AnswerMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        setApplicationIdentity(QStringLiteral("tokendesk"));
        QSettings().clear();
    }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        QVERIFY(addUser(m_f, QStringLiteral("stan"), BuiltinUserType::Standard, StandardPassword));
        QVERIFY(addUser(m_f, QStringLiteral("rita"), BuiltinUserType::Standard, "Rita-Pass#44"));
        // stan: two tokens within the week, one in a month, one revoked within the week;
        // rita: one within the week (not stan's business).
        QVERIFY(makeToken(QStringLiteral("stan-3d"), QStringLiteral("stan"), 3 * DayMs));
        QVERIFY(makeToken(QStringLiteral("stan-5d"), QStringLiteral("stan"), 5 * DayMs));
        QVERIFY(makeToken(QStringLiteral("stan-30d"), QStringLiteral("stan"), 30 * DayMs));
        const qint64 gone =
            makeToken(QStringLiteral("stan-gone"), QStringLiteral("stan"), 2 * DayMs);
        QVERIFY(gone);
        QVERIFY(m_f.domain->tokens.revoke(m_f.cli, {gone}).ok());
        QVERIFY(makeToken(QStringLiteral("rita-2d"), QStringLiteral("rita"), 2 * DayMs));
    }
    void cleanup()
    {
        if (m_window)
            m_window->close();
        m_window.reset();
        m_context.reset();
        stopConsoleServer();
        m_f = Fixture();
    }

    void ownTokensThisWeekInTheStatusBarAndOnStart()
    {
        QVERIFY(open(QStringLiteral("stan"), StandardPassword));
        QTRY_COMPARE_WITH_TIMEOUT(
            statusText().contains(QStringLiteral("2 of your tokens expire this week")), true,
            AnswerMs);
        QVERIFY(banner()->isVisible());
        QCOMPARE(child<QLabel>(m_window.get(), "expiryBannerText")->text(),
                 QStringLiteral("2 of your tokens expire this week."));
        QVERIFY(statusLabel()->toolTip().contains(QStringLiteral("stan-3d")));
        QVERIFY(!statusLabel()->toolTip().contains(QStringLiteral("stan-30d")));
        QVERIFY(!statusLabel()->toolTip().contains(QStringLiteral("stan-gone")));
        QCOMPARE(m_window->trayNotices(), 1);
        QVERIFY(screenshot(m_window.get(), QStringLiteral("expiry-notice")));

        // Dismissed, the notice stays away; the status bar keeps counting.
        child<QToolButton>(m_window.get(), "dismissExpiryButton")->click();
        QVERIFY(!banner()->isVisible());
        QVERIFY(makeToken(QStringLiteral("stan-1d"), QStringLiteral("stan"), DayMs));
        QTRY_COMPARE_WITH_TIMEOUT(
            statusText().contains(QStringLiteral("3 of your tokens expire this week")), true,
            AnswerMs);
        QCOMPARE(m_window->trayNotices(), 2);
        QVERIFY(!banner()->isVisible());

        // The access code too.
        QVERIFY(m_f.store
                    ->write([&] {
                        m_f.store->run(QStringLiteral("UPDATE users SET access_code_hash = 'x',"
                                                      " access_code_expires_at = ?"
                                                      " WHERE username = 'stan'"),
                                       {Clock::nowMs() + 2 * DayMs});
                    })
                    .ok());
        // A change of a user's row is not a list change: the console rereads on its own next
        // change, or now.
        Q_EMIT m_context->dataChanged();
        QTRY_COMPARE_WITH_TIMEOUT(statusText().contains(QStringLiteral(
                                      "3 of your tokens and your access code expire this week")),
                                  true, AnswerMs);
        QCOMPARE(m_window->trayNotices(), 3);

        // The link opens API Tokens.
        m_window->showPage(QStringLiteral("overviewPage"));
        Q_EMIT statusLabel()->linkActivated(QStringLiteral("#tokens"));
        QCOMPARE(m_window->currentPage()->objectName(), QStringLiteral("tokensPage"));
    }

    void nothingOfOneselfNoNotice()
    {
        // admin owns no token: rita's and stan's do not concern them.
        QVERIFY(open(QStringLiteral("admin"), AdminPassword));
        QVERIFY(!statusLabel()->isVisible());
        QVERIFY(!banner()->isVisible());
        QCOMPARE(m_window->trayNotices(), 0);
    }

    void fewerIsNotNotifiedAndNoneHidesIt()
    {
        QVERIFY(open(QStringLiteral("stan"), StandardPassword));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->expiryWatch()->tokens(), 2, AnswerMs);
        QCOMPARE(m_window->trayNotices(), 1);
        auto mine = m_f.domain->tokens.list(m_f.cli, [] {
            TokenQuery q;
            q.statuses = {TokenStatus::Active, TokenStatus::ExpiringSoon};
            q.limit = 0;
            return q;
        }());
        QVERIFY(mine);
        QList<qint64> ids;
        for (const ApiToken &t : mine.value())
            if (t.username == QLatin1String("stan"))
                ids << t.id;
        QVERIFY(m_f.domain->tokens.revoke(m_f.cli, ids).ok());
        Q_EMIT m_context->dataChanged();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->expiryWatch()->tokens(), 0, AnswerMs);
        QVERIFY(!statusLabel()->isVisible());
        QVERIFY(!banner()->isVisible());
        QCOMPARE(m_window->trayNotices(), 1);
    }
};

QTEST_MAIN(TestExpiryNotice)
#include "tst_expirynotice.moc"
