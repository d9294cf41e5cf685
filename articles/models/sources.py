"""Sources: the outlets and agencies a story cites or comes from."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from articles.taxonomy.names import clean_name


class SourceKind(models.TextChoices):
    AGENCY = "agency", "News agency"
    BROADCASTER = "broadcaster", "Broadcaster"
    NEWSPAPER = "newspaper", "Newspaper"
    GOVERNMENT = "government", "Government or official body"
    SOCIAL = "social", "Social media"
    OTHER = "other", "Other"


class Source(models.Model):
    name = models.CharField("name", max_length=160, unique=True, help_text="E.g. “Reuters”.")
    slug = models.SlugField(
        "slug", max_length=160, unique=True, help_text="Source page: /sources/<slug>/."
    )
    kind = models.CharField(
        "kind",
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.OTHER,
        help_text="What sort of outlet this is.",
    )
    homepage_url = models.URLField("homepage", blank=True, help_text="The source's own website.")
    description = models.TextField("description", blank=True, help_text="Shown on the source page.")

    class Meta:
        ordering = ["name"]
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})


class SourceAlias(models.Model):
    source = models.ForeignKey(
        Source,
        verbose_name="source",
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The source this is another name for.",
    )
    name = models.CharField(
        "alternative name",
        max_length=160,
        help_text="An abbreviation or former name, e.g. “AFP” for Agence France-Presse.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "alternative name"
        verbose_name_plural = "alternative names"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_source_alias_any_case",
                violation_error_message="This alternative name is already taken.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name, what="alternative")
        super().save(*args, **kwargs)

    def clean(self):
        self.name = clean_name(self.name, what="alternative")
        clash = Source.objects.filter(name__iexact=self.name)
        if self.source_id:
            clash = clash.exclude(pk=self.source_id)
        if clash.exists():
            raise ValidationError(
                {"name": f"“{self.name}” is the name of another source; merge the two instead."}
            )


class SourceMerge(models.Model):
    """An append-only record of one merge of duplicate sources: what, into what, by whom, when."""

    into = models.ForeignKey(
        Source,
        verbose_name="surviving source",
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges",
        help_text="The source the others were merged into.",
    )
    into_name = models.CharField("surviving source name", max_length=160, help_text="At the time.")
    merged_names = models.JSONField(
        "merged sources", default=list, help_text="Names of the sources merged away."
    )
    merged_slugs = models.JSONField(
        "merged slugs", default=list, help_text="Their old slugs (now redirecting)."
    )
    stories_moved = models.PositiveIntegerField(
        "stories moved", default=0, help_text="Stories that cited a merged source."
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
        ordering = ["-merged_at", "-pk"]
        verbose_name = "source merge"
        verbose_name_plural = "source merges"

    def __str__(self):
        return f"{', '.join(self.merged_names)} → {self.into_name}"
