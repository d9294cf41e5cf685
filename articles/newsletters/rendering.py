"""An issue as its readers get it: the email (HTML with its CSS inlined, and a plain-text part)
and the web archive page, both drawn from the issue's blocks.

A story block shows the story's headline, standfirst, byline and lead picture — the 16:9
rendition cut around the focal point at the email's width (`articles.images.renditions`, JPEG,
which every mail client shows) — and only while readers can see the story
(`Article.objects.published()`): a story withdrawn since it was picked is left out and flagged
(`StoryItem.public` is False), which the checklist refuses to send.

The email is rendered once per issue with two marks where each reader's own links go
(`PREFERENCES_MARK`, `UNSUBSCRIBE_MARK`); `personalise()` puts them in for one reader, so a
send of 50,000 renders the template once. No open pixel, no per-reader link: when the
newsletter counts clicks, links go through `/newsletters/l/<issue>/<n>/`, which carries no
reader.
"""

import re
from dataclasses import dataclass, field

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from articles.addresses.absolute import absolute_url
from articles.images import renditions
from articles.models import Article, BlockKind, Issue, IssueBlock

PREFERENCES_MARK = "NEWSROOM-READER-PREFERENCES"
UNSUBSCRIBE_MARK = "NEWSROOM-READER-UNSUBSCRIBE"
# Gmail clips a message past 102 KB of HTML, hiding the footer with the unsubscribe link.
MAX_HTML_BYTES = 102 * 1024
EMAIL_WIDTH = 600
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass
class StoryItem:
    kind = "story"
    story: Article
    url: str
    public: bool
    picture: dict | None = None

    @property
    def headline(self) -> str:
        return self.story.headline


@dataclass
class TextItem:
    kind = "text"
    heading: str
    paragraphs: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        return [url for paragraph in self.paragraphs for text, url in paragraph if url]


def text_paragraphs(text: str) -> list[list[tuple[str, str]]]:
    """Plain text as paragraphs (blank lines between them), each a list of (text, url) runs:
    web addresses become links, everything else stays text (escaped by the template)."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        if not chunk.strip():
            continue
        runs, last = [], 0
        for match in _URL.finditer(chunk):
            runs.append((chunk[last : match.start()], ""))
            runs.append((match.group(0), match.group(0)))
            last = match.end()
        runs.append((chunk[last:], ""))
        paragraphs.append([(text, url) for text, url in runs if text])
    return paragraphs


def email_picture(story: Article) -> dict | None:
    """The lead picture at the email's width: the 16:9 JPEG at least 600 px wide (or the
    widest there is), with its alt text, or None."""
    image = story.lead_image
    if image is None or not image.ready:
        return None
    record = renditions.best(image, "wide", at_least=EMAIL_WIDTH)
    if record is None:
        return None
    width = min(record["width"], EMAIL_WIDTH)
    return {
        "url": absolute_url(renditions.url(record)),
        "width": width,
        "height": round(width * record["height"] / record["width"]),
        "alt": image.alt_text,
    }


def issue_items(issue: Issue, blocks=None) -> list[StoryItem | TextItem]:
    """The issue's blocks, in order, as the email and the archive show them (two queries).
    `blocks` renders unsaved blocks instead (the composer's preview)."""
    if blocks is None:
        blocks = list(
            IssueBlock.objects.filter(issue=issue).select_related(
                "story__section", "story__lead_image"
            )
        )
    story_ids = [block.story_id for block in blocks if block.story_id]
    public = set(Article.objects.published().filter(pk__in=story_ids).values_list("pk", flat=True))
    items = []
    for block in blocks:
        if block.kind == BlockKind.STORY and block.story is not None:
            story = block.story
            items.append(
                StoryItem(
                    story=story,
                    url=absolute_url(story.get_absolute_url()),
                    public=story.pk in public,
                    picture=email_picture(story),
                )
            )
        elif block.kind == BlockKind.TEXT and (block.heading or block.text):
            items.append(TextItem(heading=block.heading, paragraphs=text_paragraphs(block.text)))
    return items


def shown(items) -> list:
    """What readers get: text blocks, and stories they can see."""
    return [item for item in items if item.kind == "text" or item.public]


class LinkNumbers:
    """Numbers the issue's links for the aggregate click count: the same address gets the same
    number, and each becomes a first-party address without any reader in it."""

    def __init__(self, issue: Issue):
        self.issue, self.numbers = issue, {}

    def __call__(self, url: str) -> str:
        number = self.numbers.setdefault(url, len(self.numbers) + 1)
        return absolute_url(
            reverse("articles:newsletter_link", kwargs={"issue": self.issue.pk, "number": number})
        )


def _context(issue: Issue, items, link) -> dict:
    newsletter = issue.newsletter
    web_url = absolute_url(issue.get_absolute_url()) if issue.number else ""
    return {
        "issue": issue,
        "newsletter": newsletter,
        "items": [_linked(item, link) for item in shown(items)],
        "web_url": link(web_url) if web_url and newsletter.archive_public else "",
        "preferences_url": PREFERENCES_MARK,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "language": settings.SITE_LANGUAGE,
    }


def _linked(item, link):
    """The item with its addresses passed through `link` (the click counter, or unchanged)."""
    if item.kind == "story":
        return StoryItem(story=item.story, url=link(item.url), public=True, picture=item.picture)
    paragraphs = [
        [(text, link(url) if url else "") for text, url in paragraph]
        for paragraph in item.paragraphs
    ]
    return TextItem(heading=item.heading, paragraphs=paragraphs)


def render_email(issue: Issue, items=None, *, count_links: bool = False) -> tuple[str, str, dict]:
    """(HTML with inlined CSS, plain text, {url: link number}) of the issue for every reader,
    with the marks `personalise()` fills in. Links are numbered only with `count_links`."""
    items = issue_items(issue) if items is None else items
    numbers = LinkNumbers(issue) if count_links else None
    context = _context(issue, items, numbers or (lambda url: url))
    template = f"newsletters/email/{issue.newsletter.template}.html"
    html = _INLINER.inline(render_to_string(template, context))
    text = render_to_string("newsletters/email/issue.txt", context)
    return html, text, (numbers.numbers if numbers else {})


def personalise(part: str, preferences_url: str, unsubscribe_url: str) -> str:
    """One reader's copy of a rendered part."""
    return part.replace(PREFERENCES_MARK, preferences_url).replace(
        UNSUBSCRIBE_MARK, unsubscribe_url
    )


def html_size(html: str) -> int:
    return len(html.encode("utf-8"))
