// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

class QFormLayout;

class QVBoxLayout;

namespace td {

class ConsoleContext;
namespace Form {
class ErrorGate;
}

/// Create or edit a user (seed 002: User Name, Email, Department, User Type), with display name
/// and a password (reset, when editing). Each field says what is wrong with it; the dialog
/// stays open until the service accepts. View mode (Support) shows the same, read-only.
class UserDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Create, Edit, View };

    /// user: the user to edit or view (ignored for Create).
    UserDialog(ConsoleContext &context, Mode mode, const User &user = {},
               QWidget *parent = nullptr);
    ~UserDialog() override;

    Mode mode() const { return m_mode; }
    /// After accept(): the id of the user created or edited.
    qint64 userId() const { return m_user.id; }

public Q_SLOTS:
    void save();

private:
    void addField(QFormLayout *form, const QString &label, QWidget *field, const QString &key);
    void addPasswordBox(QVBoxLayout *layout);
    void addButtons(QVBoxLayout *layout);
    void loadChoices();
    void savePassword();
    void busy(bool on);
    void saved();
    void updateState();
    void showFieldError(const QString &field, const QString &text);
    void clearErrors();
    QString passwordProblem() const;

    ConsoleContext &m_context;
    Mode m_mode;
    User m_user;
    QList<UserType> m_types;
    bool m_saving = false;
    Form::ErrorGate *m_gate = nullptr; ///< which fields' problems show

    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_department = nullptr;
    QComboBox *m_userType = nullptr;
    QLabel *m_typeDescription = nullptr;
    QGroupBox *m_passwordBox = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLineEdit *m_current = nullptr; ///< editing oneself: the current password
    QLabel *m_passwordRule = nullptr;
    QHash<QString, QLabel *> m_errors;
    QLabel *m_message = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace td
