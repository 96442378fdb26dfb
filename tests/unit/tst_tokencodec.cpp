// SPDX-License-Identifier: MIT
// The token format of PRODUCT.md: prefix, 40 uniform base62 characters, CRC32 checksum in
// base62; the parser rejects every malformed token; only a SHA-256 and a hint are derived.
#include "security/tokencodec.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace td;
namespace TC = td::TokenCodec;

class TestTokenCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crc32MatchesZlib_data();
    void crc32MatchesZlib();
    void checksumText();
    void referenceTokensParse_data();
    void referenceTokensParse();
    void generatedTokensHaveTheFormat();
    void randomPartIsUniform();
    void everySingleCharacterChangeIsRejected();
    void parserRejectsWrongShapes_data();
    void parserRejectsWrongShapes();
    void lookupHashIsSha256OfTheWholeToken();
    void hintShowsPrefixAndLastFour();
    void secretWipesOnlyWhatItOwns();
    void publishedScannerRuleAgrees();
};

void TestTokenCodec::crc32MatchesZlib_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<quint32>("crc");
    // Reference values from Python's zlib.crc32.
    QTest::newRow("check value") << QByteArray("123456789") << quint32(0xCBF43926);
    QTest::newRow("empty") << QByteArray() << quint32(0);
    QTest::newRow("zeros body") << QByteArray("tdk_0000000000000000000000000000000000000000")
                                << quint32(0xB0E0136B);
    QTest::newRow("mixed body") << QByteArray("tdk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd")
                                << quint32(0xDE1703FB);
    QTest::newRow("session body") << QByteArray("tds_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
                                  << quint32(0x9D38F559);
}

void TestTokenCodec::crc32MatchesZlib()
{
    QFETCH(QByteArray, data);
    QFETCH(quint32, crc);
    QCOMPARE(TC::crc32(data), crc);
}

void TestTokenCodec::checksumText()
{
    QCOMPARE(TC::checksumText(0), QByteArray("000000"));
    QCOMPARE(TC::checksumText(0xFFFFFFFFu), QByteArray("4gfFC3"));
    QCOMPARE(TC::checksumText(0xB0E0136Bu), QByteArray("3EpDop"));
    QCOMPARE(TC::checksumText(61), QByteArray("00000z"));
    QCOMPARE(TC::checksumText(62), QByteArray("000010"));
}

void TestTokenCodec::referenceTokensParse_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("kind");
    QTest::newRow("zeros") << QByteArray("tdk_00000000000000000000000000000000000000003EpDop")
                           << int(TokenKind::Api);
    QTest::newRow("mixed") << QByteArray("tdk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd44A7tT")
                           << int(TokenKind::Api);
    QTest::newRow("session") << QByteArray("tds_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz2sVklN")
                             << int(TokenKind::Session);
}

void TestTokenCodec::referenceTokensParse()
{
    QFETCH(QByteArray, token);
    QFETCH(int, kind);
    TokenKind k = kind == int(TokenKind::Api) ? TokenKind::Session : TokenKind::Api;
    QCOMPARE(TC::check(token, &k), TC::ParseError::None);
    QCOMPARE(int(k), kind);
}

void TestTokenCodec::generatedTokensHaveTheFormat()
{
    QSet<QByteArray> seen;
    // Every kind of the one prefix table, each with its own prefix.
    QSet<QByteArray> prefixes;
    for (const TC::PrefixEntry &e : TC::Prefixes) {
        QCOMPARE(qstrlen(e.prefix), size_t(TC::PrefixLength));
        QCOMPARE(TC::prefix(e.kind), QByteArray(e.prefix));
        prefixes.insert(e.prefix);
    }
    QCOMPARE(prefixes, (QSet<QByteArray>{"tdk_", "tds_", "tdc_"}));
    for (TokenKind kind : {TokenKind::Api, TokenKind::Session, TokenKind::Console}) {
        for (int i = 0; i < 2000; ++i) {
            const SecretBytes s = TC::generate(kind);
            const QByteArray t = s.bytes();
            QCOMPARE(t.size(), 50);
            QVERIFY(t.startsWith(TC::prefix(kind)));
            for (char c : t.mid(4))
                QVERIFY2(std::isalnum(static_cast<unsigned char>(c)), t.constData());
            QCOMPARE(t.right(6), TC::checksumText(TC::crc32(t.left(44))));
            TokenKind parsed;
            QCOMPARE(TC::check(t, &parsed), TC::ParseError::None);
            QCOMPARE(parsed, kind);
            QVERIFY2(!seen.contains(t), "two generated tokens are equal");
            seen.insert(t);
        }
    }
}

void TestTokenCodec::randomPartIsUniform()
{
    // 20,000 tokens × 40 characters = 800,000 draws over 62 symbols. Chi-square with 61 degrees of
    // freedom: the 99.99th percentile is about 112; a modulo bias of (256 mod 62)/256 would push
    // the first 8 symbols up by ~25 % and the statistic into the thousands.
    QList<qint64> counts(62, 0);
    const int tokens = 20000;
    for (int i = 0; i < tokens; ++i) {
        const SecretBytes s = TC::generate(TokenKind::Api);
        for (int j = 4; j < 44; ++j) {
            const char c = s.bytes()[j];
            const int v = c <= '9' ? c - '0' : (c <= 'Z' ? c - 'A' + 10 : c - 'a' + 36);
            ++counts[v];
        }
    }
    const double expected = tokens * 40.0 / 62.0;
    double chi2 = 0;
    for (qint64 c : counts)
        chi2 += (c - expected) * (c - expected) / expected;
    QVERIFY2(chi2 < 112.0, qPrintable(QStringLiteral("chi-square %1 over 61 dof").arg(chi2)));
    // And each position is uniform too (no position-dependent bias): position 4 vs position 43.
    for (int pos : {4, 43}) {
        QList<qint64> c(62, 0);
        for (int i = 0; i < 12400; ++i) {
            const char ch = TC::generate(TokenKind::Api).bytes()[pos];
            ++c[ch <= '9' ? ch - '0' : (ch <= 'Z' ? ch - 'A' + 10 : ch - 'a' + 36)];
        }
        double x = 0;
        for (qint64 n : c)
            x += (n - 200.0) * (n - 200.0) / 200.0;
        QVERIFY2(x < 112.0,
                 qPrintable(QStringLiteral("position %1: chi-square %2").arg(pos).arg(x)));
    }
}

void TestTokenCodec::everySingleCharacterChangeIsRejected()
{
    const QByteArray alphabet(TC::Alphabet);
    for (int round = 0; round < 5; ++round) {
        const QByteArray token =
            TC::generate(round % 2 ? TokenKind::Session : TokenKind::Api).bytes();
        int variants = 0;
        for (int pos = 0; pos < token.size(); ++pos) {
            const QByteArray candidates = pos < 4 ? QByteArray("tdks_Tx0") : alphabet;
            for (char c : candidates) {
                if (c == token[pos])
                    continue;
                QByteArray changed = token;
                changed[pos] = c;
                const TC::ParseError e = TC::check(changed);
                QVERIFY2(e != TC::ParseError::None,
                         qPrintable(QStringLiteral("accepted a change at %1").arg(pos)));
                ++variants;
            }
        }
        QVERIFY(variants > 46 * 60);
    }
    // Swapping two neighbouring characters of the random part is caught too.
    const QByteArray token = TC::generate(TokenKind::Api).bytes();
    for (int pos = 4; pos < 43; ++pos) {
        if (token[pos] == token[pos + 1])
            continue;
        QByteArray swapped = token;
        std::swap(swapped[pos], swapped[pos + 1]);
        QCOMPARE(TC::check(swapped), TC::ParseError::BadChecksum);
    }
}

void TestTokenCodec::parserRejectsWrongShapes_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("error");
    const QByteArray good("tdk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd44A7tT");
    QTest::newRow("empty") << QByteArray() << int(TC::ParseError::Empty);
    QTest::newRow("short") << good.left(49) << int(TC::ParseError::WrongLength);
    QTest::newRow("long") << good + "0" << int(TC::ParseError::WrongLength);
    QTest::newRow("trailing newline") << good + "\n" << int(TC::ParseError::WrongLength);
    QTest::newRow("prefix ghp_") << QByteArray("ghp_") + good.mid(4)
                                 << int(TC::ParseError::WrongPrefix);
    QTest::newRow("prefix upper") << QByteArray("TDK_") + good.mid(4)
                                  << int(TC::ParseError::WrongPrefix);
    QTest::newRow("prefix tdx_") << QByteArray("tdx_") + good.mid(4)
                                 << int(TC::ParseError::WrongPrefix);
    QByteArray dash = good;
    dash[10] = '-';
    QTest::newRow("dash") << dash << int(TC::ParseError::BadCharacter);
    QByteArray underscore = good;
    underscore[20] = '_';
    QTest::newRow("underscore") << underscore << int(TC::ParseError::BadCharacter);
    QByteArray space = good;
    space[47] = ' ';
    QTest::newRow("space in checksum") << space << int(TC::ParseError::BadCharacter);
    QByteArray high = good;
    high[30] = char(0xC3);
    QTest::newRow("non-ASCII") << high << int(TC::ParseError::BadCharacter);
    QByteArray nul = good;
    nul[25] = '\0';
    QTest::newRow("NUL") << nul << int(TC::ParseError::BadCharacter);
    QByteArray sum = good;
    sum[49] = 'U';
    QTest::newRow("checksum") << sum << int(TC::ParseError::BadChecksum);
    QTest::newRow("session prefix on api body")
        << QByteArray("tds_") + good.mid(4) << int(TC::ParseError::BadChecksum);
}

void TestTokenCodec::parserRejectsWrongShapes()
{
    QFETCH(QByteArray, token);
    QFETCH(int, error);
    QCOMPARE(int(TC::check(token)), error);
    QVERIFY(!TC::describe(TC::ParseError(error)).isEmpty());
}

void TestTokenCodec::lookupHashIsSha256OfTheWholeToken()
{
    const QByteArray token("tdk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd44A7tT");
    QCOMPARE(TC::lookupHash(token).toHex(),
             QByteArray("eef14abd5d6fe0d1bc51d44a3590724cabcb15530cfa78691888450c1e99b793"));
    QCOMPARE(TC::lookupHash(token).size(), 32);
}

void TestTokenCodec::hintShowsPrefixAndLastFour()
{
    const QByteArray token("tdk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd44A7tT");
    QCOMPARE(TC::hint(token), QStringLiteral("tdk_…A7tT"));
    // The hint never carries the random part.
    QVERIFY(!TC::hint(token).contains(QLatin1String("AbCd")));
}

void TestTokenCodec::secretWipesOnlyWhatItOwns()
{
    QByteArray owned("secret-value");
    owned.detach();
    const char *data = owned.constData();
    const qsizetype n = owned.size();
    {
        QByteArray copy = owned; // shared: wiping `copy` must not zero `owned`
        secureWipe(copy);
        QVERIFY(copy.isEmpty());
        QCOMPARE(owned, QByteArray("secret-value"));
    }
    secureWipe(owned);
    QVERIFY(owned.isEmpty());
    // Its own buffer, still held by it, holds zeros where the secret was.
    QCOMPARE(static_cast<const void *>(owned.constData()), static_cast<const void *>(data));
    QCOMPARE(QByteArray(data, n), QByteArray(n, '\0'));

    SecretBytes a(QByteArray("abc")), b(QByteArray("abc")), c(QByteArray("abd"));
    QVERIFY(a.equals(b));
    QVERIFY(!a.equals(c));
    SecretBytes moved(std::move(a));
    QVERIFY(a.isEmpty());
    QCOMPARE(moved.bytes(), QByteArray("abc"));
    moved.wipe();
    QVERIFY(moved.isEmpty());
}

void TestTokenCodec::publishedScannerRuleAgrees()
{
    // README.md publishes the regular expression and the checksum rule for secret scanners, as
    // Python. Run that very code: it must accept generated tokens of every kind and refuse each
    // with a changed character, as the parser does.
    QFile readme(qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/README.md"));
    QVERIFY2(readme.open(QIODevice::ReadOnly), qPrintable(readme.fileName()));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype at = text.indexOf(QLatin1String("**For secret scanners.**"));
    QVERIFY(at >= 0);
    static const QRegularExpression block(QStringLiteral("```python\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = block.match(text, at);
    QVERIFY(m.hasMatch());
    QByteArray script = m.captured(1).toUtf8();
    script += "import sys\n"
              "for line in sys.stdin.read().split():\n"
              "    print(int(bool(TOKEN.fullmatch(line)) and is_tokendesk_token(line)))\n";
    QByteArray input;
    QByteArray expected;
    for (TokenKind kind : {TokenKind::Api, TokenKind::Session, TokenKind::Console}) {
        for (int i = 0; i < 20; ++i) {
            const QByteArray t = TC::generate(kind).bytes();
            input += t + '\n';
            expected += "1\n";
            QByteArray changed = t;
            const int pos = 4 + i * 2; // in the random part or the checksum
            changed[pos] = changed[pos] == 'x' ? 'y' : 'x';
            input += changed + '\n';
            expected += TC::check(changed) == TC::ParseError::None ? "1\n" : "0\n";
        }
    }
    input += "tdk_short\nxyz_0123456789012345678901234567890123456789012345\n";
    expected += "0\n0\n";
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(script)});
    QVERIFY2(python.waitForStarted(10000), "python3 is needed (Debian's python3)");
    python.write(input);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.readAllStandardOutput(), expected);
}

QTEST_GUILESS_MAIN(TestTokenCodec)
#include "tst_tokencodec.moc"
