// SPDX-License-Identifier: MIT
#include "sqlerror.h"

namespace td {

namespace {

SqlErrorKind classifySqlite(int extended)
{
    if (extended == SqliteCode::ConstraintUnique || extended == SqliteCode::ConstraintPrimaryKey)
        return SqlErrorKind::UniqueViolation;
    switch (extended & 0xff) { // the primary code of an extended one
    case SqliteCode::Constraint:
        return SqlErrorKind::ConstraintViolation;
    case SqliteCode::Busy:
    case SqliteCode::Locked:
        return SqlErrorKind::Busy;
    case SqliteCode::ReadOnly:
        return SqlErrorKind::ReadOnly;
    case SqliteCode::Corrupt:
    case SqliteCode::NotADb:
        return SqlErrorKind::Corrupt;
    case SqliteCode::Full:
        return SqlErrorKind::DiskFull;
    case SqliteCode::IoErr:
    case SqliteCode::CantOpen:
        return SqlErrorKind::IoError;
    case SqliteCode::NoMem:
        return SqlErrorKind::OutOfMemory;
    default:
        return SqlErrorKind::Other;
    }
}

SqlErrorKind classifyPostgres(const QString &state, QSqlError::ErrorType type)
{
    if (state == QLatin1String("23505"))
        return SqlErrorKind::UniqueViolation;
    if (state.startsWith(QLatin1String("23")))
        return SqlErrorKind::ConstraintViolation;
    if (state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return SqlErrorKind::SerializationFailure;
    if (state == QLatin1String("25006"))
        return SqlErrorKind::ReadOnly;
    if (state == QLatin1String("53100"))
        return SqlErrorKind::DiskFull;
    if (state == QLatin1String("53200"))
        return SqlErrorKind::OutOfMemory;
    // lock_not_available (lock_timeout), query_canceled (statement_timeout)
    if (state == QLatin1String("55P03") || state == QLatin1String("57014"))
        return SqlErrorKind::Busy;
    if (state == QLatin1String("XX001") || state == QLatin1String("XX002"))
        return SqlErrorKind::Corrupt;
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")) ||
        (state.isEmpty() && type == QSqlError::ConnectionError))
        return SqlErrorKind::ConnectionLost;
    return SqlErrorKind::Other;
}

} // namespace

SqlErrorKind classifySqlError(const QSqlError &error, bool sqlite)
{
    const QString native = error.nativeErrorCode();
    if (sqlite) {
        bool ok = false;
        const int code = native.toInt(&ok);
        return ok ? classifySqlite(code) : SqlErrorKind::Other;
    }
    return classifyPostgres(native, error.type());
}

} // namespace td
