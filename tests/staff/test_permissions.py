"""The permission matrix: every role against every admin page and action, GET and POST.

A refused request answers 403 (or the login redirect for anonymous visitors, or the admin's
"no action selected" redirect for an action a role is not offered), and a refused POST leaves
the database exactly as it was, forged fields and all.
"""

import pytest
from django.contrib.auth.models import Group, User
from reversion.models import Version

from articles.models import (
    Article,
    ArticleAuthor,
    AuditEntry,
    Correction,
    DraftInProgress,
    Redirect,
    RelatedStory,
    Status,
    StoryPresence,
    TaggedArticle,
)
from articles.staff.roles import REPORTER
from articles.workflow.revisions import article_versions

ARTICLES = "/admin/articles/article/"
ROLES = ("anonymous", "reporter", "tag_manager", "editor", "superuser")


@pytest.fixture
def newsroom(
    make_article,
    published,
    draft,
    regions,
    reporter_author,
    reporter,
    tag_manager,
    editor,
    superuser,
    edit_post,
):
    users = {
        "reporter": reporter,
        "tag_manager": tag_manager,
        "editor": editor,
        "superuser": superuser,
    }
    own = make_article(
        "Reporter's own draft", slug="own-draft", public=False, authors=[reporter_author]
    )
    Article.objects.filter(pk=own.pk).update(created_by=users["reporter"])
    published.refresh_from_db()
    return {
        "users": users,
        "own": Article.objects.get(pk=own.pk),
        "others": draft,
        "live": published,
        "live_version": article_versions(published).first(),
        # The refused requests below build their forms when the test runs, from `n`.
        "edit_post": edit_post,
    }


@pytest.fixture
def session(newsroom, client, login):
    """`session(role)`: a client logged in as that role's user, or a visitor ("anonymous")."""

    def open_session(role):
        return client if role == "anonymous" else login(newsroom["users"][role])

    return open_session


def database_state():
    """Everything a refused request must not touch."""
    return (
        list(Article.objects.order_by("pk").values()),
        list(ArticleAuthor.objects.order_by("pk").values()),
        list(RelatedStory.objects.order_by("pk").values()),
        list(TaggedArticle.objects.order_by("pk").values()),
        list(Correction.objects.order_by("pk").values()),
        list(AuditEntry.objects.order_by("pk").values()),
        list(Redirect.objects.order_by("pk").values()),
        list(DraftInProgress.objects.order_by("pk").values()),
        list(StoryPresence.objects.order_by("pk").values()),
        Version.objects.count(),
        list(User.objects.order_by("pk").values()),
        list(Group.objects.order_by("pk").values("name", "permissions")),
    )


def refused(response):
    if response.status_code == 403:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and "/login/" in location


# Pages: (name, url builder) -> roles that may open them.
PAGES = {
    "article list": (lambda n: ARTICLES, {"reporter", "editor", "superuser"}),
    "add article": (lambda n: ARTICLES + "add/", {"reporter", "editor", "superuser"}),
    "change others' draft": (
        lambda n: f"{ARTICLES}{n['others'].pk}/change/",
        {"reporter", "editor", "superuser"},  # reporters: read-only view
    ),
    "delete a story": (lambda n: f"{ARTICLES}{n['live'].pk}/delete/", {"superuser"}),
    "django history of others' draft": (
        lambda n: f"{ARTICLES}{n['others'].pk}/history/",
        {"editor", "superuser"},
    ),
    "revisions": (lambda n: f"{ARTICLES}{n['live'].pk}/revisions/", {"editor", "superuser"}),
    "compare revisions": (
        lambda n: (
            f"{ARTICLES}{n['live'].pk}/revisions/compare/"
            f"?old={n['live_version'].pk}&new={n['live_version'].pk}"
        ),
        {"editor", "superuser"},
    ),
    "preview others' draft": (
        lambda n: f"{ARTICLES}{n['others'].pk}/preview/",
        {"editor", "superuser"},
    ),
    "preview own draft": (
        lambda n: f"{ARTICLES}{n['own'].pk}/preview/",
        {"reporter", "editor", "superuser"},
    ),
    "related-story search": (
        lambda n: (
            f"{ARTICLES}related-lookup/?app_label=articles&model_name=relatedstory"
            f"&field_name=related&story={n['own'].pk}"
        ),
        {"reporter", "editor", "superuser"},
    ),
    "users": (lambda n: "/admin/auth/user/", {"superuser"}),
    "groups": (lambda n: "/admin/auth/group/", {"superuser"}),
    "add user": (lambda n: "/admin/auth/user/add/", {"superuser"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_it_opens_each_admin_page_only_to_the_roles_allowed(newsroom, session, role, page):
    url, allowed = PAGES[page]
    response = session(role).get(url(newsroom))
    if role in allowed:
        assert response.status_code == 200, f"{role} should open {page}"
    else:
        assert refused(response), f"{role} should be refused {page}: {response.status_code}"


def test_it_shows_a_reporter_others_work_read_only(newsroom, session):
    page = session("reporter").get(f"{ARTICLES}{newsroom['others'].pk}/change/")
    html = page.content.decode()
    assert 'name="_save"' not in html and 'name="headline"' not in html


def _bulk(action, *articles):
    return {"action": action, "index": "0", "_selected_action": [a.pk for a in articles]}


def _form_action(action, article):
    return {"CHANGE_FORM-action": action, "_selected_action": [article.pk]}


# Refused POSTs: (name, request builder) -> roles refused. Each returns (url, data).
REFUSED_POSTS = {
    "edit others' draft": (
        lambda n: (
            f"{ARTICLES}{n['others'].pk}/change/",
            n["edit_post"](n["others"], headline="X"),
        ),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "edit a live story": (
        lambda n: (f"{ARTICLES}{n['live'].pk}/change/", n["edit_post"](n["live"], headline="X")),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "publish own draft by a forged status": (
        lambda n: (
            f"{ARTICLES}{n['own'].pk}/change/",
            n["edit_post"](n["own"], status=Status.PUBLISHED, headline="X"),
        ),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "add a story already published": (
        lambda n: (
            ARTICLES + "add/",
            {**n["edit_post"](n["own"], slug="forged-new", status=Status.PUBLISHED), "version": ""},
        ),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "delete a story": (
        lambda n: (f"{ARTICLES}{n['live'].pk}/delete/", {"post": "yes"}),
        {"anonymous", "reporter", "tag_manager", "editor"},
    ),
    "bulk publish": (
        lambda n: (ARTICLES, _bulk("publish_now", n["own"], n["others"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "bulk unpublish": (
        lambda n: (ARTICLES, _bulk("unpublish_selected", n["live"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "bulk return to draft": (
        lambda n: (ARTICLES, _bulk("return_selected_to_draft", n["live"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "bulk delete": (
        lambda n: (ARTICLES, {**_bulk("delete_selected", n["live"]), "post": "yes"}),
        {"anonymous", "reporter", "tag_manager", "editor"},
    ),
    "submit others' draft": (
        lambda n: (ARTICLES, _bulk("submit_selected", n["others"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "publish button on own draft": (
        lambda n: (f"{ARTICLES}{n['own'].pk}/change/", _form_action("publish_now", n["own"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "submit button on others' draft": (
        lambda n: (
            f"{ARTICLES}{n['others'].pk}/change/",
            _form_action("submit_selected", n["others"]),
        ),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "restore a revision": (
        lambda n: (f"{ARTICLES}{n['live'].pk}/revisions/{n['live_version'].pk}/restore/", {}),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "keep unsaved work on others' draft": (
        lambda n: (f"{ARTICLES}autosave/story-{n['others'].pk}/", {"fields": "forged"}),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "keep unsaved work on a live story": (
        lambda n: (f"{ARTICLES}autosave/story-{n['live'].pk}/", {"fields": "forged"}),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "keep a new story's form": (
        lambda n: (f"{ARTICLES}autosave/new-forged-form-key/", {"fields": "forged"}),
        {"anonymous", "tag_manager"},
    ),
    "say one has others' draft open": (
        lambda n: (f"{ARTICLES}{n['others'].pk}/presence/", {}),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "preview the posted form of others' draft": (
        lambda n: (f"{ARTICLES}{n['others'].pk}/preview-form/", n["edit_post"](n["others"])),
        {"anonymous", "reporter", "tag_manager"},
    ),
    "preview the form of a new story": (
        lambda n: (f"{ARTICLES}preview-form/", {"headline": "Forged", "slug": "forged"}),
        {"anonymous", "tag_manager"},
    ),
    "add a user": (
        lambda n: (
            "/admin/auth/user/add/",
            {
                "username": "intruder",
                "password1": "Very-long-pass-1",
                "password2": "Very-long-pass-1",
            },
        ),
        {"anonymous", "reporter", "tag_manager", "editor"},
    ),
    "give a group every permission": (
        lambda n: (
            f"/admin/auth/group/{Group.objects.get(name=REPORTER).pk}/change/",
            {"name": REPORTER, "permissions": [str(p) for p in range(1, 200)]},
        ),
        {"anonymous", "reporter", "tag_manager", "editor"},
    ),
    "make oneself a superuser": (
        lambda n: (
            f"/admin/auth/user/{n['users']['reporter'].pk}/change/",
            {"username": "reporter", "is_superuser": "on", "is_staff": "on"},
        ),
        {"anonymous", "reporter", "tag_manager", "editor"},
    ),
}


@pytest.mark.parametrize(
    ("action", "role"),
    [(action, role) for action, (_, refused) in REFUSED_POSTS.items() for role in sorted(refused)],
)
def test_it_refuses_each_forbidden_post_and_changes_nothing(newsroom, session, role, action):
    build, _ = REFUSED_POSTS[action]
    url, data = build(newsroom)
    client = session(role)  # logging in stamps last_login: before the snapshot
    before = database_state()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 403), response.status_code
    if response.status_code == 200:
        # The form refused a value it never offers (e.g. status "published" to a reporter).
        assert "Select a valid choice" in response.content.decode()
    if response.status_code == 302:
        # Either the login page, or the list/form again after "no action selected".
        assert "/login/" in response["Location"] or response["Location"].startswith(ARTICLES)
    assert database_state() == before


def test_it_ignores_a_reporters_forged_embargo_and_correction(newsroom, session, edit_post):
    own = newsroom["own"]
    data = edit_post(
        own,
        headline="Reporter's own draft, rewritten",
        embargo_until_0="2020-01-01",
        embargo_until_1="09:00:00",
        updated_at_0="2020-01-01",
        updated_at_1="09:00:00",
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Forged correction",
        },
    )
    response = session("reporter").post(f"{ARTICLES}{own.pk}/change/", data)
    assert response.status_code == 302
    story = Article.objects.get(pk=own.pk)
    assert story.headline == "Reporter's own draft, rewritten"  # their own words: saved
    assert story.embargo_until is None and story.updated_at is None
    assert not Correction.objects.exists()
    assert story.status == Status.DRAFT


def test_it_lets_an_editor_do_what_reporters_are_refused(newsroom, session):
    editor = session("editor")
    editor.post(ARTICLES, _bulk("publish_now", newsroom["others"]))
    assert Article.objects.get(pk=newsroom["others"].pk).is_public
    editor.post(
        f"{ARTICLES}{newsroom['live'].pk}/change/",
        _form_action("unpublish_selected", newsroom["live"]),
    )
    assert Article.objects.get(pk=newsroom["live"].pk).status == Status.UNPUBLISHED
