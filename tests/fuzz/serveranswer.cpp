// SPDX-License-Identifier: MIT
// Fuzz target: the console's reading of server answers (RecordJson's strict readers, as
// HttpBackend uses them). Input: one JSON document, read as every kind of record, as a window
// and a list of each, and as an error answer.
// Invariants: no crash; a refusal is Errc::Internal with a message; whatever is accepted writes
// back (RecordJson's writers) to JSON that reads again to the same JSON (one spelling both
// ways); an error answer always maps to a domain error with a message.
#include "fuzzinput.h"

#include "client/recordjson.h"

#include <QJsonDocument>

using namespace td;
namespace RJ = td::RecordJson;

namespace {

template<typename T, typename Write>
void roundTrip(const QJsonObject &o, Result<T> (*read)(const QJsonObject &), Write write)
{
    Result<T> r = read(o);
    if (!r) {
        FUZZ_ASSERT(r.code() == Errc::Internal);
        FUZZ_ASSERT(!r.error().message.isEmpty());
        return;
    }
    const QJsonObject written = write(r.value());
    Result<T> again = read(written);
    FUZZ_ASSERT(again.ok());
    FUZZ_ASSERT(write(again.value()) == written);
}

template<typename T> void lists(const QJsonObject &o, Result<T> (*read)(const QJsonObject &))
{
    auto w = RJ::window<T>(o, read);
    FUZZ_ASSERT(w.ok() || (w.code() == Errc::Internal && !w.error().message.isEmpty()));
    if (w)
        FUZZ_ASSERT(w->rows.size() == o.value(QStringLiteral("rows")).toArray().size());
    auto l = RJ::rows<T>(o, read);
    FUZZ_ASSERT(l.ok() || (l.code() == Errc::Internal && !l.error().message.isEmpty()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    const qint64 now = 1767225600000; // the "active" of a console sign-in is written, not read

    roundTrip<ApiToken>(o, RJ::token, [](const ApiToken &t) { return RJ::token(t); });
    roundTrip<MobileSession>(o, RJ::session, [](const MobileSession &s) { return RJ::session(s); });
    roundTrip<User>(o, RJ::user, [](const User &u) { return RJ::user(u); });
    roundTrip<Department>(o, RJ::department, [](const Department &d) { return RJ::department(d); });
    roundTrip<UserType>(o, RJ::userType, [](const UserType &t) { return RJ::userType(t); });
    roundTrip<AuditEntry>(o, RJ::auditEntry, [](const AuditEntry &e) { return RJ::auditEntry(e); });
    roundTrip<ConsoleSignIn>(o, RJ::consoleSignIn,
                             [now](const ConsoleSignIn &s) { return RJ::consoleSignIn(s, now); });
    roundTrip<StoreSettings>(o, RJ::settings,
                             [](const StoreSettings &s) { return RJ::settings(s); });
    roundTrip<Tenant>(o, RJ::tenant, [](const Tenant &t) { return RJ::tenant(t); });
    roundTrip<DisableResult>(o, RJ::disableResult,
                             [](const DisableResult &r) { return RJ::disableResult(r); });
    roundTrip<TokenOwnerCounts>(o, RJ::tokenOwnerCounts,
                                [](const TokenOwnerCounts &c) { return RJ::tokenOwnerCounts(c); });
    roundTrip<Overview>(o, RJ::overview, [](const Overview &v) { return RJ::overview(v); });

    lists<ApiToken>(o, RJ::token);
    lists<MobileSession>(o, RJ::session);
    lists<User>(o, RJ::user);
    lists<AuditEntry>(o, RJ::auditEntry);
    lists<ConsoleSignIn>(o, RJ::consoleSignIn);

    for (int status : {400, 401, 403, 404, 409, 429, 500, 503, 418}) {
        const Error e = RJ::readError(status, o, int(size));
        FUZZ_ASSERT(e.code != Errc::Ok);
        FUZZ_ASSERT(!e.message.isEmpty());
        FUZZ_ASSERT(e.code != Errc::Throttled || e.retryAfterSeconds >= 1);
        FUZZ_ASSERT(status != 401 || e.code == Errc::AuthenticationFailed);
    }
    return 0;
}
