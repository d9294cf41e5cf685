"""The staff roles created by migration 0002 and what each may reach in the admin."""

import pytest
from django.contrib.auth.models import Group, User

from articles.roles import EDITOR, PUBLISH_PERMISSION, REPORTER, ROLES, TAG_MANAGER, can_publish


def member_of(group_name):
    user = User.objects.create_user(group_name.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return User.objects.get(pk=user.pk)  # a fresh object: no cached permissions


def granted(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("group_name", [EDITOR, REPORTER, TAG_MANAGER])
def test_it_creates_each_group_with_exactly_its_listed_permissions(db, group_name):
    assert granted(group_name) == set(ROLES[group_name])


def test_it_lets_only_editors_publish(db):
    assert can_publish(member_of(EDITOR))
    assert not can_publish(member_of(REPORTER))
    assert not can_publish(member_of(TAG_MANAGER))
    assert PUBLISH_PERMISSION in granted(EDITOR)


def test_it_gives_reporters_no_delete_permission(db):
    assert not any(".delete_" in permission for permission in granted(REPORTER))


def test_it_refuses_a_reporter_the_delete_page(client, published):
    client.force_login(member_of(REPORTER))
    assert client.get(f"/admin/articles/article/{published.pk}/change/").status_code == 200
    assert client.get(f"/admin/articles/article/{published.pk}/delete/").status_code == 403


def test_it_lets_a_reporter_search_regions_for_an_article(client, regions):
    client.force_login(member_of(REPORTER))
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "regions", "term": "Kyi"},
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} == {"Kyiv", "Kyiv Oblast"}


def test_it_keeps_tag_managers_to_the_tags(client, published):
    client.force_login(member_of(TAG_MANAGER))
    assert client.get("/admin/articles/tag/").status_code == 200
    assert b"Energy" in client.get("/admin/articles/tag/").content
    assert client.get("/admin/articles/article/").status_code == 403
    assert client.get("/admin/articles/region/").status_code == 403


def test_it_lets_an_editor_manage_regions_but_not_delete_stories(client, regions, published):
    client.force_login(member_of(EDITOR))
    region = regions["kyiv"]
    assert client.get(f"/admin/articles/region/{region.pk}/change/").status_code == 200
    assert client.get("/admin/articles/region/add/").status_code == 200
    assert client.get(f"/admin/articles/article/{published.pk}/delete/").status_code == 403
