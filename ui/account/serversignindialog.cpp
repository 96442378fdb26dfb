// SPDX-License-Identifier: MIT
#include "serversignindialog.h"

#include "client/httpbackend.h"
#include "itemmodels/localformat.h"
#include "platform/credentialvault.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

namespace td {

namespace {
std::optional<bool> g_certificateAnswer;
} // namespace

ServerSignInDialog::ServerSignInDialog(const QUrl &server, QWidget *parent)
    : QDialog(parent)
    , m_server(server)
{
    setObjectName(QStringLiteral("serverSignInDialog"));
    setWindowTitle(tr("Sign in to a TokenDesk server"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(Form::hintLabel(
        tr("The server keeps the store and checks what your user type allows. Your password "
           "goes to the server only; this computer keeps at most a sign-in that the server can "
           "end."),
        this));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrlEdit"));
    m_url->setAccessibleName(tr("Server"));
    m_url->setPlaceholderText(QStringLiteral("https://tokens.example.org"));
    const QString last = QSettings().value(serverKey()).toString();
    m_url->setText(server.isValid() && !server.isEmpty() ? server.toString() : last);
    form->addRow(tr("&Server:"), m_url);
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setAccessibleName(tr("User name"));
    m_username->setText(QSettings().value(lastUserKey()).toString());
    form->addRow(tr("&User name:"), m_username);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    m_keep = new QCheckBox(tr("&Keep me signed in on this computer"), this);
    m_keep->setObjectName(QStringLiteral("keepSignedInCheck"));
    m_keep->setToolTip(tr("The keychain keeps the server's sign-in for this console, never your "
                          "password. It ends after 8 hours without use, after 7 days in any "
                          "case, when you sign out, or when an administrator ends it."));
    form->addRow(QString(), m_keep);
    layout->addLayout(form);

    m_message = Form::errorLabel(this, QStringLiteral("messageLabel"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse); // fingerprints can be copied
    layout->addWidget(m_message);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign In"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ServerSignInDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QLineEdit *e : {m_url, m_username, m_password})
        connect(e, &QLineEdit::textChanged, this, &ServerSignInDialog::updateButtons);

    updateButtons();
    (m_url->text().isEmpty()        ? m_url
     : m_username->text().isEmpty() ? m_username
                                    : m_password)
        ->setFocus();
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    LayoutMemory::rememberSize(this, QStringLiteral("serverSignInDialog"));
    fitToContents(this);
}

ServerSignInDialog::~ServerSignInDialog()
{
    Form::wipeField(m_password);
    delete m_backend.data(); // not taken: the sign-in was not wanted after all
}

QString ServerSignInDialog::serverKey()
{
    return QStringLiteral("server/connection");
}

QString ServerSignInDialog::lastUserKey()
{
    return QStringLiteral("server/lastUser");
}

void ServerSignInDialog::setCertificateAnswerForTesting(std::optional<bool> answer)
{
    g_certificateAnswer = answer;
}

HttpBackend *ServerSignInDialog::takeBackend()
{
    HttpBackend *b = m_backend;
    m_backend.clear();
    if (b)
        b->setParent(nullptr);
    return b;
}

void ServerSignInDialog::setMessage(const QString &text, bool problem)
{
    Form::showMessage(m_message, text, problem);
    fitToContents(this);
}

void ServerSignInDialog::updateButtons()
{
    m_signIn->setEnabled(!m_busy && !m_url->text().trimmed().isEmpty() &&
                         !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void ServerSignInDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    for (QWidget *w : {static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_username),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_keep)})
        w->setEnabled(!busy);
    if (busy) {
        setCursor(Qt::BusyCursor);
        setMessage(status, false);
    } else {
        unsetCursor();
    }
    updateButtons();
}

void ServerSignInDialog::signIn()
{
    if (m_busy || !m_signIn->isEnabled())
        return;
    QString text = m_url->text().trimmed();
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    if (const QString why = ServerTrust::whyNotUrl(text); !why.isEmpty()) {
        setMessage(why, true);
        m_url->setFocus();
        return;
    }
    m_server = QUrl(text);
    const int attempt = ++m_attempt;
    setBusy(true, tr("Connecting to %1…").arg(m_server.host()));
    ServerTrust::probe(m_server, this).then(this, [this, attempt](Result<ServerIdentity> id) {
        if (attempt == m_attempt)
            checked(id);
    });
}

void ServerSignInDialog::checked(const Result<ServerIdentity> &identity)
{
    if (!identity) {
        setBusy(false);
        setMessage(identity.error().message, true);
        return;
    }
    switch (identity->trust) {
    case ServerIdentity::Trust::SystemCa:
    case ServerIdentity::Trust::Pinned:
        sendCredentials();
        return;
    case ServerIdentity::Trust::Changed:
        setBusy(false);
        setMessage(tr("The certificate of %1 changed, so TokenDesk does not connect: it could be "
                      "someone else. Expected SHA-256 %2, the server presented %3. If your "
                      "administrator replaced the certificate, ask them for the new fingerprint.")
                       .arg(m_server.host(),
                            CertificateDialog::groupedFingerprint(identity->pinnedSha256),
                            CertificateDialog::groupedFingerprint(identity->sha256)),
                   true);
        return;
    case ServerIdentity::Trust::Unknown:
        askToTrust(identity.value());
        return;
    }
}

void ServerSignInDialog::askToTrust(const ServerIdentity &identity)
{
    auto trust = [this, sha = identity.sha256](bool yes) {
        if (!yes) {
            setBusy(false);
            setMessage(tr("Not connected: the server's certificate was not trusted."), true);
            return;
        }
        ServerTrust::pin(m_server, sha);
        sendCredentials();
    };
    if (g_certificateAnswer) {
        trust(*g_certificateAnswer);
        return;
    }
    auto *question = new CertificateDialog(m_server, identity, this);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QDialog::finished, this,
            [trust](int result) { trust(result == QDialog::Accepted); });
    question->open();
    Q_EMIT certificateQuestionShown(question);
}

void ServerSignInDialog::sendCredentials()
{
    setBusy(true, tr("Signing in to %1…").arg(m_server.host()));
    QString typed = m_password->text();
    const SecretBytes password = SecretBytes::fromString(typed);
    const int attempt = m_attempt;
    HttpBackend::signIn(m_server, m_username->text().trimmed(), password, this)
        .then(this, [this, attempt](Result<HttpBackend *> backend) {
            if (attempt == m_attempt)
                signedIn(std::move(backend));
            else if (backend)
                delete backend.value();
        });
}

void ServerSignInDialog::signedIn(Result<HttpBackend *> backend)
{
    setBusy(false);
    if (!backend) {
        const Error &e = backend.error();
        setMessage(
            e.code == Errc::Throttled && e.retryAfterSeconds > 0
                ? tr("%1 Try again in %n second(s).", nullptr, e.retryAfterSeconds).arg(e.message)
                : e.message,
            true);
        if (e.code == Errc::AuthenticationFailed) {
            m_password->selectAll();
            m_password->setFocus();
        }
        return;
    }
    m_backend = backend.value();
    Form::wipeField(m_password);
    QSettings().setValue(serverKey(), m_server.toString());
    QSettings().setValue(lastUserKey(), m_username->text().trimmed());
    const QString key = CredentialVault::serverKey(m_server);
    if (m_keep->isChecked())
        CredentialVault::instance().write(key, m_backend->credential(), nullptr, {});
    else
        CredentialVault::instance().remove(key, nullptr, {}); // an older one is not wanted
    accept();
}

// ---------------------------------------------------------------------------------------------

CertificateDialog::CertificateDialog(const QUrl &server, const ServerIdentity &identity,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("certificateDialog"));
    setWindowTitle(tr("Unknown certificate"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *text = new QLabel(
        tr("<p><b>Do you trust the certificate of %1?</b></p><p>This computer does not know who "
           "issued it (it may be self-signed). Compare its fingerprint with the one your "
           "administrator gave you. Trust it only if they match: TokenDesk will then accept "
           "this certificate, and only this one, from this server.</p>")
            .arg(server.host().toHtmlEscaped()),
        this);
    text->setObjectName(QStringLiteral("questionLabel"));
    text->setWordWrap(true);
    top->addWidget(text, 1);
    layout->addLayout(top);

    auto *form = new QFormLayout;
    auto add = [&](const char *name, const QString &label, const QString &value) {
        QLabel *v = Form::valueLabel(this, QLatin1String(name), label);
        Form::setValue(v, value);
        v->setWordWrap(true);
        form->addRow(label + QLatin1Char(':'), v);
        return v;
    };
    add("subjectValue", tr("Issued to"), identity.subject);
    add("issuerValue", tr("Issued by"), identity.issuer);
    add("expiresValue", tr("Valid until"), LocalFormat::dateTime(identity.notAfter));
    QLabel *fp =
        add("fingerprintValue", tr("SHA-256 fingerprint"), groupedFingerprint(identity.sha256));
    fp->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fp->setWordWrap(false); // its lines are the groups of 8 bytes
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *trust = buttons->addButton(tr("&Trust and Connect"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true); // a stray Enter trusts nothing
    cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    fitToContents(this);
}

QString CertificateDialog::groupedFingerprint(const QByteArray &hex)
{
    QStringList bytes;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        bytes << QString::fromLatin1(hex.mid(i, 2)).toUpper();
    QStringList lines;
    for (qsizetype i = 0; i < bytes.size(); i += 8)
        lines << bytes.mid(i, 8).join(QLatin1Char(':'));
    return lines.join(QLatin1Char('\n'));
}

} // namespace td
