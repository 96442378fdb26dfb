// SPDX-License-Identifier: MIT
#include "editscopedialog.h"

#include "consolecontext.h"
#include "itemmodels/localformat.h"
#include "scopeselector.h"
#include "widgets/dialogfit.h"
#include "widgets/formhelpers.h"

#include "widgets/tones.h"
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace td {

EditScopeDialog::EditScopeDialog(ConsoleContext &context, const ApiToken &token, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_token(token)
{
    setObjectName(QStringLiteral("editScopeDialog"));
    setWindowTitle(tr("Edit Access Token"));
    auto *layout = new QVBoxLayout(this);
    auto *note = new QLabel(tr("You can edit only the scope of the token."), this);
    note->setObjectName(QStringLiteral("noteLabel"));
    layout->addWidget(note);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto readOnly = [&](const QString &name, const QString &label, const QString &value) {
        QLineEdit *edit = Form::readOnlyField(this, name, label, value);
        form->addRow(label + QLatin1Char(':'), edit);
        return edit;
    };
    readOnly(QStringLiteral("nameField"), tr("Token Name"), token.name);
    readOnly(QStringLiteral("hintField"), tr("Token"), token.hint)
        ->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    readOnly(QStringLiteral("userField"), tr("Associated User"), token.username);
    readOnly(QStringLiteral("departmentField"), tr("Department"), token.department);
    readOnly(QStringLiteral("userTypeField"), tr("User Type"), token.userType);
    readOnly(QStringLiteral("expiresField"), tr("Expires"), LocalFormat::dateTime(token.expiresAt));
    layout->addLayout(form);

    auto *group = new QGroupBox(tr("Scope"), this);
    group->setObjectName(QStringLiteral("scopeGroup"));
    auto *groupLayout = new QVBoxLayout(group);
    m_scopes = new ScopeSelector(group);
    groupLayout->addWidget(m_scopes);
    m_error = new QLabel(group);
    m_error->setObjectName(QStringLiteral("scopesError"));
    m_error->setWordWrap(true);
    setTextTone(m_error, Tone::Bad);
    groupLayout->addWidget(m_error);
    layout->addWidget(group);
    m_scopes->setEnabled(false); // until the user type's scopes are known
    context.backend().userTypes().then(this, [this](Result<QList<UserType>> types) {
        QStringList granted;
        if (types)
            for (const UserType &ut : types.value())
                if (ut.id == m_token.userTypeId)
                    granted = ut.scopes();
        m_scopes->setEnabled(!m_saved); // first: only enabled boxes can be selected
        m_scopes->setGranted(granted, m_token.userType);
        m_scopes->setSelected(m_token.scopes);
        if (!types) {
            m_error->setText(types.error().message);
            m_error->show();
        }
    });

    m_success = new QLabel(this);
    m_success->setObjectName(QStringLiteral("successLabel"));
    m_success->setWordWrap(true);
    setTextTone(m_success, Tone::Good);
    QFont bold = m_success->font();
    bold.setBold(true);
    m_success->setFont(bold);
    m_success->hide();
    layout->addWidget(m_success);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("Save Changes"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_save, &QPushButton::clicked, this, &EditScopeDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_scopes, &ScopeSelector::changed, this, &EditScopeDialog::updateState);
    updateState();
    setMinimumWidth(fontMetrics().averageCharWidth() * 90);
    fitToContents(this);
}

void EditScopeDialog::updateState()
{
    if (m_saved)
        return;
    const QStringList wanted = m_scopes->selected();
    if (wanted.isEmpty())
        m_error->setText(tr("Choose at least one scope."));
    else
        m_error->clear();
    m_error->setVisible(!m_error->text().isEmpty());
    m_save->setEnabled(!wanted.isEmpty() && wanted != m_token.scopes);
    m_save->setToolTip(wanted == m_token.scopes ? tr("Nothing changed yet.") : m_error->text());
}

void EditScopeDialog::save()
{
    if (m_saving)
        return;
    m_saving = true;
    m_save->setEnabled(false);
    setCursor(Qt::BusyCursor);
    m_context.backend()
        .editTokenScopes(m_token.id, m_scopes->selected())
        .then(this, [this](const Result<void> &r) {
            m_saving = false;
            unsetCursor();
            showSaved(r);
        });
}

void EditScopeDialog::showSaved(const Result<void> &r)
{
    if (!r) {
        m_save->setEnabled(true);
        m_error->setText(r.error().message);
        m_error->show();
        fitToContents(this);
        return;
    }
    m_saved = true;
    m_scopes->setEnabled(false);
    m_save->hide();
    m_cancel->setText(tr("Close"));
    m_cancel->setObjectName(QStringLiteral("closeButton"));
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    m_success->setText(tr("The scope of “%1” was changed successfully.").arg(m_token.name));
    m_success->show();
    fitToContents(this);
    Q_EMIT m_context.dataChanged();
    Q_EMIT scopeSaved(m_token.id);
}

} // namespace td
