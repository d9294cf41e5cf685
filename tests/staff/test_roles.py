"""The staff roles created by migration 0002 and what each may reach in the admin."""

import pytest
from django.contrib.auth.models import Group

from articles.staff.roles import (
    EDITOR,
    PUBLISH_PERMISSION,
    REPORTER,
    ROLES,
    TAG_MANAGER,
    can_publish,
)


def granted(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("group_name", [EDITOR, REPORTER, TAG_MANAGER])
def test_it_creates_each_group_with_exactly_its_listed_permissions(db, group_name):
    assert granted(group_name) == set(ROLES[group_name])


def test_it_lets_only_editors_publish(editor, reporter, tag_manager):
    # The fixtures load each user afresh: no permissions cached.
    assert can_publish(editor)
    assert not can_publish(reporter)
    assert not can_publish(tag_manager)
    assert PUBLISH_PERMISSION in granted(EDITOR)


def test_it_gives_reporters_no_delete_permission(db):
    assert not any(".delete_" in permission for permission in granted(REPORTER))


def test_it_refuses_a_reporter_the_delete_page(reporter_client, published):
    assert reporter_client.get(f"/admin/articles/article/{published.pk}/change/").status_code == 200
    assert reporter_client.get(f"/admin/articles/article/{published.pk}/delete/").status_code == 403


def test_it_lets_a_reporter_search_regions_for_an_article(reporter_client, regions):
    response = reporter_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "regions", "term": "Kyi"},
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} == {"Kyiv", "Kyiv Oblast"}


def test_it_keeps_tag_managers_to_the_tags(tag_manager_client, published):
    assert tag_manager_client.get("/admin/articles/tag/").status_code == 200
    assert b"Energy" in tag_manager_client.get("/admin/articles/tag/").content
    assert tag_manager_client.get("/admin/articles/article/").status_code == 403
    assert tag_manager_client.get("/admin/articles/region/").status_code == 403


def test_it_lets_an_editor_manage_regions_but_not_delete_stories(editor_client, regions, published):
    region = regions["kyiv"]
    assert editor_client.get(f"/admin/articles/region/{region.pk}/change/").status_code == 200
    assert editor_client.get("/admin/articles/region/add/").status_code == 200
    assert editor_client.get(f"/admin/articles/article/{published.pk}/delete/").status_code == 403
