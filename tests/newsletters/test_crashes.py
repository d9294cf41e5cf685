"""For every way a sender can stop — before a copy is handed over, right after it is recorded
as handed over, or once the service took it — and however many times: no reader ever gets two
copies, nothing is called sent that the service did not take, and what is in doubt is at most
the one copy in hand at each stop, recorded as "unconfirmed" (hypothesis picks the stops).

A stand-in service takes messages in memory and stops the sender where it is told to, with an
exception that is not an `Exception` (nothing in the sender catches it, as nothing catches a
kill); the next sender starts after the stopped one's claim has lapsed."""

from datetime import timedelta

from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import Issue, Newsletter, Reader, Recipient
from articles.newsletters import composing, sending


class Stop(BaseException):
    """The sender stops here (a kill)."""


class StoppingService:
    """An email backend that keeps what it takes and stops the sender as `plan` says:
    {message number: "before" | "handed" | "taken"}."""

    supports_hand_over = True
    taken: list[str] = []
    plan: dict[int, str] = {}
    count = 0

    def __init__(self, **options):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_handing_over(self, message, hand_over):
        cls = type(self)
        number, cls.count = cls.count, cls.count + 1
        stop = cls.plan.pop(number, None)
        if stop == "before":
            raise Stop()
        hand_over()
        if stop == "handed":
            raise Stop()  # recorded as handed over, but the "." never went
        cls.taken.extend(message.to)
        if stop == "taken":
            raise Stop()


stops = st.dictionaries(
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["before", "handed", "taken"]),
    max_size=3,
)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(readers=st.integers(min_value=1, max_value=12), batch=st.integers(1, 5), plan=stops)
def test_it_never_sends_twice_and_doubts_at_most_one_copy_per_stop(
    readers, batch, plan, settings, published, editor
):
    settings.NEWSLETTER_EMAIL_BACKEND = f"{__name__}.StoppingService"
    settings.NEWSLETTER_BATCH_SIZE = batch
    StoppingService.taken, StoppingService.plan, StoppingService.count = [], dict(plan), 0
    newsletter = Newsletter.objects.create(
        name="Crash Briefing", slug="crash", sender_name="N", sender_email="n@news.example.org"
    )
    for n in range(readers):
        reader = Reader.objects.create(email=f"r{n}@example.com", status="confirmed")
        reader.subscriptions.create(newsletter=newsletter)
    issue = composing.new_issue(
        newsletter, by=editor, stories=[published], subject="S", preheader="P"
    )
    sending.send_now(issue, by=editor)
    sending.start(issue.pk)

    now, stopped = timezone.now(), 0
    for _ in range(200):
        if Issue.objects.get(pk=issue.pk).status == "sent":
            break
        try:
            sending.send_batch(issue.pk, now=now)
        except Stop:
            stopped += 1
            now += timedelta(hours=1)  # the stopped sender's claim lapses
    states = dict(Recipient.objects.filter(issue=issue).values_list("email", "status"))
    taken = StoppingService.taken
    sent = {email for email, state in states.items() if state == "sent"}
    doubted = {email for email, state in states.items() if state == "unconfirmed"}

    assert len(taken) == len(set(taken)), "a reader got two copies"
    assert sent | doubted == set(states) and len(states) == readers
    assert sent <= set(taken), "a copy the service never took is called sent"
    assert set(taken) - sent <= doubted
    assert len(doubted) <= stopped
    Issue.objects.filter(pk=issue.pk).delete()
    Reader.objects.all().delete()
    newsletter.delete()
