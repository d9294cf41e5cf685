"""A real CDN in front speaks the page cache's keys: through Varnish (with vmod-xkey), a change
refreshes exactly the pages that show it while the others stay Varnish hits, and a draft save
purges nothing (docs/operations/caching.md, "A CDN in front").

Needs `varnishd` and vmod-xkey (Debian's `varnish` and `varnish-modules`); skipped without
them, a failure in CI (NEWSROOM_REQUIRE_BROWSER=1).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from django.core.cache import cache

from articles.caching import purging
from articles.models import CdnPurge
from articles.workflow import save_edits

# A fixed port: the tests that start Varnish run on one test worker (xdist_group).
pytestmark = pytest.mark.xdist_group("varnish")
VARNISH_PORT = 18101  # this task's port range: 18100–18199
XKEY = "/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so"

VCL = """vcl 4.1;
import xkey;
backend default { .host = "127.0.0.1"; .port = "%(origin)s"; }
acl purgers { "127.0.0.1"; }
sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
    if (req.http.xkey-purge) {
      set req.http.n = xkey.purge(req.http.xkey-purge);
      return (synth(200, "Purged " + req.http.n));
    }
    return (synth(400, "xkey-purge header missing"));
  }
}
sub vcl_deliver {
  if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
  unset resp.http.xkey;
}
"""


def _missing() -> str:
    if not shutil.which("varnishd"):
        return "varnishd is not installed (apt-get install varnish varnish-modules)"
    if not os.path.exists(XKEY):
        return "vmod-xkey is not installed (apt-get install varnish-modules)"
    return ""


@pytest.fixture
def varnish(live_server, tmp_path):
    missing = _missing()
    if missing:
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)
    origin = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "test.vcl"
    vcl.write_text(VCL % {"origin": origin})
    pidfile = tmp_path / "varnish.pid"
    subprocess.run(
        [
            "varnishd",
            # No privilege-dropping jail: the files live in the test's private tmp_path.
            "-j",
            "none",
            "-a",
            f"127.0.0.1:{VARNISH_PORT}",
            "-f",
            str(vcl),
            "-n",
            str(tmp_path / "work"),
            "-s",
            "malloc,32m",
            "-P",
            str(pidfile),
        ],
        check=True,
        capture_output=True,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", VARNISH_PORT), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield f"http://127.0.0.1:{VARNISH_PORT}"
    os.kill(int(pidfile.read_text()), signal.SIGTERM)


@pytest.fixture
def cdn(settings, varnish, page_cache):
    settings.SHARED_CACHE = True
    settings.CDN_KEYS_HEADER = "xkey"
    settings.CDN_PURGE = "varnish"
    settings.CDN_PURGE_ENDPOINTS = [varnish + "/"]
    cache.clear()
    yield varnish
    cache.clear()


def through(cdn: str, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(cdn + path, timeout=10) as response:
        return response.headers["X-Cache"], response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_it_refreshes_through_varnish_exactly_the_pages_that_show_a_change(
    cdn, make_article, sports, draft
):
    story = make_article("Power restored in Kyiv", slug="power-restored")
    other = make_article("Shakhtar win the cup final", slug="cup-final", section=sports)
    save_edits(story)  # its filing recorded, as after any committed change
    purging.send_due()
    pages = [story.get_absolute_url(), "/", "/world/", other.get_absolute_url(), "/sports/"]
    for path in pages:
        through(cdn, path)
    assert {path: through(cdn, path)[0] for path in pages} == dict.fromkeys(pages, "HIT")

    story.standfirst = "Engineers reconnected the last district at dawn."
    save_edits(story)
    assert purging.send_due() == 1
    seen = {path: through(cdn, path) for path in pages}
    assert {path: state for path, (state, _) in seen.items()} == {
        story.get_absolute_url(): "MISS",
        "/": "MISS",
        "/world/": "MISS",
        other.get_absolute_url(): "HIT",
        "/sports/": "HIT",
    }
    assert "Engineers reconnected" in seen[story.get_absolute_url()][1]

    before = CdnPurge.objects.count()
    draft.standfirst = "Not yet."
    save_edits(draft)
    assert CdnPurge.objects.count() == before  # a draft save purges nothing
    assert {path: through(cdn, path)[0] for path in pages} == dict.fromkeys(pages, "HIT")
