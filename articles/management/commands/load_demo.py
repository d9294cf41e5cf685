"""`manage.py load_demo`: fill a local database with the demo newsroom and print the logins.

Safe to run on every start (`make run` does): a second run finds everything in place, writes
nothing and draws no pictures. It refuses to run with DEBUG off unless told to, because it
creates staff accounts whose passwords are printed for anyone to read.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo import content
from articles.demo.live_desk import load_live_desk
from articles.demo.loader import load_newsroom
from articles.demo.picture_desk import illustrate
from articles.demo.planning_desk import load_planning_desk
from articles.demo.wire_desk import load_wire_desk


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent) and print the demo logins. Local use only."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not list each item created.")
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="Skip drawing lead images, renditions and author photos.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even with DEBUG off (tests, throwaway servers). Never on a public site: "
            "the demo accounts' passwords are public.",
        )

    def handle(self, *args, quiet=False, no_images=False, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off, so this looks like a real site: load_demo would create staff "
                "accounts with published passwords. Pass --allow-without-debug if you mean it."
            )
        started = time.perf_counter()
        report = (lambda message: None) if quiet else self._report
        created = load_newsroom(report)
        created |= load_wire_desk(report)
        created |= load_planning_desk(report)
        created |= load_live_desk(report)
        if not no_images:
            created |= illustrate(report)
        elapsed = time.perf_counter() - started

        made = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Demo newsroom ready in {elapsed:.1f} s")
            + (f": created {made}." if made else ": already loaded, nothing changed.")
        )
        self._print_logins()

    def _report(self, message: str) -> None:
        self.stdout.write(f"  + {message}")

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING("Demo logins — for local development only, never on a public site:")
        )
        for username, password, group, _ in content.LOGINS:
            self.stdout.write(f"  {username:<12} {password:<22} {group or 'superuser'}")
        self.stdout.write(
            f"Sign in at {settings.SITE_URL}/admin/ (passwords are set when an account is first "
            "created; changing one in the admin is not undone here)."
        )
