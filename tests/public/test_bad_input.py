"""Bad input answers like any other miss, on SQLite and PostgreSQL alike.

A NUL character cannot be stored in PostgreSQL text, and psycopg refuses to send one (a
DataError, so a 500). Addresses holding one answer the site's ordinary 404; staff search boxes,
autocompletes and the tag lookup find nothing; admin list filters answer Django's "invalid
filter" redirect. The test client re-raises server errors, so a DataError fails these loudly.
"""

import pytest

from articles.addresses.redirects import remember_old_path

NUL_PATHS = [
    "/foo%00bar/",
    "/%00/",
    "/tags/%00/",
    "/authors/%00/",
    "/feeds/tags/%00/rss/",
    "/feeds/section/%00/rss/",
    "/feeds/regions/%00/rss/",
    "/preview/%00/",
    "/sitemap-%00.xml",
    "/static/%00",
    "/world/2026/01/01/%00/",
]


@pytest.mark.parametrize("path", ["/api/ninjs/%00/", "/api/ninjs/events/%00/"])
def test_it_answers_the_apis_json_404_for_an_api_path_holding_nul(client, published, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "NUL" in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", NUL_PATHS)
def test_it_answers_the_ordinary_404_page_for_a_path_holding_nul(client, published, path):
    remember_old_path("/old-address/", new_path="/tags/energy/")

    response = client.get(path)

    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()
    # The same security headers as every other page.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_it_answers_404_for_a_nul_path_that_lacks_its_slash(client, published):
    response = client.get("/tags/%00", follow=True)

    assert response.status_code == 404


def test_it_still_redirects_remembered_old_addresses(client, db):
    remember_old_path("/old-address/", new_path="/tags/energy/")

    assert client.get("/old-address/")["Location"] == "/tags/energy/"


# Staff search boxes ---------------------------------------------------------------------

AUTOCOMPLETES = [
    # (the form and field whose box asks, a term that finds something)
    ("article", "regions", "Kyi"),
    ("article", "sources", "Reu"),
    ("article", "section", "Wor"),
    ("relatedstory", "related", "Power"),
    ("articleauthor", "author", "Olena"),
    ("region", "parent", "Ukr"),
]


def autocomplete(client, model_name, field_name, term):
    return client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )


@pytest.mark.parametrize(("model_name", "field_name", "finds"), AUTOCOMPLETES)
def test_it_finds_nothing_in_an_autocomplete_for_a_term_holding_nul(
    editor_client, published, model_name, field_name, finds
):
    found = autocomplete(editor_client, model_name, field_name, finds)
    response = autocomplete(editor_client, model_name, field_name, f"{finds}\x00")

    assert found.json()["results"] != []
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_it_finds_no_account_for_an_author_when_the_term_holds_nul(admin_client, db):
    found = autocomplete(admin_client, "author", "user", "adm")
    response = autocomplete(admin_client, "author", "user", "\x00")

    assert found.json()["results"] != []
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("term", ["\x00", "Ener\x00gy"])
def test_it_finds_no_tag_in_the_tag_lookup_for_a_term_holding_nul(editor_client, published, term):
    response = editor_client.get("/admin/articles/tag/lookup/", {"q": term})

    assert editor_client.get("/admin/articles/tag/lookup/", {"q": "Ener"}).json()["results"] != []
    assert response.status_code == 200
    assert response.json() == {"results": []}


@pytest.mark.parametrize(
    "changelist",
    [
        "/admin/articles/article/",
        "/admin/articles/tag/",
        "/admin/articles/region/",
        "/admin/articles/source/",
        "/admin/articles/author/",
        "/admin/articles/tagmerge/",
    ],
)
def test_it_tells_staff_a_search_cannot_hold_nul(editor_client, published, changelist):
    response = editor_client.get(changelist, {"q": "\x00"})

    # Django's own answer: the list, unfiltered, with a message saying why.
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("name", ["status__exact", "tag", "region"])
def test_it_drops_a_list_filter_holding_nul_as_it_drops_any_invalid_filter(
    editor_client, published, name
):
    response = editor_client.get("/admin/articles/article/", {name: "\x00"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/?e=1"
    assert published.headline in editor_client.get(response["Location"]).content.decode()
