// SPDX-License-Identifier: MIT
#include "formhelpers.h"

#include "itemmodels/localformat.h"
#include "security/secret.h"
#include "tones.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFocusEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

#include <algorithm>

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

ErrorGate::ErrorGate(QObject *parent)
    : QObject(parent)
{}

void ErrorGate::watch(QWidget *field, const QString &key)
{
    m_fields.append({key, field});
    QList<QWidget *> controls = field->findChildren<QWidget *>();
    controls.prepend(field);
    for (QWidget *w : std::as_const(controls)) {
        if (!(w->focusPolicy() & Qt::TabFocus))
            continue;
        w->installEventFilter(this);
        if (auto *line = qobject_cast<QLineEdit *>(w))
            connect(line, &QLineEdit::editingFinished, this, [this, key] { left(key); });
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            connect(combo, &QComboBox::activated, this, [this, key] { left(key); });
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            connect(button, &QAbstractButton::clicked, this, [this, key] { left(key); });
    }
}

bool ErrorGate::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut) {
        // Not when a pop-up opens or another window takes the focus: the field is still in use.
        const Qt::FocusReason why = static_cast<QFocusEvent *>(event)->reason();
        if (why != Qt::PopupFocusReason && why != Qt::ActiveWindowFocusReason) {
            for (const auto &[key, field] : std::as_const(m_fields)) {
                if (watched != field && !field->isAncestorOf(qobject_cast<QWidget *>(watched)))
                    continue;
                QWidget *now = QApplication::focusWidget();
                if (!now || (now != field && !field->isAncestorOf(now))) // moved out of it
                    left(key);
                break;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

void ErrorGate::left(const QString &key)
{
    if (m_all || m_left.contains(key))
        return;
    m_left.insert(key);
    Q_EMIT revealed();
}

bool ErrorGate::shows(const QString &key) const
{
    return m_all || m_left.contains(key);
}

void ErrorGate::revealAll()
{
    if (m_all)
        return;
    m_all = true;
    Q_EMIT revealed();
}

void ErrorGate::focus(const QString &key) const
{
    const auto it = std::find_if(m_fields.cbegin(), m_fields.cend(),
                                 [&key](const auto &f) { return f.first == key; });
    if (it == m_fields.cend())
        return;
    QWidget *field = it->second;
    QList<QWidget *> controls = field->findChildren<QWidget *>();
    controls.prepend(field);
    for (QWidget *w : std::as_const(controls))
        if ((w->focusPolicy() & Qt::TabFocus) && w->isEnabled() &&
            w->isVisibleTo(field->window())) {
            w->setFocus(Qt::OtherFocusReason);
            return;
        }
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

QLineEdit *readOnlyField(QWidget *parent, const QString &objectName, const QString &label,
                         const QString &value)
{
    auto *edit = new QLineEdit(value, parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setAccessibleName(label);
    edit->setFocusPolicy(Qt::ClickFocus);
    return edit;
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

namespace {

/// Gives a header's spare width to one column (see stretchColumn()); lives as the header's child.
class ColumnStretcher : public QObject
{
public:
    ColumnStretcher(QHeaderView *header, int column, int width)
        : QObject(header)
        , m_header(header)
        , m_column(column)
        , m_width(width)
    {
        header->setStretchLastSection(false);
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        header->viewport()->installEventFilter(this);
        header->installEventFilter(this);
        connect(header, &QHeaderView::sectionResized, this, [this](int section, int, int size) {
            if (m_applying)
                return;
            if (section == m_column) // the person's own width is where it starts now
                m_width = size;
            fit();
        });
        connect(header, &QHeaderView::sectionCountChanged, this, &ColumnStretcher::fit);
        connect(header, &QHeaderView::geometriesChanged, this, &ColumnStretcher::fit);
        fit();
    }

    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
            fit();
        return false;
    }

    int width() const { return m_width; }

private:
    void fit()
    {
        if (m_applying || m_column >= m_header->count() || m_header->isSectionHidden(m_column))
            return;
        const int others = m_header->length() - m_header->sectionSize(m_column);
        // Before the view is laid out its viewport has no real width: the column's own width.
        const int room = m_header->isVisible() ? m_header->viewport()->width() - others : m_width;
        const int size = std::max(m_width, room);
        if (size == m_header->sectionSize(m_column))
            return;
        m_applying = true;
        m_header->resizeSection(m_column, size);
        m_applying = false;
    }

    QHeaderView *m_header;
    int m_column;
    int m_width;
    bool m_applying = false;
};

ColumnStretcher *stretcherOf(const QHeaderView *header)
{
    for (QObject *o : header->children())
        if (auto *s = dynamic_cast<ColumnStretcher *>(o))
            return s;
    return nullptr;
}

} // namespace

void stretchColumn(QHeaderView *header, int column, int width)
{
    delete stretcherOf(header); // one per header
    new ColumnStretcher(header, column, width);
}

int stretchColumnWidth(const QHeaderView *header)
{
    const ColumnStretcher *stretcher = stretcherOf(header);
    return stretcher ? stretcher->width() : 0;
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
