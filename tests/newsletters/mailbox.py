"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts: what the
newsletters' sending is tested against here and measured against in `bench/newsletters.py`.

`Mailbox()` binds a free port on 127.0.0.1 (the system picks it), runs in a thread, and keeps
each accepted message's envelope and raw bytes. It can refuse recipients (`refuse[address] =
"550 …"`) and be stopped and started again on the same port (a service down mid-send).
"""

import importlib
import sys
import threading
from email import message_from_bytes, policy


def _aiosmtpd_controller():
    """aiosmtpd's Controller. aiosmtpd needs atpublic, whose module is called `public`, like
    the suite's tests/public/ package (which pytest imports as `public` with tests/ on the
    path): import the library's one while the path leaves tests/ out, then put back whatever
    `public` was."""
    shadowing = sys.modules.pop("public", None)
    saved_path = sys.path[:]
    sys.path[:] = [entry for entry in sys.path if not entry.rstrip("/").endswith("tests")]
    try:
        importlib.import_module("public")
        return importlib.import_module("aiosmtpd.controller").Controller
    finally:
        sys.path[:] = saved_path
        if shadowing is not None:
            sys.modules["public"] = shadowing
        else:
            sys.modules.pop("public", None)


Controller = _aiosmtpd_controller()


class _Controller(Controller):
    def _trigger_server(self):
        # Bound to port 0: learn the port the system picked before the first connection.
        if self.port == 0:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class Mailbox:
    """Messages accepted, refusals to make, and the server's start and stop."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: dict[str, str] = {}
        self.lock = threading.Lock()
        self.port = 0
        self.controller = None

    # aiosmtpd's handler hooks ------------------------------------------------------------

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    # The server ----------------------------------------------------------------------------

    def start(self):
        self.controller = _Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.port = self.controller.port
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    # Reading what arrived ------------------------------------------------------------------

    def parsed(self):
        with self.lock:
            raw = [content for _, _, content in self.messages]
        return [message_from_bytes(content, policy=policy.SMTP) for content in raw]

    def recipients(self) -> list[str]:
        with self.lock:
            return [to for _, tos, _ in self.messages for to in tos]

    def clear(self):
        with self.lock:
            self.messages.clear()
