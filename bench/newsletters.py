"""Sending a newsletter issue to many readers through a real SMTP server on loopback.

    .venv/bin/python bench/newsletters.py                      # 50,000 readers, SQLite
    .venv/bin/python bench/newsletters.py --readers 5000 --kills 3
    .venv/bin/python bench/newsletters.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_newsletters_bench

A fresh database (a SQLite file in a temporary folder, or the PostgreSQL database named, which
is emptied first) gets a newsletter, N confirmed readers and an issue, started. Then
`manage.py send_newsletters --until-done` sends it, in batches, through the newsletters' SMTP
backend to an aiosmtpd server in this process (`tests/newsletters/mailbox.py`) — killed with
SIGKILL `--kills` times at random moments and started again, as a crashed worker would be.

It prints messages per second and checks what the target asks: every reader got exactly one
message with an unsubscribe link of their own, none twice; a copy the sender was handing over
as it was killed is recorded "unconfirmed" (it may or may not have arrived) and never sent again.
`prepare()` and `sender()` are shared with the CI test at a small size
(tests/newsletters/test_restarts.py).
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare(readers: int):
    """A newsletter with `readers` confirmed readers and one issue, started (its copies queued).
    Needs Django set up on the database to fill. Returns the issue."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from articles.models import Article, Newsletter, Reader, Section, Subscription
    from articles.newsletters import composing, sending
    from articles.workflow import create_story, publish

    editor = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-editor", "bench@news.example.org"
    )
    section, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    story = create_story(
        Article(
            headline="Power restored in Kyiv after overnight strikes",
            slug=f"bench-story-{int(time.time() * 1000)}",
            standfirst="Engineers worked through the night to bring the grid back.",
            body="<p>Residents woke to light.</p>",
            section=section,
            byline_override="Staff Correspondent",
        )
    )
    publish(story, at=timezone.now() - timedelta(hours=1))
    newsletter = Newsletter.objects.create(
        name=f"Bench Briefing {int(time.time())}",
        slug=f"bench-briefing-{int(time.time() * 1000)}",
        sender_name="The Newsroom",
        sender_email="briefing@news.example.org",
    )
    now = timezone.now()
    made = Reader.objects.bulk_create(
        (
            Reader(email=f"reader{n:06d}@bench.example", status="confirmed", confirmed_at=now)
            for n in range(readers)
        ),
        batch_size=2000,
    )
    made = Reader.objects.filter(email__endswith="@bench.example").values_list("pk", flat=True)
    Subscription.objects.bulk_create(
        (Subscription(reader_id=pk, newsletter=newsletter) for pk in made), batch_size=2000
    )
    issue = composing.new_issue(
        newsletter, by=editor, stories=[story], subject="Bench issue", preheader="A test."
    )
    sending.send_now(issue, by=editor)
    sending.start(issue.pk)
    return issue


def sender(database_url: str, port: int, *, batch_size: int = 500) -> subprocess.Popen:
    """`manage.py send_newsletters --until-done` on `database_url`, to the mailbox on `port`."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "NEWSLETTER_EMAIL_BACKEND": "articles.newsletters.smtp.EmailBackend",
        "NEWSLETTER_EMAIL_OPTIONS": json.dumps({"host": "127.0.0.1", "port": port, "timeout": 10}),
        "NEWSLETTER_BATCH_SIZE": str(batch_size),
        "NEWSLETTER_RATE_PER_SECOND": "1000000",
        # A killed sender's claim lapses after a second, so the next one takes over at once.
        "NEWSLETTER_CLAIM_SECONDS": "1",
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
    }
    environment.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    environment.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "send_newsletters", "--until-done"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def send_with_kills(database_url, mailbox, total, kills, *, seed=1, batch_size=500, log=print):
    """Run senders until the mailbox holds `total` copies or a sender ends by itself, killing
    the first `kills` of them once a random share of the copies has arrived."""
    chooser = random.Random(seed)
    marks = sorted(chooser.uniform(0.05, 0.95) for _ in range(kills))
    runs = 0
    while True:
        runs += 1
        process = sender(database_url, mailbox.port, batch_size=batch_size)
        mark = int(total * marks.pop(0)) if marks else None
        while process.poll() is None:
            if mark is not None and len(mailbox.messages) >= mark:
                process.send_signal(signal.SIGKILL)
                process.wait()
                process.stderr.close()
                log(f"  killed the sender after {len(mailbox.messages):,} messages")
                time.sleep(1.2)  # its claim lapses (NEWSLETTER_CLAIM_SECONDS=1)
                break
            time.sleep(0.01)
        else:
            errors = process.stderr.read().decode()
            process.stderr.close()
            if process.returncode:
                raise RuntimeError(errors[-3000:])
            return runs


def check(mailbox, issue_id) -> dict:
    """What arrived against what the database says."""
    from articles.models import Recipient
    from articles.newsletters import sending

    received = Counter(mailbox.recipients())
    links = {message["List-Unsubscribe"] for message in mailbox.parsed()}
    issue = Recipient.objects.filter(issue_id=issue_id).first().issue
    progress = sending.progress(issue)
    unconfirmed = set(
        Recipient.objects.filter(issue_id=issue_id, status="unconfirmed").values_list(
            "email", flat=True
        )
    )
    sent = set(
        Recipient.objects.filter(issue_id=issue_id, status="sent").values_list("email", flat=True)
    )
    return {
        "received": sum(received.values()),
        "readers_reached": len(received),
        "duplicates": sum(count - 1 for count in received.values() if count > 1),
        "distinct_unsubscribe_links": len(links),
        "progress": progress,
        "sent_but_not_received": len(sent - set(received)),
        "unconfirmed_received": len(unconfirmed & set(received)),
        "unconfirmed_not_received": len(unconfirmed - set(received)),
        "issue_status": issue.status,
    }


def _database(url: str | None, folder: Path) -> str:
    if url is None:
        return f"sqlite:///{folder / 'bench-newsletters.sqlite3'}"
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=50_000)
    parser.add_argument("--kills", type=int, default=0, help="Kill the sender this many times.")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-newsletters-"))
    url = _database(arguments.database_url, folder)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijkl"),
        ALLOWED_HOSTS="127.0.0.1",
        TASKS_BACKEND="database",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("NEWSROOM_ENV_FILE", None)
    import django
    from django.core.management import call_command

    django.setup()
    if arguments.database_url:
        call_command("flush", interactive=False, verbosity=0)
    print(f"Migrating {url} …", flush=True)
    call_command("migrate", verbosity=0)
    from tests.newsletters.mailbox import Mailbox

    started = time.monotonic()
    issue = prepare(arguments.readers)
    print(
        f"{arguments.readers:,} readers and the issue queued in {time.monotonic() - started:.1f} s"
    )
    mailbox = Mailbox().start()
    try:
        started = time.monotonic()
        runs = send_with_kills(
            url,
            mailbox,
            arguments.readers,
            arguments.kills,
            seed=arguments.seed,
            batch_size=arguments.batch_size,
        )
        elapsed = time.monotonic() - started
    finally:
        mailbox.stop()
    result = check(mailbox, issue.pk)
    result |= {
        "seconds": round(elapsed, 1),
        "messages_per_second": round(result["received"] / elapsed, 1),
        "sender_runs": runs,
    }
    print(json.dumps(result, indent=2))
    ok = (
        result["duplicates"] == 0
        and result["distinct_unsubscribe_links"] == result["received"]
        and result["sent_but_not_received"] == 0
        and result["progress"]["sent"] + result["progress"]["unconfirmed"] == arguments.readers
    )
    print("OK: no reader got two copies; every sent copy arrived." if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
