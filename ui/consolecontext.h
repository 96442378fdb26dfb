// SPDX-License-Identifier: MIT
#pragma once

#include "client/localbackend.h"
#include "core/types.h"
#include "domain/domain.h"
#include "store/store.h"

#include <QObject>

#include <memory>

namespace td {

class ChangeSource;

/// What the console's windows share: the Backend of the person signed in (backend.h: the local
/// store or a tokendesk-server), through which pages, dialogs and models do everything.
class ConsoleContext : public QObject
{
    Q_OBJECT

public:
    /// Over a store this console opened itself, for the person signed in to it.
    ConsoleContext(std::unique_ptr<Store> store, const Actor &actor, QObject *parent = nullptr);
    /// Over a backend the context takes (a tokendesk-server's HttpBackend).
    explicit ConsoleContext(Backend *backend, QObject *parent = nullptr);
    ~ConsoleContext() override;

    Backend &backend() { return *m_backend; }
    /// True over a store this console opened itself; store(), domain() only then.
    bool isLocal() const { return m_store != nullptr; }
    Store &store() { return *m_store; }
    Domain &domain() { return static_cast<LocalBackend *>(m_backend)->domain(); }
    const Actor &actor() const { return m_backend->actor(); }
    bool can(const QString &permission) const { return m_backend->can(permission); }
    /// Changes made elsewhere, which the lists follow: the store's ChangeWatcher, or over a
    /// server an HttpChangeFollower on its change stream.
    ChangeSource *changes() { return m_changes; }
    /// Re-reads the actor's permissions (after an administrator changed the user type);
    /// actorChanged() follows when they changed.
    void refreshActor();

    /// The base URL shown in "Description of Use" curl examples: through a server, the address
    /// it announces (its --public-url), else the one the console signed in to; else QSettings
    /// "server/url".
    QString serverUrl() const;
    static void setServerUrl(const QString &url);

Q_SIGNALS:
    /// Emitted by whoever changed data, so every page can refresh what it shows.
    void dataChanged();
    void actorChanged();

private:
    std::unique_ptr<Store> m_store;
    Backend *m_backend = nullptr;
    QString m_publicUrl; ///< announced by the server (--public-url)
    ChangeSource *m_changes = nullptr;
};

} // namespace td
