"""Alternative names (tags, sources, regions): typed in the admin, checked by the one "is this
name free" rule, and refused with a form error — never a crash — when they clash."""

import pytest

from articles.models import RegionAlias, Source, SourceAlias, Tag, TagAlias


def tag_form(tag, *aliases, **fields):
    data = {
        "name": tag.name,
        "slug": tag.slug,
        "description": "",
        "mediatopic_uri": "",
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "0",
        "pins-INITIAL_FORMS": "0",
    }
    for n, alias in enumerate(aliases):
        data[f"aliases-{n}-name"] = alias
    return {**data, **fields}


def source_form(source, *aliases, **fields):
    data = {
        "name": source.name,
        "slug": source.slug,
        "kind": source.kind,
        "homepage_url": "",
        "description": "",
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": "0",
    }
    for n, alias in enumerate(aliases):
        data[f"aliases-{n}-name"] = alias
    return {**data, **fields}


def region_form(region, *aliases):
    data = {
        "name": region.name,
        "slug": region.slug,
        "kind": region.kind,
        "parent": region.parent_id or "",
        "geonames_uri": "",
        "description": "",
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": "0",
    }
    for n, alias in enumerate(aliases):
        data[f"aliases-{n}-name"] = alias
    return data


@pytest.fixture
def energy(db):
    return Tag.objects.create(name="Energy")


def test_it_refuses_the_same_alternative_name_typed_twice_in_one_form(tag_manager_client, energy):
    response = tag_manager_client.post(
        f"/admin/articles/tag/{energy.pk}/change/", tag_form(energy, "Power grid", "POWER GRID")
    )
    assert response.status_code == 200
    assert "is typed twice" in response.content.decode()
    assert not TagAlias.objects.exists()


def test_it_refuses_an_alternative_name_repeating_the_tags_new_name(tag_manager_client, energy):
    response = tag_manager_client.post(
        f"/admin/articles/tag/{energy.pk}/change/",
        tag_form(energy, "Straße", name="STRASSE", slug="strasse"),
    )
    assert response.status_code == 200
    assert "cannot repeat the tag&#x27;s name" in response.content.decode()
    assert Tag.objects.get().name == "Energy" and not TagAlias.objects.exists()


def test_it_refuses_a_new_tag_named_like_another_tags_alias_in_another_case(
    tag_manager_client, energy
):
    TagAlias.objects.create(tag=energy, name="Maße")
    response = tag_manager_client.post(
        "/admin/articles/tag/add/", tag_form(Tag(name="MASSE", slug="masse"))
    )
    assert response.status_code == 200
    assert "is an alternative name of another tag (“Energy”)" in response.content.decode()
    assert list(Tag.objects.values_list("name", flat=True)) == ["Energy"]


@pytest.mark.parametrize("clash", ["REUTERS", "Reuters ", "reuters"])
def test_it_refuses_a_second_source_with_the_same_name_in_another_case(
    editor_client, reuters, clash
):
    response = editor_client.post(
        "/admin/articles/source/add/", source_form(Source(name=clash, slug="reuters-2"))
    )
    assert response.status_code == 200
    assert "A source called" in response.content.decode()
    assert Source.objects.count() == 1


def test_it_refuses_a_source_alias_already_given_to_another_source_in_another_case(
    editor_client, reuters
):
    afp = Source.objects.create(name="Agence France-Presse", slug="afp")
    SourceAlias.objects.create(source=reuters, name="Reuters News Agency")
    response = editor_client.post(
        f"/admin/articles/source/{afp.pk}/change/", source_form(afp, "REUTERS NEWS AGENCY")
    )
    assert response.status_code == 200
    assert "is already an alternative name" in response.content.decode()
    assert SourceAlias.objects.count() == 1


def test_it_lets_two_places_share_a_spelling_but_not_one_place_twice(editor_client, regions):
    kyiv, poland = regions["kyiv"], regions["poland"]
    response = editor_client.post(
        f"/admin/articles/region/{poland.pk}/change/", region_form(poland, "KIEV")
    )
    assert response.status_code == 302
    kievs = RegionAlias.objects.filter(name__in=["Kiev", "KIEV"])
    assert sorted(kievs.values_list("region__slug", "name")) == [
        ("kyiv", "Kiev"),
        ("poland", "KIEV"),
    ]
    response = editor_client.post(
        f"/admin/articles/region/{kyiv.pk}/change/", region_form(kyiv, "kiev")
    )
    assert response.status_code == 200
    assert "This region already has this alternative name." in response.content.decode()
    response = editor_client.post(
        f"/admin/articles/region/{kyiv.pk}/change/", region_form(kyiv, "Kyjiw", "KYJIW")
    )
    assert response.status_code == 200
    assert "is typed twice" in response.content.decode()
    assert RegionAlias.objects.filter(region=kyiv).count() == 1
