"""SMTP for newsletters: Django's SMTP backend, telling the sender the moment a message is
handed over.

An SMTP server takes a message when it reads the line "." that ends its DATA; a client that
dies before writing that line has sent nothing (the server drops the half-received message).
This backend writes the whole message, then calls the connection's `hand_over` callback, then
writes the final "." — so the sender records "handed over" while the message can still be
withdrawn by dying, and a copy is never left unrecorded once the server has it. Between the
record and the "." lies one small write: a sender killed exactly there leaves a copy recorded
but not sent (it shows as "unconfirmed", never sent twice). Other services (anymail's HTTP
backends) are handed a message by the API call itself, and the sender records just before it.
"""

import re
import smtplib
import socket

from django.core.mail.backends import smtp

_CRLF = b"\r\n"
_LEADING_PERIOD = re.compile(rb"(?m)^\.")


class _HandOver:
    hand_over = None

    def connect(self, *args, **kwargs):
        answer = super().connect(*args, **kwargs)
        # The final "." goes in a write of its own: without NODELAY, Nagle's algorithm holds it
        # until the server acknowledges the message (a delayed ACK: 40 ms a message).
        if self.sock is not None:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return answer

    def data(self, msg):
        """smtplib's DATA, with the callback between the message and its final "."."""
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        quoted = _LEADING_PERIOD.sub(b"..", msg)
        if quoted[-2:] != _CRLF:
            quoted += _CRLF
        self.send(quoted)
        if self.hand_over is not None:
            self.hand_over()
        self.send(b"." + _CRLF)
        return self.getreply()


class HandOverSMTP(_HandOver, smtplib.SMTP):
    pass


class HandOverSMTPSSL(_HandOver, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    """`NEWSLETTER_EMAIL_BACKEND=articles.newsletters.smtp.EmailBackend` (the default)."""

    supports_hand_over = True

    @property
    def connection_class(self):
        return HandOverSMTPSSL if self.use_ssl else HandOverSMTP

    def send_raw_handing_over(self, sender: str, to: str, raw: bytes, hand_over) -> None:
        """Send ready-made message bytes (`articles.newsletters.mail.RawIssue`) the same way."""
        self.open()
        self.connection.hand_over = hand_over
        try:
            self.connection.sendmail(sender, [to], raw)
        finally:
            if self.connection is not None:
                self.connection.hand_over = None

    def send_handing_over(self, message, hand_over) -> None:
        """Send one message, calling `hand_over()` just before the server can take it.
        Raises what smtplib raises (nothing is swallowed)."""
        self.open()
        self.connection.hand_over = hand_over
        try:
            self._send(message)
        finally:
            if self.connection is not None:
                self.connection.hand_over = None
