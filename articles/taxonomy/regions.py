"""Moving regions in the place tree, and regrouping them."""

from django.db import transaction

from articles import changes
from articles.models import Region


@transaction.atomic
def move_region(region: Region, *, parent: Region | None, members=None) -> Region:
    """Put `region` under `parent` (its whole subtree moves along, see `Region.save`) and, if
    `members` is given, make it the grouping of exactly those regions. Region pages and counts
    roll up differently from now on, though no story changed. A new region's first placing is
    a move too."""
    region.parent = parent
    region.save()
    if members is not None:
        region.members.set(members)
    changes.vocabulary_changed("regions")
    return region
