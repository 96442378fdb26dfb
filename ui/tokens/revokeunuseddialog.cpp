// SPDX-License-Identifier: MIT
#include "revokeunuseddialog.h"

#include "consolecontext.h"
#include "itemmodels/tokenlistmodel.h"
#include "tokencommands.h"
#include "widgets/formhelpers.h"
#include "widgets/layoutmemory.h"
#include "widgets/statusbadgedelegate.h"
#include "widgets/tones.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <climits>

namespace td {

namespace {

constexpr int DefaultDays = 90;

QTableWidget *countTable(const QString &objectName, const QString &what, QWidget *parent)
{
    auto *table = new QTableWidget(0, 2, parent);
    table->setObjectName(objectName);
    table->setAccessibleName(what);
    table->setHorizontalHeaderLabels({what, RevokeUnusedDialog::tr("Tokens")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    return table;
}

void fill(QTableWidget *table, const QList<TokenOwnerCounts::Group> &groups)
{
    table->setRowCount(int(groups.size()));
    for (int row = 0; row < groups.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(groups[row].name));
        auto *count = new QTableWidgetItem(QLocale().toString(groups[row].count));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, 1, count);
    }
}

} // namespace

QString RevokeUnusedDialog::periodTitle(int days)
{
    return tr("%n day(s)", nullptr, days);
}

TokenQuery RevokeUnusedDialog::query(int days)
{
    return TokenQuery::validUnused(days);
}

RevokeUnusedDialog::RevokeUnusedDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("revokeUnusedDialog"));
    setWindowTitle(tr("Revoke Unused Tokens"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Tokens that nobody has used for a long time are a risk with no benefit: revoke "
           "them. Choose how long a token must have gone unused (never used tokens count from "
           "their creation) and review what would be revoked first."),
        this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *periodRow = new QHBoxLayout;
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodBox"));
    m_period->setAccessibleName(tr("Not used for"));
    for (int days : TokenQuery::UnusedPeriods)
        m_period->addItem(periodTitle(days), days);
    m_period->setCurrentIndex(std::max(0, m_period->findData(DefaultDays)));
    auto *periodLabel = new QLabel(tr("Not &used for:"), this);
    periodLabel->setBuddy(m_period);
    periodRow->addWidget(periodLabel);
    periodRow->addWidget(m_period);
    periodRow->addStretch(1);
    layout->addLayout(periodRow);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    auto *groups = new QHBoxLayout;
    auto *byDepartment = new QGroupBox(tr("Per department"), this);
    auto *departmentLayout = new QVBoxLayout(byDepartment);
    m_departments = countTable(QStringLiteral("departmentCounts"), tr("Department"), byDepartment);
    departmentLayout->addWidget(m_departments);
    groups->addWidget(byDepartment);
    auto *byUser = new QGroupBox(tr("Per user"), this);
    auto *userLayout = new QVBoxLayout(byUser);
    m_users = countTable(QStringLiteral("userCounts"), tr("User"), byUser);
    userLayout->addWidget(m_users);
    m_moreUsers = new QLabel(byUser);
    m_moreUsers->setObjectName(QStringLiteral("moreUsersLabel"));
    m_moreUsers->setForegroundRole(QPalette::PlaceholderText);
    m_moreUsers->hide();
    userLayout->addWidget(m_moreUsers);
    groups->addWidget(byUser);
    layout->addLayout(groups, 2);

    auto *listBox = new QGroupBox(tr("Tokens"), this);
    auto *listLayout = new QVBoxLayout(listBox);
    m_model = new TokenListModel(context.backend(), this);
    m_view = new QTableView(listBox);
    m_view->setObjectName(QStringLiteral("unusedTokenTable"));
    m_view->setAccessibleName(tr("Unused API tokens"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->setColumnHidden(TokenListModel::CheckColumn, true);
    m_view->setColumnHidden(TokenListModel::ScopeColumn, true);
    m_view->setColumnHidden(TokenListModel::UserTypeColumn, true);
    m_view->setItemDelegateForColumn(TokenListModel::StatusColumn,
                                     new StatusBadgeDelegate(TokenListModel::StatusRole, m_view));
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    listLayout->addWidget(m_view);
    layout->addWidget(listBox, 3);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(this);
    m_revoke = buttons->addButton(tr("Revoke…"), QDialogButtonBox::ActionRole);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setEnabled(false);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setDefault(true);
    connect(m_revoke, &QPushButton::clicked, this, &RevokeUnusedDialog::revoke);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        m_message->hide();
        preview();
    });
    connect(&context, &ConsoleContext::dataChanged, this, &RevokeUnusedDialog::preview);
    resize(860, 640);
    LayoutMemory::rememberSize(this, QStringLiteral("revokeUnusedDialog"));
    preview();
}

int RevokeUnusedDialog::days() const
{
    return m_period->currentData().toInt();
}

void RevokeUnusedDialog::setDays(int days)
{
    m_period->setCurrentIndex(std::max(0, m_period->findData(days)));
}

void RevokeUnusedDialog::preview()
{
    const int asked = ++m_asked; // only the latest answer counts
    m_total = -1;
    m_revoke->setEnabled(false);
    m_summary->setText(tr("Counting…"));
    const TokenQuery q = query(days());
    TokenListModel::Filter f;
    f.statuses = q.statuses;
    f.unusedDays = q.unusedDays;
    m_model->setFilter(f);
    m_model->sort(TokenListModel::LastUsedColumn, Qt::AscendingOrder);
    m_context.backend().tokenCountsByOwner(q).then(this,
                                                   [this, asked](Result<TokenOwnerCounts> counts) {
                                                       if (asked == m_asked)
                                                           showCounts(counts);
                                                   });
}

void RevokeUnusedDialog::showCounts(const Result<TokenOwnerCounts> &counts)
{
    if (!counts) {
        m_summary->clear();
        fill(m_departments, {});
        fill(m_users, {});
        m_moreUsers->hide();
        Form::showMessage(
            m_message, tr("The unused tokens could not be counted: %1").arg(counts.error().message),
            true);
        return;
    }
    const TokenOwnerCounts &c = counts.value();
    m_total = c.total;
    const QString period = periodTitle(days());
    if (c.total == 0)
        m_summary->setText(tr("Every valid token was used in the last %1.").arg(period));
    else
        m_summary->setText(tr("%n valid token(s) not used for %1:", nullptr,
                              int(std::min<qint64>(c.total, INT_MAX)))
                               .arg(period) +
                           QLatin1Char(' ') + tr("%n user(s)", nullptr, int(c.userCount)) +
                           QStringLiteral(", ") +
                           tr("%n department(s).", nullptr, int(c.departments.size())));
    fill(m_departments, c.departments);
    fill(m_users, c.users);
    const qint64 more = c.userCount - c.users.size();
    m_moreUsers->setText(tr("… and %n more user(s)", nullptr, int(more)));
    m_moreUsers->setVisible(more > 0);
    m_revoke->setText(c.total > 0 ? tr("Revoke %n Token(s)…", nullptr, int(c.total))
                                  : tr("Revoke…"));
    m_revoke->setEnabled(c.total > 0 && !m_revoking);
}

void RevokeUnusedDialog::revoke()
{
    if (m_total <= 0 || m_revoking)
        return;
    m_revoking = true;
    m_revoke->setEnabled(false);
    auto *command =
        new RevokeMatchingTokensCommand(m_context, query(days()), {}, m_total,
                                        tr("Not used for: %1").arg(periodTitle(days())), this);
    connect(command, &Command::finished, this, [this, command] {
        m_revoking = false;
        Form::showMessage(
            m_message, tr("Revoked %n API token(s).", nullptr, command->result().revoked), false);
        preview();
    });
    connect(command, &Command::canceled, this, [this] {
        m_revoking = false;
        m_revoke->setEnabled(m_total > 0);
    });
    command->start();
}

} // namespace td
