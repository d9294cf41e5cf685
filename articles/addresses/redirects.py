"""Permanent URLs: remembering old addresses.

Anything that changes a public address (a story's slug, a tag rename or merge, a source merge)
calls `remember_old_path()`. Answering them (301, or 410 for a story that is gone) is
`articles.public.middleware.RedirectFallbackMiddleware`'s job, on the web side.
"""

from articles.models import Article, Redirect


def remember_old_path(old_path: str, *, article: Article | None = None, new_path: str = "") -> None:
    """Leave a permanent redirect at `old_path`, to a story (followed wherever it moves) or a path.

    Chains collapse: redirects that led to `old_path` now lead straight to `new_path`, so a
    reader never walks through several hops. A path that becomes live again stops redirecting.
    """
    if old_path == new_path:
        return
    if new_path:
        Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
        Redirect.objects.filter(old_path=new_path).delete()
    if article is not None:
        Redirect.objects.filter(old_path=article.get_absolute_url()).delete()
    Redirect.objects.update_or_create(
        old_path=old_path, defaults={"article": article, "new_path": new_path}
    )
