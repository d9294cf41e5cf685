"""Standing at 3 a.m.: a database or a Redis that accepts connections but never answers.

Each fault is a fake server on loopback (`LoopbackServer`): it accepts connections and never
answers, and can be switched to pass traffic to the real server, so a test can end the outage
without restarting anything. Timing asserts say "not hung" (a few seconds where the site used
to hang for good), never how fast.
"""

import logging
import os
import runpy
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.db.utils import ConnectionHandler
from django.test import Client

from newsroom.outages import describe

SETTINGS = Path(__file__).resolve().parents[2] / "newsroom" / "settings.py"


class LoopbackServer:
    """A TCP server on 127.0.0.1 that holds every connection and never answers while `hung`;
    while not, it passes traffic through to `upstream` (host, port)."""

    def __init__(self, upstream=None):
        self.upstream = upstream
        self.hung = True
        self._listener = socket.create_server(("127.0.0.1", 0))
        # accept() wakes up now and then to notice stop(); closing a socket does not wake it.
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._sockets = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._sockets.append(client)
            if self.hung:
                continue  # held open, never read, never answered
            upstream = socket.create_connection(self.upstream)
            self._sockets.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                # Hung again: connections already open stop answering too.
                while self.hung and not self._stopping.is_set():
                    time.sleep(0.01)
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # one side closed: the other follows

    def stop(self):
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv()
            except OSError:
                pass
            sock.close()


@pytest.fixture
def loopback():
    """`loopback(upstream=None)` starts a `LoopbackServer`; every one is stopped afterwards."""
    servers = []

    def start(upstream=None):
        server = LoopbackServer(upstream)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def production_settings(monkeypatch, **env):
    """The settings a production server builds from `env` (plus a key and hosts)."""
    monkeypatch.setenv("SECRET_KEY", "fault-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


@pytest.fixture
def database_at(db, monkeypatch):
    """`database_at(port, name=…, host=…)` points the site's database at a PostgreSQL server,
    through the connection a production server builds for that DATABASE_URL (timeouts and
    all), logging in as the suite does. The test's own database comes back afterwards."""
    original = connections["default"]
    replaced = []

    def point(port, name="newsroom", host="127.0.0.1", **env):
        user = quote(original.settings_dict.get("USER") or "postgres")
        password = quote(original.settings_dict.get("PASSWORD") or "")
        url = f"postgres://{user}:{password}@{host}:{port}/{name}"
        built = production_settings(monkeypatch, DATABASE_URL=url, **env)["DATABASES"]
        wrapper = ConnectionHandler(built)["default"]
        replaced.append(wrapper)
        connections["default"] = wrapper
        return wrapper

    yield point
    connections["default"] = original
    for wrapper in replaced:
        wrapper.close()


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


# The database --------------------------------------------------------------------------------


def test_it_answers_readers_a_static_503_page_within_seconds_when_the_database_hangs(
    loopback, database_at, client, caplog
):
    database_at(loopback().port)
    with caplog.at_level(logging.INFO):
        response, seconds = timed_get(client, "/")

    assert response.status_code == 503
    assert seconds < 10  # connect_timeout is 3 s; unbounded, this request never ended
    page = response.content.decode()
    assert "The Newsroom is briefly unavailable" in page
    assert "Traceback" not in page
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    # One line for the operator, saying why, and no traceback.
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in errors] == [
        "Service Unavailable: / (database: no answer within 3 s; connection timeout expired)"
    ]
    assert errors[0].exc_info is None


def test_it_answers_503_for_an_unknown_address_too_when_the_database_hangs(loopback, database_at):
    # A 404 page shows the section navigation and the old-address lookup asks the database:
    # both run outside any view.
    database_at(loopback().port, DATABASE_CONNECT_TIMEOUT="2")
    response, seconds = timed_get(Client(raise_request_exception=False), "/no/such/address/")
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()
    assert seconds < 10


def test_it_says_why_it_is_not_ready_when_the_database_hangs(loopback, database_at, client):
    database_at(loopback().port)
    response, seconds = timed_get(client, "/readyz")
    assert response.status_code == 503
    assert response.content == b"database: no answer within 3 s\n"
    assert seconds < 10


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a real PostgreSQL behind")
def test_it_serves_pages_again_without_a_restart_once_the_database_answers(
    loopback, database_at, client
):
    real = connection.settings_dict
    fake = loopback(upstream=(real["HOST"] or "localhost", int(real["PORT"] or 5432)))
    database_at(fake.port, name=real["NAME"])
    assert client.get("/readyz").status_code == 503

    fake.hung = False  # the database is back, at the same address
    response = client.get("/readyz")
    assert response.status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_it_stops_a_statement_the_database_takes_too_long_over(database_at, settings):
    real = connection.settings_dict
    database = database_at(
        real["PORT"] or 5432,
        name=real["NAME"],
        host=real["HOST"] or "localhost",
        DATABASE_STATEMENT_TIMEOUT="1",
    )
    settings.DATABASE_STATEMENT_TIMEOUT = 1
    with pytest.raises(OperationalError) as caught:
        with database.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(3)")
    assert describe(caught.value) == "database: no answer within 1 s (statement timeout)"


# Redis ---------------------------------------------------------------------------------------

# A real Redis for the tests that end an outage, on a database number of the suite's own.
REAL_REDIS = ("127.0.0.1", 6379)
# NEWSROOM_TEST_REDIS_DB gives parallel runs on one machine a database each.
REDIS_DB = int(os.environ.get("NEWSROOM_TEST_REDIS_DB", "11"))


def redis_is_running():
    try:
        socket.create_connection(REAL_REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def cache_at(settings, monkeypatch):
    """`cache_at(port, **env)` makes the site's cache the one a production server builds for
    REDIS_URL=redis://127.0.0.1:<port>/<REDIS_DB> (timeouts, circuit breaker and all)."""

    def point(port, **env):
        url = f"redis://127.0.0.1:{port}/{REDIS_DB}"
        settings.CACHES = production_settings(monkeypatch, REDIS_URL=url, **env)["CACHES"]

    return point


def cache_log(caplog):
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "newsroom.cache"]


@pytest.mark.xdist_group("real-redis")
def test_it_serves_the_index_pages_without_waiting_for_a_redis_that_hangs(
    loopback, cache_at, published, client, caplog
):
    redis = loopback()
    cache_at(redis.port)
    with caplog.at_level(logging.INFO):
        for path, listed in [
            ("/tags/", "Energy"),
            ("/regions/", "Kyiv"),
            ("/sources/", "Reuters"),
        ] * 2:
            response, seconds = timed_get(client, path)
            assert response.status_code == 200
            assert listed in response.content.decode()
            assert seconds < 2, path  # each used to wait 15 s: three cache calls of 5 s

    # One warning for the outage, not one per cache call.
    [(level, message)] = cache_log(caplog)
    assert level == "WARNING"
    assert message.startswith(
        f"Redis at redis://127.0.0.1:{redis.port}/{REDIS_DB} is not answering"
    )


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379")
@pytest.mark.xdist_group("real-redis")  # tests clearing the cache empty Redis database 11
def test_it_uses_redis_again_once_it_answers_and_logs_each_outage_once(
    loopback, cache_at, published, client, caplog
):
    redis = loopback(upstream=REAL_REDIS)
    cache_at(redis.port, REDIS_RETRY_AFTER="0.2")
    with caplog.at_level(logging.INFO):
        assert client.get("/tags/").status_code == 200
        cache.set("newsroom:test:probe", "kept")
        assert cache.get("newsroom:test:probe") is None  # skipped: Redis is out

        redis.hung = False  # Redis answers again, at the same address
        time.sleep(0.3)  # past the pause after the last failure
        assert client.get("/tags/").status_code == 200
        cache.set("newsroom:test:probe", "kept")
        assert cache.get("newsroom:test:probe") == "kept"

        redis.hung = True  # a second outage, on the connections already open too
        for _ in range(3):
            assert client.get("/tags/").status_code == 200
        redis.hung = False
        time.sleep(0.3)
        cache.clear()  # the suite's Redis database, emptied (and the second outage ended)

    log = cache_log(caplog)
    assert [level for level, _ in log] == ["WARNING", "INFO", "WARNING", "INFO"]
    assert "answers again" in log[1][1]


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379")
@pytest.mark.xdist_group("real-redis")  # tests clearing the cache empty Redis database 11
def test_it_keeps_one_redis_client_for_every_call(cache_at):
    cache_at(REAL_REDIS[1])
    backend = cache._cache
    assert backend.get_client() is backend.get_client()
    cache.set("newsroom:test:probe", "kept")
    assert cache.get("newsroom:test:probe") == "kept"
    cache.delete("newsroom:test:probe")
