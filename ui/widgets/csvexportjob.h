// SPDX-License-Identifier: MIT
#pragma once

#include "client/backend.h"
#include "client/csvexport.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QProgressDialog;
class QTimer;
class QWidget;

namespace td {

struct Domain;

/// The console's one CSV export (API tokens, audit log), over either transport: the Backend's
/// exportCsv() (CsvExport's records, RFC 4180 with CRLF line ends, mode 0600, a temporary file
/// renamed over the target only when everything was written, so a failure or a cancel leaves
/// no partial file), with progress for the user and Cancel.
class CsvExportJob : public QObject
{
    Q_OBJECT

public:
    /// write()'s rows: hands each row to `row` (false: stop); returns how many it visited.
    using Row = CsvExport::Row;
    using Source = std::function<Result<qint64>(Domain &domain, const Row &row)>;
    static constexpr qint64 ProgressStep = CsvExport::ProgressStep;

    CsvExportJob(Backend &backend, ExportQuery query, QString path, QObject *parent = nullptr);
    /// A job still running is cancelled: no partial file is left.
    ~CsvExportJob() override;

    /// Starts the export once the event loop runs again, so that a cancel() right after start()
    /// (a quick Escape) always takes effect.
    void start();
    /// Stops the export; finished() then reports the cancel, and no file was written.
    void cancel();
    /// The export's progress for the user, the same for every list: a window-modal dialog over
    /// `parent` with the rows written of `total` and Cancel (Escape), shown only when the export
    /// takes longer than half a second, gone when it finishes.
    QProgressDialog *showProgress(QWidget *parent, const QString &label, qint64 total);
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

    /// An export on the calling thread over `domain` (CsvExport::writeFile): rows written, or
    /// -1 and *error.
    static qint64 write(Domain &domain, const QString &path, const QStringList &header,
                        const Source &source, QString *error,
                        const std::function<bool(qint64 written)> &progress = {});

Q_SIGNALS:
    /// Now and then while it runs.
    void progressed(qint64 rows);
    /// rows is -1 when it failed or was cancelled; then error says why.
    void finished(qint64 rows, const QString &error);

private:
    void end(qint64 rows, const QString &error);

    Backend &m_backend;
    ExportQuery m_query;
    QString m_path;
    std::optional<Pending<qint64>> m_pending;
    QTimer *m_ticker;
    qint64 m_rows = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace td
