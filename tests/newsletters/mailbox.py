"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts: what the
newsletters' sending is tested against here and measured against in `bench/newsletters.py`.

`Mailbox()` binds a free port on 127.0.0.1 (the system picks it), runs in a thread, and keeps
each accepted message's envelope and raw bytes. It can refuse recipients (`refuse[address] =
"550 …"`) and be stopped and started again on the same port (a service down mid-send).
"""

import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


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
