// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>

namespace td::Clock {

/// Milliseconds since the Unix epoch, UTC; the only clock the domain layer reads.
qint64 nowMs();
QDateTime now();
/// In-process tests move time forward to see tokens expire. Never used by the programs.
void setOffsetForTesting(qint64 ms);

QDateTime fromMs(const QVariant &v); ///< NULL → invalid QDateTime
QVariant toMs(const QDateTime &t);   ///< invalid → NULL
QString iso(const QDateTime &t);     ///< ISO 8601 UTC with 'Z', or empty

} // namespace td::Clock
