"""Every demo story, desk by desk, plus the editors' pinned related stories and corrections."""

from . import business, culture, science, sports, world

STORIES = world.STORIES + business.STORIES + science.STORIES + culture.STORIES + sports.STORIES

# article slug: related slugs in the order an editor pinned them
PINNED = {
    "kyiv-air-defences-intercept-drones": [
        "kharkiv-drone-attack-cuts-power",
        "kyiv-opens-heated-points-for-winter",
    ],
    "kramatorsk-families-ordered-to-leave": [
        "pressure-mounts-around-pokrovsk",
        "donbas-demining-before-sowing",
        "sloviansk-water-supply-restored",
    ],
    "odesa-grain-ships-leave-port": ["insurers-cut-black-sea-war-risk-premiums"],
    "eu-ministers-agree-sanctions-package": [
        "envoys-meet-on-energy-infrastructure",
        "prisoner-exchange-brokered-abroad",
    ],
    "water-vapour-nearby-rocky-planet": ["european-lunar-lander-engine-test"],
    "kyiv-opera-moves-performances-to-daytime": [
        "ukrainian-companies-at-edinburgh-festival",
        "odesa-jazz-festival-goes-ahead",
    ],
}

# (article slug, kind, text, hours after publication). An "update" also marks the story updated.
CORRECTIONS = [
    (
        "sloviansk-water-supply-restored",
        "clarification",
        "An earlier version of this story said water had returned to the whole city. Supply "
        "has been restored to most districts; two outlying neighbourhoods are still served by "
        "tanker trucks.",
        6,
    ),
    (
        "eurozone-central-bank-holds-rates",
        "correction",
        "An earlier version of this story gave the deposit rate as 2.5 percent. It is "
        "2.75 percent.",
        2,
    ),
    (
        "kharkiv-drone-attack-cuts-power",
        "update",
        "This story was updated with the electricity distributor's statement that power had "
        "been restored to hospitals.",
        1,
    ),
]
