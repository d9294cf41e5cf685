"""Demo stories from the World desk: the war in Ukraine, Europe and diplomacy."""

from ..story import Story

WAR = "War in Ukraine"

STORIES = [
    Story(
        slug="kharkiv-drone-attack-cuts-power",
        section="world",
        headline="Overnight drone attack cuts power to parts of Kharkiv",
        standfirst="Engineers worked through the morning to reconnect homes after strikes hit "
        "an energy facility on the city's eastern edge.",
        dateline="KHARKIV",
        lede="A wave of attack drones struck an energy facility on the eastern edge of Kharkiv "
        "shortly after 2 a.m., leaving tens of thousands of homes without electricity as "
        "temperatures fell below freezing.",
        detail="The regional administration said two workers were injured and that trolleybus "
        "routes in three districts had been replaced by buses until the lines were repaired.",
        quote="We have restored power to hospitals first. Homes will follow district by "
        "district through the day.",
        speaker="A spokesperson for the city's electricity distributor",
        regions=("kharkiv",),
        sources=("regional-governors-channel", "continental-press-agency"),
        tags=(WAR, "Drones", "Power grid", "Energy"),
        byline="Staff Correspondent",
        hours_ago=3,
    ),
    Story(
        slug="kyiv-air-defences-intercept-drones",
        section="world",
        headline="Kyiv air defences intercept dozens of drones in hours-long raid",
        standfirst="Residents spent much of the night in shelters and metro stations as the "
        "capital faced one of its longest alerts this month.",
        dateline="KYIV",
        lede="Air defence units over Kyiv shot down most of the drones launched at the capital "
        "overnight, the military said, in a raid that kept sirens sounding for almost six hours.",
        detail="Falling debris damaged a kindergarten and several parked cars in the Sviatoshynskyi "
        "district. No one was killed, according to the city's military administration.",
        quote="The crews work in the cold all night so that people can sleep a little. Tonight "
        "they did their job.",
        speaker="An officer with a mobile fire group on the city's western approaches",
        points=(
            "The alert lasted almost six hours.",
            "Most drones were shot down before reaching the city.",
            "Debris damaged a kindergarten; no deaths were reported.",
        ),
        regions=("kyiv",),
        sources=("ministry-of-defence-of-ukraine",),
        tags=(WAR, "Air defence", "Drones"),
        authors=("olena-kovalenko",),
        hours_ago=9,
    ),
    Story(
        slug="kramatorsk-families-ordered-to-leave",
        section="world",
        headline="Families with children ordered to leave frontline villages near Kramatorsk",
        standfirst="Officials say the mandatory evacuation covers eleven settlements where "
        "shelling has become a daily event.",
        dateline="KRAMATORSK",
        lede="Authorities in Donetsk Oblast ordered families with children to leave eleven "
        "villages east of Kramatorsk, saying the shelling had become too intense to keep "
        "schools, shops and clinics open.",
        detail="Volunteer drivers and police units began collecting residents on Tuesday. Most are "
        "being taken to temporary accommodation in the west of the country by train, said "
        "Oksana Hrytsenko, a spokesperson for the regional administration.",
        quote="Nobody wants to leave their house and their garden. But a cellar is not a place "
        "for a child to grow up.",
        speaker="Halyna, a mother of two waiting for the evacuation bus",
        regions=("kramatorsk", "donetsk-oblast"),
        sources=("regional-governors-channel", "oksana-hrytsenko"),
        tags=(WAR, "Evacuations", "Humanitarian aid"),
        authors=("iryna-bondar",),
        hours_ago=26,
    ),
    Story(
        slug="sloviansk-water-supply-restored",
        section="world",
        headline="Sloviansk restores water supply after pumping station is repaired",
        standfirst="Crews rebuilt a damaged pumping station in nine days, ending a period in "
        "which residents queued at tanker trucks.",
        dateline="SLOVIANSK",
        lede="Running water returned to most of Sloviansk on Sunday after engineers finished "
        "repairing a pumping station hit by a missile earlier this month.",
        detail="The city's utility said pressure would remain low for several days while pipes "
        "were flushed, and asked residents to boil drinking water until tests were complete.",
        quote="We used parts from three different stations to make one that works.",
        speaker="The chief engineer of the city water utility",
        regions=("sloviansk",),
        sources=("the-harbour-gazette",),
        tags=("Reconstruction", "Humanitarian aid", WAR),
        authors=("iryna-bondar", "olena-kovalenko"),
        hours_ago=50,
    ),
    Story(
        slug="pressure-mounts-around-pokrovsk",
        section="world",
        headline="Ukrainian commanders describe mounting pressure around Pokrovsk",
        standfirst="Small-unit assaults and glide bombs are testing defensive lines around a "
        "logistics hub in Donetsk Oblast.",
        dateline="POKROVSK",
        lede="Ukrainian units defending the approaches to Pokrovsk report near-constant small "
        "assaults supported by drones and glide bombs, as Russian forces try to cut roads into "
        "the town.",
        detail="Independent analysts who track the front line from open sources say changes over "
        "the past week have been measured in hundreds of metres rather than kilometres.",
        quote="They come in groups of three or four, again and again. The drones see everything, "
        "on both sides.",
        speaker="A company commander in a mechanised brigade",
        regions=("pokrovsk",),
        sources=("institute-for-conflict-monitoring", "ministry-of-defence-of-ukraine"),
        tags=(WAR, "Drones"),
        authors=("iryna-bondar",),
        hours_ago=74,
    ),
    Story(
        slug="lysychansk-residents-describe-occupation",
        section="world",
        headline="Residents who left Lysychansk describe life under occupation",
        standfirst="People who reached government-controlled territory through third countries "
        "speak of passport pressure, shortages and fear of informers.",
        dateline="DNIPRO",
        lede="Several people who left occupied Lysychansk this year say residents were pressed "
        "to take Russian passports to receive pensions, medicine and jobs.",
        detail="Their accounts, given to our correspondent in Dnipro, could not be independently "
        "verified, but they match reports collected by rights groups.",
        quote="You learn to speak about the weather and nothing else.",
        speaker="A former teacher who left the city in the spring",
        regions=("lysychansk", "luhansk-oblast"),
        tags=(WAR, "Refugees"),
        authors=("iryna-bondar",),
        hours_ago=120,
    ),
    Story(
        slug="satellite-images-sievierodonetsk-destruction",
        section="world",
        headline="Satellite images show scale of destruction in Sievierodonetsk",
        standfirst="Researchers counted damaged buildings block by block in a city that "
        "once had more than 100,000 residents.",
        dateline="LONDON",
        lede="An analysis of commercial satellite images suggests that a large share of "
        "residential buildings in Sievierodonetsk were damaged or destroyed in the fighting.",
        detail="The researchers compared images taken before the full-scale invasion with recent "
        "ones and classified every building in the city's central districts.",
        regions=("sievierodonetsk", "luhansk-oblast"),
        sources=("institute-for-conflict-monitoring", "continental-press-agency"),
        tags=(WAR, "Reconstruction"),
        byline="Agencies",
        hours_ago=168,
    ),
    Story(
        slug="donbas-demining-before-sowing",
        section="world",
        headline="Demining teams race to clear farmland across Donbas before sowing season",
        standfirst="Farmers say they cannot wait for the war to end to plant, even where fields "
        "are still littered with ordnance.",
        dateline="KRAMATORSK",
        lede="Demining teams working in Donetsk and Luhansk oblasts have cleared only a fraction "
        "of the farmland that needs checking before spring planting.",
        detail="Machines do the first pass on open fields; specialists on foot then walk the "
        "edges, ditches and tree lines where mines are most often hidden.",
        quote="A tractor is not armoured. One mine and a family loses its father.",
        speaker="A deminer with a humanitarian clearance team",
        points=(
            "Clearance teams work from dawn until the light fails.",
            "Machines clear open ground; hedges and ditches are checked by hand.",
            "Farmers are asked to report suspicious objects rather than move them.",
        ),
        regions=("donbas",),
        tags=("Demining", WAR, "Grain exports"),
        authors=("iryna-bondar",),
        hours_ago=200,
    ),
    Story(
        slug="odesa-grain-ships-leave-port",
        section="world",
        headline="Grain ships leave Odesa ports despite renewed strikes on the coast",
        standfirst="Port officials say exports continue through the Black Sea corridor, though "
        "insurers are watching closely.",
        dateline="ODESA",
        lede="Four bulk carriers loaded with wheat and maize left ports around Odesa on Thursday, "
        "a day after missiles damaged warehouses near the harbour.",
        detail="Ukraine has kept a shipping corridor along its coast open for more than a year, "
        "with vessels hugging territorial waters on their way to the Bosphorus.",
        quote="The ships keep coming. That tells you what the market thinks.",
        speaker="A shipping agent in the port of Chornomorsk",
        regions=("odesa", "black-sea"),
        sources=("the-harbour-gazette", "continental-press-agency"),
        tags=("Grain exports", "Shipping", WAR),
        byline="Agencies",
        hours_ago=30,
    ),
    Story(
        slug="prisoner-exchange-brokered-abroad",
        section="world",
        headline="Ukraine and Russia swap prisoners in latest exchange brokered abroad",
        standfirst="Relatives gathered at a border crossing with photographs, hoping to see "
        "faces they had not seen for years.",
        dateline="KYIV",
        lede="Ukraine and Russia exchanged prisoners of war on Saturday in a swap mediated by a "
        "third country, the latest in a series of exchanges that continue despite the fighting.",
        detail="Those returned to Ukraine included soldiers captured in the east and several "
        "civilians, officials said. Many were taken to hospital for checks.",
        quote="He is thin, but he is smiling. That is enough for today.",
        speaker="The mother of a returned soldier",
        regions=("ukraine", "russia"),
        sources=("ministry-of-defence-of-ukraine",),
        tags=("Prisoner exchanges", "Diplomacy", WAR),
        authors=("olena-kovalenko",),
        hours_ago=96,
    ),
    Story(
        slug="poland-expands-border-rail-hub",
        section="world",
        headline="Poland expands rail hub near border to speed aid into Ukraine",
        standfirst="New sidings at a logistics centre near Rzeszów will let trains switch "
        "between European and Ukrainian track gauges faster.",
        dateline="RZESZÓW",
        lede="Poland has begun building additional sidings at a rail hub near Rzeszów, which "
        "handles a large share of the aid and equipment travelling into Ukraine.",
        detail="Ukraine's railways use a wider gauge than most of Europe, so cargo must be "
        "transferred or bogies changed at the border, a slow and expensive process.",
        regions=("rzeszow", "subcarpathian-voivodeship"),
        sources=("eastern-broadcasting-service",),
        tags=("Humanitarian aid", "European Union", "Trade"),
        authors=("tomasz-wisniewski",),
        hours_ago=140,
    ),
    Story(
        slug="eu-ministers-agree-sanctions-package",
        section="world",
        headline="EU ministers agree new sanctions package after late-night talks",
        standfirst="The measures target shipping companies and banks accused of helping to "
        "evade earlier restrictions.",
        dateline="BRUSSELS",
        lede="European Union foreign ministers agreed a new round of sanctions against Russia "
        "in the early hours of Tuesday after a holdout government dropped its objections.",
        detail="The package adds dozens of tankers to a blacklist and restricts transactions "
        "with several regional banks outside the EU.",
        quote="Every package is harder than the last, because the easy things were done first.",
        speaker="A diplomat involved in the talks",
        regions=("brussels",),
        sources=("continental-press-agency",),
        tags=("Sanctions", "European Union", "Diplomacy"),
        authors=("tomasz-wisniewski",),
        hours_ago=60,
    ),
    Story(
        slug="envoys-meet-on-energy-infrastructure",
        section="world",
        headline="Envoys meet in Warsaw for talks on protecting energy infrastructure",
        standfirst="Officials described the closed-door meeting as technical, but said it could "
        "lay groundwork for wider ceasefire talks.",
        dateline="WARSAW",
        lede="Envoys from several European governments met Ukrainian officials in Warsaw to "
        "discuss proposals for a moratorium on strikes against power plants and substations.",
        detail="No Russian representatives attended. Participants said ideas discussed would be "
        "passed to mediators who have contacts with both sides.",
        regions=("warsaw", "ukraine"),
        sources=("eastern-broadcasting-service",),
        tags=("Ceasefire talks", "Diplomacy", "Energy"),
        authors=("tomasz-wisniewski", "olena-kovalenko"),
        hours_ago=220,
    ),
    Story(
        slug="kyiv-opens-heated-points-for-winter",
        section="world",
        headline="Kyiv opens hundreds of heated support points ahead of winter",
        standfirst="The tents and schools offer heat, water, phone charging and internet when "
        "blackouts hit.",
        dateline="KYIV",
        lede="Kyiv has prepared hundreds of heated support points across the city, where "
        "residents can warm up, charge phones and get online during power cuts.",
        detail="Each point has a generator, fuel for several days and a satellite internet "
        "terminal, the city administration said.",
        quote="Last winter we learned that people need a place to be together, not only heat.",
        speaker="A volunteer who runs a point in a school gym",
        regions=("kyiv",),
        sources=("national-energy-regulator",),
        tags=("Energy", "Humanitarian aid", "Power grid"),
        authors=("olena-kovalenko",),
        hours_ago=300,
    ),
    Story(
        slug="uk-extends-visas-for-ukrainians",
        section="world",
        headline="UK extends visas for Ukrainians sheltering in Britain",
        standfirst="Families hosted under the sponsorship scheme will be able to stay for "
        "another eighteen months.",
        dateline="LONDON",
        lede="The British government said Ukrainians who came to the UK under its sponsorship "
        "scheme can apply to extend their stay, easing months of uncertainty for families.",
        detail="Charities had warned that short extensions made it hard for refugees to sign "
        "tenancy agreements or keep jobs.",
        regions=("london", "united-kingdom"),
        sources=("continental-press-agency",),
        tags=("Refugees", "Diplomacy"),
        byline="Staff Correspondent",
        hours_ago=400,
    ),
    Story(
        slug="defence-ministers-to-meet-on-air-defence",
        section="world",
        headline="Defence ministers to meet in Brussels on air defence pledges",
        standfirst="Allies are expected to announce new systems and interceptor missiles for "
        "Ukraine before winter.",
        dateline="BRUSSELS",
        lede="NATO defence ministers meet in Brussels on Thursday, with air defence for Ukraine "
        "at the top of the agenda.",
        detail="Officials say several countries are ready to announce deliveries of interceptor "
        "missiles, while others will fund purchases from manufacturers.",
        regions=("brussels",),
        tags=("NATO", "Air defence", WAR),
        authors=("tomasz-wisniewski",),
        scheduled_in=18,
    ),
    Story(
        slug="kharkiv-children-study-underground",
        section="world",
        headline="In Kharkiv, children go to school underground",
        standfirst="Classrooms built in metro stations and basements let pupils learn in person "
        "within reach of the border.",
        dateline="KHARKIV",
        lede="Hundreds of Kharkiv pupils now attend lessons in classrooms built below ground, "
        "the first in-person schooling many have had in years.",
        detail="Teachers say the children's social skills suffered most during online learning, "
        "and that breaks and lunch together matter as much as lessons.",
        regions=("kharkiv",),
        tags=(WAR, "Humanitarian aid"),
        authors=("olena-kovalenko",),
    ),
    Story(
        slug="bridge-near-sievierodonetsk-reported-destroyed",
        section="world",
        headline="Bridge near Sievierodonetsk reported destroyed",
        standfirst="Claims circulating on messaging channels could not be confirmed.",
        dateline="KYIV",
        lede="A road bridge near Sievierodonetsk was reported destroyed on Monday, according to "
        "posts on regional messaging channels.",
        detail="The claim could not be verified and was later disputed by local officials.",
        regions=("sievierodonetsk",),
        sources=("regional-governors-channel",),
        tags=(WAR,),
        byline="Agencies",
        hours_ago=250,
        withdrawn=True,
    ),
]
