"""The ninjs read API: valid IPTC ninjs 3.2 for every kind of story, only published stories,
filters, keyset cursors, conditional GETs, CORS, read-only, and hostile parameters."""

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Region, Source, SourceKind, Tag
from articles.syndication.ninjs import (
    story_document,
    story_uri,
    with_documents,
    withdrawal_document,
)
from articles.workflow import add_correction, unpublish

LIST = "/api/ninjs/"


def _detail(story):
    return f"/api/ninjs/{story.pk}/"


@pytest.fixture
def kyiv_geonames(regions):
    Region.objects.filter(pk=regions["kyiv"].pk).update(
        geonames_uri="http://sws.geonames.org/703448/"
    )
    return regions["kyiv"]


@pytest.fixture
def full_story(make_article, make_image, regions, reuters, reporter_author, kyiv_geonames):
    """A story with everything ninjs can carry: an image, a person and an agency as sources,
    places (one with a GeoNames URI), tags (one with a Media Topic URI), a correction and a
    lifted embargo."""
    spokesman = Source.objects.create(
        name="Yuriy Ihnat", slug="yuriy-ihnat", kind=SourceKind.PERSON
    )
    story = make_article(
        "Power restored in Kyiv after overnight strikes",
        slug="power-restored-kyiv",
        standfirst="Engineers worked through the night; metro trains run again.",
        body='<p>Power returned to <a href="https://example.org/grid">most districts</a>.</p>',
        dateline="KYIV",
        regions=[regions["kyiv"], regions["kramatorsk"]],
        sources=[reuters, spokesman],
        authors=[reporter_author],
        tags=["Energy", "Air defence"],
        lead_image=make_image(
            "Substation at dawn",
            size=(1600, 900),
            alt_text="Engineers at a substation at dawn",
            caption="Repairs at a Kyiv substation.",
            credit="Olena Kovalenko",
        ),
        embargo_until=timezone.now() - timedelta(minutes=30),
    )
    Tag.objects.filter(name="Energy").update(
        mediatopic_uri="http://cv.iptc.org/newscodes/mediatopic/20000251"
    )
    add_correction(story, "correction", "An earlier version misstated the number of districts.")
    return story


def _document(client, story):
    response = client.get(_detail(story))
    assert response.status_code == 200, response.content
    return response.json()


def test_it_emits_valid_ninjs_for_every_kind_of_story(
    client, ninjs_validator, full_story, make_article, kyiv_geonames
):
    plain = make_article("Markets steady as grain corridor holds", standfirst="")
    plain_with_place = make_article("Frost expected overnight", regions=[kyiv_geonames])
    documents = [_document(client, story) for story in (full_story, plain, plain_with_place)]
    documents += client.get(LIST).json()["items"]
    documents.append(withdrawal_document(unpublish(plain)))
    for document in documents:
        errors = sorted(ninjs_validator.iter_errors(document), key=str)
        assert errors == [], (document["uri"], [error.message for error in errors])
    assert len(documents) == 7


def test_it_refuses_a_document_the_schema_forbids(ninjs_validator, full_story):
    """The validator really checks: a custom top-level field, a status ninjs does not know and
    a relative href are each an error."""
    document = story_document(with_documents(Article.objects.filter(pk=full_story.pk)).get())
    assert ninjs_validator.is_valid(document)
    for broken in (
        {**document, "section": "world"},
        {**document, "pubStatus": "withdrawn"},
        {**document, "firstCreated": "yesterday"},
    ):
        assert not ninjs_validator.is_valid(broken)


def test_it_carries_the_story_into_ninjs_fields(client, full_story, settings):
    document = _document(client, full_story)
    full_story.refresh_from_db()

    assert document["uri"] == f"tag:{settings.SYNDICATION_AUTHORITY}:story:{full_story.pk}"
    assert document["uri"] == story_uri(full_story.pk)
    assert document["type"] == "text"
    assert document["pubStatus"] == "usable"
    assert document["version"] == str(full_story.version)
    assert document["language"] == "en"
    assert document["headlines"] == [
        {
            "role": "main",
            "contentType": "text/plain",
            "value": "Power restored in Kyiv after overnight strikes",
        },
        {
            "role": "subheadline",
            "contentType": "text/plain",
            "value": "Engineers worked through the night; metro trains run again.",
        },
    ]
    assert document["bodies"][0]["value"] == full_story.body
    assert document["bodies"][0]["contentType"] == "text/html"
    assert document["by"] == "Olena Kovalenko"
    assert document["located"] == "KYIV"
    assert document["people"] == [
        {
            "name": "Yuriy Ihnat",
            "rel": "source",
            "uri": f"tag:{settings.SYNDICATION_AUTHORITY}:source:"
            f"{Source.objects.get(slug='yuriy-ihnat').pk}",
            "literal": "yuriy-ihnat",
        }
    ]
    assert [entry["name"] for entry in document["organisations"]] == ["Reuters"]
    assert document["places"] == [
        {"name": "Kramatorsk", "literal": "kramatorsk"},
        {"name": "Kyiv", "literal": "kyiv", "uri": "http://sws.geonames.org/703448/"},
    ]
    assert document["subjects"] == [
        {"name": "Air defence", "literal": "air-defence"},
        {
            "name": "Energy",
            "literal": "energy",
            "uri": "http://cv.iptc.org/newscodes/mediatopic/20000251",
        },
    ]
    [correction] = document["descriptions"]
    assert correction["role"] == "correction"
    assert "misstated the number of districts" in correction["value"]
    assert document["embargoedUntil"].startswith(f"{full_story.embargo_until:%Y-%m-%dT%H:%M}")
    [image] = document["associations"]
    assert image["name"] == "featureimage" and image["type"] == "picture"
    assert image["by"] == "Olena Kovalenko"
    assert {
        "role": "alt",
        "contentType": "text/plain",
        "value": "Engineers at a substation at dawn",
    } in image["descriptions"]
    # Every rendition the background task recorded, with its real size and bytes.
    recorded = full_story.lead_image.renditions["files"]
    assert len(image["renditions"]) == len(recorded)
    lead = next(r for r in image["renditions"] if r["name"] == "wide-1024-jpeg")
    record = next(
        r
        for r in recorded
        if r["crop"] == "wide" and r["width"] == 1024 and r["type"] == "image/jpeg"
    )
    assert lead == {
        "name": "wide-1024-jpeg",
        "href": f"{settings.SITE_URL}/media/{record['name']}",
        "contentType": "image/jpeg",
        "width": 1024,
        "height": 576,
        "sizeInBytes": record["bytes"],
    }
    assert document["altIds"] == [
        {"role": "url", "value": f"{settings.SITE_URL}{full_story.get_absolute_url()}"}
    ]


def test_it_keeps_the_uri_whatever_host_serves_the_site(client, full_story, settings):
    first = _document(client, full_story)["uri"]
    settings.SITE_URL = "https://news.example.org"
    assert _document(client, full_story)["uri"] == first


def test_it_never_serves_an_unpublished_story(
    client, published, draft, scheduled, embargoed, withdrawn, withdrawn_before_release
):
    listed = [item["uri"] for item in client.get(LIST, {"page_size": 100}).json()["items"]]
    assert listed == [story_uri(published.pk)]
    for hidden in (draft, scheduled, embargoed, withdrawn, withdrawn_before_release):
        response = client.get(_detail(hidden))
        assert response.status_code == 404
        assert response.json() == {"error": "No published story has this id."}
        assert hidden.headline.encode() not in response.content


def test_it_filters_by_section_region_source_tag_and_update_time(
    client, make_article, sports, regions, reuters
):
    kyiv = make_article("Kyiv story", regions=[regions["kyiv"]], sources=[reuters], tags=["Energy"])
    donetsk = make_article("Kramatorsk story", regions=[regions["kramatorsk"]], section=sports)
    warsaw = make_article("Warsaw story", regions=[regions["poland"]], tags=["Diplomacy"])
    Article.objects.filter(pk=warsaw.pk).update(modified_at=timezone.now() - timedelta(days=3))

    def headlines(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.content
        return {item["headlines"][0]["value"] for item in response.json()["items"]}

    assert headlines(section="sports") == {donetsk.headline}
    # Rolled up as on the region pages: the country, and a grouping of oblasts.
    assert headlines(region="ukraine") == {kyiv.headline, donetsk.headline}
    assert headlines(region="donbas") == {donetsk.headline}
    assert headlines(source="reuters") == {kyiv.headline}
    assert headlines(tag="diplomacy") == {warsaw.headline}
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert headlines(updated_since=since) == {kyiv.headline, donetsk.headline}
    assert headlines(region="ukraine", tag="energy") == {kyiv.headline}


def test_it_pages_by_cursor_without_skipping_or_repeating_when_stories_arrive(client, make_article):
    for n in range(7):
        make_article(f"Story {n}", when=timezone.now() - timedelta(hours=n + 1))
    first = client.get(LIST, {"page_size": 3}).json()
    assert [item["headlines"][0]["value"] for item in first["items"]] == [
        "Story 0",
        "Story 1",
        "Story 2",
    ]
    # Breaking news lands between two page requests.
    make_article("Breaking story", when=timezone.now() - timedelta(minutes=1))
    seen = [item["headlines"][0]["value"] for item in first["items"]]
    following = first["next"]
    while following:
        assert following.startswith("http://")
        response = client.get(following.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
        assert response.status_code == 200
        page = response.json()
        seen += [item["headlines"][0]["value"] for item in page["items"]]
        following = page["next"]
    assert seen == [f"Story {n}" for n in range(7)]


def test_it_answers_304_when_the_client_has_the_page(client, published):
    for url in (LIST, _detail(published)):
        response = client.get(url)
        assert response.status_code == 200
        etag, modified = response["ETag"], response["Last-Modified"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
        earlier = format_datetime(published.modified_at - timedelta(days=1), usegmt=True)
        assert client.get(url, headers={"if-modified-since": earlier}).status_code == 200
    # A correction makes the story's page new again.
    etag = client.get(_detail(published))["ETag"]
    add_correction(published, "clarification", "The outage lasted six hours, not six days.")
    assert client.get(_detail(published), headers={"if-none-match": etag}).status_code == 200


def test_it_allows_any_origin_without_credentials(client, published):
    response = client.get(LIST, headers={"origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        _detail(published),
        headers={"origin": "https://partner.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_refuses_every_write(client, published, method):
    before = Article.objects.get(pk=published.pk).version
    for url in (LIST, _detail(published), "/api/openapi.json"):
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert "read-only" in response.json()["error"]
    assert Article.objects.get(pk=published.pk).version == before


@pytest.mark.parametrize(
    "query",
    [
        "page_size=100000",
        "page_size=0",
        "page_size=-1",
        "page_size=ten",
        "cursor=not-a-cursor!",
        "cursor=bm9wZQ",
        "cursor=WyJ5ZXN0ZXJkYXkiLCAxXQ",
        "section=%00",
        "tag=energy%00",
        "colour=red",
        "page_size=5&page_size=6",
        "updated_since=last-tuesday",
        "updated_since=9999-12-31T23:59:59-23:59",
        "section=no-such-desk",
        "region=" + "x" * 300,
    ],
)
def test_it_answers_a_hostile_parameter_with_a_400_in_json(client, published, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_it_answers_a_strange_story_id_with_a_404_in_json(client, published):
    for story_id in ("0", "-1", "99999999999999999999999", "１２", "abc"):
        response = client.get(f"/api/ninjs/{story_id}/")
        assert response.status_code == 404
        assert response.json()["error"]
    assert client.get(f"{_detail(published)}?expand=all").status_code == 400


@pytest.mark.parametrize("size", [3, 30])
def test_it_runs_the_same_queries_whatever_the_page_holds(
    client,
    make_article,
    make_image,
    regions,
    reuters,
    reporter_author,
    django_assert_max_num_queries,
    size,
):
    picture = make_image("Budget papers", size=(640, 360))
    agency = Source.objects.create(name="Ukrinform", slug="ukrinform", kind="agency")
    for n in range(size):
        story = make_article(
            f"Budget story {n}",
            regions=[regions["kyiv"], regions["poland"]],
            sources=[reuters, agency],
            authors=[reporter_author],
            tags=["Energy", f"Topic {n % 7}"],
            lead_image=picture,
        )
        add_correction(story, "correction", f"Corrected figure {n}.")
    # The page itself, its sources, regions, tags and corrections, and the archive's last
    # change; a filter adds one query to find its subject.
    with django_assert_max_num_queries(6):
        assert len(client.get(LIST, {"page_size": 100}).json()["items"]) == size
    with django_assert_max_num_queries(7):
        assert (
            len(client.get(LIST, {"page_size": 100, "region": "ukraine"}).json()["items"]) == size
        )
    with django_assert_max_num_queries(5):
        assert client.get(_detail(story)).status_code == 200


def test_it_describes_itself_in_openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    description = response.json()
    assert description["openapi"] == "3.1.0"
    assert set(description["paths"]) == {
        "/api/ninjs/",
        "/api/ninjs/{story_id}/",
        "/api/ninjs/events/",
        "/api/ninjs/events/{event_id}/",
        "/api/ninjs/plans/",
        "/api/ninjs/plans/{plan_id}/",
    }
    assert reverse("articles:api_openapi") == "/api/openapi.json"
