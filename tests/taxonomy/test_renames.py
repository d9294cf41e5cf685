"""Renames: every public address is permanent. Renaming a tag, source, region, section or
author leaves its old page (and feed) answering 301 to the new one, through the domain's
`rename()`, whether from the admin or from code."""

import pytest

from articles.desk.previews import preview_url
from articles.models import Author, Region, Section, Source, Tag, TagAlias
from articles.taxonomy.renames import rename
from articles.taxonomy.tags import rename_tag


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
    tag_manager_client, make_article, energy
):
    make_article(tags=["Straße"])
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
    response = tag_manager_client.post(f"/admin/articles/tag/{energy.pk}/change/", data)
    assert response.status_code == 200
    assert "merge the two instead" in response.content.decode()
    assert Tag.objects.get(pk=energy.pk).name == "Energy"


def change_form(entry, **changes):
    """What the admin's change form posts for `entry`, with `changes` typed over it."""
    kind = getattr(entry, "kind", "")
    fields = {
        Section: {"description": "", "order": "0"},
        Author: {"role": "", "bio": "", "user": ""},
        Region: {
            "kind": kind,
            "parent": getattr(entry, "parent_id", None) or "",
            "geonames_uri": "",
        },
        Source: {"kind": kind, "homepage_url": "", "description": ""},
        Tag: {"description": "", "mediatopic_uri": ""},
    }[type(entry)]
    formsets = {Region: ["aliases"], Source: ["aliases"], Tag: ["aliases", "pins"]}
    data = {"name": entry.name, "slug": entry.slug, **fields}
    if isinstance(entry, Region) and entry.is_grouping:
        data["members"] = [member.pk for member in entry.members.all()]
    for prefix in formsets.get(type(entry), []):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


# kind → (the entry as the `published` story's fixtures made it, its new slug, the addresses
# that must move: old → new).
RENAMES = {
    "section": (
        lambda: Section.objects.get(slug="world"),
        "world-news",
        {"/world/": "/world-news/", "/feeds/section/world/rss/": "/feeds/section/world-news/rss/"},
    ),
    "region": (
        lambda: Region.objects.get(slug="kyiv"),
        "kyiv-city",
        {
            "/regions/kyiv/": "/regions/kyiv-city/",
            "/feeds/regions/kyiv/rss/": "/feeds/regions/kyiv-city/rss/",
        },
    ),
    "source": (
        lambda: Source.objects.get(slug="reuters"),
        "reuters-news",
        {"/sources/reuters/": "/sources/reuters-news/"},
    ),
    "author": (
        lambda: Author.objects.get(slug="olena-kovalenko"),
        "olena-kovalenko-kyiv",
        {"/authors/olena-kovalenko/": "/authors/olena-kovalenko-kyiv/"},
    ),
    "tag": (
        lambda: Tag.objects.get(slug="energy"),
        "energy-supply",
        {
            "/tags/energy/": "/tags/energy-supply/",
            "/feeds/tags/energy/rss/": "/feeds/tags/energy-supply/rss/",
        },
    ),
}


@pytest.mark.parametrize("kind", RENAMES)
def test_it_leaves_the_old_page_and_feed_redirecting_when_staff_change_a_slug(
    admin_client, client, published, change_url, kind
):
    entry, new_slug, moved = RENAMES[kind]
    entry = entry()
    response = admin_client.post(change_url(entry), change_form(entry, slug=new_slug))
    assert response.status_code == 302
    assert type(entry).objects.get(pk=entry.pk).slug == new_slug
    for old, new in moved.items():
        assert_moved(client, old, new)


def test_it_keeps_story_addresses_working_when_their_section_is_renamed(client, published):
    old = published.get_absolute_url()
    rename(Section.objects.get(slug="world"), slug="world-news")
    published.refresh_from_db()
    assert_moved(client, old, published.get_absolute_url())


def test_it_recounts_the_sources_index_after_a_rename_from_code(client, published, reuters):
    assert ">Reuters<" in client.get("/sources/").content.decode()  # counts now cached
    rename(reuters, name="Reuters News", slug="reuters-news")
    index = client.get("/sources/").content.decode()
    assert "Reuters News" in index and 'href="/sources/reuters-news/"' in index


def test_it_lets_an_editor_rename_a_region_and_its_feed_follows(
    editor_client, client, published, regions, change_url
):
    kyiv = regions["kyiv"]
    response = editor_client.post(
        change_url(kyiv), change_form(kyiv, name="Kyiv City", slug="kyiv-city")
    )
    assert response.status_code == 302
    assert_moved(client, "/feeds/regions/kyiv/rss/", "/feeds/regions/kyiv-city/rss/")


def test_it_recounts_the_region_index_when_a_region_moves(
    admin_client, client, published, regions, change_url
):
    kyiv, poland = regions["kyiv"], regions["poland"]
    before = client.get("/regions/").content.decode()  # the counts are cached now
    assert _count(before, "Poland") == "0 stories"
    response = admin_client.post(change_url(kyiv), change_form(kyiv, parent=poland.pk))
    assert response.status_code == 302
    kyiv.refresh_from_db()
    assert kyiv.ancestor_ids() == [poland.pk]
    after = client.get("/regions/").content.decode()
    assert _count(after, "Poland") == "1 story"


def test_it_recounts_the_region_index_when_a_grouping_gains_a_member(
    admin_client, client, published, regions, change_url
):
    donbas = regions["donbas"]
    assert _count(client.get("/regions/").content.decode(), "Donbas") == "0 stories"
    members = [*donbas.members.values_list("pk", flat=True), regions["kyiv"].pk]
    response = admin_client.post(change_url(donbas), change_form(donbas, members=members))
    assert response.status_code == 302
    assert _count(client.get("/regions/").content.decode(), "Donbas") == "1 story"


def test_it_drops_a_deleted_tag_from_the_tags_index_at_once(client, tag_manager_client, published):
    assert ">Energy<" in client.get("/tags/").content.decode()  # the counts are cached now
    energy = Tag.objects.get(name="Energy")
    response = tag_manager_client.post(f"/admin/articles/tag/{energy.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert ">Energy<" not in client.get("/tags/").content.decode()


def _count(index, name):
    row = index[index.index(f">{name}<") :]
    return row[row.index('<span class="count">') + len('<span class="count">') :].split("<")[0]


@pytest.mark.parametrize(
    ("model", "address"),
    [
        ("section", "/world/"),
        ("region", "/regions/kyiv/"),
        ("source", "/sources/reuters/"),
        ("author", "/authors/olena-kovalenko/"),
        ("tag", "/tags/energy/"),
    ],
)
def test_it_tells_staff_what_address_a_slug_makes(admin_client, model, address):
    page = admin_client.get(f"/admin/articles/{model}/add/").content.decode()
    help_text = page[page.index('id="id_slug_helptext"') :].split("</div>")[0]
    assert address in help_text and "//" not in help_text
