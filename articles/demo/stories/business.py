"""Demo stories from the Business desk."""

from ..story import Story

STORIES = [
    Story(
        slug="eurozone-central-bank-holds-rates",
        section="business",
        headline="Eurozone central bank holds rates but signals a cut could come by summer",
        standfirst="Policymakers said inflation was falling faster than expected, but wage "
        "growth remained too strong to move now.",
        dateline="FRANKFURT",
        lede="The eurozone's central bank left its deposit rate unchanged at 2.75 percent on "
        "Thursday, while signalling that borrowing costs could fall before the summer.",
        detail="Policymakers pointed to slowing price growth in services and a weaker labour "
        "market in manufacturing, but said they wanted another quarter of data.",
        quote="We are not declaring victory. We are saying the direction is right.",
        speaker="A member of the bank's governing council",
        regions=("germany",),
        sources=("meridian-wire",),
        tags=("Interest rates", "Inflation", "Banking"),
        authors=("hannah-price",),
        hours_ago=20,
    ),
    Story(
        slug="uk-inflation-eases-third-month",
        section="business",
        headline="UK inflation eases for a third month as food prices cool",
        standfirst="The annual rate fell more than economists expected, raising hopes of lower "
        "mortgage costs later in the year.",
        dateline="LONDON",
        lede="Consumer price inflation in the UK fell for a third consecutive month, helped by "
        "smaller increases in the cost of food and household goods.",
        detail="Services inflation, which the central bank watches closely, fell only slightly, "
        "suggesting that rate cuts may still be some months away.",
        points=(
            "Food price growth slowed for the sixth month running.",
            "Fuel prices fell compared with the previous month.",
            "Services inflation remains well above the overall rate.",
        ),
        regions=("london", "united-kingdom"),
        sources=("meridian-wire",),
        tags=("Inflation", "Interest rates"),
        authors=("hannah-price",),
        hours_ago=44,
    ),
    Story(
        slug="polish-factories-hire-as-production-moves",
        section="business",
        headline="Polish factories hire as firms move production closer to home",
        standfirst="Manufacturers that once relied on distant suppliers are building plants in "
        "Central Europe, and Poland is a favourite.",
        dateline="WARSAW",
        lede="Factory employment in Poland rose to its highest level in more than a decade as "
        "European companies shorten their supply chains.",
        detail="Automotive parts, batteries and household appliances account for most of the new "
        "jobs, according to a survey of purchasing managers.",
        quote="Two years ago clients asked for the lowest price. Now they ask whether we can "
        "deliver in three days.",
        speaker="The owner of a components plant outside Warsaw",
        regions=("poland", "warsaw"),
        sources=("meridian-wire",),
        tags=("Jobs", "Trade"),
        authors=("tomasz-wisniewski", "hannah-price"),
        hours_ago=90,
    ),
    Story(
        slug="investors-weigh-reconstruction-bonds",
        section="business",
        headline="Investors weigh first reconstruction bonds for Ukrainian cities",
        standfirst="Several cities want to borrow directly to rebuild schools and heating "
        "networks, backed by international guarantees.",
        dateline="KYIV",
        lede="Asset managers are studying proposals for bonds that would let Ukrainian cities "
        "borrow directly for reconstruction, with part of the risk covered by development banks.",
        detail="Supporters say local borrowing would speed up repairs. Sceptics point to the risk "
        "that new damage could destroy the very assets the bonds pay for.",
        regions=("kyiv", "ukraine"),
        sources=("meridian-wire",),
        tags=("Reconstruction", "Banking", "War in Ukraine"),
        authors=("hannah-price",),
        hours_ago=130,
    ),
    Story(
        slug="insurers-cut-black-sea-war-risk-premiums",
        section="business",
        headline="Insurers cut war-risk premiums for Black Sea cargo ships",
        standfirst="Lower costs make Ukrainian grain more competitive, but brokers warn the "
        "market can turn in a day.",
        dateline="ODESA",
        lede="Marine insurers have lowered war-risk premiums for ships calling at Ukrainian "
        "ports, according to brokers, after months without a successful attack on a vessel.",
        detail="The premium is charged on top of ordinary cover for each voyage and had made some "
        "cargoes uneconomic at its peak.",
        regions=("black-sea", "odesa"),
        sources=("the-harbour-gazette", "meridian-wire"),
        tags=("Shipping", "Grain exports", "Trade"),
        byline="Agencies",
        hours_ago=180,
    ),
    Story(
        slug="munich-chip-designer-raises-funds",
        section="business",
        headline="Munich chip designer raises funds to build AI accelerators",
        standfirst="The start-up says energy-efficient chips for data centres are a market "
        "Europe should not leave to others.",
        dateline="MUNICH",
        lede="A Munich-based chip designer has raised new funding to develop processors for "
        "artificial intelligence that use less power than the graphics cards now dominating "
        "data centres.",
        detail="The company, founded by former university researchers, plans to double its staff "
        "and open an office in Warsaw.",
        quote="Electricity, not silicon, is becoming the bottleneck.",
        speaker="The company's co-founder and chief executive",
        regions=("munich",),
        tags=("Artificial intelligence", "Jobs"),
        authors=("hannah-price",),
        hours_ago=260,
    ),
    Story(
        slug="london-house-prices-slip",
        section="business",
        headline="London house prices slip as mortgage costs bite",
        standfirst="Sellers in the capital are cutting asking prices, while the rest of the "
        "country holds steadier.",
        dateline="LONDON",
        lede="Average asking prices in London fell for the second month running, as higher "
        "mortgage rates squeezed what buyers can afford.",
        detail="Estate agents reported more price reductions on flats than on houses, reflecting "
        "weaker demand from first-time buyers.",
        regions=("london",),
        tags=("Housing", "Interest rates"),
        authors=("hannah-price",),
        hours_ago=330,
    ),
    Story(
        slug="regulator-to-publish-winter-price-cap",
        section="business",
        headline="Regulator sets winter energy price cap",
        standfirst="Households will learn how much they will pay for gas and electricity from "
        "the start of the heating season.",
        dateline="LONDON",
        lede="The energy regulator has published the price cap that will apply to household "
        "bills over the winter months.",
        detail="Consumer groups have urged the government to keep targeted support for the "
        "poorest households in place whatever the level of the cap.",
        regions=("united-kingdom",),
        sources=("national-energy-regulator",),
        tags=("Energy", "Inflation"),
        authors=("hannah-price",),
        scheduled_in=70,
    ),
    Story(
        slug="banks-brace-for-capital-rules",
        section="business",
        headline="Banks brace for tougher capital rules",
        standfirst="Lenders say the new requirements will limit lending to small firms.",
        dateline="LONDON",
        lede="Europe's largest banks are preparing for rules that will require them to hold more "
        "capital against their riskiest loans.",
        detail="Industry groups are lobbying for a longer transition period.",
        regions=("london",),
        tags=("Banking",),
        authors=("hannah-price",),
    ),
]
