// SPDX-License-Identifier: MIT
#include "firstrunwizard.h"

#include "client/serverconnection.h"
#include "domain/domain.h"
#include "platform/messagebox.h"
#include "security/credentialpolicy.h"
#include "store/store.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizardPage>

#include <functional>
#include <pwd.h>
#include <unistd.h>

namespace td {

namespace {

/// A wizard page whose completeness is a function of its fields.
class FormPage : public QWizardPage
{
public:
    using QWizardPage::QWizardPage;
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void changed() { Q_EMIT completeChanged(); }
};

QString consoleActorLabel()
{
    QString who = qEnvironmentVariable("USER");
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
        who = QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("console:") + (who.isEmpty() ? QStringLiteral("unknown") : who);
}

} // namespace

FirstRunWizard::FirstRunWizard(const DatabaseLocation &suggested, QWidget *parent)
    : QWizard(parent)
    , m_suggested(suggested)
    , m_location(suggested)
{
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Set up TokenDesk"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Create Store"));

    addStorePage();
    addAdministratorPage();
    setMinimumSize(fontMetrics().averageCharWidth() * 84, fontMetrics().height() * 36);
    LayoutMemory::rememberSize(this, QStringLiteral("firstRunWizard"));
}

/// Page 1: where the data lives — a store on this computer (an SQLite file, for one
/// administrator) or a TokenDesk server (a shared deployment; the console never opens a shared
/// database itself).
void FirstRunWizard::addStorePage()
{
    auto *storePage = new FormPage(this);
    storePage->setObjectName(QStringLiteral("storePage"));
    storePage->setTitle(tr("Where TokenDesk keeps its data"));
    storePage->setSubTitle(tr("This is the first start: there is no TokenDesk store yet."));
    auto *sl = new QVBoxLayout(storePage);
    m_notice = Form::hintLabel(QString(), storePage);
    m_notice->setObjectName(QStringLiteral("storeNotice"));
    Form::setProblem(m_notice, true);
    m_notice->hide();
    sl->addWidget(m_notice);
    sl->addWidget(
        Form::hintLabel(tr("TokenDesk keeps users, API tokens, mobile sessions and the audit "
                           "log in one store. Choose where it lives."),
                        storePage));
    const DatabaseLocation sqliteLocation =
        m_suggested.isSqlite() ? m_suggested : DatabaseLocation::defaultLocation();
    m_sqlite = new QRadioButton(tr("A &local store on this computer (an SQLite file)"), storePage);
    m_sqlite->setObjectName(QStringLiteral("sqliteRadio"));
    sl->addWidget(m_sqlite);
    m_sqliteChoice = sqliteLocation;
    m_sqlitePath = new QLabel(sqliteLocation.path(), storePage);
    m_sqlitePath->setObjectName(QStringLiteral("sqlitePathLabel"));
    m_sqlitePath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sqlitePath->setWordWrap(true);
    auto *browse = new QPushButton(tr("&Browse…"), storePage);
    browse->setObjectName(QStringLiteral("sqliteBrowseButton"));
    browse->setAccessibleDescription(tr("Choose another file for the local store"));
    connect(browse, &QPushButton::clicked, this, &FirstRunWizard::browseSqliteFile);
    connect(m_sqlite, &QRadioButton::toggled, browse, &QWidget::setEnabled);
    // Indented under the radio button's text, whatever the style and scale.
    const int indent = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, m_sqlite) +
                       style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, m_sqlite);
    auto *pathRow = new QHBoxLayout;
    pathRow->setContentsMargins(indent, 0, 0, fontMetrics().height() / 3);
    pathRow->addWidget(m_sqlitePath, 1);
    pathRow->addWidget(browse, 0, Qt::AlignTop);
    sl->addLayout(pathRow);

    m_server = new QRadioButton(tr("&Connect to a TokenDesk server (shared by a team)"), storePage);
    m_server->setObjectName(QStringLiteral("serverRadio"));
    sl->addWidget(m_server);
    m_serverUrl = new QLineEdit(storePage);
    m_serverUrl->setObjectName(QStringLiteral("serverUrlEdit"));
    m_serverUrl->setAccessibleName(tr("Server address"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://tokens.example.org"));
    auto *serverForm = new QFormLayout;
    serverForm->setContentsMargins(indent, 0, 0, fontMetrics().height() / 3);
    serverForm->addRow(tr("Server a&ddress:"), m_serverUrl);
    serverForm->addRow(Form::hintLabel(tr("The server keeps the store and decides what each "
                                          "user may do; you sign in with your TokenDesk user "
                                          "name next."),
                                       storePage));
    sl->addLayout(serverForm);
    m_storeError = Form::errorLabel(storePage, QStringLiteral("storeError"));
    sl->addWidget(m_storeError);
    sl->addStretch(1);

    auto *group = new QButtonGroup(storePage);
    group->addButton(m_sqlite);
    group->addButton(m_server);
    m_sqlite->setChecked(true);
    // Through a server the wizard ends here (the server's sign-in comes next): "Connect"
    // instead of "Next".
    storePage->setButtonText(QWizard::FinishButton, tr("C&onnect"));
    auto updateStorePage = [this, storePage] {
        m_serverUrl->setEnabled(m_server->isChecked());
        storePage->setFinalPage(m_server->isChecked());
        Form::showError(m_storeError, {});
        storePage->changed();
    };
    connect(m_sqlite, &QRadioButton::toggled, this, updateStorePage);
    connect(m_server, &QRadioButton::toggled, this, updateStorePage);
    connect(m_serverUrl, &QLineEdit::textChanged, this, updateStorePage);
    storePage->complete = [this] {
        return m_sqlite->isChecked() || !m_serverUrl->text().trimmed().isEmpty();
    };
    updateStorePage();
    setPage(StorePage, storePage);
}

/// Browse…: another file for the local store, a new one or one set up already (then the wizard
/// goes to the sign-in). Nothing is written before Finish.
void FirstRunWizard::browseSqliteFile()
{
    auto *dialog = new QFileDialog(this, tr("Local Store File"), m_sqliteChoice.path(),
                                   tr("TokenDesk stores (*.sqlite *.db);;All files (*)"));
    dialog->setObjectName(QStringLiteral("sqliteFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);       // a file that need not exist yet
    dialog->setOption(QFileDialog::DontConfirmOverwrite); // never overwritten: opened or created
    dialog->setDefaultSuffix(QStringLiteral("sqlite"));
    dialog->selectFile(m_sqliteChoice.path());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_sqliteChoice = DatabaseLocation::sqlite(QDir::cleanPath(file));
        m_sqlitePath->setText(m_sqliteChoice.path());
        m_sqlite->setChecked(true);
        Form::showError(m_storeError, {});
    });
    dialog->open();
}

void FirstRunWizard::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        m_server->setChecked(true);
        m_serverUrl->setFocus();
    }
}

/// Page 2: the first administrator and the first department.
void FirstRunWizard::addAdministratorPage()
{
    auto *adminPage = new FormPage(this);
    adminPage->setObjectName(QStringLiteral("administratorPage"));
    adminPage->setTitle(tr("The first administrator"));
    adminPage->setSubTitle(tr("This account can create the other users, their departments and "
                              "user types."));
    auto *al = new QVBoxLayout(adminPage);
    auto *form = new QFormLayout;
    m_department = new QLineEdit(tr("Administration"), adminPage);
    m_department->setObjectName(QStringLiteral("departmentEdit"));
    m_department->setAccessibleName(tr("First department"));
    form->addRow(tr("First &department:"), m_department);
    m_adminName = new QLineEdit(adminPage);
    m_adminName->setObjectName(QStringLiteral("adminUsernameEdit"));
    m_adminName->setAccessibleName(tr("Administrator username"));
    m_adminName->setPlaceholderText(tr("e.g. admin"));
    form->addRow(tr("&Username:"), m_adminName);
    m_adminPassword = new QLineEdit(adminPage);
    m_adminPassword->setObjectName(QStringLiteral("adminPasswordEdit"));
    m_adminPassword->setAccessibleName(tr("Password"));
    m_adminPassword->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_adminPassword);
    m_adminRepeat = new QLineEdit(adminPage);
    m_adminRepeat->setObjectName(QStringLiteral("adminRepeatEdit"));
    m_adminRepeat->setAccessibleName(tr("Repeat the password"));
    m_adminRepeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat password:"), m_adminRepeat);
    m_passwordRule = new QLabel(adminPage);
    m_passwordRule->setObjectName(QStringLiteral("passwordRuleLabel"));
    m_passwordRule->setWordWrap(true);
    form->addRow(QString(), m_passwordRule);
    al->addLayout(form);
    m_gate = new Form::ErrorGate(this);
    m_gate->watch(m_adminPassword, QStringLiteral("password"));
    m_gate->watch(m_adminRepeat, QStringLiteral("password"));
    connect(m_gate, &Form::ErrorGate::revealed, this, &FirstRunWizard::updatePasswordRule);
    m_adminError = Form::errorLabel(adminPage, QStringLiteral("adminError"));
    al->addWidget(m_adminError);
    al->addStretch(1);
    adminPage->complete = [this] {
        if (m_adminName->text().trimmed().isEmpty())
            return false;
        QString typed = m_adminPassword->text();
        const SecretBytes pw = SecretBytes::fromString(typed);
        const QString user = CredentialPolicy::canonicalUsername(m_adminName->text());
        return CredentialPolicy::checkPassword(pw, user).isEmpty() &&
               m_adminPassword->text() == m_adminRepeat->text();
    };
    for (QLineEdit *e : {m_department, m_adminName, m_adminPassword, m_adminRepeat})
        connect(e, &QLineEdit::textChanged, this, [this, adminPage] {
            Form::showError(m_adminError, {});
            updatePasswordRule();
            adminPage->changed();
        });
    setPage(AdministratorPage, adminPage);
    updatePasswordRule();
}

FirstRunWizard::~FirstRunWizard()
{
    for (QLineEdit *e : {m_adminPassword, m_adminRepeat}) {
        QString t = e->text();
        e->clear();
        secureWipe(t);
    }
}

std::unique_ptr<Store> FirstRunWizard::takeStore()
{
    return std::move(m_store);
}

int FirstRunWizard::nextId() const
{
    if (currentId() == StorePage && !m_existing && !m_server->isChecked())
        return AdministratorPage;
    return -1;
}

void FirstRunWizard::updatePasswordRule()
{
    QString typed = m_adminPassword->text();
    const SecretBytes pw = SecretBytes::fromString(typed);
    const QString user = CredentialPolicy::canonicalUsername(m_adminName->text());
    QString text;
    bool bad = false;
    if (pw.isEmpty()) {
        text = tr("At least %1 characters; not the username.")
                   .arg(CredentialPolicy::PasswordMinLength);
    } else if (QString why = CredentialPolicy::checkPassword(pw, user); !why.isEmpty()) {
        text = why;
        bad = true;
    } else if (m_adminRepeat->text().isEmpty()) {
        text = tr("Repeat the password.");
    } else if (m_adminRepeat->text() != m_adminPassword->text()) {
        text = tr("The two passwords differ.");
        bad = true;
    } else {
        text = tr("The password is fine.");
    }
    m_passwordRule->setText(text);
    Form::setProblem(m_passwordRule, bad && m_gate->shows(QStringLiteral("password")));
    // A screen reader hears the rule (and what is wrong) with the password fields.
    m_adminPassword->setAccessibleDescription(text);
    m_adminRepeat->setAccessibleDescription(text);
}

bool FirstRunWizard::validateCurrentPage()
{
    if (m_existing)
        return true;
    if (currentId() == StorePage)
        return validateStore();
    if (currentId() == AdministratorPage)
        return createStore();
    return true;
}

bool FirstRunWizard::validateStore()
{
    Form::showError(m_storeError, {});
    if (m_server->isChecked()) {
        QString url = m_serverUrl->text().trimmed();
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        if (const QString why = ServerTrust::whyNotUrl(url); !why.isEmpty()) {
            Form::showError(m_storeError, why);
            m_serverUrl->setFocus();
            return false;
        }
        m_serverChoice = QUrl(url); // the console signs in to it next
        return true;
    }
    m_location = m_sqliteChoice;

    // What is there already? Nothing is created before Finish.
    setCursor(Qt::BusyCursor);
    auto opened = Store::open(m_location, Store::OpenMode::ExistingOnly);
    unsetCursor();
    if (opened) {
        if (opened.value()->isInitialized()) {
            MessageBox::information(this, tr("Store already set up"),
                                    tr("The store %1 is already set up.").arg(m_location.display()),
                                    tr("Sign in with your TokenDesk account."));
            m_store = std::move(opened.value());
            m_existing = true;
            QTimer::singleShot(0, this, &QWizard::accept);
            return false;
        }
        return true; // an empty schema: Finish initialises it
    }
    if (opened.code() == Errc::StoreMissing)
        return true;
    Form::showError(m_storeError, opened.error().message);
    return false;
}

bool FirstRunWizard::createStore()
{
    Form::showError(m_adminError, {});
    setCursor(Qt::BusyCursor);
    auto finish = qScopeGuard([this] { unsetCursor(); });
    auto opened = Store::open(m_location, Store::OpenMode::CreateIfMissing);
    if (!opened) {
        Form::showError(m_adminError, opened.error().message);
        return false;
    }
    std::unique_ptr<Store> store = std::move(opened.value());
    Domain service(*store);
    QString typed = m_adminPassword->text();
    const SecretBytes password = SecretBytes::fromString(typed);
    auto init = service.accounts.initialize(Actor::system(consoleActorLabel()), m_adminName->text(),
                                            password, m_department->text());
    if (!init) {
        if (init.code() == Errc::AlreadyExists) {
            // Someone else set it up meanwhile: sign in like everybody else.
            MessageBox::information(this, tr("Store already set up"), init.error().message,
                                    tr("Sign in with your TokenDesk account."));
            m_store = std::move(store);
            m_existing = true;
            return true;
        }
        Form::showError(m_adminError, init.error().message);
        const QString field = init.error().field;
        if (field == QLatin1String("username"))
            m_adminName->setFocus();
        else if (field == QLatin1String("password"))
            m_adminPassword->setFocus();
        else if (field == QLatin1String("department"))
            m_department->setFocus();
        return false;
    }
    auto signedIn = service.accounts.signIn(m_adminName->text(), password);
    if (!signedIn) {
        Form::showError(m_adminError, signedIn.error().message);
        return false;
    }
    m_actor = signedIn.value();
    m_store = std::move(store);
    return true;
}

} // namespace td
