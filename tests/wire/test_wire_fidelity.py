"""Agency copy kept whole (issue 21): nothing an agency sends is lost or misread. Each test is
one finding, built from the IPTC's published ninjs samples (tests/data/wire/iptc/) or copy
written for the project."""

import json

from articles.models import WireStory
from articles.wire import parse_ninjs
from articles.wire.cleaning import clean_item
from articles.wire.formats.plaintext import MADE_HEADLINE_NOTE, parse_plain_text
from articles.wire.ingest import NEW, ingest_copy


def _iptc(wire_sample, name):
    return json.loads(wire_sample(f"iptc/{name}"))


# Finding 1: the opening paragraph can vanish -----------------------------------------------


def test_it_keeps_a_first_line_that_is_a_whole_paragraph_in_the_body(wire_sample, wire_provider):
    copy = wire_sample("machine-translated.txt")
    first_line = copy.decode().split("\n")[0]
    assert len(first_line) == 165

    [result] = ingest_copy(copy, provider=wire_provider)

    assert result.outcome == NEW
    story = result.article
    assert story.body.startswith(f"<p>{first_line}</p>")
    assert story.body.count("<p>") == 4
    # A provisional headline from the first sentence, a short address.
    assert story.headline == (
        "On the night of December 3, the air defense forces shot down 41 of the 47 attack drones…"
    )
    assert len(story.slug) <= 70
    assert story.slug.startswith("on-the-night-of-december-3-the-air-defense-forces-shot-")
    wire = WireStory.objects.get(article=story)
    assert wire.notes == [MADE_HEADLINE_NOTE]


def test_it_still_reads_a_short_first_line_as_the_headline():
    item = parse_plain_text("Trains to Kyiv resume\n\nKYIV - The first train left at dawn.\n")
    assert item.headline == "Trains to Kyiv resume"
    assert item.body_html == "<p>The first train left at dawn.</p>"
    assert item.notes == []


# Finding 2: the wrong body is chosen ---------------------------------------------------------


def test_it_takes_tt_s_html_body_not_its_plain_text(wire_sample):
    item = clean_item(parse_ninjs(_iptc(wire_sample, "tt_text_image_2.json")))

    body = item.body_html
    assert body.startswith("<p>Pandemin satte stopp för den stora internationella")
    # The paragraphs and quotes as TT marked them up, the link kept.
    assert body.count("<p>") == 2
    assert body.count("<blockquote>") == 2
    assert '<a href="https://www.sydostran.se/' in body
    # Not the headline repeated, the vignette and "TT" glued in, nor the picture's caption.
    assert "jätteformat" not in body
    assert "Försvar" not in body.split("<p>")[1][:20]
    assert "Karl Melander" not in body
    assert "Arkivbild" not in body


def test_it_prefers_any_html_body_over_plain_text():
    document = {
        "uri": "urn:example:ninjs3:1",
        "type": "text",
        "headlines": [{"role": "main", "value": "Ferry crossings resume"}],
        "bodies": [
            {"role": "main", "contentType": "text/plain", "value": "Ferries ran. Sixty cars."},
            {
                "role": "xhtml",
                "contentType": "application/xhtml+xml",
                "value": "<p>Ferries ran again on Friday.</p><p>Sixty cars crossed.</p>",
            },
            {"role": "nitf", "contentType": "application/nitf+xml", "value": "<nitf/>"},
        ],
    }
    item = clean_item(parse_ninjs(document))
    assert item.body_html == "<p>Ferries ran again on Friday.</p><p>Sixty cars crossed.</p>"


def test_it_takes_dpa_s_html_body_whole(wire_sample):
    item = clean_item(parse_ninjs(_iptc(wire_sample, "dpa_text.json")))
    assert item.body_html.count("<p>") == 9
    assert item.body_html.startswith("<p>Für Lucien Favre war es «der größte Skandal")
