"""Suggestions from the text: regions and sources a story mentions, by name or other name,
as whole words in any case and in possessive or inflected forms; suggested, never applied."""

from articles.models import Article, SourceAlias
from articles.taxonomy.suggestions import build_name_index, suggest

SUGGEST = "/admin/articles/article/suggest-taxonomy/"


def names(found, kind):
    return [(item["name"], item["matched"]) for item in found[kind]]


def test_it_finds_regions_by_name_and_alternative_spelling(regions):
    found = suggest(
        "Shelling in Kiev",
        "Donetsk Oblast's governor spoke.",
        "<p>Later, LUGANSK OBLAST reported calm. Kramatorsk’s mayor agreed.</p>",
    )
    # Best first: the headline's, the standfirst's, then the body's in the order mentioned.
    assert names(found, "regions") == [
        ("Kyiv", "kiev"),
        ("Donetsk Oblast", "donetsk oblast"),
        ("Luhansk Oblast", "lugansk oblast"),
        ("Kramatorsk", "kramatorsk"),
    ]


def test_it_matches_whole_words_only_and_ignores_markup(regions):
    found = suggest(
        "Kyivan cuisine",
        "Polandia is a film",
        '<p><a href="https://example.org/kyiv">a link</a> about Ukrainians</p>',
    )
    assert found == {"regions": [], "sources": [], "tags": []}


def test_it_reads_simple_inflections_and_prefers_the_longest_name(regions):
    found = suggest("Kyivs and Kyiv Oblast", "", "")
    assert names(found, "regions") == [("Kyiv", "kyivs"), ("Kyiv Oblast", "kyiv oblast")]


def test_it_finds_sources_by_name_and_alias_and_skips_chosen_ones(regions, reuters):
    afp = reuters.__class__.objects.create(name="Agence France-Presse", slug="afp")
    SourceAlias.objects.create(source=afp, name="AFP")
    found = suggest(
        "", "", "<p>AFP and Reuters' reporters saw Kyiv.</p>", regions=[regions["kyiv"].pk]
    )
    assert names(found, "sources") == [("Agence France-Presse", "afp"), ("Reuters", "reuters")]
    assert found["regions"] == []
    found = suggest("", "", "Reuters said", sources=[reuters.pk])
    assert found["sources"] == []


def test_it_builds_one_lookup_for_ten_thousand_names_and_finds_the_right_ones():
    rows = [("region", n, f"Town {n}", f"Town {n}") for n in range(10_000)]
    vocabulary = build_name_index(rows)
    mentions = vocabulary.find("We drove from Town 17 to town 9999, not to Town.")
    assert sorted(m.pk for m in mentions) == [17, 9999]


def test_it_answers_the_suggest_button_with_json(reporter_client, regions, reuters):
    response = reporter_client.post(
        SUGGEST,
        {
            "headline": "Kiev braces for winter",
            "standfirst": "Reuters reports",
            "body": "<p>Power cuts in <b>Kramatorsk</b>.</p>",
            "regions": [str(regions["kramatorsk"].pk)],
            "sources": ["not-a-number"],
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert [r["name"] for r in data["regions"]] == ["Kyiv"]
    assert [s["id"] for s in data["sources"]] == [reuters.pk]


def test_it_refuses_the_suggest_endpoint_to_a_tag_manager_and_to_get(
    tag_manager_client, login, superuser, regions
):
    assert tag_manager_client.post(SUGGEST, {"headline": "Kyiv"}).status_code == 403
    assert login(superuser).get(SUGGEST).status_code == 405


def test_it_gives_the_article_form_its_scripts_and_endpoints(reporter_client, world):
    page = reporter_client.get("/admin/articles/article/add/").content.decode()
    assert 'data-tag-lookup="/admin/articles/tag/lookup/"' in page
    assert 'data-suggest-url="/admin/articles/article/suggest-taxonomy/"' in page
    assert "admin_extra/tag_autocomplete.js" in page
    assert "admin_extra/suggestions.js" in page


def test_it_names_unfiled_mentions_after_saving_without_applying_them(
    reporter_client, world, regions, reuters
):
    def rows(prefix):
        return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = reporter_client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Kiev metro reopens",
            "slug": "kiev-metro-reopens",
            "standfirst": "Reuters reports long queues.",
            "body": "<p>Trains run again.</p>",
            "section": world.pk,
            "regions": [regions["kyiv"].pk],
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
    assert any("mentions source Reuters" in m for m in messages), messages
    assert not any("region Kyiv" in m for m in messages)  # already filed under Kyiv
    story = Article.objects.get(slug="kiev-metro-reopens")
    assert list(story.sources.all()) == []  # suggested, never applied
