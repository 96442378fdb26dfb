// SPDX-License-Identifier: MIT
// Fuzz target: the token parser (TokenCodec::check) and its formatter.
// Invariants: no crash on any bytes; an accepted token has the prefix, length, alphabet and
// checksum of PRODUCT.md; check(format(x)) accepts x with its kind; every single-character
// substitution in a valid token is refused (CRC32 catches every one-byte change).
#include "fuzzinput.h"

#include "security/secret.h"
#include "security/tokencodec.h"

using namespace td;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    initSodium();
    const QByteArrayView in(reinterpret_cast<const char *>(data), qsizetype(size));

    TokenKind kind = TokenKind::Api;
    const TokenCodec::ParseError error = TokenCodec::check(in, &kind);
    FUZZ_ASSERT(!TokenCodec::describe(error).isEmpty());
    if (error == TokenCodec::ParseError::None) {
        FUZZ_ASSERT(in.size() == TokenCodec::TokenLength);
        FUZZ_ASSERT(in.first(TokenCodec::PrefixLength) == TokenCodec::prefix(kind));
        FUZZ_ASSERT(TokenCodec::checksumText(TokenCodec::crc32(in.first(44))) == in.last(6));
        FUZZ_ASSERT(TokenCodec::hint(in).endsWith(QString::fromLatin1(in.last(4))));
    } else if (size == 0) {
        FUZZ_ASSERT(error == TokenCodec::ParseError::Empty);
    } else if (in.size() != TokenCodec::TokenLength) {
        FUZZ_ASSERT(error == TokenCodec::ParseError::WrongLength);
    }
    FUZZ_ASSERT(TokenCodec::lookupHash(in).size() == 32);
    FUZZ_ASSERT(TokenCodec::hint(in).size() <= 9);

    // format(x): a token made of the input's bytes, then parsed back.
    const TokenKind want = (size > 0 && (data[0] & 1)) ? TokenKind::Session : TokenKind::Api;
    QByteArray token = TokenCodec::prefix(want);
    for (int i = 0; i < TokenCodec::RandomLength; ++i)
        token += TokenCodec::Alphabet[(size_t(i) < size ? data[i] : uint8_t(i * 7)) % 62];
    token += TokenCodec::checksumText(TokenCodec::crc32(token));
    TokenKind got = TokenKind::Api;
    FUZZ_ASSERT(TokenCodec::check(token, &got) == TokenCodec::ParseError::None);
    FUZZ_ASSERT(got == want);
    FUZZ_ASSERT(TokenCodec::lookupHash(token) == TokenCodec::lookupHash(QByteArray(token)));

    if (size >= 2) {
        const qsizetype pos = TokenCodec::PrefixLength + data[size - 1] % 46;
        const char replacement = TokenCodec::Alphabet[data[size - 2] % 62];
        if (token[pos] != replacement) {
            QByteArray typo = token;
            typo[pos] = replacement;
            FUZZ_ASSERT(TokenCodec::check(typo) == TokenCodec::ParseError::BadChecksum);
        }
    }
    return 0;
}
