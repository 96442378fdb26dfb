// SPDX-License-Identifier: MIT
#include "formhelpers.h"

#include "tones.h"
#include <QCoreApplication>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QTimer>

namespace td::Form {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Form", text, nullptr, n);
}
} // namespace

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

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    setProblem(l, false);
    return l;
}

QString dateTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QString date(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toLocalTime().date(), QLocale::ShortFormat);
}

QString relative(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return {};
    const qint64 secs = now.secsTo(t);
    const qint64 a = qAbs(secs);
    const bool future = secs > 0;
    if (a < 60)
        return future ? tr("in less than a minute") : tr("just now");
    if (a < 3600) {
        const int m = int(a / 60);
        return future ? tr("in %n minute(s)", m) : tr("%n minute(s) ago", m);
    }
    if (a < 86400) {
        const int h = int(a / 3600);
        return future ? tr("in %n hour(s)", h) : tr("%n hour(s) ago", h);
    }
    const int d = int(a / 86400);
    return future ? tr("in %n day(s)", d) : tr("%n day(s) ago", d);
}

} // namespace td::Form
