"""The web archive: each newsletter's sent issues on the site, with RSS and Atom, showing only
stories readers can see; and the optional click count, per link and never per reader."""

import feedparser
import pytest
from django.utils import timezone

from articles.models import IssueStatus, LinkCount
from articles.newsletters import sending
from articles.workflow import unpublish


@pytest.fixture
def sent_issue(ready_issue, editor, morning, make_reader, mailbox):
    make_reader("olena@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk)
    sending.send_batch(ready_issue.pk)
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.SENT
    return ready_issue


def test_it_lists_sent_issues_and_shows_each_on_the_web(client, sent_issue, morning, weekly):
    archive = client.get("/newsletters/morning-briefing/")
    assert archive.status_code == 200
    assert "Morning Briefing: power is back in Kyiv" in archive.text
    assert '<link rel="alternate" type="application/rss+xml"' in archive.text
    page = client.get("/newsletters/morning-briefing/1/")
    assert page.status_code == 200
    assert "Power restored in Kyiv" in page.text and "issue 1" in page.text
    assert client.get("/newsletters/morning-briefing/2/").status_code == 404


def test_it_keeps_drafts_and_private_archives_off_the_site(client, ready_issue, morning):
    assert "power is back" not in client.get("/newsletters/morning-briefing/").text
    morning.archive_public = False
    morning.save()
    assert client.get("/newsletters/morning-briefing/").status_code == 404
    assert client.get("/newsletters/morning-briefing/rss/").status_code == 404


def test_it_drops_a_withdrawn_story_from_the_archive_page(client, sent_issue, published):
    unpublish(published)
    page = client.get("/newsletters/morning-briefing/1/")
    assert page.status_code == 200 and "Power restored in Kyiv" not in page.text


def test_it_serves_the_archive_as_rss_and_atom(client, sent_issue):
    for path, version in (
        ("/newsletters/morning-briefing/rss/", "rss20"),
        ("/newsletters/morning-briefing/atom/", "atom10"),
    ):
        parsed = feedparser.parse(client.get(path).content)
        assert not parsed.bozo and parsed.version == version
        [entry] = parsed.entries
        assert entry.title == "Morning Briefing: power is back in Kyiv"
        assert entry.link == "https://news.example.org/newsletters/morning-briefing/1/"


def test_it_counts_clicks_per_link_without_naming_the_reader(
    client, ready_issue, morning, editor, make_reader, mailbox
):
    morning.count_links = True
    morning.save()
    for name in ("olena", "ivan"):
        make_reader(f"{name}@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk)
    sending.send_batch(ready_issue.pk)
    first, second = (m.get_body(("html",)).get_content() for m in mailbox.parsed())
    counted = [link for link in LinkCount.objects.all()]
    story = next(link for link in counted if "power-restored-kyiv" in link.url)
    address = f"/newsletters/l/{ready_issue.pk}/{story.number}/"
    assert address in first and address in second  # the same for every reader
    assert "olena" not in address
    response = client.get(address)
    assert response.status_code == 302 and response["Location"] == story.url
    client.get(address)
    story.refresh_from_db()
    assert story.clicks == 2
    assert client.get(f"/newsletters/l/{ready_issue.pk}/999/").status_code == 404


def test_it_shows_issues_sent_today_on_the_cached_archive_at_once(
    client, ready_issue, editor, morning, make_reader, mailbox, page_cache
):
    make_reader("olena@example.com", morning)
    assert "power is back" not in client.get("/newsletters/morning-briefing/").text
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk, now=timezone.now())
    assert "power is back" in client.get("/newsletters/morning-briefing/").text
