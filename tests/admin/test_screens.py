"""What every staff screen shares (templates/admin/base_site.html, articles/admin/widgets.py)
and what an editor reads on the story list; the validator gate (tests/gate) checks the rest in
a browser."""

from datetime import timedelta

from django.utils import timezone
from lxml import html

from articles.models import Banner


def test_it_gives_every_staff_screen_the_shared_styles_and_control_names(editor_client, db):
    for path in ("/admin/", "/admin/articles/tag/", "/admin/articles/banner/add/"):
        page = editor_client.get(path).content.decode()

        assert "admin_extra/admin.css" in page, path
        assert "admin_extra/accessible_names.js" in page, path
        assert "admin_extra/choices_list.js" in page, path
        # Once each, not again from a screen's own media.
        assert page.count("admin_extra/admin.css") == 1, path


def test_it_indents_the_region_filter_by_css_not_by_spaces_in_the_link(editor_client, regions):
    document = html.fromstring(editor_client.get("/admin/articles/article/").content)

    [region_filter] = document.xpath("//details[@data-filter-title='region']")
    links = {a.text_content(): a.getparent().get("class") for a in region_filter.iter("a")}
    assert links["Kyiv Oblast"].startswith("filter-depth-1")
    assert links["Ukraine"].startswith("filter-depth-0")
    assert not any(name.startswith(("\u00a0", " ", "_")) for name in links)


def test_it_gives_the_story_list_room_for_headlines(editor_client, make_article):
    make_article("Embargoed report", embargo_until=timezone.now() + timedelta(hours=2))

    document = html.fromstring(editor_client.get("/admin/articles/article/").content)

    assert not document.xpath("//nav[@id='nav-sidebar']")  # the list takes the width
    headers = [th.get("class", "").split()[0] for th in document.xpath("//thead//th")]
    assert "column-embargo_display" not in headers
    [state] = document.xpath("//td[contains(@class, 'field-status_badge')]")
    assert "Embargoed until" in state.text_content()


def test_it_names_the_empty_choice_of_every_autocomplete_box(editor_client, db):
    """HTML forbids an empty <option> (the Nu checker's error on the banner, image and fronts
    screens)."""
    for path in ("/admin/articles/banner/add/", "/admin/articles/image/add/"):
        document = html.fromstring(editor_client.get(path).content)
        empty = document.xpath("//select[contains(@class, 'admin-autocomplete')]/option[@value='']")
        assert empty and all(option.text_content().strip() for option in empty), path
    assert not Banner.objects.exists()


def test_it_shows_an_accounts_password_summary_as_valid_html(login, superuser, editor):
    """Django puts `disabled` on the summary's <div> (the gate's Nu checker refused it)."""
    page = login(superuser).get(f"/admin/auth/user/{editor.pk}/change/").content.decode()

    assert 'href="../password/"' in page  # the summary and its "Reset password" link stay
    assert "<div disabled" not in page and 'disabled id="id_password"' not in page
    document = html.fromstring(page)
    assert not document.xpath("//div[@disabled]")
