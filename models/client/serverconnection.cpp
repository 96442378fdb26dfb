// SPDX-License-Identifier: MIT
#include "serverconnection.h"

#include "client/recordjson.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <memory>

namespace td {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(td::ServerConnection)
};

int g_timeoutMs = 0;
constexpr int DefaultTimeoutMs = 15000;

QString pinKey(const QUrl &url)
{
    return QStringLiteral("pinnedCertificates/%1:%2").arg(url.host().toLower()).arg(url.port(443));
}

/// What a reply's TLS handshake showed, and the pin it was held to.
struct TlsState
{
    QByteArray pinned;
    QSslCertificate peer;
    bool untrusted = false; ///< the system's CAs do not vouch for it
    bool changed = false;   ///< not the pinned certificate: the reply was aborted
};

/// Holds reply's handshake to the pin: errors of the pinned certificate are ignored (exactly
/// those), any other certificate than the pinned one ends the connection.
void holdToPin(QNetworkReply *reply, const std::shared_ptr<TlsState> &tls)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply, tls](const QList<QSslError> &errors) {
                         QSslCertificate peer = reply->sslConfiguration().peerCertificate();
                         for (const QSslError &e : errors)
                             if (peer.isNull())
                                 peer = e.certificate();
                         tls->peer = peer;
                         tls->untrusted = true;
                         if (!tls->pinned.isEmpty() && !peer.isNull() &&
                             ServerTrust::fingerprint(peer) == tls->pinned)
                             reply->ignoreSslErrors(errors);
                     });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [reply, tls] {
        tls->peer = reply->sslConfiguration().peerCertificate();
        if (!tls->pinned.isEmpty() && ServerTrust::fingerprint(tls->peer) != tls->pinned) {
            tls->changed = true;
            reply->abort();
        }
    });
}

QString changedText(const TlsState &tls)
{
    return Tr::tr("The server's certificate changed: expected %1, got %2. If its administrator "
                  "replaced it, check the new fingerprint with them and accept it again.")
        .arg(QString::fromLatin1(tls.pinned),
             QString::fromLatin1(ServerTrust::fingerprint(tls.peer)));
}

QString untrustedText(const QUrl &url, const TlsState &tls)
{
    return Tr::tr("The server at %1 presents a certificate this computer does not trust "
                  "(SHA-256 %2). Check the fingerprint with the server's administrator and "
                  "accept it first.")
        .arg(url.toDisplayString(), QString::fromLatin1(ServerTrust::fingerprint(tls.peer)));
}

QNetworkRequest baseRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    return request;
}

QUrl join(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

/// A request body that is wiped when the reply lets go of it.
class WipedBuffer : public QBuffer
{
public:
    WipedBuffer(QByteArray bytes, QObject *parent)
        : QBuffer(parent)
        , m_bytes(std::move(bytes))
    {
        setBuffer(&m_bytes);
        open(QIODevice::ReadOnly);
    }
    ~WipedBuffer() override
    {
        close();
        setBuffer(nullptr);
        secureWipe(m_bytes);
    }

private:
    QByteArray m_bytes;
};

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    out += '"';
    for (const char c : utf8) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uchar(c) < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[uchar(c) >> 4];
            out += "0123456789abcdef"[uchar(c) & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

// ---- ServerTrust ----

QString ServerTrust::whyNotUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Tr::tr("Enter the server's address, e.g. https://tokens.example.org.");
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return Tr::tr("This is not a valid address: %1").arg(url.errorString());
    if (url.scheme() != QLatin1String("https"))
        return Tr::tr("Only https:// addresses: the console sends passwords and credentials to "
                      "the server.");
    if (url.host().isEmpty())
        return Tr::tr("The address names no server (a host such as tokens.example.org).");
    if (!url.userInfo().isEmpty())
        return Tr::tr("Leave the user name out of the address; you sign in next.");
    if (url.hasQuery())
        return Tr::tr("The address must not have a query (\"?…\").");
    if (url.hasFragment())
        return Tr::tr("The address must not have a fragment (\"#…\").");
    return {};
}

QByteArray ServerTrust::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256).toHex();
}

void ServerTrust::pin(const QUrl &url, const QByteArray &sha256)
{
    QSettings().setValue(pinKey(url), QString::fromLatin1(sha256.toLower()));
}

QByteArray ServerTrust::pinned(const QUrl &url)
{
    return QSettings().value(pinKey(url)).toString().toLatin1();
}

void ServerTrust::forget(const QUrl &url)
{
    QSettings().remove(pinKey(url));
}

Pending<ServerIdentity> ServerTrust::probe(const QUrl &url, QObject *parent)
{
    if (const QString why = whyNotUrl(url.toString()); !why.isEmpty())
        return Pending<ServerIdentity>::ready(
            Error(Errc::InvalidArgument, why, QStringLiteral("url")));
    Pending<ServerIdentity> out;
    auto *nam = new QNetworkAccessManager(parent);
    auto tls = std::make_shared<TlsState>();
    tls->pinned = pinned(url);
    QNetworkReply *reply = nam->get(baseRequest(join(url, QStringLiteral("/healthz")),
                                                ServerConnection::defaultTransferTimeoutMs()));
    holdToPin(reply, tls);
    out.onCancel([reply = QPointer<QNetworkReply>(reply)] {
        if (reply) // not when it finished and was deleted meanwhile
            reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, nam, [nam, reply, tls, url, out] {
        reply->deleteLater();
        nam->deleteLater();
        if (out.isCancelled())
            return;
        if (tls->peer.isNull()) {
            out.resolve(Error(Errc::StoreUnavailable,
                              ServerConnection::notAnswering(url, reply->errorString())));
            return;
        }
        ServerIdentity id;
        id.sha256 = fingerprint(tls->peer);
        id.pinnedSha256 = tls->pinned;
        id.subject = tls->peer.subjectDisplayName();
        id.issuer = tls->peer.issuerDisplayName();
        id.notAfter = tls->peer.expiryDate();
        if (!tls->pinned.isEmpty())
            id.trust = id.sha256 == tls->pinned ? ServerIdentity::Trust::Pinned
                                                : ServerIdentity::Trust::Changed;
        else
            id.trust =
                tls->untrusted ? ServerIdentity::Trust::Unknown : ServerIdentity::Trust::SystemCa;
        out.resolve(std::move(id));
    });
    return out;
}

// ---- ServerConnection ----

ServerConnection::ServerConnection(const QUrl &base, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_nam(new QNetworkAccessManager(this))
    , m_timeoutMs(defaultTransferTimeoutMs())
{
    m_nam->setStrictTransportSecurityEnabled(false);
}

ServerConnection::~ServerConnection() = default;

int ServerConnection::defaultTransferTimeoutMs()
{
    return g_timeoutMs > 0 ? g_timeoutMs : DefaultTimeoutMs;
}

void ServerConnection::setDefaultTransferTimeoutForTesting(int ms)
{
    g_timeoutMs = ms;
}

QString ServerConnection::notAnswering(const QUrl &url, const QString &detail)
{
    return Tr::tr("The server at %1 does not answer (%2).").arg(url.toDisplayString(), detail);
}

QNetworkReply *ServerConnection::start(const QByteArray &verb, const QString &path,
                                       const QUrlQuery &query, QByteArray body,
                                       int transferTimeoutMs)
{
    QUrl url = join(m_base, path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request =
        baseRequest(url, transferTimeoutMs > 0 ? transferTimeoutMs : m_timeoutMs);
    if (!m_credential.isEmpty()) {
        QByteArray header = "Bearer " + m_credential.bytes();
        request.setRawHeader("Authorization", header);
        secureWipe(header);
    }
    QNetworkReply *reply = nullptr;
    if (body.isNull()) {
        reply = m_nam->sendCustomRequest(request, verb);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        auto *device = new WipedBuffer(std::move(body), nullptr);
        reply = m_nam->sendCustomRequest(request, verb, device);
        device->setParent(reply); // wiped when the reply goes
    }
    return reply;
}

Pending<ServerConnection::Answer> ServerConnection::send(const QByteArray &verb,
                                                         const QString &path,
                                                         const QUrlQuery &query, QByteArray body,
                                                         int transferTimeoutMs)
{
    return answer(start(verb, path, query, std::move(body), transferTimeoutMs), {});
}

Pending<ServerConnection::Answer> ServerConnection::receive(const QString &path,
                                                            const QUrlQuery &query, Piece piece)
{
    return answer(start("GET", path, query, {}), std::move(piece));
}

Pending<ServerConnection::Answer> ServerConnection::answer(QNetworkReply *reply, Piece piece)
{
    Pending<Answer> out;
    auto tls = std::make_shared<TlsState>();
    tls->pinned = ServerTrust::pinned(m_base);
    holdToPin(reply, tls);
    out.onCancel([reply = QPointer<QNetworkReply>(reply)] {
        if (reply) // not when it finished and was deleted meanwhile
            reply->abort();
    });
    // A streamed 2xx body goes to `piece` as it arrives; an error answer is read as JSON.
    auto failed = std::make_shared<std::optional<Error>>();
    auto take = [reply, piece, failed] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!piece || *failed || status < 200 || status >= 300 || reply->bytesAvailable() == 0)
            return;
        if (auto e = piece(reply->readAll())) {
            *failed = std::move(e);
            reply->abort();
        }
    };
    if (piece)
        connect(reply, &QNetworkReply::readyRead, this, take);
    const int timeoutMs = m_timeoutMs;
    const QUrl base = m_base;
    connect(
        reply, &QNetworkReply::finished, this,
        [reply, tls, out, timeoutMs, base, piece, failed, take] {
            reply->deleteLater();
            if (out.isCancelled())
                return;
            if (reply->error() == QNetworkReply::NoError)
                take(); // what came with the end
            if (*failed) {
                out.resolve(**failed);
                return;
            }
            const QNetworkReply::NetworkError error = reply->error();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (tls->untrusted && !tls->pinned.isEmpty() &&
                ServerTrust::fingerprint(tls->peer) != tls->pinned)
                tls->changed = true; // refused in the handshake
            if (tls->changed) {
                out.resolve(Error(Errc::StoreUnavailable, changedText(*tls)));
                return;
            }
            if (error == QNetworkReply::OperationCanceledError ||
                error == QNetworkReply::TimeoutError) {
                out.resolve(Error(Errc::StoreUnavailable,
                                  Tr::tr("The server at %1 did not answer within %2 s.")
                                      .arg(base.toDisplayString())
                                      .arg(timeoutMs / 1000.0)));
                return;
            }
            // A streamed body cut off midway (the connection ended before its last chunk)
            // is no answer.
            if (status == 0 ||
                (piece && status >= 200 && status < 300 && error != QNetworkReply::NoError)) {
                out.resolve(Error(Errc::StoreUnavailable,
                                  error == QNetworkReply::SslHandshakeFailedError && tls->untrusted
                                      ? untrustedText(base, *tls)
                                      : notAnswering(base, reply->errorString())));
                return;
            }
            Answer a;
            a.status = status;
            a.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
            if (piece && status >= 200 && status < 300) {
                out.resolve(std::move(a));
                return;
            }
            QByteArray raw = reply->readAll();
            if (!raw.trimmed().isEmpty()) {
                QJsonParseError parse;
                const QJsonDocument doc = QJsonDocument::fromJson(raw, &parse);
                secureWipe(raw);
                if (!doc.isObject() && status < 400) {
                    out.resolve(RecordJson::notUnderstood(
                        Tr::tr("HTTP %1 with a body that is not a JSON object").arg(status)));
                    return;
                }
                a.body = doc.object();
            }
            out.resolve(std::move(a));
        });
    return out;
}

// ---- JsonBody ----

void JsonBody::key(const char *key)
{
    if (m_bytes.isEmpty())
        m_bytes.reserve(4096); // no reallocation leaves a copy of a secret behind
    m_bytes += m_bytes.isEmpty() ? '{' : ',';
    appendJsonString(m_bytes, key);
    m_bytes += ':';
}

JsonBody &JsonBody::text(const char *k, const QString &value)
{
    key(k);
    appendJsonString(m_bytes, value.toUtf8());
    return *this;
}

JsonBody &JsonBody::secret(const char *k, const SecretBytes &value)
{
    key(k);
    appendJsonString(m_bytes, value.bytes());
    return *this;
}

JsonBody &JsonBody::integer(const char *k, qint64 value)
{
    key(k);
    m_bytes += QByteArray::number(value);
    return *this;
}

JsonBody &JsonBody::boolean(const char *k, bool value)
{
    key(k);
    m_bytes += value ? "true" : "false";
    return *this;
}

JsonBody &JsonBody::texts(const char *k, const QStringList &values)
{
    key(k);
    m_bytes += '[';
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            m_bytes += ',';
        appendJsonString(m_bytes, values[i].toUtf8());
    }
    m_bytes += ']';
    return *this;
}

JsonBody &JsonBody::ids(const char *k, const QList<qint64> &values)
{
    key(k);
    m_bytes += '[';
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            m_bytes += ',';
        m_bytes += QByteArray::number(values[i]);
    }
    m_bytes += ']';
    return *this;
}

QByteArray JsonBody::take()
{
    if (m_bytes.isEmpty())
        m_bytes = "{";
    m_bytes += '}';
    return std::exchange(m_bytes, QByteArray());
}

} // namespace td
