// SPDX-License-Identifier: MIT
// A webhook receiver for tests (server.webhooks, server.adminapi): a minimal HTTP/1.1 server on
// 127.0.0.1 that keeps every POST and answers with the statuses it is given; and the signature
// a receiver expects, computed with QMessageAuthenticationCode (independently of the server's).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace td::test {

/// One POST the receiver got.
struct ReceivedPost
{
    QByteArray path;
    QMap<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray body;
};

/// A minimal HTTP/1.1 receiver: answers each request with the next status of `statuses` (the
/// last one repeats) and closes the connection.
class WebhookReceiver : public QObject
{
public:
    QList<int> statuses = {200};
    QList<ReceivedPost> received;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort());
    }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        ReceivedPost r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        r.path = lines.value(0).split(' ').value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                 lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        m_buffers.remove(s);
        received << r;
        const int status = statuses.size() > 1 ? statuses.takeFirst() : statuses.value(0, 200);
        const QByteArray text = status < 300 ? "thanks" : "receiver is broken";
        s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " +
                 QByteArray::number(text.size()) + "\r\nConnection: close\r\n\r\n" + text);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

/// "sha256=<hex HMAC-SHA256(secret, body)>", as TokenDesk-Signature-256 must read.
inline QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" +
           QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

} // namespace td::test
