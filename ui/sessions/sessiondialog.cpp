// SPDX-License-Identifier: MIT
#include "sessiondialog.h"

#include "itemmodels/localformat.h"
#include "widgets/formhelpers.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

namespace {
QString longTime(const QDateTime &t)
{
    return t.isValid() ? LocalFormat::dateTime(t, true) : QString();
}
} // namespace

SessionDialog::SessionDialog(const MobileSession &session, bool canRevoke, Revoke revoke,
                             QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_canRevoke(canRevoke)
    , m_revoke(std::move(revoke))
{
    setObjectName(QStringLiteral("sessionDialog"));
    setWindowTitle(tr("Mobile User Token"));
    setAccessibleName(tr("Mobile session of %1").arg(session.username));

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A signed-in user of the mobile app. The session token itself is "
                                "never stored; its hint identifies it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addSpacing(fontMetrics().height() / 2);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(m_form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_revokeButton = buttons->addButton(tr("Revoke Session…"), QDialogButtonBox::ActionRole);
    m_revokeButton->setObjectName(QStringLiteral("revokeSessionButton"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_revokeButton, &QPushButton::clicked, this, [this] {
        if (m_revoke)
            m_revoke(m_session);
    });
    layout->addWidget(buttons);
    showSession();
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    adjustSize();
}

void SessionDialog::setSession(const MobileSession &session)
{
    m_session = session;
    showSession();
    adjustSize();
}

void SessionDialog::addField(const QString &name, const QString &label, const QString &value)
{
    QLabel *text = m_fields.value(name);
    if (!text) { // first time: the row; later only its text changes
        text = Form::valueLabel(this, QStringLiteral("field_") + name,
                                QString(label).remove(QLatin1Char(':')));
        auto *caption = new QLabel(label, this);
        caption->setBuddy(text);
        m_form->addRow(caption, text);
        m_fields.insert(name, text);
    }
    Form::setValue(text, value.isEmpty() ? tr("—") : value);
}

void SessionDialog::showSession()
{
    const MobileSession &s = m_session;
    // The fields of seed 002, in its order, then what identifies the device and the session.
    addField(QStringLiteral("userName"), tr("User Name:"), s.username);
    addField(QStringLiteral("email"), tr("Email:"), s.email);
    addField(QStringLiteral("department"), tr("Department:"), s.department);
    addField(QStringLiteral("userType"), tr("User Type:"), s.userType);
    addField(QStringLiteral("lastActive"), tr("Last Active:"),
             s.lastActiveFrom.isEmpty()
                 ? longTime(s.lastActiveAt)
                 : tr("%1 from %2").arg(longTime(s.lastActiveAt), s.lastActiveFrom));
    addField(QStringLiteral("expiry"), tr("Expiry Date:"), longTime(s.expiresAt));
    addField(QStringLiteral("device"), tr("Device:"), s.deviceName);
    addField(QStringLiteral("platform"), tr("Platform:"),
             tr("%1, app version %2").arg(s.platform, s.appVersion));
    addField(QStringLiteral("signedIn"), tr("Signed In:"), longTime(s.createdAt));
    addField(QStringLiteral("token"), tr("Session Token:"), s.hint);
    QString status = statusTitle(s.status);
    if (s.revokedAt.isValid())
        status = s.revokedBy.isEmpty()
                     ? tr("Revoked %1").arg(longTime(s.revokedAt))
                     : tr("Revoked %1 by %2").arg(longTime(s.revokedAt), s.revokedBy);
    addField(QStringLiteral("status"), tr("Status:"), status);

    const bool live = s.status == TokenStatus::Active || s.status == TokenStatus::ExpiringSoon;
    m_revokeButton->setEnabled(m_canRevoke && live);
    m_revokeButton->setToolTip(!live ? tr("This session has already ended.")
                               : m_canRevoke
                                   ? tr("Sign this device out of the mobile app now.")
                                   : tr("Your user type does not allow you to end other users' "
                                        "mobile sessions."));
}

QString SessionDialog::fieldText(const QString &name) const
{
    const auto *label = findChild<QLabel *>(QStringLiteral("field_") + name);
    return label ? label->text() : QString();
}

} // namespace td
