// SPDX-License-Identifier: MIT
// Fuzz target: the body of POST /api/v1/introspect (RequestParse::parseIntrospectRequest).
// Input: Content-Type \0 body \0 a token text for the round trip.
// Invariants: no crash; only form and JSON bodies are taken; a token is never empty; a token
// sent form-encoded (RFC 7662 2.1, percent-encoded) or as JSON comes back byte for byte.
#include "fuzzinput.h"

#include "requestparse.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace td::RequestParse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = tdfuzz::parts(data, size, 3);
    const IntrospectRequest r = parseIntrospectRequest(p[0], p[1]);
    const QByteArray type = mediaType(p[0]);
    const bool known = type == "application/x-www-form-urlencoded" || type == "application/json";
    FUZZ_ASSERT((r.problem == BodyProblem::UnsupportedType) == !known);
    FUZZ_ASSERT(r.problem == BodyProblem::None || r.problem == BodyProblem::UnsupportedType ||
                r.problem == BodyProblem::MissingField ||
                (r.problem == BodyProblem::RepeatedField && type == "application/json" &&
                 !repeatedMemberName(p[1]).isNull()));
    FUZZ_ASSERT((r.problem == BodyProblem::None) == !r.token.isEmpty());

    // format then parse. The text is what a client can send: valid UTF-8 (invalid bytes become
    // U+FFFD on the way in, as they do for the server).
    const QByteArray token = QString::fromUtf8(p[2]).toUtf8();
    if (!token.isEmpty()) {
        const QByteArray form = "token=" + token.toPercentEncoding() + "&token_type_hint=x";
        const IntrospectRequest f =
            parseIntrospectRequest("Application/X-WWW-Form-URLEncoded; charset=utf-8", form);
        FUZZ_ASSERT(f.problem == BodyProblem::None && f.token == token);

        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("token"), QString::fromUtf8(token)}})
                .toJson();
        const IntrospectRequest j = parseIntrospectRequest("application/json", json);
        FUZZ_ASSERT(j.problem == BodyProblem::None && j.token == token);
    }
    return 0;
}
