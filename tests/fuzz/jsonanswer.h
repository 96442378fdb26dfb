// SPDX-License-Identifier: MIT
// What every answer of the server's routes looks like, for the fuzz targets that call them.
#pragma once

#include "fuzzinput.h"
#include "httpengine.h"

#include <QJsonDocument>
#include <QJsonObject>

/// No body for 204, otherwise one JSON object; the object of a refusal (4xx) names its error
/// when `errorNamed`.
inline void assertJsonAnswer(const td::HttpReply &reply, bool errorNamed)
{
    if (reply.status == 204) {
        FUZZ_ASSERT(reply.body.isEmpty());
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body, &error);
    FUZZ_ASSERT(error.error == QJsonParseError::NoError && doc.isObject());
    if (errorNamed && reply.status >= 400 && reply.status < 500)
        FUZZ_ASSERT(doc.object().value(QStringLiteral("error")).isString());
}
