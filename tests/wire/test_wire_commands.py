"""`manage.py ingest`: files, directories and URLs into the wire queue, with a summary."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, WireStory

WIRE_SAMPLES = Path(__file__).resolve().parents[1] / "data" / "wire"


def _ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# The desk's first eight samples, one per format (the directory has more since).
FIRST_SAMPLES = [
    "email.txt",
    "feed.atom",
    "feed.rss",
    "lysychansk.txt",
    "ninjs-1.json",
    "ninjs-2.json",
    "ninjs-3-v2.json",
    "ninjs-3.json",
]


def test_it_ingests_a_directory_and_a_rerun_changes_nothing(wire_provider, tmp_path):
    for name in FIRST_SAMPLES:
        (tmp_path / name).write_bytes((WIRE_SAMPLES / name).read_bytes())
    out, err = _ingest(str(tmp_path), "--provider", "cpa")
    again, _ = _ingest(str(tmp_path), "--provider", "cpa")

    # Files in name order: ninjs-3-v2.json comes before ninjs-3.json, whose older version of
    # the same item changes nothing; the picture in ninjs-3.json is refused.
    assert "[##############################] 8/8" in out
    assert "Ingested 8 file(s): 11 new, 0 updated, 0 held, 1 unchanged, 1 refused." in out
    assert "A ninjs picture item is not a story" in err
    assert "Ingested 8 file(s): 0 new, 0 updated, 0 held, 12 unchanged, 1 refused." in again
    assert Article.objects.count() == WireStory.objects.count() == 11


def test_it_ingests_single_files(wire_provider):
    out, _ = _ingest(str(WIRE_SAMPLES / "ninjs-1.json"), "--provider", "cpa")

    assert "1 new" in out
    assert WireStory.objects.get().headline.startswith("Warsaw commuter line reopens")


def test_it_says_what_is_wrong_with_the_command_line(wire_provider):
    with pytest.raises(CommandError, match="No wire provider 'nobody'"):
        _ingest(str(WIRE_SAMPLES), "--provider", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        _ingest("/nonexistent/copy.json", "--provider", "cpa")
