// SPDX-License-Identifier: MIT
#pragma once

class QAccessibleInterface;
class QObject;
class QString;

namespace td::Accessibility {

/// Installs the console's own accessible interfaces, after the QApplication exists (the last
/// factory installed is asked first, before Qt's). Idempotent.
///
/// A combo box is named by its label (its accessible name, else the QLabel whose buddy it is),
/// its current text is its value, and its pop-up list is named like it. Qt names a combo box
/// by its current text on Linux, so a screen reader said "Active, combo box" for the status
/// filter instead of "Status filter, combo box, Active".
void install();

/// The interface install() provides for object (nullptr when Qt's own is used); for the tests.
QAccessibleInterface *factory(const QString &className, QObject *object);

} // namespace td::Accessibility
