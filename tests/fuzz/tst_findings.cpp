// SPDX-License-Identifier: MIT
// Regression tests for what fuzzing found that needs a store: an expiry past 9999-12-31 (UTC)
// was accepted (an ISO time with a negative offset on 9999-12-31 lands in year 10000), which
// ISO 8601, the exports and the status index (9e15 - expires_at) cannot hold.
#include "../common/testsupport.h"

#include "admincli.h"
#include "core/clock.h"
#include "core/permissions.h"

#include <QBuffer>
#include <QTest>

using namespace td;

class TestFindings : public QObject
{
    Q_OBJECT

    test::Fixture f;
    Actor admin;

    struct Run
    {
        int exit = -1;
        QByteArray out, err;
    };
    Run cli(QStringList args)
    {
        QByteArray inBytes, outBytes, errBytes;
        QBuffer in(&inBytes), out(&outBytes), err(&errBytes);
        in.open(QIODevice::ReadOnly);
        out.open(QIODevice::WriteOnly);
        err.open(QIODevice::WriteOnly);
        args.prepend(f.db->spec());
        args.prepend(QStringLiteral("--database"));
        args.prepend(QStringLiteral("tokendesk-admin"));
        Run r;
        r.exit = runAdminCli(args, in, out, err);
        r.out = outBytes;
        r.err = errBytes;
        return r;
    }
    qint64 tokens() { return test::countRows(*f.store, QStringLiteral("api_tokens")); }
    qint64 audits() { return test::countRows(*f.store, QStringLiteral("audit_log")); }

private Q_SLOTS:
    void init()
    {
        f = test::makeFixture();
        QVERIFY2(f.ok(), qPrintable(f.error));
        auto a =
            f.domain->accounts.signIn(QStringLiteral("admin"), test::secret(test::AdminPassword));
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        admin = a.value();
    }
    void cleanup()
    {
        f.domain.reset();
        f.store.reset();
        f.db.reset();
    }

    void domainCapsExpiryAtYear9999()
    {
        NewApiToken r;
        r.name = QStringLiteral("far");
        r.username = QStringLiteral("admin");
        r.scopes = {Scope::Collection};
        r.longLivedConfirmed = true;
        const qint64 t0 = tokens(), a0 = audits();

        r.expiresAt = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC);
        auto t = f.domain->tokens.create(admin, r);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, Errc::InvalidArgument);
        QCOMPARE(t.error().field, QStringLiteral("expires"));
        QVERIFY2(t.error().message.contains(QLatin1String("9999-12-31")), "names the limit");
        QCOMPARE(tokens(), t0);
        QCOMPARE(audits(), a0);

        // The last second of 9999 is still fine, and reads back as written.
        r.expiresAt = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
        auto ok = f.domain->tokens.create(admin, r);
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
        QCOMPARE(Clock::iso(ok->expiresAt), QStringLiteral("9999-12-31T23:59:59Z"));
        QCOMPARE(tokens(), t0 + 1);
    }

    void cliRefusesExpiryPastYear9999()
    {
        const qint64 t0 = tokens(), a0 = audits();
        for (const QString &when :
             {QStringLiteral("9999-12-31T23:00:00-14:00"), QStringLiteral("+99999d")}) {
            const Run r =
                cli({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
                     QStringLiteral("far"), QStringLiteral("--user"), QStringLiteral("admin"),
                     QStringLiteral("--scope"), QStringLiteral("collection"),
                     QStringLiteral("--expires"), when, QStringLiteral("--allow-long-expiry")});
            if (when.startsWith(QLatin1Char('+'))) {
                // +99999d is about 274 years: allowed, and a token is created.
                QCOMPARE(r.exit, 0);
                continue;
            }
            QVERIFY(r.exit != 0);
            QVERIFY2(r.out.isEmpty(), "no token on standard output");
            QVERIFY2(r.err.contains("9999-12-31"), r.err.constData());
        }
        QCOMPARE(tokens(), t0 + 1);
        QVERIFY(audits() > a0);
    }
};

QTEST_GUILESS_MAIN(TestFindings)
#include "tst_findings.moc"
