"""Two editors in one story: what each changed since the version they opened, field by field.

When a save is refused because someone else saved first, the article form calls
`reconcile()`: a field only the other editor changed takes their value, a field only this
editor changed keeps theirs, and a field both changed differently keeps this editor's value —
which saving will write over the other's, so it is listed plainly. Values are compared in one
plain shape (`story_values`, `version_values`): ids for relations, tag names case-folded,
times to the second (what a form can carry).
"""

from dataclasses import dataclass

from articles.models import Article, Tag

# The fields an editor edits on the form, as (name, label), in form order.
FIELDS = [
    ("headline", "Headline"),
    ("slug", "Slug"),
    ("standfirst", "Standfirst"),
    ("body", "Body"),
    ("byline_override", "Byline override"),
    ("dateline", "Dateline"),
    ("section", "Section"),
    ("regions", "Regions"),
    ("sources", "Sources"),
    ("tags", "Tags"),
    ("lead_image", "Lead image"),
    ("status", "Status"),
    ("published_at", "Publish time"),
    ("embargo_until", "Embargoed until"),
    ("updated_at", "Updated time"),
]
TIMES = {"published_at", "embargo_until", "updated_at"}
LISTS = {"regions", "sources"}

THEIRS, YOURS, OVERWRITE = "theirs", "yours", "overwrite"


@dataclass(frozen=True)
class FieldOutcome:
    name: str
    label: str
    outcome: str  # THEIRS: kept their change; YOURS: kept yours; OVERWRITE: yours replaces theirs
    theirs: object


def normalize(name: str, value):
    """One comparable shape per field."""
    if name in TIMES:
        return value.replace(microsecond=0) if value else None
    if name in LISTS:
        return tuple(sorted(value or ()))
    if name == "tags":
        return tuple(sorted({str(tag).casefold(): str(tag) for tag in value or ()}.values()))
    if name == "body":
        return Article.sanitize_body(value)
    if value is None:
        return ""
    return value


def story_values(story: Article) -> dict:
    """The story as stored now."""
    raw = {name: getattr(story, name) for name, _ in FIELDS if name not in LISTS | {"tags"}}
    raw["section"] = story.section_id
    raw["lead_image"] = story.lead_image_id
    raw["regions"] = list(story.regions.values_list("pk", flat=True))
    raw["sources"] = list(story.sources.values_list("pk", flat=True))
    raw["tags"] = list(story.tags.values_list("name", flat=True))
    return {name: normalize(name, value) for name, value in raw.items()}


def version_values(version) -> dict:
    """The story as a revision recorded it."""
    fields = version.field_dict
    tag_ids = [
        sibling.field_dict["tag_id"]
        for sibling in version.revision.version_set.select_related("content_type")
        if sibling.content_type.model == "taggedarticle"
    ]
    raw = {name: fields.get(name) for name, _ in FIELDS}
    raw["section"] = fields.get("section_id")
    raw["lead_image"] = fields.get("lead_image_id")
    raw["tags"] = list(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))
    return {name: normalize(name, value) for name, value in raw.items()}


def reconcile(base: dict | None, theirs: dict, mine: dict) -> list[FieldOutcome]:
    """Per field where this editor's value (`mine`) differs from the stored one (`theirs`):
    whose value the next save should keep. Without `base` (the revision this editor opened is
    unknown) every difference is an overwrite."""
    outcomes = []
    for name, label in FIELDS:
        if name not in mine or mine[name] == theirs[name]:
            continue
        if base is not None and mine[name] == base[name]:
            outcome = THEIRS
        elif base is not None and theirs[name] == base[name]:
            outcome = YOURS
        else:
            outcome = OVERWRITE
        outcomes.append(FieldOutcome(name, label, outcome, theirs[name]))
    return outcomes
