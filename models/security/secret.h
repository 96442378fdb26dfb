// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace td {

/// Overwrites the bytes of a buffer in place (libsodium's sodium_memzero, which the
/// compiler may not optimise away) and empties it; the zeroed buffer stays with it. A buffer
/// still shared with another QByteArray/QString (implicit sharing) is only released: its last
/// owner wipes it.
/// Initialises libsodium once (sodium_init(); thread-safe, cheap after the first call). Every
/// entry point calls it before anything else; the functions that use libsodium's generators
/// and hashes call it too. Ends the process if libsodium cannot start (no secure RNG).
void initSodium();

void secureWipe(QByteArray &bytes);
void secureWipe(QString &text);

/// A short-lived secret (token, password, access code) held in memory.
///
/// Move-only, never implicitly converted, wiped when destroyed. Use bytes() to hand it to a
/// hash function; use toQString() only where a Qt widget needs the text (and wipe that copy).
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes);
    /// Takes the UTF-8 of text; wipes text.
    static SecretBytes fromString(QString &text);
    ~SecretBytes();

    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    const QByteArray &bytes() const { return m_bytes; }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    QString toQString() const { return QString::fromUtf8(m_bytes); }
    /// Constant-time comparison.
    bool equals(const SecretBytes &other) const;
    void wipe();

private:
    QByteArray m_bytes;
};

} // namespace td
