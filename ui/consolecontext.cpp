// SPDX-License-Identifier: MIT
#include "consolecontext.h"

#include "core/serveraddress.h"

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
    // Asked once: a server behind a proxy announces the address clients use.
    m_backend->publicUrl().then(this, [this](Result<QString> url) {
        if (url && ServerAddress::whyNot(url.value()).isEmpty())
            m_publicUrl = ServerAddress::normalized(url.value());
    });
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
    if (!isLocal()) // through a server: the address it announces, or the one signed in to
        return m_publicUrl.isEmpty() ? m_backend->location() : m_publicUrl;
    return QSettings()
        .value(QStringLiteral("server/url"), QStringLiteral("http://127.0.0.1:8080"))
        .toString();
}

void ConsoleContext::setServerUrl(const QString &url)
{
    QSettings().setValue(QStringLiteral("server/url"), ServerAddress::normalized(url));
}

} // namespace td
