// SPDX-License-Identifier: MIT
#include "noticetexts.h"

#include "core/translationfiles.h"
#include "domain/records.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QTranslator>

namespace td {

namespace {
std::shared_ptr<const QTranslator> translatorFor(const QString &language)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<const QTranslator>> loaded;
    QMutexLocker lock(&mutex);
    if (auto it = loaded.constFind(language); it != loaded.constEnd())
        return *it;
    std::shared_ptr<QTranslator> t;
    for (const QString &dir : TranslationFiles::searchPaths()) {
        auto candidate = std::make_shared<QTranslator>();
        if (candidate->load(QStringLiteral("tokendesk_") + language, dir)) {
            t = std::move(candidate);
            break;
        }
    }
    loaded.insert(language, t);
    return t;
}
} // namespace

NoticeTexts::NoticeTexts(const QString &language)
    : m_language(Records::noticeLanguages().contains(language) ? language : QStringLiteral("en"))
    , m_translator(translatorFor(m_language))
{}

QString NoticeTexts::text(const char *source, int n) const
{
    QString out;
    if (m_translator)
        out = m_translator->translate("Notice", source, nullptr, n);
    if (out.isEmpty())
        out = QString::fromUtf8(source);
    if (n >= 0)
        out.replace(QLatin1String("%n"), QString::number(n));
    return out;
}

QString NoticeTexts::time(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

} // namespace td
