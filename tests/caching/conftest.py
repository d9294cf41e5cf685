import pytest
from django.core.cache import cache


@pytest.fixture
def shared_cache(settings, page_cache):
    """The page cache as with Redis: entries follow their keys, not the edition (one process
    here, so the in-process cache stands in for a shared one)."""
    settings.SHARED_CACHE = True
    cache.clear()
    yield
    cache.clear()
