// SPDX-License-Identifier: MIT
#include "connectionguard.h"

#include "core/clock.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace td {

namespace {
constexpr qint64 MaxDrainBytes = 1024 * 1024;
constexpr int DrainMs = 300;

qint64 monotonicMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray rawHttpResponse(int status, const QList<std::pair<QByteArray, QByteArray>> &headers,
                           const QByteArray &contentType, const QByteArray &body)
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += httpReasonPhrase(status);
    out += "\r\n";
    for (const auto &[k, v] : headers) {
        out += k;
        out += ": ";
        out += v;
        out += "\r\n";
    }
    if (status != 204) {
        if (!contentType.isEmpty()) {
            out += "Content-Type: ";
            out += contentType;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += QByteArray::number(body.size());
        out += "\r\n";
    }
    out += "Cache-Control: no-store\r\n\r\n";
    if (status != 204)
        out += body;
    return out;
}

ConnectionGuard::ConnectionGuard(QObject *httpServer, const ServerLimits &limits, QObject *parent)
    : QObject(parent)
    , m_httpServer(httpServer)
    , m_limits(limits)
{
    m_sweep = new QTimer(this);
    m_sweep->setInterval(std::max(200, std::min(m_limits.headerTimeoutMs, 5000) / 2));
    connect(m_sweep, &QTimer::timeout, this, &ConnectionGuard::sweep);
    m_sweep->start();
}

ConnectionGuard::~ConnectionGuard() = default;

void ConnectionGuard::attach(QTcpSocket *socket)
{
    const qint64 now = monotonicMs();
    State &st = m_states[socket];
    st.lastActivityMs = now;
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_states.remove(socket); });
    if (m_states.size() > m_limits.maxConnections)
        QTimer::singleShot(0, this, [this, socket] {
            auto it = m_states.find(socket);
            if (it != m_states.end())
                reject(socket, *it, 503, "too many connections");
        });
}

void ConnectionGuard::onReadyRead(QTcpSocket *socket)
{
    auto it = m_states.find(socket);
    if (it == m_states.end())
        return;
    State &st = *it;
    const qint64 now = monotonicMs();
    st.lastActivityMs = now;
    if (st.phase == Phase::Rejected) {
        st.discarded += socket->readAll().size();
        if (st.discarded > MaxDrainBytes)
            socket->abort();
        return;
    }
    // Only the bytes the HTTP server has not read yet (its transaction keeps a partial request
    // in the buffer, past the read position).
    const QByteArray fresh = socket->peek(socket->bytesAvailable());
    feed(socket, st, fresh, now);
}

bool ConnectionGuard::feed(QTcpSocket *socket, State &st, QByteArrayView data, qint64 now)
{
    while (!data.isEmpty()) {
        if (st.phase == Phase::Body) {
            const qint64 take = std::min<qint64>(st.bodyLeft, data.size());
            st.bodyLeft -= take;
            data = data.sliced(take);
            if (st.bodyLeft == 0)
                st.phase = Phase::Head;
            continue;
        }
        if (st.head.isEmpty()) {
            // Empty lines between requests are allowed (RFC 9112 2.2).
            while (!data.isEmpty() && (data.front() == '\r' || data.front() == '\n'))
                data = data.sliced(1);
            if (data.isEmpty())
                break;
            st.headStartedMs = now;
        }
        const qsizetype searchFrom = std::max<qsizetype>(0, st.head.size() - 3);
        const qsizetype room = m_limits.maxHeaderBytes + 4 - st.head.size();
        const qsizetype take = std::min<qsizetype>(data.size(), std::max<qsizetype>(room, 0));
        st.head.append(data.first(take));
        const qsizetype end = st.head.indexOf("\r\n\r\n", searchFrom);
        if (end < 0) {
            if (st.head.size() > m_limits.maxHeaderBytes) {
                reject(socket, st, 431, "request header section too large");
                return false;
            }
            data = data.sliced(take);
            continue;
        }
        const qsizetype headLength = end + 4;
        if (headLength > m_limits.maxHeaderBytes) {
            reject(socket, st, 431, "request header section too large");
            return false;
        }
        // The bytes after the header section belong to the body (or the next request).
        const qsizetype consumedFromData = take - (st.head.size() - headLength);
        const QByteArray head = st.head.left(headLength);
        st.head.clear();
        if (!headerComplete(socket, st, head))
            return false;
        data = data.sliced(consumedFromData);
    }
    return true;
}

bool ConnectionGuard::headerComplete(QTcpSocket *socket, State &st, QByteArrayView head)
{
    qint64 contentLength = 0;
    bool seenLength = false;
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = QByteArrayView(lines[i]).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (seenLength && n != contentLength)) {
                reject(socket, st, 400, "invalid Content-Length");
                return false;
            }
            seenLength = true;
            contentLength = n;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            reject(socket, st, 411, "chunked request bodies are not accepted");
            return false;
        }
    }
    if (contentLength > m_limits.maxBodyBytes) {
        reject(socket, st, 413, "request body too large");
        return false;
    }
    st.bodyLeft = contentLength;
    st.phase = contentLength > 0 ? Phase::Body : Phase::Head;
    return true;
}

void ConnectionGuard::reject(QTcpSocket *socket, State &st, int status, const QByteArray &reason)
{
    if (st.phase == Phase::Rejected)
        return;
    st.phase = Phase::Rejected;
    st.head.clear();
    // The HTTP server never sees this connection again.
    QObject::disconnect(socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    st.discarded += socket->readAll().size();
    QJsonObject body{{QStringLiteral("error"), QStringLiteral("invalid_request")},
                     {QStringLiteral("error_description"), QString::fromLatin1(reason)}};
    QList<std::pair<QByteArray, QByteArray>> headers{{"Connection", "close"}};
    if (status == 503)
        headers.emplaceBack("Retry-After", "1");
    socket->write(rawHttpResponse(status, headers, "application/json",
                                  QJsonDocument(body).toJson(QJsonDocument::Compact)));
    socket->flush();
    if (m_log)
        m_log(socket, status, reason);
    // Read what the client is still sending for a moment, so the close does not turn into a
    // reset that destroys the answer before the client has read it.
    QTimer::singleShot(DrainMs, socket, [socket] { socket->disconnectFromHost(); });
}

void ConnectionGuard::sweep()
{
    const qint64 now = monotonicMs();
    const QList<QTcpSocket *> sockets = m_states.keys();
    for (QTcpSocket *socket : sockets) {
        auto it = m_states.find(socket);
        if (it == m_states.end())
            continue;
        State &st = *it;
        if (st.phase == Phase::Rejected)
            continue;
        const bool midRequest = !st.head.isEmpty() || st.phase == Phase::Body;
        if (midRequest && now - st.headStartedMs > m_limits.headerTimeoutMs)
            reject(socket, st, 408, "request not completed in time");
        else if (!midRequest && now - st.lastActivityMs > m_limits.idleTimeoutMs)
            socket->disconnectFromHost();
    }
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    m_guard.attach(socket);
    addPendingConnection(socket);
}

} // namespace td
