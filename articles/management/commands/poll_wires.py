"""`manage.py poll_wires`: ask every active agency feed for new copy (conditional GET).

Safe from cron (every few minutes) or as a scheduled task (`--enqueue` puts one
`articles.wire.tasks.poll_wires_task` on the task queue for `db_worker`): each feed is asked
with its stored ETag/Last-Modified, every request has a timeout, no request starts after
`--within` seconds, and ingest is idempotent, so overlapping runs change nothing twice.
"""

from django.core.management.base import BaseCommand

from articles.wire.polling import poll_all
from articles.wire.tasks import poll_wires_task


class Command(BaseCommand):
    help = "Poll the configured agency feeds and ingest what changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--within", type=float, default=50.0, help="Start no request after this many seconds."
        )
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the poll for the task worker instead."
        )

    def handle(self, *args, within, timeout, enqueue, **options):
        if enqueue:
            result = poll_wires_task.enqueue(within=within)
            self.stdout.write(f"Queued poll {result.id}.")
            return
        results = poll_all(within=within, timeout=timeout)
        for result in results:
            self.stdout.write(str(result))
        if not results:
            self.stdout.write("No active wire provider has a feed address.")
