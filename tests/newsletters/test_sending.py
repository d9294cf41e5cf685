"""Sending through a real SMTP server on loopback: every copy with its own unsubscribe
headers, progress that counts what happened, refusals, a service that goes down mid-send, and
nothing sent twice however often the work is started."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import IssueStatus, Suppression
from articles.newsletters import readers, sending


def send_everything(issue):
    """Start the issue and run batches until none is left (what db_worker does)."""
    sending.start(issue.pk)
    for _ in range(100):
        issue.refresh_from_db()
        if issue.status != IssueStatus.SENDING:
            return issue
        sending.send_batch(issue.pk)
    raise AssertionError("the issue never finished")


def test_it_sends_every_reader_their_own_copy_with_one_click_unsubscribe(
    mailbox, ready_issue, morning, make_reader, editor
):
    for n in range(5):
        make_reader(f"reader{n}@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    issue = send_everything(ready_issue)

    assert issue.status == IssueStatus.SENT
    assert sorted(mailbox.recipients()) == [f"reader{n}@example.com" for n in range(5)]
    links = set()
    for message in mailbox.parsed():
        unsubscribe = message["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = [part.strip(" <>") for part in unsubscribe.split(",")]
        assert https.startswith("https://news.example.org/newsletters/unsubscribe/")
        assert mailto.startswith("mailto:unsubscribe@news.example.org?subject=unsubscribe%20")
        links.add(https)
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert https in html and https in text
        assert "Power restored in Kyiv" in html and "style=" in html
        assert message["Subject"] == "Morning Briefing: power is back in Kyiv"
    assert len(links) == 5
    assert sending.progress(issue)["sent"] == 5


def test_it_refuses_to_schedule_an_issue_nobody_would_get(ready_issue, editor):
    with pytest.raises(ValidationError, match="No confirmed reader takes Morning Briefing"):
        sending.send_now(ready_issue, by=editor)
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.DRAFT
    assert not ready_issue.recipients.exists()


def test_it_never_queues_a_reader_twice_however_often_it_starts(
    mailbox, ready_issue, morning, make_reader, editor
):
    make_reader("olena@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    assert sending.start(ready_issue.pk) == IssueStatus.SENDING
    assert sending.start(ready_issue.pk) == IssueStatus.SENDING  # a second start changes nothing
    sending.send_batch(ready_issue.pk)
    sending.send_batch(ready_issue.pk)
    assert mailbox.recipients() == ["olena@example.com"]
    assert ready_issue.recipients.count() == 1


def test_it_fails_a_refused_address_and_suppresses_it_while_the_rest_go(
    mailbox, ready_issue, morning, make_reader, editor
):
    for name in ("anna", "gone", "ivan"):
        make_reader(f"{name}@example.com", morning)
    mailbox.refuse["gone@example.com"] = "550 5.1.1 No such user"
    sending.send_now(ready_issue, by=editor)
    issue = send_everything(ready_issue)

    assert sorted(mailbox.recipients()) == ["anna@example.com", "ivan@example.com"]
    progress = sending.progress(issue)
    assert (progress["sent"], progress["failed"]) == (2, 1)
    assert Suppression.objects.active().get(email="gone@example.com").reason == "rejected"


def test_it_defers_a_temporary_refusal_and_retries_it_later(
    mailbox, ready_issue, morning, make_reader, editor, time_machine
):
    make_reader("busy@example.com", morning)
    mailbox.refuse["busy@example.com"] = "451 4.2.0 Mailbox busy, try later"
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk)
    sending.send_batch(ready_issue.pk)
    assert sending.progress(ready_issue)["deferred"] == 1
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.SENDING  # not "sent" while a copy waits

    del mailbox.refuse["busy@example.com"]
    time_machine.move_to(timezone.now() + timezone.timedelta(minutes=10))
    sending.send_batch(ready_issue.pk)
    ready_issue.refresh_from_db()
    assert mailbox.recipients() == ["busy@example.com"]
    assert ready_issue.status == IssueStatus.SENT


def test_it_skips_a_reader_who_unsubscribed_after_the_issue_was_queued(
    mailbox, ready_issue, morning, make_reader, editor
):
    stays, leaves = (
        make_reader("stays@example.com", morning),
        make_reader("leaves@example.com", morning),
    )
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk)
    readers.unsubscribe(leaves, morning, source="test")
    sending.send_batch(ready_issue.pk)
    assert mailbox.recipients() == [stays.email]
    assert sending.progress(ready_issue)["skipped"] == 1


def test_it_waits_and_resumes_when_the_service_is_down_mid_send(
    mailbox, ready_issue, morning, make_reader, editor, settings, time_machine
):
    settings.NEWSLETTER_BATCH_SIZE = 3
    for n in range(7):
        make_reader(f"reader{n}@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    sending.start(ready_issue.pk)
    sending.send_batch(ready_issue.pk)  # three go out
    mailbox.stop()
    outcome = sending.send_batch(ready_issue.pk)
    assert outcome.service_error
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.SENDING
    assert ready_issue.next_attempt_at > timezone.now()
    progress = sending.progress(ready_issue)
    assert (progress["sent"], progress["queued"]) == (3, 4)  # nothing lost, nothing called sent

    mailbox.start()
    sending.send_batch(ready_issue.pk)  # too early: waits out the backoff
    assert len(mailbox.recipients()) == 3
    time_machine.move_to(ready_issue.next_attempt_at + timezone.timedelta(seconds=1))
    send_everything(ready_issue)
    assert sorted(mailbox.recipients()) == [f"reader{n}@example.com" for n in range(7)]
    assert sending.progress(ready_issue)["sent"] == 7


def test_it_sends_nothing_to_a_suppressed_or_pending_reader(
    mailbox, ready_issue, morning, make_reader, editor
):
    make_reader("fine@example.com", morning)
    make_reader("bounced@example.com", morning)
    make_reader("pending@example.com", morning, confirmed=False)
    Suppression.objects.create(email="bounced@example.com", reason="bounced")
    sending.send_now(ready_issue, by=editor)
    send_everything(ready_issue)
    assert mailbox.recipients() == ["fine@example.com"]


def test_it_sends_subjects_and_sender_names_in_any_script(
    mailbox, ready_issue, morning, make_reader, editor
):
    morning.sender_name = "Редакція «Ньюзрум»"
    morning.save()
    ready_issue.subject = "Світло повернулося до Києва — ранковий огляд"
    ready_issue.save()
    make_reader("olena@example.com", morning)
    sending.send_now(ready_issue, by=editor)
    send_everything(ready_issue)
    [message] = mailbox.parsed()
    assert message["Subject"] == "Світло повернулося до Києва — ранковий огляд"
    assert message["From"].addresses[0].display_name == "Редакція «Ньюзрум»"
    assert message["To"] == "olena@example.com"
    assert "Power restored in Kyiv" in message.get_body(("html",)).get_content()


def test_it_starts_a_scheduled_issue_from_the_cron_command_and_sends_it_all(
    mailbox, ready_issue, morning, make_reader, editor, time_machine
):
    from io import StringIO

    from django.core.management import call_command

    for n in range(3):
        make_reader(f"reader{n}@example.com", morning)
    at = timezone.now() + timezone.timedelta(hours=1)
    sending.schedule(ready_issue, by=editor, at=at)
    out = StringIO()
    call_command("send_newsletters", "--until-done", stdout=out)
    assert "started 0" in out.getvalue() and not mailbox.recipients()  # not yet
    time_machine.move_to(at + timezone.timedelta(seconds=5))
    call_command("send_newsletters", "--until-done", stdout=out)
    assert "started 1" in out.getvalue()
    assert sorted(mailbox.recipients()) == [f"reader{n}@example.com" for n in range(3)]
    ready_issue.refresh_from_db()
    assert ready_issue.status == IssueStatus.SENT and ready_issue.number == 1
