"""The validator gate: it shares the browser tests' launch of Debian's Chromium, and runs last.

The gate loads the demo newsroom once, commits it for its own live server, and flushes the
database when it is done (putting the serialized test database back); running after every
other test keeps that flush from reaching them.
"""

import pytest

from tests.e2e.conftest import browser_type_launch_args  # noqa: F401 (a fixture, re-exported)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    gate = [item for item in items if "tests/gate/" in item.nodeid.replace("\\", "/")]
    if gate:
        rest = [item for item in items if item not in gate]
        items[:] = rest + gate
