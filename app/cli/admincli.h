// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QProcessEnvironment>
#include <QStringList>

namespace td {

/// `tokendesk-admin`: the console's operations for scripts and headless machines.
///
/// Secrets come from standard input only. A created token is the only thing written to
/// standard output by `token create` / `token reset`. Any error: one line on standard error
/// naming the cause, a non-zero exit code, and nothing changed.
int runAdminCli(const QStringList &arguments, QIODevice &in, QIODevice &out, QIODevice &err,
                const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

} // namespace td
