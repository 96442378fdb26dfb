// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "store/databaselocation.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QProgressDialog;
class QThread;
class QTimer;
class QWidget;

namespace td {

struct Domain;

/// The console's one CSV export (API tokens, audit log). write() is the export itself: the
/// header and the rows as RFC 4180 records (Csv::record, CRLF line ends) into a temporary file
/// that is renamed over the target only when everything was written, mode 0600, so a failure
/// or a cancel leaves no partial file. A job runs write() on a worker thread with its own
/// connection to the store (a connection belongs to one thread), reports progress and can be
/// cancelled.
class CsvExportJob : public QObject
{
    Q_OBJECT

public:
    /// Hands each row to `row` (false: stop); returns how many rows it visited, or the error.
    /// Runs on the worker with the job's own Domain.
    using Row = std::function<bool(const QStringList &fields)>;
    using Source = std::function<Result<qint64>(Domain &domain, const Row &row)>;
    /// Every ProgressStep rows write() asks `progress` whether to go on.
    static constexpr qint64 ProgressStep = 5000;

    CsvExportJob(DatabaseLocation location, QString path, QStringList header, Source source,
                 QObject *parent = nullptr);
    ~CsvExportJob() override;

    /// Starts the worker once the event loop runs again, so that a cancel() right after start()
    /// (a quick Escape) always takes effect.
    void start();
    /// Asks the worker to stop at its next progress step or, at the latest, before the file
    /// replaces the target; finished() then reports the cancel.
    void cancel();
    /// The export's progress for the user, the same for every list: a window-modal dialog over
    /// `parent` with the rows written of `total` and Cancel (Escape), shown only when the export
    /// takes longer than half a second, gone when it finishes.
    QProgressDialog *showProgress(QWidget *parent, const QString &label, qint64 total);
    bool isRunning() const;
    /// Blocks until the worker is done (a closing window must not leave a thread behind).
    void wait();
    QString path() const { return m_path; }

    /// The export on the calling thread: rows written, or -1 and *error.
    static qint64 write(Domain &domain, const QString &path, const QStringList &header,
                        const Source &source, QString *error,
                        const std::function<bool(qint64 written)> &progress = {});

Q_SIGNALS:
    /// About four times a second while it runs.
    void progressed(qint64 rows);
    /// rows is -1 when it failed or was cancelled; then error says why.
    void finished(qint64 rows, const QString &error);

private:
    struct Shared
    {
        std::atomic<qint64> written{0};
        std::atomic<bool> cancel{false};
        qint64 rows = -1;
        QString error;
    };

    DatabaseLocation m_location;
    QString m_path;
    QStringList m_header;
    Source m_source;
    std::shared_ptr<Shared> m_shared;
    QPointer<QThread> m_thread;
    QTimer *m_ticker = nullptr;
};

} // namespace td
