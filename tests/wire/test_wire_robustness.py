"""Any encoding, any failure, one item at a time (issue 21, findings 6–8): copy in UTF-16 or
UTF-32, feeds in other languages, empty or mislabelled files and hostile input are read or
refused item by item, each refusal naming its file and item, never a traceback."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, WireFormat
from articles.wire.cleaning import clean_item
from articles.wire.formats.plaintext import parse_plain_text
from articles.wire.ingest import NEW, REFUSED, ingest_copy
from articles.wire.reading import decode


def _utf16_feed(wire_sample, encoding):
    text = wire_sample("feed.rss").decode().replace('encoding="utf-8"', 'encoding="UTF-16"')
    return text.encode(encoding)


# Finding 6: encodings, languages, empty and mislabelled files -------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"], ids=["bom", "le", "be", "utf32"]
)
def test_it_reads_feeds_in_utf16_and_utf32_with_or_without_a_mark(wire_sample, encoding):
    data = _utf16_feed(wire_sample, encoding)
    assert decode(data).lstrip().startswith("<?xml")


def test_it_files_a_utf16_feed_as_its_stories(wire_sample, wire_provider):
    results = ingest_copy(_utf16_feed(wire_sample, "utf-16"), provider=wire_provider)

    assert [result.outcome for result in results] == [NEW, NEW]
    headlines = set(Article.objects.values_list("headline", flat=True))
    assert len(headlines) == 2 and not any("ÿþ" in headline for headline in headlines)
    assert all("<rss" not in story.body for story in Article.objects.all())


def test_it_takes_the_language_from_the_feed(wire_sample, wire_provider):
    [result] = ingest_copy(wire_sample("feed-ru.atom"), provider=wire_provider)
    assert result.article.language == "ru"
    assert result.article.headline.startswith("В Славянске")


def test_it_says_what_is_wrong_with_empty_mislabelled_and_binary_files(wire_sample, wire_provider):
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Q</title></channel></rss>'
    [nothing] = ingest_copy(empty, provider=wire_provider)
    wire_provider.format = WireFormat.RSS
    [mislabelled] = ingest_copy(wire_sample("ninjs-1.json"), provider=wire_provider)
    [binary] = ingest_copy(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", provider=wire_provider)

    assert nothing.outcome == REFUSED and "holds no items" in nothing.reason
    assert "set to an RSS or Atom feed, but this looks like ninjs JSON" in mislabelled.reason
    assert "not text the desk can read" in binary.reason


def test_it_names_the_file_and_the_item_of_every_refusal_in_the_admin(editor_client, wire_provider):
    items = [
        {"uri": "urn:cpa:good", "headline": "Trains run again", "body_text": "They do."},
        {"uri": "urn:cpa:object-body", "headline": "Bad body", "body_html": {"p": 1}},
        {"uri": "urn:cpa:no-headline", "body_text": "Nothing on top."},
    ]
    upload = StringIO(json.dumps(items))
    upload.name = "cpa-0412.json"

    response = editor_client.post(
        "/admin/articles/wirestory/ingest/",
        {"provider": wire_provider.pk, "files": upload, "format": "auto"},
        follow=True,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 new" in page and "2 refused" in page
    assert "Refused (cpa-0412.json, urn:cpa:object-body" in page
    assert "urn:cpa:no-headline" in page


# Finding 7: hostile input is refused, never a traceback -------------------------------------


def test_it_refuses_deeply_nested_json_in_the_command_and_the_admin(
    wire_provider, editor_client, tmp_path
):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 10_000)
    out, err = StringIO(), StringIO()
    call_command("ingest", str(nested), "--provider", "cpa", stdout=out, stderr=err)

    assert "nested too deeply" in err.getvalue()
    assert "0 new" in out.getvalue()
    response = editor_client.post(
        "/admin/articles/wirestory/ingest/",
        {"provider": wire_provider.pk, "text": "[" * 10_000, "format": "auto"},
    )
    assert response.status_code == 302


def test_it_refuses_a_field_of_the_wrong_type_and_keeps_its_neighbours(wire_provider):
    items = [
        {"uri": f"urn:cpa:{n}", "headline": f"Convoy {n} arrives", "body_text": "It did."}
        for n in range(3)
    ]
    items[1]["body_html"] = {"value": "<p>An object, not markup.</p>"}
    items[1].pop("body_text")
    items[2]["headline"] = {"main": "An object, not a headline"}

    results = ingest_copy(json.dumps(items), provider=wire_provider)

    assert [result.outcome for result in results] == [NEW, REFUSED, REFUSED]
    assert Article.objects.count() == 1


# Finding 8: a stray quote and a trailing emoji ----------------------------------------------


def test_it_drops_a_stray_quote_at_a_line_s_end_and_a_trailing_emoji():
    copy = (
        "Kyiv metro reopens after repairs\n\n"
        "The metro reopened on Friday, the city said.‘\n"
        "Trains will run every five minutes at rush hour from Monday, it added. 🚇\n"
    )
    body = clean_item(parse_plain_text(copy)).body_html
    assert body == (
        "<p>The metro reopened on Friday, the city said.</p>"
        "<p>Trains will run every five minutes at rush hour from Monday, it added.</p>"
    )
