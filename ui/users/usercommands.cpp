// SPDX-License-Identifier: MIT
#include "usercommands.h"

#include "consolecontext.h"

namespace td {

DisableUserCommand::DisableUserCommand(ConsoleContext &context, User user, DisableResult live,
                                       QWidget *parent)
    : Command(context, parent)
    , m_user(std::move(user))
    , m_live(live)
{}

Confirmation DisableUserCommand::confirmation() const
{
    const QString tokens = tr("%n API token(s)", nullptr, m_live.tokensRevoked);
    const QString sessions = tr("%n mobile session(s)", nullptr, m_live.sessionsRevoked);
    Confirmation c;
    c.objectName = QStringLiteral("disableUserDialog");
    c.title = tr("Disable user?");
    c.question = tr("Disable %1?").arg(m_user.username);
    c.consequences =
        tr("This revokes %1 and %2 of %3 at once: scripts, uploader accounts and mobile apps "
           "using them stop working. %3 can no longer sign in. You can enable the account "
           "again later, but revoked tokens stay revoked.")
            .arg(tokens, sessions, m_user.username);
    c.confirmText = tr("Disable");
    return c;
}

Pending<void> DisableUserCommand::run()
{
    return mapped<void>(m_context.backend().disableUser(m_user.id), this,
                        [this](Result<DisableResult> done) -> Result<void> {
                            if (!done)
                                return done.error();
                            m_result = done.value();
                            return {};
                        });
}

DeleteDepartmentCommand::DeleteDepartmentCommand(ConsoleContext &context, Department department,
                                                 QWidget *parent)
    : Command(context, parent)
    , m_department(std::move(department))
{}

Confirmation DeleteDepartmentCommand::confirmation() const
{
    Confirmation c;
    c.objectName = QStringLiteral("deleteDepartmentDialog");
    c.title = tr("Delete department?");
    c.question = tr("Delete the department \"%1\"?").arg(m_department.name);
    c.consequences = tr("Only a department without users and tokens can be deleted.");
    c.confirmText = tr("Delete");
    return c;
}

Pending<void> DeleteDepartmentCommand::run()
{
    return m_context.backend().deleteDepartment(m_department.id);
}

DeleteUserTypeCommand::DeleteUserTypeCommand(ConsoleContext &context, UserType type,
                                             QWidget *parent)
    : Command(context, parent)
    , m_type(std::move(type))
{}

Confirmation DeleteUserTypeCommand::confirmation() const
{
    Confirmation c;
    c.objectName = QStringLiteral("deleteUserTypeDialog");
    c.title = tr("Delete user type?");
    c.question = tr("Delete the user type \"%1\"?").arg(m_type.name);
    c.consequences = tr("Only a user type that no user and no token uses can be deleted.");
    c.confirmText = tr("Delete");
    return c;
}

Pending<void> DeleteUserTypeCommand::run()
{
    return m_context.backend().deleteUserType(m_type.id);
}

} // namespace td
