// SPDX-License-Identifier: MIT
#include "messagebox.h"

#include <QPushButton>

namespace td {

namespace {
QMessageBox::StandardButton g_next = QMessageBox::NoButton;
QString g_lastTitle;
QString g_lastText;
} // namespace

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    g_next = answer;
}

QString MessageBox::lastTitle()
{
    return g_lastTitle;
}

QString MessageBox::lastText()
{
    return g_lastText;
}

QMessageBox::StandardButton MessageBox::takeNextAnswer(const QString &title, const QString &text)
{
    g_lastTitle = title;
    g_lastText = text;
    const auto answer = g_next;
    g_next = QMessageBox::NoButton;
    return answer;
}

QMessageBox::StandardButton
MessageBox::show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
                 QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
                 const QString &informative,
                 const QHash<QMessageBox::StandardButton, QString> &labels)
{
    const auto answer = takeNextAnswer(
        title, informative.isEmpty() ? text : text + QLatin1Char('\n') + informative);
    if (answer != QMessageBox::NoButton)
        return answer;
    QMessageBox box(icon, title, text, buttons, parent);
    box.setObjectName(QStringLiteral("messageBox"));
    if (!informative.isEmpty())
        box.setInformativeText(informative);
    if (defaultButton != QMessageBox::NoButton)
        box.setDefaultButton(defaultButton);
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        if (QAbstractButton *b = box.button(it.key()))
            b->setText(it.value());
    return QMessageBox::StandardButton(box.exec());
}

QMessageBox::StandardButton
MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                     QMessageBox::StandardButtons buttons,
                     QMessageBox::StandardButton defaultButton, const QString &informative,
                     const QHash<QMessageBox::StandardButton, QString> &labels)
{
    return show(QMessageBox::Question, parent, title, text, buttons, defaultButton, informative,
                labels);
}

QMessageBox::StandardButton
MessageBox::warning(QWidget *parent, const QString &title, const QString &text,
                    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
                    const QString &informative,
                    const QHash<QMessageBox::StandardButton, QString> &labels)
{
    return show(QMessageBox::Warning, parent, title, text, buttons, defaultButton, informative,
                labels);
}

void MessageBox::critical(QWidget *parent, const QString &title, const QString &text,
                          const QString &informative)
{
    show(QMessageBox::Critical, parent, title, text, QMessageBox::Ok, QMessageBox::Ok, informative,
         {});
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text,
                             const QString &informative)
{
    show(QMessageBox::Information, parent, title, text, QMessageBox::Ok, QMessageBox::Ok,
         informative, {});
}

} // namespace td
