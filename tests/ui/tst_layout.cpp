// SPDX-License-Identifier: MIT
// The main window's layout in English and German on a 1920×1080 screen (the offscreen platform
// is given one; its default is 800×600): a first start opens the window as wide as the API Tokens
// columns need, every column and title shows in full without scrolling, the name is the column
// that takes spare width, the sidebar shows each place's name in full, the filter's hint fits;
// at 640×420 the filter keeps its width; the remembered size and sidebar come back.
// Screenshots: <build>/screenshots/layout_<lang>_default.png, layout_<lang>_640x420.png.
// ui.layout.server runs it through a real tokendesk-server (console/guitest.h).
#include "../console/guitest.h"
#include "demogenerator.h"
#include "itemmodels/tokenlistmodel.h"
#include "mainwindow.h"
#include "platform/translations.h"
#include "store/appinfo.h"
#include "tokens/tokenspage.h"
#include "widgets/formhelpers.h"

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTemporaryFile>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

const QSize ScreenSize(1920, 1080);

/// Each problem of the window's layout on API Tokens, as text (none: all is well).
QStringList layoutProblems(MainWindow &w, bool atDefaultSize)
{
    QStringList problems;
    auto *nav = child<QListWidget>(&w, "navigation");
    auto *view = child<QTableView>(&w, "tokenTable");
    auto *filter = child<QLineEdit>(&w, "tokenFilter");
    if (!nav || !view || !filter)
        return {QStringLiteral("no navigation, token table or filter")};
    // The sidebar: every place's name in full.
    for (int i = 0; i < nav->count(); ++i)
        if (nav->visualItemRect(nav->item(i)).width() <
                nav->sizeHintForIndex(nav->model()->index(i, 0)).width() ||
            nav->viewport()->width() < nav->sizeHintForColumn(0))
            problems << QStringLiteral("the sidebar cuts \"%1\": %2 px for %3")
                            .arg(nav->item(i)->text())
                            .arg(nav->viewport()->width())
                            .arg(nav->sizeHintForColumn(0));
    // The filter: its hint in full at the default size, a usable width always.
    const int ch = filter->fontMetrics().averageCharWidth();
    const int frame = filter->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, filter);
    // The text's room: the frame, the text margins and the clear button (as wide as high).
    const int room = filter->width() - 2 * frame - 4 - filter->height();
    const int hint = filter->fontMetrics().horizontalAdvance(filter->placeholderText());
    if (atDefaultSize && hint > room)
        problems << QStringLiteral("the filter's hint needs %1 px, has %2").arg(hint).arg(room);
    if (filter->width() < 30 * ch)
        problems << QStringLiteral("the filter is %1 px wide").arg(filter->width());
    if (!atDefaultSize)
        return problems;
    // The columns: all of them without scrolling, each title in full.
    QHeaderView *header = view->horizontalHeader();
    if (header->length() > view->viewport()->width() || view->horizontalScrollBar()->isVisible())
        problems << QStringLiteral("the columns need %1 px, the list shows %2")
                        .arg(header->length())
                        .arg(view->viewport()->width());
    for (int c = 0; c < header->count(); ++c)
        if (!header->isSectionHidden(c) && header->sectionSize(c) < header->sectionSizeHint(c))
            problems << QStringLiteral("column \"%1\" needs %2 px, has %3")
                            .arg(header->model()->headerData(c, Qt::Horizontal).toString())
                            .arg(header->sectionSizeHint(c))
                            .arg(header->sectionSize(c));
    // No wider than the columns need: the name (which takes spare width) at its own width.
    const int name = header->sectionSize(TokenListModel::NameColumn);
    const int own = Form::stretchColumnWidth(header);
    if (own <= 0 || name > own + 2 * ch)
        problems << QStringLiteral("the window is wider than the columns need: the name column "
                                   "is %1 px, its own width %2")
                        .arg(name)
                        .arg(own);
    return problems;
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void firstStart_data();
    void firstStart();
    void rememberedLayoutComesBack();

private:
    [[nodiscard]] bool openWindow();

    Fixture m_f;
    std::unique_ptr<ConsoleContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestLayout::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QVERIFY(QGuiApplication::primaryScreen());
    QCOMPARE(QGuiApplication::primaryScreen()->size(), ScreenSize);
}

void TestLayout::init()
{
    QSettings().clear(); // a first start
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req; // long names, users and departments, every status
    req.users = 12;
    req.tokens = 60;
    req.sessions = 0;
    req.seed = 11;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
}

void TestLayout::cleanup()
{
    m_window.reset();
    m_context.reset();
    stopConsoleServer();
    m_f = Fixture();
}

void TestLayout::cleanupTestCase()
{
    Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
}

bool TestLayout::openWindow()
{
    if (!m_context)
        m_context = signedInContext(m_f, QStringLiteral("admin"), AdminPassword);
    if (!m_context)
        return false;
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->show(); // at the size it chose
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return false;
    // The Overview comes first; the window's first size is chosen for this list.
    if (!m_window->showPage(QStringLiteral("tokensPage")))
        return false;
    auto *page = child<TokensPage>(m_window.get(), "tokensPage");
    if (!page || !rowsRead(page->model()))
        return false;
    QCoreApplication::processEvents();
    return true;
}

void TestLayout::firstStart_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany);
}

void TestLayout::firstStart()
{
    QFETCH(QLocale, locale);
    const QString lang = QString::fromLatin1(QTest::currentDataTag());
    QVERIFY(Translations::install(*qApp, locale));
    QVERIFY(openWindow());
    MainWindow &w = *m_window;
    QVERIFY(screenshot(&w, QStringLiteral("layout_%1_default").arg(lang)));
    const QSize screen = QGuiApplication::primaryScreen()->availableSize();
    QVERIFY2(w.width() <= screen.width() && w.height() <= screen.height(),
             qPrintable(QStringLiteral("%1×%2").arg(w.width()).arg(w.height())));
    QStringList problems = layoutProblems(w, true);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    // Spare width goes to the name; the other columns keep theirs.
    QHeaderView *header = child<QTableView>(&w, "tokenTable")->horizontalHeader();
    QList<int> before;
    for (int c = 0; c < header->count(); ++c)
        before << header->sectionSize(c);
    w.resize(w.width() + 200, w.height());
    QCoreApplication::processEvents();
    for (int c = 0; c < header->count(); ++c) {
        if (c == TokenListModel::NameColumn)
            QCOMPARE(header->sectionSize(c), before.at(c) + 200);
        else
            QCOMPARE(header->sectionSize(c), before.at(c));
    }
    QCOMPARE(header->length(), header->viewport()->width());

    // A small window: the sidebar and the filter keep their widths (the columns scroll).
    w.resize(640, 420);
    QCoreApplication::processEvents();
    QVERIFY(screenshot(&w, QStringLiteral("layout_%1_640x420").arg(lang)));
    QCOMPARE(w.size(), QSize(640, 420));
    problems = layoutProblems(w, false);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(header->sectionSize(TokenListModel::NameColumn) >= Form::stretchColumnWidth(header));
}

void TestLayout::rememberedLayoutComesBack()
{
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    QVERIFY(openWindow());
    const QSize first = m_window->size();
    m_window->resize(first.width() - 150, first.height() - 100);
    auto *splitter = child<QSplitter>(m_window.get(), "mainSplitter");
    QVERIFY(splitter);
    splitter->setSizes({1, 10000}); // dragged as far left as it goes
    QCoreApplication::processEvents();
    const QList<int> sizes = splitter->sizes();
    QHeaderView *header = child<QTableView>(m_window.get(), "tokenTable")->horizontalHeader();
    header->resizeSection(TokenListModel::StatusColumn, 250);
    m_window->close();
    m_window.reset(); // saves the layout

    QVERIFY(openWindow());
    QCOMPARE(m_window->size(), QSize(first.width() - 150, first.height() - 100));
    splitter = child<QSplitter>(m_window.get(), "mainSplitter");
    QCOMPARE(splitter->sizes(), sizes);
    header = child<QTableView>(m_window.get(), "tokenTable")->horizontalHeader();
    QCOMPARE(header->sectionSize(TokenListModel::StatusColumn), 250);
    const QStringList problems = layoutProblems(*m_window, false);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

int main(int argc, char *argv[])
{
    // One 1920×1080 screen instead of the offscreen platform's 800×600.
    QTemporaryFile screens(QDir::tempPath() + QStringLiteral("/td-screens-XXXXXX.json"));
    if (!screens.open())
        return 1;
    screens.write(QStringLiteral(R"({"screens": [{"name": "wide", "x": 0, "y": 0, "width": %1,
        "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                      .arg(ScreenSize.width())
                      .arg(ScreenSize.height())
                      .toUtf8());
    screens.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + screens.fileName().toLocal8Bit());
    QApplication app(argc, argv);
    TestLayout test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_layout.moc"
