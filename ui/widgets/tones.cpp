// SPDX-License-Identifier: MIT
#include "tones.h"

#include <QLabel>

namespace td {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

ToneColors toneColors(Tone tone, const QPalette &palette)
{
    if (isDarkPalette(palette)) {
        switch (tone) {
        case Tone::Good:
            return {QColor(0xa5, 0xd6, 0xa7), QColor(0x1b, 0x3a, 0x1f), QColor(0x4c, 0x9a, 0x52)};
        case Tone::Warning:
            return {QColor(0xff, 0xd5, 0x80), QColor(0x3d, 0x2e, 0x05), QColor(0xb8, 0x8a, 0x1a)};
        case Tone::Neutral:
            return {QColor(0xd4, 0xd4, 0xd4), QColor(0x3c, 0x3c, 0x3c), QColor(0x8a, 0x8a, 0x8a)};
        case Tone::Bad:
            return {QColor(0xff, 0xa0, 0xa0), QColor(0x4a, 0x1c, 0x1c), QColor(0xd0, 0x5a, 0x5a)};
        case Tone::Info:
            return {palette.color(QPalette::WindowText), QColor(0x1f, 0x2f, 0x40),
                    QColor(0x45, 0x6a, 0x90)};
        }
    } else {
        switch (tone) {
        case Tone::Good:
            return {QColor(0x1b, 0x5e, 0x20), QColor(0xe3, 0xf4, 0xe4), QColor(0x81, 0xc7, 0x84)};
        case Tone::Warning:
            return {QColor(0x7a, 0x4a, 0x00), QColor(0xff, 0xf1, 0xcc), QColor(0xf0, 0xb4, 0x29)};
        case Tone::Neutral:
            return {QColor(0x42, 0x42, 0x42), QColor(0xee, 0xee, 0xee), QColor(0xa8, 0xa8, 0xa8)};
        case Tone::Bad:
            return {QColor(0xa3, 0x14, 0x14), QColor(0xfd, 0xe7, 0xe7), QColor(0xe5, 0x73, 0x73)};
        case Tone::Info:
            return {palette.color(QPalette::WindowText), QColor(0xee, 0xf4, 0xfb),
                    QColor(0xb9, 0xd0, 0xea)};
        }
    }
    return {palette.color(QPalette::WindowText), palette.color(QPalette::Window),
            palette.color(QPalette::Mid)};
}

void setTextTone(QLabel *label, Tone tone)
{
    const QPalette base = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, toneColors(tone, base).text);
    label->setPalette(p);
}

void setBoxTone(QLabel *label, Tone tone)
{
    const QPalette base = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    const ToneColors c = toneColors(tone, base);
    label->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid %3; "
                                        "border-radius: 4px; padding: 4px; }")
                             .arg(c.text.name(), c.fill.name(), c.border.name()));
}

} // namespace td
