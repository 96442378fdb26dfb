// SPDX-License-Identifier: MIT
#pragma once

#include "domain/service.h"
#include "domain/types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

namespace td {

/// The "Mobile Users Logged In" list (seed 002) as a windowed table model over the store: the
/// row count is one COUNT (cached until the filter or the data change) and rows are read in
/// windows of `windowSize()` through Service::sessions (LIMIT/OFFSET on the last-active index),
/// keeping a few windows (LRU). The text filter and "include ended sessions" are part of the SQL
/// query; nothing is filtered in memory, so a million sessions cost what a hundred do on screen.
/// Check marks are kept by session id and survive filtering, scrolling and refreshes.
///
/// The same design as the token list's windowed model (issue 3), written before that generic
/// base was available on main; see the page for what it adds.
class SessionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        CheckColumn,
        UserNameColumn,
        EmailColumn,
        DepartmentColumn,
        UserTypeColumn,
        DeviceColumn,
        LastActiveColumn,
        ExpiryColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };

    SessionListModel(Service &service, const Actor &actor, QObject *parent = nullptr);

    void setActor(const Actor &actor);
    /// Text (user name, email, device, department) and whether ended sessions are listed.
    void setFilter(const QString &text, bool includeEnded);
    QString filterText() const { return m_query.text; }
    bool includesEnded() const { return m_query.includeEnded; }
    /// Forget counts and windows and read again (after a change in the store).
    void refresh();

    void setWindowSize(int rows);
    int windowSize() const { return m_windowSize; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    /// The session at a row (reads its window when needed).
    std::optional<MobileSession> item(int row) const;
    std::optional<MobileSession> item(const QModelIndex &index) const
    {
        return index.isValid() ? item(index.row()) : std::nullopt;
    }

    QList<qint64> checkedIds() const;
    int checkedCount() const { return int(m_checked.size()); }
    void clearChecks();
    /// The message of the last failed read ("" when the last read worked).
    QString lastError() const { return m_lastError; }
    /// Windows read since construction (tests check that scrolling reads only what it shows).
    int windowLoads() const { return m_windowLoads; }
    int cachedWindows() const { return int(m_windows.size()); }

    static QString columnTitle(int column);

Q_SIGNALS:
    void checkedChanged();
    void loadFailed(const QString &message);

private:
    const MobileSession *rowAt(int row) const;
    void reload();

    Service &m_service;
    Actor m_actor;
    SessionQuery m_query;
    int m_windowSize = 100;
    static constexpr int MaxWindows = 8;
    mutable qint64 m_count = -1;
    mutable QHash<qint64, QList<MobileSession>> m_windows;
    mutable QList<qint64> m_lru;
    mutable QString m_lastError;
    mutable int m_windowLoads = 0;
    QSet<qint64> m_checked;
};

} // namespace td
