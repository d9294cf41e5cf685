"""The environment the test suite runs in, set before Django reads the settings.

A pytest plugin (`-p tests.environment` in pyproject.toml), because pytest-django imports the
settings before any conftest.py. The suite runs the production settings: DEBUG unset and no
env file (not even the developer's `.env`, which `make` names), so what passes here is what a
server started without DEBUG does. A test that wants DEBUG on says so with the `settings`
fixture. Only what production cannot give a test run is set: a throwaway key, the hosts the
test client and the live server use, and plain HTTP on loopback.
"""

import os

TEST_ENVIRONMENT = {
    "SECRET_KEY": "test-suite-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    # The test client and the browser tests speak plain HTTP, which would be redirected.
    "SECURE_SSL_REDIRECT": "false",
    # Tests sign staff in with force_login (no second factor); a test that checks the
    # requirement turns it on (tests/accounts).
    "STAFF_REQUIRE_2FA": "false",
    # Nor do they confirm who they are before sensitive steps (tests/accounts checks that).
    "STAFF_REAUTH_SECONDS": "0",
}

for name in ("DEBUG", "NEWSROOM_ENV_FILE"):
    os.environ.pop(name, None)
os.environ.update(TEST_ENVIRONMENT)
