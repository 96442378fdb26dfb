// SPDX-License-Identifier: MIT
// Access codes and passwords: the 6–50 rule in Unicode code points after NFKC, the username and
// common-code checks, and Argon2id hashing through libsodium.
#include "security/credentialpolicy.h"
#include "security/passwordhasher.h"

#include <QTest>

using namespace td;
namespace CP = td::CredentialPolicy;

static SecretBytes s(const QString &t)
{
    return SecretBytes(t.toUtf8());
}

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accessCodeLength_data();
    void accessCodeLength();
    void rejectedAccessCodes_data();
    void rejectedAccessCodes();
    void passwordRules();
    void ages();
    void usernames_data();
    void usernames();
    void argon2idHashAndVerify();
    void normalizedInputsVerifyAlike();
};

void TestCredentials::accessCodeLength_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("ok");
    const QString base =
        QStringLiteral("k7Qm2xW9pL4vB8nR3tY6hJ1cF5gD0sZaE7uIoP2qWe4rTy6uIoP9aSdFgHjKl");
    QTest::newRow("5 ascii") << base.left(5) << false;
    QTest::newRow("6 ascii") << base.left(6) << true;
    QTest::newRow("50 ascii") << base.left(50) << true;
    QTest::newRow("51 ascii") << base.left(51) << false;
    // Astral-plane characters: one code point, two UTF-16 units, four UTF-8 bytes.
    const QString rocket = QString::fromUcs4(U"\U0001F680");
    const QString cat = QString::fromUcs4(U"\U0001F408");
    auto emoji = [&](int n) {
        QString r;
        for (int i = 0; i < n; ++i)
            r += (i % 3 == 0) ? rocket : (i % 3 == 1 ? cat : QStringLiteral("x"));
        return r;
    };
    QTest::newRow("5 emoji-mix") << emoji(5) << false;
    QTest::newRow("6 emoji-mix") << emoji(6) << true;
    QTest::newRow("50 emoji-mix") << emoji(50) << true;
    QTest::newRow("51 emoji-mix") << emoji(51) << false;
    // "é" typed as e + combining acute is one code point after NFKC: 6 of them make 6.
    const QString combining = QStringLiteral("e\u0301");
    QTest::newRow("6 combining → 6 after NFKC")
        << QStringLiteral("a%1b%1c%1").arg(combining) << true;
    QTest::newRow("5 combining → 5 after NFKC")
        << QStringLiteral("ab%1c%1").arg(combining).left(5 + 2) << false;
    // The ligature "ﬀ" (U+FB00) becomes "ff" under NFKC: 5 typed characters, 6 after.
    QTest::newRow("ligature expands to 6") << QStringLiteral("q\uFB00z7w") << true;
    // Full-width letters fold to ASCII: "ｐａｓｓｗｏｒｄ" is the common "password".
    QTest::newRow("full-width common code") << QStringLiteral("ｐａｓｓｗｏｒｄ") << false;
    QTest::newRow("German umlauts") << QStringLiteral("Grüße-7Kä") << true;
    QTest::newRow("Cyrillic") << QStringLiteral("Пароль-42") << true;
}

void TestCredentials::accessCodeLength()
{
    QFETCH(QString, code);
    QFETCH(bool, ok);
    const QString why = CP::checkAccessCode(s(code), QStringLiteral("alice"));
    QVERIFY2(
        why.isEmpty() == ok,
        qPrintable(
            QStringLiteral("%1 code points: \"%2\"").arg(CP::codePointLength(s(code))).arg(why)));
    if (!ok)
        QVERIFY(!why.isEmpty());
}

void TestCredentials::rejectedAccessCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("reasonContains");
    QTest::newRow("username") << QStringLiteral("Alice.Smith") << QStringLiteral("username");
    QTest::newRow("common") << QStringLiteral("123456") << QStringLiteral("common");
    QTest::newRow("common upper") << QStringLiteral("PASSWORD1") << QStringLiteral("common");
    QTest::newRow("qwerty") << QStringLiteral("qwerty123") << QStringLiteral("common");
    QTest::newRow("repeat") << QStringLiteral("zzzzzzzz") << QStringLiteral("repeated");
    QTest::newRow("run up") << QStringLiteral("345678") << QStringLiteral("run");
    QTest::newRow("run down") << QStringLiteral("hgfedcb") << QStringLiteral("run");
    QTest::newRow("tab") << QStringLiteral("abc\tdef12") << QStringLiteral("Control");
    QTest::newRow("newline") << QStringLiteral("abcdef12\nx") << QStringLiteral("Control");
    QTest::newRow("too short") << QStringLiteral("a1b2") << QStringLiteral("at least 6");
}

void TestCredentials::rejectedAccessCodes()
{
    QFETCH(QString, code);
    QFETCH(QString, reasonContains);
    const QString why = CP::checkAccessCode(s(code), QStringLiteral("alice.smith"));
    QVERIFY2(why.contains(reasonContains, Qt::CaseInsensitive), qPrintable(why));
}

void TestCredentials::passwordRules()
{
    QVERIFY(!CP::checkPassword(s(QStringLiteral("Abc-123")), QStringLiteral("bob")).isEmpty()); // 7
    QVERIFY(CP::checkPassword(s(QStringLiteral("Abc-1234")), QStringLiteral("bob")).isEmpty()); // 8
    QVERIFY(
        CP::checkPassword(s(QString(128, QLatin1Char('a')).replace(0, 3, QStringLiteral("xY7"))),
                          QStringLiteral("bob"))
            .isEmpty());
    QVERIFY(
        !CP::checkPassword(s(QString(129, QLatin1Char('b')).replace(0, 3, QStringLiteral("xY7"))),
                           QStringLiteral("bob"))
             .isEmpty());
    QVERIFY(!CP::checkPassword(s(QStringLiteral("bob.builder")), QStringLiteral("Bob.Builder"))
                 .isEmpty());
    QVERIFY(!CP::checkPassword(s(QStringLiteral("password123")), QStringLiteral("bob")).isEmpty());
}

void TestCredentials::ages()
{
    QCOMPARE(CP::accessCodeAges(), (QList<int>{30, 60, 90, 180, 365, 0}));
    QVERIFY(CP::isValidAccessCodeAge(0));
    QVERIFY(CP::isValidAccessCodeAge(180));
    QVERIFY(!CP::isValidAccessCodeAge(45));
    QVERIFY(!CP::isValidAccessCodeAge(-1));
}

void TestCredentials::usernames_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral("alice") << true;
    QTest::newRow("case, spaces") << QStringLiteral("  Alice.Smith ")
                                  << QStringLiteral("alice.smith") << true;
    QTest::newRow("email-like") << QStringLiteral("ops@lab") << QStringLiteral("ops@lab") << true;
    QTest::newRow("empty") << QStringLiteral("  ") << QString() << false;
    QTest::newRow("space inside") << QStringLiteral("al ice") << QStringLiteral("al ice") << false;
    QTest::newRow("leading dot") << QStringLiteral(".alice") << QStringLiteral(".alice") << false;
    QTest::newRow("65 chars") << QString(65, QLatin1Char('a')) << QString(65, QLatin1Char('a'))
                              << false;
    QTest::newRow("64 chars") << QString(64, QLatin1Char('a')) << QString(64, QLatin1Char('a'))
                              << true;
}

void TestCredentials::usernames()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(bool, ok);
    QCOMPARE(CP::canonicalUsername(input), canonical);
    QCOMPARE(CP::checkUsername(CP::canonicalUsername(input)).isEmpty(), ok);
}

void TestCredentials::argon2idHashAndVerify()
{
    const SecretBytes pw(QByteArray("correct horse battery"));
    const QByteArray h1 = PasswordHasher::hash(pw);
    const QByteArray h2 = PasswordHasher::hash(pw);
    QVERIFY(h1.startsWith("$argon2id$v=19$m=65536,t=3,p=1$"));
    QVERIFY2(h1 != h2, "each hash has its own salt");
    QVERIFY(!h1.contains("correct"));
    QVERIFY(PasswordHasher::verify(h1, pw));
    QVERIFY(PasswordHasher::verify(h2, pw));
    QVERIFY(!PasswordHasher::verify(h1, SecretBytes(QByteArray("correct horse battery "))));
    QVERIFY(!PasswordHasher::verify(h1, SecretBytes(QByteArray("Correct horse battery"))));
    QVERIFY(!PasswordHasher::verify(QByteArray(), pw));
    QVERIFY(!PasswordHasher::verify(QByteArray("$2y$10$notargon"), pw));
    QVERIFY(!PasswordHasher::needsRehash(h1));
    // A hash with weaker parameters is upgraded on the next successful sign-in.
    const QByteArray weak("$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
                          "5hM5XaWlFvmuUM4UVhZ0gL/Jt6sVq0mhQ5ZO3LyQnEg");
    QVERIFY(PasswordHasher::needsRehash(weak));
}

void TestCredentials::normalizedInputsVerifyAlike()
{
    // The same access code typed with a precomposed or a decomposed "é" verifies either way.
    const SecretBytes precomposed = CP::normalize(s(QStringLiteral("caf\u00e9-Latte7")));
    const SecretBytes decomposed = CP::normalize(s(QStringLiteral("cafe\u0301-Latte7")));
    QVERIFY(precomposed.equals(decomposed));
    const QByteArray h = PasswordHasher::hash(precomposed);
    QVERIFY(PasswordHasher::verify(h, decomposed));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
