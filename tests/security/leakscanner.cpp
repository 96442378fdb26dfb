// SPDX-License-Identifier: MIT
#include "leakscanner.h"

#include "domain/webhooks/webhookservice.h"
#include "security/tokencodec.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <cctype>
#include <cstring>

namespace td::test {

namespace {
constexpr int KeyLength = 6;

/// The base64 characters that depend only on the secret when it starts `align` bytes into a
/// 3-byte group (the characters shared with its neighbours are left out).
QByteArray base64Core(const QByteArray &secret, int align, QByteArray::Base64Options options)
{
    const QByteArray padded = QByteArray(align, '\0') + secret + QByteArray(2, '\0');
    const QByteArray enc = padded.toBase64(options | QByteArray::OmitTrailingEquals);
    const qsizetype first = (8 * align + 5) / 6;             // ceil(8a / 6)
    const qsizetype end = (8 * (align + secret.size())) / 6; // floor(8(a + n) / 6)
    return end > first ? enc.mid(first, end - first) : QByteArray();
}
} // namespace

QString LeakScanner::Hit::describe() const
{
    if (secret == -2)
        return QStringLiteral("%1: cannot be scanned (%2)").arg(file, form);
    if (secret < 0)
        return QStringLiteral("%1: a well-formed token at byte %2").arg(file).arg(offset);
    return QStringLiteral("%1: secret #%2 (%3) at byte %4")
        .arg(file)
        .arg(secret + 1)
        .arg(form)
        .arg(offset);
}

QList<std::pair<QString, QByteArray>> LeakScanner::forms(const QByteArray &secret)
{
    QList<std::pair<QString, QByteArray>> out;
    auto add = [&](const QString &name, const QByteArray &bytes) {
        if (bytes.size() < KeyLength)
            return;
        for (const auto &f : std::as_const(out))
            if (f.second == bytes)
                return;
        out.append({name, bytes});
    };
    add(QStringLiteral("raw"), secret);
    const QString text = QString::fromUtf8(secret);
    QByteArray le, be;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        le += char(u & 0xff);
        le += char(u >> 8);
        be += char(u >> 8);
        be += char(u & 0xff);
    }
    add(QStringLiteral("UTF-16LE"), le);
    add(QStringLiteral("UTF-16BE"), be);
    for (int align = 0; align < 3; ++align) {
        add(QStringLiteral("base64"), base64Core(secret, align, QByteArray::Base64Encoding));
        add(QStringLiteral("base64url"), base64Core(secret, align, QByteArray::Base64UrlEncoding));
    }
    const QByteArray pct = QUrl::toPercentEncoding(text);
    add(QStringLiteral("percent-encoded"), pct);
    add(QStringLiteral("percent-encoded"), pct.toLower());
    add(QStringLiteral("form-encoded"), QUrl::toPercentEncoding(text, " ").replace(' ', '+'));
    // Everything but letters and digits escaped, as some encoders do.
    QByteArray all;
    for (char c : secret) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            all += c;
        else
            all += '%' + QByteArray(1, c).toHex().toUpper();
    }
    add(QStringLiteral("percent-encoded"), all);
    add(QStringLiteral("hex"), secret.toHex());
    add(QStringLiteral("hex"), secret.toHex().toUpper());
    return out;
}

quint64 LeakScanner::key(const char *p)
{
    quint64 k = 0;
    std::memcpy(&k, p, KeyLength);
    return k;
}

void LeakScanner::addSecret(const QByteArray &secret)
{
    if (secret.size() < KeyLength)
        return;
    if (m_secretSet.contains(secret))
        return;
    m_secretSet.insert(secret);
    const int index = int(m_secrets.size());
    m_secrets.push_back(secret);
    for (const auto &[name, bytes] : forms(secret)) {
        const int p = int(m_patterns.size());
        m_patterns.push_back({bytes, name, index});
        m_byKey.emplace(key(bytes.constData()), p);
        const quint16 pair = quint16(quint8(bytes[0]) | (quint8(bytes[1]) << 8));
        m_pairBits[pair / 64] |= quint64(1) << (pair % 64);
    }
}

bool LeakScanner::addSecretsFromList(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (!line.isEmpty())
            addSecret(QByteArray::fromHex(line));
    }
    return true;
}

QList<LeakScanner::Hit> LeakScanner::scanBytes(const QByteArray &data, const QString &file) const
{
    QList<Hit> hits;
    QSet<std::pair<int, QString>> seen;
    const char *d = data.constData();
    const qsizetype n = data.size();
    if (!m_patterns.empty()) {
        for (qsizetype i = 0; i + KeyLength <= n; ++i) {
            const quint16 pair = quint16(quint8(d[i]) | (quint8(d[i + 1]) << 8));
            if (!(m_pairBits[pair / 64] & (quint64(1) << (pair % 64))))
                continue;
            const auto range = m_byKey.equal_range(key(d + i));
            for (auto it = range.first; it != range.second; ++it) {
                const Pattern &p = m_patterns[size_t(it->second)];
                if (i + p.bytes.size() > n ||
                    std::memcmp(d + i, p.bytes.constData(), size_t(p.bytes.size())) != 0)
                    continue;
                if (seen.contains({p.secret, p.form}))
                    continue;
                seen.insert({p.secret, p.form});
                hits.append({file, i, p.form, p.secret});
            }
        }
    }
    if (m_tokenPattern) {
        for (const auto &[at, token] : tokensAt(data)) {
            // Recorded secrets are reported above with their number.
            if (!m_secretSet.contains(token))
                hits.append({file, at, QStringLiteral("token pattern"), -1});
        }
        for (const auto &[at, secret] : webhookSecretsAt(data))
            if (!m_secretSet.contains(secret))
                hits.append({file, at, QStringLiteral("webhook secret pattern"), -1});
    }
    hits += scanBasicCredentials(data, file);
    return hits;
}

QList<LeakScanner::Hit> LeakScanner::scanBasicCredentials(const QByteArray &data,
                                                          const QString &file) const
{
    QList<Hit> hits;
    static const QByteArray basic("basic ");
    auto isBase64 = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '-' ||
               c == '_' || c == '=';
    };
    // "Basic", any case (HTTP's scheme names are case-insensitive).
    const QByteArray lower = data.toLower();
    for (qsizetype at = lower.indexOf(basic); at >= 0; at = lower.indexOf(basic, at + 1)) {
        qsizetype start = at + basic.size();
        while (start < data.size() && data[start] == ' ')
            ++start;
        qsizetype end = start;
        while (end < data.size() && isBase64(data[end]))
            ++end;
        if (end - start < 8)
            continue;
        const QByteArray encoded = data.mid(start, end - start);
        QList<QByteArray> seen;
        for (auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray decoded = QByteArray::fromBase64(encoded, options);
            if (seen.contains(decoded))
                continue;
            seen << decoded;
            for (Hit h : scanBytes(decoded, file)) {
                h.form = QStringLiteral("%1 in Basic credentials at byte %2").arg(h.form).arg(at);
                h.offset = start;
                hits.append(h);
            }
        }
    }
    return hits;
}

QList<std::pair<qsizetype, QByteArray>> LeakScanner::tokensAt(QByteArrayView data)
{
    QList<std::pair<qsizetype, QByteArray>> out;
    const qsizetype n = data.size();
    constexpr qsizetype Length = TokenCodec::TokenLength;
    constexpr qsizetype Prefix = TokenCodec::PrefixLength;
    if (n < Length)
        return out;
    auto base62 = [&](qsizetype i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        return c < 0x80 && std::isalnum(c);
    };
    // Only where the 46 characters after a prefix are all base62 does check() get asked.
    qsizetype others = 0; // characters that are not base62 in [i + Prefix, i + Length)
    for (qsizetype j = Prefix; j < Length; ++j)
        others += base62(j) ? 0 : 1;
    for (qsizetype i = 0;; ++i) {
        if (others == 0) {
            const QByteArrayView candidate = data.sliced(i, Length);
            if (TokenCodec::check(candidate) == TokenCodec::ParseError::None)
                out.append({i, candidate.toByteArray()});
        }
        if (i + Length >= n)
            break;
        others += (base62(i + Length) ? 0 : 1) - (base62(i + Prefix) ? 0 : 1);
    }
    return out;
}

QList<std::pair<qsizetype, QByteArray>> LeakScanner::webhookSecretsAt(QByteArrayView data)
{
    QList<std::pair<qsizetype, QByteArray>> out;
    const QByteArrayView prefix(WebhookService::SecretPrefix);
    const qsizetype length = WebhookService::SecretLength;
    auto base64url = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    };
    for (qsizetype i = data.indexOf(prefix); i >= 0 && i + length <= data.size();
         i = data.indexOf(prefix, i + 1)) {
        const QByteArrayView candidate = data.sliced(i, length);
        bool whole = true;
        for (qsizetype j = prefix.size(); j < length && whole; ++j)
            whole = base64url(candidate[j]);
        // Exactly that long: the next character does not continue it.
        if (whole && (i + length == data.size() || !base64url(data[i + length])))
            out.append({i, candidate.toByteArray()});
    }
    return out;
}

QList<QByteArray> LeakScanner::tokensIn(QByteArrayView data)
{
    QList<QByteArray> out;
    for (const auto &t : tokensAt(data))
        out << t.second;
    return out;
}

QList<LeakScanner::Hit> LeakScanner::scanTree(const QString &root, const QStringList &skip,
                                              qint64 *files, qint64 *bytes) const
{
    QList<Hit> hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    const QString prefix = QDir(root).absolutePath() + QLatin1Char('/');
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QFileInfo(path).absoluteFilePath().mid(prefix.size());
        if (skip.contains(rel))
            continue;
        const QFileInfo fi(path);
        if (!fi.isFile())
            continue; // sockets, fifos
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            hits.append({rel, 0, QStringLiteral("unreadable: ") + f.errorString(), -2});
            continue;
        }
        const QByteArray data = f.readAll();
        if (files)
            ++*files;
        if (bytes)
            *bytes += data.size();
        hits += scanBytes(data, rel);
    }
    return hits;
}

} // namespace td::test
