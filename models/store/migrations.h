// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace td {

/// A numbered schema step. Statements use placeholders the store replaces per back end:
/// @PK@ (auto-increment primary key), @INT@ (64-bit integer), @BLOB@ (bytes). The back-end
/// specific lists run after `statements`, in the same transaction.
struct Migration
{
    int version;
    QString name;
    QStringList statements;
    QStringList sqliteStatements = {};
    QStringList postgresqlStatements = {};
};

const QList<Migration> &migrations();

} // namespace td
