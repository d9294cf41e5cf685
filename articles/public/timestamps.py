"""Times written for machines, in one form: a W3C datetime in whole seconds with its offset.

`<time datetime>`, OpenGraph `article:*_time`, JSON-LD dates, sitemap `<lastmod>` and the
Google News publication date all come from `w3c_datetime`. Python's `isoformat()` writes the
microseconds every stored time carries, and HTML allows at most three digits of a second (the
Nu HTML Checker reported each such `<time>`); no reader of any of these needs sub-seconds.
"""

from django.utils import timezone


def w3c_datetime(moment, zone=None) -> str:
    """`moment` as e.g. 2025-05-01T09:30:00+00:00 (in the site's time zone, or `zone`, which
    callers writing thousands of times look up once), "" for None."""
    if moment is None:
        return ""
    return timezone.localtime(moment, zone).replace(microsecond=0).isoformat()
