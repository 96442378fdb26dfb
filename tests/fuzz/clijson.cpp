// SPDX-License-Identifier: MIT
// Fuzz target: the `--json` writers of tokendesk-admin (CliJson: one object per record, an
// array one object per line). Input: texts (\0 separated) for the records' string fields, and
// numbers for ids and times.
// Invariants: the output is one valid JSON array with one object per record, and every
// string, id and time reads back as written.
#include "fuzzinput.h"

#include "clijson.h"
#include "core/clock.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace td;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = tdfuzz::parts(data, size, 1);
    QStringList s;
    for (const QByteArray &b : p)
        s << QString::fromUtf8(b);
    auto text = [&](qsizetype i) {
        return s[i % s.size()];
    };
    const quint64 seed = tdfuzz::number(p.last());
    const qint64 id = qint64(seed & ((1ULL << 53) - 1)); // what JSON numbers hold exactly
    // Times from 1970 to 9999-12-31 (the store's range), or none.
    const QDateTime when =
        (seed & 3) == 0
            ? QDateTime()
            : QDateTime::fromMSecsSinceEpoch(qint64(seed % 253402300800000ULL), Qt::UTC);

    Department d{id, text(0), when, qint64(seed % 1000)};
    UserType ut;
    ut.id = id;
    ut.name = text(1);
    ut.permissions = s;
    User u;
    u.id = id;
    u.username = text(0);
    u.displayName = text(1);
    u.email = text(2);
    u.department = text(3);
    u.userType = text(4);
    u.disabledAt = when;
    ApiToken t;
    t.id = id;
    t.name = text(0);
    t.description = text(1);
    t.hint = text(2);
    t.scopes = s;
    t.username = text(3);
    t.createdBy = text(4);
    t.lastUsedFrom = text(5);
    t.expiresAt = when;
    t.status = TokenStatus(seed % 4);
    MobileSession m;
    m.id = id;
    m.deviceName = text(0);
    m.platform = text(1);
    m.appVersion = text(2);
    m.lastActiveFrom = text(3);
    m.lastActiveAt = when;
    AuditEntry e;
    e.id = id;
    e.at = when;
    e.actor = text(0);
    e.action = text(1);
    e.target = text(2);
    e.details = text(3);
    e.address = text(4);

    QString out;
    {
        QTextStream stream(&out);
        CliJson::ArrayWriter w(stream);
        if (seed & 4) { // also the empty list
            w.add(CliJson::department(d));
            w.add(CliJson::userType(ut));
            w.add(CliJson::user(u));
            w.add(CliJson::apiToken(t));
            w.add(CliJson::session(m));
            w.add(CliJson::auditEntry(e));
        }
        w.finish();
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &error);
    FUZZ_ASSERT(error.error == QJsonParseError::NoError && doc.isArray());
    const QJsonArray a = doc.array();
    if (!(seed & 4)) {
        FUZZ_ASSERT(a.isEmpty());
        return 0;
    }
    FUZZ_ASSERT(a.size() == 6);
    for (const QJsonValue &v : a)
        FUZZ_ASSERT(v.toObject().value(QLatin1String("id")).toInteger() == id);
    auto str = [&](int i, const char *key) {
        return a.at(i).toObject().value(QLatin1String(key)).toString();
    };
    FUZZ_ASSERT(str(0, "name") == d.name);
    FUZZ_ASSERT(str(0, "created_at") == Clock::iso(when));
    QStringList perms;
    for (const QJsonValue &v : a.at(1).toObject().value(QLatin1String("permissions")).toArray())
        perms << v.toString();
    FUZZ_ASSERT(perms == ut.permissions);
    FUZZ_ASSERT(str(2, "username") == u.username && str(2, "email") == u.email &&
                str(2, "display_name") == u.displayName && str(2, "user_type") == u.userType);
    FUZZ_ASSERT(a.at(2).toObject().value(QLatin1String("enabled")).toBool() == u.enabled());
    FUZZ_ASSERT(str(3, "name") == t.name && str(3, "description") == t.description &&
                str(3, "hint") == t.hint && str(3, "user") == t.username &&
                str(3, "created_by") == t.createdBy && str(3, "status") == statusName(t.status));
    FUZZ_ASSERT(str(3, "expires_at") == Clock::iso(when));
    const QJsonValue from = a.at(3).toObject().value(QLatin1String("last_used_from"));
    FUZZ_ASSERT(t.lastUsedFrom.isEmpty() ? from.isNull() : from.toString() == t.lastUsedFrom);
    FUZZ_ASSERT(str(4, "device") == m.deviceName && str(4, "platform") == m.platform &&
                str(4, "app_version") == m.appVersion &&
                str(4, "last_active_from") == m.lastActiveFrom);
    FUZZ_ASSERT(str(5, "actor") == e.actor && str(5, "action") == e.action &&
                str(5, "target") == e.target && str(5, "details") == e.details &&
                str(5, "address") == e.address && str(5, "at") == Clock::iso(when));
    return 0;
}
