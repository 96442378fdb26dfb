// SPDX-License-Identifier: MIT
#include "records.h"

#include "accounts/credentials.h"

#include "core/clock.h"

#include <QRegularExpression>

namespace td {

// ---- users, departments, user types, settings -------------------------------------------------

QString Records::userColumns()
{
    static const QString columns =
        QStringLiteral(
            "u.id, u.username, u.display_name, u.email, u.department_id, d.name, u.user_type_id, "
            "ut.name, u.created_at, u.created_by, u.disabled_at, u.access_code_hash, "
            "u.access_code_set_at, u.access_code_expires_at, u.password_hash, %1, %2, u.language "
            "FROM users u JOIN departments d ON d.id = u.department_id "
            "JOIN user_types ut ON ut.id = u.user_type_id")
            .arg(Credentials::lockedUntilColumn(Credentials::Kind::Password,
                                                QStringLiteral("u.username")),
                 Credentials::lockedUntilColumn(Credentials::Kind::AccessCode,
                                                QStringLiteral("u.username")));
    return columns;
}

UserRow Records::readUser(const QSqlQuery &q)
{
    UserRow r;
    User &u = r.user;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.email = q.value(3).toString();
    u.departmentId = q.value(4).toLongLong();
    u.department = q.value(5).toString();
    u.userTypeId = q.value(6).toLongLong();
    u.userType = q.value(7).toString();
    u.createdAt = Clock::fromMs(q.value(8));
    u.createdBy = q.value(9).toString();
    u.disabledAt = Clock::fromMs(q.value(10));
    r.accessCodeHash = q.value(11).toByteArray();
    u.hasAccessCode = !r.accessCodeHash.isEmpty();
    u.accessCodeSetAt = Clock::fromMs(q.value(12));
    u.accessCodeExpiresAt = Clock::fromMs(q.value(13));
    r.passwordHash = q.value(14).toByteArray();
    // A lock that is over is no lock.
    const qint64 now = Clock::nowMs();
    auto lock = [now](const QVariant &v) {
        return !v.isNull() && v.toLongLong() > now ? Clock::fromMs(v) : QDateTime();
    };
    u.passwordLockedUntil = lock(q.value(15));
    u.accessCodeLockedUntil = lock(q.value(16));
    u.language = q.value(17).toString();
    return r;
}

UserRow Records::loadUser(Store &store, qint64 id)
{
    QSqlQuery q = store.run(
        QStringLiteral("SELECT ") + userColumns() + QStringLiteral(" WHERE u.id = ?"), {id});
    if (!q.next())
        fail(Errc::NotFound, tr("There is no user with id %1.").arg(id), QStringLiteral("user"));
    return readUser(q);
}

std::optional<UserRow> Records::findUser(Store &store, const QString &canonicalName)
{
    QSqlQuery q = store.run(QStringLiteral("SELECT ") + userColumns() +
                                QStringLiteral(" WHERE u.username = ?"),
                            {canonicalName});
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

qint64 Records::departmentIdByName(Store &store, const QString &name, const QString &field)
{
    const QVariant id =
        store.scalar(QStringLiteral("SELECT id FROM departments WHERE name_key = ?"),
                     {name.trimmed().toCaseFolded()});
    if (!id.isValid())
        fail(Errc::NotFound,
             tr("There is no department \"%1\"; create it first (department add).")
                 .arg(name.trimmed()),
             field);
    return id.toLongLong();
}

qint64 Records::userTypeIdByName(Store &store, const QString &name, const QString &field)
{
    const QVariant id = store.scalar(QStringLiteral("SELECT id FROM user_types WHERE name_key = ?"),
                                     {name.trimmed().toCaseFolded()});
    if (!id.isValid()) {
        QStringList names;
        QSqlQuery q = store.run(QStringLiteral("SELECT name FROM user_types ORDER BY name"));
        while (q.next())
            names << q.value(0).toString();
        fail(Errc::NotFound,
             tr("There is no user type \"%1\" (known: %2).")
                 .arg(name.trimmed(), names.join(QLatin1String(", "))),
             field);
    }
    return id.toLongLong();
}

QStringList Records::userTypePermissions(Store &store, qint64 userTypeId)
{
    QSqlQuery q = store.run(QStringLiteral("SELECT permission FROM user_type_permissions WHERE "
                                           "user_type_id = ? ORDER BY permission"),
                            {userTypeId});
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Actor Records::person(qint64 userId, const QString &username, const QString &address)
{
    Actor a;
    a.kind = Actor::Kind::User;
    a.userId = userId;
    a.username = username;
    a.label = username;
    a.address = address;
    return a;
}

StoreSettings Records::loadSettings(Store &store)
{
    StoreSettings s;
    QSqlQuery q = store.run(QStringLiteral("SELECT key, value FROM settings"));
    while (q.next()) {
        const QString k = q.value(0).toString();
        const int v = q.value(1).toInt();
        if (k == QLatin1String("expiring_soon_days"))
            s.expiringSoonDays = v;
        else if (k == QLatin1String("max_token_lifetime_days"))
            s.maxTokenLifetimeDays = v;
        else if (k == QLatin1String("session_lifetime_days"))
            s.sessionLifetimeDays = v;
        else if (k == QLatin1String("unused_token_policy_days"))
            s.unusedTokenPolicyDays = v;
    }
    return s;
}

// ---- field checks ------------------------------------------------------------------------------

QString Records::checkName(const QString &trimmed, const QString &what, int maxLength)
{
    if (trimmed.isEmpty())
        return tr("Enter a %1.").arg(what);
    if (trimmed.size() > maxLength)
        return tr("The %1 has %2 characters; at most %3 are allowed.")
            .arg(what)
            .arg(trimmed.size())
            .arg(maxLength);
    for (QChar c : trimmed) {
        const auto cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Separator_Line ||
            cat == QChar::Separator_Paragraph)
            return tr("The %1 must not contain control characters or line breaks.").arg(what);
    }
    return {};
}

QString Records::checkFreeText(const QString &text, int maxLength, bool allowNewlines)
{
    if (text.size() > maxLength)
        return tr("At most %1 characters are allowed (%2 given).").arg(maxLength).arg(text.size());
    for (QChar c : text) {
        if (allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\t')))
            continue;
        if (c.category() == QChar::Other_Control)
            return tr("Control characters are not allowed.");
    }
    return {};
}

QString Records::checkEmail(const QString &email)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s]{1,64}@[^@\\s.][^@\\s]*\\.[^@\\s]+$"));
    if (email.size() > 254 || !re.match(email).hasMatch())
        return tr("Enter an email address such as name@example.org.");
    return {};
}

QStringList Records::noticeLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString Records::checkLanguage(const QString &language)
{
    if (language.isEmpty() || noticeLanguages().contains(language))
        return {};
    return tr("Choose the language of notices: en (English), de (German) or none for the "
              "server's default.");
}

// ---- SQL helpers --------------------------------------------------------------------------------

QString Records::placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

QString Records::joinIds(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1String(", "));
}

QList<qint64> Records::uniqueIds(const QList<qint64> &ids)
{
    QList<qint64> out;
    for (qint64 id : ids)
        if (!out.contains(id))
            out << id;
    return out;
}

QString Records::containsPattern(const QString &text)
{
    return QLatin1Char('%') + Store::likeEscape(text) + QLatin1Char('%');
}

} // namespace td
