// SPDX-License-Identifier: MIT
// security.leakscan: runs after every other test (it is the cleanup of the ctest fixture "leak")
// and looks for every secret the tests noted (tests/common/testsupport.h: noteSecret) and for
// any well-formed token in what the tests left in TD_LEAK_DIR: their standard output and error
// (with QT_LOGGING_RULES="*.debug=true"), their HOME (settings, exports, default stores), store
// dumps (SQLite files, pg_dump), the servers' access logs, CLI error output and CSV exports.
// A hit names the file and the form, never the secret.
#include "leakscanner.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace td::test;

class TestLeakScan : public QObject
{
    Q_OBJECT

private slots:
    void noSecretAnywhere();
};

void TestLeakScan::noSecretAnywhere()
{
    const QString root = qEnvironmentVariable("TD_LEAK_DIR");
    QVERIFY2(!root.isEmpty(), "TD_LEAK_DIR is not set: run this through ctest");
    const QStringList tests = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(!tests.isEmpty(),
             qPrintable(QStringLiteral("nothing to scan in %1: this test runs after the others "
                                       "(ctest fixture \"leak\")")
                            .arg(root)));
    LeakScanner scanner;
    const QString list = root + QStringLiteral("/secrets.list");
    if (QFileInfo::exists(list)) {
        QString error;
        QVERIFY2(scanner.addSecretsFromList(list, &error), qPrintable(error));
    }
    qint64 files = 0, bytes = 0;
    const QList<LeakScanner::Hit> hits =
        scanner.scanTree(root, {QStringLiteral("secrets.list")}, &files, &bytes);
    qInfo("scanned %lld files (%lld bytes) of %lld tests for %d noted secrets and any "
          "well-formed token",
          files, bytes, qint64(tests.size()), scanner.secretCount());
    QStringList lines;
    for (const LeakScanner::Hit &h : hits)
        lines << h.describe();
    if (lines.size() > 50)
        lines = lines.mid(0, 50) << QStringLiteral("… and %1 more").arg(hits.size() - 50);
    QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("secrets found:\n") + lines.join('\n')));
}

QTEST_GUILESS_MAIN(TestLeakScan)
#include "tst_leakscan.moc"
