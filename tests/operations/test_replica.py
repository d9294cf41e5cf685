"""The read replica: with DATABASE_REPLICA_URL set, readers' public pages read from the replica
and everything else from the primary; without it, nothing changes.

Tests have no replication, so the replica is Django's test mirror of the test database
(`"TEST": {"MIRROR": "default"}`, as the settings configure it): a second connection to the
same data. These tests commit (transactional_db) so that the second connection sees their data.
"""

import os
from contextlib import contextmanager

import pytest
from django.db import connections, router, transaction
from django.http import JsonResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, resolve

from articles.desk.previews import preview_url
from articles.models import Section
from newsroom.routers import REPLICA, may_read_from_replica

REPLICA_MIDDLEWARE = "newsroom.routers.ReplicaReadsMiddleware"


# Tests that read through the replica commit their data, so its second connection sees it.
through_the_replica = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module")
def replica_settings(settings_from_environment):
    """What the settings make of DATABASE_REPLICA_URL (here the primary's own address)."""
    primary = os.environ.get("DATABASE_URL", "sqlite:///replica-mirrors-the-test-database")
    return settings_from_environment(DATABASE_REPLICA_URL=primary)


@pytest.fixture(scope="module")
def replica_database(django_db_setup, replica_settings):
    """The replica database alias, a test mirror of the test database as Django's test runner
    makes one. Module-scoped: it must exist before a test's database access is set up."""
    configured = {"default": connections.settings["default"]}
    configured[REPLICA] = dict(replica_settings["DATABASES"][REPLICA])
    connections.settings[REPLICA] = connections.configure_settings(configured)[REPLICA]
    connections[REPLICA].creation.set_as_test_mirror(connections["default"].settings_dict)
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(replica_database, settings, replica_settings):
    """This process set up as DATABASE_REPLICA_URL sets up production: the replica database,
    the router and the middleware."""
    settings.DATABASE_ROUTERS = replica_settings["DATABASE_ROUTERS"]
    settings.MIDDLEWARE = replica_settings["MIDDLEWARE"]


@contextmanager
def queries_by_database():
    """{"primary": [...], "replica": [...]}: the SQL each database ran in the block."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        ran = {}
        yield ran
    ran.update(primary=[q["sql"] for q in primary], replica=[q["sql"] for q in replica])


@through_the_replica
def test_it_reads_a_readers_public_pages_from_the_replica(replica, client, published):
    pages = [
        "/",
        published.section.get_absolute_url(),
        published.get_absolute_url(),
        "/tags/",
        "/tags/energy/",
        "/sources/",
        "/regions/",
        "/regions/kyiv/",
        "/sources/reuters/",
        "/authors/olena-kovalenko/",
        "/corrections/",
        "/search/?q=Kyiv",
        "/feeds/latest/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    for page in pages:
        with queries_by_database() as ran:
            assert client.get(page).status_code == 200, page
        assert (len(ran["primary"]), bool(ran["replica"])) == (0, True), (page, ran["primary"])


@through_the_replica
def test_it_keeps_the_admin_on_the_primary(
    replica, editor_client, change_url, edit_post, published
):
    with queries_by_database() as ran:
        assert editor_client.get("/admin/articles/article/").status_code == 200
        assert editor_client.get(change_url(published)).status_code == 200
        edit = edit_post(published, headline="Power back in all of Kyiv")
        assert editor_client.post(change_url(published), edit).status_code == 302
    assert ran["primary"] and ran["replica"] == []


@through_the_replica
def test_it_keeps_logged_in_staff_and_previews_on_the_primary(
    replica, client, editor_client, published, draft
):
    with queries_by_database() as ran:
        # An editor checking the live story reads what was just saved.
        assert editor_client.get(published.get_absolute_url()).status_code == 200
        # A reviewer without an account, following a preview link made a moment ago.
        assert client.get(preview_url(draft)).status_code == 200
    assert ran["primary"] and ran["replica"] == []


def _reads_of_a_public_page_that_writes(request):
    """Which database each read of this request went to: first, in a transaction, after a write."""
    reads = [router.db_for_read(Section)]
    with transaction.atomic():
        reads.append(router.db_for_read(Section))
    Section.objects.filter(slug="world").update(order=9)
    reads.append(router.db_for_read(Section))
    return JsonResponse({"reads": reads})


urlpatterns = [
    path(
        "writes/",
        include(([path("", _reads_of_a_public_page_that_writes)], "articles")),
    )
]


@through_the_replica
@pytest.mark.urls(__name__)
def test_it_reads_from_the_primary_in_a_transaction_and_after_a_write(replica, client, world):
    assert client.get("/writes/").json() == {"reads": [REPLICA, "default", "default"]}


@pytest.mark.parametrize(
    ("method", "address", "session", "replica_allowed"),
    [
        ("GET", "/", False, True),
        ("HEAD", "/world/", False, True),
        ("GET", "/feeds/latest/rss/", False, True),
        ("POST", "/search/", False, False),
        ("GET", "/", True, False),
        ("GET", "/preview/a-token/", False, False),
        ("GET", "/admin/login/", False, False),
        ("GET", "/readyz", False, False),
    ],
)
def test_it_lets_only_a_readers_public_pages_read_from_the_replica(
    rf, settings, method, address, session, replica_allowed
):
    request = rf.generic(method, address)
    if session:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    request.resolver_match = resolve(address)
    assert may_read_from_replica(request) is replica_allowed


def test_it_changes_nothing_without_a_replica_url(settings_from_environment, replica_settings):
    without = settings_from_environment(DATABASE_REPLICA_URL=None)

    assert list(without["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in without
    assert REPLICA_MIDDLEWARE not in without["MIDDLEWARE"]
    # And with it, the replica and its router are all that is added.
    assert replica_settings["DATABASES"] == {
        **without["DATABASES"],
        REPLICA: replica_settings["DATABASES"][REPLICA],
    }
    assert replica_settings["DATABASES"][REPLICA]["TEST"] == {"MIRROR": "default"}
    assert replica_settings["MIDDLEWARE"] == [*without["MIDDLEWARE"], REPLICA_MIDDLEWARE]
