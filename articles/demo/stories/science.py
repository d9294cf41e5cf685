"""Demo stories from the Science desk."""

from ..story import Story

STORIES = [
    Story(
        slug="water-vapour-nearby-rocky-planet",
        section="science",
        headline="Astronomers detect water vapour in the atmosphere of a nearby rocky planet",
        standfirst="The planet is too hot for oceans, but the finding shows that small worlds "
        "can hold on to an atmosphere.",
        dateline="EDINBURGH",
        lede="Astronomers say they have found traces of water vapour in the atmosphere of a "
        "rocky planet orbiting a small red star about forty light years away.",
        detail="The signal was picked up as the planet passed in front of its star, when a thin "
        "ring of starlight filters through its atmosphere.",
        quote="Ten years ago we argued about whether planets like this had air at all.",
        speaker="An astronomer on the observing team",
        regions=("edinburgh", "scotland"),
        sources=("northern-observatory-consortium",),
        tags=("Space",),
        authors=("daniel-okafor",),
        hours_ago=15,
    ),
    Story(
        slug="spring-heat-made-likelier-by-warming",
        section="science",
        headline="Record spring heat in Europe made far likelier by warming, study finds",
        standfirst="Scientists used climate models to compare today's world with one without "
        "human greenhouse gas emissions.",
        dateline="PARIS",
        lede="The record temperatures that hit France and Germany this spring would have been "
        "extremely unlikely without climate change, according to a rapid attribution study.",
        detail="The team compared observed temperatures with thousands of simulated years in a "
        "climate without the warming caused by burning fossil fuels.",
        points=(
            "Temperatures were several degrees above the long-term spring average.",
            "Models suggest such heat is now many times more likely.",
            "Night-time temperatures stayed unusually high, raising health risks.",
        ),
        regions=("france", "germany"),
        tags=("Climate", "Health"),
        authors=("daniel-okafor",),
        hours_ago=56,
    ),
    Story(
        slug="soil-bacteria-antibiotic-candidate",
        section="science",
        headline="Soil bacteria yield new antibiotic candidate against resistant infections",
        standfirst="The compound killed drug-resistant bacteria in laboratory tests, but years "
        "of trials lie ahead.",
        dateline="MANCHESTER",
        lede="Researchers in Manchester have identified a compound made by soil bacteria that "
        "kills several drug-resistant strains in laboratory tests.",
        detail="The molecule appears to attack the bacterial cell wall in a way existing drugs do "
        "not, which could make resistance slower to develop.",
        quote="It is an exciting start, and it is only a start.",
        speaker="The microbiologist who led the study",
        regions=("manchester",),
        tags=("Health",),
        authors=("daniel-okafor",),
        hours_ago=110,
    ),
    Story(
        slug="ai-model-storm-forecasts",
        section="science",
        headline="AI model beats traditional forecasts for storms up to ten days out",
        standfirst="Forecasters say machine learning will complement, not replace, the physics "
        "models they run on supercomputers.",
        dateline="LONDON",
        lede="A weather model trained on decades of observations predicted the tracks of winter "
        "storms more accurately than conventional models at ranges of up to ten days.",
        detail="The model runs in minutes on a single machine, compared with hours on a "
        "supercomputer for a traditional forecast.",
        regions=("london",),
        tags=("Artificial intelligence", "Climate"),
        authors=("daniel-okafor",),
        hours_ago=150,
    ),
    Story(
        slug="roman-fort-gate-found-edinburgh",
        section="science",
        headline="Archaeologists uncover Roman fort gate beneath Edinburgh building site",
        standfirst="The stone foundations were found during work on new flats and will be "
        "recorded before construction resumes.",
        dateline="EDINBURGH",
        lede="Archaeologists working on a building site in Edinburgh have uncovered the stone "
        "foundations of what they believe is a gateway to a Roman fort.",
        detail="Coins and pottery found nearby suggest the site was used in the second century.",
        regions=("edinburgh",),
        tags=("Archaeology",),
        byline="Staff Correspondent",
        hours_ago=210,
    ),
    Story(
        slug="kharkiv-scientists-keep-research-going",
        section="science",
        headline="Ukrainian scientists keep research going from damaged Kharkiv labs",
        standfirst="Physicists and chemists work between power cuts, sharing equipment with "
        "partner universities abroad.",
        dateline="KHARKIV",
        lede="Researchers at Kharkiv's universities continue experiments in buildings with "
        "boarded-up windows, running instruments on generators during blackouts.",
        detail="Partner institutions in Poland and Germany host some of their samples and offer "
        "remote access to equipment that was destroyed.",
        quote="Science is also a front. If we stop, we lose a generation.",
        speaker="A physics professor in Kharkiv",
        regions=("kharkiv",),
        tags=("War in Ukraine", "Health"),
        authors=("daniel-okafor", "olena-kovalenko"),
        hours_ago=280,
    ),
    Story(
        slug="european-lunar-lander-engine-test",
        section="science",
        headline="European lunar lander completes key engine test",
        standfirst="Engineers fired the descent engine for the full length of a landing burn.",
        dateline="MUNICH",
        lede="Engineers near Munich completed a full-length firing of the descent engine for a "
        "European cargo lander meant to deliver supplies to the Moon.",
        detail="The test simulated the final minutes of a landing, including the throttling "
        "needed to touch down gently.",
        regions=("bavaria", "germany"),
        tags=("Space",),
        authors=("daniel-okafor",),
        hours_ago=360,
    ),
    Story(
        slug="gene-therapy-trial-expands",
        section="science",
        headline="Gene therapy trial for sickle cell disease expands",
        standfirst="More hospitals will take part in a trial of the one-off treatment.",
        dateline="LONDON",
        lede="A trial of a gene therapy for sickle cell disease is expanding to more hospitals.",
        detail="Doctors will follow patients for several years to measure long-term effects.",
        regions=("london",),
        tags=("Health",),
        authors=("daniel-okafor",),
    ),
]
