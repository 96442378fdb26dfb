// SPDX-License-Identifier: MIT
#pragma once

#include "store/store.h"

#include <QList>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace td {

/// Which rows of an ordered SQL result a windowed view wants.
struct WindowRequest
{
    qint64 offset = 0; ///< first row, 0-based
    int limit = 100;   ///< rows wanted
    /// Rows in the whole result when the caller knows them (-1: the pager counts). With it the
    /// far half of the result is read backwards, so no request skips more than half the rows.
    qint64 total = -1;
    /// The order key (WindowedSelect::keys, then the id) of the row just before `offset`, taken
    /// from a cached neighbouring window: the pager seeks to it instead of skipping rows.
    QVariantList after;
    /// The order key of the row just after the window (at offset + limit).
    QVariantList before;
    /// A keyset cursor by row: the window starts just after (ends just before) the row with
    /// this id, whose order key the pager reads (the HTTP API's afterId and beforeId). Used
    /// when `after` (`before`) is empty; a row the select no longer returns is InvalidArgument.
    std::optional<qint64> afterId;
    std::optional<qint64> beforeId;
};

/// How a window was read (tests and the benchmark check that the cheap paths are taken).
enum class WindowMethod { Offset, ReverseOffset, SeekAfter, SeekBefore };

/// The rows of one window and the order keys of its first and last row (for later seeks).
template<typename Row> struct Window
{
    qint64 offset = 0;
    QList<Row> rows;
    QVariantList firstKey;
    QVariantList lastKey;
    WindowMethod method = WindowMethod::Offset;
};

/// A result to page through: `SELECT id FROM from WHERE conditions [AND id IN (idSet)]
/// ORDER BY keys…, id` (all ascending or all descending). Keys must be NOT NULL expressions;
/// the id must be unique. For speed at a million rows, an index must cover (keys…, id).
struct WindowedSelect
{
    QString from;                      ///< e.g. "api_tokens t"
    QString id = QStringLiteral("id"); ///< e.g. "t.id"
    QStringList conditions;            ///< AND-ed, with ? placeholders
    QVariantList binds;                ///< for the conditions, in order
    QStringList keys;                  ///< ORDER BY expressions, most significant first
    bool ascending = true;
    /// An optional restriction `id IN (idSet)`, e.g. the rowids of a full-text match. Kept apart
    /// from the conditions because the pager chooses per request whether to read the set first
    /// and sort it, or to walk the order index and probe the set row by row.
    QString idSet;
    QVariantList idSetBinds;
    /// SQLite: the index that yields rows in key order. When walking it is cheaper than reading
    /// the matches and sorting them (a filter that keeps many rows), the pager names it with
    /// INDEXED BY; SQLite's planner, without statistics, would often sort 700,000 rows instead.
    /// PostgreSQL has statistics and chooses itself.
    QString sqliteOrderIndex;
    /// Rows of the unfiltered table (an estimate suffices), for that choice.
    qint64 tableRows = -1;
    /// PostgreSQL: the conditions hold a text search whose matches may cluster in the order (a
    /// name fragment while sorting by name). Its planner assumes an even spread and would walk
    /// the order index through most of the table; with this set, the pager walks a bounded
    /// stretch first and otherwise filters, then sorts. Leave it off for conditions an index
    /// can bound (ranges on the order key). `from` must then be "table [alias]".
    bool textSearch = false;
};

struct WindowIds
{
    QList<qint64> ids;
    QVariantList firstKey;
    QVariantList lastKey;
    WindowMethod method = WindowMethod::Offset;
    bool walkedOrderIndex = false; ///< SQLite: INDEXED BY the order index
};

/// Positional access to an ordered SQL result without O(n) work per request: a window next to a
/// known one is a keyset seek ((keys, id) > (?, ?)); otherwise the nearer end of the result is
/// used, reading backwards for the far half, over an index that covers the order. Functions
/// throw Failure on database errors (call them inside Store::read()).
namespace SqlWindow {
qint64 count(Store &store, const WindowedSelect &select);
WindowIds ids(Store &store, const WindowedSelect &select, const WindowRequest &request);
/// The 0-based position of the row with that id in the select's order; -1 when the select does
/// not return that row.
qint64 position(Store &store, const WindowedSelect &select, qint64 id);
/// For tests: forces (or with std::nullopt stops forcing) the choice between walking the order
/// index and sorting the matches.
void forceWalkForTesting(std::optional<bool> walk);
/// For tests: the fewest index entries a walk for an id set may visit before it gives up and
/// reads the set first (0: the default, 40,000).
void setMinimumWalkBudgetForTesting(qint64 entries);
} // namespace SqlWindow

} // namespace td
