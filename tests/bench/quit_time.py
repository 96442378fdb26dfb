#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# How long the console takes to quit: from Ctrl+Q (File ▸ Quit) to the end of its process, on a
# local SQLite store and connected to a tokendesk-server (https on 127.0.0.1, a throwaway
# self-signed certificate the script trusts in the console's dialog). The keys are
# typed through the X server's XTEST extension, so run it under Xvfb:
#
#   xvfb-run -a -s "-screen 0 1280x800x24" python3 tests/bench/quit_time.py BUILD_DIR [ROUNDS]
#
# With QUIT_TIME_DESKTOP=1, under `dbus-run-session --`, the console runs as on a desktop: a
# session bus with an unlocked gnome-keyring and the AT-SPI bus (a screen reader may listen);
# with QUIT_TIME_WALK=1 too, a screen reader's walk over the window (pyatspi, /usr/bin/python3)
# comes before each quit. QUIT_TIME_TOKENS=N makes the store's demo data N tokens (500);
# QUIT_TIME_SHOTS=1 keeps pictures of the screen in /tmp/quit-*.png.
#
# It signs in with a throwaway store's administrator, waits until the main window has settled,
# presses Ctrl+Q and prints the milliseconds until the process ended (median and each round).
import ctypes
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
CONSOLE = os.path.join(build, "app", "tokendesk")
ADMIN = os.path.join(build, "app", "tokendesk-admin")
SERVER = os.path.join(build, "app", "tokendesk-server")
USER, PASSWORD = "admin", "AdminPass#1"  # a throwaway store's, never a real one
SETTLE_S = 4.0

x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XStringToKeysym.restype = ctypes.c_ulong
x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
x11.XKeysymToKeycode.restype = ctypes.c_ubyte
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XKeycodeToKeysym.restype = ctypes.c_ulong
x11.XKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int]
x11.XFlush.argtypes = [ctypes.c_void_p]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("no X display: run under xvfb-run")

NAMES = {"#": "numbersign", "\t": "Tab", "\n": "Return", " ": "space", "-": "minus",
         "_": "underscore", ".": "period"}


def key(name, modifiers=()):
    codes = [x11.XKeysymToKeycode(display, x11.XStringToKeysym(m.encode())) for m in modifiers]
    sym = x11.XStringToKeysym(name.encode())
    code = x11.XKeysymToKeycode(display, sym)
    if x11.XKeycodeToKeysym(display, code, 0) != sym:  # a shifted character
        codes.append(x11.XKeysymToKeycode(display, x11.XStringToKeysym(b"Shift_L")))
    for c in codes:
        xtst.XTestFakeKeyEvent(display, c, 1, 0)
    xtst.XTestFakeKeyEvent(display, code, 1, 0)
    xtst.XTestFakeKeyEvent(display, code, 0, 0)
    for c in reversed(codes):
        xtst.XTestFakeKeyEvent(display, c, 0, 0)
    x11.XFlush(display)
    time.sleep(0.02)


x11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]


def focus(matches, what):
    """Gives the keyboard to the shown top-level window whose title matches (without a window
    manager nobody else does); waits up to 20 s for it."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True,
                              text=True).stdout
        for line in tree.splitlines():
            parts = line.strip().split(None, 1)
            if len(parts) < 2 or not parts[0].startswith("0x") or '"' not in parts[1]:
                continue
            title = parts[1].split('"')[1]
            if not matches(title):
                continue
            info = subprocess.run(["xwininfo", "-id", parts[0]], capture_output=True,
                                  text=True).stdout
            if "IsViewable" in info:
                x11.XSetInputFocus(display, int(parts[0], 16), 2, 0)
                x11.XFlush(display)
                time.sleep(0.3)
                return
        time.sleep(0.2)
    sys.exit(f"no {what} window is shown")


def type_text(text):
    for ch in text:
        key(NAMES.get(ch, ch))


WALK = """
import pyatspi
desktop = pyatspi.Registry.getDesktop(0)
seen = 0
def walk(a, depth=0):
    global seen
    seen += 1
    if seen > 6000 or depth > 40:
        return
    for i in range(a.childCount):
        c = a.getChildAtIndex(i)
        if c is not None:
            walk(c, depth + 1)
for app in desktop:
    if app is not None and app.name == "tokendesk":
        walk(app)
print("walked", seen)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_quit(args, env, trust):
    # Settings of its own each time: the sign-in dialog asks for the user name first.
    env = dict(env, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="config-", dir=work))
    log = open(os.path.join(work, "console.log"), "w")
    console = subprocess.Popen([CONSOLE] + args, env=env, stdout=log, stderr=log)
    try:
        if os.environ.get("QUIT_TIME_SHOTS"):
            subprocess.run(["import", "-window", "root", "/tmp/quit-signin.png"])
        focus(lambda t: t.startswith("Sign in"), "sign-in")
        type_text(USER + "\t" + PASSWORD + "\n")
        if trust:  # the server's self-signed certificate: Trust and Connect
            focus(lambda t: t.startswith("Unknown certificate"), "certificate")
            key("t", ["Alt_L"])
        main = (lambda t: t == "TokenDesk" or t.startswith("TokenDesk —"))
        focus(main, "main")
        time.sleep(SETTLE_S)  # the lists are read, the change follower runs
        if console.poll() is not None:
            sys.exit(f"the console ended early ({console.returncode}): "
                     + open(os.path.join(work, "console.log")).read()[-2000:])
        if os.environ.get("QUIT_TIME_SHOTS"):
            subprocess.run(["import", "-window", "root", "/tmp/quit-main.png"])
        if os.environ.get("QUIT_TIME_WALK"):  # a screen reader has read the window
            subprocess.run(["/usr/bin/python3", "-c", WALK], env=env, timeout=300)
        focus(main, "main")
        # A blocking wait (Popen.wait with a timeout polls, in steps of up to 50 ms).
        stuck = threading.Timer(30, console.kill)
        stuck.start()
        start = time.monotonic()
        key("q", ["Control_L"])
        console.wait()
        end = time.monotonic()
        stuck.cancel()
        if console.returncode != 0:
            sys.exit(f"the console did not quit by itself ({console.returncode})")
        return (end - start) * 1000
    finally:
        if console.poll() is None:
            console.kill()
            console.wait()


def measure(label, args, env, trust=False):
    times = [one_quit(args, env, trust) for _ in range(rounds)]
    print(f"{label}: median {statistics.median(times):.0f} ms "
          f"({', '.join(f'{t:.0f}' for t in times)})", flush=True)


work = tempfile.mkdtemp(prefix="td-quit-")
try:
    store = os.path.join(work, "store.sqlite")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"), QT_QPA_PLATFORM="xcb",
               LANG="C.UTF-8", LANGUAGE="en", DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    env.pop("TOKENDESK_DATABASE", None)
    helpers = []
    if os.environ.get("QUIT_TIME_DESKTOP"):
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            sys.exit("QUIT_TIME_DESKTOP needs a session bus: run under dbus-run-session")
        env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                       input="pw", text=True, capture_output=True, env=env)
        helpers.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher",
                                         "--launch-immediately"], env=env))
        time.sleep(1)
    admin_env = dict(env, TOKENDESK_DATABASE=store)
    for args, stdin in ((["init", "--admin-user", USER, "--password-stdin"], PASSWORD + "\n"),
                        (["demo", "--users", "200", "--tokens", os.environ.get("QUIT_TIME_TOKENS", "500"),
                          "--sessions", "50"], "")):
        subprocess.run([ADMIN] + args, input=stdin, text=True, env=admin_env, check=True,
                       capture_output=True, timeout=900)
    measure("local SQLite store", ["--database", store, "--lang", "en"], env)

    port = free_port()
    cert, pem_key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                    pem_key, "-out", cert], check=True, capture_output=True)
    server = subprocess.Popen([SERVER, "--database", store, "--listen", f"127.0.0.1:{port}",
                               "--tls-cert", cert, "--tls-key", pem_key, "--no-access-log"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        measure("through tokendesk-server",
                ["--server", f"https://127.0.0.1:{port}", "--lang", "en"], env, trust=True)
    finally:
        server.terminate()
        server.wait(10)
finally:
    for h in helpers:
        h.terminate()
    shutil.rmtree(work, ignore_errors=True)
