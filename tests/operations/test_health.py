"""Health checks: liveness without the database, readiness with it."""

from django.db import OperationalError

from newsroom import health


def test_it_answers_liveness_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_it_reports_ready_when_the_database_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200


def test_it_reports_not_ready_when_the_database_fails(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database: unavailable (OperationalError)\n"


def test_it_points_browsers_asking_for_favicon_ico_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
