// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

/// The `--json` output of tokendesk-admin's list commands: one object per record, written as a
/// JSON array one object per line, so a million rows never sit in memory at once.
namespace td::CliJson {

QJsonValue time(const QDateTime &t); ///< ISO 8601 UTC, or null
QJsonObject department(const Department &d);
QJsonObject userType(const UserType &t);
QJsonObject user(const User &u);
QJsonObject apiToken(const ApiToken &t);
/// status: "active" also for sessions that expire soon (sessions have no "expiring").
QJsonObject session(const MobileSession &s);
QJsonObject auditEntry(const AuditEntry &e);
/// `token revoke-unused --dry-run --json`: {total, user_count, departments, users}, each group
/// {id, name, count}.
QJsonObject tokenOwnerCounts(const TokenOwnerCounts &c);

class ArrayWriter
{
public:
    explicit ArrayWriter(QTextStream &out);
    void add(const QJsonObject &o);
    void finish();

private:
    QTextStream &m_out;
    bool m_first = true;
};

} // namespace td::CliJson
