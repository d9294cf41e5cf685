"""Merging duplicate sources: stories re-cited once, old page redirects, name kept as an alias."""

import pytest

from articles.desk.previews import preview_url
from articles.models import Source, SourceAlias, SourceMerge
from articles.taxonomy.sources import merge_sources

SOURCES = "/admin/articles/source/"


@pytest.fixture
def afp(db):
    return Source.objects.create(name="Agence France-Presse", slug="agence-france-presse")


@pytest.fixture
def afp_duplicate(db):
    return Source.objects.create(name="AFP", slug="afp", kind="agency")


def test_it_merges_duplicate_sources_from_the_admin(
    editor_client, client, make_article, afp, afp_duplicate, reuters
):
    both = make_article(sources=[afp, afp_duplicate])
    dup_only = make_article(sources=[afp_duplicate, reuters], public=False)
    confirm = editor_client.post(
        SOURCES, {"action": "merge_selected", "_selected_action": [afp.pk, afp_duplicate.pk]}
    )
    assert "Which source should the others be merged into?" in confirm.content.decode()

    response = editor_client.post(
        SOURCES,
        {
            "action": "merge_selected",
            "_selected_action": [afp.pk, afp_duplicate.pk],
            "post": "yes",
            "survivor": afp.pk,
        },
    )
    assert response.status_code == 302
    assert not Source.objects.filter(slug="afp").exists()
    assert list(both.sources.all()) == [afp]
    assert sorted(s.name for s in dup_only.sources.all()) == ["Agence France-Presse", "Reuters"]
    assert list(afp.aliases.values_list("name", flat=True)) == ["AFP"]
    record = SourceMerge.objects.get()
    assert (record.into_name, record.merged_names, record.stories_moved) == (
        "Agence France-Presse",
        ["AFP"],
        2,
    )
    assert record.merged_by.username == "editor"

    old = client.get("/sources/afp/")
    assert old.status_code == 301 and old["Location"] == "/sources/agence-france-presse/"
    page = client.get(old["Location"]).content.decode()
    assert "Also known as: AFP" in page
    assert both.headline in page


def test_it_finds_a_source_by_its_alternative_name_in_autocomplete(editor_client, afp):
    SourceAlias.objects.create(source=afp, name="AFP")
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "sources", "term": "afp"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Agence France-Presse"]


def test_it_refuses_an_alternative_name_that_is_another_sources_name(editor_client, afp, reuters):
    data = {
        "name": afp.name,
        "slug": afp.slug,
        "kind": afp.kind,
        "homepage_url": "",
        "description": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "reuters",
    }
    response = editor_client.post(f"{SOURCES}{afp.pk}/change/", data)
    assert response.status_code == 200
    assert "is the name of another source" in response.content.decode()
    assert not SourceAlias.objects.exists()


def test_it_counts_merged_stories_on_the_sources_index(client, make_article, afp, afp_duplicate):
    make_article(sources=[afp_duplicate])
    make_article(sources=[afp])
    merge_sources(afp, [afp_duplicate])
    page = client.get("/sources/").content.decode()
    assert ">AFP<" not in page
    row = page[page.index("Agence France-Presse") :].split("</li>")[0]
    assert '<span class="count">2 stories</span>' in row


def test_it_revokes_preview_links_of_stories_a_merge_re_cites(
    client, make_article, afp, afp_duplicate
):
    draft = make_article("Draft citing AFP", sources=[afp_duplicate], public=False)
    link = preview_url(draft)
    assert client.get(link).status_code == 200
    merge_sources(afp, [afp_duplicate])
    assert client.get(link).status_code == 404
    assert list(draft.sources.all()) == [afp]
