"""The demo's newsletters: the Morning Briefing (drafting itself from the home front at 06:00)
with a first issue already sent, and a weekly one — so the sign-up block, the archive and its
feeds, and the editors' screens have something to show.

Its three readers are imported as a CSV would be (consent recorded as "the demo"), and the
first issue goes to them through Django's in-memory backend: no mail leaves the machine.
"""

from datetime import time

from django.core.mail.backends.locmem import EmailBackend as InMemory

from articles.models import Front, Newsletter, Section
from articles.newsletters import composing, importing, sending

DEMO_READERS = (
    b"email\nolena.reader@demo.example\nivan.reader@demo.example\nmaria.reader@demo.example\n"
)


def load_newsletters(editor, report) -> int:
    """Create the demo newsletters (once) and send the Morning Briefing's first issue."""
    if Newsletter.objects.filter(slug="morning-briefing").exists():
        return 0
    home = Front.objects.filter(section__isnull=True).first()
    morning = Newsletter.objects.create(
        name="Morning Briefing",
        slug="morning-briefing",
        description="The stories you need before nine, every morning.",
        sender_name="The Newsroom",
        sender_email="briefing@newsroom.example",
        reply_to="desk@newsroom.example",
        test_recipients="editor@newsroom.example",
        draft_at=time(6, 0),
        draft_from_front=home,
        draft_stories=5,
    )
    Newsletter.objects.create(
        name="The Week in Ukraine",
        slug="week-in-ukraine",
        description="Our correspondents' week, every Saturday.",
        sender_name="The Newsroom",
        sender_email="weekly@newsroom.example",
        cadence="weekly",
        template="headlines",
        draft_from_section=Section.objects.filter(slug="world").first(),
        order=2,
    )
    importing.import_readers(
        DEMO_READERS, morning, source="The demo newsroom", file_name="demo.csv", by=editor
    )
    stories = composing.front_stories(home, 4) if home else []
    issue = composing.new_issue(
        morning,
        by=editor,
        stories=stories,
        subject="Morning Briefing: the day's first stories",
        preheader=stories[0].headline if stories else "The day's first stories",
    )
    sending.send_now(issue, by=editor)
    sending.start(issue.pk)
    sending.send_batch(issue.pk, connection=InMemory(alias="newsletters"))
    report("Newsletters: the Morning Briefing (issue 1 sent to 3 demo readers) and a weekly.")
    return 2
