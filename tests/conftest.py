"""Shared newsroom fixtures: a small but realistic newsroom every test can build on."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Region,
    RegionAlias,
    RegionKind,
    Section,
    Source,
)
from articles.workflow import create_story, publish, set_embargo, unpublish


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests that commit real transactions last.

    Such a test flushes the database when it ends, taking the roles that the data migrations
    created with it; tests that use the `db` fixture without a marker would otherwise run after
    it and find no groups. pytest-django orders by marker only, so finish the job here.
    """

    def commits(item):
        marker = item.get_closest_marker("django_db")
        return bool(
            marker and (marker.kwargs.get("transaction") or "live_server" in item.fixturenames)
        )

    items.sort(key=commits)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached public content is keyed on the archive generation, which every test database
    # starts at 0 again: a cache shared across tests would serve one test's counts to another.
    cache.clear()
    # Tests that commit end with a flush, after which content types may come back under other
    # ids; revisions (django-reversion) point at them, so forget the ids cached in-process.
    ContentType.objects.clear_cache()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT does not exist.
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()


@pytest.fixture
def world(db):
    return Section.objects.create(name="World", slug="world", order=1)


@pytest.fixture
def sports(db):
    return Section.objects.create(name="Sports", slug="sports", order=2)


@pytest.fixture
def regions(db):
    """Ukraine > Kyiv Oblast > Kyiv; Ukraine > Donetsk Oblast > Kramatorsk; Luhansk Oblast;
    and the Donbas grouping made of the Donetsk and Luhansk oblasts."""
    ukraine = Region.objects.create(name="Ukraine", slug="ukraine", kind=RegionKind.COUNTRY)
    kyiv_oblast = Region.objects.create(
        name="Kyiv Oblast", slug="kyiv-oblast", kind=RegionKind.PROVINCE, parent=ukraine
    )
    kyiv = Region.objects.create(name="Kyiv", slug="kyiv", kind=RegionKind.CITY, parent=kyiv_oblast)
    donetsk = Region.objects.create(
        name="Donetsk Oblast", slug="donetsk-oblast", kind=RegionKind.PROVINCE, parent=ukraine
    )
    kramatorsk = Region.objects.create(
        name="Kramatorsk", slug="kramatorsk", kind=RegionKind.CITY, parent=donetsk
    )
    luhansk = Region.objects.create(
        name="Luhansk Oblast", slug="luhansk-oblast", kind=RegionKind.PROVINCE, parent=ukraine
    )
    donbas = Region.objects.create(
        name="Donbas", slug="donbas", kind=RegionKind.GROUPING, parent=ukraine
    )
    donbas.members.set([donetsk, luhansk])
    RegionAlias.objects.create(region=kyiv, name="Kiev")
    RegionAlias.objects.create(region=luhansk, name="Lugansk Oblast")
    poland = Region.objects.create(name="Poland", slug="poland", kind=RegionKind.COUNTRY)
    return {
        "ukraine": ukraine,
        "kyiv_oblast": kyiv_oblast,
        "kyiv": kyiv,
        "donetsk": donetsk,
        "kramatorsk": kramatorsk,
        "luhansk": luhansk,
        "donbas": donbas,
        "poland": poland,
    }


@pytest.fixture
def reuters(db):
    return Source.objects.create(
        name="Reuters", slug="reuters", kind="agency", homepage_url="https://www.reuters.com/"
    )


@pytest.fixture
def reporter_author(db):
    return Author.objects.create(
        name="Olena Kovalenko",
        slug="olena-kovalenko",
        role="Kyiv correspondent",
        bio="Covers the war from Kyiv.",
    )


@pytest.fixture
def make_article(db, world):
    """Build an article through the workflow, as the newsroom would; `public=True` publishes
    it an hour ago (or `when`), `embargo_until` sets an embargo first."""
    counter = iter(range(1, 100_000))

    def make(
        headline=None,
        *,
        public=True,
        section=None,
        when=None,
        regions=(),
        tags=(),
        sources=(),
        authors=(),
        **fields,
    ):
        n = next(counter)
        if not authors:
            # A story goes out signed (publish() refuses otherwise): wire copy by default.
            fields.setdefault("byline_override", "Agencies")
        embargo_until = fields.pop("embargo_until", None)
        article = create_story(
            Article(
                headline=headline or f"Shelling hits power station near front line, part {n}",
                slug=fields.pop("slug", f"story-{n}"),
                standfirst=fields.pop("standfirst", "Officials say repairs will take weeks."),
                body=fields.pop("body", "<p>Residents of the city woke to sirens.</p>"),
                section=section or world,
                **fields,
            )
        )
        article.regions.set(regions)
        article.sources.set(sources)
        for position, author in enumerate(authors):
            article.article_authors.create(author=author, position=position)
        if tags:
            article.tags.add(*tags)
        if embargo_until:
            set_embargo(article, embargo_until)
        if public:
            publish(article, at=when or timezone.now() - timedelta(hours=1))
        return article

    return make


@pytest.fixture
def published(make_article, regions, reuters, reporter_author):
    return make_article(
        "Power restored in Kyiv after overnight strikes",
        slug="power-restored-kyiv",
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Ukraine"],
    )


@pytest.fixture
def draft(make_article, regions, reuters, reporter_author):
    return make_article(
        "SECRET DRAFT about Kyiv",
        slug="secret-draft",
        public=False,
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Embargoed topic"],
    )


@pytest.fixture
def scheduled(make_article, regions, reuters, reporter_author):
    return make_article(
        "SCHEDULED story about Kyiv",
        slug="scheduled-story",
        when=timezone.now() + timedelta(days=1),
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Future topic"],
    )


@pytest.fixture
def withdrawn(make_article, regions, reuters, reporter_author):
    article = make_article(
        "WITHDRAWN story about Kyiv",
        slug="withdrawn-story",
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Withdrawn topic"],
    )
    return unpublish(article)


@pytest.fixture
def embargoed(make_article, regions, reuters, reporter_author):
    """Published an hour ago, but held back by an embargo for another day."""
    return make_article(
        "EMBARGOED story about Kyiv",
        slug="embargoed-story",
        embargo_until=timezone.now() + timedelta(days=1),
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Held topic"],
    )


@pytest.fixture
def withdrawn_before_release(make_article, regions, reuters, reporter_author):
    """Scheduled, then withdrawn before its time came: readers never saw it."""
    article = make_article(
        "PULLED story about Kyiv",
        slug="pulled-story",
        when=timezone.now() + timedelta(hours=2),
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Pulled topic"],
    )
    return unpublish(article)
