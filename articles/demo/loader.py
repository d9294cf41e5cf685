"""Load the demo newsroom into the database: create what is missing, leave the rest alone.

Every row is keyed on a slug or username, so a second run finds everything in place and
writes nothing (and costs a few dozen queries). Rows an editor changed in the admin are not
overwritten. Stories are created and published through `articles.workflow`, like any other story.
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles.search import filed_names
from articles.stories import derived

from ..fronts import front_of, publish_arrangement
from ..models import (
    AlternativeNameKind,
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Fill,
    Region,
    RegionAlias,
    RelatedStory,
    Section,
    Slot,
    SlotKind,
    Source,
    SourceAlias,
    Tag,
)
from ..taxonomy.regions import file_story, move_region
from ..workflow import create_story, publish, unpublish
from . import content
from .newsletters import load_newsletters
from .stories import CORRECTIONS, PINNED, STORIES
from .story import Story

Report = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


@transaction.atomic
def load_newsroom(report: Report = _quiet) -> dict[str, int]:
    """Create the missing demo accounts, desks, places, sources, tags, authors and stories.

    Returns how many rows of each kind were created (all zero on a second run).
    """
    users, users_created = _load_users(report)
    created = {
        "users": users_created,
        "sections": _load_sections(report),
        "regions": _load_regions(report),
        "sources": _load_sources(report),
        "tags": _load_tags(report),
        "authors": _load_authors(users, report),
    }
    created["articles"] = _load_stories(users, report)
    created["pinned related stories"] = _load_pins()
    created["corrections"] = _load_corrections(users["editor"])
    created["home front arrangements"] = _load_home_front(users["editor"])
    created["newsletters"] = load_newsletters(users["editor"], report)
    return created


def _load_users(report: Report) -> tuple[dict, int]:
    """The demo staff accounts. A password is set only when the account is first created."""
    User = get_user_model()
    users, created_count = {}, 0
    for username, password, group_name, (first, last) in content.LOGINS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@newsroom.example",
                "is_staff": True,
                "is_superuser": group_name is None,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created_count += 1
            report(f"user {username}")
        if group_name:
            # The roles migration normally made the group already; get_or_create keeps the
            # demo working on a database where it has not run.
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        users[username] = user
    return users, created_count


def _load_sections(report: Report) -> int:
    existing = set(Section.objects.filter(slug__in=content.SECTIONS).values_list("slug", flat=True))
    missing = [
        Section(slug=slug, name=name, order=order, description=description)
        for slug, (name, order, _, _, description) in content.SECTIONS.items()
        if slug not in existing
    ]
    for section in missing:
        report(f"section {section.name}")
    Section.objects.bulk_create(missing)
    return len(missing)


def _load_regions(report: Report) -> int:
    slugs = [slug for slug, *_ in content.REGIONS]
    regions = Region.objects.in_bulk(slugs, field_name="slug")
    created = 0
    # In tree order, one at a time: each save computes its path from its parent's.
    for slug, name, kind, parent, geonames_id in content.REGIONS:
        if slug in regions:
            continue
        region = Region(
            slug=slug,
            name=name,
            kind=kind,
            parent=regions[parent] if parent else None,
            geonames_uri=f"http://sws.geonames.org/{geonames_id}/" if geonames_id else "",
            description=content.REGION_DESCRIPTIONS.get(slug, ""),
        )
        region.save()
        regions[slug] = region
        created += 1
        report(f"region {'  ' * region.depth}{name}")

    for grouping, members in content.GROUPINGS.items():
        # Through the domain, which lists stories already filed under a new member on the
        # grouping's page too; members linked before stay.
        wanted = {regions[member] for member in members}
        current = set(regions[grouping].members.all())
        if not wanted <= current:
            move_region(
                regions[grouping], parent=regions[grouping].parent, members=current | wanted
            )

    known = set(
        RegionAlias.objects.filter(region__slug__in=content.ALIASES).values_list(
            "region__slug", "name"
        )
    )
    added = RegionAlias.objects.bulk_create(
        RegionAlias(region=regions[slug], name=name, kind=kind)
        for slug, names in content.ALIASES.items()
        for name, kind in map(_alias, names)
        if (slug, name) not in known
    )
    # A newer demo's names reach stories an older one filed: search finds them by them too.
    filed_names.names_changed(*{alias.region for alias in added})
    return created


def _alias(name) -> tuple[str, str]:
    """(name, kind) of an alternative name in the demo content: a bare name is a spelling."""
    return (name, AlternativeNameKind.SPELLING) if isinstance(name, str) else name


def _load_sources(report: Report) -> int:
    existing = set(Source.objects.filter(slug__in=content.SOURCES).values_list("slug", flat=True))
    missing = [
        Source(
            slug=slug,
            name=name,
            kind=kind,
            role=content.SOURCE_ROLES.get(slug, ""),
            homepage_url=homepage,
            description=description,
        )
        for slug, (name, kind, homepage, description) in content.SOURCES.items()
        if slug not in existing
    ]
    for source in missing:
        report(f"source {source.name} ({source.kind})")
    Source.objects.bulk_create(missing)
    sources = Source.objects.in_bulk(list(content.SOURCE_ALIASES), field_name="slug")
    known = set(
        SourceAlias.objects.filter(source__slug__in=content.SOURCE_ALIASES).values_list(
            "source__slug", "name"
        )
    )
    named = set()
    for slug, names in content.SOURCE_ALIASES.items():
        for name, kind in map(_alias, names):
            if (slug, name) not in known:
                # One by one: each alternative name is checked against the whole vocabulary.
                SourceAlias.objects.create(source=sources[slug], name=name, kind=kind)
                named.add(sources[slug])
    filed_names.names_changed(*named)
    return len(missing)


def _tag_slug(name: str) -> str:
    return Tag().slugify(name)


def _load_tags(report: Report) -> int:
    slugs = {_tag_slug(name): name for name in content.TAGS}
    existing = set(Tag.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    missing = [
        Tag(slug=slug, name=name, description=content.TAGS[name])
        for slug, name in slugs.items()
        if slug not in existing
    ]
    for tag in missing:
        report(f"tag {tag.name}")
    Tag.objects.bulk_create(missing)
    return len(missing)


def _load_authors(users: dict, report: Report) -> int:
    authors = Author.objects.in_bulk(list(content.AUTHORS), field_name="slug")
    created = 0
    for slug, (name, role, bio, username) in content.AUTHORS.items():
        if slug not in authors:
            authors[slug] = Author.objects.create(slug=slug, name=name, role=role, bio=bio)
            created += 1
            report(f"author {name}")
        author, user = authors[slug], users.get(username)
        # Link the demo account to its byline, unless either is already linked elsewhere.
        if user and author.user_id is None and not Author.objects.filter(user=user).exists():
            author.user = user
            author.save(update_fields=["user"])
    return created


def _load_stories(users: dict, report: Report) -> int:
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in STORIES]).values_list("slug", flat=True)
    )
    missing = [story for story in STORIES if story.slug not in existing]
    if not missing:
        return 0
    sections = Section.objects.in_bulk(list(content.SECTIONS), field_name="slug")
    regions = Region.objects.in_bulk([slug for slug, *_ in content.REGIONS], field_name="slug")
    sources = Source.objects.in_bulk(list(content.SOURCES), field_name="slug")
    tags = Tag.objects.in_bulk([_tag_slug(name) for name in content.TAGS], field_name="slug")
    authors = Author.objects.in_bulk(list(content.AUTHORS), field_name="slug")
    # A story is started by the account behind its first byline, else by the editor.
    accounts = {slug: users.get(details[3]) for slug, details in content.AUTHORS.items()}
    now = timezone.now()
    for story in missing:
        writer = (accounts[story.authors[0]] if story.authors else None) or users["editor"]
        article = create_story(
            Article(
                slug=story.slug,
                headline=story.headline,
                standfirst=story.standfirst,
                body=story.body(),
                section=sections[story.section],
                byline_override=story.byline,
                dateline=story.dateline,
            ),
            by=writer,
        )
        file_story(article, [regions[slug] for slug in story.regions])
        article.sources.add(*(sources[slug] for slug in story.sources))
        article.tags.add(*(tags[_tag_slug(name)] for name in story.tags))
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(story.authors)
        )
        derived.refresh(article)  # the byline rows were added beside the story
        _publish_as_planned(article, story, now, users["editor"])
        report(f"article [{_state(story)}] {story.headline}")
    return len(missing)


def _publish_as_planned(article: Article, story: Story, now, editor) -> None:
    if story.hours_ago is not None:
        publish(article, at=now - timedelta(hours=story.hours_ago), by=editor)
    elif story.scheduled_in is not None:
        publish(article, at=now + timedelta(hours=story.scheduled_in), by=editor)
    if story.withdrawn:
        unpublish(article, by=editor)


def _state(story: Story) -> str:
    if story.withdrawn:
        return "withdrawn"
    if story.is_draft:
        return "draft"
    return "scheduled" if story.scheduled_in is not None else "published"


def _load_pins() -> int:
    slugs = set(PINNED) | {slug for related in PINNED.values() for slug in related}
    ids = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    known = set(
        RelatedStory.objects.filter(article_id__in=ids.values()).values_list(
            "article_id", "related_id"
        )
    )
    missing = [
        RelatedStory(article_id=ids[slug], related_id=ids[related], position=position)
        for slug, related_slugs in PINNED.items()
        for position, related in enumerate(related_slugs)
        if (ids[slug], ids[related]) not in known
    ]
    RelatedStory.objects.bulk_create(missing)
    return len(missing)


def _load_corrections(editor) -> int:
    slugs = [slug for slug, *_ in CORRECTIONS]
    articles = Article.objects.in_bulk(slugs, field_name="slug")
    known = set(
        Correction.objects.filter(article__slug__in=slugs).values_list("article__slug", "kind")
    )
    created = 0
    for slug, kind, text, hours_after in CORRECTIONS:
        article = articles[slug]
        if (slug, kind) in known or article.published_at is None:
            continue
        when = article.published_at + timedelta(hours=hours_after)
        Correction.objects.create(
            article=article, kind=kind, text=text, created_at=when, created_by=editor
        )
        if kind == "update":
            # An update is a material change: readers see "Updated …" at that time.
            article.updated_at = when
            article.save(update_fields=["updated_at"])
        created += 1
    return created


# The home page's front as the desk arranged it: a pinned lead (not the newest story, so the
# pin shows), the latest stories, the war coverage and a block per desk; and the lead swap
# scheduled for when the defence ministers' story goes live.
HOME_LEAD = "kyiv-air-defences-intercept-drones"
SCHEDULED_LEAD = "defence-ministers-to-meet-on-air-defence"
DESK_BLOCKS = ("business", "science", "culture", "sports")


def _load_home_front(editor) -> int:
    """Arrange the home page's front, unless it has one (an editor's arrangement stays)."""
    if front_of(None) is not None:
        return 0
    stories = Article.objects.in_bulk([HOME_LEAD, SCHEDULED_LEAD], field_name="slug")
    war = Tag.objects.filter(slug=_tag_slug("War in Ukraine")).first()
    desks = Section.objects.in_bulk(list(DESK_BLOCKS), field_name="slug")

    def slots(lead):
        return [
            Slot(kind=SlotKind.LEAD, story=lead, fill=Fill.LATEST),
            Slot(kind=SlotKind.TOP, fill=Fill.LATEST, count=4),
            Slot(kind=SlotKind.BLOCK, fill=Fill.TAG, tag=war, count=4),
            *(
                Slot(kind=SlotKind.BLOCK, fill=Fill.SECTION, section=desks[slug], count=3)
                for slug in DESK_BLOCKS
            ),
        ]

    front = front_of(None, create=True)
    publish_arrangement(front, slots(stories[HOME_LEAD]), by=editor, note="Demo: pinned lead")
    scheduled = stories[SCHEDULED_LEAD]
    publish_arrangement(
        front,
        slots(scheduled),
        by=editor,
        at=scheduled.goes_live_at,
        note="Demo: the ministers' meeting leads once it is published",
    )
    return 2
