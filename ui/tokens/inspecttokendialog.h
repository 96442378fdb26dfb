// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QDialog>

class QFont;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace td {

class ConsoleContext;

/// "Inspecting a Token" (seed 002): every field of the token — Token Name, API Token (its
/// non-secret hint), Tenant Id, Description of Use with a ready curl line against the configured
/// server URL, Expiry Date, Associated User, Department and User Type, Scope, Created, Last
/// Used, Status. Where the seed shows the token string again, TokenDesk cannot: it keeps only a
/// hash, and the dialog says that a lost token is replaced, not recovered.
class InspectTokenDialog : public QDialog
{
    Q_OBJECT

public:
    InspectTokenDialog(ConsoleContext &context, const ApiToken &token, QWidget *parent = nullptr);

    /// The curl line shown under Description of Use.
    static QString curlExample(const QString &serverUrl);

private:
    QLabel *addValue(QFormLayout *form, const QString &name, const QString &label,
                     const QString &value);
    QWidget *descriptionOfUse(const QString &serverUrl, const QFont &mono);
    QLineEdit *m_curl = nullptr;
};

} // namespace td
