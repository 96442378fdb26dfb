// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

/// CSV (RFC 4180) for the console's exports (API tokens, audit log). A cell that a spreadsheet
/// would run as a formula (it starts with = + - @, a tab or a carriage return: OWASP "CSV
/// injection") gets an apostrophe in front, so it is shown as text.
namespace td::Csv {

bool looksLikeFormula(QStringView value);
/// Appends one field, quoted when it holds a quote, comma, CR or LF.
void appendField(QString &line, const QString &value);
/// One record without its line ending.
QString record(const QStringList &fields);
/// The line ending of every record, header included (RFC 4180: CRLF).
inline constexpr char LineEnd[] = "\r\n";

} // namespace td::Csv
