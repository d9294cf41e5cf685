"""`manage.py send_newsletters`: the newsletters' clock, for cron every minute.

It drafts the issues due to draft themselves, starts scheduled issues whose time has come and
resumes sends whose worker stopped (`articles.newsletters.sending.tick`); the sending itself is
done by `db_worker` in batches. `--until-done` sends every waiting batch in this process
instead, until nothing is left (a machine without a worker, a one-off, the tests and the
benchmark). Everything it does is idempotent: overlapping runs send nothing twice.
"""

from django.core.management.base import BaseCommand

from articles.models import Issue, IssueStatus
from articles.newsletters import sending


class Command(BaseCommand):
    help = "Draft, start and resume newsletter issues (run every minute from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--until-done",
            action="store_true",
            help="Send every waiting batch here, until no issue is left sending.",
        )

    def handle(self, *args, until_done, **options):
        done = sending.tick()
        self.stdout.write(
            f"Drafted {done['drafted']}, started {done['started']}, resumed {done['resumed']}."
        )
        if until_done:
            self.send_everything()

    def send_everything(self):
        while True:
            sending_now = list(
                Issue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True)
            )
            progressed = False
            for issue_id in sending_now:
                outcome = sending.send_batch(issue_id)
                if outcome is not None and (outcome.sent or outcome.failed or outcome.deferred):
                    progressed = True
                    self.stdout.write(f"Issue {issue_id}: {outcome.sent} sent in this batch.")
            if not progressed:
                left = Issue.objects.filter(status=IssueStatus.SENDING).count()
                self.stdout.write(
                    "Nothing left to send." if not left else f"{left} issue(s) waiting to retry."
                )
                return
