// SPDX-License-Identifier: MIT
#include "auditphrases.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace td::AuditPhrases {

namespace {

// Every fixed phrase the domain writes into the audit log's Target and Details, spelled exactly
// as written (models/domain: Guard::audit() and its callers); %1… are the values. A value that
// is itself one of a few words (a credential kind, a status) is spelled out in the phrase.
const char *const Phrases[] = {
    // targets
    QT_TRANSLATE_NOOP("AuditPhrase", "token #%1 \"%2\" (%3) of %4"),
    QT_TRANSLATE_NOOP("AuditPhrase", "session #%1 (%2) of %3 on \"%4\""),
    QT_TRANSLATE_NOOP("AuditPhrase", "console sign-in #%1 (%2) of %3"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user #%1 %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user type #%1 \"%2\""),
    QT_TRANSLATE_NOOP("AuditPhrase", "department #%1 \"%2\""),
    QT_TRANSLATE_NOOP("AuditPhrase", "tenant %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "settings"),
    QT_TRANSLATE_NOOP("AuditPhrase", "%1 mobile session(s) of %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "token \"%1\" for %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "token #%1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "%1 tokens"),
    QT_TRANSLATE_NOOP("AuditPhrase", "session #%1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "%1 sessions"),
    QT_TRANSLATE_NOOP("AuditPhrase", "department #%1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user type #%1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user #%1"),
    // details
    QT_TRANSLATE_NOOP("AuditPhrase", "scopes %1; expires %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "scopes %1 → %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "replaces %1, which works until %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "replaces %1, which stopped working"),
    QT_TRANSLATE_NOOP("AuditPhrase", "bulk revoke of %1 tokens"),
    QT_TRANSLATE_NOOP("AuditPhrase", "bulk revoke of %1 sessions"),
    QT_TRANSLATE_NOOP("AuditPhrase", "revoked by its holder (POST /api/v1/revoke)"),
    QT_TRANSLATE_NOOP("AuditPhrase", "reported as leaked: found at %1 (source: %2)"),
    QT_TRANSLATE_NOOP("AuditPhrase", "was active"),
    QT_TRANSLATE_NOOP("AuditPhrase", "was revoked"),
    QT_TRANSLATE_NOOP("AuditPhrase", "was expired"),
    QT_TRANSLATE_NOOP("AuditPhrase", "first personal token"),
    QT_TRANSLATE_NOOP("AuditPhrase", "replaces %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "permissions: %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "permissions: %1 → %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "first administrator %1 (user #%2) in department %3"),
    QT_TRANSLATE_NOOP("AuditPhrase",
                      "expiring soon %1 d, max token lifetime %2 d, session lifetime %3 d"),
    QT_TRANSLATE_NOOP("AuditPhrase", "console credential %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "department %1, user type %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user type %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "display name"),
    QT_TRANSLATE_NOOP("AuditPhrase", "email"),
    QT_TRANSLATE_NOOP("AuditPhrase", "department %1 → %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "user type %1 → %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "changed own password"),
    QT_TRANSLATE_NOOP("AuditPhrase", "password set by administrator"),
    QT_TRANSLATE_NOOP("AuditPhrase", "revoked %1 API token(s) and %2 mobile session(s)"),
    QT_TRANSLATE_NOOP("AuditPhrase", "no access code set"),
    QT_TRANSLATE_NOOP("AuditPhrase", "wrong access code"),
    QT_TRANSLATE_NOOP("AuditPhrase", "wrong password"),
    QT_TRANSLATE_NOOP("AuditPhrase", "unknown username"),
    QT_TRANSLATE_NOOP("AuditPhrase", "password sign-in locked for %1 minutes after %2 failures; "
                                     "addresses without failures may still sign in"),
    QT_TRANSLATE_NOOP("AuditPhrase", "access code sign-in locked for %1 minutes after %2 "
                                     "failures; addresses without failures may still sign in"),
    QT_TRANSLATE_NOOP("AuditPhrase", "password sign-in lock lifted by the correct password"),
    QT_TRANSLATE_NOOP("AuditPhrase", "access code sign-in lock lifted by the correct access code"),
    QT_TRANSLATE_NOOP("AuditPhrase", "password sign-in lock lifted"),
    QT_TRANSLATE_NOOP("AuditPhrase", "access code sign-in lock lifted"),
    QT_TRANSLATE_NOOP("AuditPhrase", "signed out from the app"),
    QT_TRANSLATE_NOOP("AuditPhrase", "age %1 days"),
    QT_TRANSLATE_NOOP("AuditPhrase", "age never"),
    QT_TRANSLATE_NOOP("AuditPhrase", "webhook #%1 %2"),
    QT_TRANSLATE_NOOP("AuditPhrase", "webhook #%1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "events: %1"),
    QT_TRANSLATE_NOOP("AuditPhrase", "enabled"),
    QT_TRANSLATE_NOOP("AuditPhrase", "disabled"),
    QT_TRANSLATE_NOOP("AuditPhrase", "the access code was changed"),
};

const QRegularExpression Placeholder(QStringLiteral("%([1-9])"));

/// A phrase as a pattern that matches its stored text and captures the values in order.
struct Pattern
{
    const char *source;
    QRegularExpression match;
    QList<int> numbers; // the placeholder of each capture
    qsizetype fixed;    // characters that are no placeholder: the longer, the more specific
};

const QList<Pattern> &patterns()
{
    static const QList<Pattern> all = [] {
        QList<Pattern> out;
        for (const char *source : Phrases) {
            const QString english = QString::fromUtf8(source);
            Pattern p{source, {}, {}, english.size()};
            QString re;
            qsizetype at = 0;
            for (auto it = Placeholder.globalMatch(english); it.hasNext();) {
                const auto m = it.next();
                re += QRegularExpression::escape(english.mid(at, m.capturedStart() - at)) +
                      QStringLiteral("(.*?)");
                p.numbers << m.captured(1).toInt();
                p.fixed -= m.capturedLength();
                at = m.capturedEnd();
            }
            re += QRegularExpression::escape(english.mid(at));
            p.match.setPattern(QRegularExpression::anchoredPattern(re));
            p.match.setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
            out << std::move(p);
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Pattern &a, const Pattern &b) { return a.fixed > b.fixed; });
        return out;
    }();
    return all;
}

/// The translation of one phrase, or nothing when text is none.
std::optional<QString> phrase(const QString &text)
{
    for (const Pattern &p : patterns()) {
        const QRegularExpressionMatch m = p.match.match(text);
        if (!m.hasMatch())
            continue;
        const QString shown = QCoreApplication::translate("AuditPhrase", p.source);
        QString out;
        qsizetype at = 0;
        for (auto it = Placeholder.globalMatch(shown); it.hasNext();) {
            const auto ph = it.next();
            out += shown.mid(at, ph.capturedStart() - at);
            const qsizetype capture = p.numbers.indexOf(ph.captured(1).toInt());
            out += capture >= 0 ? m.captured(int(capture) + 1) : ph.captured();
            at = ph.capturedEnd();
        }
        return out + shown.mid(at);
    }
    return std::nullopt;
}

} // namespace

QString display(const QString &stored)
{
    if (stored.isEmpty())
        return stored;
    if (auto whole = phrase(stored))
        return *whole;
    // A list of changes ("display name; department A → B").
    const QString separator = QStringLiteral("; ");
    if (!stored.contains(separator))
        return stored;
    QStringList parts = stored.split(separator);
    for (QString &part : parts)
        if (auto shown = phrase(part))
            part = *shown;
    return parts.join(separator);
}

} // namespace td::AuditPhrases
