"""Two people giving the same name at the same moment: one gets the name, the other a form
error — never a server error, never two entries."""

import threading
import time

import pytest
from django.db import connection, transaction

from articles.admin.tags import TagAdmin
from articles.models import Tag
from articles.staff.roles import TAG_MANAGER

ADD_TAG = "/admin/articles/tag/add/"


def add_form(name, slug):
    return {
        "name": name,
        "slug": slug,
        "description": "",
        "mediatopic_uri": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "0",
        "pins-INITIAL_FORMS": "0",
    }


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent writers (SQLite's IMMEDIATE transactions already "
    "let one writer in at a time)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_gives_the_second_of_two_simultaneous_tag_managers_a_form_error(
    monkeypatch, make_staff, login
):
    # Two tag managers, each on a client of their own (two browsers).
    alice = login(make_staff(TAG_MANAGER, "alice"))
    bob = login(make_staff(TAG_MANAGER, "bob"))
    forms = {alice: add_form("Zrace X", "zrace-x"), bob: add_form("ZRACE X", "zrace-x-upper")}

    # Widen the window between checking the name and writing the tag, so that without the
    # name lock both checks would pass before either tag exists.
    save_model = TagAdmin.save_model

    def slow_save_model(self, *args, **kwargs):
        time.sleep(0.5)
        return save_model(self, *args, **kwargs)

    monkeypatch.setattr(TagAdmin, "save_model", slow_save_model)
    start = threading.Barrier(2)
    pages = {}

    def add(client):
        start.wait()
        try:
            response = client.post(ADD_TAG, forms[client])
            pages[client] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(client,)) for client in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in pages.values()) == [200, 302]
    refused = next(page for status, page in pages.values() if status == 200)
    assert "already exists (perhaps in another case or spelling)" in refused
    assert Tag.objects.filter(key="zrace x").count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent writers (SQLite's IMMEDIATE transactions already "
    "let one writer in at a time)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_files_two_stories_tagged_at_once_in_two_spellings_under_one_tag(make_article):
    stories = [make_article(public=False), make_article(public=False)]
    spellings = dict(zip(stories, ["Zrace Y", "ZRACE Y"], strict=True))
    start = threading.Barrier(2)
    failures = []

    def tag(story):
        start.wait()
        try:
            with transaction.atomic():
                story.tags.add(spellings[story])
                time.sleep(0.5)  # hold the new tag uncommitted while the other one tries
        except Exception as error:  # reported below, not lost in the thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tag, args=(story,)) for story in stories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Tag.objects.filter(key="zrace y").count() == 1
    # One tag, in the spelling of whoever came first, on both stories.
    assert {tuple(story.tags.names()) for story in stories} in ({("Zrace Y",)}, {("ZRACE Y",)})
