// SPDX-License-Identifier: MIT
// The look: the main window and the Create dialog under a dark palette (Fusion) and at
// QT_SCALE_FACTOR=2 (the same program, run twice by ctest; TD_LOOK says which). It saves
// <build>/screenshots/dark_mainwindow.png, dark_create_token.png (or scale2_…) to look at, and
// checks what can be measured: the colours the console adds (status badges, inline errors,
// warnings, hint boxes) keep a contrast of at least 4.5:1 on the palette in use; no label or
// button is narrower or lower than its text needs; at 2× the pictures have twice the pixels.
#include "consolecontext.h"
#include "demogenerator.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/messagebox.h"
#include "store/appinfo.h"
#include "testsupport.h"
#include "tokens/createtokendialog.h"
#include "tokens/tokenspage.h"
#include "widgets/statusbadgedelegate.h"
#include "widgets/tones.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyleFactory>
#include <QTest>
#include <cmath>

using namespace td;
using namespace td::test;

namespace {

double luminance(const QColor &c)
{
    auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

/// WCAG 2 contrast ratio, 1 … 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3e));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x44));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x33));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

bool scaled()
{
    return qEnvironmentVariable("TD_LOOK") == QLatin1String("scale2");
}

/// Labels and buttons that are smaller than their text needs (cut off).
QStringList clipped(QWidget *window)
{
    QStringList out;
    auto describe = [](QWidget *w) {
        return QStringLiteral("%1 '%2' (%3)")
            .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                 w->property("text").toString().left(40));
    };
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible() || w->window() != window)
            continue;
        if (auto *l = qobject_cast<QLabel *>(w)) {
            if (l->text().isEmpty() || !l->pixmap().isNull())
                continue;
            const QSize need =
                l->wordWrap() ? QSize(0, l->heightForWidth(l->width())) : l->minimumSizeHint();
            if (l->width() < need.width() || l->height() < need.height())
                out << describe(l) + QStringLiteral(" is %1×%2, needs %3×%4")
                                         .arg(l->width())
                                         .arg(l->height())
                                         .arg(need.width())
                                         .arg(need.height());
        } else if (auto *b = qobject_cast<QAbstractButton *>(w)) {
            const QSize need = b->minimumSizeHint();
            if (b->width() < need.width() || b->height() < need.height())
                out << describe(b) + QStringLiteral(" is %1×%2, needs %3×%4")
                                         .arg(b->width())
                                         .arg(b->height())
                                         .arg(need.width())
                                         .arg(need.height());
        }
    }
    return out;
}

} // namespace

class TestLook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void clippingIsNoticed();
    void colorsKeepTheirContrast();
    void mainWindow();
    void createTokenDialog();

private:
    void save(QWidget *w, const QString &name);

    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestLook::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
    if (scaled()) {
        QCOMPARE(qEnvironmentVariable("QT_SCALE_FACTOR"), QStringLiteral("2"));
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        QVERIFY(isDarkPalette(QApplication::palette()));
    }
}

void TestLook::init()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req;
    req.users = 8;
    req.tokens = 60;
    req.sessions = 0;
    req.seed = 3;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    auto admin = m_f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    QVERIFY(admin.ok());
    m_context = std::make_unique<ConsoleContext>(std::move(m_f.store), admin.value());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1280, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->showPage(QStringLiteral("tokensPage")));
}

void TestLook::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_f = Fixture();
}

void TestLook::save(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    const QPixmap shot = w->grab();
    if (scaled()) {
        QCOMPARE(shot.devicePixelRatio(), 2.0);
        QCOMPARE(shot.width(), 2 * w->width());
    }
    const QString prefix = scaled() ? QStringLiteral("scale2_") : QStringLiteral("dark_");
    QVERIFY(shot.save(dir + QLatin1Char('/') + prefix + name + QStringLiteral(".png")));
}

void TestLook::clippingIsNoticed()
{
    // The check itself: a label and a button squeezed below their text are reported.
    QWidget w;
    w.setObjectName(QStringLiteral("probe"));
    auto *label = new QLabel(QStringLiteral("A label with a long text"), &w);
    label->setObjectName(QStringLiteral("squeezedLabel"));
    label->setGeometry(0, 0, 20, 40);
    auto *button = new QPushButton(QStringLiteral("A button with a long text"), &w);
    button->setObjectName(QStringLiteral("squeezedButton"));
    button->setGeometry(0, 50, 20, 40);
    auto *fine = new QLabel(QStringLiteral("Fine"), &w);
    fine->setObjectName(QStringLiteral("fineLabel"));
    fine->setGeometry(0, 100, 300, 40);
    w.resize(400, 200);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString cut = clipped(&w).join(QLatin1Char('\n'));
    QVERIFY2(cut.contains(QLatin1String("squeezedLabel")), qPrintable(cut));
    QVERIFY2(cut.contains(QLatin1String("squeezedButton")), qPrintable(cut));
    QVERIFY2(!cut.contains(QLatin1String("fineLabel")), qPrintable(cut));
}

void TestLook::colorsKeepTheirContrast()
{
    const QPalette pal = m_window->palette();
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::ExpiringSoon, TokenStatus::Expired,
                          TokenStatus::Revoked}) {
        const auto c = StatusBadgeDelegate::colors(s, pal);
        QVERIFY2(contrast(c.text, c.fill) >= 4.5, qPrintable(statusTitle(s)));
    }
    for (Tone t : {Tone::Good, Tone::Warning, Tone::Bad, Tone::Info}) {
        const auto c = toneColors(t, pal);
        QVERIFY2(contrast(c.text, pal.color(QPalette::Window)) >= 4.5,
                 qPrintable(QString::number(int(t))));
        QVERIFY2(contrast(c.text, c.fill) >= 4.5, qPrintable(QString::number(int(t))));
    }
}

void TestLook::mainWindow()
{
    // A selected row too: the badges on the highlight.
    auto *page = m_window->findChild<TokensPage *>(QStringLiteral("tokensPage"));
    QVERIFY(page);
    QVERIFY(page->model()->rowCount() > 0);
    QVERIFY(page->selectToken(page->model()->idAt(2)));
    save(m_window.get(), QStringLiteral("mainwindow"));
    const QStringList cut = clipped(m_window.get());
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
}

void TestLook::createTokenDialog()
{
    m_window->action(Page::New)->trigger();
    CreateTokenDialog *d = nullptr;
    QVERIFY(QTest::qWaitFor([&] {
        d = m_window->findChild<CreateTokenDialog *>(QStringLiteral("createTokenDialog"));
        return d && d->isVisible();
    }));
    // Before any input: no error, nothing cut.
    auto *name = d->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *create = d->findChild<QPushButton *>(QStringLiteral("createButton"));
    QTRY_VERIFY(create->isEnabled()); // checked: what is wrong waits for input
    for (const char *field : {"nameError", "scopesError", "userError", "formError"})
        QVERIFY2(!d->findChild<QLabel *>(QString::fromLatin1(field))->isVisible(), field);
    save(d, QStringLiteral("create_token_fresh"));

    QStringList cut = clipped(d);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));

    // An error in view once the field was left: a name with a control character. The dialog
    // grows by the line, so nothing is squeezed.
    name->setText(QStringLiteral("bad\x01name"));
    Q_EMIT name->editingFinished();
    auto *error = d->findChild<QLabel *>(QStringLiteral("nameError"));
    QTRY_VERIFY(error->isVisible() && error->text().contains(QLatin1String("control")));
    const QPalette pal = error->palette();
    QVERIFY(contrast(pal.color(QPalette::WindowText), d->palette().color(QPalette::Window)) >= 4.5);
    if (!scaled())
        QVERIFY(isDarkPalette(d->palette()));
    QTest::qWait(0);
    save(d, QStringLiteral("create_token"));
    cut = clipped(d);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));

    // Create pressed with a problem not shown yet (no scope chosen): it shows.
    name->setText(QStringLiteral("fine-name"));
    QTRY_VERIFY(!error->isVisible() && create->isEnabled());
    create->click();
    auto *scopesError = d->findChild<QLabel *>(QStringLiteral("scopesError"));
    QTRY_VERIFY(scopesError->isVisible());
    QVERIFY(!create->isEnabled());
    QTest::qWait(0);
    save(d, QStringLiteral("create_token_pressed"));
    cut = clipped(d);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
    d->reject();
}

QTEST_MAIN(TestLook)
#include "tst_look.moc"
