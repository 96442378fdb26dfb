// SPDX-License-Identifier: MIT
#include "credentialvault.h"

#include <QPointer>

#include <qt6keychain/keychain.h>

namespace td {

CredentialVault &CredentialVault::instance()
{
    static CredentialVault vault;
    return vault;
}

CredentialVault::CredentialVault()
    : m_domain(QStringLiteral("TokenDesk"))
{}

QString CredentialVault::signInKey(const DatabaseLocation &store, const QString &username)
{
    return QStringLiteral("sign-in:%1:%2").arg(store.key(), username);
}

QString CredentialVault::serverKey(const QUrl &server)
{
    return QStringLiteral("server:%1://%2:%3")
        .arg(server.scheme(), server.host())
        .arg(server.port(443));
}

namespace {

CredentialVault::Answer answerFor(QKeychain::Job *job)
{
    CredentialVault::Answer a;
    a.detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        a.outcome = CredentialVault::Outcome::Ok;
        break;
    case QKeychain::EntryNotFound:
        a.outcome = CredentialVault::Outcome::NotFound;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        a.outcome = CredentialVault::Outcome::Unavailable;
        a.explanation = CredentialVault::tr(
            "The keychain of this computer is locked or refused access, so TokenDesk cannot "
            "remember passwords. Unlock the keychain and start TokenDesk again.");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // Without a running Secret Service QtKeychain answers OtherError, not NoBackendAvailable.
        a.outcome = CredentialVault::Outcome::Unavailable;
        a.explanation = CredentialVault::tr(
            "No keychain is available on this computer (no Secret Service such as GNOME Keyring "
            "or KWallet is running), so TokenDesk cannot remember passwords. Signing in works "
            "as usual.");
        break;
    case QKeychain::CouldNotDeleteEntry:
        a.outcome = CredentialVault::Outcome::Failed;
        a.explanation = CredentialVault::tr("The keychain could not delete the entry.");
        break;
    }
    return a;
}

} // namespace

void CredentialVault::read(const QString &key, QObject *context, Callback done)
{
    start(Kind::Read, key, nullptr, context, std::move(done));
}

void CredentialVault::write(const QString &key, const SecretBytes &secret, QObject *context,
                            Callback done)
{
    start(Kind::Write, key, &secret, context, std::move(done));
}

void CredentialVault::remove(const QString &key, QObject *context, Callback done)
{
    start(Kind::Delete, key, nullptr, context, std::move(done));
}

void CredentialVault::start(Kind kind, const QString &key, const SecretBytes *secret,
                            QObject *context, Callback done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_domain, this);
        break;
    case Kind::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_domain, this);
        // Binary data: the UTF-8 bytes as they are, without an intermediate QString.
        w->setBinaryData(secret->bytes());
        job = w;
        break;
    }
    case Kind::Delete:
        job = new QKeychain::DeletePasswordJob(m_domain, this);
        break;
    }
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    ++m_pending;
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, kind, guard, hasContext, done = std::move(done)](QKeychain::Job *j) {
                Answer a = answerFor(j);
                if (kind == Kind::Read && a.ok()) {
                    auto *r = static_cast<QKeychain::ReadPasswordJob *>(j);
                    QByteArray data = r->binaryData();
                    a.secret = SecretBytes(std::move(data));
                }
                if (kind == Kind::Delete && a.outcome == Outcome::NotFound)
                    a.outcome = Outcome::Ok; // already gone is what was asked for
                if (done && (!hasContext || guard))
                    done(a);
                if (--m_pending == 0)
                    Q_EMIT idle();
            });
    job->start();
}

} // namespace td
