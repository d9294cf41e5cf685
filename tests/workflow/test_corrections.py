"""Corrections, clarifications and updates: appended by editors, never rewritten, shown on the
story in a labelled box and on the public corrections page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, Correction
from articles.workflow import add_correction, unpublish


def test_it_shows_corrections_in_a_labelled_box_and_moves_the_modified_time(client, published):
    before = Article.objects.get(pk=published.pk).modified_at
    add_correction(published, "correction", "An earlier version misspelled the minister's name.")
    add_correction(published, "update", "Power is now back in all districts.")

    story = Article.objects.get(pk=published.pk)
    assert story.updated_at is not None and story.modified_at > before
    page = client.get(published.get_absolute_url()).content.decode()
    assert "<strong>Correction:</strong> An earlier version misspelled" in page
    assert "<strong>Update:</strong> Power is now back in all districts." in page
    assert "Updated" in page  # readers see the story's modified time move
    assert story.updated_at.replace(microsecond=0).isoformat() in page


def test_it_lets_only_editors_add_corrections(published, reporter, editor):
    with pytest.raises(PermissionDenied):
        add_correction(published, "correction", "Forged", by=reporter)
    add_correction(published, "clarification", "Clarified.", by=editor)
    assert [c.kind for c in Correction.objects.all()] == ["clarification"]


def test_it_adds_a_correction_from_the_article_form_and_keeps_old_ones_read_only(
    editor_client, published, change_url, edit_post
):
    add_correction(published, "correction", "The first correction.")
    page = editor_client.get(change_url(published)).content.decode()
    assert 'name="corrections-0-text"' not in page  # the existing one is shown, not editable
    assert "The first correction." in page

    data = edit_post(
        published,
        **{
            "corrections-TOTAL_FORMS": "2",
            "corrections-0-text": "Rewritten history",
            "corrections-1-kind": "update",
            "corrections-1-text": "Trains are running again.",
        },
    )
    assert editor_client.post(change_url(published), data).status_code == 302
    texts = list(Correction.objects.order_by("pk").values_list("text", "created_by__username"))
    assert texts == [("The first correction.", None), ("Trains are running again.", "editor")]


def test_it_offers_no_way_to_delete_a_correction(editor_client, published, change_url, edit_post):
    correction = add_correction(published, "correction", "Stays forever.")
    data = edit_post(published, **{"corrections-0-DELETE": "on"})
    editor_client.post(change_url(published), data)
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_it_lists_corrections_of_public_stories_only_newest_first(
    client, published, make_article, draft
):
    older = make_article("Bridge reopens", slug="bridge-reopens")
    add_correction(older, "correction", "The bridge is 300 m long, not 3 km.")
    add_correction(published, "update", "All districts have power.")
    add_correction(draft, "correction", "SECRET correction on a draft")
    withdrawn = make_article("Withdrawn piece", slug="withdrawn-piece")
    add_correction(withdrawn, "correction", "SECRET correction on a withdrawn story")
    unpublish(withdrawn)

    response = client.get("/corrections/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("All districts have power.") < page.index("300 m long")
    assert "SECRET" not in page
    assert f'href="{published.get_absolute_url()}"' in page


@pytest.mark.parametrize("count", [3, 30])
def test_it_builds_the_corrections_page_in_a_fixed_number_of_queries(
    client, make_article, count, django_assert_max_num_queries
):
    for n in range(count):
        story = make_article(f"Story {n}", slug=f"corrected-{count}-{n}")
        Correction.objects.create(
            article=story, text=f"Fix {n}", created_at=timezone.now() - timedelta(minutes=n)
        )
    with django_assert_max_num_queries(4):
        response = client.get("/corrections/")
    assert f"Fix {min(count, 30) - 1}" in response.content.decode()
