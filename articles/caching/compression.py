"""Compressed answers: brotli where the client accepts it, else gzip.

Stored pages (`articles.caching.pages`) are kept compressed both ways, so a hit costs no
compression. Everything else — the 404 page, the read API, previews, the staff's screens — is
compressed on its way out by `CompressionMiddleware`, which the settings place outside every
middleware that reads or writes a body.

Brotli is given only to requests without a session (readers): their pages hold no secret a
BREACH attacker could guess byte by byte (CSRF tokens are masked anew on every response).
Signed-in staff get Django's gzip, which pads each response with random bytes against BREACH
("Heal the BREACH"); staff screens were sent uncompressed before (50–89 KB).
`brotli` (MIT, Google's reference bindings) is the maintained library for it.
"""

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

# Quality 5 is as fast as gzip's default and smaller; stored pages are compressed once.
BROTLI_QUALITY = 5
# Below this, compressing costs more than it saves (Django's gzip threshold).
MIN_LENGTH = 200
_TEXTUAL = _lazy_re_compile(r"^(text/|application/(json|xml|javascript|rss\+xml|atom\+xml))")


def accepted(request) -> set[str]:
    """The content codings `request` accepts (q=0 means "not this one")."""
    codings = set()
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                codings.add(name.strip().lower())
        except ValueError:
            continue
    return codings


def wanted_encoding(request) -> str:
    """ "br", "gzip" or "" for a reader's request."""
    codings = accepted(request)
    return "br" if "br" in codings else "gzip" if "gzip" in codings else ""


def compress(content: bytes) -> bytes:
    return brotli.compress(content, quality=BROTLI_QUALITY)


class CompressionMiddleware(GZipMiddleware):
    """Brotli for readers who accept it, Django's padded gzip for everyone else."""

    def process_response(self, request, response):
        if response.has_header("Content-Encoding") or not _TEXTUAL.match(
            response.get("Content-Type", "")
        ):
            return response  # already encoded, or pictures and files (compressed already)
        if response.streaming or len(response.content) < MIN_LENGTH:
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        reader = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not (reader and "br" in accepted(request)):
            return super().process_response(request, response)
        response.content = compress(response.content)
        response["Content-Length"] = str(len(response.content))
        response["Content-Encoding"] = "br"
        if etag := response.get("ETag"):
            # Like Django's gzip: the compressed bytes are another representation.
            response["ETag"] = etag if etag.startswith("W/") else f"W/{etag}"
        return response
