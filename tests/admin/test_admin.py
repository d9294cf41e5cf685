"""The article admin as editors and reporters use it: real form posts, bulk actions, limits."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Status

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"
# Session, user, permissions (2), five filters, the capped count, the page, its bylines.
CHANGELIST_QUERY_BUDGET = 12


def inline(prefix, rows=(), initial=0):
    """The management form and rows of one inline formset, as the browser posts them
    (the first `initial` rows being existing ones, with their "id")."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{field}": value for field, value in row.items()})
    return data


def article_post(section, *, authors=(), **fields):
    data = {
        "headline": "Drone attack cuts power in Kyiv",
        "slug": "drone-attack-cuts-power",
        "standfirst": "Repairs are under way.",
        "body": "<p>Sirens sounded at dawn.</p>",
        "byline_override": "",
        "dateline": "KYIV",
        "section": str(section.pk),
        "tags": "",
        "lead_image": "",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "_save": "Save",
        **inline(
            "article_authors", [{"author": a.pk, "position": n} for n, a in enumerate(authors)]
        ),
        **inline("pinned_related"),
        **inline("corrections"),
    }
    data.update(fields)
    return data


def test_it_renders_the_article_pages_for_an_editor(
    editor_client, published, scheduled, draft, change_url
):
    listing = editor_client.get(LIST_URL)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Newsroom administration" in page
    assert "Power restored in Kyiv after overnight strikes" in page
    assert "Olena Kovalenko" in page
    assert "Scheduled" in page
    assert editor_client.get(ADD_URL).status_code == 200
    change = editor_client.get(change_url(published))
    assert change.status_code == 200
    assert b"View on site" in change.content
    assert b"Publish now" in change.content


def test_it_adds_an_article_with_its_relations(
    editor_client, world, regions, reuters, reporter_author
):
    data = article_post(
        world,
        authors=[reporter_author],
        regions=[regions["kyiv"].pk],
        sources=[reuters.pk],
        tags="Energy, Ukraine",
        body="<p>Sirens sounded.</p><script>alert('x')</script>",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(slug="drone-attack-cuts-power")
    assert sorted(story.tags.names()) == ["Energy", "Ukraine"]
    assert list(story.regions.all()) == [regions["kyiv"]]
    assert list(story.sources.all()) == [reuters]
    assert story.byline == "Olena Kovalenko"
    assert "<script" not in story.body and "alert" not in story.body
    assert "Sirens sounded." in story.body
    assert story.created_by.username == "editor"
    assert story.status == Status.DRAFT


def test_it_publishes_now_when_an_editor_leaves_the_time_empty(
    editor_client, world, reporter_author
):
    editor_client.post(
        ADD_URL, article_post(world, authors=[reporter_author], status=Status.PUBLISHED)
    )
    story = Article.objects.get(slug="drone-attack-cuts-power")
    assert story.is_public
    assert story.first_published_at == story.published_at


def test_it_refuses_to_publish_a_story_without_a_byline(editor_client, world):
    response = editor_client.post(ADD_URL, article_post(world, status=Status.PUBLISHED))
    assert response.status_code == 200
    assert "A published story needs a byline" in response.content.decode()
    assert not Article.objects.exists()


def test_it_explains_a_slug_that_is_taken(editor_client, world, published):
    response = editor_client.post(ADD_URL, article_post(world, slug=published.slug))
    assert "Another story already uses this slug" in response.content.decode()
    assert Article.objects.count() == 1


def action(client, name, *articles):
    return client.post(
        LIST_URL,
        {"action": name, "index": "0", "_selected_action": [a.pk for a in articles]},
    )


def test_it_publishes_and_unpublishes_in_bulk_for_an_editor(editor_client, draft, scheduled):
    assert action(editor_client, "publish_now", draft, scheduled).status_code == 302
    assert Article.objects.published().count() == 2
    assert action(editor_client, "unpublish_selected", draft, scheduled).status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {Status.UNPUBLISHED}


def test_it_skips_stories_without_a_byline_when_publishing_in_bulk(editor_client, make_article):
    unsigned = make_article("Unsigned story", public=False, byline_override="")
    response = editor_client.post(
        LIST_URL,
        {"action": "publish_now", "index": "0", "_selected_action": [unsigned.pk]},
        follow=True,
    )
    assert "no byline: Unsigned story" in response.content.decode()
    assert not Article.objects.published().exists()


def test_it_refuses_bulk_publishing_to_a_reporter(reporter_client, draft, published):
    listing = reporter_client.get(LIST_URL)
    assert listing.status_code == 200
    assert b"Publish now" not in listing.content
    action(reporter_client, "publish_now", draft)
    action(reporter_client, "unpublish_selected", published)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert published.is_public


def test_it_offers_a_reporter_only_working_statuses(reporter, reporter_client, draft, change_url):
    # A reporter edits their own drafts only (see tests/staff/test_permissions.py).
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)
    page = reporter_client.get(change_url(draft)).content.decode()
    assert 'value="review"' in page
    assert 'value="published"' not in page


def test_it_does_not_publish_a_reporters_forged_status(
    reporter_client, world, draft, reporter_author, change_url
):
    forged = article_post(world, authors=[reporter_author], status=Status.PUBLISHED)
    assert reporter_client.post(ADD_URL, forged).status_code == 200
    assert not Article.objects.filter(slug="drone-attack-cuts-power").exists()

    edit = article_post(
        world,
        headline=draft.headline,
        slug=draft.slug,
        status=Status.PUBLISHED,
        published_at_0="2020-01-01",
        published_at_1="09:00:00",
    )
    reporter_client.post(change_url(draft), edit)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.published_at is None and draft.first_published_at is None


def test_it_keeps_a_live_storys_publishing_fields_from_a_reporter(
    reporter_client, published, change_url
):
    page = reporter_client.get(change_url(published)).content.decode()
    assert 'name="status"' not in page
    assert 'name="published_at_0"' not in page


def make_newsroom(make_article, regions, reuters, count):
    authors = [
        Author.objects.create(name=f"Writer {n}", slug=f"writer-{count}-{n}") for n in range(count)
    ]
    for n in range(count):
        make_article(
            f"Story {n} of {count}",
            slug=f"size-{count}-{n}",
            regions=[regions["kyiv"], regions["kramatorsk"]],
            sources=[reuters],
            authors=authors[n : n + 3],
            tags=[f"Topic {n}", "Energy"],
            public=n % 2 == 0,
        )


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_articles_in_a_fixed_number_of_queries(
    editor_client, make_article, regions, reuters, count, django_assert_max_num_queries
):
    make_newsroom(make_article, regions, reuters, count)
    with django_assert_max_num_queries(CHANGELIST_QUERY_BUDGET):
        response = editor_client.get(LIST_URL)
    assert response.status_code == 200
    assert f"Story {count - 1} of {count}" in response.content.decode()


def test_it_runs_the_same_queries_for_a_small_and_a_large_list(
    editor_client, make_article, regions, reuters
):
    counts = []
    for size in (3, 30):
        make_newsroom(make_article, regions, reuters, size)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(LIST_URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_filters_articles_by_tag_and_rolled_up_region(
    editor_client, published, make_article, sports
):
    make_article("Cup final tonight", section=sports, tags=["Football"])
    by_tag = editor_client.get(LIST_URL, {"tag": "football"}).content.decode()
    assert "Cup final tonight" in by_tag and "Power restored" not in by_tag
    by_country = editor_client.get(LIST_URL, {"region": "ukraine"}).content.decode()
    assert "Power restored" in by_country and "Cup final tonight" not in by_country


def test_it_shows_the_region_tree_and_finds_alternative_names(editor_client, regions):
    tree = editor_client.get("/admin/articles/region/")
    assert tree.status_code == 200
    page = tree.content.decode()
    assert page.index(">Ukraine<") < page.index(">Kyiv Oblast<") < page.index(">Kyiv<")
    assert 'region-depth-2">Kyiv<' in page
    found = editor_client.get("/admin/articles/region/", {"q": "Kiev"}).content.decode()
    assert ">Kyiv<" in found and "Poland" not in found


def test_it_answers_region_autocomplete_for_an_editor(editor_client, regions):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "regions", "term": "Kiev"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Kyiv"]


def test_it_lists_our_tags_with_counts_instead_of_taggits(editor_client, published, draft):
    page = editor_client.get("/admin/articles/tag/").content.decode()
    assert "Energy" in page and "Embargoed topic" in page
    assert '<td class="field-total_count">2</td>' in page  # "Energy" is on both stories
    assert '<td class="field-published_count">1</td>' in page  # …one of them published
    assert editor_client.get("/admin/taggit/tag/").status_code == 404


def test_it_lets_an_editor_reorder_sections_from_the_list(editor_client, world, sports):
    response = editor_client.post(
        "/admin/articles/section/",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(world.pk),
            "form-0-order": "5",
            "form-1-id": str(sports.pk),
            "form-1-order": "1",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    world.refresh_from_db()
    assert world.order == 5


def test_it_leaves_a_live_storys_publication_alone_on_a_plain_save(
    editor_client, world, published, change_url
):
    credit = published.article_authors.get()
    row = {"id": credit.pk, "article": published.pk, "author": credit.author_id, "position": 0}
    when = timezone.localtime(published.published_at)
    data = article_post(
        world,
        headline="Power fully restored in Kyiv",
        slug=published.slug,
        status=Status.PUBLISHED,
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
        tags="Energy, Ukraine",
        version=str(published.version),
        **inline("article_authors", [row], initial=1),
    )
    assert editor_client.post(change_url(published), data).status_code == 302
    story = Article.objects.get()
    assert story.headline == "Power fully restored in Kyiv"
    # The edit counter moves on with every save; the publication stays exactly as it was.
    assert (story.published_at, story.version) == (published.published_at, published.version + 1)
    assert story.first_published_at == published.first_published_at
    assert story.byline == "Olena Kovalenko"


def test_it_keeps_a_scheduled_time_an_editor_chooses(editor_client, world, reporter_author):
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(microsecond=0)
    data = article_post(
        world,
        authors=[reporter_author],
        status=Status.PUBLISHED,
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
    )
    editor_client.post(ADD_URL, data)
    story = Article.objects.get()
    assert story.published_at == when
    assert not story.is_public
    assert "Scheduled" in editor_client.get(LIST_URL).content.decode()


def test_it_says_version_1_and_draft_after_a_new_storys_first_save(
    editor_client, world, reporter_author, change_url
):
    response = editor_client.post(ADD_URL, article_post(world, authors=[reporter_author]))
    story = Article.objects.get(slug="drone-attack-cuts-power")
    assert response.status_code == 302 and story.version == 1
    page = editor_client.get(change_url(story)).content.decode()
    assert "Where it stands: <strong>Draft</strong>" in page and "version 1" in page


def test_it_sets_an_embargo_from_the_form_through_the_workflow(
    editor_client, published, change_url
):
    until = timezone.localtime(timezone.now() + timedelta(hours=5))
    data = article_post(
        published.section,
        authors=[published.article_authors.get().author],
        slug=published.slug,
        status=Status.PUBLISHED,
        version=str(published.version),
        embargo_until_0=until.strftime("%Y-%m-%d"),
        embargo_until_1=until.strftime("%H:%M:%S"),
    )
    when = timezone.localtime(published.published_at)
    data.update(published_at_0=when.strftime("%Y-%m-%d"), published_at_1=when.strftime("%H:%M:%S"))
    data["article_authors-0-id"] = str(published.article_authors.get().pk)
    data["article_authors-INITIAL_FORMS"] = "1"
    response = editor_client.post(change_url(published), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(pk=published.pk)
    assert story.publication_state == "embargoed"
    entry = story.audit_entries.get(action="embargoed")
    assert entry.by.username == "editor"
    listing = editor_client.get(LIST_URL, {"state": "embargoed"}).content.decode()
    assert story.headline in listing


def test_it_filters_the_list_by_where_stories_stand(editor_client, published, scheduled, draft):
    page = editor_client.get(LIST_URL, {"state": "scheduled"}).content.decode()
    assert scheduled.headline in page
    assert published.headline not in page and draft.headline not in page
    page = editor_client.get(LIST_URL, {"state": "live"}).content.decode()
    assert published.headline in page and scheduled.headline not in page
