// SPDX-License-Identifier: MIT
#pragma once

#include "core/webhook.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace td {

class ConsoleContext;

/// Settings ▸ Webhooks… (administrators): the receivers tokendesk-server POSTs events to (URL,
/// events, enabled, the hint of the signing secret), Add / Edit / Delete / Regenerate Secret /
/// Send Test Event, and the selected webhook's deliveries (newest first: time, event, attempts,
/// last status, last error) with Redeliver. A new or regenerated secret is shown once, in the
/// dialog new tokens are shown in. Over the local store everything is disabled and the dialog
/// says that webhooks are sent by tokendesk-server and managed when signed in to one.
class WebhooksDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WebhooksDialog(ConsoleContext &context, QWidget *parent = nullptr);

    /// The message line's text (errors of the last action; the local store's sentence).
    QString message() const;

public Q_SLOTS:
    void reload();
    void addWebhook();
    void editWebhook();
    void deleteWebhook();
    void regenerateSecret();
    void sendTest();
    void redeliver();

private:
    qint64 currentId() const;
    const Webhook *current() const;
    void showWebhooks(const QList<Webhook> &list, qint64 select);
    void loadDeliveries();
    void updateButtons();
    void showSecret(WebhookSecret secret, const QString &title);
    void fail(const QString &message);

    ConsoleContext &m_context;
    bool m_available = true;
    QList<Webhook> m_webhooks;
    QList<WebhookDelivery> m_deliveries;
    QLabel *m_message = nullptr;
    QTableWidget *m_table = nullptr;
    QTableWidget *m_deliveryTable = nullptr;
    QLabel *m_deliveryCaption = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_regenerate = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_redeliver = nullptr;
};

/// Add / Edit Webhook: the URL (fixed when editing), the events as check boxes, Enabled. The
/// URL is checked as the server checks it (WebhookService::checkUrl), shown under the field once
/// it was left; the server's refusal of a field shows there too.
class WebhookEditDialog : public QDialog
{
    Q_OBJECT

public:
    WebhookEditDialog(const Webhook *existing, QWidget *parent = nullptr);
    QString url() const;
    QStringList events() const;
    bool enabled() const;
    void showError(const QString &field, const QString &message);
    void accept() override;

private:
    void check();

    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QList<QCheckBox *> m_events;
    QLabel *m_eventsError = nullptr;
    QCheckBox *m_enabled = nullptr;
    bool m_editing = false;
    bool m_tried = false;
};

} // namespace td
