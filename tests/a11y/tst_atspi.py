#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""ui.atspi: the real console as a screen reader sees it, through AT-SPI from another process.

Run by ctest inside xvfb-run and dbus-run-session (tests/a11y/tests.cmake): starts the AT-SPI
bus, makes a throwaway SQLite store with tokendesk-admin (init, demo data), starts `tokendesk`
with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 and walks its tree with pyatspi (Debian's
python3-pyatspi, at-spi2-core). It signs in through the tree, then checks that every control of
the main window is named by its label (a combo box by its label, not by its current value),
every list (the combo boxes' pop-ups too) has a name, Inspect shows each value with its label
(the value's name is the field, its description the value, and the caption labels it), the
session dialog and Manage Tokens likewise, the Create dialog's combo boxes, and that neither the password nor a whole token appears anywhere in the tree.
A missing package or tool fails the test; it is never skipped.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ANSWER_S = 30  # how long the console may take to show what was asked for

problems = []


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def problem(message):
    problems.append(message)
    print("problem: " + message, flush=True)


def env_path(name):
    value = os.environ.get(name, "")
    if not value or not os.path.exists(value):
        fail(f"{name} is not set to an existing program: {value!r}")
    return value


ADMIN_BIN = env_path("TD_ADMIN_BIN")
CONSOLE_BIN = env_path("TD_CONSOLE_BIN")
ADMIN_USER = "admin"
# The tests' administrator password (tests/common/testsupport.h); never printed.
ADMIN_PASSWORD = "AdminPass#1"
WHOLE_TOKEN = re.compile(r"tdk_[A-Za-z0-9_\-]{16,}")

if not os.environ.get("DISPLAY"):
    fail("no DISPLAY: run under xvfb-run")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    fail("no session bus: run under dbus-run-session")
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
if not os.access(BUS_LAUNCHER, os.X_OK):
    fail(BUS_LAUNCHER + " is missing: install Debian's at-spi2-core")

started = []


def start(args, **kwargs):
    p = subprocess.Popen(args, **kwargs)
    started.append(p)
    return p


def stop_all():
    for p in reversed(started):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def wait_for(what, probe, timeout=ANSWER_S):
    """Polls probe() until it returns something true; fails the test with `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
        except Exception as e:  # a window torn down while it is read: ask again
            value = None
            last = e
        else:
            last = None
        if value:
            return value
        if time.monotonic() > deadline:
            fail(f"{what} did not happen within {timeout} s" + (f" ({last})" if last else ""))
        time.sleep(0.1)


# ---- the store -----------------------------------------------------------------------------------
work = tempfile.mkdtemp(prefix="td-atspi-")
store = os.path.join(work, "store.sqlite")
admin_env = dict(os.environ, TOKENDESK_DATABASE=store)
for args, stdin in (
    (["init", "--admin-user", ADMIN_USER, "--password-stdin"], ADMIN_PASSWORD + "\n"),
    (["demo", "--users", "6", "--tokens", "30", "--sessions", "6", "--seed", "11"], ""),
):
    r = subprocess.run([ADMIN_BIN] + args, input=stdin, text=True, env=admin_env,
                       capture_output=True, timeout=60)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        fail(f"tokendesk-admin {args[0]} exited with {r.returncode}")

# ---- AT-SPI and the console ----------------------------------------------------------------------
start([BUS_LAUNCHER, "--launch-immediately"])
try:
    import pyatspi  # noqa: E402 (needs the bus above)
except ImportError as e:
    stop_all()
    fail(f"pyatspi cannot be imported ({e}): install Debian's python3-pyatspi and run "
         "/usr/bin/python3")

# The registry answers before the console starts, so the console finds the AT-SPI bus at once.
wait_for("the AT-SPI registry", lambda: pyatspi.Registry.getDesktop(0) is not None)
console_env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   QT_QPA_PLATFORM="xcb", LANG="C.UTF-8", LANGUAGE="en")
console_env.pop("TOKENDESK_DATABASE", None)
console = start([CONSOLE_BIN, "--database", store, "--lang", "en"], env=console_env)


def state(acc, s):
    return acc.getState().contains(s)


def children(acc):
    try:
        n = acc.childCount
    except Exception:
        return []
    out = []
    for i in range(n):
        try:
            c = acc.getChildAtIndex(i)
        except Exception:
            c = None
        if c is not None:
            out.append(c)
    return out


def walk(acc, limit=6000):
    """Every object under acc (acc too), depth first, at most limit of them."""
    stack, seen = [acc], 0
    while stack and seen < limit:
        a = stack.pop()
        seen += 1
        yield a
        stack.extend(reversed(children(a)))


def role(acc):
    return acc.getRole()


def where(acc):
    """'push button "Close" in dialog "API Token …"' — enough to find it in the code."""
    path = []
    p = acc
    for _ in range(40):
        try:
            p = p.parent
        except Exception:
            break
        if p is None or role(p) == pyatspi.ROLE_APPLICATION:
            break
        if role(p) in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_FRAME, pyatspi.ROLE_WINDOW):
            path.append(f'{p.getRoleName()} "{p.name}"')
            break
    return f'{acc.getRoleName()} "{acc.name}"' + (" in " + path[0] if path else "")


def related(acc, relation):
    out = []
    for rel in acc.getRelationSet():
        if rel.getRelationType() == relation:
            out += [rel.getTarget(i) for i in range(rel.getNTargets())]
    return out


def texts(acc):
    """What a screen reader can read from acc: name, description and text."""
    out = [acc.name or "", acc.description or ""]
    try:
        t = acc.queryText()
        out.append(t.getText(0, t.characterCount))
    except NotImplementedError:
        pass
    return out


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name in ("tokendesk", "TokenDesk"):
            return app
    return None


def find(root, predicate):
    for a in walk(root):
        if predicate(a):
            return a
    return None


def window(app, role_, name_part):
    for w in children(app):
        if role(w) == role_ and name_part in (w.name or "") and state(w, pyatspi.STATE_SHOWING):
            return w
    return None


def press(acc):
    action = acc.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    for wanted in ("Press", "press", "click", "Toggle", "toggle"):
        if wanted in names:
            action.doAction(names.index(wanted))
            return
    action.doAction(0)


def set_text(acc, text):
    acc.queryEditableText().setTextContents(text)


INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_MENU,
}
LISTS = {pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE,
         pyatspi.ROLE_TREE_TABLE}


def check_names(root, label):
    """Every showing control and every list (shown or not) under root is named; a combo box is
    named by its label, never by one of its values; its pop-up list is named."""
    for a in walk(root):
        r = role(a)
        if r in INTERACTIVE and state(a, pyatspi.STATE_SHOWING) and not (a.name or "").strip():
            if r in (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_MENU):
                continue  # separators
            problem(f"{label}: no name: {where(a)}")
        if r in LISTS and not (a.name or "").strip():
            problem(f"{label}: unnamed list: {where(a)} (parent {where(a.parent)})")
        if r == pyatspi.ROLE_COMBO_BOX:
            values = set()
            for lst in children(a):
                if role(lst) in LISTS:
                    values |= {(c.name or "") for c in children(lst)}
            if a.name in values:
                problem(f"{label}: combo box named by its value, not its label: {where(a)}")


def check_secrets(root, label):
    for a in walk(root):
        for t in texts(a):
            if ADMIN_PASSWORD in t:
                problem(f"{label}: the password is in the tree: {a.getRoleName()}")
            if WHOLE_TOKEN.search(t):
                problem(f"{label}: a whole token is in the tree: {a.getRoleName()}")


def check_values(dialog, label, fields, captioned_by_name=True):
    """Each field of the form: an object named by the field whose description is its value,
    labelled by its caption (LABELLED_BY; with captioned_by_name, the caption is the field's
    name and a colon). Returns {field: value}."""
    found = {}
    for a in walk(dialog):
        if role(a) == pyatspi.ROLE_LABEL and a.name in fields:
            found[a.name] = a
    values = {}
    for field in fields:
        a = found.get(field)
        if a is None:
            problem(f"{label}: no label named {field!r}")
            continue
        value = (a.description or "").strip()
        if not value:
            problem(f"{label}: {field!r} has no value (no description): {where(a)}")
        captions = [c.name for c in related(a, pyatspi.RELATION_LABELLED_BY)]
        if (field + ":" not in captions) if captioned_by_name else not any(captions):
            problem(f"{label}: {field!r} is not labelled by its caption (labelled by {captions})")
        values[field] = value
    return values


def first_row_cell(table, column):
    """The cell of the list's first row in the column titled so (None while it is read)."""
    header = [c.name for c in children(table) if role(c) == pyatspi.ROLE_TABLE_COLUMN_HEADER]
    cells = [c for c in children(table) if role(c) == pyatspi.ROLE_TABLE_CELL]
    if column not in header or len(cells) <= header.index(column):
        return None
    cell = cells[header.index(column)]
    return cell if cell.name and cell.name != "…" else None


def find_dialog_with(predicate):
    for w in children(app):
        if role(w) == pyatspi.ROLE_DIALOG and state(w, pyatspi.STATE_SHOWING) \
                and find(w, predicate) is not None:
            return w
    return None


try:
    app = wait_for("the console on the AT-SPI bus", find_app)

    # ---- sign in through the tree ----------------------------------------------------------------
    sign_in = wait_for("the sign-in dialog",
                       lambda: window(app, pyatspi.ROLE_DIALOG, "Sign in to TokenDesk"))
    check_names(sign_in, "sign-in")
    user_field = find(sign_in, lambda a: role(a) in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)
                      and a.name == "Username")
    password_field = find(sign_in, lambda a: role(a) == pyatspi.ROLE_PASSWORD_TEXT
                          and a.name == "Password")
    button = find(sign_in, lambda a: role(a) == pyatspi.ROLE_PUSH_BUTTON and a.name == "Sign In")
    if not (user_field and password_field and button):
        fail("the sign-in dialog has no Username, Password or Sign In named so")
    set_text(user_field, ADMIN_USER)
    set_text(password_field, ADMIN_PASSWORD)
    press(button)

    main = wait_for("the main window", lambda: window(app, pyatspi.ROLE_FRAME, "TokenDesk")
                    if not window(app, pyatspi.ROLE_DIALOG, "Sign in") else None)
    # The Overview comes first; the token list is the API Tokens place (View ▸ API Tokens).
    press(wait_for("View ▸ API Tokens", lambda: find(
        main, lambda a: role(a) == pyatspi.ROLE_MENU_ITEM
        and (a.name or "").split(" ", 1)[-1] == "API Tokens")))  # "2 API Tokens"
    table = wait_for("the token list with its rows", lambda: find(
        main, lambda a: role(a) == pyatspi.ROLE_TABLE and a.name == "API tokens"
        and a.childCount > 30))

    # ---- the main window: lists, filter fields, combo boxes, buttons ---------------------------
    check_names(main, "main window")
    for name, r in (("Filter API tokens", pyatspi.ROLE_TEXT), ("Status filter", None),
                    ("Department filter", None)):
        a = find(main, lambda a: a.name == name)
        if a is None:
            problem(f"main window: nothing named {name!r}")
        elif r is None and role(a) != pyatspi.ROLE_COMBO_BOX:
            problem(f"main window: {name!r} is a {a.getRoleName()}, not a combo box")
    status = find(main, lambda a: role(a) == pyatspi.ROLE_COMBO_BOX and a.name == "Status filter")
    if status is not None:
        popup = [c for c in children(status) if role(c) in LISTS]
        if not popup or popup[0].name != "Status filter":
            problem("the status filter's pop-up list is not named like it: "
                    + str([c.name for c in popup]))
    check_secrets(app, "main window")

    # ---- the Create dialog: its combo boxes and lists --------------------------------------------
    def menu_item(prefix):
        item = find(main, lambda a: role(a) == pyatspi.ROLE_MENU_ITEM
                    and (a.name or "").startswith(prefix))
        if item is None:
            fail(f"no menu item {prefix}…")
        wait_for(f"{prefix}… to be enabled", lambda: state(item, pyatspi.STATE_ENABLED))
        return item

    press(menu_item("New"))
    create = wait_for("the Create dialog", lambda: find_dialog_with(
        lambda a: role(a) == pyatspi.ROLE_COMBO_BOX and a.name == "Expiry"))
    check_names(create, "Create")
    for name in ("Department", "User Type", "Expiry"):
        if find(create, lambda a: role(a) == pyatspi.ROLE_COMBO_BOX and a.name == name) is None:
            problem(f"Create: no combo box named {name!r}")
    press(find(create, lambda a: role(a) == pyatspi.ROLE_PUSH_BUTTON and a.name == "Cancel"))
    wait_for("the Create dialog to close", lambda: not state(create, pyatspi.STATE_SHOWING))

    # ---- Inspect a token ---------------------------------------------------------------------------
    cell = wait_for("a row of the token list", lambda: first_row_cell(table, "Token Name"))
    token_name = cell.name
    press(cell)  # Toggle selects the row
    press(menu_item("Inspect"))
    inspect = wait_for("the Inspect dialog", lambda: window(app, pyatspi.ROLE_DIALOG, "API Token"))
    check_names(inspect, "Inspect")
    values = check_values(inspect, "Inspect", ["Token Name", "API Token", "Tenant Id",
                                               "Expiry Date", "Associated User",
                                               "Department and User Type", "Scope", "Created",
                                               "Last Used", "Status"])
    if values.get("Token Name") != token_name:
        problem(f"Inspect: Token Name reads {values.get('Token Name')!r}, the list "
                f"{token_name!r}")
    if not values.get("API Token", "").startswith("tdk_"):
        problem("Inspect: API Token does not read as a token hint")
    # The tenant is read after the dialog opened: its value follows.
    wait_for("the tenant id in Inspect", lambda: find(
        inspect, lambda a: a.name == "Tenant Id" and a.description
        and a.description != "Reading…"))
    check_secrets(app, "Inspect")
    close = find(inspect, lambda a: role(a) == pyatspi.ROLE_PUSH_BUTTON and a.name == "Close")
    press(close)
    wait_for("Inspect to close", lambda: not window(app, pyatspi.ROLE_DIALOG, "API Token"))

    # ---- a mobile session ---------------------------------------------------------------------------
    go = find(main, lambda a: role(a) == pyatspi.ROLE_MENU_ITEM
              and (a.name or "").endswith("Mobile Users Logged In"))
    if go is None:
        fail("no menu item for the Mobile Users Logged In page")
    press(go)
    sessions = wait_for("the session list", lambda: find(
        main, lambda a: role(a) == pyatspi.ROLE_TABLE and a.name == "Mobile Users Logged In"
        and state(a, pyatspi.STATE_SHOWING)))
    check_names(main, "sessions page")
    cell = wait_for("a row of the session list", lambda: first_row_cell(sessions, "User Name"))
    session_user = cell.name
    press(cell)
    press(menu_item("Inspect"))
    session = wait_for("the session dialog",
                       lambda: window(app, pyatspi.ROLE_DIALOG, "Mobile session of"))
    check_names(session, "session")
    values = check_values(session, "session", ["User Name", "Email", "Department", "User Type",
                                               "Last Active", "Expiry Date", "Device",
                                               "Platform", "Signed In", "Session Token",
                                               "Status"])
    if values.get("User Name") != session_user:
        problem(f"session: User Name reads {values.get('User Name')!r}, the list "
                f"{session_user!r}")
    check_secrets(app, "session")
    press(find(session, lambda a: role(a) == pyatspi.ROLE_PUSH_BUTTON and a.name == "Close"))
    wait_for("the session dialog to close",
             lambda: not window(app, pyatspi.ROLE_DIALOG, "Mobile session of"))

    # ---- Manage Tokens ------------------------------------------------------------------------------
    press(menu_item("Manage Tokens"))
    manage = wait_for("the Manage Tokens dialog",
                      lambda: window(app, pyatspi.ROLE_DIALOG, "Manage Tokens"))
    wait_for("Manage Tokens to read the account", lambda: find(
        manage, lambda a: a.name == "Access code status" and a.description))
    check_names(manage, "Manage Tokens")
    check_values(manage, "Manage Tokens", ["Token status", "Token", "Created", "Expires",
                                           "Last used", "Access code status",
                                           "Access code expires"],
                 captioned_by_name=False)
    check_secrets(app, "Manage Tokens")
finally:
    stop_all()
    shutil.rmtree(work, ignore_errors=True)

if problems:
    print(f"FAIL: {len(problems)} problem(s)", flush=True)
    sys.exit(1)
print("PASS: the console reads as labelled values over AT-SPI", flush=True)
