// SPDX-License-Identifier: MIT
#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace td {

class ConsoleContext;

/// "Rotate Secret": a new secret for one API token, the same record (name, scopes, user,
/// department, description, expiry). The person chooses how long the old secret keeps working
/// (none, 1 hour, 1 day, 7 days: TokenService::rotationOverlaps(), a day first); the dialog
/// says when it stops. After Rotate it is accepted, and takeRotated() hands out the new secret
/// once (shown in a TokenCreatedDialog).
class RotateTokenDialog : public QDialog
{
    Q_OBJECT

public:
    RotateTokenDialog(ConsoleContext &context, const ApiToken &token, QWidget *parent = nullptr);

    /// The overlap chosen, in seconds.
    qint64 overlapSeconds() const;
    void setOverlapSeconds(qint64 seconds);
    CreatedToken takeRotated();
    /// "1 day", "No overlap: it stops at once", … for an overlap of rotationOverlaps().
    static QString overlapText(qint64 seconds);

public Q_SLOTS:
    void rotate();

private:
    void updateNote();

    ConsoleContext &m_context;
    ApiToken m_token;
    QComboBox *m_overlap = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_rotate = nullptr;
    CreatedToken m_rotated;
    bool m_rotating = false;
};

} // namespace td
