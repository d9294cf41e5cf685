"""Take the manual's screenshots (docs/screenshots/) with headless Chromium: what a reader and an editor see.

Run through `make screenshots`, which serves a throwaway demo newsroom on port 8765 first.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"
OUT = Path(__file__).resolve().parent / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def log_in(page, username, password):
    page.goto(f"{BASE}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def reader_journey(browser):
    """Home → section → story → topic → region → search → feed, at 1280 and 375 px, in light
    and dark mode (tests/e2e/test_reader_journey.py walks the same way)."""
    for scheme in ("light", "dark"):
        suffix = "" if scheme == "light" else "-dark"
        for width, device in ((1280, ""), (375, "-phone")):
            context = browser.new_context(
                viewport={"width": width, "height": 900 if width > 400 else 812},
                device_scale_factor=1 if width > 400 else 2,
                color_scheme=scheme,
            )
            page = context.new_page()

            def shot(name, page=page, device=device, suffix=suffix):
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"reader-{name}{device}{suffix}.png")

            page.goto(f"{BASE}/")
            shot("home")
            page.get_by_role("navigation", name="Sections").get_by_role("link").first.click()
            shot("section")
            page.locator("main .card__headline a").first.click()
            shot("article")
            page.locator(".story__filed a[href^='/tags/']").first.click()
            shot("tag")
            page.go_back()
            page.locator(".story__filed a[href^='/regions/']").first.click()
            shot("region")
            search = page.get_by_role("search", name="Site search")
            search.get_by_role("searchbox").fill("Kyiv")
            search.get_by_role("button", name="Search").click()
            shot("search")
            context.close()


def main():
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        reader_journey(browser)
        if "--reader-only" in sys.argv:
            browser.close()
            return

        desktop = browser.new_page(viewport={"width": 1280, "height": 900})
        desktop.goto(f"{BASE}/", wait_until="networkidle")
        desktop.screenshot(path=OUT / "home.png")
        desktop.locator("main a[href*='/20']").first.click()
        desktop.wait_for_load_state("networkidle")
        desktop.screenshot(path=OUT / "article.png", full_page=True)

        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        phone.goto(f"{BASE}/", wait_until="networkidle")
        phone.screenshot(path=OUT / "home-phone.png")

        editor = browser.new_page(viewport={"width": 1280, "height": 1000})
        log_in(editor, "editor", "editor-demo-2026")
        editor.goto(f"{BASE}/admin/articles/article/")
        editor.screenshot(path=OUT / "admin-articles.png")
        story = editor.locator("#result_list tbody th a").first.get_attribute("href")
        # A colleague has the story open, so the form shows who else is in it.
        colleague = browser.new_page()
        log_in(colleague, "admin", "admin-demo-2026")
        colleague.goto(f"{BASE}{story}", wait_until="networkidle")
        editor.goto(f"{BASE}{story}")
        editor.wait_for_selector(".prose-editor .ProseMirror[contenteditable]")
        editor.wait_for_load_state("networkidle")
        editor.locator("#id_headline").press("End")
        editor.keyboard.type(" as winter nears")
        editor.wait_for_selector("text=Unsaved changes kept at")
        editor.screenshot(path=OUT / "admin-article.png")

        # The fronts screen, then a breaking-news banner as a reader sees it on a phone.
        editor.goto(f"{BASE}/admin/articles/front/")
        editor.get_by_role("link", name="Home page").click()
        editor.wait_for_load_state("networkidle")
        editor.screenshot(path=OUT / "admin-front.png")
        editor.goto(f"{BASE}/admin/articles/banner/add/")
        editor.get_by_label("Text").fill("Air raid alert across Ukraine: residents told to shelter")
        editor.locator("input[name=_save]").click()
        phone.goto(f"{BASE}/", wait_until="networkidle")
        phone.screenshot(path=OUT / "banner-phone.png")

        form_phone = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        log_in(form_phone, "editor", "editor-demo-2026")
        form_phone.goto(f"{BASE}{story}", wait_until="networkidle")
        form_phone.locator("#article_authors-group").scroll_into_view_if_needed()
        form_phone.evaluate("window.scrollBy(0, -60)")
        form_phone.screenshot(path=OUT / "admin-article-phone.png")
        browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
