"""Demo stories from the Sports desk."""

from ..story import Story

STORIES = [
    Story(
        slug="ukrainian-champions-edge-european-tie",
        section="sports",
        headline="Ukrainian champions edge European tie in a home game played far from home",
        standfirst="A late header settled a tense night in Warsaw, where the club has played "
        "its continental fixtures since the invasion.",
        dateline="WARSAW",
        lede="Ukraine's league champions won 2-1 in the first leg of their European tie, "
        "scoring the winner with four minutes left in a match played in Warsaw.",
        detail="Several thousand Ukrainians living in Poland filled one end of the stadium, "
        "singing throughout the second half.",
        quote="For ninety minutes people forgot where they are and why. That is what football can "
        "do.",
        speaker="The club's head coach",
        regions=("warsaw", "ukraine"),
        tags=("Football", "War in Ukraine"),
        authors=("jack-ellison",),
        hours_ago=12,
    ),
    Story(
        slug="late-penalty-settles-london-derby",
        section="sports",
        headline="Late penalty settles tense London derby",
        standfirst="A handball decision in stoppage time split opinion and the points.",
        dateline="LONDON",
        lede="A penalty in the third minute of stoppage time decided a tight London derby, "
        "lifting the home side into the top four.",
        detail="The visitors' manager called the handball decision harsh. Replays suggested the "
        "ball struck the defender's arm from close range.",
        regions=("london",),
        tags=("Football",),
        authors=("jack-ellison",),
        hours_ago=40,
    ),
    Story(
        slug="ukrainian-teenager-reaches-grass-semi-final",
        section="sports",
        headline="Ukrainian teenager reaches first grass-court semi-final",
        standfirst="The 18-year-old qualifier has not dropped a set all week.",
        dateline="LONDON",
        lede="An 18-year-old Ukrainian qualifier reached her first semi-final on grass, beating "
        "the tournament's third seed in straight sets.",
        detail="She trains in Spain and has not been home for two years, she told reporters.",
        quote="My family watches at night in Kyiv, when there is electricity.",
        speaker="The player, after the match",
        regions=("london",),
        tags=("Tennis",),
        authors=("jack-ellison",),
        hours_ago=64,
    ),
    Story(
        slug="high-jumper-wins-indoor-gold",
        section="sports",
        headline="High jumper clears season's best to win European indoor gold",
        standfirst="A clean card up to the final height decided a competition that went to "
        "countback.",
        dateline="PARIS",
        lede="Ukraine's high jumper won the European indoor title in Paris, clearing a season's "
        "best at the first attempt.",
        detail="Two rivals matched her height, but her clean record at lower bars gave her the "
        "gold on countback.",
        regions=("paris",),
        sources=("continental-press-agency",),
        tags=("Athletics",),
        byline="Agencies",
        hours_ago=100,
    ),
    Story(
        slug="breakaway-rider-wins-mountain-stage",
        section="sports",
        headline="Breakaway rider holds off the pack to win mountain stage",
        standfirst="A lone attack on the final climb survived by eight seconds.",
        dateline="PARIS",
        lede="A rider from a small continental team won the race's first mountain stage after "
        "attacking alone on the final climb.",
        detail="The race leader finished with the main group and keeps the yellow jersey.",
        regions=("france",),
        sources=("continental-press-agency",),
        tags=("Cycling",),
        byline="Agencies",
        hours_ago=190,
    ),
    Story(
        slug="manchester-club-parts-with-manager",
        section="sports",
        headline="Manchester club parts ways with manager after winless run",
        standfirst="Nine league games without a win proved too many for the board.",
        dateline="MANCHESTER",
        lede="A Manchester club dismissed its manager on Monday after a run of nine league games "
        "without a win left the team two points above the relegation places.",
        detail="The assistant coach will take charge of training until a replacement is found.",
        regions=("manchester",),
        tags=("Football",),
        authors=("jack-ellison",),
        hours_ago=270,
    ),
    Story(
        slug="munich-weighs-olympic-bid",
        section="sports",
        headline="Munich weighs a fresh bid to host the Summer Olympics",
        standfirst="City leaders say existing venues would keep costs down; critics are not "
        "convinced.",
        dateline="MUNICH",
        lede="Munich's city council will debate whether to prepare a bid for the Summer Olympics, "
        "half a century after the city last hosted the Games.",
        detail="Supporters argue that stadiums and transport built for earlier events would keep "
        "costs low. A citizens' group has called for a referendum.",
        regions=("munich", "bavaria"),
        tags=("Olympics", "Elections"),
        authors=("jack-ellison", "hannah-price"),
        hours_ago=380,
    ),
    Story(
        slug="kharkiv-youth-academy-trains-underground",
        section="sports",
        headline="Kharkiv youth football academy trains in an underground hall",
        standfirst="A former warehouse beneath a factory has become a pitch for two hundred "
        "children.",
        dateline="KHARKIV",
        lede="A youth football academy in Kharkiv has moved its training to an underground hall "
        "beneath a factory, so sessions no longer stop when sirens sound.",
        detail="Coaches say attendance has doubled since the move, with children coming from "
        "across the city.",
        quote="Above ground, parents were afraid. Down here, they leave them with us.",
        speaker="The academy's head coach",
        regions=("kharkiv",),
        tags=("Football", "War in Ukraine"),
        authors=("jack-ellison", "olena-kovalenko"),
        hours_ago=480,
    ),
    Story(
        slug="preview-ukraine-face-poland-qualifier",
        section="sports",
        headline="Preview: Ukraine face Poland in a qualifier both need to win",
        standfirst="A draw would leave both sides relying on other results.",
        dateline="WARSAW",
        lede="Ukraine and Poland meet in Warsaw with both teams needing a win to stay in the race "
        "for automatic qualification.",
        detail="Both coaches have injury concerns in defence.",
        regions=("warsaw",),
        tags=("Football",),
        authors=("jack-ellison",),
        scheduled_in=40,
    ),
]
