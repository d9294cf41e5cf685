"""The demo newsroom's reference data: desks, places, sources, tags, authors and logins.

Written for this project. Sources and people are fictional (or generic public bodies) so the
demo never looks like real reporting. Everything is keyed on a slug or username: the loader
creates what is missing and leaves existing rows alone.
"""

# slug: (name, order, colour of the demo pictures, that colour in words, description)
SECTIONS = {
    "world": (
        "World",
        1,
        "#b3261e",
        "red",
        "Conflict, diplomacy and politics from the international desk, including the war in Ukraine.",
    ),
    "business": (
        "Business",
        2,
        "#1f6f5c",
        "green",
        "Markets, companies, jobs and the cost of living.",
    ),
    "science": ("Science", 3, "#3454a4", "blue", "Research, space, climate and health."),
    "culture": ("Culture", 4, "#7a3e9d", "purple", "Film, music, books, theatre and the arts."),
    "sports": (
        "Sports",
        5,
        "#c26a00",
        "orange",
        "Football, tennis, athletics and the rest of the field.",
    ),
}

# (slug, name, kind, parent slug, GeoNames id or "") — parents come before their children.
REGIONS = [
    ("ukraine", "Ukraine", "country", None, "690791"),
    ("kyiv-oblast", "Kyiv Oblast", "province", "ukraine", ""),
    ("kyiv", "Kyiv", "city", "kyiv-oblast", "703448"),
    ("donetsk-oblast", "Donetsk Oblast", "province", "ukraine", ""),
    ("donetsk", "Donetsk", "city", "donetsk-oblast", "709717"),
    ("kramatorsk", "Kramatorsk", "city", "donetsk-oblast", ""),
    ("sloviansk", "Sloviansk", "city", "donetsk-oblast", ""),
    ("pokrovsk", "Pokrovsk", "city", "donetsk-oblast", ""),
    ("luhansk-oblast", "Luhansk Oblast", "province", "ukraine", ""),
    ("lysychansk", "Lysychansk", "city", "luhansk-oblast", ""),
    ("sievierodonetsk", "Sievierodonetsk", "city", "luhansk-oblast", ""),
    ("kharkiv-oblast", "Kharkiv Oblast", "province", "ukraine", ""),
    ("kharkiv", "Kharkiv", "city", "kharkiv-oblast", "706483"),
    ("odesa-oblast", "Odesa Oblast", "province", "ukraine", ""),
    ("odesa", "Odesa", "city", "odesa-oblast", "698740"),
    ("donbas", "Donbas", "grouping", "ukraine", ""),
    ("poland", "Poland", "country", None, "798544"),
    ("masovian-voivodeship", "Masovian Voivodeship", "province", "poland", ""),
    ("warsaw", "Warsaw", "city", "masovian-voivodeship", "756135"),
    ("subcarpathian-voivodeship", "Subcarpathian Voivodeship", "province", "poland", ""),
    ("rzeszow", "Rzeszów", "city", "subcarpathian-voivodeship", ""),
    ("united-kingdom", "United Kingdom", "country", None, "2635167"),
    ("england", "England", "province", "united-kingdom", "6269131"),
    ("london", "London", "city", "england", "2643743"),
    ("manchester", "Manchester", "city", "england", ""),
    ("scotland", "Scotland", "province", "united-kingdom", ""),
    ("edinburgh", "Edinburgh", "city", "scotland", ""),
    ("germany", "Germany", "country", None, "2921044"),
    ("bavaria", "Bavaria", "province", "germany", ""),
    ("munich", "Munich", "city", "bavaria", ""),
    ("france", "France", "country", None, "3017382"),
    ("ile-de-france", "Île-de-France", "province", "france", ""),
    ("paris", "Paris", "city", "ile-de-france", "2988507"),
    ("belgium", "Belgium", "country", None, ""),
    ("brussels", "Brussels", "city", "belgium", ""),
    ("russia", "Russia", "country", None, "2017370"),
    ("moscow", "Moscow", "city", "russia", "524901"),
    ("black-sea", "Black Sea", "area", None, ""),
]

REGION_DESCRIPTIONS = {
    "donbas": "The industrial east of Ukraine: the Donetsk and Luhansk oblasts together.",
    "ukraine": "Coverage from our Kyiv bureau and correspondents across the country.",
    "black-sea": "Shipping, grain corridors and naval activity on the Black Sea.",
}

# grouping slug: member slugs
GROUPINGS = {"donbas": ["donetsk-oblast", "luhansk-oblast"]}

# region slug: alternative names (older transliterations and local spellings), each another
# spelling unless given as (name, kind): a short name, or an adjective or demonym.
ALIASES = {
    "ukraine": [("Ukrainian", "adjective")],
    "russia": [("Russian", "adjective"), ("Russian Federation", "spelling")],
    "moscow": [("Muscovite", "adjective")],
    "poland": [("Polish", "adjective")],
    "germany": [("German", "adjective")],
    "france": [("French", "adjective")],
    "belgium": [("Belgian", "adjective")],
    "united-kingdom": [("UK", "short"), ("Britain", "short"), ("British", "adjective")],
    "kyiv": ["Kiev"],
    "kharkiv": ["Kharkov"],
    "kharkiv-oblast": ["Kharkov Oblast"],
    "luhansk-oblast": ["Lugansk Oblast", "Luhansk region"],
    # "Donetsk" alone may be the city or the oblast: the form offers both, with their parents.
    "donetsk-oblast": ["Donetsk region", ("Donetsk", "short")],
    "lysychansk": ["Lisichansk"],
    "sievierodonetsk": ["Severodonetsk"],
    "sloviansk": ["Slavyansk"],
    "odesa": ["Odessa"],
    "donbas": ["Donbass"],
    "warsaw": ["Warszawa"],
    "munich": ["München"],
    "rzeszow": ["Rzeszow"],
}

# slug: (name, kind, homepage, description) — fictional outlets use the reserved .example domain.
SOURCES = {
    "continental-press-agency": (
        "Continental Press Agency",
        "agency",
        "https://continental-press.example/",
        "A pan-European news agency with bureaus in twenty capitals.",
    ),
    "meridian-wire": (
        "Meridian Wire",
        "agency",
        "https://meridian-wire.example/",
        "Business and markets wire service.",
    ),
    "eastern-broadcasting-service": (
        "Eastern Broadcasting Service",
        "broadcaster",
        "https://ebs.example/",
        "Public broadcaster covering Central and Eastern Europe.",
    ),
    "the-harbour-gazette": (
        "The Harbour Gazette",
        "newspaper",
        "https://harbour-gazette.example/",
        "A regional daily newspaper on the Black Sea coast.",
    ),
    "ministry-of-defence-of-ukraine": (
        "Ministry of Defence of Ukraine",
        "government",
        "",
        "Official statements and daily briefings.",
    ),
    "national-energy-regulator": (
        "National Energy Regulator",
        "government",
        "",
        "The body that oversees electricity and gas supply.",
    ),
    "regional-governors-channel": (
        "Regional Governor's Channel",
        "social",
        "",
        "The official messaging channel of a regional administration.",
    ),
    "institute-for-conflict-monitoring": (
        "Institute for Conflict Monitoring",
        "other",
        "https://conflict-monitoring.example/",
        "An independent research group that maps front-line changes from open sources.",
    ),
    "northern-observatory-consortium": (
        "Northern Observatory Consortium",
        "other",
        "https://northern-observatory.example/",
        "A group of university observatories sharing telescope time.",
    ),
    # Outlets wire copy cites ("According to the BBC").
    "bbc": (
        "BBC",
        "broadcaster",
        "https://www.bbc.co.uk/news",
        "The British Broadcasting Corporation, the UK's public broadcaster.",
    ),
    "reuters": ("Reuters", "agency", "https://www.reuters.com/", "International news agency."),
    "associated-press": (
        "Associated Press",
        "agency",
        "https://apnews.com/",
        "American news agency.",
    ),
    "agence-france-presse": (
        "Agence France-Presse",
        "agency",
        "https://www.afp.com/",
        "French news agency.",
    ),
    # People quoted or relied on, with the spellings agencies use for them.
    "serhiy-haidai": (
        "Serhiy Haidai",
        "person",
        "",
        "Head of the Luhansk regional administration from 2019 to 2023.",
    ),
    "oksana-hrytsenko": (
        "Oksana Hrytsenko",
        "person",
        "",
        "A spokesperson quoted in our Donetsk Oblast coverage (a fictional person).",
    ),
}

# source slug: a person's role, as a story would give it
SOURCE_ROLES = {
    "serhiy-haidai": "Governor of Luhansk Oblast",
    "oksana-hrytsenko": "Spokesperson for the Donetsk regional administration",
}

# source slug: alternative names, each another spelling unless given as (name, kind)
SOURCE_ALIASES = {
    "bbc": [("British Broadcasting Corporation", "spelling")],
    "associated-press": [("AP", "short")],
    "agence-france-presse": [("AFP", "short")],
    "serhiy-haidai": ["Serhii Haidai", "Sergei Gaidai", "Sergey Gaidai", "Serhiy Heidai"],
    "oksana-hrytsenko": ["Oksana Gritsenko"],
}

# name: description ("" for none)
TAGS = {
    "War in Ukraine": "Our coverage of Russia's full-scale invasion of Ukraine and its consequences.",
    "Air defence": "Missile and drone defence, interceptions and the systems behind them.",
    "Drones": "",
    "Energy": "Power stations, the grid, fuel and the price of keeping the lights on.",
    "Power grid": "",
    "Humanitarian aid": "Relief convoys, shelters and the agencies that run them.",
    "Evacuations": "",
    "Refugees": "People forced from their homes and the countries that host them.",
    "Diplomacy": "",
    "Ceasefire talks": "Negotiations on pausing or ending the fighting.",
    "Sanctions": "",
    "NATO": "",
    "European Union": "",
    "Reconstruction": "Rebuilding homes, bridges and infrastructure damaged by war.",
    "Prisoner exchanges": "",
    "Demining": "Clearing mines and unexploded ordnance from land and water.",
    "Grain exports": "",
    "Shipping": "",
    "Inflation": "Prices, wages and what central banks do about them.",
    "Interest rates": "",
    "Jobs": "",
    "Trade": "",
    "Banking": "",
    "Housing": "",
    "Artificial intelligence": "",
    "Climate": "Warming, weather extremes and the response to them.",
    "Space": "",
    "Health": "",
    "Archaeology": "",
    "Art": "Painting, sculpture, design and the museums that show them.",
    "Film": "",
    "Music": "",
    "Books": "",
    "Theatre": "",
    "Football": "",
    "Tennis": "",
    "Athletics": "",
    "Cycling": "",
    "Olympics": "",
    "Elections": "",
}

# slug: (name, role, bio, demo user linked to the profile or None)
AUTHORS = {
    "olena-kovalenko": (
        "Olena Kovalenko",
        "Kyiv correspondent",
        "Olena has reported from Kyiv since 2014, covering politics, the energy war and life "
        "in the capital under air-raid sirens.",
        "reporter",
    ),
    "iryna-bondar": (
        "Iryna Bondar",
        "Eastern Ukraine correspondent",
        "Iryna is based in Kramatorsk and covers the front line in Donetsk and Luhansk oblasts, "
        "evacuations and the towns that stay behind.",
        None,
    ),
    "tomasz-wisniewski": (
        "Tomasz Wiśniewski",
        "Central Europe bureau chief, Warsaw",
        "Tomasz writes about Poland, the EU's eastern border and the logistics of the war "
        "next door.",
        None,
    ),
    "hannah-price": (
        "Hannah Price",
        "Economics editor",
        "Hannah covers central banks, inflation and the companies that move markets. She was "
        "previously a bond trader.",
        None,
    ),
    "daniel-okafor": (
        "Daniel Okafor",
        "Science correspondent",
        "Daniel trained as a physicist and writes about space, climate and medical research.",
        None,
    ),
    "marta-horvath": (
        "Marta Horváth",
        "Arts writer",
        "Marta reviews film and theatre and reports on how culture survives in wartime.",
        None,
    ),
    "jack-ellison": (
        "Jack Ellison",
        "Chief sports writer",
        "Jack has covered six Olympic Games and more football finals than he cares to count.",
        None,
    ),
}

# Local demo accounts only: (username, password, group or None for the superuser, full name)
LOGINS = [
    ("admin", "admin-demo-2026", None, ("Demo", "Administrator")),
    ("editor", "editor-demo-2026", "Editor", ("Erin", "Editor")),
    ("reporter", "reporter-demo-2026", "Reporter", ("Olena", "Kovalenko")),
    ("tagmanager", "tagmanager-demo-2026", "Tag manager", ("Tariq", "Manning")),
]
