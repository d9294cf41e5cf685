"""The vocabularies (tags, sources) described once, and the one rule for "is this name free".

A `Vocabulary` says where a vocabulary lives — its entry, alternative-name and merge-record
models, the table filing stories under an entry, the rows that follow an entry through a merge
(tag pins) — so that merging (`merging.merge`) and naming are written once for all of them.

`Vocabulary.ensure_name_free()` is the only place that decides whether a name may be given:
a name is free when no other entry and no alternative name of the vocabulary has the same key
(`names.name_key`). The admin forms (through the models' `clean()`), the models' `save()`,
renames and merges all ask it. Two people giving the same name at the same moment are
serialised: on PostgreSQL the check takes a transaction-scoped advisory lock on
(vocabulary, key), held until the caller's transaction ends, so the second one waits and then
sees the first one's row; SQLite's IMMEDIATE transactions already let one writer in at a time.
The unique `key` columns stay as the last line of defence.

The models import this module (for their `clean()` and `save()`), so it names them by label and
looks them up only when first used.
"""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from .names import MAX_NAME_LENGTH, clean_name, name_key


@dataclass(frozen=True)
class Vocabulary:
    kind: str  # "tags", "sources": names its name locks; merges of tags move their pins
    noun: str  # "tag", "source": for messages
    entry_label: str  # "articles.Tag"
    alias_label: str  # its alternative names; their owner foreign key is named `noun`
    merge_record_label: str  # one row per merge
    filing_label: str  # the table filing stories under an entry
    filing_story_column: str  # that table's foreign key to the story
    pin_label: str = ""  # stories pinned to an entry's page, moved along by a merge
    max_name_length: int = MAX_NAME_LENGTH

    @property
    def entry_model(self):
        return apps.get_model(self.entry_label)

    @property
    def alias_model(self):
        return apps.get_model(self.alias_label)

    @property
    def merge_record_model(self):
        return apps.get_model(self.merge_record_label)

    @property
    def filing_model(self):
        return apps.get_model(self.filing_label)

    @property
    def pin_model(self):
        return apps.get_model(self.pin_label) if self.pin_label else None

    @property
    def owner_column(self) -> str:
        """The column naming the entry in the alias, filing and pin tables ("tag", "source")."""
        return self.noun

    def ensure_name_free(self, name, *, entry=None, alias=None) -> str:
        """`name` in its canonical spelling if it may be given; otherwise a ValidationError
        that says who has it.

        Naming an entry (`entry` is the one being named or renamed, None for a new one): no
        other entry may have the name, nor any other entry's alternative name (its own do not
        count: a tag may be renamed to one of its own spellings). Naming an alternative name
        (`alias`, new or edited): it may not repeat its own entry's name, nor any other entry's
        name or alternative name. Call it inside the transaction that writes the name.
        """
        what = "alternative" if alias is not None else self.noun
        name = clean_name(name, what=what, max_length=self.max_name_length)
        key = name_key(name)
        _lock_name(self.kind, key)
        if alias is not None:
            self._ensure_alias_free(name, key, alias)
        else:
            self._ensure_entry_free(name, key, entry)
        return name

    def _ensure_entry_free(self, name, key, entry):
        others = self.entry_model.objects.filter(key=key)
        aliases = self.alias_model.objects.filter(key=key)
        if entry is not None and entry.pk is not None:
            others = others.exclude(pk=entry.pk)
            aliases = aliases.exclude(**{self.owner_column: entry.pk})
        if others.exists():
            raise ValidationError(
                f"A {self.noun} called “{name}” already exists (perhaps in another case or "
                "spelling): merge the two instead of creating a duplicate.",
                code="taken",
            )
        taken = aliases.select_related(self.owner_column).first()
        if taken is not None:
            owner = getattr(taken, self.owner_column)
            raise ValidationError(
                f"“{name}” is an alternative name of another {self.noun} (“{owner.name}”).",
                code="taken",
            )

    def _ensure_alias_free(self, name, key, alias):
        owner_id = getattr(alias, f"{self.owner_column}_id")
        # None when no owner is set yet (a missing relation is an AttributeError).
        owner = getattr(alias, self.owner_column, None)
        # The owner's name as it is about to be saved (the admin validates the alternative
        # names of a tag whose new name is not stored yet).
        if owner is not None and name_key(owner.name) == key:
            raise ValidationError(
                f"An alternative name cannot repeat the {self.noun}'s name.", code="own_name"
            )
        others = self.entry_model.objects.filter(key=key)
        if owner_id:
            others = others.exclude(pk=owner_id)
        if others.exists():
            raise ValidationError(
                f"“{name}” is the name of another {self.noun}; merge the two instead.",
                code="taken",
            )
        if self.alias_model.objects.filter(key=key).exclude(pk=alias.pk).exists():
            raise ValidationError(f"“{name}” is already an alternative name.", code="taken")


def _lock_name(kind: str, key: str) -> None:
    """Hold (vocabulary, key) until the current transaction ends (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"{kind}\0{key}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, signed=True)])


TAGS = Vocabulary(
    kind="tags",
    noun="tag",
    entry_label="articles.Tag",
    alias_label="articles.TagAlias",
    merge_record_label="articles.TagMerge",
    filing_label="articles.TaggedArticle",
    filing_story_column="content_object",
    pin_label="articles.TagPin",
)

SOURCES = Vocabulary(
    kind="sources",
    noun="source",
    entry_label="articles.Source",
    alias_label="articles.SourceAlias",
    merge_record_label="articles.SourceMerge",
    # Article.sources' own table (Django names it after the model and the field).
    filing_label="articles.Article_sources",
    filing_story_column="article",
    max_name_length=160,
)
