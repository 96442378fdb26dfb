// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QWidget>

class QCheckBox;

namespace td {

/// The scopes of an API token as check boxes, each with its explanation (Scope::description)
/// below it. Scopes the token's user type does not grant are disabled, with a tooltip that
/// says so. Used by Create API Token and Edit Scope.
class ScopeSelector : public QWidget
{
    Q_OBJECT

public:
    explicit ScopeSelector(QWidget *parent = nullptr);

    QStringList selected() const; ///< in catalog order
    void setSelected(const QStringList &scopes);
    /// The scopes the user type grants (others are disabled and unchecked); userType names it
    /// in the tooltip.
    void setGranted(const QStringList &scopes, const QString &userType);
    QCheckBox *box(const QString &scope) const { return m_boxes.value(scope); }

Q_SIGNALS:
    void changed();

private:
    QHash<QString, QCheckBox *> m_boxes;
};

} // namespace td
