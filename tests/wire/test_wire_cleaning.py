"""Clean copy: reflowed paragraphs, no invisible characters or trailers, the editor's own
sanitiser — and the same reflow for hard-wrapped copy pasted into the article form."""

from articles.models import Article
from articles.wire import WireItem
from articles.wire.cleaning import (
    clean_item,
    cut_trailer_html,
    reflow_html,
    reflow_text,
    strip_invisible,
)

WRAPPED = """The regional governor said on Sunday that the last bridge into
the city had been destroyed overnight, cutting the main supply route.
Engineers would try to build a pontoon crossing, he said.

A second paragraph that the agency marked with a blank line, as it
should."""


def test_it_reflows_hard_wrapped_lines_into_paragraphs():
    assert reflow_text(WRAPPED) == [
        "The regional governor said on Sunday that the last bridge into the city had been "
        "destroyed overnight, cutting the main supply route. Engineers would try to build a "
        "pontoon crossing, he said.",
        "A second paragraph that the agency marked with a blank line, as it should.",
    ]


def test_it_breaks_where_a_sentence_ends_short_of_the_wrap_width():
    text = (
        "Officials said the talks would resume next week in the capital after a\n"
        "pause.\n"
        "The opposition called the delay a mistake and demanded a vote on the\n"
        "plan before the end of the year.\n"
    )
    assert reflow_text(text) == [
        "Officials said the talks would resume next week in the capital after a pause.",
        "The opposition called the delay a mistake and demanded a vote on the plan before the "
        "end of the year.",
    ]


def test_it_keeps_one_line_paragraphs_and_rejoins_hyphenated_words():
    first = "A paragraph on one line, as email clients send it, far longer than any wire " * 2
    second = "A second one, also whole, and also longer than a teleprinter's line ever was."
    assert reflow_text(f"{first.strip()}.\n{second}") == [f"{first.strip()}.", second]
    assert reflow_text("The well-\nknown square was\nempty.") == [
        "The well-known square was empty."
    ]


def test_it_removes_control_characters_and_stray_symbols():
    text = "Kyiv\u200b said\x07 \u202eit\ufeff was\u00ad calm ■ today\ufffd"
    assert strip_invisible(text) == "Kyiv said it was calm  today"


def test_it_cuts_trailers_and_keeps_their_headlines():
    html = (
        "<p>The story.</p><p><strong>More Stories</strong></p>"
        "<ul><li>Markets steady as investors wait for data</li><li>Kyiv metro reopens</li></ul>"
    )
    body, headlines = cut_trailer_html(html)
    assert body == "<p>The story.</p>"
    assert headlines == ["Markets steady as investors wait for data", "Kyiv metro reopens"]


def test_it_sanitises_with_the_editor_s_own_rules():
    item = WireItem(
        item_id="x",
        headline="Headline <b>bold</b>",
        body_html='<p onclick="x()">Text <script>alert(1)</script><a href="javascript:x">l</a></p>'
        '<iframe src="https://evil.example/"></iframe><h2>Sub</h2><ul><li>one</li></ul>',
    )
    clean = clean_item(item)
    assert clean.headline == "Headline bold"
    assert "script" not in clean.body_html and "onclick" not in clean.body_html
    assert "iframe" not in clean.body_html and "javascript" not in clean.body_html
    assert clean.body_html == Article._meta.get_field("body").sanitize(clean.body_html)
    assert "<h2>Sub</h2>" in clean.body_html


def test_it_rejoins_a_pasted_body_of_one_paragraph_per_line():
    pasted = (
        "<p>Ukrainian troops withdrew from the city of Lisichansk in the</p>"
        "<p>Lugansk region on Sunday, the governor of the region said in a</p>"
        "<p>statement.</p>"
        "<p>The governor told reporters in Kiev that the decision was taken</p>"
        "<p>to save lives.</p>"
    )
    assert reflow_html(pasted) == (
        "<p>Ukrainian troops withdrew from the city of Lisichansk in the Lugansk region on "
        "Sunday, the governor of the region said in a statement.</p>"
        "<p>The governor told reporters in Kiev that the decision was taken to save lives.</p>"
    )


def test_it_leaves_a_properly_written_body_alone():
    body = "<p>One whole paragraph.</p><p>Another <em>whole</em> paragraph.</p><ul><li>a</li></ul>"
    assert reflow_html(body) == body


def test_it_cleans_up_pasted_copy_from_the_article_form(
    editor_client, draft, edit_post, change_url
):
    pasted = (
        "<p>Ukrainian troops withdrew from the city of Lisichansk in the</p>"
        "<p>Lugansk region on Sunday, the governor said.</p>"
    )
    form = editor_client.get(change_url(draft)).content.decode()
    assert "Clean up pasted copy" in form

    response = editor_client.post(
        change_url(draft), edit_post(draft, body=pasted, clean_pasted_copy="on")
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == (
        "<p>Ukrainian troops withdrew from the city of Lisichansk in the Lugansk region on "
        "Sunday, the governor said.</p>"
    )


def test_it_leaves_the_pasted_body_as_it_is_unless_asked(
    editor_client, draft, edit_post, change_url
):
    pasted = "<p>A line that ends mid-way in the</p><p>middle of a sentence.</p>"

    editor_client.post(change_url(draft), edit_post(draft, body=pasted))

    draft.refresh_from_db()
    assert draft.body == pasted
