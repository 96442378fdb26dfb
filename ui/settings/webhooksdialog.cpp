// SPDX-License-Identifier: MIT
#include "webhooksdialog.h"

#include "consolecontext.h"
#include "domain/webhooks/webhookservice.h"
#include "platform/messagebox.h"
#include "tokens/tokencreateddialog.h"
#include "widgets/formhelpers.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace td {

namespace {

QTableWidget *table(QWidget *parent, const QString &name, const QString &accessibleName,
                    const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setAccessibleName(accessibleName);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setTabKeyNavigation(false);
    return t;
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

WebhooksDialog::WebhooksDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("webhooksDialog"));
    setWindowTitle(tr("Webhooks"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(Form::hintLabel(
        tr("tokendesk-server POSTs these events to each URL, signed with the webhook's secret "
           "(header TokenDesk-Signature-256), and tries again when the receiver does not answer "
           "with 2xx."),
        this));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    m_table = table(this, QStringLiteral("webhookTable"), tr("Webhooks"),
                    {tr("URL"), tr("Events"), tr("Enabled"), tr("Secret")});
    layout->addWidget(m_table, 2);

    auto *row = new QHBoxLayout;
    const auto button = [&](const QString &text, const QString &name, const QKeySequence &keys,
                            void (WebhooksDialog::*slot)()) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, this, slot);
        if (!keys.isEmpty()) {
            auto *a = new QAction(b);
            a->setShortcut(keys);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            connect(a, &QAction::triggered, b, &QPushButton::click);
            addAction(a);
            b->setToolTip(keys.toString(QKeySequence::NativeText));
        }
        row->addWidget(b);
        return b;
    };
    m_add = button(tr("&Add…"), QStringLiteral("addButton"), QKeySequence::New,
                   &WebhooksDialog::addWebhook);
    m_edit = button(tr("&Edit…"), QStringLiteral("editButton"), QKeySequence(Qt::Key_F2),
                    &WebhooksDialog::editWebhook);
    m_delete = button(tr("&Delete"), QStringLiteral("deleteButton"), QKeySequence::Delete,
                      &WebhooksDialog::deleteWebhook);
    m_regenerate = button(tr("&Regenerate Secret…"), QStringLiteral("regenerateButton"), {},
                          &WebhooksDialog::regenerateSecret);
    m_test =
        button(tr("Send &Test Event"), QStringLiteral("testButton"), {}, &WebhooksDialog::sendTest);
    row->addStretch();
    layout->addLayout(row);

    m_deliveryCaption = new QLabel(tr("Deliveries of the selected webhook, newest first:"), this);
    layout->addWidget(m_deliveryCaption);
    m_deliveryTable = table(this, QStringLiteral("deliveryTable"), tr("Deliveries"),
                            {tr("Time"), tr("Event"), tr("Attempts"), tr("Status"), tr("Error")});
    m_deliveryCaption->setBuddy(m_deliveryTable);
    layout->addWidget(m_deliveryTable, 3);

    auto *bottom = new QHBoxLayout;
    m_redeliver = new QPushButton(tr("Redeli&ver"), this);
    m_redeliver->setObjectName(QStringLiteral("redeliverButton"));
    m_redeliver->setAutoDefault(false);
    connect(m_redeliver, &QPushButton::clicked, this, &WebhooksDialog::redeliver);
    bottom->addWidget(m_redeliver);
    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    refresh->setAutoDefault(false);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QPushButton::clicked, this, &WebhooksDialog::reload);
    bottom->addWidget(refresh);
    bottom->addStretch();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        loadDeliveries();
    });
    connect(m_table, &QTableWidget::itemActivated, this, &WebhooksDialog::editWebhook);
    connect(m_deliveryTable, &QTableWidget::itemSelectionChanged, this,
            &WebhooksDialog::updateButtons);

    m_available = m_context.backend().transport() == Backend::Transport::Server;
    if (!m_available) {
        Form::showMessage(m_message, WebhookService::unavailableError().message, false);
        m_table->setEnabled(false);
        m_deliveryTable->setEnabled(false);
        refresh->setEnabled(false);
    }
    updateButtons();
    resize(760, 520);
    if (m_available)
        reload();
}

QString WebhooksDialog::message() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

void WebhooksDialog::fail(const QString &message)
{
    Form::showMessage(m_message, message, true);
}

qint64 WebhooksDialog::currentId() const
{
    const Webhook *w = current();
    return w ? w->id : 0;
}

const Webhook *WebhooksDialog::current() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_webhooks.size() || m_table->selectedItems().isEmpty())
        return nullptr;
    return &m_webhooks.at(row);
}

void WebhooksDialog::updateButtons()
{
    const bool one = m_available && current() != nullptr;
    m_add->setEnabled(m_available);
    m_edit->setEnabled(one);
    m_delete->setEnabled(one);
    m_regenerate->setEnabled(one);
    m_test->setEnabled(one);
    m_redeliver->setEnabled(one && !m_deliveryTable->selectedItems().isEmpty());
}

void WebhooksDialog::reload()
{
    const qint64 keep = currentId();
    m_context.backend().webhooks().then(this, [this, keep](const Result<QList<Webhook>> &r) {
        if (!r) {
            fail(r.error().message);
            return;
        }
        showWebhooks(r.value(), keep);
    });
}

void WebhooksDialog::showWebhooks(const QList<Webhook> &list, qint64 select)
{
    m_webhooks = list;
    m_table->setRowCount(int(list.size()));
    int selectRow = list.isEmpty() ? -1 : 0;
    for (int i = 0; i < list.size(); ++i) {
        const Webhook &w = list.at(i);
        m_table->setItem(i, 0, cell(w.url));
        m_table->setItem(i, 1, cell(w.events.join(QStringLiteral(", "))));
        m_table->setItem(i, 2, cell(w.enabled ? tr("Yes") : tr("No")));
        m_table->setItem(i, 3, cell(QStringLiteral("…") + w.secretHint));
        if (w.id == select)
            selectRow = i;
    }
    m_table->resizeColumnsToContents();
    if (selectRow >= 0)
        m_table->selectRow(selectRow);
    updateButtons();
    loadDeliveries();
}

void WebhooksDialog::loadDeliveries()
{
    const qint64 id = currentId();
    if (!id) {
        m_deliveries.clear();
        m_deliveryTable->setRowCount(0);
        updateButtons();
        return;
    }
    m_context.backend()
        .webhookDeliveries(id, 0, 100)
        .then(this, [this, id](const Result<WebhookDeliveryPage> &r) {
            if (id != currentId())
                return;
            if (!r) {
                fail(r.error().message);
                return;
            }
            m_deliveries = r->rows;
            m_deliveryTable->setRowCount(int(m_deliveries.size()));
            for (int i = 0; i < m_deliveries.size(); ++i) {
                const WebhookDelivery &d = m_deliveries.at(i);
                const QString status = d.deliveredAt.isValid()
                                           ? tr("Delivered (%1)").arg(d.lastStatus)
                                       : d.failedAt.isValid() ? tr("Failed")
                                       : d.attempts == 0      ? tr("Queued")
                                       : d.lastStatus > 0 ? tr("Retrying (%1)").arg(d.lastStatus)
                                                          : tr("Retrying");
                m_deliveryTable->setItem(i, 0, cell(when(d.createdAt)));
                m_deliveryTable->setItem(i, 1, cell(d.event));
                m_deliveryTable->setItem(i, 2, cell(QLocale().toString(d.attempts)));
                m_deliveryTable->setItem(i, 3, cell(status));
                m_deliveryTable->setItem(i, 4, cell(d.lastError));
            }
            m_deliveryTable->resizeColumnsToContents();
            updateButtons();
        });
}

void WebhooksDialog::showSecret(WebhookSecret secret, const QString &title)
{
    CreatedToken shown;
    shown.id = secret.webhookId;
    shown.hint = secret.hint;
    shown.secret = std::move(secret.secret);
    auto *dialog = new TokenCreatedDialog(
        std::move(shown), title,
        tr("The receiver checks each event's TokenDesk-Signature-256 header with this secret."),
        this);
    dialog->setObjectName(QStringLiteral("webhookSecretDialog"));
    dialog->setSecretWording(tr("Webhook signing secret"),
                             tr("<b>Caution:</b> Copy the secret and give it to the receiver now: "
                                "it cannot be shown again (Regenerate Secret makes a new one)."));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void WebhooksDialog::addWebhook()
{
    if (!m_available)
        return;
    auto *edit = new WebhookEditDialog(nullptr, this);
    edit->setAttribute(Qt::WA_DeleteOnClose);
    connect(edit, &QDialog::accepted, this, [this, edit] {
        NewWebhook w;
        w.url = edit->url();
        w.events = edit->events();
        w.enabled = edit->enabled();
        m_context.backend().createWebhook(w).then(this, [this](Result<WebhookSecret> r) {
            if (!r) {
                fail(r.error().message);
                return;
            }
            const qint64 id = r->webhookId;
            showSecret(std::move(r.value()), tr("Webhook Registered"));
            m_context.backend().webhooks().then(this,
                                                [this, id](const Result<QList<Webhook>> &list) {
                                                    if (list)
                                                        showWebhooks(list.value(), id);
                                                });
        });
    });
    edit->open();
}

void WebhooksDialog::editWebhook()
{
    const Webhook *w = current();
    if (!w)
        return;
    const qint64 id = w->id;
    auto *edit = new WebhookEditDialog(w, this);
    edit->setAttribute(Qt::WA_DeleteOnClose);
    connect(edit, &QDialog::accepted, this, [this, edit, id] {
        m_context.backend()
            .updateWebhook(id, edit->events(), edit->enabled())
            .then(this, [this](const Result<Webhook> &r) {
                if (!r)
                    fail(r.error().message);
                else
                    reload();
            });
    });
    edit->open();
}

void WebhooksDialog::deleteWebhook()
{
    const Webhook *w = current();
    if (!w)
        return;
    const qint64 id = w->id;
    const auto answer = MessageBox::question(
        this, tr("Delete Webhook"), tr("Delete the webhook to %1?").arg(w->url),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
        tr("Its deliveries are deleted too and no more events are sent to it. This cannot be "
           "undone."),
        {{QMessageBox::Yes, tr("Delete")}});
    if (answer != QMessageBox::Yes)
        return;
    m_context.backend().deleteWebhook(id).then(this, [this](const Result<void> &r) {
        if (!r)
            fail(r.error().message);
        else
            reload();
    });
}

void WebhooksDialog::regenerateSecret()
{
    const Webhook *w = current();
    if (!w)
        return;
    const qint64 id = w->id;
    const auto answer = MessageBox::question(
        this, tr("Regenerate Secret"), tr("Make a new signing secret for %1?").arg(w->url),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
        tr("Events are signed with the new secret from now on; the receiver must be given it."),
        {{QMessageBox::Yes, tr("Regenerate")}});
    if (answer != QMessageBox::Yes)
        return;
    m_context.backend().regenerateWebhookSecret(id).then(this, [this](Result<WebhookSecret> r) {
        if (!r) {
            fail(r.error().message);
            return;
        }
        showSecret(std::move(r.value()), tr("New Webhook Secret"));
        reload();
    });
}

void WebhooksDialog::sendTest()
{
    const qint64 id = currentId();
    if (!id)
        return;
    m_context.backend().testWebhook(id).then(this, [this](const Result<WebhookDelivery> &r) {
        if (!r) {
            fail(r.error().message);
            return;
        }
        Form::showMessage(m_message, tr("A test event is queued."), false);
        loadDeliveries();
    });
}

void WebhooksDialog::redeliver()
{
    const qint64 id = currentId();
    const int row = m_deliveryTable->currentRow();
    if (!id || row < 0 || row >= m_deliveries.size())
        return;
    m_context.backend()
        .redeliverWebhook(id, m_deliveries.at(row).id)
        .then(this, [this](const Result<WebhookDelivery> &r) {
            if (!r) {
                fail(r.error().message);
                return;
            }
            Form::showMessage(m_message, tr("The event is sent again."), false);
            loadDeliveries();
        });
}

// ---- Add / Edit Webhook ----

WebhookEditDialog::WebhookEditDialog(const Webhook *existing, QWidget *parent)
    : QDialog(parent)
    , m_editing(existing != nullptr)
{
    setObjectName(QStringLiteral("webhookEditDialog"));
    setWindowTitle(m_editing ? tr("Edit Webhook") : tr("Add Webhook"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_url = new QLineEdit(existing ? existing->url : QString(), this);
    m_url->setObjectName(QStringLiteral("urlField"));
    m_url->setPlaceholderText(QStringLiteral("https://hooks.example.org/tokendesk"));
    m_url->setReadOnly(m_editing);
    m_url->setMaxLength(WebhookService::UrlMaxLength + 1);
    form->addRow(tr("&URL:"), m_url);
    m_urlError = Form::errorLabel(this, QStringLiteral("urlError"));
    form->addRow(QString(), m_urlError);

    auto *events = new QWidget(this);
    events->setObjectName(QStringLiteral("eventsBox"));
    auto *eventsLayout = new QVBoxLayout(events);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    const QStringList names = WebhookService::eventNames();
    const QStringList texts = {tr("A token expires soon (token.expiring)"),
                               tr("A token expired (token.expired)"),
                               tr("A token was revoked (token.revoked)"),
                               tr("A mobile session was ended (session.revoked)")};
    for (int i = 0; i < names.size(); ++i) {
        auto *box = new QCheckBox(texts.value(i, names.at(i)), events);
        box->setObjectName(names.at(i));
        box->setChecked(existing ? existing->events.contains(names.at(i))
                                 : names.at(i) != QLatin1String("token.expiring"));
        connect(box, &QCheckBox::toggled, this, &WebhookEditDialog::check);
        eventsLayout->addWidget(box);
        m_events << box;
    }
    form->addRow(tr("Events:"), events);
    m_eventsError = Form::errorLabel(this, QStringLiteral("eventsError"));
    form->addRow(QString(), m_eventsError);
    m_enabled = new QCheckBox(tr("E&nabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabledBox"));
    m_enabled->setChecked(existing ? existing->enabled : true);
    form->addRow(QString(), m_enabled);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &WebhookEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_url, &QLineEdit::editingFinished, this, [this] {
        m_tried = m_tried || !m_url->text().isEmpty();
        check();
    });
    connect(m_url, &QLineEdit::textChanged, this, &WebhookEditDialog::check);
    resize(520, sizeHint().height());
}

QString WebhookEditDialog::url() const
{
    return m_url->text().trimmed();
}

QStringList WebhookEditDialog::events() const
{
    QStringList out;
    for (const QCheckBox *box : m_events)
        if (box->isChecked())
            out << box->objectName();
    return out;
}

bool WebhookEditDialog::enabled() const
{
    return m_enabled->isChecked();
}

void WebhookEditDialog::showError(const QString &field, const QString &message)
{
    Form::showError(field == QLatin1String("events") ? m_eventsError : m_urlError, message);
}

void WebhookEditDialog::check()
{
    if (!m_tried)
        return;
    Form::showError(m_urlError, m_editing ? QString() : WebhookService::checkUrl(m_url->text()));
    Form::showError(m_eventsError, events().isEmpty()
                                       ? WebhookService::tr("Choose at least one event.")
                                       : QString());
}

void WebhookEditDialog::accept()
{
    m_tried = true;
    check();
    if (!m_editing && !WebhookService::checkUrl(m_url->text()).isEmpty()) {
        m_url->setFocus();
        return;
    }
    if (events().isEmpty()) {
        m_events.first()->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace td
