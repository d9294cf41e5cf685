"""The image library: one picture, its credit and alt text, reused by stories and authors;
chosen from the article form; required alt text before publishing; and no public address for
a picture only unpublished stories use."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import workflow
from articles.images import renditions
from articles.models import Article, Author, Image, Status

CHOOSE_URL = "/admin/articles/image/choose/"


def _chooser_query(field="lead_image", model="article", term=""):
    return {"app_label": "articles", "model_name": model, "field_name": field, "term": term}


# Publishing -----------------------------------------------------------------------------------


def test_it_refuses_to_publish_a_story_whose_picture_has_no_alt_text(draft, editor, make_image):
    picture = make_image(alt_text="")
    Article.objects.filter(pk=draft.pk).update(lead_image=picture)

    with pytest.raises(ValidationError, match="no alt text yet"):
        workflow.publish(Article.objects.get(pk=draft.pk), by=editor)

    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
    picture.alt_text = "Firefighters at the depot"
    picture.save()
    workflow.publish(Article.objects.get(pk=draft.pk), by=editor)
    assert Article.objects.get(pk=draft.pk).is_public


def test_it_says_on_the_form_why_a_story_without_alt_text_cannot_go_out(
    editor_client, draft, change_url, edit_post, make_image
):
    picture = make_image(alt_text="")

    saved = editor_client.post(change_url(draft), edit_post(draft, lead_image=picture.pk))
    assert saved.status_code == 302  # a draft may carry it while the desk writes the alt text
    response = editor_client.post(
        change_url(draft), edit_post(draft, lead_image=picture.pk, status=Status.PUBLISHED)
    )

    assert response.status_code == 200
    assert (
        "The lead image (or a picture in the body) has no alt text yet" in response.content.decode()
    )
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


# Reuse, credits, authors ------------------------------------------------------------------------


def test_it_shows_one_picture_on_two_stories_with_its_caption_and_credit(
    client, make_article, substation_photo
):
    first = make_article("Grid repairs continue", lead_image=substation_photo)
    second = make_article("Outages ease in the east", lead_image=substation_photo)

    for story in (first, second):
        html = client.get(story.get_absolute_url()).content.decode()
        assert f"/media/renditions/{substation_photo.key.hex}/" in html
        assert 'alt="Engineers repair a substation"' in html
        assert "Repairs at a substation on the city&#x27;s edge." in html
        assert '<span class="credit">Jane Doe / Reuters</span>' in html
    assert Image.objects.count() == 1


def test_it_shows_an_author_photo_from_the_library(client, published, reporter_author, make_image):
    portrait = make_image("Olena Kovalenko", size=(800, 800), alt_text="Olena Kovalenko")
    Author.objects.filter(pk=reporter_author.pk).update(photo=portrait)

    html = client.get(reporter_author.get_absolute_url()).content.decode()

    picture = html.split('class="profile__photo"')[1].split("</picture>")[0]
    assert f"/renditions/{portrait.key.hex}/" in picture and "square-320" in picture
    assert 'alt="Olena Kovalenko"' in picture and 'sizes="120px"' in picture


def test_it_loads_the_lead_first_and_the_first_cards_eagerly(client, make_article, make_image):
    picture = make_image()
    for n in range(6):
        make_article(f"Story {n}", lead_image=picture)

    home = client.get("/").content.decode()
    section = client.get("/world/").content.decode()

    lead = home.split('class="front-lead__image"')[1].split("</picture>")[0]
    assert 'loading="eager"' in lead and 'fetchpriority="high"' in lead
    listed = re.findall(r'<img [^>]*loading="(\w+)"', section.split('class="story-list"')[1])
    assert listed[:3] == ["eager"] * 3 and set(listed[3:]) == {"lazy"}
    assert home.count('fetchpriority="high"') == 1


# Nothing public before the story is ----------------------------------------------------------


def test_it_gives_a_picture_only_unpublished_stories_use_no_public_address(
    client, draft, scheduled, editor, make_image, make_article
):
    secret = make_image("Leaked memo", alt_text="A memo on a desk")
    Article.objects.filter(pk__in=[draft.pk, scheduled.pk]).update(lead_image=secret)
    make_article("Something else entirely")  # the public pages have a story to show
    addresses = [
        "/",
        "/world/",
        "/feeds/latest/rss/",
        "/feeds/latest/atom/",
        "/sitemap.xml",
        "/search/?q=memo",
        reverse("articles:author", kwargs={"slug": "olena-kovalenko"}),
    ]

    for address in addresses:
        body = client.get(address).content.decode()
        assert secret.key.hex not in body, address
    assert client.get(draft.get_absolute_url()).status_code == 404

    workflow.publish(Article.objects.get(pk=draft.pk), by=editor)
    assert secret.key.hex in client.get("/").content.decode()


# The library's screens -------------------------------------------------------------------------


def test_it_lists_the_library_with_thumbnails_search_and_filters(
    editor_client, make_image, make_article
):
    used = make_image("Kyiv power station fire", credit="AP")
    make_image("Harbour at dawn", alt_text="", credit="Reuters")
    make_article(lead_image=used)

    listing = editor_client.get("/admin/articles/image/").content.decode()
    found = editor_client.get("/admin/articles/image/?q=power").content.decode()
    missing = editor_client.get("/admin/articles/image/?alt=missing").content.decode()

    assert listing.count('class="image-thumbnail"') == 2
    assert "Kyiv power station fire" in found and "Harbour at dawn" not in found
    assert "Harbour at dawn" in missing and "Kyiv power station fire" not in missing


def test_it_lets_a_reporter_upload_but_not_change_a_live_storys_picture(
    reporter_client, reporter, published, make_image
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import picture_bytes

    form = {"title": "Queue at the border", "alt_text": "People queue", "focal_x": "0.5"}
    form |= {"focal_y": "0.5", "upload": SimpleUploadedFile("q.jpg", picture_bytes())}
    assert reporter_client.post("/admin/articles/image/add/", form).status_code == 302
    mine = Image.objects.get(title="Queue at the border")
    assert mine.uploaded_by == reporter
    Article.objects.filter(pk=published.pk).update(lead_image=mine)

    change = reverse("admin:articles_image_change", args=[mine.pk])
    response = reporter_client.post(change, {**form, "upload": "", "alt_text": "Changed"})

    assert response.status_code == 403
    assert Image.objects.get(pk=mine.pk).alt_text == "People queue"


def test_it_offers_library_pictures_with_a_preview_in_the_chooser(editor_client, make_image):
    make_image("Kyiv power station fire", caption="Smoke at dawn", credit="AP")
    make_image("Harbour at dawn")

    answer = json.loads(
        editor_client.get(CHOOSE_URL, _chooser_query(term="power")).content.decode()
    )

    (result,) = answer["results"]
    assert result["text"] == "Kyiv power station fire"
    assert "/renditions/" in result["thumbnail"] and "square-320" in result["thumbnail"]
    assert (result["alt"], result["caption"], result["credit"]) == (
        "Engineers repair a substation",
        "Smoke at dawn",
        "AP",
    )
    other = editor_client.get(CHOOSE_URL, _chooser_query(field="section"))
    assert other.status_code == 403


def test_it_draws_the_chooser_with_a_label_and_a_live_preview(
    editor_client, draft, change_url, substation_photo
):
    Article.objects.filter(pk=draft.pk).update(lead_image=substation_photo)

    html = editor_client.get(change_url(draft)).content.decode()

    assert '<label for="id_lead_image">Lead image:</label>' in html
    select = re.search(r'<select name="lead_image"[^>]*>', html)[0]
    assert "image-chooser" in select and 'data-placeholder="Search the image library' in select
    preview = html.split('id="id_lead_image_preview"')[1].split("</div>")[0]
    assert 'aria-live="polite"' in html.split('id="id_lead_image_preview"')[0][-120:] + preview
    assert "Engineers repair a substation" in preview and "Jane Doe / Reuters" in preview
    assert "admin_extra/image_chooser.js" in html


def test_it_makes_no_renditions_while_an_editor_saves_a_story(
    editor_client, draft, change_url, edit_post, make_image, django_assert_max_num_queries
):
    waiting = make_image(rendered=False)

    response = editor_client.post(change_url(draft), edit_post(draft, lead_image=waiting.pk))

    assert response.status_code == 302
    assert Image.objects.get(pk=waiting.pk).renditions == {}
    assert not renditions.is_current(Image.objects.get(pk=waiting.pk))


# Figures in the body ------------------------------------------------------------------------------


def _figure(image, alt="", caption="Ash over the plant"):
    return (
        f'<figure class="figure"><img src="/media/x.jpg" alt="{alt}" data-file="{image.pk}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def test_it_draws_library_figures_in_the_body_and_drops_other_pictures(
    client, editor_client, published, change_url, edit_post, make_image
):
    photo = make_image("Plant", alt_text="Smoke over the plant", credit="AP")
    body = (
        "<p>Fire broke out at dawn.</p>"
        + _figure(photo)
        + '<p><img src="https://elsewhere.example/tracker.gif" alt="x"></p>'
    )

    response = editor_client.post(change_url(published), edit_post(published, body=body))

    assert response.status_code == 302
    story = Article.objects.get(pk=published.pk)
    assert "elsewhere.example" not in story.body and f'data-file="{photo.pk}"' in story.body
    assert list(story.body_images.all()) == [photo]
    html = client.get(story.get_absolute_url()).content.decode()
    figure = html.split('<figure class="figure">')[1].split("</figure>")[0]
    assert (
        f"/renditions/{photo.key.hex}/" in figure
        and 'sizes="(min-width: 44em) 40rem, 100vw"' in figure
    )
    assert (
        'alt="Smoke over the plant"' in figure
        and "<figcaption>Ash over the plant</figcaption>" in figure
    )
    assert "/media/x.jpg" not in html


def test_it_refuses_to_publish_a_body_figure_without_alt_text(draft, editor, make_image):
    photo = make_image(alt_text="")
    story = Article.objects.get(pk=draft.pk)
    story.body = "<p>Text.</p>" + _figure(photo)
    workflow.save_edits(story, by=editor)

    with pytest.raises(ValidationError, match="no alt text yet"):
        workflow.publish(Article.objects.get(pk=draft.pk), by=editor)

    story = Article.objects.get(pk=draft.pk)
    story.body = "<p>Text.</p>" + _figure(photo, alt="Workers in hard hats")
    workflow.save_edits(story, by=editor)
    workflow.publish(Article.objects.get(pk=draft.pk), by=editor)
    assert Article.objects.get(pk=draft.pk).is_public


def test_it_offers_the_body_editor_a_picker_of_library_pictures(
    reporter_client, editor_client, make_image, draft, change_url
):
    ready = make_image("Harbour at dawn", caption="Boats leave at six")
    make_image("Still rendering", rendered=False)

    html = reporter_client.get(
        "/admin/articles/image/pick/", {"CKEditorFuncNum": "3", "q": ""}
    ).content.decode()

    assert 'data-callback="3"' in html and "Harbour at dawn" in html
    assert "Still rendering" not in html
    assert f'data-id="{ready.pk}"' in html and 'data-caption="Boats leave at six"' in html
    assert "admin_extra/image_picker.js" in html
    form = editor_client.get(change_url(draft)).content.decode()
    assert "/admin/articles/image/pick/" in form


def test_it_makes_new_renditions_when_a_picture_is_replaced(editor_client, make_image):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import picture_bytes

    image = make_image("Harbour", colour=(200, 0, 0))
    old = {record["name"] for record in image.renditions["files"]}
    form = {"title": "Harbour", "alt_text": "Boats", "focal_x": "0.5", "focal_y": "0.5"}
    form["upload"] = SimpleUploadedFile("new.jpg", picture_bytes(colour=(0, 0, 200)))

    response = editor_client.post(reverse("admin:articles_image_change", args=[image.pk]), form)

    assert response.status_code == 302
    image.refresh_from_db()
    assert not renditions.is_current(image)  # the old ones show until the new ones exist
    assert renditions.make_renditions.call(image.pk) > 0
    image.refresh_from_db()
    assert old.isdisjoint(record["name"] for record in image.renditions["files"])


def test_it_shows_the_upload_form_with_what_it_accepts(editor_client, make_image):
    html = editor_client.get("/admin/articles/image/add/").content.decode()
    image = make_image()
    change = editor_client.get(reverse("admin:articles_image_change", args=[image.pk]))

    assert '<label class="required" for="id_title">Title:</label>' in html
    assert 'type="file" name="upload" accept="image/*"' in html
    assert "JPEG, PNG, WebP, GIF or AVIF; location data is removed on upload." in html
    assert 'class="image-thumbnail"' in change.content.decode()


def test_it_refreshes_cached_pages_when_a_shown_pictures_renditions_change(
    client, page_cache, make_article, make_image
):
    photo = make_image("Harbour")
    story = make_article("Boats return to the harbour")
    story.body = (
        f'<p>Text.</p><figure class="figure"><img src="/x.jpg" alt="Boats" data-file="{photo.pk}">'
        "<figcaption>At dawn</figcaption></figure>"
    )
    story.save()
    story.body_images.set([photo])
    before = client.get(story.get_absolute_url()).content.decode()

    photo.focal_x = 0.2
    photo.save()
    renditions.render(photo)

    after = client.get(story.get_absolute_url()).content.decode()
    old = re.search(rf"/renditions/{photo.key.hex}/(\w+)/", before)[1]
    new = re.search(rf"/renditions/{photo.key.hex}/(\w+)/", after)[1]
    assert old != new
