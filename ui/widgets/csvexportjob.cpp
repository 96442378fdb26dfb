// SPDX-License-Identifier: MIT
#include "csvexportjob.h"

#include "core/csv.h"
#include "domain/domain.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QProgressDialog>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <climits>

namespace td {

namespace {
QString cannotWrite(const QString &path, const QString &why)
{
    return CsvExportJob::tr("Cannot write %1: %2").arg(path, why);
}

/// Runs one job. (QThread::create() would bring in std::async and, with it, a thread-local
/// that links the console against the dynamic loader itself.)
class JobThread : public QThread
{
public:
    explicit JobThread(std::function<void()> job)
        : m_job(std::move(job))
    {}

protected:
    void run() override { m_job(); }

private:
    std::function<void()> m_job;
};
} // namespace

qint64 CsvExportJob::write(Domain &domain, const QString &path, const QStringList &header,
                           const Source &source, QString *error,
                           const std::function<bool(qint64)> &progress)
{
    // QSaveFile writes a temporary file beside the target and renames it on commit().
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = cannotWrite(path, file.errorString());
        return -1;
    }
    // Nobody else's business, whatever the umask or an older file at that path allowed.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = cannotWrite(path, file.errorString());
        file.cancelWriting();
        return -1;
    }
    QByteArray chunk = Csv::record(header).toUtf8() + Csv::LineEnd;
    QString writeError;
    bool cancelled = false;
    qint64 written = 0;
    auto flush = [&] {
        const bool ok = file.write(chunk) == chunk.size();
        chunk.clear();
        if (!ok)
            writeError = cannotWrite(path, file.errorString());
        return ok;
    };
    auto visited = source(domain, [&](const QStringList &fields) {
        chunk += Csv::record(fields).toUtf8();
        chunk += Csv::LineEnd;
        if (chunk.size() > (1 << 16) && !flush())
            return false;
        if (++written % ProgressStep != 0)
            return true;
        cancelled = progress && !progress(written);
        return !cancelled;
    });
    if (visited && !cancelled && writeError.isEmpty() && flush())
        cancelled = progress && !progress(written); // the last chance before the file is there
    if (!visited || cancelled || !writeError.isEmpty()) {
        *error = !visited    ? visited.error().message
                 : cancelled ? tr("The export was cancelled; no file was written.")
                             : writeError;
        file.cancelWriting();
        return -1;
    }
    if (!file.commit()) {
        *error = cannotWrite(path, file.errorString());
        return -1;
    }
    return written;
}

CsvExportJob::CsvExportJob(DatabaseLocation location, QString path, QStringList header,
                           Source source, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_path(std::move(path))
    , m_header(std::move(header))
    , m_source(std::move(source))
    , m_shared(std::make_shared<Shared>())
{}

CsvExportJob::~CsvExportJob()
{
    wait();
}

void CsvExportJob::start()
{
    auto shared = m_shared;
    m_thread = new JobThread(
        [shared, location = m_location, path = m_path, header = m_header, source = m_source] {
            auto store = Store::open(location, Store::OpenMode::ExistingOnly);
            if (!store) {
                shared->error = store.error().message;
                return;
            }
            Domain domain(*store.value());
            shared->rows = write(domain, path, header, source, &shared->error, [shared](qint64 n) {
                shared->written.store(n, std::memory_order_relaxed);
                return !shared->cancel.load(std::memory_order_relaxed);
            });
        });
    m_thread->setObjectName(QStringLiteral("csvExport"));
    m_ticker = new QTimer(this);
    m_ticker->setInterval(250);
    connect(m_ticker, &QTimer::timeout, this,
            [this] { Q_EMIT progressed(m_shared->written.load(std::memory_order_relaxed)); });
    connect(m_thread, &QThread::finished, this, [this] {
        m_ticker->stop();
        if (m_thread)
            m_thread->deleteLater();
        Q_EMIT finished(m_shared->rows, m_shared->error);
    });
    m_ticker->start();
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_thread)
                m_thread->start();
        },
        Qt::QueuedConnection);
}

void CsvExportJob::cancel()
{
    m_shared->cancel.store(true, std::memory_order_relaxed);
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

bool CsvExportJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void CsvExportJob::wait()
{
    if (m_thread) {
        if (!m_thread->isRunning() && !m_thread->isFinished())
            m_thread->start(); // started but not yet begun: the file was asked for
        m_thread->wait();
        delete m_thread;
    }
}

} // namespace td
