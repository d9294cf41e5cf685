"""The demo's wire desk: three agency feeds and a queue of a few dozen items in each format.

The copy is written for this project and put together here from a few story patterns and
places, then rendered as the agencies would send it — ninjs 1.x, 2.x and 3.x JSON, RSS 2.0,
Atom and plain text (some of it hard-wrapped, machine-translated style, with trailers and
variant spellings) — and taken in through `articles.wire.ingest_copy` like any other copy.
Editors find a filled queue: urgent items, embargoed ones, an item an editor already took
over, and one with an update waiting beside it. A second run finds the queue and does nothing.
"""

import json
import textwrap
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import escape

from ..models import Section, Source, WireFormat, WireProvider, WireStory
from ..wire import desk
from ..wire.ingest import ingest_copy

# (headline, standfirst, paragraphs); {place} and {other} are filled in per item.
PATTERNS = [
    (
        "Power restored in {place} after overnight strike on substation",
        "Repair crews worked through the night; a few thousand homes still wait.",
        [
            "Electricity returned to most districts of {place} by morning, the city "
            "administration said, after an overnight strike damaged a substation on its edge.",
            "About 3,000 homes were still without power, officials said, and crews expected "
            "to reconnect them by the evening. Nobody was hurt.",
        ],
    ),
    (
        "Trains between {place} and {other} run again after track repairs",
        "The operator says the full timetable returns next week.",
        [
            "Passenger trains between {place} and {other} ran again on Friday after engineers "
            "replaced a damaged stretch of track, the rail operator said.",
            "Replacement buses had carried travellers for nine days, adding up to two hours "
            "to each journey.",
        ],
    ),
    (
        "{place} council approves winter heating budget",
        "Schools and hospitals come first, the mayor says.",
        [
            "Councillors in {place} approved extra money for heating public buildings this "
            "winter, putting schools and hospitals first on the list.",
            "The mayor said the city had also bought mobile boilers in case the main plant "
            "was damaged again.",
        ],
    ),
    (
        "Water supply back in {place} after pipeline repair",
        "Residents had relied on water trucks for four days.",
        [
            "Running water returned to most of {place} after crews repaired a damaged main, "
            "the local water company said.",
            "Residents had queued at water trucks for four days. Officials asked people to "
            "boil tap water until tests were complete.",
        ],
    ),
    (
        "Market in {place} reopens a year after fire",
        "Traders return to a rebuilt hall in the old town.",
        [
            "The covered market in {place} reopened on Saturday, a year after a fire "
            "destroyed its roof, with about 120 traders back at their stalls.",
            "The rebuilding was paid for by the city and by donations from residents.",
        ],
    ),
    (
        "Hospital in {place} gets generators for the winter",
        "Operating theatres can now run for three days without mains power.",
        [
            "The main hospital in {place} has installed two diesel generators, its director "
            "said, enough to keep operating theatres running for three days.",
            "Hospitals in the region have lost power several times this autumn.",
        ],
    ),
]
PLACES = [
    ("Kyiv", "Kharkiv"),
    ("Kharkiv", "Kyiv"),
    ("Odesa", "Kyiv"),
    ("Kramatorsk", "Sloviansk"),
    ("Sloviansk", "Kramatorsk"),
    ("Warsaw", "Rzeszów"),
    ("Rzeszów", "Warsaw"),
    ("Munich", "Paris"),
    ("Paris", "Brussels"),
    ("Brussels", "Paris"),
    ("Edinburgh", "Manchester"),
    ("Manchester", "London"),
]
# Machine-translated copy with variant spellings, hard wraps and another desk's trailer.
TRANSLATED = [
    (
        "Lisichansk",
        "Lugansk region",
        "Ukrainian forces leave Lisichansk, governor of Lugansk region says",
        "Ukrainian troops have withdrawn from the city of Lisichansk in the Lugansk region "
        "after weeks of heavy fighting, the governor of the region said on Sunday. The "
        "decision was taken to save the lives of the defenders, he said.\n\nIn Kiev, officials "
        "said the troops retreated to new positions in the Donetsk region.",
    ),
    (
        "Severodonetsk",
        "Lugansk region",
        "Shelling continues in Severodonetsk, says regional administration",
        "Artillery fire hit residential quarters of Severodonetsk overnight, the administration "
        "of the Lugansk region said in the morning message. Evacuation of civilians to "
        "Slavyansk was stopped because of the shelling.\n\nThe bridge to Lisichansk is "
        "destroyed, the administration said.",
    ),
    (
        "Kharkov",
        "Kharkov region",
        "Metro of Kharkov resumes work after three months",
        "The metro of Kharkov resumed the work on Monday after three months when it served as "
        "a shelter for residents, the city council informed. Trains go every ten minutes.\n\n"
        "Residents of Kiev and Odessa sent donations for repair of stations.",
    ),
]


def _stories(offset: int, count: int):
    """`count` (headline, standfirst, paragraphs, place) from the patterns, starting at
    `offset`, no two alike."""
    for n in range(offset, offset + count):
        pattern = PATTERNS[n % len(PATTERNS)]
        place, other = PLACES[(n * 5 + n // len(PATTERNS)) % len(PLACES)]
        headline, standfirst, paragraphs = pattern
        fill = {"place": place, "other": other}
        yield (
            headline.format(**fill),
            standfirst,
            [paragraph.format(**fill) for paragraph in paragraphs],
            place,
        )


def _ninjs_items(now: datetime) -> list[dict]:
    items = []
    for n, (headline, standfirst, paragraphs, place) in enumerate(_stories(0, 24)):
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        uri = f"https://continental-press.example/ninjs/demo/{n:04d}"
        when = (now - timedelta(minutes=17 * n)).isoformat().replace("+00:00", "Z")
        if n % 3 == 0:  # ninjs 1.x
            items.append(
                {
                    "uri": uri,
                    "type": "text",
                    "version": "1",
                    "versioncreated": when,
                    "urgency": 4 + n % 3,
                    "headline": headline,
                    "description_text": standfirst,
                    "body_html": body,
                    "located": place.upper(),
                    "place": [{"name": place}],
                }
            )
        elif n % 3 == 1:  # ninjs 2.x
            items.append(
                {
                    "uri": uri,
                    "type": "text",
                    "version": "1",
                    "versioncreated": when,
                    "pubstatus": "usable",
                    "urgency": 3 + n % 4,
                    "headlines": [{"role": "main", "value": headline}],
                    "descriptions": [{"role": "summary", "value": standfirst}],
                    "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
                    "located": place.upper(),
                    "places": [{"name": place}],
                }
            )
        else:  # ninjs 3.x
            item = {
                "uri": uri,
                "type": "text",
                "version": "1",
                "versionCreated": when,
                "pubStatus": "usable",
                "urgency": 1 if n == 2 else 2 + n % 5,
                "altIds": [{"role": "guid", "value": f"cpa-demo-{n:04d}"}],
                "headlines": [
                    {"role": "main", "value": headline},
                    {"role": "subheadline", "value": standfirst},
                ],
                "bodies": [{"role": "main", "contentType": "text/html", "value": body}],
                "located": place.upper(),
                "places": [{"name": place, "rel": "about"}],
            }
            if n % 4 == 1:
                embargo = now + timedelta(hours=6)
                item["embargoedUntil"] = embargo.isoformat().replace("+00:00", "Z")
            items.append(item)
    return items


def _feed(kind: str, now: datetime, offset: int) -> str:
    entries = []
    for n, (headline, standfirst, paragraphs, _) in enumerate(_stories(offset, 12)):
        body = escape("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
        when = now - timedelta(minutes=23 * n + 5)
        if kind == "rss":
            entries.append(
                f"<item><title>{escape(headline)}</title>"
                f"<guid isPermaLink='false'>meridian-demo-{offset + n:04d}</guid>"
                f"<pubDate>{when:%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
                f"<description>{body}</description></item>"
            )
        else:
            entries.append(
                f"<entry><title>{escape(headline)}</title>"
                f"<id>tag:ebs.example,2026:demo/{offset + n}</id>"
                f"<updated>{when:%Y-%m-%dT%H:%M:%SZ}</updated>"
                f"<author><name>EBS News</name></author>"
                f"<summary>{escape(standfirst)}</summary>"
                f"<content type='html'>{body}</content></entry>"
            )
    if kind == "rss":
        return (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            "<title>Meridian Wire</title><link>https://meridian-wire.example/</link>"
            "<description>Demo feed</description><language>en</language>"
            + "".join(entries)
            + "</channel></rss>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>EBS News in English</title><id>tag:ebs.example,2026:demo</id>"
        f"<updated>{now:%Y-%m-%dT%H:%M:%SZ}</updated>" + "".join(entries) + "</feed>"
    )


def _plain_texts() -> list[str]:
    texts = []
    for n, (headline, _, paragraphs, place) in enumerate(_stories(40, 21)):
        wrapped = "\n\n".join(textwrap.fill(p, width=68) for p in paragraphs)
        flag = "URGENT\n" if n % 7 == 0 else ""
        texts.append(f"{flag}{headline}\n\n{place.upper()}, Dec 4 (CPA) - {wrapped}\n\nENDS\n")
    for place, _, headline, body in TRANSLATED:
        wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in body.split("\n\n"))
        texts.append(
            f"{headline}\n\n{place.upper()} (CPA) - {wrapped}\n\nMore Stories\n"
            "- Sloviansk restores water supply after pumping station is repaired\n"
            "- Demining teams race to clear farmland across Donbas before sowing season\n"
        )
    return texts


def _provider(name, slug, source_slug, section_slug, fmt, feed_url=""):
    source = Source.objects.filter(slug=source_slug).first()
    section = Section.objects.filter(slug=section_slug).first()
    if source is None or section is None:
        return None
    provider, _ = WireProvider.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "source": source,
            "section": section,
            "format": fmt,
            "feed_url": feed_url,
            "active": False,  # demo feeds live on .example addresses: nothing to poll
        },
    )
    return provider


def load_wire_desk(report=lambda message: None) -> dict[str, int]:
    """Create the demo's wire providers and fill the queue (nothing on a second run)."""
    providers = {
        "cpa": _provider(
            "Continental Press Agency wire", "cpa", "continental-press-agency", "world", "auto"
        ),
        "meridian": _provider(
            "Meridian Wire business feed",
            "meridian",
            "meridian-wire",
            "business",
            WireFormat.RSS,
            "https://meridian-wire.example/business/feed.rss",
        ),
        "ebs": _provider(
            "EBS English service",
            "ebs",
            "eastern-broadcasting-service",
            "world",
            WireFormat.RSS,
            "https://ebs.example/en/atom.xml",
        ),
    }
    if None in providers.values() or WireStory.objects.exists():
        return {"wire stories": 0}
    now = timezone.now().astimezone(UTC).replace(microsecond=0)
    results = ingest_copy(json.dumps(_ninjs_items(now)), provider=providers["cpa"])
    for text in _plain_texts():
        results += ingest_copy(text, provider=providers["cpa"], format=WireFormat.TEXT)
    results += ingest_copy(_feed("rss", now, 60), provider=providers["meridian"])
    results += ingest_copy(_feed("atom", now, 80), provider=providers["ebs"])
    _work_the_queue(now)
    created = sum(result.outcome == "new" for result in results)
    report(f"wire queue: {created} agency items in ninjs, RSS, Atom and plain text")
    return {"wire stories": created}


def _work_the_queue(now: datetime) -> None:
    """An editor took two items over; the agency then sent a newer version of one, and killed
    a third still waiting in the queue."""
    editor = get_user_model().objects.filter(username="editor").first()
    if editor is None:
        return
    taken = list(WireStory.objects.filter(provider__slug="cpa").order_by("pk")[:2])
    for wire in taken:
        desk.take_over(wire, by=editor)
    first = taken[0]
    update = {
        "uri": first.item_id,
        "type": "text",
        "version": "2",
        "headline": first.headline,
        "body_html": first.article.body
        + "<p>Officials said later that the last homes were reconnected by the evening.</p>",
    }
    ingest_copy(json.dumps(update), provider=first.provider)
    waiting = WireStory.objects.filter(provider__slug="cpa", taken_over_at=None).order_by("pk")
    killed = waiting.first()
    if killed is not None:
        kill = {"uri": killed.item_id, "type": "text", "version": "99", "pubStatus": "canceled"}
        ingest_copy(json.dumps(kill), provider=killed.provider)
