"""The gate: every public page type and every staff screen (tests/gate/screens.py: lists with
a filter chosen, forms with values chosen in their pickers, the fronts screen, the wire queue,
the image library, planning, newsletters, history pages) through real validators, so nothing
a reader, an editor, a crawler or a feed reader notices regresses.

- axe-core (npm, injected into Debian's Chromium by Playwright), WCAG 2.2 A/AA rules, at 1280
  and 320 px in light mode, and its colour rules in dark mode at 1280 px (the colours do not
  change with the width; the 320 px dark pass cost a minute of CI for nothing new): zero
  violations;
- the Nu HTML Checker (npm `vnu-jar`, on Debian's JRE), all pages in one JVM: zero errors;
- 320 px reflow (`scrollWidth` equals the viewport), with pictures blocked too on public pages;
- feedparser on every feed (no bozo); lxml validates the sitemap index, the sitemaps and the
  News sitemap against the sitemaps.org and Google News schemas (tests/gate/schemas/);
- the JSON-LD each page type promises, OpenGraph/X tags, description and canonical links.

The demo newsroom is loaded once for the module and served by one live server to one browser
page, which loads each page once and is resized and switched to dark mode in place (CSS
transitions off, so colours are read as they end).
In CI (NEWSROOM_REQUIRE_BROWSER=1) a missing browser, JRE or npm package fails the gate; on a
laptop without them the checks that need them are skipped, saying what to install.
"""

import importlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from unittest import mock

import feedparser
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.testcases import LiveServerThread
from django.utils import timezone
from lxml import etree, html

from articles.demo import picture_desk
from articles.demo.live_desk import load_live_desk
from articles.demo.loader import load_newsroom
from articles.demo.picture_desk import illustrate
from articles.demo.planning_desk import load_planning_desk
from articles.demo.wire_desk import load_wire_desk
from articles.models import (
    Article,
    Author,
    Correction,
    Event,
    PlanLine,
    RelatedStory,
    Section,
    Source,
    Status,
)
from articles.staff.roles import ROLES
from articles.workflow import create_story, publish
from tests.e2e.conftest import CHROMIUM
from tests.gate.screens import SUPERUSER_SCREENS, staff_screens

# Each test reads (inside a transaction rolled back after it) what the module committed.
# One worker runs the whole gate: its newsroom (the demo, committed, with a live server) is
# built once, not once per worker.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("gate")]
# Pictures for a dozen stories cover every page type's <picture> markup (with and without a
# lead image); drawing all fifty cost the gate half a minute of CPU for the same checks.
ILLUSTRATED = 12

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A reader's own pages (reached by a signed link from an email): private, never indexed, so they
# have no canonical address or card; every other check applies.
READER_PAGES = ("newsletter confirm", "newsletter preferences", "newsletter unsubscribe")
PICTURES = "**/*.{png,jpg,jpeg,webp,avif,gif,svg}"


def need(what: str, present: bool, install: str) -> None:
    """Skip without `what` on a laptop; fail in CI, where the gate must run."""
    if present:
        return
    message = f"{what} is missing ({install})"
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        pytest.fail(f"The validator gate cannot run: {message}")
    pytest.skip(message)


def need_browser():
    need("Chromium", os.path.exists(CHROMIUM), "apt-get install chromium")
    need("axe-core", AXE.exists(), "npm ci")


@dataclass
class Newsroom:
    pages: dict[str, str]
    feeds: list[str]
    # The editor's session (made and committed once), for the admin pages; the superuser's,
    # for the screens only an administrator has (SUPERUSER_SCREENS).
    session: str
    media: Path
    url: str = ""
    superuser_session: str = ""

    def session_for(self, name: str) -> str:
        """The session a page is seen with: none for public pages and the login."""
        if name in SUPERUSER_SCREENS:
            return self.superuser_session
        if is_staff_screen(name) and name != "admin login":
            return self.session
        return ""


def is_staff_screen(name: str) -> bool:
    """The staff's screens are named "admin …" (most from tests/gate/screens.py)."""
    return name.startswith("admin ")


def _ensure_section_page_two(section: Section) -> None:
    """Enough stories in one desk for a second page of its list."""
    now = timezone.now()
    have = Article.objects.published().in_section(section).count()
    for n in range(max(0, 22 - have)):
        story = create_story(
            Article(
                slug=f"gate-filler-{n}",
                headline=f"Council publishes minutes of session {n}",
                standfirst="The minutes cover roads, schools and the budget.",
                body="<p>The council met on Tuesday.</p>" * 3,
                section=section,
                byline_override="Staff Correspondent",
            )
        )
        publish(story, at=now - timedelta(days=3, hours=n))


def _pages(section: Section) -> dict[str, str]:
    # Live stories have pages of their own below.
    published = Article.objects.published().filter(live=None)
    with_image = published.exclude(lead_image=None).first()
    without_image = published.filter(lead_image=None).first()
    corrected = published.filter(pk__in=Correction.objects.values("article_id")).first()
    related = published.filter(pk__in=RelatedStory.objects.values("article_id")).first()
    gone = Article.objects.filter(status=Status.UNPUBLISHED).exclude(first_published_at=None)
    region = with_image.regions.first() or corrected.regions.first()
    tag = with_image.tags.first() or corrected.tags.first()
    source = Source.objects.public().first()
    author = Author.objects.public().first()
    word = with_image.headline.split()[0]
    pages = {
        "home": "/",
        "section": section.get_absolute_url(),
        "section page 2": f"{section.get_absolute_url()}?page=2",
        "article with image": with_image.get_absolute_url(),
        "article without image": without_image.get_absolute_url(),
        "article with corrections": corrected.get_absolute_url(),
        "article with related": related.get_absolute_url(),
        "region index": "/regions/",
        "region": region.get_absolute_url(),
        "source index": "/sources/",
        "source": source.get_absolute_url(),
        "tag index": "/tags/",
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search with results": f"/search/?q={word}",
        "search without results": "/search/?q=zzxqvw",
        "search form": "/search/",
        "corrections": "/corrections/",
        "404": "/no-such-page-here/",
        "admin login": "/admin/login/",
        "admin sign-in security": "/admin/account/security/",
        "admin article form": "/admin/articles/article/add/",
        **_newsletter_pages(),
        "whats on": "/whats-on/",
        "event": Event.objects.whats_on().first().get_absolute_url(),
        "admin budget": "/admin/articles/planline/",
        "admin budget week by desk": "/admin/articles/planline/?span=week&group=desk",
        "admin budget print": "/admin/articles/planline/print/",
        "admin my assignments": "/admin/articles/coverage/",
        "admin plan line form": f"/admin/articles/planline/{PlanLine.objects.first().pk}/change/",
        "admin event form": f"/admin/articles/event/{Event.objects.first().pk}/change/",
    }
    pages |= _live_pages()
    if gone.exists():
        pages["410"] = gone.first().get_absolute_url()
    return pages | staff_screens()


def _live_pages() -> dict[str, str]:
    """The demo's live story, running, and another story whose live coverage ended."""
    from articles.live import entries

    running = Article.objects.published().exclude(live=None).first()
    ended = Article.objects.published().filter(live=None, lead_image=None).last()
    coverage = entries.start_coverage(ended)
    entries.post_entry(coverage, "<p>The last update of the night.</p>", key_title="Last update")
    entries.end_coverage(coverage)
    return {
        "live page running": running.get_absolute_url(),
        "live page ended": ended.get_absolute_url(),
    }


def _newsletter_pages() -> dict[str, str]:
    """The demo's newsletter pages: sign-up, archive, an issue, a reader's own pages, and the
    editors' composer and import screen."""
    from articles.models import Issue, Newsletter, Reader
    from articles.newsletters import tokens

    newsletter = Newsletter.objects.get(slug="morning-briefing")
    issue = newsletter.issues.exclude(number=None).first()
    reader = Reader.objects.filter(subscriptions__newsletter=newsletter).first()
    draft = Issue.objects.create(newsletter=newsletter, subject="Gate draft", preheader="P")
    return {
        "newsletters": "/newsletters/",
        "newsletter archive": newsletter.get_absolute_url(),
        "newsletter issue": issue.get_absolute_url(),
        "newsletter confirm": f"/newsletters/confirm/{tokens.confirmation_token(reader, [newsletter.pk])}/",
        "newsletter preferences": f"/newsletters/preferences/{tokens.reader_token(reader)}/",
        "newsletter unsubscribe": f"/newsletters/unsubscribe/{tokens.reader_token(reader, newsletter)}/",
        "admin issue composer": f"/admin/articles/issue/{draft.pk}/change/",
        "admin newsletter import": f"/admin/articles/newsletter/{newsletter.pk}/import/",
    }


def _feeds(pages: dict[str, str]) -> list[str]:
    feeds = ["/feeds/latest/rss/", "/feeds/latest/atom/"]
    archive = pages["newsletter archive"].rstrip("/")
    feeds += [f"{archive}/rss/", f"{archive}/atom/"]
    for kind, prefix in (
        ("section", "section"),
        ("region", "regions"),
        ("source", "sources"),
        ("tag", "tags"),
        ("author", "authors"),
    ):
        slug = pages[kind].rstrip("/").rsplit("/", 1)[-1]
        feeds += [f"/feeds/{prefix}/{slug}/rss/", f"/feeds/{prefix}/{slug}/atom/"]
    return feeds


def _after_earlier_flushes() -> None:
    """What a committing test's flush took away: the role groups the data migrations made
    (applied again, idempotently) and content-type ids cached in this process."""
    ContentType.objects.clear_cache()
    cache.clear()
    if Group.objects.filter(name__in=ROLES).count() < len(ROLES):
        roles_migration = importlib.import_module("articles.migrations.0002_roles")
        roles_migration.create_roles(apps, None, roles=ROLES)


def _close_other_sessions() -> None:
    """End every other session on the test database, then this one. Django keeps a connection
    per async context, and Playwright's sync API runs the browser tests in greenlets with
    contexts of their own: sessions opened there are never closed, and on PostgreSQL they would
    stop the test database from being dropped at the end of the run."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connection.close()


def _session(username: str) -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom, committed, and one live server for the module (bound to a random
    loopback port, stopped at the end); then the database is flushed and the serialized test
    database put back, as a committing test's teardown does."""
    media = tmp_path_factory.mktemp("gate-media")
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    try:
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            _after_earlier_flushes()
            load_newsroom()
            with mock.patch.object(picture_desk, "STORIES", picture_desk.STORIES[:ILLUSTRATED]):
                illustrate()
            load_planning_desk()
            load_wire_desk()
            load_live_desk(lambda message: None)
            section = max(
                Section.objects.all(),
                key=lambda desk: Article.objects.published().in_section(desk).count(),
            )
            _ensure_section_page_two(section)
            pages = _pages(section)
            session, superuser_session = _session("editor"), _session("admin")
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield Newsroom(
            pages=pages,
            feeds=_feeds(pages),
            session=session,
            superuser_session=superuser_session,
            media=media,
            url=f"http://127.0.0.1:{server.port}",
        )
    finally:
        if server.is_alive():
            server.terminate()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            serialized = getattr(connection, "_test_serialized_contents", None)
            if serialized:
                connection.creation.deserialize_db_from_string(serialized)
            _close_other_sessions()


@pytest.fixture
def served(newsroom, settings):
    """The module's newsroom, its pictures where this test's storage looks for them."""
    settings.MEDIA_ROOT = newsroom.media
    return newsroom


def fetch(newsroom, name: str, path: str):
    client = Client(raise_request_exception=False)
    if session := newsroom.session_for(name):
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client.get(path)


@pytest.fixture
def documents(served):
    """Every page's HTML as served, by name."""
    return {name: fetch(served, name, path) for name, path in served.pages.items()}


def test_it_answers_every_page_type(documents):
    statuses = {name: response.status_code for name, response in documents.items()}
    expected = {name: 200 for name in statuses} | {"404": 404, "410": 410}
    assert statuses == {name: expected[name] for name in statuses}
    assert "410" in statuses, "the demo newsroom has no withdrawn story readers once saw"


# --- the browser: axe-core and reflow ------------------------------------------------------


def _sign_in(context, newsroom, name: str) -> None:
    """The page's user (tests/gate/screens.py), or nobody."""
    context.clear_cookies()
    if session := newsroom.session_for(name):
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": newsroom.url}
        context.add_cookies([cookie])


# Colours settle at once: a transition caught halfway reads as a contrast failure.
NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)
# What each page is checked at, in this order, without reloading it: every WCAG rule in light
# mode at both widths; in dark mode only what a colour scheme changes (contrast).
RUNS = [
    (1280, "light", {"type": "tag", "values": AXE_TAGS}),
    (320, "light", {"type": "tag", "values": AXE_TAGS}),
    (1280, "dark", {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}),
]


def _axe(page, run_only=None) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})",
        run_only or {"type": "tag", "values": AXE_TAGS},
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def test_it_passes_axe_and_reflows_at_1280_and_320_px_in_light_and_dark(served, browser):
    """Every page and screen, loaded once in one browser page: axe at each width and scheme,
    and at 320 px nothing wider than the viewport."""
    need_browser()
    found, overflowing = {}, {}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    for name, path in served.pages.items():
        _sign_in(context, served, name)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="light")
        page.goto(f"{served.url}{path}", wait_until="load")
        page.add_style_tag(content=NO_TRANSITIONS)
        for width, scheme, run_only in RUNS:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            if violations := _axe(page, run_only):
                found[f"{name} @ {width}px {scheme}"] = violations
            if (width, scheme) == (320, "light"):
                if (scroll := page.evaluate("document.documentElement.scrollWidth")) != 320:
                    overflowing[name] = scroll
    context.close()
    assert not found, json.dumps(found, indent=1)
    assert not overflowing, json.dumps(overflowing, indent=1)


def test_it_reflows_public_pages_at_320_px_without_pictures(served, browser):
    """A reader whose pictures do not load (blocked, slow, failed) still gets a page that fits."""
    need("Chromium", os.path.exists(CHROMIUM), "apt-get install chromium")
    overflowing = {}
    context = browser.new_context(viewport={"width": 320, "height": 800})
    context.route(PICTURES, lambda route: route.abort())
    page = context.new_page()
    for name, path in served.pages.items():
        if is_staff_screen(name):
            continue
        page.goto(f"{served.url}{path}", wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width != 320:
            overflowing[name] = width
    context.close()
    assert not overflowing, json.dumps(overflowing, indent=1)


# --- the Nu HTML Checker -------------------------------------------------------------------


def test_it_passes_the_nu_html_checker(documents, tmp_path):
    java = shutil.which("java")
    need("Java", bool(java), "apt-get install default-jre-headless")
    need("vnu-jar", VNU.exists(), "npm ci")
    files = {}
    for number, (name, response) in enumerate(documents.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[f"file:{path}"] = name
    # One JVM for every page: it is slow to start.
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *(url.removeprefix("file:") for url in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))}: line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message["type"] == "error" or (message["type"] == "non-document-error")
    ]
    assert not errors, "\n".join(errors)
    assert len(files) == len(documents)


# --- feeds and sitemaps --------------------------------------------------------------------


def test_it_serves_every_feed_well_formed(served):
    client = Client()
    for path in served.feeds:
        response = client.get(path)
        assert response.status_code == 200, path
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.entries, path
        assert parsed.version in {"rss20", "atom10"}, path


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def _site_path(url: str) -> str:
    assert url.startswith(settings.SITE_URL), url
    return url[len(settings.SITE_URL) :]


def test_it_serves_sitemaps_valid_against_their_schemas(served):
    client = Client()
    index = etree.fromstring(client.get("/sitemap.xml").content)
    _schema("siteindex.xsd").assertValid(index)
    sitemap = _schema("sitemap.xsd")
    locations = index.findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemap/"
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    )
    assert locations
    for location in locations:
        response = client.get(_site_path(location.text))
        assert response.status_code == 200, location.text
        sitemap.assertValid(etree.fromstring(response.content))
    news = etree.fromstring(client.get("/sitemap-news.xml").content)
    _schema("news-sitemap-bundle.xsd").assertValid(news)
    assert news.findall(".//{http://www.google.com/schemas/sitemap-news/0.9}news")


# --- what each page says about itself ------------------------------------------------------


def _json_ld(document) -> list[dict]:
    return [
        json.loads(script.text)
        for script in document.xpath("//script[@type='application/ld+json']")
    ]


def _types(items) -> set[str]:
    return {item["@type"] for item in items}


PROMISED = {
    "home": {"WebSite", "Organization"},
    "section": {"CollectionPage", "BreadcrumbList"},
    "section page 2": {"CollectionPage", "BreadcrumbList"},
    "region": {"CollectionPage", "BreadcrumbList"},
    "source": {"CollectionPage", "BreadcrumbList"},
    "tag": {"CollectionPage", "BreadcrumbList"},
    "author": {"ProfilePage", "BreadcrumbList"},
    "article with image": {"NewsArticle", "BreadcrumbList"},
    "article without image": {"NewsArticle", "BreadcrumbList"},
    "article with corrections": {"NewsArticle", "BreadcrumbList"},
    "article with related": {"NewsArticle", "BreadcrumbList"},
    "event": {"Event", "BreadcrumbList"},
    "region index": {"CollectionPage", "BreadcrumbList"},
    "source index": {"CollectionPage", "BreadcrumbList"},
    "tag index": {"CollectionPage", "BreadcrumbList"},
    "corrections": {"CollectionPage", "BreadcrumbList"},
    "live page running": {"NewsArticle", "BreadcrumbList", "LiveBlogPosting"},
    "live page ended": {"NewsArticle", "BreadcrumbList", "LiveBlogPosting"},
}


def test_it_describes_each_page_type_in_json_ld(documents):
    parsed = {name: html.fromstring(response.content) for name, response in documents.items()}
    for name, types in PROMISED.items():
        items = _json_ld(parsed[name])
        assert _types(items) == types, name
        for item in items:
            assert item["@context"] == "https://schema.org", name
    home = {item["@type"]: item for item in _json_ld(parsed["home"])}
    action = home["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "{search_term_string}" in action["target"]["urlTemplate"]
    assert home["Organization"]["logo"]["url"].endswith(".png")
    article = {item["@type"]: item for item in _json_ld(parsed["article with corrections"])}
    assert article["NewsArticle"]["publisher"]["logo"]["url"].endswith(".png")
    assert article["NewsArticle"]["correction"]
    for name in ("article with image", "article without image"):
        story = {item["@type"]: item for item in _json_ld(parsed[name])}["NewsArticle"]
        assert story["image"] and all(url.startswith("http") for url in story["image"]), name
    profile = {item["@type"]: item for item in _json_ld(parsed["author"])}
    assert profile["ProfilePage"]["mainEntity"]["@type"] == "Person"
    for name in ("section", "region", "source", "tag"):
        crumbs = {item["@type"]: item for item in _json_ld(parsed[name])}["BreadcrumbList"]
        positions = [crumb["position"] for crumb in crumbs["itemListElement"]]
        assert positions == list(range(1, len(positions) + 1)), name


SOCIAL = [
    "og:site_name",
    "og:locale",
    "og:type",
    "og:title",
    "og:description",
    "og:image",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
]


def test_it_gives_every_public_page_a_card_a_description_and_a_canonical(documents):
    for name, response in documents.items():
        if is_staff_screen(name) or name in READER_PAGES:
            continue
        document = html.fromstring(response.content)
        meta = {
            element.get("property") or element.get("name"): element.get("content")
            for element in document.xpath("//head/meta[@content]")
        }
        missing = [key for key in [*SOCIAL, "description", "robots"] if not meta.get(key)]
        assert missing == [], name
        assert meta["twitter:card"] == "summary_large_image", name
        assert meta["og:image"].startswith(("http://", "https://")), name
        canonical = document.xpath("//head/link[@rel='canonical']/@href")
        if name in ("404", "410"):
            assert canonical == [] and "noindex" in meta["robots"], name
        else:
            assert len(canonical) == 1 and canonical[0].startswith(settings.SITE_URL), name
            assert meta["og:url"] == canonical[0], name
        if name.startswith(("article", "section", "region", "source", "tag", "home", "author")):
            assert "max-image-preview:large" in meta["robots"], name
    page_two = html.fromstring(documents["section page 2"].content)
    assert page_two.xpath("//link[@rel='canonical']/@href")[0].endswith("?page=2")


# --- a newsletter issue as its readers get it ----------------------------------------------


def test_it_sends_issue_email_under_the_clipping_limit_that_passes_axe(served, browser):
    """The demo's Morning Briefing as the email (pictures, alt text, language, contrast): axe's
    WCAG rules at a phone's and a desktop client's width, and under Gmail's 102 KB."""
    from articles.models import Issue
    from articles.newsletters import rendering

    need_browser()
    issue = Issue.objects.select_related("newsletter").exclude(number=None).first()
    html, text, _ = rendering.render_email(issue)
    assert rendering.html_size(html) < rendering.MAX_HTML_BYTES
    assert "<img" in html, "the demo's issue should show a lead picture"
    found = {}
    for width in (360, 800):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_content(
            rendering.personalise(html, "https://example.org/p", "https://example.org/u")
        )
        if violations := _axe(page):
            found[f"email @ {width}px"] = violations
        page.close()
    assert not found, json.dumps(found, indent=1)
