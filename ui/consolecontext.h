// SPDX-License-Identifier: MIT
#pragma once

#include "client/localbackend.h"
#include "core/types.h"
#include "domain/domain.h"
#include "store/store.h"

#include <QObject>

#include <memory>

namespace td {

class ChangeWatcher;

/// What the console's windows share: the Backend of the person signed in (backend.h: the local
/// store or a tokendesk-server), through which pages, dialogs and models do everything.
class ConsoleContext : public QObject
{
    Q_OBJECT

public:
    ConsoleContext(std::unique_ptr<Store> store, const Actor &actor, QObject *parent = nullptr);
    ~ConsoleContext() override;

    Backend &backend() { return *m_backend; }
    Store &store() { return *m_store; }
    Domain &domain() { return m_backend->domain(); }
    const Actor &actor() const { return m_backend->actor(); }
    bool can(const QString &permission) const { return m_backend->can(permission); }
    /// Changes made to the store through other connections (the lists follow them).
    ChangeWatcher &changes() { return *m_changes; }
    /// Re-reads the actor's permissions (after an administrator changed the user type);
    /// actorChanged() follows when they changed.
    void refreshActor();

    /// The base URL shown in "Description of Use" curl examples (QSettings "server/url").
    QString serverUrl() const;
    /// Empty when `url` can be the examples' server URL (http or https, a host, nothing
    /// else: no user, password, query or fragment), else why not.
    static QString whyNotServerUrl(const QString &url);
    static void setServerUrl(const QString &url);

Q_SIGNALS:
    /// Emitted by whoever changed data, so every page can refresh what it shows.
    void dataChanged();
    void actorChanged();

private:
    std::unique_ptr<Store> m_store;
    LocalBackend *m_backend = nullptr;
    ChangeWatcher *m_changes = nullptr;
};

} // namespace td
