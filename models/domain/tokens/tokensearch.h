// SPDX-License-Identifier: MIT
#pragma once

#include "store/store.h"

#include <QList>
#include <QString>

namespace td::TokenSearch {

/// Substring search over a token's name, hint, username and description.
///
/// SQLite: a contentless FTS5 trigram table, api_tokens_search (rowid = token id). The store
/// runs with trusted_schema=OFF, which forbids virtual tables inside triggers, so every piece of
/// code that inserts or deletes API tokens calls add()/remove() in the same transaction
/// (TokenService::insertToken, TokenService::remove, DemoGenerator). A token's indexed text never
/// changes after creation (only its scope can).
///
/// PostgreSQL: a pg_trgm GIN index on textExpression() (migration 2), maintained by the server.

/// Characters a search text needs before the trigram index can answer it; shorter texts scan.
inline constexpr int MinimumIndexedLength = 3;

/// True when this store keeps the FTS5 table that add() and remove() maintain.
bool maintainedByCode(Store &store);
/// The statement add() runs, for writers that batch (5 values: id, name, hint, user, description).
QString addStatement();
void add(Store &store, qint64 tokenId, const QString &name, const QString &hint,
         const QString &userName, const QString &description);
/// Indexes every token with an id above `afterId` in one statement (bulk writers).
void addAllAfter(Store &store, qint64 afterId);
/// Call before deleting the tokens (it reads their indexed text).
void remove(Store &store, const QList<qint64> &tokenIds);

/// The FTS5 MATCH argument that finds `text` as a substring: one quoted phrase.
QString matchPhrase(const QString &text);
/// Whether the index can answer this text (at least MinimumIndexedLength characters).
bool indexable(const QString &text);
/// PostgreSQL: the text the pg_trgm index covers, for the token alias (e.g. "t").
QString textExpression(const QString &alias);

} // namespace td::TokenSearch
