// SPDX-License-Identifier: MIT
// Fuzz target: the body of POST /api/v1/mobile/sessions (RequestParse::parseSessionRequest).
// Input: Content-Type \0 body \0 five field texts for the round trip.
// Invariants: no crash; an accepted request has five non-blank strings; a missing field is
// named; a JSON object built from five texts comes back unchanged, or names the first blank.
#include "fuzzinput.h"

#include "requestparse.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace td::RequestParse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = tdfuzz::parts(data, size, 7);
    const QStringList fields = sessionRequestFields();

    const SessionRequest r = parseSessionRequest(p[0], p[1]);
    if (mediaType(p[0]) != "application/json")
        FUZZ_ASSERT(r.problem == BodyProblem::UnsupportedType);
    if (r.problem == BodyProblem::None) {
        for (const QString *s :
             {&r.username, &r.accessCode, &r.deviceName, &r.platform, &r.appVersion})
            FUZZ_ASSERT(!s->trimmed().isEmpty());
    } else {
        FUZZ_ASSERT(r.username.isEmpty() && r.accessCode.isEmpty());
    }
    if (r.problem == BodyProblem::RepeatedField)
        FUZZ_ASSERT(!r.field.isNull() && r.field == repeatedMemberName(p[1]).left(100));
    else
        FUZZ_ASSERT((r.problem == BodyProblem::MissingField) == fields.contains(r.field));

    // format then parse
    QStringList values;
    QJsonObject o;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        values << QString::fromUtf8(p[2 + i]);
        o.insert(fields[i], values.last());
    }
    o.insert(QStringLiteral("extra"), QStringLiteral("ignored"));
    const SessionRequest back =
        parseSessionRequest("application/json; charset=utf-8", QJsonDocument(o).toJson());
    qsizetype blank = -1;
    for (qsizetype i = 0; i < values.size() && blank < 0; ++i)
        if (values[i].trimmed().isEmpty())
            blank = i;
    if (blank >= 0) {
        FUZZ_ASSERT(back.problem == BodyProblem::MissingField && back.field == fields[blank]);
    } else {
        FUZZ_ASSERT(back.problem == BodyProblem::None);
        FUZZ_ASSERT(back.username == values[0] && back.accessCode == values[1] &&
                    back.deviceName == values[2] && back.platform == values[3] &&
                    back.appVersion == values[4]);
    }
    return 0;
}
