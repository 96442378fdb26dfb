// SPDX-License-Identifier: MIT
// Runs the real tokendesk-admin (TD_ADMIN_BIN) for a test and hands what it used and printed to
// the leak scan: stdin lines are secrets, tokens printed on stdout too; standard error, and
// standard output where printing a new token is not the command's job, are kept for the scan.
#pragma once

#include "testsupport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace td::test {

struct AdminRun
{
    int exit = -1; ///< -2: crashed, -1: did not start
    QByteArray out;
    QByteArray err;
};

inline AdminRun runAdmin(const QStringList &args, const QByteArray &input,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("TD_ADMIN_BIN"), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    for (const QByteArray &line : input.split('\n'))
        noteSecret(line.trimmed());
    AdminRun r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
               p.readAllStandardOutput(), p.readAllStandardError()};
    noteTokensIn(r.out);
    keepForLeakScan(QStringLiteral("cli-stderr.txt"), r.err);
    if (!(args.contains(QStringLiteral("token")) &&
          (args.contains(QStringLiteral("create")) || args.contains(QStringLiteral("reset")))))
        keepForLeakScan(QStringLiteral("cli-stdout.txt"), r.out);
    return r;
}

} // namespace td::test
