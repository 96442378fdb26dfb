// SPDX-License-Identifier: MIT
#include "consolecontext.h"

#include <QSettings>

namespace td {

ConsoleContext::ConsoleContext(std::unique_ptr<Store> store, const Actor &actor, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_domain(*m_store)
    , m_actor(actor)
{}

ConsoleContext::~ConsoleContext() = default;

void ConsoleContext::refreshActor()
{
    auto r = m_domain.accounts.refresh(m_actor);
    if (r.ok()) {
        m_actor = r.value();
        Q_EMIT actorChanged();
    }
}

QString ConsoleContext::serverUrl() const
{
    return QSettings()
        .value(QStringLiteral("server/url"), QStringLiteral("http://127.0.0.1:8080"))
        .toString();
}

} // namespace td
