"""Only certain filing (issue 21, finding 5): ingest pre-files unambiguous matches only; a
name for several places and a capital that stands for its government are offered instead."""

import pytest

from articles.models import Region, RegionAlias, RegionKind, WireStory
from articles.models.vocabulary import AlternativeNameKind
from articles.wire.filing import AMBIGUOUS, GOVERNMENT
from articles.wire.ingest import NEW, ingest_copy

COPY = """Shelling hits Donetsk as ceasefire talks stall

Shelling hit the centre of Donetsk on Friday morning, damaging a market and two apartment
blocks, local officials said. In Kramatorsk, to the north, schools moved lessons online.

Moscow said the talks could resume next week. Moscow has denied targeting civilians.
"""


@pytest.fixture
def more_places(regions):
    donetsk_city = Region.objects.create(
        name="Donetsk", slug="donetsk", kind=RegionKind.CITY, parent=regions["donetsk"]
    )
    # As the newsroom's vocabulary has it: the oblast is "Donetsk" for short, like the city.
    RegionAlias.objects.create(
        region=regions["donetsk"], name="Donetsk", kind=AlternativeNameKind.SHORT
    )
    russia = Region.objects.create(name="Russia", slug="russia", kind=RegionKind.COUNTRY)
    moscow = Region.objects.create(
        name="Moscow", slug="moscow", kind=RegionKind.CITY, parent=russia
    )
    return {"donetsk_city": donetsk_city, "moscow": moscow}


def test_it_files_only_what_is_certain_and_offers_the_rest(
    wire_provider, regions, more_places, editor_client, change_url
):
    [result] = ingest_copy(COPY, provider=wire_provider)

    assert result.outcome == NEW
    filed = set(result.article.regions.values_list("name", flat=True))
    assert "Kramatorsk" in filed
    assert "Donetsk" not in filed and "Moscow" not in filed
    wire = WireStory.objects.get(article=result.article)
    offered = {entry["name"]: entry for entry in wire.preselected["offered"]}
    assert offered["Donetsk"]["why"] == AMBIGUOUS
    assert offered["Donetsk"]["context"] == "Donetsk Oblast"
    assert offered["Donetsk Oblast"]["why"] == AMBIGUOUS
    assert offered["Moscow"]["why"] == GOVERNMENT
    form = editor_client.get(change_url(result.article)).content.decode()
    assert "Not filed, for you to choose" in form
    assert "Moscow" in form


def test_it_still_files_a_capital_the_story_happens_in(wire_provider, regions, more_places):
    copy = "Metro line reopens in Moscow\n\nA metro line reopened in Moscow on Friday.\n"
    [result] = ingest_copy(copy, provider=wire_provider)
    assert "Moscow" in set(result.article.regions.values_list("name", flat=True))
