// SPDX-License-Identifier: MIT
// Fuzz target: the CSV writer of the exports (Csv::record; API tokens and audit log).
// Input: the fields of one record, \0 separated.
// Invariants: an RFC 4180 reader gets back exactly the fields, except that a field a
// spreadsheet would run as a formula (= + - @ tab CR first) has an apostrophe in front; no
// cell starts with a formula character.
#include "fuzzinput.h"

#include "core/csv.h"

#include <optional>

namespace {

/// A strict RFC 4180 reader of one record (no line ending); nullopt when malformed.
std::optional<QStringList> readRecord(const QString &line)
{
    QStringList out;
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (true) {
        QString field;
        if (i < n && line[i] == QLatin1Char('"')) {
            ++i;
            while (true) {
                if (i >= n)
                    return std::nullopt; // unterminated quote
                if (line[i] == QLatin1Char('"')) {
                    if (i + 1 < n && line[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i++];
            }
        } else {
            while (i < n && line[i] != QLatin1Char(',')) {
                const QChar c = line[i];
                if (c == QLatin1Char('"') || c == QLatin1Char('\r') || c == QLatin1Char('\n'))
                    return std::nullopt; // must have been quoted
                field += line[i++];
            }
        }
        out << field;
        if (i == n)
            return out;
        if (line[i] != QLatin1Char(','))
            return std::nullopt; // text after a closing quote
        ++i;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QStringList fields;
    for (const QByteArray &b : tdfuzz::parts(data, size))
        fields << QString::fromUtf8(b);
    const QString line = td::Csv::record(fields);
    const std::optional<QStringList> back = readRecord(line);
    FUZZ_ASSERT(back.has_value());
    FUZZ_ASSERT(back->size() == fields.size());
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QString &f = fields[i];
        const QString &cell = back->at(i);
        FUZZ_ASSERT(!td::Csv::looksLikeFormula(cell));
        if (td::Csv::looksLikeFormula(f))
            FUZZ_ASSERT(cell == QLatin1Char('\'') + f);
        else
            FUZZ_ASSERT(cell == f);
    }
    return 0;
}
