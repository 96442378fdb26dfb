// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"
#include "page.h"

#include <QPointer>

class QAction;
class QComboBox;
class QHeaderView;
class QVBoxLayout;
class QLabel;
class QMenu;
class QLineEdit;
class QTableView;

class QTimer;
class QToolButton;

namespace td {

class CsvExportJob;
class TokenListModel;

/// Administrator ▸ API Tokens (seed 002): the token list at any size (TokenListModel reads it
/// by windows, sorted and filtered in SQL), with a text filter, status and department filters,
/// check boxes for bulk actions, status badges, a context menu, CSV export without secrets, and
/// the column layout remembered. New, Edit Scope, Revoke, Delete and Inspect open their dialogs;
/// what the signed-in user may not do is disabled with the reason as tooltip.
class TokensPage : public Page
{
    Q_OBJECT

public:
    explicit TokensPage(ConsoleContext &context, QWidget *parent = nullptr);
    ~TokensPage() override;

    QString title() const override;
    ActionState actionState() const override;
    QString statusText() const override;

    void triggerNew() override;
    void triggerEditScope() override;
    void triggerRotate() override;
    void triggerRevoke() override;
    void triggerInspect() override;
    void triggerDelete() override;
    void triggerExport() override;
    void focusFilter() override;
    /// Every token of the list, soonest expiry first (the Overview's expiry chart).
    void showByExpiry();
    /// The Overview's bar of one week: the tokens expiring in [from, before), soonest first,
    /// other filters cleared, until the expiry filter is cleared.
    void showExpiringBetween(const QDateTime &from, const QDateTime &before);
    /// Every token of the list, last used first (the Overview's requests chart).
    void showByLastUse();
    void refresh() override;
    void followChanges() override;

    TokenListModel *model() const { return m_model; }
    /// Edit ▸ Revoke Unused Tokens… (administrators; else disabled, saying why).
    QAction *revokeUnusedAction() const { return m_revokeUnused; }
    QTableView *view() const { return m_view; }
    /// What an action applies to: the checked tokens, else the selected rows (none while one
    /// of them is still being read, or when too many are selected).
    QList<ApiToken> targets() const;
    /// Selects the row of that token (when the server knows it: at once over a local store);
    /// true when it is selected now. centre: scroll it to the middle.
    bool selectToken(qint64 id, bool centre = false);
    /// Finds the API token with this whole value (pasted into the filter, or Edit ▸ Find Token
    /// by Value…): clears the filters, selects it and says what it is, or says why not. The
    /// value is not kept, not even in the filter field.
    void findTokenByValue(const QString &value);
    void showFoundToken(const Result<ApiToken> &found);

    /// Tests: the file the next export writes, instead of asking (empty: ask again).
    static void setExportFileNameForTesting(const QString &path);
    /// Writes the rows of the current filter and order to a CSV file in the background.
    void exportTo(const QString &path);

Q_SIGNALS:
    /// An export ended: rows written, or the error (rows = -1).
    void exportFinished(const QString &path, qint64 rows, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void addFilters(QVBoxLayout *layout);
    void addList(QVBoxLayout *layout);
    void sizeColumns(QHeaderView *header);
    void connectBehaviour();
    void applyFilter();
    void clearFilterAndSort(int column, Qt::SortOrder order, const QDateTime &from = {},
                            const QDateTime &before = {});
    void reloadDepartments();
    void updateCounts();
    void updateEmptyState();
    void showContextMenu(const QPoint &pos);
    /// One checkable entry per optional column (the header's menu, and the list's ▸ Columns).
    void addColumnActions(QMenu *menu);
    void saveLayout() const;
    void restoreLayout();
    void toggleChecksOfSelection();
    /// "Revoke Unused Tokens…": administrators only, else disabled with the reason.
    void updateRevokeUnused();
    void openRevokeUnused();
    /// How the filter reads in a confirmation ("“ci” · Active · Sales"; empty: no filter).
    QString filterText() const;

    TokenListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_department = nullptr;
    QComboBox *m_unused = nullptr;
    QLabel *m_expiryWindow = nullptr;
    QToolButton *m_clearExpiryWindow = nullptr;
    QDateTime m_expiresFrom;
    QDateTime m_expiresBefore;
    QAction *m_revokeUnused = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_filterTimer = nullptr;
    qint64 m_total = -1;
    qint64 m_expiringSoon = -1;
    int m_countsAsked = 0;
    /// selectToken() calls and rows the person chose: only the latest one's answer selects.
    int m_selecting = 0;
    bool m_placing = false; ///< selectToken() is moving the current row
    int m_selectingBeforeReset = 0;
    qint64 m_currentBeforeReset = 0;
    bool m_exporting = false;
    QPointer<CsvExportJob> m_exportJob;
    QString m_exportMessage;
};

} // namespace td
