// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QStringList>
#include <QVariantList>

#include <functional>
#include <variant>

namespace td {

struct Domain;

/// What a CSV export lists: the API tokens, the audit log entries or the mobile sessions of a query
/// (its filters and order; offset and limit do not apply, an export has every row the filter
/// shows).
using ExportQuery = std::variant<TokenQuery, AuditQuery, SessionQuery>;

/// The console's CSV exports, one writer for every transport: the columns of each list, its rows
/// as RFC 4180 records with CRLF line ends (Csv::record), read from the domain as the signed-in
/// actor (the list's own permission check). The local store writes a file with writeFile() over
/// visit(); tokendesk-server streams the same bytes page by page (Pager); the console over a
/// server saves them as they arrive. The store holds no secret (tokens and sessions: only their
/// hints, never a hash), so no export holds one.
namespace CsvExport {

/// One record of the export; the consumer returns false to stop.
using Row = std::function<bool(const QStringList &fields)>;
/// Hands every row to `row`; the number of rows visited, or the error.
using Source = std::function<Result<qint64>(const Row &row)>;
/// Every ProgressStep rows writeFile() asks `progress` whether to go on.
constexpr qint64 ProgressStep = 5000;

QStringList header(const ExportQuery &query);
QStringList tokenFields(const ApiToken &token);
QStringList auditFields(const AuditEntry &entry);
QStringList sessionFields(const MobileSession &session);
/// One record with its line ending, in UTF-8.
QByteArray line(const QStringList &fields);
/// The rows of `query`, as `actor` may see them, in the list's order (one forward-only query).
Result<qint64> visit(Domain &domain, const Actor &actor, const ExportQuery &query, const Row &row);

/// Writes the header and the rows of `source` into a temporary file beside `path` that replaces
/// it only when everything was written (QSaveFile), mode 0600: a failure or a cancel leaves no
/// partial file and the old one as it was. Returns the rows written, or the source's error, a
/// file that cannot be written (InvalidArgument on "path") or a cancel (Conflict).
/// progress(rows written) every ProgressStep rows and once before the file replaces `path`;
/// false cancels.
Result<qint64> writeFile(const QString &path, const QStringList &header, const Source &source,
                         const std::function<bool(qint64 written)> &progress = {});
/// "The export was cancelled; no file was written."
QString cancelledText();
/// "Cannot write <path>: <why>"
QString cannotWrite(const QString &path, const QString &why);

/// Reads an export in pages for a stream: next() returns the CSV bytes of the next page (the
/// header before the first), each page one window of the list (a keyset seek after the last
/// row, so no page costs more than the first), read with whichever Domain the calling thread
/// has. Every page is authorized like the list's window, so a refusal comes with the first.
class Pager
{
public:
    Pager(Actor actor, ExportQuery query, int pageRows = 1000);

    Result<QByteArray> next(Domain &domain);
    bool atEnd() const { return m_atEnd; }
    qint64 rows() const { return m_rows; }

private:
    Actor m_actor;
    ExportQuery m_query;
    int m_pageRows;
    QVariantList m_after;
    qint64 m_rows = 0;
    bool m_started = false;
    bool m_atEnd = false;
};

/// Counts the records of CSV bytes that arrive in pieces (a CRLF outside quotes ends one).
class RecordCounter
{
public:
    void add(QByteArrayView bytes);
    qint64 records() const { return m_records; }

private:
    qint64 m_records = 0;
    bool m_quoted = false;
    bool m_cr = false;
};

} // namespace CsvExport
} // namespace td
