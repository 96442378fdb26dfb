// SPDX-License-Identifier: MIT
#include "confirmdialog.h"

#include "dialogfit.h"
#include "tones.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace td {

namespace {
constexpr int ListedNames = 8;

QLabel *wrappedLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

QString affectedList(const QStringList &names)
{
    QStringList lines;
    const int n = int(names.size());
    for (int i = 0; i < std::min(n, ListedNames); ++i)
        lines << QStringLiteral("• %1").arg(names[i].toHtmlEscaped());
    if (n > ListedNames)
        lines << ConfirmDialog::tr("… and %n more", nullptr, n - ListedNames);
    return lines.join(QLatin1String("<br>"));
}
} // namespace

QString Confirmation::plainText() const
{
    QStringList parts{question};
    parts += affected;
    parts << consequences;
    parts.removeAll(QString());
    return parts.join(QLatin1Char('\n'));
}

ConfirmDialog::ConfirmDialog(const Confirmation &c, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(c.objectName);
    setWindowTitle(c.title);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSide = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()
                        ->standardIcon(QStyle::SP_MessageBoxWarning)
                        .pixmap(QSize(iconSide, iconSide), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *texts = new QVBoxLayout;
    top->addLayout(texts, 1);
    layout->addLayout(top);

    auto *question = wrappedLabel(QStringLiteral("<b>%1</b>").arg(c.question.toHtmlEscaped()),
                                  QStringLiteral("questionLabel"), this);
    question->setTextFormat(Qt::RichText);
    texts->addWidget(question);
    if (!c.affected.isEmpty()) {
        auto *list = wrappedLabel(affectedList(c.affected), QStringLiteral("affectedList"), this);
        list->setTextFormat(Qt::RichText);
        texts->addWidget(list);
    }
    texts->addWidget(wrappedLabel(c.consequences, QStringLiteral("consequencesLabel"), this));

    m_error = wrappedLabel({}, QStringLiteral("errorLabel"), this);
    setTextTone(m_error, Tone::Bad);
    m_error->hide();
    texts->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(c.confirmText, QDialogButtonBox::DestructiveRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true); // a stray Enter must not destroy anything
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmDialog::confirmed);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    fitToContents(this);
}

void ConfirmDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_confirm->setAccessibleDescription(message);
    fitToContents(this);
}

void ConfirmDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_confirm->setEnabled(!busy);
    m_cancel->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void ConfirmDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

QString ConfirmDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

} // namespace td
