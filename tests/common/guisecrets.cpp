// SPDX-License-Identifier: MIT
// Linked into every GUI test (td_add_test with tokendesk_ui): notes for the leak scan
// (noteSecret) every text a test types or sets into a secret field, and every token a window
// shows (the "Token created" dialog), so the scan looks for them as for any other secret.
// A secret field is a line edit that hides its text (any echo mode but Normal) or whose object
// name says password, access code or secret. A text is noted when it is complete: when the next
// change does not extend it, or the field is hidden or destroyed.
#include "testsupport.h"

#include <QApplication>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QTextEdit>

namespace td::test {
namespace {

bool isSecretField(const QLineEdit *edit)
{
    static const QRegularExpression name(QStringLiteral("password|accesscode|secret"),
                                         QRegularExpression::CaseInsensitiveOption);
    return edit->echoMode() != QLineEdit::Normal || name.match(edit->objectName()).hasMatch();
}

class GuiSecrets : public QObject
{
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (auto *edit = qobject_cast<QLineEdit *>(watched)) {
            if (!m_pending.contains(edit))
                watch(edit);
            if (event->type() == QEvent::Hide)
                flush(edit);
        }
        if ((event->type() == QEvent::Show || event->type() == QEvent::Hide) &&
            watched->isWidgetType() && static_cast<QWidget *>(watched)->isWindow())
            noteTokensShownIn(static_cast<QWidget *>(watched));
        return false;
    }

private:
    void watch(QLineEdit *edit)
    {
        m_pending.insert(edit, {edit->text(), false});
        QObject::connect(edit, &QLineEdit::textChanged, this, [this, edit](const QString &text) {
            Pending &p = m_pending[edit];
            noteTokensIn(text.toUtf8());
            if (!text.startsWith(p.text))
                noteIfSecret(p);
            p.text = text;
            p.secret = p.secret || isSecretField(edit);
        });
        QObject::connect(edit, &QObject::destroyed, this, [this, edit] {
            noteIfSecret(m_pending[edit]);
            m_pending.remove(edit);
        });
    }
    void flush(QLineEdit *edit)
    {
        Pending &p = m_pending[edit];
        p.secret = p.secret || isSecretField(edit);
        noteIfSecret(p);
    }
    struct Pending
    {
        QString text;
        bool secret = false;
    };
    static void noteIfSecret(const Pending &p)
    {
        if (p.secret && !p.text.isEmpty())
            noteSecret(p.text.toUtf8());
    }
    static void noteTokensShownIn(QWidget *w)
    {
        const auto texts = [](QWidget *x) {
            QStringList out;
            for (auto *l : x->findChildren<QLabel *>())
                out << l->text();
            for (auto *e : x->findChildren<QLineEdit *>())
                out << e->text();
            for (auto *e : x->findChildren<QPlainTextEdit *>())
                out << e->toPlainText();
            for (auto *e : x->findChildren<QTextEdit *>())
                out << e->toPlainText();
            return out;
        };
        for (const QString &t : texts(w))
            noteTokensIn(t.toUtf8());
    }

    QHash<QLineEdit *, Pending> m_pending;
};

void install()
{
    if (qobject_cast<QApplication *>(QCoreApplication::instance()))
        QCoreApplication::instance()->installEventFilter(new GuiSecrets(qApp));
}

} // namespace
} // namespace td::test

static void installGuiSecrets()
{
    td::test::install();
}
Q_COREAPP_STARTUP_FUNCTION(installGuiSecrets)
