"""One demo story as data, and how its HTML body is put together.

Each story supplies the parts only it can say (lede, detail, a pull quote, key points); the
desk supplies background and closing paragraphs from a small pool of building blocks, picked
deterministically from the slug so that a reloaded demo reads the same.
"""

import random
from dataclasses import dataclass
from html import escape

SUBHEADS = {
    "world": ["What we know", "The wider picture", "What happens next", "Reaction"],
    "business": ["Why it matters", "The numbers", "What comes next"],
    "science": ["How the study worked", "What it means", "The caveats"],
    "culture": ["Behind the scenes", "The wider scene", "What critics say"],
    "sports": ["How it unfolded", "What comes next", "The bigger picture"],
}

BACKGROUND = {
    "world": [
        "Russia's full-scale invasion, launched in February 2022, has forced millions of "
        "Ukrainians from their homes and left large parts of the east and south within range "
        "of daily shelling.",
        "Officials in {place} said a fuller assessment would follow once crews could reach the "
        "affected areas safely. Casualty figures and damage reports are often impossible to "
        "verify independently for days.",
        "Diplomats say the coming weeks will test how long European governments can sustain "
        "military and financial support, with several capitals facing budget pressure at home.",
        "Aid groups have warned that damage to power, water and heating systems weighs most "
        "heavily on older people and families with young children who cannot easily leave.",
        "Researchers who map the front line from satellite images and geolocated video "
        "describe the situation in the east as fluid, with small advances and withdrawals "
        "measured in hundreds of metres.",
    ],
    "business": [
        "Economists have been watching for signs that higher borrowing costs are cooling "
        "demand without tipping economies into recession.",
        "Executives have become more cautious in recent months, pointing to weaker orders and "
        "uncertainty over energy prices.",
        "Consumer groups say households are still adjusting to a price level far above where "
        "it was three years ago, even as the pace of increases slows.",
        "Investors will look to the next set of official figures, due later this month, for "
        "confirmation of the trend.",
    ],
    "science": [
        "The findings have not yet been replicated by an independent team, and the authors "
        "cautioned that larger studies will be needed before firm conclusions can be drawn.",
        "The work was peer reviewed before publication, and the underlying data have been made "
        "available to other researchers.",
        "Funding came from a mix of public research grants and university budgets, the team "
        "said, with no commercial sponsor.",
        "Other scientists who were not involved in the work called the results promising but "
        "said the method would need to be tested on a wider range of cases.",
    ],
    "culture": [
        "Organisers say audiences have returned strongly since the pandemic, though rising "
        "costs for venues and touring mean margins remain thin.",
        "Critics have been divided, with some praising the ambition and others finding the "
        "result uneven.",
        "Arts funding has been squeezed across Europe, and smaller companies say they rely "
        "increasingly on private donors and ticket income.",
        "For artists from Ukraine, performing abroad has become a way of keeping a culture "
        "visible while war continues at home.",
    ],
    "sports": [
        "The result leaves the race wide open with a handful of rounds still to play.",
        "Injuries have disrupted preparations all season, and the coaching staff have been "
        "forced to rotate heavily.",
        "The governing body is expected to review the schedule after complaints from players "
        "about the number of fixtures.",
        "Supporters travelled in large numbers despite the cost, and the atmosphere inside the "
        "ground was loud from the first whistle.",
    ],
}

CLOSING = {
    "world": [
        "This is a developing story and will be updated.",
        "Our correspondents in {place} will keep reporting as more information becomes available.",
        "The newsroom could not independently verify all of the claims made by either side.",
    ],
    "business": [
        "Markets were little changed after the announcement.",
        "The company is due to publish full-year results next month.",
    ],
    "science": [
        "The full paper is published this week.",
        "The team plans a follow-up study next year.",
    ],
    "culture": [
        "Dates and tickets are listed on the organisers' website.",
        "The programme continues through the end of next month.",
    ],
    "sports": [
        "Both sides return to league action at the weekend.",
        "The draw for the next round takes place on Monday.",
    ],
}


@dataclass(frozen=True)
class Story:
    """A demo story. Set `hours_ago` to publish it in the past, `scheduled_in` (hours) to
    schedule it, neither to leave a draft; `withdrawn` takes a published story down again."""

    slug: str
    section: str
    headline: str
    standfirst: str
    dateline: str
    lede: str
    detail: str
    quote: str = ""
    speaker: str = ""
    points: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    byline: str = ""
    hours_ago: float | None = None
    scheduled_in: float | None = None
    withdrawn: bool = False

    @property
    def is_draft(self) -> bool:
        return self.hours_ago is None and self.scheduled_in is None

    def body(self) -> str:
        """The story's HTML body: its own paragraphs framed by the desk's building blocks."""
        rng = random.Random(self.slug)
        place = self.dateline.title()
        parts = [f"<p>{escape(self.lede)}</p>", f"<p>{escape(self.detail)}</p>"]
        if self.quote:
            parts.append(
                f"<blockquote><p>{escape(self.quote)}</p>"
                f"<p>— {escape(self.speaker)}</p></blockquote>"
            )
        if self.points:
            items = "".join(f"<li>{escape(point)}</li>" for point in self.points)
            parts.append(f"<h2>At a glance</h2><ul>{items}</ul>")
        parts.append(f"<h2>{escape(rng.choice(SUBHEADS[self.section]))}</h2>")
        for paragraph in rng.sample(BACKGROUND[self.section], 2):
            parts.append(f"<p>{escape(paragraph.format(place=place))}</p>")
        parts.append(f"<p>{escape(rng.choice(CLOSING[self.section]).format(place=place))}</p>")
        return "".join(parts)
