"""Vocabulary (issue "One home for every rule"): one alias base, one merge-record base, names
unique by a key case-folded in Python, and slug help texts that survive HTML.

Tags, tag aliases, sources and source aliases get a `key` column (the name case-folded in
Python, `articles.models.names.name_key`), unique where the name must be unique, replacing the
`Lower("name")` constraints that SQLite applied to ASCII only. Region aliases get one too,
unique per region. `TagMerge.stories_retagged` becomes `stories_moved`, as on `SourceMerge`.

Existing rows may already hold names that the new keys call the same ("Straße"/"STRASSE" on
any database, "Tést"/"TÉST" on SQLite). Before the constraints are added, the data step folds
them, the way a merge would, so nothing is lost and no address breaks:
- tags (and sources) with the same key are merged into the oldest: stories, pins and
  alternative names move to it, the dropped slug's page (and feed) answer 301 to its own, and
  a merge record with no "merged by" says the migration did it;
- an alternative name repeating another alternative name's key is dropped (the oldest stays),
  and so is one repeating an entry's own name (typing that name applies the entry named so);
- a region's alternative names repeating each other are dropped likewise (oldest stays).
"""

import unicodedata

import articles.models.desks
import articles.models.vocabulary
from django.db import migrations, models

# A tag page shows at most this many pinned stories (TagPin.MAX_PER_TAG at the time).
_PINS_PER_TAG = 3


def _key(name):
    # articles.models.names.name_key as it stands today, frozen here: a migration must not
    # change meaning when live code does.
    decomposed = unicodedata.normalize("NFD", " ".join(str(name).split()))
    return unicodedata.normalize("NFC", decomposed.casefold())


def _redirect(Redirect, old_path, new_path):
    # articles.addresses.redirects.remember_old_path, frozen: chains collapse into one hop.
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.update_or_create(
        old_path=old_path, defaults={"article": None, "new_path": new_path}
    )


def _fold_entries(apps, *, entry, alias, merge_record, filing, story, owner, addresses, pin=None):
    """Give every entry its key; merge entries sharing one into the oldest."""
    Entry, Alias, Record = (apps.get_model("articles", name) for name in (entry, alias, merge_record))
    Redirect = apps.get_model("articles", "Redirect")
    Pin = apps.get_model("articles", pin) if pin else None
    survivors = {}
    for duplicate in Entry.objects.order_by("pk"):
        key = _key(duplicate.name)
        into = survivors.get(key)
        if into is None:
            survivors[key] = duplicate
            Entry.objects.filter(pk=duplicate.pk).update(key=key)
            continue
        filed = filing.objects.filter(**{owner: duplicate})
        stories = set(filed.values_list(f"{story}_id", flat=True))
        already = set(
            filing.objects.filter(**{owner: into}).values_list(f"{story}_id", flat=True)
        )
        filing.objects.bulk_create(
            [filing(**{owner: into, f"{story}_id": pk}) for pk in sorted(stories - already)]
        )
        filed.delete()
        if Pin is not None:
            kept = list(Pin.objects.filter(**{owner: into}).values_list("article_id", flat=True))
            for row in Pin.objects.filter(**{owner: duplicate}).order_by("position", "pk"):
                if row.article_id not in kept and len(kept) < _PINS_PER_TAG:
                    Pin.objects.create(**{owner: into}, article_id=row.article_id, position=len(kept))
                    kept.append(row.article_id)
        Alias.objects.filter(**{owner: duplicate}).update(**{owner: into})
        for old_path, new_path in zip(addresses(duplicate.slug), addresses(into.slug)):
            _redirect(Redirect, old_path, new_path)
        Record.objects.create(
            into=into,
            into_name=into.name,
            merged_names=[duplicate.name],
            merged_slugs=[duplicate.slug],
            stories_moved=len(stories),
            merged_by=None,
        )
        duplicate.delete()
    return set(survivors)


def _fold_aliases(Alias, *, taken, scope=None):
    """Give every alternative name its key; drop those repeating an earlier one (within
    `scope`, the owner column, if given) or one of the `taken` entry keys."""
    seen = set()
    for alias in Alias.objects.order_by("pk"):
        key = _key(alias.name)
        where = (getattr(alias, f"{scope}_id"), key) if scope else key
        if where in seen or key in taken:
            alias.delete()
            continue
        seen.add(where)
        Alias.objects.filter(pk=alias.pk).update(key=key)


def fill_keys_and_fold_duplicates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys as each row moves, so that no deferred check is still pending
        # when the constraints below alter the same tables in this transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Article = apps.get_model("articles", "Article")
    tags = _fold_entries(
        apps,
        entry="Tag",
        alias="TagAlias",
        merge_record="TagMerge",
        filing=apps.get_model("articles", "TaggedArticle"),
        story="content_object",
        owner="tag",
        addresses=lambda slug: [f"/tags/{slug}/", f"/feeds/tags/{slug}/rss/"],
        pin="TagPin",
    )
    sources = _fold_entries(
        apps,
        entry="Source",
        alias="SourceAlias",
        merge_record="SourceMerge",
        filing=Article._meta.get_field("sources").remote_field.through,
        story="article",
        owner="source",
        addresses=lambda slug: [f"/sources/{slug}/"],
    )
    _fold_aliases(apps.get_model("articles", "TagAlias"), taken=tags)
    _fold_aliases(apps.get_model("articles", "SourceAlias"), taken=sources)
    _fold_aliases(apps.get_model("articles", "RegionAlias"), taken=set(), scope="region")


def _key_field():
    return articles.models.vocabulary.NameKeyField(
        default="",
        editable=False,
        help_text="The name with case, spacing and Unicode form folded away; two names with "
        "the same key are the same name. Maintained automatically.",
        max_length=500,
        verbose_name="comparison key",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_publication_state"),
    ]

    operations = [
        # One merge-record base: the tag record's count is named like the source record's.
        migrations.RenameField(
            model_name="tagmerge", old_name="stories_retagged", new_name="stories_moved"
        ),
        # The keys replace the database's own case folding.
        migrations.RemoveConstraint(model_name="regionalias", name="unique_region_alias"),
        migrations.RemoveConstraint(model_name="sourcealias", name="unique_source_alias_any_case"),
        migrations.RemoveConstraint(model_name="tag", name="unique_tag_name_any_case"),
        migrations.RemoveConstraint(model_name="tagalias", name="unique_tag_alias_any_case"),
        migrations.AlterField(
            model_name="source",
            name="name",
            field=models.CharField(help_text="E.g. “Reuters”.", max_length=160, verbose_name="name"),
        ),
        *(
            migrations.AddField(
                model_name=model, name="key", field=_key_field(), preserve_default=False
            )
            for model in ("regionalias", "source", "sourcealias", "tag", "tagalias")
        ),
        migrations.RunPython(fill_keys_and_fold_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="regionalias",
            constraint=models.UniqueConstraint(
                fields=("region", "key"),
                name="unique_region_alias_key",
                violation_error_message="This region already has this alternative name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                fields=("key",),
                name="unique_source_key",
                violation_error_message="A source with this name already exists.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sourcealias",
            constraint=models.UniqueConstraint(
                fields=("key",),
                name="unique_source_alias_key",
                violation_error_message="This alternative name is already taken.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                fields=("key",),
                name="unique_tag_key",
                violation_error_message="A tag with this name already exists (in another case).",
            ),
        ),
        migrations.AddConstraint(
            model_name="tagalias",
            constraint=models.UniqueConstraint(
                fields=("key",),
                name="unique_tag_alias_key",
                violation_error_message="This alternative name is already taken.",
            ),
        ),
        # The merge-record base's wording (and room for a source's longer name).
        *(
            operation
            for model in ("sourcemerge", "tagmerge")
            for operation in (
                migrations.AlterField(
                    model_name=model,
                    name="into_name",
                    field=models.CharField(
                        help_text="The surviving entry's name at the time.",
                        max_length=160,
                        verbose_name="surviving name",
                    ),
                ),
                migrations.AlterField(
                    model_name=model,
                    name="merged_names",
                    field=models.JSONField(
                        default=list,
                        help_text="Names of the entries merged away.",
                        verbose_name="merged names",
                    ),
                ),
                migrations.AlterField(
                    model_name=model,
                    name="stories_moved",
                    field=models.PositiveIntegerField(
                        default=0,
                        help_text="Stories that carried a merged entry and now carry the "
                        "surviving one.",
                        verbose_name="stories moved",
                    ),
                ),
            )
        ),
        # Slug help texts: the admin renders help text as HTML, where "<slug>" vanished.
        migrations.AlterField(
            model_name="author",
            name="slug",
            field=models.SlugField(
                help_text="The end of the author page's address: “olena-kovalenko” makes "
                "/authors/olena-kovalenko/. A changed slug leaves the old address redirecting.",
                max_length=120,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="region",
            name="slug",
            field=models.SlugField(
                help_text="The end of the region page's address: “kyiv” makes /regions/kyiv/. "
                "A changed slug leaves the old address redirecting.",
                max_length=120,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="section",
            name="slug",
            field=models.SlugField(
                help_text="The section's address: “world” makes /world/. Changing it changes "
                "every story's URL (the old addresses redirect).",
                max_length=80,
                unique=True,
                validators=[articles.models.desks.validate_section_slug],
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="slug",
            field=models.SlugField(
                help_text="The end of the source page's address: “reuters” makes "
                "/sources/reuters/. A changed slug leaves the old address redirecting.",
                max_length=160,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="tag",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                help_text="The end of the tag page's address: “energy” makes /tags/energy/. "
                "Made from the name; a changed slug leaves the old address (and feed) "
                "redirecting.",
                max_length=100,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
