// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlError>

namespace td {

/// What a database error is, read from its code and never from its text: SQLite's extended
/// result code (QSQLITE reports it in QSqlError::nativeErrorCode(); Qt enables extended codes)
/// or PostgreSQL's SQLSTATE (QPSQL puts it there too).
enum class SqlErrorKind {
    UniqueViolation,     ///< SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, 23505
    ConstraintViolation, ///< another constraint (foreign key, not null, check): SQLITE_CONSTRAINT,
                         ///< 23xxx
    Busy, ///< another connection holds the lock: SQLITE_BUSY / SQLITE_LOCKED, 55P03, 57014
    SerializationFailure, ///< PostgreSQL SERIALIZABLE conflict or deadlock: 40001, 40P01 (retry)
    ReadOnly,             ///< SQLITE_READONLY*, 25006
    DiskFull,             ///< SQLITE_FULL, 53100
    Corrupt,              ///< SQLITE_CORRUPT*, SQLITE_NOTADB, XX001, XX002
    IoError,              ///< SQLITE_IOERR*, SQLITE_CANTOPEN*
    OutOfMemory,          ///< SQLITE_NOMEM, 53200
    ConnectionLost,       ///< 08xxx, 57Pxx, or a connection error without a code
    Other,
};

SqlErrorKind classifySqlError(const QSqlError &error, bool sqlite);

/// SQLite result codes (sqlite3.h) the store uses by number, so that only the demo generator
/// needs the SQLite headers.
namespace SqliteCode {
inline constexpr int Busy = 5;
inline constexpr int Locked = 6;
inline constexpr int NoMem = 7;
inline constexpr int ReadOnly = 8;
inline constexpr int IoErr = 10;
inline constexpr int Corrupt = 11;
inline constexpr int Full = 13;
inline constexpr int CantOpen = 14;
inline constexpr int Constraint = 19;
inline constexpr int NotADb = 26;
inline constexpr int ConstraintPrimaryKey = Constraint | (6 << 8);
inline constexpr int ConstraintUnique = Constraint | (8 << 8);
} // namespace SqliteCode

} // namespace td
