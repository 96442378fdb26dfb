// SPDX-License-Identifier: MIT
#pragma once

#include "core/types.h"
#include "store/databaselocation.h"

#include <QUrl>
#include <QWizard>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;

class QFormLayout;

namespace td {

class Store;

/// First run: where the store lives (an SQLite file at the default path, or a PostgreSQL URL
/// with its password, which may be kept in the keychain) and the first administrator in the
/// first department. Finish creates the store and calls AccountService::initialize (tenant,
/// department, administrator in one transaction), then signs the administrator in.
///
/// A PostgreSQL store that is already set up (a second computer of a shared deployment) is
/// accepted as it is: the wizard finishes with existingStore() and the console asks to sign in.
class FirstRunWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { StorePage, AdministratorPage };

    explicit FirstRunWizard(const DatabaseLocation &suggested, QWidget *parent = nullptr);
    ~FirstRunWizard() override;

    /// After accept(): the store, open.
    std::unique_ptr<Store> takeStore();
    /// After accept(): where it is (with the PostgreSQL password, if one was typed).
    const DatabaseLocation &location() const { return m_location; }
    /// After accept(): the first administrator, signed in (invalid with existingStore()).
    const Actor &actor() const { return m_actor; }
    /// The PostgreSQL store was set up already: sign in instead.
    bool existingStore() const { return m_existing; }
    /// After accept(): the tokendesk-server chosen (then there is no store; sign in to it).
    QUrl serverUrl() const { return m_serverChoice; }
    /// The PostgreSQL password is to be kept in the keychain.
    bool rememberDatabasePassword() const;

    int nextId() const override;
    bool validateCurrentPage() override;

private:
    void addStorePage();
    QFormLayout *postgresFields(QWidget *page, int indent);
    void addAdministratorPage();
    void updatePasswordRule();
    bool validateStore();
    bool createStore();

    DatabaseLocation m_suggested;
    DatabaseLocation m_location;
    std::unique_ptr<Store> m_store;
    Actor m_actor;
    bool m_existing = false;

    QRadioButton *m_sqlite = nullptr;
    QRadioButton *m_server = nullptr;
    QLineEdit *m_serverUrl = nullptr;
    QUrl m_serverChoice;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_dbPassword = nullptr;
    QCheckBox *m_rememberDbPassword = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_storeError = nullptr;

    QLineEdit *m_department = nullptr;
    QLineEdit *m_adminName = nullptr;
    QLineEdit *m_adminPassword = nullptr;
    QLineEdit *m_adminRepeat = nullptr;
    QLabel *m_passwordRule = nullptr;
    QLabel *m_adminError = nullptr;
    bool m_keychainAvailable = true;
};

} // namespace td
