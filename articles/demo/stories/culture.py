"""Demo stories from the Culture desk."""

from ..story import Story

STORIES = [
    Story(
        slug="kyiv-opera-moves-performances-to-daytime",
        section="culture",
        headline="Kyiv opera opens its season with performances moved to daytime",
        standfirst="Curfew and air-raid alerts have reshaped the schedule, but the house is "
        "sold out for the first month.",
        dateline="KYIV",
        lede="Kyiv's opera house opened its season with a matinee, one of many performances "
        "moved to the afternoon so audiences can get home before curfew.",
        detail="When sirens sound, the performance stops and the audience moves to the shelter "
        "beneath the building. Some evenings the orchestra has played on underground.",
        quote="People come in their best clothes. It is a way of saying: we are still here.",
        speaker="A soprano with the company",
        regions=("kyiv",),
        tags=("Music", "Theatre", "War in Ukraine"),
        authors=("marta-horvath",),
        hours_ago=22,
    ),
    Story(
        slug="donbas-documentary-wins-warsaw-prize",
        section="culture",
        headline="Documentary about a Donbas mining town wins top prize at Warsaw festival",
        standfirst="The film follows three generations of one family through a decade of war.",
        dateline="WARSAW",
        lede="A documentary following a mining family in Donbas over ten years won the main prize "
        "at a Warsaw film festival on Sunday.",
        detail="The director filmed mostly on a phone, and the jury praised the film's patience "
        "and its refusal to explain what the pictures already show.",
        quote="I did not want to make a film about war. I wanted to make a film about a kitchen.",
        speaker="The film's director, accepting the award",
        regions=("warsaw", "donbas"),
        sources=("eastern-broadcasting-service",),
        tags=("Film", "War in Ukraine"),
        authors=("marta-horvath",),
        hours_ago=80,
    ),
    Story(
        slug="paris-museum-reopens-after-renovation",
        section="culture",
        headline="Paris museum reopens after four-year renovation",
        standfirst="New galleries, a glass roof over the courtyard and lower ticket prices for "
        "young visitors.",
        dateline="PARIS",
        lede="A Paris museum of decorative arts reopened to the public after a renovation that "
        "took four years and ran well over budget.",
        detail="Curators used the closure to rehang the collection chronologically and to add "
        "rooms on design from Central and Eastern Europe.",
        regions=("paris",),
        tags=("Art",),
        byline="Staff Correspondent",
        hours_ago=160,
    ),
    Story(
        slug="debut-novels-dominate-prize-shortlist",
        section="culture",
        headline="Debut novels dominate literary prize shortlist",
        standfirst="Four of the six books on the list are first novels, including one written "
        "in a second language.",
        dateline="LONDON",
        lede="First-time novelists took four of the six places on the shortlist for one of "
        "Britain's best-known fiction prizes.",
        detail="Judges said they had read more than 150 submissions and were struck by how many "
        "dealt with migration and memory.",
        regions=("london",),
        tags=("Books",),
        authors=("marta-horvath",),
        hours_ago=240,
    ),
    Story(
        slug="ukrainian-companies-at-edinburgh-festival",
        section="culture",
        headline="Ukrainian companies bring wartime stories to the Edinburgh stage",
        standfirst="Five productions at this year's festival were made in Ukraine, two of them "
        "rehearsed in shelters.",
        dateline="EDINBURGH",
        lede="Theatre companies from Ukraine are performing five productions at the Edinburgh "
        "festival, most of them built from interviews with people living near the front.",
        detail="Several actors are men over military age who needed special permission to travel "
        "abroad for the run.",
        quote="Audiences here laugh in the same places as at home. That surprised us.",
        speaker="The director of a company from Kharkiv",
        regions=("edinburgh",),
        tags=("Theatre", "War in Ukraine"),
        authors=("marta-horvath",),
        hours_ago=320,
    ),
    Story(
        slug="odesa-jazz-festival-goes-ahead",
        section="culture",
        headline="Odesa jazz festival goes ahead in courtyards and shelters",
        standfirst="Organisers scattered concerts across the city so that no single venue "
        "draws a large crowd.",
        dateline="ODESA",
        lede="Odesa's jazz festival went ahead this weekend, with concerts spread across "
        "courtyards, cafés and basements rather than one main stage.",
        detail="Tickets were sold in small batches, and each venue had a shelter within a "
        "short walk.",
        regions=("odesa",),
        sources=("the-harbour-gazette",),
        tags=("Music",),
        authors=("marta-horvath",),
        hours_ago=450,
    ),
]
