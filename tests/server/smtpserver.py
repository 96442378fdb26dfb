#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A real SMTP server for tst_notices (Debian's python3-aiosmtpd).

STARTTLS is required before anything else and AUTH (PLAIN, LOGIN) before MAIL; the one account
is --user with the password in --password-file. Every message accepted is written to --maildir
as <n>.eml, its envelope recipients first as "X-Envelope-To:" lines. Two switches, files in
--maildir read at each message: "refuse-next" holds how many messages to answer 451 (a
temporary failure) before accepting again; a recipient at refused.example is answered 550.
Prints "ready PORT" once listening; ends when standard input closes.
"""
import argparse
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    def _refuse(self):
        path = os.path.join(self.maildir, "refuse-next")
        try:
            with open(path) as f:
                n = int(f.read().strip() or "0")
        except FileNotFoundError:
            return False
        if n <= 0:
            return False
        with open(path, "w") as f:
            f.write(str(n - 1))
        return True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@refused.example"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._refuse():
            return "451 4.3.0 Try again later"
        self.count += 1
        head = "".join("X-Envelope-To: %s\r\n" % r for r in envelope.rcpt_tos)
        head += "X-Envelope-From: %s\r\n" % envelope.mail_from
        head += "X-Authenticated: %s\r\n" % ("yes" if session.authenticated else "no")
        head += "X-Tls: %s\r\n" % ("yes" if session.ssl else "no")
        tmp = os.path.join(self.maildir, ".%d.tmp" % self.count)
        with open(tmp, "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(tmp, os.path.join(self.maildir, "%d.eml" % self.count))
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--maildir", required=True)
    a = p.parse_args()
    with open(a.password_file) as f:
        password = f.read().strip()

    def authenticator(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user
                and auth_data.password.decode() == password):
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Handler(a.maildir), hostname="127.0.0.1", port=port,
                            tls_context=context, require_starttls=True, auth_required=True,
                            auth_require_tls=True, authenticator=authenticator,
                            decode_data=False)
    controller.start()
    print("ready %d" % port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
