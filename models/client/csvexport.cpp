// SPDX-License-Identifier: MIT
#include "csvexport.h"

#include "core/clock.h"
#include "core/csv.h"
#include "domain/domain.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace td::CsvExport {

namespace {

/// Every row of the filter, in the list's order.
template<typename Query> Query everyRow(Query q)
{
    q.offset = 0;
    q.limit = 0;
    return q;
}

} // namespace

// The export's words keep the context the console has always translated them in.

QString cancelledText()
{
    return QCoreApplication::translate("td::CsvExportJob",
                                       "The export was cancelled; no file was written.");
}

QString cannotWrite(const QString &path, const QString &why)
{
    return QCoreApplication::translate("td::CsvExportJob", "Cannot write %1: %2").arg(path, why);
}

QStringList header(const ExportQuery &query)
{
    // Exactly the list's information: the store holds no secrets, only hints.
    if (std::holds_alternative<TokenQuery>(query))
        return {QStringLiteral("id"),           QStringLiteral("name"),
                QStringLiteral("hint"),         QStringLiteral("scopes"),
                QStringLiteral("user"),         QStringLiteral("department"),
                QStringLiteral("user_type"),    QStringLiteral("created_at"),
                QStringLiteral("created_by"),   QStringLiteral("expires_at"),
                QStringLiteral("last_used_at"), QStringLiteral("last_used_from"),
                QStringLiteral("status"),       QStringLiteral("revoked_at"),
                QStringLiteral("revoked_by"),   QStringLiteral("description")};
    if (std::holds_alternative<SessionQuery>(query))
        return {QStringLiteral("id"),
                QStringLiteral("hint"),
                QStringLiteral("user"),
                QStringLiteral("email"),
                QStringLiteral("department"),
                QStringLiteral("user_type"),
                QStringLiteral("device"),
                QStringLiteral("platform"),
                QStringLiteral("app_version"),
                QStringLiteral("created_at"),
                QStringLiteral("last_active_at"),
                QStringLiteral("last_active_from"),
                QStringLiteral("expires_at"),
                QStringLiteral("status"),
                QStringLiteral("revoked_at"),
                QStringLiteral("revoked_by")};
    return {QStringLiteral("time"),   QStringLiteral("actor"),   QStringLiteral("action"),
            QStringLiteral("target"), QStringLiteral("outcome"), QStringLiteral("details"),
            QStringLiteral("address")};
}

QStringList tokenFields(const ApiToken &t)
{
    return {QString::number(t.id),
            t.name,
            t.hint,
            t.scopes.join(QLatin1Char(' ')),
            t.username,
            t.department,
            t.userType,
            Clock::iso(t.createdAt),
            t.createdBy,
            Clock::iso(t.expiresAt),
            Clock::iso(t.lastUsedAt),
            t.lastUsedFrom,
            statusName(t.status),
            Clock::iso(t.revokedAt),
            t.revokedBy,
            t.description};
}

QStringList auditFields(const AuditEntry &e)
{
    return {Clock::iso(e.at), e.actor, e.action, e.target, e.outcome, e.details, e.address};
}

QStringList sessionFields(const MobileSession &s)
{
    return {QString::number(s.id),
            s.hint,
            s.username,
            s.email,
            s.department,
            s.userType,
            s.deviceName,
            s.platform,
            s.appVersion,
            Clock::iso(s.createdAt),
            Clock::iso(s.lastActiveAt),
            s.lastActiveFrom,
            Clock::iso(s.expiresAt),
            statusName(s.status),
            Clock::iso(s.revokedAt),
            s.revokedBy};
}

QByteArray line(const QStringList &fields)
{
    return Csv::record(fields).toUtf8() + Csv::LineEnd;
}

Result<qint64> visit(Domain &domain, const Actor &actor, const ExportQuery &query, const Row &row)
{
    if (const auto *tokens = std::get_if<TokenQuery>(&query))
        return domain.tokens.visit(actor, everyRow(*tokens),
                                   [&row](const ApiToken &t) { return row(tokenFields(t)); });
    if (const auto *sessions = std::get_if<SessionQuery>(&query))
        return domain.sessions.visit(actor, everyRow(*sessions), [&row](const MobileSession &s) {
            return row(sessionFields(s));
        });
    return domain.audit.visit(actor, everyRow(std::get<AuditQuery>(query)),
                              [&row](const AuditEntry &e) { return row(auditFields(e)); });
}

Result<qint64> writeFile(const QString &path, const QStringList &header, const Source &source,
                         const std::function<bool(qint64)> &progress)
{
    const auto unwritable = [&path](const QString &why) {
        return Error(Errc::InvalidArgument, cannotWrite(path, why), QStringLiteral("path"));
    };
    // QSaveFile writes a temporary file beside the target and renames it on commit().
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return unwritable(file.errorString());
    // Nobody else's business, whatever the umask or an older file at that path allowed.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return unwritable(file.errorString());
    }
    QByteArray chunk = line(header);
    QString writeError;
    bool cancelled = false;
    qint64 written = 0;
    auto flush = [&] {
        const bool ok = file.write(chunk) == chunk.size();
        chunk.clear();
        if (!ok)
            writeError = file.errorString();
        return ok;
    };
    auto visited = source([&](const QStringList &fields) {
        chunk += line(fields);
        if (chunk.size() > (1 << 16) && !flush())
            return false;
        if (++written % ProgressStep != 0)
            return true;
        cancelled = progress && !progress(written);
        return !cancelled;
    });
    if (visited && !cancelled && writeError.isEmpty() && flush())
        cancelled = progress && !progress(written); // the last chance before the file is there
    if (!visited || cancelled || !writeError.isEmpty()) {
        file.cancelWriting();
        return !visited    ? visited.error()
               : cancelled ? Error(Errc::Conflict, cancelledText())
                           : unwritable(writeError);
    }
    if (!file.commit())
        return unwritable(file.errorString());
    return written;
}

// ---- Pager ----

Pager::Pager(Actor actor, ExportQuery query, int pageRows)
    : m_actor(std::move(actor))
    , m_query(std::move(query))
    , m_pageRows(pageRows)
{}

Result<QByteArray> Pager::next(Domain &domain)
{
    if (m_atEnd)
        return QByteArray();
    WindowRequest request;
    request.limit = m_pageRows;
    request.after = m_after;
    QByteArray out;
    if (!m_started)
        out = line(header(m_query));
    auto take = [&](auto window) -> Result<QByteArray> {
        if (!window)
            return window.error();
        for (const auto &row : window.value().rows) {
            using Record = std::decay_t<decltype(row)>;
            if constexpr (std::is_same_v<Record, ApiToken>)
                out += line(tokenFields(row));
            else if constexpr (std::is_same_v<Record, MobileSession>)
                out += line(sessionFields(row));
            else
                out += line(auditFields(row));
        }
        m_started = true;
        m_rows += window.value().rows.size();
        m_after = window.value().lastKey;
        // A window without a last key read no ids: the list is through. (A shorter window is
        // not the end: rows deleted since their ids were read are left out of it.)
        m_atEnd = m_after.isEmpty();
        return out;
    };
    if (const auto *tokens = std::get_if<TokenQuery>(&m_query))
        return take(domain.tokens.window(m_actor, *tokens, request));
    if (const auto *sessions = std::get_if<SessionQuery>(&m_query))
        return take(domain.sessions.window(m_actor, *sessions, request));
    return take(domain.audit.window(m_actor, std::get<AuditQuery>(m_query), request));
}

// ---- RecordCounter ----

void RecordCounter::add(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c == '"')
            m_quoted = !m_quoted; // "" inside a quoted field toggles twice
        else if (c == '\n' && m_cr && !m_quoted)
            ++m_records;
        m_cr = c == '\r';
    }
}

} // namespace td::CsvExport
