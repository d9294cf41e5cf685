"""The tags screen: counts, search, sort, filters; rename, merge and delete with their redirects;
aliases and pins; and a Tag manager who can do all of it and nothing outside it."""

import pytest

from articles.desk.previews import preview_url
from articles.models import Tag, TagAlias, TaggedArticle, TagMerge, TagPin

TAGS = "/admin/articles/tag/"


def tag(name):
    return Tag.objects.get(name=name)


def change_form(tag, **fields):
    data = {
        "name": tag.name,
        "slug": tag.slug,
        "description": tag.description,
        "mediatopic_uri": tag.mediatopic_uri,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "0",
        "pins-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def merge(client, tags, survivor):
    return client.post(
        TAGS,
        {
            "action": "merge_selected",
            "_selected_action": [t.pk for t in tags],
            "post": "yes",
            "survivor": survivor.pk,
        },
    )


def test_it_lists_every_tag_with_published_and_total_counts(tag_manager_client, published, draft):
    Tag.objects.create(name="Orphan")
    page = tag_manager_client.get(TAGS).content.decode()
    assert "Orphan" in page and "Embargoed topic" in page
    energy_row = page[page.index(">Energy<") :].split("</tr>")[0]
    assert '<td class="field-published_count">1</td>' in energy_row
    assert '<td class="field-total_count">2</td>' in energy_row


def test_it_filters_unused_and_sorts_by_usage(tag_manager_client, published, draft):
    Tag.objects.create(name="Orphan")
    unused = tag_manager_client.get(TAGS, {"usage": "unused"}).content.decode()
    assert "Orphan" in unused and ">Energy<" not in unused
    only_drafts = tag_manager_client.get(TAGS, {"usage": "unpublished"}).content.decode()
    assert "Embargoed topic" in only_drafts and ">Energy<" not in only_drafts
    by_usage = tag_manager_client.get(TAGS, {"o": "-4"}).content.decode()  # all stories, most first
    assert by_usage.index(">Energy<") < by_usage.index(">Orphan<")


def test_it_finds_a_tag_by_its_alias(tag_manager_client, published):
    TagAlias.objects.create(tag=tag("Energy"), name="Power supply")
    page = tag_manager_client.get(TAGS, {"q": "power supply"}).content.decode()
    assert ">Energy<" in page and ">Ukraine<" not in page


def test_it_renames_a_tag_and_the_old_page_redirects(tag_manager_client, client, published):
    energy = tag("Energy")
    response = tag_manager_client.post(
        f"{TAGS}{energy.pk}/change/", change_form(energy, name="Energy supply")
    )
    assert response.status_code == 302
    energy.refresh_from_db()
    assert (energy.name, energy.slug) == ("Energy supply", "energy-supply")
    old = client.get("/tags/energy/")
    assert old.status_code == 301 and old["Location"] == "/tags/energy-supply/"
    assert "Energy supply" in client.get(old["Location"]).content.decode()


def test_it_refuses_renaming_onto_another_tag_in_another_case(tag_manager_client, published):
    energy = tag("Energy")
    response = tag_manager_client.post(
        f"{TAGS}{energy.pk}/change/", change_form(energy, name=" UKRAINE ")
    )
    assert response.status_code == 200
    assert "merge the two" in response.content.decode()
    assert tag("Energy").slug == "energy"


@pytest.mark.parametrize("name", ["", "x" * 10_000, "evil\u202ename", "nul\x00"])
def test_it_answers_absurd_names_with_a_form_error(tag_manager_client, db, name):
    response = tag_manager_client.post(
        f"{TAGS}add/", {**change_form(Tag(name="x"), name=name, slug="x")}
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Tag.objects.exists()


def test_it_asks_which_tag_to_keep_before_merging(tag_manager_client, published):
    response = tag_manager_client.post(
        TAGS,
        {"action": "merge_selected", "_selected_action": [tag("Energy").pk, tag("Ukraine").pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Which tag should the others be merged into?" in page
    assert Tag.objects.count() == 2


def test_it_merges_tags_retagging_every_story_once(
    tag_manager_client, client, make_article, published
):
    both = make_article(tags=["Power", "Energy"])
    only_power = make_article(tags=["power"], public=False)
    energy, power = tag("Energy"), tag("Power")

    response = merge(tag_manager_client, [energy, power], survivor=energy)
    assert response.status_code == 302

    assert not Tag.objects.filter(name="Power").exists()
    for story in (published, both, only_power):
        assert list(TaggedArticle.objects.filter(content_object=story, tag=energy)) != []
    assert TaggedArticle.objects.filter(tag=energy).count() == 3  # no duplicates
    assert sorted(both.tags.names()) == ["Energy"]
    assert list(energy.aliases.values_list("name", flat=True)) == ["Power"]

    record = TagMerge.objects.get()
    assert (record.into, record.merged_names, record.stories_moved) == (energy, ["Power"], 2)
    assert record.merged_by.username == "tag-manager"
    old = client.get("/tags/power/")
    assert old.status_code == 301 and old["Location"] == "/tags/energy/"
    old_feed = client.get("/feeds/tags/power/rss/")
    assert old_feed.status_code == 301 and old_feed["Location"] == "/feeds/tags/energy/rss/"
    # Typing the merged name again applies the survivor.
    published.tags.add("POWER")
    assert not Tag.objects.filter(name__iexact="power").exists()


def test_it_deletes_unused_tags_in_bulk_and_keeps_used_ones(tag_manager_client, published):
    orphans = [Tag.objects.create(name=f"Orphan {n}") for n in range(3)]
    response = tag_manager_client.post(
        TAGS,
        {"action": "delete_unused", "_selected_action": [t.pk for t in [*orphans, tag("Energy")]]},
        follow=True,
    )
    page = response.content.decode()
    assert "Deleted 3 unused tags." in page
    assert "Kept because stories use them" in page and "Energy" in page
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Energy", "Ukraine"]


def test_it_shows_what_uses_a_tag_before_deleting_it(tag_manager_client, published):
    energy = tag("Energy")
    page = tag_manager_client.get(f"{TAGS}{energy.pk}/delete/").content.decode()
    assert "Power restored in Kyiv after overnight strikes" in page
    tag_manager_client.post(f"{TAGS}{energy.pk}/delete/", {"post": "yes"})
    assert not Tag.objects.filter(name="Energy").exists()
    assert sorted(published.tags.names()) == ["Ukraine"]


def test_it_lets_a_tag_manager_add_aliases_and_pin_stories(tag_manager_client, published):
    energy = tag("Energy")
    data = change_form(
        energy,
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-name": "Power grid",
            "pins-TOTAL_FORMS": "1",
            "pins-0-article": published.pk,
            "pins-0-position": "0",
        },
    )
    response = tag_manager_client.post(f"{TAGS}{energy.pk}/change/", data)
    assert response.status_code == 302
    assert list(energy.aliases.values_list("name", flat=True)) == ["Power grid"]
    assert list(TagPin.objects.values_list("article", flat=True)) == [published.pk]


def test_it_refuses_an_alias_that_is_another_tags_name_in_the_form(tag_manager_client, published):
    energy = tag("Energy")
    data = change_form(energy, **{"aliases-TOTAL_FORMS": "1", "aliases-0-name": "ukraine"})
    response = tag_manager_client.post(f"{TAGS}{energy.pk}/change/", data)
    assert response.status_code == 200
    assert "is the name of another tag" in response.content.decode()


def test_it_keeps_the_tag_manager_out_of_everything_but_tags(
    tag_manager_client, published, regions, reuters
):
    for url in [
        "/admin/articles/article/",
        f"/admin/articles/article/{published.pk}/change/",
        "/admin/articles/region/",
        f"/admin/articles/region/{regions['kyiv'].pk}/change/",
        "/admin/articles/source/",
        f"/admin/articles/source/{reuters.pk}/change/",
        "/admin/auth/user/",
        "/admin/auth/group/",
    ]:
        assert tag_manager_client.get(url).status_code == 403, url
    assert tag_manager_client.get(TAGS).status_code == 200
    assert tag_manager_client.get("/admin/articles/tagmerge/").status_code == 200


def test_it_lets_editors_merge_but_not_delete_tags(editor_client, published, make_article):
    make_article(tags=["Power"])
    assert (
        merge(editor_client, [tag("Energy"), tag("Power")], survivor=tag("Energy")).status_code
        == 302
    )
    assert not Tag.objects.filter(name="Power").exists()
    assert editor_client.get(f"{TAGS}{tag('Energy').pk}/delete/").status_code == 403


def test_it_suggests_existing_tags_most_used_first_for_the_article_form(
    tag_manager_client, make_article
):
    make_article(tags=["Energy"])
    make_article(tags=["Energy"])
    make_article(tags=["Renewable energy"])
    ams = Tag.objects.create(name="Association of Mountain Surveyors")
    TagAlias.objects.create(tag=ams, name="AMS")
    found = tag_manager_client.get(f"{TAGS}lookup/", {"q": "ener"}).json()["results"]
    assert [r["name"] for r in found] == ["Energy", "Renewable energy"]
    assert found[0]["stories"] == 2
    by_alias = tag_manager_client.get(f"{TAGS}lookup/", {"q": "ams"}).json()["results"]
    assert by_alias[0] == {
        "name": "Association of Mountain Surveyors",
        "stories": 0,
        "alias": "AMS",
    }


@pytest.mark.parametrize(("typed", "found"), [("КИЇ", "Київ"), ("strasse", "Hauptstraße")])
def test_it_suggests_tags_typed_in_another_case_in_any_script(
    tag_manager_client, make_article, typed, found
):
    make_article(tags=[found])
    results = tag_manager_client.get(f"{TAGS}lookup/", {"q": typed}).json()["results"]
    assert [r["name"] for r in results] == [found]


def test_it_refuses_the_tag_lookup_to_anonymous_visitors(client, db):
    response = client.get(f"{TAGS}lookup/", {"q": "ener"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_shows_the_tags_screen_in_fixed_queries_whatever_the_number_of_tags(
    tag_manager_client, make_article, django_assert_max_num_queries
):
    make_article(tags=["Energy"])
    with django_assert_max_num_queries(12) as few:
        tag_manager_client.get(TAGS)
    for n in range(30):
        story = make_article(tags=[f"Topic {n}", "Energy"], public=n % 2 == 0)
        TagAlias.objects.create(tag=tag(f"Topic {n}"), name=f"Alias {n}")
        TagPin.objects.create(tag=tag(f"Topic {n}"), article=story)
    with django_assert_max_num_queries(len(few)) as many:
        page = tag_manager_client.get(TAGS).content.decode()
    assert "Topic 29" in page and "Alias 29" in page
    assert len(many) == len(few)


def test_it_revokes_preview_links_of_stories_a_merge_retags(
    tag_manager_client, client, make_article
):
    draft = make_article("Draft about power cuts", tags=["Power"], public=False)
    untouched = make_article("Draft about the grid", tags=["Energy"], public=False)
    links = {story: preview_url(story) for story in (draft, untouched)}
    merge(tag_manager_client, [tag("Energy"), tag("Power")], survivor=tag("Energy"))
    assert client.get(links[draft]).status_code == 404
    assert client.get(links[untouched]).status_code == 200


def test_it_lets_editors_add_aliases_and_pin_stories_as_the_role_table_says(
    editor_client, published
):
    # docs/editors/workflow.md, "Roles": editors "rename, merge, aliases, pins" tags; only deleting is not theirs.
    energy = tag("Energy")
    data = change_form(
        energy,
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-name": "Power grid",
            "pins-TOTAL_FORMS": "1",
            "pins-0-article": published.pk,
            "pins-0-position": "0",
        },
    )
    assert editor_client.post(f"{TAGS}{energy.pk}/change/", data).status_code == 302
    assert list(energy.aliases.values_list("name", flat=True)) == ["Power grid"]
    assert list(energy.pins.values_list("article", flat=True)) == [published.pk]


def test_it_refuses_reporters_any_change_to_a_tags_aliases(reporter_client, published):
    energy = tag("Energy")
    data = change_form(energy, **{"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Power grid"})
    assert reporter_client.post(f"{TAGS}{energy.pk}/change/", data).status_code == 403
    assert not TagAlias.objects.exists()
