// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QDialog>
#include <QHash>

#include <functional>
#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;

namespace td {

/// Inspect a mobile session (seed 002, "When selecting a Mobile User Token"): User Name, Email,
/// Department, User Type, Last Active, Expiry Date, and what an administrator also needs to
/// recognise the device: device, platform, app version, signed in, last address, the session's
/// hint and status. "Revoke Session…" ends it (the page asks for confirmation).
class SessionDialog : public QDialog
{
    Q_OBJECT

public:
    /// `revoke` is called by "Revoke Session…": it starts the revocation (which asks first);
    /// once revoked, the caller shows the session as the store has it with setSession().
    using Revoke = std::function<void(const MobileSession &)>;
    SessionDialog(const MobileSession &session, bool canRevoke, Revoke revoke,
                  QWidget *parent = nullptr);

    void setSession(const MobileSession &session);

    /// The text shown for a field, by its objectName suffix ("userName", "email", …).
    QString fieldText(const QString &name) const;

private:
    void addField(const QString &name, const QString &label, const QString &value);
    void showSession();

    MobileSession m_session;
    bool m_canRevoke;
    Revoke m_revoke;
    QFormLayout *m_form = nullptr;
    QHash<QString, QLabel *> m_fields;
    QPushButton *m_revokeButton = nullptr;
};

} // namespace td
