"""Tag names: one tag whatever the case, spacing or Unicode form; absurd names refused clearly."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.admin.article.forms import ArticleAdminForm
from articles.models import Tag, TagAlias
from articles.models.names import clean_name, name_key, parse_tag_string

COMPOSED = "Caf\u00e9 culture"  # é as one code point
DECOMPOSED = "Cafe\u0301 culture"  # e + combining acute accent


def test_it_files_case_and_spacing_variants_under_one_tag(make_article):
    first = make_article(tags=["Ukraine"])
    second = make_article(tags=["ukraine"])
    third = make_article(tags=["  Ukraine  "])
    assert Tag.objects.filter(name__iexact="ukraine").count() == 1
    tag = Tag.objects.get(name="Ukraine")
    assert {a.pk for a in (first, second, third)} == set(
        tag.tagged_articles.values_list("content_object_id", flat=True)
    )


def test_it_treats_composed_and_decomposed_accents_as_one_tag(make_article):
    make_article(tags=[COMPOSED])
    make_article(tags=[DECOMPOSED])
    assert list(Tag.objects.values_list("name", flat=True)) == [COMPOSED]


def test_it_collapses_inner_whitespace_and_keeps_the_canonical_spelling(db):
    tag = Tag.objects.create(name="  New\t York \n City ")
    assert tag.name == "New York City"


def test_it_refuses_a_second_tag_differing_only_in_case_at_the_database(db):
    Tag.objects.create(name="Energy", slug="energy")
    with pytest.raises(IntegrityError), transaction.atomic():
        # Bypass the model's own checks: the constraint is the last line of defence.
        Tag.objects.bulk_create([Tag(name="ENERGY", slug="energy-2")])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 10_000, "at most 100 characters"),
        ("Kyiv\x00", "U+0000"),
        ("Bell\x07", "U+0007"),
        ("evil\u202etxt.exe", "U+202E"),
        ("\u2066isolated\u2069", "U+2066"),
        ("zero\u200bwidth", "U+200B"),
    ],
)
def test_it_refuses_absurd_names_with_a_clear_reason(db, raw, message):
    with pytest.raises(ValidationError) as error:
        clean_name(raw)
    assert message in error.value.messages[0]
    with pytest.raises(ValidationError):
        Tag.objects.create(name=raw)
    assert not Tag.objects.exists()


def test_it_keeps_joiners_that_real_words_need(db):
    persian = "می\u200cخواهم"
    assert Tag.objects.create(name=persian).name == persian


def test_it_refuses_absurd_input_through_the_article_tag_manager(published):
    with pytest.raises(ValidationError):
        published.tags.add("x" * 10_000)
    with pytest.raises(ValidationError):
        published.tags.add("bad\u202ename")
    assert sorted(published.tags.names()) == ["Energy", "Ukraine"]


def test_it_parses_the_form_string_into_clean_distinct_names():
    names = parse_tag_string(' Ukraine , ukraine, "Kyiv,  Oblast", UKRAINE ')
    assert [name.casefold() for name in names] == ["kyiv, oblast", "ukraine"]


@pytest.mark.parametrize(
    "typed",
    ["Energy, " + "x" * 10_000, "Energy, evil\u202ename", "Energy, nul\x00byte", ",,,  ,"],
)
def test_it_shows_a_form_error_not_a_crash_in_the_article_form(world, typed):
    form = ArticleAdminForm(
        data={
            "headline": "Grid holds",
            "slug": "grid-holds",
            "section": world.pk,
            "status": "draft",
            "tags": typed,
        }
    )
    if typed.strip(" ,"):
        assert not form.is_valid()
        assert "tags" in form.errors
        assert "\u202e" not in str(form.errors["tags"])  # the error cannot be garbled
    else:
        # Only separators: no tags at all, which is allowed.
        form.is_valid()
        assert "tags" not in form.errors


def test_it_applies_the_canonical_tag_when_an_alias_is_typed(published):
    ams = Tag.objects.create(name="Association of Mountain Surveyors")
    TagAlias.objects.create(tag=ams, name="AMS")
    published.tags.add("ams")
    published.tags.set(["AMS", "Energy"])
    assert sorted(published.tags.names()) == ["Association of Mountain Surveyors", "Energy"]
    assert not Tag.objects.filter(name__iexact="ams").exists()


def test_it_refuses_an_alias_equal_to_another_tags_name_or_alias(db):
    energy = Tag.objects.create(name="Energy")
    power = Tag.objects.create(name="Power")
    TagAlias.objects.create(tag=power, name="Electricity")
    with pytest.raises(ValidationError, match="name of another tag"):
        TagAlias(tag=power, name="energy").full_clean()
    with pytest.raises(ValidationError, match="already an alternative name"):
        TagAlias(tag=energy, name="ELECTRICITY").full_clean()
    with pytest.raises(ValidationError, match="alternative name of another tag"):
        Tag.objects.create(name="electricity")


@pytest.mark.parametrize(
    ("first", "second"),
    [("Київ", "київ"), ("Tést", "TÉST"), ("ΣΑΣ", "σας"), ("ǅemal", "ǆemal"), ("Straße", "STRASSE")],
)
def test_it_files_case_variants_in_any_script_under_one_tag_on_every_database(
    make_article, first, second
):
    one = make_article(tags=[first])
    other = make_article(tags=[second])
    assert list(Tag.objects.values_list("name", flat=True)) == [first]
    assert sorted(one.tags.names()) == sorted(other.tags.names()) == [first]


def test_it_refuses_a_case_variant_in_any_script_at_the_database(db):
    Tag.objects.create(name="Київ")
    with pytest.raises(IntegrityError), transaction.atomic():
        # Bypass the model's own checks: the key's constraint is the last line of defence.
        Tag.objects.bulk_create([Tag(name="КИЇВ", slug="kyiv-2")])
    assert Tag.objects.count() == 1


def test_it_applies_the_tag_when_an_alias_is_typed_in_another_case_or_spelling(published):
    surveyors = Tag.objects.create(name="Mountain surveyors")
    TagAlias.objects.create(tag=surveyors, name="Vermessungsgesellschaft Maße")
    published.tags.add("VERMESSUNGSGESELLSCHAFT MASSE")
    assert "Mountain surveyors" in published.tags.names()
    assert Tag.objects.count() == 3


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Tést", "TÉST"),
        ("ΣΑΣ", "σας"),
        ("ǅemal", "ǆemal"),
        ("Straße", "STRASSE"),
        (COMPOSED, DECOMPOSED.upper()),
        ("  New\tYork ", "new york"),
        # Compatibility forms (the probe's fullwidth "Ｋyiv zqN" made a tag of its own).
        ("Ｋyiv zqN", "kyiv ZQN"),
        ("ﬁnance", "FINANCE"),
        ("Kyiv\u3000Oblast", "kyiv oblast"),
    ],
)
def test_it_gives_spellings_of_one_name_one_key(one, other):
    assert name_key(one) == name_key(other)


def test_it_files_a_fullwidth_spelling_under_the_existing_tag(published):
    published.tags.add("kyiv ZQN")
    published.tags.add("Ｋyiv zqN")

    assert Tag.objects.filter(name__in=["kyiv ZQN", "Ｋyiv zqN"]).count() == 1
    assert published.tags.filter(name="kyiv ZQN").exists()


def test_it_keeps_different_names_apart():
    assert name_key("Cafe culture") != name_key(COMPOSED)
    assert name_key("Kyiv") != name_key("Kyiv Oblast")


def test_its_migration_refolds_stored_keys_and_keeps_a_taken_one(db):
    """Migration 0037 recomputes keys stored before compatibility forms were folded; a row
    whose new key another row already holds keeps its old one (merged by hand later)."""
    from django.apps import apps

    refold = importlib.import_module(
        "articles.migrations.0037_name_keys_fold_compatibility_forms"
    ).refold
    kyiv = Tag.objects.create(name="kyiv ZQN")
    # Made beside it before the fold, and a ligature no other tag shares (old keys).
    fullwidth, finance = Tag.objects.create(name="Placeholder"), Tag.objects.create(name="Other")
    Tag.objects.filter(pk=fullwidth.pk).update(name="Ｋyiv zqN", key="ｋyiv zqn")
    Tag.objects.filter(pk=finance.pk).update(name="ﬁnance", key="ﬁnance")

    refold(apps, None)

    keys = dict(Tag.objects.values_list("pk", "key"))
    assert keys[finance.pk] == "finance"
    assert keys[kyiv.pk] == "kyiv zqn" and keys[fullwidth.pk] == "ｋyiv zqn"
