// SPDX-License-Identifier: MIT
#include "csvexportjob.h"

#include <QProgressDialog>
#include <QTimer>

#include <algorithm>
#include <climits>

namespace td {

CsvExportJob::CsvExportJob(Backend &backend, ExportQuery query, QString path, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_query(std::move(query))
    , m_path(std::move(path))
    , m_ticker(new QTimer(this))
{
    m_ticker->setInterval(250);
    connect(m_ticker, &QTimer::timeout, this, [this] { Q_EMIT progressed(m_rows); });
}

CsvExportJob::~CsvExportJob()
{
    if (m_pending)
        m_pending->cancel();
}

qint64 CsvExportJob::write(Domain &domain, const QString &path, const QStringList &header,
                           const Source &source, QString *error,
                           const std::function<bool(qint64)> &progress)
{
    auto r = CsvExport::writeFile(
        path, header, [&](const Row &row) { return source(domain, row); }, progress);
    if (!r) {
        *error = r.error().message;
        return -1;
    }
    return r.value();
}

void CsvExportJob::start()
{
    m_running = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_cancelled)
                return;
            // The transport reports rows as they are written; the dialog hears of them a few
            // times a second (its setValue() may run the event loop).
            m_pending =
                m_backend.exportCsv(m_query, m_path, [this](qint64 rows) { m_rows = rows; });
            m_ticker->start();
            m_pending->then(this, [this](Result<qint64> rows) {
                m_pending.reset();
                if (rows)
                    end(rows.value(), QString());
                else
                    end(-1, rows.error().message);
            });
        },
        Qt::QueuedConnection);
}

void CsvExportJob::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_pending) {
        m_pending->cancel(); // no file is left when it returns
        m_pending.reset();
    }
    // Reported from the event loop, like every other end of the job.
    QMetaObject::invokeMethod(
        this, [this] { end(-1, CsvExport::cancelledText()); }, Qt::QueuedConnection);
}

void CsvExportJob::end(qint64 rows, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_ticker->stop();
    Q_EMIT finished(rows, error);
}

QProgressDialog *CsvExportJob::showProgress(QWidget *parent, const QString &label, qint64 total)
{
    auto *progress =
        new QProgressDialog(label, tr("Cancel"), 0, int(std::min<qint64>(total, INT_MAX)), parent);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // shown only when it takes a while
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    connect(progress, &QProgressDialog::canceled, this, &CsvExportJob::cancel);
    connect(this, &CsvExportJob::progressed, progress, [progress](qint64 rows) {
        progress->setValue(int(std::min<qint64>(rows, progress->maximum())));
    });
    connect(this, &CsvExportJob::finished, progress, &QObject::deleteLater);
    return progress;
}

} // namespace td
