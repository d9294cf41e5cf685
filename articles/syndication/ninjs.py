"""One story as an IPTC ninjs 3.2 document (https://iptc.org/standards/ninjs/).

The read API and the pushes to partners send exactly what `story_document()` makes; the tests
validate it against the official schema. What is emitted:

- `uri` — `tag:<SYNDICATION_AUTHORITY>:story:<id>` (RFC 4151): stable, whatever host serves
  the site; `version` (the story's edit counter), `versionCreated` (last saved),
  `firstCreated` (first publication), `embargoedUntil` (where an embargo is set), `pubStatus`
  (`usable`; a withdrawal is announced as `canceled`, the schema's word for it), `type`
  `text`, `representationType` `full`, `language`, `standard` (ninjs 3.2 and its schema).
- `headlines` (`main`, and the standfirst as `subheadline`), `bodies` (`main`, the stored
  sanitised HTML, with its word count), `by` (the printed byline), `located` (the dateline).
- `people` (sources of kind person) and `organisations` (every other source), `places` (the
  regions the story is filed under, with GeoNames URIs where known), `subjects` (tags, with
  IPTC Media Topic URIs where known), each with our slug as `literal`.
- `descriptions` — each correction, clarification and update, its kind as `role`.
- `associations` — the lead image as a `picture` named `featureimage` with every rendition.
- `altIds` — the story's web address (role `url`).

Left out (we hold no data for them): urgency, genres, events, objects, infoSources (the byline
and sources say it), copyright and usage terms, rightsInfo, trustIndicators, geoJSON shapes.
"""

import re

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils.html import escape, strip_tags

from articles.addresses.absolute import absolute_url
from articles.models import (
    Article,
    Correction,
    EntryState,
    LiveCoverage,
    LiveEntry,
    Source,
    SourceKind,
)
from articles.models.images import rendition_url

NINJS_VERSION = "3.2"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.2.json#"
_WORD = re.compile(r"\w+")
# How many of a live story's entries go out with it, newest first.
LIVE_ENTRIES = 50


def story_uri(story_id: int) -> str:
    """The story's global identifier: a tag: URI under the newsroom's naming authority."""
    return f"tag:{settings.SYNDICATION_AUTHORITY}:story:{story_id}"


def source_uri(source_id: int) -> str:
    return f"tag:{settings.SYNDICATION_AUTHORITY}:source:{source_id}"


def with_documents(stories):
    """`stories` with everything `story_document()` reads, in a fixed number of queries
    (the stories, then their sources, regions, tags and corrections: five in all)."""
    return stories.select_related("section", "lead_image", "wire_copy", "live").prefetch_related(
        Prefetch("sources", queryset=Source.objects.order_by("name")),
        "regions",
        "tags",
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "pk")),
        # Only when some of them are covered live: one query for all their entries.
        Prefetch(
            "live__entries",
            queryset=LiveEntry.objects.shown().order_by("-posted_at", "-pk"),
            to_attr="shown_entries",
        ),
    )


def _time(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def story_document(story: Article) -> dict:
    """The story as a ninjs 3.2 document (a dict ready for JSON). Call it on stories fetched
    through `with_documents()`, or pay a query per relation."""
    document = {
        "uri": story_uri(story.pk),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationType": "full",
        "version": str(story.version),
        "versionCreated": _time(story.modified_at),
        "firstCreated": _time(story.first_published_at or story.published_at or story.created_at),
        "pubStatus": "usable",
        "language": story.language,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": story.headline}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "wordCount": len(_WORD.findall(strip_tags(story.body))),
                "value": story.body,
            }
        ],
        "altIds": [{"role": "url", "value": absolute_url(story.get_absolute_url())}],
    }
    if story.embargo_until:
        document["embargoedUntil"] = _time(story.embargo_until)
    if story.standfirst:
        document["headlines"].append(
            {"role": "subheadline", "contentType": "text/plain", "value": story.standfirst}
        )
    if story.byline:
        document["by"] = story.byline
    if story.dateline:
        document["located"] = story.dateline
    _add_filing(document, story)
    corrections = [
        {
            "role": correction.kind,
            "contentType": "text/plain",
            "value": f"{correction.get_kind_display()} ({_time(correction.created_at)}): "
            f"{correction.text}",
        }
        for correction in story.corrections.all()
    ]
    if corrections:
        document["descriptions"] = corrections
    image = lead_image_association(story)
    associations = ([image] if image else []) + _live_entries(story)
    if associations:
        document["associations"] = associations
    return {key: value for key, value in document.items() if value is not None}


def _live_entries(story: Article) -> list[dict]:
    """A live story's entries readers see, newest first, as associated text items (a
    withdrawn one as `canceled`, with its note)."""
    coverage = story._state.fields_cache.get("live", False)
    if coverage is False:  # not read with the story: ask
        coverage = LiveCoverage.objects.filter(article=story).first()
    if coverage is None:
        return []
    shown = getattr(coverage, "shown_entries", None)
    if shown is None:
        shown = list(
            LiveEntry.objects.shown().filter(coverage=coverage).order_by("-posted_at", "-pk")
        )
    found = []
    for entry in shown[:LIVE_ENTRIES]:
        withdrawn = entry.state == EntryState.WITHDRAWN
        item = {
            "name": f"entry-{entry.pk}",
            "rel": "liveEntry",
            "uri": f"{story_uri(story.pk)}:entry:{entry.pk}",
            "type": "text",
            "version": str(entry.version),
            "firstCreated": _time(entry.posted_at),
            "versionCreated": _time(entry.updated_at or entry.posted_at),
            "pubStatus": "canceled" if withdrawn else "usable",
            "bodies": [
                {
                    "role": "main",
                    "contentType": "text/html",
                    "value": f"<p>{escape(entry.withdrawn_note)}</p>" if withdrawn else entry.body,
                }
            ],
            "altIds": [
                {
                    "role": "url",
                    "value": absolute_url(f"{story.get_absolute_url()}#entry-{entry.pk}"),
                }
            ],
        }
        if entry.key_title and not withdrawn:
            item["headlines"] = [
                {"role": "main", "contentType": "text/plain", "value": entry.key_title}
            ]
        found.append(item)
    return found


def _add_filing(document: dict, story: Article) -> None:
    people, organisations = [], []
    for source in story.sources.all():
        entry = {
            "name": source.name,
            "rel": "source",
            "uri": source_uri(source.pk),
            "literal": source.slug,
        }
        (people if source.kind == SourceKind.PERSON else organisations).append(entry)
    places = []
    for region in sorted(story.regions.all(), key=lambda region: region.name):
        place = {"name": region.name, "literal": region.slug}
        if region.geonames_uri:
            place["uri"] = region.geonames_uri
        places.append(place)
    subjects = []
    for tag in sorted(story.tags.all(), key=lambda tag: tag.name):
        subject = {"name": tag.name, "literal": tag.slug}
        if tag.mediatopic_uri:
            subject["uri"] = tag.mediatopic_uri
        subjects.append(subject)
    # The agency's subjects of a wire story go back out as it sent them, URIs and all.
    sent = {subject.get("uri") or subject["name"] for subject in subjects}
    for subject in _agency_subjects(story):
        if (subject.get("uri") or subject["name"]) not in sent:
            subjects.append({key: value for key, value in subject.items() if value})
    for key, values in (
        ("people", people),
        ("organisations", organisations),
        ("places", places),
        ("subjects", subjects),
    ):
        if values:
            document[key] = values


def _agency_subjects(story: Article) -> list[dict]:
    try:
        wire = story.wire_copy
    except ObjectDoesNotExist:
        return []
    return list((wire.metadata or {}).get("subjects", [])) if wire else []


def lead_image_association(story: Article) -> dict | None:
    """The story's lead picture from the image library as an associated `picture`, with every
    rendition the background task recorded (href, size, type and bytes), or None. A picture
    whose renditions are not made yet is left out: partners get no address that would 404."""
    image = story.lead_image
    if image is None or not image.ready:
        return None
    picture = {
        "name": "featureimage",
        "rel": "lead image",
        "uri": f"tag:{settings.SYNDICATION_AUTHORITY}:image:{image.key}",
        "type": "picture",
        "renditions": [
            {
                "name": f"{record['crop']}-{record['width']}-{record['type'].split('/')[-1]}",
                "href": absolute_url(rendition_url(record)),
                "contentType": record["type"],
                "width": record["width"],
                "height": record["height"],
                **({"sizeInBytes": record["bytes"]} if record.get("bytes") else {}),
            }
            for record in image.renditions.get("files", [])
        ],
    }
    descriptions = [
        {"role": role, "contentType": "text/plain", "value": value}
        for role, value in (("alt", image.alt_text), ("caption", image.caption))
        if value
    ]
    if descriptions:
        picture["descriptions"] = descriptions
    if image.credit:
        picture["by"] = image.credit
    if image.usage_terms:
        picture["usageTerms"] = image.usage_terms
    return picture


def withdrawal_document(story: Article) -> dict:
    """The document that tells partners a story is withdrawn: its identity, its new version
    and `pubStatus: canceled`, nothing of the withdrawn words themselves."""
    return {
        "uri": story_uri(story.pk),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationType": "partial",
        "version": str(story.version),
        "versionCreated": _time(story.modified_at),
        "pubStatus": "canceled",
    }
