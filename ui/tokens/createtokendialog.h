// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QFormLayout;
class QVBoxLayout;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;
class QTimer;

namespace td {

namespace Form {
class ErrorGate;
}
class ConsoleContext;
class ScopeSelector;

/// "Create API Token" (seeds 001 and 002): Token Name, Description, Scope (each explained),
/// Expiry (7, 30, 60, 90 days, 6 months, 1 year or a date), Select User, Department & User Type
/// (defaults from the user). Every change is checked with TokenService::validate(); the
/// problem is shown next to its field once the field was left or Create was pressed
/// (Form::ErrorGate), and Create stays disabled while it is shown. Create pressed before shows
/// the problem and moves the focus to its field. An expiry over 12 months asks for a deliberate
/// confirmation. After Create, takeCreated() hands out the token once.
class CreateTokenDialog : public QDialog
{
    Q_OBJECT

public:
    enum ExpiryPreset { Days7, Days30, Days60, Days90, Months6, Year1, CustomDate };
    Q_ENUM(ExpiryPreset)

    explicit CreateTokenDialog(ConsoleContext &context, QWidget *parent = nullptr);
    ~CreateTokenDialog() override;

    /// The request the form describes now.
    NewApiToken request() const;
    /// The expiry of a preset, counted from now (or the custom date, end of that day).
    static QDateTime expiryFor(ExpiryPreset preset, const QDate &custom = {});
    /// "30 days", "6 months", … as the Expiry list and the preferences show it.
    static QString presetTitle(ExpiryPreset preset);
    /// The preset a new token starts with (Settings ▸ Preferences…; 90 days unless set).
    static ExpiryPreset defaultPreset();
    static void setDefaultPreset(ExpiryPreset preset);
    /// The created token; empty before Create succeeded and after the first call.
    CreatedToken takeCreated();
    /// The error shown next to a field ("name", "description", "scopes", "user", "department",
    /// "expires", "" for the form), for tests and accessibility.
    QString errorFor(const QString &field) const;
    /// The form as it is now was checked and is fine (nothing is being checked or looked up):
    /// Create creates.
    bool isValid() const;

public Q_SLOTS:
    void create();
    /// Checks the form now (it also checks itself shortly after every change).
    void validate();

private:
    void showValidation(const Result<void> &ok);
    void showCreated(Result<CreatedToken> created);
    QWidget *addField(QFormLayout *form, QWidget *w, const QString &label,
                      const QString &errorField);
    void addNameRows(QFormLayout *form);
    void addUserRow(QFormLayout *form);
    void addDepartmentRow(QFormLayout *form);
    /// The departments and user types to choose from, then the user's defaults.
    void loadChoices();
    void addScopeRow(QFormLayout *form);
    void addExpiryRow(QFormLayout *form);
    void addButtons(QVBoxLayout *layout);
    void connectValidation();
    QLabel *addError(const QString &field);
    void userChanged();
    void userTypeChanged();
    void updateExpiryInfo();
    void scheduleValidation();
    /// Grows the dialog to what its rows need now (after an error line appeared).
    void fit();

    ConsoleContext &m_context;
    bool m_admin = false;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    ScopeSelector *m_scopes = nullptr;
    QComboBox *m_expiry = nullptr;
    QDateEdit *m_customDate = nullptr;
    QLabel *m_expiryInfo = nullptr;
    QLineEdit *m_user = nullptr;
    QStringListModel *m_userNames = nullptr;
    QComboBox *m_department = nullptr;
    QComboBox *m_userType = nullptr;
    QPushButton *m_create = nullptr;
    QHash<QString, QLabel *> m_errors;
    Form::ErrorGate *m_gate = nullptr;        // which fields' errors show
    Result<void> m_checked;                   // the answer to the latest check
    QHash<QString, QStringList> m_typeScopes; // user type name → scopes it grants
    QString m_defaultsFor;                    // the user whose defaults are filled in
    QString m_lookingUp;                      // the user name asked for, until the answer
    int m_validations = 0;                    // checks asked for; only the latest answer counts
    bool m_creating = false;
    bool m_createAsked = false; // Create was pressed before the latest change was checked
    bool m_checking = true;     // a check is on its way (the first once the choices are read)
    /// Departments and user types are read: a user's defaults and the scopes a type grants apply.
    bool m_choicesLoaded = false;
    QTimer *m_validateTimer = nullptr;
    CreatedToken m_created;
};

} // namespace td
