// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/command.h"

#include "core/types.h"

namespace td {

/// Disables a user: revokes their live API tokens and mobile sessions and stops their sign-in.
/// The confirmation names the user and how many tokens and sessions stop working.
class DisableUserCommand : public Command
{
    Q_OBJECT

public:
    /// `live`: the user's tokens and sessions that would be revoked (for the confirmation).
    DisableUserCommand(ConsoleContext &context, User user, DisableResult live, QWidget *parent);
    /// What was revoked (after finished()).
    const DisableResult &result() const { return m_result; }

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    User m_user;
    DisableResult m_live;
    DisableResult m_result;
};

/// Deletes a department (the service refuses one with users or tokens).
class DeleteDepartmentCommand : public Command
{
    Q_OBJECT

public:
    DeleteDepartmentCommand(ConsoleContext &context, Department department, QWidget *parent);

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    Department m_department;
};

/// Deletes a user type (the service refuses one that a user or a token uses).
class DeleteUserTypeCommand : public Command
{
    Q_OBJECT

public:
    DeleteUserTypeCommand(ConsoleContext &context, UserType type, QWidget *parent);

protected:
    Confirmation confirmation() const override;
    Pending<void> run() override;

private:
    UserType m_type;
};

} // namespace td
