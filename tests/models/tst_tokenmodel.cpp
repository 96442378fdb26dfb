// SPDX-License-Identifier: MIT
// The API token list model over a store of a few thousand demo tokens, on SQLite and PostgreSQL:
// every column sorts the way its values say (not only "like the service"), windows read with
// seeks and from the end give the rows of one plain query, filters (substring through the
// trigram index and short texts, status, department) keep exactly the matching tokens, the
// search index follows created and deleted tokens, a Standard user sees only their tokens, and
// a renamed department sorts by its new name. Checked with QAbstractItemModelTester.
#include "client/localbackend.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "demogenerator.h"
#include "itemmodels/localformat.h"
#include "itemmodels/tokenlistmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <random>

using namespace td;
using namespace td::test;

namespace {
constexpr int DemoTokens = 3000;

/// A LocalBackend whose actor a test sets (as a refreshed sign-in would).
class SwitchableBackend : public LocalBackend
{
public:
    using LocalBackend::LocalBackend;
    using td::Backend::setActor;
};

bool contains(const ApiToken &t, const QString &text)
{
    for (const QString &field : {t.name, t.hint, t.username, t.description})
        if (field.contains(text, Qt::CaseInsensitive))
            return true;
    return false;
}
} // namespace

class TestTokenModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void modelTester();
    void columnsSortByTheirValues_data();
    void columnsSortByTheirValues();
    void filtersKeepExactlyTheMatches_data();
    void filtersKeepExactlyTheMatches();
    void searchIndexFollowsCreateAndDelete();
    void standardUserSeesOwnTokensOnly();
    void renamedDepartmentSortsByNewName();
    void memoryStaysFlat();
    void itemAndIndexRoundTrip();
    void displayNeverShowsASecret();

private:
    QList<qint64> modelIds(TokenListModel &m, bool shuffled);
    QList<ApiToken> all();

    Fixture m_f;
    Actor m_admin;
    std::unique_ptr<LocalBackend> m_backend; // signed in as m_admin
};

void TestTokenModel::initTestCase()
{
    m_f = makeFixture();
    QVERIFY2(m_f.ok(), qPrintable(m_f.error));
    DemoRequest req;
    req.users = 40;
    req.tokens = DemoTokens;
    req.sessions = 0;
    req.seed = 11;
    auto demo = DemoGenerator(*m_f.store).generate(m_f.cli, req);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    auto admin = m_f.domain->accounts.signIn(QStringLiteral("admin"), secret(AdminPassword));
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    m_admin = admin.value();
    m_backend = std::make_unique<LocalBackend>(*m_f.store, m_admin);
}

void TestTokenModel::cleanupTestCase()
{
    m_backend.reset();
    m_f = Fixture();
}

QList<qint64> TestTokenModel::modelIds(TokenListModel &m, bool shuffled)
{
    // Shuffled: whole windows in random order (each read once: from either end, or with a seek
    // next to a cached neighbour), the rows of each backwards.
    const int n = m.rowCount(), size = m.windowSize();
    QList<int> windows;
    for (int w = 0; w * size < n; ++w)
        windows << w;
    if (shuffled)
        std::shuffle(windows.begin(), windows.end(), std::mt19937(3));
    QList<int> rows;
    for (int w : windows) {
        const int first = w * size, last = std::min(n, first + size) - 1;
        for (int i = 0; i <= last - first; ++i)
            rows << (shuffled ? last - i : first + i);
    }
    QList<qint64> ids(m.rowCount(), 0);
    for (int r : rows)
        ids[r] = m.idAt(r);
    return ids;
}

QList<ApiToken> TestTokenModel::all()
{
    TokenQuery q;
    q.limit = 0;
    auto r = m_f.domain->tokens.list(m_admin, q);
    return r.ok() ? r.value() : QList<ApiToken>{};
}

void TestTokenModel::modelTester()
{
    TokenListModel m(*m_backend);
    m.setWindowSize(50);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m.rowCount(), DemoTokens);
    QCOMPARE(m.columnCount(), int(TokenListModel::ColumnCount));
    for (int c = 0; c < m.columnCount(); ++c)
        m.sort(c, c % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
    m.setFilter({QStringLiteral("jen"), {}, {}, {}});
    QVERIFY(m.rowCount() > 0);
    QVERIFY(m.setData(m.index(0, TokenListModel::CheckColumn), Qt::Checked, Qt::CheckStateRole));
    m.setFilter({QString(), {TokenStatus::Revoked}, {}, {}});
    m.refresh();
    m.setFilter({});
    QCOMPARE(m.rowCount(), DemoTokens);
    QVERIFY(m.roleNames().contains(TokenListModel::StatusRole));
}

void TestTokenModel::columnsSortByTheirValues_data()
{
    QTest::addColumn<int>("column");
    for (int c = TokenListModel::NameColumn; c < TokenListModel::ColumnCount; ++c)
        QTest::newRow(
            qPrintable(TokenListModel(*m_backend).headerData(c, Qt::Horizontal).toString()))
            << c;
}

void TestTokenModel::columnsSortByTheirValues()
{
    QFETCH(int, column);
    const QList<ApiToken> tokens = all();
    QHash<qint64, ApiToken> byId;
    for (const ApiToken &t : tokens)
        byId.insert(t.id, t);
    // What each column means, independent of the SQL: a value and its tie-breaker.
    auto value = [column](const ApiToken &t) -> QVariant {
        switch (column) {
        case TokenListModel::NameColumn:
            return t.name;
        case TokenListModel::HintColumn:
            return t.hint;
        case TokenListModel::ScopeColumn:
            return t.scopes.join(QLatin1Char(','));
        case TokenListModel::UserColumn:
            return t.username;
        case TokenListModel::DepartmentColumn:
            return t.department;
        case TokenListModel::UserTypeColumn:
            return t.userType;
        case TokenListModel::CreatedColumn:
            return t.createdAt.toMSecsSinceEpoch();
        case TokenListModel::ExpiresColumn:
            return t.expiresAt.toMSecsSinceEpoch();
        case TokenListModel::LastUsedColumn:
            return t.lastUsedAt.isValid() ? t.lastUsedAt.toMSecsSinceEpoch() : qint64(0);
        case TokenListModel::StatusColumn:
            return TokenListModel::statusRank(t.status);
        }
        return {};
    };
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        TokenListModel m(*m_backend);
        m.setWindowSize(64);
        m.setMaxCachedWindows(3);
        m.sort(column, order);
        QCOMPARE(m.rowCount(), int(tokens.size()));
        const QList<qint64> forward = modelIds(m, false);
        m.refresh();
        QCOMPARE(modelIds(m, true), forward); // offsets, reverse offsets, seeks: same rows
        QCOMPARE(QSet<qint64>(forward.begin(), forward.end()).size(), tokens.size());
        // The service's single-query list agrees.
        TokenQuery q = m.query();
        auto listed = m_f.domain->tokens.list(m_admin, q);
        QVERIFY(listed.ok());
        QList<qint64> listedIds;
        for (const ApiToken &t : listed.value())
            listedIds << t.id;
        QCOMPARE(forward, listedIds);
        // And the values are in order.
        for (int i = 1; i < forward.size(); ++i) {
            const QVariant a = value(byId.value(forward[i - 1]));
            const QVariant b = value(byId.value(forward[i]));
            const auto cmp = QVariant::compare(a, b);
            const bool ok = order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater
                                                        : cmp != QPartialOrdering::Less;
            if (!ok)
                QFAIL(qPrintable(
                    QStringLiteral("row %1: %2 then %3").arg(i).arg(a.toString(), b.toString())));
        }
        // The sort role agrees with the display for status.
        if (column == TokenListModel::StatusColumn)
            QCOMPARE(m.data(m.index(0, column), TokenListModel::SortRole).toInt(),
                     order == Qt::AscendingOrder ? 0 : 3);
    }
}

void TestTokenModel::filtersKeepExactlyTheMatches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("byDepartment");
    QTest::newRow("3 letters") << "jen"
                               << "" << false;
    QTest::newRow("upper case") << "JENK"
                                << "" << false;
    QTest::newRow("digits across name") << "s-12"
                                        << "" << false;
    QTest::newRow("username") << "schmidt"
                              << "" << false;
    QTest::newRow("2 letters scan") << "ai"
                                    << "" << false;
    QTest::newRow("1 letter scan") << "q"
                                   << "" << false;
    QTest::newRow("like wildcards are literal") << "%_"
                                                << "" << false;
    QTest::newRow("quote") << "a\"b"
                           << "" << false;
    QTest::newRow("revoked") << ""
                             << "revoked" << false;
    QTest::newRow("expiring") << ""
                              << "expiring" << false;
    QTest::newRow("active + text") << "dep"
                                   << "active" << false;
    QTest::newRow("department") << ""
                                << "" << true;
    QTest::newRow("department + text + expired") << "ci-"
                                                 << "expired" << true;
}

void TestTokenModel::filtersKeepExactlyTheMatches()
{
    QFETCH(QString, text);
    QFETCH(QString, status);
    QFETCH(bool, byDepartment);
    const QList<ApiToken> tokens = all();
    QVERIFY(!tokens.isEmpty());
    TokenListModel::Filter f;
    f.text = text;
    if (!status.isEmpty())
        f.statuses = {*statusFromName(status)};
    if (byDepartment)
        f.departmentId = tokens[7].departmentId;
    QSet<qint64> expected;
    for (const ApiToken &t : tokens)
        if ((text.isEmpty() || contains(t, text)) &&
            (f.statuses.isEmpty() || f.statuses.contains(t.status)) &&
            (!f.departmentId || t.departmentId == *f.departmentId))
            expected.insert(t.id);
    if (text != QLatin1String("%_") && text != QLatin1String("a\"b"))
        QVERIFY2(!expected.isEmpty(), "the demo data should match this filter");

    TokenListModel m(*m_backend);
    m.setWindowSize(40);
    m.setFilter(f);
    QCOMPARE(m.rowCount(), int(expected.size()));
    const QList<qint64> ids = modelIds(m, true);
    QCOMPARE(QSet<qint64>(ids.begin(), ids.end()), expected);
    auto counted = m_f.domain->tokens.count(m_admin, m.query());
    QVERIFY(counted.ok());
    QCOMPARE(counted.value(), qint64(expected.size()));
}

void TestTokenModel::searchIndexFollowsCreateAndDelete()
{
    NewApiToken n;
    n.name = QStringLiteral("zyxwv-unique");
    n.description = QStringLiteral("Nightly Qwertz export");
    n.scopes = {Scope::Collection};
    n.username = QStringLiteral("admin");
    n.expiresAt = Clock::now().addDays(30);
    auto created = m_f.domain->tokens.create(m_admin, n);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    const qint64 id = created->id;

    TokenListModel m(*m_backend);
    for (const char *needle : {"zyxwv", "XWV-UNI", "qwertz exp"}) {
        m.setFilter({QString::fromLatin1(needle), {}, {}, {}});
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.idAt(0), id);
        QCOMPARE(m.data(m.index(0, TokenListModel::NameColumn)).toString(), n.name);
    }
    m.setFilter({created->hint.right(4), {}, {}, {}});
    QVERIFY(m.rowOfId(id) >= 0);

    QVERIFY(m_f.domain->tokens.revoke(m_admin, {id}).ok());
    QVERIFY(m_f.domain->tokens.remove(m_admin, {id}).ok());
    m.setFilter({QStringLiteral("zyxwv"), {}, {}, {}});
    m.refresh();
    QCOMPARE(m.rowCount(), 0);
    if (m_f.store->isSqlite()) {
        auto check = m_f.store->read([&] {
            m_f.store->run(QStringLiteral("INSERT INTO api_tokens_search (api_tokens_search, "
                                          "rank) VALUES ('integrity-check', 0)"));
            // Exactly one index row per token.
            return m_f.store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM api_tokens_search WHERE "
                                        "api_tokens_search MATCH '\"tdk\"'"))
                .toLongLong();
        });
        QVERIFY2(check.ok(), check.ok() ? "" : qPrintable(check.error().message));
        QCOMPARE(check.value(), countRows(*m_f.store, QStringLiteral("api_tokens")));
    }
}

void TestTokenModel::standardUserSeesOwnTokensOnly()
{
    NewUser u;
    u.username = QStringLiteral("stan");
    u.email = QStringLiteral("stan@example.org");
    u.department = QStringLiteral("Administration");
    u.userType = BuiltinUserType::Standard;
    u.password = secret("Stan-Pass#123");
    QVERIFY(m_f.domain->accounts.createUser(m_f.cli, u).ok());
    auto stan = m_f.domain->accounts.signIn(QStringLiteral("stan"), secret("Stan-Pass#123"));
    QVERIFY(stan.ok());
    for (int i = 0; i < 3; ++i) {
        NewApiToken n;
        n.name = QStringLiteral("stan-%1").arg(i);
        n.scopes = {Scope::Device};
        n.username = QStringLiteral("stan");
        n.expiresAt = Clock::now().addDays(10 + i);
        QVERIFY(m_f.domain->tokens.create(stan.value(), n).ok());
    }
    SwitchableBackend backend(*m_f.store, stan.value());
    TokenListModel m(backend);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m.rowCount(), 3);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(m.data(m.index(r, TokenListModel::UserColumn)).toString(), QStringLiteral("stan"));
    QVERIFY(m.setData(m.index(0, TokenListModel::CheckColumn), Qt::Checked, Qt::CheckStateRole));
    m.setFilter({QStringLiteral("ci-"), {}, {}, {}}); // others' tokens match, stan's do not
    QCOMPARE(m.rowCount(), 0);
    // The backend's actor changes (e.g. stan's permissions were read again): the list follows
    // and the check marks of the other actor go.
    QSignalSpy checks(&m, &WindowedTableModel::checkedChanged);
    backend.setActor(m_admin);
    QVERIFY(m.rowCount() > 0);
    QCOMPARE(m.checkedCount(), 0);
    QCOMPARE(checks.size(), 1);
}

void TestTokenModel::renamedDepartmentSortsByNewName()
{
    auto depts = m_f.domain->accounts.departments(m_admin);
    QVERIFY(depts.ok());
    qint64 research = 0;
    for (const Department &d : depts.value())
        if (d.name == QLatin1String("Research"))
            research = d.id;
    QVERIFY(research > 0);
    QVERIFY(m_f.domain->accounts.renameDepartment(m_admin, research, QStringLiteral("AAA Research"))
                .ok());
    TokenListModel m(*m_backend);
    m.sort(TokenListModel::DepartmentColumn, Qt::AscendingOrder);
    QCOMPARE(m.data(m.index(0, TokenListModel::DepartmentColumn)).toString(),
             QStringLiteral("AAA Research"));
    QVERIFY(
        m_f.domain->accounts.renameDepartment(m_admin, research, QStringLiteral("Research")).ok());
    m.refresh();
    QVERIFY(m.data(m.index(0, TokenListModel::DepartmentColumn)).toString() !=
            QLatin1String("AAA Research"));
}

void TestTokenModel::memoryStaysFlat()
{
    TokenListModel m(*m_backend);
    m.setWindowSize(100);
    m.setMaxCachedWindows(5);
    for (int r = 0; r < m.rowCount(); r += 7)
        QVERIFY(m.data(m.index(r, TokenListModel::NameColumn)).isValid());
    QVERIFY(m.stats().cachedWindows <= 5);
    QVERIFY(m.stats().cachedRows <= 500);
    QVERIFY(m.stats().windowLoads >= m.rowCount() / 100);
}

void TestTokenModel::itemAndIndexRoundTrip()
{
    TokenListModel m(*m_backend);
    m.setWindowSize(30);
    m.sort(TokenListModel::UserColumn, Qt::DescendingOrder);
    for (int row : {0, 29, 30, 1234, m.rowCount() - 1}) {
        const auto t = m.item(m.index(row, TokenListModel::NameColumn));
        QVERIFY(t.has_value());
        QCOMPARE(
            m.data(m.index(row, TokenListModel::NameColumn), TokenListModel::IdRole).toLongLong(),
            t->id);
        m.refresh();
        QCOMPARE(m.index(*t).row(), row);
    }
}

void TestTokenModel::displayNeverShowsASecret()
{
    // The model can only show what the store holds: hints, never the token.
    NewApiToken n;
    n.name = QStringLiteral("secret-check");
    n.scopes = {Scope::Policy};
    n.username = QStringLiteral("admin");
    n.expiresAt = Clock::now().addDays(5);
    auto created = m_f.domain->tokens.create(m_admin, n);
    QVERIFY(created.ok());
    const QString plain = created->secret.toQString();
    TokenListModel m(*m_backend);
    m.setFilter({QStringLiteral("secret-check"), {}, {}, {}});
    QCOMPARE(m.rowCount(), 1);
    for (int c = 0; c < m.columnCount(); ++c)
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole),
                         int(TokenListModel::SortRole)}) {
            const QString shown = m.data(m.index(0, c), role).toString();
            QVERIFY(!shown.contains(plain.mid(4, 20)));
        }
    QCOMPARE(m.data(m.index(0, TokenListModel::HintColumn)).toString(), created->hint);
    QCOMPARE(m.data(m.index(0, TokenListModel::StatusColumn)).toString(),
             statusTitle(TokenStatus::ExpiringSoon));
    // Created shows the time too (tokens made the same day are told apart); Expires the date.
    const ApiToken shown = *m.item(m.index(0, 0));
    QCOMPARE(m.data(m.index(0, TokenListModel::CreatedColumn)).toString(),
             LocalFormat::dateTime(shown.createdAt));
    QCOMPARE(m.data(m.index(0, TokenListModel::ExpiresColumn)).toString(),
             LocalFormat::date(shown.expiresAt));
}

QTEST_GUILESS_MAIN(TestTokenModel)
#include "tst_tokenmodel.moc"
