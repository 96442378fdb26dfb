// SPDX-License-Identifier: MIT
#include "scopeselector.h"

#include "core/permissions.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QStyle>

namespace td {

ScopeSelector::ScopeSelector(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("scopeSelector"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(0);
    layout->setVerticalSpacing(1);
    // The explanations sit under the check boxes' texts.
    layout->setColumnMinimumWidth(0, style()->pixelMetric(QStyle::PM_IndicatorWidth) +
                                         style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
    layout->setColumnStretch(1, 1);
    int row = 0;
    for (const QString &scope : Scope::all()) {
        auto *box = new QCheckBox(Scope::title(scope), this);
        box->setObjectName(QStringLiteral("scope_") + scope);
        box->setAccessibleDescription(Scope::description(scope));
        connect(box, &QCheckBox::toggled, this, &ScopeSelector::changed);
        layout->addWidget(box, row++, 0, 1, 2);
        auto *text = new QLabel(Scope::description(scope), this);
        text->setObjectName(QStringLiteral("scopeDescription_") + scope);
        text->setWordWrap(true);
        text->setForegroundRole(QPalette::PlaceholderText);
        text->setContentsMargins(0, 0, 0, 4);
        text->setBuddy(box);
        layout->addWidget(text, row++, 1);
        m_boxes.insert(scope, box);
    }
}

QStringList ScopeSelector::selected() const
{
    QStringList out;
    for (const QString &scope : Scope::all())
        if (m_boxes.value(scope)->isChecked())
            out << scope;
    return out;
}

void ScopeSelector::setSelected(const QStringList &scopes)
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        const QSignalBlocker block(it.value());
        it.value()->setChecked(scopes.contains(it.key()) && it.value()->isEnabled());
    }
    Q_EMIT changed();
}

void ScopeSelector::setGranted(const QStringList &scopes, const QString &userType)
{
    bool uncheck = false;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        const bool granted = scopes.contains(it.key());
        QCheckBox *box = it.value();
        box->setEnabled(granted);
        box->setToolTip(granted ? Scope::description(it.key())
                                : tr("The user type %1 does not grant this scope.").arg(userType));
        if (!granted && box->isChecked()) {
            const QSignalBlocker block(box);
            box->setChecked(false);
            uncheck = true;
        }
    }
    if (uncheck)
        Q_EMIT changed();
}

} // namespace td
