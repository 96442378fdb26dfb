// SPDX-License-Identifier: MIT
#include "sessioncommands.h"

#include "consolecontext.h"

namespace td {

RevokeSessionsCommand::RevokeSessionsCommand(ConsoleContext &context, QList<qint64> ids,
                                             QStringList names, QWidget *parent)
    : Command(context, parent)
    , m_ids(std::move(ids))
    , m_names(std::move(names))
{}

QString RevokeSessionsCommand::nameOf(const MobileSession &session)
{
    return tr("the session of %1 on “%2”").arg(session.username, session.deviceName);
}

Confirmation RevokeSessionsCommand::confirmation() const
{
    const int n = int(m_ids.size());
    Confirmation c;
    c.objectName = QStringLiteral("revokeSessionsDialog");
    c.title = n == 1 ? tr("Revoke Mobile Session") : tr("Revoke Mobile Sessions");
    if (!m_owner.isEmpty()) {
        c.title = tr("Sign Out User");
        c.question = tr("Sign out all %n mobile session(s) of %1?", nullptr, n).arg(m_owner);
        c.affected = m_names;
    } else if (n == 1) {
        c.question =
            tr("Revoke %1?").arg(m_names.isEmpty() ? tr("the selected session") : m_names.first());
    } else {
        c.question = tr("Revoke %1 mobile sessions?").arg(n);
    }
    if (n > 1)
        c.affected = m_names;
    c.consequences =
        tr("The app on %1 is signed out at once: its next request to the server is refused, and "
           "the user has to sign in again with their access code. This cannot be undone.")
            .arg(n == 1 ? tr("that device") : tr("those devices"));
    c.confirmText = m_owner.isEmpty() ? tr("Revoke") : tr("Sign Out");
    return c;
}

Pending<void> RevokeSessionsCommand::run()
{
    return outcome(m_context.backend().revokeSessions(m_ids));
}

RevokeMatchingSessionsCommand::RevokeMatchingSessionsCommand(ConsoleContext &context,
                                                             const SessionQuery &query,
                                                             QList<qint64> except, qint64 confirmed,
                                                             QWidget *parent)
    : Command(context, parent)
    , m_query(query)
    , m_except(std::move(except))
    , m_confirmed(confirmed)
{}

Confirmation RevokeMatchingSessionsCommand::confirmation() const
{
    Confirmation c;
    c.objectName = QStringLiteral("revokeSessionsDialog");
    c.title = tr("Revoke Mobile Sessions");
    c.question = m_query.text.isEmpty()
                     ? tr("Revoke all %L1 mobile sessions of the list?").arg(m_confirmed)
                     : tr("Revoke all %L1 mobile sessions that match the filter?").arg(m_confirmed);
    c.affected = {m_query.text.isEmpty() ? tr("Every mobile session listed (no filter)")
                                         : tr("Filter: “%1”").arg(m_query.text)};
    if (m_query.includeEnded)
        c.affected << tr("Ended sessions are listed too; they are skipped.");
    if (!m_except.isEmpty())
        c.affected << tr("except %Ln session(s) unchecked in the list", nullptr,
                         int(m_except.size()));
    c.consequences =
        tr("The app on those devices is signed out at once: its next request to the server is "
           "refused, and the users have to sign in again with their access code. This cannot "
           "be undone. If the list changes before you confirm, nothing is revoked and you are "
           "asked to look again.");
    c.confirmText = tr("Revoke");
    return c;
}

Pending<void> RevokeMatchingSessionsCommand::run()
{
    return mapped<void>(m_context.backend().revokeSessionsMatching(m_query, m_except, m_confirmed),
                        this, [this](Result<BulkRevoke> r) -> Result<void> {
                            if (!r)
                                return r.error();
                            m_result = r.value();
                            return {};
                        });
}

} // namespace td
