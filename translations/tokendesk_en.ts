<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CredentialPolicy</name>
    <message numerus="yes">
        <source>The access code must contain at least %n characters.</source>
        <translation>
            <numerusform>The access code must contain at least %n character.</numerusform>
            <numerusform>The access code must contain at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must contain at least %n characters.</source>
        <translation>
            <numerusform>The password must contain at least %n character.</numerusform>
            <numerusform>The password must contain at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The maximum length of the access code is %n characters.</source>
        <translation>
            <numerusform>The maximum length of the access code is %n character.</numerusform>
            <numerusform>The maximum length of the access code is %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The maximum length of the password is %n characters.</source>
        <translation>
            <numerusform>The maximum length of the password is %n character.</numerusform>
            <numerusform>The maximum length of the password is %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk: %n of your credentials expire soon</source>
        <translation>
            <numerusform>TokenDesk: %n of your credentials expires soon</numerusform>
            <numerusform>TokenDesk: %n of your credentials expire soon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk: %n of your credentials have expired</source>
        <translation>
            <numerusform>TokenDesk: %n of your credentials has expired</numerusform>
            <numerusform>TokenDesk: %n of your credentials have expired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the last day TokenDesk told the owners of %n credential(s) that they expire soon or have expired:</source>
        <translation>
            <numerusform>In the last day TokenDesk told the owner of %n credential that it expires soon or has expired:</numerusform>
            <numerusform>In the last day TokenDesk told the owners of %n credentials that they expire soon or have expired:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk daily digest: %n credential(s) expire soon or have expired</source>
        <translation>
            <numerusform>TokenDesk daily digest: %n credential expires soon or has expired</numerusform>
            <numerusform>TokenDesk daily digest: %n credentials expire soon or have expired</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenRules</name>
    <message numerus="yes">
        <source>Revoke %n API Tokens</source>
        <translation>
            <numerusform>Revoke %n API Token</numerusform>
            <numerusform>Revoke %n API Tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n API tokens?</source>
        <translation>
            <numerusform>Revoke this %n API token?</numerusform>
            <numerusform>Revoke these %n API tokens?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n API Tokens</source>
        <translation>
            <numerusform>Delete %n API Token</numerusform>
            <numerusform>Delete %n API Tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n API tokens?</source>
        <translation>
            <numerusform>Delete this %n API token?</numerusform>
            <numerusform>Delete these %n API tokens?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n checked tokens are already revoked.</source>
        <translation>
            <numerusform>The %n checked token is already revoked.</numerusform>
            <numerusform>All %n checked tokens are already revoked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already revoked</source>
        <translation>
            <numerusform>%n already revoked</numerusform>
            <numerusform>%n already revoked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of other users, which your user type may not revoke</source>
        <translation>
            <numerusform>%n of another user, which your user type may not revoke</numerusform>
            <numerusform>%n of other users, which your user type may not revoke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked token(s) skipped (%1).</source>
        <translation>
            <numerusform>%n checked token skipped (%1).</numerusform>
            <numerusform>%n checked tokens skipped (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>except %Ln token(s) unchecked in the list</source>
        <translation>
            <numerusform>except %Ln token unchecked in the list</numerusform>
            <numerusform>except %Ln tokens unchecked in the list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenService</name>
    <message numerus="yes">
        <source>Tokens may live at most %n day(s) (store setting).</source>
        <translation>
            <numerusform>Tokens may live at most %n day (store setting).</numerusform>
            <numerusform>Tokens may live at most %n days (store setting).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::AuditPage</name>
    <message numerus="yes">
        <source>%n entries match the filter</source>
        <translation>
            <numerusform>%n entry matches the filter</numerusform>
            <numerusform>%n entries match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to %1.</source>
        <translation>
            <numerusform>%n entry exported to %1.</numerusform>
            <numerusform>%n entries exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::ConfirmDialog</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::DepartmentsPanel</name>
    <message numerus="yes">
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n department</numerusform>
            <numerusform>%n departments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::DisableUserCommand</name>
    <message numerus="yes">
        <source>%n API token(s)</source>
        <translation>
            <numerusform>%n API token</numerusform>
            <numerusform>%n API tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mobile session(s)</source>
        <translation>
            <numerusform>%n mobile session</numerusform>
            <numerusform>%n mobile sessions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::ExpiryWatch</name>
    <message numerus="yes">
        <source>%n of your tokens and your access code expire this week</source>
        <translation>
            <numerusform>%n of your tokens and your access code expire this week</numerusform>
            <numerusform>%n of your tokens and your access code expire this week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your tokens expire this week</source>
        <translation>
            <numerusform>%n of your tokens expires this week</numerusform>
            <numerusform>%n of your tokens expire this week</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::ManageTokensDialog</name>
    <message numerus="yes">
        <source>(%n character(s) typed)</source>
        <translation>
            <numerusform>(%n character typed)</numerusform>
            <numerusform>(%n characters typed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new access code is fine (%n character(s)).</source>
        <translation>
            <numerusform>The new access code is fine (%n character).</numerusform>
            <numerusform>The new access code is fine (%n characters).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::OverviewPage</name>
    <message numerus="yes">
        <source>%n API token(s) expire in the next 12 weeks</source>
        <translation>
            <numerusform>%n API token expires in the next 12 weeks</numerusform>
            <numerusform>%n API tokens expire in the next 12 weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RecordJson</name>
    <message numerus="yes">
        <source>an array of %n whole number(s)</source>
        <translation>
            <numerusform>an array of %n whole number</numerusform>
            <numerusform>an array of %n whole numbers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RevokeMatchingSessionsCommand</name>
    <message numerus="yes">
        <source>except %Ln session(s) unchecked in the list</source>
        <translation>
            <numerusform>except %Ln session unchecked in the list</numerusform>
            <numerusform>except %Ln sessions unchecked in the list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RevokeSessionsCommand</name>
    <message numerus="yes">
        <source>Sign out all %n mobile session(s) of %1?</source>
        <translation>
            <numerusform>Sign out the %n mobile session of %1?</numerusform>
            <numerusform>Sign out all %n mobile sessions of %1?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RevokeUnusedDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n valid token(s) not used for %1:</source>
        <translation>
            <numerusform>%n valid token not used for %1:</numerusform>
            <numerusform>%n valid tokens not used for %1:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n department(s).</source>
        <translation>
            <numerusform>%n department.</numerusform>
            <numerusform>%n departments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more user(s)</source>
        <translation>
            <numerusform>… and %n more user</numerusform>
            <numerusform>… and %n more users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n Token(s)…</source>
        <translation>
            <numerusform>Revoke %n Token…</numerusform>
            <numerusform>Revoke %n Tokens…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n API token(s).</source>
        <translation>
            <numerusform>Revoked %n API token.</numerusform>
            <numerusform>Revoked %n API tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RotateTokenDialog</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::ServerSignInDialog</name>
    <message numerus="yes">
        <source>%1 Try again in %n second(s).</source>
        <translation>
            <numerusform>%1 Try again in %n second.</numerusform>
            <numerusform>%1 Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::SignInDialog</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s), at %1.</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second, at %1.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds, at %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::TokenCreatedDialog</name>
    <message numerus="yes">
        <source>The clipboard is cleared in %n second(s) and when TokenDesk quits.</source>
        <translation>
            <numerusform>The clipboard is cleared in %n second and when TokenDesk quits.</numerusform>
            <numerusform>The clipboard is cleared in %n seconds and when TokenDesk quits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::TokenListModel</name>
    <message numerus="yes">
        <source>Expires %1 (in %n day(s))</source>
        <translation>
            <numerusform>Expires %1 (in %n day)</numerusform>
            <numerusform>Expires %1 (in %n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::TokensPage</name>
    <message numerus="yes">
        <source>Exported %Ln token(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln token to %1</numerusform>
            <numerusform>Exported %Ln tokens to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n API token(s).</source>
        <translation>
            <numerusform>Revoked %n API token.</numerusform>
            <numerusform>Revoked %n API tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n API token(s).</source>
        <translation>
            <numerusform>Deleted %n API token.</numerusform>
            <numerusform>Deleted %n API tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked token(s) skipped (still valid: revoke them first).</source>
        <translation>
            <numerusform>%n checked token skipped (still valid: revoke it first).</numerusform>
            <numerusform>%n checked tokens skipped (still valid: revoke them first).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::UserTypesPanel</name>
    <message numerus="yes">
        <source>%n user type(s)</source>
        <translation>
            <numerusform>%n user type</numerusform>
            <numerusform>%n user types</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) of this type.</source>
        <translation>
            <numerusform>%n user of this type.</numerusform>
            <numerusform>%n users of this type.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::UsersPage</name>
    <message numerus="yes">
        <source>%n user(s) match the filter</source>
        <translation>
            <numerusform>%n user matches the filter</numerusform>
            <numerusform>%n users match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n API token(s)</source>
        <translation>
            <numerusform>%n API token</numerusform>
            <numerusform>%n API tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mobile session(s)</source>
        <translation>
            <numerusform>%n mobile session</numerusform>
            <numerusform>%n mobile sessions</numerusform>
        </translation>
    </message>
</context>
</TS>
