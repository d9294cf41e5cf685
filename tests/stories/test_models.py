"""Models and querysets: what counts as public, the region tree, bylines, sanitising."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Region, Section, Status
from articles.workflow import publish, unpublish


def test_it_counts_only_published_stories_whose_time_has_come(
    published, draft, scheduled, withdrawn
):
    assert list(Article.objects.published()) == [published]


def test_it_shows_a_scheduled_story_from_its_publish_time(make_article):
    at = timezone.now() + timedelta(hours=2)
    story = make_article(when=at)
    assert story not in Article.objects.published()
    assert story not in Article.objects.published(at=at - timedelta(seconds=1))
    assert story in Article.objects.published(at=at)


def test_it_keeps_the_first_publication_time(make_article):
    story = make_article(public=False)
    first = timezone.now() - timedelta(days=2)
    publish(story, at=first)
    unpublish(story)
    publish(story)
    story.refresh_from_db()
    assert story.first_published_at == first
    assert story.published_at > first
    assert story.version == 4


def test_it_sanitises_the_body_on_every_save(make_article):
    story = make_article(
        body='<p onclick="steal()">Hi<script>alert(1)</script><a href="javascript:x">l</a></p>'
    )
    story.refresh_from_db()
    assert "script" not in story.body
    assert "onclick" not in story.body
    assert "javascript:" not in story.body
    assert "Hi" in story.body


def test_it_keeps_the_region_tree_paths_when_regions_move(regions):
    kyiv, poland = regions["kyiv"], regions["poland"]
    oblast = regions["kyiv_oblast"]
    assert kyiv.path == f"{regions['ukraine'].pk}/{oblast.pk}/{kyiv.pk}/"
    assert kyiv.depth == 2
    oblast.parent = poland
    oblast.save()
    kyiv.refresh_from_db()
    assert kyiv.path == f"{poland.pk}/{oblast.pk}/{kyiv.pk}/"
    assert kyiv.ancestor_ids() == [poland.pk, oblast.pk]


def test_it_refuses_to_put_a_region_inside_its_own_subtree(regions):
    ukraine = regions["ukraine"]
    ukraine.parent = regions["kyiv"]
    with pytest.raises(ValidationError):
        ukraine.save()
    ukraine.refresh_from_db()
    assert ukraine.parent is None
    assert Region.objects.get(pk=regions["kyiv"].pk).path.startswith(f"{ukraine.pk}/")


def test_it_rolls_up_stories_from_regions_below_and_grouping_members(make_article, regions):
    in_kyiv = make_article(regions=[regions["kyiv"]])
    in_kramatorsk = make_article(regions=[regions["kramatorsk"]])
    in_luhansk = make_article(regions=[regions["luhansk"]])
    in_poland = make_article(regions=[regions["poland"]])
    public = Article.objects.published()
    assert set(public.in_region(regions["ukraine"])) == {in_kyiv, in_kramatorsk, in_luhansk}
    assert set(public.in_region(regions["kyiv_oblast"])) == {in_kyiv}
    assert set(public.in_region(regions["donbas"])) == {in_kramatorsk, in_luhansk}
    assert set(public.in_region(regions["poland"])) == {in_poland}


def test_it_lists_each_story_once_when_filed_under_several_regions_below(make_article, regions):
    story = make_article(regions=[regions["kyiv"], regions["kyiv_oblast"], regions["kramatorsk"]])
    assert list(Article.objects.published().in_region(regions["ukraine"])) == [story]


def test_it_prints_the_byline_override_instead_of_names(make_article, reporter_author):
    story = make_article(authors=[reporter_author], byline_override="Staff Correspondent")
    assert story.byline == "Staff Correspondent"
    assert list(Article.objects.published().by_author(reporter_author)) == []


def test_it_joins_several_authors_in_byline_order(make_article, reporter_author, db):
    from articles.models import Author

    second = Author.objects.create(name="Mark Davies", slug="mark-davies")
    story = make_article(authors=[second, reporter_author])
    assert story.byline == "Mark Davies and Olena Kovalenko"


def test_it_refuses_a_section_slug_that_shadows_a_site_path(db):
    section = Section(name="Tags", slug="tags")
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "reserved" in str(error.value)


def test_it_refuses_to_publish_a_story_without_a_byline(make_article):
    from articles.workflow import MissingByline

    story = make_article(public=False, byline_override="")
    with pytest.raises(MissingByline):
        publish(story)
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert story.version == 1
    assert not Article.objects.published().exists()
