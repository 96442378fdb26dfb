// SPDX-License-Identifier: MIT
#pragma once

#include "page.h"
#include "widgets/csvexportjob.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;

class QVBoxLayout;

namespace td {

class AuditLogModel;

/// Audit Log (administrators, support): time, actor, action, target, outcome, details and
/// address of every change and refusal, newest first; filters by actor, action, date range and
/// text (all in SQL, on indexes where they can be); the selected entry in full below the list;
/// CSV export of what the filter shows. A windowed model keeps a million entries cheap.
class AuditPage : public Page
{
    Q_OBJECT

public:
    explicit AuditPage(ConsoleContext &context, QWidget *parent = nullptr);
    ~AuditPage() override;

    QString title() const override;
    QString unavailableReason() const override;
    ActionState actionState() const override;
    QString statusText() const override;
    void triggerExport() override;
    void triggerInspect() override;
    void focusFilter() override;
    /// The entries of one day of the local calendar (of one outcome, when given: "failure" for
    /// a day of the Overview's failed sign-ins): the other filters cleared, From and To that day.
    void showDay(const QDate &day, const QString &outcome = {});
    void refresh() override;
    void followChanges() override;

    AuditLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// Over the local store: exports the entries the filter shows to path on this thread
    /// (CsvExport::writeFile; times in ISO 8601 UTC). Returns the number of rows written, or -1
    /// and a message in *error. progress(rows written) is called now and then; it returns false
    /// to cancel (nothing is written then). The Export action writes the same bytes through the
    /// Backend (Backend::exportCsv), over either transport; through a server this one answers -1
    /// (it reads the store).
    qint64 exportCsv(const QString &path, QString *error,
                     const std::function<bool(qint64)> &progress = {});
    /// Tests: the file name the next export writes to, instead of asking.
    static void setNextExportFileForTesting(const QString &path);

public Q_SLOTS:
    void applyFilter();

private:
    void addFilters(QVBoxLayout *layout);
    void addListAndDetails(QVBoxLayout *layout);
    void connectBehaviour();
    void showSelected();
    void setMessage(const QString &text, bool problem);

    bool m_allowed = false;
    AuditLogModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_actor = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_outcome = nullptr;
    QCheckBox *m_sinceCheck = nullptr;
    QDateEdit *m_since = nullptr;
    QCheckBox *m_untilCheck = nullptr;
    QDateEdit *m_until = nullptr;
    QLineEdit *m_text = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace td
