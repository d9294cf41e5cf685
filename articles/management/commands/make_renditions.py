"""`manage.py make_renditions`: make the renditions of every library image that lacks current
ones (after migrating old pictures into the library, or after changing the rendition set).

Runs them here, one image at a time, unless `--queue` hands them to the worker instead.
"""

import time

from django.core.management.base import BaseCommand

from articles.images import renditions
from articles.models import Image


class Command(BaseCommand):
    help = "Make missing or outdated renditions of library images (or queue them with --queue)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Queue them for the worker (db_worker)."
        )

    def handle(self, *args, queue=False, **options):
        done = 0
        for image in Image.objects.exclude(format="").order_by("pk").iterator():
            if renditions.is_current(image):
                continue
            if queue:
                renditions.make_renditions.enqueue(image.pk)
            else:
                started = time.perf_counter()
                written = renditions.render(image)
                self.stdout.write(
                    f"  {image.title}: {len(written)} files in "
                    f"{time.perf_counter() - started:.1f} s"
                )
            done += 1
        verb = "Queued" if queue else "Made"
        self.stdout.write(self.style.SUCCESS(f"{verb} the renditions of {done} images."))
