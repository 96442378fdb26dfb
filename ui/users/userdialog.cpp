// SPDX-License-Identifier: MIT
#include "userdialog.h"
#include "domain/authz.h"
#include "domain/records.h"

#include "consolecontext.h"
#include "core/permissions.h"
#include "security/credentialpolicy.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

using Form::wipeField;

UserDialog::UserDialog(ConsoleContext &context, Mode mode, const User &user, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_mode(mode)
    , m_user(user)
{
    setObjectName(QStringLiteral("userDialog"));
    m_gate = new Form::ErrorGate(this);
    setWindowTitle(mode == Mode::Create ? tr("New User")
                   : mode == Mode::Edit ? tr("Edit User %1").arg(user.username)
                                        : tr("User %1").arg(user.username));
    const bool readOnly = mode == Mode::View;

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_username = new QLineEdit(user.username, this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setAccessibleName(tr("User Name"));
    m_username->setMaxLength(64);
    m_username->setReadOnly(mode != Mode::Create); // a username never changes
    addField(form, tr("User &Name:"), m_username, QStringLiteral("username"));

    m_displayName = new QLineEdit(user.displayName, this);
    m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
    m_displayName->setAccessibleName(tr("Display Name"));
    m_displayName->setReadOnly(readOnly);
    m_displayName->setPlaceholderText(tr("e.g. Alice Example"));
    addField(form, tr("&Display Name:"), m_displayName, QStringLiteral("displayName"));

    m_email = new QLineEdit(user.email, this);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setReadOnly(readOnly);
    m_email->setPlaceholderText(QStringLiteral("name@example.org"));
    addField(form, tr("&Email:"), m_email, QStringLiteral("email"));

    // The language tokendesk-server writes this user's expiry notices in.
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language of Notices"));
    m_language->addItem(tr("Server default"), QString());
    for (const QString &code : Records::noticeLanguages())
        m_language->addItem(QLocale(code).nativeLanguageName(), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(user.language)));
    m_language->setEnabled(!readOnly);
    m_language->setToolTip(tr("The language of the e-mails that tell this user about tokens "
                              "and access codes that expire."));
    addField(form, tr("&Language of notices:"), m_language, QStringLiteral("language"));

    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("departmentCombo"));
    m_department->setAccessibleName(tr("Department"));
    m_department->setEnabled(!readOnly);
    addField(form, tr("De&partment:"), m_department, QStringLiteral("department"));

    m_userType = new QComboBox(this);
    m_userType->setObjectName(QStringLiteral("userTypeCombo"));
    m_userType->setAccessibleName(tr("User Type"));
    m_userType->setEnabled(!readOnly);
    addField(form, tr("User &Type:"), m_userType, QStringLiteral("userType"));
    m_typeDescription = Form::hintLabel(QString(), this);
    m_typeDescription->setObjectName(QStringLiteral("userTypeDescription"));
    form->addRow(QString(), m_typeDescription);
    layout->addLayout(form);

    if (!readOnly)
        addPasswordBox(layout);

    m_message = Form::errorLabel(this, QStringLiteral("messageLabel"));
    layout->addWidget(m_message);
    layout->addStretch(1);

    addButtons(layout);

    loadChoices();

    for (QLineEdit *e : {m_username, m_displayName, m_email})
        connect(e, &QLineEdit::textChanged, this, &UserDialog::updateState);
    connect(m_department, &QComboBox::currentIndexChanged, this, &UserDialog::updateState);
    connect(m_userType, &QComboBox::currentIndexChanged, this, &UserDialog::updateState);
    connect(m_language, &QComboBox::currentIndexChanged, this, &UserDialog::updateState);
    // The address and the password are checked while typing; what is wrong shows once the
    // field was left.
    m_gate->watch(m_email, QStringLiteral("email"));
    if (m_password) {
        m_gate->watch(m_password, QStringLiteral("password"));
        m_gate->watch(m_repeat, QStringLiteral("password"));
    }
    connect(m_gate, &Form::ErrorGate::revealed, this, &UserDialog::updateState);

    setMinimumWidth(fontMetrics().averageCharWidth() * 76);
    LayoutMemory::rememberSize(this, QStringLiteral("userDialog"));
    updateState();
    if (mode == Mode::Create)
        m_username->setFocus();
    else
        m_displayName->setFocus();
}

void UserDialog::addField(QFormLayout *form, const QString &label, QWidget *field,
                          const QString &key)
{
    form->addRow(label, field);
    QLabel *err = Form::errorLabel(this, key + QStringLiteral("Error"));
    form->addRow(QString(), err);
    m_errors.insert(key, err);
}

/// The password of a new user, or "Reset the password" of an existing one.
void UserDialog::addPasswordBox(QVBoxLayout *layout)
{
    // One's own password changes only with the current one (AccountService::changeOwnPassword);
    // another user's is reset by whoever may manage them.
    const bool own = m_mode == Mode::Edit && Authz::isSelf(m_context.actor(), m_user.id);
    m_passwordBox = new QGroupBox(m_mode == Mode::Create ? tr("Password")
                                  : own                  ? tr("&Change your password")
                                                         : tr("&Reset the password"),
                                  this);
    m_passwordBox->setObjectName(QStringLiteral("passwordBox"));
    if (m_mode == Mode::Edit) {
        m_passwordBox->setCheckable(true);
        m_passwordBox->setChecked(false);
    }
    auto *pf = new QFormLayout(m_passwordBox);
    if (own) {
        m_current = new QLineEdit(m_passwordBox);
        m_current->setObjectName(QStringLiteral("currentPasswordEdit"));
        m_current->setAccessibleName(tr("Current password"));
        m_current->setEchoMode(QLineEdit::Password);
        pf->addRow(tr("C&urrent password:"), m_current);
        QLabel *currentErr =
            Form::errorLabel(m_passwordBox, QStringLiteral("currentPasswordError"));
        pf->addRow(QString(), currentErr);
        m_errors.insert(QStringLiteral("currentPassword"), currentErr);
        connect(m_current, &QLineEdit::textChanged, this, &UserDialog::updateState);
    }
    m_password = new QLineEdit(m_passwordBox);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("New password"));
    m_password->setEchoMode(QLineEdit::Password);
    pf->addRow(m_mode == Mode::Create ? tr("Pass&word:") : tr("New pass&word:"), m_password);
    m_repeat = new QLineEdit(m_passwordBox);
    m_repeat->setObjectName(QStringLiteral("repeatPasswordEdit"));
    m_repeat->setAccessibleName(tr("Repeat the password"));
    m_repeat->setEchoMode(QLineEdit::Password);
    pf->addRow(tr("Re&peat:"), m_repeat);
    m_passwordRule = new QLabel(m_passwordBox);
    m_passwordRule->setObjectName(QStringLiteral("passwordRuleLabel"));
    m_passwordRule->setWordWrap(true);
    pf->addRow(QString(), m_passwordRule);
    QLabel *err = Form::errorLabel(m_passwordBox, QStringLiteral("passwordError"));
    pf->addRow(QString(), err);
    m_errors.insert(QStringLiteral("password"), err);
    layout->addWidget(m_passwordBox);
    connect(m_passwordBox, &QGroupBox::toggled, this, &UserDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &UserDialog::updateState);
    connect(m_repeat, &QLineEdit::textChanged, this, &UserDialog::updateState);
}

void UserDialog::addButtons(QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(this);
    if (m_mode == Mode::View) {
        buttons->addButton(QDialogButtonBox::Close);
    } else {
        m_save = buttons->addButton(m_mode == Mode::Create ? tr("&Create") : tr("&Save Changes"),
                                    QDialogButtonBox::AcceptRole);
        m_save->setObjectName(QStringLiteral("saveButton"));
        m_save->setDefault(true);
        buttons->addButton(QDialogButtonBox::Cancel);
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

/// The departments and user types to choose from, and the user's.
void UserDialog::loadChoices()
{
    m_context.backend().departments().then(this, [this](const Result<QList<Department>> &depts) {
        if (!depts) {
            Form::showError(m_message, depts.error().message);
            return;
        }
        for (const Department &d : depts.value())
            m_department->addItem(d.name, d.id);
        m_department->setCurrentIndex(
            m_mode == Mode::Create ? -1 : m_department->findData(m_user.departmentId));
    });
    m_context.backend().userTypes().then(this, [this](const Result<QList<UserType>> &types) {
        if (!types) {
            Form::showError(m_message, types.error().message);
            return;
        }
        // Only user types within the actor's own permissions (Authz::mayAssignUserType); the
        // user's current type stays listed.
        for (const UserType &t : types.value())
            if (Authz::mayAssignUserType(m_context.actor(), t.permissions) ||
                (m_mode != Mode::Create && t.id == m_user.userTypeId)) {
                m_types << t;
                m_userType->addItem(t.name, t.id);
            }
        m_userType->setCurrentIndex(m_mode == Mode::Create
                                        ? m_userType->findText(BuiltinUserType::Standard)
                                        : m_userType->findData(m_user.userTypeId));
    });
    if (m_mode == Mode::Edit && Authz::isSelf(m_context.actor(), m_user.id)) {
        m_userType->setEnabled(false);
        m_userType->setToolTip(tr("You cannot change your own user type."));
    }
}

UserDialog::~UserDialog()
{
    if (m_password) {
        wipeField(m_password);
        wipeField(m_repeat);
    }
    if (m_current)
        wipeField(m_current);
}

QString UserDialog::passwordProblem() const
{
    if (!m_passwordBox || (m_passwordBox->isCheckable() && !m_passwordBox->isChecked()))
        return {};
    QString typed = m_password->text();
    const SecretBytes pw = SecretBytes::fromString(typed);
    if (pw.isEmpty())
        return tr("At least %1 characters; not the username.")
            .arg(CredentialPolicy::PasswordMinLength);
    const QString user = CredentialPolicy::canonicalUsername(m_username->text());
    if (QString why = CredentialPolicy::checkPassword(pw, user); !why.isEmpty())
        return why;
    if (m_repeat->text() != m_password->text())
        return m_repeat->text().isEmpty() ? tr("Repeat the password.")
                                          : tr("The two passwords differ.");
    if (m_current && m_current->text().isEmpty())
        return tr("Enter your current password.");
    return {};
}

void UserDialog::updateState()
{
    const int ti = m_userType->currentIndex();
    if (ti >= 0 && ti < m_types.size()) {
        const UserType &t = m_types.at(ti);
        QStringList console, scopeTitles;
        for (const QString &s : t.scopes())
            scopeTitles << Scope::title(s);
        for (const QString &p : t.permissions)
            if (!isScope(p))
                console << Permission::description(p);
        m_typeDescription->setText(
            (t.description.isEmpty()
                 ? QString()
                 : BuiltinUserType::shownDescription(t.description) + QLatin1Char('\n')) +
            tr("API scopes: %1")
                .arg(t.scopes().isEmpty() ? tr("none") : scopeTitles.join(QLatin1String(", "))));
        m_typeDescription->setToolTip(console.join(QLatin1Char('\n')));
    } else {
        m_typeDescription->clear();
    }
    if (!m_save)
        return;
    const QString pwProblem = passwordProblem();
    if (m_passwordRule) {
        const bool active = !(m_passwordBox->isCheckable() && !m_passwordBox->isChecked());
        m_passwordRule->setText(
            active ? (pwProblem.isEmpty() ? tr("The password is fine.") : pwProblem) : QString());
        const bool typedSomething = !m_password->text().isEmpty();
        Form::setProblem(m_passwordRule, !pwProblem.isEmpty() && typedSomething &&
                                             m_gate->shows(QStringLiteral("password")));
    }
    // An address is optional; a changed one must be one.
    const QString email = m_email->text().trimmed();
    const QString emailProblem =
        email.isEmpty() || (m_mode != Mode::Create && email == m_user.email)
            ? QString()
            : Records::checkEmail(email);
    if (QLabel *l = m_errors.value(QStringLiteral("email"));
        l && (m_gate->shows(QStringLiteral("email")) || emailProblem.isEmpty()))
        Form::showError(l, emailProblem);
    QString why;
    if (m_username->text().trimmed().isEmpty())
        why = tr("Enter a user name.");
    else if (m_department->currentIndex() < 0)
        why = tr("Choose the user's department.");
    else if (m_userType->currentIndex() < 0)
        why = tr("Choose the user's user type.");
    else if (!pwProblem.isEmpty())
        why = pwProblem;
    else if (!emailProblem.isEmpty())
        why = emailProblem;
    m_save->setEnabled(why.isEmpty());
    m_save->setToolTip(why);
}

void UserDialog::clearErrors()
{
    for (QLabel *l : std::as_const(m_errors))
        Form::showError(l, {});
    Form::showError(m_message, {});
}

void UserDialog::showFieldError(const QString &field, const QString &text)
{
    if (QLabel *l = m_errors.value(field)) {
        Form::showError(l, text);
        if (field == QLatin1String("username"))
            m_username->setFocus();
        else if (field == QLatin1String("displayName"))
            m_displayName->setFocus();
        else if (field == QLatin1String("email"))
            m_email->setFocus();
        else if (field == QLatin1String("department"))
            m_department->setFocus();
        else if (field == QLatin1String("userType"))
            m_userType->setFocus();
        else if (field == QLatin1String("password"))
            m_password->setFocus();
        else if (field == QLatin1String("currentPassword") && m_current)
            m_current->setFocus();
    } else {
        Form::showError(m_message, text);
    }
}

void UserDialog::save()
{
    if (m_mode == Mode::View) {
        accept();
        return;
    }
    updateState();
    if (!m_save->isEnabled() || m_saving)
        return;
    clearErrors();
    if (m_mode == Mode::Create) {
        NewUser n;
        n.username = m_username->text();
        n.displayName = m_displayName->text();
        n.email = m_email->text();
        n.department = m_department->currentText();
        n.userType = m_userType->currentText();
        n.language = m_language->currentData().toString();
        QString typed = m_password->text();
        n.password = SecretBytes::fromString(typed);
        busy(true);
        m_context.backend().createUser(n).then(this, [this](const Result<User> &created) {
            busy(false);
            if (!created) {
                showFieldError(created.error().field, created.error().message);
                return;
            }
            m_user = created.value();
            saved();
        });
    } else {
        UserChanges c;
        if (m_displayName->text().trimmed() != m_user.displayName)
            c.displayName = m_displayName->text();
        if (m_email->text().trimmed() != m_user.email)
            c.email = m_email->text();
        if (m_department->currentData().toLongLong() != m_user.departmentId)
            c.department = m_department->currentText();
        if (m_userType->currentData().toLongLong() != m_user.userTypeId)
            c.userType = m_userType->currentText();
        if (m_language->currentData().toString() != m_user.language)
            c.language = m_language->currentData().toString();
        busy(true);
        auto update = c.displayName || c.email || c.department || c.userType || c.language
                          ? m_context.backend().updateUser(m_user.id, c)
                          : Pending<void>::ready({});
        update.then(this, [this](const Result<void> &updated) {
            if (!updated) {
                busy(false);
                showFieldError(updated.error().field, updated.error().message);
                return;
            }
            savePassword();
        });
    }
}

/// The second step of saving a user: the password, when it is to change.
void UserDialog::savePassword()
{
    if (!m_passwordBox->isChecked()) {
        busy(false);
        saved();
        return;
    }
    QString typed = m_password->text();
    const SecretBytes pw = SecretBytes::fromString(typed);
    QString typedCurrent = m_current ? m_current->text() : QString();
    const SecretBytes current = SecretBytes::fromString(typedCurrent);
    auto set = m_current ? m_context.backend().changeOwnPassword(current, pw)
                         : m_context.backend().setPassword(m_user.id, pw);
    set.then(this, [this](const Result<void> &r) {
        busy(false);
        if (!r) {
            showFieldError(r.error().field.isEmpty() ? QStringLiteral("password") : r.error().field,
                           r.error().message);
            // The other changes are saved: the list shows them even if Cancel is pressed.
            Q_EMIT m_context.dataChanged();
            return;
        }
        saved();
    });
}

void UserDialog::busy(bool on)
{
    m_saving = on;
    if (on) {
        m_save->setEnabled(false);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
        updateState();
    }
}

void UserDialog::saved()
{
    Q_EMIT m_context.dataChanged();
    accept();
}

} // namespace td
