"""Settings: production unless told otherwise, refusing to start misconfigured, clean under
`check --deploy`, and a content security policy that no page needs to bend."""

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.environment import TEST_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "news.example.org",
    "SITE_URL": "https://news.example.org",
}


def run(args, cwd, **env):
    # Start from this process's environment minus what the test decides: the production values,
    # the suite's own environment, and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which no
    # production server would have.
    dropped = {*PRODUCTION, *TEST_ENVIRONMENT, "NEWSROOM_ENV_FILE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


def manage(*args, **env):
    return run([sys.executable, "manage.py", *args], ROOT, **env)


@pytest.fixture
def deploy_dir(tmp_path):
    """A server's directory as `make` may have left it: the settings module beside the
    development `.env` that make copies from `.env.example` (DEBUG=true)."""
    (tmp_path / "newsroom").mkdir()
    shutil.copy(ROOT / "newsroom" / "settings.py", tmp_path / "newsroom" / "settings.py")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    return tmp_path


def start(directory, **env):
    """Import the settings as a server started in `directory` with `env` would; the result's
    stdout reads "DEBUG True" or "DEBUG False" when they load."""
    script = "import runpy; print('DEBUG', runpy.run_path('newsroom/settings.py')['DEBUG'])"
    return run([sys.executable, "-c", script], directory, **env)


def test_it_runs_in_production_when_debug_is_unset_even_beside_the_development_env_file(
    deploy_dir,
):
    result = start(
        deploy_dir, SECRET_KEY=PRODUCTION["SECRET_KEY"], ALLOWED_HOSTS="news.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG False"


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_unset(deploy_dir):
    result = start(deploy_dir, ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_reads_development_settings_only_from_the_env_file_it_is_told_to(deploy_dir, tmp_path):
    elsewhere = tmp_path / "local" / "development.env"
    elsewhere.parent.mkdir()
    (deploy_dir / ".env").rename(elsewhere)
    result = start(deploy_dir, NEWSROOM_ENV_FILE=str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG True"


def test_it_refuses_to_start_when_the_named_env_file_is_missing(deploy_dir):
    result = start(deploy_dir, NEWSROOM_ENV_FILE=str(deploy_dir / "no-such.env"))
    assert result.returncode != 0
    assert "NEWSROOM_ENV_FILE names" in result.stderr


def test_it_runs_the_test_suite_on_the_production_settings(settings):
    # Set only when the settings load with DEBUG off; the suite never reads a developer's .env.
    assert settings.SECURE_HSTS_SECONDS == 60 * 60 * 24 * 365
    assert settings.SESSION_COOKIE_SECURE is True


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_refuses_to_start_in_production_without_allowed_hosts():
    result = manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_it_passes_the_deployment_checklist_with_production_values():
    # A production site runs several workers on a shared cache (the address is never dialled).
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", CACHE_URL="redis://127.0.0.1:6379/0",
        **PRODUCTION,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_says_when_a_production_site_runs_on_the_in_process_cache():
    """Each worker would count the autosave, presence and sign-in rate limits on its own."""
    result = manage("check", "--deploy", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert "newsroom.I001" in said and "CACHE_URL or REDIS_URL" in said


class ScriptsAndHandlers(HTMLParser):
    """Collects a page's <script> elements and any inline event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]


def test_it_allows_no_inline_script_and_no_page_carries_one(client, published, reporter_author):
    pages = [
        "/",
        "/world/",
        published.get_absolute_url(),
        "/regions/",
        "/regions/kyiv/",
        "/sources/",
        "/sources/reuters/",
        "/tags/",
        "/tags/energy/",
        "/authors/olena-kovalenko/",
        "/search/?q=Kyiv",
        "/corrections/",
        "/no-such-page/",
        "/admin/login/",
    ]
    for path in pages:
        response = client.get(path)
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert "'unsafe-inline'" not in policy["script-src"], path
        assert "'unsafe-inline'" not in policy.get("default-src", ""), path
        page = ScriptsAndHandlers()
        page.feed(response.content.decode())
        # A script is a file of our own, or JSON-LD: a data block, which browsers never run.
        inline = [
            s for s in page.scripts if "src" not in s and s.get("type") != "application/ld+json"
        ]
        assert inline == [], path
        assert page.handlers == [], path
