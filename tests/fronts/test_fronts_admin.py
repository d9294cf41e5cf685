"""The fronts and banner screens: an editor arranges a front (reorders, removes, pins by
search, previews, publishes or schedules, calls off) and raises or lowers the banner; reporters,
tag managers and visitors are refused by the views themselves, and a refused request changes
nothing in the database."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.fronts import front_of
from articles.models import ArchiveState, Arrangement, Banner, Fill, Front, Slot, SlotKind

FRONTS = "/admin/articles/front/"
BANNERS = "/admin/articles/banner/"
SLOT_DEFAULTS = {
    "kind": SlotKind.BLOCK,
    "story": "",
    "fill": Fill.LATEST,
    "section": "",
    "tag": "",
    "region": "",
    "count": 1,
    "heading": "",
}


def arrangement_post(*slots, action="publish", goes_live_at="", note=""):
    """The arranging form as a browser posts it: `slots` are dicts of field values (a story,
    section, tag or region as the object itself), in the order shown on the page."""
    data = {
        "slots-TOTAL_FORMS": str(len(slots)),
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "40",
        "action": action,
        "goes_live_at": goes_live_at,
        "note": note,
    }
    for n, slot in enumerate(slots):
        fields = {"position": n, **SLOT_DEFAULTS, **slot}
        for name, value in fields.items():
            if value is True:
                value = "on"
            elif value is False:
                continue
            data[f"slots-{n}-{name}"] = str(getattr(value, "pk", value))
    return data


def local_input(moment) -> str:
    """A time as a datetime-local box sends it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


@pytest.fixture
def home_front(db):
    return front_of(None, create=True)


def change_url(front):
    return f"{FRONTS}{front.pk}/change/"


def test_it_lets_an_editor_set_up_the_home_front_once(editor_client, sports):
    assert editor_client.get(FRONTS).status_code == 200
    response = editor_client.post(FRONTS + "add/", {"section": ""})
    front = Front.objects.get()
    assert front.section is None
    assert response["Location"] == change_url(front)
    again = editor_client.post(FRONTS + "add/", {"section": ""})
    assert "This page already has a front" in again.content.decode()
    editor_client.post(FRONTS + "add/", {"section": sports.pk})
    assert Front.objects.count() == 2
    listing = editor_client.get(FRONTS).content.decode()
    assert "Home page" in listing and "Sports" in listing


def test_it_starts_from_the_live_arrangement_naming_desk_and_date(
    editor_client, home_front, arrange_front, morning_desk
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"], "fill": Fill.LATEST})
    page = editor_client.get(change_url(home_front)).content.decode()
    published = timezone.localtime(morning_desk["grain"].published_at)
    assert f"Grain ships leave Odesa under escort — World, {published:%-d %b %Y %H:%M}" in page
    assert 'name="slots-TOTAL_FORMS" value="1"' in page
    assert "Live now" in page
    # No inline script: the editor's behaviour is a static file.
    assert "admin_extra/front_editor.js" in page
    assert "<script>" not in page


def test_it_publishes_the_slots_in_the_order_the_editor_left_them(
    client, editor_client, home_front, morning_desk, sports, editor
):
    data = arrangement_post(
        {"fill": Fill.SECTION, "section": sports, "count": 2, "position": 2},
        {"kind": SlotKind.LEAD, "story": morning_desk["talks"], "position": 0},
        {"kind": SlotKind.TOP, "fill": Fill.LATEST, "count": 2, "position": 1},
        {"kind": SlotKind.TOP, "heading": "Removed", "position": 3, "DELETE": True},
        note="New lead: the talks",
    )
    response = editor_client.post(change_url(home_front), data)
    assert response.status_code == 302
    arrangement = Arrangement.objects.get()
    assert (arrangement.created_by, arrangement.note) == (editor, "New lead: the talks")
    assert [(s.kind, s.position) for s in arrangement.slots.all()] == [
        (SlotKind.LEAD, 0),
        (SlotKind.TOP, 1),
        (SlotKind.BLOCK, 2),
    ]
    assert "Published: readers see the new Home page front now." in (
        editor_client.get(change_url(home_front)).content.decode()
    )
    assert "Ceasefire talks resume in Geneva" in client.get("/").content.decode()


def test_it_schedules_an_arrangement_for_a_time_to_come(editor_client, home_front, morning_desk):
    six = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    data = arrangement_post(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        action="schedule",
        goes_live_at=local_input(six),
    )
    assert editor_client.post(change_url(home_front), data).status_code == 302
    assert Arrangement.objects.get().goes_live_at == six
    page = editor_client.get(change_url(home_front)).content.decode()
    assert "Scheduled" in page and "Call off" in page


@pytest.mark.parametrize(
    ("slots", "publishing", "message"),
    [
        ([{"fill": Fill.TAG}], {}, "Choose the tag whose latest stories fill the slot."),
        (
            [{"kind": SlotKind.LEAD}, {"kind": SlotKind.LEAD}],
            {},
            "A front has one lead story",
        ),
        ([{}], {"action": "schedule"}, "Choose when the arrangement goes live."),
        (
            [{}],
            {"action": "schedule", "goes_live_at": "2020-01-01T06:00"},
            "Choose a time still to come",
        ),
    ],
    ids=["rule without its tag", "two leads", "schedule without a time", "schedule in the past"],
)
def test_it_says_what_to_fix_and_publishes_nothing(
    editor_client, home_front, morning_desk, slots, publishing, message
):
    response = editor_client.post(change_url(home_front), arrangement_post(*slots, **publishing))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Arrangement.objects.exists()


def test_it_refuses_a_forged_pin_of_a_draft(editor_client, home_front, morning_desk):
    data = arrangement_post({"kind": SlotKind.LEAD, "story": morning_desk["draft"]})
    response = editor_client.post(change_url(home_front), data)
    assert "Select a valid choice" in response.content.decode()
    assert not Arrangement.objects.exists()


def test_it_previews_an_arrangement_without_publishing_it(
    editor_client, home_front, morning_desk, arrange_front
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    data = arrangement_post(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, action="preview"
    )
    response = editor_client.post(f"{FRONTS}{home_front.pk}/preview/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview" in html and "Grain ships leave Odesa under escort" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert Arrangement.objects.count() == 1
    assert "Ceasefire talks" in editor_client.get("/").content.decode()


def test_it_calls_off_a_scheduled_arrangement(
    editor_client, home_front, arrange_front, morning_desk, editor
):
    later = arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        at=timezone.now() + timedelta(hours=2),
    )
    response = editor_client.post(f"{FRONTS}{home_front.pk}/arrangements/{later.pk}/cancel/")
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.cancelled_by == editor and later.cancelled_at is not None
    again = editor_client.post(
        f"{FRONTS}{home_front.pk}/arrangements/{later.pk}/cancel/", follow=True
    )
    assert "Only an arrangement still waiting for its time" in again.content.decode()


def test_it_offers_published_stories_to_pin_with_desk_and_date(
    editor_client, morning_desk, make_article
):
    make_article("Budget speech at noon", when=timezone.now() + timedelta(hours=2))
    found = editor_client.get(FRONTS + "stories/", {"term": ""}).json()["results"]
    texts = [result["text"] for result in found]
    assert any(text.startswith("Ceasefire talks resume in Geneva — World, ") for text in texts)
    assert any("Shakhtar win the cup final — Sports" in text for text in texts)
    assert any("Budget speech at noon" in t and "(scheduled: shows once live)" in t for t in texts)
    assert not any("SECRET DRAFT" in text for text in texts)
    narrowed = editor_client.get(FRONTS + "stories/", {"term": "grain odesa"}).json()
    assert [r["id"] for r in narrowed["results"]] == [str(morning_desk["grain"].pk)]


def test_it_lets_an_editor_raise_and_lower_the_banner_in_the_admin(
    client, editor_client, published, editor
):
    response = editor_client.post(
        BANNERS + "add/",
        {
            "text": "Explosions heard in central Kyiv",
            "level": "breaking",
            "link": published.pk,
            "stays_up": "30",
            "until": "",
        },
    )
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert banner.raised_by == editor and banner.link == published
    assert timedelta(minutes=29) < banner.expires_at - banner.raised_at <= timedelta(minutes=30)
    assert "Explosions heard in central Kyiv" in client.get("/").content.decode()

    listing = editor_client.get(BANNERS).content.decode()
    assert "Showing" in listing and "editor" in listing
    page = editor_client.get(f"{BANNERS}{banner.pk}/change/").content.decode()
    assert "Lower now" in page
    editor_client.post(f"{BANNERS}{banner.pk}/lower/")
    banner.refresh_from_db()
    assert banner.lowered_by == editor
    assert "Explosions heard" not in client.get("/").content.decode()
    listing = editor_client.get(BANNERS).content.decode()
    assert "Lowered" in listing and "by editor" in listing
    assert "Lower now" not in editor_client.get(f"{BANNERS}{banner.pk}/change/").content.decode()


def test_it_refuses_a_banner_past_its_limits_in_the_admin(editor_client, published):
    response = editor_client.post(
        BANNERS + "add/",
        {
            "text": "Explosions heard",
            "level": "breaking",
            "stays_up": "30",
            "until": local_input(timezone.now() + timedelta(hours=72)),
        },
    )
    assert "A banner stays up for at most 48 hours." in response.content.decode()
    assert not Banner.objects.exists()


# Refusals ------------------------------------------------------------------------------------

ROLES = ("anonymous", "reporter", "tag_manager")


@pytest.fixture
def desk_and_staff(
    morning_desk, home_front, arrange_front, editor, reporter, tag_manager, raise_banner_now
):
    live = arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]}, by=editor)
    later = arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        at=timezone.now() + timedelta(hours=2),
        by=editor,
    )
    banner = raise_banner_now("Air raid alert in Kyiv", by=editor)
    return {
        "users": {"reporter": reporter, "tag_manager": tag_manager},
        "front": home_front,
        "live": live,
        "later": later,
        "banner": banner,
        "desk": morning_desk,
    }


@pytest.fixture
def session(desk_and_staff, client, login):
    def open_session(role):
        return client if role == "anonymous" else login(desk_and_staff["users"][role])

    return open_session


def database_state():
    return (
        list(Front.objects.order_by("pk").values()),
        list(Arrangement.objects.order_by("pk").values()),
        list(Slot.objects.order_by("pk").values()),
        list(Banner.objects.order_by("pk").values()),
        list(ArchiveState.objects.values()),
        list(Group.objects.order_by("pk").values("name", "permissions")),
    )


def refused(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 403 or (response.status_code == 302 and "/login/" in location)


GETS = {
    "fronts list": lambda n: FRONTS,
    "arranging screen": lambda n: change_url(n["front"]),
    "story search": lambda n: FRONTS + "stories/?term=talks",
    "add a front": lambda n: FRONTS + "add/",
    "banner list": lambda n: BANNERS,
    "raise a banner": lambda n: BANNERS + "add/",
}

POSTS = {
    "publish an arrangement": lambda n: (
        change_url(n["front"]),
        arrangement_post({"kind": SlotKind.LEAD, "story": n["desk"]["kyiv"]}),
    ),
    "schedule an arrangement": lambda n: (
        change_url(n["front"]),
        arrangement_post(
            {"kind": SlotKind.LEAD, "story": n["desk"]["kyiv"]},
            action="schedule",
            goes_live_at=local_input(timezone.now() + timedelta(hours=5)),
        ),
    ),
    "preview an arrangement": lambda n: (
        f"{FRONTS}{n['front'].pk}/preview/",
        arrangement_post({"kind": SlotKind.LEAD, "story": n["desk"]["kyiv"]}),
    ),
    "call off an arrangement": lambda n: (
        f"{FRONTS}{n['front'].pk}/arrangements/{n['later'].pk}/cancel/",
        {},
    ),
    "add a front": lambda n: (FRONTS + "add/", {"section": ""}),
    "raise a banner": lambda n: (
        BANNERS + "add/",
        {"text": "Forged alert", "level": "breaking", "stays_up": "30", "until": ""},
    ),
    "lower the banner": lambda n: (f"{BANNERS}{n['banner'].pk}/lower/", {}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(GETS))
def test_it_opens_the_fronts_and_banner_screens_to_editors_only(
    desk_and_staff, session, role, page
):
    response = session(role).get(GETS[page](desk_and_staff))
    assert refused(response), f"{role} should be refused {page}: {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(POSTS))
def test_it_refuses_each_forged_post_and_changes_nothing(desk_and_staff, session, role, action):
    url, data = POSTS[action](desk_and_staff)
    client = session(role)
    before = database_state()
    response = client.post(url, data)
    assert refused(response), f"{role} should be refused {action}: {response.status_code}"
    assert database_state() == before


def test_it_lets_an_editor_do_what_the_others_are_refused(desk_and_staff, editor_client):
    for page in GETS.values():
        assert editor_client.get(page(desk_and_staff)).status_code == 200
    for action in ("preview an arrangement", "publish an arrangement", "lower the banner"):
        url, data = POSTS[action](desk_and_staff)
        assert editor_client.post(url, data).status_code in (200, 302), action
    assert Arrangement.objects.count() == 3
    assert Banner.objects.get().lowered_at is not None


def test_it_lets_only_a_superuser_delete_a_front_and_the_page_goes_back_to_automatic(
    client, login, superuser, editor_client, home_front, arrange_front, morning_desk
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    assert (
        editor_client.post(f"{FRONTS}{home_front.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    login(superuser).post(f"{FRONTS}{home_front.pk}/delete/", {"post": "yes"})
    assert not Front.objects.exists() and not Arrangement.objects.exists()
    assert 'id="latest-heading"' in client.get("/").content.decode()
