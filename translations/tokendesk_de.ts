<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccountService</name>
    <message>
        <source>department name</source>
        <translation>Abteilungsname</translation>
    </message>
    <message>
        <source>%1 is already initialised; nothing was changed.</source>
        <translation>%1 ist bereits eingerichtet; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>Einstellungen zu ändern</translation>
    </message>
    <message>
        <source>Only a signed-in person has an own password.</source>
        <translation>Nur eine angemeldete Person hat ein eigenes Passwort.</translation>
    </message>
    <message>
        <source>create departments</source>
        <translation>Abteilungen anzulegen</translation>
    </message>
    <message>
        <source>A department named &quot;%1&quot; already exists.</source>
        <translation>Eine Abteilung namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>rename departments</source>
        <translation>Abteilungen umzubenennen</translation>
    </message>
    <message>
        <source>There is no department with id %1.</source>
        <translation>Es gibt keine Abteilung mit der ID %1.</translation>
    </message>
    <message>
        <source>delete departments</source>
        <translation>Abteilungen zu löschen</translation>
    </message>
    <message>
        <source>The department &quot;%1&quot; still has %2 user(s) and %3 token(s); move or delete them first.</source>
        <translation>Die Abteilung „%1“ hat noch Benutzer: %2, Tokens: %3; verschieben oder löschen Sie diese zuerst.</translation>
    </message>
    <message>
        <source>Unknown permission &quot;%1&quot; (known: %2).</source>
        <translation>Unbekannte Berechtigung „%1“ (bekannt: %2).</translation>
    </message>
    <message>
        <source>user type name</source>
        <translation>Name des Benutzertyps</translation>
    </message>
    <message>
        <source>create user types</source>
        <translation>Benutzertypen anzulegen</translation>
    </message>
    <message>
        <source>A user type named &quot;%1&quot; already exists.</source>
        <translation>Ein Benutzertyp namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>change user types</source>
        <translation>Benutzertypen zu ändern</translation>
    </message>
    <message>
        <source>There is no user type with id %1.</source>
        <translation>Es gibt keinen Benutzertyp mit der ID %1.</translation>
    </message>
    <message>
        <source>The Administrator user type always holds every permission.</source>
        <translation>Der Benutzertyp Administrator hat immer alle Berechtigungen.</translation>
    </message>
    <message>
        <source>delete user types</source>
        <translation>Benutzertypen zu löschen</translation>
    </message>
    <message>
        <source>The built-in user type &quot;%1&quot; cannot be deleted.</source>
        <translation>Der vordefinierte Benutzertyp „%1“ kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The user type &quot;%1&quot; is still used by users or tokens.</source>
        <translation>Der Benutzertyp „%1“ wird noch von Benutzern oder Tokens verwendet.</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Choose the user&apos;s department.</source>
        <translation>Wählen Sie die Abteilung des Benutzers.</translation>
    </message>
    <message>
        <source>Choose the user&apos;s user type.</source>
        <translation>Wählen Sie den Benutzertyp des Benutzers.</translation>
    </message>
    <message>
        <source>create users</source>
        <translation>Benutzer anzulegen</translation>
    </message>
    <message>
        <source>The username &quot;%1&quot; is taken.</source>
        <translation>Der Benutzername „%1“ ist bereits vergeben.</translation>
    </message>
    <message>
        <source>edit users</source>
        <translation>Benutzer zu bearbeiten</translation>
    </message>
    <message>
        <source>You cannot change your own user type.</source>
        <translation>Sie können Ihren eigenen Benutzertyp nicht ändern.</translation>
    </message>
    <message>
        <source>see users</source>
        <translation>Benutzer zu sehen</translation>
    </message>
    <message>
        <source>disable users</source>
        <translation>Benutzer zu deaktivieren</translation>
    </message>
    <message>
        <source>The user %1 is already disabled.</source>
        <translation>Der Benutzer %1 ist bereits deaktiviert.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Sie können Ihr eigenes Konto nicht deaktivieren.</translation>
    </message>
    <message>
        <source>%1 is the last enabled administrator and cannot be disabled.</source>
        <translation>%1 ist der letzte aktive Administrator und kann nicht deaktiviert werden.</translation>
    </message>
    <message>
        <source>enable users</source>
        <translation>Benutzer zu aktivieren</translation>
    </message>
    <message>
        <source>The user %1 is not disabled.</source>
        <translation>Der Benutzer %1 ist nicht deaktiviert.</translation>
    </message>
    <message>
        <source>see other users</source>
        <translation>andere Benutzer zu sehen</translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation>Es gibt keinen Benutzer „%1“.</translation>
    </message>
    <message>
        <source>set your access code</source>
        <translation>Ihren Zugriffscode festzulegen</translation>
    </message>
    <message>
        <source>grant permissions you do not hold</source>
        <translation>Berechtigungen zu vergeben, die Sie selbst nicht haben</translation>
    </message>
    <message>
        <source>change your own user type</source>
        <translation>Ihren eigenen Benutzertyp zu ändern</translation>
    </message>
    <message>
        <source>delete a user type with permissions you do not hold</source>
        <translation>einen Benutzertyp mit Berechtigungen zu löschen, die Sie selbst nicht haben</translation>
    </message>
    <message>
        <source>Change your own password with your current password.</source>
        <translation>Ändern Sie Ihr eigenes Passwort mit Ihrem aktuellen Passwort.</translation>
    </message>
    <message>
        <source>set this user&apos;s password</source>
        <translation>das Passwort dieses Benutzers festzulegen</translation>
    </message>
    <message>
        <source>give a user more permissions than your own</source>
        <translation>einem Benutzer mehr Berechtigungen zu geben, als Sie selbst haben</translation>
    </message>
    <message>
        <source>disable this user</source>
        <translation>diesen Benutzer zu deaktivieren</translation>
    </message>
    <message>
        <source>lift sign-in locks</source>
        <translation>Anmeldesperren aufzuheben</translation>
    </message>
    <message>
        <source>lift this user&apos;s sign-in lock</source>
        <translation>die Anmeldesperre dieses Benutzers aufzuheben</translation>
    </message>
    <message>
        <source>The sign-in of %1 is not locked.</source>
        <translation>Die Anmeldung von %1 ist nicht gesperrt.</translation>
    </message>
    <message>
        <source>enable this user</source>
        <translation>diesen Benutzer zu aktivieren</translation>
    </message>
    <message>
        <source>Only a signed-in person has an own access code.</source>
        <translation>Nur eine angemeldete Person hat einen eigenen Zugriffscode.</translation>
    </message>
    <message>
        <source>Change your own access code with your current password.</source>
        <translation>Ändern Sie Ihren eigenen Zugriffscode mit Ihrem aktuellen Passwort.</translation>
    </message>
    <message>
        <source>set this user&apos;s access code</source>
        <translation>den Zugriffscode dieses Benutzers festzulegen</translation>
    </message>
    <message>
        <source>&quot;Expiring soon&quot; must be 1 to %1 days.</source>
        <translation>„Läuft bald ab“ muss 1 bis %1 Tage betragen.</translation>
    </message>
    <message>
        <source>The maximum token lifetime must be 0 (none) to %1 days.</source>
        <translation>Die maximale Token-Lebensdauer muss 0 (keine) bis %1 Tage betragen.</translation>
    </message>
    <message>
        <source>The session lifetime must be 1 to %1 days.</source>
        <translation>Die Sitzungsdauer muss 1 bis %1 Tage betragen.</translation>
    </message>
    <message>
        <source>This is not a console credential (tdc_…); sign in again.</source>
        <translation>Das ist keine Konsolen-Anmeldung (tdc_…); melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The console credential is not known; sign in again.</source>
        <translation>Diese Konsolen-Anmeldung ist unbekannt; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The console credential has been revoked; sign in again.</source>
        <translation>Diese Konsolen-Anmeldung wurde widerrufen; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The console credential has expired; sign in again.</source>
        <translation>Diese Konsolen-Anmeldung ist abgelaufen; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The account is disabled.</source>
        <translation>Das Konto ist deaktiviert.</translation>
    </message>
    <message>
        <source>see other users&apos; console sign-ins</source>
        <translation>die Konsolen-Anmeldungen anderer Benutzer zu sehen</translation>
    </message>
    <message>
        <source>There is no console sign-in with id %1.</source>
        <translation>Es gibt keine Konsolen-Anmeldung mit der ID %1.</translation>
    </message>
    <message>
        <source>end other users&apos; console sign-ins</source>
        <translation>Konsolen-Anmeldungen anderer Benutzer zu beenden</translation>
    </message>
    <message>
        <source>The console sign-in #%1 has already ended.</source>
        <translation>Die Konsolen-Anmeldung #%1 ist bereits beendet.</translation>
    </message>
    <message>
        <source>The unused-token policy must be off (0) or %1 to %2 days.</source>
        <translation>Die Richtlinie für ungenutzte Tokens muss aus (0) sein oder %1 bis %2 Tage betragen.</translation>
    </message>
</context>
<context>
    <name>AuditList</name>
    <message>
        <source>The outcome must be one of: %1.</source>
        <translation>Das Ergebnis muss eines von diesen sein: %1.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>Sign-in and sign-out</source>
        <translation>An- und Abmeldung</translation>
    </message>
    <message>
        <source>API tokens</source>
        <translation>API-Tokens</translation>
    </message>
    <message>
        <source>Access codes</source>
        <translation>Zugriffscodes</translation>
    </message>
    <message>
        <source>Mobile sessions</source>
        <translation>Mobile Sitzungen</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Abteilungen</translation>
    </message>
    <message>
        <source>User types</source>
        <translation>Benutzertypen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Store set-up</source>
        <translation>Einrichtung des Datenspeichers</translation>
    </message>
</context>
<context>
    <name>AuditPhrase</name>
    <message>
        <source>token #%1 &quot;%2&quot; (%3) of %4</source>
        <translation>Token #%1 „%2“ (%3) von %4</translation>
    </message>
    <message>
        <source>session #%1 (%2) of %3 on &quot;%4&quot;</source>
        <translation>Sitzung #%1 (%2) von %3 auf „%4“</translation>
    </message>
    <message>
        <source>console sign-in #%1 (%2) of %3</source>
        <translation>Konsolen-Anmeldung #%1 (%2) von %3</translation>
    </message>
    <message>
        <source>user #%1 %2</source>
        <translation>Benutzer #%1 %2</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>user type #%1 &quot;%2&quot;</source>
        <translation>Benutzertyp #%1 „%2“</translation>
    </message>
    <message>
        <source>department #%1 &quot;%2&quot;</source>
        <translation>Abteilung #%1 „%2“</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>Mandant %1</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 mobile session(s) of %2</source>
        <translation>%1 mobile Sitzung(en) von %2</translation>
    </message>
    <message>
        <source>token &quot;%1&quot; for %2</source>
        <translation>Token „%1“ für %2</translation>
    </message>
    <message>
        <source>token #%1</source>
        <translation>Token #%1</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>session #%1</source>
        <translation>Sitzung #%1</translation>
    </message>
    <message>
        <source>%1 sessions</source>
        <translation>%1 Sitzungen</translation>
    </message>
    <message>
        <source>department #%1</source>
        <translation>Abteilung #%1</translation>
    </message>
    <message>
        <source>user type #%1</source>
        <translation>Benutzertyp #%1</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>Benutzer #%1</translation>
    </message>
    <message>
        <source>scopes %1; expires %2</source>
        <translation>Bereiche %1; läuft ab %2</translation>
    </message>
    <message>
        <source>scopes %1 → %2</source>
        <translation>Bereiche %1 → %2</translation>
    </message>
    <message>
        <source>bulk revoke of %1 tokens</source>
        <translation>Sammelwiderruf von %1 Tokens</translation>
    </message>
    <message>
        <source>bulk revoke of %1 sessions</source>
        <translation>Sammelwiderruf von %1 Sitzungen</translation>
    </message>
    <message>
        <source>revoked by its holder (POST /api/v1/revoke)</source>
        <translation>von seinem Inhaber widerrufen (POST /api/v1/revoke)</translation>
    </message>
    <message>
        <source>was active</source>
        <translation>war aktiv</translation>
    </message>
    <message>
        <source>was revoked</source>
        <translation>war widerrufen</translation>
    </message>
    <message>
        <source>was expired</source>
        <translation>war abgelaufen</translation>
    </message>
    <message>
        <source>first personal token</source>
        <translation>erstes persönliches Token</translation>
    </message>
    <message>
        <source>replaces %1</source>
        <translation>ersetzt %1</translation>
    </message>
    <message>
        <source>permissions: %1</source>
        <translation>Berechtigungen: %1</translation>
    </message>
    <message>
        <source>permissions: %1 → %2</source>
        <translation>Berechtigungen: %1 → %2</translation>
    </message>
    <message>
        <source>first administrator %1 (user #%2) in department %3</source>
        <translation>erster Administrator %1 (Benutzer #%2) in der Abteilung %3</translation>
    </message>
    <message>
        <source>expiring soon %1 d, max token lifetime %2 d, session lifetime %3 d</source>
        <translation>„Läuft bald ab“ %1 T., maximale Token-Lebensdauer %2 T., Sitzungsdauer %3 T.</translation>
    </message>
    <message>
        <source>console credential %1</source>
        <translation>Konsolen-Anmeldung %1</translation>
    </message>
    <message>
        <source>department %1, user type %2</source>
        <translation>Abteilung %1, Benutzertyp %2</translation>
    </message>
    <message>
        <source>user type %1</source>
        <translation>Benutzertyp %1</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>department %1 → %2</source>
        <translation>Abteilung %1 → %2</translation>
    </message>
    <message>
        <source>user type %1 → %2</source>
        <translation>Benutzertyp %1 → %2</translation>
    </message>
    <message>
        <source>changed own password</source>
        <translation>eigenes Passwort geändert</translation>
    </message>
    <message>
        <source>password set by administrator</source>
        <translation>Passwort vom Administrator festgelegt</translation>
    </message>
    <message>
        <source>revoked %1 API token(s) and %2 mobile session(s)</source>
        <translation>%1 API-Token(s) und %2 mobile Sitzung(en) widerrufen</translation>
    </message>
    <message>
        <source>no access code set</source>
        <translation>kein Zugriffscode festgelegt</translation>
    </message>
    <message>
        <source>wrong access code</source>
        <translation>falscher Zugriffscode</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <source>unknown username</source>
        <translation>unbekannter Benutzername</translation>
    </message>
    <message>
        <source>password sign-in locked for %1 minutes after %2 failures; addresses without failures may still sign in</source>
        <translation>Anmeldung mit Passwort nach %2 Fehlversuchen für %1 Minuten gesperrt; Adressen ohne Fehlversuche können sich weiterhin anmelden</translation>
    </message>
    <message>
        <source>access code sign-in locked for %1 minutes after %2 failures; addresses without failures may still sign in</source>
        <translation>Anmeldung mit Zugriffscode nach %2 Fehlversuchen für %1 Minuten gesperrt; Adressen ohne Fehlversuche können sich weiterhin anmelden</translation>
    </message>
    <message>
        <source>password sign-in lock lifted by the correct password</source>
        <translation>Anmeldesperre für das Passwort durch das richtige Passwort aufgehoben</translation>
    </message>
    <message>
        <source>access code sign-in lock lifted by the correct access code</source>
        <translation>Anmeldesperre für den Zugriffscode durch den richtigen Zugriffscode aufgehoben</translation>
    </message>
    <message>
        <source>password sign-in lock lifted</source>
        <translation>Anmeldesperre für das Passwort aufgehoben</translation>
    </message>
    <message>
        <source>access code sign-in lock lifted</source>
        <translation>Anmeldesperre für den Zugriffscode aufgehoben</translation>
    </message>
    <message>
        <source>signed out from the app</source>
        <translation>in der App abgemeldet</translation>
    </message>
    <message>
        <source>age %1 days</source>
        <translation>Gültigkeit %1 Tage</translation>
    </message>
    <message>
        <source>age never</source>
        <translation>Gültigkeit unbegrenzt</translation>
    </message>
    <message>
        <source>the access code was changed</source>
        <translation>der Zugriffscode wurde geändert</translation>
    </message>
    <message>
        <source>replaces %1, which works until %2</source>
        <translation>ersetzt %1, das bis %2 gültig bleibt</translation>
    </message>
    <message>
        <source>replaces %1, which stopped working</source>
        <translation>ersetzt %1, das nicht mehr gilt</translation>
    </message>
    <message>
        <source>webhook #%1 %2</source>
        <translation>Webhook #%1 %2</translation>
    </message>
    <message>
        <source>webhook #%1</source>
        <translation>Webhook #%1</translation>
    </message>
    <message>
        <source>events: %1</source>
        <translation>Ereignisse: %1</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>reported as leaked: found at %1 (source: %2)</source>
        <translation>als veröffentlicht gemeldet: gefunden unter %1 (Quelle: %2)</translation>
    </message>
</context>
<context>
    <name>AuditService</name>
    <message>
        <source>read the audit log</source>
        <translation>das Audit-Protokoll zu lesen</translation>
    </message>
</context>
<context>
    <name>BuiltinUserType</name>
    <message>
        <source>Everything: users, departments, user types, every API token and mobile session, the audit log.</source>
        <translation>Alles: Benutzer, Abteilungen, Benutzertypen, alle API-Tokens und mobilen Sitzungen, das Audit-Protokoll.</translation>
    </message>
    <message>
        <source>Inspects users, API tokens (metadata only) and mobile sessions; ends mobile sessions.</source>
        <translation>Sieht Benutzer, API-Tokens (nur Metadaten) und mobile Sitzungen ein; beendet mobile Sitzungen.</translation>
    </message>
    <message>
        <source>Sees and manages only their own tokens; sets their own access code.</source>
        <translation>Sieht und verwaltet nur die eigenen Tokens; legt den eigenen Zugriffscode fest.</translation>
    </message>
</context>
<context>
    <name>CredentialPolicy</name>
    <message numerus="yes">
        <source>The access code must contain at least %n characters.</source>
        <translation>
            <numerusform>Der Zugriffscode muss mindestens %n Zeichen enthalten.</numerusform>
            <numerusform>Der Zugriffscode muss mindestens %n Zeichen enthalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must contain at least %n characters.</source>
        <translation>
            <numerusform>Das Passwort muss mindestens %n Zeichen enthalten.</numerusform>
            <numerusform>Das Passwort muss mindestens %n Zeichen enthalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The maximum length of the access code is %n characters.</source>
        <translation>
            <numerusform>Der Zugriffscode darf höchstens %n Zeichen lang sein.</numerusform>
            <numerusform>Der Zugriffscode darf höchstens %n Zeichen lang sein.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The maximum length of the password is %n characters.</source>
        <translation>
            <numerusform>Das Passwort darf höchstens %n Zeichen lang sein.</numerusform>
            <numerusform>Das Passwort darf höchstens %n Zeichen lang sein.</numerusform>
        </translation>
    </message>
    <message>
        <source>Control characters (such as tabs or line breaks) are not allowed.</source>
        <translation>Steuerzeichen (etwa Tabulatoren oder Zeilenumbrüche) sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>The access code must not be your username.</source>
        <translation>Der Zugriffscode darf nicht Ihr Benutzername sein.</translation>
    </message>
    <message>
        <source>The password must not be your username.</source>
        <translation>Das Passwort darf nicht Ihr Benutzername sein.</translation>
    </message>
    <message>
        <source>This is one of the most common codes and is guessed first; choose another.</source>
        <translation>Dies ist einer der häufigsten Codes und wird zuerst erraten; wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>A repeated character or a plain run such as 123456 or abcdef is guessed first; choose another.</source>
        <translation>Ein wiederholtes Zeichen oder eine einfache Folge wie 123456 oder abcdef wird zuerst erraten; wählen Sie etwas anderes.</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Geben Sie einen Benutzernamen ein.</translation>
    </message>
    <message>
        <source>A username has at most 64 characters.</source>
        <translation>Ein Benutzername hat höchstens 64 Zeichen.</translation>
    </message>
    <message>
        <source>A username starts with a letter or digit and contains only letters, digits and . _ @ -</source>
        <translation>Ein Benutzername beginnt mit einem Buchstaben oder einer Ziffer und enthält nur Buchstaben, Ziffern und . _ @ -</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown username or wrong access code.</source>
        <translation>Unbekannter Benutzername oder falscher Zugriffscode.</translation>
    </message>
    <message>
        <source>Unknown username or wrong password.</source>
        <translation>Unbekannter Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Dieses Konto ist deaktiviert. Wenden Sie sich an einen Administrator.</translation>
    </message>
    <message>
        <source>The access code age must be 30, 60, 90, 180 or 365 days, or never.</source>
        <translation>Die Gültigkeit des Zugriffscodes muss 30, 60, 90, 180 oder 365 Tage oder unbegrenzt sein.</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Geben Sie Ihr aktuelles Passwort ein.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Das aktuelle Passwort ist falsch.</translation>
    </message>
    <message>
        <source>That is not your account.</source>
        <translation>Das ist nicht Ihr Konto.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>No database was given.</source>
        <translation>Es wurde keine Datenbank angegeben.</translation>
    </message>
    <message>
        <source>Unsupported database URL &quot;%1&quot;: use a file path or postgresql://user@host:port/dbname.</source>
        <translation>Nicht unterstützte Datenbank-URL „%1“: Geben Sie einen Dateipfad oder postgresql://benutzer@host:port/dbname an.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL is not valid: %1</source>
        <translation>Die PostgreSQL-URL ist ungültig: %1</translation>
    </message>
    <message>
        <source>Do not put the PostgreSQL password in the URL (it would show in process lists and shell history); store it in the keychain, PGPASSWORD or ~/.pgpass.</source>
        <translation>Schreiben Sie das PostgreSQL-Passwort nicht in die URL (es wäre in Prozesslisten und im Shell-Verlauf sichtbar); hinterlegen Sie es im Schlüsselbund, in PGPASSWORD oder in ~/.pgpass.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL takes no query or fragment: postgresql://user@host:port/dbname.</source>
        <translation>Die PostgreSQL-URL darf keine Abfrage und kein Fragment enthalten: postgresql://benutzer@host:port/dbname.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL must name one database: postgresql://user@host:port/dbname.</source>
        <translation>Die PostgreSQL-URL muss genau eine Datenbank nennen: postgresql://benutzer@host:port/dbname.</translation>
    </message>
    <message>
        <source>The PostgreSQL port must be 1 to 65535.</source>
        <translation>Der PostgreSQL-Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>in less than a minute</source>
        <translation>in weniger als einer Minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Guard</name>
    <message>
        <source>Your account is disabled or no longer exists; sign in again.</source>
        <translation>Ihr Konto ist deaktiviert oder existiert nicht mehr; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to %1.</source>
        <translation>Ihr Benutzertyp erlaubt es Ihnen nicht, %1.</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Your access code expired on %1.</source>
        <translation>Ihr Zugriffscode ist am %1 abgelaufen.</translation>
    </message>
    <message>
        <source>Your access code expires on %1.</source>
        <translation>Ihr Zugriffscode läuft am %1 ab.</translation>
    </message>
    <message>
        <source>API token &quot;%1&quot; (hint %2) expired on %3.</source>
        <translation>API-Token „%1“ (Kürzel %2) ist am %3 abgelaufen.</translation>
    </message>
    <message>
        <source>in less than a day</source>
        <translation>in weniger als einem Tag</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>API token &quot;%1&quot; (hint %2) expires on %3, %4.</source>
        <translation>API-Token „%1“ (Kürzel %2) läuft am %3 ab, %4.</translation>
    </message>
    <message>
        <source>TokenDesk names tokens by their name and hint only; it never sends a token&apos;s secret. Do not reply to this message.</source>
        <translation>TokenDesk nennt Tokens nur mit Namen und Kürzel; das Geheimnis eines Tokens wird nie versendet. Bitte antworten Sie nicht auf diese Nachricht.</translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk: %n of your credentials expire soon</source>
        <translation>
            <numerusform>TokenDesk: %n Ihrer Zugangsmittel läuft bald ab</numerusform>
            <numerusform>TokenDesk: %n Ihrer Zugangsmittel laufen bald ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk: %n of your credentials have expired</source>
        <translation>
            <numerusform>TokenDesk: %n Ihrer Zugangsmittel ist abgelaufen</numerusform>
            <numerusform>TokenDesk: %n Ihrer Zugangsmittel sind abgelaufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>Hallo %1,</translation>
    </message>
    <message>
        <source>These TokenDesk credentials of yours expire soon:</source>
        <translation>Diese Ihrer TokenDesk-Zugangsmittel laufen bald ab:</translation>
    </message>
    <message>
        <source>These TokenDesk credentials of yours have expired and no longer work:</source>
        <translation>Diese Ihrer TokenDesk-Zugangsmittel sind abgelaufen und funktionieren nicht mehr:</translation>
    </message>
    <message>
        <source>To keep a token working, renew or rotate it in the TokenDesk console (API Tokens) or ask an administrator. A new access code is set under Manage Tokens.</source>
        <translation>Damit ein Token weiter funktioniert, verlängern oder erneuern Sie es in der TokenDesk-Konsole (API-Tokens) oder wenden Sie sich an einen Administrator. Einen neuen Zugriffscode legen Sie unter „Tokens verwalten“ fest.</translation>
    </message>
    <message numerus="yes">
        <source>In the last day TokenDesk told the owners of %n credential(s) that they expire soon or have expired:</source>
        <translation>
            <numerusform>Am letzten Tag hat TokenDesk die Inhaber von %n Zugangsmittel benachrichtigt, dass es bald abläuft oder abgelaufen ist:</numerusform>
            <numerusform>Am letzten Tag hat TokenDesk die Inhaber von %n Zugangsmitteln benachrichtigt, dass sie bald ablaufen oder abgelaufen sind:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… und %n weiteres.</numerusform>
            <numerusform>… und %n weitere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TokenDesk daily digest: %n credential(s) expire soon or have expired</source>
        <translation>
            <numerusform>TokenDesk-Tagesübersicht: %n Zugangsmittel läuft bald ab oder ist abgelaufen</numerusform>
            <numerusform>TokenDesk-Tagesübersicht: %n Zugangsmittel laufen bald ab oder sind abgelaufen</numerusform>
        </translation>
    </message>
    <message>
        <source>A secret scanner found your API token &quot;%1&quot; (hint %2) where others can read it, and TokenDesk has revoked it.</source>
        <translation>Ein Geheimnis-Scanner hat Ihr API-Token „%1“ (Kürzel %2) an einer für andere lesbaren Stelle gefunden; TokenDesk hat es widerrufen.</translation>
    </message>
    <message>
        <source>Found at: %1</source>
        <translation>Gefunden unter: %1</translation>
    </message>
    <message>
        <source>Seen in: %1</source>
        <translation>Gesehen in: %1</translation>
    </message>
    <message>
        <source>Revoked: %1</source>
        <translation>Widerrufen: %1</translation>
    </message>
    <message>
        <source>Remove the token from that place, create a new one in the TokenDesk console (API Tokens) and put it where the old one was used.</source>
        <translation>Entfernen Sie das Token von dieser Stelle, erstellen Sie in der TokenDesk-Konsole (API-Tokens) ein neues und hinterlegen Sie es dort, wo das alte verwendet wurde.</translation>
    </message>
    <message>
        <source>TokenDesk: your API token &quot;%1&quot; was found exposed and revoked</source>
        <translation>TokenDesk: Ihr API-Token „%1“ wurde offengelegt gefunden und widerrufen</translation>
    </message>
</context>
<context>
    <name>OverviewService</name>
    <message>
        <source>The UTC offset must be between -14:00 and +14:00 hours.</source>
        <translation>Die Abweichung von UTC muss zwischen -14:00 und +14:00 Stunden liegen.</translation>
    </message>
</context>
<context>
    <name>Permission</name>
    <message>
        <source>Create, edit, revoke and delete every user&apos;s API tokens</source>
        <translation>API-Tokens aller Benutzer erstellen, bearbeiten, widerrufen und löschen</translation>
    </message>
    <message>
        <source>See every API token (metadata only)</source>
        <translation>Alle API-Tokens sehen (nur Metadaten)</translation>
    </message>
    <message>
        <source>Create, edit and revoke one&apos;s own API tokens</source>
        <translation>Eigene API-Tokens erstellen, bearbeiten und widerrufen</translation>
    </message>
    <message>
        <source>Set one&apos;s access code and reset one&apos;s personal API token</source>
        <translation>Eigenen Zugriffscode festlegen und eigenes persönliches API-Token neu erzeugen</translation>
    </message>
    <message>
        <source>See mobile sessions</source>
        <translation>Mobile Sitzungen sehen</translation>
    </message>
    <message>
        <source>End mobile sessions</source>
        <translation>Mobile Sitzungen beenden</translation>
    </message>
    <message>
        <source>See users, departments and user types</source>
        <translation>Benutzer, Abteilungen und Benutzertypen sehen</translation>
    </message>
    <message>
        <source>Create, edit and disable users, departments and user types</source>
        <translation>Benutzer, Abteilungen und Benutzertypen erstellen, bearbeiten und deaktivieren</translation>
    </message>
    <message>
        <source>Read the audit log</source>
        <translation>Audit-Protokoll lesen</translation>
    </message>
    <message>
        <source>Change store-wide settings</source>
        <translation>Einstellungen des gesamten Datenspeichers ändern</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>TokenDesk</source>
        <translation>TokenDesk</translation>
    </message>
    <message>
        <source>TokenDesk console: API tokens and mobile sessions.</source>
        <translation>TokenDesk-Konsole: API-Tokens und mobile Sitzungen.</translation>
    </message>
    <message>
        <source>The language and formats of the console, such as de or en_GB (default: the system&apos;s, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG).</source>
        <translation>Sprache und Formate der Konsole, etwa de oder en_GB (Standard: die des Systems, aus LANGUAGE, LC_ALL, LC_MESSAGES oder LANG).</translation>
    </message>
    <message>
        <source>Qt&apos;s own options (see the QApplication documentation):</source>
        <translation>Eigene Optionen von Qt (siehe die Dokumentation zu QApplication):</translation>
    </message>
    <message>
        <source>Work through the tokendesk-server at this https:// address instead of a store (default: the server chosen at first run, if any).</source>
        <translation>Über den tokendesk-server unter dieser https://-Adresse arbeiten statt mit einem Datenspeicher (Standard: der bei der Ersteinrichtung gewählte Server, falls vorhanden).</translation>
    </message>
    <message>
        <source>Environment:
  QT_SCALE_FACTOR, QT_QPA_PLATFORM  Qt&apos;s display settings

Files:
  %1  the default store
  %2  window layout and the store chosen at first run (never a password)

Exit status:
  0  the console was closed, or --help / --version
  1  internal error
  2  invalid command line (unknown option, bad --database or --server, both given, a shared store given to --database, extra argument)
  7  the store cannot be opened (missing, locked, read-only, damaged or newer schema)
</source>
        <translation>Umgebung:
  QT_SCALE_FACTOR, QT_QPA_PLATFORM  Anzeigeeinstellungen von Qt

Dateien:
  %1  der Standard-Datenspeicher
  %2  Fensteranordnung und der bei der Ersteinrichtung gewählte Datenspeicher (nie ein Passwort)

Exit-Status:
  0  die Konsole wurde geschlossen, oder --help / --version
  1  interner Fehler
  2  ungültige Befehlszeile (unbekannte Option, ungültiges --database oder --server, beide angegeben, ein gemeinsamer Datenspeicher bei --database, überzähliges Argument)
  7  der Datenspeicher kann nicht geöffnet werden (fehlt, gesperrt, schreibgeschützt, beschädigt oder neueres Schema)
</translation>
    </message>
    <message>
        <source>The store on this computer: an SQLite file (default: the store chosen at first run). A shared store is reached through its server (--server).</source>
        <translation>Der Datenspeicher auf diesem Computer: eine SQLite-Datei (Standard: der bei der Ersteinrichtung gewählte Datenspeicher). Ein gemeinsamer Datenspeicher wird über seinen Server erreicht (--server).</translation>
    </message>
    <message>
        <source>The console opens only a store on this computer (an SQLite file); a shared PostgreSQL store is reached through the TokenDesk server in front of it.</source>
        <translation>Die Konsole öffnet nur einen Datenspeicher auf diesem Computer (eine SQLite-Datei); ein gemeinsamer PostgreSQL-Datenspeicher wird über den TokenDesk-Server davor erreicht.</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>There is no user with id %1.</source>
        <translation>Es gibt keinen Benutzer mit der ID %1.</translation>
    </message>
    <message>
        <source>There is no department &quot;%1&quot;; create it first (department add).</source>
        <translation>Es gibt keine Abteilung „%1“; legen Sie sie zuerst an (department add).</translation>
    </message>
    <message>
        <source>There is no user type &quot;%1&quot; (known: %2).</source>
        <translation>Es gibt keinen Benutzertyp „%1“ (bekannt: %2).</translation>
    </message>
    <message>
        <source>Enter a %1.</source>
        <translation>Geben Sie einen Wert für „%1“ ein.</translation>
    </message>
    <message>
        <source>The %1 has %2 characters; at most %3 are allowed.</source>
        <translation>„%1“ hat %2 Zeichen; höchstens %3 sind erlaubt.</translation>
    </message>
    <message>
        <source>The %1 must not contain control characters or line breaks.</source>
        <translation>„%1“ darf keine Steuerzeichen oder Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>At most %1 characters are allowed (%2 given).</source>
        <translation>Höchstens %1 Zeichen sind erlaubt (%2 eingegeben).</translation>
    </message>
    <message>
        <source>Control characters are not allowed.</source>
        <translation>Steuerzeichen sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>Enter an email address such as name@example.org.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.org ein.</translation>
    </message>
    <message>
        <source>Choose the language of notices: en (English), de (German) or none for the server&apos;s default.</source>
        <translation>Wählen Sie die Sprache der Benachrichtigungen: en (Englisch), de (Deutsch) oder keine für die Voreinstellung des Servers.</translation>
    </message>
</context>
<context>
    <name>Scope</name>
    <message>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Abteilungen</translation>
    </message>
    <message>
        <source>Introspect</source>
        <translation>Introspektion</translation>
    </message>
    <message>
        <source>Read and upload the data collections of the token&apos;s department.</source>
        <translation>Datensammlungen der Abteilung des Tokens lesen und hochladen.</translation>
    </message>
    <message>
        <source>Register devices and read their status.</source>
        <translation>Geräte registrieren und ihren Status lesen.</translation>
    </message>
    <message>
        <source>Read and apply the department&apos;s policies.</source>
        <translation>Richtlinien der Abteilung lesen und anwenden.</translation>
    </message>
    <message>
        <source>Read and change user accounts in the department.</source>
        <translation>Benutzerkonten der Abteilung lesen und ändern.</translation>
    </message>
    <message>
        <source>Read and change departments.</source>
        <translation>Abteilungen lesen und ändern.</translation>
    </message>
    <message>
        <source>Ask TokenDesk whether other tokens are valid (RFC 7662 introspection).</source>
        <translation>TokenDesk fragen, ob andere Tokens gültig sind (Introspektion nach RFC 7662).</translation>
    </message>
    <message>
        <source>Leak report</source>
        <translation>Leak-Meldung</translation>
    </message>
    <message>
        <source>Report tokens a secret scanner found published: each valid one is revoked. Reads no token.</source>
        <translation>Tokens melden, die ein Secret-Scanner veröffentlicht gefunden hat: jedes gültige wird widerrufen. Liest keine Tokens.</translation>
    </message>
</context>
<context>
    <name>SessionService</name>
    <message>
        <source>device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>app version</source>
        <translation>App-Version</translation>
    </message>
    <message>
        <source>The access code is missing.</source>
        <translation>Der Zugriffscode fehlt.</translation>
    </message>
    <message>
        <source>The access code has expired; set a new one in TokenDesk (Settings ▸ Manage Tokens).</source>
        <translation>Der Zugriffscode ist abgelaufen; legen Sie in TokenDesk einen neuen fest (Einstellungen ▸ Tokens verwalten).</translation>
    </message>
    <message>
        <source>No session was selected.</source>
        <translation>Es wurde keine Sitzung ausgewählt.</translation>
    </message>
    <message>
        <source>There is no mobile session with id %1.</source>
        <translation>Es gibt keine mobile Sitzung mit der ID %1.</translation>
    </message>
    <message>
        <source>end other users&apos; mobile sessions</source>
        <translation>mobile Sitzungen anderer Benutzer zu beenden</translation>
    </message>
    <message>
        <source>The session #%1 is already revoked.</source>
        <translation>Die Sitzung #%1 ist bereits widerrufen.</translation>
    </message>
    <message>
        <source>This is not a mobile session token.</source>
        <translation>Dies ist kein Token einer mobilen Sitzung.</translation>
    </message>
    <message>
        <source>Unknown session.</source>
        <translation>Unbekannte Sitzung.</translation>
    </message>
    <message>
        <source>The session has already ended.</source>
        <translation>Die Sitzung ist bereits beendet.</translation>
    </message>
    <message>
        <source>end every session of a filter</source>
        <translation>jede Sitzung eines Filters zu beenden</translation>
    </message>
    <message>
        <source>The list changed: %L1 sessions match now; look again.</source>
        <translation>Die Liste hat sich geändert: Jetzt entsprechen %L1 Sitzungen dem Filter; sehen Sie sie noch einmal an.</translation>
    </message>
</context>
<context>
    <name>SqlWindow</name>
    <message>
        <source>The row %1 is not in this list (any more); read the window by its offset instead.</source>
        <translation>Die Zeile %1 ist nicht (mehr) in dieser Liste; lesen Sie das Fenster stattdessen über seinen Versatz.</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>%1 is a directory, not a TokenDesk database file.</source>
        <translation>%1 ist ein Ordner, keine TokenDesk-Datenbankdatei.</translation>
    </message>
    <message>
        <source>The database file %1 cannot be read: permission denied.</source>
        <translation>Die Datenbankdatei %1 kann nicht gelesen werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>There is no TokenDesk database at %1. Create one with &quot;tokendesk-admin init&quot; or the console&apos;s first-run setup.</source>
        <translation>Unter %1 gibt es keine TokenDesk-Datenbank. Legen Sie eine mit „tokendesk-admin init“ oder bei der Ersteinrichtung der Konsole an.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create the database file %1: %2.</source>
        <translation>Die Datenbankdatei %1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert (Debian-Paket %2).</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 holds a database that is not a TokenDesk store (unknown tables: %2). Nothing was changed.</source>
        <translation>%1 enthält eine Datenbank, die kein TokenDesk-Datenspeicher ist (unbekannte Tabellen: %2). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this TokenDesk knows (%3). Use a newer TokenDesk; nothing was changed.</source>
        <translation>Die Datenbank %1 hat die Schemaversion %2, neuer als diese TokenDesk-Version kennt (%3). Verwenden Sie ein neueres TokenDesk; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The database %1 cannot be switched to WAL mode (is the file or its folder read-only?).</source>
        <translation>Die Datenbank %1 kann nicht in den WAL-Modus geschaltet werden (ist die Datei oder ihr Ordner schreibgeschützt?).</translation>
    </message>
    <message>
        <source>The database %1 was upgraded by a newer TokenDesk while opening it.</source>
        <translation>Die Datenbank %1 wurde beim Öffnen von einem neueren TokenDesk aktualisiert.</translation>
    </message>
    <message>
        <source>%1 has no TokenDesk store yet. Create one with &quot;tokendesk-admin init&quot; or the console&apos;s first-run setup.</source>
        <translation>%1 hat noch keinen TokenDesk-Datenspeicher. Legen Sie einen mit „tokendesk-admin init“ oder bei der Ersteinrichtung der Konsole an.</translation>
    </message>
    <message>
        <source>The database did not return the new row&apos;s id.</source>
        <translation>Die Datenbank hat die ID der neuen Zeile nicht zurückgegeben.</translation>
    </message>
    <message>
        <source>a database operation</source>
        <translation>einer Datenbankoperation</translation>
    </message>
    <message>
        <source>The database %1 is locked by another program (waited %2 s while %3). Try again when the other program has finished.</source>
        <translation>Die Datenbank %1 ist von einem anderen Programm gesperrt (%2 s gewartet während %3). Versuchen Sie es erneut, wenn das andere Programm fertig ist.</translation>
    </message>
    <message>
        <source>The database %1 is read-only (%2).</source>
        <translation>Die Datenbank %1 ist schreibgeschützt (%2).</translation>
    </message>
    <message>
        <source>The database %1 is damaged or is not a database (%2). Nothing was changed; restore it from a backup.</source>
        <translation>Die Datenbank %1 ist beschädigt oder keine Datenbank (%2). Es wurde nichts geändert; stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The disk holding %1 is full; nothing was changed.</source>
        <translation>Der Datenträger mit %1 ist voll; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The database %1 cannot be read or written (%2) while %3.</source>
        <translation>Die Datenbank %1 kann nicht gelesen oder geschrieben werden (%2) während %3.</translation>
    </message>
    <message>
        <source>That name is already taken.</source>
        <translation>Dieser Name ist bereits vergeben.</translation>
    </message>
    <message>
        <source>The change conflicts with related data (%1).</source>
        <translation>Die Änderung steht im Widerspruch zu zugehörigen Daten (%1).</translation>
    </message>
    <message>
        <source>The disk of the database server of %1 is full; nothing was changed.</source>
        <translation>Der Datenträger des Datenbankservers von %1 ist voll; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The connection to %1 failed (%2).</source>
        <translation>Die Verbindung zu %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>Database error while %1 on %2: %3</source>
        <translation>Datenbankfehler während %1 auf %2: %3</translation>
    </message>
    <message>
        <source>Simulated failure before commit.</source>
        <translation>Simulierter Fehler vor dem Commit.</translation>
    </message>
    <message>
        <source>The database file %1 cannot be examined: %2.</source>
        <translation>Die Datenbankdatei %1 kann nicht geprüft werden: %2.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only: %2. Nothing was changed.</source>
        <translation>Die Datenbankdatei %1 ist schreibgeschützt: %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only: its mode is %2, which allows no writing. Nothing was changed; make it writable (chmod u+w) to use it.</source>
        <translation>Die Datenbankdatei %1 ist schreibgeschützt: Ihre Zugriffsrechte %2 erlauben kein Schreiben. Es wurde nichts geändert; machen Sie sie beschreibbar (chmod u+w), um sie zu verwenden.</translation>
    </message>
    <message>
        <source>The folder %1 of the database %2 is read-only (%3): the database&apos;s journal cannot be created there. Nothing was changed.</source>
        <translation>Der Ordner %1 der Datenbank %2 ist schreibgeschützt (%3): Das Journal der Datenbank kann dort nicht angelegt werden. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The disk holding %1 is full; nothing was changed. Free some space and try again.</source>
        <translation>Der Datenträger mit %1 ist voll; es wurde nichts geändert. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The database %1 is truncated: its header counts %2 bytes, the file holds %3. Nothing was changed; restore it from a backup.</source>
        <translation>Die Datenbank %1 ist abgeschnitten: Ihr Kopf nennt %2 Bytes, die Datei enthält %3. Es wurde nichts geändert; stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
</context>
<context>
    <name>TokenCodec</name>
    <message>
        <source>valid token format</source>
        <translation>gültiges Token-Format</translation>
    </message>
    <message>
        <source>no token was given</source>
        <translation>es wurde kein Token angegeben</translation>
    </message>
    <message>
        <source>a token is exactly 50 characters long</source>
        <translation>ein Token ist genau 50 Zeichen lang</translation>
    </message>
    <message>
        <source>a token starts with tdk_ or tds_</source>
        <translation>ein Token beginnt mit tdk_ oder tds_</translation>
    </message>
    <message>
        <source>a token contains only the letters A-Z, a-z and digits after its prefix</source>
        <translation>ein Token enthält nach seinem Präfix nur die Buchstaben A-Z, a-z und Ziffern</translation>
    </message>
    <message>
        <source>the token&apos;s checksum does not match (a typing or copying mistake)</source>
        <translation>die Prüfsumme des Tokens stimmt nicht (ein Tipp- oder Kopierfehler)</translation>
    </message>
</context>
<context>
    <name>TokenList</name>
    <message>
        <source>&quot;Not used for&quot; takes 1 to %1 days.</source>
        <translation>„Nicht verwendet seit“ nimmt 1 bis %1 Tage.</translation>
    </message>
</context>
<context>
    <name>TokenRules</name>
    <message>
        <source>“%1”</source>
        <comment>a token name in a sentence</comment>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Your user type does not allow you to create API tokens.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, API-Tokens zu erstellen.</translation>
    </message>
    <message>
        <source>Select the token whose scope you want to edit.</source>
        <translation>Wählen Sie das Token, dessen Bereich Sie bearbeiten möchten.</translation>
    </message>
    <message>
        <source>Select only one token to edit its scope.</source>
        <translation>Wählen Sie nur ein Token, um seinen Bereich zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1 is revoked; its scope can no longer change.</source>
        <translation>%1 ist widerrufen; sein Bereich kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>%1 has expired; its scope can no longer change.</source>
        <translation>%1 ist abgelaufen; sein Bereich kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to edit the tokens of other users.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, die Tokens anderer Benutzer zu bearbeiten.</translation>
    </message>
    <message>
        <source>Select or check the tokens to revoke.</source>
        <translation>Wählen oder markieren Sie die zu widerrufenden Tokens.</translation>
    </message>
    <message>
        <source>%1 is already revoked.</source>
        <translation>%1 ist bereits widerrufen.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to revoke the tokens of other users.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, die Tokens anderer Benutzer zu widerrufen.</translation>
    </message>
    <message>
        <source>Only administrators can delete tokens.</source>
        <translation>Nur Administratoren können Tokens löschen.</translation>
    </message>
    <message>
        <source>Select or check the revoked or expired tokens to delete.</source>
        <translation>Wählen oder markieren Sie die zu löschenden widerrufenen oder abgelaufenen Tokens.</translation>
    </message>
    <message>
        <source>%1 still works; only revoked or expired tokens can be deleted. Revoke it first.</source>
        <translation>%1 ist noch gültig; nur widerrufene oder abgelaufene Tokens können gelöscht werden. Widerrufen Sie es zuerst.</translation>
    </message>
    <message>
        <source>Select the token to inspect.</source>
        <translation>Wählen Sie das Token, dessen Details Sie sehen möchten.</translation>
    </message>
    <message>
        <source>Select only one token to inspect it.</source>
        <translation>Wählen Sie nur ein Token, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Revoke API Token</source>
        <translation>API-Token widerrufen</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n API Tokens</source>
        <translation>
            <numerusform>%n API-Token widerrufen</numerusform>
            <numerusform>%n API-Tokens widerrufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke the API token “%1” (%2) of %3?</source>
        <translation>Das API-Token „%1“ (%2) von %3 widerrufen?</translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n API tokens?</source>
        <translation>
            <numerusform>Dieses %n API-Token widerrufen?</numerusform>
            <numerusform>Diese %n API-Tokens widerrufen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Scripts, integrations and plugins that use this token stop working at once: every request with it is refused. This cannot be undone. The token stays listed as Revoked until an administrator deletes it; to restore access, create a new token.</source>
        <translation>Skripte, Integrationen und Plugins, die dieses Token verwenden, funktionieren sofort nicht mehr: Jede Anfrage damit wird abgewiesen. Dies kann nicht rückgängig gemacht werden. Das Token bleibt als „Widerrufen“ aufgeführt, bis ein Administrator es löscht; um den Zugriff wiederherzustellen, erstellen Sie ein neues Token.</translation>
    </message>
    <message>
        <source>Scripts, integrations and plugins that use these tokens stop working at once: every request with them is refused. This cannot be undone. The tokens stay listed as Revoked until an administrator deletes them; to restore access, create new tokens.</source>
        <translation>Skripte, Integrationen und Plugins, die diese Tokens verwenden, funktionieren sofort nicht mehr: Jede Anfrage damit wird abgewiesen. Dies kann nicht rückgängig gemacht werden. Die Tokens bleiben als „Widerrufen“ aufgeführt, bis ein Administrator sie löscht; um den Zugriff wiederherzustellen, erstellen Sie neue Tokens.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Delete API Token</source>
        <translation>API-Token löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n API Tokens</source>
        <translation>
            <numerusform>%n API-Token löschen</numerusform>
            <numerusform>%n API-Tokens löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the API token “%1” (%2) of %3?</source>
        <translation>Das API-Token „%1“ (%2) von %3 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n API tokens?</source>
        <translation>
            <numerusform>Dieses %n API-Token löschen?</numerusform>
            <numerusform>Diese %n API-Tokens löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>This token no longer works (it is revoked or expired). Deleting removes it from the list; the audit log keeps its history. This cannot be undone.</source>
        <translation>Dieses Token funktioniert nicht mehr (es ist widerrufen oder abgelaufen). Beim Löschen verschwindet es aus der Liste; das Audit-Protokoll behält seinen Verlauf. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>These tokens no longer work (they are revoked or expired). Deleting removes them from the list; the audit log keeps their history. This cannot be undone.</source>
        <translation>Diese Tokens funktionieren nicht mehr (sie sind widerrufen oder abgelaufen). Beim Löschen verschwinden sie aus der Liste; das Audit-Protokoll behält ihren Verlauf. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>All %n checked tokens are already revoked.</source>
        <translation>
            <numerusform>Das %n markierte Token ist bereits widerrufen.</numerusform>
            <numerusform>Alle %n markierten Tokens sind bereits widerrufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the checked tokens can be revoked: %1</source>
        <translation>Keines der markierten Tokens kann widerrufen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n already revoked</source>
        <translation>
            <numerusform>%n bereits widerrufen</numerusform>
            <numerusform>%n bereits widerrufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of other users, which your user type may not revoke</source>
        <translation>
            <numerusform>%n eines anderen Benutzers, das Ihr Benutzertyp nicht widerrufen darf</numerusform>
            <numerusform>%n anderer Benutzer, die Ihr Benutzertyp nicht widerrufen darf</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked token(s) skipped (%1).</source>
        <translation>
            <numerusform>%n markiertes Token übersprungen (%1).</numerusform>
            <numerusform>%n markierte Tokens übersprungen (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Every API token (no filter)</source>
        <translation>Alle API-Tokens (kein Filter)</translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Filter: %1</translation>
    </message>
    <message numerus="yes">
        <source>except %Ln token(s) unchecked in the list</source>
        <translation>
            <numerusform>außer %Ln in der Liste nicht markiertem Token</numerusform>
            <numerusform>außer %Ln in der Liste nicht markierten Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke all %L1 API tokens of the list?</source>
        <translation>Alle %L1 API-Tokens der Liste widerrufen?</translation>
    </message>
    <message>
        <source>Revoke all %L1 API tokens that match the filter?</source>
        <translation>Alle %L1 API-Tokens widerrufen, die dem Filter entsprechen?</translation>
    </message>
    <message>
        <source>Scripts, integrations and plugins that use these tokens stop working at once: every request with them is refused. This cannot be undone. Tokens already revoked are skipped. If the list changes before you confirm, nothing is revoked and you are asked to look again.</source>
        <translation>Skripte, Integrationen und Plugins, die diese Tokens verwenden, funktionieren sofort nicht mehr: Jede Anfrage mit ihnen wird abgelehnt. Dies kann nicht rückgängig gemacht werden. Bereits widerrufene Tokens werden übersprungen. Ändert sich die Liste, bevor Sie bestätigen, wird nichts widerrufen und Sie werden gebeten, sie noch einmal anzusehen.</translation>
    </message>
    <message>
        <source>Delete all %L1 API tokens of the list?</source>
        <translation>Alle %L1 API-Tokens der Liste löschen?</translation>
    </message>
    <message>
        <source>Delete all %L1 API tokens that match the filter?</source>
        <translation>Alle %L1 API-Tokens löschen, die dem Filter entsprechen?</translation>
    </message>
    <message>
        <source>Revoked and expired tokens are removed from the list; the audit log keeps their history. Tokens that still work are skipped. This cannot be undone. If the list changes before you confirm, nothing is deleted and you are asked to look again.</source>
        <translation>Widerrufene und abgelaufene Tokens verschwinden aus der Liste; das Audit-Protokoll behält ihren Verlauf. Tokens, die noch funktionieren, werden übersprungen. Dies kann nicht rückgängig gemacht werden. Ändert sich die Liste, bevor Sie bestätigen, wird nichts gelöscht und Sie werden gebeten, sie noch einmal anzusehen.</translation>
    </message>
    <message>
        <source>Select the token whose secret you want to rotate.</source>
        <translation>Wählen Sie das Token aus, dessen Geheimnis Sie erneuern möchten.</translation>
    </message>
    <message>
        <source>Select only one token to rotate its secret.</source>
        <translation>Wählen Sie nur ein Token aus, um sein Geheimnis zu erneuern.</translation>
    </message>
</context>
<context>
    <name>TokenService</name>
    <message>
        <source>Unknown scope &quot;%1&quot; (known scopes: %2).</source>
        <translation>Unbekannter Bereich „%1“ (bekannte Bereiche: %2).</translation>
    </message>
    <message>
        <source>Choose at least one scope.</source>
        <translation>Wählen Sie mindestens einen Bereich.</translation>
    </message>
    <message>
        <source>The user type %1 does not grant the scope &quot;%2&quot;.</source>
        <translation>Der Benutzertyp %1 gewährt den Bereich „%2“ nicht.</translation>
    </message>
    <message>
        <source>Another live token of %1 is named &quot;%2&quot;; rename or revoke it first.</source>
        <translation>Ein anderes gültiges Token von %1 heißt „%2“; benennen Sie es zuerst um oder widerrufen Sie es.</translation>
    </message>
    <message>
        <source>%1 already has a token named &quot;%2&quot;; choose another name or revoke that token first.</source>
        <translation>%1 hat bereits ein Token namens „%2“; wählen Sie einen anderen Namen oder widerrufen Sie zuerst dieses Token.</translation>
    </message>
    <message>
        <source>Select the user the token acts for.</source>
        <translation>Wählen Sie den Benutzer, für den das Token handelt.</translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation>Es gibt keinen Benutzer „%1“.</translation>
    </message>
    <message>
        <source>The user %1 is disabled.</source>
        <translation>Der Benutzer %1 ist deaktiviert.</translation>
    </message>
    <message>
        <source>create tokens for other users</source>
        <translation>Tokens für andere Benutzer zu erstellen</translation>
    </message>
    <message>
        <source>create API tokens</source>
        <translation>API-Tokens zu erstellen</translation>
    </message>
    <message>
        <source>Only an administrator may bind a token to another department or user type.</source>
        <translation>Nur ein Administrator darf ein Token an eine andere Abteilung oder einen anderen Benutzertyp binden.</translation>
    </message>
    <message>
        <source>Choose an expiry date.</source>
        <translation>Wählen Sie ein Ablaufdatum.</translation>
    </message>
    <message>
        <source>The expiry date must be on or before 9999-12-31 (UTC).</source>
        <translation>Das Ablaufdatum muss am oder vor dem 31.12.9999 (UTC) liegen.</translation>
    </message>
    <message>
        <source>The expiry date must be in the future.</source>
        <translation>Das Ablaufdatum muss in der Zukunft liegen.</translation>
    </message>
    <message numerus="yes">
        <source>Tokens may live at most %n day(s) (store setting).</source>
        <translation>
            <numerusform>Tokens dürfen höchstens %n Tag gültig sein (Einstellung des Datenspeichers).</numerusform>
            <numerusform>Tokens dürfen höchstens %n Tage gültig sein (Einstellung des Datenspeichers).</numerusform>
        </translation>
    </message>
    <message>
        <source>The expiry is more than 12 months away; confirm that a token this long-lived is needed.</source>
        <translation>Das Ablaufdatum liegt mehr als 12 Monate in der Zukunft; bestätigen Sie, dass ein so langlebiges Token nötig ist.</translation>
    </message>
    <message>
        <source>token name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>There is no API token with id %1.</source>
        <translation>Es gibt kein API-Token mit der ID %1.</translation>
    </message>
    <message>
        <source>edit this token</source>
        <translation>dieses Token zu bearbeiten</translation>
    </message>
    <message>
        <source>The token &quot;%1&quot; is revoked; its scope can no longer change.</source>
        <translation>Das Token „%1“ ist widerrufen; sein Bereich kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>The token &quot;%1&quot; has expired; its scope can no longer change.</source>
        <translation>Das Token „%1“ ist abgelaufen; sein Bereich kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>No token was selected.</source>
        <translation>Es wurde kein Token ausgewählt.</translation>
    </message>
    <message>
        <source>revoke this token</source>
        <translation>dieses Token zu widerrufen</translation>
    </message>
    <message>
        <source>The token #%1 &quot;%2&quot; is already revoked.</source>
        <translation>Das Token #%1 „%2“ ist bereits widerrufen.</translation>
    </message>
    <message>
        <source>delete tokens</source>
        <translation>Tokens zu löschen</translation>
    </message>
    <message>
        <source>The token #%1 &quot;%2&quot; is still valid; revoke it before deleting it.</source>
        <translation>Das Token #%1 „%2“ ist noch gültig; widerrufen Sie es, bevor Sie es löschen.</translation>
    </message>
    <message>
        <source>see other users&apos; tokens</source>
        <translation>Tokens anderer Benutzer zu sehen</translation>
    </message>
    <message>
        <source>The user type %1 grants no API scope, so a personal token would be useless.</source>
        <translation>Der Benutzertyp %1 gewährt keinen API-Bereich; ein persönliches Token wäre also nutzlos.</translation>
    </message>
    <message>
        <source>The current access code is wrong.</source>
        <translation>Der aktuelle Zugriffscode ist falsch.</translation>
    </message>
    <message>
        <source>Your access code has expired; set a new access code to generate a token.</source>
        <translation>Ihr Zugriffscode ist abgelaufen; legen Sie einen neuen Zugriffscode fest, um ein Token zu generieren.</translation>
    </message>
    <message>
        <source>%1 has no access code yet: set a new access code first.</source>
        <translation>%1 hat noch keinen Zugriffscode: Legen Sie zuerst einen neuen Zugriffscode fest.</translation>
    </message>
    <message>
        <source>Only %1 can reset their own API token.</source>
        <translation>Nur %1 kann das eigene API-Token neu erzeugen.</translation>
    </message>
    <message>
        <source>reset your API token</source>
        <translation>Ihr API-Token neu zu erzeugen</translation>
    </message>
    <message>
        <source>This is not a TokenDesk token: %1</source>
        <translation>Dies ist kein TokenDesk-Token: %1</translation>
    </message>
    <message>
        <source>This is a mobile session token, not an API token: look for it on the Mobile Sessions page.</source>
        <translation>Dies ist das Token einer mobilen Sitzung, kein API-Token: Suchen Sie es auf der Seite „Angemeldete mobile Benutzer“.</translation>
    </message>
    <message>
        <source>This is a TokenDesk credential, but not an API token.</source>
        <translation>Dies ist ein TokenDesk-Zugangsnachweis, aber kein API-Token.</translation>
    </message>
    <message>
        <source>No API token you can see has this value. Its checksum is right, so it is a TokenDesk token: it was deleted, belongs to another store, or is not yours to see.</source>
        <translation>Kein für Sie sichtbares API-Token hat diesen Wert. Die Prüfsumme stimmt, es ist also ein TokenDesk-Token: Es wurde gelöscht, gehört zu einem anderen Datenspeicher oder ist für Sie nicht sichtbar.</translation>
    </message>
    <message>
        <source>The list changed: %L1 tokens match now; look again.</source>
        <translation>Die Liste hat sich geändert: Jetzt entsprechen %L1 Tokens dem Filter; sehen Sie sie noch einmal an.</translation>
    </message>
    <message>
        <source>revoke every token of a filter</source>
        <translation>jedes Token eines Filters zu widerrufen</translation>
    </message>
    <message>
        <source>Your user type does not allow you to rotate the tokens of other users.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, die Tokens anderer Benutzer zu erneuern.</translation>
    </message>
    <message>
        <source>The token &quot;%1&quot; is a personal token: its user renews it under Manage Tokens, behind their access code.</source>
        <translation>Das Token „%1“ ist ein persönliches Token: Sein Benutzer erneuert es unter „Tokens verwalten“, mit seinem Zugangscode.</translation>
    </message>
    <message>
        <source>The token &quot;%1&quot; is revoked; it can no longer be rotated.</source>
        <translation>Das Token „%1“ ist widerrufen; es kann nicht mehr erneuert werden.</translation>
    </message>
    <message>
        <source>The token &quot;%1&quot; has expired; it can no longer be rotated.</source>
        <translation>Das Token „%1“ ist abgelaufen; es kann nicht mehr erneuert werden.</translation>
    </message>
    <message>
        <source>The old secret can keep working for none, 1 hour, 1 day or 7 days (3600, 86400 or 604800 seconds), not %1 seconds.</source>
        <translation>Das alte Geheimnis kann keine Zeit, 1 Stunde, 1 Tag oder 7 Tage (3600, 86400 oder 604800 Sekunden) weiter gelten, nicht %1 Sekunden.</translation>
    </message>
    <message>
        <source>count every user&apos;s tokens per department and user</source>
        <translation>die Tokens aller Benutzer nach Abteilung und Benutzer zu zählen</translation>
    </message>
    <message>
        <source>Report %1: %2</source>
        <translation>Meldung %1: %2</translation>
    </message>
    <message>
        <source>&quot;token&quot; is longer than %1 characters.</source>
        <translation>„token“ ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is empty.</source>
        <translation>„%1“ ist leer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters.</source>
        <translation>„%1“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; contains a control character.</source>
        <translation>„%1“ enthält ein Steuerzeichen.</translation>
    </message>
</context>
<context>
    <name>TokenStatus</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
</context>
<context>
    <name>WebhookService</name>
    <message>
        <source>Choose at least one event.</source>
        <translation>Wählen Sie mindestens ein Ereignis.</translation>
    </message>
    <message>
        <source>Webhooks are sent by tokendesk-server and are managed when signed in to one.</source>
        <translation>Webhooks sendet tokendesk-server; sie werden verwaltet, wenn Sie an einem angemeldet sind.</translation>
    </message>
    <message>
        <source>Enter the URL the events are sent to.</source>
        <translation>Geben Sie die URL ein, an die die Ereignisse gesendet werden.</translation>
    </message>
    <message>
        <source>The URL is too long (at most %1 characters).</source>
        <translation>Die URL ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>The URL is not valid.</source>
        <translation>Die URL ist ungültig.</translation>
    </message>
    <message>
        <source>The URL must start with http:// or https://.</source>
        <translation>Die URL muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>The URL must name a host.</source>
        <translation>Die URL muss einen Host nennen.</translation>
    </message>
    <message>
        <source>The URL must not contain a user name or password; the signature authenticates the events.</source>
        <translation>Die URL darf keinen Benutzernamen und kein Passwort enthalten; die Signatur authentifiziert die Ereignisse.</translation>
    </message>
    <message>
        <source>The URL must not contain a fragment (#…).</source>
        <translation>Die URL darf kein Fragment (#…) enthalten.</translation>
    </message>
    <message>
        <source>There is no webhook #%1.</source>
        <translation>Es gibt keinen Webhook #%1.</translation>
    </message>
    <message>
        <source>There is no webhook delivery %1.</source>
        <translation>Es gibt keine Webhook-Zustellung %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an event. Events: %2.</source>
        <translation>„%1“ ist kein Ereignis. Ereignisse: %2.</translation>
    </message>
    <message>
        <source>manage webhooks</source>
        <translation>Webhooks zu verwalten</translation>
    </message>
    <message>
        <source>There is no delivery %1 of webhook #%2.</source>
        <translation>Es gibt keine Zustellung %1 von Webhook #%2.</translation>
    </message>
</context>
<context>
    <name>td::AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>The audit log is sorted by time; filter to narrow it down.</source>
        <translation>Das Audit-Protokoll ist nach Zeit sortiert; grenzen Sie es mit den Filtern ein.</translation>
    </message>
    <message>
        <source>Set up store</source>
        <translation>Datenspeicher eingerichtet</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmeldung</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>Benutzer angelegt</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Benutzer bearbeitet</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort festgelegt</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Benutzer deaktiviert</translation>
    </message>
    <message>
        <source>Enable user</source>
        <translation>Benutzer aktiviert</translation>
    </message>
    <message>
        <source>Create department</source>
        <translation>Abteilung angelegt</translation>
    </message>
    <message>
        <source>Rename department</source>
        <translation>Abteilung umbenannt</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>Abteilung gelöscht</translation>
    </message>
    <message>
        <source>Create user type</source>
        <translation>Benutzertyp angelegt</translation>
    </message>
    <message>
        <source>Change user type</source>
        <translation>Benutzertyp geändert</translation>
    </message>
    <message>
        <source>Delete user type</source>
        <translation>Benutzertyp gelöscht</translation>
    </message>
    <message>
        <source>Create API token</source>
        <translation>API-Token erstellt</translation>
    </message>
    <message>
        <source>Edit token scope</source>
        <translation>Token-Bereich bearbeitet</translation>
    </message>
    <message>
        <source>Revoke API token</source>
        <translation>API-Token widerrufen</translation>
    </message>
    <message>
        <source>Delete API token</source>
        <translation>API-Token gelöscht</translation>
    </message>
    <message>
        <source>Save and Generate</source>
        <translation>Speichern und generieren</translation>
    </message>
    <message>
        <source>Set access code</source>
        <translation>Zugriffscode festgelegt</translation>
    </message>
    <message>
        <source>Mobile sign-in</source>
        <translation>Mobile Anmeldung</translation>
    </message>
    <message>
        <source>Mobile sign-out</source>
        <translation>Mobile Abmeldung</translation>
    </message>
    <message>
        <source>Revoke mobile session</source>
        <translation>Mobile Sitzung widerrufen</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>Einstellungen geändert</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Verweigert</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Generate demo data</source>
        <translation>Demodaten erzeugt</translation>
    </message>
    <message>
        <source>Rotate API token</source>
        <translation>API-Token erneuern</translation>
    </message>
    <message>
        <source>Register webhook</source>
        <translation>Webhook registrieren</translation>
    </message>
    <message>
        <source>Change webhook</source>
        <translation>Webhook ändern</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Webhook löschen</translation>
    </message>
    <message>
        <source>Regenerate webhook secret</source>
        <translation>Webhook-Geheimnis neu erzeugen</translation>
    </message>
    <message>
        <source>Redeliver webhook event</source>
        <translation>Webhook-Ereignis erneut zustellen</translation>
    </message>
    <message>
        <source>Send webhook test event</source>
        <translation>Webhook-Testereignis senden</translation>
    </message>
</context>
<context>
    <name>td::AuditPage</name>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Actor, e.g. admin or cli:root</source>
        <translation>Akteur (admin, cli:root …)</translation>
    </message>
    <message>
        <source>The exact name of who acted: a user name, cli:&lt;system user&gt; for the command line, or a mobile user&apos;s name.</source>
        <translation>Der genaue Name des Handelnden: ein Benutzername, cli:&lt;Systembenutzer&gt; für die Befehlszeile oder der Name eines mobilen Benutzers.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Von Datum</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation>Bis Datum (einschließlich)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search target and details</source>
        <translation>Ziel und Details durchsuchen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <source>Selected entry</source>
        <translation>Ausgewählter Eintrag</translation>
    </message>
    <message>
        <source>Select an entry to see it in full.</source>
        <translation>Wählen Sie einen Eintrag, um ihn vollständig zu sehen.</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <source>Your user type does not allow you to read the audit log.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, das Audit-Protokoll zu lesen.</translation>
    </message>
    <message>
        <source>The &quot;To&quot; date is before the &quot;From&quot; date.</source>
        <translation>Das „Bis“-Datum liegt vor dem „Von“-Datum.</translation>
    </message>
    <message>
        <source>%1 — %2
Actor: %3 (from %4)
Action: %5 (%6)
Target: %7
Outcome: %8
Details: %9</source>
        <translation>%1 — %2
Akteur: %3 (von %4)
Aktion: %5 (%6)
Ziel: %7
Ergebnis: %8
Details: %9</translation>
    </message>
    <message>
        <source>unknown address</source>
        <translation>unbekannte Adresse</translation>
    </message>
    <message>
        <source>No entries match the filter.</source>
        <translation>Keine Einträge entsprechen dem Filter.</translation>
    </message>
    <message>
        <source>The audit log cannot be changed.</source>
        <translation>Das Audit-Protokoll kann nicht geändert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries match the filter</source>
        <translation>
            <numerusform>%n Eintrag entspricht dem Filter</numerusform>
            <numerusform>%n Einträge entsprechen dem Filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Audit Log</source>
        <translation>Audit-Protokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>Audit-Protokoll wird exportiert …</translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to %1.</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert.</numerusform>
            <numerusform>%n Einträge nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>This export reads the local store; through a server use Export.</source>
        <translation>Dieser Export liest den lokalen Datenspeicher; über einen Server verwenden Sie „Exportieren“.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Verweigert</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>td::BarChart</name>
    <message>
        <source>%1: %2</source>
        <extracomment>A bar of a chart and its value: &quot;Android: 2&quot;</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No figures.</source>
        <translation>Keine Zahlen.</translation>
    </message>
</context>
<context>
    <name>td::CertificateDialog</name>
    <message>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Do you trust the certificate of %1?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;This computer does not know who issued it (it may be self-signed). Compare its fingerprint with the one your administrator gave you. Trust it only if they match: TokenDesk will then accept this certificate, and only this one, from this server.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Vertrauen Sie dem Zertifikat von %1?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Dieser Computer kennt seinen Aussteller nicht (es kann selbstsigniert sein). Vergleichen Sie seinen Fingerabdruck mit dem, den Ihnen Ihr Administrator gegeben hat. Vertrauen Sie ihm nur, wenn beide übereinstimmen: TokenDesk nimmt dann dieses Zertifikat, und nur dieses, von diesem Server an.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>Ausgestellt für</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Ausgestellt von</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>&amp;Trust and Connect</source>
        <translation>&amp;Vertrauen und verbinden</translation>
    </message>
</context>
<context>
    <name>td::ChartPanel</name>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Show the figures as a table</source>
        <translation>Die Zahlen als Tabelle zeigen</translation>
    </message>
    <message>
        <source>Show the figures as a chart</source>
        <translation>Die Zahlen als Diagramm zeigen</translation>
    </message>
    <message>
        <source>Show “%1” as a table</source>
        <translation>„%1“ als Tabelle zeigen</translation>
    </message>
</context>
<context>
    <name>td::CheckHeaderView</name>
    <message>
        <source>Uncheck All</source>
        <translation>Alle Markierungen aufheben</translation>
    </message>
    <message>
        <source>Check All Rows of the Filter</source>
        <translation>Alle Zeilen des Filters markieren</translation>
    </message>
</context>
<context>
    <name>td::ConfirmDialog</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::ConsoleApp</name>
    <message>
        <source>Cause: there is no TokenDesk store there.</source>
        <translation>Ursache: Dort gibt es keinen TokenDesk-Datenspeicher.</translation>
    </message>
    <message>
        <source>Cause: another program holds the database locked.</source>
        <translation>Ursache: Ein anderes Programm hält die Datenbank gesperrt.</translation>
    </message>
    <message>
        <source>Cause: the database is read-only (the file, its folder or the account may not write).</source>
        <translation>Ursache: Die Datenbank ist schreibgeschützt (die Datei, ihr Ordner oder das Konto hat keine Schreibrechte).</translation>
    </message>
    <message>
        <source>Cause: the file is damaged or is not a TokenDesk store.</source>
        <translation>Ursache: Die Datei ist beschädigt oder kein TokenDesk-Datenspeicher.</translation>
    </message>
    <message>
        <source>Cause: it was written by a newer TokenDesk.</source>
        <translation>Ursache: Er wurde von einem neueren TokenDesk geschrieben.</translation>
    </message>
    <message>
        <source>Cause: an unexpected error.</source>
        <translation>Ursache: ein unerwarteter Fehler.</translation>
    </message>
    <message>
        <source>TokenDesk cannot open the store %1.</source>
        <translation>TokenDesk kann den Datenspeicher %1 nicht öffnen.</translation>
    </message>
    <message>
        <source>No TokenDesk store</source>
        <translation>Kein TokenDesk-Datenspeicher</translation>
    </message>
    <message>
        <source>There is no TokenDesk store at %1.</source>
        <translation>Unter %1 gibt es keinen TokenDesk-Datenspeicher.</translation>
    </message>
    <message>
        <source>Create a new, empty store there? Choose Cancel if the path is mistyped.</source>
        <translation>Dort einen neuen, leeren Datenspeicher anlegen? Wählen Sie „Abbrechen“, wenn der Pfad falsch geschrieben ist.</translation>
    </message>
    <message>
        <source>Create New Store…</source>
        <translation>Neuen Datenspeicher anlegen …</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Cannot open the TokenDesk store</source>
        <translation>TokenDesk-Datenspeicher kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Cause: the database cannot be reached, read or written.</source>
        <translation>Ursache: Die Datenbank ist nicht erreichbar, nicht lesbar oder nicht beschreibbar.</translation>
    </message>
    <message>
        <source>Your sign-in ended (it was not used for 8 hours, is a week old, or was ended). Sign in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen (8 Stunden nicht benutzt, eine Woche alt oder beendet). Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server ended your sign-in (an administrator ended it, or it expired). Sign in again.</source>
        <translation>Der Server hat Ihre Anmeldung beendet (ein Administrator hat sie beendet, oder sie ist abgelaufen). Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>This console used the shared store %1.</source>
        <translation>Diese Konsole hat den gemeinsamen Datenspeicher %1 verwendet.</translation>
    </message>
</context>
<context>
    <name>td::ConsoleSignInsDialog</name>
    <message>
        <source>Console Sign-ins of “%1”</source>
        <translation>Konsolen-Anmeldungen von „%1“</translation>
    </message>
    <message>
        <source>Each console signed in to a TokenDesk server as %1. Ending a sign-in makes that console ask for the password again at its next request; the password itself does not change.</source>
        <translation>Jede Konsole, die als %1 bei einem TokenDesk-Server angemeldet ist. Wird eine Anmeldung beendet, fragt diese Konsole bei ihrer nächsten Anfrage erneut nach dem Passwort; das Passwort selbst ändert sich nicht.</translation>
    </message>
    <message>
        <source>Console sign-ins</source>
        <translation>Konsolen-Anmeldungen</translation>
    </message>
    <message>
        <source>Signed In</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Last Used</source>
        <translation>Zuletzt benutzt</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;End Sign-in</source>
        <translation>Anmeldung &amp;beenden</translation>
    </message>
    <message>
        <source>Ended %1 by %2</source>
        <translation>Beendet am %1 von %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 has no console sign-ins.</source>
        <translation>%1 hat keine Konsolen-Anmeldungen.</translation>
    </message>
    <message>
        <source>Select an active sign-in first.</source>
        <translation>Wählen Sie zuerst eine aktive Anmeldung aus.</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Active (this console)</source>
        <translation>Aktiv (diese Konsole)</translation>
    </message>
</context>
<context>
    <name>td::CreateTokenDialog</name>
    <message>
        <source>Create API Token</source>
        <translation>API-Token erstellen</translation>
    </message>
    <message>
        <source>Token Name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>e.g. ci-deploy</source>
        <translation>z. B. ci-deploy</translation>
    </message>
    <message>
        <source>Token &amp;Name:</source>
        <translation>Token-&amp;Name:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Optional: what the token is for and where it is kept</source>
        <translation>Optional: wofür das Token dient und wo es aufbewahrt wird</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Select User</source>
        <translation>Benutzer auswählen</translation>
    </message>
    <message>
        <source>Type to search users</source>
        <translation>Tippen, um Benutzer zu suchen</translation>
    </message>
    <message>
        <source>Your user type lets you create tokens only for yourself.</source>
        <translation>Mit Ihrem Benutzertyp können Sie Tokens nur für sich selbst erstellen.</translation>
    </message>
    <message>
        <source>Select &amp;User:</source>
        <translation>Ben&amp;utzer auswählen:</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>Only an administrator may bind a token to another department or user type.</source>
        <translation>Nur ein Administrator darf ein Token an eine andere Abteilung oder einen anderen Benutzertyp binden.</translation>
    </message>
    <message>
        <source>Department &amp;&amp; User &amp;Type:</source>
        <translation>Abteilung &amp;&amp; Benutzer&amp;typ:</translation>
    </message>
    <message>
        <source>To guarantee data security, grant the token only the minimal permissions the integration needs: every scope you add is something a leaked token could do.</source>
        <translation>Gewähren Sie dem Token zum Schutz Ihrer Daten nur die Berechtigungen, die die Integration mindestens braucht: Jeder Bereich, den Sie hinzufügen, ist etwas, das ein abhandengekommenes Token tun könnte.</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>Be&amp;reich:</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>60 days</source>
        <translation>60 Tage</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6 Monate</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <source>Choose a date…</source>
        <translation>Datum wählen …</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <source>&amp;Expiry Date:</source>
        <translation>&amp;Ablaufdatum:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Expires %1.</source>
        <translation>Läuft ab am %1.</translation>
    </message>
    <message>
        <source>That is more than 12 months away; we suggest no longer than 12 months for any single token. You will be asked to confirm.</source>
        <translation>Das ist mehr als 12 Monate entfernt; wir empfehlen für jedes einzelne Token höchstens 12 Monate. Sie werden um Bestätigung gebeten.</translation>
    </message>
    <message>
        <source>Create a long-lived token?</source>
        <translation>Ein langlebiges Token erstellen?</translation>
    </message>
    <message>
        <source>The token “%1” would stay valid until %2, more than 12 months from now.</source>
        <translation>Das Token „%1“ bliebe bis %2 gültig, also mehr als 12 Monate.</translation>
    </message>
    <message>
        <source>We suggest no longer than 12 months for any single token: the longer a token lives, the more likely it leaks. Create it anyway?</source>
        <translation>Wir empfehlen für jedes einzelne Token höchstens 12 Monate: Je länger ein Token gültig ist, desto wahrscheinlicher gerät es in falsche Hände. Trotzdem erstellen?</translation>
    </message>
    <message>
        <source>Create Anyway</source>
        <translation>Trotzdem erstellen</translation>
    </message>
</context>
<context>
    <name>td::CredentialVault</name>
    <message>
        <source>The keychain of this computer is locked or refused access, so TokenDesk cannot remember passwords. Unlock the keychain and start TokenDesk again.</source>
        <translation>Der Schlüsselbund dieses Computers ist gesperrt oder hat den Zugriff verweigert, daher kann TokenDesk keine Passwörter speichern. Entsperren Sie den Schlüsselbund und starten Sie TokenDesk erneut.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer (no Secret Service such as GNOME Keyring or KWallet is running), so TokenDesk cannot remember passwords. Signing in works as usual.</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (kein Secret Service wie GNOME Keyring oder KWallet läuft), daher kann TokenDesk keine Passwörter speichern. Die Anmeldung funktioniert wie gewohnt.</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry.</source>
        <translation>Der Schlüsselbund konnte den Eintrag nicht löschen.</translation>
    </message>
</context>
<context>
    <name>td::CsvExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>td::DeleteDepartmentCommand</name>
    <message>
        <source>Delete department?</source>
        <translation>Abteilung löschen?</translation>
    </message>
    <message>
        <source>Delete the department &quot;%1&quot;?</source>
        <translation>Die Abteilung „%1“ löschen?</translation>
    </message>
    <message>
        <source>Only a department without users and tokens can be deleted.</source>
        <translation>Nur eine Abteilung ohne Benutzer und Tokens kann gelöscht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>td::DeleteUserTypeCommand</name>
    <message>
        <source>Delete user type?</source>
        <translation>Benutzertyp löschen?</translation>
    </message>
    <message>
        <source>Delete the user type &quot;%1&quot;?</source>
        <translation>Den Benutzertyp „%1“ löschen?</translation>
    </message>
    <message>
        <source>Only a user type that no user and no token uses can be deleted.</source>
        <translation>Nur ein Benutzertyp, den kein Benutzer und kein Token verwendet, kann gelöscht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>td::DepartmentsPanel</name>
    <message>
        <source>Your user type does not allow you to create, rename or delete departments.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Abteilungen anzulegen, umzubenennen oder zu löschen.</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Abteilungen</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>New department name</source>
        <translation>Name der neuen Abteilung</translation>
    </message>
    <message>
        <source>&amp;Add Department</source>
        <translation>Abteilung &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete Department…</source>
        <translation>Abteilung &amp;löschen …</translation>
    </message>
    <message numerus="yes">
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n Abteilung</numerusform>
            <numerusform>%n Abteilungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click or press F2 to rename.</source>
        <translation>Zum Umbenennen doppelklicken oder F2 drücken.</translation>
    </message>
    <message>
        <source>Select a department first.</source>
        <translation>Wählen Sie zuerst eine Abteilung.</translation>
    </message>
    <message>
        <source>Only a department without users can be deleted.</source>
        <translation>Nur eine Abteilung ohne Benutzer kann gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>td::DisableUserCommand</name>
    <message numerus="yes">
        <source>%n API token(s)</source>
        <translation>
            <numerusform>%n API-Token</numerusform>
            <numerusform>%n API-Tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mobile session(s)</source>
        <translation>
            <numerusform>%n mobile Sitzung</numerusform>
            <numerusform>%n mobile Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Disable user?</source>
        <translation>Benutzer deaktivieren?</translation>
    </message>
    <message>
        <source>Disable %1?</source>
        <translation>%1 deaktivieren?</translation>
    </message>
    <message>
        <source>This revokes %1 and %2 of %3 at once: scripts, uploader accounts and mobile apps using them stop working. %3 can no longer sign in. You can enable the account again later, but revoked tokens stay revoked.</source>
        <translation>Dadurch werden %1 und %2 von %3 sofort widerrufen: Skripte, Uploader-Konten und mobile Apps, die sie verwenden, funktionieren nicht mehr. %3 kann sich nicht mehr anmelden. Sie können das Konto später wieder aktivieren, widerrufene Tokens bleiben aber widerrufen.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
</context>
<context>
    <name>td::EditScopeDialog</name>
    <message>
        <source>Edit Access Token</source>
        <translation>API-Token bearbeiten</translation>
    </message>
    <message>
        <source>You can edit only the scope of the token.</source>
        <translation>Sie können nur den Bereich des Tokens bearbeiten.</translation>
    </message>
    <message>
        <source>Token Name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Associated User</source>
        <translation>Zugeordneter Benutzer</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Save Changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Choose at least one scope.</source>
        <translation>Wählen Sie mindestens einen Bereich.</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>Noch nichts geändert.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The scope of “%1” was changed successfully.</source>
        <translation>Der Bereich von „%1“ wurde erfolgreich geändert.</translation>
    </message>
</context>
<context>
    <name>td::ExpiryWatch</name>
    <message numerus="yes">
        <source>%n of your tokens and your access code expire this week</source>
        <translation>
            <numerusform>%n Ihrer Tokens und Ihr Zugriffscode laufen diese Woche ab</numerusform>
            <numerusform>%n Ihrer Tokens und Ihr Zugriffscode laufen diese Woche ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your tokens expire this week</source>
        <translation>
            <numerusform>%n Ihrer Tokens läuft diese Woche ab</numerusform>
            <numerusform>%n Ihrer Tokens laufen diese Woche ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Your access code expires this week</source>
        <translation>Ihr Zugriffscode läuft diese Woche ab</translation>
    </message>
    <message>
        <source>API token “%1” (%2) expires on %3</source>
        <translation>API-Token „%1“ (%2) läuft am %3 ab</translation>
    </message>
</context>
<context>
    <name>td::FirstRunWizard</name>
    <message>
        <source>Set up TokenDesk</source>
        <translation>TokenDesk einrichten</translation>
    </message>
    <message>
        <source>&amp;Create Store</source>
        <translation>Datenspeicher &amp;anlegen</translation>
    </message>
    <message>
        <source>Where TokenDesk keeps its data</source>
        <translation>Wo TokenDesk seine Daten ablegt</translation>
    </message>
    <message>
        <source>This is the first start: there is no TokenDesk store yet.</source>
        <translation>Dies ist der erste Start: Es gibt noch keinen TokenDesk-Datenspeicher.</translation>
    </message>
    <message>
        <source>TokenDesk keeps users, API tokens, mobile sessions and the audit log in one store. Choose where it lives.</source>
        <translation>TokenDesk legt Benutzer, API-Tokens, mobile Sitzungen und das Audit-Protokoll in einem Datenspeicher ab. Wählen Sie, wo er liegen soll.</translation>
    </message>
    <message>
        <source>The first administrator</source>
        <translation>Der erste Administrator</translation>
    </message>
    <message>
        <source>This account can create the other users, their departments and user types.</source>
        <translation>Dieses Konto kann die weiteren Benutzer, ihre Abteilungen und Benutzertypen anlegen.</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>First department</source>
        <translation>Erste Abteilung</translation>
    </message>
    <message>
        <source>First &amp;department:</source>
        <translation>Erste &amp;Abteilung:</translation>
    </message>
    <message>
        <source>Administrator username</source>
        <translation>Benutzername des Administrators</translation>
    </message>
    <message>
        <source>e.g. admin</source>
        <translation>z. B. admin</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>At least %1 characters; not the username.</source>
        <translation>Mindestens %1 Zeichen; nicht der Benutzername.</translation>
    </message>
    <message>
        <source>Repeat the password.</source>
        <translation>Wiederholen Sie das Passwort.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>The password is fine.</source>
        <translation>Das Passwort ist in Ordnung.</translation>
    </message>
    <message>
        <source>Store already set up</source>
        <translation>Datenspeicher bereits eingerichtet</translation>
    </message>
    <message>
        <source>The store %1 is already set up.</source>
        <translation>Der Datenspeicher %1 ist bereits eingerichtet.</translation>
    </message>
    <message>
        <source>Sign in with your TokenDesk account.</source>
        <translation>Melden Sie sich mit Ihrem TokenDesk-Konto an.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Server a&amp;ddress:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>A &amp;local store on this computer (an SQLite file)</source>
        <translation>Ein &amp;lokaler Datenspeicher auf diesem Computer (SQLite-Datei)</translation>
    </message>
    <message>
        <source>&amp;Connect to a TokenDesk server (shared by a team)</source>
        <translation>Mit einem TokenDesk-Server &amp;verbinden (für ein Team)</translation>
    </message>
    <message>
        <source>The server keeps the store and decides what each user may do; you sign in with your TokenDesk user name next.</source>
        <translation>Der Server verwaltet den Datenspeicher und entscheidet, was jeder Benutzer darf; danach melden Sie sich mit Ihrem TokenDesk-Benutzernamen an.</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>Verb&amp;inden</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose another file for the local store</source>
        <translation>Eine andere Datei für den lokalen Datenspeicher wählen</translation>
    </message>
    <message>
        <source>Local Store File</source>
        <translation>Datei des lokalen Datenspeichers</translation>
    </message>
    <message>
        <source>TokenDesk stores (*.sqlite *.db);;All files (*)</source>
        <translation>TokenDesk-Datenspeicher (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>td::GenerateTokenCommand</name>
    <message>
        <source>Generate a new API token?</source>
        <translation>Ein neues API-Token generieren?</translation>
    </message>
    <message>
        <source>Generate your API token?</source>
        <translation>Ihr API-Token generieren?</translation>
    </message>
    <message>
        <source>Your current API token %1 stops working at once.</source>
        <translation>Ihr aktuelles API-Token %1 funktioniert dann sofort nicht mehr.</translation>
    </message>
    <message>
        <source>Uploader accounts and scripts that use it must be given the new token. Under most circumstances you should not generate a new API token if one already exists.</source>
        <translation>Uploader-Konten und Skripte, die es verwenden, müssen das neue Token erhalten. In den meisten Fällen sollten Sie kein neues API-Token generieren, wenn bereits eines existiert.</translation>
    </message>
    <message>
        <source>Save and Generate</source>
        <translation>Speichern und generieren</translation>
    </message>
</context>
<context>
    <name>td::HttpBackend</name>
    <message>
        <source>The server&apos;s export has no header.</source>
        <translation>Dem Export des Servers fehlt die Kopfzeile.</translation>
    </message>
    <message>
        <source>the field &quot;secret&quot; of a new token is missing</source>
        <translation>das Feld &quot;secret&quot; eines neuen Tokens fehlt</translation>
    </message>
    <message>
        <source>the sign-in answered no console credential</source>
        <translation>die Anmeldung hat keine Konsolen-Anmeldeinformation geliefert</translation>
    </message>
    <message>
        <source>the field &quot;permissions&quot; must be an array</source>
        <translation>das Feld &quot;permissions&quot; muss ein Array sein</translation>
    </message>
    <message>
        <source>the field &quot;secret&quot; of a webhook is missing</source>
        <translation>das Feld „secret“ eines Webhooks fehlt</translation>
    </message>
</context>
<context>
    <name>td::InspectTokenDialog</name>
    <message>
        <source>API Token “%1”</source>
        <translation>API-Token „%1“</translation>
    </message>
    <message>
        <source>Token Name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>API Token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>The token itself was shown once, when it was created; TokenDesk keeps only a hash of it. A lost token cannot be recovered: revoke it and create a new one.</source>
        <translation>Das Token selbst wurde nur einmal angezeigt, bei seiner Erstellung; TokenDesk speichert nur einen Hash davon. Ein verlorenes Token lässt sich nicht wiederherstellen: Widerrufen Sie es und erstellen Sie ein neues.</translation>
    </message>
    <message>
        <source>Tenant Id</source>
        <translation>Mandanten-ID</translation>
    </message>
    <message>
        <source>(unknown: %1)</source>
        <translation>(unbekannt: %1)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Send the token as a bearer token in the Authorization header of every request to the TokenDesk API. This call answers whom the token acts for and what it may do:</source>
        <translation>Senden Sie das Token als Bearer-Token im Authorization-Header jeder Anfrage an die TokenDesk-API. Dieser Aufruf zeigt, für wen das Token handelt und was es darf:</translation>
    </message>
    <message>
        <source>Example request</source>
        <translation>Beispielanfrage</translation>
    </message>
    <message>
        <source>Copy Example</source>
        <translation>Beispiel kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Description of Use:</source>
        <translation>Verwendungszweck:</translation>
    </message>
    <message>
        <source>Expiry Date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <source>Associated User</source>
        <translation>Zugeordneter Benutzer</translation>
    </message>
    <message>
        <source>Department and User Type</source>
        <translation>Abteilung und Benutzertyp</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Last Used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>%1 — %2 by %3</source>
        <translation>%1 — %2 von %3</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Personal token (made with Save and Generate in Manage Tokens)</source>
        <translation>Persönliches Token (erzeugt mit „Speichern und generieren“ unter „Tokens verwalten“)</translation>
    </message>
    <message>
        <source>%1 — not in effect: the user type %2 does not grant it</source>
        <translation>%1 — nicht wirksam: der Benutzertyp %2 gewährt ihn nicht</translation>
    </message>
    <message>
        <source>In Effect</source>
        <translation>Wirksam</translation>
    </message>
    <message>
        <source>No scope: the token can do nothing now.</source>
        <translation>Kein Bereich: Das Token kann derzeit nichts.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Secret Rotated</source>
        <translation>Geheimnis erneuert</translation>
    </message>
    <message>
        <source>Previous Secret</source>
        <translation>Vorheriges Geheimnis</translation>
    </message>
    <message>
        <source>%1 — still works until %2</source>
        <translation>%1 — gilt noch bis %2</translation>
    </message>
    <message>
        <source>%1 — stopped working %2</source>
        <translation>%1 — gilt nicht mehr seit %2</translation>
    </message>
</context>
<context>
    <name>td::MainWindow</name>
    <message>
        <source>TokenDesk</source>
        <translation>TokenDesk</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu …</translation>
    </message>
    <message>
        <source>&amp;Edit Scope…</source>
        <translation>Bereich &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen …</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Inspect…</source>
        <translation>&amp;Details …</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Manage Tokens…</source>
        <translation>Tokens &amp;verwalten …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About TokenDesk</source>
        <translation>&amp;Über TokenDesk</translation>
    </message>
    <message>
        <source>About TokenDesk</source>
        <translation>Über TokenDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;TokenDesk&lt;/b&gt; %1&lt;br&gt;Administration of API tokens and mobile sessions.</source>
        <translation>&lt;b&gt;TokenDesk&lt;/b&gt; %1&lt;br&gt;Verwaltung von API-Tokens und mobilen Sitzungen.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Find Token by &amp;Value…</source>
        <translation>Token nach &amp;Wert suchen …</translation>
    </message>
    <message>
        <source>Which API token is this? Paste a whole token to see its name, user and status.</source>
        <translation>Welches API-Token ist das? Fügen Sie ein vollständiges Token ein, um Name, Benutzer und Status zu sehen.</translation>
    </message>
    <message>
        <source>Find Token by Value</source>
        <translation>Token nach Wert suchen</translation>
    </message>
    <message>
        <source>Paste the whole API token (tdk_…). TokenDesk checks its checksum and looks up its hash; the value is not kept.</source>
        <translation>Fügen Sie das vollständige API-Token ein (tdk_…). TokenDesk prüft die Prüfsumme und sucht seinen Hash; der Wert wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Signed in as %1 at %2</source>
        <translation>Angemeldet als %1 bei %2</translation>
    </message>
    <message>
        <source>TokenDesk — %1</source>
        <translation>TokenDesk — %1</translation>
    </message>
    <message>
        <source>R&amp;otate Secret…</source>
        <translation>Geheimnis &amp;erneuern…</translation>
    </message>
    <message>
        <source>A new secret for the selected API token; the old one can keep working for a while.</source>
        <translation>Ein neues Geheimnis für das ausgewählte API-Token; das alte kann noch eine Weile gelten.</translation>
    </message>
    <message>
        <source>Expiry notice</source>
        <translation>Ablaufhinweis</translation>
    </message>
    <message>
        <source>Show &amp;My Tokens</source>
        <translation>&amp;Meine Tokens anzeigen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss the expiry notice</source>
        <translation>Den Ablaufhinweis ausblenden</translation>
    </message>
    <message>
        <source>&amp;Webhooks…</source>
        <translation>&amp;Webhooks …</translation>
    </message>
    <message>
        <source>The URLs tokendesk-server sends token and session events to (administrators)</source>
        <translation>Die URLs, an die tokendesk-server Token- und Sitzungsereignisse sendet (Administratoren)</translation>
    </message>
</context>
<context>
    <name>td::ManageTokensDialog</name>
    <message>
        <source>A new API token is generated and your previous token no longer works.
• Use the new API token to reactivate the uploader accounts that are configured with your previous token: enter it in the account&apos;s Password field, then click Update.
• Use the new API token with scripts or code that access the Web services API with your previous token.</source>
        <translation>Ein neues API-Token wird generiert, und Ihr bisheriges Token funktioniert nicht mehr.
• Reaktivieren Sie mit dem neuen API-Token die Uploader-Konten, die mit Ihrem bisherigen Token eingerichtet sind: Geben Sie es im Feld „Passwort“ des Kontos ein und klicken Sie auf „Aktualisieren“.
• Verwenden Sie das neue API-Token in Skripten oder Programmen, die bisher mit Ihrem alten Token auf die Webservice-API zugreifen.</translation>
    </message>
    <message>
        <source>Manage Tokens</source>
        <translation>Tokens verwalten</translation>
    </message>
    <message>
        <source>Your personal API token is used by scripts and uploader accounts to access the Web services API. The access code is the password of the mobile app and of scripts, and you need it to generate a new API token.</source>
        <translation>Ihr persönliches API-Token wird von Skripten und Uploader-Konten für den Zugriff auf die Webservice-API verwendet. Der Zugriffscode ist das Passwort der mobilen App und von Skripten; Sie brauchen ihn, um ein neues API-Token zu generieren.</translation>
    </message>
    <message>
        <source>API Token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Token status</source>
        <translation>Token-Status</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Last used:</source>
        <translation>Zuletzt verwendet:</translation>
    </message>
    <message>
        <source>Access Code</source>
        <translation>Zugriffscode</translation>
    </message>
    <message>
        <source>Access code status</source>
        <translation>Status des Zugriffscodes</translation>
    </message>
    <message>
        <source>Access code expires</source>
        <translation>Zugriffscode läuft ab</translation>
    </message>
    <message>
        <source>Set &amp;New Access Code</source>
        <translation>&amp;Neuen Zugriffscode festlegen</translation>
    </message>
    <message>
        <source>New Access Code</source>
        <translation>Neuer Zugriffscode</translation>
    </message>
    <message>
        <source>New Access code</source>
        <translation>Neuer Zugriffscode</translation>
    </message>
    <message>
        <source>New &amp;Access code:</source>
        <translation>Neuer &amp;Zugriffscode:</translation>
    </message>
    <message>
        <source>Repeat the new access code</source>
        <translation>Neuen Zugriffscode wiederholen</translation>
    </message>
    <message>
        <source>&amp;Repeat access code:</source>
        <translation>Zugriffscode &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Access code Age</source>
        <translation>Gültigkeit des Zugriffscodes</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Access code A&amp;ge:</source>
        <translation>&amp;Gültigkeit des Zugriffscodes:</translation>
    </message>
    <message>
        <source>Current access code</source>
        <translation>Aktueller Zugriffscode</translation>
    </message>
    <message>
        <source>&amp;Current access code:</source>
        <translation>&amp;Aktueller Zugriffscode:</translation>
    </message>
    <message>
        <source>&lt;b&gt;IMPORTANT!&lt;/b&gt; The API token is like a password. When you generate a token, it is similar to resetting a password: the previous token stops working at once, and uploader accounts and scripts that use it are locked out until they are given the new one.</source>
        <translation>&lt;b&gt;WICHTIG!&lt;/b&gt; Das API-Token ist wie ein Passwort. Ein neues Token zu generieren ist wie das Zurücksetzen eines Passworts: Das bisherige Token funktioniert sofort nicht mehr, und Uploader-Konten und Skripte, die es verwenden, sind gesperrt, bis sie das neue erhalten.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to set your access code or reset your API token. Ask an administrator if you need to.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Ihren Zugriffscode festzulegen oder Ihr API-Token neu zu erzeugen. Wenden Sie sich bei Bedarf an einen Administrator.</translation>
    </message>
    <message>
        <source>&amp;Save and Generate</source>
        <translation>&amp;Speichern und generieren</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>You have no personal API token yet.</source>
        <translation>Sie haben noch kein persönliches API-Token.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Set on %1</source>
        <translation>Festgelegt am %1</translation>
    </message>
    <message>
        <source>Expired on %1</source>
        <translation>Abgelaufen am %1</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Your user type does not allow you to set your access code or reset your API token.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Ihren Zugriffscode festzulegen oder Ihr API-Token neu zu erzeugen.</translation>
    </message>
    <message>
        <source>The access code must contain at least %1 characters. The maximum length of the access code is %2 characters.</source>
        <translation>Der Zugriffscode muss mindestens %1 Zeichen enthalten. Er darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message numerus="yes">
        <source>(%n character(s) typed)</source>
        <translation>
            <numerusform>(%n Zeichen eingegeben)</numerusform>
            <numerusform>(%n Zeichen eingegeben)</numerusform>
        </translation>
    </message>
    <message>
        <source>Repeat the new access code.</source>
        <translation>Wiederholen Sie den neuen Zugriffscode.</translation>
    </message>
    <message>
        <source>The two access codes differ.</source>
        <translation>Die beiden Zugriffscodes stimmen nicht überein.</translation>
    </message>
    <message numerus="yes">
        <source>The new access code is fine (%n character(s)).</source>
        <translation>
            <numerusform>Der neue Zugriffscode ist in Ordnung (%n Zeichen).</numerusform>
            <numerusform>Der neue Zugriffscode ist in Ordnung (%n Zeichen).</numerusform>
        </translation>
    </message>
    <message>
        <source>You need a new access code before you can generate a token.</source>
        <translation>Sie brauchen einen neuen Zugriffscode, bevor Sie ein Token generieren können.</translation>
    </message>
    <message>
        <source>Your account could not be read.</source>
        <translation>Ihr Konto konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Too many failed attempts: wait until the time shown.</source>
        <translation>Zu viele Fehlversuche: Warten Sie bis zur angezeigten Uhrzeit.</translation>
    </message>
    <message>
        <source>Set a new access code first.</source>
        <translation>Legen Sie zuerst einen neuen Zugriffscode fest.</translation>
    </message>
    <message>
        <source>Enter a valid new access code twice.</source>
        <translation>Geben Sie zweimal einen gültigen neuen Zugriffscode ein.</translation>
    </message>
    <message>
        <source>Enter your current access code.</source>
        <translation>Geben Sie Ihren aktuellen Zugriffscode ein.</translation>
    </message>
    <message>
        <source>%1 Try again at %2.</source>
        <translation>%1 Versuchen Sie es um %2 erneut.</translation>
    </message>
    <message>
        <source>New API token generated</source>
        <translation>Neues API-Token generiert</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Ihr Passwort</translation>
    </message>
    <message>
        <source>Your &amp;password:</source>
        <translation>Ihr &amp;Passwort:</translation>
    </message>
    <message>
        <source>Enter your password to set a new access code.</source>
        <translation>Geben Sie Ihr Passwort ein, um einen neuen Zugriffscode festzulegen.</translation>
    </message>
    <message>
        <source>Your API token is generated.
• Enter it in the Password field of the uploader accounts you set up, then click Update.
• Use it with scripts or code that access the Web services API.</source>
        <translation>Ihr API-Token ist generiert.
• Geben Sie es im Feld „Passwort“ der Uploader-Konten ein, die Sie einrichten, und klicken Sie auf „Aktualisieren“.
• Verwenden Sie es in Skripten oder Programmen, die auf die Webservice-API zugreifen.</translation>
    </message>
</context>
<context>
    <name>td::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>API tokens expiring per week</source>
        <translation>Ablaufende API-Token je Woche</translation>
    </message>
    <message>
        <source>API requests per day</source>
        <translation>API-Anfragen je Tag</translation>
    </message>
    <message>
        <source>Active mobile sessions per platform</source>
        <translation>Aktive mobile Sitzungen je Plattform</translation>
    </message>
    <message>
        <source>Failed sign-ins per day</source>
        <translation>Fehlgeschlagene Anmeldungen je Tag</translation>
    </message>
    <message numerus="yes">
        <source>%n API token(s) expire in the next 12 weeks</source>
        <translation>
            <numerusform>%n API-Token läuft in den nächsten 12 Wochen ab</numerusform>
            <numerusform>%n API-Token laufen in den nächsten 12 Wochen ab</numerusform>
        </translation>
    </message>
    <message>
        <source>The overview could not be read: %1</source>
        <translation>Die Übersicht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Stand: %1</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>a short date under a bar</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Every user&apos;s live tokens, by the week from today they expire in. Click a week for the tokens by expiry.</source>
        <translation>Die gültigen Token aller Benutzer nach der Woche ab heute, in der sie ablaufen. Ein Klick auf eine Woche zeigt die Token nach Ablauf geordnet.</translation>
    </message>
    <message>
        <source>Your live tokens, by the week from today they expire in. Click a week for the tokens by expiry.</source>
        <translation>Ihre gültigen Token nach der Woche ab heute, in der sie ablaufen. Ein Klick auf eine Woche zeigt die Token nach Ablauf geordnet.</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Requests with every user&apos;s API tokens in the last 30 days (UTC), each token counted at most once a minute.</source>
        <translation>Anfragen mit den API-Token aller Benutzer in den letzten 30 Tagen (UTC), jedes Token höchstens einmal pro Minute gezählt.</translation>
    </message>
    <message>
        <source>Requests with your API tokens in the last 30 days (UTC), each token counted at most once a minute.</source>
        <translation>Anfragen mit Ihren API-Token in den letzten 30 Tagen (UTC), jedes Token höchstens einmal pro Minute gezählt.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Other platforms</source>
        <translation>Andere Plattformen</translation>
    </message>
    <message>
        <source>Every user&apos;s active mobile sessions.</source>
        <translation>Die aktiven mobilen Sitzungen aller Benutzer.</translation>
    </message>
    <message>
        <source>Your active mobile sessions.</source>
        <translation>Ihre aktiven mobilen Sitzungen.</translation>
    </message>
    <message>
        <source>There are none.</source>
        <translation>Es gibt keine.</translation>
    </message>
    <message>
        <source>Click a platform for its sessions.</source>
        <translation>Ein Klick auf eine Plattform zeigt ihre Sitzungen.</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Console and mobile sign-ins that failed, in the last 30 days. Click a day for its audit log.</source>
        <translation>Fehlgeschlagene Anmeldungen an der Konsole und in der App in den letzten 30 Tagen. Ein Klick auf einen Tag zeigt sein Audit-Protokoll.</translation>
    </message>
    <message>
        <source>Failed sign-ins</source>
        <translation>Fehlgeschlagene Anmeldungen</translation>
    </message>
</context>
<context>
    <name>td::Page</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>A selected row is still being read.</source>
        <translation>Eine ausgewählte Zeile wird noch gelesen.</translation>
    </message>
</context>
<context>
    <name>td::PermissionList</name>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>Berechtigung</translation>
    </message>
    <message>
        <source>What it allows</source>
        <translation>Was sie erlaubt</translation>
    </message>
    <message>
        <source>In the TokenDesk console</source>
        <translation>In der TokenDesk-Konsole</translation>
    </message>
    <message>
        <source>API scopes (what tokens of this user type may do)</source>
        <translation>API-Bereiche (was Tokens dieses Benutzertyps dürfen)</translation>
    </message>
</context>
<context>
    <name>td::PreferencesDialog</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>This console</source>
        <translation>Diese Konsole</translation>
    </message>
    <message>
        <source>The TokenDesk server the curl examples of Inspect point at.</source>
        <translation>Der TokenDesk-Server, auf den die curl-Beispiele unter „Details“ zeigen.</translation>
    </message>
    <message>
        <source>&amp;Server URL in examples:</source>
        <translation>&amp;Server-URL in Beispielen:</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> Sekunden</translation>
    </message>
    <message>
        <source>A copied token or access code is removed from the clipboard after this time, if it is still there.</source>
        <translation>Ein kopiertes Token oder ein Zugriffscode wird nach dieser Zeit aus der Zwischenablage entfernt, sofern es noch dort ist.</translation>
    </message>
    <message>
        <source>&amp;Clear copied secrets after:</source>
        <translation>Kopierte Geheimnisse &amp;löschen nach:</translation>
    </message>
    <message>
        <source>&amp;New tokens expire in:</source>
        <translation>&amp;Neue Tokens laufen ab in:</translation>
    </message>
    <message>
        <source>This store (every console and server)</source>
        <translation>Dieser Datenspeicher (jede Konsole und jeder Server)</translation>
    </message>
    <message>
        <source>No maximum</source>
        <translation>Kein Maximum</translation>
    </message>
    <message>
        <source>No API token can be created or edited to live longer than this.</source>
        <translation>Kein API-Token kann mit einer längeren Lebensdauer erstellt oder bearbeitet werden.</translation>
    </message>
    <message>
        <source>&amp;Maximum token lifetime:</source>
        <translation>&amp;Maximale Token-Lebensdauer:</translation>
    </message>
    <message>
        <source>&amp;Expiring soon within:</source>
        <translation>Läuft &amp;bald ab innerhalb von:</translation>
    </message>
    <message>
        <source>Mobile sessions &amp;last:</source>
        <translation>Mobile Sitzungen &amp;dauern:</translation>
    </message>
    <message>
        <source>The store&apos;s settings could not be read: %1</source>
        <translation>Die Einstellungen des Datenspeichers konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Only administrators change the store&apos;s settings.</source>
        <translation>Nur Administratoren ändern die Einstellungen des Datenspeichers.</translation>
    </message>
    <message>
        <source>Never (off)</source>
        <translation>Nie (aus)</translation>
    </message>
    <message>
        <source>Once a night tokendesk-server revokes the valid API tokens that nobody has used for this long (never used ones count from their creation); the audit log names the actor policy:unused-tokens.</source>
        <translation>Einmal pro Nacht widerruft tokendesk-server die gültigen API-Tokens, die so lange niemand verwendet hat (nie verwendete zählen ab ihrer Erstellung); das Audit-Protokoll nennt als Akteur policy:unused-tokens.</translation>
    </message>
    <message>
        <source>Re&amp;voke tokens unused for:</source>
        <translation>Tokens &amp;widerrufen, ungenutzt seit:</translation>
    </message>
</context>
<context>
    <name>td::RecordJson</name>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>a string or null</source>
        <translation>eine Zeichenkette oder null</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>a time in ISO 8601 with its zone, or null</source>
        <translation>eine Zeit in ISO 8601 mit Zeitzone oder null</translation>
    </message>
    <message>
        <source>a time in ISO 8601 with its zone</source>
        <translation>eine Zeit in ISO 8601 mit Zeitzone</translation>
    </message>
    <message>
        <source>one of active, expiring, expired, revoked</source>
        <translation>eines von active, expiring, expired, revoked</translation>
    </message>
    <message>
        <source>%1.%2 is missing</source>
        <translation>%1.%2 fehlt</translation>
    </message>
    <message>
        <source>%1.%2 must be %3</source>
        <translation>%1.%2 muss %3 sein</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not understood: %1.</source>
        <translation>Die Antwort des Servers ist nicht verständlich: %1.</translation>
    </message>
    <message>
        <source>a time must be in ISO 8601 with its zone</source>
        <translation>eine Zeit muss in ISO 8601 mit Zeitzone angegeben sein</translation>
    </message>
    <message>
        <source>%1 (item %2 of &quot;%3&quot;)</source>
        <translation>%1 (Eintrag %2 von &quot;%3&quot;)</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; must be an array</source>
        <translation>das Feld &quot;%1&quot; muss ein Array sein</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>Der Server antwortete mit HTTP %1.</translation>
    </message>
    <message numerus="yes">
        <source>an array of %n whole number(s)</source>
        <translation>
            <numerusform>eine Liste mit %n ganzen Zahl</numerusform>
            <numerusform>eine Liste mit %n ganzen Zahlen</numerusform>
        </translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD) or null</source>
        <translation>ein Datum (JJJJ-MM-TT) oder null</translation>
    </message>
</context>
<context>
    <name>td::RevokeMatchingSessionsCommand</name>
    <message>
        <source>Revoke Mobile Sessions</source>
        <translation>Mobile Sitzungen widerrufen</translation>
    </message>
    <message>
        <source>Revoke all %L1 mobile sessions of the list?</source>
        <translation>Alle %L1 mobilen Sitzungen der Liste widerrufen?</translation>
    </message>
    <message>
        <source>Revoke all %L1 mobile sessions that match the filter?</source>
        <translation>Alle %L1 mobilen Sitzungen widerrufen, die dem Filter entsprechen?</translation>
    </message>
    <message>
        <source>Every mobile session listed (no filter)</source>
        <translation>Alle aufgelisteten mobilen Sitzungen (kein Filter)</translation>
    </message>
    <message>
        <source>Filter: “%1”</source>
        <translation>Filter: „%1“</translation>
    </message>
    <message>
        <source>Ended sessions are listed too; they are skipped.</source>
        <translation>Beendete Sitzungen werden mit aufgelistet; sie werden übersprungen.</translation>
    </message>
    <message>
        <source>The app on those devices is signed out at once: its next request to the server is refused, and the users have to sign in again with their access code. This cannot be undone. If the list changes before you confirm, nothing is revoked and you are asked to look again.</source>
        <translation>Die App auf diesen Geräten wird sofort abgemeldet: Ihre nächste Anfrage an den Server wird abgelehnt, und die Benutzer müssen sich erneut mit ihrem Zugriffscode anmelden. Dies kann nicht rückgängig gemacht werden. Ändert sich die Liste, bevor Sie bestätigen, wird nichts widerrufen und Sie werden gebeten, sie noch einmal anzusehen.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message numerus="yes">
        <source>except %Ln session(s) unchecked in the list</source>
        <translation>
            <numerusform>außer %Ln in der Liste nicht markierter Sitzung</numerusform>
            <numerusform>außer %Ln in der Liste nicht markierten Sitzungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RevokeSessionsCommand</name>
    <message>
        <source>the session of %1 on “%2”</source>
        <translation>die Sitzung von %1 auf „%2“</translation>
    </message>
    <message>
        <source>Revoke Mobile Session</source>
        <translation>Mobile Sitzung widerrufen</translation>
    </message>
    <message>
        <source>Revoke Mobile Sessions</source>
        <translation>Mobile Sitzungen widerrufen</translation>
    </message>
    <message>
        <source>Revoke %1?</source>
        <translation>%1 widerrufen?</translation>
    </message>
    <message>
        <source>the selected session</source>
        <translation>die ausgewählte Sitzung</translation>
    </message>
    <message>
        <source>Revoke %1 mobile sessions?</source>
        <translation>%1 mobile Sitzungen widerrufen?</translation>
    </message>
    <message>
        <source>The app on %1 is signed out at once: its next request to the server is refused, and the user has to sign in again with their access code. This cannot be undone.</source>
        <translation>Die App auf %1 wird sofort abgemeldet: Ihre nächste Anfrage an den Server wird abgewiesen, und der Benutzer muss sich erneut mit seinem Zugriffscode anmelden. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>that device</source>
        <translation>diesem Gerät</translation>
    </message>
    <message>
        <source>those devices</source>
        <translation>diesen Geräten</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Sign Out User</source>
        <translation>Benutzer abmelden</translation>
    </message>
    <message numerus="yes">
        <source>Sign out all %n mobile session(s) of %1?</source>
        <translation>
            <numerusform>Die %n mobile Sitzung von %1 abmelden?</numerusform>
            <numerusform>Alle %n mobilen Sitzungen von %1 abmelden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>td::RevokeUnusedDialog</name>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke Unused Tokens</source>
        <translation>Ungenutzte Tokens widerrufen</translation>
    </message>
    <message>
        <source>Tokens that nobody has used for a long time are a risk with no benefit: revoke them. Choose how long a token must have gone unused (never used tokens count from their creation) and review what would be revoked first.</source>
        <translation>Tokens, die lange niemand verwendet hat, sind ein Risiko ohne Nutzen: Widerrufen Sie sie. Wählen Sie, wie lange ein Token ungenutzt sein muss (nie verwendete zählen ab ihrer Erstellung), und prüfen Sie zuerst, was widerrufen würde.</translation>
    </message>
    <message>
        <source>Not used for</source>
        <translation>Nicht verwendet seit</translation>
    </message>
    <message>
        <source>Not &amp;used for:</source>
        <translation>Nicht &amp;verwendet seit:</translation>
    </message>
    <message>
        <source>Per department</source>
        <translation>Nach Abteilung</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Per user</source>
        <translation>Nach Benutzer</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Unused API tokens</source>
        <translation>Ungenutzte API-Tokens</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen …</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message>
        <source>The unused tokens could not be counted: %1</source>
        <translation>Die ungenutzten Tokens konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>Every valid token was used in the last %1.</source>
        <translation>Jedes gültige Token wurde in den letzten %1 verwendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n valid token(s) not used for %1:</source>
        <translation>
            <numerusform>%n gültiges Token seit %1 nicht verwendet:</numerusform>
            <numerusform>%n gültige Tokens seit %1 nicht verwendet:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n Benutzer</numerusform>
            <numerusform>%n Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n department(s).</source>
        <translation>
            <numerusform>%n Abteilung.</numerusform>
            <numerusform>%n Abteilungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more user(s)</source>
        <translation>
            <numerusform>… und %n weiterer Benutzer</numerusform>
            <numerusform>… und %n weitere Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n Token(s)…</source>
        <translation>
            <numerusform>%n Token widerrufen …</numerusform>
            <numerusform>%n Tokens widerrufen …</numerusform>
        </translation>
    </message>
    <message>
        <source>Not used for: %1</source>
        <translation>Nicht verwendet seit: %1</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n API token(s).</source>
        <translation>
            <numerusform>%n API-Token widerrufen.</numerusform>
            <numerusform>%n API-Tokens widerrufen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::RotateTokenDialog</name>
    <message>
        <source>None: it stops at once</source>
        <translation>Keine: es gilt sofort nicht mehr</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Rotate Secret</source>
        <translation>Geheimnis erneuern</translation>
    </message>
    <message>
        <source>A new secret replaces the secret of this token. Its name, scope, user, department, description and expiry stay as they are. The new secret is shown only once.</source>
        <translation>Ein neues Geheimnis ersetzt das Geheimnis dieses Tokens. Name, Bereich, Benutzer, Abteilung, Beschreibung und Ablaufdatum bleiben, wie sie sind. Das neue Geheimnis wird nur einmal angezeigt.</translation>
    </message>
    <message>
        <source>Token Name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Associated User</source>
        <translation>Zugeordneter Benutzer</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Old secret keeps &amp;working:</source>
        <translation>Altes Geheimnis &amp;gilt weiter:</translation>
    </message>
    <message>
        <source>Old secret keeps working</source>
        <translation>Altes Geheimnis gilt weiter</translation>
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation>&amp;Erneuern</translation>
    </message>
    <message>
        <source>Clients that still send the old secret (%1) are refused from the moment you rotate.</source>
        <translation>Clients, die noch das alte Geheimnis (%1) senden, werden ab dem Erneuern abgewiesen.</translation>
    </message>
    <message>
        <source>The old secret (%1) keeps working until about %2, then stops. While it works, /api/v1/me answers it with the header TokenDesk-Token-Rotated.</source>
        <translation>Das alte Geheimnis (%1) gilt bis etwa %2, danach nicht mehr. Solange es gilt, antwortet /api/v1/me darauf mit dem Header TokenDesk-Token-Rotated.</translation>
    </message>
    <message>
        <source>The secret replaced earlier (%1), which would have worked until %2, stops now.</source>
        <translation>Das früher ersetzte Geheimnis (%1), das bis %2 gegolten hätte, gilt ab jetzt nicht mehr.</translation>
    </message>
</context>
<context>
    <name>td::ScopeSelector</name>
    <message>
        <source>The user type %1 does not grant this scope.</source>
        <translation>Der Benutzertyp %1 gewährt diesen Bereich nicht.</translation>
    </message>
</context>
<context>
    <name>td::ServerAddress</name>
    <message>
        <source>Enter the server&apos;s address, such as https://tokens.example.org.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://tokens.example.org.</translation>
    </message>
    <message>
        <source>The address must start with https:// (or http://), such as https://tokens.example.org.</source>
        <translation>Die Adresse muss mit https:// (oder http://) beginnen, etwa https://tokens.example.org.</translation>
    </message>
    <message>
        <source>The address names no server: write it as https://tokens.example.org.</source>
        <translation>Die Adresse nennt keinen Server: Schreiben Sie sie als https://tokens.example.org.</translation>
    </message>
    <message>
        <source>The address must not contain a user name or password.</source>
        <translation>Die Adresse darf keinen Benutzernamen und kein Passwort enthalten.</translation>
    </message>
    <message>
        <source>The address must not contain a query (?…) or a fragment (#…).</source>
        <translation>Die Adresse darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
</context>
<context>
    <name>td::ServerConnection</name>
    <message>
        <source>The server&apos;s certificate changed: expected %1, got %2. If its administrator replaced it, check the new fingerprint with them and accept it again.</source>
        <translation>Das Zertifikat des Servers hat sich geändert: erwartet %1, erhalten %2. Wenn der Administrator des Servers es ersetzt hat, prüfen Sie den neuen Fingerabdruck mit ihm und akzeptieren Sie es erneut.</translation>
    </message>
    <message>
        <source>The server at %1 presents a certificate this computer does not trust (SHA-256 %2). Check the fingerprint with the server&apos;s administrator and accept it first.</source>
        <translation>Der Server unter %1 zeigt ein Zertifikat, dem dieser Computer nicht vertraut (SHA-256 %2). Prüfen Sie den Fingerabdruck mit dem Administrator des Servers und akzeptieren Sie es zuerst.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. https://tokens.example.org.</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. https://tokens.example.org.</translation>
    </message>
    <message>
        <source>This is not a valid address: %1</source>
        <translation>Dies ist keine gültige Adresse: %1</translation>
    </message>
    <message>
        <source>Only https:// addresses: the console sends passwords and credentials to the server.</source>
        <translation>Nur https://-Adressen: Die Konsole sendet Passwörter und Anmeldeinformationen an den Server.</translation>
    </message>
    <message>
        <source>The address names no server (a host such as tokens.example.org).</source>
        <translation>Die Adresse nennt keinen Server (einen Host wie tokens.example.org).</translation>
    </message>
    <message>
        <source>Leave the user name out of the address; you sign in next.</source>
        <translation>Lassen Sie den Benutzernamen aus der Adresse weg; Sie melden sich danach an.</translation>
    </message>
    <message>
        <source>The address must not have a query (&quot;?…&quot;).</source>
        <translation>Die Adresse darf keine Abfrage (&quot;?…&quot;) enthalten.</translation>
    </message>
    <message>
        <source>The address must not have a fragment (&quot;#…&quot;).</source>
        <translation>Die Adresse darf kein Fragment (&quot;#…&quot;) enthalten.</translation>
    </message>
    <message>
        <source>The server at %1 does not answer (%2).</source>
        <translation>Der Server unter %1 antwortet nicht (%2).</translation>
    </message>
    <message>
        <source>The server at %1 did not answer within %2 s.</source>
        <translation>Der Server unter %1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not a JSON object</source>
        <translation>HTTP %1 mit einem Inhalt, der kein JSON-Objekt ist</translation>
    </message>
</context>
<context>
    <name>td::ServerSignInDialog</name>
    <message>
        <source>Sign in to a TokenDesk server</source>
        <translation>Bei einem TokenDesk-Server anmelden</translation>
    </message>
    <message>
        <source>The server keeps the store and checks what your user type allows. Your password goes to the server only; this computer keeps at most a sign-in that the server can end.</source>
        <translation>Der Server verwaltet den Datenspeicher und prüft, was Ihr Benutzertyp erlaubt. Ihr Passwort geht nur an den Server; dieser Computer behält höchstens eine Anmeldung, die der Server beenden kann.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation>&amp;Auf diesem Computer angemeldet bleiben</translation>
    </message>
    <message>
        <source>The keychain keeps the server&apos;s sign-in for this console, never your password. It ends after 8 hours without use, after 7 days in any case, when you sign out, or when an administrator ends it.</source>
        <translation>Der Schlüsselbund behält die Anmeldung beim Server für diese Konsole, nie Ihr Passwort. Sie endet nach 8 Stunden ohne Benutzung, spätestens nach 7 Tagen, wenn Sie sich abmelden oder wenn ein Administrator sie beendet.</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>The certificate of %1 changed, so TokenDesk does not connect: it could be someone else. Expected SHA-256 %2, the server presented %3. If your administrator replaced the certificate, ask them for the new fingerprint.</source>
        <translation>Das Zertifikat von %1 hat sich geändert, daher verbindet TokenDesk nicht: Es könnte jemand anderes sein. Erwartet SHA-256 %2, der Server zeigte %3. Wenn Ihr Administrator das Zertifikat ersetzt hat, fragen Sie ihn nach dem neuen Fingerabdruck.</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate was not trusted.</source>
        <translation>Nicht verbunden: Dem Zertifikat des Servers wurde nicht vertraut.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 Try again in %n second(s).</source>
        <translation>
            <numerusform>%1 Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>%1 Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::SessionDialog</name>
    <message>
        <source>Mobile User Token</source>
        <translation>Token des mobilen Benutzers</translation>
    </message>
    <message>
        <source>Mobile session of %1</source>
        <translation>Mobile Sitzung von %1</translation>
    </message>
    <message>
        <source>A signed-in user of the mobile app. The session token itself is never stored; its hint identifies it.</source>
        <translation>Ein angemeldeter Benutzer der mobilen App. Das Sitzungstoken selbst wird nie gespeichert; sein Kürzel identifiziert es.</translation>
    </message>
    <message>
        <source>Revoke Session…</source>
        <translation>Sitzung widerrufen …</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User Name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Abteilung:</translation>
    </message>
    <message>
        <source>User Type:</source>
        <translation>Benutzertyp:</translation>
    </message>
    <message>
        <source>Last Active:</source>
        <translation>Zuletzt aktiv:</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Expiry Date:</source>
        <translation>Ablaufdatum:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plattform:</translation>
    </message>
    <message>
        <source>%1, app version %2</source>
        <translation>%1, App-Version %2</translation>
    </message>
    <message>
        <source>Signed In:</source>
        <translation>Angemeldet:</translation>
    </message>
    <message>
        <source>Session Token:</source>
        <translation>Sitzungstoken:</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Widerrufen am %1</translation>
    </message>
    <message>
        <source>Revoked %1 by %2</source>
        <translation>Widerrufen am %1 von %2</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>This session has already ended.</source>
        <translation>Diese Sitzung ist bereits beendet.</translation>
    </message>
    <message>
        <source>Sign this device out of the mobile app now.</source>
        <translation>Dieses Gerät jetzt von der mobilen App abmelden.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to end other users&apos; mobile sessions.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, mobile Sitzungen anderer Benutzer zu beenden.</translation>
    </message>
</context>
<context>
    <name>td::SessionListModel</name>
    <message>
        <source>Select the session of %1 on %2</source>
        <translation>Sitzung von %1 auf %2 auswählen</translation>
    </message>
    <message>
        <source>%1 · %2 · app %3</source>
        <translation>%1 · %2 · App %3</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Revoked %1 by %2</source>
        <translation>Widerrufen am %1 von %2</translation>
    </message>
    <message>
        <source>Select sessions to revoke several at once</source>
        <translation>Sitzungen markieren, um mehrere auf einmal zu widerrufen</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>User Name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Last Active</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source>Expiry Date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <source>Client Address</source>
        <translation>Client-Adresse</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>td::SessionsPage</name>
    <message>
        <source>The users of the mobile app and their devices. Revoke a session to sign that device out at once.</source>
        <translation>Die Benutzer der mobilen App und ihre Geräte. Widerrufen Sie eine Sitzung, um das Gerät sofort abzumelden.</translation>
    </message>
    <message>
        <source>Filter by user name, email, device, platform or department</source>
        <translation>Nach Benutzername, E-Mail, Gerät, Plattform oder Abteilung filtern</translation>
    </message>
    <message>
        <source>Filter mobile sessions</source>
        <translation>Mobile Sitzungen filtern</translation>
    </message>
    <message>
        <source>Show &amp;ended sessions</source>
        <translation>&amp;Beendete Sitzungen anzeigen</translation>
    </message>
    <message>
        <source>Also list revoked and expired sessions</source>
        <translation>Auch widerrufene und abgelaufene Sitzungen auflisten</translation>
    </message>
    <message>
        <source>Mobile Users Logged In</source>
        <translation>Angemeldete mobile Benutzer</translation>
    </message>
    <message>
        <source>No one is signed in to the mobile app.</source>
        <translation>Niemand ist in der mobilen App angemeldet.</translation>
    </message>
    <message>
        <source>The sessions could not be read: %1</source>
        <translation>Die Sitzungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No mobile session matches “%1”.</source>
        <translation>Keine mobile Sitzung passt zu „%1“.</translation>
    </message>
    <message>
        <source>Select a session to inspect.</source>
        <translation>Wählen Sie eine Sitzung, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Select or check the sessions to revoke.</source>
        <translation>Wählen oder markieren Sie die zu widerrufenden Sitzungen.</translation>
    </message>
    <message>
        <source>You can revoke only your own sessions.</source>
        <translation>Sie können nur Ihre eigenen Sitzungen widerrufen.</translation>
    </message>
    <message>
        <source>1 mobile session</source>
        <translation>1 mobile Sitzung</translation>
    </message>
    <message>
        <source>%1 mobile sessions</source>
        <translation>%1 mobile Sitzungen</translation>
    </message>
    <message>
        <source>1 mobile user logged in</source>
        <translation>1 mobiler Benutzer angemeldet</translation>
    </message>
    <message>
        <source>%1 mobile users logged in</source>
        <translation>%1 mobile Benutzer angemeldet</translation>
    </message>
    <message>
        <source> matching “%1”</source>
        <translation> passend zu „%1“</translation>
    </message>
    <message>
        <source>Sign Out All Sessions of “%1”…</source>
        <translation>Alle Sitzungen von „%1“ abmelden …</translation>
    </message>
    <message>
        <source>Sign Out All Sessions of This User…</source>
        <translation>Alle Sitzungen dieses Benutzers abmelden …</translation>
    </message>
    <message>
        <source>Select a session of the user to sign out.</source>
        <translation>Wählen Sie eine Sitzung des Benutzers aus, der abgemeldet werden soll.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to end this user&apos;s sessions.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, die Sitzungen dieses Benutzers zu beenden.</translation>
    </message>
    <message>
        <source>Revoke every mobile session of this user: each of their devices is signed out at once.</source>
        <translation>Jede mobile Sitzung dieses Benutzers widerrufen: Jedes seiner Geräte wird sofort abgemeldet.</translation>
    </message>
    <message>
        <source>&amp;Inspect…</source>
        <translation>&amp;Details …</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen …</translation>
    </message>
    <message>
        <source>Enter shows the current session; Space checks or unchecks it; Ctrl+A checks every session of the filter or none; Delete revokes the checked or selected sessions.</source>
        <translation>Eingabe zeigt die aktuelle Sitzung; die Leertaste markiert sie oder hebt die Markierung auf; Strg+A markiert alle Sitzungen des Filters oder keine; Entf widerruft die markierten oder ausgewählten Sitzungen.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to end every session of a filter; check your sessions one by one.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, alle Sitzungen eines Filters zu beenden; markieren Sie Ihre Sitzungen einzeln.</translation>
    </message>
    <message>
        <source> · checked: %L1</source>
        <translation> · markiert: %L1</translation>
    </message>
    <message>
        <source>An export is running.</source>
        <translation>Ein Export läuft.</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Export Mobile Sessions</source>
        <translation>Mobile Sitzungen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting mobile sessions…</source>
        <translation>Mobile Sitzungen werden exportiert …</translation>
    </message>
    <message>
        <source>1 session exported to %1.</source>
        <translation>1 Sitzung nach %1 exportiert.</translation>
    </message>
    <message>
        <source>%1 sessions exported to %2.</source>
        <translation>%1 Sitzungen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Act on at most %L1 sessions at a time, or check every session of the filter (Ctrl+A).</source>
        <translation>Bearbeiten Sie höchstens %L1 Sitzungen auf einmal, oder markieren Sie alle Sitzungen des Filters (Strg+A).</translation>
    </message>
    <message>
        <source>Uncheck at most %L1 sessions of a filter checked as a whole, or narrow the filter.</source>
        <translation>Heben Sie die Markierung von höchstens %L1 Sitzungen eines ganz markierten Filters auf, oder grenzen Sie den Filter weiter ein.</translation>
    </message>
</context>
<context>
    <name>td::SignInDialog</name>
    <message>
        <source>Sign in to TokenDesk</source>
        <translation>Bei TokenDesk anmelden</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Datenspeicher: %1</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer an&amp;gemeldet bleiben</translation>
    </message>
    <message>
        <source>Keeps your password in this computer&apos;s keychain, for this store and this user only.</source>
        <translation>Speichert Ihr Passwort im Schlüsselbund dieses Computers, nur für diesen Datenspeicher und diesen Benutzer.</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Removes the remembered password of this user from the keychain.</source>
        <translation>Entfernt das gespeicherte Passwort dieses Benutzers aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Your password is remembered on this computer.</source>
        <translation>Ihr Passwort ist auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Too many failed attempts: wait until the time shown.</source>
        <translation>Zu viele Fehlversuche: Warten Sie bis zur angezeigten Uhrzeit.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s), at %1.</source>
        <translation>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunde erneut, um %1.</numerusform>
            <numerusform>Zu viele Fehlversuche. Versuchen Sie es in %n Sekunden erneut, um %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation>Passwort nicht gespeichert</translation>
    </message>
    <message>
        <source>You are signed in, but TokenDesk could not remember your password on this computer.</source>
        <translation>Sie sind angemeldet, aber TokenDesk konnte Ihr Passwort auf diesem Computer nicht speichern.</translation>
    </message>
    <message>
        <source>The password of %1 is no longer remembered on this computer.</source>
        <translation>Das Passwort von %1 ist auf diesem Computer nicht mehr gespeichert.</translation>
    </message>
</context>
<context>
    <name>td::TokenCreatedDialog</name>
    <message>
        <source>New API token</source>
        <translation>Neues API-Token</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Caution:&lt;/b&gt; Make sure that you copy and store the displayed access token as you will not be able to view this token again.</source>
        <translation>&lt;b&gt;Achtung:&lt;/b&gt; Kopieren Sie das angezeigte Token und bewahren Sie es sicher auf – Sie können es später nicht mehr ansehen.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message numerus="yes">
        <source>The clipboard is cleared in %n second(s) and when TokenDesk quits.</source>
        <translation>
            <numerusform>Die Zwischenablage wird in %n Sekunde und beim Beenden von TokenDesk geleert.</numerusform>
            <numerusform>Die Zwischenablage wird in %n Sekunden und beim Beenden von TokenDesk geleert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close without copying?</source>
        <translation>Ohne Kopieren schließen?</translation>
    </message>
    <message>
        <source>You have not copied the token. It cannot be shown again: if you close now, the token must be revoked and replaced to get a new one.</source>
        <translation>Sie haben das Token nicht kopiert. Es kann nicht erneut angezeigt werden: Wenn Sie jetzt schließen, muss das Token widerrufen und durch ein neues ersetzt werden.</translation>
    </message>
    <message>
        <source>Close Anyway</source>
        <translation>Trotzdem schließen</translation>
    </message>
    <message>
        <source>Shown only this once. Copy it with the Copy button and keep it safe.</source>
        <translation>Wird nur dieses eine Mal angezeigt. Kopieren Sie es mit „Kopieren“ und bewahren Sie es sicher auf.</translation>
    </message>
</context>
<context>
    <name>td::TokenListModel</name>
    <message>
        <source>Token Name</source>
        <translation>Token-Name</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Associated User</source>
        <translation>Zugeordneter Benutzer</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last Used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Check tokens to revoke or delete several at once</source>
        <translation>Tokens markieren, um mehrere auf einmal zu widerrufen oder zu löschen</translation>
    </message>
    <message>
        <source>The first and last characters of the token; the token itself is never stored</source>
        <translation>Die ersten und letzten Zeichen des Tokens; das Token selbst wird nie gespeichert</translation>
    </message>
    <message>
        <source>Active, Expiring soon, Expired or Revoked</source>
        <translation>Aktiv, Läuft bald ab, Abgelaufen oder Widerrufen</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Check %1</source>
        <translation>%1 markieren</translation>
    </message>
    <message>
        <source>Created %1 by %2</source>
        <translation>Erstellt am %1 von %2</translation>
    </message>
    <message>
        <source>Last used %1 from %2</source>
        <translation>Zuletzt verwendet am %1 von %2</translation>
    </message>
    <message>
        <source>This token has never been used.</source>
        <translation>Dieses Token wurde noch nie verwendet.</translation>
    </message>
    <message>
        <source>Revoked %1 by %2</source>
        <translation>Widerrufen am %1 von %2</translation>
    </message>
    <message>
        <source>Expired %1</source>
        <translation>Abgelaufen am %1</translation>
    </message>
    <message>
        <source>Expires %1 (today)</source>
        <translation>Läuft heute ab (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Expires %1 (in %n day(s))</source>
        <translation>
            <numerusform>Läuft ab am %1 (in %n Tag)</numerusform>
            <numerusform>Läuft ab am %1 (in %n Tagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1 (in effect: %2)</source>
        <translation>⚠ %1 (wirksam: %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: not in effect, the user type %2 does not grant it</source>
        <translation>%1: nicht wirksam, der Benutzertyp %2 gewährt ihn nicht</translation>
    </message>
</context>
<context>
    <name>td::TokensPage</name>
    <message>
        <source>Filter API tokens</source>
        <translation>API-Tokens filtern</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Department filter</source>
        <translation>Abteilungsfilter</translation>
    </message>
    <message>
        <source>De&amp;partment:</source>
        <translation>Ab&amp;teilung:</translation>
    </message>
    <message>
        <source>API tokens</source>
        <translation>API-Tokens</translation>
    </message>
    <message>
        <source>The token list could not be read: %1</source>
        <translation>Die Token-Liste konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>API Tokens</source>
        <translation>API-Tokens</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Alle Abteilungen</translation>
    </message>
    <message>
        <source>No API token matches the filter.</source>
        <translation>Kein API-Token entspricht dem Filter.</translation>
    </message>
    <message>
        <source>There are no API tokens yet.
Create one with New… (Ctrl+N).</source>
        <translation>Es gibt noch keine API-Tokens.
Erstellen Sie eines mit „Neu …“ (Strg+N).</translation>
    </message>
    <message>
        <source>API tokens: %L1 of %L2 match the filter</source>
        <translation>API-Tokens: %L1 von %L2 entsprechen dem Filter</translation>
    </message>
    <message>
        <source>API tokens: %L1</source>
        <translation>API-Tokens: %L1</translation>
    </message>
    <message>
        <source>expiring soon: %L1</source>
        <translation>laufen bald ab: %L1</translation>
    </message>
    <message>
        <source>checked: %L1</source>
        <translation>markiert: %L1</translation>
    </message>
    <message>
        <source>An export is running.</source>
        <translation>Ein Export läuft.</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <source>API token created successfully</source>
        <translation>API-Token erfolgreich erstellt</translation>
    </message>
    <message>
        <source>Use it as a bearer token in the Authorization header of your scripts and integrations. Store it in a password manager or the integration&apos;s secret store.</source>
        <translation>Verwenden Sie es als Bearer-Token im Authorization-Header Ihrer Skripte und Integrationen. Bewahren Sie es in einem Passwortmanager oder im Geheimnisspeicher der Integration auf.</translation>
    </message>
    <message>
        <source>Export API Tokens</source>
        <translation>API-Tokens exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting… %L1 tokens written</source>
        <translation>Export läuft … %L1 Tokens geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln token(s) to %1</source>
        <translation>
            <numerusform>%Ln Token nach %1 exportiert</numerusform>
            <numerusform>%Ln Tokens nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft …</translation>
    </message>
    <message>
        <source>&amp;Inspect…</source>
        <translation>&amp;Details …</translation>
    </message>
    <message>
        <source>&amp;Edit Scope…</source>
        <translation>Bereich &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen …</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Check or Uncheck Selected	Space</source>
        <translation>Auswahl markieren oder Markierung aufheben	Leertaste</translation>
    </message>
    <message>
        <source>Uncheck All</source>
        <translation>Alle Markierungen aufheben</translation>
    </message>
    <message>
        <source>Copy Token Name</source>
        <translation>Token-Namen kopieren</translation>
    </message>
    <message>
        <source>Copy Token Hint</source>
        <translation>Token-Kürzel kopieren</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>C&amp;olumns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>Exporting API tokens…</source>
        <translation>API-Tokens werden exportiert …</translation>
    </message>
    <message>
        <source>Filter by token name, user or description, or paste a whole token to find it</source>
        <translation>Nach Tokenname, Benutzer oder Beschreibung filtern oder ein vollständiges Token einfügen, um es zu finden</translation>
    </message>
    <message>
        <source>Found API token #%1 “%2” of %3 (%4): %5. The value was cleared from the filter.</source>
        <translation>API-Token #%1 „%2“ von %3 (%4) gefunden: %5. Der Wert wurde aus dem Filter entfernt.</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n API token(s).</source>
        <translation>
            <numerusform>%n API-Token widerrufen.</numerusform>
            <numerusform>%n API-Tokens widerrufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter inspects the current token, Space checks or unchecks the selected ones, Ctrl+A checks every token of the filter or none, Delete revokes, Shift+Delete deletes; the Menu key lists every action.</source>
        <translation>Eingabe zeigt die Details des aktuellen Tokens, die Leertaste markiert die ausgewählten oder hebt die Markierung auf, Strg+A markiert alle Tokens des Filters oder keine, Entf widerruft, Umschalt+Entf löscht; die Menütaste listet alle Aktionen auf.</translation>
    </message>
    <message>
        <source>checked: %L1 (every token of the filter)</source>
        <translation>markiert: %L1 (alle Tokens des Filters)</translation>
    </message>
    <message>
        <source>Select or check the tokens to revoke.</source>
        <translation>Wählen oder markieren Sie die zu widerrufenden Tokens.</translation>
    </message>
    <message>
        <source>Only administrators can revoke every token of a filter; check your tokens one by one.</source>
        <translation>Nur Administratoren können alle Tokens eines Filters widerrufen; markieren Sie Ihre Tokens einzeln.</translation>
    </message>
    <message>
        <source>Select or check the tokens to delete.</source>
        <translation>Wählen oder markieren Sie die zu löschenden Tokens.</translation>
    </message>
    <message>
        <source>Only administrators can delete tokens.</source>
        <translation>Nur Administratoren können Tokens löschen.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <comment>the filter&apos;s text in the confirmation</comment>
        <translation>„%1“</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n API token(s).</source>
        <translation>
            <numerusform>%n API-Token gelöscht.</numerusform>
            <numerusform>%n API-Tokens gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked token(s) skipped (still valid: revoke them first).</source>
        <translation>
            <numerusform>%n markiertes Token übersprungen (noch gültig: zuerst widerrufen).</numerusform>
            <numerusform>%n markierte Tokens übersprungen (noch gültig: zuerst widerrufen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Act on at most %L1 tokens at a time, or check every token of the filter (Ctrl+A).</source>
        <translation>Bearbeiten Sie höchstens %L1 Tokens auf einmal, oder markieren Sie alle Tokens des Filters (Strg+A).</translation>
    </message>
    <message>
        <source>Uncheck at most %L1 tokens of a filter checked as a whole, or narrow the filter.</source>
        <translation>Heben Sie die Markierung von höchstens %L1 Tokens eines ganz markierten Filters auf, oder grenzen Sie den Filter weiter ein.</translation>
    </message>
    <message>
        <source>API token rotated successfully</source>
        <translation>API-Token erfolgreich erneuert</translation>
    </message>
    <message>
        <source>Put the new secret where the old one is used before the old one stops. It is the same token: its name, scope and expiry did not change.</source>
        <translation>Hinterlegen Sie das neue Geheimnis überall, wo das alte verwendet wird, bevor das alte nicht mehr gilt. Es ist dasselbe Token: Name, Bereich und Ablaufdatum haben sich nicht geändert.</translation>
    </message>
    <message>
        <source>R&amp;otate Secret…</source>
        <translation>Geheimnis &amp;erneuern…</translation>
    </message>
    <message>
        <source>Not used for filter</source>
        <translation>Filter „Nicht verwendet seit“</translation>
    </message>
    <message>
        <source>All tokens</source>
        <comment>not used for</comment>
        <translation>Alle Tokens</translation>
    </message>
    <message>
        <source>Never used</source>
        <translation>Nie verwendet</translation>
    </message>
    <message>
        <source>Not &amp;used for:</source>
        <translation>Nicht &amp;verwendet seit:</translation>
    </message>
    <message>
        <source>Revoke &amp;Unused Tokens…</source>
        <translation>&amp;Ungenutzte Tokens widerrufen …</translation>
    </message>
    <message>
        <source>Review the tokens nobody has used for a while, then revoke them.</source>
        <translation>Prüfen Sie die Tokens, die eine Weile niemand verwendet hat, und widerrufen Sie sie dann.</translation>
    </message>
    <message>
        <source>Only administrators revoke every user&apos;s unused tokens.</source>
        <translation>Nur Administratoren widerrufen die ungenutzten Tokens aller Benutzer.</translation>
    </message>
    <message>
        <source>Not used for: %1</source>
        <translation>Nicht verwendet seit: %1</translation>
    </message>
    <message>
        <source>Show tokens of every expiry</source>
        <translation>Tokens jedes Ablaufdatums anzeigen</translation>
    </message>
    <message>
        <source>Clear the expiry filter</source>
        <translation>Den Ablauffilter entfernen</translation>
    </message>
    <message>
        <source>Expiring %1 – %2</source>
        <translation>Ablauf %1 – %2</translation>
    </message>
</context>
<context>
    <name>td::UserDialog</name>
    <message>
        <source>New User</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>Edit User %1</source>
        <translation>Benutzer %1 bearbeiten</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>User Name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>User &amp;Name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>Display Name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>e.g. Alice Example</source>
        <translation>z. B. Erika Mustermann</translation>
    </message>
    <message>
        <source>&amp;Display Name:</source>
        <translation>&amp;Anzeigename:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>De&amp;partment:</source>
        <translation>Ab&amp;teilung:</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>User &amp;Type:</source>
        <translation>Benutzer&amp;typ:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Reset the password</source>
        <translation>Passwort &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Neues Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>&amp;Save Changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>You cannot change your own user type.</source>
        <translation>Sie können Ihren eigenen Benutzertyp nicht ändern.</translation>
    </message>
    <message>
        <source>At least %1 characters; not the username.</source>
        <translation>Mindestens %1 Zeichen; nicht der Benutzername.</translation>
    </message>
    <message>
        <source>Repeat the password.</source>
        <translation>Wiederholen Sie das Passwort.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>API scopes: %1</source>
        <translation>API-Bereiche: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>The password is fine.</source>
        <translation>Das Passwort ist in Ordnung.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Geben Sie einen Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Choose the user&apos;s department.</source>
        <translation>Wählen Sie die Abteilung des Benutzers.</translation>
    </message>
    <message>
        <source>Choose the user&apos;s user type.</source>
        <translation>Wählen Sie den Benutzertyp des Benutzers.</translation>
    </message>
    <message>
        <source>&amp;Change your password</source>
        <translation>Eigenes Passwort &amp;ändern</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Akt&amp;uelles Passwort:</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Geben Sie Ihr aktuelles Passwort ein.</translation>
    </message>
    <message>
        <source>Language of Notices</source>
        <translation>Sprache der Benachrichtigungen</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Voreinstellung des Servers</translation>
    </message>
    <message>
        <source>The language of the e-mails that tell this user about tokens and access codes that expire.</source>
        <translation>Die Sprache der E-Mails, die diesen Benutzer über ablaufende Tokens und Zugriffscodes informieren.</translation>
    </message>
    <message>
        <source>&amp;Language of notices:</source>
        <translation>&amp;Sprache der Benachrichtigungen:</translation>
    </message>
</context>
<context>
    <name>td::UserTypeDialog</name>
    <message>
        <source>New User Type</source>
        <translation>Neuer Benutzertyp</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Grant only what people of this type need.</source>
        <translation>Gewähren Sie nur, was Personen dieses Typs brauchen.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Geben Sie einen Namen ein.</translation>
    </message>
</context>
<context>
    <name>td::UserTypesPanel</name>
    <message>
        <source>It is your own user type or holds permissions you do not hold.</source>
        <translation>Es ist Ihr eigener Benutzertyp oder er hat Berechtigungen, die Sie selbst nicht haben.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to create, change or delete user types.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Benutzertypen anzulegen, zu ändern oder zu löschen.</translation>
    </message>
    <message>
        <source>User types</source>
        <translation>Benutzertypen</translation>
    </message>
    <message>
        <source>&amp;New User Type…</source>
        <translation>&amp;Neuer Benutzertyp …</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Save Permissions</source>
        <translation>Berechtigungen &amp;speichern</translation>
    </message>
    <message numerus="yes">
        <source>%n user type(s)</source>
        <translation>
            <numerusform>%n Benutzertyp</numerusform>
            <numerusform>%n Benutzertypen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (built-in)</source>
        <translation>%1 (vordefiniert)</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n Benutzer</numerusform>
            <numerusform>%n Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) of this type.</source>
        <translation>
            <numerusform>%n Benutzer dieses Typs.</numerusform>
            <numerusform>%n Benutzer dieses Typs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in user types cannot be changed; create a new user type for other permissions.</source>
        <translation>Vordefinierte Benutzertypen können nicht geändert werden; legen Sie für andere Berechtigungen einen neuen Benutzertyp an.</translation>
    </message>
    <message>
        <source>Select a user type first.</source>
        <translation>Wählen Sie zuerst einen Benutzertyp.</translation>
    </message>
    <message>
        <source>Built-in user types cannot be changed.</source>
        <translation>Vordefinierte Benutzertypen können nicht geändert werden.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <source>Built-in user types cannot be deleted.</source>
        <translation>Vordefinierte Benutzertypen können nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Only a user type without users can be deleted.</source>
        <translation>Nur ein Benutzertyp ohne Benutzer kann gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>td::UsersModel</name>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Läuft nie ab</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation>Läuft ab am %1</translation>
    </message>
    <message>
        <source>Created %1 by %2</source>
        <translation>Erstellt am %1 von %2</translation>
    </message>
    <message>
        <source>Disabled since %1</source>
        <translation>Deaktiviert seit %1</translation>
    </message>
    <message>
        <source>Set on %1</source>
        <translation>Festgelegt am %1</translation>
    </message>
    <message>
        <source>User Name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Display Name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>User Type</source>
        <translation>Benutzertyp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Access Code</source>
        <translation>Zugriffscode</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Sign-in locked</source>
        <translation>Anmeldung gesperrt</translation>
    </message>
    <message>
        <source>Password sign-in locked until %1 after repeated failed attempts.</source>
        <translation>Anmeldung mit Passwort nach wiederholten Fehlversuchen gesperrt bis %1.</translation>
    </message>
    <message>
        <source>Mobile sign-in locked until %1 after repeated failed attempts; the right access code from a device without failures still works.</source>
        <translation>Mobile Anmeldung nach wiederholten Fehlversuchen gesperrt bis %1; der richtige Zugriffscode von einem Gerät ohne Fehlversuche funktioniert weiterhin.</translation>
    </message>
    <message>
        <source>Unlock lifts the lock.</source>
        <translation>„Anmeldung entsperren“ hebt die Sperre auf.</translation>
    </message>
</context>
<context>
    <name>td::UsersPage</name>
    <message>
        <source>Filter users</source>
        <translation>Benutzer filtern</translation>
    </message>
    <message>
        <source>Filter by user name, display name, email or department</source>
        <translation>Nach Benutzername, Anzeigename, E-Mail oder Abteilung filtern</translation>
    </message>
    <message>
        <source>Show &amp;disabled users</source>
        <translation>&amp;Deaktivierte Benutzer anzeigen</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;New User…</source>
        <translation>&amp;Neuer Benutzer …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Anzeigen …</translation>
    </message>
    <message>
        <source>D&amp;isable…</source>
        <translation>&amp;Deaktivieren …</translation>
    </message>
    <message>
        <source>En&amp;able</source>
        <translation>Akti&amp;vieren</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Benutzer</translation>
    </message>
    <message>
        <source>De&amp;partments</source>
        <translation>Ab&amp;teilungen</translation>
    </message>
    <message>
        <source>User &amp;Types</source>
        <translation>Benutzer&amp;typen</translation>
    </message>
    <message>
        <source>Your user type does not allow you to see users, departments and user types.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Benutzer, Abteilungen und Benutzertypen zu sehen.</translation>
    </message>
    <message>
        <source>Your user type does not allow you to create, edit, disable or enable users.</source>
        <translation>Ihr Benutzertyp erlaubt Ihnen nicht, Benutzer anzulegen, zu bearbeiten, zu deaktivieren oder zu aktivieren.</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Wählen Sie zuerst einen Benutzer.</translation>
    </message>
    <message>
        <source>Create a user (Ctrl+N).</source>
        <translation>Einen Benutzer anlegen (Strg+N).</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Sie können Ihr eigenes Konto nicht deaktivieren.</translation>
    </message>
    <message>
        <source>The user is already disabled.</source>
        <translation>Der Benutzer ist bereits deaktiviert.</translation>
    </message>
    <message>
        <source>The user is not disabled.</source>
        <translation>Der Benutzer ist nicht deaktiviert.</translation>
    </message>
    <message>
        <source>Not available for users; use Disable.</source>
        <translation>Für Benutzer nicht verfügbar; verwenden Sie „Deaktivieren“.</translation>
    </message>
    <message>
        <source>Only tokens have a scope.</source>
        <translation>Nur Tokens haben einen Bereich.</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) match the filter</source>
        <translation>
            <numerusform>%n Benutzer entspricht dem Filter</numerusform>
            <numerusform>%n Benutzer entsprechen dem Filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n Benutzer</numerusform>
            <numerusform>%n Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n API token(s)</source>
        <translation>
            <numerusform>%n API-Token</numerusform>
            <numerusform>%n API-Tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mobile session(s)</source>
        <translation>
            <numerusform>%n mobile Sitzung</numerusform>
            <numerusform>%n mobile Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is disabled: %2 and %3 revoked.</source>
        <translation>%1 ist deaktiviert: %2 und %3 widerrufen.</translation>
    </message>
    <message>
        <source>Enter opens the current user.</source>
        <translation>Eingabe öffnet den aktuellen Benutzer.</translation>
    </message>
    <message>
        <source>&amp;Unlock Sign-in</source>
        <translation>Anmeldung ent&amp;sperren</translation>
    </message>
    <message>
        <source>The user&apos;s sign-in is not locked.</source>
        <translation>Die Anmeldung des Benutzers ist nicht gesperrt.</translation>
    </message>
    <message>
        <source>The sign-in of %1 is unlocked.</source>
        <translation>Die Anmeldung von %1 ist entsperrt.</translation>
    </message>
    <message>
        <source>Console &amp;Sign-ins…</source>
        <translation>Konsolen-&amp;Anmeldungen…</translation>
    </message>
    <message>
        <source>The consoles signed in to a server as this user; end one there.</source>
        <translation>Die Konsolen, die als dieser Benutzer bei einem Server angemeldet sind; dort lässt sich eine beenden.</translation>
    </message>
</context>
<context>
    <name>td::WebhookEditDialog</name>
    <message>
        <source>Edit Webhook</source>
        <translation>Webhook bearbeiten</translation>
    </message>
    <message>
        <source>Add Webhook</source>
        <translation>Webhook hinzufügen</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>A token expires soon (token.expiring)</source>
        <translation>Ein Token läuft bald ab (token.expiring)</translation>
    </message>
    <message>
        <source>A token expired (token.expired)</source>
        <translation>Ein Token ist abgelaufen (token.expired)</translation>
    </message>
    <message>
        <source>A token was revoked (token.revoked)</source>
        <translation>Ein Token wurde widerrufen (token.revoked)</translation>
    </message>
    <message>
        <source>A mobile session was ended (session.revoked)</source>
        <translation>Eine mobile Sitzung wurde beendet (session.revoked)</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Ereignisse:</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
</context>
<context>
    <name>td::WebhooksDialog</name>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>tokendesk-server POSTs these events to each URL, signed with the webhook&apos;s secret (header TokenDesk-Signature-256), and tries again when the receiver does not answer with 2xx.</source>
        <translation>tokendesk-server sendet diese Ereignisse per POST an jede URL, signiert mit dem Geheimnis des Webhooks (Header TokenDesk-Signature-256), und versucht es erneut, wenn der Empfänger nicht mit 2xx antwortet.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Regenerate Secret…</source>
        <translation>Geheimnis &amp;neu erzeugen …</translation>
    </message>
    <message>
        <source>Send &amp;Test Event</source>
        <translation>&amp;Testereignis senden</translation>
    </message>
    <message>
        <source>Deliveries of the selected webhook, newest first:</source>
        <translation>Zustellungen des gewählten Webhooks, neueste zuerst:</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Redeli&amp;ver</source>
        <translation>Erneut &amp;zustellen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Delivered (%1)</source>
        <translation>Zugestellt (%1)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Retrying (%1)</source>
        <translation>Neuer Versuch folgt (%1)</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Neuer Versuch folgt</translation>
    </message>
    <message>
        <source>The receiver checks each event&apos;s TokenDesk-Signature-256 header with this secret.</source>
        <translation>Der Empfänger prüft mit diesem Geheimnis den Header TokenDesk-Signature-256 jedes Ereignisses.</translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation>Signaturgeheimnis des Webhooks</translation>
    </message>
    <message>
        <source>&lt;b&gt;Caution:&lt;/b&gt; Copy the secret and give it to the receiver now: it cannot be shown again (Regenerate Secret makes a new one).</source>
        <translation>&lt;b&gt;Achtung:&lt;/b&gt; Kopieren Sie das Geheimnis und geben Sie es jetzt dem Empfänger: Es kann nicht noch einmal angezeigt werden („Geheimnis neu erzeugen“ erstellt ein neues).</translation>
    </message>
    <message>
        <source>Webhook Registered</source>
        <translation>Webhook registriert</translation>
    </message>
    <message>
        <source>Delete Webhook</source>
        <translation>Webhook löschen</translation>
    </message>
    <message>
        <source>Delete the webhook to %1?</source>
        <translation>Den Webhook an %1 löschen?</translation>
    </message>
    <message>
        <source>Its deliveries are deleted too and no more events are sent to it. This cannot be undone.</source>
        <translation>Seine Zustellungen werden ebenfalls gelöscht, und es werden keine Ereignisse mehr an ihn gesendet. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Regenerate Secret</source>
        <translation>Geheimnis neu erzeugen</translation>
    </message>
    <message>
        <source>Make a new signing secret for %1?</source>
        <translation>Ein neues Signaturgeheimnis für %1 erzeugen?</translation>
    </message>
    <message>
        <source>Events are signed with the new secret from now on; the receiver must be given it.</source>
        <translation>Ereignisse werden ab jetzt mit dem neuen Geheimnis signiert; der Empfänger muss es erhalten.</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>New Webhook Secret</source>
        <translation>Neues Webhook-Geheimnis</translation>
    </message>
    <message>
        <source>A test event is queued.</source>
        <translation>Ein Testereignis wartet auf die Zustellung.</translation>
    </message>
    <message>
        <source>The event is sent again.</source>
        <translation>Das Ereignis wird erneut gesendet.</translation>
    </message>
</context>
</TS>
