"""The article form on deadline, in a real browser: a closed tab's draft comes back, two
editors see each other, the related-story picker says what each story is, the save bar stays
in view, and a phone screen holds every part of the form."""

import pytest
from playwright.sync_api import expect

from articles.desk import autosave, presence
from articles.models import Article, DraftInProgress, RelatedStory
from articles.staff.roles import EDITOR
from tests.e2e.waiting import eventually

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADD = "/admin/articles/article/add/"


def change_page(live_server, story):
    return f"{live_server.url}/admin/articles/article/{story.pk}/change/"


def test_it_offers_back_a_draft_typed_and_then_abandoned_by_closing_the_page(
    signed_in, live_server, make_staff, world, monkeypatch
):
    monkeypatch.setattr(autosave, "AUTOSAVE_SECONDS", 1)
    editor = make_staff(EDITOR, "ed")
    context = signed_in(editor)
    page = context.new_page()
    page.goto(live_server.url + ADD)
    page.locator("#id_headline").fill("Night trains to Lviv return after a week of strikes")
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.type("The first sleeper left on time.")
    expect(page.locator(".save-bar__status")).to_contain_text("Unsaved changes kept at")
    # The last words typed go with the page as it is left (after the warning about leaving).
    page.locator("#id_standfirst").fill("Passengers cheered.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.goto(live_server.url + "/admin/")
    assert dialogs == ["beforeunload"]
    eventually(
        lambda: (
            ["standfirst", "Passengers cheered."] in DraftInProgress.objects.get(user=editor).fields
        )
    )
    page.close()
    eventually(lambda: not Article.objects.exists())  # nothing was saved

    page = context.new_page()
    page.goto(live_server.url + ADD)
    offer = page.locator(".autosave-offer")
    expect(offer).to_contain_text(
        "Restore your unsaved story “Night trains to Lviv return after a week of strikes”"
    )
    offer.get_by_role("button", name="Restore").click()
    expect(offer).to_have_count(0)
    expect(page.locator("#id_headline")).to_have_value(
        "Night trains to Lviv return after a week of strikes"
    )
    expect(page.locator("#id_standfirst")).to_have_value("Passengers cheered.")
    expect(page.locator(".prose-editor [contenteditable=true]")).to_contain_text(
        "The first sleeper left on time."
    )
    expect(page.locator("#body-count")).to_have_text("6 words · about 1 min read")


def test_it_shows_two_editors_each_other_before_either_types(
    signed_in, live_server, make_staff, maria, published, monkeypatch
):
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)
    ed = signed_in(make_staff(EDITOR, "ed")).new_page()
    ed.goto(change_page(live_server, published))
    expect(ed.locator(".presence")).to_be_hidden()

    colleague = signed_in(maria).new_page()
    colleague.goto(change_page(live_server, published))
    expect(colleague.locator(".presence")).to_contain_text("ed is also editing this story.")
    expect(ed.locator(".presence")).to_contain_text("Maria Editor is also editing this story.")

    # The second editor is warned before typing a word.
    colleague.locator("#id_headline").focus()
    expect(colleague.locator("[data-presence-alert]")).to_contain_text(
        "Before you type: ed has this story open too. Agree who writes"
    )
    colleague.close()
    expect(ed.locator(".presence")).to_be_hidden()


def test_it_shows_desk_date_and_state_in_the_picker_and_warns_on_a_draft(
    signed_in, live_server, make_staff, published, draft
):
    page = signed_in(make_staff(EDITOR, "ed")).new_page()
    page.goto(change_page(live_server, published))
    page.locator("#pinned_related-group .add-row a").click()
    page.locator("#pinned_related-group .select2-selection").first.click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill("Kyiv")
    options = page.locator(".select2-results__option")
    when = draft.created_at
    expect(options.filter(has_text="SECRET DRAFT about Kyiv")).to_have_text(
        f"SECRET DRAFT about Kyiv — World · {when.day} {when:%b %Y} · Draft"
    )
    # The story being edited is never offered.
    expect(options.filter(has_text="Power restored in Kyiv")).to_have_count(0)
    options.filter(has_text="SECRET DRAFT about Kyiv").click()
    expect(page.locator("#pinned_related-group .pin-warning")).to_have_text(
        "Not public yet (Draft): readers will not see it under More Stories until it is."
    )
    # Region suggestions: "Add all" files the story under every place the text mentions.
    page.locator("#id_standfirst").fill("Shelling near Kramatorsk; aid convoys from Poland.")
    page.get_by_role("button", name="Suggest regions and sources").click()
    page.get_by_role("button", name="Add all (2)").click()
    expect(page.locator("#id_regions option:checked")).to_have_text(
        ["Kyiv", "Kramatorsk", "Poland"]
    )
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Pinned, but readers cannot see it yet: “SECRET DRAFT about Kyiv” (Draft)"
    )
    eventually(lambda: RelatedStory.objects.filter(article=published, related=draft).exists())
    filed = {"Kyiv", "Kramatorsk", "Poland"}
    eventually(lambda: set(published.regions.values_list("name", flat=True)) == filed)


def test_it_keeps_the_save_bar_in_view_and_previews_and_saves_with_the_keyboard(
    signed_in, live_server, make_staff, published
):
    page = signed_in(make_staff(EDITOR, "ed"), viewport={"width": 1280, "height": 720}).new_page()
    page.goto(change_page(live_server, published))
    headline = page.locator("#id_headline")
    ninety = (
        "Grid operator restores power to most of Kyiv after the longest overnight outage of winter."
    )
    assert len(ninety) == 90
    headline.fill(ninety)
    # A 90-character headline fits the box, with its count and guidance under it.
    assert headline.evaluate("box => box.scrollWidth <= box.clientWidth")
    expect(page.locator("#headline-count")).to_have_text(
        "90 characters — 20 over the 70 that read best"
    )
    for y in (0, 1500, 100_000):
        page.evaluate(f"window.scrollTo(0, {y})")
        expect(page.locator(".save-bar")).to_be_in_viewport()
    # Alt+P previews what is on the form in a new tab; nothing is saved by it.
    with page.context.expect_page() as opened:
        page.keyboard.press("Alt+p")
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(ninety)
    expect(preview.locator(".preview-banner")).to_contain_text("Nothing has been saved")
    preview.close()
    eventually(lambda: Article.objects.get(pk=published.pk).headline == published.headline)
    page.keyboard.press("Control+s")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    eventually(lambda: Article.objects.get(pk=published.pk).headline == ninety)


def test_it_fits_every_part_of_the_form_on_a_phone(
    signed_in, live_server, make_staff, published, make_article
):
    for position in range(2):
        RelatedStory.objects.create(
            article=published, related=make_article(f"Related story {position}"), position=position
        )
    context = signed_in(make_staff(EDITOR, "ed"), viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(change_page(live_server, published))
    page.locator("#corrections-group .add-row a").click()
    # Nothing wider than the screen: every control, inline row and table ends inside it.
    overflowing = page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '#article_form input, #article_form select, #article_form textarea,' +
              '#article_form .select2-container, #article_form table, #article_form tr,' +
              '#article_form .save-bar')
            ).filter(el => el.offsetParent !== null && el.type !== 'hidden')
             .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
             .map(el => el.name || el.className || el.tagName)"""
    )
    assert overflowing == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    byline = page.locator("#article_authors-group td.field-author").first
    expect(byline).to_be_visible()
    assert byline.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Author"'
