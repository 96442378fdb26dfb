// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "domain/domain.h"
#include "store/store.h"

#include <QObject>

#include <memory>

namespace td {

class ChangeWatcher;

/// What the console's windows share: the open store, the domain service over it and the person
/// signed in. Pages never talk SQL for changes; they call the service with actor().
class ConsoleContext : public QObject
{
    Q_OBJECT

public:
    ConsoleContext(std::unique_ptr<Store> store, const Actor &actor, QObject *parent = nullptr);
    ~ConsoleContext() override;

    Store &store() { return *m_store; }
    Domain &domain() { return m_domain; }
    const Actor &actor() const { return m_actor; }
    bool can(const QString &permission) const { return m_actor.can(permission); }
    /// Changes made to the store through other connections (the lists follow them).
    ChangeWatcher &changes() { return *m_changes; }
    /// Re-reads the actor's permissions (after an administrator changed the user type).
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
    Domain m_domain;
    Actor m_actor;
    ChangeWatcher *m_changes = nullptr;
};

} // namespace td
