// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QString>
#include <QSysInfo>
#include <QThread>

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

} // namespace td::bench
