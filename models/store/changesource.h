// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace td {

/// What tells the console's lists that data changed elsewhere (another console, tokendesk-admin,
/// a mobile sign-in): the local store's ChangeWatcher, or over a server the HttpChangeFollower
/// on its change stream. Pages and the main window see only this.
///
/// Inactive (the console's window hidden or minimised) a source does not look and holds back
/// what it heard; setActive(true) looks at once. changed() comes at most once per
/// PollIntervalMs.
class ChangeSource : public QObject
{
    Q_OBJECT

public:
    /// The least time between two changed() (a busy store refreshes the lists this often).
    static constexpr int PollIntervalMs = 500;
    /// Changes this close together are one change.
    static constexpr int SettleMs = 50;

    using QObject::QObject;

    virtual void setActive(bool active) = 0;
    bool isActive() const { return m_active; }
    /// Looks for a change now (e.g. when the window gets the focus back).
    virtual void checkNow() = 0;

    /// Looks made (SQLite polls, PostgreSQL notifications heard, change stream answers), for
    /// tests.
    qint64 checks() const { return m_checks; }
    /// Times changed() was emitted, for tests.
    qint64 changes() const { return m_changes; }

Q_SIGNALS:
    /// Data changed elsewhere: lists re-read what they show.
    void changed();

protected:
    void countCheck() { ++m_checks; }
    void report()
    {
        ++m_changes;
        Q_EMIT changed();
    }

    bool m_active = false;

private:
    qint64 m_checks = 0;
    qint64 m_changes = 0;
};

} // namespace td
