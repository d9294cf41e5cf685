"""Renames: every public address is permanent. Renaming a tag, source, region, section or
author leaves its old page (and feed) answering 301 to the new one, through the domain's
`rename()`, whether from the admin or from code."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Tag, TagAlias
from articles.previews import preview_url
from articles.roles import TAG_MANAGER
from articles.taxonomy.tags import rename_tag


def staff(client, group_name):
    user = User.objects.create_user(group_name.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def assert_moved(client, old, new):
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    assert client.get(new).status_code == 200


@pytest.fixture
def energy(published):
    return Tag.objects.get(name="Energy")


def test_it_moves_a_renamed_tags_page_and_feed(client, energy):
    rename_tag(energy, "Power and fuel")
    assert_moved(client, "/tags/energy/", "/tags/power-and-fuel/")
    assert_moved(client, "/feeds/tags/energy/rss/", "/feeds/tags/power-and-fuel/rss/")


def test_it_moves_a_tag_with_a_non_latin_slug(client, make_article):
    make_article(tags=["Київ"])
    rename_tag(Tag.objects.get(name="Київ"), "Kyiv city")
    assert_moved(client, "/tags/київ/", "/tags/kyiv-city/")


def test_it_revokes_preview_links_of_stories_carrying_a_renamed_tag(client, make_article, energy):
    carrying = make_article("Draft about the grid", tags=["Energy"], public=False)
    other = make_article("Draft about rail", tags=["Rail"], public=False)
    links = {story: preview_url(story) for story in (carrying, other)}
    rename_tag(energy, "Power and fuel")
    assert client.get(links[carrying]).status_code == 404
    assert client.get(links[other]).status_code == 200


def test_it_renames_a_tag_to_one_of_its_own_alternative_names(client, energy):
    TagAlias.objects.create(tag=energy, name="Power")
    rename_tag(energy, "POWER")
    energy.refresh_from_db()
    assert (energy.name, energy.slug) == ("POWER", "power")
    assert not energy.aliases.exists()
    assert_moved(client, "/tags/energy/", "/tags/power/")


def test_it_refuses_a_tag_rename_onto_another_tags_name_in_another_spelling(
    client, make_article, energy
):
    make_article(tags=["Straße"])
    staff(client, TAG_MANAGER)
    data = {
        "name": "STRASSE",
        "slug": energy.slug,
        "description": "",
        "mediatopic_uri": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "0",
        "pins-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/articles/tag/{energy.pk}/change/", data)
    assert response.status_code == 200
    assert "merge the two instead" in response.content.decode()
    assert Tag.objects.get(pk=energy.pk).name == "Energy"
