"""What the vocabularies' models share: the comparison key, alternative names and merge records.

Tags and sources (and, for their alternative spellings, regions) are vocabularies: entries
with one canonical spelling each, alternative names that stand for an entry, and a record of
every merge of duplicates. The pieces every vocabulary repeats are written here once:

- `NameKeyField` — the stored `names.name_key()` of a row's name: what two names must share to
  be the same entry, computed in Python so that the database can index and enforce it;
- `EntryBase` — a tag or source: its key, and a name checked by the one "is this name free"
  rule (`Vocabulary.ensure_name_free`) whenever it is validated or saved;
- `AliasBase` — an alternative name: cleaned to its canonical spelling, keyed, and (for a
  vocabulary whose names must be unique) checked by the one "is this name free" rule;
- `MergeRecordBase` — the append-only record of one merge.

Concrete models declare their `name` field (width and example differ), the owner of an
alternative name (`tag`, `source`, `region`), and say which vocabulary they belong to.
"""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from articles.models.names import MAX_NAME_LENGTH, clean_name, name_key
from articles.models.vocabularies import Vocabulary

# Case folding can lengthen a name ("ß" → "ss", "ﬃ" → "ffi"): room for the widest name folded.
KEY_MAX_LENGTH = 500


class NameKeyField(models.CharField):
    """The row's `name` folded by `names.name_key()`, filled in whenever the row is written.

    `pre_save()` runs for `save()` and `bulk_create()` alike (the demo loader and the benchmark
    create tags and sources in bulk), so no way of writing a name can leave its key stale.
    A key is the row's own data, like a slug; it is never edited by hand.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", "comparison key")
        kwargs.setdefault("max_length", KEY_MAX_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault(
            "help_text",
            "The name with case, spacing and Unicode form folded away; two names with the "
            "same key are the same name. Maintained automatically.",
        )
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        key = name_key(model_instance.name)
        setattr(model_instance, self.attname, key)
        return key


def _name_error(error: ValidationError) -> ValidationError:
    """A name's error as the form shows it: on the name field."""
    return ValidationError({"name": error.messages})


class EntryBase(models.Model):
    """An entry of a vocabulary (a tag, a source): a name that is free in the vocabulary.

    Subclasses set `vocabulary` and declare `name` (and a unique constraint on `key`).
    """

    vocabulary: ClassVar[Vocabulary]
    name: str

    key = NameKeyField()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The canonical spelling is the row's own data, like a slug, and an entry's name may
        # not be another entry's alternative name (no constraint can say so): every way in
        # (admin, taggit, code) must respect both, so they are enforced here.
        self.name = self.vocabulary.ensure_name_free(self.name, entry=self)
        super().save(*args, **kwargs)

    def clean(self):
        # An empty name is the form's error ("this field is required"); say nothing twice.
        if self.name:
            try:
                self.name = self.vocabulary.ensure_name_free(self.name, entry=self)
            except ValidationError as error:
                raise _name_error(error) from error


class AlternativeNameKind(models.TextChoices):
    """What sort of alternative name a region's or source's alias is. Matching story text
    finds an entry by any of them; the kind says how the name relates to the entry."""

    SPELLING = "spelling", "Other spelling or transliteration"
    SHORT = "short", "Short name"
    ADJECTIVE = "adjective", "Adjective or demonym"
    FORMER = "former", "Former name"


def alternative_name_kind_field():
    return models.CharField(
        "kind of name",
        max_length=20,
        choices=AlternativeNameKind.choices,
        default=AlternativeNameKind.SPELLING,
        # Optional in forms: left empty, a name is another spelling (see AliasBase.save).
        blank=True,
        help_text="“Kiev” is another spelling of Kyiv, “Donetsk” a short name of Donetsk "
        "Oblast, “Russian” the adjective of Russia: each finds the entry in story text.",
    )


class AliasBase(models.Model):
    """An alternative name (abbreviation, former name, other spelling) of a vocabulary entry.

    Subclasses declare the owner foreign key (named like the vocabulary's noun) and `name`; they set
    `vocabulary` (an `articles.models.vocabularies.Vocabulary`) when the name must be free in
    the whole vocabulary — a tag's or a source's alternative name may be nobody else's name.
    Without one (regions: two places may share a spelling) only the cleaning applies, and the
    subclass's own constraint keeps the name unique where it must be.
    """

    vocabulary: ClassVar[Vocabulary | None] = None
    name: str

    key = NameKeyField()

    class Meta:
        abstract = True
        ordering = ["name"]
        verbose_name = "alternative name"
        verbose_name_plural = "alternative names"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Every way in (admin, merges, code) stores the canonical spelling, and a free one.
        self.name = self._checked_name()
        if getattr(self, "kind", None) == "":
            self.kind = AlternativeNameKind.SPELLING
        super().save(*args, **kwargs)

    def _checked_name(self) -> str:
        if self.vocabulary is None:
            max_length = getattr(self._meta.get_field("name"), "max_length", MAX_NAME_LENGTH)
            return clean_name(self.name, what="alternative", max_length=max_length)
        return self.vocabulary.ensure_name_free(self.name, alias=self)

    def clean(self):
        # An empty name is the form's error ("this field is required"); say nothing twice.
        if self.name:
            try:
                self.name = self._checked_name()
            except ValidationError as error:
                raise _name_error(error) from error

    def validate_constraints(self, exclude=None):
        # Forms leave `key` out (it is not editable), but it is the name's: whenever the name
        # is validated, so are the subclass's constraints on the key (a region's alternative
        # names are unique per region by such a constraint, not by the vocabulary rule).
        exclude = set(exclude or ())
        if "name" not in exclude:
            exclude.discard("key")
            self.key = name_key(self.name)
        super().validate_constraints(exclude=exclude)


class MergeRecordBase(models.Model):
    """An append-only record of one merge: which entries went into which, by whom, when.

    Subclasses declare `into`, the surviving entry (kept as a name too, should it go later).
    """

    into_name = models.CharField(
        "surviving name", max_length=160, help_text="The surviving entry's name at the time."
    )
    merged_names = models.JSONField(
        "merged names", default=list, help_text="Names of the entries merged away."
    )
    merged_slugs = models.JSONField(
        "merged slugs", default=list, help_text="Their old slugs (now redirecting)."
    )
    stories_moved = models.PositiveIntegerField(
        "stories moved",
        default=0,
        help_text="Stories that carried a merged entry and now carry the surviving one.",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="merged by",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who merged them.",
    )
    merged_at = models.DateTimeField("merged at", auto_now_add=True, help_text="When.")

    class Meta:
        abstract = True
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"{', '.join(self.merged_names)} → {self.into_name}"
