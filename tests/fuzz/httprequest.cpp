// SPDX-License-Identifier: MIT
// Fuzz target: tokendesk-server's request handling as a client's bytes reach it — the engine's
// one parser (Beast, with the engine's framing rules and limits) over a stream of pipelined
// requests, each request through the routes over a real SQLite store, each answer through the
// engine's serializer and the access-log writer.
// Input: the bytes a client sends on one connection.
// Invariants: no crash; every refusal is one of the engine's statuses; a request that gets
// through has no Transfer-Encoding, at most one Content-Length and a body within the limit;
// every answer is a known status with a JSON object body (none for 204), serializes to one
// HTTP/1.1 message with its Content-Length, and its access-log line is one line.
#include "fuzzinput.h"
#include "jsonanswer.h"

#include "apiserver.h"
#include "httpengine.h"
#include "routes.h"

#include "domain/domain.h"
#include "security/secret.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QTemporaryDir>

#include <memory>

using namespace td;

namespace {

struct World
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<Domain> domain;
    AuthThrottle throttle;
    QHash<QString, QByteArray> statics{{QStringLiteral("/static"), "{\"status\":\"ok\"}"}};
    std::unique_ptr<Routes> routes;

    World()
    {
        initSodium();
        auto opened =
            Store::open(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("f.sqlite"))),
                        Store::OpenMode::CreateIfMissing);
        FUZZ_ASSERT(opened.ok());
        store = std::move(opened.value());
        domain = std::make_unique<Domain>(*store);
        FUZZ_ASSERT(domain->accounts
                        .initialize(Actor::cli(QStringLiteral("fuzz")), QStringLiteral("admin"),
                                    SecretBytes(QByteArray("AdminPass#1")),
                                    QStringLiteral("Administration"))
                        .ok());
        routes = std::make_unique<Routes>(*domain, throttle, &statics);
    }
};

bool knownStatus(int s)
{
    for (int k : {200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429, 500, 503})
        if (s == k)
            return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static World world;
    ServerLimits limits;
    limits.maxBodyBytes = 1024;
    limits.maxHeaderBytes = 2048;
    QByteArrayView rest(reinterpret_cast<const char *>(data), qsizetype(size));
    for (int i = 0; i < 16 && !rest.isEmpty(); ++i) {
        const ParsedRequest parsed = parseHttpRequest(rest, limits);
        if (!parsed.request) {
            if (parsed.refusal == 0)
                break; // incomplete: a connection would wait for more
            FUZZ_ASSERT(parsed.refusal == 400 || parsed.refusal == 411 || parsed.refusal == 413 ||
                        parsed.refusal == 431);
            FUZZ_ASSERT(!parsed.reason.isEmpty());
            break; // refused: the connection closes
        }
        FUZZ_ASSERT(parsed.consumed > 0 && parsed.consumed <= rest.size());
        const HttpRequest &request = *parsed.request;
        FUZZ_ASSERT(request.headerValues("Transfer-Encoding").isEmpty());
        FUZZ_ASSERT(request.headerValues("Content-Length").size() <= 1);
        FUZZ_ASSERT(request.body.size() <= limits.maxBodyBytes);
        FUZZ_ASSERT(request.header("Content-Length").isNull() ||
                    request.header("Content-Length").toLongLong() == request.body.size());

        const HttpReply reply = world.routes->handle(request);
        FUZZ_ASSERT(knownStatus(reply.status));
        assertJsonAnswer(reply, false);
        for (const auto &[name, value] : reply.headers)
            FUZZ_ASSERT(!name.contains('\n') && !name.contains('\r') && !value.contains('\n') &&
                        !value.contains('\r'));
        const QByteArray wire = serializeHttpReply(reply, !request.keepAlive, false);
        FUZZ_ASSERT(wire.startsWith("HTTP/1.1 " + QByteArray::number(reply.status) + ' '));
        const qsizetype headEnd = wire.indexOf("\r\n\r\n");
        FUZZ_ASSERT(headEnd > 0 && wire.size() - headEnd - 4 == reply.body.size());
        const QByteArray line = ApiServer::accessLogLine(request.address, &request, reply.status, 0,
                                                         reply.body.size(), reply.logNote);
        FUZZ_ASSERT(!line.contains('\n') && !line.contains('\r'));
        rest = rest.sliced(parsed.consumed);
    }
    return 0;
}
