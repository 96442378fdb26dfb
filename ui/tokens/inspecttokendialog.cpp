// SPDX-License-Identifier: MIT
#include "inspecttokendialog.h"

#include "consolecontext.h"
#include "core/permissions.h"
#include "itemmodels/localformat.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"
#include "widgets/statusbadgedelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

namespace {
QString shown(const QDateTime &t)
{
    return LocalFormat::dateTime(t);
}
} // namespace

QString InspectTokenDialog::curlExample(const QString &serverUrl)
{
    QString base = serverUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QStringLiteral("curl -H \"Authorization: Bearer <your token>\" %1/api/v1/me").arg(base);
}

QLabel *InspectTokenDialog::addValue(QFormLayout *form, const QString &name, const QString &label,
                                     const QString &value)
{
    QLabel *v = Form::valueLabel(this, QStringLiteral("value_") + name, label);
    Form::setValue(v, value);
    v->setWordWrap(true);
    form->addRow(label + QLatin1Char(':'), v); // the caption's buddy is v
    return v;
}

/// Description of Use: how to call the REST API with the token, with a button to copy it.
QWidget *InspectTokenDialog::descriptionOfUse(const QString &serverUrl, const QFont &mono)
{
    auto *use = new QWidget(this);
    auto *useLayout = new QVBoxLayout(use);
    useLayout->setContentsMargins(0, 0, 0, 0);
    auto *useText = new QLabel(
        tr("Send the token as a bearer token in the Authorization header of every request to the "
           "TokenDesk API. This call answers whom the token acts for and what it may do:"),
        use);
    useText->setObjectName(QStringLiteral("value_descriptionOfUse"));
    useText->setWordWrap(true);
    useLayout->addWidget(useText);
    auto *row = new QHBoxLayout;
    m_curl = new QLineEdit(curlExample(serverUrl), use);
    m_curl->setObjectName(QStringLiteral("curlExample"));
    m_curl->setReadOnly(true);
    m_curl->setFont(mono);
    m_curl->setAccessibleName(tr("Example request"));
    m_curl->setMinimumWidth(m_curl->fontMetrics().horizontalAdvance(m_curl->text()) + 16);
    m_curl->setCursorPosition(0);
    row->addWidget(m_curl, 1);
    auto *copy = new QPushButton(tr("Copy Example"), use);
    copy->setObjectName(QStringLiteral("copyExampleButton"));
    connect(copy, &QPushButton::clicked, this, [this, copy] {
        // No secret in it: a plain copy.
        QApplication::clipboard()->setText(m_curl->text());
        copy->setText(tr("Copied"));
    });
    row->addWidget(copy);
    useLayout->addLayout(row);
    return use;
}

InspectTokenDialog::InspectTokenDialog(ConsoleContext &context, const ApiToken &t, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("inspectTokenDialog"));
    setWindowTitle(tr("API Token “%1”").arg(t.name));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->addLayout(form);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    auto add = [&](const QString &name, const QString &label, const QString &value) {
        return addValue(form, name, label, value);
    };

    add(QStringLiteral("name"), tr("Token Name"), t.name);
    QLabel *hint = add(QStringLiteral("hint"), tr("API Token"), t.hint);
    hint->setFont(mono);
    auto *lost = new QLabel(
        tr("The token itself was shown once, when it was created; TokenDesk keeps only a hash of "
           "it. A lost token cannot be recovered: revoke it and create a new one."),
        this);
    lost->setObjectName(QStringLiteral("lostTokenNote"));
    lost->setWordWrap(true);
    lost->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), lost);

    QLabel *tenantLabel = add(QStringLiteral("tenantId"), tr("Tenant Id"), tr("Reading…"));
    tenantLabel->setFont(mono);
    context.backend().tenant().then(tenantLabel, [tenantLabel](Result<Tenant> tenant) {
        Form::setValue(tenantLabel,
                       tenant ? tenant->id : tr("(unknown: %1)").arg(tenant.error().message));
    });
    if (!t.description.isEmpty())
        add(QStringLiteral("description"), tr("Description"), t.description);

    form->addRow(tr("Description of Use:"), descriptionOfUse(context.serverUrl(), mono));

    add(QStringLiteral("expires"), tr("Expiry Date"), shown(t.expiresAt));
    add(QStringLiteral("user"), tr("Associated User"), t.username);
    add(QStringLiteral("departmentAndUserType"), tr("Department and User Type"),
        tr("%1 · %2").arg(t.department, t.userType));
    QStringList scopes;
    for (const QString &s : t.scopes)
        scopes << (t.effectiveScopes.contains(s) || !t.exceedsUserType()
                       ? QStringLiteral("%1 — %2").arg(Scope::title(s), Scope::description(s))
                       : tr("%1 — not in effect: the user type %2 does not grant it")
                             .arg(Scope::title(s), t.userType));
    add(QStringLiteral("scope"), tr("Scope"), scopes.join(QLatin1Char('\n')));
    if (t.exceedsUserType()) {
        QStringList effective;
        for (const QString &s : t.effectiveScopes)
            effective << Scope::title(s);
        add(QStringLiteral("effectiveScope"), tr("In Effect"),
            effective.isEmpty() ? tr("No scope: the token can do nothing now.")
                                : effective.join(QLatin1String(", ")));
    }
    add(QStringLiteral("created"), tr("Created"),
        tr("%1 by %2").arg(shown(t.createdAt), t.createdBy));
    if (t.rotatedAt.isValid()) {
        add(QStringLiteral("rotated"), tr("Secret Rotated"),
            tr("%1 by %2").arg(shown(t.rotatedAt), t.rotatedBy));
        const bool works =
            t.previousUntil > QDateTime::currentDateTimeUtc() && t.status != TokenStatus::Revoked;
        add(QStringLiteral("previousSecret"), tr("Previous Secret"),
            works ? tr("%1 — still works until %2").arg(t.previousHint, shown(t.previousUntil))
                  : tr("%1 — stopped working %2")
                        .arg(t.previousHint, shown(t.status == TokenStatus::Revoked
                                                       ? std::min(t.previousUntil, t.revokedAt)
                                                       : t.previousUntil)));
    }
    add(QStringLiteral("lastUsed"), tr("Last Used"),
        t.lastUsedAt.isValid() ? tr("%1 from %2").arg(shown(t.lastUsedAt), t.lastUsedFrom)
                               : tr("Never"));
    QString status = statusTitle(t.status);
    if (t.status == TokenStatus::Revoked)
        status = tr("%1 — %2 by %3").arg(status, shown(t.revokedAt), t.revokedBy);
    QLabel *statusLabel = add(QStringLiteral("status"), tr("Status"), status);
    const auto colors = StatusBadgeDelegate::colors(t.status, palette());
    statusLabel->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(colors.text.name()));
    if (t.personal)
        add(QStringLiteral("personal"), tr("Kind"),
            tr("Personal token (made with Save and Generate in Manage Tokens)"));

    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 110);
    fitToContents(this);
}

} // namespace td
