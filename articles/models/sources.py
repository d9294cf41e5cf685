"""Sources: the outlets and agencies a story cites or comes from, their alternative names and
the record of merged duplicates. A source's name is unique by its key (case, spacing and Unicode
form folded in Python) and given only if `SOURCES.ensure_name_free()` allows it."""

from django.db import models
from django.db.models import OuterRef
from django.urls import reverse

from articles.models.vocabularies import SOURCES

from .publication import has_public_story
from .vocabulary import AliasBase, EntryBase, MergeRecordBase, alternative_name_kind_field


class SourceKind(models.TextChoices):
    AGENCY = "agency", "News agency"
    BROADCASTER = "broadcaster", "Broadcaster"
    NEWSPAPER = "newspaper", "Newspaper"
    GOVERNMENT = "government", "Government or official body"
    SOCIAL = "social", "Social media"
    # People quoted or relied on (officials, spokespeople): syndication names them as people,
    # every other kind as an organisation.
    PERSON = "person", "Person"
    OTHER = "other", "Other"


class SourceQuerySet(models.QuerySet["Source"]):
    def public(self, at=None):
        """Sources a public story cites. A source credited only on unpublished stories is
        nobody's business yet: its name may itself be news."""
        citations = self.model.articles.through.objects.filter(source=OuterRef("pk"))
        return self.filter(has_public_story(citations, "article", at=at))


class Source(EntryBase):
    vocabulary = SOURCES

    name = models.CharField("name", max_length=SOURCES.max_name_length, help_text="E.g. “Reuters”.")
    slug = models.SlugField(
        "slug",
        max_length=160,
        unique=True,
        help_text="The end of the source page's address: “reuters” makes /sources/reuters/. "
        "A changed slug leaves the old address redirecting.",
    )
    kind = models.CharField(
        "kind",
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.OTHER,
        help_text="What sort of outlet this is.",
    )
    role = models.CharField(
        "role",
        max_length=200,
        blank=True,
        help_text="For a person: what they are, as a story would say it, e.g. “Governor of "
        "Luhansk Oblast”. Shown with their name.",
    )
    homepage_url = models.URLField("homepage", blank=True, help_text="The source's own website.")
    description = models.TextField("description", blank=True, help_text="Shown on the source page.")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "source"
        verbose_name_plural = "sources"
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="unique_source_key",
                violation_error_message="A source with this name already exists.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})

    @property
    def is_person(self):
        return self.kind == SourceKind.PERSON


class SourceAlias(AliasBase):
    vocabulary = SOURCES

    source = models.ForeignKey(
        Source,
        verbose_name="source",
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The source this is another name for.",
    )
    name = models.CharField(
        "alternative name",
        max_length=SOURCES.max_name_length,
        help_text="An abbreviation, former name or other spelling, e.g. “AFP” for Agence "
        "France-Presse, “Sergei Gaidai” for Serhiy Haidai.",
    )
    kind = alternative_name_kind_field()

    class Meta(AliasBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="unique_source_alias_key",
                violation_error_message="This alternative name is already taken.",
            ),
        ]


class SourceMerge(MergeRecordBase):
    into = models.ForeignKey(
        Source,
        verbose_name="surviving source",
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges",
        help_text="The source the others were merged into.",
    )

    class Meta(MergeRecordBase.Meta):
        verbose_name = "source merge"
        verbose_name_plural = "source merges"
