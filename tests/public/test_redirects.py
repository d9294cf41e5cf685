"""Permanent URLs: old addresses answer 301 to the new one, chains collapse, withdrawn is 410."""

from articles.addresses.redirects import remember_old_path
from articles.models import Status


def test_it_sends_an_old_story_address_to_where_the_story_lives_now(client, published):
    old = published.get_absolute_url()
    published.slug = "power-back-in-kyiv"
    published.save()
    remember_old_path(old, article=published)

    response = client.get(old + "?utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == published.get_absolute_url() + "?utm_source=x"
    assert client.get(response["Location"]).status_code == 200


def test_it_answers_gone_for_an_old_address_of_a_withdrawn_story(client, published):
    old = published.get_absolute_url()
    published.slug = "power-back-in-kyiv"
    published.status = Status.UNPUBLISHED
    published.save()
    remember_old_path(old, article=published)

    response = client.get(old)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_it_collapses_chains_of_renames_into_one_hop(client, db):
    remember_old_path("/tags/kiev/", new_path="/tags/kyiv-city/")
    remember_old_path("/tags/kyiv-city/", new_path="/tags/kyiv/")

    response = client.get("/tags/kiev/")
    assert response.status_code == 301
    assert response["Location"] == "/tags/kyiv/"


def test_it_stops_redirecting_a_path_that_becomes_live_again(client, db):
    remember_old_path("/tags/a/", new_path="/tags/b/")
    remember_old_path("/tags/b/", new_path="/tags/a/")
    assert client.get("/tags/b/")["Location"] == "/tags/a/"
    assert client.get("/tags/a/").status_code == 404


def test_it_leaves_live_pages_and_unknown_addresses_alone(client, published):
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get("/tags/no-such-tag/").status_code == 404
