"""Name keys fold compatibility forms (fullwidth letters, ligatures: `names.name_key`, D146):
recompute the keys stored before. The function is frozen here, as it stands now.

A row whose new key another row of its vocabulary already holds (a fullwidth "Ｋyiv" tag made
beside "kyiv" before this) keeps its old key, so the migration never fails on real data; the
two are then merged by hand in the admin like any duplicate, and the log names them.
"""

import logging
import unicodedata

from django.db import migrations

logger = logging.getLogger("articles.migrations")

# (model, the fields a key must be unique within, besides the key)
KEYED = [
    ("Tag", ()),
    ("TagAlias", ()),
    ("Source", ()),
    ("SourceAlias", ()),
    ("RegionAlias", ("region_id",)),
]


def name_key(value):
    folded = unicodedata.normalize("NFD", str(value))
    for _ in range(2):
        folded = unicodedata.normalize("NFKD", folded.casefold())
    return " ".join(unicodedata.normalize("NFC", folded).split())


def refold(apps, schema_editor):
    for model_name, scope in KEYED:
        model = apps.get_model("articles", model_name)
        rows = list(model.objects.only("pk", "name", "key", *scope))
        taken = {(tuple(getattr(row, field) for field in scope), row.key) for row in rows}
        for row in rows:
            key = name_key(row.name)
            if key == row.key:
                continue
            where = tuple(getattr(row, field) for field in scope)
            if (where, key) in taken:
                logger.warning("%s %r keeps its old key: %r is taken", model_name, row.name, key)
                continue
            taken.discard((where, row.key))
            taken.add((where, key))
            model.objects.filter(pk=row.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("articles", "0036_push_endpoints_http_only")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=True)]
