// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace td {

class ConsoleContext;
class ScopeSelector;

/// "Edit Access Token" (seed 001): every field read-only but the scope. "Save Changes" saves
/// through the service; on success the dialog says so and its button becomes "Close".
class EditScopeDialog : public QDialog
{
    Q_OBJECT

public:
    EditScopeDialog(ConsoleContext &context, const ApiToken &token, QWidget *parent = nullptr);

    ScopeSelector *scopes() const { return m_scopes; }
    bool saved() const { return m_saved; }

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void scopeSaved(qint64 tokenId);

private:
    void showSaved(const Result<void> &r);
    void updateState();

    ConsoleContext &m_context;
    ApiToken m_token;
    ScopeSelector *m_scopes = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_success = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_saved = false;
    bool m_saving = false;
};

} // namespace td
