"""`manage.py ingest FILE|DIR|URL … --provider SLUG`: bring agency copy into the wire queue.

Files are read as they are (ninjs JSON, RSS/Atom, plain text; recognised by their content),
directories file by file (sorted, recursively), URLs fetched once. Each item is ingested on its
own transaction, so an interrupted run keeps what it finished and a rerun changes nothing
that is already in. Prints a progress bar and a summary: new, updated, held (an update kept
beside a story an editor has), unchanged, refused.
"""

import sys
import urllib.request
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import WireProvider
from articles.wire.ingest import REFUSED, IngestResult, ingest_copy
from articles.wire.ingest import summary as ingest_summary
from articles.wire.reading import MAX_COPY_BYTES


class Command(BaseCommand):
    help = "Ingest agency copy (files, directories or URLs) into the wire queue."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE|DIR|URL")
        parser.add_argument(
            "--provider", required=True, help="The wire provider's slug (Admin → Wire providers)."
        )
        parser.add_argument(
            "--format",
            default="",
            choices=["", "auto", "ninjs", "rss", "newsml", "nitf", "text"],
            help="Override the provider's format.",
        )
        parser.add_argument("--timeout", type=float, default=20.0, help="Seconds per URL.")

    def handle(self, *args, paths, provider, format, timeout, **options):
        try:
            wire = WireProvider.objects.select_related("source", "section").get(slug=provider)
        except WireProvider.DoesNotExist:
            raise CommandError(f"No wire provider {provider!r}.") from None
        sources = list(self._sources(paths))
        counts = Counter()
        for done, (name, read) in enumerate(sources, start=1):
            try:
                results = ingest_copy(read(timeout), provider=wire, format=format)
            except OSError as error:
                results = [IngestResult(REFUSED, reason=f"{name}: {error}")]
            for result in results:
                counts[result.outcome] += 1
                if result.outcome == REFUSED:
                    item = f" ({result.item_id})" if result.item_id else ""
                    self.stderr.write(f"\n  refused {name}{item}: {result.reason}")
            self._progress(done, len(sources), counts)
        self.stdout.write("")
        summary = ingest_summary(counts)
        self.stdout.write(self.style.SUCCESS(f"Ingested {len(sources)} file(s): {summary}."))

    def _sources(self, paths):
        for path in paths:
            if path.startswith(("http://", "https://")):
                yield path, lambda timeout, url=path: _fetch(url, timeout)
                continue
            target = Path(path)
            if target.is_dir():
                files = (p for p in target.rglob("*") if p.is_file() and not p.name.startswith("."))
                for file in sorted(files):
                    yield str(file), lambda timeout, file=file: _read(file)
            elif target.is_file():
                yield path, lambda timeout, file=target: _read(file)
            else:
                raise CommandError(f"{path}: no such file, directory or URL.")

    def _progress(self, done: int, total: int, counts: Counter) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        line = f"\r[{bar}] {done}/{total}  {counts['new']} new, {counts['updated']} updated"
        stream = self.stdout
        stream.write(line, ending="")
        if hasattr(sys.stdout, "flush"):
            stream.flush()


def _read(file: Path) -> bytes:
    if file.stat().st_size > MAX_COPY_BYTES:
        raise OSError(f"larger than {MAX_COPY_BYTES // 1024 // 1024} MB")
    return file.read_bytes()


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom wire desk"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read(MAX_COPY_BYTES + 1)
