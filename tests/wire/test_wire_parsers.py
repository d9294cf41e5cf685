"""One parser per format, each read into the same WireItem."""

import json
from datetime import UTC, datetime

import pytest

from articles.wire import Entity, RefusedItem, parse_ninjs
from articles.wire.formats.plaintext import parse_plain_text
from articles.wire.formats.rss_atom import parse_feed
from articles.wire.items import is_newer
from articles.wire.reading import guess_format, read_copy

# A ninjs 3.2 document shaped as the syndication API writes one (headline, subheadline,
# body, byline, places, people, organisations, subjects): it must read back whole.
NINJS_32 = {
    "uri": "https://newsroom.example/ninjs/stories/4211",
    "type": "text",
    "version": "7",
    "versionCreated": "2026-12-04T12:00:00Z",
    "firstCreated": "2026-12-04T09:00:00Z",
    "pubStatus": "usable",
    "language": "en",
    "urgency": 3,
    "by": "Olena Kovalenko",
    "located": "KYIV",
    "headlines": [
        {"role": "main", "value": "Trains to Kyiv resume after three-day halt"},
        {"role": "subheadline", "value": "Night services follow next week."},
    ],
    "bodies": [
        {"role": "main", "contentType": "text/html", "value": "<p>The first train left.</p>"}
    ],
    "places": [
        {"name": "Kyiv", "rel": "about", "uri": "http://sws.geonames.org/703448/"},
        {"name": "Ukraine", "uri": "http://sws.geonames.org/690791/"},
    ],
    "people": [{"name": "Serhiy Haidai", "rel": "mentions"}],
    "organisations": [{"name": "Ukrainian Railways", "uri": "https://railways.example/"}],
    "subjects": [
        {"name": "rail transport", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000783"}
    ],
}


def test_it_reads_back_a_ninjs_3_2_story_whole():
    item = parse_ninjs(NINJS_32)

    assert item.item_id == "https://newsroom.example/ninjs/stories/4211"
    assert item.version == "7"
    assert item.headline == "Trains to Kyiv resume after three-day halt"
    assert item.standfirst == "Night services follow next week."
    assert item.body_html == "<p>The first train left.</p>"
    assert item.byline == "Olena Kovalenko"
    assert item.dateline == "KYIV"
    assert item.urgency == 3
    assert item.places == [
        Entity("Kyiv", "http://sws.geonames.org/703448/"),
        Entity("Ukraine", "http://sws.geonames.org/690791/"),
    ]
    assert item.people == [Entity("Serhiy Haidai")]
    assert item.organisations == [Entity("Ukrainian Railways", "https://railways.example/")]
    assert item.subjects == [
        Entity("rail transport", "http://cv.iptc.org/newscodes/mediatopic/20000783")
    ]


def test_it_reads_ninjs_1_flat_names(wire_sample):
    item = parse_ninjs(json.loads(wire_sample("ninjs-1.json")))

    assert item.headline.startswith("Warsaw commuter line reopens")
    assert item.standfirst.startswith("Trains between the city centre")
    assert item.byline == "Marta Nowicka"
    assert item.dateline == "WARSAW"
    assert item.urgency == 4
    assert item.places == [Entity("Warsaw", "geonames:756135")]
    assert item.subjects == [Entity("rail transport", "medtop:20000783")]
    assert "40,000 passengers" in item.body_html


def test_it_reads_ninjs_2_arrays_and_embargo(wire_sample):
    first, second = (parse_ninjs(doc) for doc in json.loads(wire_sample("ninjs-2.json")))

    assert first.version == "2"
    assert first.standfirst.startswith("Engineers worked through the night")
    assert first.places == [Entity("Kharkiv", "http://sws.geonames.org/706483/")]
    assert second.embargoed_until == datetime(2026, 12, 5, 6, 0, tzinfo=UTC)
    # Plain-text bodies become paragraphs.
    assert second.body_html.count("<p>") == 2


def test_it_reads_ninjs_3_with_its_agency_guid_and_refuses_pictures(wire_sample):
    items = read_copy(wire_sample("ninjs-3.json"))

    assert [getattr(item, "item_id", None) for item in items[:2]] == [
        "cpa-2026-1204-0301",
        "https://continental-press.example/ninjs/2026/12/04/cpa-0302",
    ]
    assert items[0].embargoed_until == datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    assert items[0].people == [Entity("Oksana Hrytsenko")]
    assert items[0].organisations == [Entity("Donetsk Regional Administration")]
    assert isinstance(items[2], RefusedItem)


def test_it_reads_rss_and_atom_entries(wire_sample):
    rss = parse_feed(wire_sample("feed.rss"))
    atom = parse_feed(wire_sample("feed.atom"))

    assert [item.item_id for item in rss] == [
        "meridian-2026-12-04-0091",
        "meridian-2026-12-04-0102",
    ]
    assert rss[0].version == "2026-12-04T06:30:00Z"
    assert rss[0].subjects == [Entity("Automotive")]
    assert rss[0].language == "en"
    assert atom[0].item_id == "tag:ebs.example,2026:news-en/48211"
    assert atom[0].version == "2026-12-04T11:45:00Z"  # its update time, not its publication
    assert atom[0].standfirst == "Residents had relied on water trucks for four days."
    assert "Running water returned" in atom[0].body_html
    assert atom[0].byline == "EBS News"


def test_it_reads_plain_text_headline_dateline_and_trailer(wire_sample):
    item = parse_plain_text(wire_sample("email.txt").decode())

    assert item.headline == "Edinburgh festival sets dates for next summer"
    assert item.dateline == "EDINBURGH"
    assert item.item_id.startswith("text:")
    assert item.trailer_headlines == ["Edinburgh council approves new tram stop near the castle"]
    assert "unsubscribe" not in item.body_html
    assert item.body_html.startswith("<p>The Edinburgh festivals will run from 7 to 31 August")


def test_it_gives_the_same_text_the_same_id_whatever_its_spacing():
    one = parse_plain_text("Headline\n\nBody text here.\n")
    two = parse_plain_text("Headline\r\n\r\nBody  text here.")
    assert one.item_id == two.item_id


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b'{"uri": "x"}', "ninjs"), (b"\xef\xbb\xbf[ ]", "ninjs"), (b"<?xml", "rss"), (b"Hi", "text")],
)
def test_it_recognises_formats(data, kind):
    assert guess_format(data) == kind


def test_it_compares_versions_as_numbers_or_times():
    assert is_newer("10", "9")
    assert not is_newer("9", "10")
    assert is_newer("2026-12-04T11:45:00Z", "2026-12-04T09:10:00Z")
    assert not is_newer("", "")
    assert not is_newer("3", "3")
