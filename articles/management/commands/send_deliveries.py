"""Send every syndication delivery that is due now, in this process, and say how they ended.

The worker (`manage.py db_worker`) normally sends them as they fall due; this drains the
delivery log by hand or from cron where no worker runs (or the queue could not be reached).
"""

from django.core.management.base import BaseCommand

from articles.syndication.push import send_due


class Command(BaseCommand):
    help = "Send the syndication deliveries that are due now (retries and embargo lifts included)."

    def handle(self, *args, **options):
        outcome = send_due()
        if not outcome:
            self.stdout.write("Nothing due.")
        for status, count in sorted(outcome.items()):
            self.stdout.write(f"{status}: {count}")
