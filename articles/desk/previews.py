"""Shareable preview links: a signed, expiring token naming one version of one story.

The token signs "<pk>:<version>" with a `TimestampSigner`, so it expires (`PREVIEW_MAX_AGE`),
cannot be forged or pointed at another story, and stops working as soon as the story changes
(every save bumps `version`): changing the story revokes every link handed out before.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from articles.models import Article

PREVIEW_MAX_AGE = timedelta(days=3)
_SALT = "articles.preview"


class PreviewExpired(Exception):
    """The link was genuine but is too old."""


class PreviewInvalid(Exception):
    """The link was tampered with, or names a story or version that no longer exists."""


def preview_token(article: Article) -> str:
    """A token for the story as it is now."""
    return signing.TimestampSigner(salt=_SALT).sign(f"{article.pk}:{article.version}")


def preview_url(article: Article) -> str:
    """The shareable path of a preview link for the story as it is now."""
    return reverse("articles:preview", kwargs={"token": preview_token(article)})


def article_for_token(token: str, queryset=None) -> Article:
    """The story a token names, if the token is genuine, fresh and the story unchanged."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewExpired from error
    except signing.BadSignature as error:
        raise PreviewInvalid from error
    pk, _, version = value.partition(":")
    story = (queryset or Article.objects.all()).filter(pk=pk, version=version).first()
    if story is None:
        raise PreviewInvalid
    return story
