"""On a phone, in a real browser: the story's lead picture comes from the library as a
<picture> with srcset and sizes, and a 360-pixel-wide screen downloads the small rendition,
never the large ones; a wide screen takes a larger one."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    # Like every browser test: its flush at the end must not re-create the content types the
    # next serialized-rollback test puts back (a UNIQUE failure on django_content_type).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def pictured_story(make_article, make_image):
    photo = make_image("Dam at dawn", size=(3000, 2000), alt_text="A dam at dawn")
    return make_article("Water levels fall at the dam", lead_image=photo)


def _lead_downloads(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    downloaded = []
    page.on(
        "response",
        lambda response: (
            downloaded.append(response.url) if "/renditions/" in response.url else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    lead = page.locator(".story__figure img")
    chosen = lead.evaluate("img => img.currentSrc")
    natural = lead.evaluate("img => img.naturalWidth")
    attributes = {
        name: lead.get_attribute(name)
        for name in ("srcset", "sizes", "width", "height", "loading", "fetchpriority")
    }
    sources = page.locator(".story__figure picture source").evaluate_all(
        "sources => sources.map(s => [s.type, s.srcset])"
    )
    context.close()
    return chosen, natural, downloaded, attributes, sources


def test_it_downloads_the_small_lead_on_a_phone(browser, live_server, pictured_story):
    url = live_server.url + pictured_story.get_absolute_url()

    chosen, natural, downloaded, attributes, sources = _lead_downloads(browser, url, 360)

    widths = [int(w) for w in re.findall(r" (\d+)w", attributes["srcset"])]
    assert widths == [320, 640, 1024, 1600]
    assert attributes["sizes"] == "(min-width: 60em) 56rem, 100vw"
    assert (attributes["width"], attributes["height"]) == ("1600", "900")
    assert (attributes["loading"], attributes["fetchpriority"]) == ("eager", "high")
    assert [kind for kind, _ in sources] == ["image/avif", "image/webp"]
    # 360 CSS pixels at 1×: the 640-pixel rendition, in the best format the browser reads.
    assert re.search(r"/wide-640\.(avif|webp|jpg)$", chosen), chosen
    assert natural == 360  # drawn at the screen's width (640 pixels at a density of 640/360)
    leads = [address for address in downloaded if "/wide-" in address]
    assert leads == [chosen]

    wide_chosen, wide_natural, _, _, _ = _lead_downloads(browser, url, 1280)
    assert re.search(r"/wide-1024\.(avif|webp|jpg)$", wide_chosen), wide_chosen
    assert 890 <= wide_natural <= 896  # 56rem (rounded)
