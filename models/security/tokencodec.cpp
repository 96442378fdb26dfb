// SPDX-License-Identifier: MIT
#include "tokencodec.h"

#include <QCoreApplication>

#include <array>
#include <sodium.h>

namespace td::TokenCodec {

namespace {

constexpr std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        table[i] = c;
    }
    return table;
}

constexpr std::array<quint32, 256> CrcTable = makeCrcTable();

constexpr int base62Value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 36;
    return -1;
}

} // namespace

QByteArray prefix(TokenKind kind)
{
    for (const PrefixEntry &e : Prefixes)
        if (e.kind == kind)
            return QByteArray(e.prefix);
    return {};
}

quint32 crc32(QByteArrayView data)
{
    quint32 c = 0xFFFFFFFFu;
    for (char ch : data)
        c = CrcTable[(c ^ quint8(ch)) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

QByteArray checksumText(quint32 crc)
{
    QByteArray out(ChecksumLength, '0');
    quint64 v = crc;
    for (int i = ChecksumLength - 1; i >= 0; --i) {
        out[i] = Alphabet[v % 62];
        v /= 62;
    }
    return out;
}

SecretBytes generate(TokenKind kind)
{
    initSodium();
    QByteArray token;
    token.reserve(TokenLength);
    token.append(prefix(kind));
    unsigned char pool[64];
    while (token.size() < PrefixLength + RandomLength) {
        randombytes_buf(pool, sizeof pool);
        for (unsigned char b : pool) {
            if (b >= 248) // 248 = 4 * 62: reject so every character is equally likely
                continue;
            token.append(Alphabet[b % 62]);
            if (token.size() == PrefixLength + RandomLength)
                break;
        }
    }
    sodium_memzero(pool, sizeof pool);
    token.append(checksumText(crc32(token)));
    return SecretBytes(std::move(token));
}

ParseError check(QByteArrayView token, TokenKind *kind)
{
    if (token.isEmpty())
        return ParseError::Empty;
    if (token.size() != TokenLength)
        return ParseError::WrongLength;
    const QByteArrayView head = token.first(PrefixLength);
    const PrefixEntry *entry = nullptr;
    for (const PrefixEntry &e : Prefixes)
        if (head == QByteArrayView(e.prefix, PrefixLength))
            entry = &e;
    if (!entry)
        return ParseError::WrongPrefix;
    const TokenKind k = entry->kind;
    for (qsizetype i = PrefixLength; i < token.size(); ++i) {
        if (base62Value(token[i]) < 0)
            return ParseError::BadCharacter;
    }
    const QByteArrayView body = token.first(PrefixLength + RandomLength);
    const QByteArrayView sum = token.last(ChecksumLength);
    // Compare the decoded value rather than the text: both are canonical, but this avoids an
    // allocation on the hot path.
    quint64 value = 0;
    for (char c : sum)
        value = value * 62 + quint64(base62Value(c));
    if (value != crc32(body))
        return ParseError::BadChecksum;
    if (kind)
        *kind = k;
    return ParseError::None;
}

QString describe(ParseError error)
{
    switch (error) {
    case ParseError::None:
        return QCoreApplication::translate("TokenCodec", "valid token format");
    case ParseError::Empty:
        return QCoreApplication::translate("TokenCodec", "no token was given");
    case ParseError::WrongLength:
        return QCoreApplication::translate("TokenCodec", "a token is exactly 50 characters long");
    case ParseError::WrongPrefix:
        return QCoreApplication::translate("TokenCodec", "a token starts with tdk_ or tds_");
    case ParseError::BadCharacter:
        return QCoreApplication::translate("TokenCodec",
                                           "a token contains only the letters A-Z, a-z and digits "
                                           "after its prefix");
    case ParseError::BadChecksum:
        return QCoreApplication::translate("TokenCodec",
                                           "the token's checksum does not match (a typing or "
                                           "copying mistake)");
    }
    return {};
}

QByteArray lookupHash(QByteArrayView token)
{
    QByteArray out(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256(reinterpret_cast<unsigned char *>(out.data()),
                       reinterpret_cast<const unsigned char *>(token.data()),
                       static_cast<unsigned long long>(token.size()));
    return out;
}

QString hint(QByteArrayView token)
{
    if (token.size() < 8)
        return QStringLiteral("…");
    return QString::fromLatin1(token.first(PrefixLength)) + QChar(0x2026) +
           QString::fromLatin1(token.last(4));
}

} // namespace td::TokenCodec
