// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace td {

class ConsoleContext;

/// "Console Sign-ins of “alice”": the consoles signed in to a server as that user (a console
/// credential each: where and when it signed in, last used, when it ends), newest first, and
/// End Sign-in for the selected one — that console returns to its sign-in at its next request.
/// For the person themself and for those who manage the user (the server decides).
class ConsoleSignInsDialog : public QDialog
{
    Q_OBJECT

public:
    ConsoleSignInsDialog(ConsoleContext &context, const User &user, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

public Q_SLOTS:
    void reload();
    void endSelected();

private:
    void showSignIns(const Result<QList<ConsoleSignIn>> &signIns);
    void updateButtons();

    ConsoleContext &m_context;
    User m_user;
    QList<ConsoleSignIn> m_signIns;
    QTableWidget *m_table = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_end = nullptr;
};

} // namespace td
