"""`manage.py send_planning_notifications`: remind whoever's coverage is due soon, and send every
planning email and desk webhook message waiting (the worker does the sending as changes
happen; this catches up). Run it every few minutes; `--digest` also sends each person's daily
digest (run it once in the morning: a second run the same day sends none)."""

from django.core.management.base import BaseCommand

from articles.planning.reminders import remind_due_soon, send_digests
from articles.planning.sending import send_pending


class Command(BaseCommand):
    help = "Send due-soon reminders (and with --digest the daily digests), then what is waiting."

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="Also send today's digests.")

    def handle(self, *args, digest=False, **options):
        reminded = remind_due_soon()
        digests = send_digests() if digest else 0
        sent = send_pending()
        self.stdout.write(
            f"Reminded {reminded}, digests {digests}; emailed {sent['emailed']}, "
            f"posted {sent['posted']}, failed {sent['failed']}."
        )
