"""The round trip: a story our ninjs API exports, read back by our own wire desk, is the same
story — headline, standfirst, body, byline, places, people, organisations and subjects."""

import pytest
from django.utils.html import strip_tags

from articles.models import Article, Source, SourceKind, WireStory
from articles.wire import ingest, parse_ninjs


def _words(html: str) -> str:
    return " ".join(strip_tags(html).split())


@pytest.fixture
def exported(client, make_article, regions, reuters, reporter_author):
    """A published story with a person and an agency as sources, two places and two tags, as
    a partner gets it from /api/ninjs/<id>/."""
    governor = Source.objects.create(
        name="Vadym Filashkin", slug="vadym-filashkin", kind=SourceKind.PERSON
    )
    story = make_article(
        "Evacuation trains leave Kramatorsk as shelling nears",
        slug="evacuation-trains-kramatorsk",
        standfirst="Families boarded the last scheduled train west before dawn.",
        body=(
            "<p>Trains left Kramatorsk before dawn, Vadym Filashkin said.</p>"
            "<p>Reuters saw hundreds of families on the platform in Kyiv later.</p>"
        ),
        regions=[regions["kramatorsk"], regions["kyiv"]],
        sources=[reuters, governor],
        authors=[reporter_author],
        tags=["Evacuation", "Railways"],
    )
    response = client.get(f"/api/ninjs/{story.pk}/")
    assert response.status_code == 200
    return story, response.json()


def test_it_reads_back_what_the_api_exports(exported):
    story, document = exported
    item = parse_ninjs(document)

    assert item.headline == story.headline
    assert item.standfirst == story.standfirst
    assert _words(item.body_html) == _words(story.body)
    assert item.byline and reporter_name_in(item.byline, story)
    assert {place.name for place in item.places} == {r.name for r in story.regions.all()}
    assert [person.name for person in item.people] == ["Vadym Filashkin"]
    assert [outlet.name for outlet in item.organisations] == ["Reuters"]
    assert {subject.name for subject in item.subjects} == {"Evacuation", "Railways"}


def reporter_name_in(byline: str, story: Article) -> bool:
    return all(author.name in byline for author in story.authors.all())


def test_it_files_the_ingested_copy_where_the_original_was_filed(exported, wire_provider):
    story, document = exported
    result = ingest(document, provider=wire_provider)

    assert result.outcome == "new", result.reason
    draft = Article.objects.get(pk=result.article.pk)
    assert draft.pk != story.pk and draft.status == "draft"
    assert draft.headline == story.headline
    assert draft.standfirst == story.standfirst
    assert _words(draft.body) == _words(story.body)
    assert set(draft.regions.all()) >= set(story.regions.all())
    assert set(draft.sources.values_list("name", flat=True)) >= {"Reuters", "Vadym Filashkin"}
    # The byline as printed, and the subjects kept on the wire record (issue 21).
    assert draft.byline == story.byline
    subjects = WireStory.objects.get(article=draft).metadata["subjects"]
    assert {subject["name"] for subject in subjects} == {"Evacuation", "Railways"}
