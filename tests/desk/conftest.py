"""Fixtures for the desk tests: the article form's autosave calls."""

import json

import pytest


@pytest.fixture
def autosave_url():
    """`autosave_url(story)`: the autosave endpoint of a saved story's form;
    `autosave_url("new-…")`: of the form of a new story with that key."""

    def url(story_or_key):
        key = story_or_key if isinstance(story_or_key, str) else f"story-{story_or_key.pk}"
        return f"/admin/articles/article/autosave/{key}/"

    return url


@pytest.fixture
def keep_form(autosave_url, edit_post):
    """`keep_form(client, story, **changes)`: what the page's autosave sends for `story`'s form
    (as `edit_post` builds it, with `changes`); `keep_form(client, "new-…", fields=[…])` for a
    new story's form. Returns the response."""

    def keep(client, story_or_key, *, fields=None, labels=None, **changes):
        if fields is None:
            data = edit_post(story_or_key, **changes)
            fields = [
                [name, str(item)]
                for name, value in data.items()
                for item in (value if isinstance(value, list) else [value])
            ]
        body = {"fields": fields, "labels": labels or {}}
        return client.post(
            autosave_url(story_or_key), json.dumps(body), content_type="application/json"
        )

    return keep
