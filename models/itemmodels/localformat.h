// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QLocale>

/// Dates and times as the user's locale writes them: the default QLocale's short
/// formats (set from the system or --lang at start-up), always with a four-digit year.
namespace td::LocalFormat {

inline QString fullYear(QString format)
{
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

/// The locale's short date format with a four-digit year ("dd.MM.yyyy", "M/d/yyyy", ...).
inline QString dateFormat()
{
    return fullYear(QLocale().dateFormat(QLocale::ShortFormat));
}

/// The locale's short time format, with seconds when asked ("HH:mm:ss", "h:mm:ss AP", ...).
inline QString timeFormat(bool seconds = false)
{
    QString f = QLocale().timeFormat(QLocale::ShortFormat);
    if (seconds && !f.contains(QLatin1String("ss")))
        f.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    else if (!seconds) // the C locale's short format has them
        f.remove(QLatin1String(":ss"));
    return f;
}

inline QString date(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime().date(), dateFormat()) : QString();
}

inline QString time(const QDateTime &t, bool seconds = false)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime().time(), timeFormat(seconds))
                       : QString();
}

inline QString dateTime(const QDateTime &t, bool seconds = false)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(),
                                            dateFormat() + QLatin1Char(' ') + timeFormat(seconds))
                       : QString();
}

} // namespace td::LocalFormat
