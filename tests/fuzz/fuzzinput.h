// SPDX-License-Identifier: MIT
// Shared by the fuzz targets: splitting one input into parts, and an assertion that aborts
// (libFuzzer then saves the input as a crasher; the replayer fails its ctest test).
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace tdfuzz {

/// The input's parts, separated by NUL bytes (the seed files are written that way).
inline QList<QByteArray> parts(const uint8_t *data, size_t size, qsizetype atLeast = 0)
{
    QList<QByteArray> out =
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\0');
    while (out.size() < atLeast)
        out << QByteArray();
    return out;
}

/// A 64-bit number from up to 8 bytes (little endian), 0 when there are none.
inline quint64 number(const QByteArray &bytes)
{
    quint64 v = 0;
    for (qsizetype i = 0; i < bytes.size() && i < 8; ++i)
        v |= quint64(quint8(bytes[i])) << (8 * i);
    return v;
}

} // namespace tdfuzz
