// SPDX-License-Identifier: MIT
#include "secretclipboard.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>

namespace td {

namespace {
QByteArray digest(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}
} // namespace

SecretClipboard &SecretClipboard::instance()
{
    static SecretClipboard *clipboard = new SecretClipboard; // lives until the application ends
    return *clipboard;
}

SecretClipboard::SecretClipboard()
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearIfOurs);
    if (auto *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &SecretClipboard::clearIfOurs);
}

int SecretClipboard::timeoutSeconds() const
{
    return QSettings().value(QStringLiteral("clipboard/clearSeconds"), 30).toInt();
}

void SecretClipboard::copy(const QByteArray &secret)
{
    auto *mime = new QMimeData;
    mime->setText(QString::fromUtf8(secret));
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    mime->setData(QStringLiteral("application/x-nspasteboard-concealed-type"),
                  QByteArrayLiteral("secret"));
    mime->setData(QStringLiteral("ExcludeClipboardContentFromMonitorProcessing"),
                  QByteArrayLiteral("1"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_hash = digest(secret);
    const int ms = m_testTimeoutMs > 0 ? m_testTimeoutMs : timeoutSeconds() * 1000;
    if (ms > 0)
        m_timer.start(ms);
    Q_EMIT copied();
}

bool SecretClipboard::holdsOurs() const
{
    if (m_hash.isEmpty())
        return false;
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    return mime && mime->hasText() && digest(mime->text().toUtf8()) == m_hash;
}

void SecretClipboard::clearIfOurs()
{
    m_timer.stop();
    if (holdsOurs()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
        Q_EMIT cleared();
    }
    m_hash.clear();
}

int SecretClipboard::secondsLeft() const
{
    return m_timer.isActive() ? (m_timer.remainingTime() + 999) / 1000 : 0;
}

} // namespace td
