"""Matching story text to places, outlets and people: short names, adjectives and demonyms,
possessives, surnames, every part of the story, ambiguity shown with parents, best first."""

import pytest

from articles.models import (
    AlternativeNameKind,
    Region,
    RegionAlias,
    RegionKind,
    Source,
    SourceAlias,
    SourceKind,
)
from articles.taxonomy.suggestions import build_name_index, suggest

SUGGEST = "/admin/articles/article/suggest-taxonomy/"


def names(found, kind):
    return [item["name"] for item in found[kind]]


@pytest.fixture
def russia(db):
    russia = Region.objects.create(name="Russia", slug="russia", kind=RegionKind.COUNTRY)
    RegionAlias.objects.create(region=russia, name="Russian", kind=AlternativeNameKind.ADJECTIVE)
    return russia


@pytest.fixture
def haidai(db):
    """A governor quoted as a source, spelled several ways by the agencies."""
    person = Source.objects.create(
        name="Serhiy Haidai",
        slug="serhiy-haidai",
        kind=SourceKind.PERSON,
        role="Governor of Luhansk Oblast",
    )
    for spelling in ("Serhii Haidai", "Sergei Gaidai", "Serhiy Heidai"):
        SourceAlias.objects.create(source=person, name=spelling)
    return person


def test_it_matches_the_oblasts_by_their_short_names_in_the_headline(regions):
    found = suggest("Shelling in Donetsk and Luhansk", "", "")

    assert names(found, "regions") == ["Donetsk Oblast", "Luhansk Oblast"]
    assert [item["matched"] for item in found["regions"]] == ["donetsk", "luhansk"]


def test_it_makes_the_readmes_possessive_example_true(regions):
    found = suggest("", "Donetsk's governor spoke of Luhansk’s losses", "")

    assert names(found, "regions") == ["Donetsk Oblast", "Luhansk Oblast"]


def test_it_reads_the_short_name_of_an_alternative_name_and_the_region_phrase(regions):
    found = suggest("", "", "<p>Lugansk region and the Donetsk region were shelled.</p>")

    assert names(found, "regions") == ["Luhansk Oblast", "Donetsk Oblast"]


def test_it_leads_from_adjectives_and_demonyms_to_the_country(regions, russia):
    ukraine = regions["ukraine"]
    RegionAlias.objects.create(region=ukraine, name="Ukrainian", kind=AlternativeNameKind.ADJECTIVE)

    found = suggest("Russian strikes", "Ukrainians queue for water", "")

    assert names(found, "regions") == ["Russia", "Ukraine"]
    assert [item["matched"] for item in found["regions"]] == ["russian", "ukrainians"]


def test_it_leaves_a_worked_out_short_name_to_a_region_really_called_so(regions):
    # "Kyiv" is the city; Kyiv Oblast is not offered for it.
    found = suggest("Kyiv at night", "", "")

    assert names(found, "regions") == ["Kyiv"]


def test_it_offers_both_places_a_name_may_mean_with_their_parents(regions):
    oblast = regions["donetsk"]
    Region.objects.create(name="Donetsk", slug="donetsk", kind=RegionKind.CITY, parent=oblast)
    RegionAlias.objects.create(region=oblast, name="Donetsk", kind=AlternativeNameKind.SHORT)

    found = suggest("Blasts heard in Donetsk", "", "<p>Kramatorsk was quiet.</p>")

    offered = {item["name"]: item for item in found["regions"]}
    assert offered["Donetsk"]["ambiguous"] and offered["Donetsk"]["context"] == "Donetsk Oblast"
    assert offered["Donetsk Oblast"]["ambiguous"]
    assert offered["Donetsk Oblast"]["context"] == "Ukraine"
    assert not offered["Kramatorsk"]["ambiguous"]


def test_it_ranks_by_how_often_and_how_early_a_name_appears(regions):
    found = suggest(
        "Aid arrives",
        "Convoys reach Poland",
        "<p>Kramatorsk. Kyiv, Kyiv and Kyiv again. Then Kramatorsk. Finally Luhansk Oblast.</p>",
    )

    # Kyiv: 3 mentions in the body; Poland: once in the standfirst (2); Kramatorsk: twice.
    assert names(found, "regions") == ["Kyiv", "Poland", "Kramatorsk", "Luhansk Oblast"]
    assert [item["count"] for item in found["regions"]] == [3, 1, 2, 1]


def test_it_puts_a_headline_mention_above_a_body_mention(regions):
    found = suggest("Kramatorsk braces", "", "<p>In Kyiv, officials met.</p>")

    assert names(found, "regions") == ["Kramatorsk", "Kyiv"]


def test_it_finds_a_person_by_full_name_alternative_spelling_and_surname(haidai):
    for text in ("Sergei Gaidai said", "Haidai's warning", "Governor Heidai spoke", "Gaidai"):
        found = suggest("", "", f"<p>{text}</p>")
        assert names(found, "sources") == ["Serhiy Haidai"], text
        assert found["sources"][0]["person"] is True
        assert found["sources"][0]["context"] == "Governor of Luhansk Oblast"


def test_it_needs_a_capital_for_a_surname_alone(haidai):
    assert suggest("", "", "<p>heidai haidai</p>")["sources"] == []


def test_it_does_not_match_a_surname_two_people_share(haidai):
    Source.objects.create(name="Oleh Haidai", slug="oleh-haidai", kind=SourceKind.PERSON)

    found = suggest("", "", "<p>Haidai said so.</p>")

    assert found["sources"] == []
    assert names(suggest("", "", "<p>Serhiy Haidai said so.</p>"), "sources") == ["Serhiy Haidai"]


def test_it_scans_headline_standfirst_and_body_and_suggests_tags(regions, reuters, make_article):
    make_article("Older story", tags=["Energy"])

    found = suggest("Kramatorsk", "Reuters reports", "<p>Energy prices rose.</p>")

    assert names(found, "regions") == ["Kramatorsk"]
    assert names(found, "sources") == ["Reuters"]
    assert names(found, "tags") == ["Energy"]


def test_it_leaves_out_what_is_already_chosen(regions, haidai):
    found = suggest(
        "Donetsk", "", "<p>Haidai said.</p>", regions=[regions["donetsk"].pk], sources=[haidai.pk]
    )

    assert found["regions"] == [] and found["sources"] == []


def test_it_answers_the_form_with_people_parents_and_tags(reporter_client, regions, haidai):
    response = reporter_client.post(
        SUGGEST, {"headline": "Haidai: Luhansk shelled", "standfirst": "", "body": ""}
    )

    data = response.json()
    assert data["regions"][0]["name"] == "Luhansk Oblast"
    assert data["regions"][0]["context"] == "Ukraine"
    assert data["sources"][0] | {"id": None} == {
        "id": None,
        "name": "Serhiy Haidai",
        "matched": "haidai",
        "count": 1,
        "context": "Governor of Luhansk Oblast",
        "ambiguous": False,
        "person": True,
    }
    assert data["tags"] == []


def test_it_names_a_person_as_a_person_after_saving(reporter_client, world, haidai):
    def rows(prefix):
        return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = reporter_client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Heidai warns of more shelling",
            "slug": "heidai-warns",
            "standfirst": "",
            "body": "<p>Quiet night.</p>",
            "section": world.pk,
            "tags": "",
            "status": "draft",
            "_save": "Save",
            **rows("article_authors"),
            **rows("pinned_related"),
            **rows("corrections"),
        },
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("mentions person Serhiy Haidai" in m for m in messages), messages


def test_it_matches_a_long_story_against_fifty_thousand_names_correctly():
    rows = [("region", n, f"Town {n}", f"Town {n}") for n in range(25_000)]
    rows += [("tag", n, f"Topic{n}", f"Topic{n}") for n in range(25_000)]
    vocabulary = build_name_index(rows)

    mentions = vocabulary.find("Town 17 and topic9999s. " + "nothing here " * 5_000 + "Town 17")

    assert [(m.kind, m.pk, m.count) for m in mentions] == [("region", 17, 2), ("tag", 9999, 1)]


def test_it_matches_a_renamed_region_by_its_new_name_at_once(regions, monkeypatch):
    from articles.taxonomy import suggestions

    monkeypatch.setattr(suggestions, "RECHECK_SECONDS", 3600.0)
    assert names(suggest("Kramatorsk", "", ""), "regions") == ["Kramatorsk"]
    Region.objects.filter(pk=regions["kramatorsk"].pk).update(name="Kramatorsk City")

    assert names(suggest("Kramatorsk City", "", ""), "regions") == ["Kramatorsk City"]


def test_it_reads_a_same_length_rename_once_the_recheck_time_has_passed(regions, monkeypatch):
    from articles.taxonomy import suggestions

    monkeypatch.setattr(suggestions, "RECHECK_SECONDS", 3600.0)
    assert names(suggest("Kiev", "", ""), "regions") == ["Kyiv"]
    RegionAlias.objects.filter(name="Kiev").update(name="Kyev")
    # Same length, same row: trusted until the recheck time…
    assert names(suggest("Kiev", "", ""), "regions") == ["Kyiv"]

    monkeypatch.setattr(suggestions, "RECHECK_SECONDS", 0.0)
    assert suggest("Kiev", "", "")["regions"] == []
    assert names(suggest("Kyev", "", ""), "regions") == ["Kyiv"]


def test_it_suggests_in_a_fixed_number_of_queries_however_many_names(
    regions, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            suggest("Kyiv", "", "<p>Town 3 and Kramatorsk</p>")
        return len(captured)

    few = queries()
    for n in range(40):
        town = Region.objects.create(name=f"Town {n}", slug=f"town-{n}", parent=regions["ukraine"])
        RegionAlias.objects.create(region=town, name=f"Town {n} Oblast")
    assert queries() == few
    assert names(suggest("Kyiv", "", "<p>Town 3</p>"), "regions") == ["Kyiv", "Town 3"]
