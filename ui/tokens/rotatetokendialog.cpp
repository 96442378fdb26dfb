// SPDX-License-Identifier: MIT
#include "rotatetokendialog.h"

#include "consolecontext.h"
#include "domain/tokens/tokenservice.h"
#include "itemmodels/localformat.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"
#include "widgets/tones.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

QString RotateTokenDialog::overlapText(qint64 seconds)
{
    switch (seconds) {
    case 0:
        return tr("None: it stops at once");
    case 3600:
        return tr("1 hour");
    case 24 * 3600:
        return tr("1 day");
    case 7 * 24 * 3600:
        return tr("7 days");
    }
    return tr("%n second(s)", nullptr, int(seconds));
}

RotateTokenDialog::RotateTokenDialog(ConsoleContext &context, const ApiToken &token,
                                     QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_token(token)
{
    setObjectName(QStringLiteral("rotateTokenDialog"));
    setWindowTitle(tr("Rotate Secret"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("A new secret replaces the secret of this token. Its name, scope, user, department, "
           "description and expiry stay as they are. The new secret is shown only once."),
        this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto readOnly = [&](const QString &name, const QString &label, const QString &value) {
        QLineEdit *edit = Form::readOnlyField(this, name, label, value);
        form->addRow(label + QLatin1Char(':'), edit);
        return edit;
    };
    readOnly(QStringLiteral("nameField"), tr("Token Name"), token.name);
    readOnly(QStringLiteral("hintField"), tr("Token"), token.hint)
        ->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    readOnly(QStringLiteral("userField"), tr("Associated User"), token.username);
    readOnly(QStringLiteral("expiresField"), tr("Expires"), LocalFormat::dateTime(token.expiresAt));
    m_overlap = new QComboBox(this);
    m_overlap->setObjectName(QStringLiteral("overlapCombo"));
    for (qint64 seconds : TokenService::rotationOverlaps())
        m_overlap->addItem(overlapText(seconds), seconds);
    m_overlap->setCurrentIndex(m_overlap->findData(TokenService::DefaultRotationOverlap));
    auto *overlapLabel = new QLabel(tr("Old secret keeps &working:"), this);
    overlapLabel->setBuddy(m_overlap);
    m_overlap->setAccessibleName(tr("Old secret keeps working"));
    form->addRow(overlapLabel, m_overlap);
    layout->addLayout(form);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("overlapNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    setTextTone(m_error, Tone::Bad);
    m_error->hide();
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_rotate = buttons->addButton(tr("&Rotate"), QDialogButtonBox::AcceptRole);
    m_rotate->setObjectName(QStringLiteral("rotateButton"));
    m_rotate->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_rotate, &QPushButton::clicked, this, &RotateTokenDialog::rotate);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_overlap, &QComboBox::currentIndexChanged, this, &RotateTokenDialog::updateNote);
    updateNote();
    m_overlap->setFocus();
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    fitToContents(this);
}

qint64 RotateTokenDialog::overlapSeconds() const
{
    return m_overlap->currentData().toLongLong();
}

void RotateTokenDialog::setOverlapSeconds(qint64 seconds)
{
    const int i = m_overlap->findData(seconds);
    if (i >= 0)
        m_overlap->setCurrentIndex(i);
}

void RotateTokenDialog::updateNote()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 seconds = overlapSeconds();
    QStringList lines;
    if (seconds == 0) {
        lines << tr("Clients that still send the old secret (%1) are refused from the moment you "
                    "rotate.")
                     .arg(m_token.hint);
    } else {
        const QDateTime stops = std::min(now.addSecs(seconds), m_token.expiresAt);
        lines << tr("The old secret (%1) keeps working until about %2, then stops. While it "
                    "works, /api/v1/me answers it with the header TokenDesk-Token-Rotated.")
                     .arg(m_token.hint, LocalFormat::dateTime(stops));
    }
    // Only one old secret works at a time: one still in its overlap stops now.
    if (m_token.previousUntil.isValid() && m_token.previousUntil > now &&
        !m_token.previousHint.isEmpty())
        lines << tr("The secret replaced earlier (%1), which would have worked until %2, stops "
                    "now.")
                     .arg(m_token.previousHint, LocalFormat::dateTime(m_token.previousUntil));
    m_note->setText(lines.join(QLatin1Char('\n')));
}

void RotateTokenDialog::rotate()
{
    if (m_rotating)
        return;
    m_rotating = true;
    m_rotate->setEnabled(false);
    m_overlap->setEnabled(false);
    setCursor(Qt::BusyCursor);
    m_context.backend()
        .rotateToken(m_token.id, overlapSeconds())
        .then(this, [this](Result<CreatedToken> r) {
            m_rotating = false;
            unsetCursor();
            if (!r) {
                m_rotate->setEnabled(true);
                m_overlap->setEnabled(true);
                m_error->setText(r.error().message);
                m_error->show();
                fitToContents(this);
                return;
            }
            m_rotated = std::move(r.value());
            Q_EMIT m_context.dataChanged();
            accept();
        });
}

CreatedToken RotateTokenDialog::takeRotated()
{
    CreatedToken out = std::move(m_rotated);
    m_rotated = CreatedToken();
    return out;
}

} // namespace td
