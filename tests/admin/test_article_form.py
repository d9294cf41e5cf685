"""The article form built for speed: a save bar offering what each role may do, a preview of
the unsaved form (even before the first save), and what the counters and shortcuts need."""

from html.parser import HTMLParser

import pytest
from reversion.models import Version

from articles.models import Article, AuditEntry, Status
from articles.stories import derived

ADD_URL = "/admin/articles/article/add/"
PREVIEW_NEW = "/admin/articles/article/preview-form/"


class SaveBar(HTMLParser):
    """The labels of the save bar's buttons, in order."""

    def __init__(self):
        super().__init__()
        self.depth, self.labels, self._button = 0, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "save-bar" in (attributes.get("class") or "").split():
            self.depth = 1
        elif tag == "div" and self.depth:
            self.depth += 1
        if not self.depth:
            return
        if tag == "input" and attributes.get("type") == "submit":
            self.labels.append(attributes["value"])
        elif tag == "button" or (tag == "a" and "data-preview-button" in attributes):
            self._button = ""

    def handle_data(self, data):
        if self._button is not None:
            self._button += data

    def handle_endtag(self, tag):
        if tag in ("button", "a") and self._button is not None:
            self.labels.append(self._button.strip())
            self._button = None
        elif tag == "div" and self.depth:
            self.depth -= 1


def buttons(page: str) -> list[str]:
    parser = SaveBar()
    parser.feed(page)
    return parser.labels


def new_story_post(section, author, **fields):
    """The "Add article" form as a browser posts it, one byline credit."""
    data = {
        "headline": "Trains to Kyiv resume",
        "slug": "trains-resume",
        "standfirst": "Night services follow next week.",
        "body": "<p>The first train left at dawn.</p>",
        "section": str(section.pk),
        "status": Status.DRAFT,
        "article_authors-TOTAL_FORMS": "1",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-0-author": str(author.pk),
        "article_authors-0-position": "0",
    }
    for prefix in ("article_authors", "pinned_related", "corrections"):
        data.setdefault(f"{prefix}-TOTAL_FORMS", "0")
        data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    return {**data, **fields}


class FormControls(HTMLParser):
    """The page's scripts and inline handlers, and the article form's submit buttons in order."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.submits = [], [], []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "form":
            self._in_form = attributes.get("id") == "article_form"
        self.handlers += [name for name in attributes if name.startswith("on")]
        if self._in_form and attributes.get("type") == "submit":
            self.submits.append(attributes)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def controls(page: str) -> FormControls:
    parser = FormControls()
    parser.feed(page)
    return parser


def test_it_offers_an_editor_save_submit_publish_and_preview_on_a_draft(
    editor_client, draft, change_url
):
    labels = buttons(editor_client.get(change_url(draft)).content.decode())
    assert labels == ["Save draft", "Submit for review", "Publish", "Preview", "Save and close"]


def test_it_offers_a_reporter_no_publish_button(reporter, reporter_client, draft, change_url):
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)
    labels = buttons(reporter_client.get(change_url(draft)).content.decode())
    assert labels == ["Save draft", "Submit for review", "Preview", "Save and close"]
    new = buttons(reporter_client.get(ADD_URL).content.decode())
    assert new == ["Save draft", "Submit for review", "Preview", "Save and close"]


def test_it_offers_save_without_publish_on_a_live_story(editor_client, published, change_url):
    labels = buttons(editor_client.get(change_url(published)).content.decode())
    assert labels == ["Save", "Preview", "Save and close"]


def test_it_offers_a_read_only_reader_of_a_story_no_save(reporter_client, published, change_url):
    page = reporter_client.get(change_url(published)).content.decode()
    assert buttons(page) == []
    assert 'name="_continue"' not in page


def test_it_submits_for_review_from_the_save_bar_and_stays_on_the_form(
    editor_client, draft, change_url, edit_post
):
    data = edit_post(draft, headline="Ready for the desk", _workflow="review")
    del data["_save"]
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    story = Article.objects.get(pk=draft.pk)
    assert story.status == Status.REVIEW and story.headline == "Ready for the desk"


def test_it_publishes_from_the_save_bar(editor_client, draft, change_url, edit_post):
    data = edit_post(draft, _workflow="published")
    del data["_save"]
    editor_client.post(change_url(draft), data)
    assert Article.objects.get(pk=draft.pk).is_public


def test_it_refuses_a_reporters_forged_publish_button(
    reporter, reporter_client, draft, change_url, edit_post
):
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)
    response = reporter_client.post(change_url(draft), edit_post(draft, _workflow="published"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


def test_it_previews_a_new_story_before_its_first_save_and_keeps_nothing(
    editor_client, world, reporter_author
):
    stories, versions, audit = (
        Article.objects.count(),
        Version.objects.count(),
        AuditEntry.objects.count(),
    )
    data = new_story_post(world, reporter_author)

    response = editor_client.post(PREVIEW_NEW, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="story__headline">Trains to Kyiv resume</h1>' in page
    assert "The first train left at dawn." in page and "Olena Kovalenko" in page
    assert "Nothing has been saved" in page
    assert "noindex" in response["X-Robots-Tag"] and "no-store" in response["Cache-Control"]
    assert Article.objects.count() == stories
    assert (Version.objects.count(), AuditEntry.objects.count()) == (versions, audit)
    assert not Article.objects.filter(slug="trains-resume").exists()
    # Saving it afterwards works: the rolled-back preview left no slug or id behind.
    saved = editor_client.post(ADD_URL, {**data, "_save": "Save"})
    assert saved.status_code == 302
    assert Article.objects.get(slug="trains-resume").credited[0]["name"] == "Olena Kovalenko"


def test_it_previews_unsaved_changes_without_touching_the_story(
    editor_client, published, edit_post
):
    before = Article.objects.filter(pk=published.pk).values().get()
    data = edit_post(published, headline="Power back on across all of Kyiv", tags="Energy, Grid")
    response = editor_client.post(f"/admin/articles/article/{published.pk}/preview-form/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Power back on across all of Kyiv" in page and "Grid" in page
    assert Article.objects.filter(pk=published.pk).values().get() == before
    assert sorted(published.tags.names()) == ["Energy", "Ukraine"]


def test_it_previews_a_form_opened_before_someone_elses_save(
    editor_client, published, edit_post, change_url, maria, login
):
    stale = edit_post(published, headline="My version of the headline")
    login(maria).post(change_url(published), edit_post(published, headline="Maria's"))
    response = editor_client.post(f"/admin/articles/article/{published.pk}/preview-form/", stale)
    assert response.status_code == 200
    assert "My version of the headline" in response.content.decode()
    assert Article.objects.get(pk=published.pk).headline == "Maria's"


def test_it_says_what_a_preview_needs_first(editor_client, world):
    response = editor_client.post(PREVIEW_NEW, {"headline": "", "slug": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page and "Headline: This field is required." in page


@pytest.mark.parametrize("who", ["anonymous", "tag_manager", "reporter"])
def test_it_refuses_previews_of_forms_to_whoever_may_not_edit(
    who, client, login, tag_manager, reporter, draft, edit_post
):
    session = (
        client
        if who == "anonymous"
        else login({"tag_manager": tag_manager, "reporter": reporter}[who])
    )
    response = session.post(f"/admin/articles/article/{draft.pk}/preview-form/", edit_post(draft))
    assert response.status_code in (302, 403)
    if who == "tag_manager":
        assert session.post(PREVIEW_NEW, edit_post(draft)).status_code == 403


def test_it_gives_the_counters_the_reading_speed_and_the_headline_guidance(
    editor_client, published, change_url
):
    page = editor_client.get(change_url(published)).content.decode()
    assert f'data-words-per-minute="{derived.WORDS_PER_MINUTE}"' in page
    assert 'data-reads-best="70"' in page
    assert 'aria-describedby="id_headline_helptext headline-count"' in page


def test_it_lists_the_keyboard_shortcuts(editor_client, published, change_url):
    page = editor_client.get(change_url(published)).content.decode()
    assert 'id="form-shortcuts"' in page and "<kbd>Ctrl</kbd>+<kbd>S</kbd>" in page
    assert 'aria-keyshortcuts="Control+S Meta+S"' in page
    assert 'aria-keyshortcuts="Alt+P Control+Shift+P Meta+Shift+P"' in page


def test_it_saves_and_stays_when_enter_is_pressed_in_a_field(editor_client, published, change_url):
    # Implicit submission presses the form's first submit button: it must be a save, not the
    # action menu's "Run" (which would throw away what was typed).
    first = controls(editor_client.get(change_url(published)).content.decode()).submits[0]
    assert first["name"] == "_continue"


def test_it_carries_no_inline_script_on_the_article_form(editor_client, published, change_url):
    for url in (change_url(published), ADD_URL):
        page = controls(editor_client.get(url).content.decode())
        # The rich-text editor's import map is JSON the browser reads, carrying the CSP nonce.
        inline = [s for s in page.scripts if "src" not in s and s.get("type") != "importmap"]
        assert inline == [], url
        assert page.handlers == [], url
        sources = [s["src"] for s in page.scripts if "src" in s]
        for script in ("article_form.js", "autosave.js", "presence.js", "related_picker.js"):
            assert any(src.endswith(f"admin_extra/{script}") for src in sources), script
