"""Peak memory of checking one upload (`articles.images.safety.clean`), measured in a child.

Shared by the upload tests (`tests/images/test_image_uploads.py`, which bound it) and the
image benchmark (`bench/images.py`, which reports it). Run as a script in a fresh interpreter,
it checks the file named on its command line and prints the outcome and the megabytes its
peak resident memory rose above a bare interpreter with Pillow loaded; `peak(path)` runs it
that way and reads the answer. A child process, because a process's peak never goes down.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def _measure(path: Path) -> dict:
    from articles.images import safety

    # A child starts with its parent's peak (kept across fork and exec): start the count afresh.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status("VmRSS")
    outcome = "kept"
    with path.open("rb") as handle:
        try:
            safety.clean(handle, path.stat().st_size)
        except safety.PictureRefused as refused:
            outcome = str(refused)
    return {"outcome": outcome, "megabytes": _status("VmHWM") - before}


def peak(path: Path) -> dict:
    """Check `path` in a fresh interpreter: {"outcome": "kept" or the refusal, "megabytes": …}."""
    done = subprocess.run(
        [sys.executable, __file__, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(done.stdout)


if __name__ == "__main__":
    # Settings are read for the pixel and size limits only; no database is touched.
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    print(json.dumps(_measure(Path(sys.argv[1]))))
