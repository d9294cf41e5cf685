"""Editors at the newsletter screens: compose from a front, preview, test-send, schedule,
watch the progress; import and export readers; keep the suppression list; erase a reader. A
reporter is refused everywhere, and a refused POST changes nothing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import (
    Consent,
    Issue,
    IssueStatus,
    Reader,
    ReaderStatus,
    SlotKind,
    Subscription,
    Suppression,
)


def compose_data(issue, **changes):
    blocks = list(issue.blocks.all())
    data = {
        "subject": issue.subject,
        "preheader": issue.preheader,
        "test_to": "",
        "send_at": "",
        "front": "",
        "blocks-TOTAL_FORMS": str(len(blocks)),
        "blocks-INITIAL_FORMS": str(len(blocks)),
        "blocks-MIN_NUM_FORMS": "0",
        "blocks-MAX_NUM_FORMS": "40",
    }
    for n, block in enumerate(blocks):
        data |= {
            f"blocks-{n}-position": str(n + 1),
            f"blocks-{n}-kind": block.kind,
            f"blocks-{n}-story": str(block.story_id or ""),
            f"blocks-{n}-heading": block.heading,
            f"blocks-{n}-text": block.text,
        }
    return data | changes


def url(issue, rest="change/"):
    return f"/admin/articles/issue/{issue.pk}/{rest}"


def test_it_lets_an_editor_add_an_issue_and_compose_it_from_a_front(
    editor_client, morning, make_article, arrange_front
):
    lead = make_article("Ceasefire talks resume")
    arrange_front({"kind": SlotKind.LEAD, "story": lead})
    added = editor_client.post("/admin/articles/issue/add/", {"newsletter": morning.pk})
    issue = Issue.objects.get()
    assert added["Location"] == url(issue)
    from articles.models import Front

    response = editor_client.post(
        url(issue), compose_data(issue, action="add_front", front=Front.objects.get().pk)
    )
    assert response.status_code == 302
    assert [b.story for b in issue.blocks.all()] == [lead]
    page = editor_client.get(url(issue))
    assert page.status_code == 200
    assert "Ceasefire talks resume" in page.text and "Subject written" in page.text


def test_it_previews_the_email_its_text_and_the_archive_page(editor_client, ready_issue):
    email = editor_client.get(url(ready_issue, "preview/email/"))
    assert email.status_code == 200 and "Power restored in Kyiv" in email.text
    assert "no-store" in email["Cache-Control"]
    text = editor_client.get(url(ready_issue, "preview/text/"))
    assert text["Content-Type"].startswith("text/plain")
    web = editor_client.get(url(ready_issue, "preview/web/"))
    assert "(preview)" in web.text


def test_it_test_sends_only_to_the_staff_list(editor_client, ready_issue, editor):
    editor.email = "editor@news.example.org"
    editor.save()
    response = editor_client.post(
        url(ready_issue),
        compose_data(ready_issue, action="test", test_to="editor@news.example.org, x@evil.example"),
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["editor@news.example.org"]]
    assert mail.outbox[0].subject.startswith("[TEST] ")
    assert not ready_issue.recipients.exists()


def test_it_schedules_and_calls_off(editor_client, ready_issue, morning, make_reader):
    make_reader("olena@example.com", morning)
    editor_client.post(
        url(ready_issue), compose_data(ready_issue, action="schedule", send_at="2099-01-01T06:00")
    )
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.SCHEDULED
    editor_client.post(url(ready_issue), {"action": "unschedule"})
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.DRAFT


def test_it_shows_what_keeps_an_issue_from_going(editor_client, ready_issue):
    response = editor_client.post(
        url(ready_issue), compose_data(ready_issue, action="send_now", subject=""), follow=True
    )
    assert "Subject written" in response.text
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.DRAFT


def test_it_imports_readers_with_their_consent_source_and_reports_bad_rows(editor_client, morning):
    csv = (
        b"Email,Name\n"
        b"olena@example.com,Olena\n"
        b"not-an-address,Bad\n"
        b"OLENA@EXAMPLE.COM,Twice\n"
        b"postmaster@example.com,Role\n"
        b"ivan@example.com,Ivan\n"
    )
    Suppression.objects.create(email="ivan@example.com", reason="bounced")
    response = editor_client.post(
        f"/admin/articles/newsletter/{morning.pk}/import/",
        {
            "file": SimpleUploadedFile("print-list.csv", csv, content_type="text/csv"),
            "source": "Print subscribers' form, spring 2026",
        },
    )
    assert response.status_code == 200
    assert "1 subscribed, 0 already subscribed, 4 refused." in response.text
    reader = Reader.objects.get()
    assert reader.status == ReaderStatus.CONFIRMED
    consent = Consent.objects.get()
    assert consent.action == "imported"
    assert "print-list.csv" in consent.source and "spring 2026" in consent.source
    for line, why in (
        (3, "does not look like"),
        (4, "earlier in the file"),
        (5, "shared mailbox"),
        (6, "suppression list"),
    ):
        assert f"<td>{line}</td>" in response.text and why in response.text


def test_it_refuses_a_file_that_is_not_utf8_csv_whole(editor_client, morning):
    response = editor_client.post(
        f"/admin/articles/newsletter/{morning.pk}/import/",
        {
            "file": SimpleUploadedFile("list.csv", "email\nzoë@example.com\n".encode("latin-1")),
            "source": "x",
        },
    )
    assert "not UTF-8" in response.text
    assert not Reader.objects.exists()


def test_it_exports_readers_as_csv_that_spreadsheets_cannot_run(
    editor_client, morning, make_reader
):
    make_reader("=cmd@example.com", morning)
    make_reader("olena@example.com", morning)
    response = editor_client.post(f"/admin/articles/newsletter/{morning.pk}/export/")
    lines = response.content.decode().splitlines()
    assert lines[0] == "email,status,signed_up,confirmed,subscribed_since"
    assert lines[1].startswith("'=cmd@example.com,confirmed")


def test_it_adds_and_lifts_a_suppression_by_hand(editor_client, editor):
    editor_client.post(
        "/admin/articles/suppression/add/", {"email": "troll@example.com", "detail": "Abuse"}
    )
    entry = Suppression.objects.get()
    assert (entry.reason, entry.created_by) == ("by_hand", editor)
    page = editor_client.get(f"/admin/articles/suppression/{entry.pk}/change/")
    assert "Lift the suppression" in page.text
    editor_client.post(
        f"/admin/articles/suppression/{entry.pk}/change/", {"lift_reason": "Apologised by phone"}
    )
    entry.refresh_from_db()
    assert entry.lifted_at and entry.lift_reason == "Apologised by phone"


def test_it_erases_a_reader_on_request(editor_client, morning, make_reader):
    reader = make_reader("olena@example.com", morning)
    page = editor_client.get(f"/admin/articles/reader/{reader.pk}/erase/")
    assert "cannot be undone" in page.text
    editor_client.post(f"/admin/articles/reader/{reader.pk}/erase/")
    assert not Reader.objects.exists() and not Subscription.objects.exists()


def snapshot():
    return (
        list(Issue.objects.values()),
        list(Reader.objects.values()),
        list(Suppression.objects.values()),
        list(Subscription.objects.values()),
    )


@pytest.mark.parametrize(
    "request_for",
    [
        lambda issue, newsletter, reader: ("post", url(issue), {"action": "send_now"}),
        lambda issue, newsletter, reader: ("post", url(issue), {"action": "save", "subject": "X"}),
        lambda issue, newsletter, reader: ("get", url(issue, "preview/email/"), {}),
        lambda issue, newsletter, reader: (
            "post",
            "/admin/articles/issue/add/",
            {"newsletter": newsletter.pk},
        ),
        lambda issue, newsletter, reader: (
            "post",
            f"/admin/articles/newsletter/{newsletter.pk}/export/",
            {},
        ),
        lambda issue, newsletter, reader: (
            "get",
            f"/admin/articles/newsletter/{newsletter.pk}/import/",
            {},
        ),
        lambda issue, newsletter, reader: (
            "post",
            f"/admin/articles/reader/{reader.pk}/erase/",
            {},
        ),
        lambda issue, newsletter, reader: (
            "post",
            "/admin/articles/suppression/add/",
            {"email": "a@example.com", "detail": "x"},
        ),
    ],
)
def test_it_refuses_a_reporter_and_changes_nothing(
    reporter_client, ready_issue, morning, make_reader, request_for
):
    reader = make_reader("olena@example.com", morning)
    method, address, data = request_for(ready_issue, morning, reader)
    before = snapshot()
    response = getattr(reporter_client, method)(address, data)
    assert response.status_code == 403
    assert snapshot() == before
