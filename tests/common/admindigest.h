// SPDX-License-Identifier: MIT
// "Nothing changed" for the admin API's tables, shared by server.adminapi and fuzz.adminapi.
#pragma once

#include "store/store.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>

/// SHA-256 over the tables the admin API changes, without the audit log (refusals may be
/// audited) and the sign-in throttle (a wrong password is counted); last-use columns and expiries
/// move on use. Empty when the store could not be read.
inline QByteArray adminTablesDigest(td::Store &store)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    auto r = store.read([&] {
        for (const char *table :
             {"settings", "departments", "user_types", "user_type_permissions", "users",
              "api_tokens", "api_token_scopes", "mobile_sessions", "console_credentials"}) {
            QSqlQuery q = store.run(
                QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)));
            const QSqlRecord rec = q.record();
            h.addData(QByteArray(table) + ':');
            while (q.next())
                for (int i = 0; i < rec.count(); ++i) {
                    const QString col = rec.fieldName(i);
                    if (col.startsWith(QLatin1String("last_")) || col == "expires_at")
                        continue;
                    h.addData(col.toUtf8() + '=' + q.value(i).toString().toUtf8() + ';');
                }
        }
    });
    return r.ok() ? h.result() : QByteArray();
}
