// SPDX-License-Identifier: MIT
#include "tokencreateddialog.h"

#include "platform/messagebox.h"
#include "platform/secretclipboard.h"
#include "widgets/dialogfit.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

TokenCreatedDialog::TokenCreatedDialog(CreatedToken token, const QString &title,
                                       const QString &note, QWidget *parent)
    : QDialog(parent)
    , m_token(std::move(token))
{
    setObjectName(QStringLiteral("tokenCreatedDialog"));
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);

    auto *heading = new QLabel(title, this);
    QFont bold = heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    heading->setFont(bold);
    layout->addWidget(heading);

    if (!note.isEmpty()) {
        auto *noteLabel = new QLabel(note, this);
        noteLabel->setObjectName(QStringLiteral("noteLabel"));
        noteLabel->setWordWrap(true);
        layout->addWidget(noteLabel);
    }

    auto *row = new QHBoxLayout;
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("tokenField"));
    m_field->setReadOnly(true);
    m_field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_field->setText(m_token.secret.toQString());
    m_field->setAccessibleName(tr("New API token"));
    m_field->setAccessibleDescription(
        tr("Shown only this once. Copy it with the Copy button and keep it safe."));
    m_field->setMinimumWidth(m_field->fontMetrics().horizontalAdvance(m_field->text()) + 24);
    // Copy goes through the secret clipboard: no context menu, no drag, the copy keys caught.
    m_field->setContextMenuPolicy(Qt::NoContextMenu);
    m_field->setDragEnabled(false);
    m_field->installEventFilter(this);
    connect(QGuiApplication::clipboard(), &QClipboard::selectionChanged, this,
            &TokenCreatedDialog::dropPrimarySelection);
    row->addWidget(m_field, 1);
    m_copyButton = new QPushButton(tr("Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setDefault(true);
    connect(m_copyButton, &QPushButton::clicked, this, &TokenCreatedDialog::copyToken);
    row->addWidget(m_copyButton);
    layout->addLayout(row);

    auto *caution =
        new QLabel(tr("<b>Caution:</b> Make sure that you copy and store the displayed access "
                      "token as you will not be able to view this token again."),
                   this);
    caution->setObjectName(QStringLiteral("cautionLabel"));
    m_caution = caution;
    caution->setWordWrap(true);
    layout->addWidget(caution);

    m_clipboardNote = new QLabel(this);
    m_clipboardNote->setObjectName(QStringLiteral("clipboardNote"));
    m_clipboardNote->setWordWrap(true);
    m_clipboardNote->hide();
    layout->addWidget(m_clipboardNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_copyButton->setFocus();
    fitToContents(this);
}

void TokenCreatedDialog::setSecretWording(const QString &fieldName, const QString &caution)
{
    m_field->setAccessibleName(fieldName);
    m_caution->setText(caution);
}

TokenCreatedDialog::~TokenCreatedDialog()
{
    wipe();
}

void TokenCreatedDialog::copyToken()
{
    if (m_token.secret.isEmpty())
        return;
    SecretClipboard::instance().copy(m_token.secret.bytes());
    m_copied = true;
    m_copyButton->setText(tr("Copied"));
    m_clipboardNote->setText(
        tr("The clipboard is cleared in %n second(s) and when TokenDesk quits.", nullptr,
           SecretClipboard::instance().timeoutSeconds()));
    m_clipboardNote->show();
    fitToContents(this);
}

bool TokenCreatedDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::Cut)) {
            copyToken();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void TokenCreatedDialog::dropPrimarySelection()
{
    // X11 puts whatever is selected into the primary selection (middle-click paste), without
    // the password-manager hint and without a timeout. Take back a selection of this field.
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (m_field && m_field->hasSelectedText() && clipboard->ownsSelection())
        clipboard->clear(QClipboard::Selection);
}

void TokenCreatedDialog::done(int result)
{
    if (!m_copied && !m_token.secret.isEmpty()) {
        const auto answer =
            MessageBox::question(this, tr("Close without copying?"),
                                 tr("You have not copied the token. It cannot be shown again: if "
                                    "you close now, the token must "
                                    "be revoked and replaced to get a new one."),
                                 QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel, {},
                                 {{QMessageBox::Close, tr("Close Anyway")}});
        if (answer != QMessageBox::Close)
            return;
    }
    wipe();
    QDialog::done(result);
}

void TokenCreatedDialog::wipe()
{
    if (m_field) {
        QString shown = m_field->text();
        m_field->clear();
        secureWipe(shown);
    }
    m_token.secret.wipe();
}

} // namespace td
