"""The target at CI's size: an issue sent by `manage.py send_newsletters` through a real SMTP
server on loopback, the sender killed (SIGKILL) twice mid-send and started again — every reader
gets exactly one copy with an unsubscribe link of their own, and no copy is sent twice (the
50,000-reader run with its messages per second is `bench/newsletters.py`).

The sender is another process, so it works on a database file of its own: on SQLite a copy of
this test's database (`sqlite3`'s backup), on PostgreSQL the test database itself.
"""

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from tests.newsletters.mailbox import Mailbox

# bench/newsletters.py, by its path (a plain `import newsletters` would find tests/newsletters).
_spec = importlib.util.spec_from_file_location(
    "bench_newsletters", Path(__file__).resolve().parents[2] / "bench" / "newsletters.py"
)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

READERS = 200

pytestmark = pytest.mark.django_db(transaction=True)


def database_for_the_sender(tmp_path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = tmp_path / "sender.sqlite3"
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def results(url: str, issue_id: int) -> dict[str, str]:
    """{address: state} of every copy, read where the sender wrote it."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            rows = database.execute(
                "SELECT email, status FROM articles_recipient WHERE issue_id = ?", [issue_id]
            ).fetchall()
        return dict(rows)
    from articles.models import Recipient

    return dict(Recipient.objects.filter(issue_id=issue_id).values_list("email", "status"))


def test_it_sends_each_reader_exactly_one_copy_across_two_kills(tmp_path):
    issue = bench.prepare(READERS)
    url = database_for_the_sender(tmp_path)
    mailbox = Mailbox().start()
    try:
        runs = bench.send_with_kills(
            url, mailbox, READERS, kills=2, batch_size=40, log=lambda _: None
        )
    finally:
        mailbox.stop()
    assert runs == 3
    received = mailbox.recipients()
    states = results(url, issue.pk)
    assert len(received) == len(set(received)), "a reader got two copies"
    assert len({m["List-Unsubscribe"] for m in mailbox.parsed()}) == len(received)
    sent = {email for email, state in states.items() if state == "sent"}
    unconfirmed = {email for email, state in states.items() if state == "unconfirmed"}
    assert sent | unconfirmed == set(states) and len(states) == READERS
    assert sent <= set(received)  # nothing is called sent that did not arrive
    assert len(unconfirmed) <= 2  # at most the copy in hand at each kill
    assert set(received) - sent <= unconfirmed
