"""Revisions: every save is recorded with its relations, any two can be compared, and an old
one can be restored (which is itself a new revision)."""

import pytest

from articles.models import Article, AuditEntry, Author, RelatedStory, Status
from articles.workflow import restore_revision as restore
from articles.workflow.revisions import article_versions, compare, snapshot


def publication(article):
    """The revision recorded when the story was published (its first with relations)."""
    return next(v for v in article_versions(article) if v.revision.comment == "Published")


def revisions_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/"


@pytest.fixture
def edited(editor_client, published, regions, make_article, change_url, edit_post):
    """The published story, then an editor's save that changes words and every relation."""
    other = make_article("Grid operator warns of more cuts", slug="grid-warning")
    second = Author.objects.create(name="Taras Melnyk", slug="taras-melnyk")
    data = edit_post(
        published,
        headline="Power fully restored in Kyiv",
        body="<p>Residents of the city woke to sirens.</p><p>Engineers worked all night.</p>",
        regions=[str(regions["kyiv"].pk), str(regions["kramatorsk"].pk)],
        sources=[],
        tags="Energy, Blackout",
        **{
            "article_authors-TOTAL_FORMS": "2",
            "article_authors-1-author": str(second.pk),
            "article_authors-1-position": "1",
            "pinned_related-TOTAL_FORMS": "1",
            "pinned_related-0-related": str(other.pk),
            "pinned_related-0-position": "0",
        },
    )
    response = editor_client.post(change_url(published), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Article.objects.get(pk=published.pk)


def test_it_records_a_revision_with_every_relation_on_each_save(edited):
    versions = list(article_versions(edited))
    assert len(versions) == 3  # the creation, the publication, then the editor's save
    latest, first = snapshot(versions[0]), snapshot(versions[1])
    assert latest["headline"] == "Power fully restored in Kyiv"
    assert latest["authors"] == ["Olena Kovalenko", "Taras Melnyk"]
    assert latest["regions"] == ["Kramatorsk", "Kyiv"]
    assert latest["sources"] == []
    assert latest["tags"] == ["Blackout", "Energy"]
    assert latest["related"] == ["Grid operator warns of more cuts"]
    assert versions[0].revision.user.username == "editor"
    assert first["headline"] == "Power restored in Kyiv after overnight strikes"
    assert (first["authors"], first["sources"], first["tags"]) == (
        ["Olena Kovalenko"],
        ["Reuters"],
        ["Energy", "Ukraine"],
    )


def test_it_describes_the_difference_between_two_revisions(edited):
    new, old = article_versions(edited)[:2]
    changes = {change["label"]: change for change in compare(snapshot(old), snapshot(new))}
    assert set(changes) >= {"Headline", "Body", "Authors", "Regions", "Sources", "Tags"}
    body_lines = [(line["sign"], line["text"]) for line in changes["Body"]["lines"]]
    assert ("+", "Engineers worked all night.") in body_lines
    assert ("-", "Residents of the city woke to sirens.") not in body_lines
    assert changes["Tags"]["added"] == ["Blackout"] and changes["Tags"]["removed"] == ["Ukraine"]
    assert changes["Sources"]["removed"] == ["Reuters"]


def test_it_shows_editors_the_history_and_a_readable_diff(editor_client, edited):
    page = editor_client.get(revisions_url(edited)).content.decode()
    assert "Revisions" in page and "Audit trail" in page
    assert "Published" in page  # the audit trail's first step
    new, old = article_versions(edited)[:2]
    diff = editor_client.get(revisions_url(edited) + "compare/", {"old": old.pk, "new": new.pk})
    assert diff.status_code == 200
    text = diff.content.decode()
    assert "Power fully restored in Kyiv" in text and "Engineers worked all night." in text
    assert "Taras Melnyk" in text and "Blackout" in text


def test_it_restores_an_old_revision_with_its_relations_as_a_new_revision(editor_client, edited):
    old = publication(edited)
    response = editor_client.post(f"{revisions_url(edited)}{old.pk}/restore/")
    assert response.status_code == 302

    story = Article.objects.get(pk=edited.pk)
    assert story.headline == "Power restored in Kyiv after overnight strikes"
    assert story.byline == "Olena Kovalenko"
    assert sorted(story.tags.names()) == ["Energy", "Ukraine"]
    assert [r.name for r in story.regions.all()] == ["Kyiv"]
    assert [s.name for s in story.sources.all()] == ["Reuters"]
    assert not RelatedStory.objects.filter(article=story).exists()
    # Restoring words does not touch the workflow: still live, counter moved on.
    assert story.is_public and story.version == edited.version + 1
    assert len(article_versions(story)) == 4  # nothing destroyed: the restore is new
    assert AuditEntry.objects.filter(article=story, action="restored").exists()


def test_it_can_undo_a_restore(edited, editor):
    newest, oldest = article_versions(edited)[0], publication(edited)
    restore(edited, oldest, by=editor)
    restore(Article.objects.get(pk=edited.pk), newest, by=editor)
    story = Article.objects.get(pk=edited.pk)
    assert story.headline == "Power fully restored in Kyiv"
    assert sorted(story.tags.names()) == ["Blackout", "Energy"]
    assert story.byline == "Olena Kovalenko and Taras Melnyk"


def test_it_keeps_a_withdrawn_story_withdrawn_when_restoring(edited):
    from articles.workflow import unpublish

    unpublish(Article.objects.get(pk=edited.pk))
    restore(Article.objects.get(pk=edited.pk), publication(edited))
    assert Article.objects.get(pk=edited.pk).status == Status.UNPUBLISHED


def test_it_refuses_to_restore_a_revision_of_another_story(editor_client, edited, make_article):
    other = make_article("Another story", slug="another-story")
    foreign = article_versions(other).first()
    response = editor_client.post(f"{revisions_url(edited)}{foreign.pk}/restore/")
    assert response.status_code == 404
    assert Article.objects.get(pk=edited.pk).headline == "Power fully restored in Kyiv"


def test_it_moves_the_address_back_when_restoring_an_old_slug(
    client, editor_client, published, change_url, edit_post
):
    old_url = published.get_absolute_url()
    editor_client.post(change_url(published), edit_post(published, slug="kyiv-power-back"))
    renamed_url = Article.objects.get(pk=published.pk).get_absolute_url()
    assert client.get(old_url)["Location"] == renamed_url

    restore(published, publication(published))

    assert client.get(old_url).status_code == 200
    response = client.get(renamed_url)
    assert response.status_code == 301 and response["Location"] == old_url
