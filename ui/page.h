// SPDX-License-Identifier: MIT
#pragma once

#include "core/requestlimits.h"

#include <QWidget>

class QAbstractItemView;
class QItemSelection;
class QLabel;

namespace td {

class ConsoleContext;

/// One place of the main window (API Tokens, Mobile Users Logged In, Users, Audit Log).
///
/// The main window owns the menu and toolbar actions and forwards them to the current page;
/// a page says which of them it supports right now (selection, permissions) through
/// actionState(), and emits stateChanged() when that changes.
class Page : public QWidget
{
    Q_OBJECT

public:
    enum Action {
        New = 0x01,
        EditScope = 0x02,
        Revoke = 0x04,
        Inspect = 0x08,
        Delete = 0x10,
        Export = 0x20,
        Rotate = 0x40,
    };
    Q_DECLARE_FLAGS(Actions, Action)

    struct ActionState
    {
        Actions enabled;
        /// Why an action is not available, for its tooltip (e.g. "Your user type does not allow
        /// …").
        QHash<Action, QString> why;
    };

    explicit Page(ConsoleContext &context, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    /// Why the signed-in person may not open this place (their user type does not allow it);
    /// empty when they may. The navigation then shows the place disabled, with this tooltip.
    virtual QString unavailableReason() const { return {}; }
    virtual ActionState actionState() const { return {}; }
    /// One line for the status bar: counts, expiring soon, filter in effect.
    virtual QString statusText() const { return {}; }

    virtual void triggerNew() {}
    virtual void triggerEditScope() {}
    virtual void triggerRotate() {}
    virtual void triggerRevoke() {}
    virtual void triggerInspect() {}
    virtual void triggerDelete() {}
    virtual void triggerExport() {}
    /// A list could not be read (server down, no answer, refused): `text` and a Retry link,
    /// which calls refresh(), in `label`.
    void showLoadFailure(QLabel *label, const QString &text);
    /// Ctrl+F: put the keyboard focus into the page's filter field.
    virtual void focusFilter() {}
    /// F5: re-read from the store.
    virtual void refresh() {}
    /// The store changed elsewhere (ConsoleContext::changes()): re-read what the page shows
    /// without disturbing the person using it (selection, check marks, scroll position, order,
    /// open dialogs). Called while the page is shown; a hidden page catches up when shown.
    virtual void followChanges() {}

    ConsoleContext &context() const { return m_context; }

    /// At most this many selected or checked rows are acted on at once (one request; more:
    /// check every row of the filter instead): every one of them is read, and the model keeps
    /// their windows meanwhile.
    static constexpr int MaxSelectedRows = RequestLimits::MaxIds;
    /// The rows selected in `view`, counted by ranges (Ctrl+A selects every row of a million:
    /// never list them).
    static int selectedRowCount(const QAbstractItemView *view);

Q_SIGNALS:
    void stateChanged();

protected:
    void showEvent(QShowEvent *event) override;
    /// stateChanged() when the selection of `view` changes, and when its selected or current row
    /// is read after it was selected (over a server a row is a placeholder until its window
    /// arrives).
    void followSelection(QAbstractItemView *view);
    /// Why no action can apply to `selection` yet: one of its rows is a placeholder whose window
    /// is on its way (over a server); empty when every row of it is there. An action never acts
    /// on part of a selection. The windows of all its placeholders are asked for at once. Only
    /// for a selection of at most MaxSelectedRows rows.
    static QString whyStillReading(const QItemSelection &selection);

private:
    ConsoleContext &m_context;
    bool m_behind = false; ///< changed while hidden
};

} // namespace td

Q_DECLARE_OPERATORS_FOR_FLAGS(td::Page::Actions)
