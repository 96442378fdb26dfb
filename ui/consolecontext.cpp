// SPDX-License-Identifier: MIT
#include "consolecontext.h"

#include "client/httpbackend.h"
#include "client/httpchangefollower.h"
#include "store/changewatcher.h"

#include <QSettings>
#include <QUrl>

namespace td {

ConsoleContext::ConsoleContext(std::unique_ptr<Store> store, const Actor &actor, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_backend(new LocalBackend(*m_store, actor, this))
    , m_changes(new ChangeWatcher(*m_store, this))
{
    connect(m_backend, &Backend::actorChanged, this, &ConsoleContext::actorChanged);
}

ConsoleContext::ConsoleContext(Backend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{
    m_backend->setParent(this);
    connect(m_backend, &Backend::actorChanged, this, &ConsoleContext::actorChanged);
    if (auto *http = qobject_cast<HttpBackend *>(m_backend))
        m_changes = new HttpChangeFollower(*http, this);
}

ConsoleContext::~ConsoleContext()
{
    delete m_changes; // before the store or backend it watches
    delete m_backend;
}

void ConsoleContext::refreshActor()
{
    m_backend->refreshActor().then(this, [](const Result<Actor> &) {});
}

QString ConsoleContext::serverUrl() const
{
    if (!isLocal()) // through a server: the examples call the one the console signed in to
        return m_backend->location();
    return QSettings()
        .value(QStringLiteral("server/url"), QStringLiteral("http://127.0.0.1:8080"))
        .toString();
}

QString ConsoleContext::whyNotServerUrl(const QString &url)
{
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (url.trimmed().isEmpty())
        return tr("Enter the server's address, such as https://tokens.example.org.");
    if (!u.isValid() ||
        (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")))
        return tr("The address must start with https:// (or http://), such as "
                  "https://tokens.example.org.");
    if (u.host().isEmpty())
        return tr("The address names no server: write it as https://tokens.example.org.");
    if (!u.userInfo().isEmpty())
        return tr("The address must not contain a user name or password.");
    if (u.hasQuery() || u.hasFragment())
        return tr("The address must not contain a query (?…) or a fragment (#…).");
    return {};
}

void ConsoleContext::setServerUrl(const QString &url)
{
    QString u = url.trimmed();
    while (u.endsWith(QLatin1Char('/')))
        u.chop(1); // the examples append /api/v1/…
    QSettings().setValue(QStringLiteral("server/url"), u);
}

} // namespace td
