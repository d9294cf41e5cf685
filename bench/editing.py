"""Reading while the newsroom edits (`make bench` scenario "editing"): a Zipf-distributed read mix
served by gunicorn from the page cache on Redis while a process saves a live story at a fixed
interval, beside the bare Django view in the same run.

    .venv/bin/python bench/editing.py                       # PostgreSQL, 20,000 stories
    .venv/bin/python bench/editing.py --reuse --seconds 10  # keep the generated archive

The mix: the home page and the sections first, then the 3,000 newest stories, 200 tags, 150
regions, 60 sources and 60 authors, drawn Zipf(s=1) by rank; every address is warmed once.
Runs (wrk -t2 -c16, gzip accepted): the bare view (`/healthz`), the mix with nobody editing,
and the mix while one recent story's standfirst is saved through `workflow.save_edits` every 10 s, 2 s
and 0.5 s. Reported: requests/s (ratio to the no-edit run; the no-edit run's ratio to the bare
view), p50, p99, and the share served from the cache (X-Cache HIT or STALE). docs/operations/
caching.md has the last table.
"""

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PG_ROOT, PYTHON, RESULTS, ROOT, base_env, free_port, manage, serve  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")  # as bench/run.py
DATABASE = os.environ.get("BENCH_EDITING_DATABASE", "newsroom_bench_editing")
INTERVALS = (10.0, 2.0, 0.5)

ADDRESSES = """
import django; django.setup()
from articles.models import Article, Author, Region, Section, Source, Tag
from django.db.models import Count
print("/")
for section in Section.objects.order_by("order", "pk"):
    print(section.get_absolute_url())
for story in Article.objects.published().with_cards().latest_first()[:3000]:
    print(story.get_absolute_url())
for tag in Tag.objects.public().annotate(n=Count("tagged_articles")).order_by("-n", "pk")[:200]:
    print(tag.get_absolute_url())
for region in Region.objects.exclude(kind="grouping").order_by("depth", "pk")[:150]:
    print(region.get_absolute_url())
for source in Source.objects.public().order_by("pk")[:60]:
    print(source.get_absolute_url())
for author in Author.objects.public().order_by("pk")[:60]:
    print(author.get_absolute_url())
"""

# Saves a recent live story's standfirst (one character toggled) every INTERVAL s; with no
# interval, once (so that the measured runs start from a story whose filing is recorded, as in
# a newsroom where stories are saved all day).
EDITOR = """
import sys, time, django; django.setup()
from articles.models import Article
from articles.workflow import save_edits
interval = float(sys.argv[1]) if len(sys.argv) > 1 else None
pk = Article.objects.published().latest_first().values_list("pk", flat=True)[5]
while True:
    story = Article.objects.get(pk=pk)
    words = story.standfirst
    story.standfirst = words[:-1] if words.endswith("!") else words + "!"
    save_edits(story)
    if interval is None:
        break
    time.sleep(interval)
"""

WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  hits = 0; total = 0
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
end
function request()
  local r = math.random() * cum[#cum]
  local lo, hi = 1, #cum
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body)
  total = total + 1
  local state = headers["X-Cache"]
  if state == "HIT" or state == "STALE" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do h = h + thread:get("hits"); t = t + thread:get("total") end
  io.write(string.format("cache-hits %d %d\\n", h, t))
end
"""


def prepare(workdir: Path, port: int, stories: int, reuse: bool) -> dict:
    env = {**base_env(f"{PG_ROOT}/{DATABASE}", port, workdir), "REDIS_URL": REDIS_URL}
    if not reuse:
        admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q"]
        subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
        subprocess.run([*admin, "-c", f"CREATE DATABASE {DATABASE}"], check=True)
        build = {**env, "DATABASE_STATEMENT_TIMEOUT": "0"}
        manage(build, "migrate", "--noinput", "-v0")
        subprocess.run([PYTHON, "bench/generate.py", str(stories)], cwd=ROOT, env=build, check=True)
        subprocess.run([*admin, "-d", DATABASE, "-c", "VACUUM ANALYZE"], check=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def lua_for(paths: list[str]) -> str:
    """The wrk script with the addresses and their Zipf(s=1) cumulative weights."""
    total, cum = 0.0, []
    for rank in range(1, len(paths) + 1):
        total += 1 / rank
        cum.append(total)
    quoted = ",".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
    return f"paths = {{{quoted}}}\ncum = {{{','.join(f'{c:.9f}' for c in cum)}}}\n" + WRK_SCRIPT


def wrk(url: str, seconds: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(\w+)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    hits = re.search(r"cache-hits (\d+) (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "cached": int(hits.group(1)) / max(1, int(hits.group(2))) if hits else None,
    }


def warm(base: str, paths: list[str]) -> None:
    def fetch(path):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        urllib.request.urlopen(request, timeout=60).read()

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, paths))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the generated archive")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-editing-"))
    port = free_port()
    env = prepare(workdir, port, args.stories, args.reuse)
    paths = subprocess.run(
        [PYTHON, "-c", ADDRESSES], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    script = workdir / "mix.lua"
    script.write_text(lua_for(paths))
    subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"], check=False)
    subprocess.run([PYTHON, "-c", EDITOR], cwd=ROOT, env=env, check=True)
    server = serve(env, port, workdir)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        warm(base, paths)
        rows.append(("bare Django view (`/healthz`)", wrk(base + "/healthz", args.seconds)))
        rows.append(("nobody edits", wrk(base + "/", args.seconds, script)))
        for interval in INTERVALS:
            editor = subprocess.Popen([PYTHON, "-c", EDITOR, str(interval)], cwd=ROOT, env=env)
            try:
                time.sleep(min(interval, 2))
                rows.append((f"one public change every {interval:g} s", wrk(base + "/", args.seconds, script)))  # fmt: skip
            finally:
                editor.send_signal(signal.SIGTERM)
                editor.wait(timeout=30)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    bare, quiet = rows[0][1]["rps"], rows[1][1]["rps"]
    lines = [
        f"{len(paths):,} addresses, Zipf s=1, PostgreSQL {args.stories:,} stories, Redis, "
        f"gunicorn 2 sync workers, wrk -t2 -c16, {args.seconds} s per run",
        "",
        "| run | req/s (ratio) | p50 ms | p99 ms | served from cache |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, row in rows:
        ratio = row["rps"] / (bare if row is rows[1][1] or row is rows[0][1] else quiet)
        cached = f"{row['cached']:.0%}" if row["cached"] is not None else "—"
        lines.append(
            f"| {label} | {row['rps']:,.0f} ({ratio:.2f}) | {row['p50']:.1f} | "
            f"{row['p99']:.1f} | {cached} |"
        )
    report = "\n".join(lines)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"editing-{stamp}.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
