"""Waiting for what the live server does in its own threads."""

import time

from django.db import OperationalError


def eventually(condition, timeout=5.0):
    """Wait until `condition()` holds. On SQLite the test database is in memory and shared
    with the live server's threads: a read that meets a background write (a heartbeat, an
    autosave) finds the table locked, and simply tries again."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except OperationalError:
            pass
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
