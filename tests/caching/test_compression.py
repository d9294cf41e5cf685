"""Brotli where the client accepts it (pages from the page cache too), gzip otherwise; the 404
page, the API and the staff's screens compressed as well; a 404 with a Cache-Control."""

import gzip

import brotli
import pytest

BOTH = "gzip, deflate, br, zstd"


@pytest.fixture(autouse=True)
def _pages_cached(page_cache):
    """As readers meet the site: through the page cache."""


def test_it_serves_stored_pages_in_brotli_to_clients_that_accept_it(client, published):
    plain = client.get("/")
    first = client.get("/", HTTP_ACCEPT_ENCODING=BOTH)
    again = client.get("/", HTTP_ACCEPT_ENCODING=BOTH)

    assert first["Content-Encoding"] == again["Content-Encoding"] == "br"
    assert again["X-Cache"] == "HIT"
    assert brotli.decompress(again.content) == plain.content
    assert len(again.content) < len(plain.content) / 3
    assert "Accept-Encoding" in again["Vary"]
    assert again["ETag"] not in (
        plain["ETag"],
        client.get("/", HTTP_ACCEPT_ENCODING="gzip")["ETag"],
    )


@pytest.mark.parametrize(
    ("accepts", "encoding"),
    [("br;q=0, gzip", "gzip"), ("gzip;q=0.5, br;q=1.0", "br"), ("identity", None), ("", None)],
)
def test_it_honours_what_the_client_accepts(client, published, accepts, encoding):
    response = client.get("/", HTTP_ACCEPT_ENCODING=accepts)

    assert response.get("Content-Encoding") == encoding


def test_it_compresses_the_404_page_and_says_how_long_it_may_be_kept(client, db):
    plain = client.get("/no-such-page-here/")
    response = client.get("/no-such-page-here/", HTTP_ACCEPT_ENCODING=BOTH)

    assert response.status_code == 404 and response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain.content
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"


def test_it_compresses_the_read_api(client, published):
    response = client.get("/api/ninjs/", HTTP_ACCEPT_ENCODING=BOTH)

    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content).startswith(b"{")


def test_it_gives_staff_screens_padded_gzip_never_brotli(editor_client, published):
    """A staff screen holds secrets (drafts) beside what the request says: Django's gzip,
    which pads each response against BREACH; and a staff 404 is never stored."""
    plain = editor_client.get("/admin/articles/article/")
    response = editor_client.get("/admin/articles/article/", HTTP_ACCEPT_ENCODING=BOTH)

    assert response["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(response.content)) == len(plain.content)
    assert len(response.content) < len(plain.content) / 3
    missing = editor_client.get("/admin/no-such-screen/", HTTP_ACCEPT_ENCODING=BOTH)
    assert "private" in missing["Cache-Control"] and "public" not in missing["Cache-Control"]
