// SPDX-License-Identifier: MIT
#include "passwordhasher.h"

#include <sodium.h>
#include <stdexcept>

namespace td::PasswordHasher {

namespace {
unsigned long long g_ops = OpsLimit;
size_t g_mem = MemLimit;
} // namespace

void setCostForTesting(unsigned long long opsLimit, size_t memLimit)
{
    g_ops = opsLimit;
    g_mem = memLimit;
}

QByteArray hash(const SecretBytes &secret)
{
    initSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, secret.bytes().constData(),
                              static_cast<unsigned long long>(secret.size()), g_ops, g_mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("Argon2id: out of memory");
    }
    return QByteArray(out);
}

bool verify(const QByteArray &storedHash, const SecretBytes &secret)
{
    initSodium();
    if (storedHash.isEmpty() || !storedHash.startsWith("$argon2id$"))
        return false;
    return crypto_pwhash_str_verify(storedHash.constData(), secret.bytes().constData(),
                                    static_cast<unsigned long long>(secret.size())) == 0;
}

bool needsRehash(const QByteArray &storedHash)
{
    return crypto_pwhash_str_needs_rehash(storedHash.constData(), g_ops, g_mem) != 0;
}

void burnVerification(const SecretBytes &secret)
{
    initSodium();
    // A fixed hash of a random string with the current parameters; computed once per process.
    static const QByteArray dummy = [] {
        unsigned char random[16];
        randombytes_buf(random, sizeof random);
        return hash(SecretBytes(QByteArray(reinterpret_cast<const char *>(random), 16)));
    }();
    (void)verify(dummy, secret);
}

} // namespace td::PasswordHasher
