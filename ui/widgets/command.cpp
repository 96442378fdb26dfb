// SPDX-License-Identifier: MIT
#include "command.h"

#include "consolecontext.h"
#include "platform/messagebox.h"

namespace td {

Command::Command(ConsoleContext &context, QWidget *parent)
    : QObject(parent)
    , m_context(context)
    , m_parent(parent)
{}

void Command::start()
{
    if (!needsConfirmation()) {
        execute();
        return;
    }
    const Confirmation c = confirmation();
    const auto answer = MessageBox::takeNextAnswer(c.title, c.plainText());
    if (answer == QMessageBox::NoButton) {
        openDialog(c);
        return;
    }
    if (answer == QMessageBox::Yes || answer == QMessageBox::Ok)
        execute();
    else
        end();
}

void Command::openDialog(const Confirmation &c)
{
    m_dialog = new ConfirmDialog(c, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ConfirmDialog::confirmed, this, &Command::execute);
    connect(m_dialog, &QDialog::finished, this, &Command::end);
    m_dialog->open();
}

void Command::execute()
{
    if (m_running)
        return;
    m_running = true;
    if (m_dialog)
        m_dialog->setBusy(true);
    run().then(this, [this](const Result<void> &r) { finish(r); });
}

void Command::finish(const Result<void> &r)
{
    m_running = false;
    if (m_dialog)
        m_dialog->setBusy(false);
    if (!r) {
        if (takeInputError(r.error())) {
            if (m_dialog)
                m_dialog->reject(); // ends the command
            else
                end();
            return;
        }
        if (!m_dialog) // answered by the test seam, or nothing to ask: show it now
            openDialog(confirmation());
        m_dialog->showError(r.error().message);
        return;
    }
    m_done = true;
    Q_EMIT m_context.dataChanged();
    if (m_dialog)
        m_dialog->accept(); // ends the command
    else
        end();
}

void Command::end()
{
    if (m_ended)
        return;
    m_ended = true;
    if (m_done)
        Q_EMIT finished();
    else
        Q_EMIT canceled();
    deleteLater();
}

} // namespace td
