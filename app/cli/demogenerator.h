// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "store/store.h"

#include <functional>

namespace td {

class BatchInsert;

struct DemoRequest
{
    int users = 50;
    qint64 tokens = 500;
    qint64 sessions = 100;
    quint32 seed = 0; ///< 0: random
    /// From this many tokens on, the token list's secondary indexes are dropped and built again
    /// after the rows are in (faster than keeping them up to date row by row).
    qint64 rebuildIndexesFrom = 50000;
};

struct DemoSummary
{
    int departments = 0;
    int users = 0;
    qint64 tokens = 0;
    qint64 sessions = 0;
    qint64 milliseconds = 0;
};

/// Fills an initialised store with realistic departments, users, API tokens (active, expiring
/// soon, expired and revoked) and mobile sessions, in one transaction and with multi-row
/// INSERTs, so a million tokens take seconds. Demo tokens are random and never shown; demo users
/// get an unusable random password (set one with `user passwd`).
class DemoGenerator
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)

public:
    explicit DemoGenerator(Store &store);
    /// progress(done, total) is called now and then with the number of rows written.
    Result<DemoSummary> generate(const Actor &actor, const DemoRequest &request,
                                 const std::function<void(qint64, qint64)> &progress = {});

private:
    struct Run;
    Result<void> check(const Actor &actor, const DemoRequest &request);
    int rowsPerStatement(int columns) const;
    /// SQLite: a large page cache and a second sorter thread for the bulk load, then back.
    void setBulkPragmas(bool bulk);
    void writeDepartments(Run &run);
    void readUserTypes(Run &run);
    void writeUsers(Run &run);
    /// Drops the token list's secondary indexes; returns their names and definitions.
    QList<std::pair<QString, QString>> dropTokenIndexes();
    void addToken(Run &run, BatchInsert &tokens, BatchInsert &scopeRows, qint64 id);
    void writeTokens(Run &run);
    void writeSessions(Run &run);
    void writeAudit(const Run &run);

    Store &m_store;
};

} // namespace td
