// SPDX-License-Identifier: MIT
#include "webhookdelivery.h"
#include "backgroundjob.h"

#include "domain/domain.h"
#include "store/store.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace td {

namespace {

void say(const QString &line)
{
    std::fprintf(stderr, "webhooks: %s\n", qPrintable(line));
    std::fflush(stderr);
}

constexpr int KeyBytes = crypto_secretbox_KEYBYTES;
constexpr int MaxAnswerChars = 200;

} // namespace

QByteArray loadOrCreateWebhookKey(const QString &path, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::stat(native.constData(), &st) != 0) {
        if (errno != ENOENT) {
            *error =
                QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return {};
        }
        const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            *error = QStringLiteral("cannot create %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return {};
        }
        QByteArray key(KeyBytes, Qt::Uninitialized);
        randombytes_buf(key.data(), size_t(key.size()));
        const bool written = ::write(fd, key.constData(), size_t(key.size())) == key.size();
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (!written || !synced) {
            ::unlink(native.constData());
            *error = QStringLiteral("cannot write %1").arg(path);
            return {};
        }
        return key;
    }
    if ((st.st_mode & 077) != 0) {
        *error = QStringLiteral("%1 may be read by others; it must have mode 600 (chmod 600 %1)")
                     .arg(path);
        return {};
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    QByteArray key = f.read(KeyBytes + 1);
    if (key.size() != KeyBytes) {
        *error = QStringLiteral("%1 is not a webhook key (it must hold %2 bytes)")
                     .arg(path)
                     .arg(KeyBytes);
        return {};
    }
    return key;
}

WebhookSender::WebhookSender(DatabaseLocation location, Options options)
    : m_location(std::move(location))
    , m_options(std::move(options))
{
    if (m_options.retryScheduleMs.isEmpty())
        m_options.retryScheduleMs = WebhookService::defaultRetrySchedule();
}

WebhookSender::~WebhookSender()
{
    m_job.reset();    // the thread deletes its network access when it ends
    delete m_network; // ticks called on this thread (tests) made one here
}

void WebhookSender::start()
{
    m_job = std::make_unique<BackgroundJob>(
        QStringLiteral("webhooks"), m_location, m_options.intervalMs,
        [this](Store &store) { tick(store, QDateTime::currentMSecsSinceEpoch()); },
        [this] {
            delete m_network;
            m_network = nullptr;
        });
    m_job->start();
}

WebhookSender::Tick WebhookSender::tick(Store &store, qint64 nowMs)
{
    Tick t;
    Domain domain(store);
    auto due = domain.webhooks.claimDue(nowMs, m_options.perTick);
    if (!due) {
        say(due.error().message);
        return t;
    }
    if (due->empty())
        return t;
    if (!m_network) {
        m_network = new QNetworkAccessManager;
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    QEventLoop loop;
    int pending = 0;
    const auto failed = [&](const DueDelivery &d, int status, const QString &error) {
        ++t.failed;
        say(QStringLiteral("delivery %1 of webhook #%2 failed (attempt %3): %4")
                .arg(d.id)
                .arg(d.webhookId)
                .arg(d.attempts + 1)
                .arg(error));
        (void)domain.webhooks.attemptFailed(
            d.id, status, error, QDateTime::currentMSecsSinceEpoch(), m_options.retryScheduleMs);
    };
    for (DueDelivery &d : due.value()) {
        if (d.secret.isEmpty()) {
            failed(d, 0,
                   QStringLiteral("the signing secret cannot be decrypted with this server's "
                                  "--webhook-key-file"));
            continue;
        }
        QNetworkRequest request{QUrl(d.url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("TokenDesk-Webhook"));
        request.setRawHeader("TokenDesk-Event", d.event.toUtf8());
        request.setRawHeader("TokenDesk-Delivery", d.id.toUtf8());
        request.setRawHeader("TokenDesk-Signature-256",
                             WebhookService::signature(d.secret.bytes(), d.body));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(m_options.timeoutMs);
        d.secret.wipe();
        QNetworkReply *reply = m_network->post(request, d.body);
        ++pending;
        const DueDelivery *item = &d;
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, item] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
                ++t.sent;
                (void)domain.webhooks.delivered(item->id, status,
                                                QDateTime::currentMSecsSinceEpoch());
            } else if (status > 0) {
                const QString answer =
                    QString::fromUtf8(reply->read(MaxAnswerChars * 4)).left(MaxAnswerChars);
                failed(*item, status,
                       answer.trimmed().isEmpty()
                           ? QStringLiteral("HTTP %1").arg(status)
                           : QStringLiteral("HTTP %1: %2").arg(status).arg(answer));
            } else {
                failed(*item, 0,
                       reply->error() == QNetworkReply::OperationCanceledError
                           ? QStringLiteral("no answer within %1 s").arg(m_options.timeoutMs / 1000)
                           : reply->errorString());
            }
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0)
        loop.exec();
    return t;
}

QList<qint64> WebhookSender::parseSchedule(const QString &text)
{
    QList<qint64> out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const qint64 seconds = part.trimmed().toLongLong(&ok);
        if (!ok || seconds < 0 || seconds > 7 * 24 * 3600)
            return {};
        out << seconds * 1000;
    }
    return out;
}

} // namespace td
