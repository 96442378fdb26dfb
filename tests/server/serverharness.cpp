// SPDX-License-Identifier: MIT
#include "serverharness.h"

#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace td::test {

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    log();
    keepForLeakScan(QStringLiteral("server-stderr.log"), m_err); // the access log, Qt's log
}

bool ServerProcess::start(const QString &databaseSpec, const QStringList &extra, QString *why)
{
    const QString bin = qEnvironmentVariable("TD_SERVER_BIN");
    if (bin.isEmpty()) {
        if (why)
            *why = QStringLiteral("TD_SERVER_BIN is not set: run the test through ctest");
        return false;
    }
    m_process.setProgram(bin);
    m_process.setArguments(QStringList{QStringLiteral("--database"), databaseSpec,
                                       QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--credential-cache"),
                                       QStringLiteral("off")} +
                           extra);
    endWithThisProcess(m_process);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        if (why)
            *why = QStringLiteral("cannot start %1: %2").arg(bin, m_process.errorString());
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (!m_process.canReadLine() && timer.elapsed() < 15000 &&
           m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(200);
    const QByteArray line = m_process.readLine().trimmed();
    m_base = QUrl(QString::fromLatin1(line));
    if (!m_base.isValid() || m_base.port() <= 0) {
        m_process.waitForFinished(2000);
        if (why)
            *why = QStringLiteral("the server printed no URL (\"%1\"); stderr: %2")
                       .arg(QString::fromLatin1(line), QString::fromUtf8(log()));
        return false;
    }
    return true;
}

QUrl ServerProcess::url(const QString &path) const
{
    QUrl u = m_base;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    u.setPath(path.left(query));
    if (query >= 0)
        u.setQuery(path.mid(query + 1));
    return u;
}

QByteArray ServerProcess::log()
{
    m_err += m_process.readAllStandardError();
    return withoutQtLog(m_err);
}

int ServerProcess::stop(int signal)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(pid_t(m_process.processId()), signal);
    if (!m_process.waitForFinished(10000))
        return -1;
    log();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

namespace {

bool g_recordAnswers = false;

/// Keeps an answer in <build>/openapi-answers/<test>/NNNN.json for openapi.check, with every
/// token in it replaced by its prefix and X's (the schema checks the shape, not the secret).
void recordAnswer(const QByteArray &verb, const QUrl &url, const HttpResult &r)
{
    static int counter = 0;
    const QString dir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/openapi-answers/") +
                        qEnvironmentVariable("TD_TEST_NAME", QStringLiteral("manual"));
    if (counter == 0) {
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
    }
    QString text = QString::fromUtf8(r.body);
    static const QRegularExpression token(QStringLiteral("(td[a-z]_)[0-9A-Za-z]{46}"));
    text.replace(token, QStringLiteral("\\1") + QString(46, QLatin1Char('X')));
    const QJsonDocument body = QJsonDocument::fromJson(text.toUtf8());
    QJsonObject o{{QStringLiteral("method"), QString::fromLatin1(verb)},
                  {QStringLiteral("path"), url.path()},
                  {QStringLiteral("status"), r.status},
                  {QStringLiteral("contentType"), QString::fromLatin1(r.header("Content-Type"))},
                  {QStringLiteral("bodyIsJson"), !body.isNull()},
                  {QStringLiteral("body"), body.isObject()  ? QJsonValue(body.object())
                                           : body.isArray() ? QJsonValue(body.array())
                                                            : QJsonValue(text.left(2000))}};
    QFile f(QStringLiteral("%1/%2.json").arg(dir).arg(++counter, 5, 10, QLatin1Char('0')));
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(o).toJson());
}

} // namespace

void recordAnswers(bool on)
{
    g_recordAnswers = on;
}

HttpResult http(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url,
                const RawHeaders &headers, const QByteArray &body, const QSslConfiguration *tls)
{
    // For the leak scan: access codes sent and tokens received are secrets.
    const QJsonObject sent = QJsonDocument::fromJson(body).object();
    for (const char *field : {"access_code", "password", "currentPassword", "newPassword",
                              "accessCode", "currentAccessCode", "newAccessCode"})
        noteSecret(sent.value(QLatin1String(field)).toString().toUtf8());
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(10000);
    if (tls)
        request.setSslConfiguration(*tls);
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    QNetworkReply *reply = body.isNull() ? nam.sendCustomRequest(request, verb)
                                         : nam.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    noteTokensIn(r.body);
    if (g_recordAnswers)
        recordAnswer(verb, url, r);
    return r;
}

RawHeaders bearer(const QByteArray &token)
{
    noteSecret(token);
    return {{"Authorization", "Bearer " + token}};
}

QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(timeoutMs);
    QByteArray in;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(100))
            in += socket.readAll();
    }
    in += socket.readAll();
    return in;
}

namespace {
QString runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}
} // namespace

QString makeTestCertificate(const QString &dir, const QString &name)
{
    const QString base = dir + QLatin1Char('/') + name;
    runTool(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), base + QStringLiteral("-key.pem"), QStringLiteral("-out"),
             base + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=TokenDesk test ") + name,
             QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    const QString out = runTool(QStringLiteral("openssl"),
                                {QStringLiteral("x509"), QStringLiteral("-in"),
                                 base + QStringLiteral(".pem"), QStringLiteral("-noout"),
                                 QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    // "sha256 Fingerprint=AB:CD:…"
    if (!out.contains(QLatin1Char('=')))
        return {};
    return out.section(QLatin1Char('='), 1).trimmed().toUpper();
}

QByteArray fingerprintHex(const QString &colons)
{
    return QString(colons).remove(QLatin1Char(':')).toLower().toLatin1();
}

QStringList tlsArguments(const QString &dir, const QString &name)
{
    const QString base = dir + QLatin1Char('/') + name;
    return {QStringLiteral("--tls-cert"), base + QStringLiteral(".pem"),
            QStringLiteral("--tls-key"), base + QStringLiteral("-key.pem")};
}

/// A blocking-free POSIX client socket from `source` (a loopback address) to 127.0.0.1:port.
int connectFrom(const char *source, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/// Reads what is there, waiting up to waitMs for more; false once the peer closed.
bool readSome(int fd, QByteArray *in, int waitMs)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, waitMs) <= 0)
        return true;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            in->append(buf, n);
            continue;
        }
        if (n == 0)
            return false;
        return errno == EAGAIN || errno == EWOULDBLOCK;
    }
}

/// Sends everything (waiting while the socket is full); false when the peer closed.
bool sendAll(int fd, QByteArrayView bytes, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    qsizetype sent = 0;
    while (sent < bytes.size() && t.elapsed() < timeoutMs) {
        const ssize_t n =
            ::send(fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, 50);
        } else {
            return false;
        }
    }
    return sent == bytes.size();
}

} // namespace td::test
