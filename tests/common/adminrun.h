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
    int exit =
        -1; ///< -2: crashed, -3: still running after the time limit (killed), -1: did not start
    QByteArray out;
    QByteArray err; ///< without Qt's log messages (withoutQtLog); the leak scan keeps them all
};

/// How long runAdmin() waits for the CLI before it kills it and reports exit -3.
inline constexpr int AdminTimeoutMs = 120000;

/// Runs the CLI with every Qt logging category on (loggingEnvironment()).
inline AdminRun runAdmin(const QStringList &args, const QByteArray &input,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(loggingEnvironment(env));
    p.start(qEnvironmentVariable("TD_ADMIN_BIN"), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    // A program still running after the limit has not succeeded: QProcess would report the
    // exit code 0 of a process that has not exited.
    const bool finished = p.waitForFinished(AdminTimeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished(10000);
    }
    for (const QByteArray &line : input.split('\n'))
        noteSecret(line.trimmed());
    const QByteArray err = p.readAllStandardError();
    AdminRun r{!finished                                ? -3
               : p.exitStatus() == QProcess::NormalExit ? p.exitCode()
                                                        : -2,
               p.readAllStandardOutput(), withoutQtLog(err)};
    keepForLeakScan(QStringLiteral("cli-stderr.txt"), err);
    keepCliOutput(args, r.out, QStringLiteral("cli-stdout.txt"));
    return r;
}

} // namespace td::test
