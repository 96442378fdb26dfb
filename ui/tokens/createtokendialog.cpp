// SPDX-License-Identifier: MIT
#include "createtokendialog.h"
#include "domain/authz.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "itemmodels/localformat.h"
#include "platform/messagebox.h"
#include "scopeselector.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"

#include "widgets/tones.h"
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace td {

CreateTokenDialog::CreateTokenDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_admin(Authz::mayManageAllTokens(context.actor()))
{
    setObjectName(QStringLiteral("createTokenDialog"));
    setWindowTitle(tr("Create API Token"));
    m_gate = new Form::ErrorGate(this);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    addNameRows(form);
    addUserRow(form);
    addDepartmentRow(form);
    addScopeRow(form);
    addExpiryRow(form);

    QLabel *general = addError(QString());
    layout->addWidget(general);
    layout->addStretch(1); // spare height goes below the form, not into it
    addButtons(layout);
    connectValidation();

    updateExpiryInfo();
    loadChoices();
    m_name->setFocus();
    setMinimumWidth(fontMetrics().averageCharWidth() * 110);
    fit();
}

QWidget *CreateTokenDialog::addField(QFormLayout *form, QWidget *w, const QString &label,
                                     const QString &errorField)
{
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(w);
    if (!errorField.isEmpty()) {
        QLabel *error = addError(errorField);
        error->setParent(box);
        v->addWidget(error);
        m_gate->watch(w, errorField);
    }
    auto *l = new QLabel(label, this);
    l->setBuddy(w);
    form->addRow(l, box);
    return box;
}

void CreateTokenDialog::addNameRows(QFormLayout *form)
{
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setAccessibleName(tr("Token Name"));
    m_name->setPlaceholderText(tr("e.g. ci-deploy"));
    m_name->setMaxLength(200); // the service says what the limit is
    addField(form, m_name, tr("Token &Name:"), QStringLiteral("name"));

    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setPlaceholderText(tr("Optional: what the token is for and where it is kept"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    addField(form, m_description, tr("&Description:"), QStringLiteral("description"));
}

/// Select User: administrators search every user; others create tokens only for themselves.
void CreateTokenDialog::addUserRow(QFormLayout *form)
{
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setAccessibleName(tr("Select User"));
    m_userNames = new QStringListModel(this);
    auto *completer = new QCompleter(m_userNames, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_user->setCompleter(completer);
    completer->popup()->setAccessibleName(m_user->accessibleName()); // the suggestions' list
    if (m_admin) {
        m_user->setPlaceholderText(tr("Type to search users"));
        connect(m_user, &QLineEdit::textEdited, this, [this](const QString &text) {
            UserQuery q;
            q.text = text.trimmed();
            q.includeDisabled = false;
            q.limit = 30;
            m_context.backend().users(q).then(this, [this, text](Result<QList<User>> users) {
                if (!users || m_user->text() != text)
                    return; // a later keystroke asked again
                QStringList names;
                for (const User &u : users.value())
                    names << u.username;
                m_userNames->setStringList(names);
            });
        });
    } else {
        m_user->setText(m_context.actor().username);
        m_user->setReadOnly(true);
        m_user->setToolTip(tr("Your user type lets you create tokens only for yourself."));
    }
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
            &CreateTokenDialog::userChanged);
    connect(m_user, &QLineEdit::editingFinished, this, &CreateTokenDialog::userChanged);
    addField(form, m_user, tr("Select &User:"), QStringLiteral("user"));
}

void CreateTokenDialog::addDepartmentRow(QFormLayout *form)
{
    auto *deptRow = new QWidget(this);
    auto *deptLayout = new QHBoxLayout(deptRow);
    deptLayout->setContentsMargins(0, 0, 0, 0);
    m_department = new QComboBox(deptRow);
    m_department->setObjectName(QStringLiteral("departmentCombo"));
    m_department->setAccessibleName(tr("Department"));
    m_userType = new QComboBox(deptRow);
    m_userType->setObjectName(QStringLiteral("userTypeCombo"));
    m_userType->setAccessibleName(tr("User Type"));
    deptLayout->addWidget(m_department, 1);
    deptLayout->addWidget(m_userType, 1);
    if (!m_admin) {
        const QString why =
            tr("Only an administrator may bind a token to another department or user type.");
        m_department->setEnabled(false);
        m_userType->setEnabled(false);
        m_department->setToolTip(why);
        m_userType->setToolTip(why);
    }
    addField(form, deptRow, tr("Department && User &Type:"), QStringLiteral("department"));
}

void CreateTokenDialog::loadChoices()
{
    const auto types = m_context.backend().userTypes();
    m_context.backend().departments().then(
        this, [this, types](const Result<QList<Department>> &depts) {
            if (depts)
                for (const Department &d : depts.value())
                    m_department->addItem(d.name, d.id);
            types.then(this, [this](const Result<QList<UserType>> &userTypes) {
                if (userTypes)
                    for (const UserType &t : userTypes.value()) {
                        m_userType->addItem(t.name, t.id);
                        m_typeScopes.insert(t.name, t.scopes());
                    }
                m_choicesLoaded = true;
                if (!m_admin)
                    userChanged(); // the user's own department and user type
                else
                    userTypeChanged();
                validate(); // says what could not be read
            });
        });
}

void CreateTokenDialog::addScopeRow(QFormLayout *form)
{
    auto *scopeBox = new QWidget(this);
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->setContentsMargins(0, 0, 0, 0);
    m_scopes = new ScopeSelector(scopeBox);
    scopeLayout->addWidget(m_scopes);
    auto *hint = new QLabel(tr("To guarantee data security, grant the token only the minimal "
                               "permissions the integration needs: every scope you add is "
                               "something a leaked token could do."),
                            scopeBox);
    hint->setObjectName(QStringLiteral("leastPrivilegeHint"));
    hint->setWordWrap(true);
    setBoxTone(hint, Tone::Info);
    scopeLayout->addWidget(hint);
    addField(form, scopeBox, tr("&Scope:"), QStringLiteral("scopes"));
}

void CreateTokenDialog::addExpiryRow(QFormLayout *form)
{
    auto *expiryRow = new QWidget(this);
    auto *expiryLayout = new QVBoxLayout(expiryRow);
    expiryLayout->setContentsMargins(0, 0, 0, 0);
    auto *pick = new QHBoxLayout;
    m_expiry = new QComboBox(expiryRow);
    m_expiry->setObjectName(QStringLiteral("expiryCombo"));
    m_expiry->setAccessibleName(tr("Expiry"));
    for (ExpiryPreset p : {Days7, Days30, Days60, Days90, Months6, Year1, CustomDate})
        m_expiry->addItem(presetTitle(p), p);
    m_expiry->setCurrentIndex(m_expiry->findData(defaultPreset()));
    m_customDate = new QDateEdit(expiryRow);
    m_customDate->setObjectName(QStringLiteral("expiryDate"));
    m_customDate->setAccessibleName(tr("Expiry date"));
    m_customDate->setCalendarPopup(true);
    m_customDate->setDisplayFormat(LocalFormat::dateFormat());
    m_customDate->setMinimumDate(QDate::currentDate().addDays(1));
    m_customDate->setDate(QDate::currentDate().addDays(90));
    m_customDate->setEnabled(false);
    pick->addWidget(m_expiry);
    pick->addWidget(m_customDate);
    pick->addStretch(1);
    expiryLayout->addLayout(pick);
    m_expiryInfo = new QLabel(expiryRow);
    m_expiryInfo->setObjectName(QStringLiteral("expiryInfo"));
    m_expiryInfo->setWordWrap(true);
    expiryLayout->addWidget(m_expiryInfo);
    addField(form, expiryRow, tr("&Expiry Date:"), QStringLiteral("expires"));
}

void CreateTokenDialog::addButtons(QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    m_create->setEnabled(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_create, &QPushButton::clicked, this, &CreateTokenDialog::create);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
}

/// Every edit validates (debounced); the user type and the expiry update what they imply.
void CreateTokenDialog::connectValidation()
{
    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(150);
    connect(m_validateTimer, &QTimer::timeout, this, &CreateTokenDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &CreateTokenDialog::scheduleValidation);
    connect(m_description, &QPlainTextEdit::textChanged, this,
            &CreateTokenDialog::scheduleValidation);
    connect(m_user, &QLineEdit::textChanged, this, &CreateTokenDialog::scheduleValidation);
    connect(m_scopes, &ScopeSelector::changed, this, &CreateTokenDialog::scheduleValidation);
    connect(m_department, &QComboBox::currentIndexChanged, this,
            &CreateTokenDialog::scheduleValidation);
    connect(m_userType, &QComboBox::currentIndexChanged, this, &CreateTokenDialog::userTypeChanged);
    connect(m_expiry, &QComboBox::currentIndexChanged, this, [this] {
        const auto preset = ExpiryPreset(m_expiry->currentData().toInt());
        m_customDate->setEnabled(preset == CustomDate);
        if (preset != CustomDate) { // the greyed date is the preset's, and where a choice starts
            const QSignalBlocker quiet(m_customDate);
            m_customDate->setDate(expiryFor(preset, {}).toLocalTime().date());
        }
        updateExpiryInfo();
        scheduleValidation();
    });
    connect(m_customDate, &QDateEdit::dateChanged, this, [this] {
        updateExpiryInfo();
        scheduleValidation();
    });
    // A field left: its error (of the latest check) shows; a check on its way decides itself.
    connect(m_gate, &Form::ErrorGate::revealed, this, [this] {
        if (!m_validateTimer->isActive() && !m_checking && !m_creating)
            showValidation(m_checked);
    });
}

CreateTokenDialog::~CreateTokenDialog() = default;

void CreateTokenDialog::fit()
{
    fitToContents(this);
    // The form's height for its width undercounts its wrapped explanations (QFormLayout), so
    // an error line that appears would squeeze the scopes: never less than the layout asks for.
    const int wanted = layout()->totalSizeHint().height();
    if (minimumHeight() < wanted)
        setMinimumHeight(wanted);
    if (height() < wanted)
        resize(width(), wanted);
}

QLabel *CreateTokenDialog::addError(const QString &fieldName)
{
    auto *label = new QLabel(this);
    label->setObjectName(fieldName.isEmpty() ? QStringLiteral("formError")
                                             : fieldName + QStringLiteral("Error"));
    label->setWordWrap(true);
    setTextTone(label, Tone::Bad);
    label->hide();
    m_errors.insert(fieldName, label);
    return label;
}

bool CreateTokenDialog::isValid() const
{
    return m_checked.ok() && !m_validateTimer->isActive() && !m_checking && m_lookingUp.isEmpty() &&
           !m_creating;
}

QString CreateTokenDialog::errorFor(const QString &fieldName) const
{
    const QLabel *l = m_errors.value(fieldName);
    return l && l->isVisibleTo(this) ? l->text() : QString();
}

QDateTime CreateTokenDialog::expiryFor(ExpiryPreset preset, const QDate &custom)
{
    const QDateTime now = Clock::now();
    switch (preset) {
    case Days7:
        return now.addDays(7);
    case Days30:
        return now.addDays(30);
    case Days60:
        return now.addDays(60);
    case Days90:
        return now.addDays(90);
    case Months6:
        return now.addMonths(6);
    case Year1:
        return now.addYears(1);
    case CustomDate:
        return custom.isValid() ? QDateTime(custom, QTime(23, 59)).toUTC() : QDateTime();
    }
    return {};
}

QString CreateTokenDialog::presetTitle(ExpiryPreset preset)
{
    switch (preset) {
    case Days7:
        return tr("7 days");
    case Days30:
        return tr("30 days");
    case Days60:
        return tr("60 days");
    case Days90:
        return tr("90 days");
    case Months6:
        return tr("6 months");
    case Year1:
        return tr("1 year");
    case CustomDate:
        return tr("Choose a date…");
    }
    return {};
}

CreateTokenDialog::ExpiryPreset CreateTokenDialog::defaultPreset()
{
    const QByteArray key =
        QSettings().value(QStringLiteral("tokens/defaultExpiry")).toString().toLatin1();
    bool ok = false;
    const int value = QMetaEnum::fromType<ExpiryPreset>().keyToValue(key.constData(), &ok);
    // A custom date has no default day; an unknown name (an older or edited file) is ignored.
    return ok && value != CustomDate ? ExpiryPreset(value) : Days90;
}

void CreateTokenDialog::setDefaultPreset(ExpiryPreset preset)
{
    QSettings().setValue(
        QStringLiteral("tokens/defaultExpiry"),
        QString::fromLatin1(QMetaEnum::fromType<ExpiryPreset>().valueToKey(preset)));
}

NewApiToken CreateTokenDialog::request() const
{
    NewApiToken r;
    r.name = m_name->text();
    r.description = m_description->toPlainText();
    r.scopes = m_scopes->selected();
    r.username = m_user->text().trimmed();
    r.department = m_department->currentText();
    r.userType = m_userType->currentText();
    r.expiresAt = expiryFor(ExpiryPreset(m_expiry->currentData().toInt()), m_customDate->date());
    return r;
}

void CreateTokenDialog::scheduleValidation()
{
    m_create->setEnabled(false); // until the check of what changed says otherwise
    m_validateTimer->start();
}

void CreateTokenDialog::userChanged()
{
    // The user's department and user type can be chosen only among the choices read; once they
    // are there, loadChoices() asks again (over a server they may come after the user is typed).
    if (!m_choicesLoaded)
        return;
    const QString name = m_user->text().trimmed();
    if (name.isEmpty() || name == m_defaultsFor)
        return;
    if (m_lookingUp == name)
        return; // asked already
    m_lookingUp = name;
    m_context.backend().userByName(name).then(this, [this, name](Result<User> user) {
        m_lookingUp.clear();
        if (!user || m_user->text().trimmed() != name) {
            if (m_createAsked && !m_validateTimer->isActive() && !m_checking)
                validate(); // what is wrong shows (Create was pressed)
            return;         // validation says what is wrong, or another name was typed meanwhile
        }
        m_defaultsFor = name;
        const int dept = m_department->findData(user->departmentId);
        if (dept >= 0)
            m_department->setCurrentIndex(dept);
        const int type = m_userType->findData(user->userTypeId);
        if (type >= 0)
            m_userType->setCurrentIndex(type);
        userTypeChanged();
    });
}

void CreateTokenDialog::userTypeChanged()
{
    if (!m_choicesLoaded)
        return; // what the type grants is not known yet: the scopes chosen so far stay
    const QString type = m_userType->currentText();
    m_scopes->setGranted(m_typeScopes.value(type), type);
    scheduleValidation();
}

void CreateTokenDialog::updateExpiryInfo()
{
    const QDateTime e = request().expiresAt;
    QString text = tr("Expires %1.").arg(LocalFormat::dateTime(e));
    if (TokenService::isLongLived(e))
        text += QLatin1Char(' ') +
                tr("That is more than 12 months away; we suggest no longer than 12 months for any "
                   "single token. You will be asked to confirm.");
    m_expiryInfo->setText(text);
    setTextTone(m_expiryInfo, TokenService::isLongLived(e) ? Tone::Warning : Tone::Info);
}

void CreateTokenDialog::validate()
{
    userChanged(); // a newly typed user brings their department and user type
    m_validateTimer->stop();
    NewApiToken r = request();
    r.longLivedConfirmed = true; // asked when Create is pressed
    const int asked = ++m_validations;
    m_checking = true;
    m_context.backend().validateToken(r).then(this, [this, asked](const Result<void> &ok) {
        if (asked != m_validations) // only the answer to the latest check counts
            return;
        m_checking = false;
        showValidation(ok);
        if (std::exchange(m_createAsked, false))
            create();
    });
}

void CreateTokenDialog::showValidation(const Result<void> &ok)
{
    m_checked = ok;
    QStringList shownBefore;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        if (!it.value()->isHidden())
            shownBefore << it.key();
    for (QLabel *l : std::as_const(m_errors)) {
        l->clear();
        l->hide();
    }
    bool shown = false;
    if (!ok) {
        QString f = ok.error().field;
        if (f == QLatin1String("userType"))
            f = QStringLiteral("department");
        if (!m_errors.contains(f))
            f.clear();
        // A field's error once the field was left or Create pressed; one of the whole form
        // (nothing the person typed: the lists could not be read) at once.
        shown = f.isEmpty() || m_gate->shows(f);
        QLabel *l = m_errors.value(f);
        l->setText(ok.error().message);
        l->setVisible(shown);
    }
    // Create stays pressable while the problem is not shown yet: pressing it shows the problem.
    m_create->setEnabled(ok.ok() || !shown);
    m_create->setToolTip(shown ? ok.error().message : QString());
    QStringList shownNow;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        if (!it.value()->isHidden())
            shownNow << it.key();
    if (shownNow != shownBefore)
        fit(); // an error line appeared or went away
}

void CreateTokenDialog::create()
{
    if (m_creating)
        return;
    // The latest change is not checked yet, or the user's defaults are on their way: once they
    // are, Create goes on.
    if (m_validateTimer->isActive() || m_checking || !m_lookingUp.isEmpty()) {
        m_createAsked = true;
        if (m_validateTimer->isActive())
            validate();
        return;
    }
    if (!m_checked) { // what is wrong shows, and the focus goes where it is
        m_gate->revealAll();
        QString f = m_checked.error().field;
        m_gate->focus(f == QLatin1String("userType") ? QStringLiteral("department") : f);
        return;
    }
    ++m_validations; // a check still on its way must not enable Create again
    m_checking = false;
    NewApiToken r = request();
    if (TokenService::isLongLived(r.expiresAt)) {
        const auto answer = MessageBox::question(
            this, tr("Create a long-lived token?"),
            tr("The token “%1” would stay valid until %2, more than 12 months from now.")
                .arg(r.name.trimmed(), LocalFormat::date(r.expiresAt)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
            tr("We suggest no longer than 12 months for any single token: the longer a token "
               "lives, the more likely it leaks. Create it anyway?"),
            {{QMessageBox::Yes, tr("Create Anyway")}});
        if (answer != QMessageBox::Yes)
            return;
        r.longLivedConfirmed = true;
    }
    m_creating = true;
    m_create->setEnabled(false);
    setCursor(Qt::BusyCursor);
    m_context.backend().createToken(r).then(this, [this](Result<CreatedToken> created) {
        m_creating = false;
        unsetCursor();
        showCreated(std::move(created));
    });
}

void CreateTokenDialog::showCreated(Result<CreatedToken> created)
{
    if (!created) {
        QString f = created.error().field;
        if (f == QLatin1String("userType"))
            f = QStringLiteral("department");
        QLabel *l = m_errors.value(f, m_errors.value(QString()));
        l->setText(created.error().message);
        l->show();
        m_create->setEnabled(false);
        fit();
        return;
    }
    m_created = std::move(created.value());
    Q_EMIT m_context.dataChanged();
    accept();
}

CreatedToken CreateTokenDialog::takeCreated()
{
    CreatedToken out = std::move(m_created);
    m_created = CreatedToken();
    return out;
}

} // namespace td
