"""Sources: the outlets and agencies a story cites or comes from."""

from django.db import models
from django.urls import reverse


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
