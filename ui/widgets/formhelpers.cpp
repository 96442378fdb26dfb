// SPDX-License-Identifier: MIT
#include "formhelpers.h"

#include "itemmodels/localformat.h"
#include "security/secret.h"
#include "tones.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

namespace td::Form {

QLabel *errorLabel(QWidget *parent, const QString &objectName)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    setProblem(l, true);
    l->hide();
    return l;
}

void showError(QLabel *label, const QString &text)
{
    label->setTextFormat(Qt::PlainText); // text from a store or a server is never markup
    label->setText(text);
    label->setVisible(!text.isEmpty());
    label->setAccessibleDescription(text);
    if (!text.isEmpty())
        fitHeight(label->window());
}

void fitHeight(QWidget *window)
{
    if (!window || !window->isWindow())
        return;
    QTimer::singleShot(0, window, [window] {
        QLayout *l = window->layout();
        if (!l)
            return;
        l->activate();
        const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(window->width())
                                                  : l->totalSizeHint().height();
        if (needed > window->height())
            window->resize(window->width(), needed);
    });
}

void setProblem(QLabel *label, bool problem)
{
    QPalette p = label->palette();
    const QPalette base = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    p.setColor(QPalette::WindowText,
               problem ? toneColors(Tone::Bad, base).text : base.color(QPalette::PlaceholderText));
    label->setPalette(p);
}

void showMessage(QLabel *label, const QString &text, bool problem)
{
    setProblem(label, problem);
    showError(label, text);
}

QLabel *valueLabel(QWidget *parent, const QString &objectName, const QString &fieldName)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText); // text from a store or a server is never markup
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setAccessibleName(fieldName);
    return l;
}

void setValue(QLabel *value, const QString &text)
{
    value->setText(text);
    value->setAccessibleDescription(text);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    setProblem(l, false);
    return l;
}

void fitColumnTitles(QHeaderView *header)
{
    for (int i = 0; i < header->count(); ++i)
        if (header->sectionSize(i) < header->sectionSizeHint(i))
            header->resizeSection(i, header->sectionSizeHint(i));
}

QString dateTime(const QDateTime &t)
{
    return LocalFormat::dateTime(t);
}

QString date(const QDateTime &t)
{
    return LocalFormat::date(t);
}

QString relative(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return {};
    const qint64 secs = now.secsTo(t);
    const qint64 a = qAbs(secs);
    const bool future = secs > 0;
    if (a < 60)
        return future ? QCoreApplication::translate("Form", "in less than a minute")
                      : QCoreApplication::translate("Form", "just now");
    // Rounded to the nearest unit, so that "in 90 days" set a moment ago still reads 90.
    const auto rounded = [a](qint64 unit) {
        return int((a + unit / 2) / unit);
    };
    if (const int m = rounded(60); m < 60)
        return future ? QCoreApplication::translate("Form", "in %n minute(s)", nullptr, m)
                      : QCoreApplication::translate("Form", "%n minute(s) ago", nullptr, m);
    if (const int h = rounded(3600); h < 24)
        return future ? QCoreApplication::translate("Form", "in %n hour(s)", nullptr, h)
                      : QCoreApplication::translate("Form", "%n hour(s) ago", nullptr, h);
    const int d = rounded(86400);
    return future ? QCoreApplication::translate("Form", "in %n day(s)", nullptr, d)
                  : QCoreApplication::translate("Form", "%n day(s) ago", nullptr, d);
}

void wipeField(QLineEdit *field)
{
    QString text = field->text();
    field->clear();
    secureWipe(text);
}

} // namespace td::Form
