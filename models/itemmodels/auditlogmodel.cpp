// SPDX-License-Identifier: MIT
#include "auditlogmodel.h"

#include "domain/audit/auditphrases.h"

#include "client/backend.h"
#include "itemmodels/localformat.h"

#include <QLocale>

namespace td {

AuditLogModel::AuditLogModel(Backend &backend, QObject *parent)
    : WindowedRowModel<AuditEntry>(parent)
    , m_backend(backend)
{
    setWindowSize(200);
    m_query.newestFirst = true;
    sort(Time, Qt::DescendingOrder);
    connect(&backend, &Backend::actorChanged, this, [this] {
        clearChecks();
        refresh();
    });
}

void AuditLogModel::setFilter(const AuditQuery &filter)
{
    const bool newest = m_query.newestFirst;
    m_query = filter;
    m_query.newestFirst = newest;
    m_query.offset = 0;
    m_query.limit = 0;
    reload();
}

AuditQuery AuditLogModel::query() const
{
    AuditQuery q = m_query;
    q.offset = 0;
    q.limit = 0;
    return q;
}

QString AuditLogModel::filterKey() const
{
    return QStringList{
        m_query.actor.trimmed(),
        m_query.action.trimmed().toLower(),
        m_query.outcome,
        QString::number(m_query.since.isValid() ? m_query.since.toMSecsSinceEpoch() : -1),
        QString::number(m_query.until.isValid() ? m_query.until.toMSecsSinceEpoch() : -1),
        m_query.text.trimmed()}
        .join(QChar(0x1f));
}

bool AuditLogModel::applySort(int column, Qt::SortOrder order)
{
    if (column != Time)
        return false; // only time has an index to sort a million rows on
    m_query.newestFirst = order == Qt::DescendingOrder;
    return true;
}

Pending<qint64> AuditLogModel::queryCount()
{
    return m_backend.auditCount(m_query);
}

Pending<Window<AuditEntry>> AuditLogModel::fetchWindow(const WindowRequest &request)
{
    return m_backend.auditWindow(m_query, request);
}

Pending<qint64> AuditLogModel::queryPosition(qint64 id)
{
    return m_backend.auditPosition(m_query, id);
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditLogModel::columnTitle(int column)
{
    switch (column) {
    case Time:
        return tr("Time");
    case Actor_:
        return tr("Actor");
    case Action:
        return tr("Action");
    case Target:
        return tr("Target");
    case Outcome:
        return tr("Outcome");
    case Details:
        return tr("Details");
    case Address:
        return tr("Address");
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::ToolTipRole && section != Time)
        return tr("The audit log is sorted by time; filter to narrow it down.");
    return {};
}

QString AuditLogModel::actionTitle(const QString &action)
{
    static const QHash<QString, const char *> titles = {
        {QStringLiteral("store.init"), QT_TR_NOOP("Set up store")},
        {QStringLiteral("auth.sign_in"), QT_TR_NOOP("Sign in")},
        {QStringLiteral("auth.sign_out"), QT_TR_NOOP("Sign out")},
        {QStringLiteral("user.create"), QT_TR_NOOP("Create user")},
        {QStringLiteral("user.update"), QT_TR_NOOP("Edit user")},
        {QStringLiteral("user.password"), QT_TR_NOOP("Set password")},
        {QStringLiteral("user.disable"), QT_TR_NOOP("Disable user")},
        {QStringLiteral("user.enable"), QT_TR_NOOP("Enable user")},
        {QStringLiteral("department.create"), QT_TR_NOOP("Create department")},
        {QStringLiteral("department.rename"), QT_TR_NOOP("Rename department")},
        {QStringLiteral("department.delete"), QT_TR_NOOP("Delete department")},
        {QStringLiteral("user_type.create"), QT_TR_NOOP("Create user type")},
        {QStringLiteral("user_type.update"), QT_TR_NOOP("Change user type")},
        {QStringLiteral("user_type.delete"), QT_TR_NOOP("Delete user type")},
        {QStringLiteral("token.create"), QT_TR_NOOP("Create API token")},
        {QStringLiteral("token.edit_scope"), QT_TR_NOOP("Edit token scope")},
        {QStringLiteral("token.revoke"), QT_TR_NOOP("Revoke API token")},
        {QStringLiteral("token.rotate"), QT_TR_NOOP("Rotate API token")},
        {QStringLiteral("token.delete"), QT_TR_NOOP("Delete API token")},
        {QStringLiteral("token.reset"), QT_TR_NOOP("Save and Generate")},
        {QStringLiteral("access_code.set"), QT_TR_NOOP("Set access code")},
        {QStringLiteral("session.create"), QT_TR_NOOP("Mobile sign-in")},
        {QStringLiteral("session.end"), QT_TR_NOOP("Mobile sign-out")},
        {QStringLiteral("session.revoke"), QT_TR_NOOP("Revoke mobile session")},
        {QStringLiteral("settings.update"), QT_TR_NOOP("Change settings")},
        {QStringLiteral("webhook.create"), QT_TR_NOOP("Register webhook")},
        {QStringLiteral("webhook.update"), QT_TR_NOOP("Change webhook")},
        {QStringLiteral("webhook.delete"), QT_TR_NOOP("Delete webhook")},
        {QStringLiteral("webhook.regenerate_secret"), QT_TR_NOOP("Regenerate webhook secret")},
        {QStringLiteral("webhook.redeliver"), QT_TR_NOOP("Redeliver webhook event")},
        {QStringLiteral("webhook.test"), QT_TR_NOOP("Send webhook test event")},
        {QStringLiteral("demo.generate"), QT_TR_NOOP("Generate demo data")},
    };
    const auto it = titles.constFind(action);
    return it == titles.cend() ? action : tr(*it);
}

QString AuditLogModel::outcomeTitle(const QString &outcome)
{
    if (outcome == QLatin1String("success"))
        return tr("Success");
    if (outcome == QLatin1String("denied"))
        return tr("Denied");
    if (outcome == QLatin1String("failure"))
        return tr("Failure");
    return outcome;
}

QVariant AuditLogModel::rowData(const AuditEntry &e, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Time:
            return LocalFormat::dateTime(e.at, true);
        case Actor_:
            return e.actor;
        case Action:
            return actionTitle(e.action);
        case Target: // stored in English, shown in the reader's language
            return AuditPhrases::display(e.target);
        case Outcome:
            return outcomeTitle(e.outcome);
        case Details:
            return AuditPhrases::display(e.details);
        case Address:
            return e.address;
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case Time:
            return e.at.toUTC().toString(Qt::ISODateWithMs);
        case Action:
            return e.action;
        case Target:
            return AuditPhrases::display(e.target);
        case Details:
            return AuditPhrases::display(e.details);
        }
        break;
    case IdRole:
        return e.id;
    case OutcomeRole:
        return e.outcome;
    }
    return {};
}

} // namespace td
