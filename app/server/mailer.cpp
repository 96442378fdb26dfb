// SPDX-License-Identifier: MIT
#include "mailer.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHostAddress>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include <curl/curl.h>

#include <sys/stat.h>

#include <cstring>

namespace td {

namespace {

void initCurl()
{
    // A function-local static, not std::call_once: that one keeps its callable in
    // thread-local storage, which would make the program link the dynamic loader (tests/package).
    static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)initialised;
}

/// An address fit for MAIL FROM / RCPT TO: no angle brackets, spaces or line breaks.
bool plainAddress(const QString &address)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s<>\"(),;:]{1,64}@[^@\\s<>\"(),;:]+$"));
    return address.size() <= 254 && re.match(address).hasMatch();
}

/// A header's text: ASCII as it is, anything else as an RFC 2047 encoded word.
QByteArray headerText(const QString &text)
{
    const QString line = text.simplified();
    bool ascii = true;
    for (QChar c : line)
        if (c.unicode() >= 0x7f || c.unicode() < 0x20)
            ascii = false;
    if (ascii)
        return line.toLatin1();
    return "=?UTF-8?B?" + line.toUtf8().toBase64() + "?=";
}

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *up = static_cast<Upload *>(userdata);
    const size_t room = size * count;
    const size_t left = size_t(up->data.size() - up->offset);
    const size_t n = std::min(room, left);
    std::memcpy(buffer, up->data.constData() + up->offset, n);
    up->offset += qsizetype(n);
    return n;
}

QString settingText(QSettings &s, const char *key)
{
    return s.value(QLatin1String(key)).toString().trimmed();
}

bool intSetting(QSettings &s, const char *key, int minimum, int maximum, int *out, QString *error)
{
    const QVariant v = s.value(QLatin1String(key));
    if (!v.isValid())
        return true;
    bool ok = false;
    const int n = v.toString().trimmed().toInt(&ok);
    if (!ok || n < minimum || n > maximum) {
        *error = QStringLiteral("%1 takes a whole number from %2 to %3")
                     .arg(QLatin1String(key))
                     .arg(minimum)
                     .arg(maximum);
        return false;
    }
    *out = n;
    return true;
}

} // namespace

std::unique_ptr<MailSettings> MailSettings::load(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        *error = QStringLiteral("cannot read the mail settings %1").arg(path);
        return nullptr;
    }
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && (st.st_mode & 077) != 0) {
        *error = QStringLiteral("the mail settings %1 hold the SMTP password and may be read by "
                                "others: chmod 600 %1")
                     .arg(path);
        return nullptr;
    }
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError) {
        *error = QStringLiteral("%1 is not a readable INI file").arg(path);
        return nullptr;
    }
    auto m = std::make_unique<MailSettings>();
    s.beginGroup(QStringLiteral("smtp"));
    m->url = settingText(s, "url");
    m->username = settingText(s, "username");
    QByteArray pw = s.value(QStringLiteral("password")).toString().toUtf8();
    m->password = SecretBytes(std::move(pw));
    m->from = settingText(s, "from");
    m->caFile = settingText(s, "ca_file");
    const QString security = settingText(s, "security");
    s.endGroup();
    const QUrl url(m->url, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps")) ||
        !url.userInfo().isEmpty() || (!url.path().isEmpty() && url.path() != QLatin1String("/"))) {
        *error = QStringLiteral("[smtp] url must be smtp://HOST[:PORT] or smtps://HOST[:PORT] "
                                "(the user and password go in their own keys)");
        return nullptr;
    }
    if (security.isEmpty())
        m->security = scheme == QLatin1String("smtps") ? Security::Tls : Security::StartTls;
    else if (security == QLatin1String("starttls") && scheme == QLatin1String("smtp"))
        m->security = Security::StartTls;
    else if (security == QLatin1String("tls") && scheme == QLatin1String("smtps"))
        m->security = Security::Tls;
    else if (security == QLatin1String("none") && scheme == QLatin1String("smtp"))
        m->security = Security::None;
    else {
        *error = QStringLiteral("[smtp] security must be starttls (with smtp://), tls (with "
                                "smtps://) or none (with smtp://)");
        return nullptr;
    }
    if (m->security == Security::None) {
        const QHostAddress host(url.host());
        if (!(host.isLoopback() || url.host() == QLatin1String("localhost"))) {
            *error = QStringLiteral("[smtp] security = none sends the password in clear: it is "
                                    "allowed only to a relay on a loopback address");
            return nullptr;
        }
    }
    if (!m->username.isEmpty() && m->password.isEmpty()) {
        *error = QStringLiteral("[smtp] username is set but password is not");
        return nullptr;
    }
    static const QRegularExpression angle(QStringLiteral("<([^<>]+)>\\s*$"));
    const auto match = angle.match(m->from);
    m->fromAddress = match.hasMatch() ? match.captured(1).trimmed() : m->from;
    if (!plainAddress(m->fromAddress) || m->from.contains(QLatin1Char('\n')) ||
        m->from.contains(QLatin1Char('\r'))) {
        *error = QStringLiteral("[smtp] from must be an address, such as "
                                "TokenDesk <tokendesk@example.org>");
        return nullptr;
    }
    if (!m->caFile.isEmpty() && !QFileInfo(m->caFile).isReadable()) {
        *error = QStringLiteral("[smtp] ca_file %1 cannot be read").arg(m->caFile);
        return nullptr;
    }
    s.beginGroup(QStringLiteral("notices"));
    const QString language = settingText(s, "language");
    if (!language.isEmpty()) {
        if (language != QLatin1String("en") && language != QLatin1String("de")) {
            *error = QStringLiteral("[notices] language must be en or de");
            return nullptr;
        }
        m->language = language;
    }
    const QString digest = settingText(s, "admin_digest");
    if (!digest.isEmpty()) {
        if (digest != QLatin1String("true") && digest != QLatin1String("false")) {
            *error = QStringLiteral("[notices] admin_digest must be true or false");
            return nullptr;
        }
        m->adminDigest = digest == QLatin1String("true");
    }
    if (!intSetting(s, "digest_hour_utc", 0, 23, &m->digestHourUtc, error) ||
        !intSetting(s, "scan_interval_seconds", 1, 86400, &m->scanIntervalSeconds, error) ||
        !intSetting(s, "send_interval_seconds", 1, 3600, &m->sendIntervalSeconds, error) ||
        !intSetting(s, "retry_seconds", 1, 86400, &m->retrySeconds, error)) {
        error->prepend(QStringLiteral("[notices] "));
        return nullptr;
    }
    s.endGroup();
    return m;
}

Mailer::Mailer(const MailSettings &settings)
    : m_settings(settings)
{
    initCurl();
}

QByteArray Mailer::message(const QString &to, const QString &subject, const QString &body,
                           qint64 messageId) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString domain = m_settings.fromAddress.section(QLatin1Char('@'), 1);
    QByteArray m;
    const QString fromName = m_settings.from.section(QLatin1Char('<'), 0, 0).trimmed();
    m += "From: " +
         (fromName.isEmpty() || fromName == m_settings.fromAddress
              ? m_settings.fromAddress.toUtf8()
              : headerText(fromName) + " <" + m_settings.fromAddress.toUtf8() + ">") +
         "\r\n";
    m += "To: <" + to.toUtf8() + ">\r\n";
    m += "Subject: " + headerText(subject) + "\r\n";
    m += "Date: " +
         QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() +
         " +0000\r\n";
    m += "Message-ID: <tokendesk." + QByteArray::number(messageId) + "." +
         QByteArray::number(now.toMSecsSinceEpoch()) + "@" + domain.toUtf8() + ">\r\n";
    m += "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n"
         "Auto-Submitted: auto-generated\r\n"
         "\r\n";
    QByteArray text = body.toUtf8();
    text.replace("\r\n", "\n");
    text.replace('\r', "");
    text.replace("\n", "\r\n");
    m += text;
    if (!m.endsWith("\r\n"))
        m += "\r\n";
    return m;
}

Mailer::Outcome Mailer::send(const QString &to, const QString &subject, const QString &body,
                             qint64 messageId) const
{
    Outcome out;
    if (!plainAddress(to)) {
        out.permanent = true;
        out.error = QStringLiteral("not a deliverable address");
        return out;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        out.error = QStringLiteral("libcurl could not start");
        return out;
    }
    Upload upload{message(to, subject, body, messageId)};
    char errors[CURL_ERROR_SIZE] = {};
    const QByteArray url = m_settings.url.toUtf8();
    const QByteArray from = "<" + m_settings.fromAddress.toUtf8() + ">";
    const QByteArray rcpt = "<" + to.toUtf8() + ">";
    const QByteArray user = m_settings.username.toUtf8();
    const QByteArray ca = QFile::encodeName(m_settings.caFile);
    curl_slist *recipients = curl_slist_append(nullptr, rcpt.constData());
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     long(m_settings.security == MailSettings::Security::None ? CURLUSESSL_NONE
                                                                              : CURLUSESSL_ALL));
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, m_settings.password.bytes().constData());
    }
    if (!ca.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
    const CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK) {
        out.sent = true;
        return out;
    }
    out.error = QString::fromUtf8(errors[0] ? errors : curl_easy_strerror(rc));
    if (code > 0)
        out.error += QStringLiteral(" (SMTP %1)").arg(code);
    // A refused recipient or message stays refused; a refused login, a lost connection or a
    // 4xx answer is worth another try.
    out.permanent = code >= 500 && code < 600 && code != 530 && code != 534 && code != 535 &&
                    code != 538 && rc != CURLE_LOGIN_DENIED;
    return out;
}

} // namespace td
