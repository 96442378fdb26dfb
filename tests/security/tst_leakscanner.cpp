// SPDX-License-Identifier: MIT
// security.leakscanner: the leak scan finds a planted secret in every form it looks for, names
// the file without printing the secret, stays quiet on hashes and hints, and the real scan
// (security.leakscan's program) fails on a planted leak.
#include "domain/webhooks/webhookservice.h"
#include "leakscanner.h"
#include "testsupport.h"

#include "security/passwordhasher.h"
#include "security/tokencodec.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace td;
using namespace td::test;

class TestLeakScanner : public QObject
{
    Q_OBJECT

private slots:
    void findsEveryForm_data();
    void findsEveryForm();
    void quietOnHashesAndHints();
    void findsUnrecordedTokens();
    void findsUnrecordedWebhookSecrets();
    void findsUnrecordedTokensInBasicCredentials();
    void qtLogIsMarkedAndSetApart();
    void realScanFailsOnAPlantedLeak();

private:
    static void write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    static QByteArray utf16le(const QString &s)
    {
        return QByteArray(reinterpret_cast<const char *>(s.utf16()), s.size() * 2);
    }
};

void TestLeakScanner::findsEveryForm_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("form");
    const QByteArray token = TokenCodec::generate(TokenKind::Api).bytes();
    const QByteArray code("Plant-Code#42 x");
    const QByteArray unicode = QStringLiteral("Pässwörd-Ω1").toUtf8();
    for (const auto &[tag, secret] : {std::pair{"token", token}, std::pair{"access code", code},
                                      std::pair{"unicode", unicode}}) {
        const QString s = QString::fromUtf8(secret);
        QTest::addRow("%s raw", tag) << secret << "log line: " + secret + " end"
                                     << "raw";
        QTest::addRow("%s utf16", tag) << secret << utf16le("<" + s + ">") << "UTF-16LE";
        for (int align = 0; align < 3; ++align)
            QTest::addRow("%s base64 +%d", tag, align)
                << secret << "Basic " + (QByteArray(align, 'u') + ":" + secret + "!").toBase64()
                << "base64";
        QTest::addRow("%s base64url", tag)
            << secret << ("x" + secret).toBase64(QByteArray::Base64UrlEncoding) << "base64";
        QTest::addRow("%s percent", tag)
            << secret << "GET /?a=" + QUrl::toPercentEncoding(s) + "&b=1"
            << (QUrl::toPercentEncoding(s) == secret ? "raw" : "percent-encoded");
        QTest::addRow("%s hex", tag) << secret << "dump " + secret.toHex() << "hex";
    }
}

void TestLeakScanner::findsEveryForm()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, content);
    QFETCH(QString, form);
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("clean/stdout")), "nothing to see\n");
    write(dir.filePath(QStringLiteral("some.test/home/.config/x.conf")), "[a]\n" + content + "\n");
    LeakScanner scanner;
    scanner.addSecret("Other-Secret#1");
    scanner.addSecret(secret);
    const QList<LeakScanner::Hit> hits = scanner.scanTree(dir.path());
    QVERIFY(!hits.isEmpty());
    for (const LeakScanner::Hit &h : hits) {
        QCOMPARE(h.file, QStringLiteral("some.test/home/.config/x.conf"));
        const QString line = h.describe();
        QVERIFY(line.contains(QLatin1String("some.test/home/.config/x.conf")));
        QVERIFY(!line.toUtf8().contains(secret));
        QVERIFY(!line.contains(QString::fromUtf8(secret)));
    }
    // The base64 forms also match the URL-safe alphabet's; either name is right.
    bool named = false;
    for (const LeakScanner::Hit &h : hits)
        named = named || h.form.startsWith(form);
    QVERIFY2(named, qPrintable(hits.first().form));
}

void TestLeakScanner::quietOnHashesAndHints()
{
    const SecretBytes token = TokenCodec::generate(TokenKind::Session);
    const QByteArray code("Quiet-Code#7");
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("t/store.dump")),
          TokenCodec::lookupHash(token.bytes()) + TokenCodec::lookupHash(token.bytes()).toHex() +
              TokenCodec::hint(token.bytes()).toUtf8() +
              PasswordHasher::hash(SecretBytes(QByteArray(code))) +
              // a near miss: the secret without its last character
              code.left(code.size() - 1) + token.bytes().left(49));
    LeakScanner scanner;
    scanner.addSecret(token.bytes());
    scanner.addSecret(code);
    scanner.addSecret("short"); // ignored: too short to mean anything
    QCOMPARE(scanner.secretCount(), 2);
    write(dir.filePath(QStringLiteral("t/stdout")), "a short word\n");
    const QList<LeakScanner::Hit> hits = scanner.scanTree(dir.path());
    QVERIFY2(hits.isEmpty(), hits.isEmpty() ? "" : qPrintable(hits.first().describe()));
}

void TestLeakScanner::findsUnrecordedTokens()
{
    const QByteArray token = TokenCodec::generate(TokenKind::Api).bytes();
    QByteArray broken = token;
    broken[10] = broken[10] == 'a' ? 'b' : 'a'; // checksum no longer matches
    LeakScanner scanner;
    QCOMPARE(scanner.scanBytes("x " + broken + " y", QStringLiteral("f")).size(), 0);
    const auto hits = scanner.scanBytes("Authorization: Bearer " + token + "\r\n", "f");
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().offset, qint64(22));
    QCOMPARE(hits.first().form, QStringLiteral("token pattern"));
}

void TestLeakScanner::findsUnrecordedWebhookSecrets()
{
    // The shape WebhookService gives a signing secret; one nobody recorded is found anyway.
    const QByteArray secret =
        QByteArray(WebhookService::SecretPrefix) + QByteArray(43, 'Q').replace(5, 3, "-_9");
    QCOMPARE(secret.size(), WebhookService::SecretLength);
    LeakScanner scanner;
    auto hits = scanner.scanBytes("signed with " + secret + "\n", QStringLiteral("f"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().offset, qint64(12));
    QCOMPARE(hits.first().form, QStringLiteral("webhook secret pattern"));
    // Shorter or longer runs are something else; a recorded one is reported as itself.
    QCOMPARE(scanner.scanBytes(secret.chopped(1) + " " + secret + "x", "f").size(), 0);
    scanner.addSecret(secret);
    hits = scanner.scanBytes(secret, QStringLiteral("f"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().form, QStringLiteral("raw"));
}

void TestLeakScanner::findsUnrecordedTokensInBasicCredentials()
{
    // Every kind of token TokenCodec makes is found by the pattern (its own check() decides,
    // so a new prefix needs nothing here), also inside the base64 of Basic credentials.
    for (TokenKind kind : {TokenKind::Api, TokenKind::Session, TokenKind::Console}) {
        const QByteArray token = TokenCodec::generate(kind).bytes();
        LeakScanner scanner;
        QCOMPARE(LeakScanner::tokensIn("<" + token + ">"), QList<QByteArray>{token});
        for (int align = 0; align < 3; ++align) {
            const QByteArray credentials = QByteArray(align, 'u') + ':' + token;
            for (const QByteArray &header :
                 {"Authorization: Basic " + credentials.toBase64() + "\r\n",
                  "authorization: basic " + credentials.toBase64(QByteArray::Base64UrlEncoding |
                                                                 QByteArray::OmitTrailingEquals)}) {
                // (Messages name the alignment, never the header: it holds a token.)
                const QByteArray where = QByteArray::number(align);
                QVERIFY2(!header.contains(token), where.constData());
                const auto hits = scanner.scanBytes(header, QStringLiteral("f"));
                QVERIFY2(hits.size() == 1, where.constData());
                QVERIFY2(hits.first().form.startsWith(QLatin1String("token pattern in Basic")),
                         qPrintable(hits.first().form));
            }
        }
    }
    // Base64 that decodes to no token is quiet.
    LeakScanner scanner;
    QVERIFY(scanner
                .scanBytes("Authorization: Basic " + QByteArray("user:pass word").toBase64(),
                           QStringLiteral("f"))
                .isEmpty());
}

void TestLeakScanner::qtLogIsMarkedAndSetApart()
{
    // A program started with loggingEnvironment() logs every category, each message marked;
    // withoutQtLog() leaves what the program wrote itself.
    const QProcessEnvironment env = loggingEnvironment(QProcessEnvironment());
    QCOMPARE(env.value(QStringLiteral("QT_LOGGING_RULES")), QStringLiteral("*.debug=true"));
    QCOMPARE(env.value(QStringLiteral("QT_MESSAGE_PATTERN")),
             QStringLiteral("[qt-log %{category}] %{message} [/qt-log]"));
    const QByteArray marked = "tokendesk-admin: one line\n[qt-log qt.core.x] a message\nwith two "
                              "lines [/qt-log]\nsecond line\n[qt-log default] x [/qt-log]\n";
    QCOMPARE(withoutQtLog(marked), QByteArray("tokendesk-admin: one line\nsecond line\n"));
    QCOMPARE(withoutQtLog("no log\n"), QByteArray("no log\n"));
    QCOMPARE(withoutQtLog("stopped\n\"/usr/lib/x/libqsqlpsql.so\" unloaded library (faked)\n"),
             QByteArray("stopped\n"));
}

void TestLeakScanner::realScanFailsOnAPlantedLeak()
{
    const QString bin = qEnvironmentVariable("TD_LEAKSCAN_BIN");
    QVERIFY2(!bin.isEmpty(), "TD_LEAKSCAN_BIN is not set: run this through ctest");
    const QByteArray code("Planted-Code#99");
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("secrets.list")), code.toHex() + "\n");
    write(dir.filePath(QStringLiteral("clean.test/stdout")), "PASS\n");
    auto run = [&] {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TD_LEAK_DIR"), dir.path());
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(bin);
        p.waitForFinished(60000);
        return std::pair{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
    };
    auto [clean, cleanOut] = run();
    QCOMPARE(clean, 0);
    write(dir.filePath(QStringLiteral("leaky.test/home/.config/tokendesk/tokendesk.conf")),
          "[ui]\nlast=" + QUrl::toPercentEncoding(QString::fromUtf8(code)) + "\n");
    auto [leaky, leakyOut] = run();
    QVERIFY(leaky != 0);
    QVERIFY(leakyOut.contains("leaky.test/home/.config/tokendesk/tokendesk.conf"));
    QVERIFY(!leakyOut.contains(code));
    QVERIFY(!leakyOut.contains(QUrl::toPercentEncoding(QString::fromUtf8(code))));
}

QTEST_GUILESS_MAIN(TestLeakScanner)
#include "tst_leakscanner.moc"
