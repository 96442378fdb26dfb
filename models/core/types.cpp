// SPDX-License-Identifier: MIT
#include "types.h"

#include "permissions.h"

#include <QCoreApplication>

#include <algorithm>

namespace td {

QStringList auditOutcomes()
{
    return {QStringLiteral("success"), QStringLiteral("denied"), QStringLiteral("failure")};
}

Actor Actor::cli(const QString &osUser)
{
    Actor a;
    a.kind = Kind::Cli;
    a.label = QStringLiteral("cli:") + (osUser.isEmpty() ? QStringLiteral("unknown") : osUser);
    a.address = QStringLiteral("local");
    return a;
}

TokenQuery TokenQuery::validUnused(int days)
{
    TokenQuery q;
    q.unusedDays = days;
    q.statuses = {TokenStatus::Active, TokenStatus::ExpiringSoon};
    q.sortColumn = TokenColumn::Id;
    q.ascending = true;
    q.limit = 0;
    return q;
}

Actor Actor::system(const QString &what)
{
    Actor a;
    a.kind = Kind::System;
    a.label = what;
    a.address = QStringLiteral("local");
    return a;
}

bool Actor::can(const QString &permission) const
{
    return kind != Kind::User || permissions.contains(permission);
}

QStringList UserType::scopes() const
{
    QStringList out;
    for (const QString &s : Scope::all())
        if (permissions.contains(s))
            out << s;
    return out;
}

QString statusName(TokenStatus s)
{
    switch (s) {
    case TokenStatus::Active:
        return QStringLiteral("active");
    case TokenStatus::ExpiringSoon:
        return QStringLiteral("expiring");
    case TokenStatus::Expired:
        return QStringLiteral("expired");
    case TokenStatus::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
}

QString statusTitle(TokenStatus s)
{
    switch (s) {
    case TokenStatus::Active:
        return QCoreApplication::translate("TokenStatus", "Active");
    case TokenStatus::ExpiringSoon:
        return QCoreApplication::translate("TokenStatus", "Expiring soon");
    case TokenStatus::Expired:
        return QCoreApplication::translate("TokenStatus", "Expired");
    case TokenStatus::Revoked:
        return QCoreApplication::translate("TokenStatus", "Revoked");
    }
    return {};
}

std::optional<TokenStatus> statusFromName(const QString &name)
{
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::ExpiringSoon, TokenStatus::Expired,
                          TokenStatus::Revoked})
        if (statusName(s) == name)
            return s;
    return std::nullopt;
}

QString verifyStatusName(VerifiedToken::Status s)
{
    switch (s) {
    case VerifiedToken::Status::Valid:
        return QStringLiteral("valid");
    case VerifiedToken::Status::Malformed:
        return QStringLiteral("malformed");
    case VerifiedToken::Status::Unknown:
        return QStringLiteral("unknown");
    case VerifiedToken::Status::Expired:
        return QStringLiteral("expired");
    case VerifiedToken::Status::Revoked:
        return QStringLiteral("revoked");
    case VerifiedToken::Status::UserDisabled:
        return QStringLiteral("user-disabled");
    }
    return {};
}

TokenStatus tokenStatusAt(qint64 nowMs, qint64 expiresAtMs, bool revoked, int soonDays)
{
    if (revoked)
        return TokenStatus::Revoked;
    if (expiresAtMs <= nowMs)
        return TokenStatus::Expired;
    if (expiresAtMs <= nowMs + soonDays * 24LL * 3600 * 1000)
        return TokenStatus::ExpiringSoon;
    return TokenStatus::Active;
}

QString escapeControls(const QString &text)
{
    auto unsafe = [](QChar c) {
        const ushort u = c.unicode();
        return u < 0x20 || (u >= 0x7f && u < 0xa0) || c.category() == QChar::Other_Format ||
               c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph;
    };
    if (std::none_of(text.cbegin(), text.cend(), unsafe))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        if (!unsafe(c))
            out += c;
        else if (c.unicode() < 0x100)
            out += QStringLiteral("\\x") +
                   QString::number(c.unicode(), 16).toUpper().rightJustified(2, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u") +
                   QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
    }
    return out;
}

AuditEntry escaped(AuditEntry e)
{
    for (QString *s : {&e.actor, &e.action, &e.target, &e.outcome, &e.details, &e.address})
        *s = escapeControls(*s);
    return e;
}

} // namespace td
