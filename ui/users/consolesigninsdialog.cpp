// SPDX-License-Identifier: MIT
#include "consolesigninsdialog.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace td {

ConsoleSignInsDialog::ConsoleSignInsDialog(ConsoleContext &context, const User &user,
                                           QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_user(user)
{
    setObjectName(QStringLiteral("consoleSignInsDialog"));
    setWindowTitle(tr("Console Sign-ins of “%1”").arg(user.username));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(Form::hintLabel(
        tr("Each console signed in to a TokenDesk server as %1. Ending a sign-in makes that "
           "console ask for the password again at its next request; the password itself does "
           "not change.")
            .arg(user.username),
        this));
    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("signInsTable"));
    m_table->setAccessibleName(tr("Console sign-ins"));
    m_table->setHorizontalHeaderLabels(
        {tr("Signed In"), tr("From"), tr("Last Used"), tr("Ends"), tr("Credential"), tr("Status")});
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    m_message = Form::errorLabel(this, QStringLiteral("messageLabel"));
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_end = buttons->addButton(tr("&End Sign-in"), QDialogButtonBox::ActionRole);
    m_end->setObjectName(QStringLiteral("endSignInButton"));
    m_end->setAutoDefault(false); // Enter never ends a sign-in
    connect(m_end, &QPushButton::clicked, this, &ConsoleSignInsDialog::endSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &ConsoleSignInsDialog::updateButtons);

    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 22);
    LayoutMemory::rememberSize(this, QStringLiteral("consoleSignInsDialog"));
    reload();
}

void ConsoleSignInsDialog::reload()
{
    m_context.backend().consoleSignIns(m_user.id).then(
        this, [this](const Result<QList<ConsoleSignIn>> &signIns) { showSignIns(signIns); });
}

void ConsoleSignInsDialog::showSignIns(const Result<QList<ConsoleSignIn>> &signIns)
{
    m_table->setRowCount(0);
    if (!signIns) {
        Form::showError(m_message, signIns.error().message);
        m_signIns.clear();
        updateButtons();
        return;
    }
    m_signIns = signIns.value();
    const qint64 now = Clock::nowMs();
    m_table->setRowCount(int(m_signIns.size()));
    for (int i = 0; i < m_signIns.size(); ++i) {
        const ConsoleSignIn &s = m_signIns.at(i);
        const QString status =
            s.revokedAt.isValid()
                ? tr("Ended %1 by %2").arg(Form::dateTime(s.revokedAt), s.revokedBy)
            : !s.activeAt(now)                               ? tr("Expired")
            : s.hint == m_context.backend().credentialHint() ? tr("Active (this console)")
                                                             : tr("Active");
        const QDateTime ends = std::min(s.expiresAt, s.maxExpiresAt);
        const QStringList cells = {Form::dateTime(s.createdAt),
                                   s.createdFrom,
                                   s.lastUsedAt.isValid() ? Form::dateTime(s.lastUsedAt)
                                                          : tr("never"),
                                   Form::dateTime(ends),
                                   s.hint,
                                   status};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells.at(c)));
    }
    Form::showError(m_message, m_signIns.isEmpty()
                                   ? tr("%1 has no console sign-ins.").arg(m_user.username)
                                   : QString());
    Form::fitColumnTitles(m_table->horizontalHeader());
    updateButtons();
}

void ConsoleSignInsDialog::updateButtons()
{
    const int row = m_table->currentRow();
    const bool active = m_table->selectionModel()->hasSelection() && row >= 0 &&
                        row < m_signIns.size() && m_signIns.at(row).activeAt(Clock::nowMs());
    m_end->setEnabled(active);
    m_end->setToolTip(active ? QString() : tr("Select an active sign-in first."));
}

void ConsoleSignInsDialog::endSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_signIns.size() || !m_end->isEnabled())
        return;
    m_end->setEnabled(false);
    m_context.backend()
        .endConsoleSignIn(m_signIns.at(row).id)
        .then(this, [this](const Result<void> &r) {
            if (!r) {
                Form::showError(m_message, r.error().message);
                updateButtons();
                return;
            }
            reload();
        });
}

} // namespace td
