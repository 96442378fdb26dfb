// SPDX-License-Identifier: MIT
// Fuzz target: the admin API's JSON bodies and query strings (app/server/adminapi*.cpp,
// apijson.*) as a signed-in administrator sends them: each input becomes one request with the
// administrator's console credential, framed by the engine's parser (httpengine.h) and answered
// by the real routes over a real SQLite store that holds a user, a department, a user type, a
// token, a mobile session and console sign-ins to act on.
// Input: four selector bytes, the query, NUL, the body. The selector chooses the route
// (AdminApi::routes()), the method (the route's own, or another one), the path's {id} and the
// Content-Type; the query bytes follow '?' (percent-encoded where a request line cannot hold
// them), the body is sent as it is.
// Invariants: no crash; the administrator's credential is always accepted; every answer is a
// known status below 500 (no client input makes the server fail), a JSON object (none for 204),
// an error object {"error": ...} for 4xx and an Allow header for 405; a refused request (4xx)
// and any GET leave the store as it was (the tables the API changes, without the audit log, the
// sign-in throttle and last-use times). After a request that changed the store, the next input
// starts again from the same store (a copy made once), so every input meets the same rows; so
// does every input after 5,000 writes of audit rows, throttle counts and last uses.
#include "../common/admindigest.h"
#include "fuzzinput.h"
#include "jsonanswer.h"

#include "routes.h"

#include "core/permissions.h"
#include "domain/domain.h"
#include "security/passwordhasher.h"
#include "security/secret.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <memory>

using namespace td;

namespace {

const QString Address = QStringLiteral("192.0.2.7");

QByteArray storeDigest(Store &store)
{
    const QByteArray digest = adminTablesDigest(store);
    FUZZ_ASSERT(!digest.isEmpty());
    return digest;
}

/// A scratch directory in memory where there is one: the store syncs every write (SQLite
/// synchronous = FULL), which on a disk would make most of the time waiting.
QString scratchTemplate()
{
    const QString shm = QStringLiteral("/dev/shm");
    return (QFileInfo(shm).isDir() && QFileInfo(shm).isWritable() ? shm : QDir::tempPath()) +
           QStringLiteral("/tokendesk-fuzz-XXXXXX");
}

/// An export's further pages, read at once with the fuzzed domain (there is no server here).
class InlineStream : public HttpBodyStream
{
public:
    InlineStream(Domain &domain, AdminApi::Pages pages)
        : m_domain(domain)
        , m_pages(std::move(pages))
    {}
    void next(Deliver deliver) override
    {
        Piece piece;
        auto page = m_pages(m_domain, &piece.last);
        piece.failed = !page;
        if (page)
            piece.bytes = page.value();
        deliver(std::move(piece));
    }

private:
    Domain &m_domain;
    AdminApi::Pages m_pages;
};

struct World
{
    QTemporaryDir dir{scratchTemplate()};
    QString file = dir.filePath(QStringLiteral("f.sqlite"));
    QString pristine = dir.filePath(QStringLiteral("pristine.sqlite"));
    std::unique_ptr<Store> store;
    std::unique_ptr<Domain> domain;
    std::unique_ptr<AuthThrottle> throttle;
    std::unique_ptr<Routes> routes;
    AdminApi::Streams streams = [this](AdminApi::Pages pages) {
        return std::make_shared<InlineStream>(*domain, std::move(pages));
    };
    QByteArray credential; ///< the administrator's console credential (tdc_)
    QByteArray digest;     ///< storeDigest() of the pristine store

    World()
    {
        initSodium();
        // Sign-in and password routes hash (Argon2id): the same code path at the lowest cost.
        PasswordHasher::setCostForTesting(1, 8 * 1024);
        auto opened = Store::open(DatabaseLocation::sqlite(file), Store::OpenMode::CreateIfMissing);
        FUZZ_ASSERT(opened.ok());
        store = std::move(opened.value());
        domain = std::make_unique<Domain>(*store);
        const Actor cli = Actor::cli(QStringLiteral("fuzz"));
        FUZZ_ASSERT(domain->accounts
                        .initialize(cli, QStringLiteral("admin"),
                                    SecretBytes(QByteArray("AdminPass#1")),
                                    QStringLiteral("Administration"))
                        .ok());
        FUZZ_ASSERT(domain->accounts.createDepartment(cli, QStringLiteral("Sales")).ok());
        FUZZ_ASSERT(domain->accounts
                        .createUserType(cli, QStringLiteral("Auditors"), QStringLiteral("Read"),
                                        {Permission::AuditView, Scope::Collection})
                        .ok());
        NewUser n;
        n.username = QStringLiteral("stan");
        n.email = QStringLiteral("stan@example.org");
        n.department = QStringLiteral("Sales");
        n.userType = BuiltinUserType::Standard;
        n.password = SecretBytes(QByteArray("Stan-Standard#3003"));
        auto stan = domain->accounts.createUser(cli, n);
        FUZZ_ASSERT(stan.ok());
        FUZZ_ASSERT(domain->accounts
                        .setAccessCode(cli, stan->id, SecretBytes(QByteArray("Stan-Code#3003")), 90)
                        .ok());
        NewApiToken t;
        t.name = QStringLiteral("collector");
        t.scopes = QStringList{Scope::Collection};
        t.username = QStringLiteral("stan");
        t.expiresAt = QDateTime::currentDateTimeUtc().addDays(30);
        FUZZ_ASSERT(domain->tokens.create(cli, t).ok());
        FUZZ_ASSERT(domain->sessions
                        .create(QStringLiteral("stan"), SecretBytes(QByteArray("Stan-Code#3003")),
                                QStringLiteral("Pixel"), QStringLiteral("android"),
                                QStringLiteral("1.0"), Address)
                        .ok());
        FUZZ_ASSERT(domain->accounts
                        .consoleSignIn(QStringLiteral("stan"),
                                       SecretBytes(QByteArray("Stan-Standard#3003")), Address)
                        .ok());
        auto admin = domain->accounts.consoleSignIn(
            QStringLiteral("admin"), SecretBytes(QByteArray("AdminPass#1")), Address);
        FUZZ_ASSERT(admin.ok());
        credential = admin->token.secret.bytes();
        // Closing the store folds its WAL into the file: the copy is the whole store.
        domain.reset();
        store.reset();
        FUZZ_ASSERT(QFile::copy(file, pristine));
        open();
        digest = storeDigest(*store);
        reset();
        FUZZ_ASSERT(storeDigest(*store) == digest); // the copy is the whole store
    }

    void open()
    {
        auto opened = Store::open(DatabaseLocation::sqlite(file), Store::OpenMode::ExistingOnly);
        FUZZ_ASSERT(opened.ok());
        store = std::move(opened.value());
        domain = std::make_unique<Domain>(*store);
        throttle = std::make_unique<AuthThrottle>();
        routes = std::make_unique<Routes>(*domain, *throttle, nullptr, &streams);
    }

    /// Back to the pristine store.
    void reset()
    {
        routes.reset();
        domain.reset();
        store.reset();
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(file + QLatin1String(suffix));
        FUZZ_ASSERT(QFile::copy(pristine, file));
        QFile(file).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        open();
    }

    /// Rows changed through the store's connection so far (SQLite's total_changes()): cheap,
    /// so the digest is taken only when something was written.
    qint64 changes()
    {
        auto r = store->read(
            [&] { return store->scalar(QStringLiteral("SELECT total_changes()")).toLongLong(); });
        FUZZ_ASSERT(r.ok());
        return r.value();
    }
};

bool knownStatus(int s)
{
    for (int k : {200, 201, 204, 400, 403, 404, 405, 409, 413, 415, 429})
        if (s == k)
            return true;
    return false;
}

/// The query bytes as a request line carries them: visible ASCII as it is (malformed escapes
/// included), anything else percent-encoded.
QByteArray queryPart(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes) {
        const auto u = quint8(c);
        if (u > 0x20 && u < 0x7f && c != '#')
            out += c;
        else
            out += '%' + QByteArray::number(u, 16).rightJustified(2, '0').toUpper();
    }
    return out;
}

QByteArray idSegment(quint8 b)
{
    switch (b) {
    case 0xfd:
        return "9007199254740993"; // 16 digits: no {id}
    case 0xfe:
        return "999999999999999"; // 15 digits: the largest {id}
    case 0xff:
        return "01";
    default:
        return QByteArray::number(b % 16); // 0 is no {id}; the fixture's rows have small ids
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static World world;
    // Four selector bytes (missing ones are 0), then the query, a NUL, the body (which may
    // hold NULs).
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto byte = [&](qsizetype i) {
        return i < input.size() ? quint8(input[i]) : 0;
    };
    const QByteArray rest = input.mid(4);
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray query = nul < 0 ? rest : rest.left(nul);
    const QByteArray body = nul < 0 ? QByteArray() : rest.mid(nul + 1);

    const auto &table = AdminApi::routes();
    const AdminApi::Route &route = table[byte(0) % table.size()];
    QByteArray method = route.method;
    if (byte(1) >= 0xf0) {
        static const char *const others[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        method = others[(byte(1) & 0x0f) % 6];
    }
    QByteArray target = QByteArray(route.path).replace("{id}", idSegment(byte(2)));
    if (!query.isEmpty())
        target += '?' + queryPart(query);
    static const char *const types[] = {"application/json", "application/json; charset=utf-8",
                                        nullptr, "text/plain", "application/x-www-form-urlencoded"};
    const char *type = types[byte(3) % 5];

    QByteArray wire = method + ' ' + target + " HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer " +
                      world.credential + "\r\n";
    if (type)
        wire += "Content-Type: " + QByteArray(type) + "\r\n";
    if (!body.isEmpty() || method != "GET")
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    wire += "\r\n" + body;
    ServerLimits limits;
    const ParsedRequest parsed = parseHttpRequest(wire, limits);
    if (!parsed.request)
        return 0; // the engine refuses it before any route (httprequest fuzzes that)
    HttpRequest request = *parsed.request;
    request.address = Address;

    const qint64 before = world.changes();
    const HttpReply reply = world.routes->handle(request);
    FUZZ_ASSERT(knownStatus(reply.status));
    if (reply.contentType.startsWith("text/csv")) // an export: a header line at least
        FUZZ_ASSERT(reply.status == 200 && reply.body.endsWith("\r\n"));
    else
        assertJsonAnswer(reply, true);
    if (reply.status == 405) {
        bool allow = false;
        for (const auto &[name, value] : reply.headers)
            allow = allow || (name == "Allow" && !value.isEmpty());
        FUZZ_ASSERT(allow);
    }
    const qint64 after = world.changes();
    if (after != before && storeDigest(*world.store) != world.digest) {
        FUZZ_ASSERT(reply.status < 400 && method != "GET");
        world.reset();
    } else if (after > 5000) {
        world.reset(); // audit rows and throttle counts pile up; the lists would slow down
    }
    return 0;
}
