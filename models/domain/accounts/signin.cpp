// SPDX-License-Identifier: MIT
// Signing in and out of the console; one's own password.
#include "accountservice.h"

#include "credentials.h"

#include "domain/guard.h"
#include "domain/records.h"
#include "security/credentialpolicy.h"

namespace td {

Result<Actor> AccountService::signIn(const QString &username, const SecretBytes &password,
                                     const QString &address)
{
    auto id = m_credentials.check(Credentials::Kind::Password, username, password, address,
                                  QStringLiteral("auth.sign_in"));
    if (!id)
        return id.error();
    return store().write([&] { return signedIn(id.value(), address, {}); });
}

Actor AccountService::signedIn(qint64 userId, const QString &address, const QString &details)
{
    const UserRow u = Records::loadUser(store(), userId);
    Actor a;
    a.kind = Actor::Kind::User;
    a.userId = u.user.id;
    a.username = u.user.username;
    a.label = u.user.username;
    a.address = address;
    a = m_guard.live(a);
    QString text = QStringLiteral("user type %1").arg(u.user.userType);
    if (!details.isEmpty())
        text += QStringLiteral("; ") + details;
    m_guard.audit(a, QStringLiteral("auth.sign_in"), QStringLiteral("user %1").arg(a.username),
                  QStringLiteral("success"), text);
    return a;
}

Result<Actor> AccountService::refresh(const Actor &actor)
{
    return store().read([&] { return m_guard.live(actor); });
}

Result<void> AccountService::changeOwnPassword(const Actor &actor, const SecretBytes &current,
                                               const SecretBytes &newPassword)
{
    if (!actor.isPerson())
        return Error(Errc::InvalidArgument, tr("Only a signed-in person has an own password."));
    if (QString why = CredentialPolicy::checkPassword(newPassword, actor.username); !why.isEmpty())
        return Error(Errc::InvalidArgument, why, QStringLiteral("password"));
    if (auto ok =
            m_credentials.checkCurrentPassword(actor, current, QStringLiteral("user.password"));
        !ok)
        return ok.error();
    return writePassword(actor, actor.userId, newPassword, true);
}

Result<void> AccountService::signOut(const Actor &actor)
{
    if (!actor.isPerson())
        return {};
    return store().write([&] {
        m_guard.audit(actor, QStringLiteral("auth.sign_out"),
                      QStringLiteral("user %1").arg(actor.username), QStringLiteral("success"));
    });
}

} // namespace td
