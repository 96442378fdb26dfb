// SPDX-License-Identifier: MIT
// The console's one CSV export, for every list that exports (API tokens, audit log, mobile
// sessions): RFC 4180
// records with CRLF line ends, the file mode 0600 (also over an older 0644 file), and a failure
// or a cancel that leaves no file and no temporary file behind.
#include "audit/auditpage.h"
#include "core/clock.h"
#include "guitest.h"
#include "itemmodels/sessionlistmodel.h"
#include "sessions/sessionspage.h"
#include "store/appinfo.h"
#include "tokens/tokenspage.h"
#include "widgets/csvexportjob.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace td;
using namespace td::test;

class TestCsvExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void writesRfc4180WithCrlfAndMode0600();
    void failureLeavesNoFile();
    void tokensExport();
    void auditExport();
    void sessionsExport();
    void cancelFromTheProgressDialog();

private:
    static unsigned modeOf(const QString &path);
    static QByteArray read(const QString &path);
    /// Every line of the file ends with CRLF, and there is no bare LF.
    static bool crlfOnly(const QByteArray &csv);

    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
};

void TestCsvExport::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
}

void TestCsvExport::init()
{
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    m_ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(m_ctx);
}

void TestCsvExport::cleanup()
{
    m_ctx.reset();
    m_fx = Fixture();
}

unsigned TestCsvExport::modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

QByteArray TestCsvExport::read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool TestCsvExport::crlfOnly(const QByteArray &csv)
{
    return csv.endsWith("\r\n") && csv.count('\n') == csv.count("\r\n");
}

void TestCsvExport::writesRfc4180WithCrlfAndMode0600()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.csv"));
    { // An older file that anyone could read: the export replaces it, 0600.
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old\n");
        old.close();
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    }
    const CsvExportJob::Source source = [](Domain &, const CsvExportJob::Row &row) {
        row({QStringLiteral("plain"), QStringLiteral("with, comma"), QStringLiteral("say \"hi\"")});
        row({QStringLiteral("two\nlines"), QStringLiteral("=1+2"), QString()});
        return Result<qint64>(2);
    };
    QString error;
    QCOMPARE(CsvExportJob::write(*m_fx.domain, path,
                                 {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                 source, &error),
             qint64(2));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(modeOf(path), 0600u);
    QCOMPARE(read(path), QByteArray("a,b,c\r\n"
                                    "plain,\"with, comma\",\"say \"\"hi\"\"\"\r\n"
                                    "\"two\nlines\",'=1+2,\r\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("rows.csv")});
}

void TestCsvExport::failureLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("failed.csv"));
    // The source fails after many rows (more than one chunk was written to the temporary file).
    const CsvExportJob::Source failing = [](Domain &, const CsvExportJob::Row &row) {
        for (int i = 0; i < 20000; ++i)
            row({QString::number(i), QStringLiteral("a row long enough to fill chunks")});
        return Result<qint64>(Error(Errc::Internal, QStringLiteral("the store went away")));
    };
    QString error;
    QCOMPARE(CsvExportJob::write(*m_fx.domain, path, {QStringLiteral("n")}, failing, &error), -1);
    QCOMPARE(error, QStringLiteral("the store went away"));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());

    // Over an existing file: it stays as it was.
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("kept\r\n");
    }
    QCOMPARE(CsvExportJob::write(*m_fx.domain, path, {QStringLiteral("n")}, failing, &error), -1);
    QCOMPARE(read(path), QByteArray("kept\r\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("failed.csv")});

    // A cancel (progress says stop) is a failure too.
    const CsvExportJob::Source many = [](Domain &, const CsvExportJob::Row &row) {
        qint64 n = 0;
        while (n < 3 * CsvExportJob::ProgressStep && row({QString::number(n)}))
            ++n;
        return Result<qint64>(n);
    };
    const QString cancelled = dir.filePath(QStringLiteral("cancelled.csv"));
    QCOMPARE(CsvExportJob::write(*m_fx.domain, cancelled, {QStringLiteral("n")}, many, &error,
                                 [](qint64) { return false; }),
             -1);
    QVERIFY(error.contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(cancelled));
}

void TestCsvExport::tokensExport()
{
    for (const QString &name : {QStringLiteral("ci, nightly"), QStringLiteral("backup")}) {
        NewApiToken t;
        t.name = name;
        t.scopes = {QStringLiteral("collection")};
        t.username = QStringLiteral("admin");
        t.expiresAt = Clock::now().addDays(30);
        QVERIFY(m_fx.domain->tokens.create(m_fx.cli, t));
    }
    TokensPage page(*m_ctx);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tokens.csv"));
    QSignalSpy done(&page, &TokensPage::exportFinished);
    page.exportTo(path); // a job on a worker thread
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(done.first().at(2).toString(), QString());
    QCOMPARE(done.first().at(1).toLongLong(), qint64(2));
    keepFileForLeakScan(path);
    const QByteArray csv = read(path);
    QVERIFY(csv.startsWith("id,name,hint,scopes,user,department,user_type,created_at,"
                           "created_by,expires_at,last_used_at,last_used_from,status,revoked_at,"
                           "revoked_by,description\r\n"));
    QVERIFY2(crlfOnly(csv), csv.constData());
    QCOMPARE(csv.count("\r\n"), 3);
    QVERIFY(csv.contains(",\"ci, nightly\","));
    QVERIFY(csv.contains(",backup,"));
    QCOMPARE(modeOf(path), 0600u);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("tokens.csv")});

    // An unwritable place: the failure is reported, no file appears.
    const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/tokens.csv"));
    page.exportTo(nowhere);
    QTRY_COMPARE(done.size(), 2);
    QVERIFY(done.last().at(2).toString().contains(QLatin1String("Cannot write")));
    QCOMPARE(done.last().at(1).toLongLong(), qint64(-1));
    QVERIFY(!QFile::exists(nowhere));
}

void TestCsvExport::auditExport()
{
    AuditPage page(*m_ctx);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    AuditPage::setNextExportFileForTesting(path);
    page.triggerExport(); // a job on a worker thread
    auto *message = page.findChild<QLabel *>(QStringLiteral("auditMessage"));
    QVERIFY(message);
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("exported")),
                              qPrintable(message->text()), AnswerMs);
    keepFileForLeakScan(path);
    const QByteArray csv = read(path);
    QVERIFY(csv.startsWith("time,actor,action,target,outcome,details,address\r\n"));
    QVERIFY2(crlfOnly(csv), csv.constData());
    const qint64 all = countRows(*m_fx.store, QStringLiteral("audit_log"));
    QVERIFY(all > 0);
    QCOMPARE(csv.count("\r\n"), all + 1);
    QVERIFY(csv.contains(",admin,"));
    QCOMPARE(modeOf(path), 0600u);

    // The synchronous form (the same writer, over the local store) gives the same bytes;
    // through a server it refuses and writes nothing.
    const QString again = dir.filePath(QStringLiteral("again.csv"));
    QString error;
    if (overServer()) {
        QCOMPARE(page.exportCsv(again, &error), -1);
        QVERIFY(!QFile::exists(again));
        return;
    }
    QCOMPARE(page.exportCsv(again, &error), all);
    QCOMPARE(read(again), csv);
    QCOMPARE(modeOf(again), 0600u);
}

void TestCsvExport::sessionsExport()
{
    // Two phones of one user; the page lists (and exports) what its filter shows.
    auto admin = m_fx.domain->accounts.userByName(m_fx.cli, QStringLiteral("admin"));
    QVERIFY(admin);
    QVERIFY(m_fx.domain->accounts.setAccessCode(m_fx.cli, admin->id, secret("Admin#Code9"), 90));
    std::vector<CreatedToken> sessions;
    for (const QString &device : {QStringLiteral("Ana's Pixel, work"), QStringLiteral("iPad")}) {
        auto s = m_fx.domain->sessions.create(QStringLiteral("admin"), secret("Admin#Code9"),
                                              device, QStringLiteral("android"),
                                              QStringLiteral("3.1"), QStringLiteral("10.2.3.4"));
        QVERIFY(s);
        noteSecret(s->secret);
        sessions.push_back(std::move(s.value()));
    }
    SessionsPage page(*m_ctx);
    QTRY_VERIFY_WITH_TIMEOUT(settled(page.model()) && page.model()->rowCount() == 2, AnswerMs);
    QVERIFY(page.actionState().enabled.testFlag(Page::Export));
    auto *message = child<QLabel>(&page, "sessionsMessage");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sessions.csv"));
    SessionsPage::setNextExportFileForTesting(path);
    page.triggerExport(); // a job on a worker thread, or the server's stream
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("2 sessions exported")),
                              qPrintable(message->text()), AnswerMs);
    QVERIFY(message->isVisibleTo(&page));
    QVERIFY(page.actionState().enabled.testFlag(Page::Export));
    page.resize(1000, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(screenshot(&page, QStringLiteral("sessions-export-done")));
    keepFileForLeakScan(path);
    const QByteArray csv = read(path);
    QVERIFY2(csv.startsWith("id,hint,user,email,department,user_type,device,platform,"
                            "app_version,created_at,last_active_at,last_active_from,expires_at,"
                            "status,revoked_at,revoked_by\r\n"),
             csv.constData());
    QVERIFY2(crlfOnly(csv), csv.constData());
    QCOMPARE(csv.count("\r\n"), 3);
    QVERIFY(csv.contains(",\"Ana's Pixel, work\",android,3.1,"));
    QVERIFY(csv.contains(",10.2.3.4,"));
    QVERIFY(csv.contains(",active,"));
    // A session appears by its hint; neither its token nor its hash is in the file.
    for (const CreatedToken &s : sessions) {
        QVERIFY(csv.contains(',' + s.hint.toUtf8() + ','));
        QVERIFY(!csv.contains(s.secret.bytes()));
    }
    QCOMPARE(modeOf(path), 0600u);

    // The filter applies: only the iPad.
    page.model()->setFilter(QStringLiteral("iPad"), false);
    QTRY_VERIFY_WITH_TIMEOUT(settled(page.model()) && page.model()->rowCount() == 1, AnswerMs);
    const QString filtered = dir.filePath(QStringLiteral("ipad.csv"));
    SessionsPage::setNextExportFileForTesting(filtered);
    page.triggerExport();
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("1 session exported")),
                              qPrintable(message->text()), AnswerMs);
    keepFileForLeakScan(filtered);
    const QByteArray one = read(filtered);
    QCOMPARE(one.count("\r\n"), 2);
    QVERIFY(one.contains(",iPad,"));
    QVERIFY(!one.contains("Pixel"));

    // Nothing listed: nothing to export.
    page.model()->setFilter(QStringLiteral("no such device"), false);
    QTRY_VERIFY_WITH_TIMEOUT(settled(page.model()) && page.model()->isKnownEmpty(), AnswerMs);
    QVERIFY(!page.actionState().enabled.testFlag(Page::Export));
}

void TestCsvExport::cancelFromTheProgressDialog()
{
    // Both lists export through the same progress dialog; its Cancel stops the export and
    // leaves no file, also when it is pressed before the worker wrote its first row.
    QTemporaryDir dir;
    TokensPage tokens(*m_ctx);
    const QString tokenPath = dir.filePath(QStringLiteral("tokens.csv"));
    QSignalSpy done(&tokens, &TokensPage::exportFinished);
    tokens.exportTo(tokenPath);
    auto *progress = tokens.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
    QVERIFY(progress);
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    // A picture of it (shown at once here; no events run, so the worker has not started).
    progress->show();
    QDir().mkpath(qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/screenshots"));
    QVERIFY(progress->grab().save(qEnvironmentVariable("TD_BUILD_DIR") +
                                  QStringLiteral("/screenshots/export-progress.png")));
    cancel->click();
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(done.first().at(1).toLongLong(), qint64(-1));
    QVERIFY2(done.first().at(2).toString().contains(QLatin1String("cancelled")),
             qPrintable(done.first().at(2).toString()));
    QTRY_VERIFY(!tokens.findChild<QProgressDialog *>(QStringLiteral("exportProgress")));

    AuditPage audit(*m_ctx);
    const QString auditPath = dir.filePath(QStringLiteral("audit.csv"));
    AuditPage::setNextExportFileForTesting(auditPath);
    audit.triggerExport();
    progress = audit.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
    QVERIFY(progress);
    progress->findChild<QPushButton *>()->click();
    auto *message = audit.findChild<QLabel *>(QStringLiteral("auditMessage"));
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QLatin1String("cancelled")),
                              qPrintable(message->text()), AnswerMs);
    QTRY_VERIFY(!audit.findChild<QProgressDialog *>(QStringLiteral("exportProgress")));

    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
}

QTEST_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
