// SPDX-License-Identifier: MIT
// Command-line manners of the three programs: --help and --version answer on standard
// output with exit code 0 (the console without a display: QT_QPA_PLATFORM is unset for it);
// --help documents the options, the environment, the files and every exit status; an unknown
// option is exit code 2 with exactly one line on standard error and nothing on standard output.
#include "testsupport.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Run
{
    int exit = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, bool withDisplay = true)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!withDisplay) {
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    }
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exit = p.exitCode();
    r.status = p.exitStatus();
    const QString name = QFileInfo(program).fileName();
    r.out = td::test::takeStandardOutput(p, name + QStringLiteral("-stdout.txt"));
    r.err = td::test::takeStandardError(p, name + QStringLiteral("-stderr.txt"));
    return r;
}

QString binary(const char *variable)
{
    return qEnvironmentVariable(variable);
}

} // namespace

class TestManners : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void help_data();
    void help();
    void version_data();
    void version();
    void unknownOption_data();
    void unknownOption();
    void strayArgument_data();
    void strayArgument();
    void readmeMatchesHelp();
};

void TestManners::initTestCase()
{
    td::test::setLoggingEnvironment();
    for (const char *v : {"TD_CONSOLE_BIN", "TD_ADMIN_BIN", "TD_SERVER_BIN"})
        QVERIFY2(QFile::exists(binary(v)), v);
}

void TestManners::help_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("expected");
    const QStringList common = {QStringLiteral("--help"), QStringLiteral("--version"),
                                QStringLiteral("--database")};
    QTest::newRow("tokendesk")
        << binary("TD_CONSOLE_BIN")
        << common +
               QStringList{
                   QStringLiteral("Usage: "), QStringLiteral("Exit status:"),
                   QStringLiteral("  0  "), QStringLiteral("  2  invalid command line"),
                   QStringLiteral("  7  "), QStringLiteral("Environment:"),
                   QStringLiteral("Files:"), QStringLiteral("tokendesk.sqlite"),
                   // where QSettings really keeps it
                   QStringLiteral("/.config/tokendesk.example.org/tokendesk.conf  window layout")};
    QTest::newRow("tokendesk-admin")
        << binary("TD_ADMIN_BIN")
        << common + QStringList{QStringLiteral("Usage: tokendesk-admin"),
                                QStringLiteral("Exit codes:"),
                                QStringLiteral("2 invalid input or usage"),
                                QStringLiteral("7 store missing"),
                                QStringLiteral("Environment:"),
                                QStringLiteral("TOKENDESK_DATABASE"),
                                QStringLiteral("Files:"),
                                QStringLiteral("token create")};
    QTest::newRow("tokendesk-server")
        << binary("TD_SERVER_BIN")
        << common + QStringList{QStringLiteral("Usage: "),
                                QStringLiteral("--listen"),
                                QStringLiteral("Exit status:"),
                                QStringLiteral("  0  stopped cleanly"),
                                QStringLiteral("  2  invalid command line"),
                                QStringLiteral("  7  "),
                                QStringLiteral("Environment:"),
                                QStringLiteral("TOKENDESK_DATABASE"),
                                QStringLiteral("Files:")};
}

void TestManners::help()
{
    QFETCH(QString, program);
    QFETCH(QStringList, expected);
    for (const QString &flag :
         {QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("--help-all")}) {
        // Without a display: --help must not need one.
        const Run r = run(program, {flag}, /*withDisplay=*/false);
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable(flag + QStringLiteral(": no \"") + e +
                                                  QStringLiteral("\" in:\n") + text));
    }
}

void TestManners::version_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("name");
    QTest::newRow("tokendesk") << binary("TD_CONSOLE_BIN") << QStringLiteral("tokendesk");
    QTest::newRow("tokendesk-admin") << binary("TD_ADMIN_BIN") << QStringLiteral("tokendesk-admin");
    QTest::newRow("tokendesk-server")
        << binary("TD_SERVER_BIN") << QStringLiteral("tokendesk-server");
}

void TestManners::version()
{
    QFETCH(QString, program);
    QFETCH(QString, name);
    const QString expected =
        name + QLatin1Char(' ') + qEnvironmentVariable("TD_VERSION") + QLatin1Char('\n');
    QVERIFY(!qEnvironmentVariable("TD_VERSION").isEmpty());
    for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const Run r = run(program, {flag}, /*withDisplay=*/false);
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exit, 0);
        QCOMPARE(QString::fromUtf8(r.out), expected);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }
}

void TestManners::unknownOption_data()
{
    version_data();
}

void TestManners::unknownOption()
{
    QFETCH(QString, program);
    QFETCH(QString, name);
    for (const QString &flag : {QStringLiteral("--no-such-option"), QStringLiteral("-Z")}) {
        const Run r = run(program, {flag}, /*withDisplay=*/false);
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1,
                 qPrintable(err));
        QVERIFY2(err.startsWith(name + QStringLiteral(": ")), qPrintable(err));
        QVERIFY2(err.contains(flag.mid(flag.startsWith(QLatin1String("--")) ? 2 : 1)),
                 qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("--help")), qPrintable(err));
    }
}

void TestManners::strayArgument_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("word");
    QTest::newRow("tokendesk extra argument")
        << binary("TD_CONSOLE_BIN") << QStringList{QStringLiteral("stray")}
        << QStringLiteral("stray");
    QTest::newRow("tokendesk bad --database")
        << binary("TD_CONSOLE_BIN") << QStringList{QStringLiteral("--database="), QString()}
        << QStringLiteral("--database");
    QTest::newRow("tokendesk-admin unknown command")
        << binary("TD_ADMIN_BIN") << QStringList{QStringLiteral("frobnicate")}
        << QStringLiteral("frobnicate");
    QTest::newRow("tokendesk-server extra argument")
        << binary("TD_SERVER_BIN") << QStringList{QStringLiteral("stray")}
        << QStringLiteral("stray");
}

void TestManners::strayArgument()
{
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    QFETCH(QString, word);
    args.removeAll(QString());
    const Run r = run(program, args);
    QCOMPARE(r.exit, 2);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
    QVERIFY2(err.contains(word), qPrintable(err));
}

void TestManners::readmeMatchesHelp()
{
    // The man-page section of README.md names every option each --help lists, and the same
    // exit codes.
    QFile readme(qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    for (const char *section :
         {"NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES"})
        QVERIFY2(text.contains(QStringLiteral("#### ") + QLatin1String(section)), section);
    const QRegularExpression option(QStringLiteral("^\\s+(?:-\\S, )*(--[a-z][a-z-]+)"),
                                    QRegularExpression::MultilineOption);
    for (const char *v : {"TD_CONSOLE_BIN", "TD_ADMIN_BIN", "TD_SERVER_BIN"}) {
        const Run r = run(binary(v), {QStringLiteral("--help")}, false);
        QCOMPARE(r.exit, 0);
        const QString help = QString::fromUtf8(r.out);
        auto it = option.globalMatch(help);
        int seen = 0;
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            if (name == QLatin1String("--help-all"))
                continue;
            ++seen;
            QVERIFY2(text.contains(QStringLiteral("`") + name),
                     qPrintable(QStringLiteral("README.md does not document %1 of %2")
                                    .arg(name, QFileInfo(binary(v)).fileName())));
        }
        QVERIFY2(seen >= 3, v);
    }
}

QTEST_GUILESS_MAIN(TestManners)
#include "tst_manners.moc"
