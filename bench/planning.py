"""The planning desk's targets: the budget of a day with 200 plan lines and 600 coverages, and
the iCalendar feed of a year of a desk's plan.

    .venv/bin/python bench/planning.py [--rounds 20] [--lines 200] [--year-lines 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_planning_bench .venv/bin/python bench/planning.py

Builds a throwaway database (SQLite in /tmp unless DATABASE_URL names another; it is migrated
and filled from empty), then times, through Django's test client in this process (server time
only: routing, middleware, view, queries, template), the editor's budget of that day, its week
by desk, and a desk's calendar feed holding a year of lines (`--year-lines` a day, each with
three coverages). Prints p50, p99 and queries per request. Speed is measured here, never in
unit tests.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DATABASE = "/tmp/newsroom-planning-bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.update(
    DEBUG="false",
    SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    LOG_LEVEL="ERROR",
    CACHE_URL="locmemcache://",
    STATIC_ROOT="/tmp/newsroom-planning-bench-static",
)
Path(os.environ["STATIC_ROOT"]).mkdir(exist_ok=True)


def _setup():
    if os.environ["DATABASE_URL"].endswith(DATABASE) and Path(DATABASE).exists():
        Path(DATABASE).unlink()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("flush", interactive=False, verbosity=0) if "postgres" in os.environ[
        "DATABASE_URL"
    ] else None
    call_command("migrate", verbosity=0)


def _fill(day, lines: int, year_lines: int):
    from django.contrib.auth.models import Group, User

    from articles.models import Coverage, Desk, PlanLine, Section

    world = Section.objects.create(name="World", slug="world")
    sports = Section.objects.create(name="Sports", slug="sports", order=1)
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    staff = [User.objects.create_user(f"staff{n}", is_staff=True) for n in range(20)]
    desks = [Desk.objects.create(name=f"Desk {n}", slug=f"desk-{n}") for n in range(4)]

    def make(days, per_day):
        made = PlanLine.objects.bulk_create(
            PlanLine(
                slug=f"LINE-{d}-{n}",
                headline=f"A story the desk owes, number {n}",
                section=(world, sports)[n % 2],
                desk=desks[n % 4],
                planned_on=first + timedelta(days=d),
                slot=("morning", "afternoon", "evening")[n % 3],
                position=n,
            )
            for first in [day]
            for d in range(days)
            for n in range(per_day)
        )
        Coverage.objects.bulk_create(
            Coverage(
                plan_line=line,
                kind=kind,
                assignee=staff[(line.pk + i) % 20],
                desk=desks[0],
                status="assigned",
            )
            for line in made
            for i, kind in enumerate(("text", "photo", "video"))
        )

    make(1, lines)
    make(365, year_lines)
    return editor, desks[0]


def _time(label, call, rounds):
    from django.db import connection, reset_queries

    call()  # warm
    times, queries = [], 0
    for _ in range(rounds):
        reset_queries()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {label} | {statistics.median(times):.1f} | {p99:.1f} | {queries} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--year-lines", type=int, default=3)
    args = parser.parse_args()
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from articles.planning import calendars

    settings.DEBUG = True  # for connection.queries only
    connection.force_debug_cursor = True
    day = timezone.localdate() + timedelta(days=1)
    editor, desk = _fill(day, args.lines, args.year_lines)
    client = Client()
    client.force_login(editor)
    budget = f"/admin/articles/planline/?day={day:%Y-%m-%d}"
    week = f"{budget}&span=week&group=desk"
    print(
        f"{args.lines} lines ({args.lines * 3} coverages) on {day}; a year of "
        f"{args.year_lines} lines a day for the calendar; {connection.vendor}"
    )
    print("| what | p50 ms | p99 ms | queries |\n| --- | --- | --- | --- |")
    _time("budget of the day", lambda: client.get(budget), args.rounds)
    _time("budget of the week by desk", lambda: client.get(week), max(3, args.rounds // 4))
    _time("a desk's calendar, a year", lambda: calendars.desk_calendar(desk), args.rounds)


if __name__ == "__main__":
    main()
