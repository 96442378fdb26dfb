// SPDX-License-Identifier: MIT
#include "csv.h"

namespace td::Csv {

bool looksLikeFormula(QStringView value)
{
    return !value.isEmpty() && QStringView(u"=+-@\t\r").contains(value.front());
}

void appendField(QString &line, const QString &value)
{
    const bool formula = looksLikeFormula(value);
    bool quote = false;
    for (QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char(',') || c == QLatin1Char('\n') ||
            c == QLatin1Char('\r')) {
            quote = true;
            break;
        }
    }
    if (!quote) {
        if (formula)
            line += QLatin1Char('\'');
        line += value;
        return;
    }
    line += QLatin1Char('"');
    if (formula)
        line += QLatin1Char('\'');
    for (QChar c : value) {
        if (c == QLatin1Char('"'))
            line += QLatin1Char('"');
        line += c;
    }
    line += QLatin1Char('"');
}

QString record(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += QLatin1Char(',');
        appendField(line, fields[i]);
    }
    return line;
}

} // namespace td::Csv
