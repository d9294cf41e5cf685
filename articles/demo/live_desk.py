"""The demo's live coverage: the Kyiv air-defence story followed live through the night, with
about twenty entries, a pinned summary, key events, a correction and a withdrawn entry
(docs/editors/live-coverage.md). Everything goes through `articles.live.entries` as the desk
would do it; only the entries' times are spread over the night afterwards, which no editor can
do. A second run finds the coverage and does nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..live import entries
from ..models import Article, Author, LiveCoverage, LiveEntry

STORY = "kyiv-air-defences-intercept-drones"

# (minutes ago, text, key event title)
ENTRIES = [
    (230, "Air raid alert declared across Kyiv and the surrounding region.", "Alert declared"),
    (224, "The city's military administration asks residents to stay in shelters.", ""),
    (215, "Explosions heard on the left bank: air defences are working.", ""),
    (207, "Metro stations are open as shelters; trains run on reduced intervals.", ""),
    (196, "Debris of a downed drone fell on a parking lot in Darnytskyi district.", ""),
    (188, "No injuries reported so far, the district administration says.", ""),
    (176, "A second wave of drones is approaching from the north-east.", "Second wave"),
    (163, "Power cut in parts of Obolon after a substation was damaged.", ""),
    (151, "Emergency crews are working at two sites on the left bank.", ""),
    (140, "The air force says 31 of 35 drones were shot down overnight.", "31 of 35 drones down"),
    (128, "Trains on the Kyiv–Lviv line are delayed by up to an hour.", ""),
    (117, "Two people were treated for shock at the Darnytskyi site.", ""),
    (104, "Power is back in most of Obolon, the grid operator says.", ""),
    (93, "Schools in the affected districts will open two hours late.", ""),
    (81, "The air raid alert is over for the city.", "Alert over"),
    (70, "Kyiv's mayor thanks air defence crews and asks residents to report damage.", ""),
    (58, "Insurance claims: how to document damage to cars and homes.", ""),
    (44, "Queues form at pharmacies in Darnytskyi as shops reopen.", ""),
    (31, "Energy minister: repairs to the damaged substation will take a week.", ""),
    (
        17,
        "What we know so far: 35 drones launched, 31 downed, two people treated, power "
        "mostly restored.",
        "",
    ),
]


def load_live_desk(report) -> dict[str, int]:
    story = Article.objects.filter(slug=STORY).first()
    if story is None or not story.is_public or LiveCoverage.objects.filter(article=story).exists():
        return {}
    editor = get_user_model().objects.filter(username="editor").first()
    coverage = entries.start_coverage(story, by=editor)
    authors = list(Author.objects.filter(slug="olena-kovalenko"))
    made = []
    for _, text, key in ENTRIES:
        made.append(
            entries.post_entry(
                coverage, f"<p>{text}</p>", by=editor, authors=authors, key_title=key
            )
        )
    now = timezone.now()
    for (minutes, _, _), entry in zip(ENTRIES, made, strict=True):
        moment = now - timedelta(minutes=minutes)
        LiveEntry.objects.filter(pk=entry.pk).update(
            posted_at=moment, changed_at=moment, created_at=moment
        )
    LiveCoverage.objects.filter(pk=coverage.pk).update(
        started_at=now - timedelta(minutes=ENTRIES[0][0] + 1)
    )
    entries.pin_entry(made[-1], by=editor)
    entries.correct_entry(
        made[11],
        "An earlier version said three people were treated; it was two.",
        by=editor,
    )
    entries.withdraw_entry(
        made[16], "Withdrawn: this advice was for another city's insurers.", by=editor
    )
    report(f"live coverage of “{story.headline}” with {len(made)} entries")
    return {"live entries": len(made)}
