// SPDX-License-Identifier: MIT
// The secret leak scan: looks for known secrets (and for any well-formed token) in
// every file under a folder, in the forms a secret takes when it is written somewhere: raw,
// UTF-16, base64 (any alignment, standard and URL alphabet), percent-encoded and hex; and inside
// the base64 of HTTP Basic credentials, where a token nobody recorded is found decoded. A hit
// names the file, the offset and the form, never the secret.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <unordered_map>
#include <vector>

namespace td::test {

class LeakScanner
{
public:
    struct Hit
    {
        QString file;
        qint64 offset = 0;
        QString form; ///< "raw", "UTF-16LE", "base64", "percent-encoded", "hex", "token pattern" …
        int secret = -1; ///< index in the order of addSecret(); -1 for a token found by pattern
        QString describe() const; ///< one line, without the secret
    };

    /// Adds a secret to look for (ignored when shorter than 6 bytes or already known).
    void addSecret(const QByteArray &secret);
    /// Reads a secrets.list (one hex-encoded secret per line). Returns false when unreadable.
    bool addSecretsFromList(const QString &path, QString *error = nullptr);
    int secretCount() const { return int(m_secrets.size()); }
    /// Also report every well-formed token (valid checksum), recorded or not.
    void setMatchTokenPattern(bool on) { m_tokenPattern = on; }

    /// Every well-formed token in data: TokenCodec::check() decides, so any prefix it accepts
    /// is found, and no list of prefixes is kept here. Each with its offset.
    static QList<std::pair<qsizetype, QByteArray>> tokensAt(QByteArrayView data);
    static QList<QByteArray> tokensIn(QByteArrayView data);
    /// Every webhook signing secret in data (WebhookService::SecretPrefix and its length of
    /// base64url characters), with its offset; reported with the token pattern.
    static QList<std::pair<qsizetype, QByteArray>> webhookSecretsAt(QByteArrayView data);

    /// The encoded forms of one secret, each with its name.
    static QList<std::pair<QString, QByteArray>> forms(const QByteArray &secret);

    QList<Hit> scanBytes(const QByteArray &data, const QString &file) const;
    /// What scanBytes() finds in the decoded base64 after each "Basic " in data.
    QList<Hit> scanBasicCredentials(const QByteArray &data, const QString &file) const;
    /// Every regular file under root (recursively, symlinks not followed) except those whose
    /// path relative to root is in skip. *files and *bytes count what was read.
    QList<Hit> scanTree(const QString &root, const QStringList &skip = {}, qint64 *files = nullptr,
                        qint64 *bytes = nullptr) const;

private:
    struct Pattern
    {
        QByteArray bytes;
        QString form;
        int secret;
    };
    static quint64 key(const char *p);
    std::vector<QByteArray> m_secrets;
    QSet<QByteArray> m_secretSet;
    std::vector<Pattern> m_patterns;
    std::unordered_multimap<quint64, int> m_byKey; ///< first 6 bytes → pattern index
    std::vector<quint64> m_pairBits = std::vector<quint64>(65536 / 64); ///< first 2 bytes seen
    bool m_tokenPattern = true;
};

} // namespace td::test
