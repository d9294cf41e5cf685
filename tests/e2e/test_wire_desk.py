"""The wire desk in a real browser: an editor takes an agency item over from the queue and
publishes it; a reader then reads the clean copy."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Status, WireStory
from articles.staff.roles import EDITOR
from articles.wire.ingest import ingest_copy
from tests.e2e.waiting import eventually

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_lets_an_editor_take_a_wire_item_over_and_publish_it(
    signed_in, live_server, make_staff, wire_provider, wire_sample
):
    ingest_copy(wire_sample("lysychansk.txt"), provider=wire_provider)
    ingest_copy(wire_sample("email.txt"), provider=wire_provider)
    wire = WireStory.objects.get(headline__startswith="Ukrainian forces leave Lisichansk")
    editor = make_staff(EDITOR, "ed")
    page = signed_in(editor).new_page()

    page.goto(f"{live_server.url}/admin/articles/wirestory/")
    row = page.get_by_role("row", name="Ukrainian forces leave Lisichansk")
    expect(row).to_contain_text("2 Urgent")
    row.get_by_role("button", name="Take over").click()

    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/{wire.article_id}/change/")
    expect(page.locator(".messagelist")).to_contain_text("is yours")
    expect(page.locator("#id_byline_override")).to_have_value("Agencies")
    page.locator(".save-bar__publish").click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")
    eventually(lambda: Article.objects.get(pk=wire.article_id).status == Status.PUBLISHED)
    story = Article.objects.get(pk=wire.article_id)
    assert Article.objects.published().filter(pk=story.pk).exists()
    assert WireStory.objects.get(pk=wire.pk).taken_over_by == editor

    reader = page.context.browser.new_context()
    reader_page = reader.new_page()
    reader_page.goto(f"{live_server.url}{story.get_absolute_url()}")
    expect(reader_page.get_by_role("heading", level=1)).to_have_text(
        "Ukrainian forces leave Lisichansk, governor of Lugansk region says"
    )
    main = reader_page.locator("main")
    expect(main).to_contain_text("Agencies")
    expect(main).to_contain_text(
        "the governor of the region, Serhiy Haidai, said on Sunday. The decision was taken"
    )
    expect(main.locator("article")).not_to_contain_text("Markets steady as investors wait")
    reader.close()
