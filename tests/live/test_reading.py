"""What readers get of live coverage: the page without JavaScript, the updates an open page
polls (cacheable, conditional, with the server's poll interval), permalinks, fixed costs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.live import entries, showing
from articles.models import EntryState, LiveEntry


def updates_url(story, since):
    return f"{story.get_absolute_url()}live/updates?since={since}"


def test_it_renders_the_live_page_on_the_server(client, live_story, post, editor, reporter):
    first = post("<p>Explosions heard in the east of the city.</p>")
    pinned = post("<p>What we know so far: three districts without power.</p>")
    entries.pin_entry(pinned, by=editor)
    key = post("<p>The air raid alert is over.</p>")
    entries.mark_key_event(key, "Alert over", by=editor)
    entries.correct_entry(
        first,
        "It was the west, not the east.",
        by=editor,
        body="<p>Explosions heard in the west of the city.</p>",
    )
    gone = post("<p>Unverified claim.</p>")
    entries.withdraw_entry(gone, "Withdrawn: the claim could not be verified.", by=editor)
    post("<p>Reporter's unchecked note.</p>", by=reporter)
    post("<p>Curfew from midnight.</p>", at=timezone.now() + timedelta(hours=1))

    response = client.get(live_story.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Latest updates" in page and 'aria-live="polite"' in page
    assert page.index("What we know so far") < page.index("Explosions heard")
    assert f'href="{live_story.get_absolute_url()}live/entries/{key.pk}/">Alert over</a>' in page
    assert "Corrected " in page and "It was the west, not the east." in page
    assert "in the west of the city" in page and "in the east of the city" not in page
    assert "Withdrawn: the claim could not be verified." in page and "Unverified claim" not in page
    assert "unchecked note" not in page and "Curfew from midnight" not in page
    assert f'id="entry-{first.pk}"' in page and f'id="pinned-entry-{pinned.pk}"' in page
    assert 'data-live-poll="10"' in page


def test_it_paginates_older_entries_and_permalinks_find_them(client, live_story, coverage):
    now = timezone.now()
    made = LiveEntry.objects.bulk_create(
        LiveEntry(
            coverage=coverage,
            body=f"<p>Entry number {n}.</p>",
            state=EntryState.PUBLISHED,
            posted_at=now - timedelta(minutes=100 - n),
            changed_at=now - timedelta(minutes=100 - n),
        )
        for n in range(25)
    )
    oldest = made[0]
    page_one = client.get(live_story.get_absolute_url()).content.decode()
    assert f'id="entry-{made[24].pk}"' in page_one and f'id="entry-{made[4].pk}"' not in page_one
    assert "Older entries" in page_one
    found = client.get(f"{live_story.get_absolute_url()}live/entries/{oldest.pk}/")
    assert found.status_code == 302
    assert found["Location"] == f"{live_story.get_absolute_url()}?page=2#entry-{oldest.pk}"
    page_two = client.get(f"{live_story.get_absolute_url()}?page=2").content.decode()
    assert f'id="entry-{oldest.pk}"' in page_two and "Newer entries" in page_two


def test_it_sends_what_changed_since_the_cursor(client, live_story, coverage, post, editor):
    first = post("<p>First.</p>")
    cursor = showing.latest_cursor(coverage, timezone.now())
    nothing = client.get(updates_url(live_story, cursor)).json()
    assert nothing["entries"] == [] and nothing["cursor"] == str(cursor)
    second = post("<p>Second.</p>")
    entries.withdraw_entry(first, by=editor)
    data = client.get(updates_url(live_story, cursor)).json()
    assert [(e["id"], e["state"]) for e in data["entries"]] == [
        (second.pk, "published"),
        (first.pk, "withdrawn"),
    ]
    assert "Second." in data["entries"][0]["html"]
    assert "This entry was withdrawn." in data["entries"][1]["html"]
    assert data["poll"] == 10 and data["ended"] is False
    assert client.get(updates_url(live_story, data["cursor"])).json()["entries"] == []


def test_it_makes_updates_cacheable_and_conditional(client, live_story, post, page_cache):
    post()
    response = client.get(updates_url(live_story, 0))
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=5" in control and "stale-while-revalidate" in control
    again = client.get(updates_url(live_story, 0), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    post("<p>Newer.</p>")
    fresh = client.get(updates_url(live_story, 0), HTTP_IF_NONE_MATCH=response["ETag"])
    assert fresh.status_code == 200 and len(fresh.json()["entries"]) == 2


def test_it_lets_the_server_slow_or_stop_polling(client, live_story, coverage, editor, settings):
    assert client.get(updates_url(live_story, 0)).json()["poll"] == 10
    entries.change_coverage(coverage, by=editor, poll_seconds=30)
    assert client.get(updates_url(live_story, 0)).json()["poll"] == 30
    settings.LIVE_POLL_SECONDS = 0
    assert client.get(updates_url(live_story, 0)).json()["poll"] == 0
    settings.LIVE_POLL_SECONDS = 10
    entries.end_coverage(coverage, by=editor)
    data = client.get(updates_url(live_story, 0)).json()
    assert data["poll"] == 0 and data["ended"] is True
    page = client.get(live_story.get_absolute_url()).content.decode()
    assert "This live coverage ended" in page and "data-live-poll" not in page


def test_it_refuses_bad_cursors_and_stories_not_live(client, live_story, published, make_article):
    assert client.get(updates_url(live_story, "abc")).status_code == 400
    assert client.get(f"{live_story.get_absolute_url()}live/updates").status_code == 400
    other = make_article("Quiet day in parliament")
    assert client.get(updates_url(other, 0)).status_code == 404


def test_it_forgets_the_cached_page_when_an_entry_is_posted(client, live_story, post, page_cache):
    post("<p>Before.</p>")
    assert client.get(live_story.get_absolute_url())["X-Cache"] == "MISS"
    assert client.get(live_story.get_absolute_url())["X-Cache"] == "HIT"
    post("<p>After the cache.</p>")
    fresh = client.get(live_story.get_absolute_url())
    assert fresh["X-Cache"] == "MISS" and "After the cache." in fresh.content.decode()


def _many(coverage, count):
    now = timezone.now()
    made = LiveEntry.objects.bulk_create(
        LiveEntry(
            coverage=coverage,
            body=f"<p>Entry {n}.</p>",
            state=EntryState.PUBLISHED,
            posted_at=now - timedelta(seconds=count - n),
            changed_at=now - timedelta(seconds=count - n),
            key_event=n % 7 == 0,
            key_title=f"Key {n}" if n % 7 == 0 else "",
        )
        for n in range(count)
    )
    LiveEntry.authors.through.objects.bulk_create(
        LiveEntry.authors.through(
            liveentry_id=entry.pk, author_id=coverage.article.authors.first().pk
        )
        for entry in made
    )
    made[-1].pinned = True
    made[-1].save(update_fields=["pinned"])


# Measured: 21 queries for the page (the story page's own included), 7 for an updates answer,
# the same at 10 and at 500 entries.
@pytest.mark.parametrize("count", [10, 500])
def test_it_keeps_the_live_page_and_updates_within_a_fixed_query_budget(
    client, live_story, coverage, count, django_assert_max_num_queries
):
    _many(coverage, count)
    with django_assert_max_num_queries(21):
        assert client.get(live_story.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(7):
        assert len(client.get(updates_url(live_story, 0)).json()["entries"]) == min(count, 50)


def _json_ld(page: str) -> list:
    import json
    import re

    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]


def test_it_describes_the_page_as_a_live_blog_posting(client, live_story, coverage, post, editor):
    entry = post("<p>Power is back in <b>Podil</b>.</p>")
    entries.mark_key_event(entry, "Power back in Podil", by=editor)
    page = client.get(live_story.get_absolute_url()).content.decode()
    (live,) = [d for d in _json_ld(page) if d.get("@type") == "LiveBlogPosting"]
    assert live["coverageStartTime"] and "coverageEndTime" not in live
    (update,) = live["liveBlogUpdate"]
    assert update["headline"] == "Power back in Podil"
    assert update["articleBody"] == "Power is back in Podil."
    assert update["url"].endswith(f"{live_story.get_absolute_url()}#entry-{entry.pk}")
    entries.end_coverage(coverage, by=editor)
    page = client.get(live_story.get_absolute_url()).content.decode()
    (live,) = [d for d in _json_ld(page) if d.get("@type") == "LiveBlogPosting"]
    assert live["coverageEndTime"]


def test_it_offers_a_feed_of_the_entries(
    client, live_story, post, editor, django_assert_max_num_queries
):
    kept = post("<p>Rescuers reach the building.</p>")
    gone = post("<p>Wrong figure.</p>")
    entries.withdraw_entry(gone, by=editor)
    post("<p>Waiting entry.</p>", draft=True)
    with django_assert_max_num_queries(4):
        response = client.get(f"{live_story.get_absolute_url()}live/feed")
    feed = response.content.decode()
    assert response.status_code == 200 and "application/atom+xml" in response["Content-Type"]
    assert f"#entry-{kept.pk}" in feed and "Rescuers reach the building." in feed
    assert "Withdrawn entry" in feed and "Wrong figure" not in feed
    assert "Waiting entry" not in feed


def test_it_labels_the_card_of_a_story_covered_live(client, live_story, coverage, editor):
    section = client.get(live_story.section.get_absolute_url()).content.decode()
    assert section.count('<span class="live-label">Live</span>') == 1
    entries.end_coverage(coverage, by=editor)
    section = client.get(live_story.section.get_absolute_url()).content.decode()
    assert '<span class="live-label">Live</span>' not in section


def test_it_shows_running_coverages_key_events_on_the_home_page(
    client, live_story, coverage, post, editor
):
    entry = post("<p>The dam held.</p>")
    entries.mark_key_event(entry, "The dam held", by=editor)
    home = client.get("/").content.decode()
    assert (
        f'href="{live_story.get_absolute_url()}live/entries/{entry.pk}/">The dam held</a>' in home
    )
    entries.end_coverage(coverage, by=editor)
    assert "The dam held" not in client.get("/").content.decode()
