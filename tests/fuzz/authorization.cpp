// SPDX-License-Identifier: MIT
// Fuzz target: the Authorization header parser of the HTTP API (RequestParse::findBearer) and
// the writers of its answers (WWW-Authenticate quoted-string, the JSON answer writer).
// Input: URL \0 Content-Type \0 body \0 Authorization header values (\0 separated).
// Invariants: no crash; a token is accepted only from exactly one "Bearer <token>" header and
// is that header's token; "Bearer " + t round-trips for every t without white space; the
// challenge text and the JSON answers are well-formed whatever the text in them.
#include "fuzzinput.h"

#include "requestparse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace td::RequestParse;

namespace {

bool hasWhiteSpace(const QByteArray &b)
{
    for (char c : b)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
            return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<QByteArray> p = tdfuzz::parts(data, size, 3);
    const QUrl url(QString::fromUtf8(p[0]));
    const QByteArray contentType = p[1];
    const QByteArray body = p[2];
    const QList<QByteArray> headers = p.mid(3);

    const BearerCredentials found = findBearer(headers, url, contentType, body);
    FUZZ_ASSERT(found.headerCount == headers.size());
    if (headers.size() > 1)
        FUZZ_ASSERT(found.problem == BearerProblem::SeveralHeaders);
    if (found.problem == BearerProblem::None) {
        FUZZ_ASSERT(headers.size() == 1);
        FUZZ_ASSERT(!found.token.isEmpty());
        FUZZ_ASSERT(!found.token.contains(' ') && !found.token.contains('\t'));
        const QByteArray h = headers.first().trimmed();
        FUZZ_ASSERT(h.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0);
        FUZZ_ASSERT(h.endsWith(found.token));
    } else {
        FUZZ_ASSERT(found.token.isEmpty());
    }

    const QByteArray type = mediaType(contentType);
    FUZZ_ASSERT(!type.contains(';') && type == type.toLower() && type == type.trimmed());

    // format then parse: a token without white space in one header comes back unchanged.
    const QByteArray t = p.size() > 3 ? p[3] : p[2];
    if (!t.isEmpty() && !hasWhiteSpace(t)) {
        const BearerCredentials back =
            findBearer({"Bearer " + t}, QUrl(QStringLiteral("/api/v1/me")), {}, {});
        FUZZ_ASSERT(back.problem == BearerProblem::None && back.token == t);
        const BearerCredentials lower =
            findBearer({"  bearer \t" + t + " "}, QUrl(QStringLiteral("/api/v1/me")), {}, {});
        FUZZ_ASSERT(lower.problem == BearerProblem::None && lower.token == t);
    }

    // The challenge's quoted-string: one pair of quotes, nothing to escape inside.
    const QString text = QString::fromUtf8(body);
    const QByteArray q = quotedString(text);
    FUZZ_ASSERT(q.size() >= 2 && q.startsWith('"') && q.endsWith('"'));
    for (qsizetype i = 1; i + 1 < q.size(); ++i) {
        const uchar c = uchar(q[i]);
        FUZZ_ASSERT(c != '"' && c != '\\' && c >= 0x20 && c != 0x7f);
    }

    // The JSON answer writer: whatever the strings, the answer parses back to them.
    QStringList list;
    for (const QByteArray &b : p)
        list << QString::fromUtf8(b);
    const qint64 n = qint64(tdfuzz::number(p[0]));
    const QByteArray json = JsonOut()
                                .str("text", text)
                                .latin("kind", "api_token")
                                .num("n", n)
                                .boolean("b", (n & 1) != 0)
                                .list("list", list)
                                .time("never", QDateTime())
                                .done();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    FUZZ_ASSERT(error.error == QJsonParseError::NoError && doc.isObject());
    const QJsonObject o = doc.object();
    FUZZ_ASSERT(o.value(QLatin1String("text")).toString() == text);
    FUZZ_ASSERT(o.value(QLatin1String("kind")).toString() == QLatin1String("api_token"));
    FUZZ_ASSERT(o.value(QLatin1String("b")).toBool() == ((n & 1) != 0));
    FUZZ_ASSERT(o.value(QLatin1String("never")).isNull());
    const QJsonArray a = o.value(QLatin1String("list")).toArray();
    FUZZ_ASSERT(a.size() == list.size());
    for (qsizetype i = 0; i < list.size(); ++i)
        FUZZ_ASSERT(a.at(i).toString() == list[i]);
    // Numbers: QJsonDocument keeps 53 bits exactly.
    if (n > -(1LL << 53) && n < (1LL << 53))
        FUZZ_ASSERT(o.value(QLatin1String("n")).toInteger() == n);

    // Times in the answers: ISO 8601 UTC that reads back as the same second.
    const qint64 secs = qint64(tdfuzz::number(p[1]) % 253402300800ULL); // up to 9999-12-31
    const QDateTime when = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    const QByteArray iso = isoUtc(when);
    FUZZ_ASSERT(iso.size() == 20 && iso.endsWith('Z'));
    FUZZ_ASSERT(QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate) == when);
    return 0;
}
