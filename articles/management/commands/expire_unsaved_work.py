"""`manage.py expire_unsaved_work`: forget autosaved forms older than a week and presence
rows of forms no longer heard from. Both are also cleaned as editors work; run this from cron
(daily is plenty) so a quiet newsroom's tables stay small too."""

from django.core.management.base import BaseCommand

from articles.desk import autosave, presence


class Command(BaseCommand):
    help = "Forget autosaved article forms past their age and presence of closed forms."

    def handle(self, *args, **options):
        forms = autosave.forget_expired()
        present = presence.forget_expired()
        self.stdout.write(
            f"Forgot {forms} unsaved form(s) older than {autosave.MAX_AGE.days} days "
            f"and {present} presence row(s) of closed forms."
        )
