"""Revisions of stories (django-reversion): what a story looked like, the difference between
two versions, and restoring an old one.

A revision holds the article row (regions and sources ride along as many-to-many fields) and
the rows that hang off it: byline credits, pinned related stories and tags. Restoring
(`articles.workflow.restore_revision`, through `revert_content`) puts those rows back too, and
is itself a new revision, so nothing is ever destroyed.
"""

import difflib
import re

import reversion
from django.utils.html import strip_tags
from reversion.errors import RevertError
from reversion.models import Version

from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Image,
    Region,
    RelatedStory,
    Section,
    Source,
    Tag,
    TaggedArticle,
)
from articles.search import filed_names
from articles.taxonomy.regions import refresh_listings

# The rows a story's revision carries besides the story itself.
FOLLOWED = ("article_authors", "pinned_related", "tagged_items")

for model, follow in (
    (Article, FOLLOWED),
    (ArticleAuthor, ()),
    (RelatedStory, ()),
    (TaggedArticle, ()),
):
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)

# What the diff shows, in this order: (key, label).
TEXT_FIELDS = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]
VALUE_FIELDS = [
    ("slug", "Slug"),
    ("section", "Section"),
    ("byline_override", "Byline override"),
    ("dateline", "Dateline"),
    ("lead_image", "Lead image"),
    ("status", "Status"),
    ("published_at", "Publish time"),
    ("embargo_until", "Embargoed until"),
]
LIST_FIELDS = [
    ("authors", "Authors"),
    ("regions", "Regions"),
    ("sources", "Sources"),
    ("tags", "Tags"),
    ("related", "Pinned related stories"),
]

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)


class RestoreFailed(Exception):
    """The revision refers to something that no longer exists (e.g. a deleted author)."""


def capture(article: Article) -> None:
    """Put the story and its related rows, as they are now, into the open revision.

    Call it last in a `reversion.create_revision()` block: reversion serializes a row when it
    is saved, before the form sets many-to-many fields or renumbers the byline.
    """
    reversion.add_to_revision(article)
    for name in FOLLOWED:
        for row in getattr(article, name).all():
            reversion.add_to_revision(row)


def article_versions(article: Article):
    """The story's revisions, newest first, with who made them."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def body_text(html: str) -> list[str]:
    """The body as plain paragraphs (tags stripped), one per line, for a readable diff."""
    text = _BLOCK_END.sub("\n", html or "")
    return [line.strip() for line in strip_tags(text).splitlines() if line.strip()]


def snapshot(version: Version) -> dict:
    """The story as this revision recorded it, with relations as names."""
    fields = version.field_dict
    siblings = list(version.revision.version_set.select_related("content_type"))
    rows: dict[str, list[dict]] = {"articleauthor": [], "relatedstory": [], "taggedarticle": []}
    for sibling in siblings:
        if sibling.content_type.model in rows:
            rows[sibling.content_type.model].append(sibling.field_dict)
    credits = sorted(rows["articleauthor"], key=lambda row: row["position"])
    pins = sorted(rows["relatedstory"], key=lambda row: row["position"])
    authors = dict(
        Author.objects.filter(pk__in=[c["author_id"] for c in credits]).values_list("pk", "name")
    )
    related = dict(
        Article.objects.filter(pk__in=[p["related_id"] for p in pins]).values_list("pk", "headline")
    )
    tags = Tag.objects.filter(pk__in=[t["tag_id"] for t in rows["taggedarticle"]])
    section = Section.objects.filter(pk=fields.get("section_id")).first()
    return {
        **{key: fields.get(key) for key, _ in TEXT_FIELDS + VALUE_FIELDS if key in fields},
        "section": section.name if section else "",
        "lead_image": _image_title(fields.get("lead_image_id")),
        "authors": [authors.get(c["author_id"], "(removed author)") for c in credits],
        "regions": sorted(
            Region.objects.filter(pk__in=fields.get("regions", [])).values_list("name", flat=True)
        ),
        "sources": sorted(
            Source.objects.filter(pk__in=fields.get("sources", [])).values_list("name", flat=True)
        ),
        "tags": sorted(tag.name for tag in tags),
        "related": [related.get(p["related_id"], "(removed story)") for p in pins],
    }


def _image_title(image_id) -> str:
    if image_id is None:
        return ""
    image = Image.objects.filter(pk=image_id).first()
    return image.title if image else "(removed image)"


def compare(old: dict, new: dict) -> list[dict]:
    """What changed from snapshot `old` to snapshot `new`, field by field (unchanged left out).

    Text fields give difflib lines (" ", "-", "+"); lists give added and removed names.
    """
    changes: list[dict] = []
    for key, label in TEXT_FIELDS:
        before, after = old.get(key) or "", new.get(key) or ""
        if before == after:
            continue
        if key == "body":
            before_lines, after_lines = body_text(before), body_text(after)
        else:
            before_lines, after_lines = [before], [after]
        lines = [
            {"sign": line[0], "text": line[2:]}
            for line in difflib.ndiff(before_lines, after_lines)
            if line[0] in " -+"
        ]
        changes.append({"label": label, "kind": "text", "lines": lines})
    for key, label in VALUE_FIELDS:
        if old.get(key) != new.get(key):
            changes.append(
                {"label": label, "kind": "value", "before": old.get(key), "after": new.get(key)}
            )
    for key, label in LIST_FIELDS:
        before, after = old.get(key, []), new.get(key, [])
        if before != after:
            changes.append(
                {
                    "label": label,
                    "kind": "list",
                    "added": [name for name in after if name not in before],
                    "removed": [name for name in before if name not in after],
                    "order_only": sorted(before) == sorted(after),
                }
            )
    return changes


def version_for_counter(article: Article, counter: int):
    """The newest revision that recorded the story at edit counter `counter`, if any."""
    for version in article_versions(article)[:50]:
        if version.field_dict.get("version") == counter:
            return version
    return None


def revert_content(story: Article, version: Version) -> None:
    """Put back the content and related rows `version` recorded, onto the locked `story`.

    The rows that hang off the story (bylines, pins, tags) are reverted in the database; the
    story's own content fields are set on `story` for its caller to save. Its workflow fields
    (`Article.WORKFLOW_FIELDS`) are left as they are: restoring old words must not unpublish,
    reschedule or un-embargo a story, nor rewind the edit counter.
    """
    try:
        version.revision.revert(delete=True)
    except RevertError as error:
        raise RestoreFailed(str(error)) from error
    # The revision put the story's regions back as they were: list it where they say.
    refresh_listings([story.pk])
    filed_names.index_filings([story.pk])
    reverted = Article.objects.get(pk=story.pk)
    for name in Article.CONTENT_FIELDS:
        setattr(story, name, getattr(reverted, name))
