// SPDX-License-Identifier: MIT
#include "credentiallistener.h"

#include "domain/tokens/credentialcache.h"
#include "store/changewatcher.h"

#include <libpq-fe.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace td {

namespace {
constexpr const char *Channel = "tokendesk_credentials";
constexpr int RetryMs = 1000;
/// Invalidates the cache on every credential notification, and tells listsChanged of every
/// list notification, until the connection breaks (returns why) or wakeFd becomes readable: the
/// server stops (returns nothing).
std::optional<QByteArray> listenUntilBroken(PGconn *conn, int wakeFd, CredentialCache *cache,
                                            const std::function<void()> &listsChanged)
{
    const int fd = PQsocket(conn);
    for (;;) {
        pollfd p[2] = {{fd, POLLIN, 0}, {wakeFd, POLLIN, 0}};
        if (::poll(p, 2, -1) < 0)
            continue;
        if (p[1].revents)
            return std::nullopt;
        if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK)
            return QByteArray(PQerrorMessage(conn)).simplified();
        bool lists = false;
        while (PGnotify *n = PQnotifies(conn)) {
            if (qstrcmp(n->relname, Channel) == 0) {
                if (cache)
                    cache->invalidate(QByteArrayView(n->extra));
            } else {
                lists = true;
            }
            PQfreemem(n);
        }
        if (lists && listsChanged) // a burst read in one go is one change
            listsChanged();
    }
}

/// libpq's connection keywords for the listening connection (keys and values point into the
/// strings, so it neither copies nor moves).
struct ConnectParams
{
    explicit ConnectParams(const DatabaseLocation &location)
        : host(location.host().toStdString())
        , port(std::to_string(location.port()))
        , user(location.user().toStdString())
        , dbname(location.databaseName().toStdString())
        , password(location.password().toStdString())
    {
        keys = {"host",
                "port",
                "user",
                "dbname",
                "application_name",
                "connect_timeout",
                "keepalives",
                "keepalives_idle",
                "keepalives_interval",
                "keepalives_count"};
        values = {host.c_str(),
                  port.c_str(),
                  user.c_str(),
                  dbname.c_str(),
                  "tokendesk-server notifications",
                  "5",
                  "1",
                  "10",
                  "5",
                  "3"};
        if (!password.empty()) {
            keys.push_back("password");
            values.push_back(password.c_str());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
    }
    ConnectParams(const ConnectParams &) = delete;
    ConnectParams &operator=(const ConnectParams &) = delete;

    const std::string host, port, user, dbname, password;
    std::vector<const char *> keys, values;
};

} // namespace

CredentialListener::CredentialListener(const DatabaseLocation &location,
                                       std::shared_ptr<CredentialCache> cache,
                                       std::function<void(const QByteArray &)> notice,
                                       std::function<void()> listsChanged)
    : m_location(location)
    , m_cache(std::move(cache))
    , m_notice(std::move(notice))
    , m_listsChanged(std::move(listsChanged))
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
    m_thread = std::thread([this] { run(); });
}

CredentialListener::~CredentialListener()
{
    const char c = 1;
    if (m_wake[1] >= 0)
        (void)!::write(m_wake[1], &c, 1);
    m_thread.join();
    for (int fd : m_wake)
        if (fd >= 0)
            ::close(fd);
    if (m_cache)
        m_cache->setLive(false);
}

bool CredentialListener::waitForFirstAttempt(int ms)
{
    std::unique_lock<std::mutex> lock(m_firstMutex);
    return m_firstDone.wait_for(lock, std::chrono::milliseconds(ms),
                                [this] { return m_firstAttemptEnded; });
}

void CredentialListener::firstAttemptEnded()
{
    {
        const std::lock_guard<std::mutex> lock(m_firstMutex);
        if (m_firstAttemptEnded)
            return;
        m_firstAttemptEnded = true;
    }
    m_firstDone.notify_all();
}

bool CredentialListener::waitForStop(int ms)
{
    pollfd p{m_wake[0], POLLIN, 0};
    return ::poll(&p, 1, ms) > 0;
}

void CredentialListener::run()
{
    const ConnectParams params(m_location);
    bool everUp = false;
    bool saidDown = false;
    for (;;) {
        PGconn *conn = PQconnectdbParams(params.keys.data(), params.values.data(), 0);
        QByteArray why;
        if (PQstatus(conn) == CONNECTION_OK) {
            std::string listen;
            if (m_cache)
                listen += std::string("LISTEN ") + Channel + ";";
            if (m_listsChanged)
                listen += std::string("LISTEN ") + ChangeWatcher::ListChannel + ";";
            PGresult *r = PQexec(conn, listen.c_str());
            if (PQresultStatus(r) != PGRES_COMMAND_OK)
                why = QByteArray(PQerrorMessage(conn)).simplified();
            PQclear(r);
        } else {
            why = QByteArray(PQerrorMessage(conn)).simplified();
        }
        if (why.isEmpty()) {
            m_pid = PQbackendPID(conn);
            if (m_cache)
                m_cache->setLive(true);
            if (saidDown)
                m_notice(m_cache ? "credential notifications are back: verified credentials "
                                   "are kept in memory again"
                                 : "change notifications are back");
            everUp = true;
            saidDown = false;
            if (m_listsChanged) // what changed while nobody listened is not known
                m_listsChanged();
            firstAttemptEnded();
            std::optional<QByteArray> broken =
                listenUntilBroken(conn, m_wake[0], m_cache.get(), m_listsChanged);
            if (!broken) { // the server stops
                firstAttemptEnded();
                if (m_cache)
                    m_cache->setLive(false);
                m_pid = 0;
                PQfinish(conn);
                return;
            }
            why = *broken;
        }
        // Down: from now on every verification reads the database.
        if (m_cache)
            m_cache->setLive(false);
        m_pid = 0;
        PQfinish(conn);
        if (!saidDown) {
            if (why.size() > 300)
                why = why.left(300) + "...";
            if (m_cache)
                m_notice(QByteArray(everUp ? "credential notifications lost"
                                           : "credential notifications unavailable") +
                         " (" + why +
                         "): verifying every request against PostgreSQL until they are "
                         "back; change polls hear nothing meanwhile");
            else
                m_notice(QByteArray(everUp ? "change notifications lost"
                                           : "change notifications unavailable") +
                         " (" + why + "): change polls hear nothing until they are back");
            saidDown = true;
        }
        firstAttemptEnded();
        if (waitForStop(RetryMs))
            return;
    }
}

} // namespace td
