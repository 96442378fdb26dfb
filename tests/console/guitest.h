// SPDX-License-Identifier: MIT
// Shared by the console's GUI tests: people of each user type in a fixture store,
// a console context signed in as one of them, screenshots, audit look-ups.
#pragma once

#include "consolecontext.h"
#include "platform/credentialvault.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlQuery>
#include <QTest>
#include <QWidget>

#include <memory>

namespace td::test {

inline const char *SupportPassword = "Support-Pass#2";
inline const char *StandardPassword = "Standard-Pass#3";

/// Adds a user of that type to the fixture's "Administration" department.
inline bool addUser(Fixture &fx, const QString &name, const QString &type, const char *password,
                    const QString &email = {})
{
    NewUser n;
    n.username = name;
    n.displayName = name.at(0).toUpper() + name.mid(1);
    n.email = email.isEmpty() ? name + QStringLiteral("@example.org") : email;
    n.department = QStringLiteral("Administration");
    n.userType = type;
    n.password = secret(password);
    auto r = fx.domain->accounts.createUser(fx.cli, n);
    if (!r)
        qWarning("addUser(%s): %s", qPrintable(name), qPrintable(r.error().message));
    return r.ok();
}

/// A console context over a second connection to the fixture's store, signed in as username.
inline std::unique_ptr<ConsoleContext> signedInContext(Fixture &fx, const QString &username,
                                                       const char *password)
{
    auto store = fx.store->openAnother();
    if (!store) {
        qWarning("openAnother: %s", qPrintable(store.error().message));
        return nullptr;
    }
    Domain probe(*store.value());
    auto actor = probe.accounts.signIn(username, secret(password));
    if (!actor) {
        qWarning("signIn(%s): %s", qPrintable(username), qPrintable(actor.error().message));
        return nullptr;
    }
    return std::make_unique<ConsoleContext>(std::move(store.value()), actor.value());
}

/// Saves a picture of the widget into <build>/screenshots/<name>.png (to look at).
inline bool screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TD_BUILD_DIR") + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents(); // let pending layouts settle before the picture
    return w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// Audit rows of one action (newest first) as "actor|target|outcome|details".
inline QStringList auditRows(Store &store, const QString &action)
{
    QStringList out;
    (void)store.read([&] {
        QSqlQuery q = store.run(QStringLiteral("SELECT actor, target, outcome, details FROM "
                                               "audit_log WHERE action = ? ORDER BY id DESC"),
                                {action});
        while (q.next())
            out << QStringLiteral("%1|%2|%3|%4")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString());
    });
    return out;
}

template<typename T> T *child(QObject *parent, const char *name)
{
    return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
}

/// Reads a keychain key synchronously (for assertions): the outcome and the secret as text.
inline std::pair<CredentialVault::Outcome, QString> readKey(const QString &key)
{
    bool done = false;
    std::pair<CredentialVault::Outcome, QString> out{CredentialVault::Outcome::Failed, {}};
    CredentialVault::instance().read(key, nullptr, [&](CredentialVault::Answer &a) {
        out = {a.outcome, a.ok() ? a.secret.toQString() : a.explanation + a.detail};
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        out.second = QStringLiteral("no answer from the keychain within 10 s");
    return out;
}

} // namespace td::test
