"""Which cache keys (`articles.caching.keys`) a change touches: the one home of that rule, asked
by `articles.changes`.

A story's save touches its own key and the bulk readers of stories' words (`story-values`);
it touches `stories` — every listing, count, feed and sitemap — only when what the listings
show of it moved: its visibility or time, its section, regions, tags, sources, authors,
address or corrections. That is told by comparing the story's *filing* with the one recorded at
its last committed change (kept in the cache beside the keys, with the version of `all` it was
recorded under), in the change's transaction and again once it commits (a screen may file the
story after the step): an unknown or outdated record counts as moved, so a lost record costs
some re-rendering, never a stale listing.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction

from articles.caching import keys, purging
from articles.models import (
    Arrangement,
    Article,
    ArticleAuthor,
    Banner,
    Correction,
    Event,
    Front,
    Image,
    Issue,
    IssueBlock,
    Newsletter,
    Slot,
    TaggedArticle,
)

FILING = "newsroom:filing:"


def model_keys(*models) -> list[str]:
    """The keys of `models`' tables and of their many-to-many tables."""
    found = []
    for model in models:
        found.append(keys.table_key(model._meta.db_table))
        for relation in model._meta.local_many_to_many:
            found.append(keys.table_key(relation.remote_field.through._meta.db_table))
    return found


def filing(pk) -> str:
    """What listings show of story `pk` apart from its words, as one digest ("" once deleted)."""
    article = Article.objects.filter(pk=pk).first()
    if article is None:
        return ""
    parts = [
        article.status,
        article.is_public,
        article.published_at,
        article.embargo_until,
        article.section_id,
        article.slug,
        article.byline_override,
        sorted(article.regions.values_list("pk", flat=True)),
        sorted(article.sources.values_list("pk", flat=True)),
        sorted(TaggedArticle.objects.filter(content_object=pk).values_list("tag_id", flat=True)),
        sorted(ArticleAuthor.objects.filter(article=pk).values_list("author_id", flat=True)),
        Correction.objects.filter(article=pk).count(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _filing_moved(pk) -> tuple[bool, tuple]:
    """Whether story `pk`'s filing differs from the one recorded at its last committed change,
    and the record it has now."""
    keys.note_versions([keys.EVERYTHING])
    record = FILING + str(pk)
    found = cache.get_many([record, keys.VERSION + keys.EVERYTHING])
    now = (filing(pk), found.get(keys.VERSION + keys.EVERYTHING))
    return now[1] is None or found.get(record) != now, now


def story_keys(article: Article) -> list[str]:
    """The keys a public change of `article` touches, as far as its transaction shows yet.

    The filing is compared again once the change commits: a screen may file the story (its
    tags, regions, credits) after the step that called this, in the same transaction."""
    touched = [keys.story_key(article.pk), keys.STORY_VALUES]
    if _filing_moved(article.pk)[0]:
        touched.append(keys.STORIES)
    transaction.on_commit(lambda: _settle(article.pk))
    return touched


def _settle(pk) -> None:
    """After a change committed: forget the listings if the story moved in them, and record its
    filing (only now: a rolled-back change must not stand for what readers see)."""
    moved, now = _filing_moved(pk)
    if moved:
        keys.forget([keys.STORIES])
        purging.purge_later([keys.STORIES])
    cache.set(FILING + str(pk), now, None)


def live_keys(article: Article) -> list[str]:
    """A live story's coverage or entries changed: whatever showed them loaded the story."""
    return [keys.story_key(article.pk)]


def front_keys() -> list[str]:
    return model_keys(Front, Arrangement, Slot)


def newsletter_keys() -> list[str]:
    return model_keys(Newsletter, Issue, IssueBlock)


def event_keys() -> list[str]:
    return model_keys(Event)


def banner_keys() -> list[str]:
    return model_keys(Banner)


def picture_keys() -> list[str]:
    return model_keys(Image)
