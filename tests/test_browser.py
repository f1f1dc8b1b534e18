"""The built site in a real browser (Debian's Chromium, driven by Playwright): search in German
and English, the layout on a narrow screen, and no request to anyone but the site itself.

.ci/run installs Chromium; elsewhere these tests are skipped when it is missing."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from glossator.build import build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium (see .ci/run)", pytrace=False)
    pytest.skip("no chromium on this machine", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


# A correction received as a web page with a script in it: the site must offer it, never run it.
CORRECTED = b"<html><body><script>alert('ran')</script><p>Korrigiert</p></body></html>"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """A static server for a built site on a free port of 127.0.0.1, and its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from conftest import FIXTURE_PROJECT, add_correction, copy_project

    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture") / "project")
    add_correction(root, "demo-article", CORRECTED, "page.html")
    site = build_site(root, site_dir=root / "site", progress=lambda _: None)
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def search(page, url: str, words: str) -> list[str]:
    page.goto(f"{url}/index.html")
    page.click("input.md-search__input")
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize(
    ("words", "article"),
    [
        ("Max Muster", "demo-article"),
        ("Singapur", "demo-article"),
        ("Singapore", "demo-article"),
        ("verkaufte", "demo-article"),
    ],
)
def test_search_finds_names_and_words_in_both_languages(browser, site_url, words, article):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    hrefs = search(page, site_url, words)
    assert any(f"/articles/{article}.html" in h for h in hrefs), hrefs
    page.close()


def test_article_page_requests_nothing_from_third_parties(browser, site_url):
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{site_url}/articles/demo-article.html", wait_until="networkidle")
    assert hosts == {site_url.split("/")[2]}
    page.close()


def test_narrow_screen_puts_translation_under_each_paragraph(browser, site_url):
    page = browser.new_page(viewport={"width": 400, "height": 900})
    page.goto(f"{site_url}/articles/demo-article.html")
    row = page.locator("#p1")
    original = row.locator(".gl-original").bounding_box()
    english = row.locator(".gl-translation").bounding_box()
    assert english["y"] >= original["y"] + original["height"] - 1, "stacked, not side by side"
    page.set_viewport_size({"width": 1400, "height": 900})
    original = row.locator(".gl-original").bounding_box()
    english = row.locator(".gl-translation").bounding_box()
    assert abs(english["y"] - original["y"]) < 5 and english["x"] > original["x"], "side by side"
    page.close()


def test_a_version_received_as_html_is_downloaded_or_shown_as_text_never_run(browser, site_url):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_url}/articles/demo-article.html")
    assert "Corrected on 2026-11-26" in page.locator("#corrected").inner_text()
    link = page.locator("a[download]", has_text="page.html")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "page.html"
    assert Path(download.value.path()).read_bytes() == CORRECTED
    response = page.goto(site_url + "/articles/" + link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/plain")
    assert "<script>alert('ran')</script>" in page.locator("body").inner_text()
    assert dialogs == []
    page.close()
