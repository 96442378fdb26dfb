// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>

namespace td {

/// Makes the resources of the ui library (icons) available; call once before showing widgets.
void initUiResources();

/// A toolbar/navigation icon from resources/icons/<name>.svg, drawn in the palette's text
/// colour for its mode (so it follows light and dark palettes and shows disabled actions
/// greyed) and rendered at the screen's pixel ratio (sharp at 2×).
QIcon themedIcon(const QString &name);
/// The application icon (fixed colours).
QIcon applicationIcon();

} // namespace td
