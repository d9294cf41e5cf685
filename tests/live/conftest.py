import pytest

from articles.live import entries


@pytest.fixture
def live_story(published, editor):
    """ "Power restored in Kyiv…" switched into live coverage by an editor."""
    entries.start_coverage(published, by=editor)
    published.refresh_from_db()
    return published


@pytest.fixture
def coverage(live_story):
    return live_story.live


@pytest.fixture
def post(coverage, editor):
    """`post("<p>…</p>", **options)`: an entry the editor posts now."""

    def make(body="<p>Sirens sounded across Kyiv at 04:10.</p>", *, by=editor, **options):
        return entries.post_entry(coverage, body, by=by, **options)

    return make
