"""The related-story picker: each result says which desk, date and state it is; the story
being edited is never offered; pinning a story readers cannot see yet says so."""

from datetime import timedelta

from django.utils import timezone

from articles.models import RelatedStory

LOOKUP = "/admin/articles/article/related-lookup/"
FIELD = {"app_label": "articles", "model_name": "relatedstory", "field_name": "related"}


def lookup(client, term="", story=None):
    params = {**FIELD, "term": term, **({"story": story.pk} if story else {})}
    response = client.get(LOOKUP, params)
    assert response.status_code == 200, response.status_code
    return {result["headline"]: result for result in response.json()["results"]}


def test_it_labels_each_result_with_desk_date_and_state(editor_client, published, draft, sports):
    when = timezone.localtime(published.published_at)
    results = lookup(editor_client, "Kyiv")
    live = results["Power restored in Kyiv after overnight strikes"]
    assert live["section"] == "World"
    assert live["date"] == f"{when.day} {when:%b %Y}"
    assert live["state_label"] == "Live" and live["public"] is True
    assert live["text"] == (
        f"Power restored in Kyiv after overnight strikes — World · {live['date']} · Live"
    )
    hidden = results["SECRET DRAFT about Kyiv"]
    assert hidden["state_label"] == "Draft" and hidden["public"] is False


def test_it_says_scheduled_embargoed_and_withdrawn_stories_are_not_public(
    editor_client, scheduled, embargoed, withdrawn
):
    results = lookup(editor_client, "Kyiv")
    assert {name: r["state_label"] for name, r in results.items() if not r["public"]} == {
        "SCHEDULED story about Kyiv": "Scheduled",
        "EMBARGOED story about Kyiv": "Embargoed",
        "WITHDRAWN story about Kyiv": "Withdrawn",
    }


def test_it_never_offers_the_story_being_edited(editor_client, published, draft):
    assert "Power restored in Kyiv after overnight strikes" in lookup(editor_client, "Kyiv")
    offered = lookup(editor_client, "Kyiv", story=published)
    assert "Power restored in Kyiv after overnight strikes" not in offered
    assert "SECRET DRAFT about Kyiv" in offered


def test_it_points_each_picker_on_the_form_at_a_search_without_the_story(
    editor_client, published, change_url
):
    page = editor_client.get(change_url(published)).content.decode()
    assert f'data-ajax--url="{LOOKUP}?story={published.pk}"' in page


def test_it_answers_only_for_related_stories(editor_client, published):
    other = {**FIELD, "model_name": "articleauthor", "field_name": "article"}
    assert editor_client.get(LOOKUP, other).status_code == 403


def test_it_refuses_the_search_to_those_who_may_not_see_stories(client, tag_manager, login):
    assert login(tag_manager).get(LOOKUP, FIELD).status_code == 403
    assert client.get(LOOKUP, FIELD).status_code == 302


def test_it_marks_a_pinned_story_readers_cannot_see_on_the_form(
    editor_client, published, draft, make_article, change_url
):
    live = make_article("Another live story")
    RelatedStory.objects.create(article=published, related=draft, position=0)
    RelatedStory.objects.create(article=published, related=live, position=1)
    page = editor_client.get(change_url(published)).content.decode()
    assert 'data-public="false" data-state-label="Draft"' in page
    assert page.count('data-public="false"') == 1
    assert "SECRET DRAFT about Kyiv — World" in page  # the chosen story's label


def test_it_warns_on_saving_a_pinned_story_readers_cannot_see(
    editor_client, published, draft, scheduled, change_url, edit_post
):
    data = edit_post(
        published,
        **{
            "pinned_related-TOTAL_FORMS": "2",
            "pinned_related-0-related": str(draft.pk),
            "pinned_related-0-position": "0",
            "pinned_related-1-related": str(scheduled.pk),
            "pinned_related-1-position": "1",
        },
    )
    response = editor_client.post(change_url(published), data, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    warning = next(m for m in messages if m.startswith("Pinned, but readers cannot see"))
    assert "“SCHEDULED story about Kyiv” (Scheduled)" in warning
    assert "“SECRET DRAFT about Kyiv” (Draft)" in warning
    assert RelatedStory.objects.filter(article=published).count() == 2


def test_it_says_nothing_when_every_pin_is_public(
    editor_client, published, make_article, change_url, edit_post
):
    live = make_article("Another live story", when=timezone.now() - timedelta(days=1))
    data = edit_post(
        published,
        **{
            "pinned_related-TOTAL_FORMS": "1",
            "pinned_related-0-related": str(live.pk),
            "pinned_related-0-position": "0",
        },
    )
    response = editor_client.post(change_url(published), data, follow=True)
    assert not any("Pinned, but" in str(m) for m in response.context["messages"])
