// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

class QLabel;
class QWidget;

namespace td {

/// The few colours the console adds to the palette (status badges, inline errors, warnings,
/// hint boxes), each in a light and a dark variant chosen by the palette's window colour, so a
/// dark system palette keeps readable text (contrast at least 4.5:1 against the fill and the
/// window). The meaning is always in the text too; colour only helps to scan.
enum class Tone { Good, Warning, Neutral, Bad, Info };

struct ToneColors
{
    QColor text;
    QColor fill;
    QColor border;
};

/// True when the palette's window is dark (light text on a dark background).
bool isDarkPalette(const QPalette &palette);
ToneColors toneColors(Tone tone, const QPalette &palette);
/// Colours a label's text (palette, not a style sheet); Tone::Info: the palette's own text.
void setTextTone(QLabel *label, Tone tone);
/// A tinted, bordered box around a label (hint boxes, banners) for that tone.
void setBoxTone(QLabel *label, Tone tone);

} // namespace td
