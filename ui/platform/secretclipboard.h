// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace td {

/// Puts a secret on the clipboard the way a password manager does (KeePassXC's Clipboard):
/// marked with x-kde-passwordManagerHint: secret (and the macOS/Windows equivalents) so clipboard
/// histories skip it, cleared after a timeout (QSettings "clipboard/clearSeconds", default 30)
/// and when the application quits — in both cases only if the clipboard still holds that
/// secret. Only a SHA-256 of the copied text is kept to recognise it.
class SecretClipboard : public QObject
{
    Q_OBJECT

public:
    static SecretClipboard &instance();

    void copy(const QByteArray &secret);
    /// Clears the clipboard now if it still holds what we copied.
    void clearIfOurs();
    bool holdsOurs() const;
    int secondsLeft() const;
    int timeoutSeconds() const;
    /// Tests: a short timeout instead of the setting.
    void setTimeoutForTesting(int milliseconds) { m_testTimeoutMs = milliseconds; }

Q_SIGNALS:
    void copied();
    void cleared();

private:
    SecretClipboard();
    QTimer m_timer;
    QByteArray m_hash;
    int m_testTimeoutMs = 0;
};

} // namespace td
