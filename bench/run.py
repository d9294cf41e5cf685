"""The performance benchmark behind `make bench`: every public page type served by gunicorn
(2 sync workers) on loopback and driven by wrk, reported as requests/s, p50/p99 latency and the
ratio to a bare Django view (`/healthz`) measured in the same run under the same settings.

    make bench                                  # SQLite demo + PostgreSQL with 20,000 stories
    make bench BENCH_ARGS="--stories 1000000"   # PostgreSQL with a million stories
    .venv/bin/python bench/run.py --only sqlite --seconds 3

For each database it measures four set-ups: no caches at all (every request renders
everything), pages rendered per request with their repeated fragments cached ("uncached
pages"), the page cache on an in-process (locmem) cache, and the page cache on Redis. Production
settings (DEBUG off, manifest static files); wrk -t2 -c16; each page warmed first. Reports
land in bench/results/ and the last table is printed. Ratios, not absolute numbers, compare
across machines: the machine's speed cancels out.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
RESULTS = ROOT / "bench/results"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PG_ROOT = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SETUPS = {
    # Every request renders everything: the cost of a cold page.
    "no caches": {"PAGE_CACHE": "false", "FRAGMENT_CACHE": "false"},
    # Pages render per request, their repeated fragments once per change.
    "uncached pages": {"PAGE_CACHE": "false"},
    "cached (locmem)": {"PAGE_CACHE": "true"},
    "cached (Redis)": {"PAGE_CACHE": "true", "REDIS_URL": REDIS_URL},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url: str, port: int, workdir: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL")},
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "NEWSROOM_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare_sqlite(workdir: Path, port: int) -> tuple[str, dict]:
    database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = base_env(database_url, port, workdir)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet", "--allow-without-debug")
    return "SQLite, demo newsroom", env


def prepare_postgres(workdir: Path, port: int, stories: int, reuse: bool) -> tuple[str, dict]:
    name = f"newsroom_bench_{stories}"
    database_url = f"{PG_ROOT}/{name}"
    env = base_env(database_url, port, workdir)
    # Building a big archive runs statements far longer than a page may.
    build_env = {**env, "DATABASE_STATEMENT_TIMEOUT": "0"}
    if not reuse:
        admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q"]
        subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run([*admin, "-c", f"CREATE DATABASE {name}"], check=True)
        manage(build_env, "migrate", "--noinput", "-v0")
        started = time.monotonic()
        subprocess.run(
            [PYTHON, "bench/generate.py", str(stories)], cwd=ROOT, env=build_env, check=True
        )
        print(f"  generated {stories:,} stories in {time.monotonic() - started:.0f} s")
        subprocess.run([*admin, "-d", name, "-c", "VACUUM ANALYZE"], check=True)
    return f"PostgreSQL, {stories:,} stories", env


def pick_pages(env: dict, prefixes: list[str] | None = None) -> list[str]:
    """One address per page type, read from the database being measured."""
    script = """
import django; django.setup()
from articles.models import Article, Author, Region, Source, Tag
from django.db.models import Count
story = list(Article.objects.published().latest_first()[:200])[-1]
tag = Tag.objects.public().annotate(n=Count("tagged_articles")).order_by("-n").first()
region = Region.objects.filter(parent=None).exclude(kind="grouping").order_by("pk").first()
source = Source.objects.public().order_by("pk").first()
author = Author.objects.public().order_by("pk").first()
for url in ("/", story.section.get_absolute_url(), story.get_absolute_url(),
            "/regions/", region.get_absolute_url(), "/sources/", source.get_absolute_url(),
            "/tags/", tag.get_absolute_url(), author.get_absolute_url(),
            "/search/?q=" + story.headline.split()[-1], "/feeds/latest/rss/",
            "/sitemap.xml", "/sitemap-news.xml",
            "/api/ninjs/", f"/api/ninjs/{story.pk}/"):
    print(url)
"""
    done = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"could not pick the pages:\n{done.stderr[-3000:]}")
    pages = done.stdout.split()
    if prefixes:
        pages = [page for page in pages if page.startswith(tuple(prefixes))]
    return ["/healthz", *pages]


def serve(env: dict, port: int, workdir: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [GUNICORN, "newsroom.wsgi", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(workdir / "gunicorn.log", "a"),
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    output = subprocess.run(
        # As browsers and CDNs ask: compressed.
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", "Accept-Encoding: gzip", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses")

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(\w+)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, latency(50), latency(99)


def measure(label, env, port, workdir, pages, seconds, connections) -> list[dict]:
    rows = []
    for setup, extra in SETUPS.items():
        if "REDIS_URL" in extra:
            subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"],
                           check=False, capture_output=True)  # fmt: skip
        process = serve({**env, **extra}, port, workdir)
        try:
            base = None
            for page in pages:
                url = f"http://127.0.0.1:{port}{page}"
                for _ in range(3):  # warm: both workers, and the cache where there is one
                    urllib.request.urlopen(url, timeout=30).read()
                rps, p50, p99 = wrk(url, seconds, connections)
                base = base or rps
                rows.append(
                    {"setup": setup, "page": page, "rps": rps, "p50": p50, "p99": p99,
                     "ratio": rps / base}
                )  # fmt: skip
                print(f"  {label:28} {setup:16} {page[:48]:48} {rps:9.1f} req/s "
                      f"p99 {p99:7.2f} ms  ratio {rps / base:5.3f}", flush=True)  # fmt: skip
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    return rows


def table(label: str, rows: list[dict]) -> str:
    setups = list(SETUPS)
    pages = list(dict.fromkeys(row["page"] for row in rows))
    by = {(row["setup"], row["page"]): row for row in rows}
    lines = [
        f"### {label}",
        "",
        "| page | " + " | ".join(f"{s}: req/s (ratio), p99 ms" for s in setups) + " |",
        "| --- |" + " ---: |" * len(setups),
    ]
    for page in pages:
        cells = []
        for setup in setups:
            row = by.get((setup, page))
            cells.append(f"{row['rps']:,.0f} ({row['ratio']:.2f}), {row['p99']:.1f}" if row else "")
        lines.append(f"| `{page}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=20_000, help="PostgreSQL archive size")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="measure one database")
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reuse", action="store_true", help="keep an existing generated DB")
    parser.add_argument(
        "--pages",
        help="measure only pages starting with these comma-separated prefixes, e.g. /api/ "
        "(/healthz is always measured: it is the ratios' base)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    workdir = Path("/tmp/newsroom-bench")
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    port = free_port()
    RESULTS.mkdir(exist_ok=True)
    sections = []
    targets = []
    if args.only in (None, "sqlite"):
        targets.append(lambda: prepare_sqlite(workdir, port))
    if args.only in (None, "postgres"):
        targets.append(lambda: prepare_postgres(workdir, port, args.stories, args.reuse))
    for prepare in targets:
        label, env = prepare()
        manage(env, "collectstatic", "--noinput", "-v0")
        pages = pick_pages(env, args.pages.split(",") if args.pages else None)
        print(f"{label}: {len(pages)} pages × {len(SETUPS)} set-ups", flush=True)
        rows = measure(label, env, port, workdir, pages, args.seconds, args.connections)
        sections.append(table(label, rows))

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = RESULTS / f"report-{stamp}.md"
    header = (
        f"# Newsroom benchmark, {stamp}\n\ngunicorn 2 sync workers, wrk -t2 "
        f"-c{args.connections} -d{args.seconds}s with Accept-Encoding: gzip (as browsers "
        "and CDNs ask), production settings, ratio = req/s ÷ "
        "req/s of /healthz (a bare Django view) in the same set-up.\n"
    )
    report.write_text(header + "\n" + "\n\n".join(sections) + "\n")
    print("\n" + report.read_text())
    print(f"report: {report.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
