// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/databaselocation.h"

#include <QUrl>
#include <QWizard>

#include <memory>

class QLabel;
class QLineEdit;
class QRadioButton;

namespace td {

class Store;
namespace Form {
class ErrorGate;
}

/// First run: a local store (an SQLite file, the default path or one chosen with Browse…) with the
/// first administrator in the first department, or a TokenDesk server to sign in to (a shared
/// deployment: only servers hold database credentials). For a local store, Finish creates it and
/// calls AccountService::initialize (tenant, department, administrator in one transaction), then
/// signs the administrator in. A file that is already set up is accepted as it is: the wizard
/// finishes with existingStore() and the console asks to sign in.
class FirstRunWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { StorePage, AdministratorPage };

    explicit FirstRunWizard(const DatabaseLocation &suggested, QWidget *parent = nullptr);
    ~FirstRunWizard() override;

    /// After accept(): the store, open.
    std::unique_ptr<Store> takeStore();
    /// After accept(): where it is.
    const DatabaseLocation &location() const { return m_location; }
    /// After accept(): the first administrator, signed in (invalid with existingStore()).
    const Actor &actor() const { return m_actor; }
    /// The store was set up already: sign in instead.
    bool existingStore() const { return m_existing; }
    /// After accept(): the tokendesk-server chosen (then there is no store; sign in to it).
    QUrl serverUrl() const { return m_serverChoice; }
    /// Shown above the choices (why the wizard came back), with the server chosen.
    void setNotice(const QString &text);

    int nextId() const override;
    bool validateCurrentPage() override;

private:
    void addStorePage();
    void addAdministratorPage();
    void browseSqliteFile();
    void updatePasswordRule();
    bool validateStore();
    bool createStore();

    DatabaseLocation m_suggested;
    DatabaseLocation m_location;
    std::unique_ptr<Store> m_store;
    Actor m_actor;
    bool m_existing = false;

    QRadioButton *m_sqlite = nullptr;
    QLabel *m_sqlitePath = nullptr;
    DatabaseLocation m_sqliteChoice; ///< the local store's file (Browse… changes it)
    QRadioButton *m_server = nullptr;
    QLineEdit *m_serverUrl = nullptr;
    QUrl m_serverChoice;
    QLabel *m_notice = nullptr;
    QLabel *m_storeError = nullptr;

    QLineEdit *m_department = nullptr;
    QLineEdit *m_adminName = nullptr;
    QLineEdit *m_adminPassword = nullptr;
    QLineEdit *m_adminRepeat = nullptr;
    QLabel *m_passwordRule = nullptr;
    Form::ErrorGate *m_gate = nullptr; // the password's problem shows once it was left
    QLabel *m_adminError = nullptr;
};

} // namespace td
