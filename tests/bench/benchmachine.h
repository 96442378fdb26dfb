// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QList>
#include <QString>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace td::bench {

/// The machine a benchmark ran on, for its output: CPU model, cores, system, load average.
inline QString machine()
{
    QString cpu;
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("model name")) {
                cpu = QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
    QString load;
    QFile l(QStringLiteral("/proc/loadavg"));
    if (l.open(QIODevice::ReadOnly))
        load = QString::fromLatin1(l.readAll().split(' ').first());
    return QStringLiteral("%1, %2 cores, %3, load %4")
        .arg(cpu)
        .arg(QThread::idealThreadCount())
        .arg(QSysInfo::prettyProductName(), load);
}

/// The median of a benchmark's runs (0 for none).
inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// A figure rounded to one decimal, for the JSON line.
inline double round1(double v)
{
    return std::round(v * 10) / 10;
}

} // namespace td::bench
