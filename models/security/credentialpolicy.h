// SPDX-License-Identifier: MIT
#pragma once

#include "secret.h"

#include <QList>
#include <QString>

namespace td::CredentialPolicy {

inline constexpr int AccessCodeMinLength = 6;
inline constexpr int AccessCodeMaxLength = 50;
inline constexpr int PasswordMinLength = 8;
inline constexpr int PasswordMaxLength = 128;

/// NFKC normal form of a secret typed by a person (what is hashed and checked).
SecretBytes normalize(const SecretBytes &raw);
/// Number of Unicode code points of the NFKC form.
int codePointLength(const SecretBytes &raw);

/// Empty when the access code is acceptable, otherwise the reason, in words a user can act on.
/// Rules: 6 to 50 code points after NFKC, no control characters, not the username, not a
/// well-known common code, not one character repeated, not a plain run like "123456"/"abcdef".
QString checkAccessCode(const SecretBytes &code, const QString &username);
/// The same for a console password, with 8 to 128 code points.
QString checkPassword(const SecretBytes &password, const QString &username);

/// Access code ages offered: 30, 60, 90, 180, 365 days; 0 means "Never".
QList<int> accessCodeAges();
bool isValidAccessCodeAge(int days);

/// Canonical username: trimmed, lower-case. checkUsername() explains what is wrong, or is empty.
QString canonicalUsername(const QString &name);
QString checkUsername(const QString &canonical);

} // namespace td::CredentialPolicy
