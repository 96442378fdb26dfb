// SPDX-License-Identifier: MIT
#pragma once

#include "secret.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace td {

enum class TokenKind {
    Api,     ///< "tdk_" – API tokens
    Session, ///< "tds_" – mobile session tokens
    Console  ///< "tdc_" – console credentials (a person signed in to the admin API)
};

/// The token format of PRODUCT.md:
///   prefix (4) + 40 random base62 characters + 6 base62 characters of CRC32 = 50 characters.
/// The checksum is the CRC32 (IEEE, zlib's) of the 44 ASCII characters before it, written in
/// base62 (0-9A-Za-z), most significant digit first, left-padded with '0' to 6 characters.
namespace TokenCodec {

inline constexpr int PrefixLength = 4;
inline constexpr int RandomLength = 40;
inline constexpr int ChecksumLength = 6;
inline constexpr int TokenLength = PrefixLength + RandomLength + ChecksumLength; // 50
inline constexpr char Alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The one table of token prefixes: every kind with its prefix. Everything that recognises a
/// token by its prefix (the parser, the access log's path filter, the secret leak scan) reads it.
struct PrefixEntry
{
    TokenKind kind;
    const char *prefix;
};
inline constexpr PrefixEntry Prefixes[] = {
    {TokenKind::Api, "tdk_"},
    {TokenKind::Session, "tds_"},
    {TokenKind::Console, "tdc_"},
};

enum class ParseError {
    None,
    Empty,
    WrongLength,
    WrongPrefix,
    BadCharacter,
    BadChecksum,
};

QByteArray prefix(TokenKind kind);

/// A fresh token from libsodium's CSPRNG; each random character is drawn uniformly by
/// rejection sampling (bytes >= 248 are discarded, 248 = 4 * 62).
SecretBytes generate(TokenKind kind);

/// Checks the shape of a token without touching any store: prefix, length, alphabet, checksum.
/// On success, *kind (if given) is set.
ParseError check(QByteArrayView token, TokenKind *kind = nullptr);
QString describe(ParseError error);

/// CRC32 (IEEE 802.3, reflected, as zlib's crc32()).
quint32 crc32(QByteArrayView data);
/// Six base62 digits of a 32-bit value, most significant first.
QByteArray checksumText(quint32 crc);

/// SHA-256 of the whole token: the lookup key stored in place of the token.
QByteArray lookupHash(QByteArrayView token);
/// Non-secret hint: prefix + "…" + last 4 characters, e.g. "tdk_…a1B2".
QString hint(QByteArrayView token);

} // namespace TokenCodec
} // namespace td
