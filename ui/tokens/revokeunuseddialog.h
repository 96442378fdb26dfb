// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace td {

class ConsoleContext;
class TokenListModel;

/// API Tokens ▸ "Revoke Unused Tokens…" (administrators): choose how long a token has gone
/// unused, see how many valid tokens that is per department and per user and the tokens
/// themselves, then revoke them all at once through RevokeMatchingTokensCommand with the count
/// shown (the domain refuses, changing nothing, when another number matches by then).
class RevokeUnusedDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RevokeUnusedDialog(ConsoleContext &context, QWidget *parent = nullptr);

    /// "30 days", "90 days"… (the periods of TokenQuery::UnusedPeriods).
    static QString periodTitle(int days);
    /// The valid tokens not used for `days` days: what the dialog lists and revokes.
    static TokenQuery query(int days);

    int days() const;
    void setDays(int days);
    /// The count the preview shows (and a revoke confirms); -1 while counting.
    qint64 previewTotal() const { return m_total; }
    QComboBox *periodBox() const { return m_period; }
    QTableWidget *departmentTable() const { return m_departments; }
    QTableWidget *userTable() const { return m_users; }
    QTableView *tokenView() const { return m_view; }
    QPushButton *revokeButton() const { return m_revoke; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *messageLabel() const { return m_message; }

public Q_SLOTS:
    /// Counts again and lists again (after a period change, a revoke, a change elsewhere).
    void preview();
    void revoke();

private:
    void showCounts(const Result<TokenOwnerCounts> &counts);

    ConsoleContext &m_context;
    QComboBox *m_period = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QTableWidget *m_departments = nullptr;
    QTableWidget *m_users = nullptr;
    QLabel *m_moreUsers = nullptr;
    QTableView *m_view = nullptr;
    TokenListModel *m_model = nullptr;
    QPushButton *m_revoke = nullptr;
    qint64 m_total = -1;
    int m_asked = 0;
    bool m_revoking = false;
};

} // namespace td
