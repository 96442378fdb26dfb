// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

#include <memory>

class QTranslator;

namespace td {

/// The texts of e-mail notices in one language, looked up in tokendesk_<lang>.qm (context
/// "Notice") without installing a translator: tokendesk-server writes to users of several
/// languages from one process. English is the source language; its plural forms come from
/// tokendesk_en.qm like the console's. Untranslated text falls back to the English source.
class NoticeTexts
{
public:
    /// `language`: "en" or "de" (Records::noticeLanguages()); anything else reads as "en".
    explicit NoticeTexts(const QString &language);

    QString language() const { return m_language; }
    /// `source`: a QT_TRANSLATE_NOOP("Notice", …) text; `n` >= 0 for a plural ("%n day(s)").
    QString text(const char *source, int n = -1) const;
    /// A time as notices write it: "2026-12-11 09:00 UTC".
    static QString time(const QDateTime &at);

private:
    QString m_language;
    std::shared_ptr<const QTranslator> m_translator;
};

} // namespace td
