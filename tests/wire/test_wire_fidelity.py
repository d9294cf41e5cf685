"""Agency copy kept whole (issue 21): nothing an agency sends is lost or misread. Each test is
one finding, built from the IPTC's published ninjs samples (tests/data/wire/iptc/) or copy
written for the project."""

import json

from articles.models import Article, Region, Tag, TagAlias, WireStory
from articles.syndication.ninjs import story_document, with_documents
from articles.wire import Entity, parse_ninjs
from articles.wire.cleaning import clean_item
from articles.wire.formats.ninjs import SHORT_NOTE
from articles.wire.formats.plaintext import MADE_HEADLINE_NOTE, parse_plain_text
from articles.wire.ingest import NEW, REFUSED, ingest_copy


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


# Finding 3: agency metadata is dropped -------------------------------------------------------


def test_it_prints_the_agency_s_byline_and_credits_the_agency(wire_sample, wire_provider):
    [result] = ingest_copy(wire_sample("iptc/dpa_text.json"), provider=wire_provider)

    story = result.article
    assert story.byline == "Von Christian Hollmann, dpa"
    assert list(story.sources.all()) == [wire_provider.source]
    assert WireStory.objects.get(article=story).metadata["byline"] == (
        "Von Christian Hollmann, dpa"
    )


def test_it_keeps_tt_s_metadata_and_offers_unknown_names(wire_sample, wire_provider, editor_client):
    [result] = ingest_copy(wire_sample("iptc/tt_text_image_2.json"), provider=wire_provider)

    wire = WireStory.objects.get(article=result.article)
    meta = wire.metadata
    assert meta["slugline"] == "militärövning"
    assert meta["genres"] == [{"name": "Inrikes", "uri": "http://tt.se/spec/sector/1.0/INR"}]
    assert meta["subjects"] == [
        {"name": "Krig, konflikter och oroligheter", "uri": "http://tt.se/spec/subref/1.0/16000000"}
    ]
    assert meta["expires"] == "2023-05-31T00:00:00+02:00"
    # Names nobody has in the vocabulary are offered, not added.
    assert meta["unknown"] == {
        "places": ["Sverige", "Gotland", "Finland"],
        "people": ["Jonas Svensson"],
        "organisations": ["Aurora"],
    }
    assert not Region.objects.filter(name="Gotland").exists()

    page = editor_client.get(f"/admin/articles/article/{result.article.pk}/change/")
    html = page.content.decode()
    assert "From the wire: Continental Press Agency wire" in html
    assert "militärövning" in html and "Inrikes" in html
    assert 'href="/admin/articles/region/add/?name=Gotland"' in html
    assert "add Jonas Svensson" in html
    queue = editor_client.get("/admin/articles/wirestory/").content.decode()
    assert "militärövning" in queue


def test_it_takes_ntb_s_description_as_a_short_item(wire_sample, wire_provider):
    [result] = ingest_copy(wire_sample("iptc/ntb_text.json"), provider=wire_provider)

    assert result.outcome == NEW, result.reason
    story = result.article
    assert story.body == (
        "<p>IT-giganten Google har kjøpt en tomt på nærmere 2.000 mål i Skien i tilfelle det "
        "blir behov for flere datasentre i Europa.</p>"
    )
    assert story.standfirst == ""
    assert story.language == "nb-NO"
    wire = WireStory.objects.get(article=story)
    assert wire.notes == [SHORT_NOTE]
    assert wire.metadata["ed_note"] == "Noe utvidet."
    assert wire.metadata["slugline"] == "skien-google"
    assert {"name": "Teknologi", "uri": "http://cv.iptc.org/newscodes/subjectcode/13010000"} in (
        wire.metadata["subjects"]
    )


def test_it_suggests_tags_by_their_alternative_names_and_never_adds_them(
    wire_sample, wire_provider
):
    schools = Tag.objects.create(name="Schools")
    TagAlias.objects.create(tag=schools, name="education")
    tags = Tag.objects.count()

    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)

    wire = WireStory.objects.get(item_id="cpa-2026-1204-0301")
    assert [tag["name"] for tag in wire.preselected["tags"]] == ["Schools"]
    assert not wire.article.tags.exists()
    assert Tag.objects.count() == tags


def test_it_sends_the_agency_s_subjects_back_out_with_their_uris(wire_sample, wire_provider):
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    story = WireStory.objects.get(item_id="cpa-2026-1204-0301").article

    document = story_document(with_documents(Article.objects.filter(pk=story.pk)).first())

    assert document["subjects"] == [
        {"name": "education", "uri": "http://cv.iptc.org/newscodes/mediatopic/05000000"}
    ]
    assert document["by"] == "Continental Press Agency staff"
    again = parse_ninjs(document)
    assert again.subjects == [
        Entity("education", "http://cv.iptc.org/newscodes/mediatopic/05000000")
    ]


# Finding 7 (in part): one bad date refuses its item, not its neighbours -----------------------


def test_it_refuses_only_the_item_whose_embargo_is_not_a_time(wire_provider):
    items = [
        {
            "uri": f"urn:example:cpa:{number}",
            "version": "1",
            "headlines": [{"role": "main", "value": f"Grain convoy {number} reaches the port"}],
            "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>It came.</p>"}],
        }
        for number in range(5)
    ]
    items[2]["embargoed"] = "0000-00-00T00:00:00Z"

    results = ingest_copy(json.dumps(items), provider=wire_provider)

    assert [result.outcome for result in results] == [NEW, NEW, REFUSED, NEW, NEW]
    assert "urn:example:cpa:2" in results[2].reason
    assert "0000-00-00" in results[2].reason
