// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>

class QTimer;

namespace td {

class ConsoleContext;

/// What of the signed-in person's own expires within the week: their valid API tokens and
/// their access code. Read on start, after every change and every quarter of an hour (time
/// moves tokens into the week), for the status bar ("3 of your tokens expire this week"), the
/// notice on start and the tray notification. The e-mail notices of tokendesk-server say the
/// same by mail.
class ExpiryWatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int WindowDays = 7;
    /// Own tokens read, soonest expiry first: more than anyone keeps valid at once.
    static constexpr int MaxTokens = 200;

    explicit ExpiryWatch(ConsoleContext &context, QObject *parent = nullptr);

    /// Reads again (the answer comes later: updated()).
    void refresh();
    bool hasRead() const { return m_read; }
    int tokens() const { return int(m_details.size()) - (m_accessCode ? 1 : 0); }
    bool accessCode() const { return m_accessCode; }
    /// "3 of your tokens expire this week"; empty when nothing does.
    QString summary() const;
    /// One line per token (name, hint, expiry) and the access code.
    QStringList details() const { return m_details; }

    /// The sentence for `tokens` tokens and the access code (or not).
    static QString summaryFor(int tokens, bool accessCode);

Q_SIGNALS:
    void updated();
    /// More expires within the week than at the reading before (the first reading counts when
    /// anything does): what the tray tells.
    void moreExpiring(const QString &summary);

private:
    void apply(const QStringList &details, bool accessCode);

    ConsoleContext &m_context;
    QTimer *m_debounce = nullptr;
    QTimer *m_periodic = nullptr;
    QStringList m_details;
    bool m_accessCode = false;
    bool m_read = false;
    quint64 m_generation = 0;
};

} // namespace td
