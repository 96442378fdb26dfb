// SPDX-License-Identifier: MIT
#include "clock.h"

#include <QVariant>

#include <atomic>

namespace td::Clock {

namespace {
std::atomic<qint64> g_offset{0};
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch() + g_offset.load(std::memory_order_relaxed);
}

QDateTime now()
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

void setOffsetForTesting(qint64 ms)
{
    g_offset.store(ms);
}

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant toMs(const QDateTime &t)
{
    if (!t.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant::fromValue<qint64>(t.toMSecsSinceEpoch());
}

QString iso(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toString(Qt::ISODate);
}

} // namespace td::Clock
