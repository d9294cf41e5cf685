"""People as sources: officials and spokespeople a story relies on have a role, other spellings
and a public page like any source; a story lists the people it cites apart from its outlets."""

import json
import re

import pytest

from articles.models import Source, SourceAlias, SourceKind


@pytest.fixture
def haidai(db):
    person = Source.objects.create(
        name="Serhiy Haidai",
        slug="serhiy-haidai",
        kind=SourceKind.PERSON,
        role="Governor of Luhansk Oblast",
        description="Head of the regional administration.",
    )
    SourceAlias.objects.create(source=person, name="Sergei Gaidai")
    return person


@pytest.fixture
def story(make_article, regions, reuters, haidai):
    return make_article(
        "Governor warns of shelling",
        regions=[regions["luhansk"]],
        sources=[reuters, haidai],
    )


def test_it_lists_people_cited_apart_from_outlets_on_the_story(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    outlets = html.split("Sources</span>", 1)[1].split("</p>", 1)[0]
    people = html.split("People cited</span>", 1)[1].split("</p>", 1)[0]
    assert "Reuters" in outlets and "Haidai" not in outlets
    assert '<a href="/sources/serhiy-haidai/">Serhiy Haidai</a>, Governor of Luhansk Oblast' in (
        people
    )
    assert "Reuters" not in people


def test_it_names_a_person_as_a_person_in_structured_data(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article = next(b for b in map(json.loads, blocks) if b["@type"] == "NewsArticle")

    assert {"@type": "Person", "name": "Serhiy Haidai"} in article["citation"]
    assert any(c["@type"] == "Organization" and c["name"] == "Reuters" for c in article["citation"])


def test_it_gives_a_person_a_public_page_with_role_and_other_spellings(client, story, haidai):
    response = client.get("/sources/serhiy-haidai/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Person: Governor of Luhansk Oblast" in html
    assert "Also known as: Sergei Gaidai" in html
    assert story.headline in html


def test_it_shows_no_people_line_for_a_story_citing_only_outlets(client, make_article, reuters):
    story = make_article("Markets calm", sources=[reuters])

    assert "People cited" not in client.get(story.get_absolute_url()).content.decode()


def test_it_lets_an_editor_give_a_person_a_role_and_kinds_of_other_names(editor_client):
    response = editor_client.post(
        "/admin/articles/source/add/",
        {
            "name": "Oksana Hrytsenko",
            "slug": "oksana-hrytsenko",
            "kind": "person",
            "role": "Spokesperson",
            "homepage_url": "",
            "description": "",
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Oksana Gritsenko",
            "aliases-0-kind": "spelling",
            "aliases-1-name": "Hrytsenko",
            "aliases-1-kind": "short",
        },
    )

    assert response.status_code == 302
    person = Source.objects.get(slug="oksana-hrytsenko")
    assert person.role == "Spokesperson" and person.is_person
    assert sorted(person.aliases.values_list("name", "kind")) == [
        ("Hrytsenko", "short"),
        ("Oksana Gritsenko", "spelling"),
    ]
