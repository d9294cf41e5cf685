"""Shared newsroom fixtures: a small but realistic newsroom every test can build on.

The people who work in it come from here too, and from nowhere else:

- `make_staff(role, username=None, password=None)` makes a staff user of a newsroom role
  (`EDITOR`, `REPORTER`, `TAG_MANAGER` from `articles.staff.roles`), or `make_staff(superuser=True)`;
- `editor`, `reporter`, `tag_manager` and `superuser` are such users (User objects);
- `login(user)` returns a test client of its own, logged in as `user`; `editor_client`,
  `reporter_client` and `tag_manager_client` are the named users logged in that way (a
  superuser's is `login(superuser)`), while `client` stays a reader who is not logged in;
- `change_url(obj)` is an admin change page and `edit_post(article, **changes)` the article
  change form as a browser posts it;
- `beat(client, story)` is one presence heartbeat, and `maria` is a second editor with a
  full name ("Maria Editor").

Fixtures one package uses live in that package's conftest.py (tests/desk: `keep_form`;
tests/fronts: `morning_desk`; tests/operations: `settings_from_environment`,
`generate_archive`); data built once per module comes from tests/once.py.
"""

import importlib
import json
import re
import subprocess
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.accounts import factors
from articles.models import (
    Article,
    Author,
    Region,
    RegionAlias,
    RegionKind,
    Section,
    Source,
)
from articles.staff.roles import EDITOR, REPORTER, ROLES, TAG_MANAGER
from articles.stories import derived
from articles.taxonomy.regions import file_story
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
def _page_cache_off(settings):
    # Many tests change rows directly with the ORM and read the page again; the page cache is
    # tested on its own (tests/caching/test_page_cache.py, and the visibility sweep with it on).
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False


@pytest.fixture
def page_cache(settings):
    """Turn the page and fragment caches on for one test."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # Uploaded originals: private, outside MEDIA_ROOT (articles/models/images.py).
    settings.STORAGES["originals"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "originals"},
    }
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
        file_story(article, regions)
        article.sources.set(sources)
        for position, author in enumerate(authors):
            article.article_authors.create(author=author, position=position)
        if authors:
            # As the admin does after saving byline rows beside a story.
            derived.refresh(article)
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


# Staff ------------------------------------------------------------------------------------


@pytest.fixture
def make_staff(db):
    """Make a staff user: `make_staff(EDITOR)`, `make_staff(REPORTER, "rita", password="…")`,
    `make_staff(superuser=True)`.

    A role is a group name from `articles.staff.roles`. The username defaults to the role's name in
    lower case with dashes ("editor", "reporter", "tag-manager", "superuser"): a second person
    of the same role needs a username of their own. Without a password the user cannot log in
    through a form (hashing one is slow); browser tests pass one.

    The migration-made role groups are gone after a committing test's flush; they are applied
    again from `articles.staff.roles.ROLES` (idempotently) when the wanted one is missing.
    Returns a freshly loaded user, with no permissions cached.
    """

    def make(role=None, username=None, password=None, *, superuser=False):
        if superuser == (role is not None):
            raise ValueError("make_staff() takes either a newsroom role or superuser=True")
        if superuser:
            user = User.objects.create_superuser(username or "superuser", password=password)
        else:
            if role not in ROLES:
                raise ValueError(f"{role!r} is not a newsroom role: {sorted(ROLES)}")
            if not Group.objects.filter(name=role).exists():
                roles_migration = importlib.import_module("articles.migrations.0002_roles")
                roles_migration.create_roles(apps, None, roles=ROLES)
            user = User.objects.create_user(
                username or role.lower().replace(" ", "-"), password=password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=role))
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def editor(make_staff):
    """An Editor called "editor"."""
    return make_staff(EDITOR)


@pytest.fixture
def reporter(make_staff):
    """A Reporter called "reporter"."""
    return make_staff(REPORTER)


@pytest.fixture
def tag_manager(make_staff):
    """A Tag manager called "tag-manager"."""
    return make_staff(TAG_MANAGER)


@pytest.fixture
def superuser(make_staff):
    """A superuser called "superuser"."""
    return make_staff(superuser=True)


@pytest.fixture
def login(db):
    """`login(user)` returns a new test client logged in as `user`: every call its own client,
    so two people (or two threads) never share a session. The `client` fixture stays a
    visitor who is not logged in."""

    def log_in(user):
        client = Client()
        client.force_login(user)
        # As the sign-in form does (`factors.note_sign_in`): the session notes what this
        # sign-in owes, so the requests after it need not ask the database.
        session = client.session
        session[factors.OWED] = [user.pk, factors.owed_by(user)]
        session.save()
        return client

    return log_in


@pytest.fixture
def editor_client(login, editor):
    """A client logged in as `editor`."""
    return login(editor)


@pytest.fixture
def reporter_client(login, reporter):
    """A client logged in as `reporter`."""
    return login(reporter)


@pytest.fixture
def tag_manager_client(login, tag_manager):
    """A client logged in as `tag_manager`."""
    return login(tag_manager)


# Admin forms ------------------------------------------------------------------------------


@pytest.fixture
def change_url():
    """`change_url(obj)`: the admin change page of a story, tag, region or any other entry."""

    def url(obj):
        return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"

    return url


@pytest.fixture
def edit_post():
    """`edit_post(article, **changes)`: the change form as a browser posts it for `article` as
    stored now (its relations, its edit counter), with `changes` applied on top."""

    def post_data(article, **changes):
        article = Article.objects.get(pk=article.pk)
        credits = list(article.article_authors.all())
        pins = list(article.pinned_related.all())
        data = {
            "headline": article.headline,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "body": article.body,
            "byline_override": article.byline_override,
            "dateline": article.dateline,
            "section": str(article.section_id),
            "regions": [str(pk) for pk in article.regions.values_list("pk", flat=True)],
            "sources": [str(pk) for pk in article.sources.values_list("pk", flat=True)],
            "tags": ", ".join(sorted(article.tags.names())),
            "lead_image": str(article.lead_image_id or ""),
            "status": article.status,
            "published_at_0": "",
            "published_at_1": "",
            "embargo_until_0": "",
            "embargo_until_1": "",
            "updated_at_0": "",
            "updated_at_1": "",
            "version": str(article.version),
            "_save": "Save",
        }
        if article.published_at:
            when = timezone.localtime(article.published_at)
            data["published_at_0"] = when.strftime("%Y-%m-%d")
            data["published_at_1"] = when.strftime("%H:%M:%S")
        for prefix, rows, fields in (
            ("article_authors", credits, ("author", "position")),
            ("pinned_related", pins, ("related", "position")),
        ):
            data.update(
                {
                    f"{prefix}-TOTAL_FORMS": str(len(rows)),
                    f"{prefix}-INITIAL_FORMS": str(len(rows)),
                    f"{prefix}-MIN_NUM_FORMS": "0",
                    f"{prefix}-MAX_NUM_FORMS": "1000",
                }
            )
            for n, row in enumerate(rows):
                data[f"{prefix}-{n}-id"] = str(row.pk)
                data[f"{prefix}-{n}-article"] = str(article.pk)
                for field in fields:
                    data[f"{prefix}-{n}-{field}"] = str(
                        getattr(row, f"{field}_id", None) or getattr(row, field)
                    )
        corrections = article.corrections.count()
        data.update(
            {
                "corrections-TOTAL_FORMS": str(corrections),
                "corrections-INITIAL_FORMS": str(corrections),
                "corrections-MIN_NUM_FORMS": "0",
                "corrections-MAX_NUM_FORMS": "1000",
            }
        )
        for n, correction in enumerate(article.corrections.all()):
            data[f"corrections-{n}-id"] = str(correction.pk)
            data[f"corrections-{n}-article"] = str(article.pk)
        data.update(changes)
        return data

    return post_data


# Environment-driven settings and servers on loopback ----------------------------------------
# For what runs beyond one machine: object storage, the read replica, several app servers.


@contextmanager
def _serving(command, *, ready, log, env=None, timeout=30):
    """Run the server `command` until the block ends, yielding the address its log announces
    (the first group of the regular expression `ready`). Commands bind port 0, so the system
    picks a free port and the address comes from the log; the server is stopped by its PID
    however the block ends."""
    with open(log, "w") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while not (announced := re.search(ready, log.read_text())):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start:\n{log.read_text()}")
            time.sleep(0.05)
        yield announced.group(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def run_server():
    """`with run_server(command, ready=regex, log=path, env=…) as address:` a server process
    on loopback for the length of the block (moto's S3 server, gunicorn)."""
    return _serving


# Fronts and the breaking-news banner --------------------------------------------------------


@pytest.fixture
def arrange_front(db):
    """`arrange_front(*slots, section=None, at=None, by=None)`: publish an arrangement of the
    home page's front (or `section`'s) through `articles.fronts`, now or scheduled for `at`.
    Each slot is a dict of Slot fields: `{"kind": "lead", "story": story}`,
    `{"fill": "tag", "tag": tag, "count": 3, "heading": "Energy"}`; unnamed fields keep their
    defaults (a block filled with the single latest story). Returns the arrangement."""
    from articles.fronts import front_of, publish_arrangement
    from articles.models import Slot

    def arrange(*slots, section=None, at=None, by=None, note=""):
        front = front_of(section, create=True)
        rows = [Slot(**fields) for fields in slots]
        return publish_arrangement(front, rows, by=by, at=at, note=note)

    return arrange


@pytest.fixture
def raise_banner_now(db):
    """`raise_banner_now(text, minutes=30, level="breaking", link=None, by=None)`: put a
    breaking-news banner up through `articles.fronts.banners`, expiring after `minutes`."""
    from articles.fronts.banners import raise_banner
    from articles.models import Banner

    def up(text, *, minutes=30, level="breaking", link=None, by=None):
        expires = timezone.now() + timedelta(minutes=minutes)
        return raise_banner(Banner(text=text, level=level, link=link, expires_at=expires), by=by)

    return up


# The article form's background calls: autosave and presence --------------------------------


@pytest.fixture
def maria(make_staff):
    """A second editor, "Maria Editor" (username "maria"): the colleague in the same story."""
    user = make_staff(EDITOR, "maria")
    User.objects.filter(pk=user.pk).update(first_name="Maria", last_name="Editor")
    return User.objects.get(pk=user.pk)


@pytest.fixture
def beat(db):
    """`beat(client, story, typing=False, version=None)`: one presence heartbeat from
    `client`'s open form of `story`; returns the response."""

    def heartbeat(client, story, *, typing=False, version=None):
        return client.post(
            f"/admin/articles/article/{story.pk}/presence/",
            json.dumps({"typing": typing, "version": version}),
            content_type="application/json",
        )

    return heartbeat


@pytest.fixture(scope="session")
def ninjs_validator():
    """A validator for IPTC ninjs 3.2 documents: the official schema and a stand-in for the
    GeoJSON schema it references, kept in tests/data/ninjs/ (sources and licences in its README), resolved
    offline through a `referencing` registry; formats (uri, date-time) are checked too."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    folder = Path(__file__).parent / "data" / "ninjs"
    ninjs = json.loads((folder / "ninjs-schema_3.2.json").read_text())
    geojson = json.loads((folder / "GeoJSON.json").read_text())
    registry = Registry().with_resources(
        [
            (geojson["$id"], Resource.from_contents(geojson)),
            (ninjs["$id"], Resource.from_contents(ninjs)),
        ]
    )
    return Draft202012Validator(
        ninjs, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(autouse=True)
def fresh_vocabulary(monkeypatch):
    """Every suggestion reads the names afresh: the matcher otherwise trusts its cheap
    fingerprint of them for up to `RECHECK_SECONDS`, and two tests' names may share one
    (the same ids and lengths, other letters)."""
    monkeypatch.setattr("articles.taxonomy.suggestions.RECHECK_SECONDS", 0.0)


# The wire desk ---------------------------------------------------------------------------

WIRE_SAMPLES = Path(__file__).resolve().parent / "data" / "wire"


@pytest.fixture
def wire_sample():
    """`wire_sample("ninjs-3.json")`: the bytes of a sample agency file (tests/data/wire/)."""

    def read(name):
        return (WIRE_SAMPLES / name).read_bytes()

    return read


@pytest.fixture
def wire_provider(db, world):
    """The Continental Press Agency's wire: credited to the agency, drafts start on World."""
    from articles.models import WireProvider

    agency = Source.objects.create(
        name="Continental Press Agency", slug="continental-press-agency", kind="agency"
    )
    return WireProvider.objects.create(
        name="Continental Press Agency wire",
        slug="cpa",
        source=agency,
        section=world,
    )


# The image library (issue 9) ----------------------------------------------------------------


def picture_bytes(size=(1600, 900), colour=(40, 90, 160), fmt="JPEG", **options) -> bytes:
    """A real picture made with Pillow: a colour field with a white disc off-centre (so crops
    can be told apart)."""
    from io import BytesIO

    from PIL import Image as Pillow
    from PIL import ImageDraw

    picture = Pillow.new("RGB", size, colour)
    width, height = size
    ImageDraw.Draw(picture).ellipse(
        (width * 0.7, height * 0.2, width * 0.9, height * 0.2 + width * 0.2), fill="white"
    )
    buffer = BytesIO()
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.fixture
def make_image(db):
    """`make_image(title, size=…, colour=…, rendered=True, **fields)`: a library image added as
    an upload is (checked, cleaned, stored privately), with its renditions made unless
    `rendered=False` (then they wait in the task queue)."""
    from django.core.files.base import ContentFile

    from articles.images import library, renditions
    from articles.models import Image

    def make(
        title="Substation repairs",
        *,
        size=(1600, 900),
        colour=(40, 90, 160),
        rendered=True,
        data=None,
        **fields,
    ):
        fields.setdefault("alt_text", "Engineers repair a substation")
        data = data or picture_bytes(size, colour)
        clean = library.check_upload(ContentFile(data, name="upload.jpg"))
        image = library.add_image(clean, Image(title=title, **fields))
        if rendered:
            renditions.render(image)
        return image

    return make


@pytest.fixture
def substation_photo(make_image):
    """One rendered library picture with alt text, caption and credit."""
    return make_image(
        "Substation repairs",
        alt_text="Engineers repair a substation",
        caption="Repairs at a substation on the city's edge.",
        credit="Jane Doe / Reuters",
    )


@pytest.fixture
def run_worker(monkeypatch):
    """`run_worker()`: the task worker (`db_worker --batch`) runs every queued task here and
    stops. Its connection housekeeping would close the test's open transaction (PostgreSQL),
    so that step is skipped inside a test."""
    from django.core.management import call_command

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
