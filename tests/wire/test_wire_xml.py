"""NewsML-G2 and NITF in (issue 21): read safely, ingested once, updated by version, killed by
the agency's status, with the IPTC's published examples (tests/data/wire/iptc/) and NITF 3.6
copy written for the project."""

import pytest

from articles.models import AgencyStatus, Article, WireStory
from articles.wire.ingest import KILLED, NEW, REFUSED, UNCHANGED, UPDATED, ingest_copy
from articles.wire.reading import guess_format, read_copy

G2_GUID = "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"


def _g2(wire_sample, **replace):
    text = wire_sample("iptc/newsml-g2-text.xml").decode()
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text.encode()


def test_it_ingests_a_newsml_g2_item_once_and_updates_it_by_version(wire_sample, wire_provider):
    assert guess_format(wire_sample("iptc/newsml-g2-text.xml")) == "newsml"

    [first] = ingest_copy(wire_sample("iptc/newsml-g2-text.xml"), provider=wire_provider)
    [again] = ingest_copy(wire_sample("iptc/newsml-g2-text.xml"), provider=wire_provider)
    newer = _g2(wire_sample, **{'version="10"': 'version="11"', "avert": "head off"})
    [updated] = ingest_copy(newer, provider=wire_provider)

    assert [first.outcome, again.outcome, updated.outcome] == [NEW, UNCHANGED, UPDATED]
    story = Article.objects.get()
    assert story.headline == 'Fed to halt QE to head off "bubble"'
    assert story.byline == "By Meredith Jameson, Staff Reporter"
    assert story.dateline == "New York, NY"
    assert story.language == "en-US"
    assert story.body.startswith("<p>(New York, NY - October 21) Et, sent luptat luptat")
    assert story.body.count("<p>") == 2
    wire = WireStory.objects.get(item_id=G2_GUID)
    assert wire.version == "11"
    assert wire.metadata["slugline"] == "US-Finance-Fed"
    assert {
        "name": "central bank",
        "uri": "http://cv.iptc.org/newscodes/mediatopic/20000350",
    } in wire.metadata["subjects"]


def test_it_takes_a_newsml_g2_kill_to_the_desk(wire_sample, wire_provider):
    ingest_copy(wire_sample("iptc/newsml-g2-text.xml"), provider=wire_provider)
    kill = _g2(wire_sample, **{'version="10"': 'version="12"', "stat:usable": "stat:canceled"})

    [result] = ingest_copy(kill, provider=wire_provider)

    assert result.outcome == KILLED
    assert WireStory.objects.get(item_id=G2_GUID).agency_status == AgencyStatus.CANCELED


def test_it_reads_each_item_of_a_news_message(wire_sample):
    item = wire_sample("iptc/newsml-g2-text.xml").decode().split("?>", 1)[1]
    picture = item.replace("ninat:text", "ninat:picture").replace(G2_GUID, "urn:x:picture")
    message = (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>'
        f"{item}{picture}</itemSet></newsMessage>"
    )
    items = read_copy(message)
    assert items[0].item_id == G2_GUID
    assert "not a story" in str(items[1])


def test_it_ingests_nitf_with_its_docdata(wire_sample, wire_provider):
    data = wire_sample("nitf-3.6.xml")  # ISO-8859-1, with a DOCTYPE naming its DTD
    assert guess_format(data) == "nitf"

    [result] = ingest_copy(data, provider=wire_provider)
    [again] = ingest_copy(data, provider=wire_provider)
    [newer] = ingest_copy(data.replace(b'version="2"', b'version="3"'), provider=wire_provider)

    assert [result.outcome, again.outcome, newer.outcome] == [NEW, UNCHANGED, UPDATED]
    story = Article.objects.get()
    assert story.headline == "Ferry service to Hel resumes after storm"
    assert story.standfirst == "Crossings from Gdynia run to the summer timetable from Saturday."
    assert story.byline == "By Marta Nowicka, Continental Press Agency"
    assert story.dateline == "GDYNIA"
    assert story.embargo_until.isoformat() == "2026-12-04T12:00:00+00:00"
    assert "<h3>Timetable</h3>" in story.body
    assert "terminal café, Anna Wiśniewska said" in story.body
    assert "The ferry at Gdynia." not in story.body  # the picture's caption
    wire = WireStory.objects.get(article=story)
    assert wire.item_id == "cpa-nitf-2026-1204-0440" and wire.urgency == 4
    assert wire.metadata["ed_note"].startswith("Corrects the ferry operator's name")
    assert wire.metadata["expires"] == "2026-12-11T00:00:00+00:00"
    assert wire.metadata["unknown"]["organisations"] == ["Baltic Ferry Lines"]


def test_it_ingests_the_iptc_nitf_example_once(wire_sample, wire_provider):
    data = wire_sample("iptc/nitf-sports.xml")
    outcomes = [ingest_copy(data, provider=wire_provider)[0].outcome for _ in range(2)]
    assert outcomes == [NEW, UNCHANGED]
    story = Article.objects.get()
    assert story.headline.startswith("Arizona Diamondbacks (29-23) at Philadelphia Phillies")
    assert story.standfirst.startswith("A pair of teams coming off big weekend sweeps")


@pytest.mark.parametrize(
    "hostile",
    [
        # Billion laughs: entities that expand into gigabytes.
        '<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><nitf><head><title>&b;</title></head></nitf>',
        # An external entity reading a local file.
        '<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<nitf><head><title>&x;</title></head></nitf>",
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_it_refuses_xml_with_entities(hostile, wire_provider):
    [result] = ingest_copy(hostile, provider=wire_provider)
    assert result.outcome == REFUSED
    assert "entities" in result.reason
    assert not Article.objects.exists()


def test_it_refuses_a_feed_whose_entities_would_expand(wire_provider):
    levels = "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">{levels}]>'
        '<rss version="2.0"><channel><item><guid>x</guid><title>&i;</title>'
        "<description>Hi.</description></item></channel></rss>"
    )
    [result] = ingest_copy(feed, provider=wire_provider)
    assert result.outcome == REFUSED and "declares entities" in result.reason
