"""Sections (the desks a story belongs to) and the authors who write for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.urls import reverse

from .credits import ArticleAuthor
from .publication import has_public_story

# Top-level paths the site uses itself; a section slug must not take them over.
RESERVED_SECTION_SLUGS = frozenset(
    {
        "admin",
        "authors",
        "calendars",
        "corrections",
        "favicon.ico",
        "feeds",
        "healthz",
        "media",
        "newsletters",
        "preview",
        "readyz",
        "regions",
        "robots.txt",
        "search",
        "sitemap.xml",
        "sitemap-news.xml",
        "sources",
        "static",
        "tags",
        "whats-on",
    }
)


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            "“%(slug)s” is a reserved address on this site; choose another slug.",
            params={"slug": value},
            code="reserved",
        )


class Section(models.Model):
    name = models.CharField("name", max_length=80, unique=True, help_text="Shown in navigation.")
    slug = models.SlugField(
        "slug",
        max_length=80,
        unique=True,
        validators=[validate_section_slug],
        help_text="The section's address: “world” makes /world/. Changing it changes every "
        "story's URL (the old addresses redirect).",
    )
    description = models.TextField(
        "description", blank=True, help_text="A line under the section title."
    )
    order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Position in the navigation and on the home page."
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "section"
        verbose_name_plural = "sections"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class AuthorQuerySet(models.QuerySet["Author"]):
    def public(self, at=None):
        """Authors named on a public story. One credited only on unpublished stories (or
        only under a byline override, which hides the names: see
        `ArticleQuerySet.by_author`) is not public: who is writing what may itself be news."""
        credits = ArticleAuthor.objects.filter(article__byline_override="", author=OuterRef("pk"))
        return self.filter(has_public_story(credits, "article", at=at))


class Author(models.Model):
    name = models.CharField(
        "name", max_length=120, help_text="As printed in the byline, without titles."
    )
    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        help_text="The end of the author page's address: “olena-kovalenko” makes "
        "/authors/olena-kovalenko/. A changed slug leaves the old address redirecting.",
    )
    role = models.CharField(
        "role",
        max_length=120,
        blank=True,
        help_text="E.g. “Kyiv correspondent”. Shown on the author page.",
    )
    bio = models.TextField("biography", blank=True, help_text="A short biography, plain text.")
    photo = models.ForeignKey(
        "articles.Image",
        verbose_name="photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_photos",
        help_text="From the image library: a head-and-shoulders photo (shown square).",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="user account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account that writes as this author, if any.",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "author"
        verbose_name_plural = "authors"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})
