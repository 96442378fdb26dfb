// SPDX-License-Identifier: MIT
// tokendesk-server against a hostile client, on loopback: request smuggling and framing tricks,
// bodies and heads over the limits, 10,000 pipelined requests, slow heads, slow bodies, a client
// that never reads, hundreds of idle connections from one address, TLS connections that never
// finish their handshake. After each attack a normal client (from another loopback address) must
// still get its answer within 1 s, and the server's resident memory must be under 100 MB.
#include "serverharness.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace td;
using namespace td::test;

namespace {

constexpr int NormalClientMs = 1000;
#ifdef __SANITIZE_ADDRESS__
// Built with AddressSanitizer (scripts/test --sanitize, and the server under test with it): its
// shadow memory, redzones and per-thread caches count too, so the sanitized run looks for memory
// errors under the attacks with room for them; the 100 MB limit is the normal build's.
constexpr qint64 MaxRssKb = 128 * 1024;
#else
constexpr qint64 MaxRssKb = 100 * 1024;
#endif

const QByteArray Healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

qint64 rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

int countAnswers(const QByteArray &in)
{
    return int(in.count("HTTP/1.1 "));
}

} // namespace

class TestAttacks : public QObject
{
    Q_OBJECT

private:
    Fixture m_f;
    std::unique_ptr<ServerProcess> m_server;
    QString m_certDir;

    bool startServer(const QStringList &extra = {})
    {
        m_server = std::make_unique<ServerProcess>();
        QString why;
        if (!m_server->start(m_f.db->spec(),
                             QStringList{QStringLiteral("--request-timeout"), QStringLiteral("2"),
                                         QStringLiteral("--idle-timeout"), QStringLiteral("5"),
                                         QStringLiteral("--max-connections-per-address"),
                                         QStringLiteral("20")} +
                                 extra,
                             &why)) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        return true;
    }

    bool startTlsServer()
    {
        return startServer(
            {QStringLiteral("--tls-cert"), m_certDir + QStringLiteral("test-cert.pem"),
             QStringLiteral("--tls-key"), m_certDir + QStringLiteral("test-key.pem")});
    }
    QSslConfiguration trustingTestCertificate() const
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setCaCertificates(
            QSslCertificate::fromPath(m_certDir + QStringLiteral("test-cert.pem")));
        return conf;
    }

    /// A plain client from 127.0.0.2 asks GET /healthz; true when the whole 200 answer arrived
    /// within NormalClientMs.
    bool normalClientAnswered()
    {
        const int fd = connectFrom("127.0.0.2", m_server->port());
        if (fd < 0)
            return false;
        QElapsedTimer t;
        t.start();
        QByteArray in;
        bool ok = sendAll(fd, Healthz, NormalClientMs);
        while (ok && !in.contains("{\"status\":\"ok\"}") && t.elapsed() < NormalClientMs)
            ok = readSome(fd, &in, int(NormalClientMs - t.elapsed()));
        ::close(fd);
        if (!in.startsWith("HTTP/1.1 200 ") || !in.contains("{\"status\":\"ok\"}")) {
            qWarning("normal client got \"%s\" after %lld ms", in.left(200).constData(),
                     t.elapsed());
            return false;
        }
        return true;
    }

    void verifyStillServing()
    {
        QVERIFY(normalClientAnswered());
        const qint64 rss = rssKb(m_server->pid());
        QVERIFY2(rss > 0 && rss < MaxRssKb, qPrintable(QStringLiteral("RSS %1 kB").arg(rss)));
        qInfo("server RSS after the attack: %lld kB", rss);
    }

    /// One connection: sends bytes, reads until the server closes it (or 5 s).
    QByteArray exchange(const QByteArray &bytes, bool *closed = nullptr)
    {
        const int fd = connectFrom("127.0.0.1", m_server->port());
        if (fd < 0)
            return {};
        sendAll(fd, bytes);
        QByteArray in;
        QElapsedTimer t;
        t.start();
        bool open = true;
        while (open && t.elapsed() < 5000)
            open = readSome(fd, &in, 100);
        ::close(fd);
        if (closed)
            *closed = !open;
        return in;
    }

private Q_SLOTS:
    void initTestCase()
    {
        setLoggingEnvironment(); // the servers started here log everything for the leak scan
        // Under AddressSanitizer (scripts/test --sanitize) freed memory waits in a quarantine of
        // up to 256 MB, which would count as the server's memory: keep it small for the
        // servers started here. A server built without ASan ignores this.
        qputenv("ASAN_OPTIONS", qgetenv("ASAN_OPTIONS") +
                                    ":quarantine_size_mb=8:thread_local_quarantine_size_kb=64");
        m_certDir = qEnvironmentVariable("TD_SOURCE_DIR") + QStringLiteral("/tests/server/data/");
    }
    void init()
    {
        m_f = makeFixture();
        QVERIFY2(m_f.ok(), qPrintable(m_f.error));
        QVERIFY(startServer());
    }
    void cleanup()
    {
        m_server.reset();
        m_f = Fixture();
    }

    void smuggling_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        const QByteArray next = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray post = "POST /api/v1/introspect HTTP/1.1\r\nHost: x\r\n";
        QTest::newRow("space before colon")
            << "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length : 16000\r\n\r\n" + next +
                   "POST /api/v1/introspect HTTP/1.1\r\nHost: x\r\nContent-Length: "
                   "150000000\r\n\r\n" +
                   QByteArray(4000, 'a')
            << QByteArray("400");
        QTest::newRow("tab before colon")
            << post + "Content-Length\t: 5\r\n\r\nhello" + next << QByteArray("400");
        QTest::newRow("Content-Length then Transfer-Encoding")
            << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + next
            << QByteArray("400");
        QTest::newRow("Transfer-Encoding then Content-Length")
            << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + next
            << QByteArray("400");
        QTest::newRow("Transfer-Encoding gzip with Content-Length")
            << post + "Transfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello" + next
            << QByteArray("400");
        QTest::newRow("Transfer-Encoding gzip, chunked")
            << post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + next
            << QByteArray("400");
        QTest::newRow("Transfer-Encoding twice")
            << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
                   next
            << QByteArray("400");
        QTest::newRow("Transfer-Encoding folded")
            << post + "Content-Length: 5\r\nTransfer-Encoding:\r\n chunked\r\n\r\nhello" + next
            << QByteArray("400");
        QTest::newRow("chunked alone")
            << post + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + next << QByteArray("411");
        QTest::newRow("duplicate Content-Length")
            << post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello" + next
            << QByteArray("400");
        QTest::newRow("differing Content-Length")
            << post + "Content-Length: 5\r\nContent-Length: 40\r\n\r\nhello" + next
            << QByteArray("400");
        QTest::newRow("Content-Length list")
            << post + "Content-Length: 5, 5\r\n\r\nhello" + next << QByteArray("400");
        QTest::newRow("Content-Length sign")
            << post + "Content-Length: +5\r\n\r\nhello" + next << QByteArray("400");
        QTest::newRow("Content-Length negative")
            << post + "Content-Length: -1\r\n\r\n" + next << QByteArray("400");
        QTest::newRow("Content-Length hex")
            << post + "Content-Length: 0x5\r\n\r\nhello" + next << QByteArray("400");
        QTest::newRow("bare LF") << QByteArray("GET /healthz HTTP/1.1\nHost: x\n\n") + next
                                 << QByteArray("400");
        QTest::newRow("bare LF ends the head")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n\n") + next << QByteArray("400");
        QTest::newRow("NUL in a header")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a") + QByteArray(1, '\0') +
                   "b\r\n\r\n" + next
            << QByteArray("400");
        QTest::newRow("HTTP/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") + next << QByteArray("400");
    }

    void smuggling()
    {
        // Refused with 400 (411 for a plain chunked body), one answer only, and the connection
        // closed: the bytes after the head are never read as another request.
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        bool closed = false;
        const QByteArray in = exchange(request, &closed);
        QVERIFY2(in.startsWith("HTTP/1.1 " + status + ' '), in.left(300).constData());
        QCOMPARE(countAnswers(in), 1);
        QVERIFY(in.contains("Connection: close"));
        QVERIFY(closed);
        verifyStillServing();
    }

    void obsFoldIsHandledByTheParser()
    {
        // RFC 9112 5.2: obs-fold in a request is refused or replaced by spaces; Beast's parser
        // replaces it, so the folded header is one header and the request is answered once.
        bool closed = false;
        const QByteArray in =
            exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\nConnection: "
                     "close\r\n\r\n",
                     &closed);
        QVERIFY2(in.startsWith("HTTP/1.1 200 ") || in.startsWith("HTTP/1.1 400 "),
                 in.left(200).constData());
        QCOMPARE(countAnswers(in), 1);
        verifyStillServing();
    }

    void bodyOverTheLimit()
    {
        // 150 MB announced and sent: refused at the head with 413, never buffered.
        const int fd = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(fd >= 0);
        QVERIFY(sendAll(fd,
                        "POST /api/v1/introspect HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        "application/x-www-form-urlencoded\r\nContent-Length: 150000000\r\n\r\n"));
        const QByteArray chunk(64 * 1024, 'a');
        QByteArray in;
        bool open = true;
        qint64 sent = 0;
        while (open && sent < 150000000 && !in.contains("\r\n\r\n")) {
            if (!sendAll(fd, chunk, 2000))
                break;
            sent += chunk.size();
            open = readSome(fd, &in, 0);
        }
        QElapsedTimer t;
        t.start();
        while (open && t.elapsed() < 3000)
            open = readSome(fd, &in, 100);
        ::close(fd);
        QVERIFY2(in.startsWith("HTTP/1.1 413 "), in.left(200).constData());
        QVERIFY2(sent < 150000000, "the server read the whole body");
        QVERIFY(!open);
        QTRY_VERIFY(m_server->log().contains("413 0B 0.00ms refused: request body too large"));
        verifyStillServing();
    }

    void headersOverTheLimit()
    {
        QByteArray in = exchange(
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(9000, 'p') + "\r\n\r\n");
        QVERIFY2(in.startsWith("HTTP/1.1 431 "), in.left(200).constData());
        QByteArray many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 1000; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        in = exchange(many + "\r\n");
        QVERIFY2(in.startsWith("HTTP/1.1 431 "), in.left(200).constData());
        // A head that never ends is cut at the limit too, not buffered.
        in = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Endless: " + QByteArray(200000, 'e'));
        QVERIFY2(in.startsWith("HTTP/1.1 431 "), in.left(200).constData());
        // Under the limit, in a pipeline, 5 KB of headers are fine.
        const QByteArray fiveKb =
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(5000, 'p') + "\r\n\r\n";
        in = exchange(fiveKb + fiveKb +
                      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(countAnswers(in), 3);
        QCOMPARE(in.count("HTTP/1.1 200 "), 3);
        verifyStillServing();
    }

    void tenThousandPipelinedRequests()
    {
        // Sent in one go while the answers are read: every one is answered, in order.
        const int n = 10000;
        QByteArray all;
        for (int i = 0; i < n - 1; ++i)
            all += Healthz;
        all += "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const int fd = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(fd >= 0);
        QElapsedTimer t;
        t.start();
        QByteArray in;
        qsizetype sent = 0;
        bool open = true;
        while (open && t.elapsed() < 60000) {
            if (sent < all.size()) {
                const ssize_t k =
                    ::send(fd, all.constData() + sent, size_t(all.size() - sent), MSG_NOSIGNAL);
                if (k > 0)
                    sent += k;
            }
            open = readSome(fd, &in, 10);
        }
        ::close(fd);
        QCOMPARE(sent, all.size());
        QCOMPARE(in.count("HTTP/1.1 200 "), n);
        qInfo("%d pipelined requests answered in %lld ms", n, t.elapsed());
        verifyStillServing();
    }

    void slowHead()
    {
        // One byte every 250 ms: the head has 2 s in all (--request-timeout), however steadily
        // the bytes come, then 408 and close — long before the head is complete.
        const QByteArray head =
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(100, 's') + "\r\n\r\n";
        const int fd = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(fd >= 0);
        QByteArray in;
        bool open = true;
        qsizetype sent = 0;
        while (open && sent < head.size()) {
            if (::send(fd, head.constData() + sent, 1, MSG_NOSIGNAL) == 1)
                ++sent;
            open = readSome(fd, &in, 250);
            if (sent == 20)
                QVERIFY(normalClientAnswered()); // meanwhile
        }
        for (int i = 0; open && i < 20; ++i)
            open = readSome(fd, &in, 100);
        ::close(fd);
        QVERIFY2(in.startsWith("HTTP/1.1 408 "), in.left(200).constData());
        QVERIFY(!open);
        QVERIFY2(sent < head.size(), "the whole head was accepted");

        // A kept-alive connection that sends an empty line now and then is cut the same way.
        const int idle = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(idle >= 0);
        QVERIFY(sendAll(idle, Healthz));
        in.clear();
        open = true;
        int crlfs = 0;
        while (open && crlfs < 40) {
            if (::send(idle, "\r\n", 2, MSG_NOSIGNAL) == 2)
                ++crlfs;
            open = readSome(idle, &in, 250);
        }
        ::close(idle);
        QVERIFY2(!open, "empty lines kept a connection open");
        QVERIFY(crlfs < 40);
        verifyStillServing();
    }

    void slowBody()
    {
        const int fd = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(fd >= 0);
        QVERIFY(sendAll(fd, "POST /api/v1/introspect HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"));
        QByteArray in;
        bool open = true;
        int sent = 0;
        while (open && sent < 100) {
            if (::send(fd, "a", 1, MSG_NOSIGNAL) == 1)
                ++sent;
            open = readSome(fd, &in, 250);
        }
        for (int i = 0; open && i < 20; ++i)
            open = readSome(fd, &in, 100);
        ::close(fd);
        QVERIFY2(in.startsWith("HTTP/1.1 408 "), in.left(200).constData());
        QVERIFY(sent < 100);
        verifyStillServing();
    }

    void slowReader()
    {
        // Requests without end, answers never read: the server resets the connection at its
        // write deadline (2 s, --request-timeout); a plain close would queue its FIN behind the
        // unsent answers, which this client would never see. How many answers fit in the
        // kernel's buffers before the server's writes stall depends on the machine (tcp_wmem
        // autotuning), so the test budgets no time for that: it sends a clean stream of whole
        // requests until the server stops taking bytes, and from then on the server must reset
        // within 10 s. Its memory stays bounded meanwhile.
        const int fd = connectFrom("127.0.0.1", m_server->port());
        QVERIFY(fd >= 0);
        int small = 4096;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        QByteArray batch;
        for (int i = 0; i < 1000; ++i)
            batch += Healthz;
        QElapsedTimer total;
        total.start();
        QElapsedTimer stalled; // since the last byte the server took
        stalled.start();
        bool open = true;
        bool askedMeanwhile = false;
        qint64 sent = 0;
        qsizetype offset = 0; // into batch: a partial send is continued, never restarted
        qint64 stalledMs = 0;
        while (open && total.elapsed() < 120000 && stalled.elapsed() < 10000) {
            const ssize_t k =
                ::send(fd, batch.constData() + offset, size_t(batch.size() - offset), MSG_NOSIGNAL);
            if (k > 0) {
                sent += k;
                offset = (offset + k) % batch.size();
                stalled.restart();
            } else if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                open = false;
            } else {
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, 100);
                pollfd r{fd, POLLRDHUP, 0}; // closed by the server: EOF or an error
                if (::poll(&r, 1, 0) > 0 && (r.revents & (POLLRDHUP | POLLERR | POLLHUP)))
                    open = false;
            }
            if (!open)
                stalledMs = stalled.elapsed();
            if (!askedMeanwhile && total.elapsed() > 1000) {
                askedMeanwhile = true;
                QVERIFY(normalClientAnswered()); // served meanwhile
                const qint64 rss = rssKb(m_server->pid());
                QVERIFY2(rss > 0 && rss < MaxRssKb,
                         qPrintable(QStringLiteral("RSS %1 kB").arg(rss)));
            }
        }
        ::close(fd);
        qInfo("sent %lld bytes of requests in %lld ms; closed %lld ms after the server stopped "
              "taking bytes",
              sent, total.elapsed(), stalledMs);
        QVERIFY2(!open, "the server kept a connection whose client never reads");
        QVERIFY2(sent > 0, "nothing was sent: the attack did not happen");
        verifyStillServing();
    }

    void idleConnectionsFromOneAddress()
    {
        // 300 connections from 127.0.0.1 that send nothing: 20 are held (until the request
        // deadline), the rest answered 429 and closed; other addresses are served meanwhile.
        QList<int> fds;
        for (int i = 0; i < 300; ++i) {
            const int fd = connectFrom("127.0.0.1", m_server->port());
            QVERIFY(fd >= 0);
            fds << fd;
        }
        QVERIFY(normalClientAnswered());
        int refused = 0;
        QElapsedTimer t;
        t.start();
        for (int fd : std::as_const(fds)) {
            QByteArray in;
            readSome(fd, &in, 20);
            if (in.startsWith("HTTP/1.1 429 ") && in.contains("Retry-After: 1"))
                ++refused;
        }
        QVERIFY2(refused >= 270, qPrintable(QString::number(refused)));
        verifyStillServing();
        for (int fd : std::as_const(fds))
            ::close(fd);
        QTRY_VERIFY(m_server->log().contains("refused: too many connections from this address"));
    }

    void tlsHandshakesNeverFinished()
    {
        QVERIFY(startTlsServer());
        const QSslConfiguration conf = trustingTestCertificate();
        auto tlsClient = [&](const char *source, QByteArray *answer) {
            QSslSocket s;
            s.setSslConfiguration(conf);
            s.bind(QHostAddress(QString::fromLatin1(source)));
            QElapsedTimer t;
            t.start();
            s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
            if (!s.waitForEncrypted(NormalClientMs))
                return false;
            s.write(Healthz);
            while (!answer->contains("{\"status\":\"ok\"}") && t.elapsed() < NormalClientMs &&
                   s.waitForReadyRead(int(NormalClientMs - t.elapsed())))
                *answer += s.readAll();
            return answer->startsWith("HTTP/1.1 200 ");
        };
        // 100 TCP connections that never send a ClientHello.
        QList<int> fds;
        for (int i = 0; i < 100; ++i) {
            const int fd = connectFrom("127.0.0.1", m_server->port());
            QVERIFY(fd >= 0);
            fds << fd;
        }
        QByteArray answer;
        QVERIFY(tlsClient("127.0.0.2", &answer));
        QVERIFY(answer.contains("Strict-Transport-Security: max-age="));
        // The handshake deadline (2 s) ends them; the listener never stopped accepting: a TLS
        // client from the very address of the idle connections is served afterwards.
        for (int fd : std::as_const(fds)) {
            QByteArray in;
            bool open = true;
            QElapsedTimer t;
            t.start();
            while (open && t.elapsed() < 5000)
                open = readSome(fd, &in, 100);
            QVERIFY(!open);
            ::close(fd);
        }
        answer.clear();
        QVERIFY(tlsClient("127.0.0.1", &answer));
        const qint64 rss = rssKb(m_server->pid());
        QVERIFY2(rss > 0 && rss < MaxRssKb, qPrintable(QString::number(rss)));
    }

    void tlsOnlyModernAead()
    {
        QVERIFY(startTlsServer());
        const QSslConfiguration conf = trustingTestCertificate();
        // A CBC suite over TLS 1.2 is refused.
        QSslConfiguration cbc = conf;
        cbc.setProtocol(QSsl::TlsV1_2);
        cbc.setCiphers({QSslCipher(QStringLiteral("ECDHE-RSA-AES128-SHA")),
                        QSslCipher(QStringLiteral("AES128-SHA"))});
        QSslSocket s;
        s.setSslConfiguration(cbc);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY(!s.waitForEncrypted(5000));
        // TLS 1.2 with an AEAD suite is fine.
        QSslConfiguration gcm = conf;
        gcm.setProtocol(QSsl::TlsV1_2);
        gcm.setCiphers({QSslCipher(QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"))});
        QSslSocket ok;
        ok.setSslConfiguration(gcm);
        ok.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY2(ok.waitForEncrypted(5000), qPrintable(ok.errorString()));
        QCOMPARE(ok.sessionCipher().name(), QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
    }
};

QTEST_GUILESS_MAIN(TestAttacks)
#include "tst_attacks.moc"
