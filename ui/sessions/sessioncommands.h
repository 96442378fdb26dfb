// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/command.h"

#include "core/types.h"

namespace td {

/// Revokes one or many mobile sessions: the app on each device is signed out at once. The
/// confirmation names each session (user and device) when the page has it.
class RevokeSessionsCommand : public Command
{
    Q_OBJECT

public:
    /// `names` has one "alice on “Pixel 8”" per session the caller could name (may be fewer
    /// than ids when some rows are not loaded).
    RevokeSessionsCommand(ConsoleContext &context, QList<qint64> ids, QStringList names,
                          QWidget *parent);

    /// "alice on “Pixel 8”": how a session is named in the confirmation.
    static QString nameOf(const MobileSession &session);
    /// The sessions are every session of this user: the confirmation asks to sign them out.
    void setOwner(const QString &username) { m_owner = username; }

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    QList<qint64> m_ids;
    QStringList m_names;
    QString m_owner;
};

/// Revokes every session of the list's filter but the rows unchecked afterwards (the header's
/// check box, Ctrl+A) in one request; the domain refuses it when another number of sessions
/// matches now than the confirmation named. The confirmation names the filter.
class RevokeMatchingSessionsCommand : public Command
{
    Q_OBJECT

public:
    RevokeMatchingSessionsCommand(ConsoleContext &context, const SessionQuery &query,
                                  QList<qint64> except, qint64 confirmed, QWidget *parent);
    const BulkRevoke &result() const { return m_result; }

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    SessionQuery m_query;
    QList<qint64> m_except;
    qint64 m_confirmed;
    BulkRevoke m_result;
};

} // namespace td
