"""Server time of single requests, page type by page type, on a generated archive.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/serve_times.py [--rounds 3] [--cache dummy|locmem] [--only admin]

Each page type has a rotating sample of addresses (ten section fronts, fifty stories, the
biggest tags, common and rare search words…), requested in turn through Django's test client
in this process, so the time is the server's alone: URL routing, middleware, view, queries,
template (after one untimed request per page type, as in a server that has been up a while).
No page cache; with `--cache dummy` (the default) nothing is cached at all, not even the index
pages' counts, which are then worked out on every request; with `--cache locmem` the cache
starts empty and fills as it would in production (the counts of one state of the archive
are worked out once). Prints a markdown table: p50, p99 and max per page type, with queries per request
and the time spent in SQL. `--sql` adds each page type's slowest statement.

Speed is measured here, never in unit tests.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.update(
    DEBUG="false",
    SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    LOG_LEVEL="ERROR",
    STATIC_ROOT="/tmp/newsroom-serve-times-static",
)
Path(os.environ["STATIC_ROOT"]).mkdir(exist_ok=True)


def _configure(cache: str) -> None:
    os.environ["CACHE_URL"] = "dummycache://" if cache == "dummy" else "locmemcache://"
    import django

    django.setup()
    from django.conf import settings

    # No collectstatic needed: pages name static files without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def public_pages() -> dict[str, list[str]]:
    """{page type: addresses to rotate through}, read off the archive."""
    from django.db.models import Count

    from articles.models import Article, Author, Region, Section, Source, TaggedArticle

    sections = list(Section.objects.order_by("order").values_list("slug", flat=True))
    big_sections = [
        slug
        for slug in sections
        if Article.objects.published().filter(section__slug=slug)[:8001].count() > 8000
    ]
    stories = Article.objects.published().order_by("?").select_related("section")[:50]
    biggest_tags = list(
        TaggedArticle.objects.values("tag__slug").annotate(n=Count("pk")).order_by("-n")[:10]
    )
    deep_tags = [row["tag__slug"] for row in biggest_tags if row["n"] > 4100]
    countries = list(
        Region.objects.filter(kind="country").order_by("pk").values_list("slug", flat=True)[:10]
    )
    return {
        "home": ["/"],
        "section, page 1": [f"/{slug}/" for slug in sections],
        "section, page 400": [f"/{slug}/?page=400" for slug in big_sections],
        "article": [story.get_absolute_url() for story in stories],
        "region index": ["/regions/"],
        "region, country": [f"/regions/{slug}/" for slug in countries],
        "source index": ["/sources/"],
        "source": [
            f"/sources/{s}/"
            for s in Source.objects.order_by("pk").values_list("slug", flat=True)[:10]
        ],
        "tag index": tag_index_pages(),
        "tag, page 1": [f"/tags/{row['tag__slug']}/" for row in biggest_tags],
        "tag, page 200": [f"/tags/{slug}/?page=200" for slug in deep_tags],
        "author": [
            f"/authors/{a}/"
            for a in Author.objects.order_by("pk").values_list("slug", flat=True)[:10]
        ],
        "search, rare word": [f"/search/?q={w}" for w in rare_words()],
        "search, common word": [
            f"/search/?q={w}" for w in ("officials", "said", "government", "city", "people")
        ],
        "feeds": [
            "/feeds/latest/rss/",
            "/feeds/latest/atom/",
            f"/feeds/section/{sections[1]}/rss/",
            f"/feeds/tags/{biggest_tags[0]['tag__slug']}/rss/",
            f"/feeds/regions/{countries[1]}/rss/",
        ],
        "/sitemap.xml": ["/sitemap.xml"],
        "sitemap file (stories)": story_sitemap_files(),
        "sitemap file (tags)": ["/sitemap-tags.xml"],
        "/sitemap-news.xml": ["/sitemap-news.xml"],
    }


def story_sitemap_files() -> list[str]:
    """Five of the stories sitemap's files, spread over the archive."""
    from articles.public.sitemaps import ArticleSitemap

    pages = ArticleSitemap().num_pages()
    return sorted({f"/sitemap-articles.xml?p={1 + (pages - 1) * k // 4}" for k in range(5)})


def tag_index_pages() -> list[str]:
    """The tag index, and its letter pages where it has them."""
    from django.urls import reverse

    index = reverse("articles:tag_index")
    return [index] + [f"{index}?letter={letter}" for letter in "BKMS"]


def rare_words() -> list[str]:
    import itertools

    syllables = "ko va mi da se to lu re ni pa bo zu ka le ri mo ta".split()
    words = ["".join(p) + "sk" for p in itertools.product(syllables, repeat=4)]
    return words[1000:60000:6000]


def admin_pages() -> dict[str, list[str]]:
    from articles.models import Region, Section, Source, Tag

    base = "/admin/articles/article/"
    section = Section.objects.order_by("order").values_list("pk", flat=True)[1]
    return {
        "admin list": [base],
        "admin list, state filter": [
            f"{base}?state={s}" for s in ("live", "draft", "scheduled", "withdrawn")
        ],
        "admin list, section filter": [f"{base}?section__id__exact={section}"],
        "admin list, region filter": [
            f"{base}?region={r.slug}"
            for r in Region.objects.filter(kind="country").order_by("pk")[:3]
        ],
        "admin list, source filter": [
            f"{base}?source={s}"
            for s in Source.objects.order_by("pk").values_list("slug", flat=True)[:3]
        ],
        "admin list, tag filter": [
            f"{base}?tag={t}" for t in Tag.objects.order_by("pk").values_list("slug", flat=True)[:3]
        ],
        "admin list, year filter": [f"{base}?year=2024"],
        "admin search, headline word": [f"{base}?q={w}" for w in rare_words()[:3]],
        "admin search, common word": [f"{base}?q={w}" for w in ("ceasefire", "officials")],
    }


def editor_client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from articles.staff.roles import EDITOR

    user, created = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    if created:
        user.groups.add(Group.objects.get(name=EDITOR))
    client = Client()
    client.force_login(user)
    return client


class SqlTimer:
    """Counts the statements one request runs and the time they take."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.count, self.seconds, self.slowest = 0, 0.0, (0.0, "")

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.count += 1
            self.seconds += spent
            if spent > self.slowest[0]:
                self.slowest = (spent, sql)


def measure(client, pages: dict[str, list[str]], rounds: int, timer: SqlTimer, show_sql: bool):
    from django.db import connection

    rows = []
    for name, urls in pages.items():
        if not urls:
            continue
        times, sql_times, counts, slowest = [], [], [], (0.0, "")
        # One untimed request first: a server that has been up a while has compiled the
        # templates and imported the code this page type uses.
        client.get(urls[0])
        with connection.execute_wrapper(timer):
            for url in urls * rounds:
                timer.reset()
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                sql_times.append(timer.seconds * 1000)
                counts.append(timer.count)
                slowest = max(slowest, timer.slowest)
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        rows.append(
            (
                name,
                len(times),
                statistics.median(times),
                p99,
                times[-1],
                statistics.median(sql_times),
                max(counts),
                slowest,
            )
        )
        print(
            f"| {name} | {len(times)} | {rows[-1][2]:.1f} | {p99:.1f} | {times[-1]:.1f} | "
            f"{rows[-1][5]:.1f} | {rows[-1][6]} |",
            flush=True,
        )
        if show_sql:
            print(f"|   slowest SQL {slowest[0] * 1000:.1f} ms: `{slowest[1][:400]}` | | | | | | |")
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over each sample")
    parser.add_argument("--cache", choices=["dummy", "locmem"], default="dummy")
    parser.add_argument("--only", help="page types whose name contains this text")
    parser.add_argument("--sql", action="store_true", help="show each type's slowest statement")
    args = parser.parse_args(argv)
    _configure(args.cache)
    from django.test import Client

    pages = {**public_pages(), **admin_pages()}
    if args.only:
        pages = {name: urls for name, urls in pages.items() if args.only in name}
    reader, editor = Client(), editor_client()
    print(f"cache: {args.cache}; {args.rounds} passes over each sample\n")
    print("| page | requests | p50 ms | p99 ms | max ms | SQL ms (p50) | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    timer = SqlTimer()
    for name, urls in pages.items():
        client = editor if name.startswith("admin") else reader
        measure(client, {name: urls}, args.rounds, timer, args.sql)


if __name__ == "__main__":
    main()
