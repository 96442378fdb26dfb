// SPDX-License-Identifier: MIT
// Translations: the .ts files are complete and match the sources, and the console in
// German shows German texts with nothing cut off.
//
// - every message of translations/tokendesk_de.ts is translated (no unfinished, empty, vanished
//   or obsolete entry) with the same %1/%n placeholders as its source; tokendesk_en.ts holds only
//   plural forms, all filled in;
// - lupdate run over the libraries' sources (into a scratch copy) finds exactly the messages the
//   .ts files hold: no tr() string is missing, none is left over;
// - the main window and the Create API Token dialog in German: the translators load, texts
//   are German, and every label and button is at least as wide as it asks to be. Screenshots:
//   <build>/screenshots/de_mainwindow.png, de_create_token.png.
#include "account/firstrunwizard.h"
#include "account/managetokensdialog.h"
#include "account/signindialog.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "domain/audit/auditphrases.h"
#include "guitest.h"
#include "itemmodels/localformat.h"
#include "mainwindow.h"
#include "platform/translations.h"
#include "store/appinfo.h"
#include "tokens/createtokendialog.h"
#include "tokens/rotatetokendialog.h"
#include "users/userdialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace td;
using namespace td::test;

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;             // of <translation>: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or one per plural form
    QString key() const
    {
        return context + QLatin1Char('\x1f') + source + QLatin1Char('\x1f') + comment;
    }
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1").arg(path);
        return ts;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("translation") && m.numerus)
            ts.messages << m;
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message();
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!m.numerus) {
                m.translations << xml.readElementText();
                ts.messages << m;
            }
        } else if (name == QLatin1String("numerusform")) {
            m.translations << xml.readElementText();
        }
    }
    if (xml.hasError())
        ts.error =
            QStringLiteral("%1: %2 (line %3)").arg(path, xml.errorString()).arg(xml.lineNumber());
    return ts;
}

/// The placeholders of a text, sorted: "%1", "%L2", "%n", "%Ln".
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured();
    out.sort();
    return out;
}

QString tsPath(const QString &lang)
{
    return qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/translations/tokendesk_") +
           lang + QStringLiteral(".ts");
}

/// Runs lupdate over the sources the build lists into a copy of the .ts file; returns the copy.
TsFile lupdateCopy(const QString &lang, const QStringList &extra, QTemporaryDir &dir, QString *log)
{
    const QString copy = dir.filePath(QStringLiteral("tokendesk_") + lang + QStringLiteral(".ts"));
    QFile::remove(copy);
    if (!QFile::copy(tsPath(lang), copy))
        return TsFile{{}, {}, QStringLiteral("cannot copy the .ts file")};
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("@") + qEnvironmentVariable("TD_BUILD_DIR") +
                         QStringLiteral("/translations/lupdate-sources.lst"),
                     QStringLiteral("-no-obsolete"),
                     QStringLiteral("-locations"),
                     QStringLiteral("none"),
                     QStringLiteral("-ts"),
                     copy};
    args << extra;
    p.start(QStringLiteral(TD_LUPDATE), args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return TsFile{
            {}, {}, QStringLiteral("lupdate failed: ") + QString::fromLocal8Bit(p.readAll())};
    *log = QString::fromLocal8Bit(p.readAll());
    return readTs(copy);
}

/// The widget's own text, if it is a label or a button.
QString textOf(const QWidget *w)
{
    if (auto *l = qobject_cast<const QLabel *>(w))
        return l->text();
    if (auto *b = qobject_cast<const QAbstractButton *>(w))
        return b->text();
    return {};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tsFilesComplete_data();
    void tsFilesComplete();
    void tsFilesMatchSources_data();
    void tsFilesMatchSources();
    void loadsFromTheBuildTree();
    void germanMainWindow();
    void germanCreateTokenDialog();
    void germanDialogs();

private:
    /// Fails when a visible label or button of w is cut off or shows an untranslated text.
    void checkWidgets(QWidget *w);

    std::map<QString, QString> m_german; // English source → German, for untranslated texts
    QSet<QString> m_germanTexts;         // the German translations, without '&'
    Fixture m_fx;
    std::unique_ptr<ConsoleContext> m_ctx;
};

void TestTranslations::initTestCase()
{
    setApplicationIdentity(QStringLiteral("tokendesk"));
    QSettings().clear();
    const TsFile de = readTs(tsPath(QStringLiteral("de")));
    QVERIFY2(de.error.isEmpty(), qPrintable(de.error));
    for (const Message &m : de.messages)
        if (!m.numerus && !m.translations.isEmpty() && m.translations.first() != m.source) {
            m_german.emplace(m.source, m.translations.first());
            m_germanTexts.insert(QString(m.translations.first()).remove(QLatin1Char('&')));
        }
}

void TestTranslations::cleanupTestCase()
{
    Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTranslations::tsFilesComplete_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("en") << QStringLiteral("en");
}

void TestTranslations::tsFilesComplete()
{
    QFETCH(QString, lang);
    const TsFile ts = readTs(tsPath(lang));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, lang);
    QVERIFY(!ts.messages.isEmpty());
    QStringList problems;
    int plurals = 0;
    for (const Message &m : ts.messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty())
            problems << where + QStringLiteral(" is ") + m.type;
        if (m.translations.isEmpty() || m.translations.contains(QString()))
            problems << where + QStringLiteral(" has an empty translation");
        if (lang == QLatin1String("en") && !m.numerus)
            problems << where +
                            QStringLiteral(" is no plural form (tokendesk_en.ts holds only those)");
        if (m.numerus) {
            ++plurals;
            if (m.translations.size() != 2) // German and English: singular and plural
                problems << where +
                                QStringLiteral(" has %1 plural forms").arg(m.translations.size());
            if (!m.source.contains(QLatin1String("%n")) && !m.source.contains(QLatin1String("%Ln")))
                problems << where + QStringLiteral(" is a plural form without %n");
        }
        for (const QString &t : m.translations)
            if (placeholders(t) != placeholders(m.source))
                problems << where + QStringLiteral(": placeholders %1 in \"%2\"")
                                        .arg(placeholders(t).join(QLatin1Char(',')), t);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(plurals > 10);
    if (lang == QLatin1String("de"))
        QVERIFY(ts.messages.size() > 500);
}

void TestTranslations::tsFilesMatchSources_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("de") << QStringLiteral("de") << QStringList();
    QTest::newRow("en") << QStringLiteral("en") << QStringList{QStringLiteral("-pluralonly")};
}

void TestTranslations::tsFilesMatchSources()
{
    QFETCH(QString, lang);
    QFETCH(QStringList, extra);
    const TsFile ts = readTs(tsPath(lang));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString log;
    const TsFile fresh = lupdateCopy(lang, extra, dir, &log);
    QVERIFY2(fresh.error.isEmpty(), qPrintable(fresh.error));
    QSet<QString> have, found;
    for (const Message &m : ts.messages)
        have.insert(m.key());
    QStringList problems;
    for (const Message &m : fresh.messages) {
        found.insert(m.key());
        if (!have.contains(m.key()))
            problems << QStringLiteral(
                            "not in the .ts file (run the update_translations target): ") +
                            m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
    }
    for (const Message &m : ts.messages)
        if (!found.contains(m.key()))
            problems << QStringLiteral("no longer in the sources: ") + m.context +
                            QStringLiteral(": \"") + m.source + QLatin1Char('"');
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // The scratch copy stays complete too (lupdate kept every translation).
    for (const Message &m : fresh.messages)
        QVERIFY2(m.type.isEmpty(), qPrintable(m.source));
}

void TestTranslations::loadsFromTheBuildTree()
{
    const QString qmDir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/translations");
    QCOMPARE(Translations::searchPaths().first(), qmDir);
    QCOMPARE(Translations::languageArgument(
                 {QStringLiteral("tokendesk"), QStringLiteral("--lang"), QStringLiteral("de")}),
             QStringLiteral("de"));
    QCOMPARE(Translations::languageArgument(
                 {QStringLiteral("tokendesk"), QStringLiteral("--lang=de_AT")}),
             QStringLiteral("de_AT"));
    QVERIFY(Translations::languageArgument({QStringLiteral("tokendesk")}).isEmpty());

    // English: the source texts, with real plural forms from tokendesk_en.qm.
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    QVERIFY2(Translations::loadedFiles().contains(qmDir + QStringLiteral("/tokendesk_en.qm")),
             qPrintable(Translations::loadedFiles().join(QLatin1Char(' '))));
    QCOMPARE(QCoreApplication::translate("td::UsersPage", "%n user(s)", nullptr, 1),
             QStringLiteral("1 user"));
    QCOMPARE(QCoreApplication::translate("td::UsersPage", "%n user(s)", nullptr, 3),
             QStringLiteral("3 users"));

    // German (Austria falls back to de): TokenDesk's and Qt's own texts, and the locale's formats.
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Austria)));
    QVERIFY2(Translations::loadedFiles().contains(qmDir + QStringLiteral("/tokendesk_de.qm")),
             qPrintable(Translations::loadedFiles().join(QLatin1Char(' '))));
    QVERIFY2(
        Translations::loadedFiles().join(QLatin1Char(' ')).contains(QLatin1String("qtbase_de")),
        "Qt's own German translations (qt6-translations-l10n) did not load");
    QCOMPARE(QCoreApplication::translate("TokenStatus", "Revoked"), QStringLiteral("Widerrufen"));
    QCOMPARE(QCoreApplication::translate("td::UsersPage", "%n API token(s)", nullptr, 2),
             QStringLiteral("2 API-Tokens"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    // A leak report's audit row and its scope, as the Audit Log and the scope selectors show them.
    QCOMPARE(AuditPhrases::display(QStringLiteral("reported as leaked: found at "
                                                  "https://example.org/r/.env (source: commit)")),
             QStringLiteral("als veröffentlicht gemeldet: gefunden unter "
                            "https://example.org/r/.env (Quelle: commit)"));
    QCOMPARE(Scope::title(Scope::LeakReport), QStringLiteral("Leak-Meldung"));
    QCOMPARE(QLocale().language(), QLocale::German);
    QCOMPARE(LocalFormat::date(QDateTime(QDate(2026, 3, 7), QTime(9, 5))),
             QStringLiteral("07.03.2026"));
}

void TestTranslations::checkWidgets(QWidget *root)
{
    QStringList problems, shown;
    int german = 0;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || (!qobject_cast<QLabel *>(w) && !qobject_cast<QAbstractButton *>(w)))
            continue;
        QString text = textOf(w);
        if (text.isEmpty())
            continue;
        shown << text;
        const QString name = w->objectName().isEmpty()
                                 ? QString::fromLatin1(w->metaObject()->className())
                                 : w->objectName();
        if (m_german.count(text))
            problems << QStringLiteral("untranslated: %1 \"%2\"").arg(name, text);
        if (m_germanTexts.contains(QString(text).remove(QLatin1Char('&'))))
            ++german;
        auto *label = qobject_cast<QLabel *>(w);
        if (label && label->wordWrap()) {
            if (label->heightForWidth(label->width()) > label->height())
                problems << QStringLiteral("cut off: %1 \"%2\" needs %3 px height, has %4")
                                .arg(name, text)
                                .arg(label->heightForWidth(label->width()))
                                .arg(label->height());
        } else if (w->sizeHint().width() > w->width()) {
            problems << QStringLiteral("cut off: %1 \"%2\" needs %3 px, has %4")
                            .arg(name, text)
                            .arg(w->sizeHint().width())
                            .arg(w->width());
        }
    }
    // Column titles: each section at least as wide as its title asks.
    for (QHeaderView *h : root->findChildren<QHeaderView *>()) {
        if (!h->isVisible() || h->orientation() != Qt::Horizontal || !h->model())
            continue;
        for (int i = 0; i < h->count(); ++i) {
            if (h->isSectionHidden(i))
                continue;
            if (h->sectionSize(i) < h->sectionSizeHint(i))
                problems << QStringLiteral("cut off: column \"%1\" of %2 needs %3 px, has %4")
                                .arg(h->model()->headerData(i, Qt::Horizontal).toString(),
                                     h->objectName())
                                .arg(h->sectionSizeHint(i))
                                .arg(h->sectionSize(i));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(german >= 3, qPrintable(QStringLiteral("hardly any German text is shown: ") +
                                     shown.join(QLatin1String(" | "))));
}

void TestTranslations::germanMainWindow()
{
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    m_fx = makeFixture();
    QVERIFY2(m_fx.ok(), qPrintable(m_fx.error));
    DemoRequest demo; // a few rows, to see the columns' dates and statuses in German
    demo.users = 6;
    demo.tokens = 40;
    demo.sessions = 0;
    demo.seed = 7;
    auto made = DemoGenerator(*m_fx.store).generate(m_fx.cli, demo);
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
    m_ctx = signedInContext(m_fx, QStringLiteral("admin"), AdminPassword);
    QVERIFY(m_ctx);
    MainWindow w(*m_ctx);
    w.show(); // at its default size
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.showPage(QStringLiteral("tokensPage")));
    QCoreApplication::processEvents();

    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus << a->text();
    QVERIFY2(menus.contains(QStringLiteral("&Datei")) && menus.contains(QStringLiteral("&Hilfe")),
             qPrintable(menus.join(QLatin1Char(' '))));
    auto *nav = w.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QStringList places;
    for (int i = 0; i < nav->count(); ++i)
        places << nav->item(i)->text();
    QVERIFY2(places.contains(QStringLiteral("Audit-Protokoll")),
             qPrintable(places.join(QLatin1Char('|'))));
    QVERIFY2(places.contains(QStringLiteral("Angemeldete mobile Benutzer")),
             qPrintable(places.join(QLatin1Char('|'))));
    // The other pages too: German, nothing cut off (a picture of each to look at).
    for (const char *page : {"sessionsPage", "usersPage", "auditPage"}) {
        QVERIFY(w.showPage(QString::fromLatin1(page)));
        QCoreApplication::processEvents();
        QVERIFY(screenshot(&w, QStringLiteral("de_") + QString::fromLatin1(page)));
        checkWidgets(&w);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(w.showPage(QStringLiteral("tokensPage")));
    QCoreApplication::processEvents();
    QVERIFY(screenshot(&w, QStringLiteral("de_mainwindow")));
    checkWidgets(&w);
}

void TestTranslations::germanCreateTokenDialog()
{
    QVERIFY(m_ctx);
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    CreateTokenDialog dialog(*m_ctx);
    dialog.show(); // at its default size
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCoreApplication::processEvents();
    QCOMPARE(dialog.windowTitle(), QStringLiteral("API-Token erstellen"));
    QVERIFY(screenshot(&dialog, QStringLiteral("de_create_token")));
    checkWidgets(&dialog);
    if (QTest::currentTestFailed())
        return;
    // An error once its field was left, and every error once Create was pressed: German, the
    // dialog grown by its lines, nothing cut off.
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createButton"));
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs);
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    Q_EMIT name->editingFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorFor(QStringLiteral("name")).isEmpty(), AnswerMs);
    QCoreApplication::processEvents();
    QVERIFY2(!m_german.count(dialog.errorFor(QStringLiteral("name"))),
             qPrintable(dialog.errorFor(QStringLiteral("name"))));
    QVERIFY(screenshot(&dialog, QStringLiteral("de_create_token_left")));
    checkWidgets(&dialog);
    if (QTest::currentTestFailed())
        return;
    name->setText(QStringLiteral("nachtlauf"));
    QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), AnswerMs);
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorFor(QStringLiteral("scopes")).isEmpty(), AnswerMs);
    QCoreApplication::processEvents();
    QVERIFY(screenshot(&dialog, QStringLiteral("de_create_token_pressed")));
    checkWidgets(&dialog);
    dialog.close();
}

void TestTranslations::germanDialogs()
{
    QVERIFY(m_ctx);
    QVERIFY(Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    auto check = [this](QWidget *dialog, const QString &name) {
        dialog->show(); // at its default size
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCoreApplication::processEvents();
        QVERIFY(screenshot(dialog, QStringLiteral("de_") + name));
        checkWidgets(dialog);
        dialog->close();
    };
    {
        SignInDialog d(*m_fx.store, m_fx.db->location());
        check(&d, QStringLiteral("sign_in"));
    }
    if (QTest::currentTestFailed())
        return;
    {
        FirstRunWizard d(m_fx.db->location());
        check(&d, QStringLiteral("first_run"));
    }
    if (QTest::currentTestFailed())
        return;
    {
        ManageTokensDialog d(*m_ctx);
        check(&d, QStringLiteral("manage_tokens"));
    }
    if (QTest::currentTestFailed())
        return;
    {
        UserDialog d(*m_ctx, UserDialog::Mode::Create);
        check(&d, QStringLiteral("new_user"));
    }
    if (QTest::currentTestFailed())
        return;
    {
        // A token rotated before whose old secret still works: every line of the note.
        ApiToken t;
        t.id = 1;
        t.name = QStringLiteral("ci-deploy");
        t.hint = QStringLiteral("tdk_…a1B2");
        t.username = QStringLiteral("alice");
        t.expiresAt = QDateTime::currentDateTimeUtc().addDays(60);
        t.previousHint = QStringLiteral("tdk_…z9Y8");
        t.previousUntil = QDateTime::currentDateTimeUtc().addSecs(3000);
        RotateTokenDialog d(*m_ctx, t);
        QCOMPARE(d.windowTitle(), QStringLiteral("Geheimnis erneuern"));
        check(&d, QStringLiteral("rotate_token"));
    }
    m_ctx.reset();
    m_fx = Fixture();
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
