"""Names that only unpublished stories use stay private: a source or author credited only on
drafts (or embargoed stories) is on no public page and in no count, the tags screen counts
only what readers can see, and a tag manager — who may not read unpublished stories — sees
no unpublished headline in the pin picker or any autocomplete."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Author, Source, Tag, TagPin

TAGS = "/admin/articles/tag/"


@pytest.fixture
def whistleblower(db):
    return Source.objects.create(name="Anonymous Ministry Insider", slug="ministry-insider")


@pytest.fixture
def new_hire(db):
    return Author.objects.create(name="Secret New Hire", slug="secret-new-hire")


def embargo(story):
    """Hold a published story back for another day."""
    Article.objects.filter(pk=story.pk).update(embargo_until=timezone.now() + timedelta(days=1))


def test_it_keeps_a_source_only_drafts_cite_off_every_public_page(
    client, make_article, published, whistleblower
):
    draft = make_article("Draft citing the insider", sources=[whistleblower], public=False)
    embargoed = make_article("Embargoed story citing the insider", sources=[whistleblower])
    embargo(embargoed)
    index = client.get("/sources/").content.decode()
    assert "Reuters" in index
    assert "Anonymous Ministry Insider" not in index
    assert client.get("/sources/ministry-insider/").status_code == 404

    Article.objects.filter(pk=embargoed.pk).update(embargo_until=None)
    assert draft.headline not in client.get("/sources/ministry-insider/").content.decode()
    assert "Anonymous Ministry Insider" in client.get("/sources/").content.decode()


def test_it_keeps_an_author_only_drafts_credit_off_their_page(client, make_article, new_hire):
    make_article("Draft by the new hire", authors=[new_hire], public=False)
    assert client.get("/authors/secret-new-hire/").status_code == 404
    # A byline override prints other words instead of the name: still not public.
    make_article("Wire story", authors=[new_hire], byline_override="Agencies")
    assert client.get("/authors/secret-new-hire/").status_code == 404
    make_article("First signed story", authors=[new_hire])
    page = client.get("/authors/secret-new-hire/").content.decode()
    assert "First signed story" in page and "Draft by the new hire" not in page


def test_it_counts_an_embargoed_story_as_unpublished_on_the_tags_screen(
    tag_manager_client, make_article, published
):
    embargoed = make_article("Embargoed energy story", tags=["Energy"])
    embargo(embargoed)
    page = tag_manager_client.get(TAGS).content.decode()
    energy_row = page[page.index(">Energy<") :].split("</tr>")[0]
    assert '<td class="field-published_count">1</td>' in energy_row
    assert '<td class="field-total_count">2</td>' in energy_row
    only_unpublished = make_article("Embargoed grid story", tags=["Grid"])
    embargo(only_unpublished)
    filtered = tag_manager_client.get(TAGS, {"usage": "unpublished"}).content.decode()
    assert ">Grid<" in filtered and ">Energy<" not in filtered


def test_it_shows_a_tag_manager_no_unpublished_headline_when_pinning(
    tag_manager_client, make_article, published, draft
):
    energy = Tag.objects.get(name="Energy")
    embargoed = make_article("EMBARGOED energy story", tags=["Energy"])
    embargo(embargoed)
    pin = TagPin.objects.create(tag=energy, article=draft, position=0)
    page = tag_manager_client.get(f"{TAGS}{energy.pk}/change/").content.decode()
    assert page.count("Power restored in Kyiv after overnight strikes") >= 1  # choosable
    assert "SECRET DRAFT" not in page and "EMBARGOED" not in page
    assert "Unpublished story" in page  # the existing pin, kept but not named
    assert f'<option value="{embargoed.pk}"' not in page

    # Saving the tag keeps the pin, unchanged.
    data = {
        "name": "Energy",
        "slug": "energy",
        "description": "Power, fuel and the grid.",
        "mediatopic_uri": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "1",
        "pins-INITIAL_FORMS": "1",
        "pins-0-id": pin.pk,
        "pins-0-tag": energy.pk,
        "pins-0-article": draft.pk,
        "pins-0-position": "0",
    }
    response = tag_manager_client.post(f"{TAGS}{energy.pk}/change/", data)
    assert response.status_code == 302
    assert list(TagPin.objects.values_list("tag", "article")) == [(energy.pk, draft.pk)]
    assert Tag.objects.get(pk=energy.pk).description == "Power, fuel and the grid."


def test_it_refuses_a_tag_manager_pinning_a_story_readers_cannot_see(
    tag_manager_client, published, draft
):
    energy = Tag.objects.get(name="Energy")
    data = {
        "name": "Energy",
        "slug": "energy",
        "description": "",
        "mediatopic_uri": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "1",
        "pins-INITIAL_FORMS": "0",
        "pins-0-article": draft.pk,
        "pins-0-position": "0",
    }
    response = tag_manager_client.post(f"{TAGS}{energy.pk}/change/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "SECRET DRAFT" not in response.content.decode()
    assert not TagPin.objects.exists()


def test_it_shows_a_tag_manager_no_unpublished_headline_before_deleting_a_tag(
    tag_manager_client, published, draft
):
    energy = Tag.objects.get(name="Energy")
    TagPin.objects.create(tag=energy, article=draft)
    page = tag_manager_client.get(f"{TAGS}{energy.pk}/delete/").content.decode()
    assert "Power restored in Kyiv after overnight strikes tagged with Energy" in page
    assert "An unpublished story tagged with Energy" in page
    assert "SECRET DRAFT" not in page


@pytest.mark.parametrize(
    "lookup",
    [
        {"model_name": "article", "field_name": "related"},
        {"model_name": "article", "field_name": "tags"},
        {"model_name": "tagpin", "field_name": "article"},
        {"model_name": "relatedstory", "field_name": "related"},
    ],
)
def test_it_shows_a_tag_manager_no_unpublished_headline_in_any_autocomplete(
    tag_manager_client, published, draft, lookup
):
    response = tag_manager_client.get(
        "/admin/autocomplete/", {"app_label": "articles", "term": "", **lookup}
    )
    assert response.status_code in (200, 403)
    assert "SECRET DRAFT" not in response.content.decode()
    for term in ("secret", "energy"):
        found = tag_manager_client.get(f"{TAGS}lookup/", {"q": term}).content.decode()
        assert "SECRET DRAFT" not in found
