"""The checklist an issue passes before it is scheduled or sent (and again as sending starts).

Each check says what it found, in words an editor acts on: a subject and a preheader, at least
one block, every story still public (a story withdrawn since it was picked is named), every
link one readers can follow (http or https; on our own site, a page that exists and, for a
story, one readers can see), every picture with alt text, and the HTML under the 102 KB at
which Gmail clips a message (and with it the unsubscribe link).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from articles.models import Article, Author, Issue, Newsletter, Region, Section, Source, Tag

from .rendering import MAX_HTML_BYTES, html_size, issue_items, render_email


@dataclass
class Check:
    label: str
    ok: bool
    detail: str = ""


def _site_path(url: str) -> str | None:
    """The path of `url` when it is on our own site, else None."""
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    if parts.netloc != site.netloc:
        return None
    return parts.path or "/"


def link_problem(url: str) -> str:
    """Why readers could not follow `url` ("" when they can)."""
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        return f"{url} is not a web address (http or https)"
    path = _site_path(url)
    if path is None:
        return ""
    try:
        match = resolve(path)
    except Resolver404:
        return f"{url} is not a page on the site"
    if match.url_name == "article":
        slug = match.kwargs.get("slug", "")
        if not Article.objects.published().filter(slug=slug).exists():
            return f"{url} is a story readers cannot see"
        return ""
    found = _PAGES_OF.get(match.url_name)
    if found is not None and not found(match.kwargs).exists():
        return f"{url} is not a page on the site"
    return ""


# The site's pages that name something by slug: the link works only if that something exists.
_PAGES_OF = {
    "section": lambda kwargs: Section.objects.filter(slug=kwargs["slug"]),
    "region": lambda kwargs: Region.objects.filter(slug=kwargs["slug"]),
    "source": lambda kwargs: Source.objects.filter(slug=kwargs["slug"]),
    "tag": lambda kwargs: Tag.objects.filter(slug=kwargs["slug"]),
    "author": lambda kwargs: Author.objects.filter(slug=kwargs["slug"]),
    "newsletter_archive": lambda kwargs: Newsletter.objects.filter(
        slug=kwargs["slug"], archive_public=True
    ),
}


def run(issue: Issue, items=None) -> list[Check]:
    """Every check, passed or not, in the order the screen lists them."""
    items = issue_items(issue) if items is None else items
    stories = [item for item in items if item.kind == "story"]
    hidden = [item.headline for item in stories if not item.public]
    links = [url for item in items if item.kind == "text" for url in item.urls]
    broken = [problem for url in links if (problem := link_problem(url))]
    undescribed = [
        item.headline
        for item in stories
        if item.public and item.picture is not None and not item.picture["alt"].strip()
    ]
    html, _text, _links = render_email(issue, items)
    size = html_size(html)
    return [
        Check(
            "Subject written",
            bool(issue.subject.strip()),
            "" if issue.subject.strip() else "Write a subject line.",
        ),
        Check(
            "Preheader written",
            bool(issue.preheader.strip()),
            "" if issue.preheader.strip() else "Write the line mailboxes show after the subject.",
        ),
        Check("Something to read", bool(items), "" if items else "Add a story or a text block."),
        Check(
            "Every story is public",
            not hidden,
            "Not public (withdrawn, or not live yet): " + "; ".join(f"“{h}”" for h in hidden)
            if hidden
            else "",
        ),
        Check("Every link works for readers", not broken, "; ".join(broken)),
        Check(
            "Every picture has alt text",
            not undescribed,
            "Describe the lead picture of " + "; ".join(f"“{h}”" for h in undescribed)
            if undescribed
            else "",
        ),
        Check(
            "Small enough not to be clipped",
            size < MAX_HTML_BYTES,
            f"{size / 1024:.1f} KB of HTML (the limit is {MAX_HTML_BYTES // 1024} KB)",
        ),
    ]


def passes(checks: list[Check]) -> bool:
    return all(check.ok for check in checks)


def problems(checks: list[Check]) -> list[str]:
    return [
        f"{check.label}: {check.detail}" if check.detail else check.label
        for check in checks
        if not check.ok
    ]
