// SPDX-License-Identifier: MIT
#pragma once

#include "secret.h"

#include <QByteArray>

namespace td {

/// Argon2id through libsodium's crypto_pwhash_str (PHC string format, salt included).
///
/// Parameters: t = 3 passes, m = 64 MiB, p = 1 (libsodium's only lane count) — about 70 ms per
/// hash on the 2-core reference machine, above OWASP's minimum (t = 2, m = 19 MiB). Verification
/// reads the parameters from the stored string, so raising them later only needs a rehash on the
/// next successful sign-in (needsRehash()).
namespace PasswordHasher {

inline constexpr unsigned long long OpsLimit = 3;
inline constexpr size_t MemLimit = size_t(64) * 1024 * 1024;

/// In-process tests that create hundreds of users lower the cost (same algorithm, same code
/// path, parameters recorded in each hash as always). The programs never call this.
void setCostForTesting(unsigned long long opsLimit, size_t memLimit);

/// Hashes the secret; throws std::runtime_error if libsodium cannot allocate the memory.
QByteArray hash(const SecretBytes &secret);
bool verify(const QByteArray &storedHash, const SecretBytes &secret);
bool needsRehash(const QByteArray &storedHash);
/// Spends the time of one verification without a stored hash: used for unknown users so that
/// the answer's timing does not tell whether a username exists.
void burnVerification(const SecretBytes &secret);

} // namespace PasswordHasher
} // namespace td
