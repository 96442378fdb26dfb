// SPDX-License-Identifier: MIT
#include "secret.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace td {

void initSodium()
{
    static const bool ready = [] {
        if (sodium_init() < 0) {
            std::fputs("tokendesk: libsodium cannot be initialised (no secure random source)\n",
                       stderr);
            std::abort();
        }
        return true;
    }();
    (void)ready;
}

void secureWipe(QByteArray &bytes)
{
    // Zero the buffer only when this is its last owner: a shared buffer is still in use by
    // another QByteArray (Qt's implicit sharing), which wipes it when it lets go. An owned
    // buffer stays with its (now empty) owner, zeroed: resize(0) keeps it, so a test can look.
    if (!bytes.isEmpty() && bytes.isDetached()) {
        sodium_memzero(const_cast<char *>(bytes.constData()), size_t(bytes.size()));
        bytes.resize(0);
        return;
    }
    bytes.clear();
}

void secureWipe(QString &text)
{
    if (!text.isEmpty() && text.isDetached())
        sodium_memzero(const_cast<QChar *>(text.constData()), size_t(text.size()) * sizeof(QChar));
    text.clear();
}

SecretBytes::SecretBytes(QByteArray bytes)
    : m_bytes(std::move(bytes))
{}

SecretBytes SecretBytes::fromString(QString &text)
{
    SecretBytes s(text.toUtf8());
    secureWipe(text);
    return s;
}

SecretBytes::~SecretBytes()
{
    wipe();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes))
{
    other.m_bytes = QByteArray();
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes = QByteArray();
    }
    return *this;
}

bool SecretBytes::equals(const SecretBytes &other) const
{
    if (m_bytes.size() != other.m_bytes.size())
        return false;
    return sodium_memcmp(m_bytes.constData(), other.m_bytes.constData(), size_t(m_bytes.size())) ==
           0;
}

void SecretBytes::wipe()
{
    secureWipe(m_bytes);
}

} // namespace td
