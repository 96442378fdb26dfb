// SPDX-License-Identifier: MIT
#include "credentialpolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace td::CredentialPolicy {

namespace {

// Frequent passwords and PINs of six characters or more (shorter ones fail the length rule),
// compared case-insensitively after NFKC. Drawn from public breach-frequency lists.
const QSet<QString> &commonCodes()
{
    static const QSet<QString> set = [] {
        const char *const list[] = {
            "123456",      "1234567",    "12345678",      "123456789",  "1234567890", "password",
            "password1",   "password12", "password123",   "passw0rd",   "p@ssw0rd",   "p@ssword",
            "qwerty",      "qwerty1",    "qwerty12",      "qwerty123",  "qwertyuiop", "qwertz",
            "azerty",      "azerty123",  "111111",        "1111111",    "11111111",   "000000",
            "0000000",     "00000000",   "123123",        "123321",     "654321",     "666666",
            "121212",      "112233",     "987654321",     "555555",     "7777777",    "888888",
            "999999",      "222222",     "333333",        "444444",     "101010",     "131313",
            "159753",      "147258",     "147258369",     "741852963",  "123654",     "159357",
            "123qwe",      "1q2w3e",     "1q2w3e4r",      "1q2w3e4r5t", "1qaz2wsx",   "zaq12wsx",
            "qazwsx",      "asdfgh",     "asdfghjkl",     "zxcvbn",     "zxcvbnm",    "abc123",
            "abcd1234",    "a123456",    "123abc",        "iloveyou",   "dragon",     "monkey",
            "letmein",     "football",   "baseball",      "welcome",    "welcome1",   "sunshine",
            "princess",    "master",     "shadow",        "superman",   "trustno1",   "changeme",
            "secret",      "admin123",   "administrator", "access",     "accesscode", "tokendesk",
            "12341234",    "charlie",    "michael",       "jessica",    "ashley",     "mustang",
            "starwars",    "whatever",   "freedom",       "computer",   "internet",   "hello123",
            "login",       "default",    "test123",       "testing",    "1234qwer",   "qwer1234",
            "5201314",     "520520",     "696969",        "iloveyou1",  "football1",  "michelle",
            "jordan23",    "liverpool",  "chelsea",       "arsenal",    "pokemon",    "batman",
            "soccer",      "hockey",     "killer",        "hunter",     "ranger",     "buster",
            "thomas",      "robert",     "daniel",        "andrew",     "joshua",     "matthew",
            "jennifer",    "nicole",     "hannah",        "summer",     "flower",     "cookie",
            "cheese",      "banana",     "orange",        "purple",     "silver",     "matrix",
            "secret123",   "welcome123", "admin1234",     "root123",    "toor",       "guest123",
            "qwerty12345", "123456a",    "123456q",       "aa123456",   "a1b2c3",     "a1b2c3d4",
            "q1w2e3r4",    "1a2b3c",     "blink182",      "samsung",    "google",     "apple123",
        };
        QSet<QString> s;
        for (const char *c : list)
            s.insert(QString::fromLatin1(c));
        return s;
    }();
    return set;
}

bool isRepeatOrRun(const QList<uint> &cps)
{
    if (cps.size() < 2)
        return false;
    bool same = true, up = true, down = true;
    for (qsizetype i = 1; i < cps.size(); ++i) {
        same = same && cps[i] == cps[0];
        up = up && cps[i] == cps[i - 1] + 1;
        down = down && cps[i] + 1 == cps[i - 1];
    }
    return same || up || down;
}

QString checkSecret(const SecretBytes &raw, const QString &username, int minLen, int maxLen,
                    bool isAccessCode)
{
    const SecretBytes norm = normalize(raw);
    QString text = norm.toQString();
    QList<uint> cps = text.toUcs4();
    const int len = int(cps.size());
    QString problem;
    if (len < minLen) {
        problem = isAccessCode
                      ? QCoreApplication::translate("CredentialPolicy",
                                                    "The access code must contain at least %n "
                                                    "characters.",
                                                    nullptr, minLen)
                      : QCoreApplication::translate("CredentialPolicy",
                                                    "The password must contain at least %n "
                                                    "characters.",
                                                    nullptr, minLen);
    } else if (len > maxLen) {
        problem = isAccessCode
                      ? QCoreApplication::translate("CredentialPolicy",
                                                    "The maximum length of the access code is %n "
                                                    "characters.",
                                                    nullptr, maxLen)
                      : QCoreApplication::translate("CredentialPolicy",
                                                    "The maximum length of the password is %n "
                                                    "characters.",
                                                    nullptr, maxLen);
    } else {
        bool control = false;
        for (uint cp : cps)
            control = control || QChar::category(char32_t(cp)) == QChar::Other_Control;
        QString lower = text.toLower();
        if (control) {
            problem = QCoreApplication::translate(
                "CredentialPolicy",
                "Control characters (such as tabs or line breaks) are not allowed.");
        } else if (!username.isEmpty() && lower == username.toLower()) {
            problem = isAccessCode
                          ? QCoreApplication::translate(
                                "CredentialPolicy", "The access code must not be your username.")
                          : QCoreApplication::translate("CredentialPolicy",
                                                        "The password must not be your username.");
        } else if (commonCodes().contains(lower)) {
            problem = QCoreApplication::translate(
                "CredentialPolicy",
                "This is one of the most common codes and is guessed first; choose "
                "another.");
        } else if (isRepeatOrRun(lower.toUcs4())) {
            problem = QCoreApplication::translate(
                "CredentialPolicy",
                "A repeated character or a plain run such as 123456 or abcdef is "
                "guessed first; choose another.");
        }
        secureWipe(lower);
    }
    std::fill(cps.begin(), cps.end(), 0u);
    secureWipe(text);
    return problem;
}

} // namespace

SecretBytes normalize(const SecretBytes &raw)
{
    QString text = raw.toQString();
    QString norm = text.normalized(QString::NormalizationForm_KC);
    secureWipe(text);
    return SecretBytes::fromString(norm);
}

int codePointLength(const SecretBytes &raw)
{
    const SecretBytes norm = normalize(raw);
    QString text = norm.toQString();
    const int n = int(text.toUcs4().size());
    secureWipe(text);
    return n;
}

QString checkAccessCode(const SecretBytes &code, const QString &username)
{
    return checkSecret(code, username, AccessCodeMinLength, AccessCodeMaxLength, true);
}

QString checkPassword(const SecretBytes &password, const QString &username)
{
    return checkSecret(password, username, PasswordMinLength, PasswordMaxLength, false);
}

QList<int> accessCodeAges()
{
    return {30, 60, 90, 180, 365, 0};
}

bool isValidAccessCodeAge(int days)
{
    return accessCodeAges().contains(days);
}

QString canonicalUsername(const QString &name)
{
    return name.trimmed().toLower();
}

QString checkUsername(const QString &canonical)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._@-]{0,63}$"));
    if (canonical.isEmpty())
        return QCoreApplication::translate("CredentialPolicy", "Enter a username.");
    if (canonical.size() > 64)
        return QCoreApplication::translate("CredentialPolicy",
                                           "A username has at most 64 characters.");
    if (!re.match(canonical).hasMatch())
        return QCoreApplication::translate(
            "CredentialPolicy",
            "A username starts with a letter or digit and contains only letters, digits "
            "and . _ @ -");
    return {};
}

} // namespace td::CredentialPolicy
