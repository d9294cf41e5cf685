"""Fixtures for the operations tests: settings read from an environment, a generated archive."""

import os
import runpy
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest

from tests.once import generated_archive

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "newsroom" / "settings.py"


@pytest.fixture(scope="session")
def settings_from_environment():
    """`settings_from_environment(MEDIA_STORAGE="s3", DATABASE_REPLICA_URL=None, …)`: the names
    newsroom/settings.py defines (a dict) when run with those variables set (None: unset).

    The settings module runs again on its own, so a test applies exactly what production would
    get from the same environment, while this process's own settings stay as they are.
    """

    def evaluate(**variables):
        environment = {name: value for name, value in os.environ.items() if name not in variables}
        environment |= {name: value for name, value in variables.items() if value is not None}
        with mock.patch.dict(os.environ, environment, clear=True):
            return runpy.run_path(str(SETTINGS_FILE))

    return evaluate


@pytest.fixture
def generate_archive(db):
    """`generate_archive(stories)` loads a synthetic archive of that many stories with the
    benchmark's generator (`bench/generate.py`: COPY, so PostgreSQL only) into this test's
    transaction, which rolls it back afterwards (tests/once.py shares one across a module)."""
    with ExitStack() as stack:
        yield lambda stories: stack.enter_context(generated_archive(stories))
