"""Region listings stay exact: whatever files a story or changes the tree, every story is listed
on the pages of the regions it is filed under, every region above them and every grouping of
any of those — and nowhere else."""

from django.db import connection

from articles.models import Article, Region, RegionKind, RegionListing
from articles.taxonomy.regions import file_story, move_region
from articles.taxonomy.renames import delete_entries
from articles.workflow import restore_revision
from articles.workflow.revisions import article_versions


def expected_listings() -> set[tuple[int, int]]:
    """(region, story) pairs worked out from the filings and the tree, the slow way."""
    regions = list(Region.objects.prefetch_related("members"))
    pairs = set()
    for filed_path, story_id in Article.regions.through.objects.values_list(
        "region__path", "article_id"
    ):
        for region in regions:
            spans = [region, *region.members.all()]
            if any(filed_path.startswith(place.path) for place in spans):
                pairs.add((region.pk, story_id))
    return pairs


def stored_listings() -> set[tuple[int, int]]:
    return set(RegionListing.objects.values_list("region_id", "article_id"))


def listed_on(region) -> set[int]:
    return set(Article.objects.in_region(region).values_list("pk", flat=True))


def test_it_lists_a_story_up_the_tree_and_on_groupings_only(make_article, regions):
    story = make_article(regions=[regions["kramatorsk"]])
    on_pages = {r.slug for r in Region.objects.filter(listings__article=story)}
    assert on_pages == {"kramatorsk", "donetsk-oblast", "ukraine", "donbas"}
    assert stored_listings() == expected_listings()


def test_it_lists_a_story_once_per_region_however_many_filings_lead_there(make_article, regions):
    story = make_article(regions=[regions["kyiv"], regions["kyiv_oblast"], regions["kramatorsk"]])
    assert RegionListing.objects.filter(article=story, region=regions["ukraine"]).count() == 1
    assert stored_listings() == expected_listings()


def test_it_follows_a_story_refiled_in_the_admin(
    editor_client, published, regions, change_url, edit_post
):
    data = edit_post(published, regions=[str(regions["poland"].pk)])
    assert editor_client.post(change_url(published), data).status_code == 302
    assert published.pk in listed_on(regions["poland"])
    assert published.pk not in listed_on(regions["ukraine"])
    assert stored_listings() == expected_listings()


def test_it_follows_a_region_moved_in_the_tree(make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    move_region(regions["kyiv_oblast"], parent=regions["poland"])
    assert story.pk in listed_on(regions["poland"])
    assert story.pk not in listed_on(regions["ukraine"])
    assert stored_listings() == expected_listings()


def test_it_follows_a_grouping_given_other_members(make_article, regions):
    in_kyiv = make_article(regions=[regions["kyiv"]])
    in_kramatorsk = make_article(regions=[regions["kramatorsk"]])
    move_region(regions["donbas"], parent=regions["ukraine"], members=[regions["kyiv_oblast"]])
    assert listed_on(regions["donbas"]) == {in_kyiv.pk}
    assert in_kramatorsk.pk in listed_on(regions["ukraine"])
    assert stored_listings() == expected_listings()


def test_it_follows_a_new_grouping_across_borders(make_article, regions):
    story = make_article(regions=[regions["poland"]])
    border = Region.objects.create(name="Borderlands", slug="borderlands", kind=RegionKind.GROUPING)
    move_region(border, parent=None, members=[regions["poland"], regions["luhansk"]])
    assert listed_on(border) == {story.pk}
    assert stored_listings() == expected_listings()


def test_it_forgets_a_deleted_region(make_article, regions):
    story = make_article(regions=[regions["kramatorsk"], regions["poland"]])
    delete_entries(Region.objects.filter(pk=regions["kramatorsk"].pk))
    assert story.pk not in listed_on(regions["ukraine"]) | listed_on(regions["donbas"])
    assert story.pk in listed_on(regions["poland"])
    assert stored_listings() == expected_listings()


def test_it_follows_a_restored_revision(make_article, regions, editor):
    story = make_article(regions=[regions["kyiv"]])
    as_published = next(v for v in article_versions(story) if v.revision.comment == "Published")
    file_story(story, [regions["poland"]])
    restore_revision(story, as_published, by=editor)
    assert story.pk in listed_on(regions["ukraine"])
    assert story.pk not in listed_on(regions["poland"])
    assert stored_listings() == expected_listings()


def test_it_drops_a_deleted_storys_listings(make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    Article.objects.filter(pk=story.pk).delete()
    assert not RegionListing.objects.exists()


def test_it_fills_listings_for_stories_filed_before_the_migration(make_article, regions):
    from importlib import import_module

    make_article(regions=[regions["kyiv"], regions["luhansk"]])
    make_article(regions=[regions["poland"], regions["donbas"]])
    before = stored_listings()
    RegionListing.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(import_module("articles.migrations.0012_region_listings").FILL)
    assert stored_listings() == before == expected_listings()
