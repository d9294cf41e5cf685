"""The demo loader as a command: what it prints, and the sites it refuses. Each test starts
from an empty newsroom (tests/operations/test_demo.py shares one loaded demo)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_site(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", "--quiet", *args, stdout=out)
    return out.getvalue()


def test_it_lists_each_item_unless_quiet():
    out = io.StringIO()
    call_command("load_demo", "--no-images", stdout=out)
    assert "article [draft] Banks brace for tougher capital rules" in out.getvalue()
    assert "source Meridian Wire (agency)" in out.getvalue()

    Article.objects.filter(slug="banks-brace-for-capital-rules").delete()
    assert "article [" not in load_demo("--no-images")


def test_it_refuses_to_create_demo_accounts_on_a_site_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        load_demo("--no-images")
    assert not get_user_model().objects.filter(username="admin").exists()

    load_demo("--no-images", "--allow-without-debug")
    assert get_user_model().objects.filter(username="admin").exists()
