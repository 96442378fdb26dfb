// SPDX-License-Identifier: MIT
#pragma once

#include "confirmdialog.h"

#include "client/pending.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>

namespace td {

class ConsoleContext;

/// One destructive action (Kleopatra's Command). start() asks its confirmation (window-modal,
/// not blocking; the MessageBox test seam answers it when a test set an answer), runs the change
/// through the Backend (the confirmation's buttons disabled until the answer comes), tells the
/// console that data changed and deletes itself: finished() after a change, canceled() otherwise. A
/// failure is always reported the same way: the error inline in the confirmation, which stays open
/// so the user can retry or cancel (a command that needed no confirmation opens it to report the
/// failure).
class Command : public QObject
{
    Q_OBJECT

public:
    Command(ConsoleContext &context, QWidget *parent);
    void start();
    /// The confirmation while it is open (for tests and for parents that close it).
    ConfirmDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    void finished();
    void canceled();

protected:
    /// What to ask (and where a failure is shown).
    virtual Confirmation confirmation() const = 0;
    /// False when nothing is lost, so the command runs without asking.
    virtual bool needsConfirmation() const { return true; }
    /// Starts the change through the Backend.
    virtual Pending<void> run() = 0;
    /// An error the command's owner presents itself (a wrong value in its form); true when
    /// taken, and the command then ends as canceled.
    virtual bool takeInputError(const Error &) { return false; }

    /// The outcome of a Backend call whose value the command does not need.
    template<typename T> Pending<void> outcome(const Pending<T> &p) { return outcomeOf(p, this); }

    ConsoleContext &m_context;
    QWidget *parentWidget() const { return m_parent; }

private:
    void openDialog(const Confirmation &c);
    void execute();
    void finish(const Result<void> &r);
    void end();

    QWidget *m_parent;
    QPointer<ConfirmDialog> m_dialog;
    bool m_done = false;
    bool m_running = false;
    bool m_ended = false;
};

} // namespace td
