"""Suggested filing in a real browser: the article form offers the places, people, outlets and
tags the copy mentions, best first; "Add all" files the story under every sure one, a name
that means two places waits for the editor's pick, and nothing is saved without a click."""

import pytest
from playwright.sync_api import expect

from articles.models import (
    AlternativeNameKind,
    Region,
    RegionAlias,
    RegionKind,
    Source,
    SourceAlias,
    SourceKind,
)
from articles.staff.roles import EDITOR
from tests.e2e.waiting import eventually

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def wire_vocabulary(regions, reuters, make_article):
    russia = Region.objects.create(name="Russia", slug="russia", kind=RegionKind.COUNTRY)
    RegionAlias.objects.create(region=russia, name="Russian", kind=AlternativeNameKind.ADJECTIVE)
    oblast = regions["donetsk"]
    Region.objects.create(name="Donetsk", slug="donetsk", kind=RegionKind.CITY, parent=oblast)
    RegionAlias.objects.create(region=oblast, name="Donetsk", kind=AlternativeNameKind.SHORT)
    haidai = Source.objects.create(
        name="Serhiy Haidai",
        slug="serhiy-haidai",
        kind=SourceKind.PERSON,
        role="Governor of Luhansk Oblast",
    )
    SourceAlias.objects.create(source=haidai, name="Serhiy Heidai")
    make_article("Older story", tags=["Shelling"])


def test_it_adds_every_sure_suggestion_with_one_click_and_leaves_the_ambiguous_to_pick(
    signed_in, live_server, make_staff, make_article, wire_vocabulary
):
    story = make_article("Wire copy", public=False, slug="russian-shelling-luhansk")
    page = signed_in(make_staff(EDITOR, "ed")).new_page()
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("#id_headline").fill("Russian shelling hits Luhansk, Heidai says")
    page.locator("#id_standfirst").fill("Reuters reports blasts in Donetsk overnight.")

    page.get_by_role("button", name="Suggest regions and sources").click()
    suggestions = page.locator(".taxonomy-suggestion-list")
    expect(
        page.get_by_role("button", name="Add person Serhiy Haidai, Governor of Luhansk")
    ).to_be_visible()
    # "Donetsk" is the city or the oblast: both offered, each with its parent.
    expect(page.get_by_role("button", name="Add Donetsk, in Donetsk Oblast")).to_be_visible()
    expect(page.get_by_role("button", name="Add Donetsk Oblast, in Ukraine")).to_be_visible()
    expect(suggestions).to_contain_text("Some words name more than one place")
    # Best first: the headline's mentions lead.
    expect(suggestions.locator("[data-kind=regions]").first).to_have_text("Add Russia (“russian”)")

    page.get_by_role("button", name="Add all (5)").click()

    expect(page.locator("#id_regions option:checked")).to_have_text(["Russia", "Luhansk Oblast"])
    expect(page.locator("#id_sources option:checked")).to_have_text(["Serhiy Haidai", "Reuters"])
    expect(page.locator("#id_tags")).to_have_value("Shelling, ")
    # The ambiguous pair stays for the editor; picking one files the story there only.
    expect(suggestions).to_contain_text("pick among the rest")
    page.get_by_role("button", name="Add Donetsk Oblast, in Ukraine").click()
    expect(page.locator("#id_regions option:checked")).to_have_text(
        ["Russia", "Luhansk Oblast", "Donetsk Oblast"]
    )
    # Nothing was saved by any of this.
    assert not story.regions.exists() and not story.sources.exists()

    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    eventually(
        lambda: (
            set(story.regions.values_list("name", flat=True))
            == {"Russia", "Luhansk Oblast", "Donetsk Oblast"}
        )
    )
    assert set(story.sources.values_list("name", flat=True)) == {"Serhiy Haidai", "Reuters"}
    assert list(story.tags.names()) == ["Shelling"]
